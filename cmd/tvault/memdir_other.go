//go:build !linux

package main

import "errors"

// memoryBacked reports, on systems where tvault cannot tell a file system
// kept in memory, that dir is not one.
func memoryBacked(dir string) error {
	return errors.New("tvault cannot tell memory-backed storage on this system")
}
