package vault

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// referenceToken is a record or person pseudonym, wherever it appears.
var referenceToken = regexp.MustCompile(`R-[0-9A-Z]{26}|P-[0-9A-Z]{4}-[0-9A-Z]{4}`)

// referenceFields are the members (JSON Lines paths, CSV columns) that
// refer to a record or a person rather than say what the testimony says.
var referenceFields = []string{
	"id", "created", "case", "witness.pseudonym", "persons.pseudonym",
	"csv.id", "csv.created", "csv.case", "csv.witness_pseudonym", "csv.persons",
}

// field is one value of an exported record: the member it is in, and the
// value as text.
type field struct{ path, value string }

// exportFields exports the researcher view in domain as researcher c would,
// JSON Lines and CSV, and returns every value of every record: each leaf
// of its JSON, each cell of its CSV row, and each pseudonym found in any
// of them (path "token"). It also returns the raw output.
func exportFields(t *testing.T, v *Vault, c context.Context, domain string) ([][]field, []byte) {
	t.Helper()
	var raw bytes.Buffer
	var recs [][]field
	cw := csv.NewWriter(&raw)
	_, err := v.Export(c, service.ExportOptions{View: policy.ViewResearcher, Purpose: "join test", Domain: domain}, func(r *view.Record) error {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		raw.Write(append(b, '\n'))
		row := r.CSVRow()
		cw.Write(row)
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return err
		}
		var fs []field
		flatten("", doc, &fs)
		for i, col := range view.CSVHeader {
			fs = append(fs, field{"csv." + col, row[i]})
		}
		for _, f := range slices.Clone(fs) {
			for _, tok := range referenceToken.FindAllString(f.value, -1) {
				fs = append(fs, field{"token", tok})
			}
		}
		recs = append(recs, fs)
		return nil
	})
	cw.Flush()
	if err != nil {
		t.Fatal(err)
	}
	return recs, raw.Bytes()
}

// flatten appends the leaves of a decoded JSON value, arrays' elements
// under their array's path.
func flatten(path string, x any, out *[]field) {
	switch x := x.(type) {
	case map[string]any:
		for k, v := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			flatten(p, v, out)
		}
	case []any:
		for _, v := range x {
			flatten(path, v, out)
		}
	default:
		*out = append(*out, field{path, fmt.Sprint(x)})
	}
}

// joins returns the values that single out one record in a and one in b:
// a join key for those two records. Only values at paths that keep
// selects are considered.
func joins(a, b [][]field, keep func(path string) bool) map[string][2]int {
	index := func(recs [][]field) map[string][]int {
		m := map[string][]int{}
		for i, fs := range recs {
			for _, f := range fs {
				if keep(f.path) && !slices.Contains(m[f.value], i) {
					m[f.value] = append(m[f.value], i)
				}
			}
		}
		return m
	}
	ia, ib := index(a), index(b)
	out := map[string][2]int{}
	for val, ra := range ia {
		if rb := ib[val]; len(ra) == 1 && len(rb) == 1 {
			out[val] = [2]int{ra[0], rb[0]}
		}
	}
	return out
}

