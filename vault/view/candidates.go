package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/names"
)

// MaxPossibleNames is the most candidates PossibleNames lists.
const MaxPossibleNames = 1000

// PossibleNames lists what may be names of persons no one registered in
// the free text of rec as its view shows it (title, tags, the persons'
// relations, the interview's place and interviewer, the narrative), for an
// officer to register or add to the testimony's redact phrases before
// anyone exports: runs of capitalised words ("Pak Sunok", "Sinuiju") and
// of words in capitals ("PARK MINSEO", "KIM"), a run being words apart by
// one space (a word holds the hyphens and apostrophes between its letters:
// "Sol-ju"); each once, in the order they first occur, at most
// MaxPossibleNames. Not candidates: words in brackets (the view's own
// replacements), common words (English function words, titles, months,
// days: commonWords) even at the start of a sentence, one letter, and a
// word in capitals of three letters or fewer or without a vowel
// ("USB", "DPRK"), an acronym, unless it is a Korean family name's
// spelling (names.Surname) or follows a candidate in its run ("KIM IL").
// A Hangul or Han name without a registered person is not found in
// running text: these scripts have no capitals to tell it by. Words of
// other scripts without capitals (Arabic, Ge'ez, Burmese) in a field
// written mostly in a script with them are listed by runs (caseless.go). A tag that
// is one such word of two to four characters (별이, 阿红) is listed
// whole, though: a tag is a short label, and an unregistered one-word
// label in these scripts is as often a nickname as a topic.
func PossibleNames(rec *Record) []string {
	c := candidates{seen: map[string]bool{}}
	for _, t := range rec.Tags {
		if t = strings.TrimSpace(t); noCapitalsWord(t) && !c.seen[t] && len(c.out) < MaxPossibleNames {
			c.seen[t] = true
			c.out = append(c.out, t)
		}
	}
	for _, f := range freeText(rec) {
		if !c.scan(f) {
			break
		}
		for _, run := range caselessRuns(f) { // caseless.go
			if !c.seen[run] && len(c.out) < MaxPossibleNames {
				c.seen[run] = true
				c.out = append(c.out, run)
			}
		}
	}
	for _, f := range freeText(rec) {
		for _, k := range kanaNames(f) {
			if !c.seen[k] && len(c.out) < MaxPossibleNames {
				c.seen[k] = true
				c.out = append(c.out, k)
			}
		}
	}
	return c.out
}

// kanaNames returns the runs of katakana of text joined by a middle dot
// (チェ・ウンビョル, ハン・ソック): Japanese writes a foreign person's
// family and given name so, and katakana has no capitals to tell a name
// by otherwise.
func kanaNames(text string) []string {
	var out []string
	kana := func(r rune) bool { return 0x30A1 <= r && r <= 0x30FA || r == 0x30FC }
	dot := func(r rune) bool { return r == '\u30FB' || r == '\u00B7' || r == '\uFF65' }
	// The run so far: text[start:end], its kana ending at end, and
	// whether it holds a dot between kana.
	start, end, joined, pending := -1, 0, false, false
	for i, r := range text {
		switch {
		case kana(r):
			if start < 0 {
				start = i
			}
			joined, pending, end = joined || pending, false, i+utf8.RuneLen(r)
		case dot(r) && start >= 0 && !pending && end == i:
			pending = true
		default:
			if joined {
				out = append(out, text[start:end])
			}
			start, joined, pending = -1, false, false
		}
	}
	if joined {
		out = append(out, text[start:end])
	}
	return out
}

// freeText returns the free-text fields of a view: title, tags, the
// persons' relations, the interview's place and interviewer, and the
// narrative.
func freeText(rec *Record) []string {
	fields := []string{rec.Title}
	fields = append(fields, rec.Tags...)
	if rec.Witness != nil {
		fields = append(fields, rec.Witness.Relation)
	}
	for _, p := range rec.Persons {
		fields = append(fields, p.Relation)
	}
	if rec.Interview != nil {
		fields = append(fields, rec.Interview.Place, rec.Interview.Interviewer)
	}
	return append(fields, rec.Narrative)
}

