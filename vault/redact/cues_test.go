package redact

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestCueStarts compares wordStarts and cueStarts with scanWordStarts,
// which looks each word up in the text on its own, for every list of the
// package's dictionary on many texts: narratives, random texts of the
// package's literals, and texts made of the dictionary's own words glued
// and overlapping, each as it is, in lower and in upper case.
func TestCueStarts(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(13, 0xc0e5))
	texts := append([]string{"", "a", "Ab", narrative4K(t)}, sampleTexts(t, rng, 40, 300)...)
	var words []string
	for _, cs := range cueWords.lists {
		words = append(words, cs.words...)
	}
	for range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			w := words[rng.IntN(len(words))]
			if rng.IntN(3) == 0 {
				w = asciiUpper(w)
			}
			if k := rng.IntN(len(w) + 1); rng.IntN(4) == 0 {
				w = w[:k] // a word cut short, or its start only
			}
			b.WriteString(w)
			b.WriteString(pick(rng, "", "", " ", "-", w, "\n"))
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		checkCueStarts(t, text)
	}
}

// FuzzCueStarts is TestCueStarts on any text.
func FuzzCueStarts(f *testing.F) {
	for _, s := range []string{"", "Flat 3, 27 Harbour Road", "호호호 号 楼", "STRASSE 12 straße", "po box 7 P.O. Box 8", "x-ray X-RAY xray", "\xff\x00ab"} {
		f.Add(s)
	}
	f.Fuzz(checkCueStarts)
}

// checkCueStarts checks wordStarts and cueStarts against scanWordStarts
// on text as it is, in lower and in upper case, for every list of the
// package's dictionary.
func checkCueStarts(t *testing.T, text string) {
	for _, s := range []string{text, asciiLower(text), asciiUpper(text)} {
		for _, cs := range cueWords.lists {
			want := scanWordStarts(s, cs.words)
			if got := wordStarts(s, cs); !slices.Equal(got, want) {
				t.Fatalf("wordStarts(%.60q, %q) = %v, want %v", s, cs.words, got, want)
			}
			if got := cueStarts(s, asciiLower(s), cs); !slices.Equal(got, want) {
				t.Fatalf("cueStarts(%.60q, %q) = %v, want %v", s, cs.words, got, want)
			}
		}
	}
}
