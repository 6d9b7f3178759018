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
}

// withPseudonyms returns persons as officers see them, each with its
// default-domain pseudonym, which is derived and never stored.
func (v *Vault) withPseudonyms(ps ...*person) []*service.Person {
	pz := v.pseudonymizer("")
	out := make([]*service.Person, len(ps))
	for i, p := range ps {
		out[i] = &service.Person{ID: p.ID, Key: p.Key, Name: p.Name, Aliases: p.Aliases, BirthYear: p.BirthYear,
			Gender: p.Gender, Contact: p.Contact, Residence: p.Residence, MergedKeys: p.MergedKeys,
			MergedInto: p.MergedInto, Created: p.Created, Pseudonym: pz.Of(p.ID)}
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
	if err := json.Unmarshal(data, val); err != nil {
		return fmt.Errorf("%w: %s: %v", store.ErrCorrupt, bytes.SplitN(key, []byte("/"), 2)[0], err)
	}
	return nil
}

func (v *Vault) readPerson(tx store.ReadTx, id string) (*person, error) {
	var p person
	if err := getJSON(tx, personKey(id), &p); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w: dangling person link", store.ErrCorrupt)
		}
		return nil, err
	}
	return &p, nil
}

// resolve follows merges to the person that is kept.
func (v *Vault) resolve(tx store.ReadTx, id string) (*person, error) {
	for range 64 {
		p, err := v.readPerson(tx, id)
		if err != nil || p.MergedInto == "" {
			return p, err
		}
		id = p.MergedInto
	}
	return nil, fmt.Errorf("%w: merge chain too long", store.ErrCorrupt)
}

func (v *Vault) personByKey(tx store.ReadTx, witnessKey string) (*person, error) {
	k := v.secrets()
	raw, err := tx.Get(blindIndexKey(k.Live().Root, witnessKey))
	if errors.Is(err, store.ErrNotFound) && k.Next != nil {
		// Not yet moved to the next generation's index (rekey.go).
		raw, err = tx.Get(blindIndexKey(k.Root, witnessKey))
	}
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("witness key %q: %w", witnessKey, service.ErrNoPerson)
	}
	if err != nil {
		return nil, err
	}
	return v.resolve(tx, string(raw))
}

// CheckNames rejects, before anything is stored, a testimony whose names
// the matcher could not use: redaction would then fail at export time.
// file names the testimony in the error.
func CheckNames(file string, doc *testimony.Testimony) error {
	people := append([]testimony.Person{doc.Witness}, doc.Persons...)
	for i, p := range people {
		field := "witness"
		if i > 0 {
			field = fmt.Sprintf("persons[%d]", i-1)
		}
		if _, err := names.NewMatcher([]names.Person{{ID: "x", Name: p.Name, Aliases: p.Aliases}}); err != nil {
			return &testimony.ParseError{File: file, Field: field + ".name", Err: fmt.Errorf("name or alias not usable for redaction: %v", err)}
		}
	}
	return nil
}

// registerPersons registers the witness and persons of doc (record i of a
// put) and returns the record's links and any alias notes.
func (v *Vault) registerPersons(tx store.Tx, i int, doc *testimony.Testimony, now time.Time) ([]personLink, []service.AliasNote, error) {
	var links []personLink
	var notes []service.AliasNote
	people := append([]testimony.Person{doc.Witness}, doc.Persons...)
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
			if added := p.learn(tp); added {
				notes = append(notes, service.AliasNote{Record: i, Key: tp.Key})
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

func (v *Vault) newPerson(tx store.Tx, tp testimony.Person, now time.Time) (*person, error) {
	p := &person{Key: normaliseWitnessKey(tp.Key), Name: tp.Name, Aliases: slices.Clone(tp.Aliases),
		BirthYear: tp.BirthYear, Gender: tp.Gender, Contact: tp.Contact, Residence: tp.Residence, Created: now}
	// The default-domain pseudonym must be unique; a collision (35 bits)
	// is resolved by drawing another random ID.
	ps := v.pseudonymizer("")
	for {
		b := make([]byte, 16)
		rand.Read(b)
		p.ID = hex.EncodeToString(b)
		_, err := tx.Get(pseudonymKey(ps.Of(p.ID)))
		if errors.Is(err, store.ErrNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if err := tx.Set(pseudonymKey(ps.Of(p.ID)), []byte(p.ID)); err != nil {
		return nil, err
	}
	if err := tx.Set(blindIndexKey(v.secrets().Live().Root, tp.Key), []byte(p.ID)); err != nil {
		return nil, err
	}
	return p, putJSON(tx, personKey(p.ID), p)
}

// learn adds what a later testimony says of a known person: a name not
// seen before becomes an alias (reported), and empty fields are filled.
func (p *person) learn(tp testimony.Person) (newName bool) {
	for _, n := range append([]string{tp.Name}, tp.Aliases...) {
		if !strings.EqualFold(n, p.Name) && !slices.ContainsFunc(p.Aliases, func(a string) bool { return strings.EqualFold(a, n) }) {
			p.Aliases = append(p.Aliases, n)
			newName = newName || n == tp.Name
		}
	}
	if p.BirthYear == 0 {
		p.BirthYear = tp.BirthYear
	}
	p.Gender = cmpOr(p.Gender, tp.Gender)
	p.Contact = cmpOr(p.Contact, tp.Contact)
	p.Residence = cmpOr(p.Residence, tp.Residence)
	return newName
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// pseudonymizer maps person IDs to pseudonyms in one domain, deriving the
// domain key once.
type pseudonymizer struct{ key []byte }

// pseudonymizer returns the pseudonymizer of domain ("" is the default).
func (v *Vault) pseudonymizer(domain string) *pseudonymizer {
	return &pseudonymizer{key: keys.Derive(v.secrets().LineageRoot(), keys.Pseudonym(domain))}
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
// merges).
// The witness key goes into the audit entry only as a keyed MAC.
func (v *Vault) PersonByKey(ctx context.Context, witnessKey string) (*service.Person, error) {
	return do(ctx, v, "person.show", nil, func(o *op) (*service.Person, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(witnessKey)))
		var p *person
		err := o.view(func(tx store.ReadTx) (err error) {
			p, err = v.personByKey(tx, witnessKey)
			return err
		})
		if err != nil {
			return nil, err
		}
		o.target(p.ID)
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
// to it, and its testimonies follow.
func (v *Vault) MergePersons(ctx context.Context, key, keepKey string) (*service.Person, error) {
	return do(ctx, v, "person.merge", nil, func(o *op) (*service.Person, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(key)))
		o.attr("keep-key", v.auditMAC(normaliseWitnessKey(keepKey)))
		var kept *person
		err := o.write(func(tx store.Tx) error {
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
			kept.learn(testimony.Person{Name: gone.Name, Aliases: gone.Aliases, BirthYear: gone.BirthYear,
				Gender: gone.Gender, Contact: gone.Contact, Residence: gone.Residence})
			kept.MergedKeys = append(append(kept.MergedKeys, gone.Key), gone.MergedKeys...)
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
