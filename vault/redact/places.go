package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// 34나 7781, 서울 12가 3456, 123가4567
	krPlateRe = lazyRegexp(`\d{2,3}[ ]?([가-힣])[ ]?\d{4}`)
	// 吉A·5M219, 京A 12345, 粤B-D12345
	cnPlateRe = lazyRegexp(`[` + cnProvinces + `][ ]?[A-Z][ ]?[·.\-]?[ ]?([A-Z0-9]{5,6})`)
	// A 123 BC 125 RUS, А123ВС77: Russian, in Latin or Cyrillic letters
	// vnPlateRe: a Vietnamese plate, the province's two digits, a series
	// letter (and a letter or digit), then 3 digits, a dot and 2 digits.
	vnPlateRe = lazyRegexp(`\d{2}[A-Z][A-Z0-9]?[- ]\d{3}\.\d{2}`)
	ruPlateRe = lazyRegexp(`[` + ruPlateLetters + `] ?\d{3} ?[` + ruPlateLetters + `]{2} ?\d{2,3}(?: ?RUS)?`)
	// 1234-ABC, 1234 BCD: Spanish
	// ukPlateRe: a British plate, two letters, two digits and three
	// letters (AB12 CDE).
	ukPlateRe = lazyRegexp(`[A-Z]{2}\d{2} ?[A-Z]{3}`)
	esPlateRe = lazyRegexp(`\d{4}[ -]([A-Z]{3})`)
	// r17g: a Turkish plate, the province's two digits, one to three
	// letters and two to four digits (34 ABC 123), after a plate word;
	// a Ukrainian one, two letters, four digits and two letters in
	// either script (АХ 1234 ВС); a Thai one, a digit maybe, two Thai
	// consonants and up to four digits (1กข 1234), anywhere with its
	// first digit, after a plate word without it.
	trPlateRe = lazyRegexp(`\d{2} ?[A-Z]{1,3} ?\d{2,4}`)
	uaPlateRe = lazyRegexp(`[` + uaPlateLetters + `]{2} ?\d{4} ?[` + uaPlateLetters + `]{2}`)
	thPlateRe = lazyRegexp(`(\d?)[ก-ฮ]{2}[ -]?\d{1,4}`)
)

// ruPlateLetters are the letters of Russian plates, in both scripts, and
// in Cyrillic also lower case as people type them, solid (а123вс25).
const ruPlateLetters = "ABEKMHOPCTYXАВЕКМНОРСТУХавекмнорстух"

// uaPlateLetters are the letters of Ukrainian plates, in both scripts.
const uaPlateLetters = "ABCEHIKMOPTXАВСЕНІКМОРТХ"

// hasCyrillicPlateLetter reports whether s holds a Cyrillic letter of
// uaPlateLetters: all start with the byte D0, which most texts lack,
// where strings.ContainsAny decodes every rune of a text that has none.
func hasCyrillicPlateLetter(s string) bool {
	return strings.IndexByte(s, 0xd0) >= 0 && strings.ContainsAny(s, uaPlateLetters[len("ABCEHIKMOPTX"):])
}

// plateWords before a number make it a plate (plate 1234-ABC).
var plateWords = []string{"plate", "licence", "license", "registration", "matrícula", "matricula", "car ", "coche", "번호판", "номер",
	"plaka", "ทะเบียน", "номерний знак"}

// plateWordIn reports whether a plate word is anywhere in lower, with the
// index wordStarts keeps of lower: a narrative searched for each word was
// a twentieth of its recognition.
func plateWordIn(lower string) bool {
	return len(wordStarts(lower, plateWordCues)) > 0
}

