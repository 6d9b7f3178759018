package policy

import (
	"strings"
	"testing"
	"time"
)

func TestRetentionParse(t *testing.T) {
	withRules := func(rules string) string {
		return strings.Replace(string(Default().Marshal()), `"roles"`, `"retention": `+rules+`, "roles"`, 1)
	}
	p, err := Parse(strings.NewReader(withRules(`[{"sensitivity":"low","after":"10y"},{"tag":"duplicate","sensitivity":"high","after":"30d"}]`)))
	if err != nil {
		t.Fatal(err)
	}
	want := []RetentionRule{{Sensitivity: "low", After: "10y"}, {Sensitivity: "high", Tag: "duplicate", After: "30d"}}
	if len(p.Retention) != 2 || p.Retention[0] != want[0] || p.Retention[1] != want[1] {
		t.Fatalf("rules %+v, want %+v", p.Retention, want)
	}
	// The canonical encoding keeps the rules, and a policy without any
	// keeps its hash.
	back, err := Parse(strings.NewReader(string(p.Marshal())))
	if err != nil || back.Hash() != p.Hash() || p.Hash() == Default().Hash() {
		t.Fatalf("round trip: %v", err)
	}
	if strings.Contains(string(Default().Marshal()), `"retention":`) {
		t.Error("a policy without rules encodes a retention member")
	}
	for name, rules := range map[string]string{
		"no match":          `[{"after":"10y"}]`,
		"no after":          `[{"sensitivity":"low"}]`,
		"unknown member":    `[{"sensitivity":"low","after":"10y","when":"now"}]`,
		"unknown level":     `[{"sensitivity":"secret","after":"10y"}]`,
		"unit":              `[{"sensitivity":"low","after":"10w"}]`,
		"zero":              `[{"sensitivity":"low","after":"0y"}]`,
		"negative":          `[{"sensitivity":"low","after":"-1y"}]`,
		"sign":              `[{"sensitivity":"low","after":"+1y"}]`,
		"no number":         `[{"sensitivity":"low","after":"y"}]`,
		"too long":          `[{"sensitivity":"low","after":"1000y"}]`,
		"not a list":        `{"sensitivity":"low","after":"10y"}`,
		"mis-cased member":  `[{"Sensitivity":"low","after":"10y"}]`,
		"duplicated member": `[{"sensitivity":"low","sensitivity":"high","after":"10y"}]`,
	} {
		if _, err := Parse(strings.NewReader(withRules(rules))); err == nil {
			t.Errorf("%s: Parse accepted %s", name, rules)
		}
	}
}

func TestRetentionDue(t *testing.T) {
	start := time.Date(2016, 2, 29, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		after string
		want  time.Time
	}{
		{"10y", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}, // no 29 February in 2026
		{"18m", time.Date(2017, 8, 29, 0, 0, 0, 0, time.UTC)},
		{"90d", time.Date(2016, 5, 29, 0, 0, 0, 0, time.UTC)},
	} {
		if got := (RetentionRule{Sensitivity: "low", After: tc.after}).Due(start); !got.Equal(tc.want) {
			t.Errorf("%s: due %v, want %v", tc.after, got, tc.want)
		}
	}
	r := RetentionRule{Sensitivity: "low", Tag: "duplicate", After: "1y"}
	for _, tc := range []struct {
		sensitivity string
		tags        []string
		want        bool
	}{
		{"low", []string{"x", "duplicate"}, true},
		{"low", nil, false},
		{"high", []string{"duplicate"}, false},
	} {
		if got := r.Matches(tc.sensitivity, tc.tags); got != tc.want {
			t.Errorf("Matches(%q, %q) = %v", tc.sensitivity, tc.tags, got)
		}
	}
}
