package vault

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// Consent per person and scope. A witness's withdrawals and grants are
// kept, every one with who made it, when and why, under pcons/<person ID>
// (schema.go); the last change of a scope says whether it is withdrawn.
// The engine masks each testimony's own consent with its witness's
// withdrawals wherever it checks consent (consentOK's callers), so that a
// withdrawal reaches every testimony of the witness, past and future, at
// once. A person merged into another keeps its changes under its own ID:
// the withdrawals of both count for the person kept (a withdrawal wins).

// consentChange is a service.ConsentChange as stored.
type consentChange struct {
	Scope   string    `json:"scope"`
	Granted bool      `json:"granted"`
	Actor   string    `json:"actor"`
	Role    string    `json:"role"`
	Time    time.Time `json:"time"`
	Reason  string    `json:"reason"`
}

// withdrawnScopes returns the scopes that changes leave withdrawn.
func withdrawnScopes(changes []consentChange) map[string]bool {
	w := map[string]bool{}
	for _, c := range changes {
		w[c.Scope] = !c.Granted
	}
	return w
}

// withdrawals maps the ID of a person (resolved through merges) to the
// scopes withdrawn for all their testimonies.
type withdrawals map[string]map[string]bool

// withdrawals reads every person's withdrawals.
func (v *Vault) withdrawals(tx store.ReadTx) (withdrawals, error) {
	w := withdrawals{}
	err := tx.Scan([]byte(pconsPrefix), func(key, _ []byte) error {
		var changes []consentChange
		if err := getJSON(tx, key, &changes); err != nil {
			return err
		}
		pid, err := v.resolveID(tx, string(key[len(pconsPrefix):]))
		if err != nil {
			return err
		}
		for scope, out := range withdrawnScopes(changes) {
			if out {
				if w[pid] == nil {
					w[pid] = map[string]bool{}
				}
				w[pid][scope] = true
			}
		}
		return nil
	})
	return w, err
}

// withdrawnCache keeps the withdrawals, which every researcher view
// would otherwise read with a scan of every person's consent changes, for
// a vault no other process writes (v.shared nil). writes counts the
// transactions that ended after writing a person or a person's consent
// (a merge changes whose withdrawals a witness carries: withdrawals
// resolves them): watchedStore.Update counts each before its operation
// answers, so that a withdrawal or a grant of consent, or a merge, takes
// effect at once.
type withdrawnCache struct {
	writes atomic.Uint64
	kept   atomic.Pointer[withdrawnAt]
}

// withdrawnAt are withdrawals read in a transaction begun while writes
// was at count, and still at count once they were read.
type withdrawnAt struct {
	count uint64
	w     withdrawals
}

// cachedWithdrawals is withdrawals(tx) for a transaction tx begun after
// count was read from v.withdrawn.writes: the withdrawals kept, if no
// write of persons or consent ended since count, else those tx reads,
// kept for the next ones if none ended meanwhile either. The maps are
// shared: callers only read them.
func (v *Vault) cachedWithdrawals(tx store.ReadTx, count uint64) (withdrawals, error) {
	c := &v.withdrawn
	if v.shared != nil {
		return v.withdrawals(tx)
	}
	if k := c.kept.Load(); k != nil && k.count == count && c.writes.Load() == count {
		return k.w, nil
	}
	w, err := v.withdrawals(tx)
	if err == nil && c.writes.Load() == count {
		c.kept.Store(&withdrawnAt{count, w})
	}
	return w, err
}

// consentOf returns c, the consent record id carries, less the scopes its
// witness withdrew.
func (v *Vault) consentOf(tx store.ReadTx, w withdrawals, id string, c testimony.Consent) (testimony.Consent, error) {
	if len(w) == 0 {
		return c, nil
	}
	// Only the witness's link is resolved: this runs for every record of
	// a list or an export.
	var links []personLink
	err := getJSON(tx, recordLinksKey(id), &links)
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("%w: the record's person links are missing", store.ErrCorrupt)
	}
	if err != nil {
		return c, integrity(id, err)
	}
	for _, l := range links {
		if l.Witness {
			pid, err := v.resolveID(tx, l.PersonID)
			if err != nil {
				return c, integrity(id, err)
			}
			out := w[pid]
			c.Research = c.Research && !out[policy.ConsentResearch]
			c.Publication = c.Publication && !out[policy.ConsentPublication]
			c.Legal = c.Legal && !out[policy.ConsentLegal]
		}
	}
	return c, nil
}

// WithdrawConsent withdraws scope for every testimony, past and future,
// of the witness registered under witnessKey, and lists the earlier
// exports that included any of them, from the audit log: exports record
// the records they included since this was written; earlier ones are
// counted in UnlistedExports.
func (v *Vault) WithdrawConsent(ctx context.Context, witnessKey, scope, reason string) (*service.PersonConsent, error) {
	return v.changeConsent(ctx, "consent.withdraw", witnessKey, scope, reason, false)
}

// GrantConsent ends a withdrawal of scope by the witness registered under
// witnessKey: their testimonies show again where their own consent allows.
func (v *Vault) GrantConsent(ctx context.Context, witnessKey, scope, reason string) (*service.PersonConsent, error) {
	return v.changeConsent(ctx, "consent.grant", witnessKey, scope, reason, true)
}

