//go:build unix

package badgerstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
)

// TestBlockDamagedThroughMap damages a block of a table through a shared
// memory map while the store is open, holding the map and its descriptor
// open (no file event; review 12d, N4). Badger reads a block that fails
// its checksum as one without the key: every read must instead fail with
// an integrity error naming the table, never answer "not found" or an
// older value, and the store stays failed, as Damaged says.
func TestBlockDamagedThroughMap(t *testing.T) {
	t.Parallel()
	const n = 2000
	key := func(i int) []byte { return []byte(fmt.Sprintf("key%05d", i)) }
	for _, c := range everyRead(n, key) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			s := flushed(t, dir, n, key, func(int) []byte { return []byte(strings.Repeat("v", 200)) })
			sst := filepath.Join(dir, "000001.sst")
			damageMapped(t, sst)
			err := s.View(context.Background(), c.read)
			if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), sst) {
				t.Fatalf("read of a damaged block: %v; want an integrity error naming %s", err, sst)
			}
			if err := s.Damaged(); !errors.Is(err, store.ErrCorrupt) {
				t.Errorf("Damaged: %v", err)
			}
			if err := s.View(context.Background(), func(tx store.ReadTx) error { _, err := tx.Get(key(0)); return err }); !errors.Is(err, store.ErrCorrupt) {
				t.Errorf("a later read: %v", err)
			}
		})
	}
}

// damageMapped flips bytes in the middle of the file at path through a
// shared memory map (dirimage.FlipMapped): no write(2), no inotify event.
func damageMapped(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	dirimage.FlipMapped(t, path, fi.Size()*45/100)
}

// A read is one way of reading every key of a store.
type read struct {
	name string
	read func(tx store.ReadTx) error
}

// everyRead gives the ways the damage tests read the n keys key(0) to
// key(n-1): a Get of each, and a Scan of them all.
func everyRead(n int, key func(int) []byte) []read {
	return []read{
		{"get", func(tx store.ReadTx) error {
			for i := range n {
				if _, err := tx.Get(key(i)); err != nil {
					return err
				}
			}
			return nil
		}},
		{"scan", func(tx store.ReadTx) error {
			got := 0
			err := tx.Scan([]byte("key"), func(_, _ []byte) error { got++; return nil })
			if err == nil && got != n {
				return fmt.Errorf("scan gave %d keys of %d", got, n)
			}
			return err
		}},
	}
}
