package vault

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
	"github.com/tvault/tvault/vault/testimony"
)

// rekeyed is what a test keeps of a vault before its rekey, to check that
// nothing depends on the old keys afterwards.
type rekeyed struct {
	ids        []string
	atts       map[string][]byte // attachment ID: plaintext
	attRecord  map[string]string
	pseudonyms map[string]string // witness key: pseudonym
	old        *keyring.Keyring
	oldVKey    string
	checkpoint []byte
}

// rekeyFixture fills v with the fixtures and an attachment on two of
// them, and returns what a check after a rekey needs.
func rekeyFixture(t *testing.T, v *Vault) *rekeyed {
	t.Helper()
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	r := &rekeyed{ids: ids, atts: map[string][]byte{}, attRecord: map[string]string{}, pseudonyms: map[string]string{}, old: v.secrets()}
	for i, id := range ids[:2] {
		data := randomFile(byte(i), 200<<10+i)
		att, err := v.Attach(ctx, id, bytes.NewReader(data), "", "", "")
		if err != nil {
			t.Fatal(err)
		}
		r.atts[att.ID], r.attRecord[att.ID] = data, id
	}
	ps, err := v.Persons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		r.pseudonyms[p.Key] = p.Pseudonym
	}
	if r.oldVKey, err = v.AuditVerifierKey(ctx); err != nil {
		t.Fatal(err)
	}
	if r.checkpoint, err = v.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	return r
}

