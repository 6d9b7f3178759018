package redact

import (
	"regexp"
	"strconv"
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
	dmyRe = lazyRegexp(dmyPat(`\d{1,2}`))
	// February 2, 1980, Feb. 2nd 1980, Monday, February the 2nd, 1980,
	// February the fourteenth, '88
	mdyRe = lazyRegexp(mdyPat(`\d{1,2}`))
	// The same with the day as an ordinal word, run only where one is:
	// the alternation of words makes the pattern several times slower.
	dmyWordRe = lazyRegexp(wordYears(dmyPat(`\d{1,2}|` + ordWordPat)))
	mdyWordRe = lazyRegexp(wordYears(mdyPat(`\d{1,2}|` + ordWordPat)))
	// 1980-02-02, 1980/02/02, 1980.2.2
	isoRe = lazyRegexp(`(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})`)
	// 1980. 2. 2.
	koDotRe = lazyRegexp(`(\d{4})\.[ ](\d{1,2})\.[ ](\d{1,2})\.?`)
	// 02/02/1980, 2.2.1980, 2-2-1980
	numDateRe = lazyRegexp(`(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4})`)
	// 2/2/80
	shortDateRe = lazyRegexp(`(\d{1,2})/(\d{1,2})/(\d{2})`)
	// 1980년 2월 2일, 80년 2월 2일
	koDateRe = lazyRegexp(`(\d{4}|\d{2})[ ]?년[ ]?(\d{1,2})[ ]?월[ ]?(\d{1,2})[ ]?일`)
	// 76년 5월생: a birth month with its year
	koBirthMonthRe = lazyRegexp(`(\d{4}|\d{2})[ ]?년[ ]?(\d{1,2})[ ]?월[ ]?생`)
	// Russian and Spanish dates, anchored at the month, the day before it
	// read by foreignDay: 14 марта 1982 года, 14 de marzo de 1982.
	ruMonthRe   = lazyRegexp(`^(?:` + strings.Join(ruMonths, "|") + `)\s{1,3}(\d{4})(?:\s{1,3}(?:года|г\.))?`)
	plukMonthRe = lazyRegexp(`^(?:` + strings.Join(plukMonths, "|") + `)\s{1,3}(\d{4})(?:\s{1,3}(?:року|р\.|roku|r\.))?`)
	esMonthRe   = lazyRegexp(`^(?:` + strings.Join(esMonths, "|") + `)(?:,?\s{1,3}(?:de|del)\s{1,3}|,\s{1,3})(\d{4})`)
	// 1980年2月2日
	// viDateRe: the Vietnamese day, month and year (9 tháng 3 năm 1994,
	// after ngày "day", which findDates takes with it), on the text
	// with ASCII letters lower-cased.
	viDateRe  = lazyRegexp(`(\d{1,2})\s{1,2}tháng\s{1,2}(\d{1,2}),?\s{1,2}năm\s{1,2}(\d{4})`)
	cjkDateRe = lazyRegexp(`(\d{4}|\d{2})[ ]?年[ ]?(\d{1,2})[ ]?月[ ]?(\d{1,2})[ ]?[日号]`)
	// 68.03.02, 79/04/15, 02.03.68: three groups of two digits
	yyDateRe = lazyRegexp(`(\d{2})([/.])(\d{2})([/.])(\d{2})`)
	// the first half of a resident registration number after its name:
	// 주민번호 앞자리 790415, RRN 790415-
	rrnHalfRe = lazyRegexp(`^(?:주민(?:등록)?번호|rrn|앞자리|생년월일)(?:\s{0,2}(?:앞자리|앞\s?6자리|first half|is|was|:|는|은))*\s{0,2}(\d{2})(\d{2})(\d{2})-?`)
)

// versionBefore reports a version word before i: "version 12.04.15" is
// no date.
func versionBefore(lower string, i int) bool {
	before := strings.TrimRight(lower[max(0, i-9):i], " ")
	return strings.HasSuffix(before, "version") || strings.HasSuffix(before, "ver.") || strings.HasSuffix(before, "v")
}

