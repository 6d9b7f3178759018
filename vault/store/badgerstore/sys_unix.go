//go:build unix

package badgerstore

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/tvault/tvault/vault/store"
)

// lockDir takes the lock Badger takes on dir (dir_unix.go: flock on the
// directory), so that Open checks files no other process is writing. A
// directory that does not exist yet needs no lock.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, store.ErrInUse
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}

// zeroFrom says whether data, the contents of f, holds only zeros from
// off on. It skips the holes of a sparse file, which is what Badger's
// preallocated logs mostly are, where the file system can tell them.
func zeroFrom(f *os.File, data []byte, off int) bool {
	fd := int(f.Fd())
	for off < len(data) {
		start, err := unix.Seek(fd, int64(off), unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			return true // a hole to the end
		}
		if err != nil {
			return allZero(data[off:])
		}
		end, err := unix.Seek(fd, start, unix.SEEK_HOLE)
		if err != nil {
			return allZero(data[off:])
		}
		start, end = min(start, int64(len(data))), min(end, int64(len(data)))
		if !allZero(data[start:end]) {
			return false
		}
		off = int(end)
	}
	return true
}

// allocated returns the bytes the file system has allocated to the file
// fi describes, which for Badger's sparse logs is less than their size.
func allocated(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Blocks * 512
	}
	return fi.Size()
}
