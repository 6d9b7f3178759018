package vault

import (
	"encoding/json"
	"fmt"
	"runtime"
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

// BenchmarkRegistryHeap reports the heap the registry cache holds for
// 100,000 persons of the benchmark vault's shape (bench/fillvault: a
// witness with a contact and another person per testimony), decoded
// from JSON as load reads them: its map and packed persons (cache-B),
// and with the key set and matcher built (built-B).
func BenchmarkRegistryHeap(b *testing.B) {
	const n = 100_000
	raw := make([][]byte, n)
	for i := range raw {
		p := person{ID: fmt.Sprintf("p-%016x", i), Key: fmt.Sprintf("BP-%06d", i/2), Name: fmt.Sprintf("Bench Person%d", i/2)}
		if i%2 == 0 {
			p.Key, p.Name, p.Contact = fmt.Sprintf("BW-%06d", i/2), fmt.Sprintf("Bench Witness%d", i/2), "+82 10-0000-0000"
		}
		raw[i], _ = json.Marshal(p)
	}
	var cache, built uint64
	for b.Loop() {
		var m0, m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		c := &registryCache{persons: map[string]*regPerson{}}
		for _, r := range raw {
			var p person
			if err := json.Unmarshal(r, &p); err != nil {
				b.Fatal(err)
			}
			rp := regPersonOf(&p)
			c.persons[rp.id()] = rp // as load keys it
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		c.mu.Lock()
		if err := c.build(); err != nil {
			b.Fatal(err)
		}
		c.mu.Unlock()
		runtime.GC()
		runtime.ReadMemStats(&m2)
		runtime.KeepAlive(c)
		cache, built = m1.HeapAlloc-m0.HeapAlloc, m2.HeapAlloc-m0.HeapAlloc
	}
	b.ReportMetric(float64(cache), "cache-B")
	b.ReportMetric(float64(built), "built-B")
}
