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

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// Erasure (GDPR Art. 17, the Murad Code's withdrawal): Erase removes a
// record, a version or an attachment for good, in two steps.
//
// The first is one audited write: it deletes the keys (so the log's
// manifest commits to their deletion, and Check still replays the log to
// the store), marks an erased record under gone/<id> with the time, so
// that officers are told it was erased rather than never held, and lists
// what storage must still forget under erase/pending.
//
// The second makes storage forget: it removes the attachments' blobs
// (fsblob unlinks the files) and asks the raw store to purge the deleted
// keys if it can (badgerstore.Store.Purge drops them from every table,
// value log and write-ahead log, and proves it), then clears
// erase/pending in a write recorded as "erase.purged". If it fails, Erase
// says so; the list stays, and the next Erase or the next open finishes
// it. A store that cannot purge (memstore, pgstore: see SECURITY.md for
// what PostgreSQL keeps of deleted rows until VACUUM) has deleted the keys.
//
// Persons whom no remaining record names are erased with a record: their
// registry entry, blind index, pseudonym index and consent changes.

// erasedMark is the sealed value under gone/<id>.
type erasedMark struct {
	Time time.Time `json:"time"`
}

// pendingPurge is the sealed value under erase/pending: store key
// prefixes to purge and blobs to remove.
type pendingPurge struct {
	Prefixes []string `json:"prefixes,omitempty"`
	Blobs    []string `json:"blobs,omitempty"`
}

// purger is a raw store that can remove every trace of deleted keys from
// its files (badgerstore).
type purger interface {
	Purge(ctx context.Context, prefixes [][]byte) error
}

// Erase implements service.Records.
func (v *Vault) Erase(ctx context.Context, id string, eo service.EraseOptions) (*service.Erasure, error) {
	return v.erase1(ctx, id, eo, true)
}

// erase1 is one erase operation; with purge, it finishes the pending
// erasures, or leaves that to its caller, which erases several.
func (v *Vault) erase1(ctx context.Context, id string, eo service.EraseOptions, purge bool) (*service.Erasure, error) {
	targets := []target{recordTarget(id)}
	if eo.Attachment != "" {
		targets = append(targets, attachmentTarget(eo.Attachment))
	}
	return do(ctx, v, "erase", targets, func(o *op) (*service.Erasure, error) {
		switch {
		case eo.Version != 0 && eo.Attachment != "":
			return nil, &service.InvalidArgumentError{Arg: "erase", Want: "a version or an attachment, not both"}
		case eo.Version < 0:
			return nil, &service.InvalidArgumentError{Arg: "version", Value: fmt.Sprint(eo.Version), Want: "want a version from 1"}
		}
		if eo.Version > 0 {
			o.attr("version", fmt.Sprint(eo.Version))
		}
		if err := o.purpose("reason", eo.Reason); err != nil {
			return nil, err
		}
		if strings.TrimSpace(eo.Reason) == "" {
			return nil, &service.InvalidArgumentError{Arg: "reason", Want: "a reason is required to erase"}
		}
		var er *service.Erasure
		err := o.writeRegistry(func(tx store.Tx) (err error) {
			er, err = v.erase(tx, id, eo)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("failed to erase: %w", err)
		}
		if !purge {
			return er, nil
		}
		if err := v.finishErasures(o.ctx, o.e); err != nil {
			return nil, fmt.Errorf("record %s is erased, but storage still holds some of it (the next erase or open purges it again): %w", id, err)
		}
		return er, nil
	})
}

// erase deletes, in tx, what eo names of record id and adds it to the
// pending purge.
func (v *Vault) erase(tx store.Tx, id string, eo service.EraseOptions) (*service.Erasure, error) {
	ie, err := v.readIndex(tx, id)
	if err != nil {
		return nil, err
	}
	er := &service.Erasure{ID: id, Version: eo.Version, Attachment: eo.Attachment}
	var pp pendingPurge
	del := func(prefix []byte) error {
		pp.Prefixes = append(pp.Prefixes, string(prefix))
		return tx.Delete(prefix)
	}
	switch {
	case eo.Attachment != "":
		var m attachmentMeta
		err := getJSON(tx, attachmentKey(id, eo.Attachment), &m)
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("attachment %s of record %s: %w", eo.Attachment, id, service.ErrNoAttachment)
		}
		if err != nil {
			return nil, integrity(id, err)
		}
		pp.Blobs = append(pp.Blobs, m.Blob)
		er.Attachments = 1
		if err := del(attachmentKey(id, eo.Attachment)); err != nil {
			return nil, err
		}
	case eo.Version > 0:
		if eo.Version > ie.Versions {
			return nil, &service.InvalidArgumentError{Arg: "version", Value: fmt.Sprint(eo.Version), Want: fmt.Sprintf("record %s has versions 1 to %d", id, ie.Versions)}
		}
		if ie.erased(eo.Version) {
			return nil, &service.ErasedError{ID: id, Version: eo.Version}
		}
		if len(ie.Erased)+1 == ie.Versions {
			return nil, &service.InvalidArgumentError{Arg: "version", Value: fmt.Sprint(eo.Version), Want: "it is the record's only version left: erase the record"}
		}
		latest := eo.Version == ie.latest()
		ie.Erased = append(ie.Erased, eo.Version)
		slices.Sort(ie.Erased)
		er.Versions = 1
		if err := del(versionKey(id, eo.Version)); err != nil {
			return nil, err
		}
		if err := putJSON(tx, indexKey(id), ie); err != nil {
			return nil, err
		}
		// The search entry indexes the latest version: now an earlier
		// one. (The replaced entry holds only keyed terms; Badger keeps
		// it until its tables are compacted.)
		if latest {
			if err := v.reindexSearch(tx, id, ie); err != nil {
				return nil, integrity(id, err)
			}
		}
	default:
		for n := 1; n <= ie.Versions; n++ {
			if !ie.erased(n) {
				er.Versions++
			}
			if err := del(versionKey(id, n)); err != nil {
				return nil, err
			}
		}
		err := tx.Scan(attachmentPrefix(id), func(key, _ []byte) error {
			var m attachmentMeta
			if err := getJSON(tx, key, &m); err != nil {
				return err
			}
			pp.Blobs = append(pp.Blobs, m.Blob)
			er.Attachments++
			return del(key)
		})
		if err != nil {
			return nil, integrity(id, err)
		}
		if er.Persons, err = v.erasePersons(tx, id, del); err != nil {
			return nil, integrity(id, err)
		}
		for _, k := range [][]byte{indexKey(id), recordLinksKey(id), searchKey(id)} {
			if err := del(k); err != nil {
				return nil, err
			}
		}
		if err := putJSON(tx, erasedKey(id), erasedMark{Time: time.Now().UTC()}); err != nil {
			return nil, err
		}
	}
	return er, addPending(tx, pp)
}

