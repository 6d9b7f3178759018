package redact

import (
	"fmt"
	"strings"
)

// Phone numbers read in numbers of tens and hundreds, as people read
// them out: "ten fifty-five twenty-one ninety seventy-three" (010-5521-9073
// without its leading zero), "восемь девятьсот четырнадцать пятьсот
// пятьдесят пять двенадцать тридцать четыре" (8 914 555 12 34). Such
// words are also how any count is said, so a run of them is a number only
// after a phone cue (spokenPhones) or where its digits are a registered
// contact's (Numbers).

// ruCounts are the Russian numbers of tens and hundreds with their value;
// the English ones are numberWords (ten to ninety) and a digit word
// before "hundred".
var ruCounts = map[string]int{
	"десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
	"шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
	"сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
	"сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
	"восемьсот": 800, "девятьсот": 900,
}

// countWord returns the value of the number word at s[i] (ten to
// ninety, a hundred or hundreds; a unit only with units), and its end;
// -1 if there is none.
func countWord(s, lower string, i int, units bool) (int, int) {
	w := letterWordEnd(s, i)
	if w == i || w < len(s) && isASCIIDigit(rune(s[w])) {
		return -1, i
	}
	word := strings.ToLower(s[i:w])
	if v, ok := ruCounts[word]; ok {
		return v, w
	}
	if d, ok := spokenDigits[word]; ok && units && d != '0' && isCyrillic(word) {
		return int(d - '0'), w
	}
	v, ok := numberWords[lower[i:w]]
	switch {
	case !ok || v == 0 || v < 10 && !units && !strings.HasPrefix(lower[w:], " hundred") && !strings.HasPrefix(lower[w:], "-hundred"):
		return -1, i
	case v < 10 && (strings.HasPrefix(lower[w:], " hundred") || strings.HasPrefix(lower[w:], "-hundred")):
		return v * 100, w + len(" hundred")
	}
	return v, w
}

func isCyrillic(w string) bool { return w != "" && w[0] >= 0xd0 && w[0] <= 0xd3 }

// countedGroup reads at s[i] a group of a number said in tens and
// hundreds: a number of ten to ninety-nine (twenty-one, двадцать один),
// or of hundreds with tens and units after it (five hundred fifty-five,
// пятьсот пятьдесят пять, nine hundred and four), and returns its end and
// its digits (two or three); i if there is none.
func countedGroup(s, lower string, i int) (int, []byte) {
	v, w := countWord(s, lower, i, false)
	if v < 10 {
		return i, nil
	}
	width := 2
	if v >= 100 {
		width = 3
		// The tens and units after the hundreds.
		k := w
		if strings.HasPrefix(lower[k:], " and ") {
			k += len(" and")
		}
		if k < len(s) && s[k] == ' ' {
			if t, e := countWord(s, lower, k+1, true); t > 0 && t < 100 {
				v, w = v+t, e
			}
		}
	}
	if v%100 >= 20 && v%10 == 0 && w < len(s) && (s[w] == ' ' || s[w] == '-') {
		// The units after the tens: twenty-one, двадцать один.
		if u, e := countWord(s, lower, w+1, true); u > 0 && u < 10 {
			v, w = v+u, e
		}
	}
	return w, []byte(fmt.Sprintf("%0*d", width, v))
}

// phoneCues are the words after which a number read in tens and hundreds
// is a phone number, as they are written (the text's ASCII letters
// lower-cased).
var phoneCues = []string{"phone", "number", "tel", "mobile", "cell", "call", "whatsapp", "zalo", "телефон", "Телефон", "тел", "Тел",
	"номер", "Номер", "мобильн", "Мобильн", "teléfono", "móvil", "número", "điện thoại", "sđt", "số", "전화", "번호", "电话", "手机"}

// spokenPhones finds the phone numbers read in tens and hundreds (see
// countedGroup) right after a phone cue: a run of digit tokens that
// starts within 24 bytes of the cue's end and spells 9 to 15 digits, one
// group at least read in tens or hundreds. A run of digit words alone is
// findWordDigits'.
func spokenPhones(c *collector) {
	s, lower := c.s, c.lower
	run := wordRun{compounds: true}
	done := 0
	for _, at := range wordStarts(lower, phoneCues...) {
		if at < done || !wordLeftOK(lower, at) {
			continue
		}
		i := at
		for i < len(s) && !tokenStart(s, i) || i == at {
			i = nextTokenStart(s, i)
		}
		for i < len(s) && i < at+24+len("điện thoại") {
			end := readRun(s, lower, i, min(len(s), i+256), &run)
			if run.n > 0 {
				if run.counted && run.n >= 9 && run.n <= 15 {
					c.add(run.start, run.end, KindPhone, "")
				}
				done = end
				break
			}
			i = nextTokenStart(s, i)
		}
	}
}

// spokenNumbers calls fn with the digits of every part of a run of digit
// tokens in s, groups of tens and hundreds included, of 4 to 15 digits,
// its bounds in s and whether it is the whole run, longest first from
// each token, until fn accepts one: where a registered number, or a
// group of one, may be read out.
func spokenNumbers(s string, fn func(digits string, a, b int, whole bool) bool) {
	lower := asciiLower(s)
	run := wordRun{compounds: true}
	for i := 0; i < len(s); {
		i = readRun(s, lower, i, len(s), &run)
		for k := 0; k < len(run.ends) && run.n >= 4; k++ {
			from := 0
			if k > 0 {
				from = run.counts[k-1]
			}
			for e := len(run.ends) - 1; e >= k; e-- {
				n := run.counts[e] - from
				whole := k == 0 && e == len(run.ends)-1 && run.n == run.counts[e]
				if n >= 4 && n <= 15 && (n >= 7 || whole) && fn(string(run.digits[from:run.counts[e]]), run.starts[k], run.ends[e], whole) {
					k = e
					break
				}
			}
		}
		i = nextTokenStart(s, i)
	}
}
