package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// inForce is the policy in force with its hash, computed once: every
// view and every denial records the hash, and computing it encodes the
// whole policy. raw is the policy as stored, nil for the built-in one,
// which refresh compares with the store's.
type inForce struct {
	*policy.Policy
	hash string
	raw  []byte
}

// Hash returns the hash of the policy (policy.Policy.Hash).
func (f *inForce) Hash() string { return f.hash }

// policy returns the policy in force.
func (v *Vault) policy() *inForce { return v.pol.Load() }

// putInForce makes p, stored as raw, the policy in force.
func (v *Vault) putInForce(p *policy.Policy, raw []byte) {
	v.pol.Store(&inForce{p, p.Hash(), raw})
}

// loadPolicy reads the stored policy, or the built-in one, and puts it in
// force.
func (v *Vault) loadPolicy(ctx context.Context) error {
	var raw []byte
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		raw, err = readPolicy(tx)
		return err
	})
	if err == nil {
		err = v.installPolicy(raw)
	}
	if err != nil {
		return fmt.Errorf("failed to load the policy: %w", err)
	}
	return nil
}

// readPolicy returns the stored policy, nil if none is.
func readPolicy(tx store.ReadTx) ([]byte, error) {
	raw, err := tx.Get(policyKey)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return raw, err
}

// installPolicy puts in force the policy stored as raw, or the built-in
// one if raw is nil. A policy stored before policy.ErrResearcherGrant
// existed may break that rule; it is read all the same (policy.Decode),
// and the engine enforces the rule over it.
func (v *Vault) installPolicy(raw []byte) error {
	p := policy.Default()
	if raw != nil {
		var err error
		if p, err = policy.Decode(bytes.NewReader(raw)); err != nil {
			return fmt.Errorf("%w: stored policy: %v", store.ErrCorrupt, err)
		}
	}
	v.putInForce(p, raw)
	return nil
}

// Policy returns the policy in force.
func (v *Vault) Policy(ctx context.Context) (*policy.Policy, error) {
	return do(ctx, v, "policy.show", nil, func(o *op) (*policy.Policy, error) {
		p := v.policy()
		o.attr("policy", p.Hash())
		return p.Policy, nil
	})
}

// SetPolicy replaces the policy in force. The audit entry records the
// hashes of the old and new policies.
func (v *Vault) SetPolicy(ctx context.Context, p *policy.Policy) error {
	_, err := do(ctx, v, "policy.set", nil, func(o *op) (struct{}, error) {
		if err := p.Check(); err != nil {
			return struct{}{}, &service.InvalidArgumentError{Arg: "policy", Want: err.Error()}
		}
		o.attr("policy", v.policy().Hash())
		o.attr("new-policy", p.Hash())
		raw := p.Marshal()
		err := o.write(func(tx store.Tx) error { return tx.Set(policyKey, raw) })
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to store the policy: %w", err)
		}
		v.putInForce(p, raw)
		return struct{}{}, nil
	})
	return err
}

// viewFor checks that the actor may use view name and returns it; a denial
// is a *service.DeniedError, a name that is no view's an
// *service.InvalidArgumentError, recorded without it: what was typed there
// may be anything, a person's name too. Whatever the policy in force (one
// stored before policy.ErrResearcherGrant may grant more), a researcher
// may use only views that require research consent and show no more than
// policy.ResearcherTransforms.
func (o *op) viewFor(name string) (policy.View, error) {
	pol := o.v.policy()
	if !slices.Contains(policy.Views, name) {
		return policy.View{}, &service.InvalidArgumentError{Arg: "view", Len: len(name), Want: "want one of " + strings.Join(policy.Views, ", ")}
	}
	o.attr("view", name)
	o.attr("policy", pol.Hash())
	vw, ok := pol.View(o.e.Role, name)
	if !ok || (o.e.Role == policy.Researcher && vw.CheckResearcher() != nil) {
		return vw, &service.DeniedError{Role: o.e.Role, Action: o.e.Action, View: name}
	}
	return vw, nil
}

// consentOK reports whether a testimony with consent c may appear in view
// vw for role: it needs the consent the view requires and, for a
// researcher, research consent whatever the view. Callers pass the
// testimony's consent less its witness's withdrawals (consentOf).
func consentOK(role string, vw policy.View, c testimony.Consent) bool {
	if role == policy.Researcher && !c.Research {
		return false
	}
	switch vw.Consent {
	case policy.ConsentResearch:
		return c.Research
	case policy.ConsentPublication:
		return c.Publication
	case policy.ConsentLegal:
		return c.Legal
	}
	return true
}

