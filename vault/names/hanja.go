package names

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// A Chinese name is read in Korean by the Sino-Korean readings of its
// characters: 王建国 is 왕건국, 柳春花 류춘화 (or 유춘화, by the South's
// initial-sound rule), 马丽 마려. A Korean witness tells of the broker
// 王建国 as 왕건국 사장, so the readings of a Han name are variants of it,
// guessed as the Hangul of a Latin name is (hangulVariants).

//go:generate go run gen_hanja.go -ucd /usr/share/unicode

// hanjaReadings maps a Han character to its Sino-Korean readings, from
// hanjaTable (Unihan's kHangul; a simplified character has those of its
// traditional forms). Both forms of a reading the initial-sound rule
// changes are there, the North's first (류, 유; 리, 이).
var hanjaReadings = sync.OnceValue(func() map[rune][]rune {
	m := make(map[rune][]rune, 10000)
	for e := range strings.FieldsSeq(hanjaTable) {
		r, n := utf8.DecodeRuneInString(e)
		m[r] = []rune(e[n:])
	}
	return m
})

// maxHanjaForms bounds the Hangul readings of one Han name: each is a
// dozen variants.
const maxHanjaForms = 4

// hanjaForms returns the Hangul readings of family and given, the two
// parts of a Han name, as pairs of family and given name, the likeliest
// first (fewest characters read by other than their first reading), at
// most maxHanjaForms; nil if a part is not Han characters or a character
// has no reading.
func hanjaForms(family, given string) [][2]string {
	var chars [][]rune
	for _, part := range []string{family, given} {
		for _, r := range part {
			rs := hanjaReadings()[r]
			if len(rs) == 0 || !isHan(r) {
				return nil
			}
			chars = append(chars, rs)
		}
	}
	forms := hanCombinations(chars, maxHanjaForms)
	n := utf8.RuneCountInString(family)
	out := make([][2]string, len(forms))
	for i, f := range forms {
		out[i] = [2]string{string(f[:n]), string(f[n:])}
	}
	return out
}

// maxRomanisedReadings bounds the given-name readings of a Han name that
// are romanised: each is a dozen Latin spellings.
const maxRomanisedReadings = 2

// hanjaVariants returns the variants of the Hangul readings of a Han name
// of family and given name (王建国: 왕건국, and 건국 alone, with the
// rules of a Hangul name), as guessed spellings. A reading of two
// syllables (a given name alone, 건국; a name of two characters, 마려)
// is a word as often as a name (건국 이래, "since the founding"), so it
// is one only as an everyday Hangul name is: before a title or kinship
// word, or with a suffix where the record names the person. The Korean
// reading is romanised as a Hangul name is, by the given name's first
// maxRomanisedReadings readings of two syllables or more, and its family
// name's romanisations are registered (金顺姬, a Korean of China: 김순희,
// Kim Sun-hee, Soon-hee, Gim Sunhui).
func (m *Matcher) hanjaVariants(person int32, family, given []token) []rawVariant {
	if len(family) != 1 || len(given) != 1 || len(family[0].words) != 1 || len(given[0].words) != 1 {
		return nil
	}
	var out []rawVariant
	var romanised []string
	for _, f := range hanjaForms(family[0].words[0], given[0].words[0]) {
		fam := []token{{words: []string{f[0]}, weight: 2 * utf8.RuneCountInString(f[0])}}
		giv := []token{{words: []string{f[1]}, weight: 2 * utf8.RuneCountInString(f[1])}}
		// Not a given name of one syllable: alone its romanisation (Yeo,
		// Ryeo for 丽) is a word or any Korean's.
		latin := len(romanised) < maxRomanisedReadings && !slices.Contains(romanised, f[1]) && utf8.RuneCountInString(f[1]) > 1
		if latin {
			romanised = append(romanised, f[1])
		}
		for _, v := range m.fullVariants(person, rankRomanised, fam, giv, true) {
			if !latin && !allHangul([]byte(v.key)) {
				continue
			}
			v.rank = rankRomanised
			if !v.single && utf8.RuneCountInString(v.key) == 2 {
				v.everyday, v.evidence = true, true
			}
			out = append(out, v)
		}
	}
	return out
}
