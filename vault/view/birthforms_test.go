package view

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/redact"
)

// TestZodiacYearWindows checks that zodiacYearSpans, which runs its
// expression in windows, finds what the expression finds in the whole
// text: at the windows' edges (a word or a rune cut), with the long s and
// the Kelvin sign that (?i) folds, with many years close together, and in
// the synthetic narratives.
func TestZodiacYearWindows(t *testing.T) {
	texts := []string{
		"",
		"1988",
		"I'm a dragon, '88, and she is a pig born in 1971.",
		"the rooster, born in ’79; the ox in 2003",
		"_a dragon 1988 xthe dragon 1988 Iran the dragon 1988",
		"a monKey 1980, a ſnake in 1977, a ſnaKe, born in ’05",
		"용a dragon 1988 한국어 한국어 한국어 한국어 한국어 the pig 1971",
		"a dragon 19881 a dragon 1988x a dragon 1988_ a dragon 2099",
		"a dragon 1988_", "a dragon 1988x", "a dragon 1988é", "a dragon 19888",
		strings.Repeat("the tiger 1962 ", 20),
		strings.Repeat("é", 40) + "the tiger 1962",
		strings.Repeat("x", 40) + " the tiger 1962 " + strings.Repeat("7", 50) + " a rat 2020",
		"the horse\xff 1990 the horse \xff1990 \xffthe horse 1990",
		"a dog 1919, a dog 2020, a dog 1820, a dog 88, a dog '888, a dog ’7, the ox '05x, call +82 10-4821-7730 or kim80@example.org",
	}
	for i := range 50 {
		texts = append(texts, synthetic.Testimony(i).Narrative)
	}
	for _, s := range texts {
		checkZodiacWindows(t, s)
	}
}

// FuzzZodiacYearWindows checks zodiacYearSpans against its expression run
// on the whole text, on any text.
func FuzzZodiacYearWindows(f *testing.F) {
	f.Add("I'm a dragon, '88, and she is a pig born in 1971.")
	f.Add("_a dragon 1988 a ſnaKe, born in ’05 a dragon 1988_")
	f.Fuzz(checkZodiacWindows)
}

func checkZodiacWindows(t *testing.T, s string) {
	var want []redact.Span
	for _, m := range zodiacYearRe.FindAllStringSubmatchIndex(s, -1) {
		if band := yearBand(s[m[4]:m[5]]); band != "" {
			want = append(want, redact.Span{Start: m[2], End: m[3], Kind: redact.KindDate, Replacement: "[DATE]"},
				redact.Span{Start: m[4], End: m[5], Kind: redact.KindDate, Replacement: band})
		}
	}
	if got := zodiacYearSpans(s); !reflect.DeepEqual(got, want) {
		t.Errorf("zodiacYearSpans(%.60q) = %v, want %v", s, got, want)
	}
}
