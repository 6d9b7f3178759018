package redact

import (
	"cmp"
	"regexp"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// window is a byte range [a, b) of the normalised text that may hold a
// match of some recogniser. Recognisers run their patterns only inside the
// windows their trigger characters or words open (digits, "@", ":", month
// names, ...), which keeps Recognise fast on long narratives: Go's regexp
// costs tens of nanoseconds per byte and pattern.
type window struct {
	a, b int
	// numericWindows only: the number of ASCII digits inside, the
	// longest run of them, how many runs are joined to the next by a dot
	// (dots) or by a dot, slash or dash (joins), and whether a run starts
	// with 0.
	digits, maxRun, dots, joins int
	zeroRun                     bool
}

// windowSet collects windows; merged returns them sorted, snapped outward
// to rune starts, clamped to s, with overlapping or touching ones merged.
type windowSet struct {
	s  string
	ws []window
}

// add adds the window [a, b); one that overlaps or touches the window
// added last merges with it, so windows added in ascending order (as the
// scans add them) cost memory only where they are apart.
func (w *windowSet) add(a, b int) {
	if n := len(w.ws); n > 0 && a >= w.ws[n-1].a && a <= w.ws[n-1].b {
		w.ws[n-1].b = max(w.ws[n-1].b, b)
		return
	}
	w.ws = append(w.ws, window{a: a, b: b})
}

func (w *windowSet) merged() []window {
	s := w.s
	for i := range w.ws {
		a, b := max(w.ws[i].a, 0), min(w.ws[i].b, len(s))
		for a > 0 && a < len(s) && !utf8.RuneStart(s[a]) {
			a--
		}
		for b < len(s) && !utf8.RuneStart(s[b]) {
			b++
		}
		w.ws[i] = window{a: a, b: b}
	}
	slices.SortFunc(w.ws, func(x, y window) int { return cmp.Compare(x.a, y.a) })
	out := w.ws[:0]
	for _, x := range w.ws {
		if x.a >= x.b {
			continue
		}
		if n := len(out); n > 0 && x.a <= out[n-1].b {
			out[n-1].b = max(out[n-1].b, x.b)
			continue
		}
		out = append(out, x)
	}
	return out
}

// patterns holds every pattern lazyRegexp made, for TestPatternsCompile.
var patterns []func() *regexp.Regexp

// lazyRegexp returns a function that compiles expr at its first call, as
// regexp.MustCompile, and returns that *regexp.Regexp at every call. The
// package's patterns are compiled at first use, not at start: compiled at
// start they cost every process that links the package, every tvault
// command down to tvault version, 9 ms of CPU (30 ms under the race
// detector), half of what a tvault version takes. TestPatternsCompile
// compiles each.
func lazyRegexp(expr string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	patterns = append(patterns, re)
	return re
}

// scan calls fn with the submatch indices (offsets in s) of each leftmost
// match of re inside each window of ws. When fn returns false (the match
// is not accepted), the search resumes one rune after the start of the
// rejected match, so a valid match that overlaps a rejected one is still
// found; otherwise it resumes at the end of the match. Every pattern whose
// matches may be rejected has a bounded length, so the work stays linear
// in the size of the windows.
func scan(re *regexp.Regexp, s string, ws []window, fn func(m []int) bool) {
	scanTo(re, s, ws, func(m []int) int {
		if fn(m) {
			return m[1]
		}
		return -1
	})
}

// scanTo is scan where fn returns the offset to resume the search at
// (which may lie beyond the window), or -1 to reject the match.
//
// The pattern runs on at most scanChunk+maxMatch bytes at a time and only
// a match that starts in the first scanChunk is taken: Go's regexp falls
// back from its backtracker to a slower machine on long inputs, and a
// window of adversarial text (a digit every other byte) may be the whole
// text. No pattern run by scan matches more than maxMatch bytes, so the
// matches are those of a search over the whole window.
func scanTo(re *regexp.Regexp, s string, ws []window, fn func(m []int) int) {
	const scanChunk, maxMatch = 256, 256
	pos := 0
	for _, w := range ws {
		for off := max(w.a, pos); off < w.b; {
			limit := min(w.b, off+scanChunk+maxMatch)
			m := re.FindStringSubmatchIndex(s[off:limit])
			if m == nil || (m[0]+off >= off+scanChunk && limit < w.b) {
				if limit == w.b {
					break
				}
				off += scanChunk
				for off < len(s) && !utf8.RuneStart(s[off]) {
					off++
				}
				continue
			}
			for i := range m {
				if m[i] >= 0 {
					m[i] += off
				}
			}
			if next := fn(m); next >= 0 && next > m[0] {
				off, pos = next, next
				continue
			}
			_, size := utf8.DecodeRuneInString(s[m[0]:])
			off = m[0] + max(size, 1)
		}
	}
}

// matchAt tries the anchored pattern re at each of starts (ascending) on
// at most maxLen bytes, and calls fn with the submatch indices (offsets in
// s) of each match; a start inside a match fn accepted is skipped.
func matchAt(re *regexp.Regexp, s string, starts []int, maxLen int, fn func(m []int) bool) {
	last := 0
	for _, a := range starts {
		if a < last {
			continue
		}
		m := re.FindStringSubmatchIndex(s[a:min(len(s), a+maxLen)])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += a
			}
		}
		if fn(m) {
			last = m[1]
		}
	}
}

