//go:build !linux

package atomicfile

import "os"

// createUnnamed reports that only Linux has unnamed files (O_TMPFILE).
func createUnnamed(dir string) (*os.File, error) { return nil, errNoUnnamed }

// linkUnnamed is never called: createUnnamed makes no file to link.
func linkUnnamed(f *os.File, name string) error { return errNoUnnamed }

// renameNoReplace renames oldpath to newpath unless newpath exists.
func renameNoReplace(oldpath, newpath string) error { return linkThenRemove(oldpath, newpath) }