// plateWordBefore reports whether a plate word stands in the 40 bytes
// before i.
func plateWordBefore(lower string, i int) bool {
	before := lower[max(0, i-40):i]
	for _, w := range plateWords {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// krRegions may stand before a Korean plate's number (서울 12가 3456).
var krRegions = []string{"서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남", "제주"}

// cnProvinces are the first characters of Chinese number plates.
const cnProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"

// krPlateLetters are the Hangul letters of Korean number plates.
const krPlateLetters = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주하허호바사아자배육해공국합"

// counters are Hangul syllables that, written on a number, make it a count
// or a measure rather than part of a plate or an address (12명, 3456원).
const counters = "명개원년월일시분초살세번째층미킬톤석장권대달주"

// countedAt reports whether the number ending at j is followed by a
// counter.
func countedAt(s string, j int) bool {
	r := nextRune(s, j)
	return r > 0 && strings.ContainsRune(counters, r)
}

func findPlates(c *collector) {
	s := c.s
	if c.plate == nil {
		c.plate = numericWindows(s, c.runs, 16, 8)
	}
	scan(krPlateRe(), s, needIn(s, c.plate, []req{{digits: 6, run: 4, any: krPlateLetters}}), func(m []int) bool {
		if !strings.Contains(krPlateLetters, sub(s, m, 1)) || !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || countedAt(s, m[1]) {
			return false
		}
		start := m[0]
		for _, r := range krRegions {
			before := strings.TrimSuffix(s[:start], " ")
			if strings.HasSuffix(before, r) {
				start = len(before) - len(r)
				break
			}
		}
		c.add(start, m[1], KindPlate, "")
		return true
	})
	scan(ruPlateRe(), s, needIn(s, c.plate, []req{{digits: 5, run: 3}}), func(m []int) bool {
		// In lower case only written solid but for a space before the
		// region ("х777хм 199"): "в 123 км 25" is words.
		plate := strings.TrimRight(strings.TrimSuffix(s[m[0]:m[1]], "RUS"), " ")
		if k := strings.LastIndexByte(plate, ' '); k >= 0 && isDigits(plate[k+1:]) {
			plate = plate[:k]
		}
		lowerSpaced := strings.ContainsAny(plate, "авекмнорстух") && strings.Contains(plate, " ")
		if lowerSpaced || !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
	scan(ukPlateRe(), s, filter(s, needIn(s, c.plate, []req{{digits: 2}}), ukPlateShape), func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
	// A Vietnamese plate with its dot (51F-123.45, 30E 123.45): the dot
	// before the last two digits is the plate's alone.
	scan(vnPlateRe(), s, needIn(s, c.plate, []req{{digits: 7, run: 3, dots: 1}}), func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) || isASCIILetter(nextRune(s, m[1])) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
	// Only after a plate word: "2019 BBC" is a year.
	scan(esPlateRe(), s, filter(s, needIn(s, c.plate, []req{{digits: 4, run: 4}}), esPlateShape), func(m []int) bool {
		if !numLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || !plateWordBefore(c.lower, m[0]) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
	// The Turkish plate only after a plate word, the Ukrainian one where
	// one is or a Cyrillic plate letter: neither costs a text without.
	// Both need four digits, looked for first: the words and letters are
	// looked for in the whole text, most texts' windows are few.
	if four := needIn(s, c.plate, []req{{digits: 4}}); len(four) > 0 {
		plateWord := plateWordIn(c.lower)
		if plateWord {
			scan(trPlateRe(), s, four, func(m []int) bool {
				if !numLeftOK(s, m[0]) || !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || !numRightOK(s, m[1]) || !plateWordBefore(c.lower, m[0]) {
					return false
				}
				c.add(m[0], m[1], KindPlate, "")
				return true
			})
		}
		if plateWord || hasCyrillicPlateLetter(s) {
			scan(uaPlateRe(), s, needIn(s, c.plate, []req{{digits: 4, run: 4}}), func(m []int) bool {
				if !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) {
					return false
				}
				c.add(m[0], m[1], KindPlate, "")
				return true
			})
		}
	}
	// Thai letters are U+0E01 to U+0E2E: E0 B8 xx in UTF-8.
	if strings.Contains(s, "\xe0\xb8") {
		scan(thPlateRe(), s, needIn(s, c.plate, []req{{digits: 1, sub: "\xe0\xb8"}}), func(m []int) bool {
			if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || sub(s, m, 1) == "" && !plateWordBefore(c.lower, m[0]) {
				return false
			}
			c.add(m[0], m[1], KindPlate, "")
			return true
		})
	}
	scan(cnPlateRe(), s, needIn(s, c.plate, []req{{digits: 1, any: cnProvinces}}), func(m []int) bool {
		if !strings.ContainsAny(sub(s, m, 1), "0123456789") || !wordRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
}

// Street addresses. English and romanised Korean: a building number, up
// to four capitalised words and a street type or a Korean road word
// ("12 Dobong-ro 38-gil, Dobong-gu", "221B Baker Street"); or a Korean
// road word first ("Dobong-ro 38-gil 12"). Hangul: a road word (…로,
// …길) and a building number, after any administrative units
// ("서울시 도봉구 도봉로 38길 12"), or a lot number after a 동 or 리
// ("상동리 123-45", "도봉동 12번지").
var streetTypes = map[string]bool{
	"street": true, "st": true, "road": true, "rd": true, "avenue": true, "ave": true, "lane": true, "ln": true,
	"drive": true, "dr": true, "boulevard": true, "blvd": true, "way": true, "place": true, "pl": true,
	"court": true, "ct": true, "terrace": true, "close": true, "square": true, "sq": true, "crescent": true,
	"highway": true, "hwy": true, "alley": true, "lu": true, "jie": true, "dajie": true, "hutong": true,
	"strasse": true, "straße": true, "str": true, "allee": true, "gasse": true, "ulitsa": true,
}

// koRoad reports a romanised Korean road word: Dobong-ro, Sejong-daero,
// Insadong-gil.
func koRoad(w string) bool {
	for _, suf := range []string{"-ro", "-daero", "-gil", "-lu"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return true
		}
	}
	return false
}

// koUnit reports a romanised administrative unit: Dobong-gu, Mapo-gu,
// Hyesan-si, Sangdong-ri.
func koUnit(w string) bool {
	for _, suf := range []string{"-gu", "-si", "-dong", "-gun", "-eup", "-myeon", "-do", "-ri", "-ku", "-shi", "-kun", "-ga"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return true
		}
	}
	return false
}

// latinWord returns the end of the word of letters, digits, hyphens,
// apostrophes and dots that starts at i in s.
func latinWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '.') {
			break
		}
		j += size
	}
	for j > i && (s[j-1] == '.' || s[j-1] == '-') {
		j--
	}
	return j
}

func capitalisedAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// skipSpaces returns the offset after at most one comma and then at most
// two spaces at i, and whether there were any.
func skipSep(s string, i int, comma bool) (int, bool) {
	j := i
	if comma && j < len(s) && s[j] == ',' {
		j++
	}
	for n := 0; n < 2 && j < len(s) && s[j] == ' '; n++ {
		j++
	}
	return j, j > i
}

// digitsAt returns the end of the run of 1 to max ASCII digits at i, or i.
func digitsAt(s string, i, max int) int {
	j := i
	for j < len(s) && j-i < max && isASCIIDigit(rune(s[j])) {
		j++
	}
	if j < len(s) && isASCIIDigit(rune(s[j])) {
		return i
	}
	return j
}

// latinTail extends an English or romanised address that ends at end: a
// sub-road ("38-gil"), a building number if none came first, units
// ("Dobong-gu, Seoul"), and a flat ("Apt 301").
func latinTail(s, lower string, end int, needNumber bool) (int, bool) {
	// A sub-road and a building number.
	for k := 0; k < 2; k++ {
		j, ok := skipSep(s, end, true)
		if !ok {
			break
		}
		d := digitsAt(s, j, 5)
		if d == j {
			// Said in words: Guwol-ro one-two-three, five-fifty.
			if e, ok := spokenHouse(s, lower, j); ok {
				end, needNumber = e, false
			}
			break
		}
		if strings.HasPrefix(lower[d:], "-gil") || strings.HasPrefix(lower[d:], "beon-gil") {
			end = d + strings.Index(lower[d:], "gil") + 3
			continue
		}
		if dash := d; dash+1 < len(s) && s[dash] == '-' && isASCIIDigit(rune(s[dash+1])) {
			d = digitsAt(s, dash+1, 4)
		}
		if numRightOK(s, d) && wordRightOK(s, d) {
			end, needNumber = d, false
		}
		break
	}
	if needNumber {
		return 0, false
	}
	// Units and a flat.
	for k := 0; k < 3; k++ {
		j, ok := skipSep(s, end, true)
		if !ok {
			break
		}
		w := latinWord(s, j)
		if w == j {
			break
		}
		word := lower[j:w]
		switch {
		case koUnit(word) && capitalisedAt(s, j):
			end = w
			continue
		case word == "apt" || word == "apt." || word == "apartment" || word == "unit" || word == "flat" || word == "room":
			if a, _ := skipSep(s, w, false); a < len(s) {
				if d := digitsAt(s, a, 5); d > a {
					end = d
					continue
				}
				if e, ok := spokenHouse(s, lower, a); ok {
					end = e
					continue
				}
			}
		}
		break
	}
	return end, true
}

// spokenHouse reads at s[i] a house or flat number said in English words,
// two words or more (one-two-three, five-oh-two, five-fifty,
// thirteen-oh-four, twenty-seven, double five: see numberComposer), not
// counting a word after it (twenty-seven times, but twenty-seven for
// years); it returns the end.
func spokenHouse(s, lower string, i int) (int, bool) {
	var c numberComposer
	words, end := 0, i
	for k := i; ; {
		e := resWordEnd(s, k)
		w := lower[k:e]
		if e == k || !englishNumber(w) {
			break
		}
		v := NumberWord(w)
		if w == "hundred" {
			v = 100
		}
		if !c.addN(v, w == "hundred", 1, true) || c.value() >= 1e5 {
			break
		}
		words, end = words+1, e
		if k = nextNumberWord(s, e); k == e {
			break
		}
	}
	if words < 2 || !wordRightOK(s, end) {
		return 0, false
	}
	// Read digit by digit or in pairs it is no count; said as a count
	// (twenty-seven) it is none before a word it may count.
	if rest := strings.TrimLeft(s[end:], " "); !c.digits && len(rest) < len(s[end:]) && rest != "" && 'a' <= rest[0] && rest[0] <= 'z' {
		w := lower[len(s)-len(rest) : resWordEnd(s, len(s)-len(rest))]
		if !resUnitWords[w] && !notCounted[w] {
			return 0, false // twenty-seven times
		}
	}
	return end, true
}

func findAddresses(c *collector) {
	s, lower := c.s, c.lower
	// Number first: "12 Dobong-ro 38-gil", "221B Baker Street".
runs:
	for _, r := range c.runs {
		i, j := int(r.i), int(r.j)
		if j-i > 5 || !numLeftOK(s, i) {
			continue
		}
		k := j
		if k < len(s) && isASCIILetter(rune(s[k])) && k+1 < len(s) && s[k+1] == ' ' {
			k++ // 221B
		}
		if k+1 < len(s) && s[k] == '-' && isASCIIDigit(rune(s[k+1])) {
			k = digitsAt(s, k+1, 4)
		}
		year := j-i == 4 && atoi(s[i:j]) >= 1900 && atoi(s[i:j]) <= 2099
		for n := 0; n < 4; n++ {
			a, ok := skipSep(s, k, n == 0)
			if !ok || a >= len(s) || !capitalisedAt(s, a) {
				continue runs
			}
			w := latinWord(s, a)
			word := strings.TrimSuffix(lower[a:w], ".")
			k = w
			if koRoad(word) || (streetTypes[word] && n > 0 && !year) {
				if end, ok := latinTail(s, lower, k, false); ok {
					c.add(i, end, KindAddress, "")
				}
				continue runs
			}
		}
	}
	// Road first: "Dobong-ro 38-gil 12", after units ("Dobong-gu,
	// Dobong-ro 12").
	for _, i := range wordStarts(lower, roadSuffixCues) {
		a := i
		for a > 0 && (isASCIILetter(rune(lower[a-1])) || lower[a-1] == '-') {
			a--
		}
		w := latinWord(s, a)
		if a == i || !koRoad(lower[a:w]) {
			continue
		}
		if !capitalisedAt(s, a) {
			// Centum jungang-ro 79: a road word in lower case after a
			// capitalised word of the road's name.
			p := a - 1
			for p > 0 && isASCIILetter(rune(lower[p-1])) {
				p--
			}
			if p >= a-1 || s[a-1] != ' ' || !capitalisedAt(s, p) || !wordLeftOK(s, p) {
				continue
			}
			a = p
		}
		end, ok := latinTail(s, lower, w, true)
		if !ok {
			continue
		}
		// Units before: "Seoul, Dobong-gu, ".
		for n := 0; n < 3; n++ {
			b := a
			for b > 0 && (lower[b-1] == ' ' || lower[b-1] == ',') && a-b < 3 {
				b--
			}
			p := b
			for p > 0 && (isASCIILetter(rune(lower[p-1])) || lower[p-1] == '-') {
				p--
			}
			if p == b || b == a || !koUnit(lower[p:b]) || !capitalisedAt(s, p) {
				break
			}
			a = p
		}
		c.add(a, end, KindAddress, "")
	}
	// A house number said in English words before the road word:
	// "one-two-three Guwol-ro", "five-fifty Nakdong-daero".
	// Bounded: the road word ends right after its suffix, and its name is
	// at most 40 letters, so a run of "-ro-ro-ro" costs linear time.
	for _, i := range wordStarts(lower, roadSuffixBareCues) {
		w := i + len("-ro")
		if strings.HasPrefix(lower[i:], "-gil") || strings.HasPrefix(lower[i:], "-daero") {
			w = i + len("-gil")
			if lower[i+1] == 'd' {
				w = i + len("-daero")
			}
		}
		if w < len(s) && (isASCIILetter(rune(s[w])) || isASCIIDigit(rune(s[w])) || s[w] == '-') {
			continue
		}
		a := i
		for a > 0 && i-a <= 40 && isASCIILetter(rune(lower[a-1])) {
			a--
		}
		if a == i || a < 2 || s[a-1] != ' ' || !koRoad(lower[a:w]) || !capitalisedAt(s, a) {
			continue
		}
		if start := spokenBefore(s, lower, a-1); start >= 0 {
			end, _ := latinTail(s, lower, w, false)
			c.add(start, end, KindAddress, "")
		}
	}
	findHangulAddresses(c)
	findMoreAddresses(c)
}

// spokenBefore returns the start of a house number said in English words
// (spokenHouse) that ends at e, the longest, or -1; it reads back at most
// eight words.
func spokenBefore(s, lower string, e int) int {
	var starts []int
	for k := e; len(starts) < 8 && k > 0; {
		b := k
		for b > 0 && isASCIILetter(rune(lower[b-1])) {
			b--
		}
		if b == k || !englishNumber(lower[b:k]) {
			break
		}
		starts = append(starts, b)
		if b == 0 || s[b-1] != ' ' && s[b-1] != '-' {
			break
		}
		k = b - 1
	}
	for n := len(starts) - 1; n >= 0; n-- {
		if end, ok := spokenHouse(s, lower, starts[n]); ok && end == e && wordLeftOK(s, starts[n]) {
			return starts[n]
		}
	}
	return -1
}

// hangulUnit reports a Hangul administrative unit word: 서울시, 도봉구,
// 함경북도, 회령시, 상동리, and the 가 of Yanbian's cities (하남가).
func hangulUnit(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return utf8.RuneCountInString(w) >= 2 && strings.ContainsRune("시도구군읍면동리가", r)
}

// hangulWordBefore returns the start of the Hangul word that ends at i.
func hangulWordBefore(s string, i int) int {
	a := i
	for a > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:a])
		if !unicode.Is(unicode.Hangul, r) && !isASCIIDigit(r) {
			break
		}
		a -= size
	}
	return a
}

