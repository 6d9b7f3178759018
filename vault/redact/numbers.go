package redact

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Separators between digit groups of phone numbers: one space, or a dot or
// dash with optional single spaces around it. Recognition sees every dash
// as "-" (dashLike); the katakana long-vowel mark ー, which Japanese and
// Korean input methods type for a dash (010ー3388ー7142), is one only
// here, between digits, as it is a letter in words.
const (
	dashClass = `\-ー`
	phoneSep  = `(?:[ ]?[.` + dashClass + `][ ]?|[ ])`
	// domesticSep also takes a slash, an underscore, a middle dot or a
	// tilde ("010/5512/3391", "010·7788·1234", "010~7788~1234").
	domesticSep = `(?:[ ]?[./_·~〜` + dashClass + `][ ]?|[ ])`
)

var (
	intlPhoneRe = lazyRegexp(`(?:\+|00)[ ]?(?:\(\d{1,4}\)|\d{1,4})(?:` + phoneSep + `?(?:\(\d{1,5}\)|\d{1,12})){1,8}`)
	krPhoneRe   = lazyRegexp(`(?:\(0\d{1,2}\)|0\d{1,2})` + domesticSep + `?\d{3,4}` + domesticSep + `?\d{4}`)
	cnLandRe    = lazyRegexp(`(?:\(0\d{2,3}\)|0\d{2,3})[ ` + dashClass + `]?\d{7,8}`)
	cnMobileRe  = lazyRegexp(`1[3-9]\d([ ./_` + dashClass + `]?)\d{4}([ ./_` + dashClass + `]?)\d{4}`)
	// dottedPhoneRe is a national number in dot-separated groups of two
	// to four digits after a trunk 0 (Vietnamese "0912.345.678", French
	// "06.12.34.56.78"); findPhones takes it at 9 to 11 digits, so a date
	// ("01.03.1990", 8 digits) and a version or decimal ("3.14", "1.2.3",
	// no trunk 0) are not phones.
	dottedPhoneRe = lazyRegexp(`0\d{1,3}(?:\.\d{2,4}){2,4}`)
	nanpRe        = lazyRegexp(`\([2-9]\d{2}\)[ ]?[2-9]\d{2}[ .` + dashClass + `]\d{4}|[2-9]\d{2}([.` + dashClass + `])[2-9]\d{2}([.` + dashClass + `])\d{4}`)

	rrnRe = lazyRegexp(`(\d{2})(\d{2})(\d{2})(?:[ ]?[./_` + dashClass + `][ ]?|[ ])?[0-9](?:\d{6}|\*{6}|[xX]{6})`)

	passportRe = lazyRegexp(`[A-Z]{1,2}\d{7,8}|[A-Z]\d{3}[A-Z]\d{4}`)
	// Anchored, on the lower-cased text, where a passport word occurs
	// (паспорт in any case, загранпаспорт too, as it ends in it): a
	// Russian internal passport's series and number (45 06 123456, 45 06
	// № 123456, серии 4506 номер 123456) or a foreign one's (72 1234567),
	// or a number of letters and digits.
	passportCtxRe = lazyRegexp(`^(?:passport|여권|护照|護照|[пП]аспорт[а-я]{0,4}|pasaporte|hộ chiếu)\s{0,2}(?:number|no\.?|num\.?|#|번호|号码|號碼|号|серии|серия|серії|номер|данные|№|número|nº|số)?\s{0,2}(?::|\sis|\swas)?\s{0,2}#?(\d{2} ?\d{2},? (?:№ ?|no\.? ?|номер )?\d{6}|` + uaPassportNumber + `|\d{2} \d{7}|[A-Za-z]{0,2}\d{5,12}[A-Za-z]?|[A-Za-z]\d{3}[A-Za-z]\d{4})`)
)

var passportWords = []string{"passport", "여권", "护照", "護照", "паспорт", "Паспорт", "pasaporte", "hộ chiếu"}

// passportSeriesRe is a Russian passport's series and number after the
// series word (серия 0809 номер 456789, series 45 08 No. 123456),
// anchored, on the text with ASCII letters lower-cased.
var (
	passportSeriesRe = lazyRegexp(`^(?:серия|Серия|серии|Серии|серії|Серії|series|ser\.)\s{0,2}(\d{2} ?\d{2},?\s{0,2}(?:номер|№|no\.?|number|#)?\s{0,2}№?\s{0,2}\d{6}|` + uaPassportNumber + `)`)
	seriesWords      = []string{"серия", "Серия", "серии", "Серии", "серії", "Серії", "series", "ser."}
)

