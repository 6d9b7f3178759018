package badgerstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/dgraph-io/badger/v4/table"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestTableChangedWhileOpen changes a table of an open store, the ways
// an attacker with write access to the directory would, and checks that
// the store's next read and write fail with an error naming the table,
// never an answer from the changed file, and that the next Open refuses
// the table.
func TestTableChangedWhileOpen(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("tables changed while the store is open are watched on Linux only")
	}
	fx := build(t, layered)
	older := filepath.Join(fx.snapshots[0], "000001.sst")
	for _, c := range []struct {
		name   string
		change func(t *testing.T, path string)
	}{
		{"flip a byte", func(t *testing.T, path string) { dirimage.Flip(t, path, 100, 0x20) }},
		{"older table written over", func(t *testing.T, path string) { copyFile(t, older, path) }},
		{"older table written over through a link elsewhere", func(t *testing.T, path string) {
			link := filepath.Join(t.TempDir(), "link")
			if err := os.Link(path, link); err != nil {
				t.Fatal(err)
			}
			copyFile(t, older, link)
		}},
		{"older table linked in its place", func(t *testing.T, path string) {
			tmp := filepath.Join(filepath.Dir(path), "x")
			copyFile(t, older, tmp)
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(tmp, path); err != nil {
				t.Fatal(err)
			}
			os.Remove(tmp)
		}},
		{"older table renamed over", func(t *testing.T, path string) {
			tmp := path + ".tmp"
			copyFile(t, older, tmp)
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		for _, name := range []string{"000002.sst", "000003.sst"} {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				dirimage.Write(t, dir, fx.files)
				record := filepath.Join(t.TempDir(), "tables")
				if err := os.WriteFile(record, fx.tables, 0o600); err != nil {
					t.Fatal(err)
				}
				opts := badgerstore.Options{Tables: record}
				s, err := badgerstore.OpenWith(dir, testKey(1), opts)
				if err != nil {
					t.Fatal(err)
				}
				ctx := context.Background()
				get := func() error {
					return s.View(ctx, func(tx store.ReadTx) error {
						for _, k := range fx.h.keys {
							if _, err := tx.Get([]byte(k)); err != nil && !errors.Is(err, store.ErrNotFound) {
								return err
							}
						}
						return nil
					})
				}
				if err := get(); err != nil {
					t.Fatalf("before the change: %v", err)
				}
				c.change(t, filepath.Join(dir, name))
				for what, err := range map[string]error{
					"read":  get(),
					"write": s.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte("k"), []byte("v")) }),
				} {
					if !errors.Is(err, store.ErrCorrupt) || !errors.Is(err, badgerstore.ErrTableReplaced) || !namesAFile(err, dir) {
						t.Errorf("%s after the change: %v, want an error naming %s", what, err, name)
					}
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if _, err := badgerstore.OpenWith(dir, testKey(1), opts); !errors.Is(err, store.ErrCorrupt) || !namesAFile(err, dir) {
					t.Errorf("reopened: %v, want the table refused", err)
				}
			})
		}
	}
}

// TestNewTableReplaced replaces a table that Badger has just made, before
// the store recorded it (the store records a table at the next read or
// write after Badger adds it): the store must not record the file put in
// its place as Badger's, and fails instead, whether the file was renamed
// over it or written in place. Without the change, or with the file only
// opened for writing and closed (touch, review 12d N5), the new tables
// are recorded, and the store reopens. Nor must a table that a crash
// left out of MANIFEST, which Badger removes at open and whose ID it
// gives to its next table, make that table look replaced (orphaned).
func TestNewTableReplaced(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("tables changed while the store is open are watched on Linux only")
	}
	fx, crashedFx := build(t, layered), build(t, crashed)
	older := filepath.Join(fx.snapshots[0], "000001.sst")
	for _, c := range []struct {
		name    string
		replace bool
	}{{"untouched", false}, {"touched", false}, {"orphaned", false}, {"replaced", true}, {"overwritten", true}} {
		replace := c.replace
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			fx := fx
			if c.name == "orphaned" {
				fx = crashedFx // a clean shutdown leaves no table out of MANIFEST
			}
			dirimage.Write(t, dir, fx.files)
			if c.name == "orphaned" {
				var last uint64
				for n := range fx.files {
					if id, ok := table.ParseFileID(n); ok {
						last = max(last, id)
					}
				}
				copyFile(t, older, filepath.Join(dir, table.IDToFilename(last+1)))
			}
			opts := badgerstore.Options{Tables: filepath.Join(t.TempDir(), "tables")}
			s, err := badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			s.KeepTables() // a copy with a new record: the caller vouches for it
			// A write, then a drop, which flushes the memtable to a new
			// table first.
			if err := s.Update(context.Background(), func(tx store.Tx) error {
				return errors.Join(tx.Set([]byte("new"), []byte("v")), tx.Set([]byte("dropped"), []byte("v")))
			}); err != nil {
				t.Fatal(err)
			}
			if err := badgerstore.DropPrefix(s, "dropped"); err != nil {
				t.Fatal(err)
			}
			var made []string
			for _, n := range fileNames(t, dir) {
				if _, ok := fx.files[n]; !ok && fileKind(n) == "sst" {
					made = append(made, n)
				}
			}
			if len(made) == 0 {
				t.Fatal("no new table")
			}
			switch c.name {
			case "touched":
				f, err := os.OpenFile(filepath.Join(dir, made[0]), os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Close()
			case "replaced":
				tmp := filepath.Join(dir, "x")
				copyFile(t, older, tmp)
				if err := os.Rename(tmp, filepath.Join(dir, made[0])); err != nil {
					t.Fatal(err)
				}
			case "overwritten":
				copyFile(t, older, filepath.Join(dir, made[0]))
			}
			err = s.View(context.Background(), func(tx store.ReadTx) error { return nil })
			if replace != errors.Is(err, badgerstore.ErrTableReplaced) || replace && !namesAFile(err, dir) {
				t.Errorf("read after the new table %s: %v", made[0], err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err = badgerstore.OpenWith(dir, testKey(1), opts)
			if replace != (err != nil) {
				t.Errorf("reopened: %v", err)
			}
			if err == nil {
				s.Close()
			}
		})
	}
}
