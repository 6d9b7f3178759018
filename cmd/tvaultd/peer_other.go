//go:build !linux

package main

import "net"

// unixPeer names the client of a unix socket connection. Without
// SO_PEERCRED, every local client is one: the socket's mode already
// limits them to the daemon's own account.
func unixPeer(*net.UnixConn) string { return "unix" }
