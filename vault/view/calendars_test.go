package view

import (
	"testing"

	"github.com/tvault/tvault/vault/policy"
)

// TestCalendarBirthYears checks that a birth year in another calendar is
// its Gregorian year's band and a Ukrainian or Polish birth date is hidden
// (review 13j N9), and that such years away from a birth word, and other
// years, stay.
func TestCalendarBirthYears(t *testing.T) {
	r := renderer(t, policy.ViewResearcher)
	for _, tt := range []struct{ text, want string }{
		{"born 1377 in the Afghan calendar", "born 1995-1999"},
		{"she was born ۱۳۷۷ in Jaghori", "she was born 1995-1999 in Jaghori"},
		{"متولد ۱۳۷۷", "متولد 1995-1999"},
		{"born 1377 SH", "born 1995-1999"},
		{"born 1413 AH", "born 1990-1994"},
		{"born 2537 B.E.", "born 1990-1994"},
		{"เกิด พ.ศ. 2537", "เกิด 1990-1994"},
		{"born 1988 E.C.", "born 1995-1999"},
		{"born 1988 in the Ethiopian calendar, in Keren", "born 1995-1999, in Keren"},
		{"ur. 12 maja 1989 r.", "ur. 1985-1989"},
		{"вона народилася 15 березня 1990 року", "вона народилася 1990-1994"},
		// A Ukrainian birth date in words: the day hidden, the year's band.
		{"народилася п'ятнадцятого березня дев'яностого", "народилася [DATE] 1990-1994"},
		{"вона народилася дванадцятого травня вісімдесят дев'ятого", "вона народилася [DATE] 1985-1989"},
		// Stays: a year away from a birth word, a Gregorian birth year,
		// a year of no calendar a birth could be in.
		{"In 1377 the drought came", "In 1377 the drought came"},
		{"2537 B.E. was a hard year", "2537 B.E. was a hard year"},
		{"born 1988 in Keren", "born 1985-1989 in Keren"},
		{"born in 1413, the year of the war", "born in 1413, the year of the war"},
		{"12 maja 1989 r. we left", "maja 1989 we left"},
		{"п'ятнадцятого березня ми виїхали", "п'ятнадцятого березня ми виїхали"},
	} {
		rec, _, _ := r.Render(input(tt.text))
		if rec.Narrative != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, rec.Narrative, tt.want)
		}
	}
}
