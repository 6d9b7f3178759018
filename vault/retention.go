package vault

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// Retention: the policy's rules (policy.RetentionRule) say when a record
// is due for erasure, from its interview date, which, like its tags, is
// inside the sealed testimony: a plan decrypts every record that a rule
// may match by its sensitivity. Nothing is erased but by RetentionApply,
// which the CLI's "retention apply" and tvaultd's --retention-interval
// call; each erasure is an erase of its own in the audit log, with the
// rule as its reason.

// RetentionPlan implements service.Service.
func (v *Vault) RetentionPlan(ctx context.Context) ([]service.RetentionItem, error) {
	return do(ctx, v, "retention.plan", nil, func(o *op) ([]service.RetentionItem, error) {
		plan, err := v.retentionPlan(o)
		if err != nil {
			return nil, err
		}
		o.attr("count", fmt.Sprint(len(plan)))
		if err := o.commitWith(o.targetParts(itemIDs(plan))); err != nil {
			return nil, err
		}
		return plan, nil
	})
}

// RetentionApply implements service.Service. A record erased meanwhile is
// left out; the first failure stops it, after what it erased.
func (v *Vault) RetentionApply(ctx context.Context) ([]service.RetentionItem, error) {
	return do(ctx, v, "retention.apply", nil, func(o *op) ([]service.RetentionItem, error) {
		plan, err := v.retentionPlan(o)
		if err != nil {
			return nil, err
		}
		now := time.Now()
		var done []service.RetentionItem
		for _, it := range plan {
			if it.Due.After(now) {
				continue
			}
			_, err := v.erase1(ctx, it.ID, service.EraseOptions{Reason: it.Rule}, false)
			if errors.Is(err, service.ErrErased) {
				continue
			}
			if err != nil {
				break
			}
			done = append(done, it)
		}
		o.attr("count", fmt.Sprint(len(done)))
		if cerr := o.commitWith(o.targetParts(itemIDs(done))); cerr != nil {
			return nil, cerr
		}
		if perr := v.finishErasures(ctx, o.e); perr != nil {
			err = errors.Join(err, fmt.Errorf("the records are erased, but storage still holds some of them (the next erase or open purges it again): %w", perr))
		}
		if err != nil {
			return nil, fmt.Errorf("retention: erased %d records, then: %w", len(done), err)
		}
		return done, nil
	})
}

func itemIDs(items []service.RetentionItem) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}

// retentionPlan lists the records that a rule of the policy in force
// matches, with their due dates, soonest first. It needs the full view:
// it reads the testimonies.
func (v *Vault) retentionPlan(o *op) ([]service.RetentionItem, error) {
	if _, err := o.viewFor(policy.ViewFull); err != nil {
		return nil, err
	}
	rules := v.policy().Retention
	type candidate struct {
		id string
		ie indexEntry
	}
	var cands []candidate
	err := o.view(func(tx store.ReadTx) error {
		cands = cands[:0]
		return v.scanIndex(tx, func(id string, ie indexEntry) error {
			if slices.ContainsFunc(rules, func(r policy.RetentionRule) bool { return r.Sensitivity == "" || r.Sensitivity == ie.Sensitivity }) {
				cands = append(cands, candidate{id, ie})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	var plan []service.RetentionItem
	for _, c := range cands {
		rec, err := v.open(o.ctx, c.id)
		if errors.Is(err, service.ErrErased) || errors.Is(err, service.ErrNotFound) {
			continue // erased since the scan
		}
		if err != nil {
			return nil, err
		}
		start := c.ie.Created
		if iv := rec.Testimony.Interview; iv != nil && iv.Date != "" {
			if d, err := time.Parse(time.DateOnly, iv.Date); err == nil {
				start = d
			}
		}
		var best *service.RetentionItem
		for _, r := range rules {
			if !r.Matches(rec.Testimony.Sensitivity, rec.Testimony.Tags) {
				continue
			}
			if due := r.Due(start); best == nil || due.Before(best.Due) {
				best = &service.RetentionItem{ID: c.id, Case: c.ie.Case, Sensitivity: rec.Testimony.Sensitivity, Rule: r.String(), Due: due}
			}
		}
		if best != nil {
			plan = append(plan, *best)
		}
	}
	slices.SortFunc(plan, func(a, b service.RetentionItem) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return plan, nil
}
