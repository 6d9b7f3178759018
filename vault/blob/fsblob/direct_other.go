//go:build !linux

package fsblob

import "os"

// startDirect leaves f to the page cache: direct writes are set up on
// Linux only.
func startDirect(f *os.File) bool { return false }

// stopDirect is never called where startDirect cannot succeed.
func stopDirect(f *os.File) error { return nil }
