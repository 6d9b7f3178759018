package lineartest

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	linear := func(text string) {
		for range 200 {
			_ = strings.Count(text, "a")
		}
	}
	if err := Check("ab", 1<<10, 3, 0, linear); err != nil {
		t.Errorf("linear: %v", err)
	}
	quadratic := func(text string) {
		for i := range text {
			_ = strings.Count(text[i:], "a")
		}
	}
	if err := Check("ab", 1<<10, 3, 0, quadratic); err == nil {
		t.Error("quadratic: no error")
	}
}
