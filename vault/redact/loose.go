package redact

import (
	"strings"
	"unicode/utf8"
)

// Identifiers written loosely, which the strict recognisers leave: an
// e-mail address without its top-level domain, a phone number with the
// letter O for a zero, and the addresses of crypto-currency wallets. Each
// is found by one pass over the text with a bounded look around each
// candidate, so the work is linear in the text.

// mailProviders are the e-mail providers whose name alone, after "@",
// makes an address (ji.an.hb@proton); after a plain " at " only the
// unambiguous ones do (jianhb at protonmail), since "met at proton
// therapy" is no address.
var (
	mailProviders   = wordSetOf("gmail", "googlemail", "proton", "protonmail", "pm", "tutanota", "tuta", "hotmail", "outlook", "live", "yahoo", "naver", "daum", "hanmail", "nate", "kakao", "icloud", "me", "yandex", "qq", "163", "126", "mail", "gmx", "aol", "zoho")
	atMailProviders = wordSetOf("gmail", "googlemail", "protonmail", "tutanota", "hotmail", "outlook", "yahoo", "naver", "hanmail", "icloud", "yandex", "gmx", "zoho")
	// mailWords before a local part make what follows "@" or " at " a
	// mail domain whatever it is (mail heron68@postbox).
	// notLocal are words before " at " that are no local part.
	notLocal  = wordSetOf("a", "an", "the", "me", "him", "her", "us", "them", "you", "friend", "friends", "someone", "people", "job", "work", "works", "worked", "account", "accounts", "it", "this", "that")
	mailWords = []string{"mail", "email", "e-mail", "mailed", "wrote from", "address", "메일", "이메일", "주소"}
)

// maxLocal and maxDomain bound the parts of an address read around "@".
const (
	maxLocal  = 64
	maxDomain = 63
)

func isLocalByte(b byte) bool {
	return isASCIILetter(rune(b)) || isASCIIDigit(rune(b)) || strings.IndexByte("._%+-", b) >= 0
}

func isDomainByte(b byte) bool {
	return isASCIILetter(rune(b)) || isASCIIDigit(rune(b)) || b == '-'
}

// findBareEmails finds addresses without a top-level domain: at a known
// provider, or after a mail word.
func findBareEmails(c *collector) {
	lower := c.lower
	// The next "@" and " at " at or after off, each searched for again
	// only once passed, so the text is read once.
	nextAt, nextPlain := -2, -2
	find := func(next *int, off int, sub string) {
		if *next != -1 && *next < off {
			if *next = strings.Index(lower[off:], sub); *next >= 0 {
				*next += off
			}
		}
	}
	for off := 0; off < len(lower); {
		find(&nextAt, off, "@")
		find(&nextPlain, off, " at ")
		at, sep := nextAt, 1
		if nextPlain >= 0 && (at < 0 || nextPlain < at) {
			at, sep = nextPlain, len(" at ")
		}
		if at < 0 {
			return
		}
		off = at + sep
		a := at
		for a > 0 && at-a < maxLocal && isLocalByte(lower[a-1]) {
			a--
		}
		b := at + sep
		for b < len(lower) && b-at-sep < maxDomain && isDomainByte(lower[b]) {
			b++
		}
		for a < at && strings.IndexByte("._%+-", lower[a]) >= 0 {
			a++
		}
		if a == at || b == at+sep || !wordLeftOK(lower, a) || !wordRightOK(lower, b) {
			continue
		}
		// After "@" a mail word makes any domain one; after a plain " at "
		// only a provider does ("the mail came at 9").
		domain := lower[at+sep : b]
		if sep > 1 && !atMailProviders[domain] || sep == 1 && !mailProviders[domain] && !mailWordBefore(lower, a) {
			continue
		}
		if sep > 1 && notLocal[lower[a:at]] {
			continue // "a friend at gmail"
		}
		c.add(a, b, KindEmail, "")
		off = b
	}
}

