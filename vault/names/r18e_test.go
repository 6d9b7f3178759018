package names

import (
	"slices"
	"testing"
	"unicode"

	"github.com/tvault/tvault/internal/ignorable"
)

// TestIgnorableInName: a default-ignorable code point inside a registered
// Hangul name (the Hangul filler in 은ㅤ혜가, review 13m) or between a
// romanised name's parts is as invisible as a zero-width space; each one
// below the tag block U+E0000-E0FFF and the block's ends are tried.
func TestIgnorableInName(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "w", Name: "장은혜"}, {ID: "k", Name: "Kim Eunju"}})
	ev := map[string]bool{"w": true, "k": true}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !ignorable.DefaultIgnorable(r) || (r > 0xE0000 && r < 0xE0FFF) {
			continue
		}
		c := string(r)
		for _, tc := range []struct{ text, want string }{
			{"은" + c + "혜가 말했어요.", "은" + c + "혜=w"},
			{"장" + c + "은혜입니다", "장" + c + "은혜=w"},
			{"Eun" + c + "ju said", "Eun" + c + "ju=k"},
		} {
			if got := evidentMentions(t, m, tc.text, ev); !slices.Equal(got, []string{tc.want}) {
				t.Errorf("%U: %q: %q, want %q", r, tc.text, got, tc.want)
			}
		}
	}
}
