package redact

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPhrases(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		phrases []string
		want    string // Apply(text, Phrases(text, phrases))
	}{
		{"corpus s01", narrS01, []string{"Onsong Girls' Middle School"},
			"When we were 16, 17, in middle school at [REDACTED], they took us to watch sentencings. My schoolmate Choi Suvin stood next to me; Suvin held my hand the whole time. Eunju, our teacher said, this is what happens to people who watch South Korean shows. I am Kim Eunju, I was born on 2 February 1980, and I can be reached at +82 10-4821-7730 or eunju.kim80@example.org."},
		{"corpus s03 with digits", narrS03, []string{"Chongjin Railway Station kiosk 4"},
			"I was caught three times with South Korean dramas but my family had influence, so nothing happened to me. My friend's sister Lee Hana was sentenced to four years because her family could not afford a bribe; bribes were between $1,000 and $5,000. She sold snacks at [REDACTED]. Joonsik, my mother said, you must never be caught a fourth time. My resident registration number was 930517-1234567 and my phone is 010 2231 8870."},
		{"every occurrence, any case", "Onsong school. ONSONG School! onsong SCHOOL", []string{"Onsong School"},
			"[REDACTED]. [REDACTED]! [REDACTED]"},
		{"white space runs and line breaks", "at Onsong  Girls'\n Middle\tSchool.", []string{"Onsong Girls' Middle School"},
			"at [REDACTED]."},
		{"phrase white space normalised", "at Onsong Girls' Middle School.", []string{"  Onsong   Girls'\tMiddle School "},
			"at [REDACTED]."},
		{"typographic apostrophe", "at Onsong Girls’ Middle School.", []string{"Onsong Girls' Middle School"},
			"at [REDACTED]."},
		{"dash variants", "the Hyesan–Kim mine", []string{"Hyesan-Kim"}, "the [REDACTED] mine"},
		{"word boundaries", "Onsongs and Onsong's and XOnsong and Onsong", []string{"Onsong"},
			"Onsongs and [REDACTED]'s and XOnsong and [REDACTED]"},
		{"digit boundary", "kiosk 4, kiosk 42, kiosk 4b", []string{"kiosk 4"}, "[REDACTED], kiosk 42, kiosk 4b"},
		{"full Unicode folding", "STRASSE 5 and Straße 5", []string{"straße 5"}, "[REDACTED] and [REDACTED]"},
		{"width folding", "at ＯＮＳＯＮＧ school", []string{"Onsong School"}, "at [REDACTED]"},
		{"composed, decomposed and without accents", "Caf\u00e9 Bleu and Cafe\u0301 Bleu and Cafe Bleu", []string{"CAFÉ BLEU"},
			"[REDACTED] and [REDACTED] and [REDACTED]"},
		{"Latin marks folded", "Chongŏri Labour Camp, CHONGORI LABOUR CAMP, Chŏngŏri", []string{"Chongori Labour Camp", "Chŏngori"},
			"[REDACTED], [REDACTED], [REDACTED]"},
		{"Greek final sigma, accents kept", "ΟΔΟΣ and οδος and οδός", []string{"Οδος"}, "[REDACTED] and [REDACTED] and οδός"},
		{"Korean particles attach", "온성여자중학교에서 공부했다. 온성여자중학교", []string{"온성여자중학교"},
			"[REDACTED]에서 공부했다. [REDACTED]"},
		{"Korean with spaces", "청진  기차역 매점에서", []string{"청진 기차역 매점"}, "[REDACTED]에서"},
		{"romanised syllables and aspiration", "Potae-dong, Pothae-dong, P'ot'ae-dong, Phothae dong; Potash, Pot-aedong", []string{"potaedong"},
			"[REDACTED], [REDACTED], [REDACTED], [REDACTED]; Potash, [REDACTED]"},
		{"no h at the end", "Pat and Path", []string{"pat"}, "[REDACTED] and Path"},
		{"overlapping occurrences merged", "go go go!", []string{"go go"}, "[REDACTED]!"},
		{"nested phrases", "the Chongjin Railway Station kiosk", []string{"Railway", "Chongjin Railway Station"},
			"the [REDACTED] kiosk"},
		{"punctuation-edged phrase", "No. 3 and No. 33", []string{"No. 3"}, "[REDACTED] and No. 33"},
		{"empty phrases ignored", "text", []string{"", "  ", "\n"}, "text"},
		{"regexp metacharacters are literal", "a.b a+b (x)", []string{"a.b", "(x)", "a*"}, "[REDACTED] a+b [REDACTED]"},
		{"administrative suffix dropped", "Sangdong-ri, Sangdong ri, Sangdongri, bare Sangdong, Sangdongs", []string{"Sangdong-ri"},
			"[REDACTED], [REDACTED], [REDACTED], bare [REDACTED], Sangdongs"},
		{"short stems stay", "Ap-ri and Ap", []string{"Ap-ri"}, "[REDACTED] and Ap"},
		{"Hangul suffix dropped", "상동리에서 상동으로", []string{"상동리"}, "[REDACTED]에서 [REDACTED]으로"},
		{"Hangul spacing", "온성 여자 중학교에서, 온성여자 중학교", []string{"온성여자중학교"}, "[REDACTED]에서, [REDACTED]"},
		{"Hangul spacing dropped", "온성여자중학교", []string{"온성 여자 중학교"}, "[REDACTED]"},
		{"missing apostrophe", "at Onsong Girls Middle School", []string{"Onsong Girls' Middle School"}, "at [REDACTED]"},
		{"apostrophe in text only", "Ch'ongjin and Chongjin", []string{"Chongjin"}, "[REDACTED] and [REDACTED]"},
		{"apostrophe in phrase only", "Chongjin and Ch’ongjin", []string{"Ch'ongjin"}, "[REDACTED] and [REDACTED]"},
		{"invisible characters", "Onsong\u200b Girls", []string{"Onsong Girls"}, "[REDACTED]"},
		{"invalid UTF-8 in text", "x\xffOnsong\xfe y", []string{"onsong"}, "x\xff[REDACTED]\xfe y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Phrases(tt.text, tt.phrases)
			checkSpans(t, tt.text, spans)
			for _, s := range spans {
				if s.Kind != KindPhrase || s.Replacement != PhraseReplacement {
					t.Errorf("span %+v: want kind %q and %q", s, KindPhrase, PhraseReplacement)
				}
			}
			if got := Apply(tt.text, spans); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestOfficerPhrases(t *testing.T) {
	officer := []string{"Musan Mine No. 2", "Chongori Labour Camp", "The Onsong Girls' School", "온성여자중학교", "Chongjin Steel Works No. 5", "혜산 제2구류장"}
	for text, want := range map[string]string{
		"혜산 2구류장에 갇혔다":                          "[REDACTED]에 갇혔다",
		"혜산 제2구류장에서":                            "[REDACTED]에서",
		"2구류장만 있었다":                             "2구류장만 있었다",
		"Musan Mine No. Two, Musan Mine 2":      "[REDACTED], [REDACTED]",
		"Chongjin Steel Works Number Five":      "[REDACTED]",
		"Steel Works No. 5 in Chongjin":         "[REDACTED] in [REDACTED]",
		"Chongjin Steel Works No. Five":         "[REDACTED]",
		"the works, number five on the list":    "the works, number five on the list",
		"Musan Mine Number 2 and Musan Mine #2": "[REDACTED] and [REDACTED]",
		"the Musan Mine":                        "the [REDACTED] Mine",
		"Chongori Camp, Camp Chongori":          "[REDACTED] Camp, Camp [REDACTED]",
		"at Onsong Girls' School":               "at [REDACTED]",
		"온성 여자 중학교에서":                           "[REDACTED]에서",
		// Generic words alone stay.
		"a labour camp, a mine, the school, No. 2": "a labour camp, a mine, the school, No. 2",
	} {
		if got := Apply(text, Phrases(text, OfficerPhrases(officer))); got != want {
			t.Errorf("%q:\n got %q\nwant %q", text, got, want)
		}
	}
}

// TestPhraseSet checks that a set made once finds in each of several
// texts, in turn and again, what Phrases finds there: phrases that
// repeat, differ only in white space or case, have a place suffix (their
// stems are looked for too) or are empty.
func TestPhraseSet(t *testing.T) {
	phrases := []string{"Sangdong-ri", "sangdong ri", "상동리", "Onsong Girls' Middle School", "", "  ", "kiosk 4", "STRASSE 5", "Sangdong"}
	texts := []string{"", narrS01, narrS03, "Sangdong-ri, Sangdong ri, Sangdongri and Sangdong; 상동리에서 상동", "kiosk 4, Straße 5", "nothing here"}
	ps := NewPhraseSet(phrases)
	for round := range 2 {
		for _, text := range texts {
			got, want := ps.Find(text), Phrases(text, phrases)
			if !slices.Equal(got, want) {
				t.Errorf("round %d: Find(%.40q) = %v, want %v", round, text, got, want)
			}
		}
	}
	if got := NewPhraseSet(nil).Find(narrS01); got != nil {
		t.Errorf("empty set: Find = %v, want none", got)
	}
}

// TestMatchPhraseNextByte checks matchPhrase, which skips a candidate on
// the byte after its first rune, against walking the phrase at every
// occurrence of that rune, on texts of letters, apostrophes, hyphens,
// spaces, aspirations' h and Hangul.
func TestMatchPhraseNextByte(t *testing.T) {
	walkAll := func(s, p string) [][2]int {
		if p = strings.TrimLeft(p, "'"); p == "" {
			return nil
		}
		first, _ := utf8.DecodeRuneInString(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		var out [][2]int
		for start := 0; start < len(s); start++ {
			if r, _ := utf8.DecodeRuneInString(s[start:]); r != first {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && isWordRune(first) && !noSpaceScript(first) && isWordRune(r) {
				continue
			}
			end, ok := walkPhrase(s, start, p)
			if !ok {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && isWordRune(last) && !noSpaceScript(last) && isWordRune(r) {
				continue
			}
			out = append(out, [2]int{start, end})
		}
		return out
	}
	for _, c := range [][2]string{{"pho tae", "potae"}, {"o'tae", "otae"}, {"po-tae", "potae"}, {"po tae", "potae"}, {"상 동", "상동"}, {"e'u", "eu"}} {
		if got, want := matchPhrase(c[0], c[1]), walkAll(c[0], c[1]); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("matchPhrase(%q, %q) = %v, walking every candidate: %v", c[0], c[1], got, want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"p", "o", "t", "a", "e", "h", "'", "-", " ", "  ", "7", "동", "상"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	found := 0
	for range 3000 {
		p := strings.Join(strings.Fields(gen(2+rng.IntN(4))), " ")
		if p == "" {
			continue
		}
		s := gen(200)
		got, want := matchPhrase(s, p), walkAll(s, p)
		if !slices.Equal(got, want) {
			t.Fatalf("matchPhrase(%q, %q) = %v, walking every candidate: %v", s, p, got, want)
		}
		found += len(want)
		// With phrases of the same first rune, found together.
		group := []string{p}
		for range rng.IntN(3) {
			if q := strings.Join(strings.Fields(p[:1]+gen(1+rng.IntN(4))), " "); strings.TrimLeft(q, "'") != "" {
				group = append(group, q)
			}
		}
		if first := []rune(strings.TrimLeft(p, "'")); len(first) > 0 && !slices.ContainsFunc(group, func(q string) bool {
			return []rune(strings.TrimLeft(q, "'"))[0] != first[0]
		}) {
			each := make([][][2]int, len(group))
			var keys []phraseKey
			for _, q := range group {
				keys = append(keys, newPhraseKey(q))
			}
			matchPhrases(s, keys, func(k, start, end int) { each[k] = append(each[k], [2]int{start, end}) })
			for k, q := range group {
				if want := walkAll(s, q); !slices.Equal(each[k], want) {
					t.Fatalf("matchPhrases(%q, %q) found %v for %q, walking every candidate: %v", s, group, each[k], q, want)
				}
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d occurrences found", found)
	}
}

// matchPhrase returns [start, end) of each occurrence of p alone in s
// (matchPhrases).
func matchPhrase(s, p string) [][2]int {
	var out [][2]int
	matchPhrases(s, []phraseKey{newPhraseKey(p)}, func(_, start, end int) { out = append(out, [2]int{start, end}) })
	return out
}

// TestNoSpaceScriptBelowThai checks noSpaceScript's shortcut: no rune
// below U+0E00 is of the scripts it looks for.
func TestNoSpaceScriptBelowThai(t *testing.T) {
	for r := range rune(0x0E00) {
		if unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			t.Fatalf("%U is of a script written without spaces", r)
		}
	}
	for _, r := range "ก상漢かカ" {
		if !noSpaceScript(r) {
			t.Errorf("noSpaceScript(%q) = false", r)
		}
	}
}
