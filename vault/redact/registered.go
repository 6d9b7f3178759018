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
// one). Spans are sorted by offset and do not overlap; the cost is linear
// in the size of text.
func Numbers(text string, numbers []string) []Span {
	var keys []string
	for _, n := range numbers {
		if k := numberKey(newNormText(n, false).s); len(k) >= 7 && len(k) <= 15 {
			keys = append(keys, k)
		}
	}
	if text == "" || len(keys) == 0 {
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
			if counts[e] <= 15 && numRightOK(s, ends[e]) && matchesKey(numberKey(string(digits[:counts[e]])), keys) {
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
	spokenNumbers(s, func(digits string, i, end int) bool {
		if !matchesKey(numberKey(digits), keys) {
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

// matchesKey reports whether the digits t are one of keys, or one of them
// with a country code of one to three digits before the other.
func matchesKey(t string, keys []string) bool {
	if len(t) < 7 {
		return false
	}
	for _, k := range keys {
		short, long := t, k
		if len(short) > len(long) {
			short, long = long, short
		}
		if d := len(long) - len(short); d <= 3 && strings.HasSuffix(long, short) && len(short) >= 7 {
			return true
		}
	}
	return false
}
