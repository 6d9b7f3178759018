package redact

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/ignorable"
	"github.com/tvault/tvault/internal/latin"
)

// normText is a normalised copy of a text together with the map from
// offsets in the copy back to offsets in the original.
//
// The copy is built one normalisation segment at a time (a segment is a
// starter and the marks that may combine with it; an invalid UTF-8 byte is
// a segment of its own). A chunk whose copy is the original, or the
// original with ASCII letters lower-cased, maps linearly; any other chunk
// maps as a whole, so a match that starts or ends inside it is widened to
// the whole original segment. Widening never
// uncovers a byte the match covered, and every mapped offset is a boundary
// between original segments, hence a rune boundary.
type normText struct {
	s string
	// lower is s with its ASCII letters lower-cased (asciiLower), which
	// the recognisers, registered numbers and residences all read.
	lower  string
	orig   string
	chunks []chunk // ascending; empty when s maps byte for byte to orig
	fold   bool    // made with fold set
	// plain: orig holds only ASCII and Hangul syllables (asciiOrHangul),
	// which normalising leaves as they are and folding lower-cases.
	plain bool
	// runStarts are where runs of digit tokens may start in s, a bit a
	// byte, made once, when first asked for (digitRunStarts).
	runStartsOnce sync.Once
	runStarts     []uint64
}

type chunk struct {
	norm, orig int  // start offsets in s and in orig
	linear     bool // s[norm:...] maps byte for byte to orig[orig:...]
}

var folder = cases.Fold() // stateless, safe for concurrent use

// newNormText returns the NFKC form of text without invisible characters
// and with every decimal digit as an ASCII digit and long dashes as "-"
// (see cleanRune); with fold set it is also case folded, and typographic
// apostrophes and dashes are unified (for phrase matching).
//
// A view reads each field with several rules that normalise it (the
// recognisers, the registered numbers and residences, phrases twice), the
// recognisers of every field first: the last few texts normalised are kept
// in normMemo and given again for the same text and fold, which is safe as
// a normText is never changed once made.
func newNormText(text string, fold bool) *normText {
	if len(text) > memoMax {
		// Kept, a long text's copies would stay on the heap after the
		// view: a view's peak heap must not grow with them.
		nt := normalise(text, fold)
		nt.lower = asciiLower(nt.s)
		return nt
	}
	m, _ := normMemo.Get().(*[memoSize]*normText)
	if m == nil {
		m = new([memoSize]*normText)
	}
	i := 0
	for i < len(m)-1 && m[i] != nil && (m[i].fold != fold || m[i].orig != text) {
		i++
	}
	nt := m[i]
	if nt == nil || nt.fold != fold || nt.orig != text {
		nt = twinOfPlain(m, text, fold)
	}
	if nt == nil {
		nt = normalise(text, fold)
		nt.lower = asciiLower(nt.s)
	}
	// The most recent first.
	copy(m[1:i+1], m[:i])
	m[0] = nt
	normMemo.Put(m)
	return nt
}

// normMemo holds arrays of the last texts normalised, the most recent
// first. Between the narrative's recognisers (the last field's) and its
// registered numbers, a view normalises the title both ways and the
// narrative folded: four suffice.
var normMemo sync.Pool

const memoSize = 16

// memoMax is the longest text normMemo keeps (a narrative of a typical
// testimony is 4 KiB).
const memoMax = 64 << 10

// twinOfPlain returns the normText of text with fold made from the one
// without it (or with it) in m, when text holds only ASCII and Hangul
// syllables (plain): normalising such a text leaves it as it is and
// folding only lower-cases its ASCII letters (identPrefix), so that the
// folded copy is the unfolded one's lower, and both share it (a view finds
// its phrases, folded, in every text the recognisers read unfolded, and
// its registered numbers after them). Otherwise it returns nil.
func twinOfPlain(m *[memoSize]*normText, text string, fold bool) *normText {
	for _, u := range m {
		if u != nil && u.plain && u.fold != fold && u.orig == text {
			twin := &normText{s: text, lower: u.lower, orig: text, fold: fold, plain: true}
			if fold {
				twin.s = u.lower
			}
			return twin
		}
	}
	return nil
}

