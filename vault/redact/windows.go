package redact

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Trigger windows: where each recogniser's patterns can match. Margins are
// in bytes and cover the longest text a pattern allows before the first
// and after the last trigger.

// numericWindows opens a window around every run of ASCII digits, from
// before bytes before it to after bytes after it; windows that overlap or
// touch merge, so a number written in groups falls in one window. The
// tight windows (4 and 6 bytes: "+(", "−", "EA", "N ", "******", "일",
// and groups at most 10 bytes apart) serve the patterns of digit groups;
// the wide ones (4 and 16: ", 125.7625° E", "″ North") the coordinates.
func numericWindows(s string, runs []digitSpan, before, after int) []window {
	w := windowSet{s: s}
	for _, r := range runs {
		if r.j-r.i <= 24 {
			// No pattern accepts a longer run, or any part of one: they
			// all reject a digit next to their first or last.
			w.add(int(r.i)-before, int(r.j)+after)
		}
	}
	ws := w.merged()
	for k := range ws {
		w := &ws[k]
		forDigitRuns(s, w.a, w.b, func(i, j int) {
			w.digits += j - i
			w.maxRun = max(w.maxRun, j-i)
			w.zeroRun = w.zeroRun || s[i] == '0'
			if r := nextRune(s, j); (isNumJoiner(r)) && isASCIIDigit(nextRune2(s, j)) {
				w.joins++
				if r == '.' {
					w.dots++
				}
			}
		})
	}
	return ws
}

// digitSpan is a maximal run s[i:j] of ASCII digits, in half the memory
// of two ints: a text of digits apart has one every two bytes.
type digitSpan struct{ i, j int32 }

// digitSpans returns every maximal run of ASCII digits in s: Recognise
// finds them once for the six rules that read them all, each of which
// walked the whole text.
func digitSpans(s string) []digitSpan {
	var out []digitSpan
	forDigitRuns(s, 0, len(s), func(i, j int) { out = append(out, digitSpan{int32(i), int32(j)}) })
	return out
}

// forDigitRuns calls fn with the bounds of every maximal run of ASCII
// digits in s[from:to].
func forDigitRuns(s string, from, to int, fn func(i, j int)) {
	for i := from; i < to; {
		if !isASCIIDigit(rune(s[i])) {
			i++
			continue
		}
		j := i
		for j < to && isASCIIDigit(rune(s[j])) {
			j++
		}
		fn(i, j)
		i = j
	}
}

// req is what a pattern needs in a numeric window: at least digits
// digits, a run of at least run digits, dots and joins as counted in
// window, one of the characters of any and the string sub (unless empty),
// and a run starting with 0 if zero is set.
type req struct {
	digits, run, dots, joins int
	any, sub                 string
	zero                     bool
}

func (r req) ok(w window, t string) bool {
	return w.digits >= r.digits && w.maxRun >= r.run && w.dots >= r.dots && w.joins >= r.joins &&
		(!r.zero || w.zeroRun) &&
		(r.any == "" || strings.ContainsAny(t, r.any)) && (r.sub == "" || strings.Contains(t, r.sub))
}

// need returns the tight numeric windows that meet any of rs, in a buffer
// of c's that the next need or needWide reuses: a recogniser scans them
// before it asks again, and a text with a number every few words would
// otherwise copy most of its windows at each of some forty asks.
func (c *collector) need(rs ...req) []window {
	c.needed = appendNeeded(c.needed[:0], c.s, c.num, rs)
	return c.needed
}

// needWide is need for the wide numeric windows.
func (c *collector) needWide(rs ...req) []window {
	if c.wide == nil {
		c.wide = numericWindows(c.s, c.runs, 4, 16)
	}
	c.needed = appendNeeded(c.needed[:0], c.s, c.wide, rs)
	return c.needed
}

func needIn(s string, ws []window, rs []req) []window {
	return appendNeeded(nil, s, ws, rs)
}

// appendNeeded appends to dst the windows of ws that meet any of rs.
func appendNeeded(dst []window, s string, ws []window, rs []req) []window {
	for _, w := range ws {
		t := s[w.a:w.b]
		for _, r := range rs {
			if r.ok(w, t) {
				dst = append(dst, w)
				break
			}
		}
	}
	return dst
}

var monthWords = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true,
	"apr": true, "april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true,
	"aug": true, "august": true, "sep": true, "sept": true, "september": true,
	"oct": true, "october": true, "nov": true, "november": true, "dec": true, "december": true,
}

