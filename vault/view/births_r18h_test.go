package view

import (
	"testing"

	"github.com/tvault/tvault/vault/redact"
)

// TestBirthYearNouns: a year after a noun naming the year of birth
// (review 13n), of two digits too, is banded; years after other nouns
// stay.
func TestBirthYearNouns(t *testing.T) {
	for _, c := range []struct{ text, want string }{
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
	} {
		if got := redact.Apply(c.text, birthSpans(c.text)); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
