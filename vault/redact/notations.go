package redact

import (
	"strings"
	"unicode/utf8"
)

// Addresses and plates in the notations review 13f found in clear: a
// Chinese floor and room (住在三楼302), a Russian street romanised with
// its house and flat (Svetlanskaya 45-12), a Vietnamese hamlet or commune
// by its name (thôn Đông, xã Hưng Lộc), and a Vietnamese plate without
// its separators after a plate word (biển 37A 12345). Chinese numerals
// before 号 are hanAddress's, the Spanish forms typeFirstRe's and
// postcodeRe's.
var (
	// Svetlanskaya 45-12, Okeanskiy 10; Lenina 14-3 (a genitive, with
	// the flat only): anchored at the street's name.
	ruLatinStreetRe = lazyRegexp(`^\p{Lu}[a-z]{1,20}(?:(?:skaya|skoy|skiy|ovaya|evaya|naya)\s{1,2}(\d{1,4})(?:[-/]\d{1,4})?|(?:ina|ova|eva|ogo)\s{1,2}(\d{1,4})[-/]\d{1,4})`)
	// thôn Đông, xã Hưng Lộc, ấp Bắc, xóm 3: a hamlet or commune by its
	// name (one to three capitalised syllables) or number. Lower-case
	// words after the unit are words (Xóm làng, xã hội).
	viVillageRe = lazyRegexp(`^(?:thôn|Thôn|xóm|Xóm|xã|Xã|ấp|Ấp|bản|Bản)\s{1,2}(?:\p{Lu}[\p{Ll}\p{M}]{0,9}(?:\s\p{Lu}[\p{Ll}\p{M}]{0,9}){0,2}|\d{1,3}\b)`)
	// biển 37A 12345, biển số 30E-12345: a Vietnamese plate without the
	// dot of its last group, on the lower-cased text.
	viBarePlateRe = lazyRegexp(`^biển(?:\s{1,2}(?:số|kiểm soát|xe))?:?\s{1,2}(\d{2}[a-z][a-z0-9]?[ -]?\d{4,5})`)
)

var (
	ruLatinSuffixes = []string{"skaya ", "skoy ", "skiy ", "ovaya ", "evaya ", "naya ", "ina ", "ova ", "eva ", "ogo "}
	viVillageWords  = []string{"thôn ", "Thôn ", "xóm ", "Xóm ", "xã ", "Xã ", "ấp ", "Ấp ", "bản ", "Bản "}
)

// hanNumerals are the characters of a number in Chinese numerals.
const hanNumerals = "〇零一二两三四五六七八九十百千"

// hanNumberBefore returns the start of the number in Chinese numerals, of
// at most six characters, that ends at s[i], or i if none does.
func hanNumberBefore(s string, i int) int { return runBefore(s, i, hanNumerals, 6) }

// runBefore returns the start of the run of at most limit runes of set
// that ends at s[i], or i if none does.
func runBefore(s string, i int, set string, limit int) int {
	for n := 0; n < limit && i > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !strings.ContainsRune(set, r) {
			break
		}
		i -= size
	}
	return i
}

// runAfter returns the end of the run of at most limit runes of set that
// starts at s[i], or i if none does.
func runAfter(s string, i int, set string, limit int) int {
	for n := 0; n < limit && i < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(set, r) {
			break
		}
		i += size
	}
	return i
}

// smallNumberBefore returns the start of the number of up to three digits,
// or in Chinese numerals, that ends at s[i], or i if none does.
func smallNumberBefore(s string, i int) int {
	a := i
	for a > 0 && i-a < 3 && isASCIIDigit(rune(s[a-1])) {
		a--
	}
	if a == i {
		a = hanNumberBefore(s, i)
	}
	return a
}

