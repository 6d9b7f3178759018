package names

import (
	"slices"
	"testing"
)

// TestUkrainianForms checks the forms review 13j (N2) found in clear,
// made by rule for any name of their shape: a Ukrainian name in each
// case, its Russian form, its diminutives and its Latin spellings, where
// the record names the person; beside them, the words and other names
// that must stay.
func TestUkrainianForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "U-ir", Name: "Ірина Ковальська", Aliases: []string{"Iryna Kovalska"}},
		{ID: "U-ok", Name: "Оксана Петрівна Мельник", Aliases: []string{"Oksana Melnyk"}},
		{ID: "U-an", Name: "Андрій Коваленко", Aliases: []string{"Андрюха"}},
		{ID: "U-vi", Name: "Віктор Ткачук", Aliases: []string{"Вітя"}},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		// The full name in each case, and in Russian.
		{"Ірину Ковальську вивезли до Польщі.", nil, []string{"Ірину Ковальську=U-ir"}},
		{"Вона жила з Іриною Ковальською.", nil, []string{"Іриною Ковальською=U-ir"}},
		{"Ірині Ковальській погрожували.", nil, []string{"Ірині Ковальській=U-ir"}},
		{"Ирина Ковальская, по-русски в протоколе.", nil, []string{"Ирина Ковальская=U-ir"}},
		{"Оксана Петровна Мельник, по-русски в протоколе.", nil, []string{"Оксана Петровна Мельник=U-ok"}},
		{"Андрія Коваленка затримали, з Андрієм Коваленком.", nil, []string{"Андрія Коваленка=U-an", "Андрієм Коваленком=U-an"}},
		{"Віктора Ткачука шукає поліція.", nil, []string{"Віктора Ткачука=U-vi"}},
		// Parts alone, where the record names the person.
		{"Мельник О. П. підписала, пані Мельник", all, []string{"Мельник=U-ok", "Мельник=U-ok"}},
		{"Оксани, Оксані, Оксаною, Оксанко!", all, []string{"Оксани=U-ok", "Оксані=U-ok", "Оксаною=U-ok", "Оксанко=U-ok"}},
		{"Оксанка і Ксана", all, []string{"Оксанка=U-ok", "Ксана=U-ok"}},
		{"Ірино, тікай! Іринка не спала.", all, []string{"Ірино=U-ir", "Іринка=U-ir"}},
		{"Андрієві платили. Коваленка шукає поліція.", all, []string{"Андрієві=U-an", "Коваленка=U-an"}},
		{"Ткачукові платили.", all, []string{"Ткачукові=U-vi"}},
		// The Russian form of the given name alone: another person's
		// variant may spell it, so it is reported ambiguous.
		{"Андрей сказал", all, []string{"Андрей=U-an?"}},
		// Latin letters: the official table, the common and Polish
		// spellings, the Russian-based ones.
		{"Andrii Kovalenko, Andriy Kovalenko, Andrij Kowalenko", nil, []string{"Andrii Kovalenko=U-an", "Andriy Kovalenko=U-an", "Andrij Kowalenko=U-an"}},
		{"Viktor Tkachuk and Wiktor Tkaczuk", nil, []string{"Viktor Tkachuk=U-vi", "Wiktor Tkaczuk=U-vi"}},
		{"Irina Kovalskaya, the Russian-style transliteration.", nil, []string{"Irina Kovalskaya=U-ir"}},
		{"Oksana Melnik, in the German file.", nil, []string{"Oksana Melnik=U-ok"}},
		// Only where the record names the person.
		{"Оксанка і Ткачукові", nil, nil},
		// Words and other names that stay.
		{"мельник змолов борошно, коваль кував", all, nil},
		{"Оксана Баюл каталася. Ірина Фаріон виступала.", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
