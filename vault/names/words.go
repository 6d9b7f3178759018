package names

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/ignorable"
	"github.com/tvault/tvault/internal/latin"
)

// class is what a rune is to the tokenizer.
type class uint8

const (
	classOther      class = iota // punctuation, symbols, controls, invalid UTF-8
	classWord                    // letters, combining marks, digits
	classSpace                   // white space other than a line break
	classBreak                   // a line break
	classHyphen                  // one of the hyphens listed in the package doc
	classApostrophe              // one of the apostrophes listed in the package doc
	classInvisible               // format characters (soft hyphen, zero-width space, bidi controls), variation selectors
)

// classAt classifies the rune at s[i] and returns its length; an invalid
// byte is a rune of length one and of classOther.
func classAt(s string, i int) (class, int) {
	b := s[i]
	if b >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(s[i:])
		return classify(r), n
	}
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return classWord, 1
	case b == ' ', b == '\t':
		return classSpace, 1
	case b == '\r':
		if i+1 < len(s) && s[i+1] == '\n' {
			return classSpace, 1 // "\r\n" is one break, counted at the '\n'
		}
		return classBreak, 1
	case b == '\n', b == '\v', b == '\f':
		return classBreak, 1
	case b == '-':
		return classHyphen, 1
	case b == '\'', b == '`':
		return classApostrophe, 1
	}
	return classOther, 1
}

// isLetter is unicode.IsLetter, answered without the table for the
// Hangul syllables, which are letters, as for Latin-1 (TestIsMark).
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return isHangulSyllable(r) || unicode.IsLetter(r)
}

// isMark is unicode.IsMark, answered without the table below U+0300,
// where there is no mark: for most runes of a text (TestIsMark).
func isMark(r rune) bool { return r >= 0x300 && unicode.IsMark(r) }

// classify classifies a non-ASCII rune.
func classify(r rune) class {
	if isHangulSyllable(r) {
		return classWord // the bulk of Korean text, without a table lookup
	}
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\uFE63', '\uFF0D':
		return classHyphen
	// The middle dots Chinese and Japanese write between the parts of a
	// foreign name (瓦季姆·古谢夫, パク・チヨン): between Han characters or
	// kana inside a word (tokenize), elsewhere as a hyphen.
	case '\u00B7', '\u30FB', '\uFF65':
		return classHyphen
	// The tsheg ends each syllable of Tibetan, which writes no spaces
	// between words: a name's syllables are joined as by a hyphen.
	case '\u0F0B', '\u0F0C':
		return classHyphen
	// U+02BC is a letter to Unicode but an apostrophe in romanised names.
	case '\u00B4', '\u2018', '\u2019', '\u201B', '\u02BC', '\uFF07':
		return classApostrophe
	case '\u0085', '\u2028':
		return classBreak
	case '\u2029':
		return classOther // a paragraph separator ends a mention, like a blank line
	}
	switch {
	case ignorable.Invisible(r):
		// Variation selectors, the combining grapheme joiner and the
		// Hangul fillers are marks or letters to Unicode, but as
		// invisible as a zero-width space: "Eunju\uFE0F" is Eunju and
		// "은\u3164혜" is 은혜.
		return classInvisible
	case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsNumber(r):
		return classWord
	case unicode.IsSpace(r):
		return classSpace
	}
	return classOther
}

// gap is what separates a word from the previous one.
type gap uint8

const (
	gapHard       gap = iota // anything nothing joins across; also before the first word
	gapSpace                 // white space, with at most one line break and one hyphen
	gapHyphen                // one hyphen and nothing else visible
	gapApostrophe            // one apostrophe and nothing else visible: O'Brien, Suvin's
)

// gapScan counts the runes between two words.
type gapScan struct{ spaces, breaks, hyphens, apostrophes, other int }

func (g *gapScan) add(c class) {
	switch c {
	case classSpace:
		g.spaces++
	case classBreak:
		g.breaks++
	case classHyphen:
		g.hyphens++
	case classApostrophe:
		g.apostrophes++
	case classOther:
		g.other++
	}
}

func (g *gapScan) kind() gap {
	visible := g.spaces + g.breaks + g.hyphens
	switch {
	case g.other > 0, g.breaks > 1, g.hyphens > 1, g.apostrophes > 1:
		return gapHard
	case g.apostrophes == 1 && visible > 0:
		return gapHard // a quotation mark: 'Eunju' or Kim 'Eunju'
	case g.apostrophes == 1:
		return gapApostrophe
	case g.spaces+g.breaks > 0:
		return gapSpace
	}
	// One hyphen: invisible characters alone are inside a word
	// (tokenize).
	return gapHyphen
}

