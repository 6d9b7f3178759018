package names

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/latin"
)

// Russian declension. A Russian name in running text takes the case of
// its place in the sentence: Сергея Ивановича боялись (genitive), с
// Кузнецовым (instrumental), Ольгой Сергеевной звали (instrumental). A
// person whose name or alias is Russian in shape and written in Cyrillic
// (see russianGiven) also has, capitalised:
//
//   - its given name and patronymic together in each of the six cases
//     (nominative, genitive, dative, accusative, instrumental,
//     prepositional: Ольга Сергеевна, Ольги Сергеевны, Ольге Сергеевне,
//     Ольгу Сергеевну, Ольгой Сергеевной);
//
// and, only where the person is evident (as nicknames are):
//
//   - the given name alone and its first short form (diminutives) in each
//     case other than the nominative (у Дмитрия, у Димы, Диме сказали),
//     but a form that is also a Russian word (russianWordForms: Свете, Славы)
//     not where it opens a sentence;
//   - the patronymic alone (Сергеевна сказала), and a male one in its
//     colloquial form in each case (Иваныч, Иваныча for Иванович);
//   - a Slavic family name alone in each case other than the nominative
//     (Кузнецова, Кузнецову, Кузнецовым, Кузнецове), and a Ukrainian
//     one in -енко, which does not decline, alone (Петренко);
//   - the family in the plural (familyPlural: Бекташевы, у Бекташевых,
//     Ткаченки);
//   - the possessive adjective of the first short form in -а or -я, or of
//     the given name where it has none (possessiveAdj: Димина куртка,
//     Олесины вещи, Лесин паспорт);
//   - the diminutive in -ка or -ька of the given name in -я and of its
//     first short form in each case (Леську, Олеськой, Димку);
//   - a one-word Cyrillic alias as a short form of the given name
//     (shortFormVariants: Леся for Олеся): its cases, derived forms,
//     possessive and Latin spellings (Лесенька, Лесин, Lesya, Lesia).
//
// The endings are the regular ones (declined); a name with a fleeting vowel
// (Павел: Павла) is found in the nominative only.

