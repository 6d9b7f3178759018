package vault

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"filippo.io/age"

	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

func escrowIdentity(t testing.TB) *age.HybridIdentity {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// stored is what a vault holds encrypted: every version's ciphertext and
// every attachment's blob, by store key.
func stored(t *testing.T, v *Vault) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var metas []attachmentMeta
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		if err := tx.Scan([]byte("ver/"), func(key, val []byte) error {
			out[string(key)] = val
			return nil
		}); err != nil {
			return err
		}
		return tx.Scan([]byte("att/"), func(key, _ []byte) error {
			var m attachmentMeta
			if err := getJSON(tx, key, &m); err != nil {
				return err
			}
			metas = append(metas, m)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range metas {
		src, err := v.blobs.Open(ctx, m.Blob)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(io.NewSectionReader(src, 0, src.Size()))
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[string(attachmentKey(m.Record, m.ID))] = b
	}
	return out
}

// decrypts reports whether id decrypts the age file ct.
func decrypts(ct []byte, id age.Identity) bool {
	r, err := age.Decrypt(bytes.NewReader(ct), id)
	if err == nil {
		_, err = io.Copy(io.Discard, r)
	}
	return err == nil
}

// TestEscrowRotation adds an escrow recipient and removes the first: every
// version and attachment stored before is then encrypted under a fresh
// file key to the vault and the new recipient only, keeps its version
// number and bound hash, and reads back; the replaced blobs are gone.
func TestEscrowRotation(t *testing.T) {
	t.Parallel()
	r1, r2 := escrowIdentity(t), escrowIdentity(t)
	v, dir := newEngine(t, Options{Escrow: []string{r1.Recipient().String()}})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Replace(ctx, ids[0], docs[1]); err != nil {
		t.Fatal(err)
	}
	data := randomFile(7, 200<<10) // several age chunks
	att, err := v.Attach(ctx, ids[1], bytes.NewReader(data), "", "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}
	before := stored(t, v)
	for key, ct := range before {
		if !decrypts(ct, r1) {
			t.Fatalf("bad test: %s is not encrypted to the first escrow recipient", key)
		}
	}

	var progress []service.EscrowReport
	rep, err := v.EscrowAdd(ctx, r2.Recipient().String(), func(p service.EscrowReport) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != len(ids) || rep.RecordsTotal != len(ids) || rep.Versions != len(ids)+1 || rep.Attachments != 1 ||
		rep.Bytes != int64(len(data)) || len(rep.Recipients) != 2 || len(progress) == 0 {
		t.Errorf("EscrowAdd report %+v after %d progress reports", rep, len(progress))
	}
	for _, bad := range []string{r2.Recipient().String(), "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", "age1pq1notone"} {
		if _, err := v.EscrowAdd(ctx, bad, nil); !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("EscrowAdd(%.20q) = %v, want ErrInvalidArgument", bad, err)
		}
	}
	if _, err := v.EscrowRemove(ctx, r1.Recipient().String(), nil); err != nil {
		t.Fatal(err)
	}
	set, err := v.Escrow(ctx)
	if err != nil || set.Pending || len(set.Recipients) != 1 || set.Recipients[0] != r2.Recipient().String() {
		t.Fatalf("Escrow = %+v, %v", set, err)
	}

	after := stored(t, v)
	if len(after) != len(before) {
		t.Fatalf("%d ciphertexts after, %d before", len(after), len(before))
	}
	for key, ct := range after {
		if bytes.Equal(ct[:200], before[key][:200]) {
			t.Errorf("%s: the age header did not change", key)
		}
		if decrypts(ct, r1) || !decrypts(ct, r2) || !decrypts(ct, v.secrets().Identity) {
			t.Errorf("%s: decrypts with the removed recipient %v, the new one %v, the vault's %v",
				key, decrypts(ct, r1), decrypts(ct, r2), decrypts(ct, v.secrets().Identity))
		}
	}
	// Version 2 stays version 2, bound as it was.
	ct, err := v.ExportRaw(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if body, err := envelope.Open(ct, envelope.Version{ID: ids[0], Version: 2}, r2); err != nil || !bytes.Equal(body, docs[1].Canonical()) {
		t.Errorf("version 2 after the rotation: %v", err)
	}
	var got bytes.Buffer
	if err := v.AttachmentGet(ctx, ids[1], att.ID, &got); err != nil || !bytes.Equal(got.Bytes(), data) {
		t.Errorf("AttachmentGet after the rotation: %v", err)
	}
	if files := blobFiles(t, dir); len(files) != 1 {
		t.Errorf("blob directory holds %d files, want 1: the replaced blobs remain", len(files))
	}
	// New writes go to the new set only.
	nid, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if ct, err := v.ExportRaw(ctx, nid[0]); err != nil || decrypts(ct, r1) || !decrypts(ct, r2) {
		t.Errorf("a record put after the rotation: %v", err)
	}
}

// TestEscrowResume interrupts a re-encryption after its first batch: the
// set is recorded, every record reads, Escrow reports it pending, and the
// same change again finishes it.
func TestEscrowResume(t *testing.T) {
	t.Parallel()
	r1 := escrowIdentity(t)
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, err := v.Attach(ctx, id, bytes.NewReader(randomFile(1, 1000)), "", "", "text/plain"); err != nil {
			t.Fatal(err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	_, err = v.EscrowAdd(cctx, r1.Recipient().String(), func(service.EscrowReport) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("EscrowAdd canceled after its first batch = %v", err)
	}
	set, err := v.Escrow(ctx)
	if err != nil || !set.Pending || len(set.Recipients) != 1 {
		t.Fatalf("Escrow after an interrupted change = %+v, %v", set, err)
	}
	var warned error
	if err := v.warnPending(func(err error) { warned = err }); err != nil || !errors.Is(warned, ErrReencryptionPending) {
		t.Errorf("warnPending of an interrupted change: %v, warned %v", err, warned)
	}
	encrypted := 0
	for key, ct := range stored(t, v) {
		if decrypts(ct, r1) {
			encrypted++
		}
		if !decrypts(ct, v.secrets().Identity) {
			t.Errorf("%s does not decrypt with the vault's identity", key)
		}
	}
	if encrypted == 0 || encrypted == len(ids)*2 {
		t.Fatalf("bad test: %d of %d ciphertexts re-encrypted before the interruption", encrypted, len(ids)*2)
	}
	for _, id := range ids {
		if _, err := v.Get(ctx, id); err != nil {
			t.Errorf("Get after an interrupted change: %v", err)
		}
	}
	if _, err := v.EscrowAdd(ctx, r1.Recipient().String(), nil); err != nil {
		t.Fatalf("EscrowAdd again: %v", err)
	}
	warned = nil
	if err := v.warnPending(func(err error) { warned = err }); err != nil || warned != nil {
		t.Errorf("warnPending after the rerun: %v, warned %v", err, warned)
	}
	for key, ct := range stored(t, v) {
		if !decrypts(ct, r1) {
			t.Errorf("%s is not encrypted to the new set after the rerun", key)
		}
	}
	if set, err := v.Escrow(ctx); err != nil || set.Pending {
		t.Errorf("Escrow after the rerun = %+v, %v", set, err)
	}
}

// TestEscrowConcurrentWrites puts and attaches while the escrow set
// changes: whatever commits, before or after the change, ends encrypted
// to the new set.
func TestEscrowConcurrentWrites(t *testing.T) {
	r1 := escrowIdentity(t)
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	if _, _, err := v.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			ids, _, err := v.Put(ctx, docs[:1])
			if err == nil {
				_, err = v.Attach(ctx, ids[0], bytes.NewReader(randomFile(byte(i), 100)), "", "", "text/plain")
			}
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	_, err := v.EscrowAdd(ctx, r1.Recipient().String(), nil)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	for key, ct := range stored(t, v) {
		if !decrypts(ct, r1) {
			t.Errorf("%s, written during the change, is not encrypted to the new set", key)
		}
	}
}
