// Package testimony defines a testimony as officers import it, and its
// strict parser.
//
// # Import format
//
// One testimony per file: a UTF-8 JSON object with the fields below (the
// format of the corpus README), after an optional byte-order mark, which
// is ignored. Required fields are marked.
//
//	case                  string, required, non-empty
//	title                 string
//	interview.date        string, YYYY-MM-DD, a real calendar date
//	interview.place       string
//	interview.interviewer string
//	interview.language    string, a BCP 47 tag such as "ko" or "en-GB"
//	witness               person, required
//	persons               list of person
//	consent.research      bool, required
//	consent.publication   bool
//	consent.legal         bool
//	sensitivity           "low", "medium" or "high"
//	tags                  list of string
//	redact                list of string
//	narrative             string, required, non-empty
//
//	person.key            string, required, non-empty
//	person.name           string, required, non-empty
//	person.aliases        list of string
//	person.birth_year     integer from 1850 to 2100
//	person.gender         string
//	person.contact        string
//	person.residence      string
//	person.relation       string
//
// # Strictness
//
// Parse rejects, with an error naming the file and the field: a file over
// MaxSize bytes, invalid UTF-8, anything but one JSON object, an unknown
// field, a field name in another case, a duplicated field, a missing
// required field, a value of the wrong type, null, an impossible date, a
// value outside its set, and trailing data. Nothing is partially accepted.
//
// # Canonical form
//
// Canonical returns the testimony re-encoded as compact JSON with fields in
// the order above, absent optional fields and empty lists omitted. It is
// the form that is stored and hashed; parsing it gives the same testimony.
package testimony

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MaxSize is the largest import file accepted.
const MaxSize = 16 << 20

// Testimony is one imported testimony.
type Testimony struct {
	Case        string     `json:"case"`
	Title       string     `json:"title,omitempty"`
	Interview   *Interview `json:"interview,omitempty"`
	Witness     Person     `json:"witness"`
	Persons     []Person   `json:"persons,omitempty"`
	Consent     Consent    `json:"consent"`
	Sensitivity string     `json:"sensitivity,omitempty"`
	Tags        []string   `json:"tags,omitempty"`
	Redact      []string   `json:"redact,omitempty"`
	Narrative   string     `json:"narrative"`
}

// Interview describes when, where and by whom a testimony was taken.
type Interview struct {
	Date        string `json:"date,omitempty"`
	Place       string `json:"place,omitempty"`
	Interviewer string `json:"interviewer,omitempty"`
	Language    string `json:"language,omitempty"`
}

// Person is the witness or another person a testimony names.
type Person struct {
	Key       string   `json:"key"`
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases,omitempty"`
	BirthYear int      `json:"birth_year,omitempty"`
	Gender    string   `json:"gender,omitempty"`
	Contact   string   `json:"contact,omitempty"`
	Residence string   `json:"residence,omitempty"`
	Relation  string   `json:"relation,omitempty"`
}

// Consent records what the witness agreed to. Research is required in the
// import format; the others default to false.
type Consent struct {
	Research    bool `json:"research"`
	Publication bool `json:"publication,omitempty"`
	Legal       bool `json:"legal,omitempty"`
}

// Canonical returns the canonical JSON encoding of t.
func (t *Testimony) Canonical() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// Narratives quote "<" and "&" often; keep them readable for escrow
	// holders who open records with the age CLI.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		// Only strings, bools, ints and slices of them: cannot fail.
		panic(fmt.Sprintf("testimony: canonical encoding: %v", err))
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// ParseError reports why an import file was rejected.
type ParseError struct {
	File  string // the file name as the user gave it
	Field string // dotted path such as "witness.birth_year"; empty for the whole file
	Err   error
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: field %s: %v", e.File, e.Field, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
