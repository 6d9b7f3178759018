package vault

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestCorruptedFilesNeverYieldWrongData flips bytes across every file of a
// closed vault's database. Whatever Badger makes of it, the vault must not
// panic and must never return a testimony other than the one stored: every
// read either fails or gives back the original.
func TestCorruptedFilesNeverYieldWrongData(t *testing.T) {
	if testing.Short() {
		t.Skip("opens the vault once per corruption")
	}
	v, dir := newTestVault(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for i, id := range ids {
		want[id] = docs[i].Canonical()
	}
	pristine := os.DirFS(dir)
	files, err := filepath.Glob(filepath.Join(dir, dbDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) == 0 {
			continue
		}
		const cases = 25
		for k := range min(cases, len(data)) {
			off := len(data) * k / min(cases, len(data))
			t.Run(fmt.Sprintf("%s@%d", rel, off), func(t *testing.T) {
				// Each case damages its own copy: opening may rewrite files,
				// and appends to the log, which another copy's open would
				// take for a rollback if they kept one checkpoint.
				t.Setenv("TVAULT_STATE_DIR", t.TempDir())
				copyDir := filepath.Join(t.TempDir(), "vault")
				if err := os.CopyFS(copyDir, pristine); err != nil {
					t.Fatal(err)
				}
				bad := bytes.Clone(data)
				bad[off] ^= 0x20
				if err := os.WriteFile(filepath.Join(copyDir, rel), bad, 0o600); err != nil {
					t.Fatal(err)
				}
				v, err := Open(copyDir, testPass)
				if err != nil {
					return // refusing to open a damaged database is fine
				}
				defer v.Close()
				for id, canonical := range want {
					rec, err := v.Get(ctx, id)
					if err == nil && !bytes.Equal(rec.Canonical, canonical) {
						t.Fatalf("Get(%s) returned different data after corruption", id)
					}
				}
				if _, err := v.List(ctx, ""); err != nil {
					t.Logf("List: %v", err)
				}
			})
		}
	}
}
