package vault

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/service"
)

// TestBackupRestore is must show 3 of issue 14, locally: a backup of the
// corpus and an attachment holds no plaintext, verifies, and restores into
// a new directory (RestoreOpen, with one unseal) that passes Check with
// ReadData, with the records and entries of the backup's checkpoint; a
// backup damaged anywhere, or cut, is refused by VerifyBackup and
// Restore, which then create nothing.
func TestBackupRestore(t *testing.T) {
	v, _ := newTestVault(t, Options{AllowWeakPassphrase: true})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	const sentinel = "SENTINEL-backup-attachment-9d1e"
	doc := strings.Repeat(sentinel+" says the witness\n", 4000)
	if _, err := v.Attach(ctx, ids[0], strings.NewReader(doc), service.KindDocument, "", "text/plain"); err != nil {
		t.Fatal(err)
	}
	vkey, err := v.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "vault.tvb")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Backup(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// The original goes on after the backup.
	if _, err := v.AuditVerifierKey(ctx); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	grepTree(t, filepath.Dir(out), append([]string{sentinel}, sentinels...))

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyBackup(bytes.NewReader(data), vkey, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.VerifierKey != vkey || rep.Blobs != 1 || rep.Keys == 0 || rep.Entries < 4 {
		t.Fatalf("VerifyBackup = %+v", rep)
	}

	wrong := filepath.Join(t.TempDir(), "wrong")
	if _, err := Restore(ctx, out, wrong, "not the passphrase"); !errors.Is(err, service.ErrWrongPassphrase) {
		t.Errorf("Restore with a wrong passphrase = %v, want ErrWrongPassphrase", err)
	}
	if _, err := os.Stat(wrong); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Restore with a wrong passphrase left %s: %v", wrong, err)
	}

	// Into a new directory, as on a new machine: no checkpoint kept.
	kept := os.Getenv("TVAULT_STATE_DIR")
	ownState(t)
	dir := filepath.Join(t.TempDir(), "restored")
	bf, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer bf.Close()
	r, _, err := RestoreOpen(ctx, bf, dir, testPass, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := r.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if !cr.OK() || cr.Counts.Entries != rep.Entries || cr.Counts.Attachments != 1 || cr.Counts.Versions != int64(len(docs)) {
		t.Errorf("Check of the restored vault: %+v, problems %v; backup of %d entries, %d testimonies", cr.Counts, cr.Problems, rep.Entries, len(docs))
	}
	// The keyring RestoreOpen unsealed stands only for the same bytes.
	other := &unsealedKeyring{sealed: []byte("another keyring"), k: r.secrets()}
	closeTest(t, r)
	if _, err := OpenWith(dir, "not the passphrase", OpenOptions{unsealed: other}); !errors.Is(err, service.ErrWrongPassphrase) {
		t.Errorf("Open with a keyring unsealed from other bytes and a wrong passphrase = %v, want ErrWrongPassphrase", err)
	}
	// Where the original's checkpoint is kept, the restored copy is an
	// older one: refused until accepted.
	t.Setenv("TVAULT_STATE_DIR", kept)
	if _, err := Open(dir, testPass); !errors.As(err, new(*RollbackError)) {
		t.Fatalf("Open of the restored copy beside the original's checkpoint = %v, want a *RollbackError", err)
	}
	if _, _, err := AcceptRollback(ctx, dir, testPass, "restore drill", OpenOptions{}); err != nil {
		t.Fatal(err)
	}
	closeTest(t, openTest(t, dir))

	at := backupOffsets(t, data)
	for _, tc := range []struct {
		name string
		off  int  // byte flipped
		cut  bool // or the file cut there
	}{
		{"header", 3, false},
		{"keyring", at[recKeyring] + 40, false},
		{"checkpoint", at[recCheckpoint] + 10, false},
		{"log", at[recLog] + 60, false},
		{"value", at[recValue] + 50, false},
		{"record length", at[recValue] - 1, false},
		{"blob", at[recBlob] + 5000, false},
		{"hash", at[recEnd] + 7, false},
		{"end", len(data) - 1, false},
		{"cut in a blob", at[recBlob] + 100, true},
		{"cut before the end", at[recEnd] - 1, true},
		{"cut last byte", len(data) - 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := bytes.Clone(data)
			if tc.cut {
				bad = bad[:tc.off]
			} else {
				bad[tc.off] ^= 0x01
			}
			if _, err := VerifyBackup(bytes.NewReader(bad), vkey, nil); err == nil {
				t.Error("VerifyBackup accepted it")
			}
			file := filepath.Join(t.TempDir(), "bad.tvb")
			if err := os.WriteFile(file, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "restored")
			if _, err := Restore(ctx, file, dir, testPass); err == nil {
				t.Error("Restore accepted it")
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Restore left %s: %v", dir, err)
			}
		})
	}
}

// backupOffsets returns where the data of the first record of each kind
// begins in a backup.
func backupOffsets(t *testing.T, data []byte) map[byte]int {
	at := make(map[byte]int)
	off := len(backupHeader)
	for off < len(data) {
		kind := data[off]
		n := int(binary.BigEndian.Uint16(data[off+1:]))
		size := int(binary.BigEndian.Uint64(data[off+3+n:]))
		off += 3 + n + 8
		if _, ok := at[kind]; !ok {
			at[kind] = off
		}
		off += size
	}
	if len(at) != 6 {
		t.Fatalf("backup has records of kinds %v, want 6", at)
	}
	return at
}