// noCapitalsWord reports whether s is one word of two to four Hangul
// syllables or Han characters, a script without capitals.
func noCapitalsWord(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 4 && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.Is(unicode.Hangul, r) && !unicode.Is(unicode.Han, r)
	}) < 0
}

// maxRun is the longest run, in bytes, listed as one candidate: a longer
// one (a text of nothing but capitalised words) is cut into several.
const maxRun = 64

// candidates collects PossibleNames.
type candidates struct {
	out  []string
	seen map[string]bool
}

// scan adds the candidates of text, and reports whether there is room for
// more.
func (c *candidates) scan(text string) bool {
	depth := 0         // of brackets
	start, end := 0, 0 // the run of candidates so far, text[start:end]
	flush := func() bool {
		if end > start {
			if run := text[start:end]; !c.seen[run] {
				c.seen[run] = true
				c.out = append(c.out, run)
			}
		}
		start, end = 0, 0
		return len(c.out) < MaxPossibleNames
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			switch r {
			case '[':
				depth++
			case ']':
				depth = max(0, depth-1)
			}
			i += n
			continue
		}
		j := wordEnd(text, i)
		w := text[i:j]
		// The run goes on only over one space.
		if end > start && (i != end+1 || text[end] != ' ') && !flush() {
			return false
		}
		if end > start && j-start > maxRun && !flush() {
			return false
		}
		if depth == 0 && c.candidate(w, end > start) {
			if end == start {
				start = i
			}
			end = j
		} else if !flush() {
			return false
		}
		i = j
	}
	return flush()
}

// wordEnd returns the end of the word that starts at text[i]: letters,
// marks and digits, with hyphens and apostrophes between them.
func wordEnd(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			i += n
		case r == '\'' || r == '’' || r == '-':
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			if !unicode.IsLetter(next) {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return i
}

// candidate reports whether word may be, or be part of, a name; inRun
// whether it follows a candidate in a run.
func (c *candidates) candidate(word string, inRun bool) bool {
	first, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(first) || utf8.RuneCountInString(word) < 2 {
		return false
	}
	if commonWords[strings.ToLower(word)] {
		return false
	}
	if strings.IndexFunc(word, unicode.IsLower) >= 0 {
		return true
	}
	// In capitals: a name, or an acronym.
	switch {
	case names.Surname(word) || inRun:
		return true
	case utf8.RuneCountInString(word) <= 3 || !strings.ContainsAny(word, "AEIOUY"):
		return false
	}
	return !acronyms[word]
}

// commonWords are English words that begin sentences and titles, or are
// written with a capital, without being names: function words, frequent
// openers, titles and kinship words, months and days.
var commonWords = wordSet(`
	a about above after again against all also although am an and another any are as at
	be because been before being below between both but by can could did do does during
	each either even every everyone everything few for from had has have having he her here
	hers herself him himself his how however i if in into is it its itself just last
	later let like many may me meanwhile more most much must my myself neither never next no
	nobody none nor not nothing now of off often on once one only or other others our ours
	ourselves out over perhaps same she should since so some someone something sometimes soon
	still such than that the their theirs them themselves then there therefore these they
	this those though through thus to today tomorrow too under until up upon us very was we
	were what whatever when where whether which while who whom whose why will with within
	without would yes yesterday yet you your yours yourself
	first second third finally yes no okay ok oh well later afterwards eventually suddenly
	mr mrs ms miss mister madam sir dr mother father mom mum dad brother sister aunt auntie
	aunty uncle grandma grandpa grandmother grandfather cousin comrade teacher
	god lord chairman general president leader
	january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday
`)

// acronyms are words in capitals of four letters or more, with a vowel,
// that testimonies use and that name no one.
var acronyms = wordSet(`UNHCR NATO KCNA UNICEF AIDS COVID ASEAN OHCHR USSR`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(s) {
		m[w] = true
	}
	return m
}