// ruMonths are the Russian months in the genitive, as dates write them;
// esMonths the Spanish ones.
var (
	ruMonths = strings.Fields("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
	esMonths = strings.Fields("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre")
	// plukMonths are the Polish and Ukrainian months in the genitive
	// (r17g: 12 maja 1989 r., 15 березня 1990 року).
	plukMonths = strings.Fields("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia " +
		"січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня")
)

// foreignDay returns the start of the day before a month name at i, as
// Russian (14 марта) and, with spanish, Spanish (14 de marzo) write it,
// or -1.
func foreignDay(s string, i int, spanish bool) int {
	j := i
	for k := 0; k < 3 && j > 0 && s[j-1] == ' '; k++ {
		j--
	}
	if j == i {
		return -1
	}
	if spanish {
		if !strings.HasSuffix(s[:j], "de") {
			return -1
		}
		j -= 2
		k := j
		for ; k > 0 && j-k < 3 && s[k-1] == ' '; k-- {
		}
		if k == j {
			return -1
		}
		j = k
	}
	d := j
	for d > 0 && j-d < 2 && isASCIIDigit(rune(s[d-1])) {
		d--
	}
	if d == j || !validDay(atoi(s[d:j])) || !dateLeftOK(s, d) {
		return -1
	}
	return d
}

var rrnHalfWords = []string{"주민번호", "주민등록번호", "rrn", "앞자리", "생년월일"}

// yearWordPat is a year spelt out: "nineteen sixty-eight", "nineteen
// eighty", "two thousand and three".
const yearWordPat = `((?:nineteen|eighteen)[- ](?:hundred(?:[- ]and)?[- ])?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|o[- ](?:one|two|three|four|five|six|seven|eight|nine))|two thousand(?:[- ]and)?(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five))?))?)`

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "o": 0,
}

// spelledYear returns the year a match of yearWordPat spells, as digits.
func spelledYear(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) == 0 {
		return ""
	}
	century, rest := 0, words[1:]
	switch words[0] {
	case "two":
		century, rest = 2000, rest[1:] // "two thousand"
	default:
		century = numberWords[words[0]] * 100
	}
	n := 0
	for _, w := range rest {
		n += numberWords[w] // "hundred" and "and" count nothing
	}
	return strconv.Itoa(century + n)
}

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

