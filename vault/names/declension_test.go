package names

import (
	"slices"
	"testing"
)

// TestRussianInflectedForms checks the forms review 13h (H1) found in
// clear, made by rule for any name of their shape: the given name and a
// one-word alias (a short form) in the oblique cases, their possessive
// adjectives, diminutives in -ка, -ька, -енька, -чик and the cases of the
// first, the family in the plural, and the alias's Latin spellings; where
// the record names the person. Beside them, the words and other names
// that must stay.
func TestRussianInflectedForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-ol", Name: "Олеся Игоревна Ткаченко", Aliases: []string{"Леся"}},
		{ID: "R-ru", Name: "Руслан Ахмедович Бекташев", Aliases: []string{"Русик"}},
		{ID: "R-dm", Name: "Дмитрий Сергеевич Орлов"},
		{ID: "R-ma", Name: "Мария Петровна Белова", Aliases: []string{"Маша"}},
		{ID: "R-el", Name: "Елена Викторовна Козлова"},
		{ID: "R-ta", Name: "Татьяна Соколова", Aliases: []string{"Таня"}},
		{ID: "R-mi", Name: "Михаил Попов"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		// Cases of the given name and of the alias.
		{"Олесю привезли ночью. У Олеси отобрали паспорт.", all, []string{"Олесю=R-ol", "Олеси=R-ol"}},
		{"С Олесей мы жили. Олесе было девятнадцать.", all, []string{"Олесей=R-ol", "Олесе=R-ol"}},
		{"Руслана все боялись. Русланом его не называли, к Руслану ехали.", all, []string{"Руслана=R-ru", "Русланом=R-ru", "Руслану=R-ru"}},
		{"У Леси, к Лесе, с Лесей", all, []string{"Леси=R-ol", "Лесе=R-ol", "Лесей=R-ol"}},
		// Possessive adjectives of the given name, the alias and a short
		// form of the table.
		{"Олесины вещи выбросили. Лесин паспорт был у него.", all, []string{"Олесины=R-ol", "Лесин=R-ol"}},
		{"Димина куртка, в Диминой машине", all, []string{"Димина=R-dm", "Диминой=R-dm"}},
		// Diminutives and their cases.
		{"Лесенька, не плачь. Леську били. Олеськой звал брат.", all, []string{"Лесенька=R-ol", "Леську=R-ol", "Олеськой=R-ol"}},
		{"Олесенька и Леська", all, []string{"Олесенька=R-ol", "Леська=R-ol"}},
		{"Русланчик, как звала мать. Димку и Димкой", all, []string{"Русланчик=R-ru", "Димку=R-dm", "Димкой=R-dm"}},
		{"Танечка и Танька, Танькой", all, []string{"Танечка=R-ta", "Танька=R-ta", "Танькой=R-ta"}},
		// The family in the plural.
		{"Бекташевы держали сауны. Потом у Бекташевых всё было схвачено.", all, []string{"Бекташевы=R-ru", "Бекташевых=R-ru"}},
		{"Ткаченки уехали, с Ткаченками не спорили.", all, []string{"Ткаченки=R-ol", "Ткаченками=R-ol"}},
		{"Беловы и Соколовых", all, []string{"Беловы=R-ma", "Соколовых=R-ta"}},
		// The alias in Latin letters.
		{"Lesya's mother lives in Ussuriysk. Lesia cried, Lesja too.", all, []string{"Lesya=R-ol", "Lesia=R-ol", "Lesja=R-ol"}},
		{"Lesenka, Tanechka", all, []string{"Lesenka=R-ol", "Tanechka=R-ta"}},
		// Family names in the Polish spelling, with ł or without.
		{"Olesia Tkaczenko, Biektaszew, Biełowa, Bielowa, Sokołowa", all, []string{"Olesia=R-ol", "Tkaczenko=R-ol", "Biektaszew=R-ru", "Biełowa=R-ma", "Bielowa=R-ma", "Sokołowa=R-ta"}},
		// Only where the record names the person.
		{"Олесину маму и Бекташевых", nil, nil},
		// Words and other names that stay: the possessive of Маша is "of
		// cars", of Лена Lenin, of Таня tannin; лес is a forest, and
		// Руслан и Людмила a poem.
		{"Машин было много. Памятник Ленину стоял. Танин в вине.", all, nil},
		{"Мы шли через лес, в лесу было холодно. «Руслан и Людмила» читали.", all, nil},
		{"лесин паспорт, бекташевы", all, nil},
		// A diminutive's case that is a word (мишку "the teddy bear"),
		// where a sentence starts with it; the name inside one.
		{"Мишку подарили. Потом Мишку увезли.", all, []string{"Мишку=R-mi"}},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindPurposesR15ru checks that the audit purposes and reasons review
// 13h found in clear for Russian inflected forms and Spanish given names
// (H1, H3) name a registered
// person, as the audit screen (view.Screener) finds them with everyone as
// evidence.
func TestFindPurposesR15ru(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-ol", Name: "Олеся Игоревна Ткаченко", Aliases: []string{"Леся"}},
		{ID: "R-ru", Name: "Руслан Ахмедович Бекташев", Aliases: []string{"Русик"}},
		{ID: "S-ka", Name: "Karla Yesenia Martínez Paz", Aliases: []string{"Yesi"}},
		{ID: "S-jo", Name: "José Antonio Banegas", Aliases: []string{"Chepe"}},
	})
	for _, text := range []string{
		"Олесю follow-up interview", "Руслана network", "Бекташевых sauna network", "Lesya's mother",
		"Олеси просьба", "Русланом threat", "Олесю (fail)", "Бекташевых (nf)", "Лесенька asked",
		"Yesenia Martínez follow-up", "A Karla follow-up", "Toño Banegas coyote network", "Yesita asked", "Kar-la asked", "Yesita (nf)",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
}

// Review 13h's rules among the adversarial texts: Russian plurals,
// possessives and diminutive cases, a name broken by a hyphen at a line
// end or in the line, the personal a, a family name before a comma and a
// mention.
func init() {
	for k, v := range map[string]string{
		"ru-plural": "Кузнецовых Кузнецовыми ", "ru-possessive": "Ирины Ирочкой Иркой Ирин ", "broken": "Gar-\ncía Gar-", "personal-a": "a García ",
		"family-comma": "García, García, ",
	} {
		adversarial[k] = v
	}
}
