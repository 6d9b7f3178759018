package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestValueDamagedWhileOpen damages a value in the value log of an open
// store (review12e: a value-log read error left the store serving the rest).
// A read that meets it fails with an error naming the value-log file, and
// so does every later read and write (fail closed, as Damaged says); a
// checked scan reports the value, goes on, and leaves the store serving.
func TestValueDamagedWhileOpen(t *testing.T) {
	big := func(c byte) []byte { return bytes.Repeat([]byte{c}, 6<<10) }
	get := func(tx store.ReadTx) error { _, err := tx.Get([]byte("a")); return err }
	scan := func(tx store.ReadTx) error { return tx.Scan(nil, func(_, _ []byte) error { return nil }) }
	checked := func(tx store.ReadTx) error {
		var got []string
		var damaged error
		err := tx.(store.CheckedScanner).ScanChecked(nil, func(k, v []byte, err error) error {
			if err != nil {
				got = append(got, string(k)+" damaged")
				damaged = err
			} else {
				got = append(got, string(k))
			}
			return nil
		})
		if strings.Join(got, ", ") != "a damaged, b, c" {
			t.Errorf("checked scan gave %q, want a damaged, b and c", got)
		}
		return errors.Join(err, damaged)
	}
	// Each store meets the damage with reads in turn; a read that fails
	// it closed comes last.
	for _, c := range []struct {
		name  string
		reads []func(tx store.ReadTx) error
		// broken says, for each read, whether the store is failed closed
		// after it.
		broken []bool
	}{
		{"checked scan, get", []func(tx store.ReadTx) error{checked, get}, []bool{false, true}},
		{"scan", []func(tx store.ReadTx) error{scan}, []bool{true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := badgerstore.Open(dir, testKey(1))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// One commit each, so that a's entry is the first in the log.
			for _, kv := range [][2][]byte{{[]byte("a"), big('a')}, {[]byte("b"), big('b')}, {[]byte("c"), []byte("small")}} {
				err := s.Update(context.Background(), func(tx store.Tx) error { return tx.Set(kv[0], kv[1]) })
				if err != nil {
					t.Fatal(err)
				}
			}
			vlog := filepath.Join(dir, "000001.vlog")
			// The first entry is a's: flip a byte of its value. The
			// entries take far less than the first MiB of the file, which
			// Badger preallocates.
			f, err := os.OpenFile(vlog, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			data := make([]byte, 1<<20)
			if _, err := f.ReadAt(data, 0); err != nil {
				t.Fatal(err)
			}
			offsets, _ := badgerstore.LogEntries(data)
			if len(offsets) < 2 {
				t.Fatalf("value log: %d entries", len(offsets))
			}
			off := int64(offsets[0] + 100)
			if _, err := f.WriteAt([]byte{data[off] ^ 0x20}, off); err != nil {
				t.Fatal(err)
			}

			for i, read := range c.reads {
				err := s.View(context.Background(), read)
				var fe *badgerstore.FileError
				if !errors.Is(err, store.ErrCorrupt) || !errors.As(err, &fe) || fe.Path != vlog {
					t.Fatalf("read %d gave %v, want an integrity error naming %s", i, err, vlog)
				}
				err = s.View(context.Background(), func(tx store.ReadTx) error {
					v, err := tx.Get([]byte("b"))
					if err == nil && !bytes.Equal(v, big('b')) {
						t.Error("b: a wrong value")
					}
					return err
				})
				broken := c.broken[i]
				if broken != (s.Damaged() != nil) || broken != errors.Is(err, store.ErrCorrupt) {
					t.Errorf("after read %d: Damaged %v, reading b %v; want the store failed closed: %v", i, s.Damaged(), err, broken)
				}
				if broken && !strings.Contains(s.Damaged().Error(), vlog) {
					t.Errorf("Damaged: %v, want it to name %s", s.Damaged(), vlog)
				}
			}
		})
	}
}

// TestValueLogLostWhileOpen removes or cuts a value-log file while the
// store is open (review12f W1): its clean Close must not vouch for the
// directory as it is then, so that the next open is unvouched (and the
// vault checks the store against its log); an untouched one is vouched.
func TestValueLogLostWhileOpen(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		lose func(path string) error
	}{
		{"untouched", nil},
		{"removed", os.Remove},
		{"cut", func(path string) error { return os.Truncate(path, 100) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := badgerstore.Options{Tables: filepath.Join(t.TempDir(), "tables")}
			s, err := badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			s.KeepTables()
			if err := s.Update(context.Background(), func(tx store.Tx) error {
				return tx.Set([]byte("big"), bytes.Repeat([]byte{'v'}, 64<<10))
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err = badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Unvouched(); err != nil {
				t.Fatalf("a clean reopen is unvouched: %v", err)
			}
			vlogs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
			if len(vlogs) == 0 {
				t.Fatal("no value-log file")
			}
			if c.lose != nil {
				if err := c.lose(vlogs[0]); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err = badgerstore.OpenWith(dir, testKey(1), opts)
			if err == nil {
				defer s.Close()
				err = s.Unvouched()
			}
			if lost := c.lose != nil; lost != (err != nil) {
				t.Errorf("reopened after the value log was %s: %v", c.name, err)
			}
		})
	}
}
