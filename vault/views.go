package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// policy returns the policy in force.
func (v *Vault) policy() *policy.Policy { return v.pol.Load() }

// loadPolicy reads the stored policy, or the built-in one.
func (v *Vault) loadPolicy(ctx context.Context) error {
	p := policy.Default()
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		raw, err := tx.Get(policyKey)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		p, err = policy.Parse(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("%w: stored policy: %v", store.ErrCorrupt, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to load the policy: %w", err)
	}
	v.pol.Store(p)
	return nil
}

// Policy returns the policy in force.
func (v *Vault) Policy(ctx context.Context) (*policy.Policy, error) {
	return do(ctx, v, "policy.show", nil, func(o *op) (*policy.Policy, error) {
		p := v.policy()
		o.attr("policy", p.Hash())
		return p, nil
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
		err := o.write(func(tx store.Tx) error { return tx.Set(policyKey, p.Marshal()) })
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to store the policy: %w", err)
		}
		v.pol.Store(p)
		return struct{}{}, nil
	})
	return err
}

// viewFor checks that the actor may use view name and returns it; a denial
// is a *service.DeniedError, a name that is no view's an
// *service.InvalidArgumentError, recorded without it: what was typed there
// may be anything, a person's name too.
func (o *op) viewFor(name string) (policy.View, error) {
	pol := o.v.policy()
	if !slices.Contains(policy.Views, name) {
		return policy.View{}, &service.InvalidArgumentError{Arg: "view", Want: "want one of " + strings.Join(policy.Views, ", ")}
	}
	o.attr("view", name)
	o.attr("policy", pol.Hash())
	vw, ok := pol.View(o.e.Role, name)
	if !ok {
		return vw, &service.DeniedError{Role: o.e.Role, Action: o.e.Action, View: name}
	}
	return vw, nil
}

func consentOK(vw policy.View, c testimony.Consent) bool {
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

// renderer builds a renderer for view name over the whole registry, in
// pseudonym domain (the default if empty).
func (v *Vault) renderer(ctx context.Context, name string, vw policy.View, domain string) (*view.Renderer, error) {
	registry, _, err := v.registry(ctx)
	if err != nil {
		return nil, err
	}
	return view.NewRenderer(name, vw, registry, v.pseudonymizer(domain).Of)
}

// registry returns every registered person not merged into another, as
// the names matcher takes them (a merged person's names are the kept
// one's aliases), and every witness key a person was registered under.
func (v *Vault) registry(ctx context.Context) (persons []names.Person, keys []string, err error) {
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
			p, err := v.readPerson(tx, string(key[len(personPrefix):]))
			if err != nil {
				return err
			}
			keys = append(keys, p.Key)
			if p.MergedInto == "" {
				persons = append(persons, names.Person{ID: p.ID, Name: p.Name, Aliases: p.Aliases})
			}
			return nil
		})
	})
	return persons, keys, err
}

// viewInput gathers what a view of record rec needs from the registry.
func (v *Vault) viewInput(ctx context.Context, rec *service.Record) (view.Input, error) {
	in := view.Input{ID: rec.ID, Created: rec.Created, Doc: rec.Testimony}
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		w, err := v.personByKey(tx, rec.Testimony.Witness.Key)
		if err != nil {
			return err
		}
		in.WitnessID = w.ID
		for _, tp := range rec.Testimony.Persons {
			p, err := v.personByKey(tx, tp.Key)
			if err != nil {
				return err
			}
			in.PersonIDs = append(in.PersonIDs, p.ID)
		}
		return nil
	})
	if errors.Is(err, service.ErrNoPerson) {
		err = &service.IntegrityError{ID: rec.ID, Err: fmt.Errorf("a person of the record is not registered: %w", err)}
	}
	return in, err
}

// GetView returns record id in view viewName (pseudonyms of domain, the
// default if empty), if the actor's role may use that view and the record
// carries the consent the view requires.
func (v *Vault) GetView(ctx context.Context, id, viewName, domain string) (*view.Record, error) {
	return do(ctx, v, "get", []target{recordTarget(id)}, func(o *op) (*view.Record, error) {
		vw, err := o.viewFor(viewName)
		if err != nil {
			return nil, err
		}
		if domain != "" {
			if err := o.text("domain", "domain", domain); err != nil {
				return nil, err
			}
		}
		out, err := v.renderOne(ctx, id, viewName, vw, domain)
		if errors.Is(err, service.ErrNoConsent) {
			return nil, fmt.Errorf("record %s: %w", id, err)
		}
		return out, err
	})
}

