package main

import (
	"net"
	"strconv"
	"syscall"
)

// unixPeer names the client of a unix socket connection by its user ID,
// which the kernel vouches for (SO_PEERCRED).
func unixPeer(c *net.UnixConn) string {
	raw, err := c.SyscallConn()
	if err != nil {
		return "unix"
	}
	var cred *syscall.Ucred
	var cerr error
	err = raw.Control(func(fd uintptr) {
		cred, cerr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	})
	if err != nil || cerr != nil {
		return "unix"
	}
	return "uid:" + strconv.FormatUint(uint64(cred.Uid), 10)
}
