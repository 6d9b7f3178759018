package redact

import (
	"strings"
)

// Identity documents, refugee registrations and bank accounts in the
// notations interviews quote them in. Most are digit groups the
// id-number rule already hides; these rules take the whole number, its
// letters and check digits included, and name its kind. Where the scheme
// has a check digit the number must carry a valid one (a Chinese
// resident ID, a Spanish DNI or NIE, a Russian SNILS, an IBAN, a card
// number in dotted groups, a Mexican CURP unless "CURP" comes before it):
// a code of the same shape that fails it is no such number, and its
// digits are left to the id-number rule.
var (
	// 11010519491231002X: six digits of the place, the birth date
	// (yyyymmdd), three of the order and the check, 0-9 or X; written on
	// or in those groups (110105 19491231 002X).
	cnResidentRe = lazyRegexp(`\d{6}( ?)(\d{4})(\d{2})(\d{2})( ?)\d{3}[\dXx]`)
	// 12345678Z, 12345678-Z; X1234567L, X-1234567-L: a DNI's eight
	// digits or an NIE's X, Y or Z and seven, then the control letter.
	esIDRe = lazyRegexp(`(?:([XYZ])[ -]?(\d{7})|(\d{8}))[ -]?([A-HJ-NP-TV-Z])`)
	// GOMC850214MDFRRR09: four letters of the name, the birth date
	// (yymmdd), the sex, the state, three consonants of the name, a
	// letter or digit against duplicates and the check digit.
	curpRe = lazyRegexp(`[A-Z][AEIOUX][A-Z]{2}\d{2}(\d{2})(\d{2})[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d`)
	// 123-456-789 01, 123 456 789 01: a Russian SNILS; anchored at a run
	// of three digits.
	snilsRe = lazyRegexp(`^\d{3}[- ]\d{3}[- ]\d{3}[- ]{1,2}\d{2}`)
	// DE89 3704 0044 0532 0130 00, GB29NWBK60161331926819: an IBAN, in
	// groups of four or written on; anchored at its country code.
	ibanRe = lazyRegexp(`^[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?`)
	// 4111.1111.1111.1111, 4111/1111/1111/1111: a card number in groups
	// of four joined by a dot, slash or underscore (joined by a space or
	// dash or written on, it is an id-number as any long number is).
	cardRe = lazyRegexp(`\d{4}([./_])\d{4,6}([./_])\d{4,5}(?:([./_])\d{1,4})?`)
	// 123-12C01234, KOR-12C01234: a UNHCR (proGres) case or individual
	// number, the office, the year and a letter before five digits;
	// KOR-12-345678: the same with a country's code and digits only.
	// Anchored at the three characters before the first dash.
	unhcrRe = lazyRegexp(`^(?:(?:[A-Z]{3}|\d{3})-\d{2}[A-Za-z]\d{5}|[A-Z]{3}-\d{2}-\d{5,8})`)
	// 12/DaGaNa(N)123456: a Myanmar National Registration Card, the
	// state's number, the township's code (romanised or in Burmese),
	// the holder's status (N, E, P, Naing...) and six digits (r17g).
	mmNRCRe = lazyRegexp(`^\d{1,2}\s?/\s?(?:[A-Za-z]{3,12}|\p{Myanmar}{2,12})\s?\((?:[A-Za-z]{1,6}|\p{Myanmar}{1,6})\)\s?\d{6}`)
)

