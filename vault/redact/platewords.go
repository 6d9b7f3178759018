package redact

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plates read out in words (r14j), as a witness says them: "plate
// thirty-four na seven seven eight one" (34나 7781), "번호판 삼사나
// 칠칠팔일", "placas eme equis a doce treinta y cuatro", "номер машины о
// семьсот семьдесят семь хэ эм", "biển số 29A một hai ba bốn năm". A run
// of digit words alone is findWordDigits'; letters between them make a
// plate only after a plate word, but for the Korean form, whose Hangul
// letter between digit syllables is the plate's own shape.

// plateCues are the words a plate read in words follows, in the text
// with ASCII letters lower-cased; "reg" (Irish and British) only as a
// word, not the start of "regular".
var plateCues = []string{"plate", "licence", "license", "registration", "rego", "reg ", "reg.", "reg:", "tag", "번호판", "차량번호", "차 번호", "차번호", "placa", "matrícula",
	"biển số", "biển kiểm soát", "xe biển", "biển xe", "номер машины", "госномер", "номера машины", "车牌", "車牌",
	// German, Italian, French and Argentine Spanish (r18i).
	"kennzeichen", "nummernschild", "targa", "plaque", "immatriculation", "chapa"}

// letterPlateRe is a plate of two or three capitals and two to four
// digits, maybe a group after them, as Mexico and others write them
// (TLX-12-34, ABC-123-D, ABC 1234), after a plate cue.
var letterPlateRe = lazyRegexp(`^[A-Z]{2,3}[- ]?\d{2,4}(?:[- ]?(?:\d{2}|[A-Z]))?`)

// cyrillicPlateRe is a plate in Cyrillic capitals after a plate cue:
// Mongolian, four digits and three letters (1234 УБА), and Russian, a
// letter, three digits, two letters and the region (А123ВС 77).
var cyrillicPlateRe = lazyRegexp(`^(?:\d{4} ?[А-ЯЁӨҮ]{3}|[АВЕКМНОРСТУХ]\d{3} ?[АВЕКМНОРСТУХ]{2}(?: ?\d{2,3})?)`)

// russianYear reports a year and the Russian word for it (2019 ГОД,
// 1993 ГГ), no plate.
func russianYear(p string) bool {
	n, err := strconv.Atoi(p[:min(len(p), 4)])
	return err == nil && n >= 1900 && n <= 2099 && strings.HasPrefix(strings.TrimLeft(p[4:], " "), "Г")
}

