package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// The person registry (its store keys are in schema.go). A person ID is 16 random bytes in hex. Merging a person into another
// marks it MergedInto; links and keys resolve through that mark, so the
// testimonies of a merged person follow the one kept.

// person is a registered person as stored (sealed JSON).
type person struct {
	ID         string    `json:"id"`
	Key        string    `json:"key"`
	Name       string    `json:"name"`
	Aliases    []string  `json:"aliases,omitempty"`
	BirthYear  int       `json:"birth_year,omitempty"`
	Gender     string    `json:"gender,omitempty"`
	Contact    string    `json:"contact,omitempty"`
	Residence  string    `json:"residence,omitempty"`
	MergedKeys []string  `json:"merged_keys,omitempty"`
	MergedInto string    `json:"merged_into,omitempty"`
	Created    time.Time `json:"created"`
	// PastNames, PastContacts and PastResidences are what an edit, an
	// import or a merge replaced: views go on hiding them wherever a
	// testimony quotes them.
	PastNames      []string `json:"past_names,omitempty"`
	PastContacts   []string `json:"past_contacts,omitempty"`
	PastResidences []string `json:"past_residences,omitempty"`
}

// Bounds of a registered person's lists, in entries. Every testimony,
// edit and merge may add to them, and each entry is a name or value the
// matcher of every view holds: unbounded, one person could grow the
// registry without end. Aliases are bounded as a testimony's person is
// (32), so that every person stays editable as a form; the past names,
// contacts and residences kept for views to hide are 64 each, far above
// the corpus (2 aliases, one contact a person). Every merge adds at
// least one key to the kept person's merged keys, which every later
// merge, search and read of that person carries: 256, far above any
// person registered under as many keys by mistake. A write that would take
// a list over its bound is refused with a *testimony.LimitError naming
// it, before anything is written: nothing a testimony says of a person
// is dropped silently. A list stored over its bound before it existed
// is served, and refused only if it would grow.
const (
	maxPersonAliases = testimony.MaxAliases
	maxPersonPast    = 64
	maxPersonMerged  = 256
)

// boundedList is one of a person's bounded lists: its field in the
// stored person, the field of a testimony's person that adds to it, its
// entries and its bound.
type boundedList struct {
	field, from string
	entries     []string
	max         int
}

// lists returns p's bounded lists.
func (p *person) lists() []boundedList {
	return []boundedList{
		{"aliases", "aliases", p.Aliases, maxPersonAliases},
		{"past_names", "name", p.PastNames, maxPersonPast},
		{"past_contacts", "contact", p.PastContacts, maxPersonPast},
		{"past_residences", "residence", p.PastResidences, maxPersonPast},
		{"merged_keys", "", p.MergedKeys, maxPersonMerged}, // only a merge adds to it
	}
}

// sizes returns the number of entries of each of p's bounded lists.
func (p *person) sizes() []int {
	var n []int
	for _, l := range p.lists() {
		n = append(n, len(l.entries))
	}
	return n
}

// overBound returns the first of p's bounded lists that grew over its
// bound since it had the sizes was, and its error; nil if none did.
func (p *person) overBound(was []int) (*boundedList, error) {
	for i, l := range p.lists() {
		if n := len(l.entries); n > l.max && n > was[i] {
			return &l, fmt.Errorf("the registered person's %s: %w", l.field, &testimony.LimitError{Limit: l.max, Size: n, Entries: true})
		}
	}
	return nil, nil
}

// withPseudonyms returns persons as officers see them, each with its
// default-domain pseudonym, which is derived and never stored.
func (v *Vault) withPseudonyms(ps ...*person) []*service.Person {
	pz := v.pseudonymizer("")
	out := make([]*service.Person, len(ps))
	for i, p := range ps {
		out[i] = &service.Person{ID: p.ID, Key: p.Key, Name: p.Name, Aliases: p.Aliases, BirthYear: p.BirthYear,
			Gender: p.Gender, Contact: p.Contact, Residence: p.Residence, MergedKeys: p.MergedKeys,
			MergedInto: p.MergedInto, Created: p.Created, PastNames: p.PastNames, PastContacts: p.PastContacts,
			PastResidences: p.PastResidences, Pseudonym: pz.Of(p.ID)}
	}
	return out
}

