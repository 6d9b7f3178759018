//go:build !linux

package lineartest

import "time"

// start is when the process started; now counts from it.
var start = time.Now()

// now is the wall time since start: elsewhere than Linux the thread's CPU
// time is not read.
func now() time.Duration { return time.Since(start) }
