package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// memoryBacked reports whether dir is on a file system kept in memory
// (tmpfs, ramfs), whose files never reach a disk, swap aside.
func memoryBacked(dir string) error {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return err
	}
	switch st.Type {
	case unix.TMPFS_MAGIC, unix.RAMFS_MAGIC:
		return nil
	}
	return fmt.Errorf("not memory-backed (file system type %#x)", st.Type)
}
