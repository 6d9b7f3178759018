package redact

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
)

// TestWordStarts checks the one-pass wordStarts against its definition:
// each word's occurrences, each found after the end of the one before,
// merged in order.
func TestWordStarts(t *testing.T) {
	perWord := func(s string, words []string) []int {
		var out []int
		for _, w := range words {
			for off := 0; ; {
				i := strings.Index(s[off:], w)
				if i < 0 {
					break
				}
				out = append(out, off+i)
				off += i + len(w)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	many := make([]string, 70) // words that overlap each other and themselves
	for i := range many {
		many[i] = string(rune('a'+i%26)) + strings.Repeat("b", i/26)
	}
	narrative := narrative4K(t)
	// Every pair of bytes of an alphabet, in a text of them: the pairs
	// share the index's buckets, which hold other pairs too.
	var pairs []string
	alphabet := []byte("ab z\xc3\xa9.\x00\xff")
	for _, a := range alphabet {
		for _, b := range alphabet {
			pairs = append(pairs, string([]byte{a, b}))
		}
	}
	for _, tt := range []struct {
		text  string
		words []string
	}{
		{"", []string{"a", "b"}},
		{"aaaa", []string{"aa"}},
		{"aaaaa", []string{"aa", "a"}},
		{"aaaaa", []string{"aaa", "aa"}},
		{" Road Road Road ", []string{" Road ", " Rd", "Road"}},
		{"ulitsa Lenina, ul. Mira", []string{"ulitsa ", "ul.", "ul"}},
		{"우편번호 12345, 사서함 7", []string{"우편번호", "사서함", "우"}},
		{"straßestrasse str.", []string{"straße", "strasse", "str.", "s"}},
		{"abababab", many},
		{strings.Repeat("ab z\xc3\xa9.\x00\xffba", 300), pairs},
		{"a", []string{"a", "ab", "b"}},
		{strings.ToLower(narrative), addressWords},
		{strings.ToLower(narrative), phoneCues},
		{narrative, []string{" Road ", " Street ", " Lu ", " St", " st. ", " street "}},
		{narrative, many},
		// Words with bytes the text lacks, or has once, or has at either
		// end of the word: each is looked for by its rarest byte in the
		// text.
		{"zzzz azb zazbz", []string{"azb", "zz", "zb", "q", "zq", "bz", "azbq"}},
		{strings.ToLower(synthetic.Testimony(3).Narrative), slices.Concat(addressWords, frontWords, nkCities, phoneTailWords, ruStreetWords)},
		{synthetic.Testimony(4).Narrative, []string{"In the", " the ", "house", "e", "가", "을 "}},
	} {
		want := perWord(tt.text, tt.words)
		// Scanned, then from the scan kept, in another case, and
		// without a scan.
		cs := newCues(tt.words...)
		for _, got := range [][]int{wordStarts(tt.text, cs), wordStarts(tt.text, cs), cueStarts(tt.text, asciiLower(tt.text), cs), cueStarts(tt.text, asciiUpper(tt.text), cs), scanWordStarts(tt.text, tt.words)} {
			if !slices.Equal(got, want) {
				t.Errorf("wordStarts(%.40q, %q) = %v, want %v", tt.text, tt.words, got, want)
			}
		}
	}
	// Too long to index.
	long := strings.Repeat(narrative+" Road 12 ", maxScanned/len(narrative)+1)
	if got, want := wordStarts(long, newCues(" Road ", " St", "e")), perWord(long, []string{" Road ", " St", "e"}); !slices.Equal(got, want) {
		t.Errorf("wordStarts of %d bytes: %d offsets, want %d", len(long), len(got), len(want))
	}
}

// TestWordStartsIndexes checks that wordStarts answers for the text it is
// given whatever the scans kept hold: texts of the same length that
// differ, taken in turn, from many goroutines at once (with -race, that
// a scan is used by one call at a time).
func TestWordStartsIndexes(t *testing.T) {
	texts := []string{"a road 1", "A Road 1", "a rxad 1", "road 1 a", "a road 1"}
	words := []string{"road", "a", "1", "x"}
	cs := newCues(words...)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				s := texts[(g+i)%len(texts)]
				if got, want := wordStarts(s, cs), scanWordStarts(s, words); !slices.Equal(got, want) {
					t.Errorf("wordStarts(%q) = %v, want %v", s, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestASCIILower checks that asciiLower lowers ASCII capitals and
// nothing else, byte for byte.
func TestASCIILower(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC", "aBc", "Z", "Ünïcode ÉTÉ 가A 김Kim", "\xffZ\xc3", "@[`{AZaz", narrative4K(t)} {
		want := []byte(s)
		for i, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if got := asciiLower(s); got != string(want) {
			t.Errorf("asciiLower(%.40q) = %.40q, want %.40q", s, got, want)
		}
	}
}

// TestNormTextMemo checks that newNormText, which gives the last text
// normalised each way again, gives each text its own normal form when
// eight goroutines normalise texts of one length, each folded and not,
// in turn (run with -race), the plain ones (ASCII and Hangul: the last
// two) folded or not from the other form (twinOfPlain).
func TestNormTextMemo(t *testing.T) {
	texts := []string{"Kim 010\u200b1234", "kim 010-1234\u00ad", "KIM ０１０ 1234", "Kim 010 1234", "김 KIM 010 1234 김"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				s, fold := texts[(g+i/2)%len(texts)], (g+i)%2 == 0
				got, want := newNormText(s, fold), normalise(s, fold)
				if got.s != want.s || got.orig != s || !slices.Equal(got.chunks, want.chunks) || got.lower != asciiLower(want.s) {
					t.Errorf("newNormText(%q, %v) = %q %v, want %q %v", s, fold, got.s, got.chunks, want.s, want.chunks)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestPlateShapes checks that each shape that spares windows a plate
// pattern holds wherever the pattern matches: on plates, near misses, and
// 10,000 strings of digit runs, letter runs and separators.
func TestPlateShapes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name         string
		re           *regexp.Regexp
		shape        func(window, string) bool
		plates, none []string
		pieces       []string
	}{
		{"roman", romanPlateRe(), romanPlateShape,
			[]string{"12ga 3456", "12ga3456", "123geo-1234", "12 bae-1234", "12-ho1234", "x12\tga1234y"},
			[]string{"+82 10-4821-7730 or eunju.kim80@", "born 1980 in", "12 gaze 3456", "12g3456"},
			[]string{"1", "12", "123", "1234", "12345", "ga", "geo", "bae", "x", "gax", "o", " ", "-", "\t", "--"}},
		{"uk", ukPlateRe(), ukPlateShape,
			[]string{"AB12 CDE", "AB12CDE", "xAB12 CDEx"},
			[]string{"+82 10-4821-7730 or eunju.kim80@", "Kim 16, 17", "A12 BCD", "Ab12 CDE"},
			[]string{"1", "12", "AB", "ABC", "ABCD", "Ab", " ", "-"}},
		{"es", esPlateRe(), esPlateShape,
			[]string{"1234 BCD", "1234-BCD", "x1234 BCDx"},
			[]string{"+82 10-4821-7730 or eunju.kim80@", "born 1980 in", "123 BCD", "1234 bcd", "1234  BCD"},
			[]string{"12", "1234", "B", "BCD", "bcd", " ", "-", "x"}},
	} {
		found := 0
		check := func(s string) {
			if !tt.re.MatchString(s) {
				return
			}
			found++
			if !tt.shape(window{}, s) {
				t.Fatalf("%s: %q: the pattern matches, its shape says it cannot", tt.name, s)
			}
		}
		for _, s := range tt.plates {
			if !tt.re.MatchString(s) {
				t.Fatalf("%s: %q: no plate", tt.name, s)
			}
			check(s)
		}
		for _, s := range tt.none {
			if tt.shape(window{}, s) {
				t.Errorf("%s: %q: the shape holds, though no plate fits", tt.name, s)
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for range 10_000 {
			var b strings.Builder
			for range 2 + rng.IntN(5) {
				b.WriteString(tt.pieces[rng.IntN(len(tt.pieces))])
			}
			check(b.String())
		}
		if found < 50 {
			t.Fatalf("%s: only %d plates among the strings", tt.name, found)
		}
	}
}

// asciiUpper is s with its ASCII letters upper-cased.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
