package view

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/internal/golden"
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
	t.Parallel()
	got := map[string][]byte{}
	for name, c := range loadCorpus(t) {
		if !golden.Sampled("corpus/" + name) {
			continue
		}
		r, _, _ := c.renderer(t, name)
		got["corpus/"+name] = viewJSON(t, r.View(c.input(name)))
	}
	r := syntheticRenderer(t, 2*goldenSynthetic)
	for i := range goldenSynthetic {
		name := fmt.Sprintf("synthetic/%03d", i)
		if !golden.Sampled(name) {
			continue
		}
		got[name] = viewJSON(t, r.View(syntheticInput(i)))
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
