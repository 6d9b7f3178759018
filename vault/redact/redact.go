package redact

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind names what a span hides.
type Kind string

// The kinds of span. KindPerson and KindPhrase are produced by callers and
// by Phrases; the others by Recognise.
const (
	KindPhone       Kind = "phone"
	KindEmail       Kind = "email"
	KindNationalID  Kind = "national-id" // a resident registration or national ID number
	KindPassport    Kind = "passport"
	KindIDNumber    Kind = "id-number" // other ID-like digit groups
	KindDate        Kind = "date"      // an exact date, replaced by its year
	KindURL         Kind = "url"
	KindIP          Kind = "ip"
	KindCoordinates Kind = "coordinates"
	KindHandle      Kind = "handle"  // messenger or social media handle
	KindPlate       Kind = "plate"   // vehicle number plate
	KindAddress     Kind = "address" // street address
	KindPerson      Kind = "person"
	KindPhrase      Kind = "phrase"
)

// Placeholder returns the fixed replacement of a kind: "[PHONE]",
// "[EMAIL]", "[NATIONAL-ID]", "[PASSPORT]", "[ID]", "[URL]", "[IP]",
// "[COORDINATES]", "[HANDLE]", "[PLATE]", "[ADDRESS]", and "[REDACTED]" for phrases and any other
// kind. Dates have none: they are replaced by their year.
func Placeholder(k Kind) string {
	switch k {
	case KindPhone:
		return "[PHONE]"
	case KindEmail:
		return "[EMAIL]"
	case KindNationalID:
		return "[NATIONAL-ID]"
	case KindPassport:
		return "[PASSPORT]"
	case KindIDNumber:
		return "[ID]"
	case KindURL:
		return "[URL]"
	case KindIP:
		return "[IP]"
	case KindCoordinates:
		return "[COORDINATES]"
	case KindHandle:
		return "[HANDLE]"
	case KindPlate:
		return "[PLATE]"
	case KindAddress:
		return "[ADDRESS]"
	}
	return "[REDACTED]"
}

// Span is a byte range [Start, End) of a text, what it hides, and the text
// that replaces it.
type Span struct {
	Start, End  int
	Kind        Kind
	Replacement string
}

// priority breaks ties between candidates with the same range: the higher
// wins. Listed in the order of the package documentation.
func priority(k Kind) int {
	order := []Kind{KindIDNumber, KindHandle, KindDate, KindPlate, KindCoordinates, KindIP, KindPhone,
		KindPassport, KindNationalID, KindEmail, KindAddress, KindURL}
	return slices.Index(order, k) + 1
}

// Recognise returns the spans of every direct identifier in text (see the
// package documentation for the rules), sorted by offset and
// non-overlapping, each on rune boundaries of text and within one line. It
// never panics, on any input including invalid UTF-8.
func Recognise(text string) []Span {
	if text == "" {
		return nil
	}
	nt := newNormText(text, false)
	c := &collector{nt: nt, s: nt.s, lower: nt.lower}
	c.runs = digitSpans(c.s)
	c.num = numericWindows(c.s, c.runs, 4, 6)
	for _, r := range recognisers {
		r(c)
	}
	return resolve(text, c.spans, true)
}

// collector gathers candidate spans found in the normalised text, mapped
// to the original.
type collector struct {
	nt       *normText
	s, lower string      // the normalised text, and it with ASCII lower-cased
	runs     []digitSpan // digitSpans(s)
	num      []window    // numericWindows(s, 4, 6)
	wide     []window    // numericWindows(s, 4, 16), made when needed
	plate    []window    // numericWindows(s, 16, 8), made when needed
	needed   []window    // what need and needWide return
	spans    []Span
	addrs    [][2]int // the addresses among spans, in s
}

