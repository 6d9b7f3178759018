package names

import (
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// TestEvidenceOfMany checks that the evidence of a set of a good part of
// the registry (Everyone) is that of its first maxEvident persons, as
// for a small set.
func TestEvidenceOfMany(t *testing.T) {
	m := newMatcher(t, benchPersons(1000))
	for _, skip := range []int{0, 10, 900} {
		dense := maps.Clone(m.Everyone())
		for _, id := range m.ids[:skip] {
			delete(dense, id)
		}
		sparse := map[string]bool{}
		for _, id := range m.ids[skip:min(skip+maxEvident, len(m.ids))] {
			sparse[id] = true
		}
		a, b := &evidence{ids: dense}, &evidence{ids: sparse}
		m.build1(a)
		m.build1(b)
		if !reflect.DeepEqual(a.surnames, b.surnames) || !reflect.DeepEqual(a.near, b.near) || !reflect.DeepEqual(a.parts, b.parts) {
			t.Errorf("all but the first %d persons: evidence differs from that of the %d persons after them", skip, maxEvident)
		}
	}
}

// TestEveryoneCost checks that finding misspelt names with every person
// evident (Everyone: the checks of what users type for the audit log)
// costs no more in a larger registry once its evidence is built, which
// is once per matcher (evidenceOf: it holds every person's skeletons):
// it once looked up every ID of the set on every call: at 100,000
// persons, most of the CPU of a researcher view through tvaultd, which
// checks its domain's name so.
func TestEveryoneCost(t *testing.T) {
	var bytes [2]uint64
	for i, n := range []int{1000, 4000} {
		m := newMatcher(t, benchPersons(n))
		ev := m.Everyone()
		m.evidenceOf(ev) // built here, once
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 10 {
			if _, _, ok := m.misspelt(m.evidenceOf(ev), []byte("study")); ok {
				t.Fatal("study taken for a misspelt name")
			}
		}
		runtime.ReadMemStats(&after)
		bytes[i] = (after.TotalAlloc - before.TotalAlloc) / 10
	}
	if bytes[1] > bytes[0]+1024 {
		t.Errorf("misspelt with every person evident allocated %d bytes a call at 1,000 persons, %d at 4,000", bytes[0], bytes[1])
	}
}

// TestNeedsEvidence checks NeedsEvidence against evident sets of as many
// persons as have an everyday given name, or more, with and without one
// of them: the count alone does not answer.
func TestNeedsEvidence(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-bora", Name: "유보라"}, {ID: "K-jihye", Name: "이지혜"}, {ID: "W-kim", Name: "Kim Eunju"},
	})
	for _, tt := range []struct {
		evident []string
		want    bool
	}{
		{nil, true},
		{[]string{"K-bora"}, true},
		{[]string{"K-bora", "W-kim"}, true},
		{[]string{"K-bora", "W-kim", "X-unknown", "Y-unknown"}, true},
		{[]string{"K-bora", "K-jihye"}, false},
		{[]string{"K-bora", "K-jihye", "W-kim", "X-unknown"}, false},
	} {
		ev := map[string]bool{}
		for _, id := range tt.evident {
			ev[id] = true
		}
		if got := m.NeedsEvidence(ev); got != tt.want {
			t.Errorf("NeedsEvidence(%v) = %v, want %v", tt.evident, got, tt.want)
		}
	}
}

// TestEvidenceCache checks that the evidence kept for a small evident set
// (evidenceCache) finds what evidence built for the find finds, for
// goroutines sharing it, for more sets than are kept and for a set
// changed in place.
func TestEvidenceCache(t *testing.T) {
	m := adversarialMatcher(t)
	// built is what FindEvident finds with evidence built for it.
	built := func(text string, evident map[string]bool) []Match {
		return m.findEvident(text, &evidence{ids: evident})
	}
	texts := goldenTexts(t)
	var sets []map[string]bool
	for _, id := range slices.Sorted(maps.Keys(adversarialEvident)) {
		for _, other := range []string{"", "K-minseo", "W-kim", "C-jin"} {
			set := map[string]bool{id: true}
			if other != "" {
				set[other] = other != "K-minseo" // false: a set may say so
			}
			sets = append(sets, set)
		}
	}
	if len(sets) <= cachedEvidences {
		t.Fatalf("%d sets, no more than are kept", len(sets))
	}
	want := make([][]Match, len(texts))
	for k, text := range texts {
		want[k] = built(text, sets[k%len(sets)])
	}
	const goroutines = 4
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for k := g; k < len(texts); k += goroutines {
				if got := m.FindEvident(texts[k], sets[k%len(sets)]); !reflect.DeepEqual(got, want[k]) {
					t.Errorf("%q with %v: %v, with evidence built for it %v", texts[k], sets[k%len(sets)], got, want[k])
				}
			}
		})
	}
	wg.Wait()
	ev := map[string]bool{"R-moss": true}
	text := "Katie came with Kathrine Moss, and Cathy O'Neil."
	m.FindEvident(text, ev)
	ev["R-moss"], ev["R-oneill"] = false, true
	got := m.FindEvident(text, ev)
	if want := built(text, ev); !reflect.DeepEqual(got, want) {
		t.Errorf("set changed in place: %v, with evidence built for it %v", got, want)
	}
}
