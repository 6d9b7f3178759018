// Package redact finds direct identifiers in free text and replaces spans of
// a text, to build the researcher views of a testimony.
//
// It is pure: no I/O, no global state, safe for concurrent use. Person names
// are found elsewhere (package vault/names) and reach Apply as spans of Kind
// KindPerson like any other.
//
// # Recognisers
//
// Recognise runs every recogniser below on the NFKC form of the text (so
// full-width digits, ＋, ＠ and no-break spaces count as their ASCII forms)
// and maps the spans back to the original bytes. A "boundary" below means
// the neighbouring rune is not a digit of any script and not an ASCII
// letter; letters of other scripts may touch a number, because Korean and
// Chinese attach particles to it ("010-2231-8870으로").
//
//   - phone ([PHONE]): an international number, "+" or "00" then 8 to 15
//     digits in groups separated by one space, dot or dash, with optional
//     parenthesised groups ("+82 10-4821-7730", "+1 (202) 555-0143",
//     "+44 (0)20 7946 0958", "0082-10-4821-7730"); when more than 15 digits
//     follow, trailing groups are left out. A Korean domestic number:
//     0 and one or two digits (optionally in parentheses), then 3–4 and 4
//     digits, each optionally preceded by a space, dot or dash
//     ("010 2231 8870", "010-2231-8870", "01022318870", "02-123-4567").
//     A Chinese mobile: 1[3-9]X XXXX XXXX with the same separator twice or
//     none ("138 0013 8000", "13800138000"); a Chinese landline:
//     0 and 2–3 digits, then 7–8 digits ("010-12345678"). A North American
//     number with parenthesised area code or dash/dot separators
//     ("(202) 555-0143", "202-555-0143").
//   - email ([EMAIL]): local@domain.tld with an ASCII local part, dotted
//     domain labels and an alphabetic top-level domain of two or more
//     letters; "@" may also be written "(at)" or "[at]" and the dots
//     "(dot)"/"[dot]".
//   - url ([URL]): http://, https:// or ftp:// or www. up to the next space
//     or non-ASCII character, or a domain with a recognised top-level domain
//     directly followed by a path ("facebook.com/eunju.kim80"); trailing
//     sentence punctuation and unbalanced closing brackets are left out.
//   - ip ([IP]): IPv4 dotted quad, each part 0–255, not part of a longer
//     dotted number, with an optional /prefix; IPv6 in any form accepted by
//     net/netip (compressed, with a dotted IPv4 tail), at least two colons
//     and one hex digit.
//   - coordinates ([COORDINATES]): a decimal pair "39.0392, 125.7625"
//     (latitude at most 90 and longitude at most 180, signed or not, each
//     with at least 3 decimals when neither N/S/E/W nor ° is written), a
//     decimal pair with hemisphere letters as suffix or prefix
//     ("39.0392N 125.7625E", "N39.0392 E125.7625"), and degrees-minutes
//     (-seconds) with a hemisphere letter, alone or in pairs
//     ("39°01'N 125°45'E", "39° 1′ 12″ N"). Degrees without minutes
//     ("the 38°N parallel") stay.
//   - national-id ([NATIONAL-ID]): a Korean resident (or foreigner)
//     registration number, YYMMDD with a real month and day, a dash, en dash
//     or single space or nothing, and 7 more digits; also masked
//     ("930517-1******"). The checksum is not required: numbers issued since
//     October 2020 carry none.
//   - passport ([PASSPORT]): one or two capital letters then 7 or 8 digits
//     ("M12345678"), or the Korean 2021 format letter, 3 digits, letter,
//     4 digits ("M123A4567"); and any token of letters and 5–12 digits after
//     "passport", "passport number/no./#", "여권(번호)" or "护照(号码)"
//     ("passport number 123456789").
//   - date (its year): a day, month and year: "2 February 1980",
//     "2nd of February, 1980", "Monday, 2 February 1980",
//     "February 2, 1980", "Feb. 2nd 1980", ISO "1980-02-02" (also with / or
//     . and a following "T10:00"), "1980. 2. 2.", "02/02/1980",
//     "2.2.1980", "2-2-1980" (day-month or month-day, either valid),
//     "2/2/80" (slashes only), "1980년 2월 2일" and "1980年2月2日". The span
//     is replaced by the year as written ("1980", "80"), followed by 년 or
//     年 for the Korean and Chinese forms.
//   - handle ([HANDLE]): "@name" (3–32 letters, digits, _ or .) not part
//     of an email address, and the token after a messenger name with "ID",
//     "handle", "username" or "account", or a colon ("KakaoTalk ID:
//     eunju80", "WeChat: kim_80"). After a bare colon the token must hold a
//     digit, "_" or "@".
//   - id-number ([ID]): any other group of 7 or more ASCII digits, where a
//     group is digit runs joined by single dashes, or by single spaces when
//     both runs have 3 or more digits ("4821-7730", "1234 5678 9012"). Not
//     an id-number: two or more four-digit years joined by dashes
//     ("1997-2000"); a year at either end of a space-joined group is cut
//     off ("1997 2000 people" stays); a group after a currency sign or code
//     or before a currency word ("$1000000", "5000000 won", "3000000원");
//     and a group that is part of a decimal ("3.14159265") or
//     thousands-separated number ("12,345,678").
//
// When candidates overlap, the one starting first wins, then the longest,
// then the kind listed first above with id-number last (so "930517-1234567"
// is a national-id, not an id-number, and "1980-02-02" a date); a loser that
// reaches past the winner extends the winner, so no part of it is shown.
//
// # What stays
//
// Bare years and decades ("in 1997", "1980s", "1997-2000"), a month and
// year or a day and month without the other ("in March 1997",
// "on 2 February", "1980년 2월"), ages ("When we were 16, 17"), sums of
// money ("$1,000 and $5,000", "5,000 won", "US$300", "3 million won",
// "1,500 yuan"), counts and ordinary numbers ("tens of thousands",
// "12,000 people", "kiosk 4"), organisation numbers ("the 109 group"),
// times ("at 10:30", "10:30:45"), percentages, names of rulers and place
// names, bare domain names without a path ("amnesty.org"), and anything
// with fewer than 7 digits that none of the rules above describes.
//
// # Phrases and Apply
//
// Phrases finds the phrases an officer marked for removal (case- and
// width-insensitively, see Phrases). Apply merges any number of span sets
// (from Recognise, Phrases, the names package) and replaces them; Resolve
// returns the merged spans. Both accept any spans without panicking:
// offsets are clamped to the text and widened to whole UTF-8 sequences.
package redact

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kind names what a span hides.
type Kind string