// mailWordBefore reports whether a mail word ends within 16 bytes before i.
func mailWordBefore(lower string, i int) bool {
	before := lower[max(0, i-16):i]
	for _, w := range mailWords {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// maxPhoneRun bounds the characters read for a phone number with letters
// in it.
const maxPhoneRun = 20

// findLetterPhones finds Korean phone numbers with letters that look like
// digits (lookalikeDigit: 010-3377-9O21, O1O 5512 3391, 010-4l27-8856): a
// run of digits, such letters and separators that, with the letters read
// as digits, is 9 to 11 digits starting 01 or 0[2-6], with at least one
// letter and six true digits.
func findLetterPhones(c *collector) {
	s := c.s
	for i := 0; i < len(s); i++ {
		// Not after a letter or digit (numLeftOK), told first by the byte
		// before: most o's are inside words.
		if d, _ := lookalikeDigit(s[i]); d != '0' || i > 0 && isASCIIAlnum(s[i-1]) || !numLeftOK(s, i) {
			continue
		}
		if _, ok := lookalikeDigit(s[max(i-1, 0)]); i > 0 && ok {
			continue
		}
		var digits []byte
		letters, end := 0, i
		// A group of letters alone after the first is a word, and ends
		// the number before it (010 ll 4127).
		group, groupDigits, groupLetters, groupEnd := 0, 0, 0, i
		for j := i; j <= len(s) && j-i < maxPhoneRun; j++ {
			if j < len(s) {
				if d, ok := lookalikeDigit(s[j]); ok {
					digits = append(digits, d)
					if d != s[j] {
						letters++
						groupLetters++
					} else {
						groupDigits++
					}
					end = j + 1
					continue
				}
			}
			if group > 0 && groupDigits == 0 {
				digits, letters = digits[:len(digits)-groupLetters], letters-groupLetters
				end = groupEnd
				break
			}
			group, groupDigits, groupLetters, groupEnd = group+1, 0, 0, end
			sep := letterPhoneSep(s[j:])
			if sep == 0 || letterPhoneSep(s[j+sep:]) > 0 {
				break // two separators end the number
			}
			j += sep - 1
		}
		n := len(digits)
		if letters == 0 || n-letters < 6 || n < 9 || n > 11 || !numRightOK(s, end) || digits[1] < '1' || digits[1] > '6' {
			continue
		}
		c.add(i, end, KindPhone, "")
		i = end
	}
}

// letterPhoneSep returns the length of the separator s starts with in a phone
// number with letters, or 0.
func letterPhoneSep(s string) int {
	switch {
	case strings.HasPrefix(s, "·"):
		return len("·")
	case s != "" && strings.IndexByte(" -./_~", s[0]) >= 0:
		return 1
	}
	return 0
}

// lookalikeDigit returns the digit b is or looks like, in a phone number
// written by hand or read back from one: the letters O and o for 0, l and
// I for 1.
func lookalikeDigit(b byte) (byte, bool) {
	switch {
	case isASCIIDigit(rune(b)):
		return b, true
	case b == 'O' || b == 'o':
		return '0', true
	case b == 'l' || b == 'I':
		return '1', true
	}
	return 0, false
}

// findWallets finds crypto-currency addresses: Bitcoin in bech32 (bc1...)
// or base58 (1... or 3..., 26 to 35 characters with capitals, small
// letters and digits), Ethereum (0x and 40 hex digits).
func findWallets(c *collector) {
	s := c.s
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(rune(s[i])) && !isASCIIDigit(rune(s[i])) || !wordLeftOK(s, i) {
			continue
		}
		j := i
		for j < len(s) && j-i <= 90 && (isASCIILetter(rune(s[j])) || isASCIIDigit(rune(s[j]))) {
			j++
		}
		if w := s[i:j]; len(w) >= minWallet && wordRightOK(s, j) && wallet(w) {
			c.add(i, j, KindIDNumber, "")
		}
		i = j
	}
}

// minWallet is the shortest wallet address (bech32's 14).
const minWallet = 14

// wallet reports whether w has the shape of a wallet address.
func wallet(w string) bool {
	switch {
	case len(w) >= minWallet && len(w) <= 90 && strings.HasPrefix(strings.ToLower(w), "bc1") && (w == strings.ToLower(w) || w == strings.ToUpper(w)):
		return strings.Trim(strings.ToLower(w[3:]), "qpzry9x8gf2tvdw0s3jn54khce6mua7l") == ""
	case len(w) == 42 && (strings.HasPrefix(w, "0x") || strings.HasPrefix(w, "0X")):
		return strings.Trim(strings.ToLower(w[2:]), "0123456789abcdef") == ""
	case len(w) >= 26 && len(w) <= 35 && (w[0] == '1' || w[0] == '3'):
		const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
		return strings.Trim(w, base58) == "" && strings.ContainsAny(w, "ABCDEFGHJKLMNPQRSTUVWXYZ") && strings.ContainsAny(w, "abcdefghijkmnopqrstuvwxyz")
	}
	return false
}

// Parts written next to a recognised address belong to it: a building,
// block, floor or room with its number before or after it ("Apt 502,
// Building 7, 145 Jungang-ro", "Jungang-ro 145, bldg 7"), and a
// quadrant after it ("1600 Pennsylvania Avenue NW").
const addressUnit = `(?i:building|bldg\.?|block|blk\.?|unit|floor|fl\.?|room|rm\.?|apt\.?|apartment|flat|suite|ste\.?|house|no\.?)`

var (
	addressRightRe = lazyRegexp(`^(?:,?\s{1,2}` + addressUnit + `\s{0,2}\d{1,5}[A-Za-z]?|\s(?:NW|NE|SW|SE))\b`)
	addressLeftRe  = lazyRegexp(`\b` + addressUnit + `\s{0,2}\d{1,5}[A-Za-z]?,?\s{1,2}$`)
	// A German street: name and type as one word, the number, and the
	// postcode and city ("Hauptstrasse 12, 10115 Berlin").
	germanStreetRe = lazyRegexp(`^[A-ZÄÖÜ][\pL-]{0,30}(?:straße|strasse|str\.|gasse|allee|platz|weg|damm|ring|ufer)\s{1,2}\d{1,4}[a-z]?(?:,\s{1,2}\d{5}(?:\s{1,2}[A-ZÄÖÜ][\pL-]{1,30})?)?`)
)

// maxAddressParts bounds the parts taken into one address each way.
const maxAddressParts = 3

// extendAddresses takes the parts next to every address found so far
// into it, and finds German streets.
func extendAddresses(c *collector) {
	s, lower := c.s, c.lower
	var starts []int
	for _, i := range wordStarts(lower, germanStreetCues) {
		starts = append(starts, wordStartBefore(s, i))
	}
	matchAt(germanStreetRe(), s, dedupSorted(starts), 96, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	for _, ab := range c.addrs {
		a, b := ab[0], ab[1]
		for range maxAddressParts {
			m := addressRightRe().FindStringIndex(s[b:min(len(s), b+40)])
			if m == nil {
				break
			}
			b += m[1]
		}
		for range maxAddressParts {
			m := addressLeftRe().FindStringIndex(s[max(0, a-40):a])
			if m == nil {
				break
			}
			a = max(0, a-40) + m[0]
		}
		if a != ab[0] || b != ab[1] {
			c.add(a, b, KindAddress, "")
		}
	}
}

// E-mail addresses spelt out in Korean: "@" read as 골뱅이 ("snail") or
// 앳, the dots as 점, 쩜 or 닷, and ".com" as 닷컴 ("jwseo81 골뱅이 naver 점
// com", "heron 앳 naver 닷컴"), any of them written apart or on; or a
// provider named alone, in either script, with or without its ".com"
// ("bada93 골뱅이 네이버", "나래송 골뱅이 지메일 닷컴"). A local part in
// Hangul (an e-mail address in words of a Hangul name) needs a provider
// that is no everyday word or a ".com" after it: 골뱅이 is also a dish
// ("우리 골뱅이 다음에 먹자" stays).
var (
	koAtWords  = []string{"골뱅이", "앳"}
	koDotWords = []string{"점", "쩜", "닷", "dot", "."}
	// koProviders are providers' names in Hangul, each true if it is no
	// everyday word (다음 is "next").
	koProviders = map[string]bool{"네이버": true, "지메일": true, "한메일": true, "핫메일": true, "얀덱스": true, "네이트": true,
		"야후": true, "아웃룩": true, "아이클라우드": true, "다음": false, "카카오": false, "구글": false}
	// comWords are ".com" and ".net" spelt after a provider's name.
	comWords = []string{"닷컴", "닷 컴", "점컴", "점 컴", "쩜컴", "쩜 컴", "닷넷", "dot com", "dot net", ".com", ".net"}
)

func findSpeltEmails(c *collector) {
	s := c.s
	for _, i := range cueStarts(s, c.lower, koAtCues) {
		at := "골뱅이"
		if !strings.HasPrefix(s[i:], at) {
			at = "앳"
		}
		// The local part: ASCII or Hangul before, apart or not.
		k := i
		for k > 0 && i-k < 2 && s[k-1] == ' ' {
			k--
		}
		a := k
		for a > 0 && k-a < 64 && (isASCIILetter(rune(s[a-1])) || isASCIIDigit(rune(s[a-1])) || strings.IndexByte("._%+-", s[a-1]) >= 0) {
			a--
		}
		hangul := false
		if a == k {
			for a > 0 && k-a < 64 {
				r, size := utf8.DecodeLastRuneInString(s[:a])
				if !isHangul(r) {
					break
				}
				a -= size
			}
			hangul = a < k
		}
		if k-a < 2 || !wordLeftOK(s, a) {
			continue
		}
		if b, ok := speltDomain(s, i+len(at)); ok && !hangul {
			c.add(a, b, KindEmail, "")
		} else if b, ok := providerAlone(s, i+len(at), hangul); ok {
			c.add(a, b, KindEmail, "")
		}
	}
}

// providerAlone returns the end of a mail provider's name alone at s[i:]
// (after spaces), in Latin letters or Hangul, with a spelt ".com" after
// it if there is one; after a Hangul local part the name must be no
// everyday word unless ".com" follows.
func providerAlone(s string, i int, hangul bool) (int, bool) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && (isASCIILetter(rune(s[j])) || isASCIIDigit(rune(s[j]))) {
		j++
	}
	sure := j > i && atMailProviders[strings.ToLower(s[i:j])]
	if j == i {
		// In Hangul, maybe with a particle or copula after it (네이버예요).
		for name, plain := range koProviders {
			if strings.HasPrefix(s[i:], name) && len(name) > j-i {
				j, sure = i+len(name), plain
			}
		}
		if j == i {
			return 0, false
		}
	} else if !sure && !mailProviders[strings.ToLower(s[i:j])] {
		return 0, false
	}
	k := j
	for k < len(s) && s[k] == ' ' {
		k++
	}
	for _, w := range comWords {
		if len(s)-k >= len(w) && strings.EqualFold(s[k:k+len(w)], w) {
			return k + len(w), true
		}
	}
	if hangul && !sure {
		return 0, false
	}
	return j, j > i
}

// speltDomain returns the end of a domain spelt out from s[i:]: labels
// joined by the words of koDotWords, or ending in 닷컴, with at least one
// dot.
func speltDomain(s string, i int) (int, bool) {
	skip := func(k int) int {
		for k < len(s) && k-i < 256 && s[k] == ' ' {
			k++
		}
		return k
	}
	label := func(k int) int {
		j := k
		for j < len(s) && j-k < 63 && (isASCIILetter(rune(s[j])) || isASCIIDigit(rune(s[j])) || s[j] == '-') {
			j++
		}
		return j
	}
	k := skip(i)
	end := label(k)
	if end == k {
		return 0, false
	}
	dots := 0
	for n := 0; n < 4; n++ {
		k = skip(end)
		if strings.HasPrefix(s[k:], "닷컴") {
			return k + len("닷컴"), true
		}
		dot := ""
		for _, d := range koDotWords {
			if strings.HasPrefix(s[k:], d) {
				dot = d
				break
			}
		}
		if dot == "" {
			break
		}
		k = skip(k + len(dot))
		e := label(k)
		if e == k {
			break
		}
		end, dots = e, dots+1
	}
	return end, dots > 0
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	germanStreetCues = newCues("straße", "strasse", "str.", "gasse", "allee", "platz", "weg ", "damm", "ring ", "ufer")
	koAtCues         = newCues(koAtWords...)
)
