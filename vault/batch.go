package vault

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/vault/search"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// A batch put (PutBatch) stores any number of testimonies in bounded
// memory, all or none. It stages them a chunk at a time: each chunk is
// one audited write, as any write is, of the records' versions, index
// entries (marked with the batch's ID), person links, search entries and
// registry changes, and of an undo journal, stage/<batch>/<part>, that
// holds what each key it wrote held before. A record whose index entry
// names a batch is visible only once batch/<batch> exists (readIndex):
// the commit is one small write of that marker, which deletes the
// journals. A batch that fails is swept: each journal, last first, puts
// back what its chunk changed, in an audited write of its own; a batch
// that a crash cut off is swept when the vault is next opened.

// batchChunk is how many testimonies a chunk of a batch put stages in one
// transaction: small enough for any backend's transaction, and to keep
// about three chunks in memory (sealed, being staged, being read). Tests
// make it smaller.
var batchChunk = 500

// errStaged marks the index entry of a record whose batch put has not
// committed: as absent as a missing record to every reader.
var errStaged = errors.New("staged by a batch put that has not committed")

func batchKey(id string) []byte { return []byte("batch/" + id) }

func stagePrefix(batch string) []byte { return []byte("stage/" + batch + "/") }

func stageKey(batch string, part int) []byte {
	return fmt.Appendf(nil, "stage/%s/%08d", batch, part)
}

// batchMark is the value of batch/<id>: the batch committed.
type batchMark struct {
	Count     int       `json:"count"`
	Committed time.Time `json:"committed"`
}

// undo is one key of a chunk's journal: the value it held before the
// chunk wrote it, or Absent.
type undo struct {
	Key    string `json:"key"`
	Prior  []byte `json:"prior,omitempty"`
	Absent bool   `json:"absent,omitempty"`
}

// journalTx records the value each key held before its first write in the
// transaction, so that the chunk's journal can put it back. It reads a key
// for that only if the transaction has not read it already, nor been told
// that it held nothing (markFresh): most keys a chunk writes are under
// IDs it has just drawn, and reading each was a tenth of a batch's
// staging.
type journalTx struct {
	store.Tx
	seen    map[string]bool
	known   map[string]undo // what keys held before any write, as read
	journal []undo
}

func newJournalTx(tx store.Tx) *journalTx {
	return &journalTx{Tx: tx, seen: make(map[string]bool), known: make(map[string]undo)}
}

// markFresh tells tx, if it journals, that keys held nothing before it:
// keys under an ID that the caller has just drawn and found unused.
func markFresh(tx store.Tx, keys ...[]byte) {
	if t, ok := tx.(*journalTx); ok {
		for _, k := range keys {
			if !t.seen[string(k)] {
				t.known[string(k)] = undo{Key: string(k), Absent: true}
			}
		}
	}
}

func (t *journalTx) Get(key []byte) ([]byte, error) {
	value, err := t.Tx.Get(key)
	if k := string(key); !t.seen[k] {
		switch {
		case errors.Is(err, store.ErrNotFound):
			t.known[k] = undo{Key: k, Absent: true}
		case err == nil:
			t.known[k] = undo{Key: k, Prior: value}
		}
	}
	return value, err
}

func (t *journalTx) before(key []byte) error {
	if t.seen[string(key)] {
		return nil
	}
	u, ok := t.known[string(key)]
	if !ok {
		prior, err := t.Tx.Get(key)
		switch {
		case errors.Is(err, store.ErrNotFound):
			u = undo{Key: string(key), Absent: true}
		case err != nil:
			return err
		default:
			u = undo{Key: string(key), Prior: prior}
		}
	}
	t.journal = append(t.journal, u)
	t.seen[string(key)] = true
	delete(t.known, string(key))
	return nil
}

func (t *journalTx) Set(key, value []byte) error {
	if err := t.before(key); err != nil {
		return err
	}
	return t.Tx.Set(key, value)
}

func (t *journalTx) Delete(key []byte) error {
	if err := t.before(key); err != nil {
		return err
	}
	return t.Tx.Delete(key)
}

