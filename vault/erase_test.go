package vault

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestEraseLeavesNothing is issue 14's must show 1: put, export-raw a
// record, erase it, then search the whole vault directory for a 64-byte
// chunk of that ciphertext and of its attachment's, and for the
// testimony's sentinel strings: none is found. The record's ciphertext is
// sealed and Badger-encrypted at rest, so a grep cannot find it even
// before the erase; what shows that Badger forgot it is that no log file
// holds an entry of its keys any more (read decrypted with LogKeys), and
// no table a version of them (Purge checks that before Erase returns).
// The attachment's age file is in clear in blobs/, where the grep finds
// the chunk before the erase. The audit log verifies, records the erasure
// with its reason, and Check, reading every byte, finds nothing amiss.
func TestEraseLeavesNothing(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	docs := loadFixtures(t)
	// t03 alone names its witness (TW-0201); t01 and t02 name each other.
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	id := ids[2]
	secret := []string{"Ryu Daeho", "010 7781 3302", "HERON-BIRCH-42", "TV-2020-007", "TW-0201"}
	const attSentinel = "SENTINEL-erased-attachment-5b1c"
	att, err := v.Attach(ctx, id, strings.NewReader(strings.Repeat(attSentinel+"\n", 2000)), "document", "", "text/plain")
	if err != nil {
		t.Fatal(err)
	}
	ct, err := v.ExportRaw(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var blob bytes.Buffer
	if err := v.AttachmentRaw(ctx, id, att.ID, &blob); err != nil {
		t.Fatal(err)
	}
	chunk := func(b []byte) string { return string(b[len(b)/2 : len(b)/2+64]) }
	ctChunk, blobChunk := chunk(ct), chunk(blob.Bytes())
	if found := grepDir(t, dir, []string{blobChunk}); len(found) == 0 {
		t.Fatal("before the erase, the grep does not find the attachment's ciphertext: it would find nothing after")
	}
	storageKey := keys.Derive(v.keys.Root, keys.Storage)
	erasedKeys := [][]byte{indexKey(id), versionKey(id, 1), recordLinksKey(id), attachmentKey(id, att.ID)}
	if n := logEntries(t, dir, storageKey, erasedKeys); n == 0 {
		t.Fatal("before the erase, no Badger log holds the record's keys: the check would find nothing after")
	}
	if _, err := v.PersonByKey(ctx, "TW-0201"); err != nil {
		t.Fatal(err)
	}

	if _, err := v.Erase(ctx, id, service.EraseOptions{}); !errors.Is(err, service.ErrInvalidArgument) {
		t.Fatalf("erase without a reason: %v", err)
	}
	er, err := v.Erase(ctx, id, service.EraseOptions{Reason: "duplicate import"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (service.Erasure{ID: id, Versions: 1, Attachments: 1, Persons: 1}); *er != want {
		t.Errorf("erasure %+v, want %+v", *er, want)
	}

	grepTree(t, dir, append([]string{ctChunk, blobChunk, attSentinel}, secret...))
	if n := logEntries(t, dir, storageKey, erasedKeys); n > 0 {
		t.Errorf("after the erase, Badger's logs hold %d entries of the record's keys", n)
	}
	err = v.raw.View(ctx, func(tx store.ReadTx) error {
		for _, k := range append(erasedKeys, personKey("")) {
			if err := tx.Scan(k, func(key, _ []byte) error {
				if bytes.HasPrefix(key, []byte(personPrefix)) {
					return nil // the other records' persons
				}
				return errors.New(string(key) + " is left")
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}

	// Erased to an officer, missing to anyone else; the person is gone,
	// the other records and their persons stay.
	var ee *service.ErasedError
	if _, err := v.Get(ctx, id); !errors.As(err, &ee) || ee.ID != id {
		t.Errorf("officer's get of the erased record: %v", err)
	}
	auditor := service.WithActor(ctx, service.Actor{Name: "aud", Role: policy.Auditor, Transport: "unix"})
	if _, err := v.GetView(auditor, id, policy.ViewMetadata, ""); !errors.Is(err, service.ErrNotFound) || errors.Is(err, service.ErrErased) {
		t.Errorf("auditor's view of the erased record: %v", err)
	}
	if _, err := v.History(auditor, id); !errors.Is(err, service.ErrNotFound) || errors.Is(err, service.ErrErased) {
		t.Errorf("auditor's history of the erased record: %v", err)
	}
	if _, err := v.PersonByKey(ctx, "TW-0201"); !errors.Is(err, service.ErrNoPerson) {
		t.Errorf("the erased record's witness: %v", err)
	}
	for _, other := range ids[:2] {
		if _, err := v.Get(ctx, other); err != nil {
			t.Error(err)
		}
	}
	for _, key := range []string{"TW-0101", "TW-0102"} {
		if _, err := v.PersonByKey(ctx, key); err != nil {
			t.Error(err)
		}
	}

	if _, err := v.AuditVerify(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var erase *audit.Entry
	var purged bool
	err = v.AuditLog(ctx, service.AuditFilter{Target: id}, func(e *audit.Entry) error {
		switch e.Action {
		case "erase":
			erase = e
		case "erase.purged":
			purged = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if erase == nil || erase.Outcome != audit.OutcomeOK || erase.Purpose != "duplicate import" || erase.Actor != service.LocalOperator.Name {
		t.Errorf("erase entry: %+v", erase)
	}
	if !purged {
		t.Error("no erase.purged entry")
	}
	rep, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("check after the erase: %+v", rep.Problems)
	}

	// All of it holds after a reopen.
	closeTest(t, v)
	grepTree(t, dir, append([]string{ctChunk, blobChunk, attSentinel}, secret...))
	if n := logEntries(t, dir, storageKey, erasedKeys); n > 0 {
		t.Errorf("after a reopen, Badger's logs hold %d entries of the record's keys", n)
	}
	v = openTest(t, dir)
	defer v.Close()
	if _, err := v.Get(ctx, id); !errors.As(err, &ee) {
		t.Errorf("get after a reopen: %v", err)
	}
}

// logEntries counts the entries of Badger's logs in the vault directory
// dir whose key is one of keys.
func logEntries(t *testing.T, dir string, storageKey []byte, keys [][]byte) int {
	t.Helper()
	n := 0
	err := badgerstore.LogKeys(filepath.Join(dir, dbDir), storageKey, func(_ string, k []byte) error {
		if slices.ContainsFunc(keys, func(e []byte) bool { return bytes.Equal(e, k) }) {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
