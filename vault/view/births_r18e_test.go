package view

import (
	"testing"

	"github.com/tvault/tvault/vault/redact"
)

// TestBirthCuesR18e: a bare birth year after the birth words of other
// languages (review 13m) is banded; the same years without them stay.
func TestBirthCuesR18e(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"sinh năm 1996 ở Hà Tĩnh", "sinh năm 1995-1999 ở Hà Tĩnh"},
		{"nacida en 1996", "nacida en 1995-1999"},
		{"nacido en 1994 en Oaxaca", "nacido en 1990-1994 en Oaxaca"},
		{"née en 1994", "née en 1990-1994"},
		{"rok urodzenia 1994", "rok urodzenia 1990-1994"},
		{"Jahrgang 1994", "Jahrgang 1990-1994"},
		{"geboren 1994 in Kabul", "geboren 1990-1994 in Kabul"},
		{"1994 yılında doğdu", "1990-1994 yılında doğdu"},
		{"1994 doğumlu", "1990-1994 doğumlu"},
		{"nasceu em 1994", "nasceu em 1990-1994"},
		// Years of no birth.
		{"en 1996 cruzamos", "en 1996 cruzamos"},
		{"năm 1996 chúng tôi đi", "năm 1996 chúng tôi đi"},
		{"1994 yılında geldi", "1994 yılında geldi"},
	} {
		if got := redact.Apply(c.text, birthSpans(c.text)); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
