package redact

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func sp(start, end int, repl string) Span {
	return Span{Start: start, End: end, Kind: KindPerson, Replacement: repl}
}

func TestApply(t *testing.T) {
	const text = "0123456789" // offsets are the digits
	tests := []struct {
		name string
		sets [][]Span
		want string
	}{
		{"none", nil, text},
		{"empty sets", [][]Span{{}, nil}, text},
		{"one", [][]Span{{sp(2, 4, "[A]")}}, "01[A]456789"},
		{"whole text", [][]Span{{sp(0, 10, "[A]")}}, "[A]"},
		{"adjacent kept apart", [][]Span{{sp(2, 4, "[A]"), sp(4, 6, "[B]")}}, "01[A][B]6789"},
		{"unsorted input", [][]Span{{sp(6, 8, "[B]"), sp(1, 3, "[A]")}}, "0[A]345[B]89"},
		{"nested: inner dropped", [][]Span{{sp(2, 8, "[OUT]")}, {sp(3, 5, "[IN]")}}, "01[OUT]89"},
		{"same start: longest wins", [][]Span{{sp(2, 4, "[SHORT]")}, {sp(2, 7, "[LONG]")}}, "01[LONG]789"},
		{"partial overlap: earliest wins and covers both", [][]Span{{sp(5, 9, "[B]")}, {sp(2, 6, "[A]")}}, "01[A]9"},
		{"chain of overlaps", [][]Span{{sp(1, 3, "[A]"), sp(2, 5, "[B]"), sp(4, 7, "[C]")}}, "0[A]789"},
		{"identical spans: tie broken by kind then replacement", [][]Span{
			{{Start: 2, End: 4, Kind: KindPhrase, Replacement: "[P]"}},
			{{Start: 2, End: 4, Kind: KindPerson, Replacement: "[Q]"}},
		}, "01[Q]456789"},
		{"empty and inverted spans ignored", [][]Span{{sp(3, 3, "[E]"), sp(6, 4, "[I]")}}, text},
		{"clamped to the text", [][]Span{{sp(-5, 2, "[A]"), sp(8, 50, "[B]")}}, "[A]234567[B]"},
		{"outside the text ignored", [][]Span{{sp(-5, -1, "[A]"), sp(10, 12, "[B]"), sp(20, 30, "[C]")}}, text},
		{"empty replacement deletes", [][]Span{{sp(0, 5, "")}}, "56789"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Apply(text, tt.sets...); got != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApplyMultiByte(t *testing.T) {
	text := "저는 김은주입니다, 전화 010-2231-8870."
	name := strings.Index(text, "김은주")
	phone := strings.Index(text, "010")
	tests := []struct {
		name string
		sets [][]Span
		want string
	}{
		{"rune aligned", [][]Span{{sp(name, name+len("김은주"), "[W-1]")}}, "저는 [W-1]입니다, 전화 010-2231-8870."},
		// A span that cuts runes is widened to whole runes, never
		// leaving half a character behind.
		{"cut runes widened", [][]Span{{sp(name+1, name+len("김은주")-1, "[W-1]")}}, "저는 [W-1]입니다, 전화 010-2231-8870."},
		{"with recognised", [][]Span{{sp(name, name+len("김은주"), "[W-1]")}, Recognise(text)}, "저는 [W-1]입니다, 전화 [PHONE]."},
		{"overlap across scripts", [][]Span{{sp(name, phone+3, "[X]")}, Recognise(text)}, "저는 [X]."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Apply(text, tt.sets...); got != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestResolveDeterministic checks that the order of sets and of spans
// within them does not change the result.
func TestResolveDeterministic(t *testing.T) {
	text := "Kim Eunju, born 2 February 1980, +82 10-4821-7730, Onsong Girls' Middle School"
	sets := [][]Span{
		Recognise(text),
		Phrases(text, []string{"Onsong Girls' Middle School", "Girls", "Eunju, born"}),
		{{Start: 0, End: 9, Kind: KindPerson, Replacement: "W-1"}, {Start: 4, End: 9, Kind: KindPerson, Replacement: "W-1"}},
	}
	want := Resolve(text, sets...)
	for _, perm := range [][]int{{2, 1, 0}, {1, 0, 2}, {0, 2, 1}} {
		var p [][]Span
		for _, i := range perm {
			s := slices.Clone(sets[i])
			slices.Reverse(s)
			p = append(p, s)
		}
		if got := Resolve(text, p...); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("order %v: got %v, want %v", perm, got, want)
		}
	}
	if got, want := Apply(text, sets...), "W-1 1980, [PHONE], [REDACTED]"; got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
}

func TestResolveContract(t *testing.T) {
	text := "αβγ 010-2231-8870"
	got := Resolve(text, []Span{sp(1, 3, "x"), sp(5, 8, "y"), sp(7, 9, "z")})
	checkSpans(t, text, got)
	if len(got) != 2 || got[0].Start != 0 || got[0].End != 4 || got[1].Start != 4 || got[1].End != 9 {
		t.Errorf("Resolve = %+v", got)
	}
}
