package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/storetest"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, badgerstore.KeySize) }

// flushed opens a store in dir, sets key(i) to value(i) for i below n in
// one transaction, closes the store (which flushes them to a table) and
// returns it open again, to be closed when the test ends.
func flushed(tb testing.TB, dir string, n int, key, value func(i int) []byte) *badgerstore.Store {
	tb.Helper()
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		tb.Fatal(err)
	}
	err = s.Update(context.Background(), func(tx store.Tx) error {
		for i := range n {
			if err := tx.Set(key(i), value(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
	if s, err = badgerstore.Open(dir, testKey(1)); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// benchGets reads the keys key(i) of s, i below n, one a View, in a
// scattered order, for the benchmark's loop.
func benchGets(b *testing.B, s *badgerstore.Store, n int, key func(i int) []byte) {
	i := 0
	for b.Loop() {
		err := s.View(context.Background(), func(tx store.ReadTx) error {
			_, err := tx.Get(key(i * 7919 % n))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := badgerstore.Open(t.TempDir(), testKey(1))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestPersistsAndEncrypts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	sentinel := []byte("SENTINEL-badger-plaintext-7f3a")
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Set([]byte("small"), sentinel); err != nil {
			return err
		}
		// Large enough to land in the value log rather than the LSM tree.
		return tx.Set([]byte("large"), bytes.Repeat(sentinel, 1000))
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second open while the first holds the directory fails at once.
	if _, err := badgerstore.Open(dir, testKey(1)); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("second Open = %v, want ErrInUse", err)
	}
	// Before Close the data sits in the write-ahead log; check it too.
	grepDir(t, dir, sentinel)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	grepDir(t, dir, sentinel)

	if _, err := badgerstore.Open(dir, testKey(2)); err == nil {
		t.Fatal("Open with the wrong key succeeded")
	}
	s, err = badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.View(ctx, func(tx store.ReadTx) error {
		v, err := tx.Get([]byte("small"))
		if err == nil && !bytes.Equal(v, sentinel) {
			err = errors.New("value changed across reopen")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func grepDir(t *testing.T, dir string, needle []byte) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, needle) {
			t.Errorf("%s contains the plaintext sentinel", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
