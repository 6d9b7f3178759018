package redact

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/synthetic"
)

// TestDigitWords checks numbers read out in digit words, English,
// Sino-Korean and Chinese, alone or mixed with digits, and the counts and
// everyday words like them that stay.
func TestDigitWords(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"call zero one zero, five five one two, three three nine one.", "call [PHONE]."},
		{"Oh-one-oh five five one two three three nine one", "[PHONE]"},
		{"o-one-o five five one two three three nine one", "[PHONE]"},
		{"ZERO ONE ZERO FIVE FIVE ONE TWO THREE THREE NINE ONE", "[PHONE]"},
		{"zero one zero double five one two double three nine one", "[PHONE]"},
		{"zero one zero - five five one two - three three nine one", "[PHONE]"},
		{"zero one zero / triple five two / three three nine one", "[PHONE]"},
		{"his account was four four seven one two nine eight three", "his account was [ID]"},
		{"010 five five one two 3391.", "[PHONE]."},
		{"zero one zero 5512 three three nine one", "[PHONE]"},
		{"공일공 오오일이 삼삼구일로 전화해", "[PHONE]로 전화해"},
		{"영일영-오오일이-삼삼구일이에요", "[PHONE]에요"},
		{"번호는 공일공오오일이삼삼구일", "번호는 [PHONE]"},
		{"010 오오일이 삼삼구일", "[PHONE]"},
		{"전화는 공일공 육육일이 영구사오예요", "전화는 [PHONE]예요"},
		{"电话一三八〇〇一三八〇〇〇", "电话[ID]"},
		{"공 일 공 오 오 일 이 삼 삼 구 일로", "[PHONE]로"},
		{"영일영 오 오 일 이 삼삼구일", "[PHONE]"},
	} {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
	for _, text := range []string{
		"one two three four five six seven eight",
		"ten nine eight seven six five four three",
		"zero one two three",
		"one or two of the five",
		"Double five one two.",
		"in 1997 2001 one of them left",
		"I have two. Three days later, one, two, five.",
		"일이 삼사 일 있었다",
		"오이 구이 사이 이사 오이 구이",
		"이 사람 일 이 사 오 구 일을 했다",
		"일 이 삼 사 오 육 칠 팔",
		"이 일 오 이 사 일 구 구",
		"그는 공일공에 살았다",
		"一二三四五六七八",
		"统一一次",
		"someone, one of nine, five at once",
		"O'Neill and one more",
	} {
		if got := redactIDs(text); got != text {
			t.Errorf("redact(%q) = %q", text, got)
		}
	}
}

// TestNextTokenStart checks nextTokenStart, which reads ASCII bytes
// without tokenStart, against tokenStart at every rune: on the test
// narrative, the synthetic ones, and texts that mix scripts, digits,
// digit words and invalid bytes.
func TestNextTokenStart(t *testing.T) {
	texts := []string{narrative4K(t), synthetic.Testimony(1).Narrative, synthetic.Testimony(2).Narrative,
		"공일공 오오일이 삼삼구일로 电话一三八〇〇一三八〇〇〇 a1-b2_c3 \xff7x\xc3 ½ ９ Ａb 三十 百 십사 88three4 ÉtÉ 'o' «ноль»", "", "a", "\xff"}
	for _, s := range texts {
		for i := 0; i < len(s); {
			want := i
			_, size := utf8.DecodeRuneInString(s[want:])
			want += max(size, 1)
			for want < len(s) && !tokenStart(s, want) {
				_, size := utf8.DecodeRuneInString(s[want:])
				want += max(size, 1)
			}
			if got := nextTokenStart(s, i); got != want {
				t.Fatalf("nextTokenStart(%.40q, %d) = %d, want %d", s, i, got, want)
			}
			_, size = utf8.DecodeRuneInString(s[i:])
			i += max(size, 1)
		}
	}
}

