package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/envvars"
	"github.com/tvault/tvault/internal/manpage/manpagetest"
)

// TestManPage renders tvault(1) with man and checks that it shows every
// command of the tree, every flag and example of every command, and
// every environment variable, without a warning from groff.
func TestManPage(t *testing.T) {
	roff, err := execHelp("man")
	if err != nil {
		t.Fatal(err)
	}
	text := manpagetest.Render(t, []byte(roff))
	// Literal blocks keep their lines, so examples and synopses are whole.
	lines := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	root := newTree(&globals{}, io.Discard)
	for _, f := range flagsOf(root) {
		if !strings.Contains(text, "--"+f.Name) {
			t.Errorf("the page does not show the global flag --%s", f.Name)
		}
	}
	commandLine := regexp.MustCompile(`^tvault [a-z-]+( [a-z-]+)?`)
	walk(root, nil, func(parents []*command, c *command) {
		name := "tvault " + path(parents, c)
		shown := false
		for l := range lines {
			if m := commandLine.FindString(l); m == name {
				shown = true
			}
		}
		if !shown {
			t.Errorf("no line of the page starts with %q", name)
		}
		for _, f := range flagsOf(c) {
			if !strings.Contains(text, "--"+f.Name) {
				t.Errorf("the page does not show --%s of %s", f.Name, name)
			}
		}
		for _, l := range strings.Split(c.usage, "\n") {
			if ex := strings.TrimSpace(l); strings.HasPrefix(ex, "$ ") && !lines[ex] {
				t.Errorf("the page lacks the example %q of %s", ex, name)
			}
		}
	})
	for _, v := range envvars.For("tvault") {
		if !manpagetest.HasTag(text, v.Name) {
			t.Errorf("the page's ENVIRONMENT lacks %s", v.Name)
		}
	}
}

// TestManInstall checks that "tvault man --dir" installs the page where
// man finds it, readable by all, replacing an older one.
func TestManInstall(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "man1", "tvault.1")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := execHelp("man", "--dir", dir); err != nil {
		t.Fatal(err)
	}
	page, err := execHelp("man")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != page {
		t.Fatalf("installed page: %v, and not the page tvault man prints", err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("installed page: %v, mode %v; want 0644", err, fi.Mode())
	}
}