// wordYears makes a pattern of dmyPat or mdyPat also take a year spelt
// out ("the second of March, nineteen sixty-eight").
func wordYears(pat string) string {
	return strings.ReplaceAll(pat, yearPat, `(\d{4}|['’]\d{2}|`+yearWordPat+`)`)
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
					year = sub(lower, m, g)
				}
			}
			if year != "" && year[0] >= 'a' && year[0] <= 'z' {
				year = spelledYear(year)
			}
			c.add(m[0], m[1], KindDate, year)
			return true
		})
	}
	textual(dmyRe(), dmyWins, 1, []int{2, 4}, []int{3, 5})
	textual(mdyRe(), mdyWins, 2, []int{1}, []int{3})
	textual(dmyWordRe(), dmyWordWins, 1, []int{2, 4}, []int{3, 5})
	textual(mdyWordRe(), mdyWordWins, 2, []int{1}, []int{3})

	scan(isoRe(), s, c.need(req{digits: 6, run: 4, joins: 2}), func(m []int) bool {
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
	scan(koDotRe(), s, c.need(req{digits: 6, run: 4, sub: ". "}), func(m []int) bool {
		if !validMonth(atoi(sub(s, m, 2))) || !validDay(atoi(sub(s, m, 3))) ||
			!dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindDate, sub(s, m, 1))
		return true
	})
	scan(numDateRe(), s, c.need(req{digits: 6, run: 4, joins: 2}), func(m []int) bool {
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
	scan(shortDateRe(), s, c.need(req{digits: 4, joins: 2, any: "/"}), func(m []int) bool {
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
	scan(viDateRe(), c.lower, needIn(c.lower, c.num, []req{{digits: 6, run: 4, sub: "tháng"}}), func(m []int) bool {
		if !validDay(atoi(sub(s, m, 1))) || !validMonth(atoi(sub(s, m, 2))) || !dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) {
			return false
		}
		start := m[0]
		if before := strings.TrimRight(c.lower[:start], " "); strings.HasSuffix(before, "ngày") {
			start = len(before) - len("ngày")
		}
		c.add(start, m[1], KindDate, sub(s, m, 3))
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
	cjk(koDateRe(), "년")
	cjk(cjkDateRe(), "年")
	scan(koBirthMonthRe(), s, c.need(req{digits: 3, sub: "월"}), func(m []int) bool {
		if !validMonth(atoi(sub(s, m, 2))) || !dateLeftOK(s, m[0]) {
			return false
		}
		// 생 stays after the span: 76년생, which a view bands.
		c.add(m[0], m[1]-len("생"), KindDate, sub(s, m, 1)+"년")
		return true
	})
	for _, f := range []struct {
		re      *regexp.Regexp
		months  *cues
		spanish bool
	}{{ruMonthRe(), ruMonthCues, false}, {plukMonthRe(), plukMonthCues, false}, {esMonthRe(), esMonthCues, true}} {
		matchAt(f.re, c.lower, wordStarts(c.lower, f.months), 48, func(m []int) bool {
			d := foreignDay(c.lower, m[0], f.spanish)
			if d < 0 || !dateRightOK(s, m[1]) {
				return false
			}
			c.add(d, m[1], KindDate, sub(s, m, 1))
			return true
		})
	}
	// Three groups of two digits: the year first (68.03.02, 79/04/15)
	// where it cannot be last, or with dots, the Korean order; else last
	// (shortDateRe has the slashed ones).
	scan(yyDateRe(), s, c.need(req{digits: 6, joins: 2}), func(m []int) bool {
		a, b, d := atoi(sub(s, m, 1)), atoi(sub(s, m, 3)), atoi(sub(s, m, 5))
		sep := sub(s, m, 2)
		if sep != sub(s, m, 4) || !dateLeftOK(s, m[0]) || !dateRightOK(s, m[1]) || versionBefore(c.lower, m[0]) {
			return false
		}
		first := validMonth(b) && validDay(d)
		last := validDay(a) && validMonth(b) || validMonth(a) && validDay(b)
		switch {
		case first && (sep == "." || !last):
			c.add(m[0], m[1], KindDate, sub(s, m, 1))
		case last && sep == ".":
			c.add(m[0], m[1], KindDate, sub(s, m, 5))
		default:
			return false
		}
		return true
	})
	// The first half of a resident registration number after its name,
	// a date of birth.
	matchAt(rrnHalfRe(), c.lower, wordStarts(c.lower, rrnHalfCues), 64, func(m []int) bool {
		if !validMonth(atoi(sub(s, m, 2))) || !validDay(atoi(sub(s, m, 3))) || !numRightOK(s, m[1]) && nextRune(s, m[1]) != '-' {
			return false
		}
		c.add(m[2], m[1], KindNationalID, "")
		return true
	})
}

// monthWordRe finds a month's name in a date Recognise found: English
// (and its abbreviations), Russian, Spanish, or Vietnamese tháng with
// its number.
var monthWordRe = lazyRegexp(`(?i)\b` + monthPat + `\b\.?|` + strings.Join(ruMonths, "|") + `|` + strings.Join(plukMonths, "|") + `|(?i:` + strings.Join(esMonths, "|") + `)|tháng\s{1,2}\d{1,2}`)

// numMonthRe reads a date of numbers: the year first with its month
// (1980-02-02, 1980. 2. 2., 1980년 2월 2일, 1980年2月2日), or the day and
// month before it (14/02/2024).
var (
	yearFirstRe = lazyRegexp(`^(\d{4}(?:[-/.]|\.[ ]|[ ]?년[ ]?|[ ]?年[ ]?))(\d{1,2})([ ]?[월月])?`)
	yearLastRe  = lazyRegexp(`^(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4})$`)
)

// WithoutDay returns date, a span of KindDate that Recognise found in a
// text with year its replacement, as its month and year: the day left
// out, the month and year as written ("12 Jan 2023" is "Jan 2023",
// "14/02/2024" "02/2024", "1980-02-02" "1980-02", "14 марта 1982 года"
// "марта 1982", "1980년 2월 2일" "1980년 2월"). A view shows an event's
// date so, keeping what the testimony needs to be read; the year alone
// is for a date of birth. It returns year where the month cannot be told
// from the day (02/03/2024, 68.03.02).
func WithoutDay(date, year string) string {
	if m := monthWordRe().FindString(date); m != "" {
		if strings.HasPrefix(m, "tháng") {
			return m + " năm " + year
		}
		return strings.TrimSuffix(m, ".") + " " + year
	}
	if m := yearFirstRe().FindStringSubmatch(date); m != nil {
		return m[1] + m[2] + m[3]
	}
	if m := yearLastRe().FindStringSubmatch(date); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		switch {
		case a > 12 && validMonth(b):
			return m[3] + m[2] + m[4]
		case b > 12 && validMonth(a):
			return m[1] + m[2] + m[4]
		}
	}
	return year
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	rrnHalfCues   = newCues(rrnHalfWords...)
	ruMonthCues   = newCues(ruMonths...)
	plukMonthCues = newCues(plukMonths...)
	esMonthCues   = newCues(esMonths...)
)
