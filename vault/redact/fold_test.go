package redact

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/synthetic"
)

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

// TestNormaliseFoldedRuns checks the folded normalisation of texts that
// mix ASCII, Hangul syllables, conjoining jamo, marks and invisible
// characters, which it copies a run at a time, against the text
// normalised and folded a segment at a time, and that each syllable of
// the copy maps back to the same syllable, or to the jamo it is composed
// of.
func TestNormaliseFoldedRuns(t *testing.T) {
	for _, s := range []string{
		"가\u11A8 각 Kim 김은주가 왔다", "가나다\u0301라", "ÉTÉ 한국 cafe\u0301 한\u200b국", "ABC가", "가ABC", "가", "\u11A8가",
		"각\u11A8", "가\xff나", "ｶﾞ 가 \u1100\u1161\u11A8", synthetic.Testimony(3).Narrative,
	} {
		nt := normalise(s, true)
		var want []byte
		for i := 0; i < len(s); {
			m := norm.NFKC.NextBoundaryInString(s[i:], true)
			if m <= 0 {
				_, m = utf8.DecodeRuneInString(s[i:])
			}
			seg := clean(norm.NFKC.AppendString(nil, s[i:i+m]))
			if len(seg) > 0 {
				seg = foldSegment(seg)
			}
			want = append(want, seg...)
			i += m
		}
		if nt.s != string(want) {
			t.Errorf("normalise(%.40q, true) = %.40q, want %.40q", s, nt.s, want)
			continue
		}
		for a := 0; a < len(nt.s); {
			r, size := utf8.DecodeRuneInString(nt.s[a:])
			if r >= 0xAC00 && r <= 0xD7A3 {
				if x, y := nt.span(a, a+size); norm.NFC.String(s[x:y]) != string(r) {
					t.Errorf("normalise(%.40q, true): %q at %d maps to %q", s, r, a, s[x:y])
				}
			}
			a += size
		}
	}
}