// batchItem is one testimony of a batch on its way to the store.
type batchItem struct {
	name   string
	data   []byte
	doc    *testimony.Testimony
	terms  []search.Term // doc's textTerms
	sealed sealed
	err    error
}

// chunk is a part of a batch: its testimonies, sealed or with their
// error, the batch index of the first, and whether it is the last.
type chunk struct {
	items []batchItem
	first int
	last  bool
}

// PutBatch stores every testimony that next yields as a new record, all
// or none, and returns their IDs in the order given, with the alias notes
// of Put (Record is the testimony's index in the batch). It holds a few
// chunks of testimonies in memory whatever the batch's size, parses and
// encrypts on all cores, and stops at the first testimony that does not
// parse or cannot be stored, before committing anything: the error names
// it. A batch of one chunk is stored in one write, audited as Put's is;
// a larger one is staged, and audited as "put" with the batch's ID, one
// entry per staged chunk (naming its records, phase=stage) and one for
// the commit, or for each chunk swept after a failure (phase=sweep).
func (v *Vault) PutBatch(ctx context.Context, next service.BatchSource) ([]string, []service.AliasNote, error) {
	type result struct {
		ids   []string
		notes []service.AliasNote
	}
	r, err := do(ctx, v, "put", nil, func(o *op) (result, error) {
		// The recipients stay those of the whole batch: an escrow change
		// or rekey waits for it (sealing). Put takes the same locks in
		// the same order.
		recips, check, done := v.sealing()
		defer done()
		v.registryMu.Lock()
		defer v.registryMu.Unlock()
		batch := newID()
		var r result
		parts := 0
		err := v.readBatch(ctx, next, recips, func(c chunk) error {
			ids := make([]string, len(c.items))
			for i, it := range c.items {
				ids[i] = it.sealed.id
			}
			if c.first == 0 && c.last {
				// One chunk needs no stage: its write commits it.
				o.attr("count", fmt.Sprint(len(ids)))
				o.target(ids...)
				err := o.write(func(tx store.Tx) (err error) {
					r.ids = ids
					r.notes, err = v.writeChunk(tx, c, "", check)
					return err
				})
				if err != nil {
					return fmt.Errorf("failed to store testimonies: %w", err)
				}
				return nil
			}
			parts++
			o.attr("batch", batch)
			notes, err := v.stageChunk(o, batch, parts, c, ids, check)
			if err != nil {
				return fmt.Errorf("failed to store testimonies: %w", err)
			}
			r.ids = append(r.ids, ids...)
			r.notes = append(r.notes, notes...)
			return nil
		})
		switch {
		case err == nil && len(r.ids) == 0:
			return result{}, &service.InvalidArgumentError{Arg: "put", Want: "nothing to store"}
		case err == nil && parts == 0:
			return r, nil
		case err == nil:
			o.attr("count", fmt.Sprint(len(r.ids)))
			o.attr("parts", fmt.Sprint(parts))
			err = o.write(func(tx store.Tx) error {
				if err := putJSON(tx, batchKey(batch), batchMark{Count: len(r.ids), Committed: time.Now().UTC()}); err != nil {
					return err
				}
				return deleteJournals(tx, batch)
			})
			if err == nil {
				return r, nil
			}
			err = fmt.Errorf("failed to store testimonies: %w", err)
		}
		if parts > 0 {
			if serr := v.sweepBatch(context.WithoutCancel(ctx), o.e, batch); serr != nil {
				err = fmt.Errorf("%w; and failed to remove what it staged, which the next open removes: %w", err, serr)
			}
		}
		return result{}, err
	})
	return r.ids, r.notes, err
}

