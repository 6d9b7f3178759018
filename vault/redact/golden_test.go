package redact

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden redacts testdata/golden/input.txt with the phrases of
// phrases.txt (one a line) and compares with expected.txt.
func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "golden")
	in, err := os.ReadFile(filepath.Join(dir, "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := os.ReadFile(filepath.Join(dir, "phrases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(in)
	phrases := strings.Split(strings.TrimSpace(string(p)), "\n")
	got := Apply(text, Recognise(text), Phrases(text, phrases))

	golden := filepath.Join(dir, "expected.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, g, w)
			}
		}
		t.Errorf("output differs from %s (run with -update after checking)", golden)
	}

	// The view must not be worth redacting again, and nothing in it may
	// still be found by a recogniser.
	if again := Recognise(got); len(again) != 0 {
		t.Errorf("redacted view still has identifiers: %v", describe(got, again))
	}
}
