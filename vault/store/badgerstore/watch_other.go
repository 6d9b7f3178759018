//go:build !linux

package badgerstore

import "errors"

// dirWatch has no implementation outside Linux: a table damaged while the
// store is open is found by Verify and at the next Open only.
type dirWatch struct{}

func watchDir(string) (*dirWatch, error) { return nil, errors.ErrUnsupported }

func (*dirWatch) changed() ([]string, bool, error) { return nil, false, nil }
func (*dirWatch) close()                           {}