// readBatch reads the testimonies of next a chunk at a time, parses,
// checks and seals each chunk on all cores while the previous one is
// stored, and calls put with each chunk in order. It stops at the first
// error, of next, of a testimony or of put.
func (v *Vault) readBatch(ctx context.Context, next service.BatchSource, recips []age.Recipient, put func(chunk) error) error {
	chunks := make(chan chunk, 1)
	quit := make(chan struct{})
	var readErr error
	go func() {
		defer close(chunks)
		var ahead *batchItem // read to learn whether a full chunk is the last
		for first := 0; ; {
			c := chunk{items: make([]batchItem, 0, batchChunk), first: first}
			if ahead != nil {
				c.items, ahead = append(c.items, *ahead), nil
			}
			for ahead == nil && !c.last {
				if stopped(quit) {
					return
				}
				name, data, err := next()
				switch {
				case errors.Is(err, io.EOF):
					c.last = true
				case err != nil:
					readErr = err
					return
				case len(c.items) == batchChunk:
					ahead = &batchItem{name: name, data: data}
				default:
					c.items = append(c.items, batchItem{name: name, data: data})
				}
			}
			if len(c.items) == 0 || stopped(quit) {
				return
			}
			v.sealChunk(c.items, recips)
			select {
			case chunks <- c:
			case <-quit:
				return
			}
			if c.last {
				return
			}
			first += len(c.items)
		}
	}()
	defer func() {
		close(quit)
		for range chunks {
		}
	}()
	for c := range chunks {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, it := range c.items {
			if it.err != nil {
				return it.err
			}
		}
		if err := put(c); err != nil {
			return err
		}
	}
	return readErr
}

// stopped reports whether quit is closed.
func stopped(quit <-chan struct{}) bool {
	select {
	case <-quit:
		return true
	default:
		return false
	}
}

// sealChunk parses, checks and seals the items of chunk on all cores,
// each under a new record ID, and sets each item's sealed version and
// search terms, or its error.
func (v *Vault) sealChunk(chunk []batchItem, recips []age.Recipient) {
	// An Index is for one goroutine at a time, and keeps every term it
	// made: the words that testimonies share are made once a chunk.
	indexes := sync.Pool{New: func() any { return v.searchIndex() }}
	onAllCores(len(chunk), func(i int) {
		it := &chunk[i]
		it.doc, it.err = testimony.ParseBytes(it.name, it.data)
		if it.err == nil {
			it.err = CheckNames(it.name, it.doc)
		}
		if it.err != nil {
			return
		}
		ver := envelope.Version{ID: newID(), Version: 1}
		ct, err := envelope.Seal(ver, it.doc.Canonical(), recips...)
		if err != nil {
			it.err = fmt.Errorf("failed to encrypt testimony: %w", err)
			return
		}
		it.sealed, it.data = sealed{ver.ID, 1, ct}, nil
		ix := indexes.Get().(*search.Index)
		it.terms = textTerms(ix, it.doc)
		indexes.Put(ix)
	})
}

// stageChunk writes the records of c, part part of batch, hidden until
// the batch commits, with the journal that undoes it, in one audited
// write that names them (ids), checked by check (sealing).
func (v *Vault) stageChunk(o *op, batch string, part int, c chunk, ids []string, check func(store.ReadTx) error) ([]service.AliasNote, error) {
	e := stageEntry(o.e, "stage", part)
	e.Targets = ids
	var notes []service.AliasNote
	err := v.audit.Submit(o.ctx, e, func(tx store.Tx) (err error) {
		jt := newJournalTx(tx)
		if notes, err = v.writeChunk(jt, c, batch, check); err != nil {
			return err
		}
		return putJSON(tx, stageKey(batch, part), jt.journal)
	})
	return notes, err
}

// writeChunk writes the records of c, of batch (none: "") in tx, and
// registers their persons, once check (sealing) passes in tx.
func (v *Vault) writeChunk(tx store.Tx, c chunk, batch string, check func(store.ReadTx) error) ([]service.AliasNote, error) {
	if err := check(tx); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	ix := v.searchIndex()
	var notes []service.AliasNote
	for i, it := range c.items {
		if _, err := tx.Get(indexKey(it.sealed.id)); !errors.Is(err, store.ErrNotFound) {
			// As in Put: a hit means a broken random source.
			return nil, fmt.Errorf("record ID %s already in use", it.sealed.id)
		}
		// Nothing of a record is left without its index entry (an erased
		// one keeps only gone/<id>).
		markFresh(tx, versionKey(it.sealed.id, 1), recordLinksKey(it.sealed.id), searchKey(it.sealed.id))
		d := it.doc
		ie := indexEntry{Case: d.Case, Created: now, Sensitivity: d.Sensitivity, Consent: d.Consent, Versions: 1, Batch: batch}
		if err := v.writeVersion(tx, it.sealed, ie); err != nil {
			return nil, err
		}
		n, err := v.linkPersons(tx, ix, c.first+i, it.name, it.sealed.id, d, nil, now, it.terms)
		if err != nil {
			return nil, err
		}
		notes = append(notes, n...)
	}
	return notes, nil
}

