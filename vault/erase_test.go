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
	"github.com/tvault/tvault/vault/testimony"
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
	t.Parallel()
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
	storageKey := keys.Derive(v.secrets().LineageRoot(), keys.Storage)
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

// TestEraseParts erases one version and one attachment, and refuses what
// cannot be erased, changing nothing: each refusal is checked against the
// record as it then is.
func TestEraseParts(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	id := ids[0]
	second, third := *docs[0], *docs[0]
	second.Title, third.Title = "second", "third"
	for _, d := range []*testimony.Testimony{&second, &third} {
		if _, _, err := v.Replace(ctx, id, d); err != nil {
			t.Fatal(err)
		}
	}
	att, err := v.Attach(ctx, id, strings.NewReader("a recording"), "", "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}
	reason := "a test"
	for _, tc := range []struct {
		name string
		eo   service.EraseOptions
		want error
	}{
		{"no reason", service.EraseOptions{Version: 1}, service.ErrInvalidArgument},
		{"both", service.EraseOptions{Version: 1, Attachment: att.ID, Reason: reason}, service.ErrInvalidArgument},
		{"version 0 below", service.EraseOptions{Version: -1, Reason: reason}, service.ErrInvalidArgument},
		{"version beyond", service.EraseOptions{Version: 4, Reason: reason}, service.ErrInvalidArgument},
		{"latest version", service.EraseOptions{Version: 3, Reason: reason}, nil},
		{"latest again", service.EraseOptions{Version: 3, Reason: reason}, service.ErrErased},
		{"first version", service.EraseOptions{Version: 1, Reason: reason}, nil},
		{"the only one left", service.EraseOptions{Version: 2, Reason: reason}, service.ErrInvalidArgument},
		{"attachment", service.EraseOptions{Attachment: att.ID, Reason: reason}, nil},
		{"attachment again", service.EraseOptions{Attachment: att.ID, Reason: reason}, service.ErrNoAttachment},
		{"identifier in the reason", service.EraseOptions{Reason: "asked on +82 10-5550-2468"}, service.ErrInvalidArgument},
	} {
		_, err := v.Erase(ctx, id, tc.eo)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// Version 2 is what is left, and the record reads as it.
	rec, err := v.Get(ctx, id)
	if err != nil || rec.Version != 2 || rec.Testimony.Title != "second" {
		t.Fatalf("get: %+v, %v", rec, err)
	}
	var ee *service.ErasedError
	if _, err := v.GetVersion(ctx, id, 1); !errors.As(err, &ee) || ee.Version != 1 {
		t.Errorf("version 1: %v", err)
	}
	h, err := v.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || !h[0].Erased || h[1].Erased || h[1].Size == 0 || !h[2].Erased {
		t.Errorf("history %+v", h)
	}
	if atts, err := v.Attachments(ctx, id); err != nil || len(atts) != 0 {
		t.Errorf("attachments %+v, %v", atts, err)
	}
	// A re-encryption to a new escrow recipient skips what is erased.
	if _, err := v.EscrowAdd(ctx, escrowIdentity(t).Recipient().String(), nil); err != nil {
		t.Fatal(err)
	}
	rep, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || rep.Counts.Versions != 1 {
		t.Errorf("check: %d versions, problems %+v", rep.Counts.Versions, rep.Problems)
	}
}

// TestErasePersons erases the persons that only the erased record names,
// through merges too, and keeps those another record names.
func TestErasePersons(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	// t01 and t02 name each other's witness; t03 names its own alone.
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	// TW-0201 merged into TW-0101: t03's links resolve to TW-0101, whom
	// t01 and t02 name, so erasing t03 erases no one.
	if _, err := v.MergePersons(ctx, "TW-0201", "TW-0101"); err != nil {
		t.Fatal(err)
	}
	if er, err := v.Erase(ctx, ids[2], service.EraseOptions{Reason: "test"}); err != nil || er.Persons != 0 {
		t.Fatalf("erase t03: %+v, %v", er, err)
	}
	if _, err := v.PersonByKey(ctx, "TW-0201"); err != nil {
		t.Errorf("TW-0201, merged into a person other records name: %v", err)
	}
	// t01 then names TW-0101 (and the merged TW-0201) and TW-0102, whom
	// t02 names too: nothing goes. Then t02 takes all three with it.
	if er, err := v.Erase(ctx, ids[0], service.EraseOptions{Reason: "test"}); err != nil || er.Persons != 0 {
		t.Fatalf("erase t01: %+v, %v", er, err)
	}
	if er, err := v.Erase(ctx, ids[1], service.EraseOptions{Reason: "test"}); err != nil || er.Persons != 3 {
		t.Fatalf("erase t02: %+v, %v", er, err)
	}
	if ps, err := v.Persons(ctx); err != nil || len(ps) != 0 {
		t.Errorf("persons left: %v, %v", ps, err)
	}
	rep, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("check: %+v", rep.Problems)
	}
}
