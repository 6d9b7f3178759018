package vault

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/search"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// The search index. Every record has a sealed search entry (srch/<id>)
// that holds its interview date and the blind terms (package
// vault/search) of its latest version: the words of its narrative and
// title, its tags, its case number and the IDs of the persons it names,
// each a MAC under keys.SearchIndex. Put and Replace write it in the
// transaction that stores the version. A search reads every entry (one
// sealed value per record, no record decrypted) and matches the terms of
// the query against it; the index never holds a term in clear, and the
// audit entry of a search holds its terms only as keyed MACs (auditMAC).
//
// search/version records that every record has an entry, made as
// searchVersion makes it. Init writes it; a vault made before the index,
// or by an older normalisation, gets it at Open (buildSearch), which
// indexes every record in one audited write. Until then Search refuses
// rather than answer from part of the vault.

// searchVersion is the version of the terms Put and Replace make; a
// change of normalisation or of what is indexed increments it, and the
// next Open indexes every record again.
const searchVersion = 1

// searchEntry is the value of srch/<id>, sealed like every value, in a
// binary form that a search reads quickly: a format byte (1), the length
// of the interview date (0 or 10), the date (YYYY-MM-DD), and the terms
// (search.Set).
type searchEntry struct {
	date  string
	terms search.Set
}

func (e searchEntry) marshal() []byte {
	b := append([]byte{1, byte(len(e.date))}, e.date...)
	return append(b, e.terms...)
}

func parseSearchEntry(b []byte) (searchEntry, error) {
	if len(b) < 2 || b[0] != 1 || (b[1] != 0 && b[1] != byte(len(time.DateOnly))) || len(b) < 2+int(b[1]) {
		return searchEntry{}, errors.New("malformed search entry")
	}
	terms, err := search.ParseSet(b[2+int(b[1]):])
	return searchEntry{date: string(b[2 : 2+int(b[1])]), terms: terms}, err
}

func (v *Vault) searchIndex() *search.Index {
	// The lineage's root, kept across a rekey as the pseudonym keys are
	// (SECURITY.md): the index holds keyed terms of every record.
	return search.NewIndex(v.derive(v.secrets().LineageRoot(), keys.SearchIndex))
}

// writeSearch writes the search entry of record id, whose latest version
// is doc and names the persons of links.
func writeSearch(tx store.Tx, ix *search.Index, id string, doc *testimony.Testimony, links []personLink) error {
	return writeSearchTerms(tx, ix, id, doc, textTerms(ix, doc), links)
}

// textTerms returns the terms of doc's title, narrative, tags and case,
// compacted: those of its search entry that need no transaction, which a
// batch put finds on all cores.
func textTerms(ix *search.Index, doc *testimony.Testimony) []search.Term {
	// About a term for every five bytes of text, Hangul prefixes included.
	terms := make([]search.Term, 0, (len(doc.Title)+len(doc.Narrative))/5)
	terms = ix.Text(ix.Text(terms, doc.Title), doc.Narrative)
	for _, tag := range doc.Tags {
		terms = append(terms, ix.Term(search.Tag, search.Fold(tag)))
	}
	return search.Compact(append(terms, ix.Term(search.Case, search.Fold(doc.Case))))
}

// writeSearchTerms is writeSearch with doc's textTerms, compacted, which
// it may change.
func writeSearchTerms(tx store.Tx, ix *search.Index, id string, doc *testimony.Testimony, terms []search.Term, links []personLink) error {
	for _, l := range links {
		terms = search.Add(terms, ix.Term(search.Person, l.PersonID))
	}
	e := searchEntry{terms: search.NewSet(terms)}
	if doc.Interview != nil {
		e.date = doc.Interview.Date
	}
	return tx.Set(searchKey(id), e.marshal())
}

// reindexSearch writes the search entry of record id, of index entry ie,
// from its latest version left (one may be erased).
func (v *Vault) reindexSearch(tx store.Tx, id string, ie indexEntry) error {
	return v.reindexWith(tx, v.searchIndex(), id, ie)
}

func (v *Vault) reindexWith(tx store.Tx, ix *search.Index, id string, ie indexEntry) error {
	n := ie.latest()
	ct, err := v.versionCiphertext(tx, id, n)
	if err != nil {
		return err
	}
	rec, err := v.decrypt(id, n, ie.Created, ct)
	if err != nil {
		return err
	}
	var links []personLink
	if err := getJSON(tx, recordLinksKey(id), &links); err != nil {
		return integrity(id, err)
	}
	return writeSearch(tx, ix, id, rec.Testimony, links)
}

