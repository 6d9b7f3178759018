package policy

import (
	"bytes"
	"errors"
	"flag"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestDefaultGolden(t *testing.T) {
	p := Default()
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	got := p.Marshal()
	if *update {
		os.WriteFile("testdata/default.json", got, 0o644)
	}
	want, err := os.ReadFile("testdata/default.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("default policy changed; check it and run with -update:\n%s", got)
	}
	back, err := Parse(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != p.Hash() {
		t.Fatal("parsing the canonical encoding changed the hash")
	}
}

func TestDefaultDecisions(t *testing.T) {
	p := Default()
	for _, tt := range []struct {
		role, op string
		want     bool
	}{
		{Officer, "reidentify", true}, {Officer, "put", true}, {Officer, "policy.set", false},
		{Legal, "get", true}, {Legal, "reidentify", false}, {Legal, "put", false},
		{Researcher, "export", true}, {Researcher, "reidentify", false}, {Researcher, "export-raw", false},
		{Researcher, "person.list", false}, {Researcher, "audit.log", false},
		{Auditor, "audit.verify", true}, {Auditor, "export", false}, {Auditor, "reidentify", false},
		{Admin, "user.add", true}, {Admin, "get", false}, {Admin, "list", false},
		{"nobody", "get", false},
	} {
		if got := p.Allows(tt.role, tt.op); got != tt.want {
			t.Errorf("Allows(%s, %s) = %v, want %v", tt.role, tt.op, got, tt.want)
		}
	}
	for _, tt := range []struct {
		role, view string
		want       bool
	}{
		{Officer, ViewFull, true}, {Legal, ViewFull, false}, {Legal, ViewLegal, true},
		{Researcher, ViewResearcher, true}, {Researcher, ViewFull, false}, {Researcher, ViewLegal, false},
		{Researcher, ViewPublication, false}, {Officer, ViewPublication, true},
		{Auditor, ViewMetadata, true}, {Auditor, ViewResearcher, false}, {Admin, ViewMetadata, false},
	} {
		if _, got := p.View(tt.role, tt.view); got != tt.want {
			t.Errorf("View(%s, %s) = %v, want %v", tt.role, tt.view, got, tt.want)
		}
	}
	// No direct identifier in the shared views.
	for _, name := range []string{ViewResearcher, ViewPublication} {
		v := p.Views[name]
		for _, f := range []string{"witness.key", "witness.aliases", "witness.contact", "witness.residence",
			"persons.key", "persons.aliases", "persons.contact", "persons.residence",
			"interview.place", "interview.interviewer", "redact", "case"} {
			if v.Transform(f) != Drop {
				t.Errorf("view %s shows %s", name, f)
			}
		}
		for _, f := range []string{"witness.name", "persons.name"} {
			if v.Transform(f) != Pseudonymise {
				t.Errorf("view %s: %s is %s", name, f, v.Transform(f))
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	good := string(Default().Marshal())
	for name, in := range map[string]string{
		"unknown top-level": `{"roles":{},"views":{},"extra":1}`,
		"duplicated role":   `{"roles":{"officer":{"operations":[],"views":[]},"officer":{"operations":[],"views":[]}},"views":{}}`,
		"unknown role":      `{"roles":{"root":{"operations":[],"views":[]}},"views":{}}`,
		"unknown operation": `{"roles":{"officer":{"operations":["rm -rf"],"views":[]}},"views":{}}`,
		"undefined view":    `{"roles":{"officer":{"operations":[],"views":["full"]}},"views":{}}`,
		"unknown view":      `{"roles":{},"views":{"secret":{"consent":"","fields":{}}}}`,
		"unknown consent":   `{"roles":{},"views":{"full":{"consent":"maybe","fields":{}}}}`,
		"unknown field":     `{"roles":{},"views":{"full":{"consent":"","fields":{"ssn":"keep"}}}}`,
		"bad transform":     `{"roles":{},"views":{"full":{"consent":"","fields":{"witness.contact":"pseudonymise"}}}}`,
		"trailing data":     good + "{}",
		"missing views":     `{"roles":{}}`,
		"not json":          `roles: all`,
		"mis-cased name":    strings.Replace(good, `"roles"`, `"Roles"`, 1),
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
}

// TestParseByteOrderMark checks that a policy file saved with a leading
// byte-order mark reads as without it.
func TestParseByteOrderMark(t *testing.T) {
	p, err := Parse(strings.NewReader("\uFEFF" + string(Default().Marshal())))
	if err != nil {
		t.Fatal(err)
	}
	if p.Hash() != Default().Hash() {
		t.Fatal("the byte-order mark changed the policy")
	}
	if _, err := Parse(strings.NewReader(string(Default().Marshal()) + "\uFEFF")); err == nil {
		t.Fatal("accepted a trailing byte-order mark")
	}
}

// TestResearcherGrantsRefused: whatever else a policy says, it cannot give
// researchers a view without research consent or an operation that
// reaches originals, the registry or the log; Decode still reads such a
// policy back, for vaults that stored one before the rule.
func TestResearcherGrantsRefused(t *testing.T) {
	var cases []*Policy
	for _, view := range Views {
		if view == ViewResearcher {
			continue
		}
		p := Default()
		g := p.Roles[Researcher]
		g.Views = append(g.Views, view)
		p.Roles[Researcher] = g
		cases = append(cases, p)
	}
	for _, op := range Operations {
		if slices.Contains(ResearcherOperations, op) {
			continue
		}
		p := Default()
		g := p.Roles[Researcher]
		g.Operations = append(g.Operations, op)
		p.Roles[Researcher] = g
		cases = append(cases, p)
	}
	// The researcher view itself, made to ask for less consent.
	for _, c := range []string{ConsentNone, ConsentPublication, ConsentLegal} {
		p := Default()
		v := p.Views[ViewResearcher]
		v.Consent = c
		p.Views[ViewResearcher] = v
		cases = append(cases, p)
	}
	// The ceiling is the built-in researcher view: it passes, and shows
	// every field the ceiling allows, as the ceiling allows it.
	builtIn := Default().Views[ViewResearcher]
	if err := builtIn.CheckResearcher(); err != nil {
		t.Fatalf("the built-in researcher view: %v", err)
	}
	for f, trs := range ResearcherTransforms {
		if len(trs) != 1 || builtIn.Transform(f) != trs[0] {
			t.Errorf("ResearcherTransforms[%s] = %v, the built-in researcher view %q", f, trs, builtIn.Transform(f))
		}
	}
	// The researcher view made to show a field beyond
	// ResearcherTransforms, for every field and transform.
	shown := 0
	for _, f := range slices.Sorted(maps.Keys(Fields)) {
		for _, tr := range Fields[f] {
			if slices.Contains(ResearcherTransforms[f], tr) {
				continue
			}
			p := Default()
			p.Views[ViewResearcher].Fields[f] = tr
			cases = append(cases, p)
			shown++
		}
	}
	// Relations and tags kept while the narrative is dropped: they would
	// reach researchers as written.
	for _, f := range []string{"tags", "persons.relation"} {
		p := Default()
		p.Views[ViewResearcher].Fields["narrative"] = Drop
		p.Views[ViewResearcher].Fields[f] = Keep
		cases = append(cases, p)
	}
	if len(cases) != len(Views)-1+len(Operations)-len(ResearcherOperations)+3+shown+2 || shown < 20 {
		t.Fatalf("%d cases, %d fields shown", len(cases), shown)
	}
	for _, p := range cases {
		if err := p.Check(); !errors.Is(err, ErrResearcherGrant) {
			t.Errorf("Check of %s = %v, want ErrResearcherGrant", p.Roles[Researcher], err)
		}
		if _, err := Parse(bytes.NewReader(p.Marshal())); !errors.Is(err, ErrResearcherGrant) {
			t.Errorf("Parse of %s = %v, want ErrResearcherGrant", p.Roles[Researcher], err)
		}
		back, err := Decode(bytes.NewReader(p.Marshal()))
		if err != nil || back.Hash() != p.Hash() {
			t.Errorf("Decode of %s = %v", p.Roles[Researcher], err)
		}
	}
	// Every name is still checked by Decode.
	if _, err := Decode(strings.NewReader(`{"roles":{"root":{"operations":[],"views":[]}},"views":{}}`)); err == nil {
		t.Error("Decode accepted an unknown role")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Default().Marshal())
	f.Add([]byte(`{"roles":{},"views":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		back, err := Parse(bytes.NewReader(p.Marshal()))
		if err != nil {
			t.Fatalf("canonical encoding does not parse: %v", err)
		}
		if !bytes.Equal(back.Marshal(), p.Marshal()) {
			t.Fatal("canonical encoding not stable")
		}
	})
}

// TestRequireReason checks the optional require_reason of a role: parsed,
// kept in the canonical encoding, limited to ReasonOperations that the
// role is granted, and absent from the encoding (so from the hash) when
// empty.
func TestRequireReason(t *testing.T) {
	const head = `{"roles":{"officer":{"operations":["get","attachment.get","put"],"views":["full"]`
	const tail = `}},"views":{"full":{"consent":"","fields":{}}}}`
	p, err := Parse(strings.NewReader(head + `,"require_reason":["attachment.get","get"]` + tail))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		role, op string
		want     bool
	}{
		{Officer, "get", true}, {Officer, "attachment.get", true}, {Officer, "put", false},
		{Legal, "get", false}, {"nobody", "get", false},
	} {
		if got := p.RequiresReason(tt.role, tt.op); got != tt.want {
			t.Errorf("RequiresReason(%s, %s) = %v, want %v", tt.role, tt.op, got, tt.want)
		}
	}
	back, err := Parse(bytes.NewReader(p.Marshal()))
	if err != nil || !back.RequiresReason(Officer, "get") || back.Hash() != p.Hash() {
		t.Fatalf("require_reason did not survive the canonical encoding: %v\n%s", err, p.Marshal())
	}

	without, err := Parse(strings.NewReader(head + tail))
	if err != nil {
		t.Fatal(err)
	}
	empty, err := Parse(strings.NewReader(head + `,"require_reason":[]` + tail))
	if err != nil {
		t.Fatal(err)
	}
	if without.Hash() != empty.Hash() || bytes.Contains(without.Marshal(), []byte("require_reason")) {
		t.Fatal("an empty require_reason changed the encoding")
	}

	for name, rr := range map[string]string{
		"operation not granted":  `["attachment.raw"]`,
		"operation takes none":   `["put"]`,
		"unknown operation":      `["rm"]`,
		"not a list":             `"get"`,
		"mis-cased member":       `["get"],"Require_reason":["get"]`,
		"duplicated member name": `["get"],"require_reason":["get"]`,
	} {
		if _, err := Parse(strings.NewReader(head + `,"require_reason":` + rr + tail)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
