package badgerstore

import (
	"bytes"
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A watcher reports changes to a directory's entries and to files,
// through inotify(7). Reading its events does not block: the kernel
// queues an event as the change is made, so events read after a read of
// the files cover every change made before it. A file's own watch sees
// writes through any of its names (a hard link elsewhere), which the
// directory's does not. Its callers serialise their calls (tableGuard's
// mutex), so that events can reuse one buffer: every read transaction
// reads the events, and a 64 KiB array on the stack would be zeroed, and
// the stack of a new request's goroutine grown to hold it, each time.
type watcher struct {
	fd  int
	buf []byte
}

// A watchEvent is one change: wd is the watch it came through; name is
// the entry's name for a directory's watch, "" for a file's.
type watchEvent struct {
	wd   int32
	mask uint32
	name string
}

// Watched changes: content (write, truncate), metadata, a name that
// appears, goes or moves, and a watched file or directory that goes.
const (
	dirMask = unix.IN_MODIFY | unix.IN_ATTRIB | unix.IN_CLOSE_WRITE | unix.IN_CREATE |
		unix.IN_DELETE | unix.IN_MOVED_FROM | unix.IN_MOVED_TO | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF
	fileMask = unix.IN_MODIFY | unix.IN_ATTRIB | unix.IN_CLOSE_WRITE | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF
)

const (
	inCreate     = unix.IN_CREATE
	inDelete     = unix.IN_DELETE
	inWritten    = unix.IN_CLOSE_WRITE
	inReplaced   = unix.IN_MOVED_TO | unix.IN_MOVED_FROM
	inIgnored    = unix.IN_IGNORED
	inDirGone    = unix.IN_DELETE_SELF | unix.IN_MOVE_SELF
	inQueueLimit = unix.IN_Q_OVERFLOW
)

func newWatcher() (*watcher, error) {
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &watcher{fd: fd, buf: make([]byte, 64<<10)}, nil
}

// add watches the directory or file at path and returns the watch.
func (w *watcher) add(path string, dir bool) (int32, error) {
	mask := uint32(fileMask)
	if dir {
		mask = dirMask | unix.IN_ONLYDIR
	}
	wd, err := unix.InotifyAddWatch(w.fd, path, mask)
	return int32(wd), err
}

// remove stops a watch; a file's watch ends by itself when the file goes.
func (w *watcher) remove(wd int32) { unix.InotifyRmWatch(w.fd, uint32(wd)) }

// events returns the changes since its last call; overflow is set if the
// kernel dropped some, when anything may have changed.
func (w *watcher) events() (evs []watchEvent, overflow bool, err error) {
	buf := w.buf
	for {
		n, err := unix.Read(w.fd, buf)
		if errors.Is(err, unix.EAGAIN) {
			return evs, overflow, nil
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		for off := 0; off+unix.SizeofInotifyEvent <= n; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			name := buf[off+unix.SizeofInotifyEvent : off+unix.SizeofInotifyEvent+int(ev.Len)]
			off += unix.SizeofInotifyEvent + int(ev.Len)
			if ev.Mask&unix.IN_Q_OVERFLOW != 0 {
				overflow = true
				continue
			}
			// The name is padded with NULs to an alignment.
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			evs = append(evs, watchEvent{wd: ev.Wd, mask: ev.Mask, name: string(name)})
		}
	}
}

func (w *watcher) close() { unix.Close(w.fd) }
