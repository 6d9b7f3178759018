package redact

import (
	"testing"
	"unicode"

	"github.com/tvault/tvault/internal/ignorable"
)

// TestIgnorableInside: every default-ignorable code point (the Hangul
// fillers U+3164, U+115F, U+FFA0, the Khmer U+17B4 among them: review 13m)
// typed between the groups of a phone, inside an RRN and inside an e-mail
// address is removed before recognition, and the whole is hidden. Every
// one is removed by cleanRune; the recognisers run on each below the tag
// block U+E0000-E0FFF and on its ends (4,096 alike code points, too slow
// to recognise one by one under -race).
func TestIgnorableInside(t *testing.T) {
	t.Parallel()
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !ignorable.DefaultIgnorable(r) {
			continue
		}
		n++
		if cleanRune(r) != -1 {
			t.Errorf("cleanRune(%U) = %U, want removed", r, cleanRune(r))
		}
		if r > 0xE0000 && r < 0xE0FFF {
			continue
		}
		c := string(r)
		for _, tc := range []struct{ text, want string }{
			{"tel 010" + c + "7264" + c + "1958 ok", "tel [PHONE] ok"},
			{"RRN 880214-" + c + "1234567.", "RRN [NATIONAL-ID]."},
			{"mail blue" + c + "crane@kakao.com", "mail [EMAIL]"},
		} {
			if got := Apply(tc.text, Recognise(tc.text)); got != tc.want {
				t.Errorf("%U: %q → %q, want %q", r, tc.text, got, tc.want)
			}
		}
	}
	if n < 4000 {
		t.Fatalf("only %d default-ignorable code points", n)
	}
}

