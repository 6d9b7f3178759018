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

// countWords are the Russian, Spanish, Portuguese and French numbers of tens and
// hundreds with their value; the English ones are numberWords (ten to
// ninety) and a digit word before "hundred". Spanish and Portuguese join
// units to tens with y and e (cincuenta y cinco, cinquenta e cinco),
// Portuguese tens to hundreds with e (cento e vinte).
var countWords = map[string]int{
	"десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
	"шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
	"сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
	"сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
	"восемьсот": 800, "девятьсот": 900,
	// Spanish.
	"diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
	"dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22, "veintitrés": 23,
	"veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
	"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
	"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
	"seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
	// Portuguese (setenta, noventa, seiscentos... are the Spanish words).
	"dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16,
	"dezasseis": 16, "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19, "dezanove": 19, "vinte": 20,
	"trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "oitenta": 80, "cem": 100, "cento": 100,
	"duzentos": 200, "trezentos": 300, "quatrocentos": 400, "quinhentos": 500, "oitocentos": 800,
	// French (r14j): seventy and ninety are sixty and eighty with a
	// number of ten to nineteen after them (soixante-dix-sept,
	// quatre-vingt-dix), eighty is four twenties (quatre-vingts), read by
	// frenchCount.
	"dix": 10, "douze": 12, "treize": 13, "seize": 16, "vingt": 20, "trente": 30,
	"quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
	// Ukrainian (r17g; without the apostrophe: numWordKey), Polish and
	// Haitian Creole.
	"одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "пятнадцять": 15,
	"шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18, "девятнадцять": 19, "пятдесят": 50,
	"шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "двісті": 200, "чотириста": 400, "шістсот": 600,
	"сімсот": 700, "вісімсот": 800, "девятсот": 900, "двадцять": 20, "тридцять": 30, "пятсот": 500,
	"dziesięć": 10, "jedenaście": 11, "dwanaście": 12, "trzynaście": 13, "czternaście": 14, "piętnaście": 15,
	"szesnaście": 16, "siedemnaście": 17, "osiemnaście": 18, "dziewiętnaście": 19, "dwadzieścia": 20,
	"trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50, "sześćdziesiąt": 60, "siedemdziesiąt": 70,
	"osiemdziesiąt": 80, "dziewięćdziesiąt": 90, "sto": 100, "dwieście": 200, "trzysta": 300, "czterysta": 400,
	"pięćset": 500, "sześćset": 600, "siedemset": 700, "osiemset": 800, "dziewięćset": 900,
	"dis": 10, "onz": 11, "douz": 12, "trèz": 13, "katòz": 14, "kenz": 15, "sèz": 16, "ven": 20, "trant": 30,
	"karant": 40, "senkant": 50, "swasant": 60,
	// r18a: Turkish tens and a hundred (on, ten, is the English word:
	// wordTokens reads it before a unit only), Persian tens and hundreds,
	// joined by و (هفتاد و نه), and Somali tens.
	"yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yetmiş": 70, "seksen": 80, "doksan": 90, "yüz": 100,
	"ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "شانزده": 16, "هفده": 17,
	"هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70,
	"هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500,
	"ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
	"toban": 10, "labaatan": 20, "soddon": 30, "afartan": 40, "konton": 50, "lixdan": 60, "toddobaatan": 70,
	"siddeetan": 80, "sagaashan": 90, "boqol": 100,
}

// hundredWords are the words for a hundred after a digit word: English,
// Turkish (beş yüz) and Persian (چهار صد).
var hundredWords = []string{" hundred", "-hundred", " yüz", " صد"}

// hundredAfter returns the length of the hundredWords word at lower[w:],
// or 0.
func hundredAfter(lower string, w int) int {
	for _, h := range hundredWords {
		if strings.HasPrefix(lower[w:], h) {
			return len(h)
		}
	}
	return 0
}

// frenchTens reports whether t starts with the French sixty or eighty,
// after which a number of ten to nineteen is added (soixante-dix is 70).
func frenchTens(t string) bool {
	return strings.HasPrefix(t, "soixante") || strings.HasPrefix(t, "quatre-vingt") || strings.HasPrefix(t, "quatre vingt")
}

// frenchCount reads at s[i] the French numbers countWord does not: the
// hundreds (deux cents, trois cent quatre), eighty (quatre-vingt,
// quatre-vingts), and seventeen to nineteen (dix-sept); the value and the
// end, or -1.
func frenchCount(s, lower string, i int) (int, int) {
	w := digitWordEnd(s, i)
	word := lower[i:w]
	d, ok := romanceDigits[word]
	switch {
	case word == "dix":
		if k := w + 1; w < len(s) && s[w] == '-' {
			if e := digitWordEnd(s, k); e > k {
				if u := romanceDigits[lower[k:e]]; u >= '7' {
					return 10 + int(u-'0'), e
				}
			}
		}
	case ok && d >= '2' && d <= '9':
		if w < len(s) && (s[w] == ' ' || s[w] == '-') {
			rest := lower[w+1:]
			switch {
			case d == '4' && strings.HasPrefix(rest, "vingt"):
				e := w + 1 + len("vingt")
				if strings.HasPrefix(lower[e:], "s") {
					e++
				}
				if digitWordEnd(s, e) == e {
					return 80, e
				}
			case strings.HasPrefix(rest, "cent"):
				e := w + 1 + len("cent")
				if strings.HasPrefix(lower[e:], "s") {
					e++
				}
				if digitWordEnd(s, e) == e {
					return int(d-'0') * 100, e
				}
			}
		}
	}
	return -1, i
}

