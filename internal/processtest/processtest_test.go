package processtest

import (
	"os"
	"testing"
)

// TestAlone checks that Alone runs the test again in a process of its
// own with the environment asked for, and there reports that it does.
func TestAlone(t *testing.T) {
	if !Alone(t, "PROCESSTEST_VALUE=set") {
		return
	}
	if got := os.Getenv("PROCESSTEST_VALUE"); got != "set" {
		t.Errorf("in the process of its own, PROCESSTEST_VALUE = %q, want %q", got, "set")
	}
}
