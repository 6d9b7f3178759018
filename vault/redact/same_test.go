package redact

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/golden"
	"github.com/tvault/tvault/internal/synthetic"
)

// TestSameSpans holds what Recognise, NumberSet.Find, PhraseSet.Find and
// ResidenceSet.Find return on many texts to the SHA-256 of their spans in
// testdata/recognise/spans.golden, written at 599c738 (before the
// recognisers' machinery was made cheaper in session 13, run with
// -update only where a rule changes): a faster
// recogniser must find the very same spans. The texts are every string
// of vault/view's corpus cases, the fields of 400 synthetic testimonies,
// narrative-4k.txt and the golden input, and 6,000 random texts made of
// the package's own string literals at 599c738
// (testdata/recognise/vocabulary.txt: cue words, month names, digit
// words), digits, dates, the identifiers of the fuzz tests, the sets' values,
// Hangul, punctuation and invalid UTF-8, and a few long ones.
func TestSameSpans(t *testing.T) {
	t.Parallel()
	sums := map[string]string{}
	for name, texts := range sameSpansTexts(t) {
		if !golden.Sampled(name) {
			continue
		}
		var b bytes.Buffer
		for _, text := range texts {
			writeSpans(&b, text)
		}
		sums[name] = fmt.Sprintf("%x", sha256.Sum256(b.Bytes()))
	}
	golden.Check(t, filepath.Join("testdata", "recognise", "spans.golden"), sums, *update)
}

// The sets TestSameSpans finds in every text, whose values its random
// texts also hold.
var (
	sameNumbers    = []string{"010-2231-8870", "930517-1234567", "+82 10-7788-1234", "12345678", "KOR-12-345678", "02 3456 7890"}
	samePhrases    = []string{"Onsong Girls' Middle School", "Chongjin Railway Station kiosk 4", "Hyesan Textile Mill No. 3", "Kim Young-soo", "온성여자중학교"}
	sameResidences = []string{"Flat 3, 27 Harbour Road, Leith, Edinburgh EH6 6LP", "경기도 안산시 단원구 고잔동 715-3", "함경북도 온성군 남양로동자구 3반"}
	numberSet      = NewNumberSet(sameNumbers)
	phraseSet      = NewPhraseSet(samePhrases)
	residenceSet   = NewResidenceSet(sameResidences)
)

// writeSpans writes to b the spans each finder returns on text.
func writeSpans(b *bytes.Buffer, text string) {
	for _, spans := range [][]Span{Recognise(text), numberSet.Find(text), phraseSet.Find(text), residenceSet.Find(text)} {
		for _, s := range spans {
			fmt.Fprintf(b, "%d %d %s %q\n", s.Start, s.End, s.Kind, s.Replacement)
		}
		b.WriteByte(0)
	}
	b.WriteByte(1)
}

// sameSpansTexts returns TestSameSpans' texts by group.
func sameSpansTexts(t *testing.T) map[string][]string {
	out := map[string][]string{"narrative-4k": {narrative4K(t)}}
	in, err := os.ReadFile(filepath.Join("testdata", "golden", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out["golden"] = []string{string(in)}

	for name, texts := range corpusStrings(t) {
		out["corpus/"+name] = texts
	}

	for i := range 400 {
		d := synthetic.Testimony(i)
		name := fmt.Sprintf("synthetic/%03d", i/10*10)
		out[name] = append(out[name], d.Title, d.Witness.Relation, d.Persons[0].Relation, d.Narrative)
		out[name] = append(out[name], d.Tags...)
	}

	vocab := readVocabulary(t)
	for k := range 120 {
		rng := rand.New(rand.NewPCG(uint64(k), 0x5a3e))
		name := fmt.Sprintf("random/%03d", k)
		for range 50 {
			out[name] = append(out[name], randomText(rng, vocab, 1+rng.IntN(40)))
		}
	}
	rng := rand.New(rand.NewPCG(1, 0x10c6))
	for k := range 10 {
		name := fmt.Sprintf("long/%d", k)
		out[name] = []string{randomText(rng, vocab, 1000+rng.IntN(4000))}
	}
	// Longer than the longest text wordStarts scans.
	var long strings.Builder
	for i := 0; long.Len() <= maxScanned; i++ {
		long.WriteString(synthetic.Testimony(i).Narrative)
		long.WriteString(randomText(rng, vocab, 40))
	}
	out["long/unindexed"] = []string{long.String()}
	return out
}

// corpusStrings returns every string of vault/view's corpus cases
// (titles, tags, relations, narratives, names, ...), by case.
func corpusStrings(tb testing.TB) map[string][]string {
	files, err := filepath.Glob(filepath.Join("..", "view", "testdata", "corpus", "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus: %v", err)
	}
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = jsonStrings(nil, v)
	}
	return out
}

// jsonStrings appends to out every string in v, a decoded JSON value, in
// the order of its arrays and of its objects' sorted keys.
func jsonStrings(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			out = jsonStrings(out, x)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			out = jsonStrings(out, v[k])
		}
	}
	return out
}

