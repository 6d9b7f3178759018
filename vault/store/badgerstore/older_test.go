//go:build unix

package badgerstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestDamagedBlockOverOlderVersion damages, through a memory map (no file
// event), the newest table of a store whose older table holds an older
// version of every key, with a block cache too small to hold a block, so
// that every read goes to the damaged file (review12e: N4's worse form,
// which the reviewer could not provoke past Badger's cache). Badger reads
// a damaged block as one without the key and would serve the older
// version: every read must instead give the newest value or an integrity
// error naming the table, at least one must meet the damage, and then a
// compaction (Flatten) must neither succeed nor remove the damaged table.
func TestDamagedBlockOverOlderVersion(t *testing.T) {
	defer badgerstore.SetBlockCache(1)()
	const n = 2000
	key := func(i int) []byte { return []byte(fmt.Sprintf("key%05d", i)) }
	dir := t.TempDir()
	// The older versions in a table on a level below 0: six sessions, the
	// first with the keys, then one compacting level 0 away (Flatten does
	// from more than five tables there); then the newer versions, in a
	// table on level 0.
	// A session that writes nothing only compacts.
	session := func(version string, keys int) {
		t.Helper()
		s, err := badgerstore.Open(dir, testKey(1))
		if err != nil {
			t.Fatal(err)
		}
		if version == "" {
			err = badgerstore.Flatten(s)
		} else {
			err = s.Update(context.Background(), func(tx store.Tx) error {
				for i := range keys {
					if err := tx.Set(key(i), []byte(version+strings.Repeat("v", 200))); err != nil {
						return err
					}
				}
				return tx.Set([]byte("session "+version), []byte("x"))
			})
		}
		if err == nil {
			err = s.Close() // a table each
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	session("old", n)
	for i := range 5 {
		session(fmt.Sprintf("filler%d", i), 0)
	}
	session("", 0)
	session("new", n)
	tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	if len(tables) != 2 {
		t.Fatalf("tables %v, want the compacted one and the newest", tables)
	}
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sst := tables[1]
	damageMapped(t, sst)

	refused := 0
	for i := range n {
		var v []byte
		err := s.View(context.Background(), func(tx store.ReadTx) (err error) { v, err = tx.Get(key(i)); return err })
		switch {
		case errors.Is(err, store.ErrCorrupt):
			if !strings.Contains(err.Error(), sst) {
				t.Fatalf("%s: %v, want an integrity error naming %s", key(i), err, sst)
			}
			refused++
		case err != nil:
			t.Fatalf("%s: %v", key(i), err)
		case !strings.HasPrefix(string(v), "new"):
			t.Fatalf("%s: the older version served from the older table", key(i))
		}
	}
	if refused == 0 {
		t.Fatal("no read met the damaged block")
	}
	if err := badgerstore.Flatten(s); err == nil {
		t.Error("a compaction over the damaged table succeeded")
	}
	if _, err := os.Stat(sst); err != nil {
		t.Errorf("the damaged table after a compaction: %v", err)
	}
}
