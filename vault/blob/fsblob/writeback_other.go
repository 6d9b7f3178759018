//go:build !(linux && (amd64 || arm64 || riscv64 || loong64))

package fsblob

import "os"

// startWriteback does nothing where sync_file_range is not available (or
// takes its arguments differently): Commit's fsync writes the whole blob.
func startWriteback(f *os.File, off, n int64) {}
