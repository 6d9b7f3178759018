//go:build unix

package vault

import (
	"os"
	"syscall"
	"testing"
)

func init() { flipMapped = flipThroughMap }

// flipThroughMap flips 8 bytes, 16 apart, at off in the file at path
// through a shared memory map, and keeps the map and its descriptor open
// until the test ends: a write that raises no file event (review 12d N4).
func flipThroughMap(t *testing.T, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Munmap(m)
		f.Close()
	})
	for i := off; i < off+128 && i < int64(len(m)); i += 16 {
		m[i] ^= 0xff
	}
}