// uaPassportNumber is a Ukrainian (or Soviet-style) passport booklet's
// series of two Cyrillic capitals and its number of six digits (МК №
// 123456, r17g).
const uaPassportNumber = `[А-ЯІЇЄҐ]{2}\s{0,2}(?:№|номер|(?i:no)\.?)?\s{0,2}\d{6}\b`

func findPhones(c *collector) {
	s := c.s
	scan(intlPhoneRe(), s, c.need(req{digits: 8, any: "+"}, req{digits: 10, zero: true}), func(m []int) bool {
		start, end := m[0], m[1]
		if !numLeftOK(s, start) {
			return false
		}
		// Digit runs and where each ends; "00" is the international
		// prefix, not part of the number.
		digits, skip := 0, 0
		if strings.HasPrefix(s[start:end], "00") {
			skip = 2
		}
		best := -1
		for i := start + skip; i < end; {
			if !isASCIIDigit(rune(s[i])) {
				i++
				continue
			}
			j := i
			for j < end && isASCIIDigit(rune(s[j])) {
				j++
			}
			digits += j - i
			if digits > 15 {
				break
			}
			e := j
			if e < end && s[e] == ')' {
				e++
			}
			if digits >= 8 && (e < end || numRightOK(s, e)) {
				best = e
			}
			i = j
		}
		if best < 0 {
			return false
		}
		c.add(start, best, KindPhone, "")
		return true
	})
	domestic := func(re *regexp.Regexp, check func(m []int) bool, rs ...req) {
		scan(re, s, c.need(rs...), func(m []int) bool {
			if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || (check != nil && !check(m)) {
				return false
			}
			c.add(m[0], m[1], KindPhone, "")
			return true
		})
	}
	sameSeps := func(m []int) bool { return sub(s, m, 1) == sub(s, m, 2) }
	domestic(krPhoneRe(), nil, req{digits: 9, zero: true})
	domestic(cnLandRe(), nil, req{digits: 10, zero: true})
	domestic(cnMobileRe(), sameSeps, req{digits: 11, run: 3, any: "1"})
	domestic(dottedPhoneRe(), func(m []int) bool {
		n := strings.Count(s[m[0]:m[1]], ".")
		return m[1]-m[0]-n >= 9 && m[1]-m[0]-n <= 11
	}, req{digits: 9, zero: true})
	domestic(nanpRe(), sameSeps, req{digits: 10, run: 3, joins: 2}, req{digits: 10, run: 3, any: "("})
}

func findNationalIDs(c *collector) {
	s := c.s
	scan(rrnRe(), s, c.need(req{digits: 7, run: 6}), func(m []int) bool {
		mm, dd := atoi(sub(s, m, 2)), atoi(sub(s, m, 3))
		if mm < 1 || mm > 12 || dd < 1 || dd > 31 {
			return false
		}
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || nextRune(s, m[1]) == '*' {
			return false
		}
		c.add(m[0], m[1], KindNationalID, "")
		return true
	})
}

func findPassports(c *collector) {
	s := c.s
	scan(passportRe(), s, c.need(req{digits: 7, run: 3, any: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}), func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindPassport, "")
		return true
	})
	for _, ctx := range []struct {
		re    *regexp.Regexp
		words *cues
	}{{passportCtxRe(), passportCues}, {passportSeriesRe(), seriesCues}} {
		matchAt(ctx.re, c.lower, wordStarts(c.lower, ctx.words), 64, func(m []int) bool {
			a, b := m[2], m[3]
			if !wordRightOK(s, b) || !numRightOK(s, b) {
				return false
			}
			c.add(a, b, KindPassport, "")
			return true
		})
	}
}

// digitRun is a maximal run of ASCII digits; link says how it is joined to
// the run before it in its group: 0 not joined, '-' by a dash, ' ' by a
// space.
type digitRun struct {
	start, end int
	link       byte
	decimal    bool // a side of a decimal point: never joined
}