// personLink ties a record to a person it names.
type personLink struct {
	PersonID string `json:"person"`
	Witness  bool   `json:"witness,omitempty"`
}

// normaliseWitnessKey makes " w-0031" and "W-0031" the same key: officers
// type them by hand.
func normaliseWitnessKey(k string) string {
	return strings.ToUpper(strings.TrimSpace(k))
}

// putJSON stores val as JSON under key; the store seals it.
func putJSON(tx store.Tx, key []byte, val any) error {
	data, err := json.Marshal(val)
	if err != nil {
		return err
	}
	return tx.Set(key, data)
}

// getJSON reads the JSON value under key into val. A value that opened
// (it is the vault's own) yet does not decode is corrupt all the same.
func getJSON(tx store.ReadTx, key []byte, val any) error {
	data, err := tx.Get(key)
	if err != nil {
		return err
	}
	return decodeJSON(key, data, val)
}

// decodeJSON decodes data, the value of key, into val; a value that does
// not decode is corrupt.
func decodeJSON(key, data []byte, val any) error {
	if err := json.Unmarshal(data, val); err != nil {
		return fmt.Errorf("%w: %s: %v", store.ErrCorrupt, bytes.SplitN(key, []byte("/"), 2)[0], err)
	}
	return nil
}

func (v *Vault) readPerson(tx store.ReadTx, id string) (*person, error) {
	var p person
	if err := readPersonInto(tx, id, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// readPersonInto decodes person id into p, a *person or a *personMark.
func readPersonInto(tx store.ReadTx, id string, p any) error {
	err := getJSON(tx, personKey(id), p)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: dangling person link", store.ErrCorrupt)
	}
	return err
}

// personMark is what following merges needs of a stored person: decoding
// it leaves the names and the rest undecoded.
type personMark struct {
	ID         string `json:"id"`
	MergedInto string `json:"merged_into,omitempty"`
}

// resolve follows merges to the person that is kept.
func (v *Vault) resolve(tx store.ReadTx, id string) (*person, error) {
	return resolveAs(tx, id, func(p *person) string { return p.MergedInto })
}

// resolveID is resolve for the kept person's ID alone.
func (v *Vault) resolveID(tx store.ReadTx, id string) (string, error) {
	p, err := resolveAs(tx, id, func(p *personMark) string { return p.MergedInto })
	if err != nil {
		return "", err
	}
	return p.ID, nil
}

// resolveAs reads person id as a P, and then each person it was merged
// into, until one that was not, which it returns.
func resolveAs[P any](tx store.ReadTx, id string, mergedInto func(*P) string) (*P, error) {
	for range 64 {
		p := new(P)
		if err := readPersonInto(tx, id, p); err != nil {
			return nil, err
		}
		if id = mergedInto(p); id == "" {
			return p, nil
		}
	}
	return nil, fmt.Errorf("%w: merge chain too long", store.ErrCorrupt)
}

func (v *Vault) personByKey(tx store.ReadTx, witnessKey string) (*person, error) {
	id, err := v.indexedPersonOf(tx, witnessKey)
	if err != nil {
		return nil, err
	}
	return v.resolve(tx, id)
}

// personIDByKey is personByKey for the person's ID alone (resolveID).
func (v *Vault) personIDByKey(tx store.ReadTx, witnessKey string) (string, error) {
	id, err := v.indexedPersonOf(tx, witnessKey)
	if err != nil {
		return "", err
	}
	return v.resolveID(tx, id)
}

// indexedPersonOf is indexedPerson with a key the index lacks reported
// as service.ErrNoPerson.
func (v *Vault) indexedPersonOf(tx store.ReadTx, witnessKey string) (string, error) {
	id, err := v.indexedPerson(tx, witnessKey)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("witness key %q: %w", witnessKey, service.ErrNoPerson)
	}
	return id, err
}

