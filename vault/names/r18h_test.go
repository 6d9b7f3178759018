package names

import (
	"slices"
	"testing"
)

// TestRussianNamesInCases: a Russian name whose Cyrillic letters all look
// Latin (Артём, Семён: the fold writes them "aptem", "cemeh") declines
// as any other, with its family name in every case and the plural (also
// one in -ский), its short form's derived forms and its Latin spellings;
// ё is also written е, and Пётр drops its fleeting vowel (review 13n).
// Russian words that share letters with the names stay.
func TestRussianNamesInCases(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "a", Name: "Артём Соколов"}, {ID: "s", Name: "Семён Орлов"},
		{ID: "p", Name: "Пётр Иванов"}, {ID: "f", Name: "Фёдор Лебедев"}, {ID: "l", Name: "Алёна Морозова"},
		{ID: "v", Name: "Вера Смирнова"}, {ID: "st", Name: "Степан Кузнецов"}, {ID: "k", Name: "Анатолий Ковальский"},
	})
	ev := map[string]bool{"a": true, "s": true, "p": true, "f": true, "l": true, "v": true, "st": true, "k": true}
	for _, tc := range []struct{ text, want string }{
		{"Артёма избили.", "Артёма=a"},
		{"С Артёмом мы бежали.", "Артёмом=a"},
		{"Семёну было двадцать.", "Семёну=s"},
		{"Уехали с Семеном.", "Семеном=s"},
		{"Ждали Семена.", "Семена=s"},
		{"Федора увезли.", "Федора=f"},
		{"Жили у Алены.", "Алены=l"},
		{"Петра увезли.", "Петра=p"},
		{"Говорили с Петром.", "Петром=p"},
		{"Говорили с Орловым.", "Орловым=s"},
		{"Жили у Соколовых.", "Соколовых=a"},
		{"Тёмочка пришёл.", "Тёмочка=a"},
		{"Скажи Тёмке.", "Тёмке=a"},
		{"Скажи Сёме.", "Сёме=s"},
		{"Тёмыч пришёл.", "Тёмыч=a"},
		{"Артёмка пришёл.", "Артёмка=a"},
		{"Сёмка пришёл.", "Сёмка=s"},
		{"Artem paid the driver.", "Artem=a"},
		{"Tyoma ran.", "Tyoma=a"},
		{"Ждали Веру.", "Веру=v"},
		{"Веру потеряли.", ""},
		{"Стёпа пришёл.", "Стёпа=st"},
		{"Стёпку увезли.", "Стёпку=st"},
		{"Жили у Ковальских.", "Ковальских=k"},
		{"С Ковальскими не говорили.", "Ковальскими=k"},
		// Keeps: words, not the persons.
		{"Семена взошли.", ""},
		{"Тёмная ночь.", ""},
		{"Тему сменили.", ""},
		{"Орлы летали.", ""},
		{"Сокол летал.", ""},
		{"Том второй.", ""},
	} {
		got := evidentMentions(t, m, tc.text, ev)
		var want []string
		if tc.want != "" {
			want = []string{tc.want}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", tc.text, got, want)
		}
	}
}

// TestYoOfNameWrittenE: a name registered with е where ё is usual
// (Федор, Алена) is found in its cases written with ё too.
func TestYoOfNameWrittenE(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "f", Name: "Федор Орехов"}, {ID: "l", Name: "Алена Крылова"}})
	ev := map[string]bool{"f": true, "l": true}
	for _, tc := range []struct{ text, want string }{
		{"Ждали Фёдора.", "Фёдора=f"},
		{"Ждали Федора.", "Федора=f"},
		{"Звонили Алёне.", "Алёне=l"},
		{"Звонили Алене.", "Алене=l"},
	} {
		if got := evidentMentions(t, m, tc.text, ev); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}
