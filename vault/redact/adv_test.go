package redact

import (
	"strings"
	"testing"
	"time"
)

// adversarial are texts made of one short piece repeated, each aimed at a
// recogniser's worst case: long digit runs, many rejected candidates,
// triggers without a match, normalisation on every rune.
var adversarial = map[string]string{
	"digits": "1", "digits-spaced": "1 ", "phones": "010-2231-8870 ", "plus": "+8",
	"at": "a@", "at-dot": "a@b.", "at-only": "@", "at-paren": "a (at) ", "email-local": "a.",
	"www": "www.", "www-glued": "xwww.!", "colons": ":", "hex-colons": "a:", "dots": "1.",
	"domain-slash": "a.bc/", "short-slash": "a.b/", "day-month": "2 may ", "month-day": "may 2 ",
	"passport": "passport ", "messenger": "kakao id ", "degrees": "1°1'", "dashes": "1-",
	"decimals": "1.123, ", "ligature": "ﬁ", "combining": "e\u0301", "invalid": "\xff1",
	"korean-date": "1년 2월 ",
	"invisible":   "a\u200b", "fullwidth": "１", "arabic-digits": "١", "hangul": "민", "plate": "12가 ",
	"address": "12 Dobong-ro ", "hangul-address": "도봉로 1 ", "messenger-as": "on KakaoTalk as ", "ordinal": "the first of may ",
	"spelt-email": "a at b dot ", "em-dash": "1\u2014", "underscores": "1_",
}

// TestAdversarial runs every adversarial text of 8 KiB through
// Recognise, Phrases and Apply and checks the spans, and that 8 KiB take
// less than 24 times as long as 1 KiB (8 times is linear, 64 quadratic;
// the best of two runs each).
func TestAdversarial(t *testing.T) {
	for name, piece := range adversarial {
		t.Run(name, func(t *testing.T) {
			var took [2]time.Duration
			for i, size := range []int{1 << 10, 8 << 10} {
				text := strings.Repeat(piece, size/len(piece))
				took[i] = time.Hour
				for range 2 {
					start := time.Now()
					spans := Recognise(text)
					ph := Phrases(text, []string{piece, "a b"})
					took[i] = min(took[i], time.Since(start))
					checkSpans(t, text, spans)
					checkSpans(t, text, ph)
					Apply(text, spans, ph)
				}
			}
			if took[1] > 24*took[0] && took[1] > 20*time.Millisecond {
				t.Errorf("8 KiB took %v, 1 KiB %v: more than linear", took[1], took[0])
			}
		})
	}
}

// BenchmarkAdversarial measures Recognise on each adversarial text at
// 16 KiB and 1 MiB: the time per byte should not grow with the size.
func BenchmarkAdversarial(b *testing.B) {
	for name, piece := range adversarial {
		for _, size := range []int{16 << 10, 1 << 20} {
			text := strings.Repeat(piece, size/len(piece))
			b.Run(name+"/"+map[int]string{16 << 10: "16KiB", 1 << 20: "1MiB"}[size], func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Recognise(text)
				}
			})
		}
	}
}
