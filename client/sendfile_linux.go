package client

import (
	"errors"
	"io"
	"net"
	"os"
	"syscall"
)

// unixConn is a connection to tvaultd's unix socket. The transport copies
// a request body of known length into it with io.Copy, and net.UnixConn
// has no ReadFrom, so an attachment would go 32 KiB at a time, read into
// the CLI and written out again. ReadFrom sends a regular file from the
// page cache instead (sendfile(2)): one copy in the kernel rather than two
// and a system call per 32 KiB, which left less of the machine to the
// daemon's hashing and encryption.
//
// Its send buffer is unixSendBuffer, not the kernel's 208 KiB: with the
// default, sendfile of a 1 GiB attachment stopped for the daemon some
// 5,000 times (23,000 system calls, 10,000 context switches); with 4 MiB,
// 2,700 and 2,000, and at idle the attach's throughput went from 0.81-0.82
// of age's to 0.89-0.92 (docs/BENCHMARKS.md, issue 16, session 15). Only
// the CLI's end: the same buffer on tvaultd's end made gets slower.
type unixConn struct{ *net.UnixConn }

// unixSendBuffer is the send buffer (SO_SNDBUF) the CLI asks for on
// tvaultd's unix socket; Linux caps it at net.core.wmem_max and doubles
// it for its bookkeeping.
const unixSendBuffer = 4 << 20

func wrapUnixConn(c net.Conn) net.Conn {
	if uc, ok := c.(*net.UnixConn); ok {
		// Best effort: the default works, with more wake-ups.
		uc.SetWriteBuffer(unixSendBuffer)
		return unixConn{uc}
	}
	return c
}

// ReadFrom sends r: by sendfile if it is the transport's limit (the
// Content-Length) on a fileBody, never past that limit, so that a file
// that grows meanwhile sends no more than was announced; else by copying.
func (c unixConn) ReadFrom(r io.Reader) (int64, error) {
	if lr, ok := r.(*io.LimitedReader); ok {
		if b, ok := lr.R.(fileBody); ok {
			n, handled, err := sendFile(c.UnixConn, b.f, lr.N)
			lr.N -= n
			if handled {
				return n, err
			}
		}
	}
	return io.Copy(c.UnixConn, r)
}

// sendFile sends up to n bytes of f, from its offset, which it moves on,
// to c. It stops early, without an error, where f ends. handled is false
// if nothing was sent because the kernel cannot send from f (a pipe, a
// file system without sendfile), for the caller to copy instead.
func sendFile(c *net.UnixConn, f *os.File, n int64) (sent int64, handled bool, err error) {
	dst, err := c.SyscallConn()
	if err != nil {
		return 0, false, nil
	}
	src, err := f.SyscallConn()
	if err != nil {
		return 0, false, nil
	}
	var serr error
	rerr := src.Read(func(sfd uintptr) bool {
		werr := dst.Write(func(dfd uintptr) bool {
			for sent < n {
				// At most 1 GiB a call, as the kernel itself caps a call
				// near 2 GiB.
				m, err := syscall.Sendfile(int(dfd), int(sfd), nil, int(min(n-sent, 1<<30)))
				if m > 0 {
					sent += int64(m)
				}
				switch {
				case err == syscall.EINTR:
				case err == syscall.EAGAIN:
					return false // wait until the socket takes more
				case err != nil:
					serr = err
					return true
				case m == 0:
					return true // f ended
				}
			}
			return true
		})
		if serr == nil && werr != nil {
			serr = werr
		}
		return true
	})
	if serr == nil {
		serr = rerr
	}
	if sent == 0 && (errors.Is(serr, syscall.EINVAL) || errors.Is(serr, syscall.ENOSYS) || errors.Is(serr, syscall.EOPNOTSUPP)) {
		return 0, false, nil
	}
	if errno, ok := serr.(syscall.Errno); ok {
		serr = os.NewSyscallError("sendfile", errno)
	}
	return sent, true, serr
}
