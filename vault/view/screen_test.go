package view

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/redact"
	"github.com/tvault/tvault/vault/testimony"
)

// recordOnly are the corpus's leaks, besides officer phrases, that only
// their record hides: by a birth year registered with the person ('88,
// 82년, and crane71 as the name and year), or an identifier recognised in
// another of its fields (dhjeon88 alone after "line id: dhjeon88").
var recordOnly = map[string]bool{"'88": true, "82년": true, "crane71": true, "crane_71": true, "dhjeon88": true}

// TestScreenCorpus: for every leak and keep string of the redaction
// corpus, in a purpose ("follow-up on " + it), Screen finds something
// exactly when the researcher view of a record holding that purpose and
// naming every registered person replaces something in it; and every
// leak, which the corpus's own records hide, is hidden by Screen in the
// line that holds it, unless only its record's officer phrases or
// recordOnly hide it.
func TestScreenCorpus(t *testing.T) {
	cases := loadCorpus(t)
	missed := 0
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		c := cases[name]
		d := &c.Testimony
		r, m, everyone := c.renderer(t, name)
		for what, groups := range map[string]map[string][]string{"leak": c.Leaks, "keep": c.Keeps} {
			for class, ss := range groups {
				for _, s := range ss {
					purpose := lineOf(d, s)
					spans := Screen(m, purpose)
					// A record of the purpose alone: its witness is the
					// first person, every other one is named in it.
					doc := &testimony.Testimony{Narrative: purpose, Witness: testimony.Person{Key: everyone[0]}}
					in := Input{ID: name, Doc: doc, WitnessID: everyone[0], PersonIDs: everyone[1:]}
					for range everyone[1:] {
						doc.Persons = append(doc.Persons, testimony.Person{})
					}
					view := r.View(in).Narrative
					if found, hidden := len(spans) > 0, view != purpose; found != hidden {
						t.Errorf("%s: %s %s %q: Screen finds %v, the view hides %v in %q", name, what, class, s, found, hidden, purpose)
					}
					if what == "leak" && containsWord(fold(redact.Apply(purpose, spans)), fold(s)) {
						missed++
						if !strings.HasPrefix(class, "phrase") && !recordOnly[s] {
							t.Errorf("%s: leak %s %q is not hidden in %q", name, class, s, purpose)
						}
					}
				}
			}
		}
	}
	t.Logf("%d leaks hidden only with their record (officer phrases, recordOnly)", missed)
}

// lineOf returns the line of d's free text that holds s, or s if none
// holds it as written.
func lineOf(d *testimony.Testimony, s string) string {
	for line := range strings.SplitSeq(allText(d), "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return s
}
