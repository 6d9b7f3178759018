package view

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/redact"
)

// hanDateRe is a full date in Chinese numerals, its year in digit
// characters: 一九九三年三月一日, 二〇〇五年十月八号. The year is group 1.
var hanDateRe = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年(?:\d{1,2}|十[一二]?|[正一二三四五六七八九十])月` +
	`(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九十])[日号號]`)

// hanYearDigits are the digit characters of a year in Chinese numerals.
var hanYearDigits = map[rune]byte{'〇': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}

// hanDateSpans returns a span for every full date in Chinese numerals
// (hanDateRe): its year, as the redact package gives a date in digits,
// or the year's band after a birth word (生于一九九九年九月二日, 生年月日
// 一九九三年三月一日).
func hanDateSpans(s string) []redact.Span {
	if !strings.Contains(s, "年") {
		return nil
	}
	var out []redact.Span
	for _, m := range hanDateRe.FindAllStringSubmatchIndex(s, -1) {
		var y []byte
		for _, r := range s[m[2]:m[3]] {
			y = append(y, hanYearDigits[r])
		}
		rep := string(y)
		if bornNear(s, m[0], m[1]) || hanBornBefore(s, m[0]) {
			rep = yearBand(rep)
		}
		if rep != "" {
			out = append(out, redact.Span{Start: m[0], End: m[1], Kind: redact.KindDate, Replacement: rep})
		}
	}
	return out
}

// hanBornBefore reports whether a Chinese or Korean birth word ends
// within 12 bytes before s[i] (生于, 出生, 生年月日).
func hanBornBefore(s string, i int) bool {
	before := s[max(0, i-24):i]
	for _, w := range []string{"生于", "生於", "出生", "生年月日", "생년월일", "生日"} {
		if k := strings.LastIndex(before, w); k >= 0 && len(before)-k-len(w) <= 12 {
			return true
		}
	}
	return false
}

// viNumber are the words of a day or month in Vietnamese words (mồng
// hai, hai mươi mốt); a year's digit words are redact.NumberWord's.
var (
	viNumber = `(?:\d{1,2}|(?:mười|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mươi)(?: (?:mười|một|mốt|hai|ba|bốn|tư|lăm|sáu|bảy|bẩy|tám|chín|mươi)){0,3})`
	// (năm, 5, only first: after it, năm is "year").
	// viBirthDateRe is a Vietnamese day and month after a birth word,
	// maybe with its year in digits or digit words: "sinh ngày mồng hai
	// tháng chín năm một chín chín chín", "ngày sinh: 9 tháng 3", "sinh
	// nhật em là ngày hai tháng chín" (a birthday: its day). The
	// year is group 1.
	viBirthDateRe = regexp.MustCompile(`(?i)(?:sinh (?:vào )?ngày|ngày sinh(?: của tôi)?(?: là)?:?|sinh nhật(?: của)?(?: (?:em|chị|tôi|anh|cô|mình|nó|bà|ông|con))?(?: (?:là|vào|ấy|thì)){0,2}:? ngày) (?:(?:mồng|mùng) )?` + viNumber +
		` tháng ` + viNumber + `(?: năm (\d{4}|(?:(?:không|một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín) ){3}(?:không|một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)))?`)
)

// viBirthDateSpans returns a span for every Vietnamese day and month
// after a birth word (viBirthDateRe), from the day: the band of its year,
// or [DATE] without one.
func viBirthDateSpans(s string) []redact.Span {
	if !strings.Contains(s, "sinh") && !strings.Contains(s, "Sinh") {
		return nil
	}
	var out []redact.Span
	for _, m := range viBirthDateRe.FindAllStringSubmatchIndex(s, -1) {
		a := m[0] + strings.Index(s[m[0]:m[1]], "ngày") + len("ngày")
		if strings.HasPrefix(strings.ToLower(s[m[0]:]), "ngày sinh") {
			a = m[0] + len("ngày sinh")
		}
		for a < m[1] && (s[a] == ' ' || s[a] == ':') {
			a++
		}
		rep := "[DATE]"
		if m[2] >= 0 {
			y := s[m[2]:m[3]]
			if !allDigits(y) {
				var d []byte
				for _, w := range strings.Fields(strings.ToLower(y)) {
					d = append(d, byte('0'+redact.NumberWord(w)))
				}
				y = string(d)
			}
			if rep = yearBand(y); rep == "" {
				continue
			}
		}
		out = append(out, redact.Span{Start: a, End: m[1], Kind: redact.KindDate, Replacement: rep})
	}
	return out
}

// yearBesideSpans returns the band of the year right after a day the
// other birth rules hide ([DATE]): in digits ("[DATE] 1988 года", "the
// [DATE], '93") or in English or Spanish words ("the [DATE], ninety-three",
// "[DATE], nineteen eighty-eight", "el [DATE] de mil novecientos ochenta
// y ocho"): a hidden day beside its exact year gives the year.
func yearBesideSpans(s string, sets [][]redact.Span) []redact.Span {
	var out []redact.Span
	for _, set := range sets {
		for _, sp := range set {
			if sp.Replacement != "[DATE]" {
				continue
			}
			if a, b := yearAfter(s, sp.End); a < b {
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: yearBand(s[a:b])})
			} else if a, b, y := yearWordsAfter(s, sp.End); a < b {
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: Band(y)})
			}
		}
	}
	return out
}

// bornWordYearSpans returns the band of a year spelt in words right after
// "born" or a noun of the year of birth, past a colon ("born in nineteen
// ninety-five", "Born, two thousand and one", "birth year nineteen
// ninety-four", "año de nacimiento: mil novecientos noventa y cuatro";
// see yearWordsAfter); "reborn" and "firstborn" are no birth words here.
func bornWordYearSpans(s string) []redact.Span {
	var out []redact.Span
	// One walk for all the cues: none overlaps itself (no cue ends with
	// a start of itself), so every place one starts at is one the
	// cue's own left-to-right search would find.
	for i := 0; i < len(s); i++ {
		for _, cue := range wordYearCueStarts.at(s, i) {
			if !hasLowerPrefix(s[i:], cue) {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && unicode.IsLetter(r) {
				continue
			}
			k := i + len(cue)
			for k < len(s) && (s[k] == ' ' || s[k] == ':') {
				k++
			}
			if a, b, y := yearWordsAfter(s, k); a < b && y >= 1900 && y <= 2099 {
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: Band(y)})
			}
		}
	}
	return out
}

// lowerASCII returns c lower-cased if it is an ASCII capital.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasLowerPrefix reports whether s starts with word, which is lower case,
// once s's ASCII capitals are lower-cased (nothing else is).
func hasLowerPrefix(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for k := range len(word) {
		if lowerASCII(s[k]) != word[k] {
			return false
		}
	}
	return true
}

// wordYearCues come before a year spelt in words that is a birth year:
// "born" and the nouns of the year of birth (r18i) in English, Spanish
// and Portuguese, with the abbreviations YOB and DOB; wordYearCueStarts
// gives those that may start at an offset (in any case: a cue is then
// looked for with ASCII capitals lowered only).
var (
	wordYearCues = []string{"born", "birth year", "year of birth", "yob", "y.o.b", "dob", "d.o.b",
		"año de nacimiento", "ano de nascimento"}
	wordYearCueStarts = startIndex(wordYearCues)
)

// ruOrdinalUnits are the Russian ordinal units in the genitive, the case
// of a year after a day ("девяносто четвёртого": of '94).
var ruOrdinalUnits = map[string]int{"первого": 1, "второго": 2, "третьего": 3, "четвёртого": 4, "четвертого": 4, "пятого": 5,
	"шестого": 6, "седьмого": 7, "восьмого": 8, "девятого": 9,
	// r17g: Ukrainian (without the apostrophe), and the tens a year
	// alone is said in (дев'яностого: of '90; Russian девяностого).
	"другого": 2, "третього": 3, "шостого": 6, "сьомого": 7,
	"девяностого": 90, "восьмидесятого": 80, "семидесятого": 70, "шестидесятого": 60,
	"вісімдесятого": 80, "сімдесятого": 70, "шістдесятого": 60}

// yearWordsAfter returns the bounds and value of a year spelt in words
// after s[:i], past a comma and "of", "in", "de" or "del": nineteen
// eighty-eight, two thousand and three, ninety-three (of the 1900s above
// thirty), mil novecientos ochenta y ocho, dos mil tres; a == b if none.
func yearWordsAfter(s string, i int) (a, b, year int) {
	words, ends := wordsAt(s, i, 8)
	k := 0
	for k < len(words) && (words[k] == "of" || words[k] == "in" || words[k] == "de" || words[k] == "del" || words[k] == "năm") {
		k++
	}
	if k == len(words) {
		return 0, 0, 0
	}
	start := i
	if k > 0 {
		start = ends[k-1]
	}
	for start < len(s) && (s[start] == ' ' || s[start] == ',') {
		start++
	}
	// num is the value of words[k] (redact.NumberWord, or a Russian
	// ordinal unit in the genitive, as a year is said: девяносто
	// четвёртого), -1 past the end.
	num := func(k int) int {
		if k >= len(words) {
			return -1
		}
		if v, ok := ruOrdinalUnits[words[k]]; ok {
			return v
		}
		return redact.NumberWord(words[k])
	}
	// two reads a number of ten to ninety-nine at words[k], its tens and
	// unit maybe joined by join; -1 if there is none.
	two := func(k int, join string) (int, int) {
		v := num(k)
		if v < 10 || v >= 100 {
			return -1, k
		}
		if v >= 20 && v%10 == 0 {
			j := k + 1
			if j < len(words) && words[j] == join {
				j++
			}
			if u := num(j); u > 0 && u < 10 {
				return v + u, j + 1
			}
		}
		return v, k + 1
	}
	var v, e int
	switch {
	case words[k] == "nineteen" || words[k] == "eighteen":
		if v, e = two(k+1, ""); v < 0 {
			return 0, 0, 0
		}
		v += map[string]int{"nineteen": 1900, "eighteen": 1800}[words[k]]
	case words[k] == "mil" && k+1 < len(words) && words[k+1] == "novecientos":
		if v, e = two(k+2, "y"); v < 0 {
			v, e = 0, k+2
		}
		v += 1900
	case k+1 < len(words) && (words[k] == "two" && words[k+1] == "thousand" || words[k] == "dos" && words[k+1] == "mil"):
		v, e = 2000, k+2
		if e < len(words) && words[e] == "and" {
			e++
		}
		if t, f := two(e, ""); t > 0 {
			v, e = v+t, f
		} else if t, f := two(e, "y"); t > 0 {
			v, e = v+t, f
		} else if u := num(e); u > 0 && u < 10 {
			v, e = v+u, e+1
		}
	case k+1 < len(words) && (words[k+1] == "nghìn" || words[k+1] == "ngàn") && (num(k) == 1 || num(k) == 2):
		if v, e = viYearRest(words, k+2); e < 0 {
			return 0, 0, 0
		}
		v += 1000 * num(k)
	default:
		// ninety-three, noventa y cinco
		if v, e = two(k, "y"); v <= 30 {
			return 0, 0, 0
		}
		v += 1900
	}
	return start, ends[e-1], v
}

// viYearRest reads the hundreds, tens and unit of a Vietnamese year in
// words after its thousands at words[k] (chín trăm chín mươi chín,
// không trăm linh hai, lẻ hai, mười) and returns their value and the
// index after them, or e < 0 if none follow.
func viYearRest(words []string, k int) (v, e int) {
	num := func(k int) int {
		if k >= len(words) {
			return -1
		}
		return redact.NumberWord(words[k])
	}
	e = k
	if d := num(e); d >= 0 && d < 10 && e+1 < len(words) && words[e+1] == "trăm" {
		v, e = 100*d, e+2
	}
	switch {
	case e < len(words) && (words[e] == "linh" || words[e] == "lẻ") && num(e+1) > 0 && num(e+1) < 10:
		v, e = v+num(e+1), e+2
	case e < len(words) && words[e] == "mười":
		v, e = v+10, e+1
		if u := num(e); u > 0 && u < 10 {
			v, e = v+u, e+1
		}
	case num(e) > 1 && num(e) < 10 && e+1 < len(words) && words[e+1] == "mươi":
		v, e = v+10*num(e), e+2
		if u := num(e); u > 0 && u < 10 {
			v, e = v+u, e+1
		}
	}
	if e == k {
		return 0, -1
	}
	return v, e
}

// wordsAt returns up to n lower-cased words of letters at s[i:], past
// spaces, commas and hyphens between them, and the end of each; it stops
// at any other character.
func wordsAt(s string, i, n int) ([]string, []int) {
	var words []string
	var ends []int
	for len(words) < n {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == ',' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if n := wordApostrophe(s, k); k > j && n > 0 {
				size = n
			} else if !unicode.IsLetter(r) {
				break
			}
			k += size
		}
		if k == j {
			break
		}
		words, ends = append(words, withoutApostrophes(strings.ToLower(s[j:k]))), append(ends, k)
		i = k
	}
	return words, ends
}

// hanBirthWords are the Chinese words of a birth: a year in their clause
// is a birth year (生日是三月七号，九零年的).
var hanBirthWords = []string{"生日", "出生", "出世", "生于", "生於", "生的"}

// hanDayMonthEndRe is hanDayMonthRe at the end of a text; hanYearRe a
// year, in digits or digit characters, four or two of them, with 年.
var (
	hanDayMonthEndRe = regexp.MustCompile(`(?:` + hanDayMonthRe.String() + `)$`)
	hanYearRe        = regexp.MustCompile(`(?:\d{4}|\d{2}|[〇零一二三四五六七八九]{4}|[〇零一二三四五六七八九]{2})年`)
)

// hanBirthdaySpans returns a span for every Chinese day and month right
// before a word of birth, 生 alone or in 生的, 生日, 出生, 出世 (三月七日生的,
// 十一月二十二号出生): [DATE]; and for every year in the clause of a
// birth word (生日是三月七号，九零年的): its band, with 年. A date before
// a word that only holds 生 (三月七日发生的, 生活, 生意) is no birthday.
func hanBirthdaySpans(s string) []redact.Span {
	var out []redact.Span
	for _, w := range []string{"出生", "出世", "生"} {
		occurrences(s, w, func(at int) {
			if w == "生" {
				r, _ := utf8.DecodeRuneInString(s[at+len(w):])
				if strings.HasPrefix(s[max(0, at-3):at], "出") || !strings.ContainsRune("的日，,。.！!？? \n", r) && at+len(w) < len(s) {
					return
				}
			}
			a := max(0, at-48)
			for a < at && !utf8.RuneStart(s[a]) {
				a++
			}
			if m := hanDayMonthEndRe.FindStringIndex(s[a:at]); m != nil {
				out = append(out, redact.Span{Start: a + m[0], End: at, Kind: redact.KindDate, Replacement: "[DATE]"})
			}
		})
	}
	for _, w := range hanBirthWords {
		occurrences(s, w, func(at int) {
			a, b := clause(s, at, at+len(w))
			for _, m := range hanYearRe.FindAllStringIndex(s[a:b], -1) {
				ya, yb := a+m[0], a+m[1]
				if next, _ := utf8.DecodeRuneInString(s[yb:]); next == '代' || ya > 0 && isDigitByte(s[ya-1]) {
					continue // 九十年代, a decade; a longer number
				}
				var y []byte
				for _, r := range s[ya : yb-len("年")] {
					if d, ok := hanYearDigits[r]; ok {
						y = append(y, d)
					} else {
						y = append(y, byte(r))
					}
				}
				if band := yearBand(string(y)); band != "" {
					out = append(out, redact.Span{Start: ya, End: yb, Kind: redact.KindDate, Replacement: band + "年"})
				}
			}
		})
	}
	slices.SortFunc(out, func(x, y redact.Span) int { return x.Start - y.Start })
	return out
}
