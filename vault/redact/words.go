package redact

import (
	"fmt"
	"maps"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers read out in digit words: a phone number or an identifier
// written "zero one zero, five five one two, three three nine one",
// "oh-one-oh ...", "double five", "공일공 오오일이 삼삼구일" or mixed with
// digits ("010 five five one two 3391").

// englishDigits are the English digit words and the digit each stands for.
var englishDigits = map[string]byte{
	"zero": '0', "oh": '0', "o": '0', "nought": '0', "one": '1', "two": '2', "three": '3', "four": '4',
	"five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9',
}

// spokenDigits are the digit words of other languages written in letters,
// lower case, composed (NFC): Vietnamese (không, một, ..., with the
// readings linh and lẻ for 0, mốt for 1, tư for 4, lăm for 5 and bẩy for
// 7), Russian (ноль, один, ...) and romanceDigits. Many are everyday
// words (ba, hai, năm "year", три, dos), so they make a number only in a
// run of seven digits or more, as English ones do.
var spokenDigits = func() map[string]byte {
	m := map[string]byte{
		"không": '0', "linh": '0', "lẻ": '0', "một": '1', "mốt": '1', "hai": '2', "ba": '3', "bốn": '4', "tư": '4',
		"năm": '5', "lăm": '5', "sáu": '6', "bảy": '7', "bẩy": '7', "tám": '8', "chín": '9',
		"ноль": '0', "нуль": '0', "один": '1', "одна": '1', "два": '2', "две": '2', "три": '3', "четыре": '4',
		"пять": '5', "шесть": '6', "семь": '7', "восемь": '8', "девять": '9',
	}
	maps.Copy(m, romanceDigits)
	maps.Copy(m, moreDigits)
	return m
}()

// romanceDigits are the Spanish, Portuguese and French digit words
// (English zero and six are the same words; French un and Portuguese um
// are left out: they are the articles).
var romanceDigits = map[string]byte{
	"cero": '0', "uno": '1', "dos": '2', "tres": '3', "cuatro": '4', "cinco": '5', "seis": '6', "siete": '7', "ocho": '8', "nueve": '9',
	"dois": '2', "duas": '2', "três": '3', "quatro": '4', "sete": '7', "oito": '8', "nove": '9',
	"zéro": '0', "deux": '2', "trois": '3', "quatre": '4', "cinq": '5', "sept": '7', "huit": '8', "neuf": '9',
}

// moreDigits are the digit words of Ukrainian, Polish, Haitian Creole
// and Tagalog (r17g), whose units follow tens as Russian ones do, and
// of Persian, Arabic and Amharic, read one by one (a phone's tens in
// those languages are not read). A
// Ukrainian word is looked up without its apostrophe (п'ять is "пять",
// numWordKey). Words that are common words of the other languages (Creole
// en and de, Polish zero aside) are left out: a digit said so breaks a
// run.
var moreDigits = map[string]byte{
	"одна": '1', "дві": '2', "чотири": '4', "шість": '6', "сім": '7', "вісім": '8',
	"jeden": '1', "jedna": '1', "dwa": '2', "dwie": '2', "trzy": '3', "cztery": '4', "pięć": '5', "sześć": '6',
	"siedem": '7', "osiem": '8', "dziewięć": '9',
	"zewo": '0', "twa": '3', "kat": '4', "senk": '5', "sis": '6', "sèt": '7', "uit": '8', "nèf": '9',
	"sero": '0', "isa": '1', "isang": '1', "dalawa": '2', "dalawang": '2', "tatlo": '3', "tatlong": '3', "apat": '4',
	"lima": '5', "limang": '5', "anim": '6', "pito": '7', "pitong": '7', "walo": '8', "walong": '8', "siyam": '9',
	// Persian, Arabic and Amharic digits, read one by one.
	"صفر": '0', "یک": '1', "دو": '2', "سه": '3', "چهار": '4', "پنج": '5', "شش": '6', "هفت": '7', "هشت": '8', "نه": '9',
	"واحد": '1', "اثنان": '2', "اثنين": '2', "ثلاثة": '3', "أربعة": '4', "اربعة": '4', "خمسة": '5', "ستة": '6', "سبعة": '7',
	"ثمانية": '8', "تسعة": '9',
	"ዜሮ": '0', "አንድ": '1', "ሁለት": '2', "ሶስት": '3', "ሦስት": '3', "አራት": '4', "አምስት": '5', "ስድስት": '6', "ሰባት": '7',
	"ስምንት": '8', "ዘጠኝ": '9',
	// r18a: Turkish, whose units follow tens and hundreds (kırk beş,
	// beş yüz otuz iki), and Somali, read one by one (lix kow, shan shan
	// shan).
	"sıfır": '0', "bir": '1', "iki": '2', "üç": '3', "dört": '4', "beş": '5', "altı": '6', "yedi": '7', "sekiz": '8',
	"dokuz": '9',
	"eber":  '0', "kow": '1', "koow": '1', "laba": '2', "saddex": '3', "afar": '4', "shan": '5', "lix": '6', "toddoba": '7',
	"siddeed": '8', "sagaal": '9',
}

// numWordKey returns w as the number tables spell it: a Cyrillic word
// without its apostrophe (Ukrainian п'ять, дев'ять).
func numWordKey(w string) string {
	if !isCyrillic(w) || !strings.ContainsAny(w, "'’ʼ") {
		return w
	}
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, w)
}

