// Package testimony defines a testimony as officers import it, and its
// strict parser.
//
// # Import format
//
// One testimony per file: a UTF-8 JSON object with the fields below (the
// format of the corpus README), after an optional byte-order mark, which
// is ignored. Required fields are marked. A bound is the most a new
// version may hold: bytes of UTF-8 of a string (a Hangul syllable is 3),
// entries of a list and bytes of each of its strings.
//
//	field                 value                                          bound
//	case                  string, required, non-empty                    128
//	title                 string                                         512
//	interview.date        string, YYYY-MM-DD, a real calendar date
//	interview.place       string                                         512
//	interview.interviewer string                                         256
//	interview.language    string, a BCP 47 tag such as "ko" or "en-GB"   64
//	witness               person, required
//	persons               list of person                                 256
//	consent.research      bool, required
//	consent.publication   bool
//	consent.legal         bool
//	sensitivity           "low", "medium" or "high"
//	tags                  list of string                                 64 of 64
//	redact                list of string                                 256 of 256
//	narrative             string, required, non-empty                    MaxSize
//
//	person.key            string, required, non-empty                    64
//	person.name           string, required, non-empty                    256
//	person.aliases        list of string                                 32 of 256
//	person.birth_year     integer from 1850 to 2100
//	person.gender         string                                         64
//	person.contact        string                                         256
//	person.residence      string                                         512
//	person.relation       string                                         128
//
// # Strictness
//
// Parse rejects, with an error naming the file and the field: a file over
// MaxSize bytes, invalid UTF-8, anything but one JSON object, an unknown
// field, a field name in another case, a duplicated field, a missing
// required field, a value of the wrong type, null, an impossible date, a
// value outside its set, trailing data, and a value over its bound (a
// *LimitError, with the bound and the value's size). Nothing is
// partially accepted.
//
// # Bounds
//
// The bounds keep what a testimony adds to the registry, the search
// index, views and summaries small whatever a file holds, and are far
// above what real testimonies hold: in the corpus, a title of 46 bytes,
// a case number of 11, a residence of 40, 3 tags of at most 17 bytes, 2
// aliases, one other person. A name or alias is at most 256 bytes, as the
// name matcher takes (names.MaxNameLen); a contact 256, as an e-mail
// address is at most 254. They apply to new versions only: ParseStored
// and ParseStoredPerson read what was stored before them.
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

// MaxPersons is the most persons besides the witness a new version
// names.
const MaxPersons = 256

// MaxAliases is the most aliases of a person a new version gives.
const MaxAliases = 32

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

// LimitError is the error (in a *ParseError, which names the field) of a
// field of a new version over its bound: a string longer than Limit
// bytes, or a list of more than Limit entries.
type LimitError struct {
	Limit   int  // the field's bound
	Size    int  // the value's: bytes of a string, entries of a list
	Entries bool // whether Limit and Size count a list's entries
}

func (e *LimitError) Error() string {
	unit := "bytes"
	if e.Entries {
		unit = "entries"
	}
	return fmt.Sprintf("%d %s, over the limit of %d", e.Size, unit, e.Limit)
}
