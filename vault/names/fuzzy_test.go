package names

import (
	"slices"
	"testing"
)

// TestRecordForms checks the forms of a name that need the person to be
// evident in the record: nicknames, misspellings in name position,
// titles of office; and the parts of a long name after a title, the
// other Latin spellings of a Korean family name and the spellings of a
// given name written as one word, which do not.
func TestRecordForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-oneill", Name: "Catherine O'Neill"},
		{ID: "W-moss", Name: "Katherine Moss"},
		{ID: "W-garcia", Name: "María Fernández García"},
		{ID: "W-santos", Name: "Ana da Silva Santos"},
		{ID: "W-kang", Name: "Kang Chol-ho"},
		{ID: "W-park", Name: "Park Minseo"},
		{ID: "W-lee", Name: "Lee Sunhee"},
		{ID: "W-natalia", Name: "Natalia Orlova"},
	})
	all := map[string]bool{"W-oneill": true, "W-moss": true, "W-garcia": true, "W-santos": true, "W-kang": true, "W-park": true, "W-lee": true, "W-natalia": true}
	moss := map[string]bool{"W-moss": true}
	none := map[string]bool{"W-x": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		// Nicknames, where the person is evident.
		{"Katie said", moss, []string{"Katie=W-moss"}},
		{"Kathy and Kate left", moss, []string{"Kathy=W-moss", "Kate=W-moss"}},
		{"Katie said", all, []string{"Katie=W-moss?"}}, // Katherine or Catherine
		{"Natasha cooked", all, []string{"Natasha=W-natalia"}},
		{"Katie said", none, nil},
		{"Katie said", nil, nil},
		{"katie said", moss, nil},
		// Misspellings in name position.
		{"O'Neil came", all, []string{"O'Neil=W-oneill"}},
		{"Mrs O'Neil came", all, []string{"O'Neil=W-oneill"}},
		{"Mrs O'Neal came", all, nil}, // two edits
		{"Mrs. Orlowa came", all, []string{"Orlowa=W-natalia"}},
		{"Mrs. Mosse came", all, nil}, // Moss is too short
		{"Katie Mos came", moss, []string{"Katie=W-moss"}},
		{"Kathrine Moss came", all, []string{"Kathrine=W-moss", "Moss=W-moss"}},
		{"Catherine O'Neil came", all, []string{"Catherine O'Neil=W-oneill"}},
		{"Park Minseon came", all, []string{"Park Minseon=W-park"}},
		{"Minseon Pak came", all, []string{"Minseon Pak=W-park"}},
		{"Minseon came", all, nil},
		{"O'Neil came", none, nil},
		{"Mosse came", all, nil}, // not in name position
		{"Mrs. Moose came", all, nil},
		// Titles of office, where a person of the record has the name.
		{"Chairman Kang came", all, []string{"Chairman Kang=W-kang?"}},
		{"Secretary Kang came", map[string]bool{"W-kang": true}, []string{"Secretary Kang=W-kang?"}},
		{"Chairman Kang came", none, nil},
		{"Chairman Kang came", nil, nil},
		{"Chairman Kim came", all, nil},
		{"Chairman Kang Chol-ho", all, []string{"Kang Chol-ho=W-kang"}},
		// Every part of a long name after a title; marks optional.
		{"Ms. Fernández said", nil, []string{"Ms. Fernández=W-garcia?"}},
		{"Ms Fernandez said", nil, []string{"Ms Fernandez=W-garcia?"}},
		{"Sr. García said", nil, []string{"Sr. García=W-garcia?"}},
		{"Senhora Silva said", nil, []string{"Senhora Silva=W-santos?"}},
		{"Mrs. Santos said", nil, []string{"Mrs. Santos=W-santos?"}},
		{"Fernandez said", nil, nil},
		{"Ms. Fernández Blanco said", nil, nil},
		// The other Latin spellings of a Korean family name.
		{"Pak Minseo came", nil, []string{"Pak Minseo=W-park"}},
		{"Minseo Bak came", nil, []string{"Minseo Bak=W-park"}},
		{"Auntie Pak came", nil, []string{"Auntie Pak=W-park?"}},
		{"Sunhee Rhee came", nil, []string{"Sunhee Rhee=W-lee"}},
		{"Comrade Yi came", nil, []string{"Comrade Yi=W-lee?"}},
		// A given name written as one word in its other spellings.
		{"Minsuh came", nil, []string{"Minsuh=W-park"}},
		{"Min Seo came", nil, []string{"Min Seo=W-park"}},
		{"민서가 왔다", nil, []string{"민서=W-park"}},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

func TestWithin1(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"oneill", "oneill", true},
		{"oneill", "oneil", true},
		{"oneill", "oneall", true},
		{"oneill", "onelil", true},
		{"oneill", "xoneill", true},
		{"oneill", "onel", false},
		{"oneill", "noelil", false},
		{"moss", "mosse", true},
		{"moss", "moose", false},
	} {
		if got := within1(tt.a, tt.b); got != tt.want {
			t.Errorf("within1(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
