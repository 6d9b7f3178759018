// Package view derives a role's view of a testimony from the stored
// original, as a policy view says. It is pure: the caller supplies the
// testimony, the persons it names with their pseudonyms, and the registry
// of every person to find in free text.
//
// # Guarantees
//
// A view never changes the original: it is computed afresh from it. In a
// view whose policy pseudonymises or redacts free text, every mention of a
// registered person (of this testimony and of the whole registry, in every
// variant the names matcher knows) becomes "[P-XXXX-XXXX]", that person's
// pseudonym in the export's domain ("[PERSON]" where a mention could be
// either of two persons); redaction also replaces the officer's phrases
// with "[REDACTED]" and every identifier the redact package recognises.
// Fields the view drops are absent from the output, not empty.
//
// # Output
//
// Record is one testimony in a view, as JSON. id, view and created are
// always present; every other member is present only when the view keeps
// it. A renderer made Unlinkable (a pseudonymisation domain's) writes the
// record's pseudonym as id, its month as created, and no case. A person in the view always carries its pseudonym. A generalised
// birth year is "birth_years": "1980-1984"; a generalised interview date is
// its year. CSVHeader lists the CSV columns; see docs/EXPORT.md.
package view

import (
	"fmt"
	"strings"
	"time"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/redact"
	"github.com/tvault/tvault/vault/testimony"
)

// Record is a testimony as a view shows it.
type Record struct {
	ID          string             `json:"id"`
	View        string             `json:"view"`
	Created     time.Time          `json:"created"`
	Case        string             `json:"case,omitempty"`
	Title       string             `json:"title,omitempty"`
	Interview   *Interview         `json:"interview,omitempty"`
	Witness     *Person            `json:"witness,omitempty"`
	Persons     []Person           `json:"persons,omitempty"`
	Consent     *testimony.Consent `json:"consent,omitempty"`
	Sensitivity string             `json:"sensitivity,omitempty"`
	Tags        []string           `json:"tags,omitempty"`
	Redact      []string           `json:"redact,omitempty"`
	Narrative   string             `json:"narrative,omitempty"`
}

// Interview is the interview block of a view.
type Interview struct {
	Date        string `json:"date,omitempty"`
	Place       string `json:"place,omitempty"`
	Interviewer string `json:"interviewer,omitempty"`
	Language    string `json:"language,omitempty"`
}

// Person is a person as a view shows it.
type Person struct {
	Pseudonym  string   `json:"pseudonym"`
	Key        string   `json:"key,omitempty"`
	Name       string   `json:"name,omitempty"`
	Aliases    []string `json:"aliases,omitempty"`
	BirthYear  int      `json:"birth_year,omitempty"`
	BirthYears string   `json:"birth_years,omitempty"`
	Gender     string   `json:"gender,omitempty"`
	Contact    string   `json:"contact,omitempty"`
	Residence  string   `json:"residence,omitempty"`
	Relation   string   `json:"relation,omitempty"`
}

// Input is one stored testimony and what the vault knows around it.
type Input struct {
	ID      string
	Created time.Time
	Doc     *testimony.Testimony
	// WitnessID and PersonIDs are the registry IDs of the witness and of
	// Doc.Persons, in order.
	WitnessID string
	PersonIDs []string
}

// Renderer renders testimonies in one view and one pseudonym domain.
type Renderer struct {
	name      string
	view      policy.View
	matcher   *names.Matcher
	pseudonym func(personID string) string
	// record maps a record ID to its pseudonym; nil where records keep
	// their IDs (Unlinkable).
	record func(recordID string) string
}

// Unlinkable makes r refer to records only by the references of its
// domain, whatever the view keeps: the record's pseudonym (record maps a
// record ID to it) for its ID, no case number, and the month for its
// creation time (Month) and for a kept interview date ("2019-03"), so that
// no record ID, case number or exact time crosses a domain.
func (r *Renderer) Unlinkable(record func(recordID string) string) { r.record = record }

