//go:build unix

package y

import (
	"os"

	"golang.org/x/sys/unix"
)

// ReleasePages drops the pages of b, a shared file mapping, from the
// process: the kernel keeps them in its page cache (a dirty page stays
// dirty there, so nothing written is lost), the process's resident memory
// no longer counts them, and a later access maps them again. b is cut to
// whole pages from its start. (tvault's patch, see PATCHES.md.)
func ReleasePages(b []byte) error {
	n := len(b) &^ (os.Getpagesize() - 1)
	if n == 0 {
		return nil
	}
	return unix.Madvise(b[:n], unix.MADV_DONTNEED)
}