// TestDigitTokenFirstLook checks digitToken, which passes over a word no
// word table can start, against readDigitToken, which reads every word,
// at every rune of mixed texts and of every table word in several cases,
// glued to digits and followed by letters of other scripts.
func TestDigitTokenFirstLook(t *testing.T) {
	t.Parallel()
	texts := []string{narrative4K(t), synthetic.Testimony(1).Narrative, synthetic.Testimony(2).Narrative,
		"공일공 오오일이 삼삼구일로 电话一三八〇〇一三八〇〇〇 a1-b2_c3 \xff7x\xc3 ½ ９ Ａb 三十 百 십사 88three4 ÉtÉ 'o' «ноль» oé o-one-o \u212Ahông \u0130",
		"", "o", "\xff"}
	var words []string
	for _, keys := range []func(func(string) bool){maps.Keys(countWords), maps.Keys(spokenDigits), maps.Keys(numberWords),
		maps.Keys(englishDigits), maps.Keys(repeaters)} {
		for w := range keys {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	for _, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		title := string(unicode.ToUpper(r)) + w[size:]
		texts = append(texts, strings.Join([]string{w, title, strings.ToUpper(w), "7" + w + "4", w + "é", w + "-five", title + " hundred"}, " "))
	}
	for _, s := range texts {
		checkDigitTokenFirstLook(t, s)
	}
	for _, table := range []map[rune]byte{hangulDigits, hanDigits} {
		for r := range table {
			if r < hangulHanFrom {
				t.Errorf("digit %q is below hangulHanFrom", r)
			}
		}
	}
	for r := range placeUnits {
		if r < hangulHanFrom {
			t.Errorf("unit %q is below hangulHanFrom", r)
		}
	}
}

// TestLetterWordEnd checks letterWordEnd, which passes ASCII bytes
// without decoding them, against its definition at every offset of mixed
// texts.
func TestLetterWordEnd(t *testing.T) {
	for _, s := range []string{narrative4K(t), "Kim Eunju, café, cafe\u0301, 김은주 Ol\u0301ga\u212A, 三十 \xffab\xc3 x_y z9 ſ", "",
		strings.Repeat("бon", 20) + " " + strings.Repeat("o\u0301n", 20) + " ", strings.Repeat("quatre", 20)} {
		for i := range len(s) {
			want := i
			for want < len(s) {
				r, size := utf8.DecodeRuneInString(s[want:])
				if !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)) || isHangul(r) || isHanRune(r) {
					break
				}
				want += size
			}
			if got := letterWordEnd(s, i); got != want {
				t.Fatalf("letterWordEnd(%.40q, %d) = %d, want %d", s, i, got, want)
			}
			// digitWordEnd stops a word longer than any digit word one
			// rune past the longest.
			for utf8.RuneCountInString(s[i:want]) > maxDigitWordRunes+1 {
				_, size := utf8.DecodeLastRuneInString(s[i:want])
				want -= size
			}
			if got := digitWordEnd(s, i); got != want {
				t.Fatalf("digitWordEnd(%.40q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// FuzzDigitTokenFirstLook is TestDigitTokenFirstLook for any text.
func FuzzDigitTokenFirstLook(f *testing.F) {
	for _, s := range []string{"", "o", "Oh-one-oh 5512", "\u212Ahông một hai", "Dix-sept cent soixante-dix", "88three4", "오오일이 一三八", "ſix Zéro"} {
		f.Add(s)
	}
	f.Fuzz(checkDigitTokenFirstLook)
}

// checkDigitTokenFirstLook checks digitToken against readDigitToken at
// every rune of s, with and without compounds.
func checkDigitTokenFirstLook(t *testing.T, s string) {
	lower := asciiLower(s)
	for _, compounds := range []bool{false, true} {
		for i := 0; i < len(s); {
			got, want := wordRun{compounds: compounds}, wordRun{compounds: compounds}
			gj, gok := digitToken(s, lower, i, &got)
			wj, wok := readDigitToken(s, lower, i, &want)
			if gj != wj || gok != wok || !reflect.DeepEqual(got, want) {
				t.Fatalf("digitToken(%.40q, %d) = %d, %v, %+v; readDigitToken: %d, %v, %+v", s, i, gj, gok, got, wj, wok, want)
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += max(size, 1)
		}
	}
}

// TestEachRun compares eachRun, which reads runs from the starts
// digitRunStarts keeps, with the walk from token start to token start it
// stands for, reading runs with and without compounds, on narratives,
// numbers read out (one too long for normMemo, walked) and random texts
// of the package's literals, each as it is and in upper case.
func TestEachRun(t *testing.T) {
	t.Parallel()
	texts := []string{"", "a", "one", "zero one zero five five one two 3391", "공일공 오오일이 삼삼구일이에요",
		"ten fifty-five twenty-one ninety seventy-three", "восемь девятьсот четырнадцать пятьсот пятьдесят пять",
		"88three4 and o-one-o, double five", "〇一〇 五五一二", "п'ять, шість; cinco y cinco", narrative4K(t),
		strings.Repeat("zero one zero five five one two 3391. ", memoMax/32)}
	texts = append(texts, sampleTexts(t, rand.New(rand.NewPCG(13, 0x5eed)), 20, 300)...)
	read := func(run *wordRun) string {
		return fmt.Sprint(run.start, run.end, run.digits, run.n, run.spelt, run.weakGroups, run.strong, run.glued,
			run.placed, run.counted, run.starts, run.ends, run.counts)
	}
	for _, text := range texts {
		for _, s := range []string{text, strings.ToUpper(text)} {
			nt := normalise(s, false)
			nt.lower = asciiLower(nt.s)
			for _, compounds := range []bool{false, true} {
				var want, got []string
				run := wordRun{compounds: compounds}
				for i := 0; i < len(nt.s); i = nextTokenStart(nt.s, i) {
					if i = readRun(nt.s, nt.lower, i, len(nt.s), &run); run.n > 0 {
						want = append(want, read(&run))
					}
				}
				run = wordRun{compounds: compounds}
				eachRun(nt, &run, func() {
					if run.n > 0 {
						got = append(got, read(&run))
					}
				})
				if !slices.Equal(got, want) {
					t.Errorf("eachRun(%.60q, compounds %v) read\n%v, want\n%v", s, compounds, got, want)
				}
			}
		}
	}
}
