package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A name registered in another script is written in Cyrillic in Russian
// papers and testimonies: a Korean name by the Kontsevich system (박지연
// Пак Чи Ён), a Chinese one by the Palladius system (王秀兰 Ван Сюлань), a
// Vietnamese one by the usual Russian rules (Trịnh Thị Lan Чинь Тхи Лан)
// and a Spanish one by the Spanish-Russian rules (José Luis Хосе Луис).
// cyrillicForeignVariants gives such a name these spellings, as guessed
// spellings: the full name in the order Russian writes it, and the given
// name alone only as the Latin rules allow it, capitalised.

// maxCyrillicForms is the most Cyrillic spellings kept of one name: each
// costs a variant or two for every person of its script.
const maxCyrillicForms = 8

// cyrillicForeignVariants returns the Cyrillic variants of a name of
// family and given name registered in Hangul, in Han characters, or in
// Latin letters as a Vietnamese or Spanish name (raw is the name as
// registered, with its marks, which the folded tokens lack; korean if it
// is a Korean name in Latin letters or an alias, never read as Spanish);
// nil for any other.
func (m *Matcher) cyrillicForeignVariants(person int32, raw string, name, family, given []token, vietnamese, korean bool) []rawVariant {
	if len(family) != 1 || len(family[0].words) != 1 {
		return nil
	}
	f := family[0].words[0]
	r, _ := utf8.DecodeRuneInString(f)
	switch {
	case isHangulSyllable(r) && len(given) == 1 && len(given[0].words) == 1:
		return m.eastAsianCyrillic(person, kontsevich(f, given[0].words[0]), true)
	case unicode.Is(unicode.Han, r) && len(given) == 1 && len(given[0].words) == 1:
		forms := hanziForms(f, given[0].words[0])
		if len(forms) == 0 {
			return nil
		}
		return m.eastAsianCyrillic(person, [][2][]string{palladius(forms[0])}, false)
	case vietnamese:
		return m.vietnameseCyrillic(person, raw)
	case !korean && spanishName(raw, name):
		return m.spanishCyrillic(person, raw, len(name))
	}
	return nil
}

// aliasCyrillicVariants returns the Cyrillic variants of an alias of
// family and given name in Hangul or Han characters (박지연 for Park
// Ji-yeon: Пак Чи Ён); nil for any other, since a Latin alias is
// Vietnamese or Spanish by its person's name, not its own shape.
func (m *Matcher) aliasCyrillicVariants(person int32, a string, alias, family, given []token) []rawVariant {
	if r, _ := utf8.DecodeRuneInString(a); !isHangulSyllable(r) && !unicode.Is(unicode.Han, r) {
		return nil
	}
	return m.cyrillicForeignVariants(person, a, alias, family, given, false, true)
}

// cyrToken returns the token of the Cyrillic words ws, folded as a
// text's words are (the fold maps some Cyrillic letters to the Latin ones
// they look like).
func (m *Matcher) cyrToken(ws ...string) token {
	words, buf := tokenize(strings.Join(ws, "-"), m.fold, nil, nil)
	var t token
	for _, w := range words {
		t.words = append(t.words, string(buf[w.fstart:w.fend]))
		t.weight += w.weight
	}
	return t
}

// eastAsianCyrillic returns the variants of the Cyrillic spellings of a
// Korean or Chinese name (family name, given name's syllables): the full
// name, family name first, its syllables apart or joined (Пак Чи Ён, Пак
// Чиён), and the given name of two syllables or more alone, capitalised,
// where the record names the person (Чиён, Сюлань; Ён alone is nothing),
// unless it is a Russian word or place (hunspellNameWords: Сука, Сочи).
// The family name alone is no mention: Ким, Пак, Ван are words of
// Russian texts about anyone of the name.
func (m *Matcher) eastAsianCyrillic(person int32, forms [][2][]string, korean bool) []rawVariant {
	var out []rawVariant
	var alone []string
	for i, f := range forms {
		fam, giv := []token{m.cyrToken(f[0]...)}, []token{m.cyrToken(f[1]...)}
		v := newRaw(person, rankRomanised, fam, giv)
		v.capitals = true
		out = append(out, v)
		// Joined, the given name may fold otherwise than its syllables
		// apart (Ён alone folds as the Latin letters it looks like).
		joined := []token{m.cyrToken(strings.Join(f[1], ""))}
		if strings.Join(joined[0].words, "") != strings.Join(giv[0].words, "") {
			giv = joined
			v := newRaw(person, rankRomanised, fam, giv)
			v.capitals = true
			out = append(out, v)
		}
		// The given name alone in the first three spellings only (the
		// rule's and the press's), to bound the variants.
		if plain := strings.Join(f[1], ""); len(f[1]) >= 2 && utf8.RuneCountInString(plain) >= 4 && (i < 3 || !korean) && !slices.Contains(alone, plain) && !hunspellNameWords[plain] {
			alone = append(alone, plain)
			g := newRaw(person, rankRomanised, giv)
			g.capitals, g.nick, g.word = true, true, cyrillicWords[plain]
			out = append(out, g)
		}
	}
	return out
}

