package main

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
)

// A backup forged with a recomputed hash (which is not keyed, so whoever
// can write the file can) passes the file's checks, is written, and is
// refused when the restored copy is opened: that copy is removed, as one
// refused by its check is, and the error says so (review12f W4).
func TestRestoreOfForgedBackupLeavesNothing(t *testing.T) {
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	dir := t.TempDir()
	t.Setenv("TVAULT_DIR", filepath.Join(dir, "vault"))
	t.Setenv("TVAULT_STATE_DIR", filepath.Join(dir, "state"))
	t.Setenv("TVAULT_PASSPHRASE_FILE", filepath.Join(dir, "pass"))
	if err := os.WriteFile(filepath.Join(dir, "pass"), []byte("restore test passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	t.Cleanup(func() { os.Stdout = stdout })
	os.Stdout, _ = os.Open(os.DevNull)
	backup := filepath.Join(dir, "vault.tvb")
	for _, args := range [][]string{{"init"}, {"put", "../../testdata/corpus/t01-park-minji.json"}, {"backup", "--out", backup}} {
		if err := run(args); err != nil {
			t.Fatalf("tvault %s: %v", strings.Join(args, " "), err)
		}
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	// Flip the last byte of the first value, then recompute the hash.
	off := len("tvault-backup/v1\n")
	flipped := false
	for !flipped && off < len(data) {
		kind := data[off]
		n := int(binary.BigEndian.Uint16(data[off+1:]))
		start := off + 3 + n + 8
		size := int(binary.BigEndian.Uint64(data[off+3+n:]))
		if kind == 'V' {
			data[start+size-1] ^= 1
			flipped = true
		}
		if kind == 'E' {
			break
		}
		off = start + size
	}
	if !flipped {
		t.Fatal("no value in the backup")
	}
	// The end record's data, the file's last 32 bytes, is the SHA-256 of
	// every byte before it.
	sum := sha256.Sum256(data[:len(data)-32])
	copy(data[len(data)-32:], sum[:])
	if err := os.WriteFile(backup, data, 0o600); err != nil {
		t.Fatal(err)
	}
	restored := filepath.Join(dir, "restored")
	err = run([]string{"--vault", restored, "restore", backup})
	if err == nil || !strings.Contains(err.Error(), "was removed") {
		t.Errorf("restore of a forged backup: %v, want a refusal that removed the copy", err)
	}
	if _, serr := os.Lstat(restored); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("the refused copy is still there: %v", serr)
	}
}
