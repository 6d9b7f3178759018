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
		{ID: "U-na", Name: "Надія Бондар"},
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
		{"Андрійка били, Андрійкові платили", all, []string{"Андрійка=U-an", "Андрійкові=U-an"}},
		{"Ірино, тікай! Іринка не спала.", all, []string{"Ірино=U-ir", "Іринка=U-ir"}},
		{"Андрієві платили. Коваленка шукає поліція.", all, []string{"Андрієві=U-an", "Коваленка=U-an"}},
		{"Ткачукові платили.", all, []string{"Ткачукові=U-vi"}},
		// The Russian form of the given name alone: another person's
		// variant may spell it, so it is reported ambiguous.
		{"Андрей сказал", all, []string{"Андрей=U-an?"}},
		// A one-word alias in its cases.
		{"агенція Андрюхи, паспорти у Віті, з Вітею", all, []string{"Андрюхи=U-an", "Віті=U-vi", "Вітею=U-vi"}},
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
		// A case that is a word (надію "hope") opening a sentence; the
		// name inside one.
		{"Надію ми не втрачали. Ми шукали Надію.", all, []string{"Надію=U-na"}},
		{"Оксана Баюл каталася. Ірина Фаріон виступала.", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindPurposesR17f checks that the audit purposes and reasons review
// 13j found in clear for Ukrainian names and kunyas (N2, N8) name a
// registered person, as the audit screen (view.Screener) finds them with
// everyone as evidence, and that its ordinary purpose Jan 2023 arrivals
// (P1) names nobody.
func TestFindPurposesR17f(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "U-ir", Name: "Ірина Ковальська", Aliases: []string{"Iryna Kovalska"}},
		{ID: "U-ok", Name: "Оксана Петрівна Мельник", Aliases: []string{"Oksana Melnyk"}},
		{ID: "U-an", Name: "Андрій Коваленко", Aliases: []string{"Андрюха"}},
		{ID: "U-vi", Name: "Віктор Ткачук", Aliases: []string{"Вітя"}},
		{ID: "A-fa", Name: "Fatima Abdelrahman Ibrahim", Aliases: []string{"Umm Ahmed"}},
		{ID: "A-kh", Name: "Khalid Mahmoud al-Tarhouni", Aliases: []string{"Abu Salem"}},
		{ID: "A-za", Name: "Zahra Hosseini", Aliases: []string{"Zahra jan"}},
	})
	for _, text := range []string{
		"Оксані follow-up", "Оксана Петровна Мельник check", "Андрія Коваленка network", "Ірину Ковальську follow-up",
		"Ирина Ковальская check", "Мельник О. П. asked", "Оксанко withdrew", "Віктора Ткачука threat", "Іринка asked",
		"Андрієві (fail)", "Andrii Kovalenko network", "Wiktor Tkaczuk network", "Um Ahmad interview", "Abu Salim asked",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
	for _, text := range []string{"Jan 2023 arrivals", "Ahmed cohort"} {
		if got := m.FindEvident(text, m.Everyone()); len(got) != 0 {
			t.Errorf("FindEvident(%q, everyone) = %v, want nobody", text, got)
		}
	}
}

// Review 13j's rules among the adversarial texts: Ukrainian cases and
// Latin spellings, kunyas and honorifics.
func init() {
	for k, v := range map[string]string{
		"uk-cases": "Ірину Ковальську Андрієві Оксанко ", "uk-latin": "Andrii Kowalenko Andrij ",
		"kunya": "Um Ahmad Abu Umm ", "honorific": "Qari sahib Wilner J-B 艾力主任 ",
	} {
		adversarial[k] = v
	}
}

// TestUkrainianFamilyDerived checks review 13l's Q4: a Ukrainian name
// with no letter only Ukrainian has is read as Ukrainian where its family
// name ends as Ukrainian ones do (Олег Гнатюк); a family name alone in
// the man's cases for a woman (Дорошенкові), in the vocative (Гнатюче),
// in the wife's and daughter's forms (Дорошенчиха, Гнатюкова, Гнатючка,
// Гнатюківна); diminutives of a given name or alias by the suffixes of a
// standard grammar in their cases (Галочку, Галюся, Олежик). Beside them
// the words and places that stay.
func TestUkrainianFamilyDerived(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "U-ga", Name: "Галина Степанівна Дорошенко", Aliases: []string{"Галя"}},
		{ID: "U-ol", Name: "Олег Гнатюк", Aliases: []string{"Гнат"}},
		{ID: "U-ta", Name: "Тетяна Шевченко"},
		{ID: "U-po", Name: "Іван Поляк"},
		{ID: "U-ru", Name: "Сергей Иванович Кузнецов"},
		{ID: "U-kr", Name: "Тарас Кравець"},
		{ID: "U-ok", Name: "Оксана Кравець"},
		{ID: "U-bi", Name: "Петро Білий"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Гнатюкові платили за списки. Гнатюче, ти звір!", all, []string{"Гнатюкові=U-ol", "Гнатюче=U-ol"}},
		{"Дорошенкові було байдуже; з Дорошенком.", all, []string{"Дорошенкові=U-ga", "Дорошенком=U-ga"}},
		{"Дорошенчиха, так її звали. Дорошенчисі дали хліба.", all, []string{"Дорошенчиха=U-ga", "Дорошенчисі=U-ga"}},
		{"Гнатюкова, Гнатюкової, Гнатючка, Гнатючиху, Гнатюківна", all,
			[]string{"Гнатюкова=U-ol", "Гнатюкової=U-ol", "Гнатючка=U-ol", "Гнатючиху=U-ol", "Гнатюківна=U-ol"}},
		{"Галочку забрали першою. Галюся плакала. Галочці дали води.", all, []string{"Галочку=U-ga", "Галюся=U-ga", "Галочці=U-ga"}},
		{"Олежик прийшов.", all, []string{"Олежик=U-ol"}},
		// A fleeting vowel (Кравець: Кравця) and an adjective (Білий).
		{"Тараса Кравця забрали. Кравцеві дали.", nil, []string{"Тараса Кравця=U-kr"}},
		{"Петра Білого забрали.", nil, []string{"Петра Білого=U-bi"}},
		// The full name and its Latin spelling in any record.
		{"Олегу Гнатюку платили. Oleh Hnatiuk, the SBU file", nil, []string{"Олегу Гнатюку=U-ol", "Oleh Hnatiuk=U-ol"}},
		// Only where the record names the person.
		{"Гнатюкові платили. Галочку забрали.", nil, nil},
		// Words and places: a woman's family name in the man's genitive
		// names a street after another; a tick in lower case; a form that
		// is a word at a sentence's start.
		{"Ми жили на вулиці Шевченка. Тетяна Шевченко там не жила.", all, []string{"Тетяна Шевченко=U-ta"}},
		{"гнатися за ними, галка сиділа, поставила галочку", all, nil},
		{"Полячка допомогла нам. Танці були в суботу.", all, nil},
		{"село Гнатівка", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
