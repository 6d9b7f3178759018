package names

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// A Chinese name registered in Han characters (赵德胜) is written in Latin
// letters in English testimonies: in pinyin (Zhao Desheng), in
// Wade–Giles, as older and Taiwanese papers have it (Chao Te-sheng), or in
// the Hong Kong spelling of its Cantonese reading (刘春花: Lau Chun-fa).
// hanziVariants gives a Han name these three spellings, from the
// characters' readings in hanziTable (Unihan's kMandarin and kCantonese)
// and the rules below.

// hanziReadings maps a common Han character to its Mandarin (pinyin) and
// Cantonese (Jyutping) readings, without tones.
var hanziReadings = sync.OnceValue(func() map[rune][2]string {
	m := make(map[rune][2]string, 10000)
	for e := range strings.FieldsSeq(hanziTable) {
		r, n := utf8.DecodeRuneInString(e)
		py, jp, _ := strings.Cut(e[n:], ",")
		m[r] = [2]string{py, jp}
	}
	return m
})

// hanziForms returns the Latin spellings of a Han name of family and
// given name, each as the family name's syllable and the given name's
// syllables: pinyin, Wade–Giles, Hong Kong Cantonese and the same with
// the given name in Jyutping, without repeats; nil if a character has no
// reading.
func hanziForms(family, given string) [][2][]string {
	var out [][2][]string
	for sys := range 4 {
		var parts [2][]string
		for i, part := range []string{family, given} {
			for _, r := range part {
				rd, ok := hanziReadings()[r]
				if !ok || rd[0] == "" || rd[1] == "" {
					return nil
				}
				s := rd[0]
				switch sys {
				case 1:
					s = wadeGiles(rd[0])
				case 2, 3:
					// 3: the given name in Jyutping, as Hong Kong people
					// write it too (Wong Sau-laan).
					s = hongKong(rd[1])
					if sys == 3 && i == 1 {
						s = rd[1]
					}
					if cs := cantoneseSurnames[string(r)]; i == 0 && utf8.RuneCountInString(family) == 1 && len(cs) > 0 {
						s = cs[0] // the usual spelling: Lee, not Lei, for 李
					}
				}
				parts[i] = append(parts[i], s)
			}
		}
		dup := false
		for _, o := range out {
			dup = dup || strings.Join(o[0], "-") == strings.Join(parts[0], "-") && strings.Join(o[1], "-") == strings.Join(parts[1], "-")
		}
		if !dup {
			out = append(out, parts)
		}
	}
	return out
}

// hanziVariants returns the variants of the Latin spellings of a Han name
// (hanziForms): both orders and a given name of two syllables or more
// alone, its syllables joined, hyphenated or apart (Te-sheng, Desheng),
// capitalised, as guessed spellings.
func (m *Matcher) hanziVariants(person int32, family, given []token) []rawVariant {
	if len(family) != 1 || len(given) != 1 || len(family[0].words) != 1 || len(given[0].words) != 1 {
		return nil
	}
	var out []rawVariant
	for _, f := range hanziForms(family[0].words[0], given[0].words[0]) {
		fam := []token{{words: []string{strings.Join(f[0], "")}, weight: len(strings.Join(f[0], ""))}}
		giv := []token{{words: f[1], weight: len(strings.Join(f[1], ""))}}
		for _, v := range m.fullVariants(person, rankRomanised, fam, giv, false) {
			if v.rank == rankGiven && len(f[1]) < 2 {
				// A given name of one syllable alone is a word too
				// often (Ming, Man, Sing, Wing): only with the family
				// name.
				continue
			}
			v.rank, v.capitals = rankRomanised, true
			out = append(out, v)
		}
	}
	return out
}

// wadeGiles returns the Wade–Giles spelling of a pinyin syllable, without
// its apostrophes and umlauts (a text's "Ch'un" splits at the apostrophe
// into pieces the matcher joins again).
func wadeGiles(py string) string {
	switch py {
	case "zi", "ci":
		return "tzu"
	case "si":
		return "ssu"
	case "zhi", "chi":
		return "chih"
	case "shi":
		return "shih"
	case "ri":
		return "jih"
	case "er":
		return "erh"
	case "e":
		return "o"
	}
	ini, fin := py, ""
	for _, i := range []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"} {
		if strings.HasPrefix(py, i) {
			ini, fin = i, py[len(i):]
			break
		}
	}
	if fin == "" && ini == py {
		ini, fin = "", py
	}
	switch fin {
	case "ong":
		fin = "ung"
	case "iong":
		fin = "iung"
	case "ian":
		fin = "ien"
	case "ie":
		fin = "ieh"
	case "ui":
		if ini == "g" || ini == "k" {
			fin = "uei"
		}
	case "ue":
		fin = "ueh"
	case "uo":
		if ini != "g" && ini != "k" && ini != "h" && ini != "sh" {
			fin = "o"
		}
	case "e":
		if ini == "g" || ini == "k" || ini == "h" {
			fin = "o"
		}
	}
	switch ini {
	case "y":
		switch fin {
		case "i":
			return "i"
		case "an":
			return "yen"
		case "e":
			return "yeh"
		case "ou":
			return "yu"
		case "ung":
			return "yung"
		case "ueh":
			return "yueh"
		}
	case "b", "d", "g":
		ini = unvoiced[ini]
	case "j", "q", "zh":
		ini = "ch"
	case "x":
		ini = "hs"
	case "r":
		ini = "j"
	case "z", "c":
		ini = "ts"
	}
	return ini + fin
}

// unvoiced are the spellings of pinyin's and Jyutping's b, d, g (which
// are voiceless, unaspirated) in Wade–Giles and the Hong Kong spelling.
var unvoiced = map[string]string{"b": "p", "d": "t", "g": "k"}

// hongKong returns the Hong Kong government's spelling of a Cantonese
// syllable in Jyutping (ceon: chun, faa: fa, zoeng: cheung).
func hongKong(jp string) string {
	ini, fin := "", jp
	for _, i := range []string{"gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w", "z", "c", "s", "j"} {
		if strings.HasPrefix(jp, i) && len(jp) > len(i) {
			ini, fin = i, jp[len(i):]
			break
		}
	}
	for _, f := range [][2]string{
		{"aai", "ai"}, {"aau", "au"}, {"aam", "am"}, {"aang", "ang"}, {"aan", "an"}, {"aap", "ap"}, {"aat", "at"}, {"aak", "ak"}, {"aa", "a"},
		{"eoi", "ui"}, {"eon", "un"}, {"eot", "ut"}, {"oeng", "eung"}, {"oek", "euk"},
		{"yun", "uen"}, {"yut", "uet"}, {"yu", "u"}, {"ou", "o"},
	} {
		if fin == f[0] {
			fin = f[1]
			break
		}
	}
	switch ini {
	case "gw":
		ini = "kw"
	case "b", "d", "g":
		ini = unvoiced[ini]
	case "z", "c":
		ini = "ch"
	case "j":
		ini = "y" // 杨 joeng: yeung; 余 jyu: yu
	}
	return ini + fin
}
