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
// either of two persons, or is a family name with a title); redaction also
// replaces the officer's phrases, and the contacts and residences of the
// testimony's persons where the text quotes them (whole, and each part
// that names an administrative unit or holds a number, and in other
// notations: the numbers in words or numerals, a part that identifies,
// as redact.ResidenceSet finds them), the handles
// made of their names or aliases and birth years (crane71), and the
// identifying pieces of every registered person's (names.Person.Values:
// a handle, an e-mail's local part, a phone number, a neighbourhood),
// with "[REDACTED]", and every identifier the redact package recognises,
// in every free-text field of the record wherever it was recognised (a
// handle found after its label in the narrative goes from the tags too,
// as "[REDACTED]"; up to 32 of them); a
// birth year or date given as one ("born in 1974", "born on April 15,
// 1979", "79년생", "aged 56 in 2024"), or a date in a registered birth
// year, becomes a five-year band when the view does not keep birth years
// (births.go). Every
// free-text field goes through the same transform: title by its own, and
// persons' relations and tags, which a view can only keep, by the
// narrative's when it pseudonymises or redacts. Fields the view drops are
// absent from the output, not empty.
//
// # Cost
//
// Free text is redacted 256 KiB at a time (see text), so a view of a
// 15 MiB narrative needs the text, the view and a working set of a few
// MiB: BenchmarkRenderMemory in docs/BENCHMARKS.md. Render also lists
// the replacements, each distinct one once and at most MaxListed: readers'
// views come from View.
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
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

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

// NewRenderer returns a renderer for the view called name. m finds every
// registered person in free text (a matcher over the whole registry,
// which callers build once and share: building one costs seconds for
// 100,000 persons); pseudonym maps a person ID to its pseudonym in the
// export's domain.
func NewRenderer(name string, v policy.View, m *names.Matcher, pseudonym func(personID string) string) *Renderer {
	return &Renderer{name: name, view: v, matcher: m, pseudonym: pseudonym}
}

// Replacement is a change a view made to free text: Count times, the
// same find in the same field, replaced alike.
type Replacement struct {
	Field       string      `json:"field"`
	Kind        redact.Kind `json:"kind"`
	Original    string      `json:"original"`
	Replacement string      `json:"replacement"`
	Count       int         `json:"count"`
}

// MaxListed is the most replacements Render lists: an officer reads the
// list, and a text made of names would otherwise list millions.
const MaxListed = 10000

// Render returns in's testimony in the renderer's view, and the
// replacements made in its free text, for an officer to review: each
// distinct one once, with its count, in the order they first occur, at
// most MaxListed; unlisted counts the replacements made beyond those.
func (r *Renderer) Render(in Input) (rec *Record, repl []Replacement, unlisted int) {
	st := &state{Renderer: r, listed: map[Replacement]int{}}
	rec = st.render(in)
	return rec, st.repl, st.unlisted
}

// View returns in's testimony in the renderer's view, as Render does, but
// without listing the replacements: what a reader of the view gets. Its
// memory is the record, the view and a working set of a few MiB,
// whatever the text (see text).
func (r *Renderer) View(in Input) *Record {
	st := &state{Renderer: r}
	return st.render(in)
}

