//go:build !race

package main

import "net"

// raceAcquireIO does nothing without the race detector (see
// descriptor_race.go).
func raceAcquireIO(*net.UnixConn) {}
