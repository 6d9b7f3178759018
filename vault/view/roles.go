package view

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPossibleRoles is the most phrases PossibleRoles lists.
const MaxPossibleRoles = 1000

// PossibleRoles lists the phrases of the free text of rec, as its view
// shows it (the fields PossibleNames reads), that may name a role only
// one person holds: "the only Vietnamese nail technician at Rosa's Nails",
// "la única maestra de la escuela de la aldea El Rosario",
// "唯一的朝鲜族语文老师", "главврач городской больницы № 2 Уссурийска",
// "河南派出所所长", "회령시 보위부 반탐과장". With the workplace, such a
// phrase names someone as surely as a name; no recogniser can tell it
// from a role many hold, so an officer reads each and lists those that
// identify someone as redact phrases. Nothing is hidden by it in the
// narrative, title or tags; in a person's relation, the record's own
// account of who the person is, a researcher view hides every such
// phrase (r17d: "police [P], [REDACTED]" for "police 孙队长,
// 河南派出所所长"), and the audit screen screens the titles with their
// unit wherever a purpose or reason names one. A phrase is one of:
//
//   - English "the only", "the sole", "the one" (not "the one who") and
//     the words after it up to the clause's end, unless the
//     next word says no role ("the only way", "the only thing");
//   - Spanish único, única, únicos, únicas (not únicamente), with the
//     article before it, and the words up to the clause's end;
//   - Russian единственный in any form, and the words up to the clause's
//     end; главврач, начальник, директор, заведующий, председатель,
//     командир (and their feminine forms) followed in the same clause by
//     a capitalised word, a digit or №, up to the clause's end;
//   - Vietnamese "duy nhất", with up to four words before it back to "là"
//     or the clause's start, and the words up to the clause's end;
//   - Chinese 唯一的 with the run of Han characters before it (the
//     workplace) and after it (the role); a title (所长, 局长, 科长, 处长,
//     院长, 校长, 厂长, 站长, 队长, 村长, 主任, 书记) after a run of at least
//     two Han characters naming its unit;
//   - Korean a word ending in a title (과장, 부장, 소장, 국장, 팀장, 반장,
//     조장, 원장, 교장, 서장, 지배인), maybe with 님 or a particle, whose
//     unit is named in the word (반탐과장) or in the word before it, with
//     up to two words before that naming units (…시, …부, …과) or holding
//     a digit.
//
// Each once, in the order found, at most MaxPossibleRoles. The cost is
// linear in the size of the text.
func PossibleRoles(rec *Record) []string {
	l := phraseList{max: MaxPossibleRoles, seen: map[string]bool{}}
	for _, f := range freeText(rec) {
		if !scanRoles(&l, f, true) {
			break
		}
	}
	return l.out
}

var (
	enRoleCues = []string{"the only", "the sole", "the one"}
	// enNoRole are the words after an English cue that say it is no role.
	enNoRole = map[string]bool{"who": true, "that": true, "which": true, "of": true, "to": true, "i": true, "we": true,
		"you": true, "he": true, "she": true, "they": true, "it": true, "way": true, "thing": true, "things": true,
		"time": true, "reason": true, "one": true, "option": true, "choice": true, "chance": true, "hope": true,
		"problem": true, "answer": true, "difference": true, "exception": true, "question": true, "and": true, "in": true, "on": true,
		"at": true, "with": true, "from": true, "for": true, "day": true}
	esRoleCues = []string{"único", "única", "únicos", "únicas", "Único", "Única"}
	ruRoleCues = []string{"единственн", "Единственн"}
	// ruTitles are Russian office titles, then followed by the unit they
	// head.
	ruTitles = []string{"главврач", "главный врач", "начальник", "начальница", "директор", "директриса", "заведующий",
		"заведующая", "председатель", "командир"}
	zhTitles = []string{"所长", "局长", "科长", "处长", "院长", "校长", "厂长", "站长", "队长", "村长", "主任", "书记"}
	koTitles = []string{"과장", "부장", "소장", "국장", "팀장", "반장", "조장", "원장", "교장", "서장", "지배인"}
	// koUnits end a Korean word that names a unit (회령시, 보위부).
	koUnits = []string{"시", "군", "구", "부", "과", "국", "소", "서", "청", "공장", "회사", "학교", "병원", "공단", "전자"}
)

