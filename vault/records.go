package vault

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/search"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
	"github.com/tvault/tvault/vault/testimony"
)

// indexEntry is the sealed per-record index value. It holds the consent
// flags so that listing and exporting can leave out what a view may not
// show without decrypting every record.
type indexEntry struct {
	Case        string            `json:"case"`
	Created     time.Time         `json:"created"`
	Sensitivity string            `json:"sensitivity,omitempty"`
	Consent     testimony.Consent `json:"consent"`
	Versions    int               `json:"versions"`
	// Erased lists the versions erased (erase.go), ascending.
	Erased []int `json:"erased,omitempty"`
	// Batch is the ID of the batch put that stored the record, which
	// shows it only once committed (batch.go).
	Batch string `json:"batch,omitempty"`
}

// sealed is one version ready to be written.
type sealed struct {
	id         string
	version    int
	ciphertext []byte
}

// sealAll encrypts the canonical form of each testimony bound to its ID and
// version to recips (see sealing), on all cores: post-quantum
// encapsulation dominates a put.
func (v *Vault) sealAll(docs []*testimony.Testimony, ids []string, versions []int, recips []age.Recipient) ([]sealed, error) {
	out := make([]sealed, len(docs))
	errs := make([]error, len(docs))
	onAllCores(len(docs), func(i int) {
		ver := envelope.Version{ID: ids[i], Version: versions[i]}
		ct, err := envelope.Seal(ver, docs[i].Canonical(), recips...)
		out[i], errs[i] = sealed{ids[i], versions[i], ct}, err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("failed to encrypt testimony: %w", err)
	}
	return out, nil
}

// onAllCores calls fn for each i from 0 to n-1, on as many goroutines as
// there are cores, and returns when every call has.
func onAllCores(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// maxTargetsPerEntry keeps an audit entry that names many records (a put,
// an export: op.targetParts) well under audit.MaxEntrySize. A variable
// only so that a test can show parts without storing thousands of
// records.
var maxTargetsPerEntry = 1000

// Put stores each testimony as a new record, registers the persons it
// names, and returns the record IDs in the same order, with a note for each
// known witness key that came with a new name (added as an alias). It
// stores all of them or none. Each is checked as a new version
// (checkVersion).
func (v *Vault) Put(ctx context.Context, docs []*testimony.Testimony) ([]string, []service.AliasNote, error) {
	return v.put(ctx, docs, checkVersion)
}

// put is Put with checkDoc, which checks each testimony before anything
// is stored; a test stores a record as tvault did before checkVersion by
// giving CheckNames.
func (v *Vault) put(ctx context.Context, docs []*testimony.Testimony, checkDoc func(file string, doc *testimony.Testimony) error) ([]string, []service.AliasNote, error) {
	type result struct {
		ids   []string
		notes []service.AliasNote
	}
	r, err := do(ctx, v, "put", nil, func(o *op) (result, error) {
		if len(docs) == 0 {
			return result{}, &service.InvalidArgumentError{Arg: "put", Want: "nothing to store"}
		}
		for i, d := range docs {
			if err := checkDoc(fmt.Sprintf("testimony %d", i+1), d); err != nil {
				return result{}, err
			}
		}
		ids := make([]string, len(docs))
		versions := make([]int, len(docs))
		for i := range docs {
			ids[i], versions[i] = newID(), 1
		}
		recips, check, done := v.sealing()
		defer done()
		versionsSealed, err := v.sealAll(docs, ids, versions, recips)
		if err != nil {
			return result{}, err
		}
		o.attr("count", fmt.Sprint(len(ids)))
		earlierParts := o.targetParts(ids)
		now := time.Now().UTC()
		ix := v.searchIndex()
		var notes []service.AliasNote
		err = o.writeRegistry(func(tx store.Tx) error {
			notes = notes[:0] // a retried transaction starts over
			if err := check(tx); err != nil {
				return err
			}
			if err := earlierParts(tx); err != nil {
				return err
			}
			for i, s := range versionsSealed {
				if _, err := tx.Get(indexKey(s.id)); !errors.Is(err, store.ErrNotFound) {
					// 128 random bits do not collide; a hit means a broken
					// random source, and writing on would merge two records.
					return fmt.Errorf("record ID %s already in use", s.id)
				}
				ie := indexEntry{Case: docs[i].Case, Created: now, Sensitivity: docs[i].Sensitivity, Consent: docs[i].Consent, Versions: 1}
				if err := v.writeVersion(tx, s, ie); err != nil {
					return err
				}
				n, err := v.linkPersons(tx, ix, i, fmt.Sprintf("testimony %d", i+1), s.id, docs[i], nil, now, textTerms(ix, docs[i]))
				if err != nil {
					return err
				}
				notes = append(notes, n...)
			}
			return nil
		})
		if err != nil {
			return result{}, fmt.Errorf("failed to store testimonies: %w", err)
		}
		return result{ids, notes}, nil
	})
	return r.ids, r.notes, err
}

// linkPersons registers the persons of doc (record i of a put, file in
// errors), a new version of prev (nil for a new record), links them to
// record id, and indexes doc as the
// record's latest version for search (search.go), with terms, its
// textTerms.
func (v *Vault) linkPersons(tx store.Tx, ix *search.Index, i int, file, id string, doc, prev *testimony.Testimony, now time.Time, terms []search.Term) ([]service.AliasNote, error) {
	links, notes, err := v.registerPersons(tx, i, file, doc, prev, now)
	if err != nil {
		return nil, err
	}
	if err := putJSON(tx, recordLinksKey(id), links); err != nil {
		return nil, err
	}
	return notes, writeSearchTerms(tx, ix, id, doc, terms, links)
}

// Replace stores doc as a new version of record id and returns the new
// version number. Earlier versions stay readable by ExportRaw.
func (v *Vault) Replace(ctx context.Context, id string, doc *testimony.Testimony) (int, []service.AliasNote, error) {
	type result struct {
		version int
		notes   []service.AliasNote
	}
	r, err := do(ctx, v, "put.replace", []target{recordTarget(id)}, func(o *op) (result, error) {
		if err := checkVersion("testimony", doc); err != nil {
			return result{}, err
		}
		var ie indexEntry
		err := o.view(func(tx store.ReadTx) (err error) {
			ie, err = v.readIndex(tx, id)
			return err
		})
		if err != nil {
			return result{}, err
		}
		version := ie.Versions + 1
		o.attr("version", fmt.Sprint(version))
		// The registry learns what the new version changes, not what an
		// old testimony said before later ones: editing a title must not
		// put back a contact that has changed since. A version that does
		// not open is no baseline; the registry then learns it all.
		var prev *testimony.Testimony
		if rec, err := v.open(o.ctx, id); err == nil {
			prev = rec.Testimony
		}
		recips, check, done := v.sealing()
		defer done()
		s, err := v.sealAll([]*testimony.Testimony{doc}, []string{id}, []int{version}, recips)
		if err != nil {
			return result{}, err
		}
		var notes []service.AliasNote
		err = o.writeRegistry(func(tx store.Tx) error {
			if err := check(tx); err != nil {
				return err
			}
			cur, err := v.readIndex(tx, id)
			if err != nil {
				return err
			}
			if cur.Versions != ie.Versions {
				return fmt.Errorf("record %s was replaced concurrently; try again", id)
			}
			cur.Versions, cur.Case, cur.Sensitivity, cur.Consent = version, doc.Case, doc.Sensitivity, doc.Consent
			if err := v.writeVersion(tx, s[0], cur); err != nil {
				return err
			}
			ix := v.searchIndex()
			notes, err = v.linkPersons(tx, ix, 0, "testimony", id, doc, prev, time.Now().UTC(), textTerms(ix, doc))
			return err
		})
		if err != nil {
			return result{}, fmt.Errorf("failed to replace record: %w", err)
		}
		return result{version, notes}, nil
	})
	return r.version, r.notes, err
}

// checkVersion checks doc, a new version, before anything is stored:
// within the bounds of its fields, whoever made it (a caller of Put or
// Replace need not have parsed it), and its names (CheckNames). file
// names it in errors.
func checkVersion(file string, doc *testimony.Testimony) error {
	if _, err := testimony.ParseBytes(file, doc.Canonical()); err != nil {
		return err
	}
	return CheckNames(file, doc)
}

func (v *Vault) writeVersion(tx store.Tx, s sealed, ie indexEntry) error {
	if err := tx.Set(versionKey(s.id, s.version), s.ciphertext); err != nil {
		return err
	}
	return putJSON(tx, indexKey(s.id), ie)
}

func (v *Vault) readIndex(tx store.ReadTx, id string) (indexEntry, error) {
	value, err := tx.Get(indexKey(id))
	return v.decodeIndex(tx, id, value, err)
}

// decodeIndex is readIndex of the index entry value that reading it
// returned with err: a scan of the index hands it over already.
func (v *Vault) decodeIndex(tx store.ReadTx, id string, value []byte, err error) (indexEntry, error) {
	var ie indexEntry
	if err == nil {
		err = decodeJSON(indexKey(id), value, &ie)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		if _, gerr := tx.Get(erasedKey(id)); gerr == nil {
			return ie, &service.ErasedError{ID: id}
		}
		return ie, fmt.Errorf("record %s: %w", id, service.ErrNotFound)
	case errors.Is(err, store.ErrCorrupt):
		return ie, &service.IntegrityError{ID: id, Err: fmt.Errorf("index entry: %w", err)}
	case err != nil:
		return ie, err
	case ie.Versions < 1:
		return ie, &service.IntegrityError{ID: id, Err: errors.New("malformed index entry")}
	case ie.Batch != "":
		ok, err := v.batchCommitted(tx, ie.Batch)
		if err != nil {
			return ie, integrity(id, err)
		}
		if !ok {
			return ie, fmt.Errorf("record %s: %w (%w)", id, service.ErrNotFound, errStaged)
		}
	}
	return ie, nil
}

// Get returns the latest version of record id after checking that it
// decrypts, is bound to id and that version, and matches its hash.
func (v *Vault) Get(ctx context.Context, id string) (*service.Record, error) {
	return do(ctx, v, "get", []target{recordTarget(id)}, func(o *op) (*service.Record, error) {
		if _, err := o.viewFor(policy.ViewFull); err != nil {
			return nil, err
		}
		return v.open(ctx, id)
	})
}

// GetVersion returns version n of record id, verified as Get verifies the
// latest. The entry is a get's, with the version; only a role that may use
// the full view may read one.
func (v *Vault) GetVersion(ctx context.Context, id string, n int) (*service.Record, error) {
	return do(ctx, v, "get", []target{recordTarget(id)}, func(o *op) (*service.Record, error) {
		o.attr("version", fmt.Sprint(n))
		if _, err := o.viewFor(policy.ViewFull); err != nil {
			return nil, err
		}
		var ie indexEntry
		var ct []byte
		err := o.view(func(tx store.ReadTx) (err error) {
			if ie, err = v.readIndex(tx, id); err != nil {
				return err
			}
			if n < 1 || n > ie.Versions {
				return &service.InvalidArgumentError{Arg: "version", Value: fmt.Sprint(n), Want: fmt.Sprintf("record %s has versions 1 to %d", id, ie.Versions)}
			}
			if ie.erased(n) {
				return &service.ErasedError{ID: id, Version: n}
			}
			ct, err = v.versionCiphertext(tx, id, n)
			return err
		})
		if err != nil {
			return nil, err
		}
		return v.decrypt(id, n, ie.Created, ct)
	})
}

// History returns every version of record id: its number, the size of
// its age file, and who stored it and when, from the audit log (the put
// or put.replace entry that names the record, and the version for a
// replace). The log is read whole: versions keep no such metadata of
// their own, and the log has it for every version ever stored.
func (v *Vault) History(ctx context.Context, id string) ([]service.Version, error) {
	return do(ctx, v, "history", []target{recordTarget(id)}, func(o *op) ([]service.Version, error) {
		var out []service.Version
		err := o.view(func(tx store.ReadTx) error {
			ie, err := v.readIndex(tx, id)
			if err != nil {
				return err
			}
			out = make([]service.Version, ie.Versions)
			for i := range out {
				if ie.erased(i + 1) {
					out[i] = service.Version{Version: i + 1, Erased: true}
					continue
				}
				ct, err := v.versionCiphertext(tx, id, i+1)
				if err != nil {
					return err
				}
				out[i] = service.Version{Version: i + 1, Size: len(ct)}
			}
			n, err := audit.Size(tx)
			if err != nil {
				return err
			}
			return audit.ReadEntries(tx, 0, n, func(e *audit.Entry, _ []byte) error {
				if e.Outcome != audit.OutcomeOK || !slices.Contains(e.Targets, id) {
					return nil
				}
				version := 0
				switch e.Action {
				case "put":
					version = 1
				case "put.replace":
					version, _ = strconv.Atoi(e.Attr("version"))
				}
				if version >= 1 && version <= len(out) {
					out[version-1].Time, out[version-1].Actor = e.Time, e.Actor
				}
				return nil
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		return out, err
	})
}

// versionCiphertext reads the age file of version n of record id, which
// the index says exists.
func (v *Vault) versionCiphertext(tx store.ReadTx, id string, n int) ([]byte, error) {
	ct, err := tx.Get(versionKey(id, n))
	if errors.Is(err, store.ErrNotFound) {
		return nil, &service.IntegrityError{ID: id, Err: fmt.Errorf("version %d is missing", n)}
	}
	return ct, integrity(id, err)
}

// open reads, decrypts and verifies the latest version of record id,
// unaudited: callers audit the operation it is part of.
func (v *Vault) open(ctx context.Context, id string) (*service.Record, error) {
	ie, ct, err := v.latest(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.decrypt(id, ie.latest(), ie.Created, ct)
}

// decrypt opens ct, version n of record id, and checks that it is bound
// to both and parses, as stored: a version stored before the bounds of
// the fields still opens.
func (v *Vault) decrypt(id string, n int, created time.Time, ct []byte) (*service.Record, error) {
	body, err := envelope.Open(ct, envelope.Version{ID: id, Version: n}, v.secrets().Identities()...)
	if err != nil {
		return nil, &service.IntegrityError{ID: id, Err: err}
	}
	doc, err := testimony.ParseStored(id, body)
	if err != nil {
		return nil, &service.IntegrityError{ID: id, Err: err}
	}
	return &service.Record{ID: id, Version: n, Created: created, Testimony: doc, Canonical: body}, nil
}

// scanIndex calls fn with every record's index entry, in ID order.
func (v *Vault) scanIndex(tx store.ReadTx, fn func(id string, ie indexEntry) error) error {
	err := tx.Scan([]byte(recordPrefix), func(key, value []byte) error {
		id := string(key[len(recordPrefix):])
		ie, err := v.decodeIndex(tx, id, value, nil)
		if errors.Is(err, errStaged) {
			return nil
		}
		if err != nil {
			return err
		}
		return fn(id, ie)
	})
	// The scan opens each value before fn sees it: a damaged one is the
	// record's integrity error.
	var ce *sealedstore.CorruptError
	if errors.As(err, &ce) && strings.HasPrefix(ce.Key, recordPrefix) {
		return &service.IntegrityError{ID: strings.TrimPrefix(ce.Key, recordPrefix), Err: err}
	}
	return err
}

// List returns a summary of every record the actor's role may see in at
// least one of its views, oldest first, as domain (the default if empty)
// refers to it. A researcher names a domain granted to them, and does not
// learn that a testimony without research consent exists.
func (v *Vault) List(ctx context.Context, domain string) ([]service.Summary, error) {
	var out []service.Summary
	err := v.ListRecords(ctx, service.ListOptions{Domain: domain}, func(s service.Summary) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// listPass is how many summaries a pass over the record index of
// ListRecords selects, and memory holds at most (about 10 MiB): a listing
// of n records scans the index n/listPass times (once for 50,000 records;
// each scan opens and decodes every index entry, most of a list's CPU).
var listPass = 65536

// ListRecords calls fn with the summaries List returns, in its order, as
// o selects them (service.ListOptions). Record IDs are random, so the
// order is not the index's: each pass over the index selects the next
// summaries in order, at most o.Limit or listPass, each on a snapshot of
// its own (a record stored or erased during a long listing may be listed
// or not). The entry, with the count of records the first pass found to
// list, is committed before fn sees the first.
func (v *Vault) ListRecords(ctx context.Context, lo service.ListOptions, fn func(service.Summary) error) error {
	_, err := do(ctx, v, "list", nil, func(o *op) (struct{}, error) {
		if lo.Limit < 0 {
			return struct{}{}, &service.InvalidArgumentError{Arg: "limit", Value: fmt.Sprint(lo.Limit), Want: "want 0 (all) or more"}
		}
		rf, err := o.domain(lo.Domain)
		if err != nil {
			return struct{}{}, err
		}
		visible := o.visible()
		var after *service.Summary
		for listed := 0; lo.Limit == 0 || listed < lo.Limit; {
			want := listPass
			if lo.Limit > 0 {
				want = min(want, lo.Limit-listed)
			}
			p := page{after: after, max: want}
			err := o.view(func(tx store.ReadTx) error {
				w, err := v.withdrawals(tx)
				if err != nil {
					return err
				}
				if !o.recorded {
					if p.after, err = o.listCursor(tx, rf, w, visible, lo.After); err != nil {
						return err
					}
				}
				return v.scanIndex(tx, func(id string, ie indexEntry) error {
					c, err := v.consentOf(tx, w, id, ie.Consent)
					if err != nil || !visible(c) {
						return err
					}
					p.add(rf.summary(id, ie))
					return nil
				})
			})
			var ia *service.InvalidArgumentError
			if err != nil && !errors.As(err, &ia) {
				err = o.answerIndex(rf, fmt.Errorf("failed to list records: %w", err))
			}
			if err != nil {
				return struct{}{}, err
			}
			items := p.items()
			if !o.recorded {
				total := p.seen
				if lo.Limit > 0 {
					total = min(total, lo.Limit)
				}
				o.attr("count", fmt.Sprint(total))
				if err := o.commit(); err != nil {
					return struct{}{}, err
				}
			}
			for _, s := range items {
				if err := fn(s); err != nil {
					return struct{}{}, err
				}
			}
			listed += len(items)
			if len(items) < want {
				break
			}
			after = &items[len(items)-1]
		}
		return struct{}{}, nil
	})
	return err
}

// listCursor returns the summary of record ref, as rf refers to it, for a
// listing that resumes after it: nil for an empty ref. ref is a record ID,
// or in a domain that names records by pseudonym, a pseudonym; a record
// that the actor could not list is an invalid argument, whatever the
// reason, as for a missing record.
func (o *op) listCursor(tx store.ReadTx, rf refs, w withdrawals, visible func(testimony.Consent) bool, ref string) (*service.Summary, error) {
	if ref == "" {
		return nil, nil
	}
	bad := &service.InvalidArgumentError{Arg: "after", Want: "want the last record of an earlier page of this listing, as it named it"}
	id := ref
	if rf.unlinkable() {
		var err error
		if id, _, err = o.decipher(rf, ref); err != nil {
			return nil, bad
		}
	} else if checkID(ref) != nil {
		return nil, bad
	} else {
		o.target(id)
	}
	ie, err := o.v.readIndex(tx, id)
	var erased *service.ErasedError
	if errors.Is(err, service.ErrNotFound) || errors.As(err, &erased) {
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	c, err := o.v.consentOf(tx, w, id, ie.Consent)
	if err != nil {
		return nil, err
	}
	if !visible(c) {
		return nil, bad
	}
	s := rf.summary(id, ie)
	return &s, nil
}

// A page selects, from summaries added in any order, the first max of
// those that come after the cursor after (all if nil), in List's order,
// holding no more than max at a time: sel is a heap whose root is the
// last in that order, which a summary that comes before it replaces.
type page struct {
	after *service.Summary
	max   int
	sel   []service.Summary
	seen  int // summaries added after the cursor
}

func (p *page) add(s service.Summary) {
	if p.after != nil && compareSummaries(s, *p.after) <= 0 {
		return
	}
	p.seen++
	switch {
	case len(p.sel) < p.max:
		p.sel = append(p.sel, s)
		p.up(len(p.sel) - 1)
	case compareSummaries(s, p.sel[0]) < 0:
		p.sel[0] = s
		p.down(0)
	}
}

// up moves sel[i] towards the root while it comes after its parent.
func (p *page) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if compareSummaries(p.sel[i], p.sel[parent]) <= 0 {
			return
		}
		p.sel[i], p.sel[parent] = p.sel[parent], p.sel[i]
		i = parent
	}
}

// down moves sel[i] away from the root while a child comes after it.
func (p *page) down(i int) {
	for {
		last, l := i, 2*i+1
		if l < len(p.sel) && compareSummaries(p.sel[l], p.sel[last]) > 0 {
			last = l
		}
		if r := l + 1; r < len(p.sel) && compareSummaries(p.sel[r], p.sel[last]) > 0 {
			last = r
		}
		if last == i {
			return
		}
		p.sel[i], p.sel[last] = p.sel[last], p.sel[i]
		i = last
	}
}

// items returns the page's summaries, in order.
func (p *page) items() []service.Summary {
	slices.SortFunc(p.sel, compareSummaries)
	return p.sel
}

// visible returns whether the actor's role may see a testimony with
// consent c in at least one of its views, under the policy in force now.
func (o *op) visible() func(c testimony.Consent) bool {
	pol := o.v.policy()
	return func(c testimony.Consent) bool {
		for _, name := range pol.Roles[o.e.Role].Views {
			if consentOK(o.e.Role, pol.Views[name], c) {
				return true
			}
		}
		return false
	}
}

// ExportRaw returns the age ciphertext of the latest version of record id,
// which the vault's identity and every escrow identity can decrypt.
func (v *Vault) ExportRaw(ctx context.Context, id string) ([]byte, error) {
	return do(ctx, v, "export-raw", []target{recordTarget(id)}, func(o *op) ([]byte, error) {
		_, ct, err := v.latest(ctx, id)
		return ct, err
	})
}

// latest reads the index entry and the ciphertext of the latest version.
func (v *Vault) latest(ctx context.Context, id string) (ie indexEntry, ct []byte, err error) {
	err = v.store.View(ctx, func(tx store.ReadTx) (err error) {
		if ie, err = v.readIndex(tx, id); err != nil {
			return err
		}
		ct, err = v.versionCiphertext(tx, id, ie.latest())
		return err
	})
	err = integrity(id, err)
	return ie, ct, err
}
