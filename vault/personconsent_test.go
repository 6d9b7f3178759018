package vault

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// TestWithdrawPersonConsent is must-show 2 of issue 14: withdrawing a
// witness's research consent takes every testimony of that witness, past
// and future, out of researchers' lists, exports and gets at once, answered
// as missing ones are; the withdrawal lists the earlier exports that
// included them; a grant brings them back.
func TestWithdrawPersonConsent(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	// docs[0]'s witness gives a second testimony; docs[1] names that
	// witness as another person, which a withdrawal does not reach.
	second := *docs[0]
	second.Case, second.Title = "TV-2019-177", "A second account"
	ids, _, err := v.Put(ctx, []*testimony.Testimony{docs[0], &second, docs[1]})
	if err != nil {
		t.Fatal(err)
	}
	key := docs[0].Witness.Key
	rctx := asResearcher(t, v, "study")
	rf := v.refs("study")
	opts := service.ExportOptions{View: policy.ViewResearcher, Purpose: "cohort study", Domain: "study"}

	shown := func() (listed, exported []string) {
		t.Helper()
		list, err := v.List(rctx, "study")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			listed = append(listed, s.ID)
		}
		for _, r := range exportAll(t, v, rctx, opts) {
			exported = append(exported, r.ID)
		}
		slices.Sort(listed)
		slices.Sort(exported)
		return listed, exported
	}
	refsOf := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, rf.of(id))
		}
		slices.Sort(out)
		return out
	}
	// missing is the researcher's answer for a record that does not exist.
	missingRef := rf.of(newID())
	_, missing := v.GetView(rctx, missingRef, policy.ViewResearcher, "study")
	if !errors.Is(missing, service.ErrNotFound) {
		t.Fatalf("get of a missing record: %v", missing)
	}
	answersAsMissing := func(id string) {
		t.Helper()
		ref := rf.of(id)
		_, err := v.GetView(rctx, ref, policy.ViewResearcher, "study")
		if err == nil || strings.ReplaceAll(err.Error(), ref, missingRef) != missing.Error() {
			t.Errorf("researcher get of %s: %v, want the answer of a missing record (%v)", id, err, missing)
		}
	}

	all := refsOf(ids...)
	if l, x := shown(); !slices.Equal(l, all) || !slices.Equal(x, all) {
		t.Fatalf("before: listed %v, exported %v, want %v", l, x, all)
	}

	pc, err := v.WithdrawConsent(ctx, key, policy.ConsentResearch, "the witness asked to leave the study")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{policy.ConsentResearch}; !slices.Equal(pc.Withdrawn, want) {
		t.Errorf("withdrawn = %v, want %v", pc.Withdrawn, want)
	}
	if got, want := slices.Sorted(slices.Values(pc.Records)), slices.Sorted(slices.Values(ids[:2])); !slices.Equal(got, want) {
		t.Errorf("records = %v, want %v", got, want)
	}
	if len(pc.Exports) != 1 {
		t.Fatalf("exports = %+v, want the one export", pc.Exports)
	}
	x := pc.Exports[0]
	if x.Actor != researcherName || x.Purpose != opts.Purpose || x.Domain != "study" || x.View != policy.ViewResearcher ||
		!slices.Equal(slices.Sorted(slices.Values(x.Records)), slices.Sorted(slices.Values(ids[:2]))) {
		t.Errorf("export = %+v", x)
	}
	if pc.UnlistedExports != 0 {
		t.Errorf("unlisted exports = %d, want 0", pc.UnlistedExports)
	}

	// At once, and for a testimony put after the withdrawal too.
	later := *docs[0]
	later.Case, later.Title = "TV-2020-003", "A later account"
	laterIDs, _, err := v.Put(ctx, []*testimony.Testimony{&later})
	if err != nil {
		t.Fatal(err)
	}
	if l, x := shown(); !slices.Equal(l, refsOf(ids[2])) || !slices.Equal(x, refsOf(ids[2])) {
		t.Errorf("after withdrawal: listed %v, exported %v, want only %v", l, x, refsOf(ids[2]))
	}
	for _, id := range append(ids[:2:2], laterIDs...) {
		answersAsMissing(id)
		// Officers still read the original, but not in a view that
		// needs the consent withdrawn.
		if _, err := v.Get(ctx, id); err != nil {
			t.Errorf("officer get of %s: %v", id, err)
		}
		if _, err := v.GetView(ctx, id, policy.ViewResearcher, ""); !errors.Is(err, service.ErrNoConsent) {
			t.Errorf("officer researcher view of %s: %v, want ErrNoConsent", id, err)
		}
	}
	// The export after the withdrawal did not include the witness's
	// testimonies: a second withdrawal lists only the first export.
	pc, err = v.WithdrawConsent(ctx, key, policy.ConsentPublication, "the witness asked")
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.Exports) != 1 {
		t.Errorf("exports after a second withdrawal = %+v, want the first export only", pc.Exports)
	}

	if _, err := v.GrantConsent(ctx, key, policy.ConsentResearch, "the witness rejoined the study"); err != nil {
		t.Fatal(err)
	}
	back := refsOf(append(ids[:3:3], laterIDs...)...)
	if l, x := shown(); !slices.Equal(l, back) || !slices.Equal(x, back) {
		t.Errorf("after grant: listed %v, exported %v, want %v", l, x, back)
	}
	pc, err = v.PersonConsent(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{policy.ConsentPublication}; !slices.Equal(pc.Withdrawn, want) {
		t.Errorf("withdrawn after grant = %v, want %v", pc.Withdrawn, want)
	}
	var changes []string
	for _, c := range pc.Changes {
		changes = append(changes, c.Scope+":"+map[bool]string{true: "granted", false: "withdrawn"}[c.Granted]+":"+c.Actor+":"+c.Reason)
	}
	want := []string{
		"research:withdrawn:local:the witness asked to leave the study",
		"publication:withdrawn:local:the witness asked",
		"research:granted:local:the witness rejoined the study",
	}
	if !slices.Equal(changes, want) {
		t.Errorf("changes = %q, want %q", changes, want)
	}

	// The log records each change with its reason and the person.
	var logged []string
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		n, err := audit.Size(tx)
		if err != nil {
			return err
		}
		return audit.ReadEntries(tx, 0, n, func(e *audit.Entry, _ []byte) error {
			if strings.HasPrefix(e.Action, "consent.") && e.Action != "consent.show" {
				logged = append(logged, e.Action+":"+e.Attr("scope")+":"+e.Purpose+":"+strings.Join(e.Targets, ","))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{
		"consent.withdraw:research:the witness asked to leave the study:" + pc.Person,
		"consent.withdraw:publication:the witness asked:" + pc.Person,
		"consent.grant:research:the witness rejoined the study:" + pc.Person,
	}; !slices.Equal(logged, want) {
		t.Errorf("log = %q, want %q", logged, want)
	}
}

// TestChangeConsentRefuses shows the arguments a change of consent
// refuses, changing nothing.
func TestChangeConsentRefuses(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	if _, _, err := v.Put(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	key := docs[0].Witness.Key
	for _, tc := range []struct {
		name, key, scope, reason string
		want                     error
	}{
		{"unknown scope", key, "everything", "asked", service.ErrInvalidArgument},
		{"no reason", key, policy.ConsentResearch, " ", service.ErrInvalidArgument},
		{"reason names the witness", key, policy.ConsentResearch, "Park Minji asked", service.ErrInvalidArgument},
		{"reason holds an identifier", key, policy.ConsentResearch, "call +82 10-5550-2468", service.ErrInvalidArgument},
		{"unknown witness", "TW-9999", policy.ConsentResearch, "asked", service.ErrNoPerson},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := v.WithdrawConsent(ctx, tc.key, tc.scope, tc.reason); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	pc, err := v.PersonConsent(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.Changes) != 0 || len(pc.Withdrawn) != 0 {
		t.Errorf("consent after refusals = %+v, want no change", pc)
	}
	if _, err := v.WithdrawConsent(as(policy.Researcher), key, policy.ConsentResearch, "asked"); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher withdrawal: %v, want ErrDenied", err)
	}
}

// TestPriorExports reads exports back from their entries as a withdrawal
// lists them: an export recorded in parts is one export, a stream's
// failure entry is none, and exports whose entries name no records are
// counted apart.
func TestPriorExports(t *testing.T) {
	v, _ := newEngine(t, Options{})
	a, b, other := newID(), newID(), newID()
	entry := func(request string, outcome audit.Outcome, targets []string, attrs ...string) *audit.Entry {
		e := &audit.Entry{Actor: "lee", Role: policy.Researcher, Transport: "unix", RequestID: request, Action: "export",
			Targets: targets, Purpose: "study", Outcome: outcome}
		for i := 0; i < len(attrs); i += 2 {
			e.SetAttr(attrs[i], attrs[i+1])
		}
		return e
	}
	for _, e := range []*audit.Entry{
		entry("r1", audit.OutcomeOK, nil, "count", "4"),                                    // before exports named records
		entry("r2", audit.OutcomeOK, nil, "count", "0"),                                    // nothing exported
		entry("r3", audit.OutcomeOK, []string{a, other}, "part", "1/2", "domain", "study"), // one export in parts
		entry("r3", audit.OutcomeOK, []string{b}, "part", "2/2", "domain", "study"),
		entry("r3", audit.OutcomeError, []string{b}, "phase", "stream"), // its stream failed later
		entry("r4", audit.OutcomeOK, []string{other}),                   // not the person's
		entry("r5", audit.OutcomeDenied, []string{a}),
	} {
		if err := v.audit.Submit(ctx, e, nil); err != nil {
			t.Fatal(err)
		}
	}
	pc := &service.PersonConsent{Records: []string{a, b}}
	if err := v.store.View(ctx, func(tx store.ReadTx) error { return v.priorExports(tx, pc) }); err != nil {
		t.Fatal(err)
	}
	if pc.UnlistedExports != 1 {
		t.Errorf("unlisted exports = %d, want 1", pc.UnlistedExports)
	}
	if len(pc.Exports) != 1 {
		t.Fatalf("exports = %+v, want one", pc.Exports)
	}
	if x := pc.Exports[0]; !slices.Equal(x.Records, []string{a, b}) || x.Domain != "study" || x.Actor != "lee" || x.Purpose != "study" {
		t.Errorf("export = %+v, want records a and b of lee's study", x)
	}
}

// TestWithdrawalSurvivesMerge: a withdrawal by a person later merged into
// another counts for the person kept (a withdrawal wins), and shows in
// the kept person's consent.
func TestWithdrawalSurvivesMerge(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	if _, _, err := v.Put(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	rctx := asResearcher(t, v, "study")
	if _, err := v.WithdrawConsent(ctx, docs[1].Witness.Key, policy.ConsentResearch, "asked"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.MergePersons(ctx, docs[1].Witness.Key, docs[0].Witness.Key); err != nil {
		t.Fatal(err)
	}
	list, err := v.List(rctx, "study")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("researcher list after the merge = %+v, want nothing", list)
	}
	pc, err := v.PersonConsent(ctx, docs[0].Witness.Key)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pc.Withdrawn, []string{policy.ConsentResearch}) || len(pc.Changes) != 1 || len(pc.Records) != 2 {
		t.Errorf("kept person's consent = %+v, want research withdrawn, one change, two records", pc)
	}
}