// findIDNumbers implements the id-number rule by hand, in one pass: digit
// runs, joined into groups, each group checked against the exclusions
// when it ends. Only the current group is held.
func findIDNumbers(c *collector) {
	s := c.s
	var group []digitRun
	for _, run := range c.runs {
		i, j := int(run.i), int(run.j)
		r := digitRun{start: i, end: j}
		r.decimal = (prevRune(s, i) == '.' && isASCIIDigit(prevRune2(s, i))) ||
			(nextRune(s, j) == '.' && isASCIIDigit(nextRune2(s, j)))
		if n := len(group); n > 0 && !r.decimal && !group[n-1].decimal {
			p := group[n-1]
			gap := s[p.end:i]
			gr, size := utf8.DecodeRuneInString(gap)
			switch {
			case size == len(gap) && isDash(gr):
				r.link = '-'
			case gap == " " && p.end-p.start >= 3 && j-i >= 3:
				r.link = ' '
			}
		}
		if r.link == 0 && len(group) > 0 {
			idGroup(c, s, group)
			group = group[:0]
		}
		group = append(group, r)
	}
	if len(group) > 0 {
		idGroup(c, s, group)
	}
}

func isYearLike(s string, r digitRun) bool {
	if r.end-r.start != 4 {
		return false
	}
	y := atoi(s[r.start:r.end])
	return y >= 1900 && y <= 2099
}

// idGroup checks one group of joined digit runs.
func idGroup(c *collector, s string, g []digitRun) {
	// A year at either end of the group, joined by a space, is cut off.
	for len(g) > 1 && g[1].link == ' ' && isYearLike(s, g[0]) {
		g = g[1:]
	}
	for n := len(g); n > 1 && g[n-1].link == ' ' && isYearLike(s, g[n-1]); n = len(g) {
		g = g[:n-1]
	}
	digits, years := 0, 0
	for _, r := range g {
		digits += r.end - r.start
		if isYearLike(s, r) {
			years++
		}
	}
	if digits < 7 || (len(g) > 1 && years == len(g)) {
		return
	}
	start, end := g[0].start, g[len(g)-1].end
	if (len(g) == 1 && partOfNumber(s, start, end)) || isMoney(s, start, end) {
		return
	}
	c.add(start, end, KindIDNumber, "")
}

// partOfNumber reports a decimal point or thousands separator next to the
// digit run [start, end): "3.14159265", "12,345,678", "1234567.5".
func partOfNumber(s string, start, end int) bool {
	if p := prevRune(s, start); (p == '.' || p == ',') && isASCIIDigit(prevRune2(s, start)) {
		return true
	}
	if n := nextRune(s, end); n == '.' && isASCIIDigit(nextRune2(s, end)) {
		return true
	} else if n == ',' {
		k := end + 1
		for k < len(s) && isASCIIDigit(rune(s[k])) {
			k++
		}
		if k-(end+1) == 3 {
			return true
		}
	}
	return false
}

var (
	currencyBefore = []string{"$", "€", "£", "¥", "₩", "元", "usd", "krw", "cny", "rmb", "eur", "jpy", "gbp", "won", "yuan"}
	currencyAfter  = []string{"won", "yuan", "dollar", "usd", "krw", "cny", "rmb", "eur", "euro", "yen", "jpy", "gbp", "pound", "ruble", "rouble", "원", "위안", "달러", "元", "块", "엔", "만원", "억", "$", "€", "£", "¥", "₩"}
)

// isMoney reports a currency sign or code before [start, end) or a
// currency word after it, with at most one space between.
func isMoney(s string, start, end int) bool {
	before := strings.TrimSuffix(s[max(0, start-8):start], " ")
	before = strings.ToLower(before)
	for _, w := range currencyBefore {
		if strings.HasSuffix(before, w) {
			if isASCIILetter(rune(w[0])) && !wordLeftOK(before, len(before)-len(w)) {
				continue
			}
			return true
		}
	}
	after := strings.TrimPrefix(s[end:min(len(s), end+16)], " ")
	after = strings.ToLower(after)
	for _, w := range currencyAfter {
		if strings.HasPrefix(after, w) {
			if r := nextRune(after, len(w)); isASCIILetter(rune(w[0])) && unicode.IsLetter(r) && r != 's' {
				continue
			}
			return true
		}
	}
	return false
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	passportCues = newCues(passportWords...)
	seriesCues   = newCues(seriesWords...)
)