// yearAfter reports letters and a year alone, no plate: "UN 2019".
func yearAfter(p string) bool {
	d := strings.TrimLeft(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	return len(d) == 5 && d[0] == ' ' && (d[1:3] == "19" || d[1:3] == "20")
}

// letterNames are the names of the letters of a plate read out: Spanish
// and Russian; a single Latin or Cyrillic letter and the romanised
// Korean plate letters are letters too (plateLetter).
var letterNames = map[string]bool{
	"be": true, "ce": true, "de": true, "efe": true, "ge": true, "hache": true, "jota": true, "ka": true, "ele": true,
	"eme": true, "ene": true, "pe": true, "cu": true, "erre": true, "ese": true, "te": true, "uve": true, "equis": true,
	"ye": true, "zeta": true,
	"бэ": true, "вэ": true, "гэ": true, "дэ": true, "эл": true, "эм": true, "эн": true, "пэ": true, "эр": true, "эс": true,
	"тэ": true, "эф": true, "ха": true, "хэ": true,
}

// hangulPlateGroup reads at s[i] the digits and letter of a Korean plate
// in Hangul (삼사나: two or three digit syllables and a plate letter, or
// a number in place values, 십이가) and
// returns its end and the number of its digits, or i and 0.
func hangulPlateGroup(s string, i int) (int, int) {
	// Read in place values: 십이가 (12가), 이십삼나 (23나).
	if e, d, ok := placeValue(s, i, hangulDigits); ok && len(d) <= 3 {
		if r, size := utf8.DecodeRuneInString(s[e:]); strings.ContainsRune(krPlateLetters, r) && hangulDigits[r] == 0 {
			return e + size, len(d)
		}
	}
	var ends [4]int
	n := 0
	for k := i; k < len(s) && n < 4; n++ {
		r, size := utf8.DecodeRuneInString(s[k:])
		if hangulDigits[r] == 0 {
			break
		}
		k += size
		ends[n] = k
	}
	if n < 2 {
		return i, 0
	}
	if r, size := utf8.DecodeRuneInString(s[ends[n-1]:]); n <= 3 && strings.ContainsRune(krPlateLetters, r) && hangulDigits[r] == 0 {
		return ends[n-1] + size, n
	}
	// 사 or 오, digits too, last: the letter (krPlateLetters) after two
	// or three digits.
	if r, _ := utf8.DecodeLastRuneInString(s[:ends[n-1]]); n >= 3 && (r == '사' || r == '오') {
		return ends[n-1], n - 1
	}
	return i, 0
}

// plateLetter returns the end of a plate letter read out at s[i]: a
// letter's name, one Latin or Cyrillic letter, or a romanised Korean
// plate letter, as a word of its own; or i.
func plateLetter(s, lower string, i int) int {
	w := letterWordEnd(s, i)
	if w == i || w < len(s) && isASCIIDigit(rune(s[w])) {
		return i
	}
	word := strings.ToLower(s[i:w])
	if letterNames[word] || utf8.RuneCountInString(word) == 1 || romanPlateLetter(lower[i:w]) {
		return w
	}
	return i
}

// romanPlateLetter reports whether w is a romanised Korean plate letter
// (romanPlateLetters).
func romanPlateLetter(w string) bool { return romanPlateSet[w] }

var romanPlateSet = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(strings.Trim(romanPlateLetters, "(?:)"), "|") {
		m[l] = true
	}
	return m
}()

