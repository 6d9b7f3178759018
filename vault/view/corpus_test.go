package view

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/ignorable"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
)

// A corpusCase is one file of testdata/corpus: an invented testimony, the
// other persons registered in the vault, and what the researcher view
// must hide (leaks) and keep (keeps), each grouped by class.
type corpusCase struct {
	About     string              `json:"about"`
	Registry  []corpusPerson      `json:"registry"`
	Testimony testimony.Testimony `json:"testimony"`
	Leaks     map[string][]string `json:"leaks"`
	Keeps     map[string][]string `json:"keeps"`
}

type corpusPerson struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases"`
	Contact   string   `json:"contact"`
	Residence string   `json:"residence"`
}

// The bar the corpus must meet.
const (
	maxLeaks     = 0
	minPrecision = 0.95
)

// loadCorpus reads every case, strictly: unknown members, trailing data,
// a case without leaks or keeps, or a leak or keep that is not in the
// testimony (a check that could not fail) is an error.
func loadCorpus(t *testing.T) map[string]*corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	out := map[string]*corpusCase{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var c corpusCase
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if dec.More() {
			t.Fatalf("%s: data after the case", f)
		}
		if c.About == "" || len(c.Leaks) == 0 || len(c.Keeps) == 0 {
			t.Fatalf("%s: about, leaks and keeps are required", f)
		}
		source := fold(allText(&c.Testimony))
		for what, groups := range map[string]map[string][]string{"leak": c.Leaks, "keep": c.Keeps} {
			for class, ss := range groups {
				if len(ss) == 0 {
					t.Fatalf("%s: %s class %q is empty", f, what, class)
				}
				for _, s := range ss {
					if !strings.Contains(source, fold(s)) {
						t.Fatalf("%s: %s %q (%s) is not in the testimony", f, what, s, class)
					}
				}
			}
		}
		out[filepath.Base(f)] = &c
	}
	return out
}

// allText is every free-text field of a testimony a view may show.
func allText(d *testimony.Testimony) string {
	parts := []string{d.Title, d.Narrative}
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		parts = append(parts, p.Relation, p.Contact, p.Residence)
	}
	return strings.Join(append(parts, d.Tags...), "\n")
}

// shown is every string of a rendered record, one per line.
func shown(rec *Record) string {
	parts := []string{rec.Case, rec.Title, rec.Narrative, strings.Join(rec.Tags, "\n")}
	if rec.Interview != nil {
		parts = append(parts, rec.Interview.Place, rec.Interview.Interviewer)
	}
	for _, p := range append([]Person{deref(rec.Witness)}, rec.Persons...) {
		parts = append(parts, p.Name, p.Contact, p.Residence, p.Relation, strings.Join(p.Aliases, "\n"))
	}
	return strings.Join(parts, "\n")
}

func deref(p *Person) Person {
	if p == nil {
		return Person{}
	}
	return *p
}

// fold is how leaks and keeps are compared: NFKC, case-folded, without
// invisible characters, so that a leak in another width, case or
// normalisation form still counts. Each call makes its own Caser, which
// keeps state: the tests that fold run in parallel.
func fold(s string) string {
	s = strings.Map(func(r rune) rune {
		if ignorable.Invisible(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(s)))
}

// containsWord reports whether sub occurs in s, not glued to a Latin
// letter where it starts or ends with one ("Ara" is not in "character").
func containsWord(s, sub string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		a, b := off+i, off+i+len(sub)
		first, _ := utf8.DecodeRuneInString(sub)
		last, _ := utf8.DecodeLastRuneInString(sub)
		before, _ := utf8.DecodeLastRuneInString(s[:a])
		after, _ := utf8.DecodeRuneInString(s[b:])
		if !(isLatinLetter(first) && isLatinLetter(before)) && !(isLatinLetter(last) && isLatinLetter(after)) {
			return true
		}
		off = a + 1
	}
}

func isLatinLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

// corpusResult counts leaks and keeps per class.
type corpusResult struct {
	leaked, leaks, kept, keeps map[string]int
	failures                   []string
}

