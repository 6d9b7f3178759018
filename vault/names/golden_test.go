package names

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"hash"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/golden"
	"github.com/tvault/tvault/internal/synthetic"
)

var update = flag.Bool("update", false, "rewrite testdata/find.golden")

// TestFindGolden holds what FindEvident finds in many texts, mention by
// mention, as SHA-256 sums of groups of them in testdata/find.golden, so
// that a cheaper matcher cannot find one mention more or less: the
// texts of testdata/find-texts.json (the string literals of this
// package's tests when they were written, goldenTexts) alone and joined
// to the next
// (adversarialMatcher; no evidence, adversarialEvident and Everyone),
// random texts of their words, the fields of every case of vault/view's
// corpus (with its registry and persons; no evidence and the record's
// persons) and 400 synthetic testimonies (vaultPersons; their witness
// and person, as a researcher view gives them).
func TestFindGolden(t *testing.T) {
	t.Parallel()
	got := map[string]hash.Hash{}
	record := func(group string, m *Matcher, text string, evident map[string]bool) {
		if !golden.Sampled(group) {
			return
		}
		h := got[group]
		if h == nil {
			h = sha256.New()
			got[group] = h
		}
		fmt.Fprintf(h, "%q %d\n", text, len(evident))
		for _, mt := range m.FindEvident(text, evident) {
			fmt.Fprintf(h, "%d %d %s %v %v\n", mt.Start, mt.End, mt.PersonID, mt.Ambiguous, mt.Value)
		}
	}

	adv := adversarialMatcher(t)
	evidents := []map[string]bool{nil, adversarialEvident, adv.Everyone()}
	lits := goldenTexts(t)
	for k, s := range lits {
		group := fmt.Sprintf("literals/%03d", k/200)
		for _, ev := range evidents {
			record(group, adv, s, ev)
			if k+1 < len(lits) {
				record(group, adv, s+" "+lits[k+1], ev)
			}
		}
	}
	var vocabulary []string
	for _, s := range lits {
		vocabulary = append(vocabulary, strings.Fields(s)...)
	}
	seps := []string{" ", " ", " ", ", ", ". ", "-", "'", "\n", "·", " (", ") ", "'s ", "가 ", "의 ", ": "}
	r := rand.New(rand.NewPCG(13, 16))
	for k := range 2000 {
		var b strings.Builder
		for range 2 + r.IntN(40) {
			b.WriteString(vocabulary[r.IntN(len(vocabulary))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		for _, ev := range evidents {
			record(fmt.Sprintf("random/%02d", k/100), adv, b.String(), ev)
		}
	}

	files, err := filepath.Glob(filepath.Join("..", "view", "testdata", "corpus", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, file := range files {
		m, fields, own := corpusCase(t, file)
		for _, s := range fields {
			record("corpus/"+filepath.Base(file), m, s, nil)
			record("corpus/"+filepath.Base(file), m, s, own)
		}
	}

	vault := newMatcher(t, vaultPersons(800))
	for i := range 400 {
		d := synthetic.Testimony(i)
		own := map[string]bool{fmt.Sprintf("p-%016x", 2*i): true, fmt.Sprintf("p-%016x", 2*i+1): true}
		for _, s := range append([]string{d.Title, d.Narrative, d.Persons[0].Relation}, d.Tags...) {
			record(fmt.Sprintf("synthetic/%02d", i/50), vault, s, own)
		}
		record(fmt.Sprintf("synthetic/%02d", i/50), vault, d.Narrative, nil)
	}

	sums := map[string]string{}
	for group, h := range got {
		sums[group] = fmt.Sprintf("%x", h.Sum(nil))
	}
	golden.Check(t, filepath.Join("testdata", "find.golden"), sums, *update)
}

// goldenTexts returns the texts of testdata/find-texts.json, which
// -update first writes from the string literals of this package's tests
// of at least three bytes, each once, sorted: the texts and names the
// rules were written against, kept in a file so that a new test does
// not change the golden sums.
func goldenTexts(t *testing.T) []string {
	t.Helper()
	file := filepath.Join("testdata", "find-texts.json")
	if *update {
		files, err := filepath.Glob("*_test.go")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		fset := gotoken.NewFileSet()
		for _, file := range files {
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == gotoken.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && len(s) >= 3 {
						seen[s] = true
					}
				}
				return true
			})
		}
		b, err := json.MarshalIndent(slices.Sorted(maps.Keys(seen)), "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	if err := json.Unmarshal(b, &texts); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return texts
}

// corpusCase returns a matcher of the registry and persons of a case of
// vault/view's corpus, the free texts of its testimony and its persons'
// IDs.
func corpusCase(t *testing.T, file string) (*Matcher, []string, map[string]bool) {
	t.Helper()
	type person struct {
		ID        string   `json:"id"`
		Key       string   `json:"key"`
		Name      string   `json:"name"`
		Aliases   []string `json:"aliases"`
		Contact   string   `json:"contact"`
		Residence string   `json:"residence"`
		Relation  string   `json:"relation"`
	}
	var c struct {
		Registry  []person `json:"registry"`
		Testimony struct {
			Title     string   `json:"title"`
			Narrative string   `json:"narrative"`
			Tags      []string `json:"tags"`
			Witness   person   `json:"witness"`
			Persons   []person `json:"persons"`
		} `json:"testimony"`
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var persons []Person
	own := map[string]bool{}
	add := func(p person, id string) {
		if id == "" || p.Name == "" || slices.ContainsFunc(persons, func(q Person) bool { return q.ID == id }) {
			return
		}
		q := Person{ID: id, Name: p.Name, Aliases: p.Aliases}
		for _, v := range []string{p.Contact, p.Residence} {
			if v != "" {
				q.Values = append(q.Values, v)
			}
		}
		persons = append(persons, q)
	}
	for _, p := range c.Registry {
		add(p, p.ID)
	}
	d := c.Testimony
	fields := append([]string{d.Title, d.Narrative}, d.Tags...)
	for _, p := range append([]person{d.Witness}, d.Persons...) {
		add(p, p.Key)
		own[p.Key] = true
		fields = append(fields, p.Relation)
	}
	m, err := NewMatcher(persons)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m, fields, own
}
