package names

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/synthetic"
)

// TestSpacedOut checks names spaced out letter by letter or split by
// markup, and the initials, letters and markup that stay.
func TestSpacedOut(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-kim", Name: "Kim Eunju", Aliases: []string{"김은주"}},
		{ID: "W-park", Name: "Park Minseo"},
		{ID: "W-jeon", Name: "Jeon Dae-hyun"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"K i m  E u n j u said", []string{"K i m  E u n j u=W-kim"}},
		{"E-u-n-j-u said", []string{"E-u-n-j-u=W-kim"}},
		{"E.u.n.j.u said", []string{"E.u.n.j.u=W-kim"}},
		{"P.a.r.k Minseo came", []string{"P.a.r.k Minseo=W-park"}},
		{"P.a.r.k said", []string{"P.a.r.k=W-park?"}},
		{"P A R K said", []string{"P A R K=W-park?"}},
		{"김 은 주가 왔다", []string{"김 은 주=W-kim"}},
		{"김-은-주", []string{"김-은-주=W-kim"}},
		{"김·은·주", []string{"김·은·주=W-kim"}},
		{"<b>Kim</b> Eunju", []string{"Kim</b> Eunju=W-kim"}},
		{"Eun<br>ju came", []string{"Eun<br>ju=W-kim"}},
		{"Eun<br/>ju came", []string{"Eun<br/>ju=W-kim"}},
		{"**Kim** Eunju", []string{"Kim** Eunju=W-kim"}},
		{"Kim *Eunju*", []string{"Kim *Eunju=W-kim"}},
		{"Kim_Eunju", []string{"Kim_Eunju=W-kim"}},
		{"Eun~ju", []string{"Eun~ju=W-kim"}},
		{"Kim\nEunju", []string{"Kim\nEunju=W-kim"}},
		{"E\nu\nn\nj\nu", []string{"E\nu\nn\nj\nu=W-kim"}},
		{"Eun&shy;ju came", []string{"Eun&shy;ju=W-kim"}},
		{"Kim&nbsp;Eunju", []string{"Kim&nbsp;Eunju=W-kim"}},
		{"Eun&#8203;ju", []string{"Eun&#8203;ju=W-kim"}},
		{"Director <i>Jeon</i>", []string{"Director <i>Jeon=W-jeon?"}},
		// Initials, letters and markup that name nobody.
		{"D. H. Jeon", []string{"D. H. Jeon=W-jeon?"}},
		{"x y z", nil},
		{"a b c d e", nil},
		{"the p a r k", nil},
		{"<b>bold</b> text", nil},
		{"*important*", nil},
		{"fish &chips; salt", nil},
		{"a\nb\nc", nil},
		{"i.e. a list", nil},
		{"K i m said", nil}, // Kim alone is anyone
	} {
		if got := evidentMentions(t, m, tt.text, nil); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSpeltInSyllables checks a registered name spelt in syllables
// (review 13h H11): three pieces or more of one to three letters joined
// by hyphens are read as one word; two pieces, long pieces and words
// joined by hyphens are not.
func TestSpeltInSyllables(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-olesya", Name: "Олеся Ткаченко", Aliases: []string{"Olesya Tkachenko"}},
		{ID: "K-minseo", Name: "Park Min-seo"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"О-ле-ся, по слогам.", []string{"О-ле-ся=R-olesya?"}},
		{"Ткаченко О-ле-ся пришла", []string{"Ткаченко О-ле-ся=R-olesya"}},
		// Ткаченко is Ukrainian (r18c): Olesya is her given name in
		// Latin letters, no longer a family name alone (Ambiguous).
		{"Ol-e-sya wrote it down", []string{"Ol-e-sya=R-olesya"}},
		{"Tka-chen-ko, Ol-e-sya", []string{"Tka-chen-ko=R-olesya", "Ol-e-sya=R-olesya"}},
		{"Pa-rk Min-seo", []string{"Pa-rk Min-seo=K-minseo"}},
		// Not a name, or not spelt.
		{"a to-and-fro walk, a well-to-do man, a mo-ther", nil},
		{"O-le-sya-2 was a login", nil},
		{"a-b-c-d-e-f-g-h-i-jo-ka-la-ma", nil},
	} {
		if got := evidentMentions(t, m, tt.text, all); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestCollapsibleAfterLetter checks what collapsible relies on to pass
// over the runes inside words: after a letter no syllables and no single
// letter start (syllableRun, single), at any rune of mixed texts.
func TestCollapsibleAfterLetter(t *testing.T) {
	texts := []string{synthetic.Testimony(1).Narrative, synthetic.Testimony(2).Narrative,
		"K i m  E u n j u, E-u-n-j-u, P.a.r.k, 김 은 주, 김-은-주, О-ле-ся, Ol-e-sya, x-a-b-c, e\u0301-u-n, a\u0301 b c, \xffa b c, \u212Ai m"}
	for _, s := range texts {
		for i := 0; i < len(s); {
			_, size := utf8.DecodeRuneInString(s[i:])
			if p, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(p) {
				if k := syllableRun(s, i); k != 0 {
					t.Errorf("syllableRun(%.40q, %d) = %d after the letter %q", s, i, k, p)
				}
				if single(s, i, size) {
					t.Errorf("single(%.40q, %d) after the letter %q", s, i, p)
				}
			}
			i += max(size, 1)
		}
	}
}

// TestIsMark checks the shortcuts of isMark and isLetter against the
// tables, at every rune.
func TestIsMark(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isMark(r) != unicode.IsMark(r) {
			t.Errorf("isMark(%U) = %v", r, isMark(r))
		}
		if isLetter(r) != unicode.IsLetter(r) {
			t.Errorf("isLetter(%U) = %v", r, isLetter(r))
		}
	}
}

// TestHangulAt checks hangulAt against decoding, at every rune and at
// every three bytes that start as a Hangul syllable does, valid or not.
func TestHangulAt(t *testing.T) {
	decoded := func(s string, i int) bool {
		r, n := utf8.DecodeRuneInString(s[i:])
		return n == 3 && isHangulSyllable(r)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s := "a" + string(r)
		if hangulAt(s, 1) != decoded(s, 1) {
			t.Errorf("hangulAt(%U) = %v", r, hangulAt(s, 1))
		}
	}
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for b1 := range 256 {
			for b2 := range 256 {
				s := string([]byte{byte(lead), byte(b1), byte(b2)})
				if hangulAt(s, 0) != decoded(s, 0) {
					t.Errorf("hangulAt(% x) = %v", s, hangulAt(s, 0))
				}
				if hangulAt(s[:2], 0) {
					t.Errorf("hangulAt(% x) = true", s[:2])
				}
			}
		}
	}
}
