package gcpace

import (
	"math"
	"runtime/debug"
	"testing"
)

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
			before := held()
			got := Limit()
			after := held()
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
			if got < before+Budget || got > after+Budget {
				t.Fatalf("Limit() = %d, want the memory held (%d to %d) plus Budget (%d)", got, before, after, Budget)
			}
		})
	}
}