// add adds the span [a, b) of the normalised text as kind k. A span never
// crosses a line break: a label at the end of one line and
// the number that starts the next ("inminban⏎008| …", a transcript's line
// number) are not one identifier, so a span is cut at its first line
// break, and dropped if no digit is left (a label alone identifies
// nobody).
func (c *collector) add(a, b int, k Kind, repl string) {
	if a < 0 || b > len(c.nt.s) || a >= b {
		return
	}
	if i := strings.IndexAny(c.nt.s[a:b], lineBreaks); i >= 0 {
		b = a + i
		if !strings.ContainsAny(c.nt.s[a:b], "0123456789") {
			return
		}
		b = a + len(strings.TrimRightFunc(c.nt.s[a:b], unicode.IsSpace))
	}
	if k == KindAddress {
		c.addrs = append(c.addrs, [2]int{a, b})
	}
	s, e := c.nt.span(a, b)
	if repl == "" {
		repl = Placeholder(k)
	}
	c.spans = append(c.spans, Span{Start: s, End: e, Kind: k, Replacement: repl})
}

// lineBreaks end a line: LF, CR, vertical tab, form feed, NEL and the
// Unicode line and paragraph separators.
const lineBreaks = "\n\r\v\f\u0085\u2028\u2029"

var recognisers = []func(*collector){
	findURLs,
	findEmails,
	findNationalIDs,
	findPassports,
	findPhones,
	findIPs,
	findCoordinates,
	findDates,
	findHandles,
	findPlates,
	findAddresses,
	findMore,
	findIDNumbers,
	findBareEmails,
	findSpeltEmails,
	findLetterPhones,
	findWallets,
	findReferences,
	findDocuments,
	extendAddresses,
}

// Resolve merges span sets into one sorted, non-overlapping list, the spans
// Apply replaces. Each span is first clamped to [0, len(text)] and widened
// to whole UTF-8 sequences; empty spans are dropped. Then, in order of
// start (and, at equal starts, longest first, then by Kind and
// Replacement), a span that starts inside the one kept before it is merged
// into it: the earlier span keeps its Kind and Replacement, a span fully
// inside it disappears, and one that reaches past its end extends it, so
// no byte any caller asked to hide is shown.
func Resolve(text string, spans ...[]Span) []Span {
	n := 0
	for _, set := range spans {
		n += len(set)
	}
	// Sized once: a text full of names has a span every few bytes.
	all := make([]Span, 0, n)
	for _, set := range spans {
		all = append(all, set...)
	}
	return resolve(text, all, false)
}

// resolve is Resolve of one set, all, which it sorts and merges in place:
// callers give it a slice of their own.
func resolve(text string, all []Span, byPriority bool) []Span {
	clean := all[:0]
	for _, s := range all {
		if s.End <= 0 || s.Start >= len(text) || s.Start >= s.End {
			continue
		}
		s.Start = max(s.Start, 0)
		s.End = min(s.End, len(text))
		s.Start, s.End = widen(text, s.Start, s.End)
		clean = append(clean, s)
	}
	slices.SortStableFunc(clean, func(a, b Span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.End, a.End); c != 0 {
			return c
		}
		if byPriority {
			if c := cmp.Compare(priority(b.Kind), priority(a.Kind)); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Replacement, b.Replacement)
	})
	out := clean[:0]
	for _, s := range clean {
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return slices.Clip(out)
}

// widen moves start back and end forward to the nearest UTF-8 sequence
// starts (at most 3 bytes each way, the longest a sequence continues).
func widen(text string, start, end int) (int, int) {
	for k := 0; k < 3 && start > 0 && !utf8.RuneStart(text[start]); k++ {
		start--
	}
	for k := 0; k < 3 && end < len(text) && !utf8.RuneStart(text[end]); k++ {
		end++
	}
	return start, end
}

// Apply returns text with the spans of every set replaced, after merging
// them as Resolve does. Typical use:
//
//	view := redact.Apply(text, redact.Recognise(text), redact.Phrases(text, t.Redact), personSpans)
func Apply(text string, spans ...[]Span) string {
	merged := Resolve(text, spans...)
	if len(merged) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range merged {
		b.WriteString(text[last:s.Start])
		b.WriteString(s.Replacement)
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}