// monthWindows opens windows around English month names [i, j) that may
// be part of a date: for day-month-year, when a day ends within a few
// bytes before the month ("2nd of "), from 40 bytes before it (room for
// "Wednesday, the 2nd-3rd of ") to 12 after (", 1980"); for
// month-day-year, when a day of one or two digits follows, from 24 bytes
// before ("Wednesday, ") to 24 after (". the 22nd, 1980"). The same with
// the day as an ordinal word ("the fourteenth of", "February the
// twenty-first"), in windows of their own, 48 bytes before and 40 after.
func monthWindows(lower string) (dmy, mdy, dmyWord, mdyWord []window) {
	d, m := windowSet{s: lower}, windowSet{s: lower}
	dw, mw := windowSet{s: lower}, windowSet{s: lower}
	skipSpace := func(k, dir int) int {
		for n := 0; n < 3 && k+dir >= 0 && k+dir < len(lower) && isSpaceByte(lower[k+dir]); n++ {
			k += dir
		}
		return k
	}
	// Each word of letters that is a month name, found where a month
	// name starts a word: most words of a text are looked at no closer.
	for _, i := range wordStarts(lower, monthCues) {
		if i > 0 && isASCIILetter(rune(lower[i-1])) {
			continue
		}
		j := i
		for j < len(lower) && isASCIILetter(rune(lower[j])) {
			j++
		}
		if monthWords[lower[i:j]] {
			// Backwards from i-1: spaces, "of", spaces, ordinal, digit;
			// or a dash, slash or dot and a digit ("02-feb-1980").
			k := skipSpace(i, -1)
			if k == i && k >= 2 && strings.IndexByte("-/.", lower[k-1]) >= 0 {
				k--
			}
			if k >= 3 && lower[k-2:k] == "of" {
				k = skipSpace(k-2, -1)
			}
			if k >= 3 && isASCIILetter(rune(lower[k-1])) && isASCIILetter(rune(lower[k-2])) {
				k -= 2
			}
			if k > 0 && isASCIIDigit(rune(lower[k-1])) {
				d.add(i-40, j+12)
				if yearWordAfter(lower, j) {
					dw.add(i-40, j+48)
				}
			} else if ordinalBefore(lower, k) {
				dw.add(i-48, j+48) // the year may be spelt out too
			}
			// Forwards from j: ".", spaces, "the", spaces, 1–2 digits.
			k = j
			if k < len(lower) && lower[k] == '.' {
				k++
			}
			k = skipSpace(k-1, 1) + 1
			if strings.HasPrefix(lower[k:], "the") {
				k = skipSpace(k+2, 1) + 1
			}
			n := 0
			for k+n < len(lower) && isASCIIDigit(rune(lower[k+n])) {
				n++
			}
			if n == 1 || n == 2 {
				m.add(i-24, j+24)
			} else if ordinalAfter(lower, k) {
				mw.add(i-24, j+80)
			}
		}
	}
	return d.merged(), m.merged(), dw.merged(), mw.merged()
}

// monthCues are the words of monthWords, for monthWindows.
var monthCues = newCues(slices.Sorted(maps.Keys(monthWords))...)

// yearWordAfter reports whether a year spelt out starts within a few
// bytes after j ("March, nineteen sixty-eight").
func yearWordAfter(lower string, j int) bool {
	after := strings.TrimLeft(lower[j:min(len(lower), j+20)], "., ")
	return strings.HasPrefix(after, "nineteen") || strings.HasPrefix(after, "eighteen") || strings.HasPrefix(after, "two thousand")
}

// ordinalBefore reports whether an ordinal word ("fourteenth", "first")
// ends at k in lower, k having been moved back over its last two letters.
func ordinalBefore(lower string, k int) bool {
	end := min(k+2, len(lower))
	a := end
	for a > 0 && isASCIILetter(rune(lower[a-1])) {
		a--
	}
	return a < end && dayValue(lower[a:end]) > 0 && !isASCIIDigit(rune(lower[a:end][0]))
}

