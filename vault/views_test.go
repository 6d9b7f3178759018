package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/view"
)

var update = flag.Bool("update", false, "rewrite golden files")

// as returns a context acting in role through the daemon's transport, where
// the policy binds every operation.
func as(role string) context.Context {
	return service.WithActor(context.Background(), service.Actor{Name: "user-" + role, Role: role, Transport: "unix"})
}

// mustNotAppear are the fixtures' direct identifiers: names, aliases and
// their variants, contacts, residences, ID numbers, officer phrases, and the
// marker of the testimony without research consent.
var mustNotAppear = []string{
	"Park Minji", "Minji", "Min-ji", "Sparrow", "Jang Sunhee", "Sunhee", "Sun-hee", "SUNHEE JANG", "Ryu Daeho", "Daeho",
	"+82 10-5550-2468", "5550-2468", "010 7781 3302", "870311-2345678", "M48213377",
	"minji.park87@example.com", "sunhee.jang@example.net", "Haeundae-ro", "Yuseong-gu",
	"Hyesan Textile Mill", "HERON-BIRCH-42", "TW-0101", "TW-0102", "TW-0201", "officer-han",
	"Busan", "Daejeon", "11 March 1987", "born 1987",
}

// mustSurvive are what redaction must keep; an exact birth year in the
// narrative becomes its band, as the witness's does ("born 1985-1989").
var mustSurvive = []string{"3 million won", "The Park family in our village", "the Yalu near Hyesan", "until 2009", "born 1985-1989"}

var pseudonymRE = regexp.MustCompile(`P-[0-9A-Z]{4}-[0-9A-Z]{4}`)

// researcherName is the user of as(policy.Researcher).
const researcherName = "user-researcher"

// asResearcher returns the context of as(policy.Researcher), whose user it
// adds to v if need be and grants domains.
func asResearcher(t testing.TB, v *Vault, domains ...string) context.Context {
	t.Helper()
	if _, err := v.AddUser(ctx, researcherName, policy.Researcher, 0); err != nil && !errors.Is(err, service.ErrUserExists) {
		t.Fatal(err)
	}
	for _, d := range domains {
		if err := v.GrantDomain(ctx, d, researcherName); err != nil {
			t.Fatal(err)
		}
	}
	return as(policy.Researcher)
}

