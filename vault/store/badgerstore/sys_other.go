//go:build !unix

package badgerstore

import "os"

// lockDir does nothing where Badger's directory lock is not flock: Badger
// still reports store.ErrInUse when it opens, but Open's checks may first
// read files that another process is writing, and report them damaged.
func lockDir(string) (unlock func(), err error) { return func() {}, nil }

// zeroFrom says whether data, the contents of f, holds only zeros from
// off on.
func zeroFrom(_ *os.File, data []byte, off int) bool { return allZero(data[off:]) }