// word is a maximal run of classWord runes, with any invisible ones
// between them.
type word struct {
	start, end   int // in the original text
	fstart, fend int // its folded form in the buffer tokenize returns
	weight       int // see weightOf
	before       gap
	ascii        bool // the word is ASCII only
}

// tokenize appends the words of s to words and their folded forms, one
// after the other without separators, to buf. Folding word by word keeps
// the map from folded to original offsets trivial: a word's folded form
// stands for the whole of its original bytes.
func tokenize(s string, fold transform.Transformer, words []word, buf []byte) ([]word, []byte) {
	var f folder
	var g gapScan
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			g.spaces, i = g.spaces+1, i+1 // most of a gap: classAt's classSpace
			continue
		}
		c, n := classAt(s, i)
		if c != classWord {
			g.add(c)
			i += n
			if c == classBreak {
				i += gutterAt(s, i) // a numbered transcript's gutter: part of the break
			}
			continue
		}
		start, ascii := i, true
		for i < len(s) {
			if b := s[i]; 'a' <= b|0x20 && b|0x20 <= 'z' || '0' <= b && b <= '9' {
				i++ // an ASCII letter or digit, as most of a word's runes are
				continue
			}
			if hangulAt(s, i) {
				ascii, i = false, i+3
				continue
			}
			c, n = classAt(s, i)
			if c == classInvisible {
				// Invisible characters between word runes are inside the
				// word and folded away: "서지원\uFE0F이가" is 서지원이가.
				k := i + n
				for k < len(s) {
					if c, n = classAt(s, k); c != classInvisible {
						break
					}
					k += n
				}
				if k == len(s) || c != classWord {
					break
				}
				ascii, i = false, k
				continue
			}
			if c == classHyphen && i > start && wideDot(s[start:i], s[i:]) {
				// 瓦季姆·古谢夫 is one word, as Chinese reads it: a name
				// inside a run of Han characters is found there.
				ascii, i = false, i+n
				continue
			}
			if c != classWord || n == 3 && s[i] == 0xE3 && i > start && kanaBoundary(s[start:i], s[i:]) {
				break
			}
			ascii = ascii && n == 1
			i += n
		}
		w := word{start: start, end: i, fstart: len(buf), before: gapHard, ascii: ascii}
		if len(words) > 0 {
			w.before = g.kind()
		}
		buf, w.weight = f.appendFold(buf, s[start:i], ascii, fold)
		w.fend = len(buf)
		words = append(doubled(words), w)
		g = gapScan{}
	}
	return words, buf
}

// kanaBoundary reports whether the kana at the start of b and at the end
// of a are of the two syllabaries, hiragana and katakana: there Japanese
// ends a name in katakana and starts its particles and honorifics, or
// starts it after them, without a space (はジヨンさんは). tokenize asks
// only at a rune of lead byte 0xE3 (U+3000 to U+3FFF), where kana are.
func kanaBoundary(a, b string) bool {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	hira := func(r rune) bool { return 0x3041 <= r && r <= 0x309F }
	return hira(ra) && isKatakana(rb) || isKatakana(ra) && hira(rb)
}

// isKatakana reports whether r is a katakana letter or the long-vowel
// mark (not the middle dot).
func isKatakana(r rune) bool { return 0x30A1 <= r && r <= 0x30FA || r == 0x30FC }

// middleDots are the dots Chinese and Japanese write between the parts of
// a foreign name.
var middleDots = map[rune]bool{'\u00B7': true, '\u30FB': true, '\uFF65': true}

// wideDot reports whether b starts with a middle dot between a Han
// character or kana at the end of a and one after the dot: the parts of
// a foreign name in Chinese or Japanese (瓦季姆·古谢夫, パク・チヨン).
func wideDot(a, b string) bool {
	d, n := utf8.DecodeRuneInString(b)
	if !middleDots[d] || n == len(b) {
		return false
	}
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b[n:])
	return (isHan(ra) || isKatakana(ra)) && (isHan(rb) || isKatakana(rb))
}

// folder holds scratch buffers for folding non-ASCII words.
type folder struct{ a, b []byte }

