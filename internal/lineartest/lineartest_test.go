package lineartest

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	count := func(text string) {
		for range 200 {
			_ = strings.Count(text, "a")
		}
	}
	tests := []struct {
		name   string
		fn     func(text string)
		linear bool
	}{
		{"linear", count, true},
		{"quadratic", func(text string) {
			for i := range text {
				_ = strings.Count(text[i:], "a")
			}
		}, false},
		// A loaded machine keeps a thread waiting for a core longest on
		// the longest run; the waiting is no work of fn's.
		{"linear, waiting", func(text string) {
			count(text)
			if len(text) > 1<<10 {
				time.Sleep(100 * time.Millisecond)
			}
		}, runtime.GOOS == "linux"},
		// The garbage collector charges a goroutine with marking
		// others' heaps now and then: here every run of the long text in
		// the first two measurements (3 and 6 runs), not in the third.
		{"linear, charged with other work", burst(count, 3+6), runtime.GOOS == "linux"},
	}
	for _, tt := range tests {
		err := Check("ab", 1<<10, 3, 0, tt.fn)
		if tt.linear && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if !tt.linear && err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// burst returns fn doing ten times its work on the long text on its first
// n calls with it.
func burst(fn func(text string), n int) func(text string) {
	return func(text string) {
		fn(text)
		if len(text) > 1<<10 && n > 0 {
			n--
			for range 10 {
				fn(text)
			}
		}
	}
}