// state is one rendering.
type state struct {
	*Renderer
	// phrases are the record's phrases to hide (phrasesOf); lookup, if
	// set, gives instead those that may be in a text (the audit screen's
	// phrases of every registered value: Screener.phrasesIn).
	phrases []string
	lookup  func(s string) []string
	// idents are the identifiers recognised anywhere in the record
	// (recordIdentifiers), hidden in every field; recognised holds what
	// the recognisers found in each text that text reads (a field, a
	// narrative's segment), so that they run once per text.
	idents     []string
	recognised map[string][]redact.Span
	// phraseSet and identSet are phrases and idents made ready to find,
	// at the first field that needs them (phrasesIn, identsIn): once a
	// view, not once a field.
	phraseSet, identSet *redact.PhraseSet
	// numbers are the persons' registered contacts, found as phone
	// numbers in any grouping (redact.Numbers); numberSet is their set,
	// made at the first field that needs it (numbersIn); residences
	// their residences and contacts in any notation (redact.ResidenceSet).
	numbers    []string
	numberSet  *redact.NumberSet
	residences *redact.ResidenceSet
	// numbersNamed reports registered numbers as KindPhrase, not
	// KindPhone: the audit screen's, whose answer must not tell that a
	// number is registered by naming it a phone where none was seen.
	numbersNamed bool
	// listed, if not nil, maps each replacement listed in repl, without
	// its count, to its index there; unlisted counts those beyond.
	listed   map[Replacement]int
	repl     []Replacement
	unlisted int
	labels   map[string]string
	// births maps the registered birth years of the testimony's persons
	// whose view generalises them to their band; bandBirths says the view
	// generalises some birth year, so that free text gives none exactly
	// (births.go).
	births     map[string]string
	bandBirths bool
	// evident are the persons the record is known to name (evidence);
	// found holds, by text, what the name matcher found in each text
	// evidence read, if that was with evident as it is: personSpans takes
	// it from there, not finding the names a second time.
	evident map[string]bool
	found   map[string][]names.Match
	// parts are the name parts of the record's persons a handle is made
	// of (nameParts), made at the first handle-shaped token of the
	// record (partsOf); in is the record.
	parts map[string]string
	in    Input
	// ruleSets and out are working slices of banded and text, one for
	// all the view's fields.
	ruleSets [][]redact.Span
	out      []byte
}

// partsOf returns the name parts of the record's persons.
func (r *state) partsOf() map[string]string {
	if r.parts == nil {
		r.parts = nameParts(r.in)
	}
	return r.parts
}

func (r *state) render(in Input) *Record {
	d, t := in.Doc, r.view.Transform
	rec := &Record{ID: in.ID, View: r.name, Created: in.Created}
	if r.record != nil {
		rec.ID, rec.Created = r.record(in.ID), Month(in.Created)
	}
	keep := func(field string) bool { return t(field) == policy.Keep }
	if keep("case") && r.record == nil {
		rec.Case = d.Case
	}
	r.idents, r.recognised = recordIdentifiers(d)
	r.evident, r.found = r.evidence(in)
	r.phrases = phrasesOf(d)
	r.parts, r.in = nil, in
	var values []string
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		if p.Contact != "" {
			r.numbers = append(r.numbers, p.Contact)
		}
		values = append(values, p.Residence, p.Contact)
	}
	r.residences = redact.NewResidenceSet(values)
	for i, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		field := "persons.birth_year"
		if i == 0 {
			field = "witness.birth_year"
		}
		r.bandBirths = r.bandBirths || t(field) != policy.Keep
		if p.BirthYear != 0 && t(field) != policy.Keep {
			if r.births == nil {
				r.births = map[string]string{}
			}
			r.births[fmt.Sprint(p.BirthYear)] = Band(p.BirthYear)
		}
	}
	rec.Title = r.text("title", t("title"), d.Title)
	rec.Narrative = r.text("narrative", t("narrative"), d.Narrative)
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
			rec.Persons = append(rec.Persons, r.person(fmt.Sprintf("persons[%d]", i), p, in.PersonIDs[i]))
		}
	}
	if keep("consent") {
		c := d.Consent
		rec.Consent = &c
	}
	rec.Sensitivity = ifKeep(keep("sensitivity"), d.Sensitivity)
	if keep("tags") {
		for i, tag := range d.Tags {
			rec.Tags = append(rec.Tags, r.text(fmt.Sprintf("tags[%d]", i), r.freeText("tags"), tag))
		}
	}
	if keep("redact") {
		rec.Redact = d.Redact
	}
	return rec
}

func ifKeep(keep bool, s string) string {
	if keep {
		return s
	}
	return ""
}

// person renders person p; field names the person in the replacements
// ("witness", "persons[1]").
func (r *state) person(field string, p testimony.Person, id string) Person {
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
		transform := r.freeText(prefix + ".relation")
		out.Relation = r.text(field+".relation", transform, p.Relation)
		if transform == policy.Redact || transform == policy.Pseudonymise {
			out.Relation = r.hideRoles(field+".relation", out.Relation)
		}
	}
	return out
}

