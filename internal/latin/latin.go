// Package latin folds the diacritics of Latin letters, so that the name
// and phrase matchers find "Chŏl-ho" for "Chol-ho" and "Chongŏri" for
// "Chongori": romanisations of Korean are written with and without the
// breves and accents of McCune–Reischauer, and Western names with and
// without theirs.
package latin

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// StripMarks appends b, normalised text (NFC or NFKC), to dst without the
// nonspacing marks that follow a Latin letter (ŏ is o, é is e, ñ is n),
// recomposed (NFC). Marks on other scripts are kept: they are vowels in
// many of them. The Vietnamese đ is d, as Vietnamese typed without its
// marks writes it (Đức is Duc); other letters that do not decompose (ø,
// ł) are kept as they are. It reports whether it removed any mark; when it did not, dst is
// returned unchanged and b is not copied.
func StripMarks(dst, b []byte) ([]byte, bool) {
	if !hasMark(b) {
		return dst, false
	}
	d := norm.NFD.Append(nil, b...)
	kept := d[:0]
	latin, removed := false, false
	for i := 0; i < len(d); {
		r, n := utf8.DecodeRune(d[i:])
		if unicode.Is(unicode.Mn, r) && latin {
			removed = true
			i += n
			continue
		}
		if r == 'đ' || r == 'Đ' {
			c := byte('d')
			if r == 'Đ' {
				c = 'D'
			}
			kept = append(kept, c)
			latin, removed = true, true
			i += n
			continue
		}
		if !unicode.Is(unicode.Mn, r) {
			latin = unicode.Is(unicode.Latin, r)
		}
		kept = append(kept, d[i:i+n]...)
		i += n
	}
	if !removed {
		return dst, false
	}
	return norm.NFC.Append(dst, kept...), true
}

// hasMark reports whether b may hold a Latin letter with a mark: a rune
// from Latin-1 Supplement up, other than Hangul syllables, which are the
// bulk of the non-ASCII text the matchers see.
func hasMark(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0xC0 && !(0xAC00 <= r && r <= 0xD7A3) {
			return true
		}
		i += n
	}
	return false
}

// confusables maps the lower-case Cyrillic and Greek letters that look
// like Latin ones (a subset of the confusables of Unicode TR39, after case
// folding) to the Latin letter they look like.
var confusables = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h',
	'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q',
	'ԝ': 'w', 'ӏ': 'l',
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'h', 'ι': 'i', 'κ': 'k', 'μ': 'm', 'ν': 'v', 'ο': 'o', 'ρ': 'p',
	'τ': 't', 'υ': 'y', 'χ': 'x', 'ζ': 'z',
}

// Skeleton appends b, a case-folded word, to dst with its Cyrillic and
// Greek letters that look Latin written as the Latin letters ("Jі" with a
// Cyrillic і is "ji"), if the word holds a Latin letter or only such
// look-alikes: a word spoofing a Latin name. A word of Cyrillic or Greek
// with other letters of its script ("мир") is left alone. It reports
// whether it changed anything; when it did not, dst is returned unchanged.
func Skeleton(dst, b []byte) ([]byte, bool) {
	latinSeen, other, found := false, false, false
	for _, r := range string(b) {
		switch _, ok := confusables[r]; {
		case ok:
			found = true
		case unicode.Is(unicode.Latin, r):
			latinSeen = true
		case unicode.IsLetter(r):
			other = true
		}
	}
	if !found || other && !latinSeen {
		return dst, false
	}
	for _, r := range string(b) {
		if l, ok := confusables[r]; ok {
			r = l
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, true
}
