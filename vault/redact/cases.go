package redact

import (
	"strings"
	"unicode/utf8"
)

// References a file names one person by (review 13h H6): the UK National
// Insurance number, and case and referral numbers after their label.

// caseCues are the labels of a case, file or referral number, as the
// lower-cased text writes them (ASCII letters lower-cased; Cyrillic in
// both cases).
var caseCues = []string{
	"case no", "case number", "case #", "case ref", "case file", "case id", "case",
	"referral", "reference", "ref no", "ref.", "ref:", "file no", "file number", "docket",
	"expediente", "folio", "número de caso", "numero de caso",
	"дело", "Дело", "номер дела", "Номер дела",
	"사건번호", "사건 번호", "접수번호",
	"案号", "案件号", "案件编号", "立案号", "编号",
	"hồ sơ", "số hồ sơ",
	// r17g: identity documents the number of which follows its label:
	// Rohingya family counting number, Myanmar NRC, Afghan tazkira,
	// Filipino PhilSys, Haitian NIF and CIN, Ukrainian РНОКПП and ІПН.
	"fcn", "family counting number", "family book", "nrc", "tazkira", "tazkera", "taskera", "تذکره", "تذكرة",
	"philsys", "psn", "nif", "cin", "рнокпп", "РНОКПП", "іпн", "ІПН",
	// r18a: a registration or identity certificate's number, as the
	// Tibetan refugee's RC (Registration Certificate) and the
	// certificates of other refugee registrations are cited.
	"rc", "registration certificate", "registration no", "registration number", "certificate no", "certificate number",
	"identity certificate",
}

// caseFillers may stand between a cue and its number, with "." or ":"
// after them: "case no. 12", "дело № 12-345" (NFKC writes № as No),
// "사건번호는". Words such as "of" and "de" are not among them: "a case
// of 300 people".
var caseFillers = wordSetOf("no", "nr", "num", "number", "#", "is", "was", "número", "numero", "nº", "n°", "ref", "id", "file",
	"是", "为", "는", "은", "번호", "số", "là")

// hanCaseRe is a Chinese court case number: the year in brackets, the
// court's code and the kind of case, and the number with 号:
// （2019）吉01刑初12号.
var hanCaseRe = lazyRegexp(`^[(（]\d{4}[)）][\p{Han}\d]{1,12}?\d{1,6}号`)

