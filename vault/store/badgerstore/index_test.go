//go:build unix

package badgerstore_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestIndexDamagedWhileOpen damages the index of an older table through a
// memory map (no file event) while the store is open, with an index
// cache that holds no index, so that every use of the index reads it from
// the file again. Badger verified the index only at open, and read the
// damaged one as it was: its bloom filter said "not here", its block
// offsets pointed elsewhere, or parsing it panicked (once with DB.Close
// then waiting forever; TestVaultDamage, "while open: older table"). Every
// read must instead fail with an integrity error naming the table, and
// Close must return.
func TestIndexDamagedWhileOpen(t *testing.T) {
	badgerstore.SetIndexCache(t, 1)
	const n = 200
	key := func(i int) []byte { return fmt.Appendf(nil, "key%05d", i) }
	value := []byte(strings.Repeat("v", 200))
	reads := everyRead(2*n, key)
	// Where in the index (start, length) the damage goes: FlipMapped
	// flips a byte in every 16 of the 128 from there.
	places := []struct {
		name string
		at   func(start, length int64) int64
	}{
		{"start", func(start, _ int64) int64 { return start }},
		{"middle", func(start, length int64) int64 { return start + length/2 }},
		{"end", func(start, length int64) int64 { return start + length - 128 }},
	}
	// Two tables, keys below n in the older; each case opens a copy.
	fixture := t.TempDir()
	for batch := range 2 {
		s, err := badgerstore.Open(fixture, testKey(1))
		if err != nil {
			t.Fatal(err)
		}
		err = s.Update(context.Background(), func(tx store.Tx) error {
			for i := batch * n; i < (batch+1)*n; i++ {
				if err := tx.Set(key(i), value); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			err = s.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range reads {
		for _, p := range places {
			t.Run(r.name+"/"+p.name, func(t *testing.T) {
				dir := t.TempDir()
				dirimage.Copy(t, fixture, dir)
				s, err := badgerstore.Open(dir, testKey(1))
				if err != nil {
					t.Fatal(err)
				}
				if err := s.View(context.Background(), r.read); err != nil {
					t.Fatalf("read before the damage: %v", err)
				}
				sst := filepath.Join(dir, "000001.sst")
				start, length := tableIndex(t, sst)
				dirimage.FlipMapped(t, sst, p.at(start, length))

				err = within(t, "the read", func() error { return s.View(context.Background(), r.read) })
				var fe *badgerstore.FileError
				if !errors.As(err, &fe) || !errors.Is(err, store.ErrCorrupt) || fe.Path != sst {
					t.Errorf("read after the index was damaged: %v; want an integrity error naming %s", err, sst)
				}
				if err := s.Damaged(); !errors.Is(err, store.ErrCorrupt) {
					t.Errorf("Damaged: %v", err)
				}
				within(t, "Close", s.Close)
			})
		}
	}
}

// tableIndex returns where the index of the table in file starts, and its
// length: a table ends with its index, the index's length, the index's
// checksum and that checksum's length (table.Builder.Finish).
func tableIndex(t testing.TB, file string) (start, length int64) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	end := len(data) - 4
	end -= int(binary.BigEndian.Uint32(data[end:])) + 4
	length = int64(binary.BigEndian.Uint32(data[end:]))
	return int64(end) - length, length
}

// within runs fn and returns its error, failing the test if fn has not
// returned within a minute (a hang, under the race detector and a loaded
// machine's slowest).
func within(t *testing.T, what string, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatalf("%s did not return within a minute", what)
		return nil
	}
}

// BenchmarkIndexReread reads keys of a table whose index the index cache
// holds, and of one whose index it never holds: every read then reads,
// verifies and decrypts the index again (fetchIndex).
func BenchmarkIndexReread(b *testing.B) {
	const n = 20000
	key := func(i int) []byte { return fmt.Appendf(nil, "key%05d", i) }
	for _, c := range []struct {
		name  string
		cache int64 // 0: the store's own
	}{{"cached", 0}, {"reread", 1}} {
		b.Run(c.name, func(b *testing.B) {
			if c.cache != 0 {
				badgerstore.SetIndexCache(b, c.cache)
			}
			s := flushed(b, b.TempDir(), n, key, func(int) []byte { return []byte(strings.Repeat("v", 100)) })
			benchGets(b, s, n, key)
		})
	}
}