// Kontsevich's system (Л. Р. Концевич, "Корейско-русская практическая
// транскрипция", as the Russian Academy's Institute of Oriental Studies
// and the Russian press use it): each jamo has a Cyrillic spelling by its
// place; an initial ㄱ, ㄷ, ㅂ, ㅈ is voiceless at the start of a word (к,
// т, п, ч) and voiced after a vowel or ㄴ, ㄹ, ㅁ, ㅇ within one (г, д, б,
// дж); a final ㄹ is ль, and р before a vowel. Given names are written with
// their syllables apart (Ким Ён Чхоль) or joined (Ким Ёнчхоль). The
// common simplified spellings write ё as е (Ким Ен Чоль), drop the
// aspiration (чх, кх, тх, пх as ч, к, т, п) and write ㅈ as дж or чж (Пак
// Джиён, Пак Чжи Ён).
var (
	kontInitial = [19]string{"к", "кк", "н", "т", "тт", "р", "м", "п", "пп", "с", "сс", "", "ч", "чч", "чх", "кх", "тх", "пх", "х"}
	kontVoiced  = [19]string{"г", "кк", "н", "д", "тт", "р", "м", "б", "пп", "с", "сс", "", "дж", "чч", "чх", "кх", "тх", "пх", "х"}
	kontVowel   = [21]string{"а", "э", "я", "е", "о", "е", "ё", "е", "о", "ва", "вэ", "ве", "ё", "у", "во", "ве", "ви", "ю", "ы", "ый", "и"}
	kontFinal   = [28]string{"", "к", "к", "к", "н", "н", "н", "т", "ль", "к", "м", "ль", "ль", "ль", "п", "ль", "м", "п", "п", "т", "т", "н", "т", "т", "к", "т", "п", "т"}
)

// koreanFamilyRussian are the usual Russian spellings of Korean family
// names where they differ from Kontsevich's (the spellings of Korean
// Russians and of the North's names in the Russian press: Ли, Цой, Лим,
// Рю, Шин, Тен).
var koreanFamilyRussian = map[string]string{"이": "ли", "리": "ли", "최": "цой", "임": "лим", "림": "лим", "류": "рю", "신": "шин", "정": "тен"}

// kontsevichSyllable returns the Cyrillic of the Hangul syllable s after
// prevFinal, the final jamo index of the syllable before it in the same
// word (-1 at the start of a word).
func kontsevichSyllable(s rune, prevFinal int) string {
	i := int(s - 0xAC00)
	l, v, t := i/588, i%588/28, i%28
	ini := kontInitial[l]
	switch {
	case prevFinal == 8 && l == 5: // ㄹㄹ: ль, л
		ini = "л"
	case prevFinal == 0 || prevFinal == 4 || prevFinal == 8 || prevFinal == 16 || prevFinal == 21:
		ini = kontVoiced[l]
	}
	vow := kontVowel[v]
	if l == 11 {
		// No consonant: э for ㅔ and йе for ㅖ, ㅒ at the syllable's start.
		switch v {
		case 3, 7:
			vow = "йе"
		case 5:
			vow = "э"
		}
	}
	return ini + vow + kontFinal[t]
}

