package badgerstore

import (
	"bytes"
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A dirWatch reports the names of the files in a directory that were
// written, replaced, renamed or removed, through inotify(7). Reading its
// events does not block: the kernel queues an event as the change is
// made, so events read after a read of the files cover every change made
// before it.
type dirWatch struct{ fd int }

// watchMask is the changes reported: content (write, truncate), metadata,
// and a name that appears, goes or moves.
const watchMask = unix.IN_MODIFY | unix.IN_ATTRIB | unix.IN_CLOSE_WRITE | unix.IN_CREATE |
	unix.IN_DELETE | unix.IN_MOVED_FROM | unix.IN_MOVED_TO | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF

func watchDir(dir string) (*dirWatch, error) {
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		return nil, err
	}
	if _, err := unix.InotifyAddWatch(fd, dir, watchMask); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return &dirWatch{fd: fd}, nil
}

// changed returns the names of the files changed since its last call;
// all is set if the kernel dropped events (its queue overflowed) or the
// directory itself went, when any file may have changed.
func (w *dirWatch) changed() (names []string, all bool, err error) {
	var buf [64 << 10]byte
	for {
		n, err := unix.Read(w.fd, buf[:])
		if errors.Is(err, unix.EAGAIN) {
			return names, all, nil
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
			if ev.Mask&(unix.IN_Q_OVERFLOW|unix.IN_DELETE_SELF|unix.IN_MOVE_SELF|unix.IN_IGNORED) != 0 {
				all = true
				continue
			}
			// The name is padded with NULs to an alignment.
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			names = append(names, string(name))
		}
	}
}

func (w *dirWatch) close() { unix.Close(w.fd) }