// stageEntry is the entry of one chunk of a batch put's stage or sweep:
// the operation's own, with the phase and part.
func stageEntry(op *audit.Entry, phase string, part int) *audit.Entry {
	e := &audit.Entry{Actor: op.Actor, Role: op.Role, Transport: op.Transport, RequestID: op.RequestID,
		Action: op.Action, Purpose: op.Purpose, Outcome: audit.OutcomeOK}
	for _, a := range op.Attrs {
		e.SetAttr(a.Key, a.Value)
	}
	e.SetAttr("phase", phase)
	e.SetAttr("part", fmt.Sprint(part))
	return e
}

func deleteJournals(tx store.Tx, batch string) error {
	var keys [][]byte
	if err := tx.Scan(stagePrefix(batch), func(key, _ []byte) error {
		keys = append(keys, key)
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// sweepBatch undoes what batch staged, one journal at a time from the
// last, each in an audited write whose entry is of's with phase=sweep.
func (v *Vault) sweepBatch(ctx context.Context, of *audit.Entry, batch string) error {
	for {
		var key []byte
		err := v.store.View(ctx, func(tx store.ReadTx) error {
			return tx.Scan(stagePrefix(batch), func(k, _ []byte) error {
				key = k // the last, in key order
				return nil
			})
		})
		if err != nil || key == nil {
			return err
		}
		var part int
		if _, err := fmt.Sscanf(string(key[len(stagePrefix(batch)):]), "%d", &part); err != nil {
			return fmt.Errorf("%w: malformed stage key %q", store.ErrCorrupt, key)
		}
		e := stageEntry(of, "sweep", part)
		e.SetAttr("batch", batch)
		err = v.audit.Submit(ctx, e, func(tx store.Tx) error {
			var journal []undo
			if err := getJSON(tx, key, &journal); err != nil {
				return err
			}
			for _, u := range journal {
				var err error
				if u.Absent {
					err = tx.Delete([]byte(u.Key))
				} else {
					err = tx.Set([]byte(u.Key), u.Prior)
				}
				if err != nil {
					return err
				}
			}
			return tx.Delete(key)
		})
		if err != nil {
			return err
		}
	}
}

// sweepStaged sweeps every batch put that a crash left staged. The
// store's lock is held, so no batch put is under way.
func (v *Vault) sweepStaged(ctx context.Context) error {
	batches := map[string]bool{}
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("stage/"), func(k, _ []byte) error {
			b, _, _ := strings.Cut(strings.TrimPrefix(string(k), "stage/"), "/")
			batches[b] = true
			return nil
		})
	})
	if err != nil || len(batches) == 0 {
		return err
	}
	req := make([]byte, 8)
	rand.Read(req)
	e := &audit.Entry{Actor: "tvault", Transport: "local", RequestID: hex.EncodeToString(req), Action: "put"}
	for b := range batches {
		if err := v.sweepBatch(ctx, e, b); err != nil {
			return fmt.Errorf("failed to remove an unfinished batch put: %w", err)
		}
	}
	return nil
}

// writeRegistry is write for an operation that writes records or the
// person registry, which waits for a batch put under way: the batch's
// sweep puts back what the registry held before it, and must not undo
// or orphan what another write did meanwhile.
func (o *op) writeRegistry(fn func(tx store.Tx) error) error {
	o.v.registryMu.RLock()
	defer o.v.registryMu.RUnlock()
	return o.write(fn)
}

// batchCommitted reports whether batch put batch has committed, as tx
// sees it. A commit is never undone, so it is remembered.
func (v *Vault) batchCommitted(tx store.ReadTx, batch string) (bool, error) {
	if _, ok := v.committed.Load(batch); ok {
		return true, nil
	}
	_, err := tx.Get(batchKey(batch))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	v.committed.Store(batch, true)
	return true, nil
}
