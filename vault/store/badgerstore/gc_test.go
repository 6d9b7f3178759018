package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestValueLogGC makes most values of the first value-log file obsolete
// and checks that the file is rewritten away, its live values kept: by the
// hourly collection once it has checked the file, not while the file is
// damaged, and by Open.
func TestValueLogGC(t *testing.T) {
	ctx := context.Background()
	key := func(prefix string, i int) []byte { return fmt.Appendf(nil, "%s%02d", prefix, i) }
	value := func(k []byte) []byte { return bytes.Repeat(k, 6<<10/len(k)) }
	const dropped, live = 32, 8
	open := func(dir string) *badgerstore.Store {
		t.Helper()
		s, err := badgerstore.Open(dir, testKey(1))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := func(dir string) string { return filepath.Join(dir, "000001.vlog") }
	exists := func(path string) bool {
		_, err := os.Stat(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		return err == nil
	}
	check := func(s *badgerstore.Store) {
		t.Helper()
		err := s.View(ctx, func(tx store.ReadTx) error {
			for i := range live {
				v, err := tx.Get(key("live", i))
				if err != nil {
					return err
				}
				if !bytes.Equal(v, value(key("live", i))) {
					return fmt.Errorf("live%02d: wrong value", i)
				}
			}
			if _, err := tx.Get(key("drop", 0)); !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("a dropped key: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	// 000001.vlog holds 40 values, 32 of which DropPrefix makes obsolete.
	dir, atOpen := t.TempDir(), t.TempDir()
	s := open(dir)
	err := s.Update(ctx, func(tx store.Tx) error {
		for i := range dropped + live {
			k := key("drop", i)
			if i >= dropped {
				k = key("live", i-dropped)
			}
			if err := tx.Set(k, value(k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	dirimage.Copy(t, dir, atOpen)

	// The hourly collection checks the file first: damaged, it is kept
	// (Badger's rewrite would stop at the damage and delete the file, the
	// live values after it included).
	s = open(dir)
	if err := badgerstore.DropPrefix(s, "drop"); err != nil {
		t.Fatal(err)
	}
	dirimage.Flip(t, first(dir), 100, 1)
	badgerstore.Collect(s)
	if !exists(first(dir)) {
		t.Fatal("a damaged value-log file was collected")
	}
	dirimage.Flip(t, first(dir), 100, 1)
	badgerstore.Collect(s)
	if exists(first(dir)) {
		t.Fatal("000001.vlog, mostly obsolete, was not collected")
	}
	check(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Open collects too.
	s = open(atOpen)
	if err := badgerstore.DropPrefix(s, "drop"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(atOpen)
	defer s.Close()
	if exists(first(atOpen)) {
		t.Fatal("000001.vlog, mostly obsolete, was not collected at Open")
	}
	check(s)
}
