package redact

import (
	"testing"
	"unicode"

	"github.com/tvault/tvault/internal/ignorable"
)

// TestIgnorableInside: every default-ignorable code point (the Hangul
// fillers U+3164, U+115F, U+FFA0, the Khmer U+17B4 among them: review 13m)
// typed between the groups of a phone, inside an RRN and inside an e-mail
// address is removed before recognition, and the whole is hidden. Every
// one is removed by cleanRune; the recognisers run on each below the tag
// block U+E0000-E0FFF and on its ends (4,096 alike code points, too slow
// to recognise one by one under -race).
func TestIgnorableInside(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !ignorable.DefaultIgnorable(r) {
			continue
		}
		n++
		if cleanRune(r) != -1 {
			t.Errorf("cleanRune(%U) = %U, want removed", r, cleanRune(r))
		}
		if r > 0xE0000 && r < 0xE0FFF {
			continue
		}
		c := string(r)
		for _, tc := range []struct{ text, want string }{
			{"tel 010" + c + "7264" + c + "1958 ok", "tel [PHONE] ok"},
			{"RRN 880214-" + c + "1234567.", "RRN [NATIONAL-ID]."},
			{"mail blue" + c + "crane@kakao.com", "mail [EMAIL]"},
		} {
			if got := Apply(tc.text, Recognise(tc.text)); got != tc.want {
				t.Errorf("%U: %q → %q, want %q", r, tc.text, got, tc.want)
			}
		}
	}
	if n < 4000 {
		t.Fatalf("only %d default-ignorable code points", n)
	}
}
