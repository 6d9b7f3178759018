// Package lineartest tells whether a function of a text takes time in
// proportion to the text's length, for tests that guard against
// quadratic behaviour on adversarial input.
package lineartest

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

// Check runs fn on piece repeated to about small bytes and to about 16
// times as many, the best of runs runs each, and returns an error when the
// long text took more than 64 times as long as the short one (16 times is
// linear, 256 quadratic) and more than floor: timings below floor are
// noise. The long text is run again only while its best run is over the
// bound: the best of runs can only be lower than a run that passed, so
// stopping there gives the same verdict for a fraction of the time the
// long runs take (nearly all of it).
//
// The time is the CPU time of the thread fn runs on where the system
// tells it (Linux), else wall time, so fn must do its work on the calling
// goroutine. CPU time does not count the time the thread waited for a
// core: on a loaded machine wall time did, and a linear function seemed
// quadratic. The margin is wide because the cost per byte of a linear
// function still grows with the size of what a run touches, caches and
// the race detector's shadow memory (a linear 16-fold text took up to 56
// times as long; 4 times more text then took 3.8 times as long). A
// failure is measured once more before it is reported.
func Check(piece string, small, runs int, floor time.Duration, fn func(text string)) error {
	err := check(piece, small, runs, floor, fn)
	if err != nil {
		err = check(piece, small, runs, floor, fn)
	}
	return err
}

// growth is how many times longer the long text is.
const growth = 16

func check(piece string, small, runs int, floor time.Duration, fn func(text string)) error {
	// The thread's clock counts only while fn stays on this thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	text := func(size int) string { return strings.Repeat(piece, max(1, size/len(piece))) }
	best := func(text string, done func(time.Duration) bool) time.Duration {
		took := time.Duration(1<<63 - 1)
		for range runs {
			start := now()
			fn(text)
			if took = min(took, now()-start); done(took) {
				break
			}
		}
		return took
	}
	short := best(text(small), func(time.Duration) bool { return false })
	linear := func(took time.Duration) bool { return took <= 4*growth*short || took <= floor }
	long := best(text(growth*small), linear)
	if !linear(long) {
		return fmt.Errorf("%d bytes took %v, %d bytes %v: more than linear", growth*small, long, small, short)
	}
	return nil
}
