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
// it. A person in the view always carries its pseudonym. A generalised
// birth year is "birth_years": "1980-1984"; a generalised interview date is
// its year. CSVHeader lists the CSV columns; see docs/EXPORT.md.
package view

import (
	"fmt"
	"slices"
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
	keep := func(field string) bool { return t(field) == policy.Keep }
	if keep("case") {
		rec.Case = d.Case
	}
	var repl []Replacement
	phrases := Phrases(d)
	rec.Title, repl = r.text("title", t("title"), d.Title, phrases, repl)
	rec.Narrative, repl = r.text("narrative", t("narrative"), d.Narrative, phrases, repl)
	if d.Interview != nil {
		iv := Interview{Language: ifKeep(keep("interview.language"), d.Interview.Language),
			Place: ifKeep(keep("interview.place"), d.Interview.Place), Interviewer: ifKeep(keep("interview.interviewer"), d.Interview.Interviewer)}
		switch t("interview.date") {
		case policy.Keep:
			iv.Date = d.Interview.Date
		case policy.Generalise:
			iv.Date, _, _ = strings.Cut(d.Interview.Date, "-")
		}
		if iv != (Interview{}) {
			rec.Interview = &iv
		}
	}
	if t("witness.name") != policy.Drop {
		var w Person
		w, repl = r.person("witness", d.Witness, in.WitnessID, phrases, repl)
		rec.Witness = &w
	}
	if t("persons.name") != policy.Drop {
		for i, p := range d.Persons {
			var out Person
			out, repl = r.person(fmt.Sprintf("persons[%d]", i), p, in.PersonIDs[i], phrases, repl)
			rec.Persons = append(rec.Persons, out)
		}
	}
	if keep("consent") {
		c := d.Consent
		rec.Consent = &c
	}
	rec.Sensitivity = ifKeep(keep("sensitivity"), d.Sensitivity)
	if keep("tags") {
		for i, tag := range d.Tags {
			var out string
			out, repl = r.text(fmt.Sprintf("tags[%d]", i), r.freeText("tags"), tag, phrases, repl)
			rec.Tags = append(rec.Tags, out)
		}
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

// person renders person p; field names the person in the replacements
// ("witness", "persons[1]").
func (r *Renderer) person(field string, p testimony.Person, id string, phrases []string, repl []Replacement) (Person, []Replacement) {
	prefix, _, _ := strings.Cut(field, "[")
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
	if t("relation") == policy.Keep {
		out.Relation, repl = r.text(field+".relation", r.freeText(prefix+".relation"), p.Relation, phrases, repl)
	}
	return out, repl
}

// freeText returns the transform of a free-text field that a view keeps
// (relation, tags): the narrative's, when it pseudonymises or redacts, so
// that every field that reaches a reader goes through the same redaction
// as the narrative ("younger sister of Park Minseo").
func (r *Renderer) freeText(field string) string {
	t := r.view.Transform(field)
	if n := r.view.Transform("narrative"); t == policy.Keep && (n == policy.Redact || n == policy.Pseudonymise) {
		return n
	}
	return t
}

// Phrases returns what a redacting view removes from a testimony's free
// text besides names and recognised identifiers: the officer's phrases,
// and the contact and residence of every person as registered, whole
// and, for a residence, each comma-separated part that names an
// administrative unit or holds a number ("Sangdong-ri, Hoeryong":
// "Sangdong-ri"), and each word of a part that is such a unit (회령시
// 상동리: 상동리), so that a narrative quoting them does not give them
// away.
func Phrases(d *testimony.Testimony) []string {
	out := slices.Clone(d.Redact)
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		for _, v := range []string{p.Contact, p.Residence} {
			if strings.TrimSpace(v) != "" {
				out = append(out, v)
			}
		}
		for part := range strings.SplitSeq(p.Residence, ",") {
			if part = strings.TrimSpace(part); part != p.Residence && redact.PlaceLike(part) {
				out = append(out, part)
			}
			// A unit alone ("상동리" of "회령시 상동리"), but no bare
			// number.
			if words := strings.Fields(part); len(words) > 1 {
				for _, w := range words {
					if !strings.ContainsAny(w, "0123456789") && redact.PlaceLike(w) {
						out = append(out, w)
					}
				}
			}
		}
	}
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

// text transforms a free-text field as transform says and appends what it
// replaced.
func (r *Renderer) text(field, transform, s string, phrases []string, repl []Replacement) (string, []Replacement) {
	if s == "" {
		return "", repl
	}
	var spans [][]redact.Span
	switch transform {
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