// normalise makes the normText of text for newNormText; the sets and
// phrases a text is searched for are normalised with it directly, so that
// they do not take the place of the text in normMemo.
func normalise(text string, fold bool) *normText {
	if plain := asciiOrHangul(text); !fold {
		if plain || norm.NFKC.IsNormalString(text) && cleanSpan(text) == len(text) {
			return &normText{s: text, orig: text, plain: plain}
		}
	} else if plain {
		// Folded by identPrefix whole, as one linear chunk: the same
		// offsets without one.
		return &normText{s: asciiLower(text), orig: text, fold: true, plain: true}
	}
	nt := &normText{orig: text, fold: fold}
	// A Builder, whose String is its buffer: not a copy of it.
	var out strings.Builder
	out.Grow(len(text) + len(text)/8)
	var tmp []byte
	shifted := false // a removed segment ended the open linear chunk
	// linear starts a linear chunk at orig offset i, unless one is open.
	linear := func(i int) {
		if n := len(nt.chunks); n == 0 || !nt.chunks[n-1].linear || shifted {
			nt.chunks = append(nt.chunks, chunk{norm: out.Len(), orig: i, linear: true})
		}
		shifted = false
	}
	for i := 0; i < len(text); {
		rest := text[i:]
		if n := identPrefix(rest, fold); n > 0 {
			linear(i)
			if fold {
				// ASCII: lower-cased in place, offsets unchanged.
				for k := 0; k < n; k++ {
					c := rest[k]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					out.WriteByte(c)
				}
			} else {
				out.WriteString(rest[:n])
			}
			i += n
			continue
		}
		m := norm.NFKC.NextBoundaryInString(rest, true)
		if m <= 0 || m > len(rest) {
			_, m = utf8.DecodeRuneInString(rest)
		}
		seg := rest[:m]
		tmp = clean(norm.NFKC.AppendString(tmp[:0], seg))
		if fold && len(tmp) > 0 {
			tmp = foldSegment(tmp)
		}
		switch {
		case string(tmp) == seg:
			linear(i)
		case len(tmp) == 0:
			// Removed (an invisible character): no chunk of its own, a
			// span around it takes it from the chunks on either side.
			shifted = true
		default:
			nt.chunks = append(nt.chunks, chunk{norm: out.Len(), orig: i})
		}
		out.Write(tmp)
		i += m
	}
	nt.s = out.String()
	return nt
}

// asciiOrHangul reports whether s holds only ASCII and precomposed Hangul
// syllables (U+AC00 to U+D7A3), which NFKC and cleanRune leave as they
// are: no composition takes either second, and without jamo nothing
// composes with a syllable. norm's IsNormalString reads such a text (a
// Korean narrative, the synthetic ones) a rune at a time, as a
// tenth of Recognise.
func asciiOrHangul(s string) bool {
	for i := 0; i < len(s); {
		// A syllable is three bytes, E[A-D] and two continuation bytes,
		// read here without decoding: most of a Korean text.
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xea && c <= 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 &&
			isHangul(rune(c&0x0f)<<12|rune(s[i+1]&0x3f)<<6|rune(s[i+2]&0x3f)):
			i += 3
		default:
			return false
		}
	}
	return true
}