// indexedPerson returns the ID of the person the blind index has under
// witnessKey, before any merge; store.ErrNotFound if none.
func (v *Vault) indexedPerson(tx store.ReadTx, witnessKey string) (string, error) {
	k := v.secrets()
	raw, err := tx.Get(v.blindIndexKey(k.Live().Root, witnessKey))
	if errors.Is(err, store.ErrNotFound) && k.Next != nil {
		// Not yet moved to the next generation's index (rekey.go).
		raw, err = tx.Get(v.blindIndexKey(k.Root, witnessKey))
	}
	return string(raw), err
}

// CheckNames rejects, before anything is stored, a testimony whose names
// the matcher could not use: redaction would then fail at export time.
// file names the testimony in the error.
func CheckNames(file string, doc *testimony.Testimony) error {
	for i := -1; i < len(doc.Persons); i++ {
		p := &doc.Witness
		if i >= 0 {
			p = &doc.Persons[i]
		}
		// What NewMatcher would refuse when the registry is matched.
		err := names.CheckName(p.Name)
		if err != nil {
			err = fmt.Errorf("name: %w", err)
		}
		for j := 0; err == nil && j < len(p.Aliases); j++ {
			if err = names.CheckName(p.Aliases[j]); err != nil {
				err = fmt.Errorf("alias %d: %w", j+1, err)
			}
		}
		if err != nil {
			field := "witness"
			if i >= 0 {
				field = fmt.Sprintf("persons[%d]", i)
			}
			return &testimony.ParseError{File: file, Field: field + ".name", Err: fmt.Errorf("name or alias not usable for redaction: %v", err)}
		}
	}
	return nil
}

// registerPersons registers the witness and persons of doc (record i of a
// put), a new version of prev if prev is not nil, and returns the
// record's links, and a note for each known person the testimony gave a
// new name or changed (person.learn): of a new version, only what it
// changes. A testimony that would take a person's list over its bound
// is refused with a *testimony.ParseError naming file and the
// testimony's field, wrapping the *testimony.LimitError.
func (v *Vault) registerPersons(tx store.Tx, i int, file string, doc, prev *testimony.Testimony, now time.Time) ([]personLink, []service.AliasNote, error) {
	var links []personLink
	var notes []service.AliasNote
	people := append([]testimony.Person{doc.Witness}, doc.Persons...)
	var before []testimony.Person
	if prev != nil {
		before = append([]testimony.Person{prev.Witness}, prev.Persons...)
	}
	for j, tp := range people {
		p, err := v.personByKey(tx, tp.Key)
		switch {
		case errors.Is(err, service.ErrNoPerson):
			if p, err = v.newPerson(tx, tp, now); err != nil {
				return nil, nil, err
			}
		case err != nil:
			return nil, nil, err
		default:
			was := p.sizes()
			alias, changed := p.learn(changedSince(tp, before))
			if l, err := p.overBound(was); err != nil {
				field := "witness"
				if j > 0 {
					field = fmt.Sprintf("persons[%d]", j-1)
				}
				return nil, nil, &testimony.ParseError{File: file, Field: field + "." + l.from, Err: err}
			}
			if alias || len(changed) > 0 {
				notes = append(notes, service.AliasNote{Record: i, Key: tp.Key, Alias: alias, Changed: changed})
			}
			if err := putJSON(tx, personKey(p.ID), p); err != nil {
				return nil, nil, err
			}
		}
		if !slices.ContainsFunc(links, func(l personLink) bool { return l.PersonID == p.ID }) {
			links = append(links, personLink{PersonID: p.ID, Witness: j == 0})
		}
	}
	return links, notes, nil
}

