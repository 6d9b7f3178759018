// Package processtest runs a test that measures its process (its heap,
// its allocations) in a process of its own, beside the package's other
// tests.
package processtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// aloneEnv names, in the environment of a process Alone starts, the test
// that process runs alone.
const aloneEnv = "TVAULT_PROCESSTEST_ALONE"

// Alone reports whether this process is one Alone started to run t's
// test alone, where what the test measures of the process (heappeak.During)
// is its own. If it is not, Alone marks t parallel (t.Parallel), runs the test
// binary again with -test.run selecting t's test and env added to its
// environment (KEY=value, replacing the inherited value of KEY), logs
// that process's output, fails t if it failed, and returns false: the
// caller then returns. The measuring test then runs beside the others,
// which share nothing with it, not before them holding the package's run
// to itself. t must be a top-level test.
func Alone(t *testing.T, env ...string) bool {
	t.Helper()
	if os.Getenv(aloneEnv) == t.Name() {
		return true
	}
	t.Parallel()
	args := []string{"-test.run=^" + t.Name() + "$", "-test.v"}
	if deadline, ok := t.Deadline(); ok {
		args = append(args, "-test.timeout="+time.Until(deadline).String())
	}
	cmd := exec.Command(os.Args[0], args...)
	// Under -race a process sleeps a second at exit for the reports of
	// other goroutines (GORACE atexit_sleep_ms); a report is printed when
	// the race happens, and fails the process, so none is lost.
	gorace := "GORACE=" + strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0")
	cmd.Env = append(append(os.Environ(), aloneEnv+"="+t.Name(), gorace), env...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("%s in a process of its own: %v", t.Name(), err)
	}
	return false
}