// identPrefix returns the length of a prefix of s that maps linearly and
// ends on a normalisation boundary.
func identPrefix(s string, fold bool) int {
	if !fold {
		// The caller calls again after each segment that is not normal
		// or must be cleaned: look no further than needed (blocks of 16
		// bytes, then 64, 256 and 4096 at most), or a text with such a
		// segment every few bytes would take quadratic time.
		var b string
		var n int
		for k := 16; ; k *= 4 {
			b = s[:min(len(s), k)]
			n = norm.NFKC.QuickSpanString(b[:cleanSpan(b)])
			if n < len(b) || len(b) == len(s) || k >= 4096 {
				break
			}
		}
		if n == len(b) && len(b) < len(s) && n > 0 {
			// The last rune of the block may combine with what follows.
			_, size := utf8.DecodeLastRuneInString(b[:n])
			n -= size
		}
		if n < len(s) {
			// Back to a normalisation boundary.
			for n > 0 && norm.NFKC.PropertiesString(s[n:]).CCC() != 0 {
				_, size := utf8.DecodeLastRuneInString(s[:n])
				n -= size
			}
		}
		return n
	}
	// ASCII and Hangul syllables, which folding leaves as they are
	// (foldSegment): most of a Korean narrative, which would otherwise
	// be normalised and folded a syllable at a time.
	n := 0
	for n < len(s) {
		if s[n] < utf8.RuneSelf {
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if r < 0xAC00 || r > 0xD7A3 {
			break
		}
		n += size
	}
	if n < len(s) && n > 0 {
		// The last rune may compose with what follows: an ASCII letter
		// with a mark, a syllable with a trailing jamo (가 and U+11A8
		// are 각).
		_, size := utf8.DecodeLastRuneInString(s[:n])
		n -= size
	}
	return n
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cleanRune returns what r becomes before recognition: invisible
// characters (every Default_Ignorable_Code_Point and format character:
// U+200B–U+200D, U+2060, U+FEFF, the soft hyphen, bidi controls,
// variation selectors, the combining grapheme joiner, the Hangul fillers
// U+115F, U+1160, U+3164 and U+FFA0, the Khmer U+17B4-B5; see
// ignorable.Invisible) are removed, so that "010\u200c5512\u200c3391" and
// "010\u31645512\u31643391" are phone numbers; decimal digits of every script become ASCII digits
// (Arabic-Indic ٠١٠ is 010; NFKC already maps fullwidth ones); the
// dashes (dashLike) become "-". It returns -1 to remove r and r itself to
// keep it.
func cleanRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case dashLike(r):
		return '-'
	case ignorable.Invisible(r):
		return -1
	case unicode.Is(interpunct, r):
		return '·'
	case unicode.IsDigit(r):
		return '0' + digitValue(r)
	}
	return r
}

// dashLike reports the characters read as a hyphen between digit groups
// and in words: every dash punctuation (Unicode category Pd: the hyphen
// U+2010, non-breaking hyphen, figure, en and em dashes, horizontal bar,
// the two- and three-em dashes U+2E3A-B, the wave dashes U+301C and
// U+3030, the small and fullwidth hyphen-minus U+FE63 and U+FF0D, ...),
// and, outside it, the hyphen bullet U+2043, the minus sign U+2212 and the
// Hangul vowel ㅡ alone (U+1173, as NFKC gives the compatibility jamo
// U+3161 that Korean keyboards type for a dash: 010ㅡ7788ㅡ1234; inside a
// syllable NFKC composes it). The katakana long-vowel mark ー (U+30FC),
// a letter, is a dash only between digit groups (dashClass).
func dashLike(r rune) bool {
	return r == '\u2043' || r == '\u2212' || r == '\u1173' || unicode.Is(unicode.Pd, r)
}

// interpunct are the dots at mid height that separate words or digit
// groups, all read as U+00B7 MIDDLE DOT (010ㆍ4127ㆍ8856 as 010·4127·8856):
// every punctuation or symbol whose Unicode name says it is a middle dot
// (U+00B7, U+1427, U+2E31, U+30FB; U+FF65 and U+0387 reach U+00B7 or
// U+30FB through NFKC), the hyphenation point U+2027, the bullet U+2022
// and the operators U+2219 and U+22C5 of the same shape, and the Hangul
// vowel arae-a (U+318D, which NFKC makes U+119E), which Korean keyboards
// type for a middle dot. The arae-a is obsolete in Korean words, so
// nothing modern is lost.
var interpunct = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0x00B7, Hi: 0x00B7, Stride: 1},
	{Lo: 0x119E, Hi: 0x119E, Stride: 1},
	{Lo: 0x1427, Hi: 0x1427, Stride: 1},
	{Lo: 0x2022, Hi: 0x2022, Stride: 1},
	{Lo: 0x2027, Hi: 0x2027, Stride: 1},
	{Lo: 0x2219, Hi: 0x2219, Stride: 1},
	{Lo: 0x22C5, Hi: 0x22C5, Stride: 1},
	{Lo: 0x2E31, Hi: 0x2E31, Stride: 1},
	{Lo: 0x30FB, Hi: 0x30FB, Stride: 1},
	{Lo: 0x318D, Hi: 0x318D, Stride: 1},
	{Lo: 0xFF65, Hi: 0xFF65, Stride: 1},
}}