// query is a SearchQuery checked, with the terms it needs.
type query struct {
	all         []search.Term // every one must be in the entry
	persons     []search.Term // if any, the entry must hold one of them
	personKey   string
	sensitivity string
	from, to    string
}

// parseQuery checks q and records it in the operation's entry: its terms
// as keyed MACs of their normalised forms (what "tvault audit hash" of
// that form gives), the sensitivity and the dates as they are.
func (o *op) parseQuery(ix *search.Index, q service.SearchQuery) (*query, error) {
	if q == (service.SearchQuery{}) {
		return nil, &service.InvalidArgumentError{Arg: "search", Want: "give at least one criterion (tvault list lists every record)"}
	}
	for arg, value := range map[string]string{"case": q.Case, "tag": q.Tag, "person": q.Person, "text": q.Text,
		"sensitivity": q.Sensitivity, "from date": q.From, "to date": q.To} {
		if !utf8.ValidString(value) || len(value) > audit.MaxValueSize {
			return nil, &service.InvalidArgumentError{Arg: arg, Len: len(value), Want: fmt.Sprintf("want valid UTF-8 of at most %d bytes", audit.MaxValueSize)}
		}
	}
	out := &query{sensitivity: q.Sensitivity, from: q.From, to: q.To}
	whole := []struct {
		arg   string
		kind  search.Kind
		value string
	}{{"case", search.Case, q.Case}, {"tag", search.Tag, q.Tag}}
	for _, w := range whole {
		if w.value == "" {
			continue
		}
		f := search.Fold(w.value)
		if f == "" {
			return nil, &service.InvalidArgumentError{Arg: w.arg, Len: len(w.value), Want: "it is blank"}
		}
		o.attr(w.arg, o.v.auditMAC(f))
		out.all = append(out.all, ix.Term(w.kind, f))
	}
	if q.Text != "" {
		words := search.Words(q.Text)
		if len(words) == 0 {
			return nil, &service.InvalidArgumentError{Arg: "text", Len: len(q.Text), Want: "it holds no word (letters or digits)"}
		}
		o.attr("text", o.v.auditMAC(strings.Join(words, " ")))
		for _, w := range words {
			out.all = append(out.all, ix.Term(search.Word, w))
		}
	}
	if q.Person != "" {
		out.personKey = normaliseWitnessKey(q.Person)
		o.attr("person", o.v.auditMAC(out.personKey))
	}
	if q.Sensitivity != "" {
		if !slices.Contains([]string{"low", "medium", "high"}, q.Sensitivity) {
			return nil, &service.InvalidArgumentError{Arg: "sensitivity", Value: q.Sensitivity, Len: len(q.Sensitivity), Want: `want "low", "medium" or "high"`}
		}
		o.attr("sensitivity", q.Sensitivity)
	}
	for _, d := range []struct{ arg, value string }{{"from", q.From}, {"to", q.To}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.value); err != nil {
			return nil, &service.InvalidArgumentError{Arg: d.arg + " date", Len: len(d.value), Want: "want a date YYYY-MM-DD"}
		}
		o.attr(d.arg, d.value)
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return nil, &service.InvalidArgumentError{Arg: "dates", Value: q.From + " to " + q.To, Len: len(q.From) + len(q.To), Want: "the range ends before it begins"}
	}
	return out, nil
}

// matches reports whether e, a record's search entry, matches q.
func (q *query) matches(e searchEntry) bool {
	for _, t := range q.all {
		if !e.terms.Contains(t) {
			return false
		}
	}
	if len(q.persons) > 0 && !slices.ContainsFunc(q.persons, e.terms.Contains) {
		return false
	}
	if (q.from != "" || q.to != "") && e.date == "" {
		return false
	}
	return (q.from == "" || e.date >= q.from) && (q.to == "" || e.date <= q.to)
}

