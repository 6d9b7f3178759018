package view

import (
	"testing"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/redact"
)

// TestScreenSpellingsScripts: an audit purpose naming a registered person
// in another Latin spelling or another script (review 13j N1, N3) is
// screened as the view hides it, and ordinary purposes naming public
// figures and places are not.
func TestScreenSpellingsScripts(t *testing.T) {
	persons := []names.Person{
		{ID: "P-1", Name: "Fatima Abdelrahman Ibrahim", Aliases: []string{"Umm Ahmed"}},
		{ID: "P-2", Name: "Zahra Hosseini"},
		{ID: "P-3", Name: "Senait Tesfay Gebremedhin"},
		{ID: "P-4", Name: "Khin Thida Win"},
		{ID: "P-5", Name: "Zulpiye Abliz"},
		{ID: "P-6", Name: "Nadège Pierre-Louis"},
		{ID: "P-7", Name: "Віктор Ткачук"},
	}
	m, err := names.NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, persons)
	person := func(s string) bool {
		for _, sp := range sc.Screen(s) {
			if sp.Kind == redact.KindPerson {
				return true
			}
		}
		return false
	}
	for _, s := range []string{
		"Fatima Abdul Rahman follow-up", "Sahra Hoseyni asylum check", "زهرا حسینی follow-up",
		"Senayt follow-up", "ሰናይት ተስፋይ follow-up", "ခင်သီတာဝင်း follow-up", "Zulfiya Ablizova follow-up",
		"Nadèj Pyè-Lwi follow-up", "Nadège Pierre-Lou1s asked", "Wiktor Tkaczuk network",
	} {
		if !person(s) {
			t.Errorf("Screen(%q): no person", s)
		}
	}
	for _, s := range []string{
		"Abu Salim prison study", "Fatima Zahra shrine visitors", "Min Aung Hlaing sanctions", "Santos Laguna fans",
	} {
		if person(s) {
			t.Errorf("Screen(%q): a person", s)
		}
	}
}
