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
// noise.
//
// The time is the CPU time of the thread fn runs on where the system
// tells it (Linux), else wall time, so fn must do its work on the calling
// goroutine. CPU time does not count the time the thread waited for a
// core: on a loaded machine wall time did, and a linear function seemed
// quadratic. The margin is wide because the cost per byte of a linear
// function still grows with the size of what a run touches, caches and
// the race detector's shadow memory (a linear 16-fold text took up to 56
// times as long; 4 times more text then took 3.8 times as long).
//
// CPU time still counts work that is not fn's: the garbage collector
// makes a goroutine that allocates help mark the whole heap, other
// tests' included, and a loaded machine's caches are cold. So a first,
// untimed run of the short text warms what fn builds once, the runs
// of the two sizes alternate, each size's best run is kept, and a
// failure is measured twice more, with twice and four times the runs,
// before it is reported: a quadratic function fails every time, a
// linear one that was charged another's work rarely three times.
func Check(piece string, small, runs int, floor time.Duration, fn func(text string)) error {
	var err error
	for k := range attempts {
		if err = check(piece, small, runs<<k, floor, fn); err == nil {
			return nil
		}
	}
	return err
}

const (
	// growth is how many times longer the long text is.
	growth = 16
	// attempts is how many times a failure is measured.
	attempts = 3
)

func check(piece string, small, runs int, floor time.Duration, fn func(text string)) error {
	// The thread's clock counts only while fn stays on this thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	sizes := [2]int{small, growth * small}
	var texts [2]string
	took := [2]time.Duration{1<<63 - 1, 1<<63 - 1}
	for i, size := range sizes {
		texts[i] = strings.Repeat(piece, max(1, size/len(piece)))
	}
	// Untimed: what fn builds on its first call (tables, caches) would
	// make the short text slow and the bound loose.
	fn(texts[0])
	for range runs {
		for i, text := range texts {
			start := now()
			fn(text)
			took[i] = min(took[i], now()-start)
		}
	}
	if took[1] > 4*growth*took[0] && took[1] > floor {
		return fmt.Errorf("%d bytes took %v, %d bytes %v: more than linear", growth*small, took[1], small, took[0])
	}
	return nil
}
