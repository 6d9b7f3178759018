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

// TestRoomSteps writes a 64 MiB blob in 1 MiB pieces to a guarded store
// and checks the calls of room: no byte is written beyond what room last
// granted, a small blob asks 1 MiB ahead (so that it is refused only
// where that is not left), and a large one asks in steps that grow with
// it, far fewer times than once every other piece.
func TestRoomSteps(t *testing.T) {
	const piece, size = 1 << 20, 64 << 20
	var written, granted int64
	var asks []int64
	s := fsblob.NewGuarded(filepath.Join(t.TempDir(), "blobs"), func(n int64) error {
		asks = append(asks, n)
		granted = written + n
		return nil
	})
	w, err := s.Create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	chunk := make([]byte, piece)
	for written < size {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
		if written += piece; written > granted {
			t.Fatalf("%d bytes written, room granted %d", written, granted)
		}
	}
	if asks[0] != 2*piece {
		t.Errorf("first ask %d bytes, want %d (the piece and 1 MiB ahead)", asks[0], 2*piece)
	}
	if len(asks) > 20 {
		t.Errorf("room called %d times for %d MiB, want at most 20: %v", len(asks), size>>20, asks)
	}
}