// repeaters say a digit word after them stands for two or three digits
// (double five, triple seven).
var repeaters = map[string]int{"double": 2, "triple": 3}

// hangulDigits are the Sino-Korean digit syllables a number is read in,
// hanDigits the Chinese digit characters, each with its digit (幺 and 洞
// are 1 and 0 as they are read out over the telephone and radio).
var (
	hangulDigits = map[rune]byte{'공': '0', '영': '0', '일': '1', '이': '2', '삼': '3', '사': '4', '오': '5', '육': '6', '륙': '6', '칠': '7', '팔': '8', '구': '9'}
	hanDigits    = map[rune]byte{'〇': '0', '零': '0', '洞': '0', '幺': '1', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}
)

// minWordDigits is the fewest digits a run of digit words must spell,
// minSpelt the fewest of them spelt in words, not digits.
const (
	minWordDigits = 7
	minSpelt      = 4
)

// wordRun is a run of digit tokens being read.
type wordRun struct {
	start, end int
	digits     []byte // the digits spelt, at most maxRunDigits kept
	n, spelt   int    // digits in all, and those spelt in words
	// strong: a Hangul or Chinese group of three digits or more, or one
	// with a zero; a run with Hangul or Chinese groups needs one, since
	// one- and two-syllable digit words are everyday words too (이
	// "this", 오이 "cucumber", 이사 "a move").
	weakGroups, strong bool
	// glued: digits and a digit word written together in one group
	// ("88three4"), which nobody writes but to hide a number.
	glued bool
	// placed: a group read in thousands and hundreds (사천백이십칠), as a
	// count is; the run is a number only as a phone number.
	placed bool
	// compounds: read English and Russian numbers of tens and hundreds as
	// groups (countedGroup), which only spokenPhones and Numbers do;
	// counted: the run holds one.
	compounds, counted bool
	// starts[k] and ends[k] are the bounds of the k-th token and
	// counts[k] the digits read up to its end, for the tokens whose
	// digits are all kept.
	starts, ends, counts []int
}

const maxRunDigits = 32

func (r *wordRun) push(d byte, k int, spelt bool) {
	for range k {
		if len(r.digits) < maxRunDigits {
			r.digits = append(r.digits, d)
		}
		r.n++
		if spelt {
			r.spelt++
		}
	}
}

