package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestPurge deletes keys whose values are in the value log and in the
// tables (flushed, compacted, and still in the memtable), purges them, and
// checks that no log file holds an entry of them and no table a version,
// while every other key keeps its value, also after reopening.
func TestPurge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	big := func(k string) []byte { return bytes.Repeat([]byte(k), 8<<10/len(k)) } // value log
	small := func(k string) []byte { return []byte("small " + k) }                // tables
	set := func(kv map[string][]byte) {
		t.Helper()
		err := s.Update(ctx, func(tx store.Tx) error {
			for k, v := range kv {
				if err := tx.Set([]byte(k), v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	keep := map[string][]byte{"keep/1": big("keep/1"), "keep/2": small("keep/2"), "gonex": small("gonex")}
	set(keep)
	set(map[string][]byte{"gone/a": big("old gone/a"), "gone/b": small("old gone/b")})
	if err := badgerstore.Flatten(s); err != nil {
		t.Fatal(err)
	}
	set(map[string][]byte{"gone/a": big("gone/a"), "gone/b": small("gone/b"), "gone/c": big("gone/c")})
	err = s.Update(ctx, func(tx store.Tx) error {
		for _, k := range []string{"gone/a", "gone/b", "gone/c"} {
			if err := tx.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	inLogs := func() (n int) {
		t.Helper()
		err := badgerstore.LogKeys(dir, testKey(1), func(_ string, k []byte) error {
			if bytes.HasPrefix(k, []byte("gone/")) {
				n++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if inLogs() == 0 {
		t.Fatal("before the purge, no log holds the deleted keys: the test finds nothing")
	}
	if err := s.Purge(ctx, [][]byte{[]byte("gone/")}); err != nil {
		t.Fatal(err)
	}
	if n := inLogs(); n > 0 {
		t.Fatalf("after the purge, the logs hold %d entries of the deleted keys", n)
	}
	check := func() {
		t.Helper()
		err := s.View(ctx, func(tx store.ReadTx) error {
			for k, want := range keep {
				got, err := tx.Get([]byte(k))
				if err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
				if !bytes.Equal(got, want) {
					return fmt.Errorf("%s: wrong value", k)
				}
			}
			return tx.Scan([]byte("gone/"), func(k, _ []byte) error { return fmt.Errorf("%s is back", k) })
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check()
	set(map[string][]byte{"keep/3": small("keep/3")})
	keep["keep/3"] = small("keep/3")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = badgerstore.Open(dir, testKey(1)); err != nil {
		t.Fatal(err)
	}
	check()
}

// TestPurgeEmptyPrefix refuses a prefix that would purge everything.
func TestPurgeEmptyPrefix(t *testing.T) {
	s, err := badgerstore.Open(t.TempDir(), testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Purge(context.Background(), [][]byte{nil}); err == nil || errors.Is(err, badgerstore.ErrBusy) {
		t.Fatalf("Purge of an empty prefix: %v", err)
	}
}