// kontsevich returns the Cyrillic spellings of a Korean name of family
// name and given name in Hangul, each as the family name and the given
// name's syllables: Kontsevich's apart, joined where the voicing makes it
// differ, and the common simplified ones (see above); at most
// maxCyrillicForms, without repeats; nil for a syllable outside Hangul.
func kontsevich(family, given string) [][2][]string {
	var fam []string
	for _, r := range family {
		if !isHangulSyllable(r) {
			return nil
		}
		fam = append(fam, kontsevichSyllable(r, -1))
	}
	var apart, joined []string
	prev := 0
	for i, r := range given {
		if !isHangulSyllable(r) {
			return nil
		}
		apart = append(apart, kontsevichSyllable(r, -1))
		p := -1
		if i > 0 {
			p = prev
		}
		joined = append(joined, kontsevichSyllable(r, p))
		prev = int(r-0xAC00) % 28
	}
	for i := 1; i < len(joined); i++ {
		// A final ㄹ before a vowel is р when joined.
		if first, _ := utf8.DecodeRuneInString(joined[i]); strings.HasSuffix(joined[i-1], "ль") && strings.ContainsRune("аэяеоёуюыи", first) {
			joined[i-1] = strings.TrimSuffix(joined[i-1], "ль") + "р"
		}
	}
	famStr := strings.Join(fam, "")
	var out [][2][]string
	add := func(g []string, rw *strings.Replacer) {
		f := famStr
		gs := make([]string, len(g))
		copy(gs, g)
		if rw != nil {
			f = rw.Replace(f)
			for i := range gs {
				gs[i] = rw.Replace(gs[i])
			}
		}
		k := f + " " + strings.Join(gs, "-")
		for _, o := range out {
			if o[0][0]+" "+strings.Join(o[1], "-") == k {
				return
			}
		}
		if len(out) < maxCyrillicForms {
			out = append(out, [2][]string{{f}, gs})
		}
	}
	usual, ok := koreanFamilyRussian[family]
	if ok && (family == "이" || family == "리") {
		// Ли, as the press writes 이 (Ли Мён Бак), in every spelling;
		// Kontsevich's И and Ри in the first only.
		famStr, usual = usual, famStr
	}
	// The press's mix: the joined voicing and чж, and ㄷ voiced at a
	// syllable's start too (Ким Дэ Чжун, Ли Мён Бак).
	press := slices.Clone(joined)
	for i, r := range []rune(given) {
		switch int(r-0xAC00) / 588 {
		case 3: // ㄷ
			press[i] = "д" + strings.TrimPrefix(strings.TrimPrefix(press[i], "т"), "д")
		case 12: // ㅈ
			press[i] = "чж" + strings.TrimPrefix(strings.TrimPrefix(press[i], "дж"), "ч")
		}
	}
	add(apart, nil)
	yo := strings.NewReplacer("ё", "е")
	if ok {
		// Цой Мин Су beside Чхве Мин Су, and with ё as е (Цой Ын Бель);
		// 이's usual Ли is famStr already.
		f := famStr
		famStr = usual
		add(apart, nil)
		if family != "이" && family != "리" {
			add(press, nil)
			add(apart, yo)
			add(press, yo)
		}
		famStr = f
	}
	// ё as е before the rest, so that maxCyrillicForms always keeps it.
	add(apart, yo)
	// The press's чж for ㅈ (Мун Чжэ Ин), the voicing of the joined
	// given name (Пак Кынхе), ё as е and the aspiration dropped (Ким Ен
	// Чоль), дж for ㅈ (Пак Джиён).
	add(apart, strings.NewReplacer("чч", "чч", "чх", "чх", "ч", "чж"))
	add(joined, nil)
	add(press, nil)
	add(apart, strings.NewReplacer("ё", "е", "чх", "ч", "кх", "к", "тх", "т", "пх", "п"))
	add(apart, strings.NewReplacer("чч", "чч", "чх", "чх", "ч", "дж"))
	return out
}

