package view

import (
	"testing"

	"github.com/tvault/tvault/vault/redact"
)

// TestBirthYearNouns: a year after a noun naming the year of birth
// (review 13n), of two digits too, is banded; years after other nouns
// stay.
func TestBirthYearNouns(t *testing.T) {
	checkBanded(t, birthSpans, []banding{
		{"출생연도 1995", "출생연도 1995-1999"},
		{"출생 연도: 1987", "출생 연도: 1985-1989"},
		{"生年1993", "生年1990-1994"},
		{"生年：1993", "生年：1990-1994"},
		{"год рождения 1993", "год рождения 1990-1994"},
		{"Год рождения: 1981.", "Год рождения: 1980-1984."},
		{"año de nacimiento 1993", "año de nacimiento 1990-1994"},
		{"năm sinh 1993", "năm sinh 1990-1994"},
		{"sinh năm 95", "sinh năm 1995-1999"},
		{"năm sinh: 87", "năm sinh: 1985-1989"},
		// Other years and numbers.
		{"год окончания 1993", "год окончания 1993"},
		{"año de llegada 1993", "año de llegada 1993"},
		{"năm 95 chúng tôi đi", "năm 95 chúng tôi đi"},
		{"sinh năm 1995, 12 người", "sinh năm 1995-1999, 12 người"},
	})
}

// TestBornYearInWords: a year spelt in words right after "born" is
// banded (review 13n); one after other words, and a count, stay.
func TestBornYearInWords(t *testing.T) {
	checkBanded(t, bornWordYearSpans, []banding{
		{"I was born in nineteen ninety-five.", "I was born in 1995-1999."},
		{"Born, nineteen eighty-one, in Hoeryong", "Born, 1980-1984, in Hoeryong"},
		{"born in two thousand and three", "born in 2000-2004"},
		{"BORN IN NINETEEN SEVENTY-TWO", "BORN IN 1970-1974"},
		// Not birth years.
		{"we left in nineteen ninety-five", "we left in nineteen ninety-five"},
		{"the firstborn in nineteen ninety-five", "the firstborn in nineteen ninety-five"},
		{"born in nineteen villages", "born in nineteen villages"},
	})
}

// banding is a text and what a rule makes of it.
type banding struct{ text, want string }

func checkBanded(t *testing.T, rule func(string) []redact.Span, cases []banding) {
	t.Helper()
	for _, c := range cases {
		if got := redact.Apply(c.text, rule(c.text)); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
