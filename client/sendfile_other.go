//go:build !linux

package client

import "net"

// wrapUnixConn returns c: only Linux sends a file to a socket without
// copying it through the process (see sendfile_linux.go).
func wrapUnixConn(c net.Conn) net.Conn { return c }
