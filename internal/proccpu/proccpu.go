// Package proccpu reads the CPU time the process has used, for
// benchmarks that report it: unlike wall time it does not grow with what
// else runs on the machine.
package proccpu

import (
	"syscall"
	"time"
)

// Used returns the CPU time the process has used so far, user and system,
// the collector's included.
func Used() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
