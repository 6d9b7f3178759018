package fsblob_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/diskspace"
	"github.com/tvault/tvault/internal/tmpfstest"
	"github.com/tvault/tvault/vault/blob/fsblob"
)

// TestNoSpace writes a blob larger than what is left, refused by the
// file system (ENOSPC, on a small tmpfs) or in advance by the room
// function of NewGuarded: the write fails with an error matching
// diskspace.ErrNoSpace, Commit fails, and the directory holds nothing.
func TestNoSpace(t *testing.T) {
	ctx := context.Background()
	refuse := func(limit int64) func(int64) error {
		var asked int64
		return func(n int64) error {
			if asked += n; asked > limit {
				return fmt.Errorf("%w: test limit", diskspace.ErrNoSpace)
			}
			return nil
		}
	}
	for _, tc := range []struct {
		name string
		new  func(dir string) *fsblob.Store
		dir  func(t *testing.T) string
	}{
		{"full file system", fsblob.New, func(t *testing.T) string { return tmpfstest.Mount(t, 4<<20) }},
		{"room refused", func(dir string) *fsblob.Store { return fsblob.NewGuarded(dir, refuse(3<<20)) }, func(t *testing.T) string { return t.TempDir() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(tc.dir(t), "blobs")
			s := tc.new(dir)
			w, err := s.Create(ctx)
			if err != nil {
				t.Fatal(err)
			}
			chunk := bytes.Repeat([]byte("c"), 64<<10)
			for range 8 << 20 / len(chunk) {
				if _, err = w.Write(chunk); err != nil {
					break
				}
			}
			if !errors.Is(err, diskspace.ErrNoSpace) {
				t.Fatalf("writing 8 MiB = %v, want ErrNoSpace", err)
			}
			if _, err := w.Commit(); err == nil {
				t.Fatal("Commit after a failed write succeeded")
			}
			if err := w.Abort(); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 0 {
				t.Fatalf("the directory holds %v, want nothing", entries)
			}
		})
	}
}
