package view

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names in scripts without capitals (review 13j N3): the capitalised-run
// rule of PossibleNames cannot tell a name in Arabic, Ge'ez, Burmese,
// Thai... from the words around it. In a field written mostly in a
// script with capitals (an English or Russian narrative quoting a name as
// written at home: "ሰናይት ተስፋይ is how her name is written"), a run of
// such words is listed whole: quoted in another script, it is a name as
// often as not. A field written mostly in one of these scripts lists none
// of them (every word would be a candidate); Hangul, Han and kana have
// their own rule (the tags).

// maxCaselessWords bounds the words of one such run: a longer one (a
// sentence quoted in Arabic) is cut into runs of at most this many.
const maxCaselessWords = 4

// caselessLetter reports whether r is a letter of a script without
// capitals other than Hangul, Han and kana.
func caselessLetter(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) && unicode.ToUpper(r) == r &&
		!unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// caselessRuns returns the runs of words of scripts without capitals in
// text, words apart by one space, each at most maxCaselessWords, where
// text has more letters with case than without; none otherwise.
func caselessRuns(text string) []string {
	cased, caseless := 0, 0
	for _, r := range text {
		switch {
		case caselessLetter(r):
			caseless++
		case unicode.IsUpper(r) || unicode.IsLower(r):
			cased++
		}
	}
	if caseless == 0 || cased <= caseless {
		return nil
	}
	var out []string
	start, end, words := -1, 0, 0
	flush := func() {
		if start >= 0 {
			out = append(out, text[start:end])
		}
		start, words = -1, 0
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !caselessLetter(r) {
			i += n
			continue
		}
		j := wordEnd(text, i)
		if start >= 0 && (i != end+1 || text[end] != ' ' || words == maxCaselessWords) {
			flush()
		}
		if strings.IndexFunc(text[i:j], func(r rune) bool { return unicode.IsLetter(r) && !caselessLetter(r) }) < 0 {
			if start < 0 {
				start = i
			}
			end, words = j, words+1
		} else {
			flush()
		}
		i = j
	}
	flush()
	return out
}
