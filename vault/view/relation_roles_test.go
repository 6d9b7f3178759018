package view

import (
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
)

// TestRelationRoles: a role one person holds, in a person's relation, is
// hidden in a researcher view, the rest of the relation kept and the
// replacement listed; the full view keeps it (review 13h H8, r17d).
func TestRelationRoles(t *testing.T) {
	for _, tt := range []struct{ relation, want string }{
		{"police Kim Eunju, 河南派出所所长", "police [P-1111-1111], [REDACTED]"},
		{"보위원 (회령시 보위부 반탐과장)", "보위원 ([REDACTED])"},
		{"главврач городской больницы № 2 Уссурийска", "[REDACTED]"},
		{"the only nurse at the clinic", "[REDACTED]"},
		{"schoolmate", "schoolmate"},
		{"派出所的警察", "派出所的警察"},
	} {
		in := input("Eunju met her.")
		in.Doc.Persons[0].Relation = tt.relation
		rec, repl, _ := renderer(t, policy.ViewResearcher).Render(in)
		if got := rec.Persons[0].Relation; got != tt.want {
			t.Errorf("relation %q: got %q, want %q", tt.relation, got, tt.want)
		}
		listed := false
		for _, r := range repl {
			listed = listed || r.Field == "persons[0].relation" && r.Replacement == "[REDACTED]"
		}
		if listed != strings.Contains(tt.want, "[REDACTED]") {
			t.Errorf("relation %q: replacement listed %v", tt.relation, listed)
		}
		full, _, _ := renderer(t, policy.ViewFull).Render(in)
		if full.Persons[0].Relation != tt.relation {
			t.Errorf("full view: relation %q, want %q", full.Persons[0].Relation, tt.relation)
		}
	}
}

// TestScreenTitleRoles: a purpose naming a title with its unit is
// screened, as the relation naming it is hidden; a unit alone is not.
func TestScreenTitleRoles(t *testing.T) {
	m, err := names.NewMatcher(registry)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, registry)
	for _, tt := range []struct {
		purpose string
		found   bool
	}{
		{"河南派出所所长 corruption", true},
		{"회령시 보위부 반탐과장 check", true},
		{"главврач больницы № 2 interview", true},
		{"派出所 training", false},
		{"the only witness follow-up", false},
	} {
		if got := len(sc.Screen(tt.purpose)) > 0; got != tt.found {
			t.Errorf("Screen(%q) finds %v, want %v", tt.purpose, got, tt.found)
		}
	}
}