// TestDomainExportsDoNotJoin exports the same records in two domains
// granted to one researcher and tries to join the two exports on every
// value they hold. No reference (record ID or pseudonym, case number,
// time, person pseudonym, in any member or inside any text) singles out a
// record in both: nothing to join on. What does join them is their
// content, title and narrative, which is the same testimony in both
// (SECURITY.md).
func TestDomainExportsDoNotJoin(t *testing.T) {
	v, _ := newEngine(t, Options{})
	base := loadFixtures(t)[:2] // both with research consent, naming each other
	var docs []*testimony.Testimony
	for i := range 6 {
		d := *base[i%2]
		d.Case = fmt.Sprintf("JOIN-CASE-%d", i)
		d.Title = fmt.Sprintf("%s, part %d", d.Title, i)
		docs = append(docs, &d)
	}
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	// Distinct exact times within one month: exact times would join.
	created := make([]time.Time, len(ids))
	err = v.store.Update(ctx, func(tx store.Tx) error {
		for i, id := range ids {
			ie, err := v.readIndex(tx, id)
			if err != nil {
				return err
			}
			ie.Created = time.Date(2024, 3, 3+4*i, 9+i, 17*i, 41, 0, time.UTC)
			created[i] = ie.Created
			if err := putJSON(tx, indexKey(id), ie); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "alpha", "beta")
	a, rawA := exportFields(t, v, researcher, "alpha")
	b, rawB := exportFields(t, v, researcher, "beta")
	if len(a) != len(ids) || len(b) != len(ids) {
		t.Fatalf("exported %d and %d records, want %d", len(a), len(b), len(ids))
	}

	// Nothing an officer knows a record by is in either export.
	for i, id := range ids {
		for _, s := range []string{id, docs[i].Case, created[i].Format(time.RFC3339), created[i].Format("2006-01-02")} {
			if bytes.Contains(rawA, []byte(s)) || bytes.Contains(rawB, []byte(s)) {
				t.Errorf("an export holds %q of record %d", s, i)
			}
		}
	}
	// No reference of one domain is anywhere in the other.
	for _, tok := range referenceToken.FindAllString(string(rawA), -1) {
		if bytes.Contains(rawB, []byte(tok)) {
			t.Errorf("reference %s is in both domains' exports", tok)
		}
	}
	// The join: on every value but the testimony's free text, none.
	isReference := func(p string) bool { return slices.Contains(referenceFields, p) || p == "token" }
	notFreeText := func(p string) bool {
		return !slices.Contains([]string{"title", "narrative", "csv.title", "csv.narrative"}, p)
	}
	if j := joins(a, b, isReference); len(j) != 0 {
		t.Errorf("the exports join on references: %v", j)
	}
	if j := joins(a, b, notFreeText); len(j) != 0 {
		t.Errorf("the exports join on values outside the free text: %v", j)
	}
	// Nor on the order: each export comes by month, then pseudonym, an
	// order of its own domain's references.
	for _, recs := range [][][]field{a, b} {
		var order []string
		for _, fs := range recs {
			order = append(order, value(fs, "id"))
		}
		if !slices.IsSorted(order) {
			t.Errorf("records in order %v, not by pseudonym", order)
		}
	}
	// The content does join them, once the pseudonyms in it are set
	// aside: the residual SECURITY.md states.
	content := func(recs [][]field) [][]field {
		out := make([][]field, len(recs))
		for i, fs := range recs {
			out[i] = []field{{"content", referenceToken.ReplaceAllString(value(fs, "title"), "P")}}
		}
		return out
	}
	joined := joins(content(a), content(b), func(string) bool { return true })
	t.Logf("joined on references: 0 of %d records; on any value outside the free text: 0; on titles, pseudonyms set aside: %d", len(ids), len(joined))
	if len(joined) != len(ids) {
		t.Errorf("titles join %d records of %d: the test's records should differ in content", len(joined), len(ids))
	}
}

func value(fs []field, path string) string {
	for _, f := range fs {
		if f.path == path {
			return f.value
		}
	}
	return ""
}

// TestDomainGrants: who may be granted a domain, what a grant allows, and
// that a revocation takes effect at once; every step is in the log.
func TestDomainGrants(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v)
	for _, u := range []struct{ name, role string }{{"kim", policy.Officer}, {"gone", policy.Researcher}} {
		if _, err := v.AddUser(ctx, u.name, u.role, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.RevokeUser(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		domain, user string
		want         error
	}{
		{"study", "nobody", service.ErrNoUser},
		{"study", "kim", service.ErrInvalidArgument},
		{"study", "gone", service.ErrUserRevoked},
		{"", researcherName, service.ErrInvalidArgument},
		{"a/b", researcherName, service.ErrInvalidArgument},
		{strings.Repeat("x", 65), researcherName, service.ErrInvalidArgument},
		{"-x", researcherName, service.ErrInvalidArgument},
	} {
		if err := v.GrantDomain(ctx, c.domain, c.user); !errors.Is(err, c.want) {
			t.Errorf("GrantDomain(%q, %q) = %v, want %v", c.domain, c.user, err, c.want)
		}
	}
	// Before the grant: denied, naming the domain.
	var denied *service.DeniedError
	if _, err := v.List(researcher, "Study.2024_a"); !errors.As(err, &denied) || denied.Domain != "Study.2024_a" {
		t.Fatalf("list in an ungranted domain = %v", err)
	}
	if err := v.GrantDomain(ctx, "Study.2024_a", researcherName); err != nil {
		t.Fatal(err)
	}
	first, err := v.Domains(ctx, researcherName)
	if err != nil || len(first) != 1 || first[0].By != service.LocalOperator.Name {
		t.Fatalf("Domains = %+v, %v", first, err)
	}
	if err := v.GrantDomain(as(policy.Admin), "Study.2024_a", researcherName); err != nil {
		t.Fatal(err)
	}
	if again, _ := v.Domains(ctx, ""); len(again) != 1 || again[0] != first[0] {
		t.Fatalf("a second grant changed the first: %+v", again)
	}
	list, err := v.List(researcher, "Study.2024_a")
	if err != nil || len(list) != 2 {
		t.Fatalf("researcher's list = %+v, %v", list, err)
	}
	// A researcher lists their own grants only.
	if own, err := v.Domains(researcher, ""); err != nil || len(own) != 1 {
		t.Errorf("researcher's Domains = %+v, %v", own, err)
	}
	if _, err := v.Domains(researcher, "kim"); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher's Domains of another user = %v", err)
	}
	// Revoked: at once, for every route.
	if err := v.RevokeDomain(as(policy.Officer), "Study.2024_a", researcherName); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeDomain(ctx, "Study.2024_a", researcherName); !errors.Is(err, service.ErrNoGrant) {
		t.Errorf("revoking a revoked grant = %v", err)
	}
	if _, err := v.GetView(researcher, list[0].ID, policy.ViewResearcher, "Study.2024_a"); !errors.As(err, &denied) {
		t.Errorf("get after the revocation = %v", err)
	}
	if _, err := v.Export(researcher, service.ExportOptions{View: policy.ViewResearcher, Purpose: "p", Domain: "Study.2024_a"},
		func(*view.Record) error { return nil }); !errors.As(err, &denied) {
		t.Errorf("export after the revocation = %v", err)
	}
	// The log: grants, the revocation and each denial, with the domain.
	var got []string
	v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if strings.HasPrefix(e.Action, "domain.") || e.Outcome == audit.OutcomeDenied {
			got = append(got, fmt.Sprintf("%s %s %s %s", e.Actor, e.Action, e.Outcome, attrOf(e, "domain")))
		}
		return nil
	})
	for _, want := range []string{
		"local domain.grant ok Study.2024_a",
		"user-admin domain.grant ok Study.2024_a",
		"user-officer domain.revoke ok Study.2024_a",
		"local domain.revoke error Study.2024_a",
		"user-researcher list denied Study.2024_a",
		"user-researcher get denied Study.2024_a",
		"user-researcher export denied Study.2024_a",
		"user-researcher domain.list denied ",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("the log lacks %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func attrOf(e *audit.Entry, key string) string {
	for _, a := range e.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// TestDomainNameCheckedAgainstNewPersons: a domain's name that named no
// one is refused once a person it names is registered, though it passed
// before (the vault does not check a name again while the registry's
// names stay the same).
func TestDomainNameCheckedAgainstNewPersons(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Test Person"))}); err != nil {
		t.Fatal(err)
	}
	export := func() error {
		_, err := v.Export(ctx, service.ExportOptions{View: "researcher", Purpose: "study", Domain: "Sora.Chang"}, func(*view.Record) error { return nil })
		return err
	}
	for range 2 {
		if err := export(); err != nil {
			t.Fatalf("a domain that names no one: %v", err)
		}
	}
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-2", "Chang Sora"))}); err != nil {
		t.Fatal(err)
	}
	if err := export(); !errors.Is(err, service.ErrInvalidArgument) || !strings.Contains(err.Error(), "names a registered person") {
		t.Fatalf("a domain that names a person registered since: %v, want an invalid argument", err)
	}
}