// changedSince returns tp without the birth year, gender, contact and
// residence that the same person (by key) had in before, the persons of a
// record's previous version.
func changedSince(tp testimony.Person, before []testimony.Person) testimony.Person {
	for _, b := range before {
		if normaliseWitnessKey(b.Key) != normaliseWitnessKey(tp.Key) {
			continue
		}
		if tp.BirthYear == b.BirthYear {
			tp.BirthYear = 0
		}
		for _, f := range []struct{ now, was *string }{
			{&tp.Gender, &b.Gender}, {&tp.Contact, &b.Contact}, {&tp.Residence, &b.Residence},
		} {
			if *f.now == *f.was {
				*f.now = ""
			}
		}
	}
	return tp
}

func (v *Vault) newPerson(tx store.Tx, tp testimony.Person, now time.Time) (*person, error) {
	p := &person{Key: normaliseWitnessKey(tp.Key), Name: tp.Name, Aliases: slices.Clone(tp.Aliases),
		BirthYear: tp.BirthYear, Gender: tp.Gender, Contact: tp.Contact, Residence: tp.Residence, Created: now}
	// The default-domain pseudonym must be unique; a collision (35 bits)
	// is resolved by drawing another random ID.
	ps := v.pseudonymizer("")
	var pk []byte
	for {
		b := make([]byte, 16)
		rand.Read(b)
		p.ID = hex.EncodeToString(b)
		pk = pseudonymKey(ps.Of(p.ID))
		_, err := tx.Get(pk)
		if errors.Is(err, store.ErrNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	// Every person has a pseudonym: with none, the ID is new and its
	// record held nothing, which a batch's journal need not read.
	markFresh(tx, personKey(p.ID))
	if err := tx.Set(pk, []byte(p.ID)); err != nil {
		return nil, err
	}
	if err := tx.Set(v.blindIndexKey(v.secrets().Live().Root, tp.Key), []byte(p.ID)); err != nil {
		return nil, err
	}
	return p, putJSON(tx, personKey(p.ID), p)
}

// learn adds what a later testimony says of a known person. A name not
// seen before becomes an alias (alias reports the testimony's name). A
// birth year, gender, contact or residence that differs from the one
// registered replaces it, being the latest word of an officer, and is
// named in changed: nothing of an import is dropped silently. A contact
// or residence replaced is kept as a past one, which views still hide.
func (p *person) learn(tp testimony.Person) (alias bool, changed []string) {
	for _, n := range append([]string{tp.Name}, tp.Aliases...) {
		if p.addName(n) {
			alias = alias || n == tp.Name
		}
	}
	if tp.BirthYear != 0 && tp.BirthYear != p.BirthYear {
		if p.BirthYear != 0 {
			changed = append(changed, "birth_year")
		}
		p.BirthYear = tp.BirthYear
	}
	for _, f := range p.fields() {
		if v := f.of(&tp); v != "" && v != *f.cur && replace(f.cur, f.past, v) {
			changed = append(changed, f.name)
		}
	}
	return alias, changed
}

// textField is a field of a person that is a string.
type textField struct {
	name string
	cur  *string
	past *[]string // where replaced values are kept, if they are
	of   func(*testimony.Person) string
}

// fields returns p's gender, contact and residence.
func (p *person) fields() []textField {
	return []textField{
		{"gender", &p.Gender, nil, func(tp *testimony.Person) string { return tp.Gender }},
		{"contact", &p.Contact, &p.PastContacts, func(tp *testimony.Person) string { return tp.Contact }},
		{"residence", &p.Residence, &p.PastResidences, func(tp *testimony.Person) string { return tp.Residence }},
	}
}

// replace sets *cur to v, keeps the value replaced in *past (unless past
// is nil), and reports whether a value was replaced.
func replace(cur *string, past *[]string, v string) bool {
	old := *cur
	*cur = v
	if past != nil {
		if old != "" {
			*past = appendNew(*past, old)
		}
		*past = slices.DeleteFunc(*past, func(s string) bool { return s == v })
	}
	return old != ""
}

// addName adds n as an alias unless p has it as its name or an alias (in
// any case), and reports whether it did. A past name given again is no
// longer past.
func (p *person) addName(n string) bool {
	if p.hasName(n) {
		return false
	}
	p.Aliases = append(p.Aliases, n)
	p.PastNames = slices.DeleteFunc(p.PastNames, p.hasName)
	return true
}

// absorb takes into p the person gone, merged into it: gone's names
// become aliases, its fields fill p's empty ones, and its contacts and
// residences, present and past, that differ from p's are kept as past
// ones, still hidden by views; its key and merged keys become p's merged
// keys.
func (p *person) absorb(gone *person) {
	for _, n := range append([]string{gone.Name}, gone.Aliases...) {
		p.addName(n)
	}
	if p.BirthYear == 0 {
		p.BirthYear = gone.BirthYear
	}
	goneFields := gone.fields()
	for i, f := range p.fields() {
		g := goneFields[i]
		values := []string{*g.cur}
		if g.past != nil {
			values = append(values, *g.past...)
		}
		for _, val := range values {
			switch {
			case val == "" || val == *f.cur:
			case *f.cur == "":
				*f.cur = val
			case f.past != nil:
				*f.past = appendNew(*f.past, val)
			}
		}
	}
	for _, n := range gone.PastNames {
		if !p.hasName(n) {
			p.PastNames = appendNew(p.PastNames, n)
		}
	}
	p.MergedKeys = append(append(p.MergedKeys, gone.Key), gone.MergedKeys...)
}

// edit replaces what p holds with what an officer wrote, and returns the
// fields changed. Names, contacts and residences it removes become past
// ones, still hidden by views.
func (p *person) edit(f *testimony.Person) (changed []string) {
	before := *p
	if !slices.Equal(before.Aliases, f.Aliases) || before.Name != f.Name {
		p.Name, p.Aliases = f.Name, slices.Clone(f.Aliases)
		for _, n := range append([]string{before.Name}, before.Aliases...) {
			if !p.hasName(n) {
				p.PastNames = appendNew(p.PastNames, n)
			}
		}
		p.PastNames = slices.DeleteFunc(p.PastNames, p.hasName)
		changed = append(changed, "names")
	}
	if p.BirthYear != f.BirthYear {
		p.BirthYear = f.BirthYear
		changed = append(changed, "birth_year")
	}
	for _, c := range p.fields() {
		if v := c.of(f); v != *c.cur {
			replace(c.cur, c.past, v)
			changed = append(changed, c.name)
		}
	}
	return changed
}

// hasName reports whether n is p's name or one of its aliases, in any
// case.
func (p *person) hasName(n string) bool {
	return strings.EqualFold(n, p.Name) || slices.ContainsFunc(p.Aliases, func(a string) bool { return strings.EqualFold(a, n) })
}

// appendNew appends s to list unless it is there.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// pseudonymizer maps person IDs to pseudonyms in one domain, deriving the
// domain key once.
type pseudonymizer struct{ key []byte }

// pseudonymizer returns the pseudonymizer of domain ("" is the default).
func (v *Vault) pseudonymizer(domain string) *pseudonymizer {
	return &pseudonymizer{key: v.derive(v.secrets().LineageRoot(), keys.Pseudonym(domain))}
}

// Of returns the pseudonym of person id.
func (p *pseudonymizer) Of(id string) string { return pseudonym.Compute(p.key, []byte(id)) }

// Persons returns every registered person that is not merged into another,
// ordered by witness key.
func (v *Vault) Persons(ctx context.Context) ([]*service.Person, error) {
	return do(ctx, v, "person.list", nil, func(o *op) ([]*service.Person, error) {
		var out []*person
		err := o.view(func(tx store.ReadTx) error {
			out = out[:0]
			return tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
				p, err := v.readPerson(tx, string(key[len(personPrefix):]))
				if err == nil && p.MergedInto == "" {
					out = append(out, p)
				}
				return err
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		if err != nil {
			return nil, fmt.Errorf("failed to list persons: %w", err)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
		return v.withPseudonyms(out...), nil
	})
}

// PersonByKey returns the person registered under witness key (following
// merges), with the IDs of every record naming them.
// The witness key goes into the audit entry only as a keyed MAC.
func (v *Vault) PersonByKey(ctx context.Context, witnessKey string) (*service.Person, error) {
	return do(ctx, v, "person.show", nil, func(o *op) (*service.Person, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(witnessKey)))
		var p *person
		var records []string
		err := o.view(func(tx store.ReadTx) (err error) {
			if p, err = v.personByKey(tx, witnessKey); err != nil {
				return err
			}
			records, err = v.personRecords(tx, p.ID, false)
			return err
		})
		if p != nil {
			o.target(p.ID)
		}
		if err != nil {
			return nil, err
		}
		out := v.withPseudonyms(p)[0]
		out.Records = records
		return out, nil
	})
}

// personRecords returns the IDs of the records that name person id
// (resolved through merges), as their witness only if witness, ordered
// by ID.
func (v *Vault) personRecords(tx store.ReadTx, id string, witness bool) ([]string, error) {
	var out []string
	prefix := recordLinksKey("")
	err := tx.Scan(prefix, func(key, _ []byte) error {
		rid := string(key[len(prefix):])
		links, err := v.recordLinks(tx, rid)
		if err != nil {
			return integrity(rid, err)
		}
		if slices.ContainsFunc(links, func(l personLink) bool { return l.PersonID == id && (l.Witness || !witness) }) {
			out = append(out, rid)
		}
		return nil
	})
	return out, err
}

// EditPerson replaces what the registry holds of the person registered
// under witnessKey (following merges) with f: name, aliases, birth year,
// gender, contact and residence, checked as an import's person is. f's
// key, if given, must be witnessKey, and it has no relation, which is a
// testimony's. Names, contacts and residences the edit removes are kept
// as past ones, which views go on hiding; an edit that would take past
// names, contacts or residences over their bound is refused with a
// *testimony.ParseError of file "person" wrapping a *testimony.LimitError.
// The audit entry names the person and the fields changed, never their
// values.
func (v *Vault) EditPerson(ctx context.Context, witnessKey string, f *testimony.Person) (*service.Person, error) {
	return do(ctx, v, "person.edit", nil, func(o *op) (*service.Person, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(witnessKey)))
		if f == nil {
			return nil, &service.InvalidArgumentError{Arg: "person", Want: "the person's fields"}
		}
		if f.Key != "" && normaliseWitnessKey(f.Key) != normaliseWitnessKey(witnessKey) {
			return nil, &service.InvalidArgumentError{Arg: "key", Want: "the key of the person edited; merge persons to join two keys"}
		}
		if f.Relation != "" {
			return nil, &service.InvalidArgumentError{Arg: "relation", Want: "none: a relation is a testimony's, not the registry's"}
		}
		fields := *f
		fields.Key = witnessKey
		data, err := json.Marshal(&fields)
		if err != nil {
			return nil, err
		}
		if _, err := testimony.ParsePerson("person", data); err != nil {
			return nil, err
		}
		if err := CheckNames("person", &testimony.Testimony{Witness: fields}); err != nil {
			return nil, err
		}
		var p *person
		err = o.writeRegistry(func(tx store.Tx) (err error) {
			if p, err = v.personByKey(tx, witnessKey); err != nil {
				return err
			}
			o.e.Targets = []string{p.ID} // a retried transaction starts over
			was := p.sizes()
			changed := p.edit(f)
			if l, err := p.overBound(was); err != nil {
				return &testimony.ParseError{File: "person", Field: l.field, Err: err}
			}
			o.attr("fields", strings.Join(changed, ","))
			if len(changed) == 0 {
				return nil
			}
			return putJSON(tx, personKey(p.ID), p)
		})
		if err != nil {
			return nil, err
		}
		return v.withPseudonyms(p)[0], nil
	})
}

// recordPersons returns the persons record id names, resolved through
// merges, witness first.
func (v *Vault) recordPersons(ctx context.Context, id string) ([]personLink, error) {
	var links []personLink
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		links, err = v.recordLinks(tx, id)
		return err
	})
	return links, err
}

