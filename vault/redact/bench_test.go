package redact

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/synthetic"
)

// narrative4K returns the first 4 KiB (cut at a rune boundary) of
// testdata/narrative-4k.txt, a synthetic testimony with the usual mix of
// identifiers, years, sums and counts.
func narrative4K(tb testing.TB) string {
	b, err := os.ReadFile(filepath.Join("testdata", "narrative-4k.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(b) < 4096 {
		tb.Fatalf("narrative is %d bytes, want at least 4096", len(b))
	}
	n := 4096
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n])
}

func BenchmarkRecognise(b *testing.B) {
	text := narrative4K(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Recognise(text)
	}
}

// BenchmarkRecogniseKorean runs on a Korean text of about 4 KiB, which is
// NFKC-normal but not ASCII.
func BenchmarkRecogniseKorean(b *testing.B) {
	para := "저는 1980년 2월 2일 온성에서 태어났습니다. 중학교 때 공개재판을 보러 끌려갔습니다. 제 전화번호는 010-2231-8870이고 주민번호는 930517-1234567입니다. 뇌물은 5,000원에서 3백만 원 사이였습니다. "
	text := strings.Repeat(para, 4096/len(para)+1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Recognise(text)
	}
}

func BenchmarkPhrases(b *testing.B) {
	text := narrative4K(b)
	phrases := []string{"Onsong Girls' Middle School", "Chongjin Railway Station kiosk 4", "Hyesan Textile Mill No. 3"}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Phrases(text, phrases)
	}
}

func BenchmarkApply(b *testing.B) {
	text := narrative4K(b)
	spans := Recognise(text)
	phrases := Phrases(text, []string{"Onsong Girls' Middle School"})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Apply(text, spans, phrases)
	}
}

// TestNarrative4K pins what the benchmark text redacts to, so that the
// benchmark measures the work a real narrative needs.
func TestNarrative4K(t *testing.T) {
	text := narrative4K(t)
	counts := map[Kind]int{}
	for _, s := range Recognise(text) {
		counts[s.Kind]++
	}
	want := map[Kind]int{
		KindDate: 5, KindNationalID: 2, KindPhone: 7, KindEmail: 1, KindURL: 2,
		KindCoordinates: 2, KindPassport: 1, KindIDNumber: 1, KindIP: 2, KindHandle: 1,
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d spans, want %d (all: %v)", k, counts[k], n, counts)
		}
	}
	out := Apply(text, Recognise(text))
	for _, s := range []string{"$1,000 and $5,000", "3 million won", "1,500 yuan", "16, 17", "The 109 group", "tens of thousands", "In March 1997", "At 10:30", "45%", "US$300", "5,000 won", "1980s"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q was redacted", s)
		}
	}
}

// BenchmarkResidences finds a registered residence in other notations
// in a 4 KiB narrative, as a view does for each record whose persons
// have a residence: next to BenchmarkRecognise, its share of a view.
func BenchmarkResidences(b *testing.B) {
	text := narrative4K(b)
	rs := NewResidenceSet([]string{"Flat 3, 27 Harbour Road, Leith, Edinburgh EH6 6LP", "경기도 안산시 단원구 고잔동 715-3"})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		rs.Find(text)
	}
}

// syntheticFields returns the free-text fields of the first n synthetic
// testimonies (internal/synthetic) in the order a view recognises them:
// title, tags, the persons' relations, narrative.
func syntheticFields(n int) []string {
	var out []string
	for i := range n {
		d := synthetic.Testimony(i)
		out = append(out, d.Title)
		out = append(out, d.Tags...)
		out = append(out, d.Witness.Relation)
		for _, p := range d.Persons {
			out = append(out, p.Relation)
		}
		out = append(out, d.Narrative)
	}
	return out
}

// BenchmarkRecogniseSynthetic recognises the fields of a synthetic
// testimony a view reads (vault/view's BenchmarkViewSynthetic's 200), one
// testimony an op.
func BenchmarkRecogniseSynthetic(b *testing.B) {
	const n = 200
	fields := syntheticFields(n)
	per := len(fields) / n
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		for _, s := range fields[i%n*per : i%n*per+per] {
			Recognise(s)
		}
		i++
	}
}

// BenchmarkRecogniseCorpus recognises every string of vault/view's
// corpus cases (titles, tags, relations, narratives, names, ...), all of
// them an op.
func BenchmarkRecogniseCorpus(b *testing.B) {
	cases := corpusStrings(b)
	var texts []string
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		texts = append(texts, cases[name]...)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			Recognise(s)
		}
	}
}
