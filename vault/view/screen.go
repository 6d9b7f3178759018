package view

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/latin"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/redact"
)

// A Screener finds in short free text what a researcher view would hide
// in a record that names every registered person (Screen). It is made
// once per registry, as its matcher is: what it keeps of the registry
// costs nothing per text.
type Screener struct {
	// view is the rendering state of that record: the view's own
	// detector, which Screen runs on a copy of it, so that a rule added
	// to the view screens at once.
	view state
	// phrases are the phrases a view makes of the persons' registered
	// values (valuePhrases), by their skeleton; maxWords is the most
	// words one has.
	phrases  map[string][]string
	maxWords int
}

// maxPhraseWords bounds the words of a value phrase a Screener looks up:
// a residence phrase longer than that is found by its parts.
const maxPhraseWords = 6

// maxHouseWords bounds the words of a street's name with its house
// number in words (houseInWords): a number below 10,000 is at most eight
// words (siete mil novecientos noventa y nueve).
const maxHouseWords = 12

// NewScreener returns the Screener of a registry: m, the matcher of
// persons, and persons, whose Values (contacts and residences) a view
// hides as it hides them in a record naming them.
func NewScreener(m *names.Matcher, persons []names.Person) *Screener {
	sc := &Screener{phrases: map[string][]string{}}
	var values []string
	add := func(ph string, limit int) {
		n := len(strings.Fields(ph))
		key := skeleton(ph)
		if n > limit || key == "" {
			return
		}
		sc.maxWords = max(sc.maxWords, n)
		// Once a phrase: persons who share a town or a street would
		// otherwise hold, and hand every screen, a copy each.
		if !slices.Contains(sc.phrases[key], ph) {
			sc.phrases[key] = append(sc.phrases[key], ph)
		}
	}
	for _, p := range persons {
		values = append(values, p.Values...)
		for _, v := range p.Values {
			for _, ph := range valuePhrases(v) {
				add(ph, maxPhraseWords)
			}
			// A house number read in Spanish words after its street, as
			// a view of the record hides it (r14j).
			for part := range strings.SplitSeq(v, ",") {
				for _, ph := range houseInWords(part) {
					add(ph, maxHouseWords)
				}
			}
		}
	}
	// The record of every registered person, with no text of its own:
	// its phrases are the registered values' (looked up by skeleton, not
	// read once each), its numbers and residences everyone's, and it
	// bands birth years, as a researcher view does. It has no name parts
	// of its own for handles (partHandles): the audit check refuses a
	// handle by its shape.
	sc.view = state{
		Renderer:     &Renderer{matcher: m, pseudonym: func(string) string { return "P" }},
		lookup:       sc.phrasesIn,
		numberSet:    redact.NewNumberSet(values),
		numbersNamed: true,
		residences:   redact.NewResidenceSet(values),
		bandBirths:   true,
		evident:      m.Everyone(),
		parts:        map[string]string{},
	}
	return sc
}

// Screen returns the spans a researcher view would replace in s in a
// record that names every registered person, merged as a view merges
// them: it renders s as that record's free text (state.spans, the very
// rules of a view), so that whatever a view hides, the screen finds.
// That is every registered person by any name the matcher finds with all
// of them as evidence (KindPerson; the evidence's keys, such as the
// skeletons of full names, are every person's, built once per matcher:
// names.Matcher.Everyone); their registered contacts and residences
// (KindPhrase), as the matcher finds them and as a view's phrases of
// them find them (a residence's parts and words and their
// romanisations: "Pothae-dong" for 포태동; valuePhrases; a house number
// read in Spanish words after its street, houseInWords) and in other
// notations (redact.ResidenceSet: "twenty-seven Harbour Road"), and their
// phone numbers in any grouping, read out or not, with a group of one
// read out alone ("칠일사이 callback"; redact.NumberSet), also KindPhrase;
// every identifier the redact package recognises, and every date the
// view changes (an event's loses its day); every birth year, age or
// birth date the view bands (KindDate); and the titles that name their
// unit, which a view hides in a relation (titleRoles). An officer's
// phrases and the identifiers found elsewhere in one record are that
// record's and are not among them.
//
// It is for short free text that may be about anyone and is kept where
// no view applies, such as a purpose an audit entry records: whatever a
// view would hide there must not be kept in clear. Its cost is that of
// the view's redaction of s: m.Everyone and its evidence are built once
// per matcher.
//
// A handle found in one record ("crane71 follow-up") is not among them:
// Screen sees no record. The audit check refuses a token shaped like a
// handle besides (vault's checkText: 4 letters and 2 digits together,
// "crane71", or letters joined by '_' or '.' in a word with a digit,
// "kim_88"), and allows tvault's record IDs and pseudonyms and versions
// ("v2", "2026Q3", "COVID19"); views do not, as they keep such words
// when the record does not hold them.
func (sc *Screener) Screen(s string) []redact.Span {
	// A copy a call: a rendering keeps its labels, and screens run at
	// once in a daemon.
	st := sc.view
	return redact.Resolve(s, st.spans(policy.Redact, s), titleRoles(s))
}