// scanRoles adds the role phrases of text to l, and reports whether there
// is room for more: all of them, or only the titles that name their unit
// (Chinese, Korean and Russian: 河南派出所所长, 회령시 보위부 반탐과장,
// главврач больницы № 2), which name an office of a named place whatever
// the clause around them says.
func scanRoles(l *phraseList, text string, all bool) bool {
	ok := true
	each := func(cues []string, fn func(at int, cue string) (int, int)) {
		for _, cue := range cues {
			for off := 0; ok && off < len(text); {
				k := strings.Index(text[off:], cue)
				if k < 0 {
					break
				}
				at := off + k
				off = at + len(cue)
				if a, b := fn(at, cue); a < b {
					ok = l.add(text, a, b)
				}
			}
		}
	}
	if all {
		each(enRoleCues, func(at int, cue string) (int, int) { return enRole(text, at, cue) })
		each([]string{"The only", "The sole", "The one"}, func(at int, cue string) (int, int) { return enRole(text, at, cue) })
		each(esRoleCues, func(at int, cue string) (int, int) { return esRole(text, at, cue) })
		each(ruRoleCues, func(at int, cue string) (int, int) {
			if !wordStart(text, at) {
				return 0, 0
			}
			return at, clauseEnd(text, at, 10)
		})
		each([]string{"duy nhất"}, func(at int, cue string) (int, int) { return viRole(text, at, cue) })
		each([]string{"唯一的"}, func(at int, cue string) (int, int) { return zhUnique(text, at, cue) })
	}
	each(ruTitles, func(at int, cue string) (int, int) { return ruRole(text, at, cue) })
	each(zhTitles, func(at int, cue string) (int, int) { return zhTitle(text, at, cue) })
	each(koTitles, func(at int, cue string) (int, int) { return koRole(text, at, cue) })
	return ok
}

// clauseEnd returns the end of the clause that goes on at text[i]: at a
// comma, a full stop, a semicolon, a bracket or a line break, after at
// most n words and signs ([PERSON] is three).
func clauseEnd(text string, i, n int) int {
	end := i
	for k := 0; k < n && i < len(text); k++ {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := wordEnd(text, i)
		if j == i {
			// A word of signs (№, [P-…]) goes on the clause; a stop ends
			// it.
			r, size := utf8.DecodeRuneInString(text[i:])
			if strings.ContainsRune(",.;:!?()（）\n。，；！？", r) {
				break
			}
			j = i + size
		}
		end, i = j, j
	}
	return end
}

// enRole returns the phrase of an English cue at text[at].
func enRole(text string, at int, cue string) (int, int) {
	if !cueBounded(text, at, len(cue)) {
		return 0, 0
	}
	i := at + len(cue)
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if w := text[i:wordEnd(text, i)]; w == "" || enNoRole[strings.ToLower(w)] {
		return 0, 0
	}
	return at, clauseEnd(text, i, 14)
}

// esRole returns the phrase of a Spanish cue at text[at], with its
// article (la única maestra).
func esRole(text string, at int, cue string) (int, int) {
	if !cueBounded(text, at, len(cue)) {
		return 0, 0
	}
	a := at
	p := strings.TrimRight(text[:at], " ")
	for _, art := range []string{"la", "el", "las", "los", "La", "El", "Las", "Los"} {
		if strings.HasSuffix(p, art) && cueBounded(p, len(p)-len(art), len(art)) {
			a = len(p) - len(art)
		}
	}
	return a, clauseEnd(text, at+len(cue), 10)
}

