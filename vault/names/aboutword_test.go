package names

import (
	"slices"
	"testing"
)

// TestAboutWord checks review 13l's words talked of: kept where the words
// after say what kind of word or place it is, the person where they do
// not or where they say it is a name.
func TestAboutWord(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "zarghuna", Name: "Zarghuna Ahmadzai", Aliases: []string{"Zari"}},
		{ID: "samira", Name: "Samira Khatun", Aliases: []string{"Sami"}},
		{ID: "trang", Name: "Lê Thị Thu Trang", Aliases: []string{"Trang"}},
		{ID: "abdiqani", Name: "Abdiqani Farah", Aliases: []string{"Abdi Dheere"}},
		{ID: "hodan", Name: "Hodan Abdirahman Warsame", Aliases: []string{"Hodo"}},
		{ID: "bassam", Name: "Bassam Haddad", Aliases: []string{"Abu Jaafar"}},
		{ID: "halyna", Name: "Галина Степанівна Дорошенко", Aliases: []string{"Галя"}},
	})
	checkKept(t, m, []struct{ text, keep string }{
		{"Ahmadzai is a big Pashtun tribe", "Ahmadzai"},
		{"Khatun is a title for women", "Khatun"},
		{"Trang province in Thailand", "Trang"},
		{"dheere means tall", "dheere"},
		{"the Ahmadzai tribe held the valley", "Ahmadzai"},
		{"the Haddad family bakery in Aleppo", "Haddad"},
		{"we lived on Haddad street", "Haddad"},
		{"Дорошенки — село під Херсоном", "Дорошенки"},
	})
	checkFound(t, m, []struct{ text, want, id string }{
		{"Hodan is a common name in Somalia.", "Hodan", "hodan"},
		{"Ahmadzai said the tribe would help.", "Ahmadzai", "zarghuna"},
		{"Trang went to the province office.", "Trang", "trang"},
		{"Dheere means the tall one, she said of Abdi Dheere.", "Abdi Dheere", "abdiqani"},
		{"Zarghuna Ahmadzai is a teacher in the village.", "Zarghuna Ahmadzai", "zarghuna"},
		{"Khatun, a title, was her name: Samira Khatun.", "Samira Khatun", "samira"},
		{"the Haddad family fled in 2013", "Haddad", "bassam"},
		{"Дорошенко — вчителька з Херсона", "Дорошенко", "halyna"},
	})
	for _, c := range []struct {
		rest  string
		lower bool
		want  bool
	}{
		{" is a big Pashtun tribe", false, true},
		{" is a name", false, false},
		{" means tall", true, true},
		{" means tall", false, false},
		{" is a good friend of the village", false, false},
		{" was the title", false, true},
		{", province", false, false},
		{" — село", false, true},
		{" — вчителька", false, false},
		{"", false, false},
	} {
		if got := aboutWord("X"+c.rest, 1, c.lower); got != c.want {
			t.Errorf("aboutWord(%q, lower %v) = %v, want %v", c.rest, c.lower, got, c.want)
		}
	}
}

// TestStrangerShort checks review 13l's cross-record collision: a short
// form of a name of the record's own person that is another record's
// registered alias is hidden unlinked ([PERSON], Ambiguous), not as the
// stranger; the stranger named in full, or a short form of no own
// person's name, is still the stranger.
func TestStrangerShort(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "yesenia", Name: "Yesenia Marisol Chávez Lemus", Aliases: []string{"Yese"}},
		{ID: "wilmer", Name: "Wilmer Antonio Reyes", Aliases: []string{"el Flaco"}},
		{ID: "karla", Name: "Karla Yesenia Martínez Paz", Aliases: []string{"Yesi"}},
		{ID: "marta", Name: "Marta Lucía Gómez", Aliases: []string{"Tita"}},
	})
	own := map[string]bool{"yesenia": true, "wilmer": true}
	for _, c := range []struct{ text, want string }{
		{"la Yesi lloraba", "Yesi=karla?"},
		{"Karla Yesenia Martínez Paz vino", "Karla Yesenia Martínez Paz=karla"},
		{"Tita vino", "Tita=marta"},
		{"Yese lloraba", "Yese=yesenia"},
	} {
		if got := evidentMentions(t, m, c.text, own); !slices.Contains(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}
