package names

import (
	"unicode/utf8"
)

// Doubled letters. Somali, Arabic, Dari, Tigrinya and Swahili names in
// Latin letters are written with a long vowel or a doubled consonant or
// without, as the writer hears length: Hodo and Hoddo, Dheere and Dhere,
// Faarax and Farax, Hamid and Haamid. r17e's skeleton folds repeats for
// full names of the record's persons; an alias or a name part alone, of
// one word or a few, has no key that long. Where the record names the
// person, a registered alias and each name token alone are found with
// their doubled letters undoubled (geminateVariants: Abdi Dhere for Abdi
// Dheere), and a capitalised run of up to three words that doubles a
// letter is looked up undoubled (geminated: Hoddo for Hodo).

// minGeminate is the fewest bytes of an undoubled form read so (Hodo).
const minGeminate = 4

// appendDegeminated appends w, a folded word, to out with each run of one
// letter cut to one, and reports whether it cut any.
func appendDegeminated(out []byte, w string) ([]byte, bool) {
	cut := false
	last := utf8.RuneError
	for _, r := range w {
		if r == last {
			cut = true
			continue
		}
		out = utf8.AppendRune(out, r)
		last = r
	}
	return out, cut
}

// geminateVariants returns the forms of the tokens ts (a registered alias,
// whole; or each token of one word of a name alone, if apart is set) with their
// doubled letters undoubled, where that changes them: capitalised, only
// where the person is evident.
func geminateVariants(person int32, rk rank, ts []token, apart bool) []rawVariant {
	undouble := func(t token) (token, bool) {
		u := token{words: make([]string, len(t.words)), weight: t.weight}
		changed := false
		for i, w := range t.words {
			b, cut := appendDegeminated(nil, w)
			u.words[i] = string(b)
			u.weight -= utf8.RuneCountInString(w) - utf8.RuneCount(b)
			changed = changed || cut
		}
		return u, changed
	}
	var out []rawVariant
	add := func(ts []token) {
		if v := newRaw(person, rk, ts); len(v.key) >= minGeminate {
			v.capitals, v.nick = true, true
			out = append(out, v)
		}
	}
	if apart {
		for _, t := range ts {
			// A token of one word: O'Neil is O'Neill's misspelling
			// (fuzzy.go), which reads it with the name around it.
			if u, changed := undouble(t); changed && len(t.words) == 1 && !t.particle() {
				add([]token{u})
			}
		}
		return out
	}
	us := make([]token, len(ts))
	changed := false
	for i, t := range ts {
		var c bool
		us[i], c = undouble(t)
		changed = changed || c
	}
	if changed {
		add(us)
	}
	return out
}

// geminated returns the mention of a person of ev spelt, with its doubled
// letters undoubled, by the capitalised run of one to three words from
// words[i] (apart by spaces or hyphens) that doubles a letter, or by a
// word that so spells a name token of theirs (evidence.parts): the
// longest, Ambiguous where two persons' forms are so spelt.
func (m *Matcher) geminated(text string, words []word, buf []byte, i int, ev *evidence) (Match, int, bool) {
	if ev == nil || len(ev.ids) == 0 || !doubledIn(words, buf, i) {
		return Match{}, 0, false
	}
	var scratch [64]byte
	key, doubled := scratch[:0], false
	var mt Match
	next := -1
	for k := i; k < len(words) && k < i+3; k++ {
		if k > i && words[k].before != gapSpace && words[k].before != gapHyphen || !capitalFirst(text, words[k:k+1]) {
			break
		}
		var cut bool
		key, cut = appendDegeminated(key, m.foldedWord(buf, words[k]))
		doubled = doubled || cut
		if doubled && m.registered(buf[words[i].fstart:words[k].fend]) {
			// Spelt as registered (Torres, Smirnoff): the registered
			// forms' rules say where it is the person.
			continue
		}
		if k == i && doubled && rightBoundary(words, buf, k) {
			// A name token of the record's persons (evidence.parts).
			if !ev.built {
				m.build1(ev)
			}
			if p, ok := ev.parts[string(key)]; ok {
				mt, next = Match{Start: words[i].start, End: words[k].end, PersonID: m.ids[p]}, k+1
			}
		}
		e, ok := m.lookup(key)
		if !ok {
			break
		}
		if !doubled || e.n == 0 || len(key) < minGeminate || !rightBoundary(words, buf, k) {
			continue
		}
		var cand Match
		for x := range m.variants[e.first : e.first+e.n] {
			v := &m.variants[e.first+int32(x)]
			id := m.ids[v.person]
			if !ev.ids[id] || v.rank > rankGiven || v.word() && opensSentence(text, words[i].start) {
				continue
			}
			if cand.End == 0 {
				cand = Match{Start: words[i].start, End: words[k].end, PersonID: id}
			} else if id != cand.PersonID {
				cand.Ambiguous = true
			}
		}
		if cand.End > 0 {
			mt, next = cand, k+1
		}
	}
	return mt, next, next > 0
}

// registered reports whether the folded run key is a registered form as
// it stands: a variant, a family name or a name part.
func (m *Matcher) registered(key []byte) bool {
	if e, ok := m.lookup(key); ok && e.n > 0 {
		return true
	}
	_, family := m.surnames[string(key)]
	_, part := m.parts[string(key)]
	return family || part
}

// doubledIn reports whether a folded word of the run geminated reads from
// words[i] (up to three, apart by spaces or hyphens) repeats a letter:
// most runs do not, and cost no lookup.
func doubledIn(words []word, buf []byte, i int) bool {
	for k := i; k < len(words) && k < i+3; k++ {
		if k > i && words[k].before != gapSpace && words[k].before != gapHyphen {
			break
		}
		last := utf8.RuneError
		for _, r := range string(buf[words[k].fstart:words[k].fend]) {
			if r == last {
				return true
			}
			last = r
		}
	}
	return false
}
