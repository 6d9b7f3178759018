package view

import (
	"slices"
	"testing"
)

// TestCaselessRuns: names quoted in scripts without capitals in an
// English or Russian field are candidates (review 13j N3), a field
// mostly in such a script gives none, and Hangul and Han are left to
// their own rule.
func TestCaselessRuns(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"ሰናይት ተስፋይ is how her name is written at home.", []string{"ሰናይት ተስፋይ"}},
		{"فاطمة عبد الرحمن wrote her name for me, and ခင်သီတာဝင်း signed.", []string{"فاطمة عبد الرحمن", "ခင်သီတာဝင်း"}},
		{"Она сказала: زۇلپىيە ئابلىز, так в деле.", []string{"زۇلپىيە ئابلىز"}},
		{"He said: أنا لا أعرف أين هي الآن and left the room at once.", []string{"أنا لا أعرف أين", "هي الآن"}},
		{"زهرا حسینی نام او است", nil},
		{"민서 and 王秀兰 came.", nil},
		{"No other script here.", nil},
	} {
		if got := caselessRuns(c.text); !slices.Equal(got, c.want) {
			t.Errorf("caselessRuns(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	rec := &Record{Narrative: "ሰናይት ተስፋይ is how Senayt writes it."}
	if got := PossibleNames(rec); !slices.Contains(got, "ሰናይት ተስፋይ") {
		t.Errorf("PossibleNames = %q, want ሰናይት ተስፋይ among them", got)
	}
}
