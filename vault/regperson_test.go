package vault

import (
	"slices"
	"strings"
	"testing"
)

// TestRegPersonPacked checks that a person packed for the registry cache
// unpacks to the names the matcher is built from, whatever its strings
// hold (empty ones, NUL bytes, lengths of several varint bytes), and
// that same tells apart persons that differ in any of them.
func TestRegPersonPacked(t *testing.T) {
	long := strings.Repeat("가", 200)
	for _, p := range []person{
		{ID: "p-1", Key: "BW-000001", Name: "Kim Eunju"},
		{ID: "p-2", Key: "K", Name: long, Aliases: []string{"Eunju", ""}, PastNames: []string{"Old\x00Name"},
			Contact: "+82 10-0000-0000", Residence: long, PastContacts: []string{"a@b.c"}, PastResidences: []string{"Hyesan", long}, MergedInto: "p-9"},
		{ID: "", Key: "", Name: ""},
	} {
		rp := regPersonOf(&p)
		key, np := rp.unpack()
		wantAliases := slices.Concat(p.Aliases, p.PastNames)
		wantValues := slices.Concat([]string{p.Contact, p.Residence}, p.PastContacts, p.PastResidences)
		if key != p.Key || np.ID != p.ID || np.Name != p.Name || !slices.Equal(np.Aliases, wantAliases) || !slices.Equal(np.Values, wantValues) {
			t.Errorf("%q: unpacked key %q, %+v; want %q, %q, %q, %q, %q", p.ID, key, np, p.Key, p.ID, p.Name, wantAliases, wantValues)
		}
		if rp.merged != (p.MergedInto != "") || rp.id() != p.ID {
			t.Errorf("%q: merged %v, id %q", p.ID, rp.merged, rp.id())
		}
		for _, change := range []func(*person){
			func(q *person) { q.Key += "x" },
			func(q *person) { q.Name += "x" },
			func(q *person) { q.Aliases = append(q.Aliases, "x") },
			func(q *person) { q.PastNames = append(q.PastNames, "") },
			func(q *person) { q.Residence += "x" },
			func(q *person) { q.PastResidences = append(q.PastResidences, "x") },
			func(q *person) { q.MergedInto = map[bool]string{true: "", false: "p-8"}[q.MergedInto != ""] },
		} {
			q := p
			q.Aliases, q.PastNames, q.PastResidences = slices.Clone(p.Aliases), slices.Clone(p.PastNames), slices.Clone(p.PastResidences)
			change(&q)
			if rp.same(regPersonOf(&q)) {
				t.Errorf("%q: same after a change: %+v", p.ID, q)
			}
		}
		if !rp.same(regPersonOf(&p)) {
			t.Errorf("%q: not the same as itself", p.ID)
		}
	}
}
