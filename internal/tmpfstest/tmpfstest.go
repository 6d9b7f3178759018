// Package tmpfstest gives tests a small file system of their own that
// they can fill up: a tmpfs mounted for the test (Linux, as root), with a
// filler file that leaves a chosen number of bytes free.
package tmpfstest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/diskspace"
)

// Fill creates (or resizes) the file "filler" in dir, on a file system of
// Mount's, so that leave bytes stay free, and returns its path. Removing
// that file frees the space again.
func Fill(t testing.TB, dir string, leave int64) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	var have int64
	if fi, err := os.Stat(path); err == nil {
		have = fi.Size()
	}
	free, err := diskspace.Free(dir)
	if err != nil {
		t.Fatal(err)
	}
	size := have + free - leave
	if size < 0 {
		t.Fatalf("%s has %d bytes free, fewer than the %d to leave", dir, free, leave)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(0); err != nil {
		t.Fatal(err)
	}
	if err := allocate(f, size); err != nil {
		t.Fatalf("filling %s: %v", dir, err)
	}
	return path
}
