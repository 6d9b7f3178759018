package view

import (
	"encoding/csv"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSVHeader is the column set of CSV exports. A column whose field the
// view drops is empty. persons holds the other persons' pseudonyms and
// tags the tags, each a list (see CSVRow).
var CSVHeader = []string{
	"id", "view", "created", "case", "title", "interview_date", "interview_language",
	"witness_pseudonym", "witness_birth_years", "witness_gender", "persons",
	"sensitivity", "tags", "narrative",
}

// CSVRow returns r's values in CSVHeader's order, as cells safe to open
// in a spreadsheet:
//
//   - a list (persons, tags) is one cell, its values separated by ";";
//     a value holding ";", a double quote or a line break, or beginning
//     with white space, is quoted as in RFC 4180 (with ";" for the comma),
//     so no value ever splits and a CSV reader with ";" as its separator
//     gives the values back;
//   - a cell a spreadsheet could take for a formula is prefixed with "'"
//     (OWASP's advice on CSV injection): one that begins with a tab, a
//     carriage return, a line feed or NUL, or whose first character other
//     than white space is "=", "+", "-" or "@" or their full-width forms.
//     A cell that begins with "'" gets one more, so that dropping one
//     leading "'" from every cell that has one gives back the value.
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
	row := []string{
		r.ID, r.View, r.Created.Format("2006-01-02T15:04:05Z"), r.Case, r.Title, iv.Date, iv.Language,
		w.Pseudonym, birth, w.Gender, csvList(persons),
		r.Sensitivity, csvList(r.Tags), r.Narrative,
	}
	for i, c := range row {
		row[i] = csvCell(c)
	}
	return row
}

// csvList joins values into one cell: a one-line CSV record with ";" as
// its separator.
func csvList(values []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = ';'
	// Writing to a strings.Builder cannot fail.
	w.Write(values)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// csvCell neutralises a cell that a spreadsheet could evaluate as a
// formula, as CSVRow describes.
func csvCell(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '\t', '\r', '\n', 0, '\'':
		return "'" + s
	}
	switch r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace)); r {
	case '=', '+', '-', '@', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