// hideRoles replaces in a person's relation, as a view shows it, every
// phrase that may name a role one person holds (PossibleRoles: "police
// [P], 河南派出所所长" is "police [P], [REDACTED]"): the relation is the
// record's own account of who the person is, and with the unit it names
// the role names them as surely as a name. The narrative keeps such
// phrases, which redact check lists for the officer (r17d).
func (r *state) hideRoles(field, s string) string {
	l := phraseList{max: 8, seen: map[string]bool{}}
	scanRoles(&l, s, true)
	for _, ph := range l.out {
		if !strings.Contains(s, ph) {
			continue // hidden with an earlier, longer one
		}
		s = strings.ReplaceAll(s, ph, redact.PhraseReplacement)
		if r.listed != nil {
			r.list(Replacement{Field: field, Kind: redact.KindPhrase, Original: ph, Replacement: redact.PhraseReplacement})
		}
	}
	return s
}

// freeText returns the transform of a free-text field that a view keeps
// (relation, tags): the narrative's, when it pseudonymises or redacts, so
// that every field that reaches a reader goes through the same redaction
// as the narrative ("younger sister of Park Minseo").
func (r *state) freeText(field string) string {
	t := r.view.Transform(field)
	if n := r.view.Transform("narrative"); t == policy.Keep && (n == policy.Redact || n == policy.Pseudonymise) {
		return n
	}
	return t
}

// phrasesOf returns what a redacting view removes from a testimony's free
// text besides names and recognised identifiers: the officer's phrases in
// their other forms (redact.OfficerPhrases) and their words in the other
// script (names.Spellings: 룡성 for the distinctive Ryongsong, Onsong
// for 온성 of 온성 여자 중학교),
// and the phrases of the contact and residence of every person as
// registered (valuePhrases), so that a narrative quoting them does not
// give them away; and the handles made of a person's name and birth year
// (yearHandles).
func phrasesOf(d *testimony.Testimony) []string {
	out := redact.OfficerPhrases(d.Redact)
	// A phrase's distinctive words and its Hangul words in the other
	// script: 룡성 for Ryongsong, Onsong for 온성.
	for _, p := range slices.Concat(out, d.Redact) {
		for _, w := range strings.Fields(p) {
			if w == p || !isLatin(w) {
				out = append(out, names.Spellings(w)...)
			}
		}
	}
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		out = append(out, yearHandles(p)...)
		out = append(out, valuePhrases(p.Contact)...)
		out = append(out, valuePhrases(p.Residence)...)
		for part := range strings.SplitSeq(p.Residence, ",") {
			out = append(out, houseInWords(part)...)
		}
	}
	return out
}

// valuePhrases returns the phrases a view hides of a registered value (a
// contact or a residence): the value whole, each comma-separated part of
// it that names an administrative unit or holds a number ("Sangdong-ri,
// Hoeryong": "Sangdong-ri"), each word of a part that is such a unit
// (회령시 상동리: 상동리) with its romanisations, and each Chinese village
// (东盛涌镇仁化村: 仁化村).
func valuePhrases(v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	out := []string{v}
	for part := range strings.SplitSeq(v, ",") {
		part = strings.TrimSpace(part)
		if name := viUnitName(part); name != "" {
			// A Vietnamese commune or district, and its name alone:
			// "Ky Son commune", "quê ở Kỳ Sơn" (Phrases folds the marks).
			out = append(out, part, name)
			continue
		}
		if part != v && redact.PlaceLike(part) {
			out = append(out, part)
		}
		// A Chinese village alone (仁化村 of 东盛涌镇仁化村), as a Korean 리.
		out = append(out, redact.HanVillages(part)...)
		// A unit alone ("상동리" of "회령시 상동리"), but no bare
		// number.
		if words := strings.Fields(part); len(words) > 1 {
			for _, w := range words {
				if !strings.ContainsAny(w, "0123456789") && redact.PlaceLike(w) {
					// And romanised (포태동: Potae-dong, Pothae-dong,
					// P'ot'ae-dong; see redact.Phrases).
					out = append(append(out, w), names.Spellings(w)...)
				}
			}
		}
	}
	return out
}

