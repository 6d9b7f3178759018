//go:build !linux

package tmpfstest

import (
	"os"
	"testing"
)

// Mount skips t: tmpfs and mount(2) are Linux's.
func Mount(t testing.TB, size int64) string {
	t.Skip("a small tmpfs of the test's own needs Linux")
	return ""
}

func allocate(f *os.File, size int64) error { return f.Truncate(size) }