func findHangulAddresses(c *collector) {
	s := c.s
	for _, i := range cueStarts(s, c.lower, hangulPlaceCues) {
		syl := s[i : i+3]
		j := i + 3
		// The number: a space at most, then digits.
		d := j
		if d < len(s) && s[d] == ' ' {
			d++
		}
		e := digitsAt(s, d, 5)
		if e == d {
			continue
		}
		a := hangulWordBefore(s, i)
		if i-a < 3 {
			continue // a bare 로 or 길
		}
		var end int
		switch syl {
		case "로", "길":
			// A sub-road ("38길", "12번길"), then the building number.
			if strings.HasPrefix(s[e:], "길") || strings.HasPrefix(s[e:], "번길") {
				d = e + strings.Index(s[e:], "길") + 3
				if d < len(s) && s[d] == ' ' {
					d++
				}
				if e = digitsAt(s, d, 5); e == d {
					continue
				}
			}
			if e+1 < len(s) && s[e] == '-' && isASCIIDigit(rune(s[e+1])) {
				e = digitsAt(s, e+1, 4)
			}
			if strings.HasPrefix(s[e:], "호") {
				e += len("호") // 공원로 19호, as Yanbian writes the number
			}
			end = e
		default:
			// A lot number after a 동 or 리: "123-45" or "12번지".
			switch {
			case e+1 < len(s) && s[e] == '-' && isASCIIDigit(rune(s[e+1])):
				end = digitsAt(s, e+1, 4)
				if strings.HasPrefix(s[end:], "번지") {
					end += len("번지") // 1023-4번지
				}
			case strings.HasPrefix(s[e:], "번지"):
				end = e + len("번지")
			default:
				continue
			}
		}
		if !numRightOK(s, end) || countedAt(s, end) {
			continue
		}
		// A flat: "101동 1203호".
		if k, _ := skipSep(s, end, true); k < len(s) {
			if d := digitsAt(s, k, 4); d > k && strings.HasPrefix(s[d:], "동") {
				end = d + len("동")
				if k, _ = skipSep(s, end, false); k < len(s) {
					if d := digitsAt(s, k, 5); d > k && strings.HasPrefix(s[d:], "호") {
						end = d + len("호")
					}
				}
			} else if d > k && strings.HasPrefix(s[d:], "호") {
				end = d + len("호")
			}
		}
		// Units before the road: "서울시 도봉구 ".
		for n := 0; n < 4 && a > 1 && s[a-1] == ' '; n++ {
			p := hangulWordBefore(s, a-1)
			if p == a-1 || !hangulUnit(s[p:a-1]) {
				break
			}
			a = p
		}
		c.add(a, end, KindAddress, "")
	}
}