// declined returns the six case forms of a folded Cyrillic word by its
// ending: a masculine noun in a consonant, -й, -ий or -ь (Иван, Сергей,
// Дмитрий, Игорь; patronymics in -ич), a feminine one in -а or -я (Ольга,
// Мария; patronymics in -на), a family name in -ов, -ев, -ин, -ын,
// their feminine forms in -а, and -ский, -ская; nil for any other.
func declined(w string) []string {
	stem, last := cutLast(w)
	_, prev := cutLast(stem)
	switch {
	case slavicEnd(w, "ов", "ев", "ёв", "ин", "ын"):
		return []string{w, w + "а", w + "у", w + "а", w + "ым", w + "е"}
	case slavicEnd(w, "ова", "ева", "ёва", "ина", "ына"):
		return []string{w, stem + "ой", stem + "ой", stem + "у", stem + "ой", stem + "ой"}
	case strings.HasSuffix(w, "ский") || strings.HasSuffix(w, "цкий"):
		s := strings.TrimSuffix(w, "ий")
		return []string{w, s + "ого", s + "ому", s + "ого", s + "им", s + "ом"}
	case strings.HasSuffix(w, "ская") || strings.HasSuffix(w, "цкая"):
		s := strings.TrimSuffix(w, "ая")
		return []string{w, s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"}
	case last == 'а':
		gen, ins := "ы", "ой"
		if strings.ContainsRune("гкхжшчщ", prev) {
			gen = "и"
		}
		if strings.ContainsRune("жшчщц", prev) {
			ins = "ей"
		}
		return []string{w, stem + gen, stem + "е", stem + "у", stem + ins, stem + "е"}
	case last == 'я':
		dat := "е"
		if prev == 'и' {
			dat = "и"
		}
		return []string{w, stem + "и", stem + dat, stem + "ю", stem + "ей", stem + dat}
	case last == 'й' && prev == 'и':
		s, _ := cutLast(stem)
		return []string{w, s + "ия", s + "ию", s + "ия", s + "ием", s + "ии"}
	case last == 'й' || last == 'ь':
		return []string{w, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"}
	case last >= 'б' && last <= 'я' && !strings.ContainsRune("аеёиоуыэюяйь", last):
		ins := "ом"
		if strings.ContainsRune("жшчщц", last) {
			ins = "ем"
		}
		s := w
		if f, ok := fleeting[w]; ok {
			s = f
		}
		return []string{w, s + "а", s + "у", s + "а", s + ins, s + "е"}
	}
	return nil
}

// fleeting maps the Russian given names whose last vowel drops when they
// decline (Пётр: Петра, Павел: Павла, Лев: Льва) to the stem the endings
// follow, from the short list of such names (Суперанская, Словарь
// русских личных имён).
var fleeting = map[string]string{"пётр": "петр", "петр": "петр", "павел": "павл", "лев": "льв"}

// slavicEnd reports whether w, of five letters or more, ends in one of
// ends.
func slavicEnd(w string, ends ...string) bool {
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for _, e := range ends {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// colloquial returns the colloquial form of a male patronymic (Иваныч
// for Иванович, Сергеич for Сергеевич), or "".
func colloquial(p string) string {
	switch {
	case strings.HasSuffix(p, "ович"):
		return strings.TrimSuffix(p, "ович") + "ыч"
	case strings.HasSuffix(p, "евич"):
		return strings.TrimSuffix(p, "евич") + "ич"
	}
	return ""
}

// declensionVariants returns the case forms of a name of Russian shape
// written in Cyrillic (see the comment above); nil for any other.
func (m *Matcher) declensionVariants(person int32, name []token) []rawVariant {
	given, ok := russianGiven(name)
	if r, _ := utf8.DecodeRuneInString(given); !ok || r < 0x400 || r > 0x4FF {
		return nil
	}
	var out []rawVariant
	add := func(f string, nick bool) bool {
		ts, err := m.parseName(f)
		if err != nil || weight(ts) < 3 {
			return false
		}
		v := newRaw(person, rankGiven, ts)
		v.capitals, v.nick = true, nick
		out = append(out, v)
		return true
	}
	g := declined(given)
	alone := slices.Clip(g[min(len(g), 1):])
	if y := yoNames[given]; y != "" {
		// Федор registered, Фёдора written.
		alone = append(alone, declined(y)[1:]...)
	}
	if len(diminutives[given]) == 0 {
		// Олесины for Олеся; a name with a usual short form has its
		// possessive from that (Олин for Ольга), below.
		alone = append(alone, possessiveAdj(given)...)
	}
	if strings.HasSuffix(given, "я") {
		// Олеська for Олеся, as diminutiveForms has it; a full name in
		// -а takes another suffix (Анька for Анна, from its short form).
		alone = append(alone, inflectedDiminutive(given)...)
	}
	if roots := diminutives[given]; len(roots) > 0 {
		if d := declined(roots[0]); len(d) > 1 {
			alone = append(alone, d[1:]...)
		}
		alone = append(alone, possessiveAdj(roots[0])...)
		// The cases of the diminutive in -ка or -ька of every short form
		// (Димку; Вадьку, of Вадя, Вадим's second).
		for _, r := range roots {
			alone = append(alone, inflectedDiminutive(r)...)
		}
	}
	for _, f := range alone {
		// Most texts write ё as е (Федора for Фёдора, у Алены).
		for _, f := range yoSpellings(f) {
			if n := len(out); add(f, true) {
				out[n].word = russianWord(f)
			}
		}
	}
	for _, t := range name[1:] {
		if len(t.words) != 1 {
			continue
		}
		w := t.words[0]
		switch {
		case patronymic(w):
			p := declined(w)
			for i := range min(len(g), len(p)) {
				add(g[i]+" "+p[i], false)
			}
			add(w, true)
			for _, c := range declined(colloquial(w)) {
				add(c, true)
			}
		case strings.HasSuffix(w, "енко") && utf8.RuneCountInString(w) >= 6:
			add(w, true)
			for _, f := range familyPlural(w) {
				add(f, true)
			}
		default:
			if c := declined(w); slavicSurname(t) && len(c) > 1 {
				for _, f := range append(append(c[1:], familyPlural(w)...), familyAdjective(w)...) {
					add(f, true)
				}
			}
		}
	}
	return out
}

// familyPlural returns the plural forms of a family name, folded, in the
// nominative, genitive, dative and instrumental (the accusative and
// prepositional repeat the genitive): Бекташевы, Бекташевых,
// Бекташевым, Бекташевыми for Бекташев or Бекташева; Ткаченки,
// Ткаченков, Ткаченкам, Ткаченками for Ткаченко, as it is said though it
// does not decline in writing; Ковальские, Ковальских, Ковальским,
// Ковальскими for Ковальский or Ковальская; nil for any other.
func familyPlural(w string) []string {
	switch {
	case slavicEnd(w, "ова", "ева", "ёва", "ина", "ына"):
		w, _ = cutLast(w)
		fallthrough
	case slavicEnd(w, "ов", "ев", "ёв", "ин", "ын"):
		return []string{w + "ы", w + "ых", w + "ым", w + "ыми"}
	case strings.HasSuffix(w, "енко") && utf8.RuneCountInString(w) >= 6:
		s, _ := cutLast(w)
		return []string{s + "и", s + "ов", s + "ам", s + "ами"}
	case slavicEnd(w, "ский", "цкий", "ская", "цкая"):
		s := w[:len(w)-len("ий")]
		return []string{s + "ие", s + "их", s + "им", s + "ими"}
	}
	return nil
}

// familyAdjective returns the adjective of a family name in -ов, -ев,
// -ёв, -ин or -ын (or its feminine), folded, in its genders, numbers and
// commonest cases: Гусевская, Гусевский, Гусевской, Гусевскую, Гусевские,
// Гусевских, Гусевского for Гусев ("Гусевская бригада", a gang named
// after its boss); nil for any other name, or where the adjective is one
// of hunspell-ru's (placeAdjectives: Ивановский, Петровский name places).
func familyAdjective(w string) []string {
	if slavicEnd(w, "ова", "ева", "ёва", "ина", "ына") {
		w, _ = cutLast(w)
	}
	if !slavicEnd(w, "ов", "ев", "ёв", "ин", "ын") || placeAdjectives[strings.ReplaceAll(w, "ё", "е")+"ский"] {
		return nil
	}
	a := w + "ск"
	return []string{a + "ая", a + "ий", a + "ой", a + "ое", a + "ую", a + "ие", a + "их", a + "ого", a + "ому", a + "им", a + "ими"}
}

// possessiveWords are possessive adjectives of names that are also
// words or another's name: машин (of cars, Маша), танин (tannin, Таня),
// валин (valine, Валя), русин (a Rusyn, Руся), ленин (Lenin, Лена),
// шурин (brother-in-law, Шура), тимин (thymine, Тима).
var possessiveWords = wordSet("машин танин валин русин ленин шурин тимин")

// possessiveAdj returns the possessive adjective of a folded Cyrillic name
// in -а or -я after a consonant (Олеся: Олесин; Дима: Димин), in the
// masculine, feminine, plural and their commonest cases (Олесин,
// Олесина, Олесину, Олесины, Олесиной, Олесиных); nil for any other, or
// where the adjective is a word (possessiveWords).
func possessiveAdj(w string) []string {
	stem, _, ok := vowelAfterConsonant(w)
	if !ok {
		return nil
	}
	a := stem + "ин"
	if possessiveWords[a] {
		return nil
	}
	return []string{a, a + "а", a + "у", a + "ы", a + "ой", a + "ых"}
}

// inflectedDiminutive returns the case forms other than the nominative of
// the diminutive in -ка or -ька of a folded Cyrillic name in -а or -я
// after a consonant (Леся: Леськи, Леське, Леську, Леськой; Дима: Димку,
// Димкой), the commonest of the derived forms in running text; nil for
// any other.
func inflectedDiminutive(w string) []string {
	stem, last, ok := vowelAfterConsonant(w)
	if !ok || strings.HasSuffix(stem, "к") { // Верочка is a diminutive already
		return nil
	}
	d := stem + "ка"
	if last == 'я' {
		d = stem + "ька"
	}
	return declined(d)[1:]
}

// shortFormVariants returns the variants of a one-word Cyrillic alias of
// a person whose name is of Russian shape, as a short form of the given
// name (Леся for Олеся Игоревна Ткаченко): its other cases, its derived
// forms and their Latin spelling in the first transliteration, its
// possessive adjective, the cases of its diminutive in -ка, and its own
// Latin spellings in every transliteration (Lesya, Lesia, Lesja); alone,
// capitalised, only where the person is evident.
func (m *Matcher) shortFormVariants(person int32, name, alias []token) []rawVariant {
	if len(alias) != 1 || len(alias[0].words) != 1 {
		return nil
	}
	a := alias[0].words[0]
	if r, _ := utf8.DecodeRuneInString(a); r < 0x400 || r > 0x4FF {
		return nil
	}
	if _, ok := russianGiven(name); !ok {
		return nil
	}
	forms := latinOf(a)
	if c := declined(a); len(c) > 1 {
		forms = append(forms, c[1:]...)
	}
	for _, d := range derived(a) {
		forms = append(forms, d)
		forms = append(forms, latinOf(d)[:1]...)
	}
	forms = append(forms, possessiveAdj(a)...)
	forms = append(forms, inflectedDiminutive(a)...)
	return m.russianNickVariants(person, forms)
}

// vowelAfterConsonant cuts the last letter of a folded Cyrillic word in -а
// or -я after a consonant (Леся, Дима; not Мария), or reports false.
func vowelAfterConsonant(w string) (stem string, last rune, ok bool) {
	stem, last = cutLast(w)
	_, prev := cutLast(stem)
	ok = (last == 'а' || last == 'я') && prev >= 'б' && prev <= 'я' && !strings.ContainsRune("аеёиоуыэюяйьъ", prev)
	return stem, last, ok
}

// diminutiveWordCases are the oblique cases of the forms in -ка of
// russianWordForms (мишка "teddy bear": мишку, мишкой; галька "pebble":
// гальку), words as their nominative is.
var diminutiveWordCases = func() map[string]bool {
	out := map[string]bool{}
	for w := range russianWordForms {
		if strings.HasSuffix(w, "ка") {
			for _, c := range declined(w)[1:] {
				out[c] = true
			}
		}
	}
	return out
}()

// russianWord reports whether a folded Cyrillic form of a name is also a
// Russian word (russianWordForms, diminutiveWordCases), a name only where
// no sentence starts with it.
func russianWord(f string) bool {
	// A form with ё is the word its е spelling is: texts write ё as е,
	// and a fold that writes the letters Latin (Тёму, Тему: "temy")
	// makes the two one.
	e := strings.ReplaceAll(f, "ё", "е")
	return russianWordForms[f] || diminutiveWordCases[f] || russianWordForms[e] || diminutiveWordCases[e]
}

// cyrillicName returns name with each one-word token that the fold wrote
// in Latin letters because all its Cyrillic letters look Latin (Артём is
// "aptem", Семён "cemeh", Вера "bepa"; see latin.Skeleton) spelt again in
// the Cyrillic of raw, the name as registered, so that the Russian rules
// (declension, diminutives, transliteration) see a Russian name. The
// forms they make are folded as any variant is, so they still match the
// text's folded words. name is returned as it is when raw does not split
// into its tokens.
func cyrillicName(name []token, raw string) []token {
	fields := strings.Fields(raw)
	if len(fields) != len(name) {
		return name
	}
	var out []token
	for i, t := range name {
		w := norm.NFC.String(strings.ToLower(fields[i]))
		if len(t.words) != 1 || !cyrillicWord(w) {
			continue
		}
		if sk, ok := latin.Skeleton(nil, []byte(w)); !ok || string(sk) != t.words[0] {
			continue
		}
		if out == nil {
			out = slices.Clone(name)
		}
		out[i] = token{words: []string{w}, weight: t.weight}
	}
	if out == nil {
		return name
	}
	return out
}

// yoNames maps the е spelling of each given name and short form with ё
// in diminutives (федор, алена, семен) to the ё one, for a name
// registered with е: where the ё goes is known only for these.
var yoNames = func() map[string]string {
	out := map[string]string{}
	for g, roots := range diminutives {
		for _, n := range append([]string{g}, roots...) {
			if strings.ContainsRune(n, 'ё') {
				out[strings.ReplaceAll(n, "ё", "е")] = n
			}
		}
	}
	return out
}()

// yoSpellings returns f and, if it holds ё, f with ё written е.
func yoSpellings(f string) []string {
	if !strings.ContainsRune(f, 'ё') {
		return []string{f}
	}
	return []string{f, strings.ReplaceAll(f, "ё", "е")}
}
