//go:build linux && (amd64 || arm64 || riscv64 || loong64)

package fsblob

import (
	"os"
	"syscall"
)

// startWriteback asks the kernel to start writing n bytes of f from off to
// disk, without waiting (sync_file_range with SYNC_FILE_RANGE_WRITE): the
// disk then writes while the caller encrypts the next megabytes, and the
// fsync of Commit waits only for the tail. Errors are left to that fsync.
func startWriteback(f *os.File, off, n int64) {
	const syncFileRangeWrite = 2
	syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
}
