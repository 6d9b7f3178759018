package format

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// withValue returns a store holding v under Key (none if v is nil).
func withValue(t testing.TB, v []byte) *memstore.Store {
	s := memstore.New()
	if v != nil {
		if err := s.Update(context.Background(), func(tx store.Tx) error { return tx.Set([]byte(Key), v) }); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func read(t testing.TB, s *memstore.Store) ([]string, error) {
	var fs []string
	var rerr error
	if err := s.View(context.Background(), func(rtx store.ReadTx) error {
		fs, rerr = Read(rtx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return fs, rerr
}

func TestRead(t *testing.T) {
	var unknown *UnknownError
	for _, c := range []struct {
		name    string
		value   []byte
		want    []string
		corrupt bool
		unknown []string
	}{
		{name: "none recorded", value: nil},
		{name: "empty set", value: []byte(`[]`), want: []string{}},
		{name: "known", value: []byte(`["audit-hash-blocks"]`), want: []string{AuditHashBlocks}},
		{name: "unknown", value: []byte(`["audit-hash-blocks","zz-new"]`), unknown: []string{"zz-new"}},
		{name: "unsorted", value: []byte(`["b","a"]`), corrupt: true},
		{name: "duplicate", value: []byte(`["audit-hash-blocks","audit-hash-blocks"]`), corrupt: true},
		{name: "not a list", value: []byte(`{"a":1}`), corrupt: true},
		{name: "null", value: []byte(`null`), corrupt: true},
		{name: "not JSON", value: []byte(`audit-hash-blocks`), corrupt: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs, err := read(t, withValue(t, c.value))
			switch {
			case c.corrupt:
				if !errors.Is(err, store.ErrCorrupt) {
					t.Fatalf("Read = %q, %v; want store.ErrCorrupt", fs, err)
				}
			case c.unknown != nil:
				if !errors.As(err, &unknown) || !slices.Equal(unknown.Features, c.unknown) {
					t.Fatalf("Read = %q, %v; want UnknownError %q", fs, err, c.unknown)
				}
			case err != nil || !slices.Equal(fs, c.want):
				t.Fatalf("Read = %q, %v; want %q", fs, err, c.want)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	s := withValue(t, nil)
	for range 2 { // the second Add changes nothing
		if err := s.Update(context.Background(), func(tx store.Tx) error { return Add(tx, AuditHashBlocks) }); err != nil {
			t.Fatal(err)
		}
		if fs, err := read(t, s); err != nil || !slices.Equal(fs, []string{AuditHashBlocks}) {
			t.Fatalf("after Add: %q, %v", fs, err)
		}
	}
	if err := s.Update(context.Background(), func(tx store.Tx) error { return Add(tx, "zz-new") }); err == nil {
		t.Fatal("Add of a feature this version does not know: no error")
	}
}

// FuzzRead checks that Read accepts only sorted sets of known names and
// fails on anything else without panicking.
func FuzzRead(f *testing.F) {
	for _, s := range []string{`[]`, `["audit-hash-blocks"]`, `["b","a"]`, `null`, `[1]`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		fs, err := read(t, withValue(t, v))
		if err != nil {
			return
		}
		if !slices.IsSorted(fs) {
			t.Fatalf("Read accepted an unsorted set %q", fs)
		}
		for _, name := range fs {
			if !slices.Contains(Known, name) {
				t.Fatalf("Read accepted an unknown feature %q", name)
			}
		}
	})
}
