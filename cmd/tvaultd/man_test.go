package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/envvars"
	"github.com/tvault/tvault/internal/manpage/manpagetest"
)

// flagDef finds the flags tvaultd defines: fs.String("name", ...),
// fs.DurationVar(&x, "name", ...) and the like.
var flagDef = regexp.MustCompile(`\bfs\.[A-Z]\w*\((?:&[\w.]+, )?"([a-z][a-z0-9-]*)"`)

// TestManPage renders tvaultd(8) with man and checks that the usage, and
// so the page, documents every flag that tvaultd's source defines, and
// the page every environment variable tvaultd reads.
func TestManPage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range flagDef.FindAllStringSubmatch(string(src), -1) {
			flags = append(flags, m[1])
		}
	}
	if len(flags) < 6 {
		t.Fatalf("found only the flags %q in the source", flags)
	}
	var roff bytes.Buffer
	if err := manPage().Write(&roff); err != nil {
		t.Fatal(err)
	}
	text := manpagetest.Render(t, roff.Bytes())
	for _, f := range flags {
		if !regexp.MustCompile(`(?m)^ +--` + f + `\b`).MatchString(usage) {
			t.Errorf("the usage's options do not document --%s", f)
		}
		if !strings.Contains(text, "--"+f) {
			t.Errorf("the page does not show --%s", f)
		}
	}
	for _, v := range envvars.For("tvaultd") {
		if !manpagetest.HasTag(text, v.Name) {
			t.Errorf("the page's ENVIRONMENT lacks %s", v.Name)
		}
	}
}
