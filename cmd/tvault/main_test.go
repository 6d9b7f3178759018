package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"tvault": main})
}

var (
	ageOnce sync.Once
	ageDir  string
	ageErr  error
)

// buildAge builds the stock age and age-keygen commands (a tool dependency
// in go.mod) once per test binary, so scripts check tvault's output with
// the real age CLI.
func buildAge(t *testing.T) string {
	ageOnce.Do(func() {
		ageDir, ageErr = os.MkdirTemp("", "tvault-age-")
		if ageErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", ageDir, "filippo.io/age/cmd/age", "filippo.io/age/cmd/age-keygen")
		out, err := cmd.CombinedOutput()
		if err != nil {
			ageErr = fmt.Errorf("building age: %v\n%s", err, out)
		}
	})
	if ageErr != nil {
		t.Fatal(ageErr)
	}
	return ageDir
}

func TestScripts(t *testing.T) {
	agePath := buildAge(t)
	t.Cleanup(func() { os.RemoveAll(agePath) })
	corpus, err := filepath.Abs("../../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/scripts",
		Setup: func(e *testscript.Env) error {
			e.Setenv("PATH", agePath+string(os.PathListSeparator)+e.Getenv("PATH"))
			e.Setenv("CORPUS", corpus)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"setenvline": setenvLine,
		},
	})
}

// setenvLine NAME N FILE sets NAME to line N (from 1) of FILE, or of the
// last command's stdout when FILE is "stdout", so scripts can carry a
// printed record ID into later commands.
func setenvLine(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: setenvline NAME N FILE")
	}
	var n int
	if _, err := fmt.Sscan(args[1], &n); err != nil || n < 1 {
		ts.Fatalf("bad line number %q", args[1])
	}
	lines := strings.Split(strings.TrimSuffix(ts.ReadFile(args[2]), "\n"), "\n")
	if n > len(lines) {
		ts.Fatalf("%s has %d lines, want line %d", args[2], len(lines), n)
	}
	ts.Setenv(args[0], string(bytes.TrimSpace([]byte(lines[n-1]))))
}
