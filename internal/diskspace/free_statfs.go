//go:build linux || darwin || freebsd || dragonfly

package diskspace

import (
	"math"

	"golang.org/x/sys/unix"
)

// Free returns the bytes that a write by an unprivileged user can still
// take on the file system holding path (statfs: available blocks times
// block size; root may have more, never less).
func Free(path string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, err
	}
	free := uint64(st.Bavail) * uint64(st.Bsize)
	if free > math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return int64(free), nil
}