// houseInWords returns a street's name with its house number read in
// Spanish words, as a witness says it ("Insurgentes Sur mil doscientos
// treinta y cuatro" for "Calle Insurgentes Sur 1234"): the name's last
// words, two or more (all if fewer; the name alone after a street type,
// "Juárez cuatrocientos dieciocho" for "Calle Juárez 418"), then the
// number of up to four digits that follows them. A view looks up its record's residences, the
// audit screen every registered one.
func houseInWords(part string) []string {
	words := strings.Fields(part)
	name := 0 // where the name starts, after a street type
	if len(words) > 0 && slices.Contains(streetTypes, strings.ToLower(words[0])) {
		name = 1
	}
	var out []string
	for i, w := range words {
		n, err := strconv.Atoi(w)
		if err != nil || len(w) > 4 || n == 0 || i == 0 || !isLatin(words[i-1]) {
			continue
		}
		if i+1 < len(words) && colombianSign(words[i+1]) {
			// Colombian notation: the number names the street (Carrera 7
			// # 45-12), and "la Carrera 7" is the street alone.
			continue
		}
		spoken := spanishNumber(n)
		for a := 0; a < i && (i-a >= 2 || a == 0 || a == name); a++ {
			out = append(out, strings.Join(words[a:i], " ")+" "+spoken)
		}
	}
	return out
}

// colombianSign reports whether w is the "#" or "No." of Colombian
// notation after a street's number.
func colombianSign(w string) bool {
	w = strings.ToLower(w)
	return strings.HasPrefix(w, "#") || w == "no." || w == "no" || w == "n°" || w == "nº"
}

// streetTypes are the Spanish words of a street's type before its name.
var streetTypes = []string{"calle", "c/", "avenida", "av.", "avda.", "paseo", "plaza", "calzada", "carrera", "camino", "carretera", "bulevar", "boulevard", "blvd."}

