//go:build !unix

package badgerstore

import (
	"io/fs"
	"os"
)

// lockDir does nothing where Badger's directory lock is not flock: Badger
// still reports store.ErrInUse when it opens, but Open's checks may first
// read files that another process is writing, and report them damaged.
func lockDir(string) (unlock func(), err error) { return func() {}, nil }

// zeroFrom says whether data, the contents of f, holds only zeros from
// off on.
func zeroFrom(_ *os.File, data []byte, off int) bool { return allZero(data[off:]) }

// allocated returns the size of the file fi describes: where blocks are
// not counted, a sparse file counts as whole.
func allocated(fi fs.FileInfo) int64 { return fi.Size() }
