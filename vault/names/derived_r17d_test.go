package names

import (
	"slices"
	"testing"
)

// TestDerivedFormsR17d checks the forms review 13i (I5, I8) found in
// clear, made by rule or table for any name of their shape: Russian
// diminutives in -уська, -уня, -юська, -юля and -ька of every short form
// with its cases, the family's adjective in -ский (not one hunspell-ru
// has: Ивановская площадь), the Polish cases of a name in -ia, and the
// short forms of Spanish compound given names; where the record names
// the person.
func TestDerivedFormsR17d(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-na", Name: "Наталья Сергеевна Кузнецова", Aliases: []string{"Наташа"}},
		{ID: "R-va", Name: "Вадим Олегович Гусев", Aliases: []string{"Вадик"}},
		{ID: "R-ol", Name: "Олеся Игоревна Ткаченко"},
		{ID: "R-ka", Name: "Екатерина Бекташева"},
		{ID: "R-iv", Name: "Иван Петрович Иванов"},
		{ID: "S-mf", Name: "María Fernanda López Cruz"},
		{ID: "S-jp", Name: "Juan Pablo Ortiz"},
		{ID: "S-mj", Name: "María José Rivas"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Натуська, не бойся. Натуня плакала.", all, []string{"Натуська=R-na", "Натуня=R-na"}},
		{"Катюська и Катюля", all, []string{"Катюська=R-ka", "Катюля=R-ka"}},
		{"Вадьку боялись, а Вадька смеялся, с Вадькой не спорили.", all, []string{"Вадьку=R-va", "Вадька=R-va", "Вадькой=R-va"}},
		{"Гусевская бригада, у Гусевских, Гусевский рынок", all, []string{"Гусевская=R-va", "Гусевских=R-va", "Гусевский=R-va"}},
		{"Бекташевская сауна", all, []string{"Бекташевская=R-ka"}},
		{"Olesi wrote to me: Olesiu, wróć.", all, []string{"Olesi=R-ol", "Olesiu=R-ol"}},
		{"Mafer lloraba; Marifer no. Ferchis, le decían.", all, []string{"Mafer=S-mf", "Marifer=S-mf", "Ferchis=S-mf"}},
		{"Juanpa y Mariajo llegaron.", all, []string{"Juanpa=S-jp", "Mariajo=S-mj"}},
		// Only where the record names the person; places and words stay.
		{"Гусевская бригада, Натуська", nil, nil},
		{"Мы ждали на Ивановской площади, в Ивановском парке.", all, nil},
		{"Гусеница на листе; la fernandina.", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFamilyNameWords: a family name that is a Spanish word is the word
// in lower case (las salinas de sal, los campos), the family
// capitalised (review 13i P2).
func TestFamilyNameWords(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "S-rs", Name: "Rigoberto Salinas", Aliases: []string{"el Rigo"}},
		{ID: "S-ct", Name: "Carmen Torres"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"las salinas de sal cerca del mar", nil},
		{"las torres de la iglesia", nil},
		{"los Salinas tenían tres bares", []string{"Salinas=S-rs"}},
		{"Torres dijo que no", []string{"Torres=S-ct"}},
		// A public figure's full name: another person (otherNameNext).
		{"Carlos Salinas de Gortari fue presidente", nil},
	} {
		if got := evidentMentions(t, m, tt.text, all); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
