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

// TestCheckStopsWhenLinear: a long run within the bound ends the long
// runs (their best could only be lower), and a short text is always run
// every time, since its best sets the bound.
func TestCheckStopsWhenLinear(t *testing.T) {
	var short, long int
	err := Check("ab", 1<<10, 3, 0, func(text string) {
		if len(text) > 1<<10 {
			long++
		} else {
			short++
		}
		for range 200 {
			_ = strings.Count(text, "a")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if short != 3 || long != 1 {
		t.Errorf("ran the short text %d times and the long one %d, want 3 and 1", short, long)
	}
}
