package view

import (
	"testing"

	"github.com/tvault/tvault/vault/policy"
)

// TestCycleAndMonthBirthYears checks that a birth year named by the
// sexagenary cycle (Tibetan element and animal, Vietnamese can chi), by
// a month of its calendar (Ramadan 1411), or in its own script with its
// birth word after it (ብ1989 ዓ.ም. ተወሊዳ) is hidden (review 13l Q5), and
// that the same names away from a birth word, holidays and event dates
// stay.
func TestCycleAndMonthBirthYears(t *testing.T) {
	r := renderer(t, policy.ViewResearcher)
	for _, tt := range []struct{ text, want string }{
		{"born in the Iron Horse year", "born in the [DATE] year"},
		{"she was born in the year of the Fire-Dog", "she was born in the year of the [DATE]"},
		{"生于藏历铁马年", "生于藏历[DATE]"},
		{"他生于金鸡年冬天", "他生于[DATE]冬天"},
		{"sinh năm Bính Tý", "sinh năm [DATE]"},
		{"tuổi Ất Dậu, hiền lành", "tuổi [DATE], hiền lành"},
		{"born in Ramadan 1411", "born in 1990-1994"},
		{"born in Shawwal 1405 AH", "born in 1980-1984"},
		{"تاريخ الميلاد ١٤١١ هـ", "تاريخ الميلاد 1990-1994"},
		{"ولد في رمضان ١٤٠٥", "ولد في 1980-1984"},
		{"ብ1989 ዓ.ም. ተወሊዳ", "ብ1995-1999. ተወሊዳ"},
		{"born in Meskerem 1982", "born in 1985-1989"},
		// Stays: no birth word, an animal alone, Christmas, an event.
		{"the Iron Horse pub", "the Iron Horse pub"},
		{"the Ox year was hard", "the Ox year was hard"},
		{"năm Tân Sửu chúng tôi đi", "năm Tân Sửu chúng tôi đi"},
		{"we reached Libya in Meskerem 2016", "we reached Libya in Meskerem 2016"},
		{"Ramadan 1411 was hot", "Ramadan 1411 was hot"},
		{"1411 هـ كان حارا\nعيد الميلاد كان حزينا", "1411 هـ كان حارا\nعيد الميلاد كان حزينا"},
		{"1411 هـ كان حارا، عيد الميلاد", "1411 هـ كان حارا، عيد الميلاد"},
		{"عيد الميلاد ٢٠١٩ في حلب", "عيد الميلاد ٢٠١٩ في حلب"},
		{"铁马年的大雪", "铁马年的大雪"},
		{"Día de Reyes, Easter 2019", "Día de Reyes, Easter 2019"},
	} {
		rec, _, _ := r.Render(input(tt.text))
		if rec.Narrative != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, rec.Narrative, tt.want)
		}
	}
}

// TestKoreanWordBirthDates checks that a Korean date of birth in
// Sino-Korean words before 생 is hidden with its year (review 13l Q5),
// and that 일생 "a lifetime" and dates without 생 stay.
func TestKoreanWordBirthDates(t *testing.T) {
	r := renderer(t, policy.ViewResearcher)
	for _, tt := range []struct{ text, want string }{
		{"이천이년 삼월 십오일생", "[DATE]생"},
		{"저는 천구백팔십팔년 시월 삼일생이에요", "저는 [DATE]생이에요"},
		{"그녀는 오월 이십일일생", "그녀는 [DATE]생"},
		{"일생 동안 일했다", "일생 동안 일했다"},
		{"삼월 십오일에 떠났다", "삼월 십오일에 떠났다"},
		{"삼월 십오일 생산", "삼월 십오일 생산"},
	} {
		rec, _, _ := r.Render(input(tt.text))
		if rec.Narrative != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, rec.Narrative, tt.want)
		}
	}
}
