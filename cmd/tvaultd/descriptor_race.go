//go:build race

package main

import (
	"net"
	"syscall"
)

// raceAcquireIO tells the race detector what a plain read of c would:
// syscall.Read orders every read after every earlier write of the
// process (its ioSync), and syscall.Recvmsg, which ReadMsgUnix uses, does
// not, so that tests of an in-process daemon saw races that the socket
// itself orders. A read of no bytes, which the kernel answers at once,
// does it. Built with -race only.
func raceAcquireIO(c *net.UnixConn) {
	raw, err := c.SyscallConn()
	if err != nil {
		return
	}
	raw.Read(func(fd uintptr) bool {
		syscall.Read(int(fd), nil)
		return true
	})
}
