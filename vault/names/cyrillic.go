package names

import (
	"strings"
	"unicode/utf8"
)

// A Russian registered in Cyrillic (Андрей Николаевич Волков) is written
// in Hangul in Korean testimonies (안드레이 니콜라예비치, 볼코프 사장) and
// in Latin letters in others (Volkov, and in German Kusnezow for
// Кузнецов). cyrillicVariants gives such a name its Hangul spellings, by
// the National Institute of Korean Language's rules for Russian (외래어
// 표기법, 러시아어 표기 세칙), and its family name's Latin ones, by the
// transliterations of russian.go.

// russianParts returns the given name, patronymic and family name of a
// name of Russian shape written in Cyrillic, of two or three tokens in
// either order (Андрей Николаевич Волков, Волков Андрей Николаевич,
// Андрей Волков, Андрей Николаевич); a part the name lacks is "".
func russianParts(name []token) (given, patr, family string, ok bool) {
	if len(name) < 2 || len(name) > 3 {
		return "", "", "", false
	}
	w := make([]string, len(name))
	for i, t := range name {
		if len(t.words) != 1 || !cyrillicWord(t.words[0]) {
			return "", "", "", false
		}
		w[i] = t.words[0]
	}
	switch {
	case len(w) == 3 && patronymic(w[1]):
		return w[0], w[1], w[2], true
	case len(w) == 3 && patronymic(w[2]):
		return w[1], w[2], w[0], true
	case len(w) == 2 && patronymic(w[1]):
		return w[0], w[1], "", true
	case len(w) == 2 && slavicSurname(name[1]):
		return w[0], "", w[1], true
	case len(w) == 2 && slavicSurname(name[0]):
		return w[1], "", w[0], true
	}
	return "", "", "", false
}

func cyrillicWord(w string) bool {
	for _, r := range w {
		if r < 0x400 || r > 0x4FF {
			return false
		}
	}
	return w != ""
}

// cyrillicVariants returns the variants of a name of Russian shape in
// Cyrillic in Hangul (the full name, given name and patronymic, given and
// family name in either order, and each part alone, with the rules of a
// Hangul name: 세르게이 이바노비치가, 볼코프 사장; a part of two
// syllables only as an everyday Hangul name is) and its family name in
// each Latin transliteration and the Polish one, alone, capitalised,
// where the person is evident (Kuznetsov, Kusnezow, Orloff, Tkaczenko). These rank as guessed spellings.
func (m *Matcher) cyrillicVariants(person int32, name []token) []rawVariant {
	given, patr, family, ok := russianParts(name)
	if !ok {
		return nil
	}
	var out []rawVariant
	add := func(parts ...string) *rawVariant {
		var ts []token
		for _, p := range parts {
			if p == "" {
				return nil
			}
			ts = append(ts, token{words: []string{p}, weight: 2 * utf8.RuneCountInString(p)})
		}
		out = append(out, newRaw(person, rankRomanised, ts))
		return &out[len(out)-1]
	}
	g, p, f := hangulOfCyrillic(given), hangulOfCyrillic(patr), hangulOfCyrillic(family)
	add(g, p, f)
	add(g, f)
	add(f, g)
	add(g, p)
	for _, part := range []string{g, p, f} {
		// A part of two syllables may be a word (유리 "glass", 올가을
		// "this autumn"): it is the person's only as an everyday Hangul
		// name is.
		if n := utf8.RuneCountInString(part); n == 2 {
			v := add(part)
			v.everyday, v.evidence = true, true
		} else if n > 2 {
			add(part)
		}
	}
	var latin []string
	for _, l := range append(latinOf(family), polishOf(family)...) {
		latin = appendNew(latin, l)
		// The older -off and -of of -ov, -eff of -ev (Orloff, as emigrés
		// and French papers write Орлов).
		for _, t := range slavicSpellings(token{words: []string{l}, weight: len(l)}) {
			latin = appendNew(latin, t.words[0])
		}
	}
	for _, l := range latin {
		if len(l) >= minFuzzy {
			v := newRaw(person, rankRomanised, []token{{words: []string{l}, weight: len(l)}})
			v.nick, v.capitals = true, true
			out = append(out, v)
		}
	}
	return out
}