func findDocuments(c *collector) {
	s, lower := c.s, c.lower
	scan(cnResidentRe(), s, c.need(req{digits: 17, run: 17}, req{digits: 17, run: 8}), func(m []int) bool {
		y, mm, dd := atoi(sub(s, m, 2)), atoi(sub(s, m, 3)), atoi(sub(s, m, 4))
		check := s[m[1]-1]
		if check == 'x' {
			check = 'X'
		}
		if sub(s, m, 1) != sub(s, m, 5) || !numLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || y < 1900 || y > 2099 || mm < 1 || mm > 12 || dd < 1 || dd > 31 ||
			cnResidentCheck(strings.ReplaceAll(s[m[0]:m[1]-1], " ", "")) != check {
			return false
		}
		c.add(m[0], m[1], KindNationalID, "")
		return true
	})
	scan(esIDRe(), s, c.need(req{digits: 7, run: 7, any: upperLetters}), func(m []int) bool {
		n := atoi(sub(s, m, 2) + sub(s, m, 3))
		if p := sub(s, m, 1); p != "" {
			n += int(p[0]-'X') * 10_000_000
		}
		if !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || n < 0 || esIDLetters[n%23] != s[m[1]-1] {
			return false
		}
		c.add(m[0], m[1], KindNationalID, "")
		return true
	})
	scan(curpRe(), s, c.needWide(req{digits: 7, run: 6, any: upperLetters}), func(m []int) bool {
		mm, dd := atoi(sub(s, m, 1)), atoi(sub(s, m, 2))
		if !wordLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
			return false
		}
		if curpCheck(s[m[0]:m[1]-1]) != s[m[1]-1] && !strings.Contains(lower[max(0, m[0]-16):m[0]], "curp") {
			return false
		}
		c.add(m[0], m[1], KindNationalID, "")
		return true
	})
	// From each run of three digits (SNILS) and the three characters
	// before each dash that two digits follow (UNHCR), in the windows
	// of enough digits: the patterns anchored there, not searched for.
	var triples, dashed []int
	for _, w := range c.need(req{digits: 7, run: 2}) {
		forDigitRuns(s, w.a, w.b, func(i, j int) {
			if j-i == 3 {
				triples = append(triples, i)
			}
			if i >= 4 && j-i == 2 && s[i-1] == '-' {
				dashed = append(dashed, i-4)
			}
		})
	}
	matchAt(snilsRe(), s, triples, 16, func(m []int) bool {
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || !snilsValid(s[m[0]:m[1]]) {
			return false
		}
		c.add(m[0], m[1], KindNationalID, "")
		return true
	})
	var countries []int
	for _, r := range c.runs {
		if i := int(r.i); i >= 2 && isUpperASCII(s[i-2]) && isUpperASCII(s[i-1]) && wordLeftOK(s, i-2) {
			countries = append(countries, i-2)
		}
	}
	matchAt(ibanRe(), s, countries, 48, func(m []int) bool {
		if e := ibanEnd(s, m[0], m[1]); e > 0 {
			c.add(m[0], e, KindIDNumber, "")
			return true
		}
		return false
	})
	findAccounts(c)
	scan(cardRe(), s, c.need(req{digits: 13, run: 4, any: "./_"}), func(m []int) bool {
		sep := sub(s, m, 1)
		if sub(s, m, 2) != sep || sub(s, m, 3) != "" && sub(s, m, 3) != sep || !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || !luhn(s[m[0]:m[1]]) {
			return false
		}
		c.add(m[0], m[1], KindIDNumber, "")
		return true
	})
	// Anchored at the state's number before each slash: the township's
	// code sets the digits too far apart for a numeric window.
	var slashes []int
	for off := 0; ; {
		k := strings.IndexByte(s[off:], '/')
		if k < 0 {
			break
		}
		i := off + k
		a := strings.TrimRight(s[:i], " ")
		d := len(strings.TrimRight(a, "0123456789"))
		if n := len(a) - d; n == 1 || n == 2 {
			slashes = append(slashes, d)
		}
		off = i + 1
	}
	matchAt(mmNRCRe(), s, slashes, 64, func(m []int) bool {
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindIDNumber, "")
		return true
	})
	matchAt(unhcrRe(), s, dashed, 16, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numLeftOK(s, m[0]) || !wordRightOK(s, m[1]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindIDNumber, "")
		return true
	})
}

// accountCues are the words an account or card number follows, as
// written (ASCII letters lower-cased).
var accountCues = []string{"계좌", "은행", "account", "acct", "bank", "card", "cuenta", "tarjeta", "счёт", "счет", "карт", "tài khoản", "stk", "thẻ",
	"账号", "账户", "帐号", "帐户", "卡号", "银行卡"}