// TestSpokenHouseNumbers: house and flat numbers said in English digit by
// digit and in pairs (review 13m: one-two-three, five-oh-two, five-fifty,
// eleven-oh-three, thirteen-oh-four; double five, eleven hundred) are the
// registered residence's numbers next to its street, and a Korean road
// word's building number for the address recogniser; counts after a
// street and numbers that are not the residence's stay.
func TestSpokenHouseNumbers(t *testing.T) {
	guwol := []string{"Unit 502, 123 Guwol-ro, Incheon"}
	nakdong := []string{"Unit 1304, Building 201, 550 Nakdong-daero, Busan"}
	albion := []string{"Flat 1100, 55 Albion Street, Hull"}
	for _, c := range []struct {
		text   string
		values []string
		want   string
	}{
		{"at Albion Street one-two-three.", guwol, "at Albion Street one-two-three."},
		{"Albion Street double five, flat eleven hundred", albion, "[REDACTED]"},
		{"Albion Street, five five", albion, "[REDACTED]"},
		{"Albion Street fifty-five", albion, "[REDACTED]"},
		{"Albion Street triple five", albion, "Albion Street triple five"},
		{"Albion Street five fifty-five", albion, "Albion Street five fifty-five"},
		{"Albion Street, fifty-five days", albion, "Albion Street, fifty-five days"},
		{"flat eleven-oh-three, Albion Street", albion, "flat eleven-oh-three, Albion Street"},
		{"Nakdong-daero five fifty", nakdong, "[REDACTED]"},
		{"Nakdong-daero five-fifty-five", nakdong, "Nakdong-daero five-fifty-five"},
		{"Nakdong-daero, unit thirteen-oh-four", nakdong, "[REDACTED]"},
		{"Nakdong-daero, unit thirteen oh four", nakdong, "[REDACTED]"},
		{"Nakdong-daero, unit thirteen-oh-five", nakdong, "Nakdong-daero, unit thirteen-oh-five"},
	} {
		s := NewResidenceSet(c.values)
		if got := Apply(c.text, s.Find(c.text)); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
	checkRecognised(t, []recognised{
		{"at Guwol-ro one-two-three, unit five-oh-two, then", "at [ADDRESS], then"},
		{"Hwagok-ro three-one-two, flat eleven-oh-three", "[ADDRESS]"},
		{"Nakdong-daero five-fifty.", "[ADDRESS]."},
		{"Sejong-daero twenty-seven", "[ADDRESS]"},
		{"Sejong-daero twenty-seven times", "Sejong-daero twenty-seven times"},
		{"along Guwol-ro one day", "along Guwol-ro one day"},
		{"Guwol-ro for two or three hours", "Guwol-ro for two or three hours"},
		{"one-two-three Guwol-ro", "[ADDRESS]"},
		{"we lived at twenty-seven Guwol-ro.", "we lived at [ADDRESS]."},
		{"at five-fifty Nakdong-daero, unit thirteen-oh-four", "at [ADDRESS]"},
		{"one day Guwol-ro was closed", "one day Guwol-ro was closed"},
		{"two or three Guwol-ro shops", "two or three Guwol-ro shops"},
		{"Guwol-ro one-two-three visit", "[ADDRESS] visit"},
		{"at Guwol-ro one-two-three for years", "at [ADDRESS] for years"},
		{"at Sejong-daero twenty-seven for years", "at [ADDRESS] for years"},
	})
}

// TestObfuscatedEmails: "@" and the dots written so that no program reads
// them (review 13m), in any mix of brackets and spacing, and "#" for "@"
// before a known top-level domain, are one address, hidden whole with its
// local part (seojin{at}kakao{dot}com); hashtags, C#, AT&T, a room number
// and prose stay.
func TestObfuscatedEmails(t *testing.T) {
	checkRecognised(t, []recognised{
		{"bluecrane{at}kakao{dot}com", "[EMAIL]"},
		{"mail bluecrane (at) kakao . com!", "mail [EMAIL]!"},
		{"bluecrane#gmail.com", "[EMAIL]"},
		{"seagull_8823 {at} daum {dot} net", "[EMAIL]"},
		{"seagull_8823#hanmail.net", "[EMAIL]"},
		{"seagull_8823[@]hanmail[.]net", "[EMAIL]"},
		{"seagull_8823 @ hanmail dot net", "[EMAIL]"},
		{"seagull_8823<at>hanmail<dot>net", "[EMAIL]"},
		{"seagull_8823(@)hanmail(.)co(.)kr", "[EMAIL]"},
		{"seagull_8823 < at > hanmail [ . ] net", "[EMAIL]"},
		{"write to seojin{at}kakao{dot}com now", "write to [EMAIL] now"},
		{"heron_68@example.org", "[EMAIL]"},
		// Not addresses.
		{"#hashtag and #freedom", "#hashtag and #freedom"},
		{"Room #5, Block #12", "Room #5, Block #12"},
		{"C# and C#.NET", "C# and C#.NET"},
		{"AT&T", "AT&T"},
		{"they laughed at . com bubbles", "they laughed at . com bubbles"},
		{"see issue #1234.", "see issue #1234."},
		{"we met (at) the market", "we met (at) the market"},
	})
}

// TestCuedPlates: after a plate cue, a token of four to eleven letters and
// digits with both in it is a plate in any country's notation (review
// 13m: California 7ABC123, Texas 5KJX221, NSW BX-45-TT); a page, a plate
// of rice, a year, a room and tokens past other words stay.
func TestCuedPlates(t *testing.T) {
	checkRecognised(t, []recognised{
		{"California plate 7ABC123", "California plate [PLATE]"},
		{"plate 7ABC123.", "plate [PLATE]."},
		{"Texas plate 5KJX221", "Texas plate [PLATE]"},
		{"NSW plate BX-45-TT and more", "NSW plate [PLATE] and more"},
		{"plate number is 7ABC123", "plate number is [PLATE]"},
		{"plates BX 45 TT", "plates [PLATE]"},
		{"rego ABC123", "rego [PLATE]"},
		{"license plate 8XYZ 442", "license plate [PLATE]"},
		{"tag number 7ab.c123", "tag number [PLATE]"},
		{"plate 3 of the report", "plate 3 of the report"},
		{"a plate of rice", "a plate of rice"},
		{"registration 2019", "registration 2019"},
		{"the tag on his bag", "the tag on his bag"},
		{"plate 3 of the report, room 12B", "plate 3 of the report, room 12B"},
		{"licence 45 of 2019 to COVID19 victims", "licence 45 of 2019 to COVID19 victims"},
		{"plate ABCDEFGH1234", "plate ABCDEFGH1234"},
	})
}

// TestSchoolShorts: an officer's Korean school phrase is found in its
// usual short form (review 13m: 회령제일중 for 회령제일중학교), with
// particles on, and a phrase with a number spaced between its parts or
// shortened (review 13n: 청진 제2 고등학교, 청진제2고); a name too short
// to shorten safely, another number and other words that start alike
// stay.
func TestSchoolShorts(t *testing.T) {
	for _, c := range []struct {
		phrase, text, want string
	}{
		{"회령제일중학교", "회령제일중 졸업생이에요.", "[REDACTED] 졸업생이에요."},
		{"회령 제일 중학교", "회령제일중에서 만났어요.", "[REDACTED]에서 만났어요."},
		{"온성여자고등학교", "온성여고 다녔어요.", "[REDACTED] 다녔어요."},
		{"청진고등중학교", "청진고중 출신", "[REDACTED] 출신"},
		{"김책공업종합대학교", "김책공업종합대 교수", "[REDACTED] 교수"},
		{"혜산초등학교", "혜산초 학생", "혜산초 학생"},
		{"회령제일중학교", "회령제일 공장", "회령제일 공장"},
		// With a number (review 13n): spaced between every Hangul part,
		// the number and the kind, and shortened; two numbers are not one.
		{"청진제2고등학교", "청진 제2 고등학교를 다녔어요.", "[REDACTED]를 다녔어요."},
		{"청진제2고등학교", "청진 제 2 고등학교를 다녔어요.", "[REDACTED]를 다녔어요."},
		{"청진제2고등학교", "청진제2고 출신이에요.", "[REDACTED] 출신이에요."},
		{"청진제2고등학교", "청진 제2고 출신이에요.", "[REDACTED] 출신이에요."},
		{"청진 제2 고등학교", "청진제2고등학교", "[REDACTED]"},
		{"혜산 제12구류장", "혜산 제12 구류장", "[REDACTED]"},
		{"혜산 제12구류장", "혜산 제1 2구류장", "혜산 제1 2구류장"},
		{"청진제2고등학교", "청진제3고 출신이에요.", "청진제3고 출신이에요."},
		{"청진제2고등학교", "청진 제2 공장", "청진 제2 공장"},
		// 제 dropped and the kind shortened, spaced or not (review 13o).
		{"혜산제1중학교", "혜산 1중 동창이에요.", "[REDACTED] 동창이에요."},
		{"혜산제1중학교", "혜산1중 동창이에요.", "[REDACTED] 동창이에요."},
		{"혜산제1중학교", "혜산 1중학교에서", "[REDACTED]에서"},
		{"청진제2고등학교", "청진 2고 출신이에요.", "[REDACTED] 출신이에요."},
		{"혜산제1중학교", "혜산 2중 동창이에요.", "혜산 2중 동창이에요."},
		{"혜산제1중학교", "혜산 1층에서", "혜산 1층에서"},
	} {
		text := c.text
		if got := Apply(text, Phrases(text, OfficerPhrases([]string{c.phrase}))); got != c.want {
			t.Errorf("%q in %q: %q, want %q", c.phrase, text, got, c.want)
		}
	}
}
