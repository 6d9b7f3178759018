package names

import "testing"

// TestTitleClasses checks titleClasses against the sets it is made of:
// each word of any of them has exactly the classes of the sets holding
// it, and no other word has any.
func TestTitleClasses(t *testing.T) {
	sets := map[uint8]map[string]bool{classBefore: titlesBefore, classKin: kinBefore, classOffice: officeTitles, classRole: roleWords}
	words := map[string]bool{"": true, "kim": true, "Mr": true, "the": true}
	for _, set := range sets {
		for w := range set {
			words[w] = true
		}
	}
	for w := range words {
		var want uint8
		for class, set := range sets {
			if set[w] {
				want |= class
			}
		}
		if got := titleClasses[w]; got != want {
			t.Errorf("titleClasses[%q] = %04b, want %04b", w, got, want)
		}
	}
}