func runCorpus(t *testing.T) corpusResult {
	res := corpusResult{leaked: map[string]int{}, leaks: map[string]int{}, kept: map[string]int{}, keeps: map[string]int{}}
	cases := loadCorpus(t)
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		c := cases[name]
		r, _, _ := c.renderer(t, name)
		rec, _, _ := r.Render(c.input(name))
		out := fold(shown(rec))
		for class, ss := range c.Leaks {
			for _, s := range ss {
				res.leaks[class]++
				if containsWord(out, fold(s)) {
					res.leaked[class]++
					res.failures = append(res.failures, fmt.Sprintf("%s: leaked %s %q", name, class, s))
				}
			}
		}
		for class, ss := range c.Keeps {
			for _, s := range ss {
				res.keeps[class]++
				if strings.Contains(out, fold(s)) {
					res.kept[class]++
				} else {
					res.failures = append(res.failures, fmt.Sprintf("%s: lost %s %q", name, class, s))
				}
			}
		}
		if testing.Verbose() {
			t.Logf("%s researcher view:\n%s", name, shown(rec))
		}
	}
	return res
}

// input is c's testimony as the vault gives it to a renderer, under the
// record ID name.
func (c *corpusCase) input(name string) Input {
	d := &c.Testimony
	in := Input{ID: name, Doc: d, WitnessID: d.Witness.Key}
	for _, p := range d.Persons {
		in.PersonIDs = append(in.PersonIDs, p.Key)
	}
	return in
}

// renderer returns a researcher renderer over c's registry (its
// testimony's persons and the others), its matcher and the registry's
// person IDs, the witness first.
func (c *corpusCase) renderer(t *testing.T, name string) (*Renderer, *Screener, []string) {
	d := &c.Testimony
	var registry []names.Person
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		registry = append(registry, names.Person{ID: p.Key, Name: p.Name, Aliases: p.Aliases, Values: []string{p.Contact, p.Residence}})
	}
	for _, p := range c.Registry {
		registry = append(registry, names.Person{ID: p.ID, Name: p.Name, Aliases: p.Aliases, Values: []string{p.Contact, p.Residence}})
	}
	m, err := names.NewMatcher(registry)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := make([]string, len(registry))
	for i, p := range registry {
		ids[i] = p.ID
	}
	return NewRenderer(policy.ViewResearcher, policy.Default().Views[policy.ViewResearcher], m,
		func(id string) string { return "P-" + id }), NewScreener(m, registry), ids
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestRedactionCorpus renders every corpus testimony in the researcher
// view, as a researcher gets it, and fails on any leak or when fewer than
// 95% of the strings to keep are kept. It reports recall and precision,
// and the counts per class.
func TestRedactionCorpus(t *testing.T) {
	t.Parallel()
	res := runCorpus(t)
	leaks, leaked, keeps, kept := sum(res.leaks), sum(res.leaked), sum(res.keeps), sum(res.kept)
	recall := float64(leaks-leaked) / float64(leaks)
	precision := float64(kept) / float64(keeps)
	t.Logf("recall %.3f (%d of %d secrets hidden), precision %.3f (%d of %d kept)", recall, leaks-leaked, leaks, precision, kept, keeps)
	for _, class := range slices.Sorted(maps.Keys(res.leaks)) {
		t.Logf("  leak class %-15s %d of %d hidden", class, res.leaks[class]-res.leaked[class], res.leaks[class])
	}
	for _, class := range slices.Sorted(maps.Keys(res.keeps)) {
		t.Logf("  keep class %-15s %d of %d kept", class, res.kept[class], res.keeps[class])
	}
	for _, f := range res.failures {
		t.Log(f)
	}
	if leaked > maxLeaks {
		t.Errorf("%d leaks, want at most %d", leaked, maxLeaks)
	}
	if precision < minPrecision {
		t.Errorf("precision %.3f, want at least %.2f", precision, minPrecision)
	}
}