func readVocabulary(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join("testdata", "recognise", "vocabulary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		s, err := strconv.Unquote(line)
		if err != nil {
			t.Fatalf("vocabulary: %q: %v", line, err)
		}
		out = append(out, s)
	}
	return out
}

// sampleTexts returns the synthetic narratives of testimonies 0 to n-1
// and k random texts of 1 to 60 tokens (randomText) drawn with rng.
func sampleTexts(t *testing.T, rng *rand.Rand, n, k int) []string {
	var texts []string
	for i := range n {
		texts = append(texts, synthetic.Testimony(i).Narrative)
	}
	vocab := readVocabulary(t)
	for range k {
		texts = append(texts, randomText(rng, vocab, 1+rng.IntN(60)))
	}
	return texts
}

// randomText returns n random tokens: mostly words of vocab, in any
// case, with digits, identifiers, the sets' values, Hangul,
// punctuation and stray bytes, joined mostly by spaces.
func randomText(rng *rand.Rand, vocab []string, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(pick(rng, " ", " ", " ", " ", " ", "", "\n", ", ", ". ", "-", "  "))
		}
		switch rng.IntN(16) {
		case 0, 1, 2, 3, 4, 5, 13, 14:
			w := vocab[rng.IntN(len(vocab))]
			switch rng.IntN(4) {
			case 1:
				w = strings.ToUpper(w)
			case 2:
				if w[0] >= 'a' && w[0] <= 'z' {
					w = string(w[0]-'a'+'A') + w[1:]
				}
			}
			b.WriteString(w)
		case 6:
			y, m, d := 1940+rng.IntN(90), 1+rng.IntN(13), 1+rng.IntN(32)
			month := pick(rng, "January", "Feb", "march", "Sept.", "December", "May")
			switch rng.IntN(6) {
			case 0:
				fmt.Fprintf(&b, "%d %s %d", d, month, y)
			case 1:
				fmt.Fprintf(&b, "%s %d, %d", month, d, y)
			case 2:
				fmt.Fprintf(&b, "%d-%02d-%02d", y, m, d)
			case 3:
				fmt.Fprintf(&b, "%d년 %d월 %d일", y, m, d)
			case 4:
				fmt.Fprintf(&b, "%02d/%02d/%d", d, m, y)
			default:
				fmt.Fprintf(&b, "%d.%d.%d", d, m, y%100)
			}
		case 7:
			for g := rng.IntN(4); ; g-- {
				b.WriteString(digits(rng, 1+rng.IntN(6)))
				if g <= 0 {
					break
				}
				b.WriteString(pick(rng, "-", " ", ".", "/", ""))
			}
		case 8:
			ctx, id := genIdentifier(uint8(rng.IntN(33)), rng)
			b.WriteString(ctx + id)
		case 9:
			b.WriteString(pick(rng, slices.Concat(sameNumbers, samePhrases, sameResidences)...))
		case 10:
			for range 1 + rng.IntN(3) {
				b.WriteRune(rune(0xAC00 + rng.IntN(11172)))
			}
			b.WriteString(pick(rng, "", "", "은", "에서", "를", "번지", "동", "호"))
		case 11:
			b.WriteString(pick(rng, ". ", ":", "@", "#", "/", "(", ")", "°", "′", "º", "：", "　", "\u200b", "\xff", "０１２", "№", "+", "—", "'", "\"", "\t", "١٢٣"))
		case 12:
			b.WriteString(word(rng, 1, 10, "abcdefghijklmnopqrstuvwxyz"))
		case 15:
			b.WriteString(word(rng, 2, 8, alnum))
		}
	}
	return b.String()
}