// ruRole returns the phrase of a Russian title at text[at]: listed when
// the clause after it holds a capitalised word, a digit or №.
func ruRole(text string, at int, cue string) (int, int) {
	if !wordStart(text, at) {
		return 0, 0
	}
	i := at + len(cue)
	// The title in any case (начальника, главврачом): its ending.
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	end := clauseEnd(text, i, 8)
	named := false
	for _, r := range text[i:end] {
		if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '№' {
			named = true
		}
	}
	if !named {
		return 0, 0
	}
	return at, end
}

// viRole returns the phrase of "duy nhất" at text[at]: up to four words
// before it back to "là" or the clause's start, and the clause after it.
func viRole(text string, at int, cue string) (int, int) {
	if !cueBounded(text, at, len(cue)) {
		return 0, 0
	}
	a := at
	for k := 0; k < 4; k++ {
		p := strings.TrimRight(text[:a], " ")
		s := strings.LastIndexAny(p, " ,.;:\n") + 1
		if s == len(p) || p[s:] == "là" {
			break
		}
		a = s
		if s == 0 || p[s-1] != ' ' {
			break
		}
	}
	return a, clauseEnd(text, at+len(cue), 10)
}

// zhUnique returns the phrase of 唯一的 at text[at]: the run of Han
// characters before it, up to a stop character (zhStops), and the run
// after it, at most twelve.
func zhUnique(text string, at int, cue string) (int, int) {
	a := hanRunBefore(text, at)
	b, n := at+len(cue), 0
	for b < len(text) && n < 12 {
		r, size := utf8.DecodeRuneInString(text[b:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		b += size
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return a, b
}

// zhTitle returns the phrase of a Chinese title at text[at]: listed after
// a run of at least two Han characters, its unit.
func zhTitle(text string, at int, cue string) (int, int) {
	a := hanRunBefore(text, at)
	if utf8.RuneCountInString(text[a:at]) < 2 {
		return 0, 0
	}
	return a, at + len(cue)
}

// hanRunBefore returns where the run of Han characters before text[at]
// begins: at most sixteen, not past a stop character (zhStops).
func hanRunBefore(text string, at int) int {
	a := at
	for n := 0; a > 0 && n < 16; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune(zhStops, r) {
			break
		}
		a -= size
	}
	return a
}

// koRole returns the phrase of a Korean title at text[at]: the word it
// ends, when the word or the one before names a unit, and up to two words
// before that name units or hold a digit.
func koRole(text string, at int, cue string) (int, int) {
	a := koWordStart(text, at)
	if !hangulWord(text[a:at]) {
		return 0, 0
	}
	// The title ends the word, maybe with 님, a particle or an ending
	// (과장이었어요).
	b := at + len(cue)
	rest := text[b:]
	if j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.Is(unicode.Hangul, r) }); j >= 0 {
		rest = rest[:j]
	}
	if utf8.RuneCountInString(rest) > 5 {
		return 0, 0
	}
	unit := func(w string) bool {
		for _, u := range koUnits {
			if strings.HasSuffix(w, u) && w != u {
				return true
			}
		}
		return false
	}
	named := at > a
	for k := 0; k < 3 && a > 1 && text[a-1] == ' '; k++ {
		p := koWordStart(text, a-1)
		w := text[p : a-1]
		if !unit(w) && !(named && strings.ContainsAny(w, "0123456789")) {
			break
		}
		named, a = true, p
	}
	if !named {
		return 0, 0
	}
	return a, b
}

// koWordStart returns where the word that ends at text[at] begins: after
// a space, a line break or a bracket, at most 64 bytes back, so that a
// text without spaces costs no more per title.
func koWordStart(text string, at int) int {
	lo := max(0, at-64)
	return lo + strings.LastIndexAny(text[lo:at], " \n(（") + 1
}

// hangulWord reports whether w is all Hangul.
func hangulWord(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return !unicode.Is(unicode.Hangul, r) }) < 0
}

// wordStart reports whether text[at] begins a word: no letter before it.
func wordStart(text string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:at])
	return at == 0 || !unicode.IsLetter(r)
}
