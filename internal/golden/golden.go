// Package golden checks sums of test output against a golden file of
// lines "NAME SUM", for tests that must show the same output byte for
// byte across changes to the code that makes it.
package golden

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Sampled reports whether a test computes the sum of name: always, but
// under the race detector one name in four, chosen by the name's hash
// (the same in every run). The detector makes each sum cost about ten
// times as much, and the code golden files hold is pure: what the
// detector could find in it, a quarter of the names finds as well as the
// whole, within the time the suite has.
func Sampled(name string) bool {
	if !raceEnabled {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%4 == 0
}

// Check reports through t each name of sums whose sum differs from the
// golden file's, and a different number of names, and returns the names
// that differ, sorted. With update it first rewrites the file from sums.
// Under the race detector sums holds the Sampled names only: each is
// checked, the file's other names are not, and update is refused.
func Check(t testing.TB, file string, sums map[string]string, update bool) (differ []string) {
	t.Helper()
	names := slices.Sorted(maps.Keys(sums))
	if update && raceEnabled {
		t.Fatalf("%s: -update under the race detector, which computes a sample of the sums: run it without -race", file)
	}
	if update {
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%s %s\n", n, sums[n])
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n, sum, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: malformed line %q", file, sc.Text())
		}
		want[n] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if sums[n] != want[n] {
			t.Errorf("%s: differs from %s", n, file)
			differ = append(differ, n)
		}
	}
	if !raceEnabled && len(want) != len(sums) {
		t.Errorf("%d sums, %d in %s", len(sums), len(want), file)
	}
	return differ
}
