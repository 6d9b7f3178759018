package names

import (
	"strings"
	"unicode"
)

// A name alone that is said of the name itself, or of the tribe or clan
// that bears it, names no one (review 13l: "Ilunga is a Luba name",
// "Ahmadzai tribe history", "Haddad family names"), nor does one that is
// part of a holiday or a greeting ("Día de Reyes", Epiphany; "Tashi
// Delek", the Tibetan greeting). Like wordPhrases, these yield a given
// name, an alias or a family name alone, never a full name or a title
// with the name.
var (
	// nameAsWordAfter follow such a name, folded, with the space before
	// them.
	nameAsWordAfter = []string{" tribe", " clan", " name", " names", " surname", " surnames", " family name", " family names",
		" tribu", " apellido", " apellidos", " nom de famille"}
	// nameIsA starts a predicate that nameIsAEnd, within the few words
	// after it, makes one said of the name as a kind: "Ilunga is a Luba
	// name", "Ahmadzai is a big Pashtun tribe"; not "Choonhwa was the
	// name on the list", which is the person's.
	nameIsA    = []string{" is a ", " is an ", " are a "}
	nameIsAEnd = wordSet("name surname tribe clan lineage")
	// namePhrases are holidays and greetings whose words are names too,
	// by the name: the phrase before it, or after it.
	namePhrasesBefore = map[string][]string{"reyes": {"día de ", "dia de ", "día de los ", "dia de los "}}
	namePhrasesAfter  = map[string][]string{"tashi": {" delek", " deleg"}}
)

// nameAsWord reports whether the name w of text, with rest (up to 24
// bytes) after it, is said as a word (see nameAsWordAfter).
func nameAsWord(text string, w word, rest string) bool {
	key := strings.ToLower(text[w.start:w.end])
	before := strings.ToLower(text[max(0, w.start-16):w.start])
	for _, p := range namePhrasesBefore[key] {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	lower := strings.ToLower(rest)
	for _, p := range append(namePhrasesAfter[key], nameAsWordAfter...) {
		if strings.HasPrefix(lower, p) && (len(lower) == len(p) || !isLetterByte(lower[len(p)])) {
			return true
		}
	}
	for _, p := range nameIsA {
		if tail, ok := strings.CutPrefix(lower, p); ok {
			ws := strings.FieldsFunc(tail, func(r rune) bool { return !unicode.IsLetter(r) })
			for _, x := range ws[:min(len(ws), 3)] {
				if nameIsAEnd[x] {
					return true
				}
			}
		}
	}
	return false
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || c >= 0x80 }