// The Hangul of Cyrillic letters (러시아어 표기 세칙): a consonant before
// a vowel is the initial of its syllable; one before another consonant
// or at the end is a final of the syllable before (м, н, л: 안드레이,
// 볼코프; к, г as ㄱ, п, б, ф, в as ㅂ, т, д as ㅅ after a vowel and
// before a voiceless consonant: 빅토르, 차이콥스키) or a syllable of its
// own with ㅡ or ㅣ (드미트리, 니콜라예비치); л before a vowel, but at the
// start, doubles as ㄹ final and initial (니콜라이, 블라디미르); е, ё, ю, я
// at the start or after a vowel or a soft sign are 예, 요, 유, 야.
var (
	// cyrInitial is the initial consonant (its index in the Unicode
	// order) of a Cyrillic consonant before a vowel.
	cyrInitial = map[rune]int{
		'б': 7, 'в': 7, 'г': 0, 'д': 3, 'ж': 12, 'з': 12, 'к': 15, 'л': 5, 'м': 6, 'н': 2,
		'п': 17, 'р': 5, 'с': 9, 'т': 16, 'ф': 17, 'х': 18, 'ц': 14, 'ч': 14, 'ш': 9, 'щ': 9,
	}
	// cyrAlone is the syllable a consonant makes alone, before a
	// consonant or at the end, where it is no final: its initial with
	// ㅡ, or ㅣ for the palatals. в, г and б at the end are voiceless
	// (볼코프, 올레크).
	cyrAlone = map[rune]string{
		'б': "브", 'в': "브", 'г': "그", 'д': "드", 'ж': "시", 'з': "즈", 'к': "크", 'л': "르", 'м': "므", 'н': "느",
		'п': "프", 'р': "르", 'с': "스", 'т': "트", 'ф': "프", 'х': "흐", 'ц': "츠", 'ч': "치", 'ш': "시", 'щ': "시",
	}
	cyrAloneEnd = map[rune]string{'б': "프", 'в': "프", 'г': "크"}
	// cyrFinal is the final (its index in the Unicode order) a consonant
	// makes on the syllable before: always for м, н and л, after a vowel
	// and before a voiceless consonant for the stops (cyrStops).
	cyrFinal = map[rune]int{'м': 16, 'н': 4, 'л': 8, 'к': 1, 'г': 1, 'п': 17, 'б': 17, 'ф': 17, 'в': 17, 'т': 19, 'д': 19}
	cyrStops = "кгпбфвтд"
	// cyrVoiceless are the consonants before which a stop is a final.
	cyrVoiceless = "кптфсшщчцх"
	// cyrVowel is the vowel (its index in the Unicode order) of a
	// Cyrillic vowel after a consonant, and cyrIotated of one at the start
	// or after a vowel or soft sign.
	cyrVowel   = map[rune]int{'а': 0, 'е': 5, 'ё': 12, 'и': 20, 'о': 8, 'у': 13, 'ы': 20, 'э': 5, 'ю': 17, 'я': 2}
	cyrIotated = map[rune]int{'а': 0, 'е': 7, 'ё': 12, 'и': 20, 'о': 8, 'у': 13, 'ы': 20, 'э': 5, 'ю': 17, 'я': 2}
)

// cyrSibilant maps a vowel after ш or щ (샤, 셰, 쇼, 슈) and after ж, ц,
// ч (자, 초, 추) to the vowel the rules write there.
var cyrSibilant = map[rune]map[int]int{
	'ш': {0: 2, 5: 7, 8: 12, 13: 17}, 'щ': {0: 2, 5: 7, 8: 12, 13: 17},
	'ж': {2: 0, 12: 8, 17: 13}, 'ц': {2: 0, 12: 8, 17: 13}, 'ч': {2: 0, 12: 8, 17: 13},
}

