package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names spaced out letter by letter ("K i m  E u n j u", "P.a.r.k") or
// split by markup ("<b>Kim</b> Eunju", "Eun<br>ju", "**Kim** Eunju",
// "Eun&shy;ju") are
// found in a collapsed copy of the text around them: the separators
// between single letters and the markup removed, two spaces or more
// between runs of single letters read as one. Only the regions around
// such runs and markup are copied, so the work stays linear.

// minSpaced is the fewest single letters in a row that are read as one
// word: two are initials (D. H. Jeon).
const minSpaced = 3

// spacedContext is how far a region reaches beyond its run or markup, to
// take the rest of a name with it ("Kim <b>Eunju</b>").
const spacedContext = 48

// maxTag is the longest markup tag removed (<span class="x">).
const maxTag = 40

// spacedOut adds to found (the mentions of text found as written) those
// found only in the collapsed regions of text, with evidence ev.
func (m *Matcher) spacedOut(text string, ev *evidence, found []Match) []Match {
	regions := collapsible(text)
	if len(regions) == 0 {
		return found
	}
	var extra []Match
	var cbuf []byte
	var offs []int32
	var runs [][2]int
	for _, r := range regions {
		cbuf, offs, runs = collapse(text, r[0], r[1], cbuf[:0], offs[:0], runs[:0])
		c := string(cbuf)
		mts := m.find(c, ev, nil)
		for _, mt := range mts {
			start := int(offs[mt.Start])
			end := int(offs[mt.End-1]) + 1
			for end < len(text) && !utf8.RuneStart(text[end]) {
				end++
			}
			if end-start == mt.End-mt.Start {
				continue // as written: found already, or not a name
			}
			mt.Start, mt.End = start, end
			extra = append(extra, mt)
		}
		// A registered family name spelt out is a name, even one that is
		// a word too (P.a.r.k), where no name was found with it; not one
		// that names a public figure alone (K i m).
		for _, run := range runs {
			w := c[run[0]:run[1]]
			if p, ok := m.surnames[strings.ToLower(w)]; ok && !publicSurnames[strings.ToLower(w)] && !unicode.IsLower(firstRune([]byte(w))) && !slices.ContainsFunc(mts, func(mt Match) bool { return mt.Start < run[1] && run[0] < mt.End }) {
				end := int(offs[run[1]-1]) + 1
				for end < len(text) && !utf8.RuneStart(text[end]) {
					end++
				}
				extra = append(extra, Match{Start: int(offs[run[0]]), End: end, PersonID: m.ids[p], Ambiguous: true})
			}
		}
	}
	if len(extra) == 0 {
		return found
	}
	// Overlapping mentions become one, ambiguous if of two persons.
	out := append(found, extra...)
	slices.SortFunc(out, func(a, b Match) int { return a.Start - b.Start })
	merged := out[:0]
	for _, mt := range out {
		if n := len(merged); n > 0 && mt.Start < merged[n-1].End {
			last := &merged[n-1]
			last.End = max(last.End, mt.End)
			if mt.PersonID != last.PersonID || mt.Value != last.Value {
				last.Ambiguous = true
			}
			continue
		}
		merged = append(merged, mt)
	}
	return merged
}

