package redact

import (
	"regexp"
	"strings"
)

const (
	monthPat   = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	weekdayPat = `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s{1,3})?`
	ordinalPat = `(?:st|nd|rd|th)?`
	// ordWordPat is a day written as an ordinal word ("fourteenth",
	// "twenty-first").
	ordWordPat = `(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)`
	// yearPat is a year of four digits or, in textual dates, two after an
	// apostrophe ('88).
	yearPat = `(\d{4}|['’]\d{2})`
)

var (
	// Textual forms run on the ASCII-lower-cased text.
	// 2 February 1980, the 2nd of February, 1980, Monday, 2 Feb. 1980,
	// 2-3 February 1980, 14th Feb '88, the fourteenth of February 1988;
	// 02-Feb-1980, 14-Feb-88
	dmyRe = regexp.MustCompile(dmyPat(`\d{1,2}`))
	// February 2, 1980, Feb. 2nd 1980, Monday, February the 2nd, 1980,
	// February the fourteenth, '88
	mdyRe = regexp.MustCompile(mdyPat(`\d{1,2}`))
	// The same with the day as an ordinal word, run only where one is:
	// the alternation of words makes the pattern several times slower.
	dmyWordRe = regexp.MustCompile(dmyPat(`\d{1,2}|` + ordWordPat))
	mdyWordRe = regexp.MustCompile(mdyPat(`\d{1,2}|` + ordWordPat))
	// 1980-02-02, 1980/02/02, 1980.2.2
	isoRe = regexp.MustCompile(`(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})`)
	// 1980. 2. 2.
	koDotRe = regexp.MustCompile(`(\d{4})\.[ ](\d{1,2})\.[ ](\d{1,2})\.?`)
	// 02/02/1980, 2.2.1980, 2-2-1980
	numDateRe = regexp.MustCompile(`(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4})`)
	// 2/2/80
	shortDateRe = regexp.MustCompile(`(\d{1,2})/(\d{1,2})/(\d{2})`)
	// 1980년 2월 2일, 80년 2월 2일
	koDateRe = regexp.MustCompile(`(\d{4}|\d{2})[ ]?년[ ]?(\d{1,2})[ ]?월[ ]?(\d{1,2})[ ]?일`)
	// 1980年2月2日
	cjkDateRe = regexp.MustCompile(`(\d{4}|\d{2})[ ]?年[ ]?(\d{1,2})[ ]?月[ ]?(\d{1,2})[ ]?[日号]`)
)

// dmyPat and mdyPat are the textual date patterns with day as the pattern
// of a day. Groups: dmy 1 day, 2 and 4 month, 3 and 5 year; mdy 1 month,
// 2 day, 3 year.
func dmyPat(day string) string {
	return weekdayPat + `(?:the\s{1,3})?(?:\d{1,2}` + ordinalPat + `\s?[-–]\s?)?(` + day + `)` + ordinalPat +
		`(?:\s{1,3}(?:of\s{1,3})?` + monthPat + `\.?,?\s{1,3}` + yearPat + `|[-/.]` + monthPat + `[-/.](\d{4}|\d{2}))`
}

func mdyPat(day string) string {
	return weekdayPat + monthPat + `\.?\s{1,3}(?:the\s{1,3})?(` + day + `)` + ordinalPat + `,?\s{1,3}` + yearPat
}

var monthAbbr = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateLeftOK and dateRightOK are numLeftOK and numRightOK that let a dash
// touch the date, as in a range ("02/02/1980-03/03/1981").
func dateLeftOK(s string, i int) bool {
	return numLeftOK(s, i) || isDash(prevRune(s, i))
}

func dateRightOK(s string, j int) bool {
	return numRightOK(s, j) || isDash(nextRune(s, j))
}

func validDay(d int) bool { return d >= 1 && d <= 31 }

var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30,
}

