package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/tmpfstest"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestDiskFull runs the store on a small tmpfs that a filler file fills
// up: Badger's memory-mapped writes would fault there (SIGBUS, killing
// the test), so the store must refuse them first. Writes fail with
// ErrNoSpace and leave nothing, reads and UseReserve transactions go on,
// and once the filler is gone writes succeed again, without reopening,
// and every committed value is there after a reopen.
func TestDiskFull(t *testing.T) {
	fs := tmpfstest.Mount(t, 48<<20)
	dir := filepath.Join(fs, "db")
	ctx := context.Background()
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	set := func(ctx context.Context, key string, size int) error {
		return s.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte(key), bytes.Repeat([]byte{'v'}, size)) })
	}
	// Small values (in the tables) and large ones (in the value log).
	for i, size := range []int{100, 64 << 10} {
		if err := set(ctx, fmt.Sprint("before", i), size); err != nil {
			t.Fatal(err)
		}
	}

	// 8 MiB free: within the margin kept for UseReserve transactions.
	filler := tmpfstest.Fill(t, fs, 8<<20)
	for _, size := range []int{100, 64 << 10, 1 << 20} {
		err := set(ctx, "refused", size)
		if !errors.Is(err, store.ErrNoSpace) {
			t.Fatalf("a write of %d bytes on a nearly full disk = %v, want ErrNoSpace", size, err)
		}
	}
	if err := s.Room(1); !errors.Is(err, store.ErrNoSpace) {
		t.Fatalf("Room = %v, want ErrNoSpace", err)
	}
	if err := set(store.UseReserve(ctx), "entry", 500); err != nil {
		t.Fatalf("a UseReserve write within the margin: %v", err)
	}
	if err := s.View(ctx, func(tx store.ReadTx) error {
		if _, err := tx.Get([]byte("refused")); !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("refused write: %v, want ErrNotFound", err)
		}
		_, err := tx.Get([]byte("before1"))
		return err
	}); err != nil {
		t.Fatalf("reading on a nearly full disk: %v", err)
	}

	// 1 MiB free: below the store's own reserve even UseReserve is refused,
	// and so is an Open.
	tmpfstest.Fill(t, fs, 1<<20)
	if err := set(store.UseReserve(ctx), "entry2", 500); !errors.Is(err, store.ErrNoSpace) {
		t.Fatalf("a UseReserve write below the reserve = %v, want ErrNoSpace", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close on a nearly full disk: %v", err)
	}
	if _, err := badgerstore.Open(dir, testKey(1)); !errors.Is(err, store.ErrNoSpace) {
		t.Fatalf("Open below the reserve = %v, want ErrNoSpace", err)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	s, err = badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatalf("Open once space is freed: %v", err)
	}
	tmpfstest.Fill(t, fs, 8<<20)
	if err := set(ctx, "refused", 100); !errors.Is(err, store.ErrNoSpace) {
		t.Fatalf("a write on a nearly full disk = %v, want ErrNoSpace", err)
	}
	// Space comes back while the store is open.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if err := set(ctx, "after", 64<<10); err != nil {
		t.Fatalf("a write once space is freed: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx store.ReadTx) error {
		for key, want := range map[string]int{"before0": 100, "before1": 64 << 10, "entry": 500, "after": 64 << 10} {
			v, err := tx.Get([]byte(key))
			if err != nil || len(v) != want {
				return fmt.Errorf("%s: %d bytes, %v; want %d bytes", key, len(v), err, want)
			}
		}
		for _, key := range []string{"refused", "entry2"} {
			if _, err := tx.Get([]byte(key)); !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%s: %v, want ErrNotFound", key, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