// PersonConsent returns the consent of the witness registered under
// witnessKey.
func (v *Vault) PersonConsent(ctx context.Context, witnessKey string) (*service.PersonConsent, error) {
	return do(ctx, v, "consent.show", nil, func(o *op) (*service.PersonConsent, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(witnessKey)))
		var pc *service.PersonConsent
		err := o.view(func(tx store.ReadTx) (err error) {
			pc, err = v.personConsent(tx, o, witnessKey)
			return err
		})
		return pc, err
	})
}

func (v *Vault) changeConsent(ctx context.Context, action, witnessKey, scope, reason string, grant bool) (*service.PersonConsent, error) {
	return do(ctx, v, action, nil, func(o *op) (*service.PersonConsent, error) {
		o.attr("key", v.auditMAC(normaliseWitnessKey(witnessKey)))
		if !slices.Contains(service.ConsentScopes, scope) {
			return nil, &service.InvalidArgumentError{Arg: "scope", Len: len(scope), Want: "want one of " + strings.Join(service.ConsentScopes, ", ")}
		}
		o.attr("scope", scope)
		if err := o.purpose("reason", reason); err != nil {
			return nil, err
		}
		if strings.TrimSpace(reason) == "" {
			return nil, &service.InvalidArgumentError{Arg: "reason", Want: "a reason is required to change a witness's consent"}
		}
		err := o.write(func(tx store.Tx) error {
			p, err := v.personByKey(tx, witnessKey)
			if err != nil {
				return err
			}
			o.e.Targets = []string{p.ID} // a retried transaction starts over
			var changes []consentChange
			if err := getJSON(tx, personConsentKey(p.ID), &changes); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			changes = append(changes, consentChange{Scope: scope, Granted: grant, Actor: o.e.Actor, Role: o.e.Role,
				Time: time.Now().UTC(), Reason: o.e.Purpose})
			return putJSON(tx, personConsentKey(p.ID), changes)
		})
		if err != nil {
			return nil, err
		}
		var pc *service.PersonConsent
		// Read after the write, not in it: the write's transaction stays
		// small whatever the number of records and log entries.
		err = o.view(func(tx store.ReadTx) (err error) {
			if pc, err = v.personConsent(tx, o, witnessKey); err != nil || grant {
				return err
			}
			return v.priorExports(tx, pc)
		})
		return pc, err
	})
}

// personConsent reads the consent of the witness registered under
// witnessKey and the testimonies they are the witness of.
func (v *Vault) personConsent(tx store.ReadTx, o *op, witnessKey string) (*service.PersonConsent, error) {
	p, err := v.personByKey(tx, witnessKey)
	if err != nil {
		return nil, err
	}
	if len(o.e.Targets) == 0 {
		o.target(p.ID)
	}
	pc := &service.PersonConsent{Person: p.ID, Withdrawn: []string{}, Changes: []service.ConsentChange{}, Records: []string{}}
	// The changes of the persons merged into p count for p too.
	var changes []consentChange
	err = tx.Scan([]byte(pconsPrefix), func(key, _ []byte) error {
		q, err := v.resolve(tx, string(key[len(pconsPrefix):]))
		if err != nil || q.ID != p.ID {
			return err
		}
		var cs []consentChange
		if err := getJSON(tx, key, &cs); err != nil {
			return err
		}
		for _, s := range service.ConsentScopes {
			if withdrawnScopes(cs)[s] && !slices.Contains(pc.Withdrawn, s) {
				pc.Withdrawn = append(pc.Withdrawn, s)
			}
		}
		changes = append(changes, cs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(changes, func(a, b consentChange) int { return a.Time.Compare(b.Time) })
	for _, c := range changes {
		pc.Changes = append(pc.Changes, service.ConsentChange(c))
	}
	slices.SortFunc(pc.Withdrawn, func(a, b string) int {
		return slices.Index(service.ConsentScopes, a) - slices.Index(service.ConsentScopes, b)
	})
	records, err := v.personRecords(tx, p.ID, true)
	pc.Records = append(pc.Records, records...)
	return pc, err
}

// priorExports fills pc.Exports and pc.UnlistedExports from the audit
// log. An export recorded in parts has one entry per part, under one
// request ID; a stream that failed after its entry adds a failure entry,
// which is not an export.
func (v *Vault) priorExports(tx store.ReadTx, pc *service.PersonConsent) error {
	n, err := audit.Size(tx)
	if err != nil {
		return err
	}
	byRequest := map[string]int{} // request ID: index in pc.Exports
	return audit.ReadEntries(tx, 0, n, func(e *audit.Entry, _ []byte) error {
		if e.Action != "export" || e.Outcome != audit.OutcomeOK || e.Attr("phase") != "" {
			return nil
		}
		if len(e.Targets) == 0 {
			if e.Attr("count") != "0" {
				pc.UnlistedExports++
			}
			return nil
		}
		var included []string
		for _, t := range e.Targets {
			if slices.Contains(pc.Records, t) {
				included = append(included, t)
			}
		}
		if len(included) == 0 {
			return nil
		}
		i, ok := byRequest[e.RequestID]
		if !ok || e.RequestID == "" {
			i = len(pc.Exports)
			byRequest[e.RequestID] = i
			pc.Exports = append(pc.Exports, service.PriorExport{Purpose: e.Purpose, View: e.Attr("view"), Domain: e.Attr("domain")})
		}
		x := &pc.Exports[i]
		x.Seq, x.Time, x.Actor, x.Role = e.Seq, e.Time, e.Actor, e.Role
		x.Records = append(x.Records, included...)
		return nil
	})
}
