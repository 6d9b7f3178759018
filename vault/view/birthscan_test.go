package view

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/redact"
)

// scanTexts are texts for the tests of the birth rules' scans against
// their plain readings: hand-made ones at the scans' edges (capitals,
// the dotted İ, the Kelvin sign and the long s that lower-case apart
// from ASCII, combining marks, Hangul, cut runes), every corpus text and
// synthetic narratives.
func scanTexts(t *testing.T) []string {
	texts := []string{
		"", "born", "BORN nineteen eighty-eight", "Born, two thousand and one", "reborn nineteen ninety",
		"firstborn nineteen ninety", "b born nineteen ninety-five", "birth year: nineteen ninety-four",
		"YEAR OF BIRTH nineteen seventy", "y.o.b. ninety-three", "D.O.B: dos mil tres", "DoB mil novecientos ochenta y ocho",
		"año de nacimiento: mil novecientos noventa y cuatro", "AÑO DE NACIMIENTO mil novecientos", "Año de nacimiento mil novecientos",
		"ano de nascimento dois mil", "yob yob yob nineteen eighty", "bornborn nineteen eighty", "한born nineteen eighty",
		"éborn nineteen eighty", "BİRTH YEAR nineteen eighty", "\xffborn nineteen eighty", "born\xff nineteen eighty",
		"born in the Iron Horse year", "born in the IRON-HORSE year", "born 1990, Fire Mouse", "born in the İron Horse year",
		"tuổi Bính Tý", "TUỔI BÍNH TÝ", "tuổi Bính Tý", "sinh năm Ất Dậu", "sinh năm ẤT DẬU", "born, a Metal Rat",
		"born in a Water Dragon year, wood ox, earth-pig", "born: Wood Ox Wood Ox", "born 铁马年", "생년월일 water snake",
		"born in the Iron Horſe year", "born a metal \u212aat", "born in Canh Thìn", "born in canh thìn năm",
		"tuo\u0302\u0309i Bi\u0301nh Ty\u0301", "sinh năm A\u0302\u0301t Da\u0323\u0302u", "born: Wood\u0301 Ox",
	}
	for _, c := range loadCorpus(t) {
		texts = append(texts, allText(&c.Testimony))
	}
	for i := range 100 {
		texts = append(texts, synthetic.Testimony(i).Narrative)
	}
	return texts
}

// TestBirthScans checks the scans of bornWordYearSpans and
// elementYearSpans, which skip what cannot match, against plain readings
// of their rules.
func TestBirthScans(t *testing.T) {
	for _, s := range scanTexts(t) {
		checkBirthScans(t, s)
	}
}

// FuzzBirthScans checks the birth rules' scans against their plain
// readings on any text.
func FuzzBirthScans(f *testing.F) {
	f.Add("BORN nineteen eighty-eight, in the Iron Horse year; tuổi Bính Tý")
	f.Add("año de nacimiento: mil novecientos noventa y cuatro, born a metal \u212aat")
	f.Fuzz(checkBirthScans)
}

func checkBirthScans(t *testing.T, s string) {
	byStart := func(x, y redact.Span) int { return x.Start - y.Start }
	got, want := bornWordYearSpans(s), plainBornWordYearSpans(s)
	slices.SortStableFunc(got, byStart)
	slices.SortStableFunc(want, byStart)
	if !slices.Equal(got, want) {
		t.Errorf("bornWordYearSpans(%.60q) = %v, want %v", s, got, want)
	}
	if got, want := elementYearSpans(s), plainElementYearSpans(s); !slices.Equal(got, want) {
		t.Errorf("elementYearSpans(%.60q) = %v, want %v", s, got, want)
	}
}

// plainBornWordYearSpans reads bornWordYearSpans' rule cue by cue, in the
// text with its ASCII capitals lowered.
func plainBornWordYearSpans(s string) []redact.Span {
	lower := []byte(s)
	for i, c := range lower {
		lower[i] = lowerASCII(c)
	}
	var out []redact.Span
	for _, cue := range wordYearCues {
		for off := 0; ; {
			i := strings.Index(string(lower[off:]), cue)
			if i < 0 {
				break
			}
			i += off
			off = i + len(cue)
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && unicode.IsLetter(r) {
				continue
			}
			k := off
			for k < len(s) && (s[k] == ' ' || s[k] == ':') {
				k++
			}
			if a, b, y := yearWordsAfter(s, k); a < b && y >= 1900 && y <= 2099 {
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: Band(y)})
			}
		}
	}
	return out
}

// plainElementYearSpans reads elementYearSpans' rule for Latin words at
// every pair of words, with its Han rule (hanElementYears).
func plainElementYearSpans(s string) []redact.Span {
	var out []redact.Span
	prevStart, prevEnd := -1, -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		a := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			i += n
		}
		if prevEnd >= 0 && prevEnd+1 == a && (s[prevEnd] == ' ' || s[prevEnd] == '-') {
			first, second := strings.ToLower(s[prevStart:prevEnd]), strings.ToLower(s[a:i])
			element := cycleElements[first] && cycleAnimals[second]
			canChi := canStems[first] && chiBranches[second]
			if (element || canChi) && (bornNear(s, prevStart, i) || canChi && strings.HasSuffix(strings.ToLower(strings.TrimRight(s[:prevStart], " ")), "tuổi")) {
				out = append(out, redact.Span{Start: prevStart, End: i, Kind: redact.KindDate, Replacement: "[DATE]"})
			}
		}
		prevStart, prevEnd = a, i
	}
	out = hanElementYears(s, out)
	slices.SortFunc(out, func(x, y redact.Span) int { return x.Start - y.Start })
	return out
}