// filter returns the windows of ws for which keep, given the window and
// its text, is true.
func filter(s string, ws []window, keep func(w window, t string) bool) []window {
	var out []window
	for _, w := range ws {
		if keep(w, s[w.a:w.b]) {
			out = append(out, w)
		}
	}
	return out
}

func prevRune(s string, i int) rune {
	if i <= 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// prevRune2 returns the rune before the rune before i.
func prevRune2(s string, i int) rune {
	if i <= 0 {
		return -1
	}
	_, size := utf8.DecodeLastRuneInString(s[:i])
	return prevRune(s, i-size)
}

// nextRune2 returns the rune after the rune at i.
func nextRune2(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return nextRune(s, i+size)
}

func isASCIILetter(r rune) bool { return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') }
func isASCIIDigit(r rune) bool  { return '0' <= r && r <= '9' }

// isNumJoiner reports the characters that join a number to a longer
// number or code when a digit follows them.
func isNumJoiner(r rune) bool { return r == '.' || r == '/' || isDash(r) }

// numLeftOK reports whether a number may start at i: the rune before is no
// digit (any script) or ASCII letter, and no dot, slash or dash directly
// after a digit.
func numLeftOK(s string, i int) bool {
	r := prevRune(s, i)
	if r < 0 {
		return true
	}
	if unicode.IsDigit(r) || isASCIILetter(r) {
		return false
	}
	if isNumJoiner(r) && unicode.IsDigit(prevRune2(s, i)) {
		return false
	}
	return true
}

// numRightOK is numLeftOK for the end of a number at j.
func numRightOK(s string, j int) bool {
	r := nextRune(s, j)
	if r < 0 {
		return true
	}
	if unicode.IsDigit(r) || isASCIILetter(r) {
		return false
	}
	if isNumJoiner(r) && unicode.IsDigit(nextRune2(s, j)) {
		return false
	}
	return true
}

// wordLeftOK and wordRightOK check that a match starting (ending) with an
// ASCII letter is not glued to other ASCII letters or digits.
func wordLeftOK(s string, i int) bool {
	r := prevRune(s, i)
	return !(isASCIILetter(r) || isASCIIDigit(r) || r == '_')
}

func wordRightOK(s string, j int) bool {
	r := nextRune(s, j)
	return !(isASCIILetter(r) || isASCIIDigit(r) || r == '_')
}

// atoi parses a short ASCII digit string; it returns -1 when s is empty,
// too long or holds anything else.
func atoi(s string) int {
	if s == "" || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// sub returns submatch k of m in s, or "" when it did not participate.
func sub(s string, m []int, k int) string {
	if 2*k+1 >= len(m) || m[2*k] < 0 {
		return ""
	}
	return s[m[2*k]:m[2*k+1]]
}
