package names

import (
	"slices"
	"strings"
	"unicode/utf8"
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
//     one in -енко, which does not decline, alone (Петренко).
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
		return []string{w, w + "а", w + "у", w + "а", w + ins, w + "е"}
	}
	return nil
}

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
	add := func(f string, nick bool) {
		ts, err := m.parseName(f)
		if err != nil || weight(ts) < 3 {
			return
		}
		v := newRaw(person, rankGiven, ts)
		v.capitals, v.nick = true, nick
		out = append(out, v)
	}
	g := declined(given)
	alone := g[min(len(g), 1):]
	if roots := diminutives[given]; len(roots) > 0 {
		if d := declined(roots[0]); len(d) > 1 {
			alone = append(slices.Clip(alone), d[1:]...)
		}
	}
	for _, f := range alone {
		add(f, true)
		if len(out) > 0 && out[len(out)-1].key == f {
			out[len(out)-1].word = russianWordForms[f]
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
		default:
			if c := declined(w); slavicSurname(t) && len(c) > 1 {
				for _, f := range c[1:] {
					add(f, true)
				}
			}
		}
	}
	return out
}