// findWordDigits finds the runs of at least seven digits read out in
// digit words (English, Sino-Korean, Chinese), maybe mixed with groups of
// up to four digits, and at least four of them in words: a phone number
// when it starts with a zero and has nine to twelve digits, an id-number
// otherwise. Tokens are separated by a space, or a dash, comma, slash or dot
// with an optional space either side (not a full stop before a space:
// "one. Three days later"), or nothing between Hangul or Chinese digits
// (오오일이); a Hangul or Chinese group may have a particle after it
// when it ends the run (삼삼구일이에요), not when it would start one. A count ("one two three four
// five six seven": each digit one more or one less than the one before)
// is no number.
func findWordDigits(c *collector) {
	var run wordRun
	eachRun(c.nt, &run, func() {
		if run.n > 0 {
			phone := run.digits[0] == '0' && run.n >= 10 && run.n <= 11
			if run.n >= minWordDigits && (run.spelt >= minSpelt || run.glued || spokenPrefix(run)) && (!run.weakGroups || run.strong) && !counting(run.digits) && (!run.placed || phone) {
				k := KindIDNumber
				if run.digits[0] == '0' && run.n >= 9 && run.n <= 12 {
					k = KindPhone
				}
				c.add(run.start, run.end, k, "")
			}
		}
	})
}

// eachRun reads into run (its compounds flag kept) each run of digit
// tokens of nt's text, as a walk from token start to token start would
// (nextTokenStart, from the run's end after each), and calls fn after
// each; it reads from the starts digitRunStarts kept only, as a run
// starts nowhere else, but in a text too long for normMemo, which one
// rule alone reads.
func eachRun(nt *normText, run *wordRun, fn func()) {
	if len(nt.orig) > memoMax {
		// The walk, without a set of a bit a byte on the heap (a long
		// narrative's segment is 320 KiB).
		for i := 0; i < len(nt.s); i = nextTokenStart(nt.s, i) {
			i = readRun(nt.s, nt.lower, i, len(nt.s), run)
			fn()
		}
		return
	}
	starts := nt.digitRunStarts()
	for i := nextStart(starts, 0); i >= 0; {
		end := readRun(nt.s, nt.lower, i, len(nt.s), run)
		fn()
		// The walk goes on from the token start after the run's end.
		i = nextStart(starts, end+1)
	}
}

// digitRunStarts returns, made once for nt, the offsets of nt.s where a
// run of digit tokens may start, as the bits of a set: the first, and
// each token start (nextTokenStart) where digitToken does not turn the
// token down at sight (mayBeDigitToken). The recognisers and a view's
// registered numbers (spokenNumbers) both read each text's runs: the
// walk, a tenth of Recognise on a text without digit words, is made once
// a text, and the set takes a bit a byte of it.
func (nt *normText) digitRunStarts() []uint64 {
	nt.runStartsOnce.Do(func() {
		s := nt.s
		nt.runStarts = make([]uint64, (len(s)+63)/64)
		for i := 0; i < len(s); i = nextTokenStart(s, i) {
			if mayBeDigitToken(s, nt.lower, i) {
				nt.runStarts[i/64] |= 1 << (i % 64)
			}
		}
	})
	return nt.runStarts
}

// nextStart returns the first offset from i on in the set starts, or -1.
func nextStart(starts []uint64, i int) int {
	for w := i / 64; w < len(starts); w++ {
		b := starts[w]
		if w == i/64 {
			b &= ^uint64(0) << (i % 64)
		}
		if b != 0 {
			return w*64 + bits.TrailingZeros64(b)
		}
	}
	return -1
}

// readRun reads into run (emptied first, its compounds flag kept) the
// run of digit tokens that starts at s[i], up to limit, and returns where
// it stopped: at the token that does not continue it.
func readRun(s, lower string, i, limit int, run *wordRun) int {
	*run = wordRun{digits: run.digits[:0], starts: run.starts[:0], ends: run.ends[:0], counts: run.counts[:0], compounds: run.compounds}
	for i < limit {
		j, ok := digitToken(s[:limit], lower[:limit], i, run)
		if !ok || j <= i {
			break
		}
		run.end = j
		if run.n == len(run.digits) {
			run.starts, run.ends, run.counts = append(run.starts, i), append(run.ends, j), append(run.counts, run.n)
		}
		if k := separator(s, j); k > 0 && j+k < limit {
			i = j + k
			continue
		}
		i = j
	}
	return i
}