func (v *Vault) renderOne(ctx context.Context, id, name string, vw policy.View, domain string) (*view.Record, error) {
	rec, err := v.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if !consentOK(vw, rec.Testimony.Consent) {
		return nil, service.ErrNoConsent
	}
	r, err := v.renderer(ctx, name, vw, domain)
	if err != nil {
		return nil, err
	}
	in, err := v.viewInput(ctx, rec)
	if err != nil {
		return nil, err
	}
	out, _ := r.Render(in)
	return out, nil
}

// Export calls fn with every testimony that the view's consent allows, in
// the view, oldest first, and returns how many it passed. A testimony
// without that consent is left out entirely. The audit entry (purpose,
// view, domain, policy hash and the number of records) is committed before
// the first record is passed to fn. Records are decrypted and rendered one
// at a time, so memory does not grow with the number exported.
func (v *Vault) Export(ctx context.Context, o service.ExportOptions, fn func(*view.Record) error) (int, error) {
	return do(ctx, v, "export", nil, func(op *op) (int, error) {
		if err := op.purpose("purpose", o.Purpose); err != nil {
			return 0, err
		}
		if o.Domain != "" {
			if err := op.text("domain", "domain", o.Domain); err != nil {
				return 0, err
			}
		}
		if strings.TrimSpace(o.Purpose) == "" {
			return 0, service.ErrPurposeRequired
		}
		vw, err := op.viewFor(o.View)
		if err != nil {
			return 0, err
		}
		type item struct {
			id      string
			created time.Time
		}
		var items []item
		err = op.view(func(tx store.ReadTx) error {
			items = items[:0]
			return v.scanIndex(tx, func(id string, ie indexEntry) error {
				if consentOK(vw, ie.Consent) {
					items = append(items, item{id, ie.Created})
				}
				return nil
			})
		})
		if err != nil {
			return 0, err
		}
		slices.SortFunc(items, func(a, b item) int {
			if c := a.created.Compare(b.created); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		})
		r, err := v.renderer(ctx, o.View, vw, o.Domain)
		if err != nil {
			return 0, err
		}
		op.attr("count", fmt.Sprint(len(items)))
		if err := op.commit(); err != nil {
			return 0, err
		}
		for n, it := range items {
			id := it.id
			rec, err := v.open(ctx, id)
			if err != nil {
				return n, err
			}
			// The index said so; the record itself must agree.
			if !consentOK(vw, rec.Testimony.Consent) {
				return n, &service.IntegrityError{ID: id, Err: errors.New("consent in the index differs from the record")}
			}
			in, err := v.viewInput(ctx, rec)
			if err != nil {
				return n, err
			}
			out, _ := r.Render(in)
			if err := fn(out); err != nil {
				return n, err
			}
		}
		return len(items), nil
	})
}

// RedactCheck shows an officer what the researcher view makes of record
// id: the view, every replacement in its free text, and the capitalised
// words left that may be names no one registered.
func (v *Vault) RedactCheck(ctx context.Context, id string) (*service.RedactReport, error) {
	return do(ctx, v, "redact.check", []target{recordTarget(id)}, func(o *op) (*service.RedactReport, error) {
		pol := v.policy()
		vw := pol.Views[policy.ViewResearcher]
		o.attr("policy", pol.Hash())
		rec, err := v.open(ctx, id)
		if err != nil {
			return nil, err
		}
		r, err := v.renderer(ctx, policy.ViewResearcher, vw, "")
		if err != nil {
			return nil, err
		}
		in, err := v.viewInput(ctx, rec)
		if err != nil {
			return nil, err
		}
		out, repl := r.Render(in)
		return &service.RedactReport{Record: rec, View: out, Replacements: repl,
			PossibleNames: view.PossibleNames(out.Title + ". " + out.Narrative)}, nil
	})
}
