package names

import (
	"slices"
	"strings"
	"sync"
)

// Korean given names registered in Hangul are written in Latin letters in
// English testimonies, in more than one spelling: 민서 is Minseo (Revised
// Romanisation), Minso (McCune–Reischauer without its marks) or Minsu;
// 지훈 is Jihun, Chihun or Jihoon. romanisations lists the usual
// spellings of each syllable (with the spellings names use besides:
// Sunghee for 성희, Hyun for 현) and combines them.

// The spellings of the initial consonants, vowels and final consonants of
// a syllable, in Unicode order; the first is the Revised Romanisation.
var (
	initials = [19][]string{
		{"g", "k"}, {"kk"}, {"n"}, {"d", "t"}, {"tt"}, {"r", "l"}, {"m"}, {"b", "p"}, {"pp"}, {"s"},
		{"ss"}, {""}, {"j", "ch"}, {"jj"}, {"ch"}, {"k"}, {"t"}, {"p"}, {"h"},
	}
	vowels = [21][]string{
		{"a"}, {"ae"}, {"ya"}, {"yae"}, {"eo", "o", "u"}, {"e"}, {"yeo", "yo"}, {"ye"}, {"o"}, {"wa"},
		{"wae"}, {"oe"}, {"yo"}, {"u", "oo"}, {"wo"}, {"we"}, {"wi"}, {"yu"}, {"eu", "u"}, {"ui"}, {"i"},
	}
	finals = [28][]string{
		{""}, {"k", "g"}, {"k"}, {"k"}, {"n"}, {"n"}, {"n"}, {"t", "d"}, {"l", "r"}, {"k"}, {"m"}, {"l"},
		{"l"}, {"l"}, {"p"}, {"l"}, {"m"}, {"p", "b"}, {"p"}, {"t", "s"}, {"t"}, {"ng"}, {"t"}, {"t"},
		{"k"}, {"t"}, {"p"}, {"t"},
	}
)

// maxRomanisations bounds the spellings of one given name: a name of three
// syllables with two or three spellings each would have dozens, and each
// is a variant the matcher indexes.
const maxRomanisations = 12

// romanisations returns the usual Latin spellings of given, a word of one
// to three Hangul syllables, in lower case, the Revised Romanisation first;
// nil for anything else (romanise, without its syllable hyphens).
func romanisations(given string) []string {
	out := romanise(given)
	for i, s := range out {
		out[i] = strings.ReplaceAll(s, "-", "")
	}
	return out
}

// romanise returns the usual Latin spellings of given, a word of one to
// three Hangul syllables, in lower case, its syllables joined by hyphens
// ("sung-chul"), the Revised Romanisation first; nil for anything else.
// The spellings are ranked by how far each syllable strays from the
// Revised Romanisation (spelling, below) and the likeliest kept, so a
// common vowel variant (hyuk for 혁) beats a rare final one (hyeog); but
// the spellings of each system (systemSpellings: Sungchul, Mee-rae,
// Song-chol) come first, as names keep to one system: they replace the
// least likely, so that at most maxRomanisations are kept.
func romanise(given string) []string {
	var syllables [][]spelling
	var jamo [][3]int
	for _, r := range given {
		if !isHangulSyllable(r) || len(syllables) == 3 {
			return nil
		}
		k := int(r - 0xAC00)
		ini, vow, fin := k/(21*28), k/28%21, k%28
		jamo = append(jamo, [3]int{ini, vow, fin})
		var sp []spelling
		vs := vowels[vow]
		if vow != 20 {
			// hee for 희, hyun for 현; not ee for ㅣ, which would double
			// the spellings of most names.
			vs = append(vs[:len(vs):len(vs)], extraVowels[vow]...)
		}
		for ai, a := range initials[ini] {
			for bi, b := range vs {
				for ci, c := range finals[fin] {
					s, cost := a+b+c, ai+bi+2*ci
					switch {
					case a == "s" && b == "i":
						sp = append(sp, spelling{s, cost}, spelling{"sh" + b + c, cost + 1}) // 시: si, shi
						continue
					case b == "eo" && c == "":
						sp = append(sp, spelling{s, cost}, spelling{a + "uh", cost + 1}) // 서: seo, suh
						continue
					}
					sp = append(sp, spelling{s, cost})
				}
			}
		}
		syllables = append(syllables, sp)
	}
	if len(syllables) == 0 {
		return nil
	}
	// The best of the whole are made of the best of each prefix, as costs
	// add up: keep the likeliest maxRomanisations after each syllable.
	// Strings are joined only for those kept: a registry of many persons
	// builds these for each.
	type pair struct{ prefix, s, cost int }
	out := []spelling{{}}
	var next []pair
	for _, sp := range syllables {
		next = next[:0]
		for pi, prefix := range out {
			for si, s := range sp {
				next = append(next, pair{pi, si, prefix.cost + s.cost})
			}
		}
		slices.SortStableFunc(next, func(a, b pair) int { return a.cost - b.cost })
		kept := make([]spelling, min(len(next), maxRomanisations))
		for i := range kept {
			p := next[i]
			kept[i] = spelling{out[p.prefix].s + "-" + sp[p.s].s, p.cost}
			if p.prefix == 0 && out[0].s == "" {
				kept[i].s = sp[p.s].s
			}
		}
		out = kept
	}
	names := make([]string, 0, len(out))
	for _, s := range out {
		names = append(names, s.s)
	}
	systems := systemSpellings(jamo)
	for _, s := range systems {
		if slices.Contains(names, s) {
			continue
		}
		if len(names) == maxRomanisations {
			// Drop the least likely spelling of no system.
			for i := len(names) - 1; i >= 0; i-- {
				if !slices.Contains(systems, names[i]) {
					names = slices.Delete(names, i, i+1)
					break
				}
			}
		}
		names = append(names, s)
	}
	return names
}

