package redact

import "strings"

// Numbers returns a span (KindPhone) for every number in text that is one
// of numbers (registered phone numbers, as written anywhere) in any
// grouping: a run of digit groups, each joined to the next by at most
// three of space, ".", "-" (any dash), "/", "_", "·", "(" and ")" (no line
// break), whose digits equal a registered number's once leading zeros are
// dropped, or one the other with a country code of one to three digits
// before it. So "+84 912 345 678" registered is found as
// "0912.345.678", "091 23 45 678" and "84-912-345-678", and "010-5512-3391"
// as "+82 10 5512 3391". Digits read out count as digits, in digit words
// or in numbers of tens and hundreds, in any grouping ("zero one zero
// five five ...", "ten fifty-five twenty-one ninety seventy-three",
// "восемь девятьсот четырнадцать ..."; see findWordDigits and
// countedGroup). A number of fewer than seven digits is ignored,
// as are runs of more than fifteen digits (a longer number is not this
// one); a group of a number read out alone is found too (NumberSet). Spans are sorted by offset and do not overlap; the cost is linear
// in the size of text.
func Numbers(text string, numbers []string) []Span {
	return NewNumberSet(numbers).Find(text)
}

// A NumberSet is a set of registered phone numbers made once for many
// texts: Find(text) is Numbers(text, numbers), at a cost that does not
// grow with the number of numbers. It also finds a group of four to six
// digits of a registered number of nine digits or more (not one that
// reads as a year, 1900 to 2099) read out alone in digit words, as a
// witness gives a number in pieces ("끝 네 자리는 칠일사이", "구공칠삼
// callback"); digits written as digits are the name matcher's.
type NumberSet struct {
	// keys are the numbers' digits without leading zeros, 7 to 15;
	// cut the keys without their first one to three digits (a country
	// code), at least 7; groups the groups of digits.
	keys, cut, groups map[string]bool
}

// NewNumberSet returns the set of numbers (registered phone numbers, as
// written anywhere).
func NewNumberSet(numbers []string) *NumberSet {
	ns := &NumberSet{keys: map[string]bool{}, cut: map[string]bool{}, groups: map[string]bool{}}
	for _, n := range numbers {
		norm := normalise(n, false).s
		k := numberKey(norm)
		if len(k) < 7 || len(k) > 15 {
			continue
		}
		ns.keys[k] = true
		for d := 1; d <= 3 && len(k)-d >= 7; d++ {
			ns.cut[k[d:]] = true
		}
		if len(k) < 9 {
			continue
		}
		for i := 0; i < len(norm); {
			j := i
			for j < len(norm) && isASCIIDigit(rune(norm[j])) {
				j++
			}
			if g := norm[i:j]; len(g) >= 4 && len(g) <= 6 && !(len(g) == 4 && g >= "1900" && g <= "2099") {
				ns.groups[g] = true
			}
			i = max(j, i+1)
		}
	}
	return ns
}

// Find returns the spans (KindPhone) of the numbers of ns in text, sorted
// by offset and not overlapping, as Numbers does.
func (ns *NumberSet) Find(text string) []Span {
	if text == "" || len(ns.keys) == 0 {
		return nil
	}
	nt := newNormText(text, false)
	s := nt.s
	var out []Span
	for i := 0; i < len(s); {
		if !isASCIIDigit(rune(s[i])) || !numLeftOK(s, i) {
			i++
			continue
		}
		// The groups from i on, to fifteen digits; the end after each
		// and the digits up to it. The longest that matches is taken.
		var digits []byte
		var ends, counts []int
		for j := i; len(digits) <= 15; {
			for j < len(s) && isASCIIDigit(rune(s[j])) {
				digits = append(digits, s[j])
				j++
			}
			ends, counts = append(ends, j), append(counts, len(digits))
			k, seps := j, 0
			for ; k < len(s) && seps < 3; seps++ {
				if strings.IndexByte(" .-/_()", s[k]) >= 0 {
					k++
				} else if strings.HasPrefix(s[k:], "·") {
					k += len("·")
				} else {
					break
				}
			}
			if k == j || k >= len(s) || !isASCIIDigit(rune(s[k])) {
				break
			}
			j = k
		}
		end := -1
		for e := len(ends) - 1; e >= 0 && end < 0; e-- {
			if counts[e] <= 15 && numRightOK(s, ends[e]) && ns.has(numberKey(string(digits[:counts[e]]))) {
				end = ends[e]
			}
		}
		if end < 0 {
			// Skip this group: a later one may start a number.
			for i < len(s) && isASCIIDigit(rune(s[i])) {
				i++
			}
			continue
		}
		a, b := nt.span(i, end)
		out = append(out, Span{Start: a, End: b, Kind: KindPhone, Replacement: Placeholder(KindPhone)})
		i = end
	}
	spoken := false
	spokenNumbers(nt, func(digits string, i, end int, whole bool) bool {
		if !ns.has(numberKey(digits)) && !(whole && ns.groups[digits]) {
			return false
		}
		a, b := nt.span(i, end)
		out, spoken = append(out, Span{Start: a, End: b, Kind: KindPhone, Replacement: Placeholder(KindPhone)}), true
		return true
	})
	if spoken {
		return resolve(text, out, false)
	}
	return out
}

// has reports whether the digits t are a number of ns, or one with a
// country code of one to three digits before the other.
func (ns *NumberSet) has(t string) bool {
	if len(t) < 7 {
		return false
	}
	if ns.keys[t] || ns.cut[t] {
		return true
	}
	for d := 1; d <= 3 && len(t)-d >= 7; d++ {
		if ns.keys[t[d:]] {
			return true
		}
	}
	return false
}

// numberKey returns the digits of s without leading zeros.
func numberKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(rune(s[i])) && (b.Len() > 0 || s[i] != '0') {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
