package vault

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// TestValueLogDamagedWhileOpen damages the value log of an open vault,
// where its long testimonies are (review12e V1): Check goes on past each
// value it cannot read and names every damaged record, one problem each;
// the first request that reads one fails with an integrity error, the
// error first, and every later request fails too, as Damaged says.
func TestValueLogDamagedWhileOpen(t *testing.T) {
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	v, dir := newTestVault(t, Options{})
	defer v.Close()
	ids, _, err := v.Put(ctx, []*testimony.Testimony{
		long(doc(tperson("K-1", "Han Sori"))), long(doc(tperson("K-2", "Jo Minsu"))), doc(tperson("K-3", "Pak Yuna"))})
	if err != nil {
		t.Fatal(err)
	}
	// Every value in the value log damaged: a byte flipped every 512 up
	// to the zeros Badger preallocates.
	vlogs, _ := filepath.Glob(filepath.Join(dir, dbDir, "*.vlog"))
	damaged := 0
	for _, name := range vlogs {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		// The test's values take far less than the first MiB.
		data := make([]byte, 1<<20)
		n, err := f.ReadAt(data, 0)
		if err != nil && n < len(data) && !errors.Is(err, io.EOF) {
			t.Fatal(err)
		}
		data = bytes.TrimRight(data[:n], "\x00")
		for off := int64(100); off < int64(len(data)); off += 512 {
			if _, err := f.WriteAt([]byte{data[off] ^ 0x20}, off); err != nil {
				t.Fatal(err)
			}
			damaged++
		}
		f.Close()
	}
	if damaged == 0 {
		t.Fatal("no value log with values")
	}

	r, err := v.Check(ctx, service.CheckOptions{})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	var named []string
	for _, p := range r.Problems {
		if p.Kind != service.ProblemCorrupt || !strings.Contains(p.Message, ".vlog") {
			t.Errorf("problem %s, want the value of a long record that cannot be read, naming its file", p)
		}
		named = append(named, p.Record)
	}
	if want := ids[:2]; !slices.Equal(named, slices.Sorted(slices.Values(want))) {
		t.Errorf("Check named records %v, want %v", named, want)
	}
	if err := v.Damaged(); err != nil {
		t.Fatalf("a check that read past the damage failed the vault: %v", err)
	}
	if _, err := v.Get(ctx, ids[2]); err != nil {
		t.Fatalf("get of a short record before any read met the damage: %v", err)
	}

	_, err = v.Get(ctx, ids[0])
	if !errors.Is(err, store.ErrCorrupt) || !strings.HasPrefix(err.Error(), "stored data is corrupt") && !strings.HasPrefix(err.Error(), "integrity error") || !strings.Contains(err.Error(), ".vlog") {
		t.Fatalf("get of a damaged record: %v, want an integrity error first, naming the value-log file", err)
	}
	if v.Damaged() == nil {
		t.Error("Damaged is nil after a read met the damage")
	}
	for what, err := range map[string]error{
		"get of a short record": func() error { _, err := v.Get(ctx, ids[2]); return err }(),
		"list":                  func() error { _, err := v.List(ctx, ""); return err }(),
	} {
		if !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("%s after the damage was met: %v, want an integrity error", what, err)
		}
	}
}