// dayValue returns the day a day group holds: digits or an ordinal word
// ("fourteenth", "twenty-first", "twenty first"); -1 if neither.
func dayValue(s string) int {
	if n := atoi(s); n >= 0 {
		return n
	}
	tens := 0
	for _, t := range []struct {
		prefix string
		n      int
	}{{"twenty", 20}, {"thirty", 30}} {
		if rest, ok := strings.CutPrefix(s, t.prefix); ok && rest != "" && rest != "th" {
			tens, s = t.n, strings.TrimLeft(rest, "- ")
		}
	}
	if n, ok := ordinalWords[s]; ok && (tens == 0 || n < 10) {
		return tens + n
	}
	return -1
}
func validMonth(m int) bool { return m >= 1 && m <= 12 }

func findDates(c *collector) {
	s := c.s
	dmyWins, mdyWins, dmyWordWins, mdyWordWins := monthWindows(c.lower)
	// Textual forms: the first character is a letter or digit, the last
	// the year's last digit.
	textual := func(re *regexp.Regexp, ws []window, dayGroup int, monthGroups, yearGroups []int) {
		lower := c.lower
		scan(re, lower, ws, func(m []int) bool {
			if !wordLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
				return false
			}
			var mon string
			for _, g := range monthGroups {
				if mon == "" {
					mon = sub(lower, m, g)
				}
			}
			if len(mon) < 3 || monthAbbr[mon[:3]] == 0 || !validDay(dayValue(sub(lower, m, dayGroup))) {
				return false
			}
			var year string
			for _, g := range yearGroups {
				if year == "" {
					year = sub(s, m, g)
				}
			}
			c.add(m[0], m[1], KindDate, year)
			return true
		})
	}
	textual(dmyRe, dmyWins, 1, []int{2, 4}, []int{3, 5})
	textual(mdyRe, mdyWins, 2, []int{1}, []int{3})
	textual(dmyWordRe, dmyWordWins, 1, []int{2, 4}, []int{3, 5})
	textual(mdyWordRe, mdyWordWins, 2, []int{1}, []int{3})

	scan(isoRe, s, c.need(req{digits: 6, run: 4, joins: 2}), func(m []int) bool {
		if sub(s, m, 2) != sub(s, m, 4) || !validMonth(atoi(sub(s, m, 3))) || !validDay(atoi(sub(s, m, 5))) {
			return false
		}
		if !dateLeftOK(s, m[0]) {
			return false
		}
		// "1980-02-02T10:00" is a date followed by a time.
		if !dateRightOK(s, m[1]) && !(nextRune(s, m[1]) == 'T' && isASCIIDigit(nextRune2(s, m[1]))) {
			return false
		}
		c.add(m[0], m[1], KindDate, sub(s, m, 1))
		return true
	})
	scan(koDotRe, s, c.need(req{digits: 6, run: 4, sub: ". "}), func(m []int) bool {
		if !validMonth(atoi(sub(s, m, 2))) || !validDay(atoi(sub(s, m, 3))) ||
			!dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindDate, sub(s, m, 1))
		return true
	})
	scan(numDateRe, s, c.need(req{digits: 6, run: 4, joins: 2}), func(m []int) bool {
		a, b := atoi(sub(s, m, 1)), atoi(sub(s, m, 3))
		if sub(s, m, 2) != sub(s, m, 4) {
			return false
		}
		if !(validDay(a) && validMonth(b)) && !(validMonth(a) && validDay(b)) {
			return false
		}
		if !dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindDate, sub(s, m, 5))
		return true
	})
	scan(shortDateRe, s, c.need(req{digits: 4, joins: 2, any: "/"}), func(m []int) bool {
		a, b := atoi(sub(s, m, 1)), atoi(sub(s, m, 2))
		if !(validDay(a) && validMonth(b)) && !(validMonth(a) && validDay(b)) {
			return false
		}
		if !dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindDate, sub(s, m, 3))
		return true
	})
	cjk := func(re *regexp.Regexp, unit string) {
		scan(re, s, c.need(req{digits: 4, sub: unit}), func(m []int) bool {
			if !validMonth(atoi(sub(s, m, 2))) || !validDay(atoi(sub(s, m, 3))) || !dateLeftOK(s, m[0]) {
				return false
			}
			c.add(m[0], m[1], KindDate, sub(s, m, 1)+unit)
			return true
		})
	}
	cjk(koDateRe, "년")
	cjk(cjkDateRe, "年")
}