// hangulOfCyrillic returns the Hangul spelling of a folded Cyrillic word,
// or "" if it holds a letter beyond the tables (or is "").
func hangulOfCyrillic(w string) string {
	rs := []rune(w)
	type syllable struct{ ini, vow, fin int }
	var out []syllable
	vowel := func(r rune) bool { _, ok := cyrVowel[r]; return ok }
	// next returns the index of the letter after i, past soft and hard
	// signs, and whether a sign was passed.
	next := func(i int) (int, bool) {
		j := i + 1
		for j < len(rs) && (rs[j] == 'ь' || rs[j] == 'ъ') {
			j++
		}
		return j, j > i+1
	}
	afterVowel := func(i int) bool { return i > 0 && vowel(rs[i-1]) }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case vowel(r):
			v := cyrVowel[r]
			if i == 0 || vowel(rs[i-1]) || rs[i-1] == 'ь' || rs[i-1] == 'ъ' {
				v = cyrIotated[r]
			}
			out = append(out, syllable{11, v, 0})
			i++
		case r == 'й':
			// 이 after a vowel (안드레이, 니콜라이), nothing after и or ы
			// (드미트리).
			if i == 0 || rs[i-1] != 'и' && rs[i-1] != 'ы' {
				out = append(out, syllable{11, 20, 0})
			}
			i++
		case r == 'ь' || r == 'ъ':
			i++
		default:
			ini, ok := cyrInitial[r]
			if !ok {
				return ""
			}
			j, sign := next(i)
			if j < len(rs) && vowel(rs[j]) {
				if r == 'л' && i > 0 && len(out) > 0 && out[len(out)-1].fin == 0 {
					out[len(out)-1].fin = 8 // 콜라, 블라
				}
				if sign {
					// Татьяна: 티, then 야.
					out = append(out, syllable{ini, 20, 0})
					i = j
					continue
				}
				v := cyrVowel[rs[j]]
				if s, ok := cyrSibilant[r][v]; ok {
					v = s
				}
				out = append(out, syllable{ini, v, 0})
				i = j + 1
				continue
			}
			fin, hasFin := cyrFinal[r]
			stop := strings.ContainsRune(cyrStops, r)
			voiceless := j < len(rs) && strings.ContainsRune(cyrVoiceless, rs[j])
			if hasFin && len(out) > 0 && out[len(out)-1].fin == 0 && (!stop && afterVowel(i) || stop && afterVowel(i) && voiceless) {
				out[len(out)-1].fin = fin
				i = j
				continue
			}
			alone := cyrAlone[r]
			if a, ok := cyrAloneEnd[r]; ok && j >= len(rs) {
				alone = a
			}
			for _, h := range alone {
				k := int(h - 0xAC00)
				out = append(out, syllable{k / (21 * 28), k / 28 % 21, k % 28})
			}
			i = j
		}
	}
	var b strings.Builder
	for _, s := range out {
		b.WriteRune(rune(0xAC00 + (s.ini*21+s.vow)*28 + s.fin))
	}
	return b.String()
}

// polish are the Polish spellings of Cyrillic letters where they differ
// from the German system's (Tkaczenko, Bektaszew, Orłow); е, л, я, ю, ё
// are spelt by polishOf.
var polish = map[rune]string{'ж': "ż", 'х': "ch", 'ц': "c", 'ч': "cz", 'ш': "sz", 'щ': "szcz", 'з': "z", 'й': "j", 'у': "u"}

// polishIotated are the vowels of я, ю and ё in Polish, after i or j.
var polishIotated = map[rune]string{'я': "a", 'ю': "u", 'ё': "o"}

// polishOf returns the Polish spellings of a folded Cyrillic family name
// (the Polish press's, as Polish visas have it: Ткаченко Tkaczenko,
// Медведев Miedwiediew, Орлов Orłow) and the same without ł (Orlow); nil
// if it holds a letter beyond the tables. е is je at the start or after a
// vowel, e after ж, ц, ч, ш, щ and л, ie after another consonant; л is l
// before е, ё, и, ю, я, ь and ł elsewhere; я, ю, ё are ia, iu, io after a
// consonant, ja, ju, jo elsewhere.
func polishOf(cyr string) []string {
	var b strings.Builder
	prev := ' '
	rs := []rune(cyr)
	for i, r := range rs {
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		consonant := prev != ' ' && !strings.ContainsRune("аеёиоуыэюяйьъ", prev)
		switch {
		case r == 'е' && !consonant:
			b.WriteString("je")
		case r == 'е' && strings.ContainsRune("жцчшщл", prev):
			b.WriteString("e")
		case r == 'е':
			b.WriteString("ie")
		case r == 'л' && strings.ContainsRune("еёиюяь", next):
			b.WriteString("l")
		case r == 'л':
			b.WriteString("ł")
		case strings.ContainsRune("яюё", r):
			if consonant {
				b.WriteString("i")
			} else {
				b.WriteString("j")
			}
			b.WriteString(polishIotated[r])
		case polish[r] != "":
			b.WriteString(polish[r])
		default:
			t, ok := transliterations[r]
			if !ok {
				return nil
			}
			b.WriteString(t[germanSystem])
		}
		prev = r
	}
	p := b.String()
	return []string{p, strings.ReplaceAll(p, "ł", "l")}
}
