package view

import (
	"regexp"
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

// viDigits are the Vietnamese digit words a year is read in, one by one
// (một chín chín chín), and viNumber the words of a day or month in
// words (mồng hai, hai mươi mốt).
var (
	viDigits = map[string]byte{"không": '0', "một": '1', "mốt": '1', "hai": '2', "ba": '3', "bốn": '4', "tư": '4',
		"năm": '5', "lăm": '5', "sáu": '6', "bảy": '7', "bẩy": '7', "tám": '8', "chín": '9'}
	viNumber = `(?:\d{1,2}|(?:mười|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mươi)(?: (?:mười|một|mốt|hai|ba|bốn|tư|lăm|sáu|bảy|bẩy|tám|chín|mươi)){0,3})`
	// (năm, 5, only first: after it, năm is "year").
	// viBirthDateRe is a Vietnamese day and month after a birth word,
	// maybe with its year in digits or digit words: "sinh ngày mồng hai
	// tháng chín năm một chín chín chín", "ngày sinh: 9 tháng 3". The
	// year is group 1.
	viBirthDateRe = regexp.MustCompile(`(?i)(?:sinh (?:vào )?ngày|ngày sinh(?: của tôi)?(?: là)?:?) (?:(?:mồng|mùng) )?` + viNumber +
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
					d = append(d, viDigits[w])
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

// Year words: English and Spanish numbers of two digits, and the
// centuries before them.
var (
	enUnits = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
	enTwos  = map[string]int{"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90}
	esUnits = map[string]int{"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
	esTwos  = map[string]int{"diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
		"diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
		"sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
)

// yearWordsAfter returns the bounds and value of a year spelt in words
// after s[:i], past a comma and "of", "in", "de" or "del": nineteen
// eighty-eight, two thousand and three, ninety-three (of the 1900s above
// thirty), mil novecientos ochenta y ocho, dos mil tres; a == b if none.
func yearWordsAfter(s string, i int) (a, b, year int) {
	words, ends := wordsAt(s, i, 8)
	k := 0
	for k < len(words) && (words[k] == "of" || words[k] == "in" || words[k] == "de" || words[k] == "del") {
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
	two := func(k int, units, twos map[string]int, join string) (int, int) {
		if k >= len(words) {
			return -1, k
		}
		v, ok := twos[words[k]]
		if !ok {
			return -1, k
		}
		if v >= 20 && v%10 == 0 {
			j := k + 1
			if j < len(words) && words[j] == join {
				j++
			}
			if j < len(words) && units[words[j]] > 0 {
				return v + units[words[j]], j + 1
			}
		}
		return v, k + 1
	}
	var v, e int
	switch {
	case words[k] == "nineteen" || words[k] == "eighteen":
		if v, e = two(k+1, enUnits, enTwos, ""); v < 0 {
			return 0, 0, 0
		}
		v += map[string]int{"nineteen": 1900, "eighteen": 1800}[words[k]]
	case words[k] == "mil" && k+1 < len(words) && words[k+1] == "novecientos":
		if v, e = two(k+2, esUnits, esTwos, "y"); v < 0 {
			v, e = 0, k+2
		}
		v += 1900
	case k+1 < len(words) && (words[k] == "two" && words[k+1] == "thousand" || words[k] == "dos" && words[k+1] == "mil"):
		v, e = 2000, k+2
		if e < len(words) && words[e] == "and" {
			e++
		}
		if t, f := two(e, enUnits, enTwos, ""); t > 0 {
			v, e = v+t, f
		} else if t, f := two(e, esUnits, esTwos, "y"); t > 0 {
			v, e = v+t, f
		} else if e < len(words) && (enUnits[words[e]] > 0 || esUnits[words[e]] > 0) {
			v, e = v+enUnits[words[e]]+esUnits[words[e]], e+1
		}
	default:
		if v, e = two(k, enUnits, enTwos, ""); v <= 30 {
			return 0, 0, 0
		}
		v += 1900
	}
	return start, ends[e-1], v
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
			if !unicode.IsLetter(r) {
				break
			}
			k += size
		}
		if k == j {
			break
		}
		words, ends = append(words, strings.ToLower(s[j:k])), append(ends, k)
		i = k
	}
	return words, ends
}