func findNotations(c *collector) {
	s, lower := c.s, c.lower
	// 三楼302, 3楼302: a floor, in numerals or digits, and a room of three
	// or four digits.
	for _, i := range cueStarts(s, lower, floorHanCues) {
		a := hanNumberBefore(s, i)
		if a == i {
			for a > 0 && i-a < 2 && isASCIIDigit(rune(s[a-1])) {
				a--
			}
		}
		b := i + len("楼")
		e := b
		for e < len(s) && e-b < 4 && isASCIIDigit(rune(s[e])) {
			e++
		}
		if a < i && e-b >= 3 && numRightOK(s, e) {
			c.add(a, e, KindAddress, "")
		}
	}
	for _, i := range cueStarts(s, lower, ruralUnitCues) {
		if a, b, ok := ruralUnit(s, i); ok {
			c.add(a, b, KindAddress, "")
		}
	}
	for _, i := range cueStarts(s, lower, choumeCues) {
		if a, b, ok := choume(s, i); ok {
			c.add(a, b, KindAddress, "")
		}
	}
	var streets []int
	for _, i := range wordStarts(lower, ruLatinSuffixCues) {
		streets = append(streets, wordStartBefore(s, i))
	}
	matchAt(ruLatinStreetRe(), s, dedupSorted(streets), 48, func(m []int) bool {
		house := sub(s, m, 1) + sub(s, m, 2)
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) || measureAfter(lower, m[1]) || len(house) == 4 && (house[:2] == "19" || house[:2] == "20") {
			return false // Ivanova 1941-1945 is a span of years
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	matchAt(viVillageRe(), s, cueStarts(s, lower, viVillageCues), 80, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || prevRune(s, m[0]) >= utf8.RuneSelf && isWordRune(prevRune(s, m[0])) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	matchAt(viBarePlateRe(), lower, wordStarts(lower, viPlateCues), 48, func(m []int) bool {
		if !numRightOK(s, m[3]) || isASCIILetter(nextRune(s, m[3])) {
			return false
		}
		c.add(m[2], m[3], KindPlate, "")
		return true
	})
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	floorHanCues      = newCues("楼")
	ruralUnitCues     = newCues("组", "社", "队", "屯")
	choumeCues        = newCues("丁目")
	ruLatinSuffixCues = newCues(ruLatinSuffixes...)
	viVillageCues     = newCues(viVillageWords...)
	viPlateCues       = newCues("biển")
)

// A village's group or team by its number (和龙市南坪镇3组, 南坪镇第三生产队,
// 光明村二村民小组): the unit word, maybe with its longer form, after a
// number after a town, township or village; not the words the unit word
// begins (组织, 社会, 社区, 队长, 社员).
const (
	ruralUnitFollowers = "织会区长员"
	ruralDivisionEnds  = "镇乡村屯队"
)

var ruralUnitForms = []string{"村民小", "生产", "大", "小"}

// ruralUnit returns the village unit whose last character is at s[i], with
// the divisions before it, if any.
func ruralUnit(s string, i int) (int, int, bool) {
	_, size := utf8.DecodeRuneInString(s[i:])
	b := i + size
	if r, _ := utf8.DecodeRuneInString(s[b:]); strings.ContainsRune(ruralUnitFollowers, r) {
		return 0, 0, false
	}
	j := i
	for _, form := range ruralUnitForms {
		if strings.HasSuffix(s[:j], form) {
			j -= len(form)
			break
		}
	}
	a := smallNumberBefore(s, j)
	if a == j {
		return 0, 0, false
	}
	a = hanSeparatorStart(s, len(strings.TrimSuffix(s[:a], "第")))
	r, size := utf8.DecodeLastRuneInString(s[:a])
	if !strings.ContainsRune(ruralDivisionEnds, r) {
		return 0, 0, false
	}
	return hanDivisionsStart(s, a-size), b, true
}

// choume returns the Japanese address whose 丁目 is at s[i] (西新宿2丁目8番地,
// 三丁目5番3号), if any: the number before it, the block and house numbers
// after it, and the names and divisions before it.
func choume(s string, i int) (int, int, bool) {
	a := smallNumberBefore(s, i)
	if a == i {
		return 0, 0, false
	}
	b := i + len("丁目")
	for _, unit := range []string{"番地", "番", "号", "號"} {
		k := hanSeparatorEnd(s, b)
		d := k
		for k < len(s) && k-d < 4 && (isASCIIDigit(rune(s[k])) || s[k] == '-') {
			k++
		}
		if k > d && strings.HasPrefix(s[k:], unit) {
			b = k + len(unit)
		} else if k > d && unit == "號" {
			b = k // 2丁目8-3, the house without its unit
		}
	}
	return hanDivisionsStart(s, a), b, true
}
