package names

import (
	"bytes"
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

// maxHanjaFind bounds the Hangul readings of a run of Han characters
// hanjaInside looks up: a character has one reading mostly, a few have
// two or three (and both forms of the initial-sound rule).
const maxHanjaFind = 8

// hanjaInside returns the mentions in word words[i] of persons in
// evident registered under a Hangul name, written in Han characters: a
// run of three or four whose Sino-Korean reading (hanjaReadings) is the
// registered full name or an alias (张哲民, 張哲民 for 장철민), or of two
// whose reading is the given name, before a title or kinship word
// (hanTitles: 哲民哥 for 철민) and after a word end. The readings are made
// from the text when it is read, not stored for every Hangul name (a
// syllable is the reading of dozens of characters). A mention inside
// those of out[n:], found in the same word, is not one; out[n:] is kept
// in the order of the text.
func (m *Matcher) hanjaInside(text string, words []word, buf []byte, i int, evident map[string]bool, out []Match, n int) []Match {
	if len(evident) == 0 {
		return out
	}
	w := &words[i]
	f := buf[w.fstart:w.fend]
	off := m.segmentEnds(text[w.start:w.end], f)
	found := out[n:]
	taken := func(a, b int) bool {
		return slices.ContainsFunc(found, func(mt Match) bool { return mt.Start < b && a < mt.End })
	}
	var sets [][]rune
	var key []byte
	for s := 0; s < len(f); {
		r, size := utf8.DecodeRune(f[s:])
		if !isHan(r) || !m.readsAsForm(r) {
			s += size
			continue
		}
		end := 0
		for k := 4; k >= 2 && end == 0; k-- {
			sets = sets[:0]
			e := s
			for len(sets) < k && e < len(f) {
				q, qs := utf8.DecodeRune(f[e:])
				rs := hanjaReadings()[q]
				if !isHan(q) || len(rs) == 0 {
					break
				}
				sets = append(sets, rs)
				e += qs
			}
			if len(sets) < k || k == 2 && !hanTitled(f, s, e) {
				continue
			}
			for _, reading := range hanCombinations(sets, maxHanjaFind) {
				key = key[:0]
				for _, q := range reading {
					key = utf8.AppendRune(key, q)
				}
				mt, ok := m.hanjaChoose(key, k == 2, evident)
				if !ok {
					continue
				}
				os, ok1 := off(s)
				oe, ok2 := off(e)
				if !ok1 || !ok2 || taken(w.start+os, w.start+oe) {
					continue
				}
				mt.Start, mt.End = w.start+os, w.start+oe
				out, end = append(out, mt), e
				break
			}
		}
		if end == 0 {
			s += size
			continue
		}
		s = end
	}
	slices.SortFunc(out[n:], func(a, b Match) int { return a.Start - b.Start })
	return out
}

// readsAsForm reports whether a reading of the Han character r begins a
// registered form: most characters of a text read as no name's start.
func (m *Matcher) readsAsForm(r rune) bool {
	var key [4]byte
	return slices.ContainsFunc(hanjaReadings()[r], func(q rune) bool {
		_, ok := m.lookup(utf8.AppendRune(key[:0], q))
		return ok
	})
}

// hanjaChoose returns the mention of the Hangul reading key: a person in
// evident whose registered full name or alias it is (given, its given
// name alone), ambiguous if it is two persons'.
func (m *Matcher) hanjaChoose(key []byte, given bool, evident map[string]bool) (Match, bool) {
	ent, ok := m.lookup(key)
	if !ok || ent.n == 0 {
		return Match{}, false
	}
	var mt Match
	for _, v := range m.variants[ent.first : ent.first+ent.n] {
		want := v.rank == rankName || v.rank == rankAlias
		if given {
			want = v.rank == rankGiven
		}
		if id := m.ids[v.person]; want && evident[id] {
			if mt.PersonID != "" && mt.PersonID != id {
				mt.Ambiguous = true
				break
			}
			mt.PersonID = id
		}
	}
	return mt, mt.PersonID != ""
}

// hanTitled reports whether f[s:e], two Han characters, stands after a
// word end (hanBefore, or no Han character) and before a title or
// kinship word (hanTitles).
func hanTitled(f []byte, s, e int) bool {
	if r, _ := utf8.DecodeLastRune(f[:s]); s > 0 && isHan(r) && !hanBefore[r] {
		return false
	}
	return slices.ContainsFunc(hanTitles, func(t string) bool { return bytes.HasPrefix(f[e:], []byte(t)) })
}
