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

// vietnameseCalled returns the part of a Vietnamese name (family and
// given) that its bearer is called by alone: the last part of the given
// name of several, of two letters or more (of two, Hà, only in a clause
// of vietnameseClause: Hà ơi, bé Hà, Hà kể lại; Hà Nội stays), or where that is a pronoun
// the part before it, unless a middle name (Đức for Nguyễn Đức Anh, as
// in "anh Đức"; nothing for Nguyễn Thị Anh); nil for any other name.
func vietnameseCalled(family, given []token) []token {
	if !vietnameseSurnames[strings.Join(family[0].words, "")] || len(given) < 2 {
		return nil
	}
	k := len(given) - 1
	if vietnamesePronouns[strings.Join(given[k].words, "")] {
		k--
		if w := strings.Join(given[k].words, ""); w == "thi" || w == "van" {
			return nil
		}
	}
	if given[k].weight < 2 || vietnamesePronouns[strings.Join(given[k].words, "")] {
		return nil
	}
	return given[k : k+1]
}

// vietnameseGiven returns the given name of a Vietnamese name without
// its middle name Thị or Văn, where two parts or more remain (Hồng Nhung
// for Trần Thị Hồng Nhung), as its bearer is called: capitalised
// (hoa hồng nhung is a rose).
func vietnameseGiven(person int32, family, given []token) (rawVariant, bool) {
	if !vietnameseSurnames[strings.Join(family[0].words, "")] || len(given) < 3 {
		return rawVariant{}, false
	}
	if w := strings.Join(given[0].words, ""); w != "thi" && w != "van" {
		return rawVariant{}, false
	}
	v := newRaw(person, rankGiven, given[1:])
	v.capitals = true
	return v, true
}
