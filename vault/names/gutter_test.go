package names

import (
	"slices"
	"testing"
)

// TestGutterBreak checks a name broken across two numbered lines of a
// transcript (review 13j N4), and that a number opening a line without
// the bar is no gutter.
func TestGutterBreak(t *testing.T) {
	m := newMatcher(t, skelPersons())
	for _, c := range []struct {
		text string
		want []string
	}{
		{"001| Zahra Hos-\n002| seini left Jaghori.", []string{"Zahra Hos-\n002| seini=zahra"}},
		{"023| Her name is Senait Tes-\n024|   fay Gebremedhin and", []string{"Senait Tes-\n024|   fay Gebremedhin=senait"}},
		{"Zahra Hos-\r\n7 | seini left", []string{"Zahra Hos-\r\n7 | seini=zahra"}},
		{"Zahra Hosseini left.\n12 people came", []string{"Zahra Hosseini=zahra"}},
		{"Senait Tes-\n022| fay left", []string{"Senait Tes-\n022| fay=senait"}},
	} {
		if got := evidentMentions(t, m, c.text, m.Everyone()); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	for _, c := range []struct {
		s    string
		i, n int
	}{{"12| x", 0, 3}, {"12 |\tx", 0, 4}, {"12 people", 0, 0}, {"123456| x", 0, 0}, {"12|x", 0, 0}, {"| x", 0, 0}} {
		if n := gutterAt(c.s, c.i); n != c.n {
			t.Errorf("gutterAt(%q) = %d, want %d", c.s, n, c.n)
		}
	}
}
