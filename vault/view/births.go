package view

import (
	"strconv"
	"strings"

	"github.com/tvault/tvault/vault/redact"
)

// A view that generalises birth years gives none exactly in free text
// either. Where text gives a birth date or year, or a date in a
// registered birth year, the view writes the five-year band instead:
//
//   - a date the redact package replaced by its year, after or before a
//     birth word ("born on April 15, 1979", "DOB 79.04.15", "1979년
//     4월 15일생"), or whose year is a registered birth year: the band,
//     "born on 1975-1979", never "born on 1979";
//   - a year alone given as a birth year ("born in 1968", "born in '79",
//     "79년생", "1968년에 태어났다"): its band;
//   - an age in a given year ("aged 56 in 2024", "turned 45 in 2024",
//     "56 years old in 2024"),
//     which gives the birth year: the age's band ("aged 55-59 in 2024").
//
// A year of two digits is of the 1900s above 30 and of the 2000s up to
// it ('79 is 1979, '05 2005).

// banded rewrites the dates among spans that are birth dates, and adds
// the spans of birth years and ages in s.
func (r *state) banded(s string, spans []redact.Span) []redact.Span {
	for i, sp := range spans {
		if sp.Kind != redact.KindDate {
			continue
		}
		y := strings.TrimRight(sp.Replacement, "년年")
		band := r.bandOf(y)
		if band == "" && bornNear(s, sp.Start, sp.End) {
			band = yearBand(y)
		}
		if band != "" {
			spans[i].Replacement = band + sp.Replacement[len(y):]
		}
	}
	return redact.Resolve(s, spans, birthSpans(s), ageSpans(s))
}

// bandOf returns the band of a year a date was replaced by ("1988",
// "'88", "88") if it is a registered birth year, or "".
func (r *state) bandOf(y string) string {
	if band := r.births[y]; band != "" {
		return band
	}
	y = strings.TrimLeft(y, "'’")
	if len(y) != 2 {
		return ""
	}
	for year, band := range r.births {
		if strings.HasSuffix(year, y) {
			return band
		}
	}
	return ""
}

// yearBand returns the band of a year written with four digits or two
// (after an optional apostrophe), or "".
func yearBand(y string) string {
	y = strings.TrimLeft(y, "'’")
	n, err := strconv.Atoi(y)
	switch {
	case err != nil:
		return ""
	case len(y) == 2 && n > 30:
		n += 1900
	case len(y) == 2:
		n += 2000
	case len(y) != 4 || n < 1900 || n > 2099:
		return ""
	}
	return Band(n)
}

// bornWords are what makes a year next to them a birth year: before it in
// English and Chinese, after it in Korean.
var (
	bornBefore = []string{"born", "birth", "b.", "dob", "d.o.b", "생년월일", "생일", "出生", "生于", "生於", "태어난 해는", "출생 연도는", "출생연도는"}
	bornAfter  = []string{"년생", "년에 태어", "년 태어", "년에 출생", "년 출생", "年生", "年出生"}
)

// bornNear reports whether s[start:end] is a birth year or date: a birth
// word within 24 bytes before it, or one right after it.
func bornNear(s string, start, end int) bool {
	before := strings.ToLower(s[max(0, start-24):start])
	for _, w := range bornBefore {
		if strings.Contains(before, w) {
			return true
		}
	}
	after := s[end:min(len(s), end+16)]
	for _, w := range bornAfter {
		if strings.HasPrefix(after, w) || strings.HasPrefix(after, strings.TrimPrefix(w, "년")) {
			return true
		}
	}
	return false
}

// birthSpans returns a span for every year s gives as a birth year
// ("born in 1974", "born in '79", "1974년생", "79년생"): its band.
func birthSpans(s string) []redact.Span {
	var out []redact.Span
	forDigitRuns(s, func(a, b int) {
		if b-a == 2 {
			for _, q := range []string{"'", "’"} {
				if strings.HasSuffix(s[:a], q) {
					a -= len(q)
					break
				}
			}
		}
		if band := yearBand(s[a:b]); band != "" && (b-a != 2 || strings.HasPrefix(s[b:], "년")) && bornNear(s, a, b) {
			out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: band})
		}
	})
	return out
}

// ageSpans returns a span for every age given with a year ("aged 56 in
// 2024", "56 years old in 2024"): the age's band.
func ageSpans(s string) []redact.Span {
	var out []redact.Span
	forDigitRuns(s, func(a, b int) {
		if b-a > 3 {
			return
		}
		before := strings.ToLower(s[max(0, a-8):a])
		rest := strings.ToLower(s[b:min(len(s), b+24)])
		aged := strings.HasSuffix(before, "aged ") || strings.HasSuffix(before, "age ") || strings.HasSuffix(before, "turned ")
		if !aged {
			var ok bool
			if rest, ok = strings.CutPrefix(rest, " years old"); !ok {
				return
			}
		}
		rest = strings.TrimPrefix(rest, ",")
		for _, p := range []string{" in ", " by "} {
			if y, ok := strings.CutPrefix(rest, p); ok && len(y) >= 4 && yearBand(y[:4]) != "" && (len(y) == 4 || !isDigitByte(y[4])) {
				n, _ := strconv.Atoi(s[a:b])
				lo := n - n%5
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: strconv.Itoa(lo) + "-" + strconv.Itoa(lo+4)})
				return
			}
		}
	})
	return out
}

// forDigitRuns calls fn with the bounds of every maximal run of ASCII
// digits in s.
func forDigitRuns(s string, fn func(a, b int)) {
	for i := 0; i < len(s); {
		if !isDigitByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		fn(i, j)
		i = j
	}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