// collapsible returns the regions of text, merged and in order, around
// runs of single letters and around markup, each widened by
// spacedContext to white space.
func collapsible(text string) [][2]int {
	var out [][2]int
	// Regions are snapped outward to white space, at most spacedContext
	// bytes further, and then to a rune start; one that reaches the
	// region before extends it.
	add := func(a, b int) {
		a, b = max(0, a-spacedContext), min(len(text), b+spacedContext)
		if n := len(out); n > 0 && a <= out[n-1][1] {
			if b <= out[n-1][1] {
				return
			}
			a = out[n-1][0]
			out = out[:n-1]
		} else {
			for k := 0; a > 0 && k < spacedContext && !isSpaceByte(text[a-1]); k++ {
				a--
			}
			for a > 0 && !utf8.RuneStart(text[a]) {
				a--
			}
		}
		for k := 0; b < len(text) && k < spacedContext && !isSpaceByte(text[b]); k++ {
			b++
		}
		for b < len(text) && !utf8.RuneStart(text[b]) {
			b++
		}
		out = append(out, [2]int{a, b})
	}
	runStart, singles, last := -1, 0, -1
	// afterLetter: the rune before text[i] is a letter, so that no
	// syllables and no single letter start at i (syllableRun, single):
	// inside a word, which most runes are, neither is looked for.
	afterLetter := false
	for i := 0; i < len(text); {
		if c := text[i] | 0x20; afterLetter && 'a' <= c && c <= 'z' {
			i++ // an ASCII letter inside a word, as most bytes are
			continue
		}
		if afterLetter && hangulAt(text, i) {
			i += 3
			continue
		}
		if k := i + maxSyllable + 1; !afterLetter && k <= len(text) && asciiLetters(text[i:k]) {
			// A word of more ASCII letters than a syllable starts: neither
			// a name in syllables nor a single letter (syllableRun, single).
			i, afterLetter = i+1, true
			continue
		}
		if k := asciiWordEnd(text, i); !afterLetter && k-i >= 2 && (k == len(text) || text[k] < utf8.RuneSelf && text[k] != '-') {
			// A shorter word of two ASCII letters or more that ends at
			// ASCII other than a hyphen, as most do: one piece of
			// letters, no syllables (syllableRun), and a letter next to
			// its first (single).
			i, afterLetter = k, true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '<' || r == '&':
			if k := tagEnd(text, i); k > 0 {
				add(i, k)
				i, afterLetter = k, false // a tag ends in > or ;
				continue
			}
		case r == '*' || r == '_' || r == '~':
			if isLetterAt(text, i+size) || afterLetter {
				add(i, i+size)
			}
		case !afterLetter && r != ' ' && syllableRun(text, i) > 0:
			k := syllableRun(text, i)
			add(i, k)
			i = k
			r, _ = utf8.DecodeLastRuneInString(text[:i])
			afterLetter = isLetter(r)
			continue
		case !afterLetter && single(text, i, size):
			// A letter alone, one separator after the single before it.
			if last >= 0 && i-last <= 2 && spacedSep(text[last:i]) {
				singles++
			} else {
				runStart, singles = i, 1
			}
			last = i + size
			if singles == minSpaced {
				add(runStart, i+size)
			} else if singles > minSpaced {
				add(i, i+size)
			}
		}
		i += size
		afterLetter = isLetter(r)
	}
	return out
}

// tagEnd returns the end of a markup tag that starts text[i] ("<b>",
// "</b>", "<br/>", "<span class=x>") or of a character reference
// ("&shy;", "&nbsp;", "&#8203;"), or 0.
func tagEnd(text string, i int) int {
	if i+2 >= len(text) {
		return 0
	}
	if text[i] == '&' {
		for k := i + 1; k < len(text) && k-i <= 10; k++ {
			c := text[k]
			switch {
			case c == ';' && k > i+2:
				return k + 1
			case 'a' <= c|0x20 && c|0x20 <= 'z', '0' <= c && c <= '9', c == '#' && k == i+1:
			default:
				return 0
			}
		}
		return 0
	}
	if c := text[i+1]; !(c == '/' || 'a' <= c|0x20 && c|0x20 <= 'z') {
		return 0
	}
	for k := i + 1; k < len(text) && k-i < maxTag; k++ {
		switch text[k] {
		case '>':
			return k + 1
		case '<', '\n':
			return 0
		}
	}
	return 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[min(i, len(text)):])
	return isLetter(r)
}

