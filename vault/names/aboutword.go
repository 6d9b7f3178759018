package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words talked of (review 13l precision): a one-word mention of a person
// of the record is the word, not the person, where the words after it
// say what kind of word or place it is ("Ahmadzai is a big Pashtun
// tribe", "Khatun is a title for women", "Trang province") or, in lower
// case, what it means ("dheere means tall"). A name said to be a name
// ("Hodan is a common name") stays the person: keeping it would show the
// name. So is a one-word mention before a thing word or a family's
// business (namesThing), as a family name alone is (surnameAlone).

// wordKinds are the heads of such a predicate: kinds of word and of
// place, not "name"; in English, and the places in Ukrainian and
// Russian, which say "Дорошенки — село" (Doroshenky is a village).
var wordKinds = wordSet("tribe clan title greeting word province district region village town city river county " +
	"село селище місто район область річка деревня посёлок поселок город река")

// maxKindWords bounds the words between "is a" and the kind (a big
// Pashtun tribe).
const maxKindWords = 3

// aboutWord reports whether the words after a one-word mention that ends
// at end of text, up to the clause's end, talk of it as a word or a
// place; lower reports that the mention is in lower case.
func aboutWord(text string, end int, lower bool) bool {
	rest := text[end:min(len(text), end+80)]
	if k := strings.IndexAny(rest, ".,;:!?()\n"); k >= 0 {
		rest = rest[:k]
	}
	if rest == "" || rest[0] != ' ' {
		return false
	}
	ws := strings.Fields(strings.ToLower(rest))
	if len(ws) > 0 && (ws[0] == "—" || ws[0] == "–" || ws[0] == "-") {
		ws = ws[1:] // Дорошенки — село: the dash Slavic languages write for "is"
	}
	switch {
	case len(ws) == 0:
		return false
	case wordKinds[ws[0]]:
		return true // Trang province
	case ws[0] == "means" || ws[0] == "meaning":
		return lower
	case len(ws) < 3 || ws[0] != "is" && ws[0] != "was" || ws[1] != "a" && ws[1] != "an" && ws[1] != "the":
		return false
	}
	for _, w := range ws[2:min(len(ws), 3+maxKindWords)] {
		if wordKinds[w] {
			return true
		}
	}
	return false
}

// namesThing reports whether the words after words[i] make it the name
// of a thing: a thing word (the Ilunga dynasty, Haddad street), or a
// family's business (the Haddad family bakery; the Haddad family alone
// is persons).
func namesThing(words []word, buf []byte, i int) bool {
	next := func(k int) string {
		if k >= len(words) || words[k].before != gapSpace {
			return ""
		}
		return string(buf[words[k].fstart:words[k].fend])
	}
	n := next(i + 1)
	if familyWords[n] {
		return establishments[next(i+2)]
	}
	return thingWords[n]
}

// oneWord reports whether the mention s is one word: letters and marks
// only (Ahmadzai, not Abu Salim or Jean-Pierre).
func oneWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !isMark(r) {
			return false
		}
	}
	return s != ""
}

// lowerFirst reports whether s starts with a lower-case letter.
func lowerFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
