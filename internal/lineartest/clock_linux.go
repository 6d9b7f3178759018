package lineartest

import (
	"time"

	"golang.org/x/sys/unix"
)

// now is the calling thread's CPU time.
func now() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		panic("lineartest: thread CPU clock: " + err.Error())
	}
	return time.Duration(ts.Nano())
}
