package client

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"golang.org/x/sys/unix"

	"github.com/tvault/tvault/internal/api"
)

// getInto asks the daemon to write the attachment at path (a whole read)
// into f, the regular file that w writes to, by passing f's descriptor
// with the request (SCM_RIGHTS, on a connection of its own: the daemon
// takes a descriptor only with the request it came with). The daemon
// writes at f's offset, as w would have, and answers as a stream with no
// bytes whose trailers say how many it wrote; f must then have grown by
// that many where the writes land, or the read failed.
//
// It returns an error matching ErrDescriptor, with nothing written, if
// the daemon refused the descriptor (a file system it does not write
// to, say), for the caller to stream instead. A daemon without the
// feature ignores the request's header and streams the bytes, which go
// to w as download copies them.
func (c *Client) getInto(ctx context.Context, path string, f *os.File, w io.Writer) error {
	start, err := writePosition(f)
	if err != nil {
		return &DescriptorError{Reason: err.Error()}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+api.Version+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set(api.HeaderOutput, api.OutputDescriptor)
	hc := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			conn, err := c.dialUnix(ctx)
			if err != nil {
				return nil, err
			}
			return &rightsConn{UnixConn: conn.(*net.UnixConn), f: f}, nil
		},
		DisableKeepAlives: true,
	}}
	defer hc.CloseIdleConnections()
	resp, err := c.do(hc, req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.Header.Get(api.HeaderOutput) != api.OutputDescriptor {
		return copyStream(resp, w) // an older daemon
	}
	extra, err := io.Copy(io.Discard, resp.Body)
	end, perr := writePosition(f)
	switch {
	case err == nil && extra > 0:
		return fmt.Errorf("malformed response from tvaultd: %d bytes beside the file", extra)
	case err == nil && perr != nil:
		return perr
	case err != nil:
		return fmt.Errorf("stream from tvaultd broke off after %d bytes: %w", end-start, err)
	}
	return streamOutcome(resp, end-start)
}

// writePosition returns where the next write to f lands: its offset, or
// its end if it was opened to append.
func writePosition(f *os.File) (int64, error) {
	raw, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var flags int
	var ferr error
	if err := raw.Control(func(fd uintptr) { flags, ferr = unix.FcntlInt(fd, unix.F_GETFL, 0) }); err != nil {
		return 0, err
	}
	if ferr != nil {
		return 0, os.NewSyscallError("fcntl", ferr)
	}
	if flags&unix.O_APPEND != 0 {
		fi, err := f.Stat()
		if err != nil {
			return 0, err
		}
		return fi.Size(), nil
	}
	return f.Seek(0, io.SeekCurrent)
}

// rightsConn is a connection to the daemon whose first write carries f's
// descriptor: the first bytes of the one request it sends.
type rightsConn struct {
	*net.UnixConn
	f    *os.File
	sent bool
}

func (c *rightsConn) Write(p []byte) (int, error) {
	if c.sent || len(p) == 0 {
		return c.UnixConn.Write(p)
	}
	c.sent = true
	raw, err := c.f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int
	var werr error
	if err := raw.Control(func(fd uintptr) {
		n, _, werr = c.WriteMsgUnix(p, unix.UnixRights(int(fd)), nil)
	}); err != nil {
		return 0, err
	}
	if werr != nil || n == len(p) {
		return n, werr
	}
	// A stream socket may take part of a message; the descriptor went
	// with that part.
	m, err := c.UnixConn.Write(p[n:])
	return n + m, err
}
