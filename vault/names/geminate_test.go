package names

import (
	"slices"
	"testing"
)

// TestGeminated checks review 13l's Q3 alias spellings: a registered alias
// or name part with a letter doubled or undoubled (Hoddo for Hodo, Abdi
// Dhere for Abdi Dheere, Hoddan for Hodan) is the person where the record
// names them; the registered spelling keeps its own rules (Torres Strait),
// and other records' texts keep theirs.
func TestGeminated(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "G-ho", Name: "Hodan Abdirahman Warsame", Aliases: []string{"Hodo"}},
		{ID: "G-ab", Name: "Abdiqani Farah", Aliases: []string{"Abdi Dheere"}},
		{ID: "G-ha", Name: "Haamid Yuusuf"},
		{ID: "G-to", Name: "Carmen Torres"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Hoddo, they called her at school. Hoodo too.", all, []string{"Hoddo=G-ho", "Hoodo=G-ho"}},
		{"Abdi Dhere took the money. Abdii Dheere came back.", all, []string{"Abdi Dhere=G-ab", "Abdii Dheere=G-ab"}},
		{"Hoddan said so.", all, []string{"Hoddan=G-ho"}},
		{"Hamid came, then Yusuf.", all, []string{"Hamid=G-ha", "Yusuf=G-ha"}},
		// The registered spelling is the registered rules' business.
		{"the Torres Strait", all, nil},
		{"Torres said", all, []string{"Torres=G-to"}},
		// Only where the record names the person; ordinary words stay.
		{"Hoddo, they called her. Abdi Dhere took it.", nil, nil},
		{"Hood said. A hidden Hall. Hodeidah port.", all, nil},
		// Farah's family name with the r doubled is his.
		{"Farrah came.", all, []string{"Farrah=G-ab"}},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
