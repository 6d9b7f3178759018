package redact

import "testing"

func TestNumberWord(t *testing.T) {
	for w, want := range map[string]int{
		"one": 1, "nine": 9, "twenty": 20, "ninety": 90, "zero": 0,
		"uno": 1, "ochenta": 80, "veintiuno": 21, "novecientos": 900,
		"trezentos": 300, "двадцать": 20, "пять": 5, "năm": 5, "chín": 9, "bẩy": 7,
		"o": 0, "hundred": -1, "de": -1, "": -1, "One": -1,
	} {
		if got := NumberWord(w); got != want {
			t.Errorf("NumberWord(%q) = %d, want %d", w, got, want)
		}
	}
}