// ukPlateShape reports whether t has two capital ASCII letters and two
// digits in a row, where ukPlateRe can match: a window of digits and
// words in lower case (a date, a phone number) spares the backtracker.
func ukPlateShape(_ window, t string) bool {
	for i := 0; i+3 < len(t); i++ {
		if isUpperASCII(t[i]) && isUpperASCII(t[i+1]) && isASCIIDigit(rune(t[i+2])) && isASCIIDigit(rune(t[i+3])) {
			return true
		}
	}
	return false
}

// esPlateShape reports whether t has four digits, a space or dash and a
// capital ASCII letter in a row, where esPlateRe can match.
func esPlateShape(_ window, t string) bool {
	for i := 0; i+5 < len(t); i++ {
		if isASCIIDigit(rune(t[i])) && isASCIIDigit(rune(t[i+1])) && isASCIIDigit(rune(t[i+2])) && isASCIIDigit(rune(t[i+3])) &&
			(t[i+4] == ' ' || t[i+4] == '-') && isUpperASCII(t[i+5]) {
			return true
		}
	}
	return false
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	plateWordCues      = newCues(plateWords...)
	roadSuffixCues     = newCues("-ro ", "-gil ", "-daero ", "-ro,", "-gil,")
	roadSuffixBareCues = newCues("-ro", "-gil", "-daero")
	hangulPlaceCues    = newCues("로", "길", "동", "리")
)