func (v *Vault) recordLinks(tx store.ReadTx, id string) ([]personLink, error) {
	var links []personLink
	if err := getJSON(tx, recordLinksKey(id), &links); err != nil {
		return nil, err
	}
	for i := range links {
		p, err := v.resolve(tx, links[i].PersonID)
		if err != nil {
			return nil, err
		}
		links[i].PersonID = p.ID
	}
	return links, nil
}

// Reidentify returns the person behind pseudonym p in domain ("" is the
// default domain). The reason is required; the audit entry records it with
// the pseudonym and domain.
func (v *Vault) Reidentify(ctx context.Context, p, domain, reason string) (*service.Person, error) {
	return do(ctx, v, "reidentify", nil, func(o *op) (*service.Person, error) {
		if err := o.purpose("reason", reason); err != nil {
			return nil, err
		}
		if domain != "" {
			if err := o.text("domain", "domain", domain); err != nil {
				return nil, err
			}
		}
		if strings.TrimSpace(reason) == "" {
			return nil, service.ErrReasonRequired
		}
		canon, err := pseudonym.Parse(p)
		if err != nil {
			return nil, err
		}
		o.target(canon)
		var out *person
		err = o.view(func(tx store.ReadTx) error {
			if domain == "" {
				raw, err := tx.Get(pseudonymKey(canon))
				if errors.Is(err, store.ErrNotFound) {
					return fmt.Errorf("pseudonym %s: %w", canon, service.ErrNoPerson)
				}
				if err != nil {
					return err
				}
				out, err = v.resolve(tx, string(raw))
				return err
			}
			// Other domains have no index: their pseudonyms exist only in
			// exports. The registry is small enough to recompute them.
			ps := v.pseudonymizer(domain)
			err := tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
				if id := string(key[len(personPrefix):]); ps.Of(id) == canon {
					var err error
					out, err = v.resolve(tx, id)
					return err
				}
				return nil
			})
			if err == nil && out == nil {
				err = fmt.Errorf("pseudonym %s in domain %q: %w", canon, domain, service.ErrNoPerson)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return v.withPseudonyms(out)[0], nil
	})
}

// MergePersons merges the person registered under key into the one under
// keepKey: its names become aliases of the kept person, its key resolves
// to it, and its testimonies follow. A merge that would take a list of
// the kept person over its bound is refused as EditPerson's edit is.
func (v *Vault) MergePersons(ctx context.Context, key, keepKey string) (*service.Person, error) {
	return do(ctx, v, "person.merge", nil, func(o *op) (*service.Person, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(key)))
		o.attr("keep-key", v.auditMAC(normaliseWitnessKey(keepKey)))
		var kept *person
		err := o.writeRegistry(func(tx store.Tx) error {
			gone, err := v.personByKey(tx, key)
			if err != nil {
				return err
			}
			if kept, err = v.personByKey(tx, keepKey); err != nil {
				return err
			}
			if gone.ID == kept.ID {
				return &service.InvalidArgumentError{Arg: "witness keys", Want: "they already name the same person"}
			}
			was := kept.sizes()
			kept.absorb(gone)
			if l, err := kept.overBound(was); err != nil {
				return &testimony.ParseError{File: "person", Field: l.field, Err: err}
			}
			gone.MergedInto = kept.ID
			o.e.Targets = []string{gone.ID, kept.ID}
			if err := putJSON(tx, personKey(gone.ID), gone); err != nil {
				return err
			}
			return putJSON(tx, personKey(kept.ID), kept)
		})
		if err != nil {
			return nil, fmt.Errorf("failed to merge persons: %w", err)
		}
		return v.withPseudonyms(kept)[0], nil
	})
}
