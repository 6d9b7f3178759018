package view

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/heappeak"
	"github.com/tvault/tvault/internal/processtest"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/redact"
)

// memTexts are narratives for the memory measurements: ordinary English
// and Korean testimony, and pieces repeated to aim at each recogniser's
// and the name matcher's worst case.
var memTexts = map[string]string{
	"english": "When we were 16, 17, Kim Eunju and Auntie Park met at Onsong Girls' Middle School; call +82 10-4821-7730 or eunju.kim80@example.org. The Kim dynasty survives. ",
	"korean":  "민서야, 밥 먹어라. 지훈이가 1997년 3월 5일에 서울시 도봉구 도봉로 38길 12로 갔다. 전화는 010-2231-8870이고 카톡 아이디는 pine0815예요. ",
	"digits":  "1", "digits-spaced": "1 ", "dashes": "1-", "dots": "1.", "capitals": "Kim ", "names": "Eunju ",
	"hangul": "민", "hangul-spaced": "민서 ", "separators": "- ", "combining": "e\u0301", "invisible": "a\u200b",
	"at": "a@", "months": "2 may ", "titles": "Auntie ", "invalid": "\xff1", "fullwidth": "１",
	"spaced": "a b ", "markup": "<b>", "digit-words": "zero one ", "units": "Room 1, ", "misspelt": "O'Neil ",
	"han": "李秀英说", "han-compat": "李秀\uF900", "glued-digits": "0one0-",
	"birthdays": "삼월 십사일이 생일 ", "arae-a": "010ㆍ4l27ㆍ", "thousands": "공일공 사천백이십칠 ",
}

// memRenderer is the researcher renderer over a registry of 1,000
// persons, a Chinese name and the witness.
func memRenderer(tb testing.TB) *Renderer {
	tb.Helper()
	reg := append([]names.Person(nil), registry...)
	reg = append(reg, names.Person{ID: "r-han", Name: "李秀英"})
	for i := range 1000 {
		reg = append(reg, names.Person{ID: fmt.Sprintf("r%04d", i), Name: fmt.Sprintf("Park Min%04d", i)})
	}
	m, err := names.NewMatcher(reg)
	if err != nil {
		tb.Fatal(err)
	}
	return NewRenderer(policy.ViewResearcher, policy.Default().Views[policy.ViewResearcher], m, pseudonyms)
}

func repeatTo(piece string, size int) string {
	return strings.Repeat(piece, size/len(piece))
}

// BenchmarkRenderMemory renders a 15 MiB narrative of each kind in the
// researcher view, as a researcher gets it (View), and reports the peak
// heap above the start (peak-MiB) and the bytes allocated (alloc-MiB),
// both per render.
func BenchmarkRenderMemory(b *testing.B) {
	r := memRenderer(b)
	for _, name := range []string{"english", "korean", "digits", "dots", "capitals", "names", "hangul", "hangul-spaced", "separators", "combining", "invisible", "at", "months", "titles", "invalid", "fullwidth", "dashes", "digits-spaced",
		"spaced", "markup", "digit-words", "units", "misspelt", "han", "han-compat", "glued-digits", "birthdays", "arae-a", "thousands"} {
		text := repeatTo(memTexts[name], 15<<20)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var peak, total uint64
			for b.Loop() {
				p, t := heappeak.During(func() { r.View(input(text)) })
				peak, total = max(peak, p), total+t
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(total)/float64(b.N)/(1<<20), "alloc-MiB")
		})
	}
}

// TestSegmentSeams places names and identifiers across and near every
// segment boundary of a long narrative: the output must be what redacting
// the whole text at once gives.
func TestSegmentSeams(t *testing.T) {
	t.Parallel()
	st := &state{Renderer: renderer(t, policy.ViewResearcher), phrases: []string{"Onsong Girls' Middle School"}}
	secrets := []string{"Kim Eunju", "Eun-ju's", "+82 10-4821-7730", "930517-1234567", "2 February 1980", "Onsong Girls' Middle School",
		"https://example.org/" + strings.Repeat("x", 3000), "12 Dobong-ro 38-gil, Dobong-gu", "Auntie Choi", "eunju.kim80@example.org"}
	for i, shift := range []int{-37, -2, 0, 19} {
		// Names make the view longer than the text.
		filler := []string{"the river was cold and the guards were near ", "Hana met Su-bin. "}[i%2]
		var b strings.Builder
		for k := 1; b.Len() < 2*segment+overlap; k++ {
			for b.Len() < k*segment+shift-20 {
				b.WriteString(filler)
			}
			b.WriteString(secrets[k%len(secrets)] + " ")
		}
		text := b.String()
		got := st.text("narrative", policy.Redact, text)
		whole := st.spans(policy.Redact, text)
		if want := redact.Apply(text, whole); got != want {
			t.Fatalf("shift %d: segmented redaction differs from whole (%d and %d bytes)", shift, len(got), len(want))
		}
		for _, s := range secrets {
			if strings.Contains(got, s) {
				t.Fatalf("shift %d: %q survived", shift, s)
			}
		}
	}
}

// TestRenderLinear renders texts of two sizes, both longer than a
// segment, and checks that the bytes allocated grow at most in proportion
// (with 20% to spare): memory that grew faster than the text, as runs of
// invisible characters once made it, fails here; BenchmarkRenderMemory
// gives the figures at 15 MiB. It counts the process's allocations, so
// it runs in a process of its own (processtest.Alone), beside the other
// tests.
func TestRenderLinear(t *testing.T) {
	if !processtest.Alone(t) {
		return
	}
	r := memRenderer(t)
	for _, name := range []string{"names", "invisible"} {
		var alloc [2]uint64
		for i, size := range []int{segment + overlap + 16<<10, 2 * (segment + overlap + 16<<10)} {
			text := repeatTo(memTexts[name], size)
			_, alloc[i] = heappeak.During(func() { r.View(input(text)) })
		}
		if ratio := float64(alloc[1]) / float64(alloc[0]); ratio > 2*1.2 {
			t.Errorf("%s: twice the text allocates %.1f times as much (%d and %d bytes)", name, ratio, alloc[0], alloc[1])
		}
	}
}
