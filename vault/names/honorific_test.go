package names

import (
	"slices"
	"testing"
)

// TestHonorificAlias checks review 13j's P1 and N8: an honorific or
// endearment inside an alias (Zahra jan, Umm Ahmed) is no name part of its
// own, so another record's Jan and the son Ahmed keep their names; a kunya
// is found in its other spellings where the record names the person.
func TestHonorificAlias(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "A-za", Name: "Zahra Hosseini", Aliases: []string{"Zahra jan"}},
		{ID: "A-fa", Name: "Fatima Abdelrahman Ibrahim", Aliases: []string{"Umm Ahmed"}},
		{ID: "A-kh", Name: "Khalid Mahmoud al-Tarhouni", Aliases: []string{"Abu Salem"}},
		{ID: "A-na", Name: "Nadège Pierre-Louis"},
		{ID: "A-nq", Name: "Naqibullah Safi", Aliases: []string{"Qari Naqibullah"}},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Zahra jan cried.", nil, []string{"Zahra jan=A-za"}},
		{"Umm Ahmed said they were seven.", nil, []string{"Umm Ahmed=A-fa"}},
		{"Um Ahmad said they were seven women. Oum Ahmed too.", all, []string{"Um Ahmad=A-fa", "Oum Ahmed=A-fa"}},
		{"Abu Salim said he would sell us. Abou Salem came.", all, []string{"Abu Salim=A-kh", "Abou Salem=A-kh"}},
		// A title head with sahib or the first part of the name.
		{"Qari sahib said the debt was double. Qari Naqib took the money.", all, []string{"Qari sahib=A-nq", "Qari Naqib=A-nq"}},
		{"a qari recited", all, nil},
		// The words beside an honorific are not the person's.
		{"Nadèj Pyè-Lwi, jan li ekri l an kreyòl. Wilnè Jan Batis", all, []string{"Nadèj Pyè-Lwi=A-na"}}, // her name by the skeleton rule (r17e); jan is no one
		{"Jan Egeland visited the camp in the Jan 2023 flood; on 3 Jan we crossed.", all, nil},
		{"Fatima's son Ahmed is six. Ahmed is a common name in Sudan.", all, []string{"Fatima=A-fa?"}},
		// Other spellings only where the record names the person.
		{"Um Ahmad said they were seven women.", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Jan and Jon first are given names: the words of an alias so opening
	// are names as any alias's are.
	jk := newMatcher(t, []Person{{ID: "A-jk", Name: "Jan Kowalski", Aliases: []string{"Jon Kowalczyk"}}})
	if got := evidentMentions(t, jk, "Kowalczyk said", jk.Everyone()); !slices.Equal(got, []string{"Kowalczyk=A-jk"}) {
		t.Errorf("FindEvident(%q) = %q, want Kowalczyk=A-jk", "Kowalczyk said", got)
	}
}

// TestHonorificNames checks the rest of review 13j's N8: Creole titles
// before a given name, the initials of a hyphenated family name, an
// honorific suffix for another (Bibi for Begum), and a Han alias before a
// title word (艾力主任); beside them the names and words that stay.
func TestHonorificNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "H-na", Name: "Nadège Pierre-Louis", Aliases: []string{"Dèdè"}},
		{ID: "H-wi", Name: "Wilner Jean-Baptiste", Aliases: []string{"Ti Will"}},
		{ID: "H-ra", Name: "Rashida Begum"},
		{ID: "H-el", Name: "Eli Memet", Aliases: []string{"艾力"}},
		{ID: "H-kh", Name: "Khalid Mahmoud al-Tarhouni", Aliases: []string{"Abu Salem"}},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Manmzèl Nadège te travay lakay yo. Msye Wilner te la.", all, []string{"Manmzèl Nadège=H-na?", "Msye Wilner=H-wi?"}},
		{"Wilner J-B menaçait. Wilner JB aussi.", all, []string{"Wilner J-B=H-wi", "Wilner JB=H-wi"}},
		{"Rashida Bibi, the Malaysian card says. Rashida Khatun too.", nil, []string{"Rashida Bibi=H-ra", "Rashida Khatun=H-ra"}},
		{"艾力主任说. dormitory head, 艾力主任", all, []string{"艾力主任=H-el", "艾力主任=H-el"}},
		{"Rashida Tlaib spoke. 艾滋病 is AIDS.", all, nil},
		// An Arabic family name's article in other spellings, and the
		// name without it.
		{"Khalid Mahmoud El Tarhouni owns the trucks.", nil, []string{"Khalid Mahmoud El Tarhouni=H-kh"}},
		{"Tarhouni's brother drives; the Tarhounis own the farm.", all, []string{"Tarhouni=H-kh", "Tarhounis=H-kh"}},
		{"Tarhuna is a town.", all, nil},
		{"Wilner J-B menaçait.", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestTitleHeadForms checks review 13l's Q3 tag Hajji Gulagha: an alias
// opening with a title head (Haji Gul Agha) is found, where the record
// names the person, with the head in its other spellings and the name of
// two tokens written as one word; the head and the name's words keep
// their own uses.
func TestTitleHeadForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "T-gu", Name: "Gul Agha Noorzai", Aliases: []string{"Haji Gul Agha"}},
		{ID: "T-nq", Name: "Naqibullah Safi", Aliases: []string{"Mullah Naqibullah"}},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Hajji Gulagha came at night. Haji Gulagha too.", all, []string{"Hajji Gulagha=T-gu", "Haji Gulagha=T-gu"}},
		{"Hajji Gul Agha came. Alhaji Gul Agha left.", all, []string{"Hajji Gul Agha=T-gu", "Alhaji Gul Agha=T-gu"}},
		{"Mulla Naqibullah and Molla Naqibullah", all, []string{"Mulla Naqibullah=T-nq", "Molla Naqibullah=T-nq"}},
		{"Hajji Gulagha came at night.", nil, nil},
		{"Haji Camp in Kabul, the Gul Mandi market, a mullah prayed.", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
