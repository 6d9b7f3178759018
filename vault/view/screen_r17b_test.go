package view

import (
	"testing"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/redact"
)

// TestScreenerCyrillicNames checks review 13i I2 at the audit screen: a
// purpose or reason naming a registered person in the Russian spelling of
// a name registered in another script is refused as naming a person; a
// family name alone, a Vietnamese word alone and a public figure are not.
func TestScreenerCyrillicNames(t *testing.T) {
	persons := []names.Person{
		{ID: "P-1", Name: "박지연", Aliases: []string{"Park Ji-yeon"}},
		{ID: "P-2", Name: "王秀兰"},
		{ID: "P-3", Name: "Hoàng Thị Thu"},
		{ID: "P-4", Name: "Trịnh Thị Lan", Aliases: []string{"Lan"}},
		{ID: "P-5", Name: "Rigoberto Salinas"},
	}
	m, err := names.NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, persons)
	for _, tc := range []struct {
		purpose string
		refused bool
	}{
		{"Пак Чи Ён follow-up", true},
		{"Хоанг Тхи Тху asked", true},
		{"Ван Сюлань visa check", true},
		{"Чинь Тхи Лан case", true},
		{"Ригоберто network", true},
		{"Ким Чен Ын speech study", false},
		{"Пак и Ван: family names study", false},
		{"Тху Бон river cohort", false},
	} {
		spans := sc.Screen(tc.purpose)
		person := false
		for _, s := range spans {
			person = person || s.Kind == redact.KindPerson
		}
		if person != tc.refused {
			t.Errorf("Screen(%q) = %v, want a person: %v", tc.purpose, spans, tc.refused)
		}
	}
}