// spokenPlates finds plates read in words: after a plate cue, within 24
// bytes, a run of up to eight tokens (digit words, digits with a letter
// or two written on, Hangul plate groups, plate letters) with three
// digits or more, at least one of them in words, and a letter; anywhere,
// a Hangul plate group and four digit syllables or a number of thousands
// after it (삼사나 칠칠팔일, 이십삼나 칠천칠백팔십일).
func spokenPlates(c *collector) {
	s, lower := c.s, c.lower
	run := wordRun{compounds: true}
	for _, at := range wordStarts(lower, plateCueList) {
		if !wordLeftOK(lower, at) {
			continue
		}
		i := at
		for i < len(s) && !tokenStart(s, i) || i == at {
			i = nextTokenStart(s, i)
		}
		for ; i < len(s) && i < at+24+len("biển kiểm soát"); i = nextTokenStart(s, i) {
			if a, b, ok := plateTokens(s, lower, i, &run); ok {
				c.add(a, b, KindPlate, "")
				break
			}
			// The letters of a plate go with its digits (placas
			// TLX-12-34, not TLX-[PLATE]).
			if m := letterPlateRe().FindStringIndex(s[i:min(len(s), i+16)]); m != nil && wordLeftOK(s, i) && numRightOK(s, i+m[1]) && !isASCIILetter(nextRune(s, i+m[1])) && !yearAfter(s[i:i+m[1]]) {
				c.add(i, i+m[1], KindPlate, "")
				break
			}
			if m := cyrillicPlateRe().FindStringIndex(s[i:min(len(s), i+24)]); m != nil && wordLeftOK(s, i) && !unicode.IsLetter(nextRune(s, i+m[1])) && !russianYear(s[i:i+m[1]]) {
				c.add(i, i+m[1], KindPlate, "")
				break
			}
			if e := cuedPlate(s, i); e > i && plateFillers(lower[at:i]) && !yearAfter(s[i:e]) {
				c.add(i, e, KindPlate, "")
				break
			}
		}
	}
	for i := 0; i < len(s); {
		if s[i] < 0xea || s[i] > 0xed {
			i++ // no lead byte of a Hangul syllable
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !mayBeNumeral(r) || hangulDigits[r] == 0 && r != '십' && r != '백' || isHangul(prevRune(s, i)) {
			i += max(size, 1)
			continue
		}
		e, n := hangulPlateGroup(s, i)
		k := e
		if k < len(s) && s[k] == ' ' {
			k++
		}
		// The four digits in place values, a thousand first, in four
		// syllables or more and no counter after them: 이십삼나
		// 칠천칠백팔십일, not 오백이나 천 원.
		if p, d, ok := placeValue(s, k, hangulDigits); n > 0 && ok && len(d) == 4 && p-k >= 4*len("천") && plateEnd(s, p) && !countedAt(s, p+separator(s, p)) {
			c.add(i, p, KindPlate, "")
			i = p
			continue
		}
		m := 0
		for m < 4 && hangulDigits[nextRune(s, k)] != 0 {
			k += len("일")
			m++
		}
		if n > 0 && m == 4 && plateEnd(s, k) && !counting(digitsOf(s[e:k])) && !strings.HasSuffix(s[e:k], "사이사이") {
			c.add(i, k, KindPlate, "")
			i = k
			continue
		}
		i += size
	}
}

// cuedPlate returns the end of a plate in any country's notation at s[i],
// after a plate cue (California plate 7ABC123, Texas plate 5KJX221, NSW
// plate BX-45-TT, Kennzeichen B-MK 4521, Indian KA-01-MG-2345): a token
// of 4 to 11 letters and digits with both in it,
// its groups joined by one hyphen, full stop or space (no group in
// lower case beside a space), not glued to a letter or digit; or i.
// "plate 3 of the report" and "a plate of rice" stay.
func cuedPlate(s string, i int) int {
	n, end := 0, i
	letters, digits, small := false, false, false
	for k := i; n <= 11; {
		g, letter, digit, lower := k, false, false, false
		for g < len(s) && isASCIIAlnum(s[g]) {
			letter = letter || isASCIILetter(rune(s[g]))
			digit = digit || isASCIIDigit(rune(s[g]))
			lower = lower || 'a' <= s[g] && s[g] <= 'z'
			g++
		}
		if k > i && s[k-1] == ' ' && (lower || small) {
			break // a word in lower case is no group apart: "is 7ABC123", "room 12B"
		}
		n, end, small = n+g-k, g, lower
		letters, digits = letters || letter, digits || digit
		if g+1 >= len(s) || strings.IndexByte("-. ", s[g]) < 0 || !isASCIIAlnum(s[g+1]) {
			break
		}
		k = g + 1
	}
	if n < 4 || n > 11 || !letters || !digits || !wordLeftOK(s, i) || !wordRightOK(s, end) {
		return i
	}
	return end
}

// plateFillers reports whether the words of between, the text from a
// plate cue to a token, are the cue and words that may stand between it
// and a plate (plate number is, licence plate no.): a token further on is
// no plate of the cue's ("licence 45 of 2019 to COVID19").
func plateFillers(between string) bool {
	words := strings.FieldsFunc(between, func(r rune) bool { return r >= utf8.RuneSelf || !isASCIIAlnum(byte(r)) })
	for _, w := range words[min(1, len(words)):] {
		if !plateFillerWords[w] {
			return false
		}
	}
	return true
}

var plateFillerWords = wordSetOf("number", "no", "num", "nr", "is", "was", "plate", "plates", "reads", "read", "said", "tag", "tags")

// viTens returns the end of a Vietnamese number of two digits read in
// tens at s[i], a plate's province code (ba mươi, ba mươi bảy, mười
// lăm), or i.
func viTens(s, lower string, i int) int {
	w := letterWordEnd(s, i)
	next := func(k int) (int, string) {
		k += separator(s, k)
		e := letterWordEnd(s, k)
		return e, lower[k:e]
	}
	e, tens := w, lower[i:w]
	if tens != "mười" {
		if spokenDigits[tens] == 0 || spokenDigits[tens] == '0' {
			return i
		}
		var word string
		if e, word = next(w); word != "mươi" {
			return i
		}
	}
	if u, word := next(e); spokenDigits[word] != 0 && word != "không" {
		return u
	}
	return e
}

// hangulPlateNumber reads at s[i] the number of a Korean plate after its
// letter, in digit syllables or place values, with a particle or copula
// after it (삼사오육이었어요, 삼천사백오십육이에요: the 이 is the copula's), and
// returns its end and digits, or i and 0.
func hangulPlateNumber(s string, i int) (int, int) {
	k := i
	for hangulDigits[nextRune(s, k)] != 0 {
		k += len("일")
	}
	switch n := (k - i) / len("일"); {
	case n >= 3 && plateEnd(s, k):
		return k, n
	case n >= 4 && strings.HasSuffix(s[:k], "이") && plateEnd(s, k-len("이")):
		return k - len("이"), n - 1
	}
	if e, d, ok := placeValue(s, i, hangulDigits); ok && len(d) >= 3 && plateEnd(s, e) {
		return e, len(d)
	}
	return i, 0
}

// plateParticles may follow a plate in Hangul: 칠칠팔일이었다, 칠칠팔일로.
var plateParticles = []string{"이었", "이에요", "이예요", "이야", "이다", "이고", "이라", "였", "예요", "로", "으로", "를", "을", "가", "는", "은", "번"}

// plateEnd reports whether a plate in Hangul may end at s[k]: no Hangul
// after it but a particle.
func plateEnd(s string, k int) bool {
	if !isHangul(nextRune(s, k)) {
		return true
	}
	for _, p := range plateParticles {
		if strings.HasPrefix(s[k:], p) {
			return true
		}
	}
	return false
}

// digitsOf returns the digits of a run of Hangul digit syllables.
func digitsOf(h string) []byte {
	var d []byte
	for _, r := range h {
		if x := hangulDigits[r]; x != 0 {
			d = append(d, x)
		}
	}
	return d
}

// plateTokens reads at s[i] the tokens of a plate read out and returns
// its bounds if it is one.
func plateTokens(s, lower string, i int, run *wordRun) (int, int, bool) {
	start, end, digits, letters, spelt := i, i, 0, 0, false
	for n := 0; n < 8 && i < len(s); n++ {
		e := i
		if g, d := hangulPlateGroup(s, i); d > 0 {
			e, digits, letters, spelt = g, digits+d, letters+1, true
		} else if g := viTens(s, lower, i); g > i {
			e, digits, spelt = g, digits+2, true
		} else if readRun(s, lower, i, min(len(s), i+96), run); run.n > 0 && run.spelt > 0 {
			e, digits, spelt = run.end, digits+run.n, true
		} else if g, d := hangulPlateNumber(s, i); d > 0 && letters > 0 {
			e, digits, spelt = g, digits+d, true
		} else if d, letter := digitGroup(s, i); d > i {
			for k := i; k < d; k++ {
				if isASCIIDigit(rune(s[k])) {
					digits++
				}
			}
			if e = d; letter {
				letters++
			}
		} else if p := plateLetter(s, lower, i); p > i && (digits == 0 || !strings.ContainsAny(s[end:i], ",.;")) {
			// Letters after the digits only in the same breath: "seven
			// eight one, I said" ends at one.
			e, letters = p, letters+1
		}
		if e == i {
			break
		}
		end = e
		i = e + separator(s, e)
	}
	return start, end, digits >= 3 && letters > 0 && spelt && numRightOK(s, end)
}

// digitGroup returns the end of a plate's group of one to four digits,
// maybe with one or two letters written on (29A, 34나), and whether it
// has them; or i.
func digitGroup(s string, i int) (int, bool) {
	k := i
	for k < len(s) && k-i < 4 && isASCIIDigit(rune(s[k])) {
		k++
	}
	if k == i {
		return i, false
	}
	if r, size := utf8.DecodeRuneInString(s[k:]); strings.ContainsRune(krPlateLetters, r) {
		return k + size, true
	}
	e := k
	for e < len(s) && e-k < 2 && isASCIILetter(rune(s[e])) {
		e++
	}
	if e < len(s) && (isASCIILetter(rune(s[e])) || isASCIIDigit(rune(s[e]))) {
		return i, false
	}
	return e, e > k
}

// natoLetters are the words of the NATO spelling alphabet, lower case
// ("x-ray" as "x" and "ray" is read whole by natoWord).
var natoLetters = wordSetOf("alfa", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
	"juliet", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
	"uniform", "victor", "whiskey", "whisky", "xray", "yankee", "zulu")

// natoStarts are the first two letters of natoLetters, "x-ray" and the
// words of englishDigits: natoPlates reads a word only where they start.
var natoStarts = func() *runePairs {
	p := &runePairs{other: map[[2]rune]bool{}}
	for _, keys := range []func(func(string) bool){maps.Keys(natoLetters), maps.Keys(englishDigits), slices.Values([]string{"x-ray"})} {
		for w := range keys {
			p.add(w)
		}
	}
	return p
}()

// mayStartNato reports whether a word of natoStarts may start at
// lower[k]: at most words of a text none does, and natoPlates looks no
// word up there.
func mayStartNato(lower string, k int) bool {
	if k+1 >= len(lower) {
		return false // no word of one letter spells (not "o", nor "x" without "-ray")
	}
	a, b := lower[k], lower[k+1]
	return a < utf8.RuneSelf && b < utf8.RuneSelf && natoStarts.ascii[a][b/64]&(1<<(b%64)) != 0
}

// natoWord returns the end of a NATO spelling word at s[i] (X-ray, xray
// too), or i.
func natoWord(lower string, i int) int {
	e := letterWordEnd(lower, i)
	if e == i {
		return i
	}
	if lower[i:e] == "x" && strings.HasPrefix(lower[e:], "-ray") {
		e += len("-ray")
	} else if !natoLetters[lower[i:e]] {
		return i
	}
	if e < len(lower) && (isASCIILetter(rune(lower[e])) || isASCIIDigit(rune(lower[e]))) {
		return i
	}
	return e
}

// natoPlates finds a plate or other identifier spelt in the NATO alphabet
// anywhere ("Lima Delta One Nine X-ray Kilo Foxtrot"): a run of four
// words or more, each a NATO word or an English digit word, two NATO
// words and one digit word at least, apart by spaces or hyphens. Such a
// run spells; a NATO word in it is no name (Lima).
func natoPlates(c *collector) {
	s, lower := c.s, c.lower
	// Two NATO words at least, or no word of the text is read: most
	// texts have none.
	nato := 0
	for _, k := range wordStarts(lower, natoCues) {
		if natoWord(lower, k) > k {
			nato++
		}
	}
	if nato < 2 {
		return
	}
	for i := 0; i < len(s); {
		if !isASCIILetter(rune(s[i])) || isWordByteBefore(s, i) {
			i++
			continue
		}
		start, end, words, nato, digits := i, i, 0, 0, 0
		for k := i; k < len(s) && mayStartNato(lower, k); {
			if e := natoWord(lower, k); e > k {
				nato++
				end = e
			} else if e := letterWordEnd(lower, k); e > k && englishDigits[lower[k:e]] != 0 && lower[k:e] != "o" && lower[k:e] != "oh" {
				digits++
				end = e
			} else {
				break
			}
			words++
			k = end
			for k < len(s) && (s[k] == ' ' || s[k] == '-') {
				k++
			}
		}
		if words >= 4 && nato >= 2 && digits >= 1 {
			c.add(start, end, KindPlate, "")
			i = end
			continue
		}
		// A run that does not spell has no part that does: on after it,
		// so that the scan stays linear.
		i = max(end, letterWordEnd(s, i), i+1)
	}
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	plateCueList = newCues(plateCues...)
	natoCues     = newCues(append(slices.Sorted(maps.Keys(natoLetters)), "x-ray")...)
)
