package vault

import (
	"errors"
	"testing"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

// TestVersions reads every version of a replaced record back, checked,
// and lists them with who stored each and when.
func TestVersions(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	id := ids[0]
	second := *docs[0]
	second.Title = "A corrected account"
	if _, err := v.AddUser(ctx, "kim.officer", policy.Officer, 0); err != nil {
		t.Fatal(err)
	}
	kim := service.WithActor(ctx, service.Actor{Name: "kim.officer", Role: policy.Officer, Transport: "unix"})
	if n, _, err := v.Replace(kim, id, &second); err != nil || n != 2 {
		t.Fatalf("replace: version %d, %v", n, err)
	}

	for _, tc := range []struct {
		version int
		title   string
	}{{1, docs[0].Title}, {2, second.Title}} {
		rec, err := v.GetVersion(ctx, id, tc.version)
		if err != nil {
			t.Fatalf("version %d: %v", tc.version, err)
		}
		if rec.Version != tc.version || rec.Testimony.Title != tc.title {
			t.Errorf("version %d: got version %d titled %q, want %q", tc.version, rec.Version, rec.Testimony.Title, tc.title)
		}
	}
	for _, n := range []int{0, 3, -1} {
		if _, err := v.GetVersion(ctx, id, n); !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("version %d: %v, want ErrInvalidArgument", n, err)
		}
	}
	if _, err := v.GetVersion(ctx, newID(), 1); !errors.Is(err, service.ErrNotFound) {
		t.Errorf("version of a missing record: %v, want ErrNotFound", err)
	}
	// Only the full view's roles read versions: legal staff and
	// researchers are denied.
	for _, role := range []string{policy.Legal, policy.Researcher, policy.Auditor} {
		if _, err := v.GetVersion(as(role), id, 1); !errors.Is(err, service.ErrDenied) {
			t.Errorf("%s: %v, want ErrDenied", role, err)
		}
	}

	h, err := v.History(as(policy.Auditor), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 {
		t.Fatalf("history = %+v, want 2 versions", h)
	}
	for i, want := range []string{service.LocalOperator.Name, "kim.officer"} {
		if h[i].Version != i+1 || h[i].Actor != want || h[i].Time.IsZero() || h[i].Size < 100 {
			t.Errorf("version %d = %+v, want stored by %s, with a time and a size", i+1, h[i], want)
		}
	}
	if !h[0].Time.Before(h[1].Time) {
		t.Errorf("version times %v, %v: not in order", h[0].Time, h[1].Time)
	}
	if _, err := v.History(as(policy.Researcher), id); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher history: %v, want ErrDenied", err)
	}
}