// single reports whether the rune of size bytes at text[i] is a letter
// with no letter, digit or mark touching it.
func single(text string, i, size int) bool {
	if k := i + size; k < len(text) && asciiLetters(text[k:k+1]) {
		return false // the next letter touches it, as in most words
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if !isLetter(r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(text[:i])
	n, _ := utf8.DecodeRuneInString(text[i+size:])
	touch := func(r rune) bool { return isLetter(r) || unicode.IsDigit(r) || isMark(r) }
	return !touch(p) && !touch(n)
}

// asciiWordEnd returns the end of the run of ASCII letters at text[i:].
func asciiWordEnd(text string, i int) int {
	for i < len(text) {
		if c := text[i] | 0x20; c < 'a' || c > 'z' {
			break
		}
		i++
	}
	return i
}

// asciiLetters reports whether s is ASCII letters only.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// maxSyllable is the most letters of a piece of a name spelt in
// syllables (О-ле-ся, Ol-e-sya), maxSyllables the most pieces: a longer
// run is no name, and is read at each of its words' starts only so far.
const maxSyllable, maxSyllables = 3, 8

// syllableRun returns the end of the name spelt in syllables that starts
// at text[i]: three to maxSyllables pieces of one to maxSyllable letters, joined
// by single hyphens, with no letter before or after; 0 if none starts
// there. Two pieces are a romanised Korean given name's own spelling
// (Mi-na), and single letters alone are spaced out (K-i-m, collapse).
func syllableRun(text string, i int) int {
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); isLetter(r) {
		return 0
	}
	if k := i + maxSyllable + 1; k <= len(text) && asciiLetters(text[i:k]) {
		return 0 // a first piece too long, as most words start
	}
	pieces, longest := 0, 0
	for {
		n := 0
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isLetter(r) && !isMark(r) {
				break
			}
			if !isMark(r) {
				if n++; n > maxSyllable {
					return 0
				}
			}
			i += size
		}
		if n == 0 {
			return 0
		}
		if pieces, longest = pieces+1, max(longest, n); pieces > maxSyllables {
			return 0
		}
		if i+1 >= len(text) || text[i] != '-' || !isLetterAt(text, i+1) {
			break
		}
		i++
	}
	if pieces < 3 || longest < 2 {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsDigit(r) || r == '-' {
		return 0
	}
	return i
}

// spacedSep reports whether sep, between two single letters, spaces
// them out: one space, full stop, hyphen, middle dot, slash or line break.
func spacedSep(sep string) bool {
	switch sep {
	case " ", ".", "-", "·", "/", ". ", "\n", "\r\n":
		return true
	}
	return false
}

// collapse appends to cbuf the region text[a:b] without its markup and
// without the separators inside runs of single letters, to offs the
// offset in text of each byte appended, and to runs the spans in cbuf of
// the runs of at least minSpaced single letters.
func collapse(text string, a, b int, cbuf []byte, offs []int32, runs [][2]int) ([]byte, []int32, [][2]int) {
	put := func(i, n int) {
		for k := range n {
			cbuf = append(cbuf, text[i+k])
			offs = append(offs, int32(i+k))
		}
	}
	prevSingle := -1 // end of the single letter before, if the last thing copied
	runStart, runEnd, singles := 0, 0, 0
	endRun := func() {
		if singles >= minSpaced {
			runs = append(runs, [2]int{runStart, runEnd})
		}
		singles = 0
	}
	for i := a; i < b; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '<' || r == '&':
			if k := tagEnd(text, i); k > 0 && k <= b {
				i = k
				continue
			}
		case r == '*' || r == '_' || r == '~':
			i += size
			continue
		case prevSingle < 0 && syllableRun(text, i) > 0:
			// A name spelt in syllables: its pieces joined.
			for k := syllableRun(text, i); i < k; {
				r, size := utf8.DecodeRuneInString(text[i:])
				if r != '-' {
					put(i, size)
				}
				i += size
			}
			continue
		case single(text, i, size):
			joined := false
			if prevSingle >= 0 {
				if sep := text[prevSingle:i]; spacedSep(sep) {
					// Drop the separator copied after the letter before.
					cbuf, offs = cbuf[:len(cbuf)-len(sep)], offs[:len(offs)-len(sep)]
					joined = true
				} else if strings.TrimLeft(sep, " ") == "" && len(sep) > 1 {
					// Two spaces between runs: one.
					cbuf, offs = cbuf[:len(cbuf)-len(sep)+1], offs[:len(offs)-len(sep)+1]
				}
			}
			if !joined {
				endRun()
				runStart = len(cbuf)
			}
			singles++
			put(i, size)
			runEnd = len(cbuf)
			i += size
			prevSingle = i
			continue
		}
		put(i, size)
		i += size
		if i-prevSingle > 2 {
			prevSingle = -1
			endRun()
		}
	}
	endRun()
	return cbuf, offs, runs
}
