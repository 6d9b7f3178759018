package names

import (
	"slices"
	"testing"
)

// skelPersons are review 13j's witnesses as registered.
func skelPersons() []Person {
	return []Person{
		{ID: "senait", Name: "Senait Tesfay Gebremedhin", Aliases: []string{"Seni"}},
		{ID: "fatima", Name: "Fatima Abdelrahman Ibrahim", Aliases: []string{"Umm Ahmed"}},
		{ID: "zahra", Name: "Zahra Hosseini", Aliases: []string{"Zahra jan"}},
		{ID: "thida", Name: "Khin Thida Win", Aliases: []string{"Thida"}},
		{ID: "oksana", Name: "Оксана Петрівна Мельник", Aliases: []string{"Oksana Melnyk"}},
		{ID: "zulpiye", Name: "Zulpiye Abliz", Aliases: []string{"Zulpi"}},
		{ID: "maria", Name: "Maria Luisa dela Cruz Santos", Aliases: []string{"Malou"}},
		{ID: "nadege", Name: "Nadège Pierre-Louis", Aliases: []string{"Dèdè"}},
		{ID: "iryna", Name: "Ірина Ковальська", Aliases: []string{"Iryna Kovalska"}},
		{ID: "yohannes", Name: "Yohannes Berhe", Aliases: []string{"Wedi Berhe"}},
	}
}

func TestSkeletonForms(t *testing.T) {
	m := newMatcher(t, skelPersons())
	for _, c := range []struct{ text, want, id string }{
		// N1: other Latin spellings of the full name.
		{"Fatima Abdul Rahman was her name at the clinic.", "Fatima Abdul Rahman", "fatima"},
		{"Fatma Abd al-Rahman, the UNHCR card says.", "Fatma Abd al-Rahman", "fatima"},
		{"Fatouma Abderrahmane, in the French of the Niger office.", "Fatouma Abderrahmane", "fatima"},
		{"Sahra Hoseyni, in the German asylum file.", "Sahra Hoseyni", "zahra"},
		{"Zulfiya Ablizova, the Kazakh passport says.", "Zulfiya Ablizova", "zulpiye"},
		{"Marialuisa Santos, the Saudi iqama says.", "Marialuisa Santos", "maria"},
		{"Nadèj Pyè-Lwi, jan li ekri l.", "Nadèj Pyè-Lwi", "nadege"},
		{"Irina Kovalskaya, the Russian-style transliteration.", "Irina Kovalskaya", "iryna"},
		{"Oksana Melnik, in the German file.", "Oksana Melnik", "oksana"},
		{"Nadège Pierre-Lou1s (scan)", "Nadège Pierre-Lou1s", "nadege"},
		{"Senayt told us the boat had ninety people.", "Senayt", "senait"},
		{"Sennait, the Italian spelling, was on the list.", "Sennait", "senait"},
		// N3: other scripts.
		{"فاطمة عبد الرحمن wrote her name for me.", "فاطمة عبد الرحمن", "fatima"},
		{"زهرا حسینی در فایل", "زهرا حسینی", "zahra"},
		{"ሰናይት ተስፋይ is how her name is written.", "ሰናይት ተስፋይ", "senait"},
		{"ዮሃንስ በርሀ ይባላል", "ዮሃንስ በርሀ", "yohannes"},
		{"ခင်သီတာဝင်း ပြောတယ်", "ခင်သီတာဝင်း", "thida"},
		{"زۇلپىيە ئابلىز دېدى", "زۇلپىيە ئابلىز", "zulpiye"},
		{"Зульпия Аблиз сказала", "Зульпия Аблиз", "zulpiye"},
	} {
		got := evidentMentions(t, m, c.text, m.Everyone())
		if !slices.Contains(got, c.want+"="+c.id) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want+"="+c.id)
		}
	}
}
