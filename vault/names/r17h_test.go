package names

import (
	"slices"
	"testing"
)

// TestHanAliasAtMiddleDot: a registered Han alias of two characters on
// either side of the middle dot of a transliterated name (艾力·买买提) is
// a name part where the record names the person, whatever character
// the dot stands before; a dot-joined name of no one stays.
func TestHanAliasAtMiddleDot(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "ali", Name: "Ali Memet", Aliases: []string{"艾力"}},
		{ID: "tohti", Name: "Ayshem Tohti", Aliases: []string{"托合"}},
	})
	ev := map[string]bool{"ali": true, "tohti": true}
	for _, c := range []struct {
		text    string
		evident bool
		want    []string
	}{
		{"艾力·买买提是宿舍管理员", true, []string{"艾力=ali"}},
		{"艾力・买买提", true, []string{"艾力=ali"}},
		{"阿依先木·托合是同屋", true, []string{"托合=tohti"}},
		{"他说艾力·买买提", true, []string{"艾力=ali"}},
		// Two characters alone are a mention only of a person the
		// record names, and a dot inside a word is no word end.
		{"艾力·买买提是宿舍管理员", false, nil},
		{"列夫·托尔斯泰", true, nil},
		{"艾力买买提", true, nil},
	} {
		var e map[string]bool
		if c.evident {
			e = ev
		}
		if got := evidentMentions(t, m, c.text, e); !slices.Equal(got, c.want) {
			t.Errorf("%q (evident %v): %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

// TestKatakanaFamilyNames: a Korean family name in the katakana the
// Japanese press writes (チェ for 최, バク for 박), and a Korean name
// registered as a Hangul alias of a Han name, in katakana.
func TestKatakanaFamilyNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "eunbyeol", Name: "최은별"},
		{ID: "jiho", Name: "박지호"},
		{ID: "seongcheol", Name: "金成哲", Aliases: []string{"김성철"}},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"チェ・ウンビョル was her name", []string{"チェ・ウンビョル=eunbyeol"}},
		{"チュ・ウンビョル", []string{"チュ・ウンビョル=eunbyeol"}},
		{"バク・チホ drove", []string{"バク・チホ=jiho"}},
		{"パク・ジホ", []string{"パク・ジホ=jiho"}},
		{"キム・ソンチョル was the broker", []string{"キム・ソンチョル=seongcheol"}},
		{"チェ was there", nil},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestCyrillicShortForms: a Spanish name of four tokens by its short
// forms and the press's spellings, a Korean name with the usual family
// name, voiced and with ё as е, and a Vietnamese nh as нь, in Cyrillic.
func TestCyrillicShortForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "dani", Name: "Daniela Andrea Cárdenas Ruiz"},
		{ID: "efrain", Name: "Efraín Mora Castillo"},
		{ID: "itzel", Name: "Itzel Berenice Palma Rosales"},
		{ID: "eunbyeol", Name: "최은별"},
		{ID: "nhung", Name: "Nguyễn Thị Hồng Nhung"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Даниэла Карденас, так в деле", []string{"Даниэла Карденас=dani"}},
		{"Даниела Карденас Руис, в визе", []string{"Даниела Карденас Руис=dani"}},
		{"Андреа Карденас тоже", []string{"Андреа Карденас=dani"}},
		{"Эфраин Мора Кастильо", []string{"Эфраин Мора Кастильо=efrain"}},
		{"Ицель Беренисе Пальма Росалес", []string{"Ицель Беренисе Пальма Росалес=itzel"}},
		{"Цой Ын Бель, без точек", []string{"Цой Ын Бель=eunbyeol"}},
		{"Цой Ын Бёль", []string{"Цой Ын Бёль=eunbyeol"}},
		{"Нгуен Тхи Хонг Ньюнг", []string{"Нгуен Тхи Хонг Ньюнг=nhung"}},
		{"Нгуен Ньюнг", []string{"Нгуен Ньюнг=nhung"}},
		{"Карденас сказала", nil},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestColombianValue: in Colombian notation the number before "#" names
// the street, so "Carrera 7" alone is no piece of the residence.
func TestColombianValue(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "dani", Name: "Daniela Cárdenas", Values: []string{"Carrera 7 # 45-12, apto 301, Chapinero, Bogotá"}}})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"la Carrera 7 es la más larga", nil},
		{"vivía en apto 301", []string{"apto 301=dani!"}},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestLandmarkWordNames: a family name that is a word, between an
// article and "de" with a capitalised place, is a landmark; the person
// is still found elsewhere.
func TestLandmarkWordNames(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "efrain", Name: "Efraín Mora Castillo"}})
	ev := map[string]bool{"efrain": true}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"fuimos al Castillo de Chapultepec", nil},
		{"visitamos el Castillo de Chapultepec", nil},
		{"Efraín Mora Castillo de Oaxaca", []string{"Efraín Mora Castillo=efrain"}},
		{"del Castillo de Chapultepec", nil},
		{"Castillo de Oaxaca dijo", []string{"Castillo=efrain?"}},
	} {
		if got := evidentMentions(t, m, c.text, ev); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