// findAccounts finds an account or card number within 24 bytes after an
// account word: digit runs joined by single dashes or spaces, 8 to 19
// digits in all, three runs or more or ten digits or more, not all of
// them years, not an amount ("국민은행 123456 01 123456", which the
// id-number rule takes in part: a run of two digits joins nothing there).
func findAccounts(c *collector) {
	s, lower := c.s, c.lower
	done := 0
	for _, at := range wordStarts(lower, accountCueList) {
		if at < done || !wordLeftOK(lower, at) {
			continue
		}
		i := at
		for i < len(s) && i < at+24+len("tài khoản") && !isASCIIDigit(rune(s[i])) {
			i++
		}
		if i >= len(s) || !isASCIIDigit(rune(s[i])) || !numLeftOK(s, i) {
			continue
		}
		a, e, digits, runs, years := i, i, 0, 0, 0
		for e < len(s) && runs < 8 {
			j := e
			for j < len(s) && isASCIIDigit(rune(s[j])) {
				j++
			}
			digits, runs = digits+j-e, runs+1
			if j-e == 4 && isYearLike(s, digitRun{start: e, end: j}) {
				years++
			}
			e = j
			if j+1 < len(s) && (s[j] == '-' || s[j] == ' ') && isASCIIDigit(rune(s[j+1])) {
				e = j + 1
				continue
			}
			break
		}
		if digits >= 8 && digits <= 19 && (runs >= 3 || digits >= 10) && years < runs && numRightOK(s, e) && !isMoney(s, a, e) {
			c.add(a, e, KindIDNumber, "")
			done = e
		}
	}
}

const upperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func isUpperASCII(b byte) bool { return 'A' <= b && b <= 'Z' }

// cnResidentCheck returns the check character of the first 17 digits of
// a Chinese resident ID (GB 11643: ISO 7064 MOD 11-2), '0' to '9' or 'X'.
func cnResidentCheck(d string) byte {
	sum, w := 0, 1
	for i := len(d) - 1; i >= 0; i-- {
		w = w * 2 % 11
		sum += int(d[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// esIDLetters are the control letters of a Spanish DNI or NIE, by the
// number modulo 23.
const esIDLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// curpCheck returns the check digit of the first 17 characters of a
// CURP: their values in the alphabet 0-9, A-N, Ñ, O-Z, weighted 18 down
// to 2.
func curpCheck(p string) byte {
	const alphabet = "0123456789ABCDEFGHIJKLMN_OPQRSTUVWXYZ" // _ stands for Ñ
	sum := 0
	for i := 0; i < len(p); i++ {
		sum += strings.IndexByte(alphabet, p[i]) * (18 - i)
	}
	return byte('0' + (10-sum%10)%10)
}

// snilsValid reports whether a SNILS (11 digits, separators ignored) has
// a valid check number: the first nine digits weighted 9 down to 1, their
// sum modulo 101, where 100 is 00.
func snilsValid(t string) bool {
	var d []int
	for i := 0; i < len(t); i++ {
		if isASCIIDigit(rune(t[i])) {
			d = append(d, int(t[i]-'0'))
		}
	}
	sum := 0
	for i, v := range d[:9] {
		sum += v * (9 - i)
	}
	return sum%101%100 == d[9]*10+d[10]
}

// ibanEnd returns the end in s of the longest IBAN that starts at a and
// ends at or before b on a word's end with a valid check (ISO 13616:
// the number with its first four characters moved to the end, letters as
// 10 to 35, is 1 modulo 97), or -1.
func ibanEnd(s string, a, b int) int {
	var ends []int // ends[k] is the end in s of the first k+1 characters
	for i := a; i < b; i++ {
		if s[i] != ' ' {
			ends = append(ends, i+1)
		}
	}
	compact := strings.ReplaceAll(s[a:b], " ", "")
	for n := len(compact); n >= 15; n-- {
		if e := ends[n-1]; wordRightOK(s, e) && mod97(compact[4:n]+compact[:4]) == 1 {
			return e
		}
	}
	return -1
}

// luhn reports whether the digits of t, 13 to 19 of them, end in a
// valid Luhn check digit (ISO/IEC 7812), as every payment card's do.
func luhn(t string) bool {
	sum, n := 0, 0
	for i := len(t) - 1; i >= 0; i-- {
		if !isASCIIDigit(rune(t[i])) {
			continue
		}
		d := int(t[i] - '0')
		if n%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum, n = sum+d, n+1
	}
	return n >= 13 && n <= 19 && sum%10 == 0
}

func mod97(t string) int {
	r := 0
	for i := 0; i < len(t); i++ {
		if v := t[i]; isASCIIDigit(rune(v)) {
			r = (r*10 + int(v-'0')) % 97
		} else {
			r = (r*100 + int(v-'A') + 10) % 97
		}
	}
	return r
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	accountCueList = newCues(accountCues...)
)