// titleRoles returns a span for every title that names its unit in s
// (scanRoles: 河南派出所所长), as a view hides it in a person's relation:
// a purpose naming the office names its holder. Screen does not know the
// relations a testimony registers, so it screens the shape, whoever holds
// the office: an ordinary purpose naming one ("河南派出所所长 training")
// is screened too.
func titleRoles(s string) []redact.Span {
	l := phraseList{max: 8, seen: map[string]bool{}}
	scanRoles(&l, s, false)
	var out []redact.Span
	for _, ph := range l.out {
		for off := 0; ; {
			k := strings.Index(s[off:], ph)
			if k < 0 {
				break
			}
			out = append(out, redact.Span{Start: off + k, End: off + k + len(ph), Kind: redact.KindPhrase, Replacement: redact.Placeholder(redact.KindPhrase)})
			off += k + len(ph)
		}
	}
	slices.SortFunc(out, func(a, b redact.Span) int { return a.Start - b.Start })
	return out
}

// phrasesIn returns the value phrases whose skeleton is that of a run of
// up to maxWords words of s: the candidates redact.Phrases then finds
// exactly, without reading s once per registered phrase.
func (sc *Screener) phrasesIn(s string) []string {
	if len(sc.phrases) == 0 {
		return nil
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == '(' || r == ')' })
	var out []string
	for i := range words {
		key := ""
		for n := 0; n < sc.maxWords && i+n < len(words); n++ {
			w := words[i+n]
			// A possessive is no part of the name: Pothae-dong's.
			for _, q := range []string{"'s", "’s"} {
				w = strings.TrimSuffix(w, q)
			}
			key += skeleton(w)
			out = append(out, sc.phrases[key]...)
		}
		// A Chinese village inside a run of Han characters, which the
		// text does not space (我的老家在柳树村: 柳树村).
		for _, v := range hanVillagesIn(words[i]) {
			out = append(out, sc.phrases[skeleton(v)]...)
		}
	}
	return out
}

// maxHanVillage is the most characters of a village's name with its 村 or
// 屯 that hanVillagesIn tries.
const maxHanVillage = 8

// hanVillagesIn returns the runs of three to maxHanVillage characters of w
// that end in 村 or 屯: the candidates of a registered village
// (redact.HanVillages) in it.
func hanVillagesIn(w string) []string {
	var out []string
	for i, r := range w {
		if r != '村' && r != '屯' {
			continue
		}
		end := i + utf8.RuneLen(r)
		a := end
		for n := 1; n <= maxHanVillage && a > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(w[:a])
			a -= size
			if n >= 3 {
				out = append(out, w[a:end])
			}
		}
	}
	return out
}

// skeleton returns what of s every form redact.Phrases finds of it
// keeps: its letters and digits in lower case, without the marks of Latin
// letters (Kỳ Sơn, Ky Son) and without h (romanisations write aspiration
// or not: Pothae, Potae).
func skeleton(s string) string {
	if stripped, ok := latin.StripMarks(nil, []byte(s)); ok {
		s = string(stripped)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) && r != 'h' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
