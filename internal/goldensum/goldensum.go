// Package goldensum keeps the SHA-256 sums of a test's named outputs in a
// golden file, one "name sum" a line (sum in hex), sorted by name: a test
// that must reproduce many large outputs byte for byte keeps their sums,
// not the outputs.
package goldensum

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/atomicfile"
)

// Check compares the sums of got (name to output) with the golden file
// at path, after rewriting the file from got if update is set. It
// returns the names whose output differs from the file's sum, sorted,
// and fails t if any does or if the file names other outputs.
func Check(t testing.TB, path string, got map[string][]byte, update bool) (differ []string) {
	t.Helper()
	names := slices.Sorted(maps.Keys(got))
	if update {
		var b strings.Builder
		for _, k := range names {
			fmt.Fprintf(&b, "%s %x\n", k, sha256.Sum256(got[k]))
		}
		if err := atomicfile.ReplaceFile(path, []byte(b.String())); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, sum, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: malformed line %q", path, sc.Text())
		}
		want[k] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range names {
		if fmt.Sprintf("%x", sha256.Sum256(got[k])) != want[k] {
			differ = append(differ, k)
		}
	}
	if len(differ) > 0 || len(want) != len(got) {
		t.Errorf("%d of %d outputs differ from %s (%d there): -update after checking", len(differ), len(got), path, len(want))
	}
	return differ
}