// renderer builds a renderer for view name with the matcher of the whole
// registry, the persons' pseudonyms and the references of rf's domain.
// Call it after reading the record to render: a matcher taken earlier may
// lack the persons of a write committed since (Vault.names).
func (o *op) renderer(name string, vw policy.View, rf refs) (*view.Renderer, error) {
	m, _, err := o.v.names(o.ctx)
	if err != nil {
		return nil, err
	}
	r := view.NewRenderer(name, vw, m, o.v.pseudonymizer(rf.domain).Of)
	rf.renderer(r)
	return r, nil
}

// viewInput gathers what a view of record rec needs from the registry:
// the IDs its persons' keys resolve to. The registry cache answers for a
// person it holds unmerged; the store for the rest (keySet.kept).
func (v *Vault) viewInput(ctx context.Context, rec *service.Record) (view.Input, error) {
	d := rec.Testimony
	in := view.Input{ID: rec.ID, Created: rec.Created, Doc: d}
	_, keys, err := v.names(ctx)
	if err != nil {
		return in, err
	}
	ids := make([]string, 1+len(d.Persons))
	keyOf := func(i int) string {
		if i == 0 {
			return d.Witness.Key
		}
		return d.Persons[i-1].Key
	}
	rest := false
	for i := range ids {
		if v.shared == nil {
			ids[i] = keys.kept(keyOf(i))
		}
		rest = rest || ids[i] == ""
	}
	if rest {
		err = v.store.View(ctx, func(tx store.ReadTx) (err error) {
			for i := range ids {
				if ids[i] == "" {
					if ids[i], err = v.personIDByKey(tx, keyOf(i)); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	if errors.Is(err, service.ErrNoPerson) {
		err = &service.IntegrityError{ID: rec.ID, Err: fmt.Errorf("a person of the record is not registered: %w", err)}
	}
	in.WitnessID = ids[0]
	if len(ids) > 1 {
		in.PersonIDs = ids[1:]
	}
	return in, err
}

// GetView returns a record in view viewName, in domain (the default if
// empty), if the actor's role may use that view, and the domain, and the
// record carries the consent the view requires. ref is the record's ID or
// its pseudonym in the domain; a researcher must give the pseudonym, and
// is answered for a testimony without research consent exactly as for a
// missing record.
func (v *Vault) GetView(ctx context.Context, ref, viewName, domain string) (*view.Record, error) {
	return do(ctx, v, "get", nil, func(o *op) (*view.Record, error) {
		// The record first, so that a refusal names it in the log; then
		// the view, the domain, and how the caller named the record.
		id, name := ref, ref
		byID := checkID(ref) == nil
		if byID {
			o.target(id)
		}
		rf, err := o.refsOf(domain)
		if err != nil {
			return nil, err
		}
		if !byID {
			if id, name, err = o.decipher(rf, ref); err != nil {
				return nil, err
			}
		}
		vw, err := o.viewFor(viewName)
		if err != nil {
			return nil, err
		}
		// The domain's grant is read in the transaction that reads the
		// record (readForView); its answer, and this one, come before
		// any about the record.
		var early error
		out, err := v.renderOne(o, id, viewName, vw, rf, func(tx store.ReadTx) error {
			early = o.grantedIn(tx, domain)
			// A researcher knows records by their pseudonyms only.
			if early == nil && o.e.Role == policy.Researcher && name == id {
				early = &service.InvalidArgumentError{Arg: "record", Want: "want the record's pseudonym in the domain (R-...), as the domain's list and exports give it"}
			}
			return early
		})
		switch {
		case early != nil:
			return nil, early
		case err != nil:
			return nil, o.answer(id, name, err)
		}
		return out, nil
	})
}

// renderOne renders record id for o's actor, if first, called in the
// transaction that reads it before anything else, returns nil.
func (v *Vault) renderOne(o *op, id, name string, vw policy.View, rf refs, first func(store.ReadTx) error) (*view.Record, error) {
	in, err := v.readForView(o, id, vw, first)
	if err != nil {
		return nil, err
	}
	r, err := o.renderer(name, vw, rf)
	if err != nil {
		return nil, err
	}
	return r.View(in), nil
}

// readForView reads, decrypts and verifies the latest version of record
// id, and what its view needs of the registry (viewInput). The consent
// (the record's, less its witness's withdrawals) is checked in the index
// before the record is read, in the same transaction, so that a withheld
// record costs what a missing one does; the record itself must then
// agree. first runs in that transaction before any read of the record;
// an error of first's ends it.
func (v *Vault) readForView(o *op, id string, vw policy.View, first func(store.ReadTx) error) (view.Input, error) {
	var ie indexEntry
	var ct []byte
	writes := v.withdrawn.writes.Load() // before the transaction begins
	err := o.view(func(tx store.ReadTx) (err error) {
		if err := first(tx); err != nil {
			return err
		}
		if ie, err = v.readIndex(tx, id); err != nil {
			return err
		}
		w, err := v.cachedWithdrawals(tx, writes)
		if err != nil {
			return err
		}
		c, err := v.consentOf(tx, w, id, ie.Consent)
		if err != nil {
			return err
		}
		if !consentOK(o.e.Role, vw, c) {
			return service.ErrNoConsent
		}
		ct, err = v.versionCiphertext(tx, id, ie.latest())
		return err
	})
	if err != nil {
		return view.Input{}, integrity(id, err)
	}
	rec, err := v.decrypt(id, ie.latest(), ie.Created, ct)
	if err != nil {
		return view.Input{}, err
	}
	if !consentOK(o.e.Role, vw, rec.Testimony.Consent) {
		return view.Input{}, errConsentMismatch(id)
	}
	return v.viewInput(o.ctx, rec)
}

func errConsentMismatch(id string) error {
	return &service.IntegrityError{ID: id, Err: errors.New("consent in the index differs from the record")}
}

// errHidden stands for the details of an integrity error about a record
// that the caller knows only by pseudonym: the details may hold its ID.
var errHidden = errors.New("the record failed its integrity checks; the audit log names it")

// answer returns err, which an operation met on record id, as the caller,
// who named the record name, may see it; the entry records err itself.
// A caller who knows the record only by its pseudonym (name) learns
// nothing of its ID from the answer, and a researcher is answered for a
// testimony without research consent exactly as for a missing record.
func (o *op) answer(id, name string, err error) error {
	noConsent := errors.Is(err, service.ErrNoConsent)
	if noConsent {
		err = fmt.Errorf("record %s: %w", id, err)
	}
	if name == id {
		return err
	}
	var ie *service.IntegrityError
	var ans error
	switch {
	case errors.As(err, &ie):
		ans = &service.IntegrityError{ID: name, Err: errHidden}
	case errors.Is(err, service.ErrNotFound), noConsent && o.e.Role == policy.Researcher,
		errors.Is(err, service.ErrErased) && !o.toldErased():
		ans = fmt.Errorf("record %s: %w", name, service.ErrNotFound)
	case errors.Is(err, service.ErrErased):
		ans = &service.ErasedError{ID: name}
	case noConsent:
		ans = fmt.Errorf("record %s: %w", name, service.ErrNoConsent)
	case errors.Is(err, context.Canceled):
		ans = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		ans = context.DeadlineExceeded
	default:
		ans = fmt.Errorf("failed to read record %s", name)
	}
	return o.conceal(err, ans)
}

// Export calls fn with every testimony that the view's consent allows, in
// the view, oldest first, and returns how many it passed. A testimony
// without that consent (its own, less its witness's withdrawals) is left
// out entirely. The audit entry (purpose, view, domain, policy hash, the
// number of records and their IDs, in parts if many) is committed before
// the first record is passed to fn. Records are decrypted and rendered on
// all cores, a few at a time and at most exportRenderBytes of plaintext
// in rendering at once, and passed in order, so memory does not grow with
// the number exported (but for the list of records to export, some
// 100 bytes a record).
func (v *Vault) Export(ctx context.Context, o service.ExportOptions, fn func(*view.Record) error) (int, error) {
	return do(ctx, v, "export", nil, func(op *op) (int, error) {
		if err := op.purpose("purpose", o.Purpose); err != nil {
			return 0, err
		}
		if strings.TrimSpace(o.Purpose) == "" {
			return 0, service.ErrPurposeRequired
		}
		vw, err := op.viewFor(o.View)
		if err != nil {
			return 0, err
		}
		rf, err := op.domain(o.Domain)
		if err != nil {
			return 0, err
		}
		type item struct {
			id  string
			ref service.Summary // the record as the domain refers to it
		}
		var items []item
		err = op.view(func(tx store.ReadTx) error {
			items = items[:0]
			w, err := v.withdrawals(tx)
			if err != nil {
				return err
			}
			return v.scanIndex(tx, func(id string, ie indexEntry) error {
				c, err := v.consentOf(tx, w, id, ie.Consent)
				if err != nil {
					return err
				}
				if consentOK(op.e.Role, vw, c) {
					items = append(items, item{id, rf.summary(id, ie)})
				}
				return nil
			})
		})
		if err != nil {
			return 0, op.answerIndex(rf, err)
		}
		slices.SortFunc(items, func(a, b item) int { return compareSummaries(a.ref, b.ref) })
		// The entry names the records exported, so that a withdrawal of
		// consent can list the exports to recall (WithdrawConsent).
		op.attr("count", fmt.Sprint(len(items)))
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = it.id
		}
		if err := op.commitWith(op.targetParts(ids)); err != nil {
			return 0, err
		}
		n := 0
		renders := semaphore.NewWeighted(exportRenderBytes)
		err = inOrder(op.ctx, len(items), func(i int) (*view.Record, error) {
			return v.exportOne(op, renders, items[i].id, o.View, vw, rf)
		}, func(i int, out *view.Record, err error) error {
			if err != nil {
				// The failure's entry names the record that failed, not
				// those the export's entry named.
				it := items[i]
				op.e.Targets = []string{it.id}
				return op.answer(it.id, it.ref.ID, err)
			}
			n++
			return fn(out)
		})
		return n, err
	})
}

// inOrder runs work(i) for each i from 0 to n-1 on all cores, and calls
// emit with each result in the order of i, one at a time, until emit
// returns an error, which inOrder returns. At most a few results per core
// wait to be emitted, so memory does not grow with n. When it returns, no
// work runs any more.
func inOrder[T any](ctx context.Context, n int, work func(i int) (T, error), emit func(i int, t T, err error) error) error {
	type result struct {
		t   T
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	// Each pending result has a goroutine working on it or done; the
	// channel's room bounds them.
	pending := make(chan chan result, 2*workers)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	go func() {
		defer close(pending)
		for i := range n {
			c := make(chan result, 1)
			select {
			case pending <- c:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				t, err := work(i)
				c <- result{t, err}
			}()
		}
	}()
	var err error
	i := 0
	for c := range pending {
		if err == nil {
			r := <-c
			if err = emit(i, r.t, r.err); err != nil {
				cancel()
			}
			i++
		}
	}
	if err == nil && i < n {
		err = ctx.Err() // the caller's context ended the work
	}
	cancel()
	wg.Wait()
	return err
}

// exportRenderBytes bounds the plaintext, in bytes, of the records an
// export renders at once: a view allocates many times its record's size
// (about 70 times a 15 MiB narrative's, docs/BENCHMARKS.md), so records
// of a few KiB render on all cores while one larger than this renders
// alone. A variable so that tests can make every record larger.
var exportRenderBytes int64 = 1 << 20

// exportOne reads record id and renders it in view name, for an export
// whose index scan found that it carries the consent vw requires: the
// record itself must agree. The renderer is taken for each record, after
// reading it (renderer): a version put since the scan may name new
// persons. The render holds the record's size of renders (at most all of
// it) while it runs, and only then: holding it until the record is
// emitted would deadlock on the records before it.
func (v *Vault) exportOne(o *op, renders *semaphore.Weighted, id, name string, vw policy.View, rf refs) (*view.Record, error) {
	rec, err := v.open(o.ctx, id)
	if err != nil {
		return nil, err
	}
	if !consentOK(o.e.Role, vw, rec.Testimony.Consent) {
		return nil, errConsentMismatch(id)
	}
	in, err := v.viewInput(o.ctx, rec)
	if err != nil {
		return nil, err
	}
	r, err := o.renderer(name, vw, rf)
	if err != nil {
		return nil, err
	}
	size := min(int64(len(rec.Canonical)), exportRenderBytes)
	if err := renders.Acquire(o.ctx, size); err != nil {
		return nil, err
	}
	defer renders.Release(size)
	return r.View(in), nil
}

// answerIndex returns err, from a scan of the record index, as the caller
// may see it in rf's references: an integrity error names the damaged
// record by its pseudonym there (answer).
func (o *op) answerIndex(rf refs, err error) error {
	var ie *service.IntegrityError
	if !rf.unlinkable() || !errors.As(err, &ie) || checkID(ie.ID) != nil {
		return err
	}
	o.target(ie.ID)
	return o.answer(ie.ID, rf.of(ie.ID), err)
}

// RedactCheck shows an officer what the researcher view makes of record
// id: the view, the replacements in its free text (view.Renderer.Render),
// the words left in any of its free-text fields that may be names no one
// registered (view.PossibleNames), the phrases that may locate someone
// by a landmark (view.PossibleLocations), and those that may name a role
// only one person holds (view.PossibleRoles). The candidates go to
// the officer only, never into the audit entry: they may be names.
func (v *Vault) RedactCheck(ctx context.Context, id string) (*service.RedactReport, error) {
	return do(ctx, v, "redact.check", []target{recordTarget(id)}, func(o *op) (*service.RedactReport, error) {
		pol := v.policy()
		vw := pol.Views[policy.ViewResearcher]
		o.attr("policy", pol.Hash())
		rec, err := v.open(ctx, id)
		if err != nil {
			return nil, err
		}
		in, err := v.viewInput(ctx, rec)
		if err != nil {
			return nil, err
		}
		r, err := o.renderer(policy.ViewResearcher, vw, refs{})
		if err != nil {
			return nil, err
		}
		out, repl, unlisted := r.Render(in)
		return &service.RedactReport{Record: rec, View: out, Replacements: repl, Unlisted: unlisted,
			PossibleNames: view.PossibleNames(out), PossibleLocations: view.PossibleLocations(out),
			PossibleRoles: view.PossibleRoles(out)}, nil
	})
}