// findReferences finds National Insurance numbers (KindIDNumber): two
// letters, six digits, together or in pairs with single spaces, and the
// suffix A to D ("QQ123456C", "QQ 12 34 56 C"); the first letter is none
// of D, F, I, U, V, the second none of D, F, I, O, U, V, and BG, GB, KN,
// NK, NT, TN and ZZ are not issued (Q is, although HMRC issues none: QQ
// is the specimen forms print, which people copy). Without the suffix,
// only after "NI", "NINO" or "National Insurance" ("NI no. QQ123456").
// And case and referral numbers (KindIDNumber) after a cue (caseCues),
// past up to three filler words (caseFillers) or agencies in capitals:
// a token of letters, digits, "/", "-", "." and "_", with three digits
// or more, or of five digits or more alone ("NRM referral 2023/0456/MS", "expediente
// COMAR 12345/2023", "дело № 12-345", "사건번호 2019고단1234", "案号
// （2019）吉01刑初12号"), and a Chinese court case number anywhere
// (hanCaseRe).
func findReferences(c *collector) {
	s, lower := c.s, c.lower
	for i := 0; i+8 <= len(s); i++ {
		if !isUpper(s[i]) || !isUpper(s[i+1]) || !wordLeftOK(s, i) {
			continue
		}
		if end, suffix := niNumber(s, i+2); end > 0 && niPrefix(s[i:i+2]) && (suffix || niCueBefore(lower, i)) {
			c.add(i, end, KindIDNumber, "")
			i = end - 1
		}
	}
	for _, at := range wordStarts(lower, caseCueList) {
		cue := cueAt(lower, at)
		if at > 0 && isASCIILetter(rune(lower[at-1])) || cue == "" {
			continue
		}
		if a, b := caseNumberAfter(s, at+len(cue)); a < b {
			c.add(a, b, KindIDNumber, "")
		}
	}
	// Each bracket by a search of its own: strings.IndexAny walks the
	// text rune by rune when a character it seeks is not ASCII. The
	// collector's spans are sorted at the end, so the order is free.
	for _, open := range []string{"(", "（"} {
		for off := 0; ; {
			k := strings.Index(s[off:], open)
			if k < 0 {
				break
			}
			i := off + k
			if m := hanCaseRe().FindStringIndex(s[i:min(len(s), i+64)]); m != nil {
				c.add(i, i+m[1], KindIDNumber, "")
			}
			off = i + len(open)
		}
	}
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// niPrefix reports whether p is a prefix a National Insurance number may
// have.
func niPrefix(p string) bool {
	if strings.IndexByte("DFIUV", p[0]) >= 0 || strings.IndexByte("DFIOUV", p[1]) >= 0 {
		return false
	}
	switch p {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

// niNumber reads the six digits and suffix of a National Insurance
// number at s[i], together or in pairs each after a single space
// ("123456C", " 12 34 56 C"), and returns its end and whether the suffix
// is there; end is 0 if there is no number.
func niNumber(s string, i int) (int, bool) {
	spaced := i < len(s) && s[i] == ' '
	j := i
	for range 3 {
		if spaced {
			if j >= len(s) || s[j] != ' ' {
				return 0, false
			}
			j++
		}
		if j+2 > len(s) || !isASCIIDigit(rune(s[j])) || !isASCIIDigit(rune(s[j+1])) {
			return 0, false
		}
		j += 2
	}
	if j < len(s) && isASCIIDigit(rune(s[j])) {
		return 0, false
	}
	k := j
	if spaced && k < len(s) && s[k] == ' ' {
		k++
	}
	if k < len(s) && 'A' <= s[k] && s[k] <= 'D' && wordRightOK(s, k+1) {
		return k + 1, true
	}
	if !wordRightOK(s, j) {
		return 0, false
	}
	return j, false
}

// niCueBefore reports whether "ni", "nino" or "national insurance" ends
// within 16 bytes before lower[i] (past "no.", "number", ":").
func niCueBefore(lower string, i int) bool {
	before := lower[max(0, i-32):i]
	for _, w := range []string{"national insurance", "nino", "ni"} {
		if k := strings.LastIndex(before, w); k >= 0 && len(before)-k-len(w) <= 16 && (k == 0 || !isASCIILetter(rune(before[k-1]))) &&
			(k+len(w) == len(before) || !isASCIILetter(rune(before[k+len(w)]))) {
			return true
		}
	}
	return false
}

// cueAt returns the longest case cue at lower[at], or "".
func cueAt(lower string, at int) string {
	cue := ""
	for _, w := range caseCues {
		if len(w) > len(cue) && strings.HasPrefix(lower[at:], w) {
			cue = w
		}
	}
	if cue != "" && isASCIILetter(rune(cue[len(cue)-1])) && at+len(cue) < len(lower) && isASCIILetter(rune(lower[at+len(cue)])) {
		return "" // "cases", "referrals", "casa"
	}
	return cue
}

// caseNumberAfter returns the bounds of the case number after a cue
// ending at s[i]: past spaces, ":" and "." (not a comma: "это другое дело, 300
// рублей"), and up to three filler words or
// agencies in capitals, a token with three digits or more; a == b if
// none.
func caseNumberAfter(s string, i int) (int, int) {
	for words := 0; words <= 3; words++ {
		for i < len(s) && (s[i] == ' ' || s[i] == ':' || s[i] == '.') {
			i++
		}
		j := i
		for j < len(s) && j-i < 48 && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != '\n' {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += max(size, 1)
		}
		tok := s[i:j]
		if m := hanCaseRe().FindStringIndex(tok); m != nil {
			return i, i + m[1]
		}
		// The token without the sentence's punctuation after it, nor a
		// particle or copula after its last digit (2019고단1234였어요).
		tok = strings.TrimRight(tok, ".)”\"'。，、）")
		if k := strings.LastIndexAny(tok, "0123456789"); k >= 0 && !isASCII(tok[k:]) {
			tok = tok[:k+1]
		}
		if caseNumber(tok) {
			return i, i + len(tok)
		}
		low := strings.ToLower(tok)
		switch {
		case caseFillers[low], caseFillers[strings.TrimRight(low, ".:")]:
		case len(tok) >= 2 && len(tok) <= 8 && strings.Trim(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
			// An agency: COMAR, NRM, UNHCR.
		case strings.HasPrefix(tok, "#"):
			// "#12-345": the number after its sign.
			if t := strings.TrimLeft(tok, "#"); caseNumber(t) {
				return i + len(tok) - len(t), i + len(tok)
			}
			return 0, 0
		default:
			return 0, 0
		}
		if j == i {
			return 0, 0
		}
		i = j
	}
	return 0, 0
}

// caseNumber reports whether tok is a case number: letters (any script),
// digits, "/", "-", "." and "_", with three digits or more, or five
// digits or more alone (a count or a year is no number: "дело 300").
func caseNumber(tok string) bool {
	digits := 0
	for _, r := range tok {
		switch {
		case isASCIIDigit(r):
			digits++
		case r == '/' || r == '-' || r == '.' || r == '_' || isASCIILetter(r) || isHangul(r) || isHanRune(r):
		default:
			return false
		}
	}
	if digits < 3 || !isASCIIDigit(rune(tok[0])) && !isASCIILetter(rune(tok[0])) || digits == len(tok) && digits < 5 {
		return false
	}
	return true
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	caseCueList = newCues(caseCues...)
)
