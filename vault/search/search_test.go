package search

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The SEOUL office", []string{"the", "seoul", "office"}},
		{"Ｓｅｏｕｌ, house 4242.", []string{"seoul", "house", "4242"}},
		{"Straße STRASSE", []string{"strasse", "strasse"}},
		{"TV를 보았다", []string{"tv", "를", "보았다"}},
		// Decomposed jamo (NFD) compose to the syllables of NFC.
		{"\u1111\u1167\u11bc\u110b\u1163\u11bc에서", []string{"평양에서"}},
		{"Kim's café", []string{"kim", "s", "café"}},
		{"cafe\u0301", []string{"café"}},
		{"  \t", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestIndexForms(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"평양에서", []string{"평양에서", "평", "평양", "평양에"}},
		{"집", []string{"집"}},
		{"seoul", []string{"seoul"}},
		{"가나다라마바사아자차카타파", []string{"가나다라마바사아자차카타파"}}, // over MaxPrefixRunes
	}
	for _, tt := range tests {
		if got := IndexForms(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("IndexForms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestText: Text makes the terms of the forms of the words, in order.
func TestText(t *testing.T) {
	key := []byte("test index key, 32 bytes long...")
	for _, text := range []string{"", "The SEOUL office", "평양에서 TV를 보았다, 평양에서", "cafe\u0301 가\u11a8"} {
		var want []Term
		ix := NewIndex(key)
		for _, w := range Words(text) {
			for _, f := range IndexForms(w) {
				want = append(want, ix.Term(Word, f))
			}
		}
		if got := NewIndex(key).Text(nil, text); !slices.Equal(got, want) {
			t.Errorf("Text(%q) = %x, want %x", text, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  Forced   Labour ": "forced labour",
		"TV-2019-101":        "tv-2019-101",
		"ＤＥＴＥＮＴＩＯＮ":          "detention",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	a, b := NewIndex(bytes.Repeat([]byte{1}, 32)), NewIndex(bytes.Repeat([]byte{2}, 32))
	if a.Term(Word, "seoul") != a.Term(Word, "seoul") {
		t.Fatal("a term is not deterministic")
	}
	for _, other := range []Term{a.Term(Tag, "seoul"), a.Term(Word, "seoul "), b.Term(Word, "seoul")} {
		if other == a.Term(Word, "seoul") {
			t.Fatal("a term does not depend on its kind, value and key")
		}
	}
	// The kind and the value are separated: no (kind, value) pair makes
	// the input of another.
	if a.Term(Word, "x") == a.Term(Kind(0), "w\x00x") {
		t.Fatal("kind and value run together")
	}
}

func TestSet(t *testing.T) {
	ix := NewIndex(make([]byte, 32))
	in := []Term{ix.Term(Word, "b"), ix.Term(Word, "a"), ix.Term(Word, "b")}
	s := NewSet(in)
	if s.Len() != 2 || !s.Contains(in[0]) || !s.Contains(in[1]) || s.Contains(ix.Term(Word, "c")) {
		t.Fatalf("set %x", s)
	}
	back, err := ParseSet(s)
	if err != nil || !bytes.Equal(back, s) {
		t.Fatalf("ParseSet = %x, %v", back, err)
	}
	swapped := append(slices.Clone(s[TermSize:]), s[:TermSize]...)
	repeated := append(slices.Clone(s[:TermSize]), s[:TermSize]...)
	for _, bad := range [][]byte{s[1:], swapped, repeated} {
		if _, err := ParseSet(bad); err == nil {
			t.Errorf("ParseSet(%x) accepted", bad)
		}
	}
	if s, err := ParseSet(nil); err != nil || s.Len() != 0 {
		t.Fatalf("ParseSet(nil) = %x, %v", s, err)
	}
	// Every term of a large set is found, and none other.
	var many []Term
	for i := range 1000 {
		many = append(many, ix.Term(Word, strconv.Itoa(i)))
	}
	big := NewSet(many[:500])
	if _, err := ParseSet(big); err != nil {
		t.Fatalf("NewSet of 500 terms: %v", err)
	}
	for i, tm := range many {
		if big.Contains(tm) != (i < 500) {
			t.Fatalf("term %d: Contains = %v", i, !(i < 500))
		}
	}
}

// TestFoldRuns: folding text run by run, the ASCII apart, is folding it
// whole, whatever precedes, follows or combines with the ASCII.
func TestFoldRuns(t *testing.T) {
	pieces := []string{"e", "E", "K", " ", "1", "-", "\u0301", "\u0308", "\u0345", "\u212a", "ß", "İ", "ﬁ", "Ａ", "①",
		"\u1100", "\u1161", "\u11a8", "평", "가", "Σ", "ǅ", "\u00e9", "\u0323", "\ufb01", "\u2126"}
	check := func(s string) {
		t.Helper()
		if got, want := fold(s), foldAll(s); got != want {
			t.Fatalf("fold(%+q) = %+q, want %+q", s, got, want)
		}
	}
	for _, a := range pieces { // every pair, and longer texts drawn at random
		for _, b := range pieces {
			check(a + b)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		var b strings.Builder
		for range 3 + r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
}

// TestAdd: terms added one by one to a compacted slice make the set of
// them all, repeats or not, and NewSet takes a compacted slice as it is.
func TestAdd(t *testing.T) {
	ix := NewIndex(make([]byte, 32))
	var all []Term
	for i := range 200 {
		all = append(all, ix.Term(Word, strconv.Itoa(i%150)))
	}
	r := rand.New(rand.NewPCG(3, 4))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	got := Compact(slices.Clone(all[:100]))
	for _, tm := range all[100:] {
		got = Add(got, tm)
	}
	if want := Compact(slices.Clone(all)); !slices.Equal(got, want) {
		t.Fatalf("Add gave %d terms, Compact %d", len(got), len(want))
	}
	if s := NewSet(got); !bytes.Equal(s, NewSet(all)) {
		t.Fatalf("NewSet of compacted terms differs")
	}
}

// TestCompact: terms sort as bytes, whichever byte differs and whether
// its high bit is set, and lose their repeats.
func TestCompact(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []Term
		want []Term
	}{
		{"empty", nil, nil},
		{"first byte, high bit", []Term{{0x80}, {0x7f}, {0x01}}, []Term{{0x01}, {0x7f}, {0x80}}},
		{"last byte", []Term{{7: 0xff}, {7: 0x00}, {6: 1}}, []Term{{7: 0x00}, {7: 0xff}, {6: 1}}},
		{"repeats", []Term{{3}, {1}, {3}, {1}, {2}}, []Term{{1}, {2}, {3}}},
		{"many", many(1000, 0, 1<<64-1), nil},
		{"many repeats", many(5000, 7, 1<<64-1), nil},
		{"many in one bucket", many(3000, 0, 0xff), nil},
		{"many in one bucket, repeats", many(3000, 40, 0xff), nil},
	} {
		if tt.want == nil && tt.in != nil {
			tt.want = sortedTerms(tt.in)
		}
		t.Run(tt.name, func(t *testing.T) {
			got := Compact(slices.Clone(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Compact(%x) = %x, want %x", tt.in, got, tt.want)
			}
			if !slices.IsSortedFunc(got, func(a, b Term) int { return bytes.Compare(a[:], b[:]) }) {
				t.Fatalf("Compact(%x) = %x, not in byte order", tt.in, got)
			}
		})
	}
}

// many returns n random terms, each with probability 1/(repeat+1) one
// of those before it, their first eight bytes anded with mask (a mask
// of few bits puts them all in the same buckets of Compact).
func many(n, repeat int, mask uint64) []Term {
	r := rand.New(rand.NewPCG(uint64(n), uint64(repeat)))
	terms := make([]Term, n)
	for i := range terms {
		if i > 0 && r.IntN(repeat+1) > 0 {
			terms[i] = terms[r.IntN(i)]
			continue
		}
		binary.BigEndian.PutUint64(terms[i][:], r.Uint64()&mask)
	}
	return terms
}

// sortedTerms is Compact by a comparison sort of the terms' bytes.
func sortedTerms(in []Term) []Term {
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b Term) int { return bytes.Compare(a[:], b[:]) })
	return slices.Compact(s)
}

// FuzzWords: whatever the text, its words are non-empty, valid UTF-8,
// already normalised (the words of their own text are themselves), and
// indexed first as themselves.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"The SEOUL office", "TV를 보았다", "\u1111\u1167\u11bc에서", "cafe\u0301", "\xff\xfe", "ﬁ ǅ ß İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := Words(text)
		for _, w := range words {
			if w == "" || !utf8.ValidString(w) {
				t.Fatalf("Words(%q) holds %q", text, w)
			}
			if forms := IndexForms(w); forms[0] != w {
				t.Fatalf("IndexForms(%q) = %q", w, forms)
			}
		}
		if again := Words(strings.Join(words, " ")); !slices.Equal(again, words) {
			t.Fatalf("Words(%q) = %q, but the words of those are %q", text, words, again)
		}
	})
}
