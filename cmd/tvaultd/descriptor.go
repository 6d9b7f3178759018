package main

import (
	"context"
	"io"
	"net"
	"os"
	"sync"
	"syscall"

	"github.com/tvault/tvault/internal/api"
)

// A client on the unix socket may pass the daemon the descriptor of its
// output file (SCM_RIGHTS) with a whole attachment read, for the daemon
// to write the bytes there itself (api.HeaderOutput): a 1 GiB read then
// skips the socket's two copies and the two processes' ping-pong over it
// (docs/BENCHMARKS.md, issue 16, session 16).
//
// Descriptors arrive with the bytes of a request, so the connection
// itself receives them: every read of a descriptorConn is a recvmsg with
// room for exactly one. A connection holds at most one pending
// descriptor: any other that arrives while one is pending, or beyond
// the first of a message (the kernel closes those), is closed at once;
// the pending one is taken by the request that asks for it, and closed
// when the request being served ends (the server's ServeHTTP) and when
// the connection closes. So the descriptor must come with the request
// that uses it, on a connection that carries no other request at the
// same time, as package client sends it (a connection of its own).
// Received descriptors are close-on-exec from the start: Go's net asks
// for MSG_CMSG_CLOEXEC on Linux, and sets FD_CLOEXEC itself where
// recvmsg cannot.

// rightsSpace is the control buffer of one descriptor.
var rightsSpace = syscall.CmsgSpace(4)

// descriptorListener accepts descriptorConns.
type descriptorListener struct{ *net.UnixListener }

func (l descriptorListener) Accept() (net.Conn, error) {
	c, err := l.AcceptUnix()
	if err != nil {
		return nil, err
	}
	return &descriptorConn{UnixConn: c, oob: make([]byte, rightsSpace), pending: -1}, nil
}

// descriptorConn is a unix socket connection that keeps the descriptor
// a client passes with a request (see above).
type descriptorConn struct {
	*net.UnixConn
	oob []byte // read only by Read, which net/http never calls concurrently

	mu      sync.Mutex
	pending int // -1: none
	closed  bool
}

// Read reads as net.UnixConn's Read does, keeping a descriptor that
// comes with the bytes. ReadMsgUnix, unlike Read, gives -1 bytes with an
// error and none without one at the end of the stream: both are made
// what Read gives.
func (c *descriptorConn) Read(p []byte) (int, error) {
	n, oobn, _, _, err := c.ReadMsgUnix(p, c.oob)
	raceAcquireIO(c.UnixConn)
	if oobn > 0 {
		c.keep(c.oob[:oobn])
	}
	switch {
	case n < 0:
		n = 0
	case n == 0 && err == nil && len(p) > 0:
		err = io.EOF
	}
	return n, err
}

// keep makes the first descriptor of the control messages oob pending,
// if none is, and closes every other.
func (c *descriptorConn) keep(oob []byte) {
	msgs, err := syscall.ParseSocketControlMessage(oob)
	if err != nil {
		return // no whole message: nothing was installed
	}
	for _, m := range msgs {
		fds, err := syscall.ParseUnixRights(&m)
		if err != nil {
			continue // not SCM_RIGHTS
		}
		for _, fd := range fds {
			c.mu.Lock()
			if c.pending < 0 && !c.closed {
				c.pending, fd = fd, -1
			}
			c.mu.Unlock()
			if fd >= 0 {
				syscall.Close(fd)
			}
		}
	}
}

// take returns the pending descriptor, or -1; it is the caller's then.
func (c *descriptorConn) take() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	fd := c.pending
	c.pending = -1
	return fd
}

// drop closes the pending descriptor, if any.
func (c *descriptorConn) drop() {
	if fd := c.take(); fd >= 0 {
		syscall.Close(fd)
	}
}

// Close closes the connection and the pending descriptor.
func (c *descriptorConn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.drop()
	return c.UnixConn.Close()
}

type connKey struct{}

// withConn adds c to ctx, for its requests to take its descriptor.
func withConn(ctx context.Context, c *descriptorConn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// dropDescriptor closes the descriptor pending on the connection of a
// request that has ended, if any.
func dropDescriptor(ctx context.Context) {
	if c, ok := ctx.Value(connKey{}).(*descriptorConn); ok {
		c.drop()
	}
}

// takeOutput returns the output file passed with the request of ctx,
// checked (outputFile), or a *api.DescriptorError; the file is the
// caller's to close.
func takeOutput(ctx context.Context) (*os.File, error) {
	c, ok := ctx.Value(connKey{}).(*descriptorConn)
	if !ok {
		return nil, &api.DescriptorError{Reason: "descriptors are taken on the unix socket only"}
	}
	fd := c.take()
	if fd < 0 {
		return nil, &api.DescriptorError{Reason: "none came with the request"}
	}
	return outputFile(fd)
}