// tensJoins are the words between tens and units, and between hundreds
// and tens: English and, Spanish y, Portuguese e.
var tensJoins = []string{" and ", " y ", " e ", " و "}

// joined returns the end of a tensJoins word or a space at lower[w:], or
// -1.
func joined(lower string, w int) int {
	for _, j := range tensJoins {
		if strings.HasPrefix(lower[w:], j) {
			return w + len(j)
		}
	}
	if w < len(lower) && lower[w] == ' ' {
		return w + 1
	}
	return -1
}

// countWord returns the value of the number word at s[i] (ten to
// ninety, a hundred or hundreds; a unit only with units), and its end;
// -1 if there is none.
func countWord(s, lower string, i int, units bool) (int, int) {
	w := digitWordEnd(s, i)
	if w == i || w < len(s) && isASCIIDigit(rune(s[w])) {
		return -1, i
	}
	word := numWordKey(strings.ToLower(s[i:w]))
	if v, e := frenchCount(s, lower, i); v > 0 {
		return v, e
	}
	if v, ok := countWords[word]; ok {
		return v, w
	}
	d, ok := spokenDigits[word]
	other := ok && d != '0' && (isCyrillic(word) || romanceDigits[word] != 0 || moreDigits[word] != 0)
	if h := hundredAfter(lower, w); other && h > 0 && moreDigits[word] != 0 {
		return int(d-'0') * 100, w + h // beş yüz, چهار صد
	}
	if other && units {
		return int(d - '0'), w
	}
	v, ok := numberWords[lower[i:w]]
	switch h := hundredAfter(lower, w); {
	case !ok || v == 0 || v < 10 && !units && h == 0:
		return -1, i
	case v < 10 && h > 0:
		return v * 100, w + h
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
	width, tens := 2, i
	if v >= 100 {
		width = 3
		// The tens and units after the hundreds.
		if k := joined(lower, w); k > 0 {
			if t, e := countWord(s, lower, k, true); t > 0 && t < 100 {
				v, w, tens = v+t, e, k
			}
		}
	}
	if v%100 >= 20 && v%10 == 0 {
		// The units after the tens: twenty-one, двадцать один, cincuenta
		// y cinco; in French also ten to nineteen after sixty and eighty
		// (soixante-dix-sept, quatre-vingt-onze), and un after et or a
		// dash (vingt et un, quatre-vingt-un; alone, un is the article).
		k := joined(lower, w)
		if w < len(s) && s[w] == '-' {
			k = w + 1
		}
		for _, et := range []string{"-et-", " et ", "-"} {
			if strings.HasPrefix(lower[w:], et) {
				k = w + len(et)
				if strings.HasPrefix(lower[k:], "un") && digitWordEnd(s, k+2) == k+2 {
					return k + 2, []byte(fmt.Sprintf("%0*d", width, v+1))
				}
				break
			}
		}
		if k > 0 {
			if u, e := countWord(s, lower, k, true); u > 0 && u < 10 || frenchTens(lower[tens:]) && u >= 10 && u < 20 {
				v, w = v+u, e
			}
		}
	}
	return w, []byte(fmt.Sprintf("%0*d", width, v))
}

// phoneCues are the words after which a number read in tens and hundreds
// is a phone number, as they are written (the text's ASCII letters
// lower-cased).
var phoneCues = []string{"phone", "number", "tel", "mobile", "cell", "call", "whatsapp", "zalo", "телефон", "Телефон", "тел", "Тел",
	"номер", "Номер", "мобильн", "Мобильн", "teléfono", "móvil", "celular", "número", "numéro", "téléphone", "portable", "điện thoại", "sđt", "số", "전화", "번호", "电话", "手机",
	// r17g: Polish, Haitian Creole and Tagalog.
	"numer", "komórk", "nimewo", "telefòn", "numero", "selpon"}

// spokenPhones finds the phone numbers read in tens and hundreds (see
// countedGroup) right after a phone cue: a run of digit tokens that
// starts within 24 bytes of the cue's end and spells 9 to 15 digits, one
// group at least read in tens or hundreds. A run of digit words alone is
// findWordDigits'.
func spokenPhones(c *collector) {
	s, lower := c.s, c.lower
	run := wordRun{compounds: true}
	done := 0
	for _, at := range wordStarts(lower, phoneCueList) {
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
// tokens in nt's text, groups of tens and hundreds included, of 4 to 15 digits,
// its bounds in nt.s and whether it is the whole run, longest first from
// each token, until fn accepts one: where a registered number, or a
// group of one, may be read out.
func spokenNumbers(nt *normText, fn func(digits string, a, b int, whole bool) bool) {
	run := wordRun{compounds: true}
	eachRun(nt, &run, func() {
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
	})
}

// NumberWord returns the value of a number word written in lower case:
// a digit word of any language spokenDigits and englishDigits read
// (one, oh and o for 0, năm, пять, cinco), or an English, Russian, Spanish, Portuguese
// or French word of ten to ninety or of hundreds (twenty, ochenta, двадцать,
// trezentos, soixante); -1 if w is none. The view reads years spelt in words with
// it, the same words as phones are read in here.
func NumberWord(w string) int {
	w = numWordKey(w)
	if v, ok := numberWords[w]; ok {
		return v
	}
	if v, ok := countWords[w]; ok {
		return v
	}
	if d, ok := spokenDigits[w]; ok {
		return int(d - '0')
	}
	if d, ok := englishDigits[w]; ok {
		return int(d - '0')
	}
	return -1
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	phoneCueList = newCues(phoneCues...)
)
