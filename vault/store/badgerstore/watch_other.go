//go:build !linux

package badgerstore

import "errors"

// watcher has no implementation outside Linux: a table changed while the
// store is open is found by Verify and at the next Open only.
type watcher struct{}

type watchEvent struct {
	wd   int32
	mask uint32
	name string
}

const (
	inCreate = 1 << iota
	inDelete
	inWritten
	inReplaced
	inIgnored
	inDirGone
	inQueueLimit
)

func newWatcher() (*watcher, error)                  { return nil, errors.ErrUnsupported }
func (*watcher) add(string, bool) (int32, error)     { return 0, errors.ErrUnsupported }
func (*watcher) remove(int32)                        {}
func (*watcher) events() ([]watchEvent, bool, error) { return nil, false, nil }
func (*watcher) close()                              {}
