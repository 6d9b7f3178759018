package names

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
)

// vaultPersons returns the persons of the first n/2 synthetic testimonies
// (internal/synthetic, as bench/fillvault registers them): each
// testimony's witness and other person, IDs as the vault makes them
// (opaque, of equal length), the witness with its contact.
func vaultPersons(n int) []Person {
	persons := make([]Person, 0, n)
	for i := range n / 2 {
		t := synthetic.Testimony(i)
		w, o := t.Witness, t.Persons[0]
		persons = append(persons,
			Person{ID: fmt.Sprintf("p-%016x", 2*i), Name: w.Name, Values: []string{w.Contact}},
			Person{ID: fmt.Sprintf("p-%016x", 2*i+1), Name: o.Name})
	}
	return persons
}

// BenchmarkMatcherHeap reports the heap a built Matcher holds (heap-B)
// and the time NewMatcher takes, for registries of the vault's shape and
// of Korean names (benchPersons).
func BenchmarkMatcherHeap(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		for _, kind := range []struct {
			name    string
			persons func(int) []Person
		}{{"vault", vaultPersons}, {"korean", benchPersons}} {
			persons := kind.persons(n)
			b.Run(fmt.Sprintf("%s-%d", kind.name, n), func(b *testing.B) {
				var heap uint64
				for b.Loop() {
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					m := newMatcher(b, persons)
					runtime.GC()
					runtime.ReadMemStats(&after)
					heap = after.HeapAlloc - before.HeapAlloc
					runtime.KeepAlive(m)
				}
				b.ReportMetric(float64(heap), "heap-B")
			})
		}
	}
}
