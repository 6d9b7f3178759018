package names

import (
	"iter"
	"maps"
	"testing"
)

// TestWordFilters checks that no word of the sets the filters stand for
// is filtered out: a filter may only save a lookup.
func TestWordFilters(t *testing.T) {
	m := adversarialMatcher(t)
	for _, c := range []struct {
		name   string
		filter wordFilter
		words  iter.Seq[string]
	}{
		{"titles", titleFilter, maps.Keys(titleClasses)},
		{"particles", particleFilter, maps.Keys(particles)},
		{"surnames", m.surnameFilter, maps.Keys(m.surnames)},
	} {
		n := 0
		for w := range c.words {
			n++
			if !c.filter.mayHold([]byte(w)) {
				t.Errorf("%s: %q filtered out", c.name, w)
			}
		}
		if n == 0 {
			t.Errorf("%s: empty set", c.name)
		}
	}
}
