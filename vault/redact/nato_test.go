package redact

import (
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
)

// TestMayStartNato checks that natoPlates' first look passes every word
// its readers take: at every offset of narratives and of every NATO and
// English digit word as written, capitalised, in capitals, hyphenated
// and at the end of the text, where natoWord or englishDigits finds a
// word, mayStartNato is true.
func TestMayStartNato(t *testing.T) {
	texts := []string{narrative4K(t), synthetic.Testimony(7).Narrative, "X-ray x-ray xray X-RAY x", "o oh zero"}
	for w := range natoLetters {
		texts = append(texts, w, strings.ToUpper(w)+"-One", "Plate "+strings.ToUpper(w[:1])+w[1:]+" two")
	}
	for w := range englishDigits {
		texts = append(texts, w, strings.ToUpper(w)+" Alfa", "-"+w)
	}
	for _, s := range texts {
		lower := asciiLower(s)
		for k := range len(lower) {
			e := letterWordEnd(lower, k)
			if (natoWord(lower, k) > k || englishDigits[lower[k:e]] != 0 && lower[k:e] != "o" && lower[k:e] != "oh") && !mayStartNato(lower, k) {
				t.Errorf("mayStartNato(%q, %d) = false before %q", s, k, lower[k:e])
			}
		}
	}
}
