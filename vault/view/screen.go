package view

import (
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/redact"
)

// Screen returns the spans a researcher view would replace in s in a
// record that names every person of m, merged as a view merges them:
// every registered person by any name the matcher finds with all of them
// as evidence (KindPerson), their registered contacts and residences
// (KindPhrase), every identifier the redact package recognises, and every
// birth year, age or birth date the view bands (KindDate). An officer's
// phrases and the identifiers found elsewhere in one record are that
// record's and are not among them.
//
// It is for short free text that may be about anyone and is kept where
// no view applies, such as a purpose an audit entry records: whatever a
// view would hide there must not be kept in clear. Its cost is that of
// the view's redaction of s: m.Everyone is built once per matcher.
//
// A handle found in one record ("crane71 follow-up") is not among them:
// Screen sees no record. The audit check refuses a token shaped like a
// handle besides (vault's checkText: 4 letters and 2 digits together,
// "crane71", or letters joined by '_' or '.' in a word with a digit,
// "kim_88"), and allows tvault's record IDs and pseudonyms and versions
// ("v2", "2026Q3", "COVID19"); views do not, as they keep such words
// when the record does not hold them.
func Screen(m *names.Matcher, s string) []redact.Span {
	var people []redact.Span
	for _, mt := range m.FindEvident(s, m.Everyone()) {
		k := redact.KindPerson
		if mt.Value {
			k = redact.KindPhrase
		}
		people = append(people, redact.Span{Start: mt.Start, End: mt.End, Kind: k, Replacement: redact.Placeholder(k)})
	}
	return redact.Resolve(s, append([][]redact.Span{people, redact.Recognise(s)}, birthRules(s)...)...)
}