// palladiusInitials are the Palladius spellings of the pinyin initials,
// longest first (Палладий, "Китайско-русский словарь", 1888, the system
// of Russian books and visas: zh чж, j and z цз, q and c ц, x and s с, r
// ж).
var palladiusInitials = [][2]string{
	{"zh", "чж"}, {"ch", "ч"}, {"sh", "ш"}, {"b", "б"}, {"p", "п"}, {"m", "м"}, {"f", "ф"}, {"d", "д"}, {"t", "т"},
	{"n", "н"}, {"l", "л"}, {"g", "г"}, {"k", "к"}, {"h", "х"}, {"j", "цз"}, {"q", "ц"}, {"x", "с"}, {"r", "ж"},
	{"z", "цз"}, {"c", "ц"}, {"s", "с"}, {"y", ""}, {"w", ""},
}

// palladiusFinals are the Palladius spellings of the pinyin finals after
// an initial; after j, q, x and y, u is ü (ju цзюй, xue сюэ, yuan юань),
// and after z, c, s the vowel i is ы (zi цзы), after zh, ch, sh, r и.
var palladiusFinals = map[string]string{
	"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
	"ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
	"ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
	"uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "ue": "юэ", "v": "юй", "ve": "юэ",
}

// palladiusUmlaut are the finals of ü written u after j, q, x, y.
var palladiusUmlaut = map[string]string{"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}

// palladiusZero are the syllables of y and w, whose Cyrillic is not the
// final's after no initial (yi и, you ю, wu у, wei вэй).
var palladiusZero = map[string]string{
	"yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян", "ying": "ин",
	"yong": "юн", "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь",
	"wang": "ван", "weng": "вэн",
}

// palladiusSyllable returns the Palladius spelling of a pinyin syllable
// without tones, or "" for one outside the tables.
func palladiusSyllable(py string) string {
	if c, ok := palladiusZero[py]; ok {
		return c
	}
	for _, in := range palladiusInitials {
		rest, ok := strings.CutPrefix(py, in[0])
		if !ok {
			continue
		}
		switch {
		case rest == "i" && strings.Contains("z c s", in[0]) && len(in[0]) == 1:
			return in[1] + "ы"
		case strings.Contains("j q x y", in[0]) && palladiusUmlaut[rest] != "":
			return in[1] + palladiusUmlaut[rest]
		}
		if f, ok := palladiusFinals[rest]; ok {
			return in[1] + f
		}
		return ""
	}
	if f, ok := palladiusFinals[py]; ok {
		return f
	}
	return ""
}

// palladius returns the Palladius spelling of a name in pinyin syllables
// (family name, given name), the family name's syllables joined; empty
// parts if a syllable is outside the tables.
func palladius(py [2][]string) [2][]string {
	var out [2][]string
	for i, part := range py {
		for _, s := range part {
			c := palladiusSyllable(s)
			if c == "" {
				return [2][]string{}
			}
			out[i] = append(out[i], c)
		}
	}
	if len(out[0]) > 1 {
		out[0] = []string{strings.Join(out[0], "")}
	}
	return out
}

// toneless returns s lower-cased without Vietnamese tone marks (grave,
// acute, tilde, hook above, dot below) but with the vowels' own marks
// (â, ă, ê, ô, ơ, ư) and đ.
func toneless(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch r {
		case 0x300, 0x301, 0x303, 0x309, 0x323:
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// The Russian spelling of Vietnamese (the Russian practical transcription
// of Vietnamese, as in Мхитарян's tables and the Russian press: Хо Ши Мин
// aside): tr ч, th тх, ph ф, kh кх, nh нь, ng and ngh нг, ch ть, d, gi and
// r з, s ш, x с, đ д, qu ку; ư ы, ơ, ô о, â, ă а; ươ ыо, uyê уе, iê, yê
// ие; a final i or y й, ch ть, nh нь (Trịnh Thị Lan Чинь Тхи Лан, Đỗ Quang
// Hải До Куанг Хай, Nguyễn Нгуен, Trương Чыонг).
var (
	vietInitials = [][2]string{
		{"ngh", "нг"}, {"ng", "нг"}, {"nh", "нь"}, {"ch", "ть"}, {"gh", "г"}, {"gi", "з"}, {"kh", "кх"}, {"ph", "ф"},
		{"qu", "ку"}, {"th", "тх"}, {"tr", "ч"}, {"b", "б"}, {"c", "к"}, {"d", "з"}, {"đ", "д"}, {"g", "г"}, {"h", "х"},
		{"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"p", "п"}, {"r", "з"}, {"s", "ш"}, {"t", "т"}, {"v", "в"}, {"x", "с"},
	}
	vietNuclei = [][2]string{
		{"uyê", "уе"}, {"uye", "уе"}, {"ươ", "ыо"}, {"uo", "уо"}, {"ie", "ие"}, {"ye", "ие"}, {"ưa", "ыа"}, {"iê", "ие"}, {"yê", "ие"}, {"ia", "ия"}, {"uô", "уо"}, {"ua", "уа"},
		{"uâ", "уа"}, {"uơ", "уо"}, {"oa", "оа"}, {"oă", "оа"}, {"oe", "оэ"}, {"uê", "уэ"}, {"uy", "уи"}, {"ư", "ы"}, {"ơ", "о"}, {"ô", "о"}, {"o", "о"},
		{"â", "а"}, {"ă", "а"}, {"a", "а"}, {"ê", "е"}, {"e", "е"}, {"i", "и"}, {"y", "и"}, {"u", "у"},
	}
	vietFinals = map[string]string{"": "", "c": "к", "ch": "ть", "m": "м", "n": "н", "ng": "нг", "nh": "нь", "p": "п", "t": "т", "i": "й", "y": "й", "o": "о", "u": "у"}
	// softVowel is the vowel written after a soft initial (ть, нь, з of
	// gi): Nhung Нюнг, Giang Зянг.
	softVowel = map[string]string{"а": "я", "у": "ю", "о": "ё", "е": "е", "и": "и", "ы": "ы"}
)

// vietnameseSyllable returns the Cyrillic of a toneless Vietnamese
// syllable (see above), or "" for one outside the rules.
func vietnameseSyllable(s string) string {
	var ini string
	soft := false
	for _, in := range vietInitials {
		rest, ok := strings.CutPrefix(s, in[0])
		if !ok {
			continue
		}
		next, _ := utf8.DecodeRuneInString(rest)
		giVowel := in[0] == "gi" && !strings.ContainsRune("aeiouyâăêôơư", next)
		if giVowel {
			// gìn, gì: the i is the vowel.
			rest = s[1:]
		}
		soft = in[0] == "ch" || in[0] == "nh" || in[0] == "gi" && !giVowel
		ini, s = in[1], rest
		break
	}
	for _, n := range vietNuclei {
		rest, ok := strings.CutPrefix(s, n[0])
		if !ok {
			continue
		}
		fin, ok := vietFinals[rest]
		if !ok {
			return ""
		}
		nuc := n[1]
		first, size := utf8.DecodeRuneInString(nuc)
		if sv, ok := softVowel[string(first)]; ok && soft {
			ini, nuc = strings.TrimSuffix(ini, "ь"), sv+nuc[size:]
		}
		if ini == "" && first == 'е' {
			nuc = "э" + nuc[size:]
		}
		return ini + nuc + fin
	}
	return ""
}

// vietnameseCyrillic returns the variants of the Cyrillic spelling of a
// Vietnamese name registered in Latin letters (raw, with its marks): the
// full name (Чинь Тхи Лан) and, for a given name of several words, the
// family name with its last word (Хоанг Тху), capitalised. A word alone
// (Лан, Тху) is no mention: it is a word in Russian or another's name.
func (m *Matcher) vietnameseCyrillic(person int32, raw string) []rawVariant {
	var ts []token
	for _, w := range strings.Fields(raw) {
		c := vietnameseSyllable(toneless(w))
		if c == "" {
			return nil
		}
		ts = append(ts, m.cyrToken(c))
	}
	if len(ts) < 2 {
		return nil
	}
	names := [][]token{ts}
	for i, w := range strings.Fields(raw) {
		// nh before a vowel as нь and the vowel iotated, as Russian
		// visas write it (Nhung Ньюнг), beside the rule's ню.
		c := vietnameseSyllable(toneless(w))
		for _, p := range [][2]string{{"ню", "нью"}, {"ня", "нья"}, {"нё", "ньё"}} {
			if rest, ok := strings.CutPrefix(c, p[0]); ok {
				alt := slices.Clone(ts)
				alt[i] = m.cyrToken(p[1] + rest)
				names = append(names, alt)
			}
		}
	}
	var out []rawVariant
	for _, ts := range names {
		out = append(out, newRaw(person, rankRomanised, ts[:1], ts[1:]))
		if len(ts) > 2 {
			out = append(out, newRaw(person, rankRomanised, ts[:1], ts[len(ts)-1:]))
		}
	}
	for i := range out {
		out[i].capitals = true
	}
	return out
}

// cyrillicWords are Cyrillic spellings of names that are Russian words
// too, as the hunspell-ru word list has them (мина "mine", хана "it's
// over", сора "of litter", марта "of March", бланка "of a form", роса
// "dew", соль "salt", пас "pass"; of Spanish family names сала "of
// lard", мата "of checkmate", пена "foam", кота "of the cat", рока "of
// fate"): a name alone only where the record names the person and no
// sentence starts with it.
var cyrillicWords = wordSet("мина хана сора кора пора гора нора дума вера мира майя марта бланка роса соль пас луна " +
	"тина сала мата мора пена кота рока")

// The Spanish-Russian rules (Р. А. Агеенко, "Словарь собственных имён
// русского языка", and the Russian press: José Luis Хосе Луис, Guadalupe
// Гвадалупе, Rigoberto Ригоберто, Núñez Нуньес): j and g before e, i х;
// gu and qu before e, i г, к; gua гва; c before e, i and z с; ch ч; ll
// and ñ before a vowel ль, нь with the vowel iotated (Castillo Кастильо,
// Peña Пенья); h silent; l before a consonant or at the end ль (Alberto
// Альберто, Manuel Мануэль); e at the start or after a vowel э
// (Hernández Эрнандес); ia ия, ie ье; y before a vowel й, else и.
var spanishSpecial = map[string][]string{
	// The usual Russian spelling, beside the rule's (Гвадалупе).
	"guadalupe": {"гваделупе"},
}

// spanishCyrAlternates returns the other spellings the Russian press
// gives a Spanish word beside the rule's spelling c: ie as иэ or ие
// (Daniela Даниэла, Даниела; the rule has Даньела), í after a vowel as
// и (Efraín Эфраин), tz as ц (Itzel Ицель).
func spanishCyrAlternates(c string) []string {
	var out []string
	if strings.Contains(c, "ье") {
		out = append(out, strings.ReplaceAll(c, "ье", "иэ"), strings.ReplaceAll(c, "ье", "ие"))
	}
	for _, r := range []struct{ from, to string }{{"айн", "аин"}, {"тс", "ц"}} {
		if strings.Contains(c, r.from) {
			out = append(out, strings.ReplaceAll(c, r.from, r.to))
		}
	}
	return out
}

// spanishVowels are the Spanish vowels without marks.
const spanishVowels = "aeiou"

// iotated is the vowel after ль, нь or й in Russian (лья, нью, йе).
var iotated = map[byte]string{'a': "я", 'e': "е", 'o': "о", 'u': "ю", 'i': "и"}

// spanishCyr returns the Cyrillic of a Spanish word (see above), or ""
// for one with a letter outside the rules.
func spanishCyr(w string) string {
	// Marks off (José, Núñez as jose, nunez) but ñ and ü, which the rules
	// need.
	var lw []byte
	for _, r := range norm.NFC.String(strings.ToLower(w)) {
		switch r {
		case 'á':
			r = 'a'
		case 'é':
			r = 'e'
		case 'í', 'ï':
			r = 'i'
		case 'ó':
			r = 'o'
		case 'ú':
			r = 'u'
		case 'ñ':
			r = 'N'
		case 'ü':
			r = 'W'
		}
		if r >= utf8.RuneSelf {
			return ""
		}
		lw = append(lw, byte(r))
	}
	vowel := func(i int) bool { return i < len(lw) && i >= 0 && strings.IndexByte(spanishVowels, lw[i]) >= 0 }
	at := func(i int) byte {
		if i < len(lw) {
			return lw[i]
		}
		return 0
	}
	var b strings.Builder
	for i := 0; i < len(lw); i++ {
		c := lw[i]
		switch {
		case c == 'h':
			// silent
		case c == 'c' && at(i+1) == 'h':
			b.WriteString("ч")
			i++
		case c == 'c' && (at(i+1) == 'e' || at(i+1) == 'i'), c == 'z', c == 's':
			b.WriteString("с")
		case c == 'c', c == 'k':
			b.WriteString("к")
		case c == 'q' && at(i+1) == 'u':
			b.WriteString("к")
			i++
		case c == 'g' && at(i+1) == 'u' && (at(i+2) == 'e' || at(i+2) == 'i'):
			b.WriteString("г")
			i++
		case c == 'g' && at(i+1) == 'u' && at(i+2) == 'a':
			b.WriteString("гв")
			i++
		case c == 'g' && at(i+1) == 'W':
			b.WriteString("гу")
			i++
		case c == 'g' && (at(i+1) == 'e' || at(i+1) == 'i'), c == 'j':
			b.WriteString("х")
		case c == 'g':
			b.WriteString("г")
		case c == 'l' && at(i+1) == 'l' && vowel(i+2), c == 'N' && vowel(i+1):
			if c == 'l' {
				b.WriteString("ль")
				i++
			} else {
				b.WriteString("нь")
			}
			b.WriteString(iotated[lw[i+1]])
			i++
		case c == 'l' && (at(i+1) == 'l' || vowel(i+1)):
			b.WriteString("л")
			if at(i+1) == 'l' {
				i++
			}
		case c == 'l':
			b.WriteString("ль")
		case c == 'N':
			b.WriteString("нь")
		case c == 'y' && vowel(i+1):
			if v := lw[i+1]; v == 'a' || v == 'u' || v == 'e' {
				b.WriteString(iotated[v])
			} else {
				b.WriteString("й" + iotated[v])
			}
			i++
		case c == 'y' && vowel(i-1):
			b.WriteString("й")
		case c == 'y':
			b.WriteString("и")
		case c == 'i' && vowel(i-1) && !vowel(i+1):
			// ai, ei, oi: ай, ей, ой (Jaime Хайме); ui stays уи (Luis).
			if lw[i-1] == 'u' {
				b.WriteString("и")
			} else {
				b.WriteString("й")
			}
		case c == 'i' && at(i+1) == 'a':
			b.WriteString("ия")
			i++
		case c == 'i' && at(i+1) == 'e' && i > 0 && !(at(i+2) == 'l' && i+3 == len(lw)):
			// Javier Хавьер, Sierra Сьерра; but Gabriel Габриэль.
			b.WriteString("ье")
			i++
		case c == 'e' && (i == 0 || i == 1 && lw[0] == 'h' || lw[i-1] == 'W' || vowel(i-1) && !(i >= 2 && lw[i-1] == 'u' && (lw[i-2] == 'g' || lw[i-2] == 'q'))):
			b.WriteString("э")
		case c == 'W':
			b.WriteString("у")
		default:
			r, ok := spanishLetters[c]
			if !ok {
				return ""
			}
			b.WriteString(r)
		}
	}
	return b.String()
}

// spanishLetters are the Spanish letters whose Cyrillic is one letter
// wherever they are.
var spanishLetters = map[byte]string{
	'a': "а", 'b': "б", 'd': "д", 'e': "е", 'f': "ф", 'i': "и", 'm': "м", 'n': "н", 'o': "о", 'p': "п",
	'r': "р", 't': "т", 'u': "у", 'v': "в", 'w': "у", 'x': "кс",
}

// spanishName reports whether a Latin name of two tokens or more is
// Spanish in shape: a Spanish mark (á, é, í, ó, ú, ñ, ü), two family
// names (doubleSurname), or a token ending as Spanish names do (-ez, -o,
// -as: Rigoberto Salinas), or a name spanishListed knows. English names
// in Cyrillic are not made.
func spanishName(raw string, name []token) bool {
	if spanishListed(strings.Fields(strings.ToLower(norm.NFC.String(raw)))) {
		return true
	}
	if len(name) < 2 || strings.ContainsAny(raw, "áéíóúñüÁÉÍÓÚÑ") {
		return len(name) >= 2
	}
	if _, ok := doubleSurname(0, name); ok {
		return true
	}
	for _, t := range name {
		if len(t.words) != 1 || !isASCIIWord(t.words[0]) {
			return false
		}
	}
	for _, t := range name {
		w := t.words[0]
		if strings.HasSuffix(w, "ez") || len(w) >= 5 && (strings.HasSuffix(w, "o") || strings.HasSuffix(w, "as")) {
			return true
		}
	}
	return false
}

// spanishCyrillic returns the variants of the Cyrillic spelling of a
// Spanish name of n tokens registered in Latin letters (raw, with its
// marks): the name in its order and with the rest first, and the rest
// alone (the family names, as the Latin rules have them), capitalised;
// and, where the
// record names the person, its given name alone (Ригоберто; José Luis of
// a name of four tokens, Хосе Луис), in the Russian cases too where its
// last word ends as a Russian noun does (Хосе Луиса, Луису; Ригоберто and
// Хосе do not decline).
func (m *Matcher) spanishCyrillic(person int32, raw string, n int) []rawVariant {
	var name [][]string // the words of each token, in Cyrillic
	for _, w := range strings.Fields(raw) {
		var ws []string
		for part := range strings.SplitSeq(w, "-") {
			c := spanishCyr(part)
			if c == "" {
				return nil
			}
			ws = append(ws, c)
		}
		name = append(name, ws)
	}
	if len(name) != n {
		return nil
	}
	names := [][][]string{name}
	for i, w := range strings.Fields(raw) {
		alts := spanishSpecial[toneless(w)]
		if len(name[i]) == 1 {
			alts = append(slices.Clone(alts), spanishCyrAlternates(name[i][0])...)
		}
		for _, sp := range alts {
			alt := slices.Clone(name)
			alt[i] = []string{sp}
			names = append(names, alt)
		}
	}
	var out []rawVariant
	for _, name := range names {
		ts := make([]token, len(name))
		for i, ws := range name {
			ts[i] = m.cyrToken(ws...)
		}
		// In order and the rest first (Салинас Ригоберто, Лопес Крус
		// Мария), and the rest alone as the Latin rules have it
		// (Салинас, Рамирес Ортега), but not as a family name alone
		// after a title: Роса, Пас are words.
		for _, v := range []rawVariant{newRaw(person, rankRomanised, ts[:1], ts[1:]), newRaw(person, rankRomanised, ts[1:], ts[:1]), newRaw(person, rankRomanised, ts[1:])} {
			v.capitals = true
			out = append(out, v)
		}
		if rest := strings.Join(slices.Concat(name[1:]...), ""); cyrillicWords[rest] {
			out[len(out)-1].nick, out[len(out)-1].word = true, true
		}
		if n == 4 {
			// The short forms of a name of two given and two family
			// names, as the Latin rules have them: the first given name
			// with the first family name or both (Даниэла Карденас,
			// Даниэла Карденас Руис), the second with the first.
			for _, v := range []rawVariant{newRaw(person, rankRomanised, []token{ts[0], ts[2]}), newRaw(person, rankRomanised, []token{ts[0], ts[2], ts[3]}), newRaw(person, rankRomanised, []token{ts[1], ts[2]})} {
				v.capitals = true
				out = append(out, v)
			}
		}
		given := name[:1]
		if n == 4 {
			given = name[:2]
		}
		last := given[len(given)-1]
		forms := []string{last[len(last)-1]}
		// Only the last word declines here: a first that declines too
		// (Мария Фернанда: Марии Фернанды) is in the nominative only.
		if d := declined(forms[0]); len(d) > 0 && (len(given) == 1 || declined(given[0][0]) == nil) {
			forms = d
		}
		for _, form := range forms {
			var words []string
			for _, ws := range given[:len(given)-1] {
				words = append(words, ws...)
			}
			words = append(append(words, last[:len(last)-1]...), form)
			plain := strings.Join(words, "")
			if utf8.RuneCountInString(plain) < 4 {
				continue
			}
			v := newRaw(person, rankRomanised, []token{m.cyrToken(words...)})
			v.capitals, v.nick, v.word = true, true, cyrillicWords[plain] || russianWord(plain)
			out = append(out, v)
		}
	}
	return out
}
