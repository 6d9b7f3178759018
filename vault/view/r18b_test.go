package view

import (
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
)

// TestStrangerShortView: in a record of Yesenia, "la Yesi" is hidden
// without a link to another record's witness whose registered alias is
// Yesi (review 13l's cross-record collision), and that witness named in
// full is still hers.
func TestStrangerShortView(t *testing.T) {
	m, err := names.NewMatcher([]names.Person{
		{ID: "yesenia", Name: "Yesenia Marisol Chávez Lemus", Aliases: []string{"Yese"}},
		{ID: "wilmer", Name: "Wilmer Antonio Reyes", Aliases: []string{"el Flaco"}},
		{ID: "karla", Name: "Karla Yesenia Martínez Paz", Aliases: []string{"Yesi"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(policy.ViewResearcher, policy.Default().Views[policy.ViewResearcher], m, func(id string) string { return "P-" + id })
	for _, c := range []struct{ narrative, want string }{
		{"la Yesi lloraba y Yese también", "la [PERSON] lloraba y [P-yesenia] también"},
		{"Karla Yesenia Martínez Paz la conocía; la Yesi lloraba", "[P-karla] la conocía; la [P-karla] lloraba"},
	} {
		rec := r.View(Input{
			Doc: &testimony.Testimony{
				Witness:   testimony.Person{Name: "Yesenia Marisol Chávez Lemus", Aliases: []string{"Yese"}},
				Persons:   []testimony.Person{{Name: "Wilmer Antonio Reyes", Aliases: []string{"el Flaco"}}},
				Narrative: c.narrative,
			},
			WitnessID: "yesenia", PersonIDs: []string{"wilmer"},
		})
		if !strings.Contains(rec.Narrative, c.want) {
			t.Errorf("%q: %q, want %q", c.narrative, rec.Narrative, c.want)
		}
	}
}