// digitValue returns the value of a decimal digit (Unicode category Nd):
// the digits of each script are ten consecutive code points from zero, and
// the ranges of the Nd table are runs of whole such blocks.
func digitValue(r rune) rune {
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return (r - rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return (r - rune(rg.Lo)) % 10
		}
	}
	return 0
}

// cleanSpan returns the length of the prefix of s that cleanRune leaves
// alone.
func cleanSpan(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if cleanRune(r) != r {
			return i
		}
		i += size
	}
	return len(s)
}

// clean applies cleanRune to b in place.
func clean(b []byte) []byte {
	if cleanSpan(string(b)) == len(b) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if c := cleanRune(r); c == r || (r == utf8.RuneError && size <= 1) {
			out = append(out, b[i:i+size]...)
		} else if c >= 0 {
			out = utf8.AppendRune(out, c)
		}
		i += size
	}
	return out
}

// foldSegment case-folds b and unifies apostrophes and dashes.
func foldSegment(b []byte) []byte {
	if isASCIIBytes(b) {
		for i, c := range b {
			switch {
			case 'A' <= c && c <= 'Z':
				b[i] = c + 'a' - 'A'
			case c == '`':
				b[i] = '\''
			}
		}
		return b
	}
	if hangulSyllables(b) {
		return b // Hangul has no case, marks or dashes (TestFoldHangul); most non-ASCII text is Hangul
	}
	return foldRunes(b)
}

// hangulSyllables reports whether b is Hangul syllables only.
func hangulSyllables(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
		b = b[n:]
	}
	return true
}

// foldRunes is foldSegment for non-ASCII text.
func foldRunes(b []byte) []byte {
	f := []byte(folder.String(string(b)))
	out := f[:0:0]
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRune(f[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, f[i])
		case isApostrophe(r):
			out = append(out, '\'')
		case isDash(r):
			out = append(out, '-')
		default:
			out = append(out, f[i:i+size]...)
		}
		i += size
	}
	if stripped, ok := latin.StripMarks(nil, out); ok {
		return stripped
	}
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '′', '`', '´', '‛', 'ʹ':
		return true
	}
	return false
}

// isDash reports the dash-like characters used between digit groups and in
// hyphenated words.
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '−', '﹣', '－':
		return true
	}
	return false
}

// span maps [a, b) in the normalised copy to the original text.
func (nt *normText) span(a, b int) (int, int) {
	if len(nt.chunks) == 0 {
		return a, b
	}
	return nt.startOf(a), nt.endOf(b)
}

// find returns the index of the last chunk whose normalised start is <= x.
func (nt *normText) find(x int) int {
	i := sort.Search(len(nt.chunks), func(i int) bool { return nt.chunks[i].norm > x }) - 1
	if i < 0 {
		i = 0
	}
	return i
}

func (nt *normText) startOf(a int) int {
	c := nt.chunks[nt.find(a)]
	if c.linear {
		return c.orig + (a - c.norm)
	}
	return c.orig
}

func (nt *normText) endOf(b int) int {
	if b <= 0 {
		return 0
	}
	i := nt.find(b - 1)
	c := nt.chunks[i]
	if c.linear {
		return c.orig + (b - c.norm)
	}
	if i+1 < len(nt.chunks) {
		return nt.chunks[i+1].orig
	}
	return len(nt.orig)
}

// isWordRune reports letters, digits and marks: the runes a word is made of.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}
