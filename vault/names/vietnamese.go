package names

import (
	"strings"
	"unicode"
)

// vietnamesePronouns are the Vietnamese pronouns and kinship words that
// are given names too (Đức Anh, Thị Em): alone they are the pronoun
// (Anh ơi, "hey, you"), never the person.
var vietnamesePronouns = wordSet("anh em chị")

// vietnameseVerbs are the words after a Vietnamese given name without
// marks that make it the subject of a clause, so the person (Lan said,
// Mai nói), not the English word (LAN party, Lan Kwai Fong, May 2019).
var vietnameseVerbs = wordSet("said says told asked replied answered cried wrote called and " +
	"nói kể bảo hỏi đáp khóc và ơi")

// vietnameseCues are the words that end the text before such a name and
// make it the person: a child's "bé" (bé Lan) and an interview's
// question label (Q: Lan, when did you leave?).
var vietnameseCues = []string{"bé ", "Q: ", "Q. "}

// vietnameseClause reports whether the one-word mention ws, a
// Vietnamese given name without marks that is an English word too
// (Lan, Mai, Hung), is written in title case where it can only be a
// person: before a possessive, a colon (a speaker's label), or a word of
// vietnameseVerbs; after a word of vietnameseCues; or in a short field
// (a title, a tag, a relation: "Mai & Hoa", "friend Mai") before no
// other word (Lan Kwai Fong, Mai vàng, LAN party).
func vietnameseClause(text string, ws []word) bool {
	if len(ws) != 1 || !titleCase(text[ws[0].start:ws[0].end]) {
		return false
	}
	start, end := ws[0].start, ws[0].end
	rest := text[end:]
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, ":") {
		return true
	}
	before := text[max(0, start-4):start]
	for _, c := range vietnameseCues {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	next := strings.TrimLeft(rest, " ")
	n := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
	if n < 0 {
		n = len(next)
	}
	if vietnameseVerbs[strings.ToLower(next[:n])] {
		return true
	}
	return n == 0 && len(text) <= maxField
}