// mergedIDs returns the IDs of the person registered under witnessKey:
// the one kept and those merged into it, whose IDs the records stored
// before the merge name.
func (v *Vault) mergedIDs(tx store.ReadTx, witnessKey string) ([]string, error) {
	p, err := v.personByKey(tx, witnessKey)
	if err != nil {
		return nil, err
	}
	ids := []string{p.ID}
	for _, k := range p.MergedKeys {
		id, err := v.indexedPerson(tx, k)
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w: merged witness key of person %s has no registry entry", store.ErrCorrupt, p.ID)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Search returns the summary of every record that matches q and that the
// actor's role may see in one of its views, oldest first. The entry names
// the records found (in parts, as an export's does) and holds the query's
// terms only as keyed MACs.
func (v *Vault) Search(ctx context.Context, q service.SearchQuery) ([]service.Summary, error) {
	return do(ctx, v, "search", nil, func(o *op) ([]service.Summary, error) {
		ix := v.searchIndex()
		qy, err := o.parseQuery(ix, q)
		if err != nil {
			return nil, err
		}
		visible := o.visible()
		var out []service.Summary
		err = o.view(func(tx store.ReadTx) error {
			out = out[:0]
			var built int
			if err := getJSON(tx, searchVersionKey, &built); errors.Is(err, store.ErrNotFound) || built != searchVersion {
				return errors.New("the search index is not built; open the vault again to build it, and run tvault check if that fails")
			} else if err != nil {
				return err
			}
			if qy.personKey != "" {
				ids, err := v.mergedIDs(tx, qy.personKey)
				if err != nil {
					return err
				}
				qy.persons = qy.persons[:0]
				for _, id := range ids {
					qy.persons = append(qy.persons, ix.Term(search.Person, id))
				}
			}
			w, err := v.withdrawals(tx)
			if err != nil {
				return err
			}
			return tx.Scan([]byte(searchPrefix), func(key, value []byte) error {
				id := string(key[len(searchPrefix):])
				e, err := parseSearchEntry(value)
				if err != nil {
					return &service.IntegrityError{ID: id, Err: err}
				}
				if !qy.matches(e) {
					return nil
				}
				ie, err := v.readIndex(tx, id)
				switch {
				case errors.Is(err, errStaged):
					return nil
				case errors.Is(err, service.ErrNotFound) && !errors.Is(err, service.ErrErased):
					// The vault's own search index lists the record: its
					// index entry gone is damage, never a missing record.
					return &service.IntegrityError{ID: id, Err: errors.New("the search index lists it, and its index entry is missing")}
				case err != nil:
					return err
				}
				if qy.sensitivity != "" && ie.Sensitivity != qy.sensitivity {
					return nil
				}
				c, err := v.consentOf(tx, w, id, ie.Consent)
				if err != nil {
					return err
				}
				if visible(c) {
					out = append(out, v.refs("").summary(id, ie))
				}
				return nil
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		if err != nil {
			return nil, fmt.Errorf("failed to search: %w", err)
		}
		slices.SortFunc(out, compareSummaries)
		ids := make([]string, len(out))
		for i, s := range out {
			ids[i] = s.ID
		}
		if err := o.commitWith(o.targetParts(ids)); err != nil {
			return nil, err
		}
		return out, nil
	})
}

// buildSearch indexes every record of a vault whose index is missing or
// of an older version (see above), in one write by the actor "tvault",
// action "search.build", which names no record and counts them. It reads
// and decrypts each record's latest version. Open runs it; it does
// nothing to a vault whose index is current.
func (v *Vault) buildSearch(ctx context.Context) error {
	var built int
	err := v.store.View(ctx, func(tx store.ReadTx) error { return getJSON(tx, searchVersionKey, &built) })
	if err == nil && built == searchVersion {
		return nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	req := make([]byte, 8)
	rand.Read(req)
	e := &audit.Entry{Actor: "tvault", Transport: "local", RequestID: hex.EncodeToString(req),
		Action: "search.build", Outcome: audit.OutcomeOK}
	ix := v.searchIndex()
	err = v.audit.Submit(ctx, e, func(tx store.Tx) error {
		var ids []string
		err := v.scanIndex(tx, func(id string, _ indexEntry) error {
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			ie, err := v.readIndex(tx, id)
			if err != nil {
				return err
			}
			if err := v.reindexWith(tx, ix, id, ie); err != nil {
				return err
			}
		}
		e.SetAttr("count", fmt.Sprint(len(ids)))
		return putJSON(tx, searchVersionKey, searchVersion)
	})
	if err != nil {
		return fmt.Errorf("failed to build the search index, so search is unavailable: %w", err)
	}
	return nil
}
