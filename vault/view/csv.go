package view

import (
	"fmt"
	"strings"
	"unicode"
)

// CSVHeader is the column set of CSV exports. A column whose field the
// view drops is empty. persons holds the other persons' pseudonyms and
// tags the tags, each joined with ";".
var CSVHeader = []string{
	"id", "view", "created", "case", "title", "interview_date", "interview_language",
	"witness_pseudonym", "witness_birth_years", "witness_gender", "persons",
	"sensitivity", "tags", "narrative",
}

// CSVRow returns r's values in CSVHeader's order.
func (r *Record) CSVRow() []string {
	var iv Interview
	if r.Interview != nil {
		iv = *r.Interview
	}
	var w Person
	if r.Witness != nil {
		w = *r.Witness
	}
	birth := w.BirthYears
	if w.BirthYear != 0 {
		birth = fmt.Sprint(w.BirthYear)
	}
	persons := make([]string, len(r.Persons))
	for i, p := range r.Persons {
		persons[i] = p.Pseudonym
	}
	return []string{
		r.ID, r.View, r.Created.Format("2006-01-02T15:04:05Z"), r.Case, r.Title, iv.Date, iv.Language,
		w.Pseudonym, birth, w.Gender, strings.Join(persons, ";"),
		r.Sensitivity, strings.Join(r.Tags, ";"), r.Narrative,
	}
}

// commonWords start sentences and titles without being names.
var commonWords = map[string]bool{
	"I": true, "A": true, "An": true, "The": true, "My": true, "We": true, "They": true, "He": true,
	"She": true, "It": true, "In": true, "On": true, "At": true, "When": true, "Then": true, "Our": true,
	"His": true, "Her": true, "This": true, "That": true, "There": true, "After": true, "Before": true,
}

// PossibleNames lists the capitalised words of text that may be names of
// persons no one registered: words that start with a capital letter, do
// not begin a sentence, are not in brackets (a replacement) and are not
// acronyms or common words. An officer reviews them before anyone exports.
func PossibleNames(text string) []string {
	var out []string
	seen := map[string]bool{}
	sentenceStart := true
	for _, w := range strings.Fields(text) {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		start := sentenceStart
		sentenceStart = strings.ContainsAny(w[len(w)-1:], ".!?:")
		if word == "" || strings.HasPrefix(w, "[") || start {
			continue
		}
		first := []rune(word)[0]
		if !unicode.IsUpper(first) || strings.ToUpper(word) == word || commonWords[word] || seen[word] {
			continue
		}
		seen[word] = true
		out = append(out, word)
	}
	return out
}
