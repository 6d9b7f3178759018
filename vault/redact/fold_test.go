package redact

import "testing"

// TestFoldHangul checks what foldSegment's shortcut for Hangul assumes:
// folding changes no Hangul syllable, alone or in a run.
func TestFoldHangul(t *testing.T) {
	var run []byte
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		s := string(r)
		if got := string(foldRunes([]byte(s))); got != s {
			t.Fatalf("%U %s folds to %q", r, s, got)
		}
		run = append(run, s...)
	}
	if got := string(foldRunes(append([]byte(nil), run...))); got != string(run) {
		t.Fatal("a run of every Hangul syllable changes when folded")
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{{"가힣", true}, {"", true}, {"가a", false}, {"가\u1161", false}, {"ㅡ", false}, {"가’", false}} {
		if got := hangulSyllables([]byte(tc.in)); got != tc.want {
			t.Errorf("hangulSyllables(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
