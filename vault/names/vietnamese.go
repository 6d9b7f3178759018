package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// vietnamesePronouns are the Vietnamese pronouns and kinship words that
// are given names too (Đức Anh, Thị Em): alone they are the pronoun
// (Anh ơi, "hey, you"), never the person.
var vietnamesePronouns = wordSet("anh em chị")

// vietnameseVerbs are the words after a Vietnamese given name without
// marks that make it the subject of a clause, so the person (Lan said,
// Mai nói), not the English word (LAN party, Lan Kwai Fong, May 2019).
var vietnameseVerbs = wordSet("said says told asked replied answered cried wrote called and " +
	"nói kể bảo hỏi đáp khóc và ơi cười chạy đi đến về bị làm kêu gọi")

// vietnameseCues are the words that end the text before such a name and
// make it the person: a child's "bé" (bé Lan), a kinship word or
// pronoun of address (chị Mai, em Lan, con Sen, thằng Hùng) and an
// interview's question label (Q: Lan, when did you leave?), and their
// English counterparts (little Mai, Auntie Lan), in any case.
var vietnameseCues = []string{"bé ", "Q: ", "Q. ", "chị ", "em ", "anh ", "cô ", "bà ", "ông ", "con ", "cháu ", "dì ", "chú ", "cậu ", "mợ ", "thím ", "thằng ", "nhỏ ",
	"little ", "baby ", "sister ", "aunt ", "auntie ", "uncle ", "brother ", "granny ", "miss ", "mrs ", "ms ", "mr "}

// vietnameseClause reports whether the one-word mention ws, a
// Vietnamese given name without marks that is an English word too
// (Lan, Mai, Hung), is written in title case where it can only be a
// person: before a possessive, a colon (a speaker's label), or a word of
// vietnameseVerbs; after a word of vietnameseCues or one that gives a
// name (called her Mai: namingBefore); or in a short field
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
	if namingBefore(text, start) {
		return true
	}
	before := text[max(0, start-8):start]
	for _, c := range vietnameseCues {
		if n := len(before) - len(c); n >= 0 && strings.EqualFold(before[n:], c) && (n == 0 || !unicode.IsLetter(lastRuneIn(before[:n]))) {
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

// vietnameseAlone gives the given name alone of one word among the
// variants of a Vietnamese person's name or alias (Toàn of "Trần Toàn",
// Anh of "Mai Anh", Toàn of "Anh Toàn", Pham of "Kelly Pham") the rules
// of the part a Vietnamese name is called by (vietnameseCalled): a
// pronoun is none
// (anh ấy, tiếng Anh), and any other syllable is a word too (an toàn,
// hoàn toàn), so it is the person only where the record names them,
// capitalised, and with its marks where without them it is an English
// word.
//
// A given name that is all a name's given name (Anh of "Lê Anh") is
// called by it, pronoun or not (pronouns): only in a clause then
// (Anh said, chị Anh), since it is the pronoun elsewhere.
func vietnameseAlone(vs []rawVariant, pronouns bool) []rawVariant {
	out := vs[:0]
	for _, v := range vs {
		if v.rank == rankGiven && len(v.bounds) == 2 {
			pronoun := vietnamesePronouns[plainKey(v.key)]
			if pronoun && !pronouns {
				continue
			}
			v.nick, v.capitals = true, true
			v.marked = v.marked || pronoun || vietnameseWords[plainKey(v.key)] || len(v.key) < 3
		}
		out = append(out, v)
	}
	return out
}

// vietnamesePlaces are the words for a river, a mountain, a lake, a
// temple, a market or a village: before a name's syllable they make a
// place of it (Sông Hương, the Perfume River; núi Hồng, chợ Lan).
var vietnamesePlaces = []string{"sông ", "núi ", "hồ ", "chùa ", "đền ", "cầu ", "chợ ", "làng ", "đảo ", "vịnh ", "đèo ", "suối ", "thác "}

// vietnamesePlace reports whether a word of vietnamesePlaces ends text
// before offset i, in any case.
func vietnamesePlace(text string, i int) bool {
	before := text[max(0, i-8):i]
	for _, p := range vietnamesePlaces {
		if n := len(before) - len(p); n >= 0 && strings.EqualFold(before[n:], p) && (n == 0 || !unicode.IsLetter(lastRuneIn(before[:n]))) {
			return true
		}
	}
	return false
}

// lastRuneIn returns the last rune of s, or utf8.RuneError if none.
func lastRuneIn(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
