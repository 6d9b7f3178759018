package envvars

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reads finds the variables that Go source reads: a name passed to
// os.Getenv, os.LookupEnv or a getenv function (client.FromEnv's), and any
// string literal that names a TVAULT_ variable.
var reads = regexp.MustCompile(`(?:[Gg]etenv|LookupEnv)\("([A-Za-z_][A-Za-z0-9_]*)"\)|"(TVAULT_[A-Z0-9_]+)"`)

// TestAllListed greps the module's source (tests and this package aside)
// for the variables it reads, and fails for one that All does not list or
// one that All lists and nothing reads.
func TestAllListed(t *testing.T) {
	root := filepath.Join("..", "..")
	read := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// Test helpers (internal/pgtest and the like) are in no binary.
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root ||
			filepath.Dir(path) == filepath.Join(root, "internal") && strings.HasSuffix(d.Name(), "test")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			filepath.Dir(path) == filepath.Join(root, "internal", "envvars") { // names them all
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// The expression has no literal prefix and the source holds
		// megabytes of word lists (5 s of CPU under -race): it runs only
		// on the few files holding a literal part of an alternative.
		if !bytes.Contains(data, []byte("etenv(")) && !bytes.Contains(data, []byte("LookupEnv(")) && !bytes.Contains(data, []byte(`"TVAULT_`)) {
			return nil
		}
		for _, m := range reads.FindAllStringSubmatch(string(data), -1) {
			read[m[1]+m[2]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(read) < 5 {
		t.Fatalf("found only %v in the source; is the walk broken?", read)
	}
	var listed []string
	for _, v := range All {
		listed = append(listed, v.Name)
		if _, ok := read[v.Name]; !ok {
			t.Errorf("%s is listed, and no source reads it", v.Name)
		}
		if len(v.Programs) == 0 || v.Text == "" {
			t.Errorf("%s: no programs or no text", v.Name)
		}
	}
	for name, file := range read {
		if !slices.Contains(listed, name) {
			t.Errorf("%s reads %s, which envvars.All does not list", file, name)
		}
	}
}

// TestREADME checks that the README lists every variable too.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range All {
		if !strings.Contains(string(readme), "`"+v.Name+"`") {
			t.Errorf("README.md does not list `%s`", v.Name)
		}
	}
}

func TestFor(t *testing.T) {
	d := For("tvaultd")
	if len(d) == 0 || len(d) >= len(All) {
		t.Fatalf("tvaultd reads %d of %d variables", len(d), len(All))
	}
	for _, v := range d {
		if !slices.Contains(v.Programs, "tvaultd") {
			t.Errorf("For(tvaultd) returned %s", v.Name)
		}
	}
	if len(For("nonesuch")) != 0 {
		t.Error("For(nonesuch) returned variables")
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text, indent string
		width        int
		want         string
	}{
		{"", "  ", 10, ""},
		{"one two three", "", 7, "one two\nthree\n"},
		{"one two three", "  ", 9, "  one two\n  three\n"},
		{"a verylongword b", "", 5, "a\nverylongword\nb\n"},
		{" spaced\n out ", "", 80, "spaced out\n"},
	} {
		if got := Wrap(tc.text, tc.indent, tc.width); got != tc.want {
			t.Errorf("Wrap(%q, %q, %d) = %q, want %q", tc.text, tc.indent, tc.width, got, tc.want)
		}
	}
}