// nextTokenStart returns the first token start after the rune at s[i].
func nextTokenStart(s string, i int) int {
	if i >= len(s) {
		return i
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	i += max(size, 1)
	for i < len(s) {
		// An ASCII byte starts a token if it is a letter or digit after
		// anything but one (tokenStart), which needs no decoding: most
		// bytes of most texts, walked twice a text (TestNextTokenStart).
		if c := s[i]; c < utf8.RuneSelf {
			// A letter after a Latin letter outside ASCII is inside its
			// word (tokenStart).
			if isASCIIAlnum(c) && !isASCIIAlnum(s[i-1]) && !(s[i-1] >= utf8.RuneSelf && isASCIILetter(rune(c)) && unicode.Is(unicode.Latin, prevRune(s, i))) {
				return i
			}
			i++
			continue
		}
		if tokenStart(s, i) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += max(size, 1)
	}
	return i
}

func isASCIIAlnum(c byte) bool { return isASCIILetter(rune(c)) || isASCIIDigit(rune(c)) }

// tokenStart reports whether a digit token may start at s[i]: after
// anything but an ASCII letter or digit, or at a change of script.
func tokenStart(s string, i int) bool {
	p := prevRune(s, i)
	r := nextRune(s, i)
	switch {
	case isASCIILetter(r) && p >= utf8.RuneSelf && unicode.Is(unicode.Latin, p):
		return false // inside a word: the i of mươi
	case isASCIILetter(r) || isASCIIDigit(r):
		return !(isASCIILetter(p) || isASCIIDigit(p))
	case unicode.IsLetter(r) && !isHangul(r) && !isHanRune(r):
		return !unicode.IsLetter(p) && !isASCIIDigit(p)
	case !mayBeNumeral(r):
		return false
	case hangulDigits[r] != 0 || placeUnits[r] != 0 && !hanUnit(r):
		return !isHangul(p)
	case hanDigits[r] != 0 || hanUnit(r):
		return hanDigits[p] == 0 && !hanUnit(p)
	}
	return false
}

func isHangul(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// separator returns the length of the separator between two digit tokens
// at s[j], or 0.
func separator(s string, j int) int {
	k := j
	if k < len(s) && s[k] == ' ' {
		k++
	}
	// Not a full stop before a space: "one. Three days later" is two
	// sentences.
	if k < len(s) && strings.IndexByte("-,/", s[k]) >= 0 || k+1 < len(s) && s[k] == '.' && s[k+1] != ' ' || strings.HasPrefix(s[k:], "،") {
		// The Arabic comma (،) too, as Persian and Arabic write a
		// number's groups.
		k += utf8.RuneLen(nextRune(s, k))
		if k < len(s) && s[k] == ' ' {
			k++
		}
	}
	return k - j
}

// digitToken reads the digit token at s[i], if there is one, into run
// (starting the run if it is empty), and returns its end. The token
// must start where tokenStart allows.
func digitToken(s, lower string, i int, run *wordRun) (int, bool) {
	if !mayBeDigitToken(s, lower, i) {
		return 0, false
	}
	return readDigitToken(s, lower, i, run)
}

// mayBeDigitToken reports whether readDigitToken may read a token at
// s[i]. Most words of a text are not: no word table readDigitToken looks
// up has a word that starts so, or has the word, and all it reads but
// Hangul and Chinese digits is such a word or ASCII digits.
func mayBeDigitToken(s, lower string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r >= hangulHanFrom || isASCIIDigit(r) || mayStartDigitWord(r, s[i+size:]) && isDigitWord(s, lower, i)
}

// readDigitToken is digitToken without its first look at s[i].
func readDigitToken(s, lower string, i int, run *wordRun) (int, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	begin := func() {
		if run.n == 0 {
			run.start = i
		}
	}
	if run.compounds {
		if w, digits := countedGroup(s, lower, i); w > i {
			begin()
			for _, d := range digits {
				run.push(d, 1, true)
			}
			run.counted = true
			return w, true
		}
	}
	if w := digitWordEnd(s, i); w > i {
		if d, ok := spokenDigits[numWordKey(strings.ToLower(s[i:w]))]; ok && !isASCIIDigit(nextRune(s, w)) {
			begin()
			run.push(d, 1, true)
			return w, true
		}
	}
	switch {
	case isASCIILetter(r):
		w := i
		for w < len(lower) && isASCIILetter(rune(lower[w])) {
			w++
		}
		word := lower[i:w]
		if isASCIIDigit(nextRune(s, w)) || isASCIIDigit(prevRune(s, i)) {
			// Written onto digits: "88three4".
			if !gluedWord(lower, i) {
				return 0, false
			}
			begin()
			run.push(englishDigits[word], 1, true)
			run.glued = true
			return w, true
		}
		if k := repeaters[word]; k > 0 {
			// double five: the digit word after one space or dash.
			if w+1 < len(lower) && (lower[w] == ' ' || lower[w] == '-') {
				x := w + 1
				for x < len(lower) && isASCIILetter(rune(lower[x])) {
					x++
				}
				if d, ok := englishDigits[lower[w+1:x]]; ok && !isASCIIDigit(nextRune(s, x)) {
					begin()
					run.push(d, k, true)
					return x, true
				}
			}
			return 0, false
		}
		d, ok := englishDigits[word]
		if !ok || word == "o" && run.n == 0 && !strings.HasPrefix(s[w:], "-") {
			return 0, false // "o" alone only as "o-one-o"
		}
		begin()
		run.push(d, 1, true)
		return w, true
	case isASCIIDigit(r):
		w := i
		for w < len(s) && isASCIIDigit(rune(s[w])) {
			w++
		}
		glued := gluedWord(lower, w)
		if w-i > 4 || isASCIILetter(nextRune(s, w)) && !glued || run.n == 0 && !glued && !spokenAfter(s, lower, w) {
			return 0, false // a long number stands alone; a run starts with a word
		}
		begin()
		for k := i; k < w; k++ {
			run.push(s[k], 1, false)
		}
		return w, true
	case mayBeNumeral(r) && (hangulDigits[r] != 0 || hanDigits[r] != 0 || placeUnits[r] != 0):
		table, script := hangulDigits, isHangul
		if hanDigits[r] != 0 || hanUnit(r) {
			table, script = hanDigits, func(r rune) bool { return isHanRune(r) }
		}
		if run.placed && run.end == i {
			return 0, false // a particle after the group (육이에요)
		}
		if w, digits, ok := placeValue(s, i, table); ok && !strings.ContainsRune(counters+hanCounters, nextRune(s, w)) {
			// A group read in thousands and hundreds: a group of a phone
			// number only (see flush).
			begin()
			for k := range len(digits) {
				run.push(digits[k], 1, true)
			}
			run.weakGroups, run.strong, run.placed = true, true, true
			return w, true
		}
		if placeUnits[r] != 0 {
			return 0, false
		}
		w, n, zero := i, 0, false
		for w < len(s) {
			q, sz := utf8.DecodeRuneInString(s[w:])
			d := table[q]
			if d == 0 {
				break
			}
			zero = zero || d == '0'
			n++
			w += sz
		}
		// A group that goes on in a word is a word (이것, 사람, 오이를),
		// unless it ends a run (삼삼구일로, 구 일로).
		if script(nextRune(s, w)) && run.n == 0 && n < minWordDigits {
			return 0, false
		}
		begin()
		for k := i; k < w; {
			q, sz := utf8.DecodeRuneInString(s[k:])
			run.push(table[q], 1, true)
			k += sz
		}
		run.weakGroups = true
		run.strong = run.strong || n >= 3 || zero
		return w, true
	}
	return 0, false
}

// mayBeNumeral reports whether r may be a Hangul or Chinese digit or
// unit (hangulDigits, hanDigits, placeUnits) by one bit of numeralBits,
// which have few other runes: most syllables of a Korean text are none,
// and looking each up in the three maps, again at each rule that reads
// numbers, was a tenth of Recognise on the synthetic narratives.
func mayBeNumeral(r rune) bool { return numeralBits[r>>6&63]&(1<<(r&63)) != 0 }

// numeralBits has the bit r&4095 of every rune r of hangulDigits,
// hanDigits and placeUnits.
var numeralBits = func() (b [64]uint64) {
	for _, keys := range []func(func(rune) bool){maps.Keys(hangulDigits), maps.Keys(hanDigits), maps.Keys(placeUnits)} {
		for r := range keys {
			b[r>>6&63] |= 1 << (r & 63)
		}
	}
	return b
}()

// hangulHanFrom is below every Hangul and Chinese digit and unit
// (hangulDigits, hanDigits, placeUnits; 〇 is U+3007).
const hangulHanFrom = 0x3000

// digitWords are the words of every word table readDigitToken looks up,
// lower case (a table it reads must be listed here), and
// digitWordStarts the first two runes of each.
var digitWords, digitWordStarts = func() (map[string]bool, *runePairs) {
	words, starts := map[string]bool{}, &runePairs{other: map[[2]rune]bool{}}
	for _, keys := range []func(func(string) bool){maps.Keys(countWords), maps.Keys(spokenDigits), maps.Keys(numberWords),
		maps.Keys(englishDigits), maps.Keys(repeaters)} {
		for w := range keys {
			words[strings.ToLower(w)] = true
			starts.add(w)
		}
	}
	return words, starts
}()

// isDigitWord reports whether readDigitToken may find a word of
// digitWords at s[i]: it looks them up as the word of letters there
// (digitWordEnd) lowered, rune by rune (as numWordKey spells it) or its
// ASCII letters only, and as
// the ASCII letters there lowered (lower is s with its ASCII letters
// lowered).
func isDigitWord(s, lower string, i int) bool {
	w := digitWordEnd(s, i)
	x := i // the ASCII letters at s[i] end at x, w or before
	for x < w && isASCIILetter(rune(lower[x])) {
		x++
	}
	switch {
	case digitWords[lower[i:w]]:
		return true
	case x == w:
		return false // ASCII letters: lowered alike either way
	}
	return digitWords[numWordKey(strings.ToLower(s[i:w]))] || digitWords[lower[i:x]]
}

// runePairs is a set of the first two runes of words, lower case, with
// the pairs of ASCII letters in a bitmap: looked up at every word of a
// text.
type runePairs struct {
	one   [utf8.RuneSelf]bool // the first runes of the words of one rune
	ascii [utf8.RuneSelf][2]uint64
	other map[[2]rune]bool
}

func (p *runePairs) add(w string) {
	rs := []rune(w)
	if len(rs) == 0 {
		return
	}
	r := unicode.ToLower(rs[0])
	if len(rs) == 1 {
		if r < utf8.RuneSelf {
			p.one[r] = true
		} else {
			p.other[[2]rune{r, 0}] = true
		}
		return
	}
	next := unicode.ToLower(rs[1])
	if r < utf8.RuneSelf && next < utf8.RuneSelf {
		p.ascii[r][next/64] |= 1 << (next % 64)
		return
	}
	p.other[[2]rune{r, next}] = true
}

// mayStartDigitWord reports whether a word of digitWordStarts may start
// with rune r, rest being the text after it. The tables are looked up
// with the word lowered (strings.ToLower, rune by rune, or ASCII only),
// so r and the rune after it are lowered here; a word of one rune ("o")
// is looked up as the ASCII letters at r, so r alone is enough for it
// whatever follows.
func mayStartDigitWord(r rune, rest string) bool {
	p := digitWordStarts
	next := utf8.RuneError
	if rest != "" {
		if c := rest[0]; c < utf8.RuneSelf {
			next = rune(c)
		} else {
			next, _ = utf8.DecodeRuneInString(rest)
		}
		if isApostrophe(next) && isCyrillicRune(r) {
			// The tables spell a Ukrainian word without its apostrophe
			// (numWordKey: п'ять is пять).
			_, n := utf8.DecodeRuneInString(rest)
			next, _ = utf8.DecodeRuneInString(rest[n:])
		}
	}
	if r < utf8.RuneSelf && next < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if 'A' <= next && next <= 'Z' {
			next += 'a' - 'A'
		}
	} else {
		// Lowered, a rune may be ASCII (the Kelvin sign is k).
		r, next = unicode.ToLower(r), unicode.ToLower(next)
	}
	switch {
	case r < utf8.RuneSelf && p.one[r]:
		return true
	case r < utf8.RuneSelf && next < utf8.RuneSelf:
		return p.ascii[r][next/64]&(1<<(next%64)) != 0
	}
	return p.other[[2]rune{r, 0}] || p.other[[2]rune{r, next}]
}

// letterWordEnd returns the end of the word of letters and marks at
// s[i], outside Hangul and Han, or i.
func letterWordEnd(s string, i int) int { return wordEndWithin(s, i, len(s)) }

// maxDigitWordRunes is the length in runes of the longest word of
// digitWords.
var maxDigitWordRunes = func() int {
	n := 0
	for w := range digitWords {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

// digitWordEnd is letterWordEnd for the digit readers, which start at
// every token of a word that changes script ("бonбon..."): it reads at
// most maxDigitWordRunes+1 runes, so a longer word ends too early to be
// any word of their tables (lowering keeps the number of runes), and a
// long word costs each start O(1), not the rest of the word.
func digitWordEnd(s string, i int) int { return wordEndWithin(s, i, maxDigitWordRunes+1) }

// wordEndWithin is letterWordEnd reading at most n runes.
func wordEndWithin(s string, i, n int) int {
	w := i
	for ; w < len(s) && n > 0; n-- {
		if c := s[w]; c < utf8.RuneSelf {
			// No ASCII byte is a mark, Hangul or Han.
			if c == '\'' && w > i && isCyrillicRune(prevRune(s, w)) && isCyrillicRune(nextRune(s, w+1)) {
				w++ // a Ukrainian word (п'ять, Мар'яна)
				continue
			}
			if !isASCIILetter(rune(c)) {
				break
			}
			w++
			continue
		}
		q, sz := utf8.DecodeRuneInString(s[w:])
		if isApostrophe(q) && w > i && isCyrillicRune(prevRune(s, w)) && isCyrillicRune(nextRune(s, w+sz)) {
			w += sz // a Ukrainian word (п'ять, Мар'яна)
			continue
		}
		if !(unicode.IsLetter(q) || unicode.Is(unicode.Mn, q)) || isHangul(q) || isHanRune(q) {
			break
		}
		w += sz
	}
	return w
}

func isCyrillicRune(r rune) bool { return 'Ѐ' <= r && r <= 'ӿ' }

// placeUnits are the Sino-Korean and Chinese words for ten, a hundred
// and a thousand, with the number of digits a group they lead has.
var placeUnits = map[rune]int{'십': 2, '백': 3, '천': 4, '十': 2, '百': 3, '千': 4}

// hanCounters are the Chinese counters: after a number read in
// thousands, as Korean counters, they make it a count or a sum (천오백원,
// 三千五百元), not a group of a phone number.
const hanCounters = "元人年个块天号"

func hanUnit(r rune) bool { return r == '十' || r == '百' || r == '千' }

// placeValue reads at s[i] a group of a phone number read in thousands,
// hundreds and tens (사천백이십칠 for 4127, 삼천삼백칠 for 3307, 四千一百二十七,
// 三千三百零七), in the digits of table: each unit at most once and in
// descending order, a digit before it or none (one), a zero only before
// the last digit. It returns the group's end, its digits (as many as its
// highest unit says: 삼백칠 is 307) and whether there is such a group
// (one unit at least). A digit after the last digit ends the group
// (팔천팔백오십육이에요).
func placeValue(s string, i int, table map[rune]byte) (int, []byte, bool) {
	han := table['一'] != 0
	value, width, last := 0, 0, 10000
	digit := -1   // the digit read since the last unit, or -1
	zero := false // a zero read since the last unit (三千三百零七)
	pending := i  // where what was read since the last unit starts
	for k := i; k < len(s); {
		q, sz := utf8.DecodeRuneInString(s[k:])
		d, isDigit := table[q]
		u := placeUnits[q]
		if hanUnit(q) != han {
			u = 0
		}
		switch {
		case isDigit && digit >= 0:
			// A digit after a digit: the one before was the last.
			return finishPlace(k, value+digit, width)
		case isDigit && d == '0' && zero:
			return finishPlace(pending, value, width)
		case isDigit && d == '0':
			zero = true
		case isDigit:
			digit = int(d - '0')
		case u != 0:
			place := pow10(u - 1)
			if place >= last || zero {
				return finishPlace(pending, value, width)
			}
			value += max(digit, 1) * place
			width, last, digit = max(width, u), place, -1
			pending = k + sz
		default:
			if digit >= 0 {
				return finishPlace(k, value+digit, width)
			}
			return finishPlace(pending, value, width)
		}
		k += sz
	}
	if digit >= 0 {
		return finishPlace(len(s), value+digit, width)
	}
	return finishPlace(pending, value, width)
}

// finishPlace returns what placeValue returns for a group ending at end.
func finishPlace(end, value, width int) (int, []byte, bool) {
	if width == 0 {
		return 0, nil, false
	}
	b := []byte(fmt.Sprintf("%0*d", width, value))
	return end, b, len(b) == width
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// spokenAfter reports whether a digit word (or a Hangul or Chinese
// digit) follows the group of digits
// ending at s[w], after a separator: "010 five five ...".
func spokenAfter(s, lower string, w int) bool {
	k := w + separator(s, w)
	if k == w {
		return false
	}
	if r := nextRune(s, k); hangulDigits[r] != 0 || hanDigits[r] != 0 {
		return true
	}
	x := k
	for x < len(lower) && isASCIILetter(rune(lower[x])) {
		x++
	}
	if _, ok := englishDigits[lower[k:x]]; ok && x > k {
		return true
	}
	if x == k {
		// Digits with a digit word written onto them: "010-88three4".
		for x < len(lower) && isASCIIDigit(rune(lower[x])) {
			x++
		}
		return x > k && gluedWord(lower, x)
	}
	return repeaters[lower[k:x]] > 0
}

// gluedWord reports whether a digit word other than o and oh is written
// onto the digits ending at lower[w] ("88three4").
func gluedWord(lower string, w int) bool {
	x := w
	for x < len(lower) && isASCIILetter(rune(lower[x])) {
		x++
	}
	word := lower[w:x]
	_, ok := englishDigits[word]
	return ok && word != "o" && word != "oh"
}

// spokenPrefix reports whether run is a Korean mobile number (ten or
// eleven digits from 01) whose prefix alone is spelt: "zero-one-zero,
// 8834, 2210".
func spokenPrefix(run wordRun) bool {
	return run.spelt >= 3 && run.n >= 10 && run.n <= 11 && run.digits[0] == '0' && run.digits[1] == '1'
}

// counting reports whether each digit is one more, or each one less,
// than the one before: a count, not a number.
func counting(d []byte) bool {
	up, down := true, true
	for k := 1; k < len(d); k++ {
		up = up && d[k] == d[k-1]+1
		down = down && d[k] == d[k-1]-1
	}
	return up || down
}