// ordinalAfter reports whether an ordinal word starts at k in lower.
func ordinalAfter(lower string, k int) bool {
	b := k
	for b < len(lower) && isASCIILetter(rune(lower[b])) {
		b++
	}
	return b > k && dayValue(lower[k:b]) > 0
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// appendByteStarts appends to out the offsets of w, of one byte or none,
// in s (none for the empty word).
func appendByteStarts(out []int, s, w string) []int {
	if w == "" {
		return out
	}
	for off := 0; ; off++ {
		i := strings.IndexByte(s[off:], w[0])
		if i < 0 {
			return out
		}
		off += i
		out = append(out, off)
	}
}

// maxScanned is the longest text wordStarts scans for the whole
// dictionary at once and keeps the scan of (cueScans): the scan of a
// segment a view reads a long narrative in (vault/view: 320 KiB and its
// context) holds an offset for each place a cue word may start; a longer
// text is searched for each list's words at each call.
const maxScanned = 336 << 10

// scanWordStarts is wordStarts for a text too long to scan (maxScanned),
// and the definition the scans are tested against: each word's
// rarest byte in the text is counted, and found, with the strings
// package.
func scanWordStarts(lower string, words []string) []int {
	var out []int
	var count [256]int32 // how often each byte occurs, plus one; 0: not counted yet
	for _, w := range words {
		j := -1
		for i := range len(w) {
			c := &count[w[i]]
			if *c == 0 {
				*c = int32(strings.Count(lower, w[i:i+1])) + 1
			}
			if j < 0 || *c < count[w[j]] {
				j = i
			}
			if *c == 1 {
				break
			}
		}
		if count[w[j]] == 1 {
			continue // a byte of w is not in lower
		}
		for off := j; off < len(lower); {
			i := strings.IndexByte(lower[off:], w[j])
			if i < 0 {
				break
			}
			if p := off + i - j; strings.HasPrefix(lower[p:], w) {
				out = append(out, p)
				off = p + len(w) + j
			} else {
				off += i + 1
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// isEmailLocal reports the characters of an email address's local part.
func isEmailLocal(r rune) bool {
	return isWordRune(r) || strings.ContainsRune("._%+-", r)
}

// emailWindow is a window where an e-mail address may start, with the
// index in speltAddresses of the language whose "@" word opened it, -1
// for "@" and "at" or "@" in brackets ({at}, [@]), or substituteAt for
// "#" or "$" in its place.
type emailWindow struct {
	window
	lang int
}

// substituteAt is the lang of a window opened at a substitute of "@".
const substituteAt = -2

// emailWindows opens a window at every "@", "at" in brackets, substitute
// of "@" (#, $) and spoken
// "@" word (" at ", " arroba ", ...; a plain one only with a spoken dot
// of its language after it): from the start of the local part before it
// to 300 bytes after it (a domain has at most 253). The windows are not
// merged: each starts where an address would.
func emailWindows(lower string) []emailWindow {
	var starts []emailWindow
	open := func(i, n, lang int) {
		a := i
		if a > 0 && lang < 0 && strings.IndexByte("[({<", lower[a-1]) >= 0 {
			a-- // [@]
		}
		if (n > 1 || lang == -1) && a > 0 && lower[a-1] == ' ' {
			a--
		}
		local := a
		for a > 0 {
			r, size := utf8.DecodeLastRuneInString(lower[:a])
			if !isEmailLocal(r) {
				break
			}
			a -= size
		}
		if a == local {
			return // no local part
		}
		starts = append(starts, emailWindow{window{a: a, b: min(len(lower), i+n+300)}, lang})
	}
	for off := 0; ; {
		i := strings.IndexByte(lower[off:], '@')
		if i < 0 {
			break
		}
		open(off+i, 1, -1)
		off += i + 1
	}
	for off := 0; ; {
		i := strings.IndexAny(lower[off:], "#$")
		if i < 0 {
			break
		}
		open(off+i, 1, substituteAt)
		off += i + 1
	}
	for _, at := range []string{"(at)", "[at]", "{at}", "<at>", "( at )", "[ at ]", "{ at }", "< at >"} {
		for off := 0; ; {
			i := strings.Index(lower[off:], at)
			if i < 0 {
				break
			}
			open(off+i, len(at), -1)
			off += i + len(at)
		}
	}
	for lang, l := range speltAddresses {
		for k, at := range speltAts[lang] {
			for _, i := range wordStarts(lower, speltAtCues[lang][k]) {
				// The local part ends before the space.
				// Or a handle before it and no spoken dot of any language
				// in the domain's 48 bytes after it (halyna.dor79 равлик
				// укр нет): handleAt.
				after := lower[i:min(len(lower), i+300)]
				if !l.plain || hasSpokenDot(after, speltDots[lang]) ||
					isHandle(lower[tokenBefore(lower, i):i]) && !hasSpokenDot(after[:min(len(after), 48)], everySpokenDot) {
					open(i+1, len(at)-1, lang)
				}
			}
		}
	}
	slices.SortFunc(starts, func(x, y emailWindow) int { return cmp.Compare(x.a, y.a) })
	return slices.CompactFunc(starts, func(x, y emailWindow) bool { return x.a == y.a })
}

// speltAtCues[lang][k] is the list of the one word speltAts[lang][k],
// whose windows emailWindows opens in turn, each word's in the order of
// the text.
var speltAtCues = func() (out [][]*cues) {
	for _, ats := range speltAts {
		var lists []*cues
		for _, at := range ats {
			lists = append(lists, newCues(at))
		}
		out = append(out, lists)
	}
	return out
}()

// tokenBefore returns the start of the run of non-space bytes that ends
// at lower[i], at most 64 bytes long.
func tokenBefore(lower string, i int) int {
	a := i
	for a > 0 && i-a < 64 && lower[a-1] != ' ' && lower[a-1] != '\n' {
		a--
	}
	return a
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			// Written into a Builder: one copy of s, where []byte(s) and
			// string(b) made two.
			var b strings.Builder
			b.Grow(len(s))
			from := 0 // s[from:k] is written as it is
			for k := i; k < len(s); k++ {
				if c := s[k]; 'A' <= c && c <= 'Z' {
					b.WriteString(s[from:k])
					b.WriteByte(c + 'a' - 'A')
					from = k + 1
				}
			}
			b.WriteString(s[from:])
			return b.String()
		}
	}
	return s
}
