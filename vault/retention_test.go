package vault

import (
	"errors"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

// TestRetention plans and applies the policy's retention rules: a rule
// lists the records it matches with their due dates, and apply erases
// only those due, each with its rule as the reason in the audit log.
func TestRetention(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing without rules.
	if plan, err := v.RetentionPlan(ctx); err != nil || len(plan) != 0 {
		t.Fatalf("plan without rules: %v, %v", plan, err)
	}
	p := policy.Default()
	// t01 and t03 are high; t03 alone is tagged detention, and was
	// interviewed on 29 February 2020.
	due := policy.RetentionRule{Sensitivity: "high", Tag: "detention", After: "1y"}
	later := policy.RetentionRule{Tag: "detention", After: "999y"} // the earliest wins
	p.Retention = []policy.RetentionRule{later, due}
	if err := v.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	plan, err := v.RetentionPlan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].ID != ids[2] || plan[0].Rule != due.String() || plan[0].Due.Year() != 2021 {
		t.Fatalf("plan %+v", plan)
	}
	done, err := v.RetentionApply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0].ID != ids[2] {
		t.Fatalf("applied %+v", done)
	}
	if _, err := v.Get(ctx, ids[2]); !errors.Is(err, service.ErrErased) {
		t.Errorf("get of the record retention erased: %v", err)
	}
	for _, id := range ids[:2] {
		if _, err := v.Get(ctx, id); err != nil {
			t.Error(err)
		}
	}
	var reasons []string
	err = v.AuditLog(ctx, service.AuditFilter{Target: ids[2]}, func(e *audit.Entry) error {
		if e.Action == "erase" {
			reasons = append(reasons, e.Purpose)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(reasons) != 1 || reasons[0] != due.String() {
		t.Errorf("erase entries' reasons %q, want one %q", reasons, due.String())
	}
	// Applied again, nothing is due.
	if done, err := v.RetentionApply(ctx); err != nil || len(done) != 0 {
		t.Errorf("apply again: %v, %v", done, err)
	}
}