// systemSpellings returns the spellings of syllables (initial, vowel and
// final of each, in Unicode order) in each system in use, hyphenated by
// syllable: McCune–Reischauer without its marks (k, t, p, ch voiced as g,
// d, b, j between voiced sounds; ŏ as o, ŭ as u: Song-chol, Kwang-hyok),
// the common spelling with u for ㅓ and yu for ㅕ and k for an initial ㄱ
// (Sungchul, Hyunsuk, Kyung-hee), and that with ee for ㅣ, ㅢ and oo for ㅜ
// in an open syllable and you for ㅕ before ng (Mee-rae, Soo-young).
func systemSpellings(syllables [][3]int) []string {
	var out []string
	for sys := range 3 {
		parts := make([]string, len(syllables))
		for i, s := range syllables {
			ini, vow, fin := s[0], s[1], s[2]
			a, b, c := initials[ini][0], vowels[vow][0], finals[fin][0]
			prev := -1
			if i > 0 {
				prev = syllables[i-1][2]
			}
			voiced := prev == 0 || prev == 4 || prev == 8 || prev == 16 || prev == 21 // after a vowel, n, l, m, ng
			switch sys {
			case 0:
				if len(initials[ini]) > 1 && !voiced && initials[ini][1] != "l" {
					a = initials[ini][1] // k, t, p, ch
				}
				switch vow {
				case 4:
					b = "o"
				case 6:
					b = "yo"
				case 18:
					b = "u"
				}
			default:
				if ini == 0 && i == 0 {
					a = "k"
				}
				switch {
				case vow == 4:
					b = "u"
				case vow == 6 && sys == 2 && fin == 21:
					b = "you"
				case vow == 6:
					b = "yu"
				case sys == 2 && fin == 0 && (vow == 20 || vow == 19):
					b = "ee"
				case sys == 2 && fin == 0 && vow == 13:
					b = "oo"
				}
			}
			parts[i] = a + b + c
		}
		if s := strings.Join(parts, "-"); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// spelling is a Latin spelling of Hangul and its cost: the sum, over its
// letters, of the rank of the spelling chosen in initials, vowels (with
// extraVowels) and finals, a final counting twice, since names vary their
// vowels far more often (hyuk, hyok for 혁) than their finals (hyeog).
type spelling struct {
	s    string
	cost int
}

// The other way: a Korean name registered only in Latin letters ("Jeon
// Dae-hyun") is written in Hangul in Korean text (전대현, 대현이가).
// hangulSpellings gives the Hangul syllables a Latin syllable may stand
// for, from the same tables and a few spellings common in names (hee for
// 희, hyun for 현), with simple final consonants only: 않 is no name.

// extraVowels are Latin spellings of vowels used in names besides those in
// vowels.
var extraVowels = map[int][]string{1: {"ai"}, 6: {"yu", "you"}, 19: {"ee", "i"}, 20: {"ee"}}

// simpleFinals are the finals that end syllables of names: none, ㄱ, ㄴ,
// ㄷ, ㄹ, ㅁ, ㅂ, ㅅ, ㅇ.
var simpleFinals = []int{0, 1, 4, 7, 8, 16, 17, 19, 21}

// maxHangulForms bounds the Hangul spellings guessed for one name.
const maxHangulForms = 8

var hangulOf = sync.OnceValue(func() map[string][]rune {
	m := map[string][]rune{}
	// Two passes: the Revised Romanisation of each part first, so that
	// the likeliest syllable leads its list.
	for pass := range 2 {
		for ini := range initials {
			for vow := range vowels {
				vs := append(append([]string{}, vowels[vow]...), extraVowels[vow]...)
				for _, fin := range simpleFinals {
					r := rune(0xAC00 + (ini*21+vow)*28 + fin)
					for ai, a := range initials[ini] {
						for bi, b := range vs {
							for ci, c := range finals[fin] {
								if (ai+bi+ci == 0) != (pass == 0) {
									continue
								}
								if s := a + b + c; !slices.Contains(m[s], r) {
									m[s] = append(m[s], r)
								}
							}
						}
					}
				}
			}
		}
	}
	return m
})

// hangulSurnames maps a Latin spelling of a family name to its Hangul
// forms.
var hangulSurnames = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for h, spellings := range romanisedSurnames {
		for _, s := range spellings {
			m[s] = append(m[s], h)
		}
	}
	for _, hs := range m {
		slices.Sort(hs)
	}
	return m
})