// erasePersons deletes with del the persons that record id names, and
// those merged into them, whom no other record names, and returns how
// many. A record names the person it links to and every person that one
// was merged into; a person merged into a person a record names is named
// too.
func (v *Vault) erasePersons(tx store.Tx, id string, del func([]byte) error) (int, error) {
	persons := map[string]*person{}
	err := tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
		var p person
		if err := getJSON(tx, key, &p); err != nil {
			return err
		}
		persons[p.ID] = &p
		return nil
	})
	if err != nil {
		return 0, err
	}
	// chain calls fn with pid and every person it was merged into.
	chain := func(pid string, fn func(string)) error {
		for range 64 {
			p, ok := persons[pid]
			if !ok {
				return fmt.Errorf("%w: dangling person link", store.ErrCorrupt)
			}
			fn(pid)
			if p.MergedInto == "" {
				return nil
			}
			pid = p.MergedInto
		}
		return fmt.Errorf("%w: merge chain too long", store.ErrCorrupt)
	}
	named := map[string]bool{}  // by a record that stays
	erased := map[string]bool{} // candidates first
	own := string(recordLinksKey(id))
	err = tx.Scan([]byte("rper/"), func(key, _ []byte) error {
		var links []personLink
		if err := getJSON(tx, key, &links); err != nil {
			return err
		}
		set := named
		if string(key) == own {
			set = erased
		}
		for _, l := range links {
			if err := chain(l.PersonID, func(pid string) { set[pid] = true }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// A person merged into one a remaining record names is that person
	// (its key resolves there): named too.
	for pid := range persons {
		hit := false
		if err := chain(pid, func(q string) { hit = hit || named[q] }); err != nil {
			return 0, err
		}
		if hit {
			named[pid] = true
		}
	}
	for pid := range erased {
		if named[pid] {
			delete(erased, pid)
		}
	}
	// Persons merged into an erased one, whom nothing names either.
	for more := true; more; {
		more = false
		for pid, p := range persons {
			if erased[p.MergedInto] && !erased[pid] && !named[pid] {
				erased[pid], more = true, true
			}
		}
	}
	pz := v.pseudonymizer("")
	for _, pid := range slices.Sorted(func(yield func(string) bool) {
		for pid := range erased {
			if !yield(pid) {
				return
			}
		}
	}) {
		sk := v.secrets()
		gone := [][]byte{personKey(pid), v.blindIndexKey(sk.Root, persons[pid].Key), pseudonymKey(pz.Of(pid)), personConsentKey(pid)}
		if sk.Next != nil {
			// During a rekey, the blind index under the next root too.
			gone = append(gone, v.blindIndexKey(sk.Next.Root, persons[pid].Key))
		}
		for _, k := range gone {
			if err := del(k); err != nil {
				return 0, err
			}
		}
	}
	return len(erased), nil
}

// addPending adds pp to the pending purge in tx.
func addPending(tx store.Tx, pp pendingPurge) error {
	cur, err := readPendingPurge(tx)
	if err != nil {
		return err
	}
	cur.Prefixes = append(cur.Prefixes, pp.Prefixes...)
	cur.Blobs = append(cur.Blobs, pp.Blobs...)
	return putJSON(tx, erasePendingKey, cur)
}

func readPendingPurge(tx store.ReadTx) (pendingPurge, error) {
	var pp pendingPurge
	err := getJSON(tx, erasePendingKey, &pp)
	if errors.Is(err, store.ErrNotFound) {
		err = nil
	}
	return pp, err
}

// finishErasures purges what erase/pending lists and then clears it, in
// a write recorded as "erase.purged" by the actor of parent.
func (v *Vault) finishErasures(ctx context.Context, parent *audit.Entry) error {
	ctx = context.WithoutCancel(ctx)
	var pp pendingPurge
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		pp, err = readPendingPurge(tx)
		return err
	})
	if err != nil || len(pp.Prefixes)+len(pp.Blobs) == 0 {
		return err
	}
	for _, name := range pp.Blobs {
		if err := v.blobs.Remove(ctx, name); err != nil {
			return fmt.Errorf("failed to remove an erased attachment's file: %w", err)
		}
	}
	if p, ok := v.raw.(purger); ok {
		prefixes := make([][]byte, len(pp.Prefixes))
		for i, s := range pp.Prefixes {
			prefixes[i] = []byte(s)
		}
		if err := p.Purge(ctx, prefixes); err != nil {
			return err
		}
	}
	e := &audit.Entry{Actor: parent.Actor, Role: parent.Role, Transport: parent.Transport, RequestID: parent.RequestID,
		Action: "erase.purged", Targets: parent.Targets, Outcome: audit.OutcomeOK}
	e.SetAttr("keys", fmt.Sprint(len(pp.Prefixes)))
	e.SetAttr("blobs", fmt.Sprint(len(pp.Blobs)))
	return v.audit.Submit(ctx, e, func(tx store.Tx) error {
		cur, err := readPendingPurge(tx)
		if err != nil {
			return err
		}
		// What another erase added meanwhile stays for its own purge.
		cur.Prefixes = slices.DeleteFunc(cur.Prefixes, func(s string) bool { return slices.Contains(pp.Prefixes, s) })
		cur.Blobs = slices.DeleteFunc(cur.Blobs, func(s string) bool { return slices.Contains(pp.Blobs, s) })
		if len(cur.Prefixes)+len(cur.Blobs) == 0 {
			return tx.Delete(erasePendingKey)
		}
		return putJSON(tx, erasePendingKey, cur)
	})
}

// finishPendingErasures finishes, at open, the erasures that a crash or
// a failure left unpurged, as the vault's own actor.
func (v *Vault) finishPendingErasures(ctx context.Context) error {
	req := make([]byte, 8)
	rand.Read(req)
	e := &audit.Entry{Actor: "tvault", Transport: "local", RequestID: hex.EncodeToString(req)}
	if err := v.finishErasures(ctx, e); err != nil {
		return fmt.Errorf("failed to finish an erasure: %w", err)
	}
	return nil
}

// erasedAnswer is how do answers err when it says a record, or a version,
// was erased: as it is to an actor who may erase, as a missing record
// to anyone else, and the log records the truth. An answer chosen
// already (a record asked for by its pseudonym is answered by it, never
// by its ID) stands.
func (o *op) erasedAnswer(err error) error {
	var ee *service.ErasedError
	var ce *concealedError
	if !errors.As(err, &ee) || errors.As(err, &ce) || o.toldErased() {
		return err
	}
	return o.conceal(err, fmt.Errorf("record %s: %w", ee.ID, service.ErrNotFound))
}

// toldErased reports whether o's actor is told that a record was erased,
// rather than that it does not exist: only those who may erase are.
func (o *op) toldErased() bool {
	return o.e.Transport == service.LocalOperator.Transport || o.v.policy().Allows(o.e.Role, "erase")
}

// erased reports whether version n of the record was erased.
func (ie indexEntry) erased(n int) bool {
	_, ok := slices.BinarySearch(ie.Erased, n)
	return ok
}

// latest returns the latest version of the record that is not erased.
func (ie indexEntry) latest() int {
	n := ie.Versions
	for n > 1 && ie.erased(n) {
		n--
	}
	return n
}
