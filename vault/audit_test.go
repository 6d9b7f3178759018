package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// auditActions returns the action and outcome of every entry before the
// one that records reading them, which AuditLog commits first.
func auditActions(t *testing.T, v *Vault) []string {
	t.Helper()
	var actions []string
	err := v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		actions = append(actions, e.Action+":"+string(e.Outcome))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) == 0 || actions[len(actions)-1] != "audit.log:ok" {
		t.Fatalf("the log read does not end with its own entry: %v", actions)
	}
	return actions[:len(actions)-1]
}

func TestEveryOperationIsAudited(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	v.Get(ctx, ids[0])
	v.Get(ctx, newID()) // not found: audited as an error
	v.List(ctx, "")
	v.ExportRaw(ctx, ids[1])
	v.Replace(ctx, ids[0], docs[1])
	v.Persons(ctx)
	v.PersonByKey(ctx, "TW-0101")
	v.Reidentify(ctx, "P-0000-0000", "", "")
	v.AuditHash(ctx, "Park Minji")
	if _, err := v.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := v.AuditVerify(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got := auditActions(t, v)
	want := []string{"init:ok", "put:ok", "get:ok", "get:error", "list:ok", "export-raw:ok",
		"put.replace:ok", "person.list:ok", "person.show:ok", "reidentify:error", "audit.hash:ok",
		"audit.checkpoint:ok", "audit.verify:ok"}
	if !slices.Equal(got, want) {
		t.Fatalf("audit log actions\n got %v\nwant %v", got, want)
	}
	// Without an actor nothing happens, and nothing is returned.
	if _, err := v.Get(context.Background(), ids[0]); !errors.Is(err, service.ErrNoActor) {
		t.Fatalf("Get without an actor = %v", err)
	}
}

func TestReidentifyRecordsReason(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	p, err := v.PersonByKey(ctx, "TW-0102")
	if err != nil {
		t.Fatal(err)
	}
	pseu := v.pseudonymizer("").Of(p.ID)
	if _, err := v.Reidentify(ctx, pseu, "", "  "); !errors.Is(err, service.ErrReasonRequired) {
		t.Fatalf("Reidentify without a reason = %v", err)
	}
	got, err := v.Reidentify(ctx, pseu, "", "witness asked to withdraw consent")
	if err != nil || got.ID != p.ID {
		t.Fatalf("Reidentify = %v, %v", got, err)
	}
	var last *audit.Entry
	v.AuditLog(ctx, service.AuditFilter{Target: pseu}, func(e *audit.Entry) error { last = e; return nil })
	if last == nil || last.Action != "reidentify" || last.Purpose != "witness asked to withdraw consent" || last.Outcome != audit.OutcomeOK {
		t.Fatalf("last reidentify entry %+v", last)
	}
}

// readOnlyStore fails every write: the audit log cannot be appended to.
type readOnlyStore struct{ store.Store }

func (readOnlyStore) Update(context.Context, func(store.Tx) error) error {
	return errors.New("injected: disk full")
}

func TestReadsFailClosed(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	realStore, realAudit := v.store, v.audit
	v.store = readOnlyStore{realStore}
	v.audit = auditor{audit.NewBatcher(v.store, signerOf(t, v), nil), v}
	defer func() { v.audit.Close(); v.store, v.audit = realStore, realAudit }()
	rec, err := v.Get(ctx, ids[0])
	if err == nil || rec != nil || !strings.Contains(err.Error(), "audit log") {
		t.Fatalf("Get with a failing audit log = %v, %v; want an error and no data", rec, err)
	}
	if list, err := v.List(ctx, ""); err == nil || list != nil {
		t.Fatalf("List with a failing audit log = %v, %v", list, err)
	}
	if ct, err := v.ExportRaw(ctx, ids[0]); err == nil || ct != nil {
		t.Fatalf("ExportRaw with a failing audit log returned data")
	}
	if ps, err := v.Persons(ctx); err == nil || ps != nil {
		t.Fatalf("Persons with a failing audit log returned data")
	}
}

// TestRollbackIsDetected puts an older copy of a vault directory back.
func TestRollbackIsDetected(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	backup := filepath.Join(t.TempDir(), "backup")
	if err := os.CopyFS(backup, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		v.Get(ctx, id)
	}
	saved, err := v.AuditCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AuditVerify(ctx, saved); err != nil {
		t.Fatalf("verify against a fresh checkpoint: %v", err)
	}
	v.Close()
	// Put the old copy back: the accesses since are gone from its log.
	// This machine kept the latest checkpoint, and refuses it.
	os.RemoveAll(dir)
	if err := os.CopyFS(dir, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	var re *RollbackError
	if _, err := Open(dir, testPass); !errors.As(err, &re) || !errors.Is(err, audit.ErrLogOlder) {
		t.Fatalf("Open of a rolled-back vault = %v, want a RollbackError", err)
	}
	// On a machine that kept nothing, the auditor's checkpoint catches it.
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.AuditVerify(ctx, saved); !errors.Is(err, audit.ErrLogOlder) {
		t.Fatalf("verify of a rolled-back vault = %v, want ErrLogOlder", err)
	}
}

func TestAuditExportHasNoPlaintext(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		v.Get(ctx, id)
	}
	v.List(ctx, "")
	v.Persons(ctx)
	v.PersonByKey(ctx, "TW-0101")
	v.AuditHash(ctx, "Park Minji")
	var buf bytes.Buffer
	if err := v.AuditExport(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	lower := bytes.ToLower(buf.Bytes())
	for _, s := range sentinels {
		if bytes.Contains(lower, bytes.ToLower([]byte(s))) {
			t.Errorf("audit export contains %q", s)
		}
	}
	key, err := v.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := audit.VerifyExport(bytes.NewReader(buf.Bytes()), key, nil); err != nil {
		t.Fatalf("export does not verify: %v", err)
	}
}

// BenchmarkAuditedGet measures audited reads of one record: each returns
// only after its entry is durable (fsynced). With 16 concurrent readers the
// entries share transactions (group commit).
func BenchmarkAuditedGet(b *testing.B) {
	for _, readers := range []int{1, 16} {
		b.Run(map[int]string{1: "1reader", 16: "16readers"}[readers], func(b *testing.B) {
			v, _ := newTestVault(b, Options{})
			defer v.Close()
			ids, _, err := v.Put(ctx, loadFixtures(b))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var wg sync.WaitGroup
			per := b.N/readers + 1
			for r := range readers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range per {
						if _, err := v.Get(ctx, ids[(r+i)%len(ids)]); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(per*readers)/b.Elapsed().Seconds(), "audited-gets/s")
		})
	}
}

func TestLargePutIsAuditedInParts(t *testing.T) {
	// A full part's IDs (26 characters, quoted, a comma) take at most
	// half an entry; the test stores fewer records in smaller parts.
	if size := maxTargetsPerEntry * (26 + 3); size > audit.MaxEntrySize/2 {
		t.Fatalf("a part of %d IDs takes %d bytes of an entry of at most %d", maxTargetsPerEntry, size, audit.MaxEntrySize)
	}
	defer func(n int) { maxTargetsPerEntry = n }(maxTargetsPerEntry)
	maxTargetsPerEntry = 20
	v, _ := newEngine(t, Options{})
	docs := make([]*testimony.Testimony, 2*maxTargetsPerEntry+5)
	for i := range docs {
		docs[i] = doc(tperson(fmt.Sprintf("K-%d", i), "Test Person"))
	}
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	var parts []string
	v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "put" {
			named = append(named, e.Targets...)
			for _, a := range e.Attrs {
				if a.Key == "part" {
					parts = append(parts, a.Value)
				}
			}
		}
		return nil
	})
	if !slices.Equal(named, ids) {
		t.Fatalf("put entries name %d IDs, want all %d in order", len(named), len(ids))
	}
	if want := []string{"1/3", "2/3", "3/3"}; !slices.Equal(parts, want) {
		t.Fatalf("parts %v, want %v", parts, want)
	}

	// An export of them all is recorded in parts too, and a filter on any
	// record finds its part, in the log and in an audit export read
	// offline alike.
	if _, err := v.Export(ctx, service.ExportOptions{View: policy.ViewMetadata, Purpose: "inventory"}, func(*view.Record) error { return nil }); err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer
	if err := v.AuditExport(ctx, &exp); err != nil {
		t.Fatal(err)
	}
	key, err := v.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, maxTargetsPerEntry, len(ids) - 1} {
		f := service.AuditFilter{Action: "export", Target: ids[i]}
		var online, offline []*audit.Entry
		if err := v.AuditLog(ctx, f, func(e *audit.Entry) error { online = append(online, e); return nil }); err != nil {
			t.Fatal(err)
		}
		_, err := audit.ReadExport(bytes.NewReader(exp.Bytes()), key, nil, func(e *audit.Entry) error {
			if f.Match(e) {
				offline = append(offline, e)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(online) != 1 || len(offline) != 1 || online[0].Seq != offline[0].Seq ||
			online[0].Purpose != "inventory" || !strings.HasSuffix(online[0].Attr("part"), "/3") {
			t.Fatalf("export entries naming record %d: online %+v, offline %+v; want the same one, a part of 3", i, online, offline)
		}
	}
}

// TestInvalidArgumentsAreRecorded: input that no entry could hold as it
// is (invalid UTF-8, a reason longer than an entry's field) or that an
// operation cannot take is refused as an invalid argument, and the attempt
// is on record without it.
func TestInvalidArgumentsAreRecorded(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", audit.MaxValueSize+1)
	export := func(o service.ExportOptions) error {
		_, err := v.Export(ctx, o, func(*view.Record) error { return nil })
		return err
	}
	for _, c := range []struct {
		name, action string
		call         func() error
	}{
		{"export purpose", "export", func() error { return export(service.ExportOptions{View: "researcher", Purpose: "\xff"}) }},
		{"export domain", "export", func() error {
			return export(service.ExportOptions{View: "researcher", Purpose: "p", Domain: "\xff\xfe"})
		}},
		{"export view", "export", func() error { return export(service.ExportOptions{View: "\xff", Purpose: "p"}) }},
		{"view domain", "get", func() error { _, err := v.GetView(ctx, ids[0], "researcher", "\x00\xff"); return err }},
		{"long reason", "reidentify", func() error { _, err := v.Reidentify(ctx, "P-0000-0000", "", long); return err }},
		{"reason domain", "reidentify", func() error { _, err := v.Reidentify(ctx, "P-0000-0000", "\xff", "why"); return err }},
		{"negative entry", "audit.prove", func() error { _, err := v.AuditProve(ctx, -1); return err }},
		{"garbage checkpoint", "audit.verify", func() error { _, err := v.AuditVerify(ctx, []byte("garbage")); return err }},
		{"bad record ID", "get", func() error { _, err := v.Get(ctx, "\xff../etc"); return err }},
	} {
		before := len(auditActions(t, v))
		err := c.call()
		if !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("%s: %v, want an invalid argument", c.name, err)
		}
		got := auditActions(t, v)
		// Each auditActions call adds its own audit.log entry.
		if len(got) != before+2 || got[before+1] != c.action+":error" {
			t.Errorf("%s: log gained %q, want one %s:error", c.name, got[before:], c.action)
		}
	}
}

// TestReasonIsRecorded checks the reason a request states (WithReason):
// recorded as the purpose of the operation's entry, allowed or denied;
// required by the policy where it says so, and then a denial without one;
// refused, and the read with it, when it names a registered person; and
// overridden by an operation's own purpose.
func TestReasonIsRecorded(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	p := policy.Default()
	g := p.Roles[policy.Officer]
	g.RequireReason = []string{"get", "export-raw"}
	p.Roles[policy.Officer] = g
	if err := v.SetPolicy(as(policy.Admin), p); err != nil {
		t.Fatal(err)
	}
	officer, legal := as(policy.Officer), as(policy.Legal)
	why := service.WithReason
	// lastEntry returns the entry before the log read's own.
	lastEntry := func() *audit.Entry {
		t.Helper()
		var entries []*audit.Entry
		err := v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error { entries = append(entries, e); return nil })
		if err != nil || len(entries) < 2 {
			t.Fatalf("AuditLog = %v, %d entries", err, len(entries))
		}
		return entries[len(entries)-2]
	}

	tests := []struct {
		name    string
		run     func() error
		wantErr func(error) bool
		action  string
		outcome audit.Outcome
		purpose string
	}{
		{"required, none", func() error { _, err := v.Get(officer, ids[0]); return err }, needsReason, "get", audit.OutcomeDenied, ""},
		{"required, empty", func() error { _, err := v.Get(why(officer, ""), ids[0]); return err }, needsReason, "get", audit.OutcomeDenied, ""},
		{"required, blanks", func() error { _, err := v.Get(why(officer, " \t "), ids[0]); return err }, needsReason, "get", audit.OutcomeDenied, ""},
		{"required, given", func() error { _, err := v.Get(why(officer, "hearing on 3 May"), ids[0]); return err }, isNil, "get", audit.OutcomeOK, "hearing on 3 May"},
		{"required for the view too", func() error { _, err := v.GetView(officer, ids[0], policy.ViewLegal, ""); return err }, needsReason, "get", audit.OutcomeDenied, ""},
		{"required, export-raw", func() error { _, err := v.ExportRaw(officer, ids[0]); return err }, needsReason, "export-raw", audit.OutcomeDenied, ""},
		{"not required of legal staff, given", func() error { _, err := v.GetView(why(legal, "appeal"), ids[0], policy.ViewLegal, ""); return err }, isNil, "get", audit.OutcomeOK, "appeal"},
		{"denied anyway, reason recorded", func() error { _, err := v.Get(why(legal, "curious"), ids[0]); return err }, denied, "get", audit.OutcomeDenied, "curious"},
		{"names a registered person", func() error { _, err := v.Get(why(officer, "Park Minji asked"), ids[0]); return err }, invalidArg, "get", audit.OutcomeError, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !tt.wantErr(err) {
				t.Fatalf("error = %v", err)
			}
			e := lastEntry()
			if e.Action != tt.action || e.Outcome != tt.outcome || e.Purpose != tt.purpose {
				t.Fatalf("entry %s %s purpose %q, want %s %s %q", e.Action, e.Outcome, e.Purpose, tt.action, tt.outcome, tt.purpose)
			}
		})
	}

	// An operation's own purpose is what its entry records.
	var ee *audit.Entry
	_, err = v.Export(why(officer, "ignored"), service.ExportOptions{View: policy.ViewResearcher, Purpose: "cohort study"}, func(*view.Record) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	v.AuditLog(ctx, service.AuditFilter{Action: "export"}, func(e *audit.Entry) error { ee = e; return nil })
	if ee == nil || ee.Purpose != "cohort study" {
		t.Fatalf("export entry %+v", ee)
	}
}

func isNil(err error) bool      { return err == nil }
func denied(err error) bool     { return errors.Is(err, service.ErrDenied) }
func invalidArg(err error) bool { return errors.Is(err, service.ErrInvalidArgument) }
func needsReason(err error) bool {
	var de *service.DeniedError
	return errors.As(err, &de) && de.NeedsReason && errors.Is(err, service.ErrDenied)
}
