// Package manpagetest renders a manual page with man(1) in tests, so that
// the tests of tvault(1) and tvaultd(8) check what a reader sees.
package manpagetest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// Render renders the roff page with "man -l" at 80 columns, groff's
// warnings on, and returns the text. It fails the test on any warning
// and skips it where man is not installed.
func Render(t testing.TB, page []byte) string {
	t.Helper()
	man, err := exec.LookPath("man")
	if err != nil {
		t.Skip("man is not installed")
	}
	name := filepath.Join(t.TempDir(), "page")
	if err := os.WriteFile(name, page, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(man, "--warnings=w", "-l", name)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "LANG=C.UTF-8", "MAN_KEEP_FORMATTING=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("man -l: %v\n%s", err, stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Fatalf("man -l warns:\n%s", stderr.Bytes())
	}
	if len(out) == 0 {
		t.Fatal("man -l rendered nothing")
	}
	return string(out)
}

// tag is a tagged paragraph's tag as man renders it: at the start of a
// line, alone or, shorter than the indent, followed by the text.
var tag = regexp.MustCompile(`(?m)^\s*([A-Z][A-Z0-9_]*)(?:\s|$)`)

// HasTag reports whether the rendered text has a tagged paragraph (.TP)
// whose tag is name, such as an environment variable's.
func HasTag(text, name string) bool {
	for _, m := range tag.FindAllStringSubmatch(text, -1) {
		if m[1] == name {
			return true
		}
	}
	return false
}