// hangulForms returns the Hangul spellings (at most maxHangulForms) of a
// Korean name registered in Latin letters, family then given name, the
// given name written by syllables ("jeon", ["dae", "hyun"]), or nil if
// the family name is no known one or a part no syllable.
func hangulForms(family string, given []string) []string {
	out := hangulSurnames()[family]
	if len(out) == 0 || len(given) == 0 || len(given) > 3 {
		return nil
	}
	for _, g := range given {
		rs := hangulOf()[g]
		if len(rs) == 0 {
			return nil
		}
		var next []string
		for _, prefix := range out {
			for _, r := range rs {
				if len(next) < maxHangulForms {
					next = append(next, prefix+string(r))
				}
			}
		}
		out = next
	}
	return out
}

// Spellings returns the other script's likely spellings of word, for
// finding an officer's phrase written the other way (Ryongsong: 룡송,
// 룡성...; 청진: Cheongjin, Chongjin...): for a Latin word of one to four
// syllables in the romanisation tables, its Hangul spellings (at most
// maxHangulForms, the Revised Romanisation's first, both 룡 and 용 for
// an initial r, as North and South write it); for a Hangul word of two or
// three syllables, its Latin spellings (at most maxRomanisations, in
// lower case). Anything else has none.
func Spellings(word string) []string {
	if rs := []rune(word); len(rs) >= 2 && len(rs) <= 3 && allHangul([]byte(word)) {
		return romanisations(word)
	}
	w := make([]byte, 0, len(word))
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '-' || c == '\'':
			continue
		case c < 'a' || c > 'z':
			return nil
		}
		w = append(w, c)
	}
	if len(w) < 4 || len(w) > 24 {
		return nil
	}
	var out []string
	var split func(rest []byte, prefix string, n int)
	split = func(rest []byte, prefix string, n int) {
		if len(out) >= maxHangulForms {
			return
		}
		if len(rest) == 0 {
			if n >= 2 && !slices.Contains(out, prefix) {
				out = append(out, prefix)
			}
			return
		}
		if n == 4 {
			return
		}
		// A consonant starts the next syllable where it can (mu-san, not
		// mus-an; hoe-ryong), then the longest syllable first.
		for pass := range 2 {
			for k := min(len(rest), 6); k >= 1; k-- {
				if onset := k == len(rest) || !strings.ContainsRune("aeiou", rune(rest[k])); onset != (pass == 0) {
					continue
				}
				for _, r := range hangulOf()[string(rest[:k])] {
					split(rest[k:], prefix+string(r), n+1)
				}
			}
		}
	}
	split(w, "", 0)
	// An initial ㄹ is ㅇ or ㄴ in the South (룡성, 용성).
	for _, h := range out {
		if r := []rune(h); len(out) < 2*maxHangulForms && (r[0]-0xAC00)/(21*28) == 5 {
			vow := (r[0] - 0xAC00) / 28 % 21
			ini := rune(11) // ㅇ
			if vow != 2 && vow != 6 && vow != 12 && vow != 17 && vow != 20 && vow != 7 {
				ini = 2 // ㄴ before a, o, u...: 로동 is 노동
			}
			r[0] = 0xAC00 + (ini*21+vow)*28 + (r[0]-0xAC00)%28
			if s := string(r); !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// latinSyllables splits a given name written as one word into two or
// three Latin syllables that the romanisation tables know (minseo: min,
// seo), preferring the longest first syllable, or returns nil.
func latinSyllables(w string) []string {
	if len(w) > 15 {
		return nil
	}
	var split func(rest string, n int) []string
	split = func(rest string, n int) []string {
		if rest == "" {
			return []string{}
		}
		if n == 0 {
			return nil
		}
		for k := min(len(rest), 5); k >= 1; k-- {
			if len(hangulOf()[rest[:k]]) == 0 {
				continue
			}
			if tail := split(rest[k:], n-1); tail != nil {
				return append([]string{rest[:k]}, tail...)
			}
		}
		return nil
	}
	out := split(w, 3)
	if len(out) < 2 {
		return nil
	}
	return out
}
