package names

import (
	"slices"
	"testing"
)

// TestAddressTerms checks review 13l's Q3: a given name or name part after
// a kinship word or honorific used as a title (Maman Esther, Ama Pema,
// Khala Amna, Bibi Zarghuna), in the registered spelling or a close one
// (Mama Esta, Mama Ester), is the person where the record names them; the
// term stays, and the terms keep their words elsewhere.
func TestAddressTerms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "T-es", Name: "Esther Mapendo Mukendi", Aliases: []string{"Mapi"}},
		{ID: "T-pe", Name: "Pema Yangchen", Aliases: []string{"Yangchen-la"}},
		{ID: "T-am", Name: "Amna Osman Adam Abdalla", Aliases: []string{"Umm Mohamed"}},
		{ID: "T-za", Name: "Zarghuna Ahmadzai", Aliases: []string{"Zari"}},
		{ID: "T-ho", Name: "Hodan Abdirahman Warsame", Aliases: []string{"Hodo"}},
		{ID: "T-ga", Name: "Галина Степанівна Дорошенко"},
		{ID: "T-ol", Name: "Oleg Gnatyuk"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Maman Esther cooked. Mama Esther, the girls called her.", all, []string{"Esther=T-es?", "Esther=T-es?"}},
		{"Ama Pema gave me tea. Khala Amna said no. Bibi Zarghuna taught.", all, []string{"Pema=T-pe?", "Amna=T-am?", "Zarghuna=T-za?"}},
		{"Eedo Hodan came, and Hooyo Hodan.", all, []string{"Hodan=T-ho?", "Hodan=T-ho?"}},
		// A name token of five letters or more, one edit away, or of the
		// same creole skeleton (Esta: Esther without its r and h).
		{"Maman Mapendo said. Khala Osman said.", all, []string{"Mapendo=T-es", "Osman=T-am"}},
		{"Mama Ester and Mama Esta.", all, []string{"Ester=T-es", "Esta=T-es"}},
		{"Tonton Oleg.", all, []string{"Oleg=T-ol?"}},
		// A short token by its key, which Hodan's shares: neither's.
		{"Khala Adam said.", all, []string{"Adam=T-am?"}},
		// A full name after the term is the full name's.
		{"Mama Esther Mukendi said", all, []string{"Esther Mukendi=T-es"}},
		// Only where the record names the person.
		{"Maman Esther cooked. Mama Esta alisema.", nil, nil},
		// The terms' own words, and other names after them.
		{"Mama Africa sang. Papa Wemba sang. Ama Hoda came. The Pema said.", all, nil},
		{"the Abu Salim prison, Mama Esta Mukendi", all, []string{"Esta Mukendi=T-es"}},
		{"Mama said. Abu Dhabi. Bibi came.", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