// The kinds of span. KindPerson and KindPhrase are produced by callers and
// by Phrases; the others by Recognise.
const (
	KindPhone       Kind = "phone"
	KindEmail       Kind = "email"
	KindNationalID  Kind = "national-id" // Korean resident registration number
	KindPassport    Kind = "passport"
	KindIDNumber    Kind = "id-number" // other ID-like digit groups
	KindDate        Kind = "date"      // an exact date, replaced by its year
	KindURL         Kind = "url"
	KindIP          Kind = "ip"
	KindCoordinates Kind = "coordinates"
	KindHandle      Kind = "handle" // messenger or social media handle
	KindPerson      Kind = "person"
	KindPhrase      Kind = "phrase"
)

// Placeholder returns the fixed replacement of a kind: "[PHONE]",
// "[EMAIL]", "[NATIONAL-ID]", "[PASSPORT]", "[ID]", "[URL]", "[IP]",
// "[COORDINATES]", "[HANDLE]", and "[REDACTED]" for phrases and any other
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
	switch k {
	case KindURL:
		return 10
	case KindEmail:
		return 9
	case KindNationalID:
		return 8
	case KindPassport:
		return 7
	case KindPhone:
		return 6
	case KindIP:
		return 5
	case KindCoordinates:
		return 4
	case KindDate:
		return 3
	case KindHandle:
		return 2
	case KindIDNumber:
		return 1
	}
	return 0
}

// Recognise returns the spans of every direct identifier in text (see the
// package documentation for the rules), sorted by offset and
// non-overlapping, each on rune boundaries of text. It never panics, on any
// input including invalid UTF-8.
func Recognise(text string) []Span {
	if text == "" {
		return nil
	}
	nt := newNormText(text, false)
	c := &collector{nt: nt, s: nt.s, lower: asciiLower(nt.s)}
	c.num = numericWindows(c.s, 4, 6)
	for _, r := range recognisers {
		r(c)
	}
	return resolve(text, c.spans, true)
}

// collector gathers candidate spans found in the normalised text, mapped
// to the original.
type collector struct {
	nt       *normText
	s, lower string   // the normalised text, and it with ASCII lower-cased
	num      []window // numericWindows(s, 4, 6)
	wide     []window // numericWindows(s, 4, 16), made when needed
	spans    []Span
}

func (c *collector) add(a, b int, k Kind, repl string) {
	if a < 0 || b > len(c.nt.s) || a >= b {
		return
	}
	s, e := c.nt.span(a, b)
	if repl == "" {
		repl = Placeholder(k)
	}
	c.spans = append(c.spans, Span{Start: s, End: e, Kind: k, Replacement: repl})
}

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
	findIDNumbers,
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
	var all []Span
	for _, set := range spans {
		all = append(all, set...)
	}
	return resolve(text, all, false)
}

func resolve(text string, all []Span, byPriority bool) []Span {
	clean := make([]Span, 0, len(all))
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
