package main

import (
	"os"

	"golang.org/x/sys/unix"

	"github.com/tvault/tvault/internal/api"
)

// localFileSystems are the file systems, by statfs(2) magic number, into
// whose files the daemon writes for a client: local disk and memory
// ones, where a write(2) ends unless root froze the file system or its
// disk stopped answering (which fileWriter outlives). Others are refused:
// a FUSE or network file system could hold the daemon's thread in
// write(2) for ever (a socket has deadlines, a file has none), at any
// user's wish or the network's, and procfs, sysfs and the like
// act on writes and may check the writer's privileges then, the daemon's
// rather than the client's (a confused deputy).
var localFileSystems = map[int64]bool{
	unix.EXT4_SUPER_MAGIC:      true, // ext2, ext3 and ext4
	unix.XFS_SUPER_MAGIC:       true,
	unix.BTRFS_SUPER_MAGIC:     true,
	unix.F2FS_SUPER_MAGIC:      true,
	unix.BCACHEFS_SUPER_MAGIC:  true,
	unix.TMPFS_MAGIC:           true,
	unix.OVERLAYFS_SUPER_MAGIC: true,
	zfsSuperMagic:              true, // OpenZFS, common on servers: without it every get there was refused, audited, then streamed
}

// zfsSuperMagic is OpenZFS's statfs(2) magic (ZFS_SUPER_MAGIC in its
// include/sys/fs/zfs.h), which x/sys/unix does not name.
const zfsSuperMagic = 0x2fc12fc1

// outputFile returns the file of descriptor fd, which it owns, if it is
// one the daemon writes an attachment into for a client: a regular file
// (fstat), open for writing (O_WRONLY or O_RDWR, not O_PATH), on a local
// file system (localFileSystems). Otherwise it closes fd and returns a
// *api.DescriptorError saying why.
func outputFile(fd int) (*os.File, error) {
	reason := checkOutput(fd)
	if reason != "" {
		unix.Close(fd)
		return nil, &api.DescriptorError{Reason: reason}
	}
	return os.NewFile(uintptr(fd), "output"), nil
}

// checkOutput returns why fd is not an output file, or "".
func checkOutput(fd int) string {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return "fstat failed"
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return "not a regular file"
	}
	fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil {
		return "fcntl failed"
	}
	if acc := fl & unix.O_ACCMODE; fl&unix.O_PATH != 0 || acc != unix.O_WRONLY && acc != unix.O_RDWR {
		return "not open for writing"
	}
	var fs unix.Statfs_t
	if err := unix.Fstatfs(fd, &fs); err != nil {
		return "fstatfs failed"
	}
	if !localFileSystems[int64(fs.Type)] {
		return "not on a local disk file system"
	}
	return ""
}