func exportAll(t *testing.T, v *Vault, ctx context.Context, o service.ExportOptions) []*view.Record {
	t.Helper()
	var out []*view.Record
	n, err := v.Export(ctx, o, func(r *view.Record) error { out = append(out, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != len(out) {
		t.Fatalf("Export reported %d records, passed %d", n, len(out))
	}
	return out
}

// normalise replaces what differs between runs (record IDs and their
// references, times, pseudonyms) with stable names, in order of first
// appearance.
func normalise(b []byte, ids []string) []byte {
	for i, id := range ids {
		b = bytes.ReplaceAll(b, []byte(id), fmt.Appendf(nil, "RECORD-%d", i+1))
	}
	b = regexp.MustCompile(`"created":"[^"]*"`).ReplaceAll(b, []byte(`"created":"TIME"`))
	seen := map[string]string{}
	return pseudonymRE.ReplaceAllFunc(b, func(p []byte) []byte {
		if _, ok := seen[string(p)]; !ok {
			seen[string(p)] = fmt.Sprintf("P-%d", len(seen)+1)
		}
		return []byte(seen[string(p)])
	})
}

// TestExportRenderBudget checks that an export whose every record is
// larger than the bytes it may render at once renders them one at a time
// (each takes the whole budget) and still passes all of them, in the same
// order and the same views as one rendered on all cores.
func TestExportRenderBudget(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "study")
	o := service.ExportOptions{View: policy.ViewResearcher, Purpose: "study of border crossings", Domain: "study"}
	export := func() []byte {
		// Bounded: a record waiting for more than the budget would wait
		// for ever.
		c, cancel := context.WithTimeout(researcher, 30*time.Second)
		defer cancel()
		var b bytes.Buffer
		for _, r := range exportAll(t, v, c, o) {
			if err := r.WriteJSON(&b, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		return b.Bytes()
	}
	all := export()
	defer func(n int64) { exportRenderBytes = n }(exportRenderBytes)
	exportRenderBytes = 1
	if one := export(); !bytes.Equal(one, all) {
		t.Fatalf("export one record at a time:\n%s\nwant, as on all cores:\n%s", one, all)
	}
	if len(all) == 0 {
		t.Fatal("the export passed no records")
	}
}

func TestResearcherExportGolden(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "study")
	recs := exportAll(t, v, researcher, service.ExportOptions{View: policy.ViewResearcher, Purpose: "study of border crossings", Domain: "study"})
	// Records are named by pseudonym, in pseudonym order within a month;
	// order them as the fixtures are, for a stable golden file.
	refs := make([]string, len(ids))
	for i, id := range ids {
		refs[i] = v.refs("study").of(id)
	}
	slices.SortFunc(recs, func(a, b *view.Record) int { return slices.Index(refs, a.ID) - slices.Index(refs, b.ID) })
	var buf bytes.Buffer
	for _, r := range recs {
		b, _ := json.Marshal(r)
		buf.Write(append(b, '\n'))
	}
	out := buf.String()
	for _, s := range mustNotAppear {
		if strings.Contains(strings.ToLower(out), strings.ToLower(s)) {
			t.Errorf("researcher export contains %q", s)
		}
	}
	for _, s := range mustSurvive {
		if !strings.Contains(out, s) {
			t.Errorf("researcher export lost %q", s)
		}
	}
	if len(recs) != 2 || strings.Contains(out, refs[2]) {
		t.Fatalf("export has %d records; the one without research consent must be absent", len(recs))
	}
	for _, id := range ids {
		if strings.Contains(out, id) {
			t.Fatalf("export names record %s by its ID", id)
		}
	}
	// Same witness key, same pseudonym: as witness of t01 and as a person
	// named in t02 (and its narrative).
	if recs[0].Witness.Pseudonym != recs[1].Persons[0].Pseudonym || recs[1].Witness.Pseudonym != recs[0].Persons[0].Pseudonym {
		t.Fatalf("pseudonyms differ across records: %+v %+v", recs[0].Witness, recs[1].Persons)
	}
	if !strings.Contains(recs[1].Narrative, "["+recs[0].Witness.Pseudonym+"]") {
		t.Fatalf("t01's witness is not pseudonymised in t02's narrative: %s", recs[1].Narrative)
	}
	got := normalise(buf.Bytes(), refs)
	golden := "testdata/researcher-export.golden"
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("researcher export differs from %s (check, then -update):\n%s", golden, got)
	}
}

// TestResearcherViewCeiling: a policy whose researcher view would show an
// identifier (every field kept) is refused when set and, forced into the
// store as an older vault might hold it, gives researchers a denial, never
// the identifiers; officers keep using the view as the policy says.
func TestResearcherViewCeiling(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "study")
	p := policy.Default()
	vw := p.Views[policy.ViewResearcher]
	for f := range policy.Fields {
		vw.Fields[f] = policy.Keep
	}
	p.Views[policy.ViewResearcher] = vw
	if err := v.SetPolicy(as(policy.Admin), p); !errors.Is(err, service.ErrInvalidArgument) || !strings.Contains(err.Error(), "show no identifier") {
		t.Fatalf("SetPolicy of a researcher view keeping every field = %v, want it refused", err)
	}
	forcePolicy(t, v, p)
	ref := v.refs("study").of(ids[0])
	_, err = v.GetView(researcher, ref, policy.ViewResearcher, "study")
	var denied *service.DeniedError
	if !errors.As(err, &denied) {
		t.Fatalf("researcher View under the forced policy = %v, want a denial", err)
	}
	_, err = v.Export(researcher, service.ExportOptions{View: policy.ViewResearcher, Purpose: "p", Domain: "study"}, func(*view.Record) error {
		t.Fatal("a record reached the researcher")
		return nil
	})
	if !errors.As(err, &denied) {
		t.Fatalf("researcher Export under the forced policy = %v, want a denial", err)
	}
	rec, err := v.GetView(as(policy.Officer), ids[0], policy.ViewResearcher, "")
	if err != nil || rec.Witness == nil || rec.Witness.Name == "" {
		t.Fatalf("officer View under the forced policy = %+v, %v; want the view as the policy says", rec, err)
	}
}

func TestDomainsAreUnlinkable(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "A", "B")
	pseudonyms := func(domain string) []string {
		var ps []string
		for _, r := range exportAll(t, v, researcher, service.ExportOptions{View: policy.ViewResearcher, Purpose: "p", Domain: domain}) {
			b, _ := json.Marshal(r)
			ps = append(ps, pseudonymRE.FindAllString(string(b), -1)...)
		}
		return ps
	}
	a, b := pseudonyms("A"), pseudonyms("B")
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("pseudonyms: %v / %v", a, b)
	}
	for _, p := range a {
		if slices.Contains(b, p) {
			t.Errorf("pseudonym %s appears in domains A and B", p)
		}
	}
}