// appendFold appends the folded form of the word w to dst and returns its
// weight.
func (f *folder) appendFold(dst []byte, w string, ascii bool, fold transform.Transformer) ([]byte, int) {
	if ascii {
		n := len(dst)
		dst = append(dst, w...)
		for i := n; i < len(dst); i++ {
			if c := dst[i]; 'A' <= c && c <= 'Z' {
				dst[i] = c + 'a' - 'A'
			}
		}
		return dst, len(w)
	}
	if stable(w) {
		// Copied, its capitals lowered; a syllable, of three bytes, weighs
		// two, counted at its lead byte.
		n, weight := len(dst), 0
		dst = append(dst, w...)
		for i := n; i < len(dst); i++ {
			switch c := dst[i]; {
			case 'A' <= c && c <= 'Z':
				dst[i] = c + 'a' - 'A'
				weight++
			case c < utf8.RuneSelf:
				weight++
			case utf8.RuneStart(c):
				weight += 2
			}
		}
		return dst, weight
	}
	f.b = appendVisible(f.b[:0], w)
	f.a = norm.NFKC.Append(f.a[:0], f.b...)
	// Folding valid UTF-8 cannot fail, and w is valid: invalid bytes are
	// never word runes.
	f.b, _, _ = transform.Append(fold, f.b[:0], f.a)
	f.b = foldTurkishI(f.b)
	// Folding may undo normalisation (ǰ folds to j and a combining caron),
	// so normalise again. Into scratch, not dst: Append would normalise
	// across the end of the previous word.
	f.a = norm.NFKC.Append(f.a[:0], f.b...)
	if stripped, ok := latin.StripMarks(f.b[:0], f.a); ok {
		f.a, f.b = stripped, f.a
	}
	if skeleton, ok := latin.Skeleton(f.b[:0], f.a); ok {
		f.a, f.b = skeleton, f.a
	}
	if folded, ok := foldHan(f.b[:0], f.a); ok {
		f.a, f.b = folded, f.a
	}
	weight := 0
	for _, r := range string(f.a) {
		weight += weightOf(r)
	}
	return append(dst, f.a...), weight
}

// hanFold maps a Han character to the one form of its variants that
// names are matched in (hanFoldTable: traditional to simplified, Japanese
// forms to Chinese ones), so that 黃志強, 黄志強 and 金順姫 are 黄志强 and
// 金顺姬.
var hanFold = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4096)
	for e := range strings.FieldsSeq(hanFoldTable) {
		r, n := utf8.DecodeRuneInString(e)
		to, _ := utf8.DecodeRuneInString(e[n:])
		m[r] = to
	}
	return m
})

// foldHan appends s with its Han characters folded (hanFold) to dst; ok
// is false, and dst unused, if none changes.
func foldHan(dst, s []byte) ([]byte, bool) {
	changed := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		to, ok := r, false
		if r >= 0x2E80 { // below it, no Han character
			to, ok = hanFold()[r]
		}
		switch {
		case ok && !changed:
			dst, changed = append(dst, s[:i]...), true
			fallthrough
		case ok:
			dst = utf8.AppendRune(dst, to)
		case changed:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst, changed
}

// appendVisible appends w to dst without its invisible characters.
func appendVisible(dst []byte, w string) []byte {
	for _, r := range w {
		if classify(r) != classInvisible && !middleDots[r] {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// stable reports whether w holds only ASCII and precomposed Hangul
// syllables, which normalisation leaves alone and folding only lowers.
func stable(w string) bool {
	for _, r := range w {
		if r >= utf8.RuneSelf && !isHangulSyllable(r) {
			return false
		}
	}
	return true
}

// foldTurkishI maps the fold of İ (i and a combining dot above) and the
// dotless ı to i, in place.
func foldTurkishI(b []byte) []byte {
	if !bytes.Contains(b, []byte("\u0307")) && !bytes.Contains(b, []byte("ı")) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == 'ı':
			out = append(out, 'i')
		case r == '\u0307' && len(out) > 0 && out[len(out)-1] == 'i':
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// weightOf is a rune's share of a syllable, times two: a piece of a split
// word needs a weight of two, one syllable, so that "in a" does not spell
// "Ina" but "Eun ju" spells "Eunju" and "은 주" spells "은주".
func weightOf(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		return 1
	case unicode.IsMark(r):
		return 0
	case unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return 2
	}
	return 1
}
