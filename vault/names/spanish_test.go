package names

import (
	"slices"
	"testing"
)

// TestSpanishGivenForms checks the forms review 13h (H3) found in clear,
// by rule for any name of their shape: the diminutive of a short form in
// -i (Yesita for the alias Yesi, as Lupita for Lupe), the second given name
// with the first family name, a given name after the personal a, a name
// broken at the end of a line, the short form Toño with its marks, with
// the family name after it; and beside them the words and other names that
// stay (tono "tone", a Kim in English, Fui a Madrid).
func TestSpanishGivenForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "S-ka", Name: "Karla Yesenia Martínez Paz", Aliases: []string{"Yesi"}},
		{ID: "S-jo", Name: "José Antonio Banegas", Aliases: []string{"Chepe"}},
		{ID: "S-da", Name: "Daniela Ruiz Soto", Aliases: []string{"Dani"}},
		{ID: "K-kim", Name: "Kim Eunju"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Yesita, le decía su mamá. Danita y Danito", all, []string{"Yesita=S-ka", "Danita=S-da", "Danito=S-da"}},
		{"Dijo que se llamaba Yesenia Martínez.", all, []string{"Yesenia Martínez=S-ka"}},
		{"Yesenia Martínez firmó.", nil, []string{"Yesenia Martínez=S-ka"}},
		{"A Karla la separaron. Vi a Karla ayer; fui a ver a Daniela.", all, []string{"Karla=S-ka?", "Karla=S-ka?", "Daniela=S-da?"}},
		{"Kar-\nla (partido en el acta)", all, []string{"Kar-\nla=S-ka?"}},
		{"Eun-\nju said", all, []string{"Eun-\nju=K-kim"}},
		{"Kar-la lo firmó.", all, []string{"Kar-la=S-ka?"}},
		// A family name before a comma and another person's alias is
		// its own mention; before its person's given name, one with it.
		{"los de Karla, Chepe", all, []string{"Karla=S-ka?", "Chepe=S-jo"}},
		{"Kim, Eunju", all, []string{"Kim, Eunju=K-kim"}},
		{"Toño nos dejó. Toño Banegas, le decían.", all, []string{"Toño=S-jo", "Toño=S-jo", "Banegas=S-jo"}},
		{"Toni lo sabía.", all, []string{"Toni=S-jo"}},
		// Words and other names that stay.
		{"Tono de voz. Subió el tono.", all, nil},
		{"Fui a Madrid. He was a Kim from Seoul.", all, nil},
		{"Yesita y Toño", nil, nil},
		{"the Kim-\nchi", all, nil},
		// Broken, a family name alone keeps its rules: Kim is a public
		// figure's.
		{"Ki-\nm said", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