// spanishNumber returns n, 1 to 9999, in Spanish words.
func spanishNumber(n int) string {
	units := []string{"", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
		"trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós",
		"veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"}
	tens := []string{"", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"}
	hundreds := []string{"", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos",
		"ochocientos", "novecientos"}
	var parts []string
	switch t := n / 1000; {
	case t == 1:
		parts = append(parts, "mil")
	case t > 1:
		parts = append(parts, units[t], "mil")
	}
	switch h := n / 100 % 10; {
	case n%1000 == 100:
		parts = append(parts, "cien")
	case h > 0:
		parts = append(parts, hundreds[h])
	}
	switch r := n % 100; {
	case r >= 30 && r%10 == 0:
		parts = append(parts, tens[r/10])
	case r >= 30:
		parts = append(parts, tens[r/10], "y", units[r%10])
	case r > 0:
		parts = append(parts, units[r])
	}
	return strings.Join(parts, " ")
}

// viUnits are the Vietnamese words of administrative units a place's
// name follows (xã Kỳ Sơn, huyện Tân Kỳ), with or without their marks.
var viUnits = []string{"thị xã", "thị trấn", "thành phố", "xã", "huyện", "tỉnh", "thôn", "xóm", "phường", "quận", "ấp", "bản",
	"thi xa", "thi tran", "thanh pho", "xa", "huyen", "tinh", "thon", "xom", "phuong", "quan"}

// viUnitName returns the name in part after a Vietnamese unit word
// (Kỳ Sơn of "xã Kỳ Sơn"), when it has two syllables or more: a single
// one is an everyday word or a given name too (Sơn, Hà); "" otherwise.
func viUnitName(part string) string {
	words := strings.Fields(part)
	for _, u := range viUnits {
		n := strings.Count(u, " ") + 1
		if len(words)-n >= 2 && strings.EqualFold(strings.Join(words[:n], " "), u) {
			return strings.Join(words[n:], " ")
		}
	}
	return ""
}

// isLatin reports whether w starts with an ASCII letter.
func isLatin(w string) bool { return w != "" && ('a' <= w[0]|0x20 && w[0]|0x20 <= 'z') }

// yearHandles returns the handles people make of a name or alias and
// their birth year (crane71, heronwing_81, jiwon1981 for a person born in
// 1981), for a person with a birth year: each alias and each part of the
// name of three Latin letters or more, hyphens dropped, with the year's
// last two digits or all four, joined or after "_" or "." (Phrases finds
// them apart or hyphenated too).
func yearHandles(p testimony.Person) []string {
	if p.BirthYear < 1000 || p.BirthYear > 9999 {
		return nil
	}
	y := strconv.Itoa(p.BirthYear)
	var out []string
	for _, w := range append(strings.Fields(p.Name), p.Aliases...) {
		w = strings.ReplaceAll(w, "-", "")
		if len(w) < 3 || strings.IndexFunc(w, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) >= 0 {
			continue
		}
		for _, n := range []string{y[2:], y} {
			out = append(out, w+" "+n, w+"_"+n, w+"."+n)
		}
	}
	return out
}

// identifierKinds are the recognised identifiers that name one person
// or thing wherever they appear: found in one field of a record, they are
// removed from every field of it.
var identifierKinds = map[redact.Kind]bool{
	redact.KindPhone: true, redact.KindEmail: true, redact.KindHandle: true, redact.KindURL: true,
	redact.KindNationalID: true, redact.KindPassport: true, redact.KindIDNumber: true, redact.KindPlate: true,
	redact.KindIP: true,
}

// Identifiers collected from a record to remove everywhere in it: at most
// maxIdentifiers, each of 4 to 128 bytes, so that searching every field
// for them stays linear in the record's size.
const (
	maxIdentifiers = 32
	minIdentifier  = 4
	maxIdentifier  = 128
)

// recordIdentifiers returns the identifiers recognised in any free-text
// field of d, in all their forms (identifierForms): a handle recognised
// after its label in the narrative ("line id: dhjeon88", "텔레그램
// @hansj0314") is then found alone in a tag ("dhjeon88", "hansj0314").
// It also returns the spans recognised in each text that text reads (a
// field whole, or a segment of a long one with its context), by the
// text, so that the recognisers run once per text: a long field's
// segments while their spans take no more bytes than the segments read
// (a text dense with identifiers is recognised again as text reads it,
// to bound memory).
func recordIdentifiers(d *testimony.Testimony) (out []string, recognised map[string][]redact.Span) {
	seen := map[string]bool{}
	recognised = map[string][]redact.Span{}
	read, kept := 0, 0 // bytes of long fields' segments read, and of their spans kept
	eachText(d, func(s string, from int) {
		spans := redact.Recognise(s)
		if len(s) <= segment+overlap {
			recognised[s] = spans
		} else if read += len(s); kept+len(spans)*int(unsafe.Sizeof(redact.Span{})) <= read {
			recognised[s] = spans
			kept += len(spans) * int(unsafe.Sizeof(redact.Span{}))
		}
		for _, sp := range spans {
			if sp.End <= from || !identifierKinds[sp.Kind] {
				continue // in the context, taken with the segment before
			}
			for _, v := range identifierForms(sp.Kind, s[sp.Start:sp.End]) {
				if len(v) >= minIdentifier && len(v) <= maxIdentifier && !seen[v] && len(out) < maxIdentifiers {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	})
	return out, recognised
}

// identifierForms returns an identifier as recognised and in the other
// forms a field may write it (a form is found inside a longer one too:
// hansj0314 in @hansj0314 and #hansj0314): a handle without its sigil
// (hansj0314 for @hansj0314); an e-mail address without
// "mailto:" and its local part when it mixes letters and digits, as
// handles do (hansj0314 for hansj0314@example.org); a URL without its
// scheme and its last path segment when it mixes letters and digits
// (t.me/hansj0314); a Korean number in its international form
// (+82 10-7788-1234) also in its domestic one (010-7788-1234).
func identifierForms(kind redact.Kind, v string) []string {
	out := []string{v}
	switch kind {
	case redact.KindHandle:
		if bare := strings.TrimLeft(v, "@"); bare != v {
			out = append(out, bare)
		}
	case redact.KindEmail:
		addr := v
		if len(addr) > len("mailto:") && strings.EqualFold(addr[:len("mailto:")], "mailto:") {
			addr = addr[len("mailto:"):]
			out = append(out, addr)
		}
		if local, _, ok := strings.Cut(addr, "@"); ok && mixed(local) {
			out = append(out, local)
		}
	case redact.KindURL:
		rest := v
		if _, after, ok := strings.Cut(v, "://"); ok {
			rest = after
			out = append(out, rest)
		}
		if i := strings.LastIndexByte(strings.TrimRight(rest, "/"), '/'); i >= 0 {
			if seg := strings.TrimRight(rest, "/")[i+1:]; mixed(seg) {
				out = append(out, seg)
			}
		}
	case redact.KindPhone:
		if n, ok := strings.CutPrefix(v, "+82"); ok {
			n = strings.TrimLeft(n, " -.")
			n = strings.TrimPrefix(n, "(0)")
			if n != "" && n[0] != '0' {
				out = append(out, "0"+n)
			}
		}
	}
	return out
}

// mixed reports whether s holds both an ASCII letter and an ASCII digit
// and nothing but letters, digits, dots, dashes and underscores: the
// shape of a handle.
func mixed(s string) bool {
	letter, digit := false, false
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9':
			digit = true
		case c == '.', c == '-', c == '_':
		default:
			return false
		}
	}
	return letter && digit
}

// evidence returns the persons the record is known to name, for the
// person-evidence rule (names.Matcher.FindEvident): its witness and
// persons, and, if that can matter, every person found by name in any
// of its free-text fields. If that finds no one else, what it found in
// a field is what FindEvident finds there with the set returned, and the
// second return holds it by text for the fields read whole (not a long
// one's segments, which text reads with other context); else it is nil.
func (r *state) evidence(in Input) (map[string]bool, map[string][]names.Match) {
	ev := map[string]bool{in.WitnessID: true}
	for _, id := range in.PersonIDs {
		ev[id] = true
	}
	if !r.matcher.NeedsEvidence(ev) {
		return ev, nil
	}
	// Found with the record's own persons as evidence, so that a short
	// form of one of them is not taken for a stranger of that name
	// (names.Matcher.FindEvident: la Yesi in a record of Yesenia).
	own := maps.Clone(ev)
	found := map[string][]names.Match{}
	eachText(in.Doc, func(s string, from int) {
		matches := r.matcher.FindEvident(s[from:], own)
		if len(s) <= segment+overlap {
			found[s] = matches
		}
		for _, m := range matches {
			if !m.Ambiguous && !m.Value {
				ev[m.PersonID] = true
			}
		}
	})
	if len(ev) > len(own) {
		return ev, nil // found again with the grown set
	}
	return ev, found
}

// eachText calls f with every free-text field of d: whole (from 0) if
// no longer than a segment and its overlap, else in the segments text
// reads, each with its context before it, from being where the segment
// proper starts in what f is given.
func eachText(d *testimony.Testimony, f func(s string, from int)) {
	field := func(s string) {
		if len(s) <= segment+overlap {
			f(s, 0)
			return
		}
		for a := 0; a < len(s); {
			lo, cut, end := segmentAt(s, a)
			f(s[lo:end], a-lo)
			a = cut
		}
	}
	field(d.Title)
	for _, tag := range d.Tags {
		field(tag)
	}
	for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		field(p.Relation)
	}
	field(d.Narrative)
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

// Free text is redacted in segments of about segment bytes, each seen with
// context bytes before it and overlap bytes after it, so that the working
// set stays bounded whatever the size of the text: a span is taken from
// the segment it starts in, whole if it is shorter than overlap. Segments
// end after white space where there is some.
const (
	segment = 256 << 10
	overlap = 64 << 10
	context = 1 << 10
)

// text transforms a free-text field as transform says and lists what it
// replaced, if the state collects replacements.
func (r *state) text(field, transform, s string) string {
	switch {
	case s == "" || transform == policy.Drop:
		return ""
	case transform == policy.Keep:
		return s
	}
	// The view is written into one buffer sized, at the first segment that
	// replaces something, by that segment's growth and at least the size
	// of the text and a little more. If replacements make it longer still
	// (short names replaced by long pseudonyms), it moves once to a buffer
	// sized by the growth so far: a buffer grown by doubling would hold up
	// to three times the view, one joined from pieces twice, and one sized
	// by the text alone would be held with the one it moves to.
	out := new(strings.Builder)
	b := r.out        // a segment's output
	replaced := false // out holds the view up to a
	// Segments start where the one before was cut, whatever its spans
	// took, as eachText reads them, so that recordIdentifiers' spans serve.
	a, next := 0, 0
	for a < len(s) {
		from := a
		lo, cut, end := segmentAt(s, next)
		next = cut
		b = b[:0]
		took := false
		for _, sp := range r.spans(transform, s[lo:end]) {
			start, stop := lo+sp.Start, lo+sp.End
			if stop <= a {
				continue // in the context, or taken with the segment before
			}
			if start >= cut {
				break
			}
			// A span that starts before a reaches past the spans already
			// taken: its rest is replaced too.
			start = max(start, a)
			b = append(append(b, s[a:start]...), sp.Replacement...)
			a, took = stop, true
			if r.listed != nil {
				r.list(Replacement{Field: field, Kind: sp.Kind, Original: s[start:stop], Replacement: sp.Replacement})
			}
		}
		if !replaced && !took {
			a = cut
			continue // the view is still the text
		}
		if a < cut {
			b = append(b, s[a:cut]...)
			a = cut
		}
		switch {
		case !replaced:
			replaced = true
			out.Grow(max(len(s)+len(s)/16, from+grownTo(len(b), a-from, len(s)-from)))
			out.WriteString(s[:from])
		case out.Len()+len(b) > out.Cap():
			grown := new(strings.Builder)
			grown.Grow(grownTo(out.Len()+len(b), a, len(s)) + len(b))
			grown.WriteString(out.String())
			out = grown
		}
		out.Write(b)
	}
	r.out = b[:0]
	if !replaced {
		return s
	}
	return out.String()
}

// grownTo returns the bytes of view that n bytes of text would make if
// all of it grew as the part read so far did, into made bytes from read,
// and 5% more.
func grownTo(made, read, n int) int {
	return int(float64(made) / float64(read) * float64(n) * 1.05)
}

// list counts replacement x, which has no count, in the list.
func (r *state) list(x Replacement) {
	if i, ok := r.listed[x]; ok {
		r.repl[i].Count++
		return
	}
	if len(r.repl) == MaxListed {
		r.unlisted++
		return
	}
	r.listed[x] = len(r.repl)
	x.Count = 1
	r.repl = append(r.repl, x)
}

// segmentAt returns the segment of s that text reads from a: the spans
// starting before cut are taken from s[lo:end], which starts context
// bytes before a (at a rune start) and ends overlap bytes after cut, or
// at the end of s when no more than a segment and its overlap are left.
func segmentAt(s string, a int) (lo, cut, end int) {
	cut, end = len(s), len(s)
	if len(s)-a > segment+overlap {
		cut, end = cutAt(s, a+segment), cutAt(s, a+segment+overlap)
	}
	lo = max(0, a-context)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	return lo, cut, end
}

// cutAt returns the offset after the first white space at or after i in s,
// within 4 KiB, or failing that the first rune start at or after i.
func cutAt(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for k := i; k < len(s) && k < i+4096; k++ {
		if c := s[k]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			return k + 1
		}
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// spans returns the merged spans a transform replaces in s.
func (r *state) spans(transform, s string) []redact.Span {
	if transform == policy.Pseudonymise {
		var contacts []redact.Span
		for _, sp := range r.recognise(s) {
			if contactKinds[sp.Kind] {
				contacts = append(contacts, sp)
			}
		}
		return redact.Resolve(s, r.personSpans(s), contacts, r.numbersIn(s))
	}
	recognised := r.recognise(s)
	var phrases []redact.Span
	if r.lookup != nil {
		phrases = redact.Phrases(s, r.lookup(s)) // the screen's, by text
	} else {
		phrases = r.phrasesIn(s)
	}
	spans := redact.Resolve(s, r.personSpans(s), phrases, recognised, r.elsewhere(s, recognised), r.numbersIn(s),
		r.residences.Find(s))
	if !r.bandBirths {
		return spans
	}
	return r.banded(s, spans)
}

// numbersIn returns the spans of the persons' registered contacts in s
// (redact.Numbers), with their set made once a view, not once a field.
func (r *state) numbersIn(s string) []redact.Span {
	if r.numberSet == nil {
		r.numberSet = redact.NewNumberSet(r.numbers)
	}
	spans := r.numberSet.Find(s)
	if r.numbersNamed {
		for i := range spans {
			spans[i].Kind, spans[i].Replacement = redact.KindPhrase, redact.PhraseReplacement
		}
	}
	return spans
}

// phrasesIn returns the spans of the record's phrases in s
// (redact.Phrases), with their set made once a view.
func (r *state) phrasesIn(s string) []redact.Span {
	if r.phraseSet == nil {
		r.phraseSet = redact.NewPhraseSet(r.phrases)
	}
	return r.phraseSet.Find(s)
}

// identsIn returns the spans of the record's identifiers in s, as
// phrases (redact.Phrases), with their set made once a view.
func (r *state) identsIn(s string) []redact.Span {
	if r.identSet == nil {
		r.identSet = redact.NewPhraseSet(r.idents)
	}
	return r.identSet.Find(s)
}

// recognise returns the spans the recognisers find in s, found once per
// text where recordIdentifiers kept them.
func (r *state) recognise(s string) []redact.Span {
	if spans, ok := r.recognised[s]; ok {
		return spans
	}
	return redact.Recognise(s)
}

// elsewhere returns the spans of the record's identifiers in s that the
// recognisers did not find here, so that where they did, the span keeps
// its kind ([PHONE], not [REDACTED]).
func (r *state) elsewhere(s string, recognised []redact.Span) []redact.Span {
	// Both lists are sorted by start: one walk.
	var out []redact.Span
	k := 0
	for _, sp := range r.identsIn(s) {
		for k < len(recognised) && recognised[k].Start < sp.Start {
			k++
		}
		if k < len(recognised) && recognised[k].Start == sp.Start && recognised[k].End == sp.End {
			continue
		}
		out = append(out, sp)
	}
	return out
}

func (r *state) personSpans(s string) []redact.Span {
	matches, ok := r.found[s]
	if !ok {
		matches = r.matcher.FindEvident(s, r.evident)
	}
	spans := make([]redact.Span, len(matches))
	for i, m := range matches {
		if m.Value {
			// A registered contact or residence: hidden, not attributed.
			spans[i] = redact.Span{Start: m.Start, End: m.End, Kind: redact.KindPhrase, Replacement: redact.PhraseReplacement}
			continue
		}
		rep := "[PERSON]"
		if !m.Ambiguous {
			rep = r.label(m.PersonID)
		}
		a, b := handleAround(s, m.Start, m.End)
		spans[i] = redact.Span{Start: a, End: b, Kind: redact.KindPerson, Replacement: rep}
	}
	for _, h := range partHandles(s, r.partsOf) {
		rep := "[PERSON]"
		if h.id != "" {
			rep = r.label(h.id)
		}
		spans = append(spans, redact.Span{Start: h.start, End: h.end, Kind: redact.KindPerson, Replacement: rep})
	}
	return spans
}

// label returns the replacement of a mention of person id: its
// pseudonym, the same in every field of the record.
func (r *state) label(id string) string {
	if r.labels == nil {
		r.labels = map[string]string{}
	}
	rep := r.labels[id]
	if rep == "" {
		rep = "[" + r.pseudonym(id) + "]"
		r.labels[id] = rep
	}
	return rep
}
