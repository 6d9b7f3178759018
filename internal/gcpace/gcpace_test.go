package gcpace

import (
	"math"
	"runtime/debug"
	"testing"
)

var sink []byte

// TestLimit checks that Limit sets the memory held after a collection
// plus Budget, so that garbage left by the open does not raise it, and
// that it leaves a limit the environment sets alone.
func TestLimit(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	for _, tc := range []struct {
		name, env string
		set       bool
	}{
		{"unset", "", true},
		{"environment", "1GiB", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetMemoryLimit(math.MaxInt64)
			t.Setenv("GOMEMLIMIT", tc.env)
			// 64 MiB of garbage, touched so that it is held, which the
			// collector has not yet seen.
			sink = make([]byte, 64<<20)
			for i := 0; i < len(sink); i += 4096 {
				sink[i] = 1
			}
			sink = nil
			before := held()
			got := Limit()
			now := debug.SetMemoryLimit(-1)
			if !tc.set {
				if got != 0 || now != math.MaxInt64 {
					t.Fatalf("Limit() = %d, memory limit %d; want 0 and the limit unchanged", got, now)
				}
				return
			}
			if got != now {
				t.Fatalf("Limit() = %d, but the memory limit is %d", got, now)
			}
			if got-Budget <= 0 || got-Budget > before-32<<20 {
				t.Fatalf("Limit() = %d: %d held, which the 64 MiB of garbage among the %d held before should not count in", got, got-Budget, before)
			}
		})
	}
}
