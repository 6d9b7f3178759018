package names

import "strings"

// A name alone that is part of a holiday or a greeting names no one
// ("Día de Reyes", Epiphany; "Tashi Delek", the Tibetan greeting: review
// 13l). Like wordPhrases, these yield a given name, an alias or a family
// name alone, never a full name or a title with the name. A name said of
// itself as a kind of word or place is aboutWord's.
var (
	// namePhrases are holidays and greetings whose words are names too,
	// by the name: the phrase before it, or after it.
	namePhrasesBefore = map[string][]string{"reyes": {"día de ", "dia de ", "día de los ", "dia de los "}}
	namePhrasesAfter  = map[string][]string{"tashi": {" delek", " deleg"}}
)

// nameAsWord reports whether the name w of text, with rest (up to 24
// bytes) after it, is said in a holiday or a greeting (namePhrasesBefore,
// namePhrasesAfter).
func nameAsWord(text string, w word, rest string) bool {
	key := strings.ToLower(text[w.start:w.end])
	before := strings.ToLower(text[max(0, w.start-16):w.start])
	for _, p := range namePhrasesBefore[key] {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	lower := strings.ToLower(rest)
	for _, p := range namePhrasesAfter[key] {
		if strings.HasPrefix(lower, p) && (len(lower) == len(p) || !isLetterByte(lower[len(p)])) {
			return true
		}
	}
	return false
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || c >= 0x80 }
