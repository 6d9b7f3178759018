package view

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/redact"
)

// jucheDateRe is a day of the Juche calendar, its year first: "Juche 65,
// May 21", "Juche 65 May 21st", "주체65년 5월 21일". Its year is group 1
// or 2.
var jucheDateRe = regexp.MustCompile(`(?i)\bjuche ?(\d{1,3}),? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b|주체 ?(\d{1,3})년 ?\d{1,2}월 ?\d{1,2}일`)

// jucheDateSpans returns a span for every day of the Juche calendar with
// its year (jucheDateRe): a whole date, as one of the Gregorian calendar
// is, for the band of its year.
func jucheDateSpans(s string) []redact.Span {
	if !strings.Contains(s, "주체") && !containsFold(s, "juche") {
		return nil
	}
	var out []redact.Span
	for _, m := range jucheDateRe.FindAllStringSubmatchIndex(s, -1) {
		k := 2 // the group of the year that matched
		if m[k] < 0 {
			k = 4
		}
		y := s[m[k]:m[k+1]]
		if n, _ := strconv.Atoi(y); n > 0 && n < 200 {
			out = append(out, redact.Span{Start: m[0], End: m[1], Kind: redact.KindDate, Replacement: Band(n + jucheOffset)})
		}
	}
	return out
}

// zodiacYearRe is a Chinese zodiac animal with a year after it in its
// clause, which together give the year: "I'm a dragon, '88", "a pig
// born in 1971". The animal is group 1, the year group 2.
var zodiacYearRe = regexp.MustCompile(`(?i)\b(?:an?|the) (rat|ox|tiger|rabbit|dragon|snake|horse|goat|sheep|monkey|rooster|dog|pig|boar)\b,? (?:born )?(?:in )?('\d{2}|’\d{2}|(?:19|20)\d{2})\b`)

// zodiacYearReach bounds how far before its year's digits a match of
// zodiacYearRe starts: "the " 4 bytes, the longest animal 8 (an s or k
// may be the long s or the Kelvin sign under (?i)), ", " 2, "born " 5,
// "in " 3 and the year's ’ 3 make 25.
const zodiacYearReach = 32

// zodiacYearSpans returns, for every animal with a year (zodiacYearRe),
// a span of the animal ([DATE]) and one of the year (its band).
//
// The expression has no literal to start from, so it is run only in the
// windows where it can match: up to zodiacYearReach bytes before a run
// of ASCII digits that can be its year, to the end of their word.
// A window starts on a rune and ends beside bytes that are not ASCII word
// bytes (or at the text's ends), so \b reads there as in the whole text, and
// windows that overlap are merged: the matches are the whole text's.
func zodiacYearSpans(s string) []redact.Span {
	var out []redact.Span
	lo, hi := -1, -1 // the open window
	flush := func() {
		for _, m := range zodiacYearRe.FindAllStringSubmatchIndex(s[lo:hi], -1) {
			if band := yearBand(s[lo+m[4] : lo+m[5]]); band != "" {
				out = append(out, redact.Span{Start: lo + m[2], End: lo + m[3], Kind: redact.KindDate, Replacement: "[DATE]"},
					redact.Span{Start: lo + m[4], End: lo + m[5], Kind: redact.KindDate, Replacement: band})
			}
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if noDigitIn8(s, i) {
			i += 7
			continue
		}
		if !isDigitByte(s[i]) || !isDigitByte(s[i+1]) {
			continue
		}
		j := i + 2
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		// A year of the expression is a whole run of digits: two after an
		// apostrophe, or four from 19 or 20. A phone number's or a
		// handle's digits open no window.
		if !(j-i == 2 && (strings.HasSuffix(s[:i], "'") || strings.HasSuffix(s[:i], "’")) || j-i == 4 && (s[i:i+2] == "19" || s[i:i+2] == "20")) {
			i = j - 1
			continue
		}
		a := max(0, i-zodiacYearReach)
		for a > 0 && (reWordByte(s[a-1]) || !utf8.RuneStart(s[a])) {
			a--
		}
		b := i + 2
		for b < len(s) && reWordByte(s[b]) {
			b++
		}
		if a > hi {
			if lo >= 0 {
				flush()
			}
			lo = a
		}
		hi = b
		i = b - 1
	}
	if lo >= 0 {
		flush()
	}
	return out
}

// reWordByte reports whether c is an ASCII word byte as \w and \b of
// package regexp read them.
func reWordByte(c byte) bool { return c == '_' || isWordByte(c) }

// lunarBirthSpans returns a span for every Korean day and month given
// with its calendar (음력 오월 초팔일, 양력 3월 14일) in a clause that says
// it is a birth (태어, 출생) without 생일, which koBirthdaySpans reads.
func lunarBirthSpans(s string) []redact.Span {
	var out []redact.Span
	for _, cal := range []string{"음력", "양력"} {
		occurrences(s, cal, func(at int) {
			m := koDayMonthRe.FindStringIndex(s[at:min(len(s), at+64)])
			if m == nil || m[0] != 0 {
				return
			}
			if a, b := clause(s, at, at+m[1]); strings.Contains(s[a:b], "태어") || strings.Contains(s[a:b], "출생") {
				out = append(out, redact.Span{Start: at, End: at + m[1], Kind: redact.KindDate, Replacement: "[DATE]"})
			}
		})
	}
	return out
}

// cohortSpans returns a span for every date of six digits, year first
// (yymmdd), that is a valid date and is followed by a word of birth
// ("791103 cohort", "791103 born"): the band of its year.
func cohortSpans(s string) []redact.Span {
	var out []redact.Span
	forDigitRuns(s, func(a, b int) {
		if b-a != 6 || a > 0 && isWordByte(s[a-1]) {
			return
		}
		rest := strings.ToLower(s[b:min(len(s), b+8)])
		for _, w := range []string{" cohort", " born", "-born", " birth"} {
			if strings.HasPrefix(rest, w) {
				if y := compactDate(s[a:b]); y != 0 {
					out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: Band(y)})
				}
				return
			}
		}
	})
	return out
}

// containsFold reports whether s holds word, ASCII lower case, in any
// ASCII case.
func containsFold(s, word string) bool {
	// A place can start word only at a byte b with b|0x20 == word[0]:
	// none if word[0] lacks 0x20, else word[0] and word[0]&^0x20, each
	// found by a search of its own.
	if word[0]&0x20 == 0 {
		return false
	}
	for _, c := range [2]byte{word[0], word[0] &^ 0x20} {
		for off := 0; ; {
			k := strings.IndexByte(s[off:], c)
			if k < 0 {
				break
			}
			i := off + k
			if i+len(word) <= len(s) && strings.EqualFold(s[i:i+len(word)], word) {
				return true
			}
			off = i + 1
		}
	}
	return false
}
