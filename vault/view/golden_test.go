package view

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/golden"
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
// -run TestViewGolden logs each view that differs).
func TestViewGolden(t *testing.T) {
	got := map[string][]byte{}
	for name, c := range loadCorpus(t) {
		if !golden.Sampled("corpus/" + name) {
			continue
		}
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
		name := fmt.Sprintf("synthetic/%03d", i)
		if !golden.Sampled(name) {
			continue
		}
		got[name] = viewJSON(t, r.View(Input{ID: fmt.Sprint(i), Doc: synthetic.Testimony(i),
			WitnessID: fmt.Sprintf("p-%016x", 2*i), PersonIDs: []string{fmt.Sprintf("p-%016x", 2*i+1)}}))
	}

	sums := make(map[string]string, len(got))
	for k, b := range got {
		sums[k] = fmt.Sprintf("%x", sha256.Sum256(b))
	}
	for _, k := range golden.Check(t, filepath.Join("testdata", "views.golden"), sums, *update) {
		t.Logf("%s: the view now:\n%s", k, got[k])
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
