package view

import (
	"fmt"
	"testing"

	"github.com/tvault/tvault/internal/proccpu"
	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/redact"
)

// BenchmarkViewSynthetic renders the synthetic testimonies (about 4 KiB,
// internal/synthetic) in the researcher view with a matcher of 100,000
// persons of the benchmark vault's shape (each testimony's witness, with
// a contact, and other person): what a researcher read through tvaultd
// costs above an officer's read of /work/bench/v50k (issue 16, must
// show 2). cpu-ms/op is the process's CPU time a view, the collector's
// included.
func BenchmarkViewSynthetic(b *testing.B) {
	benchmarkViews(b, syntheticRenderer(b, 100_000))
}

// BenchmarkViewSyntheticEvidence is BenchmarkViewSynthetic with one more
// person registered, whose given name is an everyday word (김지혜: 지혜,
// "wisdom"), so that every view gathers its record's evidence
// (state.evidence), as in a registry of Korean or Chinese names, where
// many given names are such words or two Han characters
// (names.Matcher.NeedsEvidence); the benchmark vault's names are not.
func BenchmarkViewSyntheticEvidence(b *testing.B) {
	r := syntheticRenderer(b, 100_000, names.Person{ID: "p-evident", Name: "김지혜"})
	if in := syntheticInput(0); !r.matcher.NeedsEvidence(map[string]bool{in.WitnessID: true, in.PersonIDs[0]: true}) {
		b.Fatal("a record's evidence does not matter with 김지혜 registered")
	}
	benchmarkViews(b, r)
}

// benchmarkViews renders 200 synthetic testimonies with r in turn.
func benchmarkViews(b *testing.B, r *Renderer) {
	ins := make([]Input, 200)
	for i := range ins {
		ins[i] = syntheticInput(i)
	}
	b.ReportAllocs()
	i := 0
	before := proccpu.Used()
	for b.Loop() {
		r.View(ins[i%len(ins)])
		i++
	}
	// CPU time, unlike wall time, does not grow with what else runs on
	// the machine.
	b.ReportMetric(float64((proccpu.Used()-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// syntheticRenderer returns a researcher renderer whose matcher holds n
// persons of the benchmark vault's shape (the witness, with a contact,
// and the other person of each synthetic testimony, p-%016x numbered two
// a testimony), and the extra persons.
func syntheticRenderer(tb testing.TB, n int, extra ...names.Person) *Renderer {
	tb.Helper()
	reg := make([]names.Person, 0, n+len(extra))
	for i := range n / 2 {
		d := synthetic.Testimony(i)
		reg = append(reg,
			names.Person{ID: fmt.Sprintf("p-%016x", 2*i), Name: d.Witness.Name, Values: []string{d.Witness.Contact}},
			names.Person{ID: fmt.Sprintf("p-%016x", 2*i+1), Name: d.Persons[0].Name})
	}
	m, err := names.NewMatcher(append(reg, extra...))
	if err != nil {
		tb.Fatal(err)
	}
	return NewRenderer(policy.ViewResearcher, policy.Default().Views[policy.ViewResearcher], m,
		func(id string) string { return "P-" + id[len(id)-9:] })
}

// syntheticInput is synthetic testimony i as the vault gives it to a
// syntheticRenderer.
func syntheticInput(i int) Input {
	return Input{ID: fmt.Sprint(i), Doc: synthetic.Testimony(i),
		WitnessID: fmt.Sprintf("p-%016x", 2*i), PersonIDs: []string{fmt.Sprintf("p-%016x", 2*i+1)}}
}

// BenchmarkBirthRules runs the birth rules on the free text of ten
// synthetic testimonies an op (title, narrative, relation, tags: what a
// researcher view bands), each rule alone and all of them as banded runs
// them: the part of BenchmarkViewSynthetic's rendering that is the view's
// own scanning. cpu-us/view is the process's CPU time for one view's texts.
func BenchmarkBirthRules(b *testing.B) {
	var texts []string
	for i := range 10 {
		d := synthetic.Testimony(i)
		texts = append(append(texts, d.Title, d.Narrative, d.Persons[0].Relation), d.Tags...)
	}
	rules := map[string]func(string) []redact.Span{
		"all":        func(s string) []redact.Span { return birthRules(s)[0] },
		"birthSpans": birthSpans, "ageSpans": ageSpans, "birthDateSpans": birthDateSpans, "koBirthdaySpans": koBirthdaySpans,
		"compactBirthSpans": compactBirthSpans, "jucheDateSpans": jucheDateSpans, "zodiacYearSpans": zodiacYearSpans,
		"lunarBirthSpans": lunarBirthSpans, "cohortSpans": cohortSpans, "calendarSpans": calendarSpans,
		"elementYearSpans": elementYearSpans, "bornWordYearSpans": bornWordYearSpans,
	}
	for name, rule := range rules {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			before := proccpu.Used()
			for b.Loop() {
				for _, s := range texts {
					rule(s)
				}
			}
			b.ReportMetric(float64((proccpu.Used()-before).Nanoseconds())/1000/10/float64(b.N), "cpu-us/view")
		})
	}
}
