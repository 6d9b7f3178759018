package view

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenSynthetic is how many synthetic testimonies TestViewGolden renders,
// with a registry of their witnesses and persons: the shape of the
// benchmark vault's records (BenchmarkViewSynthetic).
const goldenSynthetic = 400

// TestViewGolden renders every corpus case and the first goldenSynthetic
// synthetic testimonies in the researcher view and compares the SHA-256 of
// each view's JSON with testdata/views.golden (one "name hex" a line). It
// holds the views byte for byte, so that a change meant to make rendering
// cheaper cannot change what a researcher sees; a change of the rules
// updates the file with -update, after its views were read (go test -v
// -run TestViewGolden logs each differing view).
func TestViewGolden(t *testing.T) {
	got := map[string][]byte{}
	for name, c := range loadCorpus(t) {
		r, _, _ := c.renderer(t, name)
		got["corpus/"+name] = viewJSON(t, r.View(c.input(name)))
	}
	reg := make([]names.Person, 0, 2*goldenSynthetic)
	for i := range goldenSynthetic {
		d := synthetic.Testimony(i)
		reg = append(reg,
			names.Person{ID: fmt.Sprintf("p-%016x", 2*i), Name: d.Witness.Name, Values: []string{d.Witness.Contact}},
			names.Person{ID: fmt.Sprintf("p-%016x", 2*i+1), Name: d.Persons[0].Name})
	}
	m, err := names.NewMatcher(reg)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(policy.ViewResearcher, policy.Default().Views[policy.ViewResearcher], m,
		func(id string) string { return "P-" + id[len(id)-9:] })
	for i := range goldenSynthetic {
		got[fmt.Sprintf("synthetic/%03d", i)] = viewJSON(t, r.View(Input{ID: fmt.Sprint(i), Doc: synthetic.Testimony(i),
			WitnessID: fmt.Sprintf("p-%016x", 2*i), PersonIDs: []string{fmt.Sprintf("p-%016x", 2*i+1)}}))
	}

	golden := filepath.Join("testdata", "views.golden")
	keys := slices.Sorted(maps.Keys(got))
	if *update {
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "%s %x\n", k, sha256.Sum256(got[k]))
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, sum, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: malformed line %q", golden, sc.Text())
		}
		want[k] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	differ := 0
	for _, k := range keys {
		if sum := fmt.Sprintf("%x", sha256.Sum256(got[k])); sum != want[k] {
			differ++
			t.Logf("%s: view differs from %s:\n%s", k, golden, got[k])
		}
	}
	if differ > 0 || len(want) != len(got) {
		t.Errorf("%d of %d views differ from %s (%d there): run with -v to read them, -update after checking", differ, len(got), golden, len(want))
	}
}

// viewJSON is rec as a researcher receives it.
func viewJSON(t *testing.T, rec *Record) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rec.WriteJSON(&b, "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
