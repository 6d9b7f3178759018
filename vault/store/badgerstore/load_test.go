package badgerstore_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestLoad checks that a load writes every pair, small values and those
// of the value log, encrypted, that the store reads them back after a
// reopen (its tables checked whole, against the record of them), and
// that it refuses keys out of order and a store that is not empty.
func TestLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	tables := filepath.Join(t.TempDir(), "tables")
	sentinel := []byte("SENTINEL-badger-load-plaintext-91c2")
	s, err := badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	const n = 3000
	value := func(i int) []byte {
		if i%100 == 0 { // into the value log
			return bytes.Repeat(sentinel, 200)
		}
		return append([]byte(fmt.Sprint(i)), sentinel...)
	}
	for i := range n {
		if err := l.Set([]byte(fmt.Sprintf("k/%06d", i)), value(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	grepDir(t, dir, sentinel)
	s, err = badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	i := 0
	err = s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("k/"), func(key, v []byte) error {
			if string(key) != fmt.Sprintf("k/%06d", i) || !bytes.Equal(v, value(i)) {
				return fmt.Errorf("pair %d read back as %q", i, key)
			}
			i++
			return nil
		})
	})
	if err != nil || i != n {
		t.Fatalf("read back %d pairs of %d: %v", i, n, err)
	}
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte("k/after"), []byte("x")) }); err != nil {
		t.Errorf("write after a load: %v", err)
	}
	if _, err := s.Load(); err == nil {
		t.Error("load into a store that is not empty")
	}

	s2, err := badgerstore.Open(t.TempDir(), testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	l, err = s2.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Set([]byte("b"), []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := l.Set([]byte("a"), []byte("2")); err == nil {
		t.Error("a key out of order was loaded")
	}
	if err := l.Close(); err == nil {
		t.Error("a failed load closed without an error")
	}
}

// TestLoadTables checks that a store opened for a load writes tables of
// loadTableSize, not of Badger's 64 MiB at the last level, whose arenas
// (twice a table) would grow the load's memory with what it writes.
func TestLoadTables(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Load: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	value := bytes.Repeat([]byte("v"), 1000) // in the tables
	const n = 6000                           // about 6 MiB
	for i := range n {
		if err := l.Set([]byte(fmt.Sprintf("k/%06d", i)), value); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	tables, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 3 {
		t.Errorf("%d tables for %d KiB of pairs, want 3 or more", len(tables), n*len(value)>>10)
	}
	for _, name := range tables {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > badgerstore.LoadTableSize+1<<20 {
			t.Errorf("%s: %d bytes", filepath.Base(name), fi.Size())
		}
	}
}