// checkRekeyed checks v, rekeyed from r.old: everything reads, pseudonyms
// are unchanged, the old identity and values key open nothing stored, the
// log verifies from the old verifier key, and Check passes.
func checkRekeyed(t *testing.T, v *Vault, raw store.Store, blobDir string, r *rekeyed) {
	t.Helper()
	k := v.secrets()
	if k.Next != nil || k.Identity.String() == r.old.Identity.String() || bytes.Equal(k.Root, r.old.Root) ||
		k.AuditKey == r.old.AuditKey || !bytes.Equal(k.LineageRoot(), r.old.LineageRoot()) {
		t.Fatal("the keyring is not one new generation with the old lineage")
	}
	for _, id := range r.ids {
		if _, err := v.Get(ctx, id); err != nil {
			t.Fatalf("Get(%s) after the rekey: %v", id, err)
		}
	}
	for attID, data := range r.atts {
		var got bytes.Buffer
		if err := v.AttachmentGet(ctx, r.attRecord[attID], attID, &got); err != nil || !bytes.Equal(got.Bytes(), data) {
			t.Fatalf("attachment %s after the rekey: %v (%d bytes)", attID, err, got.Len())
		}
	}
	ps, err := v.Persons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if was, ok := r.pseudonyms[p.Key]; ok && was != p.Pseudonym {
			t.Errorf("pseudonym of %s changed: %s, was %s", p.Key, p.Pseudonym, was)
		}
		if _, err := v.PersonByKey(ctx, p.Key); err != nil {
			t.Errorf("PersonByKey(%s) after the rekey: %v", p.Key, err)
		}
	}

	// Nothing stored opens under the old keys.
	oldValues, err := sealedstore.New(raw, keys.Derive(r.old.Root, keys.Values))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = raw.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func(key, _ []byte) error {
			n++
			return oldValues.View(ctx, func(otx store.ReadTx) error {
				if _, err := otx.Get(key); !errors.Is(err, store.ErrCorrupt) {
					t.Errorf("the old values key opens %s: %v", key, err)
				}
				return nil
			})
		})
	})
	if err != nil || n == 0 {
		t.Fatalf("scan of the raw store: %d keys, %v", n, err)
	}
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		for _, id := range r.ids {
			ct, err := tx.Get(versionKey(id, 1))
			if err != nil {
				return err
			}
			if _, err := age.Decrypt(bytes.NewReader(ct), r.old.Identity); err == nil {
				t.Errorf("the old identity decrypts %s", id)
			}
		}
		return tx.Scan([]byte("pkey/"), func(key, _ []byte) error {
			for wk := range r.pseudonyms {
				if bytes.Equal(key, v.blindIndexKey(r.old.Root, wk)) {
					t.Errorf("the blind index of %s under the old root is still stored", wk)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := os.ReadDir(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(blobs) != len(r.atts) {
		t.Errorf("%d blobs after the rekey, want %d", len(blobs), len(r.atts))
	}
	for _, b := range blobs {
		f, err := os.Open(filepath.Join(blobDir, b.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := age.Decrypt(f, r.old.Identity); err == nil {
			t.Errorf("the old identity decrypts blob %s", b.Name())
		}
		f.Close()
	}

	// The log verifies from the verifier key and checkpoint of before.
	var export bytes.Buffer
	if err := v.AuditExport(ctx, &export); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.VerifyExport(&export, r.oldVKey, r.checkpoint); err != nil {
		t.Fatalf("the log does not verify with the verifier key of before the rekey: %v", err)
	}
	oldVerifier, err := note.NewVerifier(r.oldVKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.store.View(ctx, func(tx store.ReadTx) error {
		_, err := audit.VerifyStoredAgainst(tx, oldVerifier, r.checkpoint)
		return err
	}); err != nil {
		t.Fatalf("VerifyStored with the old key: %v", err)
	}
	rep, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil || !rep.OK() {
		t.Fatalf("Check after the rekey = %+v, %v", rep, err)
	}
}

func TestRekey(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{Escrow: []string{escrowIdentity(t).Recipient().String()}})
	defer v.Close()
	r := rekeyFixture(t, v)
	var reports []service.EscrowReport
	rep, err := v.Rekey(ctx, func(p service.EscrowReport) { reports = append(reports, p) })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != len(r.ids) || rep.Versions != len(r.ids) || rep.Attachments != 2 || len(reports) == 0 {
		t.Errorf("Rekey = %+v after %d reports", rep, len(reports))
	}
	checkRekeyed(t, v, v.raw, filepath.Join(dir, blobDir), r)

	// The keyring file holds the new generation alone.
	sealed, err := os.ReadFile(filepath.Join(dir, keyringFile))
	if err != nil {
		t.Fatal(err)
	}
	k, err := keyring.Open(sealed, testPass)
	if err != nil || k.Next != nil || k.Identity.String() != v.secrets().Identity.String() {
		t.Fatalf("keyring file after the rekey: %v", err)
	}

	// A second rekey follows the first: the log hands over twice.
	if _, err := v.Rekey(ctx, nil); err != nil {
		t.Fatal(err)
	}
	r2 := *r
	r2.old = k
	checkRekeyed(t, v, v.raw, filepath.Join(dir, blobDir), &r2)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatalf("open after two rekeys: %v", err)
	}
	v.Close()
}

// TestRekeyResumed cuts a rekey off at its first step and after a batch of
// its re-encryption, as a crash would, and checks that the next open
// finishes it.
func TestRekeyResumed(t *testing.T) {
	t.Parallel()
	for _, stop := range []string{"before the handover", "during the re-encryption"} {
		t.Run(strings.ReplaceAll(stop, " ", "_"), func(t *testing.T) {
			v, dir := newTestVault(t, Options{})
			r := rekeyFixture(t, v)
			cctx, cancel := context.WithCancel(ctx)
			if stop == "before the handover" {
				cancel()
			}
			_, err := v.Rekey(cctx, func(service.EscrowReport) { cancel() })
			cancel()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Rekey cut off = %v", err)
			}
			if v.secrets().Next == nil {
				t.Fatal("no next generation after a rekey cut off")
			}
			if err := v.Close(); err != nil {
				t.Fatal(err)
			}
			var warnings []error
			v, err = OpenWith(dir, testPass, OpenOptions{Warn: func(err error) { warnings = append(warnings, err) }})
			if err != nil {
				t.Fatalf("open after a rekey cut off: %v", err)
			}
			defer v.Close()
			if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "rekey") {
				t.Errorf("warnings = %v, want one of the rekey finished", warnings)
			}
			checkRekeyed(t, v, v.raw, filepath.Join(dir, blobDir), r)
		})
	}
}

func TestRekeyRefusedWithoutKeyringFile(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, err := v.Rekey(ctx, nil); !errors.Is(err, errNoKeyring) {
		t.Fatalf("Rekey of a vault with no keyring file = %v", err)
	}
}

// TestRekeyWhileServing rekeys while readers read and a writer writes,
// as tvaultd serves during a rekey, and checks that every read succeeds
// and that what was written meanwhile reads and checks afterwards.
func TestRekeyWhileServing(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	defer v.Close()
	r := rekeyFixture(t, v)
	done := make(chan struct{})
	errs := make(chan error, 3)
	var written []string
	go func() { // a reader
		for {
			select {
			case <-done:
				errs <- nil
				return
			default:
			}
			if _, err := v.Get(ctx, r.ids[0]); err != nil {
				errs <- err
				return
			}
		}
	}()
	go func() { // a writer
		for i := 0; ; i++ {
			select {
			case <-done:
				errs <- nil
				return
			default:
			}
			ids, _, err := v.Put(ctx, []*testimony.Testimony{synthetic.Testimony(i)})
			if err != nil {
				errs <- err
				return
			}
			written = append(written, ids...)
		}
	}()
	_, err := v.Rekey(ctx, nil)
	close(done)
	for range 2 {
		if werr := <-errs; werr != nil {
			t.Errorf("while the vault rekeyed: %v", werr)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	r.ids = append(r.ids, written...)
	checkRekeyed(t, v, v.raw, filepath.Join(dir, blobDir), r)
}

// TestRekeyUnfinishable damages a value under the old key after a rekey
// was cut off: the next open cannot finish the rekey, warns, and opens
// still reading with both generations, so that Check names the damage.
func TestRekeyUnfinishable(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	r := rekeyFixture(t, v)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := v.Rekey(cctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Rekey cut off = %v", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	state, err := StateDir()
	if err != nil {
		t.Fatal(err)
	}
	// Damaged with the record of the tables kept, so that the open vouches
	// for them and it is Check that must name the damage.
	damaged := indexKey(r.ids[1])
	withRawIn(t, dir, r.old.LineageRoot(), tablesFile(r.old.VaultID, state), func(raw, _ store.Store) {
		if err := raw.Update(ctx, func(tx store.Tx) error { return tx.Set(damaged, bytes.Repeat([]byte{7}, 80)) }); err != nil {
			t.Fatal(err)
		}
	})
	var warnings []string
	v, err = OpenWith(dir, testPass, OpenOptions{Warn: func(err error) { warnings = append(warnings, err.Error()) }})
	if err != nil {
		t.Fatalf("open after a rekey that cannot finish: %v", err)
	}
	defer v.Close()
	if len(warnings) != 2 || !strings.Contains(warnings[1], "failed to finish a rekey") || !strings.Contains(warnings[1], string(damaged)) {
		t.Fatalf("warnings = %q", warnings)
	}
	if v.secrets().Next == nil {
		t.Fatal("the rekey finished over a damaged value")
	}
	if _, err := v.Get(ctx, r.ids[0]); err != nil {
		t.Errorf("an undamaged record does not read: %v", err)
	}
	rep, err := v.Check(ctx, service.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rep.Problems, func(p service.CheckProblem) bool { return p.Key == string(damaged) }) {
		t.Errorf("Check does not name %s: %+v", damaged, rep.Problems)
	}
}
