package names

import "testing"

// TestNameAsWord: a name alone said of its tribe or clan, or in a holiday
// or a greeting, names no one (review 13l's over-redactions and
// over-screened purposes), and a camp and its number alone are no piece
// of a registered residence; the same names elsewhere, a full name, and
// the residence's block and shelter still are found.
func TestNameAsWord(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "P-1", Name: "Bassam Haddad"}, {ID: "P-2", Name: "Lobsang Tashi"}, {ID: "P-3", Name: "Jean-Pierre Ilunga"},
		{ID: "P-4", Name: "Zarghuna Ahmadzai"}, {ID: "P-5", Name: "Wilmer Antonio Reyes"},
		{ID: "P-6", Name: "Samira Khatun", Values: []string{"Camp 15 (Jamtoli), Block C-7, Shed 112, Ukhiya"}},
		{ID: "P-7", Name: "Grace Mwangi Otieno"},
	})
	everyone := m.Everyone()
	for _, tt := range []struct {
		text  string
		found bool
	}{
		{"Ahmadzai is a big Pashtun tribe", false},
		{"Ahmadzai tribe history study", false},
		{"the Ahmadzai tribe", false},
		{"el Día de Reyes", false},
		{"Tashi Delek greetings", false},
		{"Camp 15 has a clinic", false},
		{"Camp 15 clinic study", false},
		// Still the person.
		{"Ilunga said it was safe", true},
		{"Haddad took the money", true},
		{"Ahmadzai was the name on the list", true},
		{"Tashi came at night", true},
		{"Jean-Pierre Ilunga is a Luba name", true},
		// A name said to be a name stays the person (aboutWord): keeping
		// it would show the name.
		{"Ilunga is a Luba name; the border was near", true},
		{"Otieno is a Luo surname", true},
		{"Ilunga name study", true},
		{"Haddad family names study", true},
		{"Ilunga is a Luba name", true},
		{"Block C-7, Shed 112", true},
	} {
		if got := len(m.FindEvident(tt.text, everyone)) > 0; got != tt.found {
			t.Errorf("FindEvident(%q) found: %v, want %v", tt.text, got, tt.found)
		}
	}
}
