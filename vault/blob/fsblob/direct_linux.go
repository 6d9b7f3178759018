//go:build linux

package fsblob

import (
	"os"

	"golang.org/x/sys/unix"
)

// startDirect sets O_DIRECT on f if its file system states that it takes
// direct writes aligned to directAlign (statx's STATX_DIOALIGN, Linux
// 6.1: ext4, XFS and btrfs do; tmpfs, NFS and FUSE state nothing), and
// reports whether it did. A file system that states nothing is written
// through the page cache, as before.
func startDirect(f *os.File) bool {
	var st unix.Statx_t
	if unix.Statx(int(f.Fd()), "", unix.AT_EMPTY_PATH, unix.STATX_DIOALIGN, &st) != nil ||
		st.Mask&unix.STATX_DIOALIGN == 0 ||
		st.Dio_mem_align == 0 || st.Dio_offset_align == 0 ||
		directAlign%st.Dio_mem_align != 0 || directAlign%st.Dio_offset_align != 0 {
		return false
	}
	return setDirect(f, true) == nil
}

// stopDirect clears O_DIRECT on f: its next writes go through the page
// cache.
func stopDirect(f *os.File) error { return setDirect(f, false) }

func setDirect(f *os.File, on bool) error {
	fd := int(f.Fd())
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil {
		return err
	}
	if on {
		flags |= unix.O_DIRECT
	} else {
		flags &^= unix.O_DIRECT
	}
	_, err = unix.FcntlInt(uintptr(fd), unix.F_SETFL, flags)
	return err
}