// Month returns the first instant of t's month, in UTC: the time of a
// record in a domain's references.
func Month(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// NewRenderer returns a renderer for the view called name. registry lists
// every registered person, to be found in free text; pseudonym maps a
// person ID to its pseudonym in the export's domain.
func NewRenderer(name string, v policy.View, registry []names.Person, pseudonym func(personID string) string) (*Renderer, error) {
	m, err := names.NewMatcher(registry)
	if err != nil {
		return nil, fmt.Errorf("failed to build the name matcher: %w", err)
	}
	return &Renderer{name: name, view: v, matcher: m, pseudonym: pseudonym}, nil
}

// Replacement is one change a view made to free text.
type Replacement struct {
	Field       string      `json:"field"`
	Kind        redact.Kind `json:"kind"`
	Original    string      `json:"original"`
	Replacement string      `json:"replacement"`
}

// Render returns in's testimony in the renderer's view, and every
// replacement made in its free text, for an officer to review.
func (r *Renderer) Render(in Input) (*Record, []Replacement) {
	d, t := in.Doc, r.view.Transform
	rec := &Record{ID: in.ID, View: r.name, Created: in.Created}
	if r.record != nil {
		rec.ID, rec.Created = r.record(in.ID), Month(in.Created)
	}
	keep := func(field string) bool { return t(field) == policy.Keep }
	if keep("case") && r.record == nil {
		rec.Case = d.Case
	}
	var repl []Replacement
	rec.Title, repl = r.text("title", d.Title, d.Redact, repl)
	rec.Narrative, repl = r.text("narrative", d.Narrative, d.Redact, repl)
	if d.Interview != nil {
		iv := Interview{Language: ifKeep(keep("interview.language"), d.Interview.Language),
			Place: ifKeep(keep("interview.place"), d.Interview.Place), Interviewer: ifKeep(keep("interview.interviewer"), d.Interview.Interviewer)}
		switch t("interview.date") {
		case policy.Keep:
			iv.Date = d.Interview.Date
			if r.record != nil && iv.Date != "" {
				iv.Date = iv.Date[:len("2006-01")] // the testimony's dates are YYYY-MM-DD
			}
		case policy.Generalise:
			iv.Date, _, _ = strings.Cut(d.Interview.Date, "-")
		}
		if iv != (Interview{}) {
			rec.Interview = &iv
		}
	}
	if t("witness.name") != policy.Drop {
		w := r.person("witness", d.Witness, in.WitnessID)
		rec.Witness = &w
	}
	if t("persons.name") != policy.Drop {
		for i, p := range d.Persons {
			rec.Persons = append(rec.Persons, r.person("persons", p, in.PersonIDs[i]))
		}
	}
	if keep("consent") {
		c := d.Consent
		rec.Consent = &c
	}
	rec.Sensitivity = ifKeep(keep("sensitivity"), d.Sensitivity)
	if keep("tags") {
		rec.Tags = d.Tags
	}
	if keep("redact") {
		rec.Redact = d.Redact
	}
	return rec, repl
}

func ifKeep(keep bool, s string) string {
	if keep {
		return s
	}
	return ""
}

func (r *Renderer) person(prefix string, p testimony.Person, id string) Person {
	t := func(f string) string { return r.view.Transform(prefix + "." + f) }
	out := Person{Pseudonym: r.pseudonym(id)}
	if t("name") == policy.Keep {
		out.Name = p.Name
	}
	if t("key") == policy.Keep {
		out.Key = p.Key
	}
	if t("aliases") == policy.Keep {
		out.Aliases = p.Aliases
	}
	switch t("birth_year") {
	case policy.Keep:
		out.BirthYear = p.BirthYear
	case policy.Generalise:
		out.BirthYears = Band(p.BirthYear)
	}
	out.Gender = ifKeep(t("gender") == policy.Keep, p.Gender)
	out.Contact = ifKeep(t("contact") == policy.Keep, p.Contact)
	out.Residence = ifKeep(t("residence") == policy.Keep, p.Residence)
	out.Relation = ifKeep(t("relation") == policy.Keep, p.Relation)
	return out
}

// Band generalises a birth year to the five-year band holding it.
func Band(year int) string {
	if year == 0 {
		return ""
	}
	lo := year - year%5
	return fmt.Sprintf("%d-%d", lo, lo+4)
}

// contactKinds are the identifiers removed by Pseudonymise: they reach a
// person directly.
var contactKinds = map[redact.Kind]bool{
	redact.KindPhone: true, redact.KindEmail: true, redact.KindHandle: true, redact.KindURL: true,
}

// text transforms a free-text field and appends what it replaced.
func (r *Renderer) text(field, s string, phrases []string, repl []Replacement) (string, []Replacement) {
	var spans [][]redact.Span
	switch r.view.Transform(field) {
	case policy.Drop:
		return "", repl
	case policy.Keep:
		return s, repl
	case policy.Pseudonymise:
		var contacts []redact.Span
		for _, sp := range redact.Recognise(s) {
			if contactKinds[sp.Kind] {
				contacts = append(contacts, sp)
			}
		}
		spans = [][]redact.Span{r.personSpans(s), contacts}
	case policy.Redact:
		spans = [][]redact.Span{r.personSpans(s), redact.Phrases(s, phrases), redact.Recognise(s)}
	}
	for _, sp := range redact.Resolve(s, spans...) {
		repl = append(repl, Replacement{Field: field, Kind: sp.Kind, Original: s[sp.Start:sp.End], Replacement: sp.Replacement})
	}
	return redact.Apply(s, spans...), repl
}

func (r *Renderer) personSpans(s string) []redact.Span {
	matches := r.matcher.Find(s)
	spans := make([]redact.Span, len(matches))
	for i, m := range matches {
		rep := "[" + r.pseudonym(m.PersonID) + "]"
		if m.Ambiguous {
			rep = "[PERSON]"
		}
		spans[i] = redact.Span{Start: m.Start, End: m.End, Kind: redact.KindPerson, Replacement: rep}
	}
	return spans
}
