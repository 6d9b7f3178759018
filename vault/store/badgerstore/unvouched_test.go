package badgerstore_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestUnvouched opens databases whose record of the tables cannot vouch
// for them: the store opens, says why, and keeps the record as it was
// until KeepTables, so that every later open asks again; a record
// written at a clean close of the same database, with no commit since,
// vouches.
func TestUnvouched(t *testing.T) {
	t.Parallel()
	fx := build(t, layered)
	other := build(t, layered[:1])
	crashed := build(t, crashed)
	newer := func(t *testing.T, dir string) {
		// Another process, keeping its record elsewhere, writes.
		s, err := badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Tables: filepath.Join(t.TempDir(), "elsewhere")})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Update(context.Background(), func(tx store.Tx) error { return tx.Set([]byte("k000"), []byte("newer")) }); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		fx     *fixture
		record []byte // nil: none
		before func(t *testing.T, dir string)
		want   string // in Unvouched's error; "" for vouched
	}{
		{"closed", fx, fx.tables, nil, ""},
		{"no record", fx, nil, nil, "no record"},
		{"crashed", crashed, crashed.tables, nil, "did not close"},
		{"newer commits", fx, fx.tables, newer, "commits made since"},
		{"another database", fx, other.tables, nil, "another database"},
		// A record written open (a crash) that lists a table MANIFEST no
		// longer does: named, as what may have been removed.
		{"crashed, a table gone", fx, openRecord(t, fx.tables, "99 "+strings.Repeat("ab", 32)), nil, "tables it lists are gone: 000099.sst"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dirimage.Write(t, dir, c.fx.files)
			record := filepath.Join(t.TempDir(), "tables")
			if c.record != nil {
				if err := os.WriteFile(record, c.record, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if c.before != nil {
				c.before(t, dir)
			}
			opts := badgerstore.Options{Tables: record}
			s, err := badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			why := s.Unvouched()
			if c.want == "" {
				s.Close()
				if why != nil {
					t.Fatalf("unvouched: %v", why)
				}
				return
			}
			if why == nil || !strings.Contains(why.Error(), c.want) {
				s.Close()
				t.Fatalf("unvouched: %v, want %q", why, c.want)
			}
			// A write, and a close: the record is held back.
			if err := s.Update(context.Background(), func(tx store.Tx) error { return tx.Set([]byte("k001"), []byte("w")) }); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(record); !bytes.Equal(got, c.record) {
				t.Errorf("the record changed before the tables were vouched for")
			}
			s, err = badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			if s.Unvouched() == nil {
				t.Error("vouched for on the next open without KeepTables")
			}
			s.KeepTables()
			if s.Unvouched() != nil {
				t.Error("unvouched after KeepTables")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err = badgerstore.OpenWith(dir, testKey(1), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if why := s.Unvouched(); why != nil {
				t.Errorf("after KeepTables and a clean close: %v", why)
			}
		})
	}
}

// openRecord returns record, a record of a closed database, as the store
// writes it open (format v2, no value-log files), with the table line
// extra added.
func openRecord(t *testing.T, record []byte, extra string) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(record), "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[2], "closed ") {
		t.Fatalf("record: %q", record)
	}
	lines[0], lines[2] = "tvault-tables/v2", "open"
	var out []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "vlog ") {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(append(out, extra), "\n") + "\n")
}