// TestBirthScansFind checks that the texts of TestBirthScans reach the
// rules: a test of scans that find nothing could not fail.
func TestBirthScansFind(t *testing.T) {
	words, elements := 0, 0
	for _, s := range scanTexts(t) {
		words += len(bornWordYearSpans(s))
		elements += len(elementYearSpans(s))
	}
	if words < 10 || elements < 10 {
		t.Errorf("the texts give %d years in words and %d years of the cycle, want 10 of each", words, elements)
	}
}

// TestFoldEqual checks foldEqual against strings.EqualFold on every
// holiday and birth word, as written and in other cases, against every
// window of their length in the words and a narrative, and on pairs of
// runes that fold alike or not, of one byte or more, after ASCII.
func TestFoldEqual(t *testing.T) {
	t.Parallel()
	var words []string
	for _, w := range slices.Concat(holidays, birthWords) {
		words = append(words, w, strings.ToUpper(w), strings.ToLower(w), strings.ToTitle(w),
			strings.NewReplacer("k", "\u212a", "s", "ſ", "K", "\u212a", "S", "ſ").Replace(w))
	}
	text := strings.Join(append(words, synthetic.Testimony(0).Narrative), " ")
	equal := 0
	for _, w := range words {
		for i := 0; i+len(w) <= len(text); i++ {
			x := text[i : i+len(w)]
			got, want := foldEqual(x, w), strings.EqualFold(x, w)
			if got != want {
				t.Fatalf("foldEqual(%q, %q) = %v, want %v", x, w, got, want)
			}
			if want {
				equal++
			}
		}
	}
	if equal < 100 {
		t.Errorf("%d windows fold alike, want 100 or more", equal)
	}
	runes := []string{"k", "K", "\u212a", "s", "S", "ſ", "i", "I", "İ", "ı", "a", "é", "É", "ß", "ẞ", "ω", "\u2126", "å", "\u212b"}
	for _, a := range runes {
		for _, b := range runes {
			n := max(len(a), len(b)) + 1
			x, w := "Ab"+a+strings.Repeat("c", n-len(a)), "aB"+b+strings.Repeat("C", n-len(b))
			if got, want := foldEqual(x, w), strings.EqualFold(x, w); got != want {
				t.Errorf("foldEqual(%q, %q) = %v, want %v", x, w, got, want)
			}
		}
	}
}

// TestIsLetter checks isLetter against unicode.IsLetter, and that no rune
// before firstMn is a combining mark, for every rune.
func TestIsLetter(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isLetter(r) != unicode.IsLetter(r) {
			t.Errorf("isLetter(%U) = %v", r, isLetter(r))
		}
		if r < firstMn && unicode.Is(unicode.Mn, r) {
			t.Errorf("%U is a combining mark before firstMn %U", r, firstMn)
		}
	}
}

// TestAnyDigit checks anyDigit on every byte at every place of a word,
// among bytes that are no digits of every kind, and forDigitRuns against
// a byte by byte walk on the scan texts.
func TestAnyDigit(t *testing.T) {
	for _, fill := range []byte{0, ' ', '/', ':', 'a', 0x7f, 0x80, 0xb0, 0xb9, 0xff} {
		for place := range 8 {
			for c := range 256 {
				x := uint64(fill) * 0x0101010101010101
				x = x&^(0xff<<(8*place)) | uint64(c)<<(8*place)
				if got, want := anyDigit(x), isDigitByte(byte(c)); got != want {
					t.Fatalf("anyDigit(%#016x) = %v, want %v", x, got, want)
				}
			}
		}
	}
	runs := 0
	for _, s := range scanTexts(t) {
		var got, want [][2]int
		forDigitRuns(s, func(a, b int) { got = append(got, [2]int{a, b}) })
		for i := 0; i < len(s); i++ {
			if isDigitByte(s[i]) && (i == 0 || !isDigitByte(s[i-1])) {
				j := i
				for j < len(s) && isDigitByte(s[j]) {
					j++
				}
				want = append(want, [2]int{i, j})
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("forDigitRuns(%.60q) = %v, want %v", s, got, want)
		}
		runs += len(want)
	}
	if runs < 100 {
		t.Errorf("the scan texts hold %d runs of digits, want 100 or more", runs)
	}
}

// TestContainsFold checks containsFold against a test of every place of
// the scan texts and of texts with juche in every case.
func TestContainsFold(t *testing.T) {
	texts := append(scanTexts(t), "juche", "JUCHE 65", "in Juche 65, May 21", "jUcHe", "juch", "xjuchex", "j", "J.uche")
	found := 0
	for _, s := range texts {
		for _, word := range []string{"juche", "born", "@x", ".b"} {
			want := false
			for i := 0; i+len(word) <= len(s); i++ {
				want = want || s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word)
			}
			if got := containsFold(s, word); got != want {
				t.Errorf("containsFold(%.60q, %q) = %v, want %v", s, word, got, want)
			}
			if want {
				found++
			}
		}
	}
	if found < 10 {
		t.Errorf("%d texts hold a word, want 10 or more", found)
	}
}