// TestRoleMatrix tries every role against every operation and view, and
// checks each is allowed or denied as the built-in policy says, with every
// denial in the audit log.
func TestRoleMatrix(t *testing.T) {
	t.Parallel()
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	// audit.verify needs a checkpoint, whatever order the operations run in.
	if _, err := v.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	pol := policy.Default()
	p, err := v.PersonByKey(ctx, "TW-0101")
	if err != nil {
		t.Fatal(err)
	}
	pseu := v.pseudonymizer("").Of(p.ID)
	docs := loadFixtures(t)
	// Researchers work in a domain granted to them, and name records by
	// pseudonym there; the others, in the default domain, by ID.
	asResearcher(t, v, "matrix")
	domain := func(role string) string {
		if role == policy.Researcher {
			return "matrix"
		}
		return ""
	}
	ref := func(role string, id string) string {
		if role == policy.Researcher {
			return v.refs("matrix").of(id)
		}
		return id
	}
	ops := map[string]func(context.Context) error{
		"put":         func(c context.Context) error { _, _, err := v.Put(c, docs[:1]); return err },
		"put.replace": func(c context.Context) error { _, _, err := v.Replace(c, ids[0], docs[0]); return err },
		"get":         func(c context.Context) error { _, err := v.Get(c, ids[0]); return err },
		"list": func(c context.Context) error {
			a, _ := service.ActorFrom(c)
			_, err := v.List(c, domain(a.Role))
			return err
		},
		"export-raw":   func(c context.Context) error { _, err := v.ExportRaw(c, ids[0]); return err },
		"redact.check": func(c context.Context) error { _, err := v.RedactCheck(c, ids[0]); return err },
		"person.list":  func(c context.Context) error { _, err := v.Persons(c); return err },
		"person.show":  func(c context.Context) error { _, err := v.PersonByKey(c, "TW-0101"); return err },
		"reidentify":   func(c context.Context) error { _, err := v.Reidentify(c, pseu, "", "matrix test"); return err },
		"audit.log": func(c context.Context) error {
			return v.AuditLog(c, service.AuditFilter{}, func(*audit.Entry) error { return nil })
		},
		"audit.checkpoint": func(c context.Context) error { _, err := v.AuditCheckpoint(c); return err },
		"audit.verify":     func(c context.Context) error { _, err := v.AuditVerify(c, nil); return err },
		"audit.hash":       func(c context.Context) error { _, err := v.AuditHash(c, "x"); return err },
		"policy.show":      func(c context.Context) error { _, err := v.Policy(c); return err },
		"policy.set":       func(c context.Context) error { return v.SetPolicy(c, policy.Default()) },
	}
	wantDenied := 0
	for _, role := range policy.Roles {
		for op, fn := range ops {
			want := pol.Allows(role, op)
			if op == "get" {
				_, full := pol.View(role, policy.ViewFull)
				want = want && full
			}
			err := fn(as(role))
			if want && err != nil {
				t.Errorf("%s %s: %v, want allowed", role, op, err)
			}
			if !want {
				wantDenied++
				if !errors.Is(err, service.ErrDenied) {
					t.Errorf("%s %s: %v, want denied", role, op, err)
				}
			}
		}
		for _, name := range policy.Views {
			_, want := pol.View(role, name)
			want = want && pol.Allows(role, "get")
			_, err := v.GetView(as(role), ref(role, ids[1]), name, domain(role)) // t02 has every consent
			if want != (err == nil) {
				t.Errorf("%s get --view %s: %v, want allowed=%v", role, name, err, want)
			}
			_, err = v.Export(as(role), service.ExportOptions{View: name, Purpose: "matrix", Domain: domain(role)}, func(*view.Record) error { return nil })
			wantExport := want && pol.Allows(role, "export")
			if wantExport != (err == nil) {
				t.Errorf("%s export --view %s: %v, want allowed=%v", role, name, err, wantExport)
			}
			if !want {
				wantDenied++
			}
			if !wantExport {
				wantDenied++
			}
		}
	}
	denied := 0
	v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Outcome == audit.OutcomeDenied {
			denied++
			if !strings.HasPrefix(e.Actor, "user-") || e.Role == "" {
				t.Errorf("denial without its user: %+v", e)
			}
		}
		return nil
	})
	if denied != wantDenied {
		t.Fatalf("%d denials in the audit log, want %d", denied, wantDenied)
	}
}

func TestConsentEnforced(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "study")
	withheld := v.refs("study").of(ids[2]) // t03: no research consent
	if _, err := v.GetView(researcher, withheld, policy.ViewResearcher, "study"); !errors.Is(err, service.ErrNotFound) {
		t.Fatalf("researcher view of a withheld testimony = %v", err)
	}
	// An officer is told why.
	if _, err := v.GetView(ctx, ids[2], policy.ViewResearcher, ""); !errors.Is(err, service.ErrNoConsent) {
		t.Fatalf("officer's researcher view of a withheld testimony = %v", err)
	}
	list, err := v.List(researcher, "study")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if s.ID == withheld {
			t.Fatal("a researcher's list shows the testimony without research consent")
		}
	}
	if _, err := v.Export(researcher, service.ExportOptions{View: policy.ViewResearcher, Domain: "study"}, func(*view.Record) error { return nil }); !errors.Is(err, service.ErrPurposeRequired) {
		t.Fatalf("export without a purpose = %v", err)
	}
}
