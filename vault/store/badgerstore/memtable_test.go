package badgerstore_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestOlderWriteAheadLog opens a store that a crash left with a
// write-ahead log made for a memtable four times the size the store now
// opens with (what a crash of an earlier build, whose memtable was
// larger, leaves), holding more than the smaller memtable's arena: Badger
// replays a log into an arena of its memtable's size, and panics when it
// does not fit. Open must replay it, flush it and go on with logs of the
// new size; the store then reads every key, takes writes, and opens again
// and verifies clean.
func TestOlderWriteAheadLog(t *testing.T) {
	// Sizes as Badger has them by default (a transaction 15% of the older
	// memtable), at an eighth.
	const (
		older = 4 << 20
		newer = older / 4
		txn   = 15 * older / 100
		pairs = 3000 // of 1 KiB: 3 MiB in the log, beyond newer's arena (newer + 2 txn: 2.2 MiB)
		batch = 500  // within txn
	)
	key := func(i int) []byte { return fmt.Appendf(nil, "key%05d", i) }
	value := func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, 1<<10) }
	ctx := context.Background()

	badgerstore.SetMemTableSize(t, older, txn)
	dir, crashed := t.TempDir(), t.TempDir()
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	for lo := 0; lo < pairs; lo += batch {
		err := s.Update(ctx, func(tx store.Tx) error {
			for i := lo; i < lo+batch; i++ {
				if err := tx.Set(key(i), value(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dirimage.Copy(t, dir, crashed) // the store open: a crash
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if logs := logSizes(t, crashed); len(logs) != 1 || logs[0] != 2*older {
		t.Fatalf("the crashed store's write-ahead logs are of %v bytes, want one of %d", logs, 2*older)
	}

	badgerstore.SetMemTableSize(t, newer, txn)
	s, err = badgerstore.Open(crashed, testKey(1))
	if err != nil {
		t.Fatalf("open with a smaller memtable: %v", err)
	}
	if logs := logSizes(t, crashed); len(logs) != 1 || logs[0] != 2*newer {
		t.Errorf("once open, the write-ahead logs are of %v bytes, want one of %d", logs, 2*newer)
	}
	read := func(s *badgerstore.Store, n int) {
		t.Helper()
		err := s.View(ctx, func(tx store.ReadTx) error {
			for i := range n {
				v, err := tx.Get(key(i))
				if err != nil {
					return fmt.Errorf("%s: %w", key(i), err)
				}
				if !bytes.Equal(v, value(i)) {
					return fmt.Errorf("%s: another value", key(i))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	read(s, pairs)
	err = s.Update(ctx, func(tx store.Tx) error { return tx.Set(key(pairs), value(pairs)) })
	if err == nil {
		err = s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}

	s, err = badgerstore.Open(crashed, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	read(s, pairs+1)
}

// logSizes returns the sizes of the write-ahead logs in dir.
func logSizes(t *testing.T, dir string) []int64 {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.mem"))
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for _, name := range names {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, fi.Size())
	}
	return sizes
}
