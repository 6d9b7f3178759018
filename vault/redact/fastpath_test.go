package redact

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestCyrillicPlateLettersStartD0 checks what hasCyrillicPlateLetter
// assumes: every Cyrillic letter of Ukrainian plates starts with the byte
// D0, so a text without that byte has none.
func TestCyrillicPlateLettersStartD0(t *testing.T) {
	for _, r := range uaPlateLetters[len("ABCEHIKMOPTX"):] {
		if s := string(r); s[0] != 0xd0 {
			t.Errorf("%q starts with %#x", s, s[0])
		}
	}
	for _, s := range []string{"", "AB 1234 CD", "АВ 1234 СЕ", "\xd0", "дом"} {
		if got, want := hasCyrillicPlateLetter(s), strings.ContainsAny(s, uaPlateLetters[len("ABCEHIKMOPTX"):]); got != want {
			t.Errorf("hasCyrillicPlateLetter(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestASCIIOrHangulNormal checks what asciiOrHangul assumes, on every
// Hangul syllable alone, between ASCII and next to the syllables around
// it: such a text is NFKC-normal and clean.
func TestASCIIOrHangulNormal(t *testing.T) {
	// Every sequence of three bytes that starts as a syllable does, as
	// decoding reads it.
	for a := 0xea; a <= 0xed; a++ {
		for b := range 256 {
			for c := range 256 {
				s := string([]byte{byte(a), byte(b), byte(c)})
				r, size := utf8.DecodeRuneInString(s)
				if got, want := asciiOrHangul(s), size == 3 && isHangul(r); got != want {
					t.Fatalf("asciiOrHangul(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "1", string(r) + string(r+1), string(r-1) + string(r) + " "} {
			if asciiOrHangul(s) && !(norm.NFKC.IsNormalString(s) && cleanSpan(s) == len(s)) {
				t.Fatalf("%q (%U) is not normal", s, r)
			}
		}
	}
	for _, s := range []string{"\u1100\u1161", "가\u11a8", "\xff", "e\u0301", "①", "٣", "가\xea\xb0", "A-Z 가",
		"\ua000", "\ud7a4", "\xed\xa0\x80", "\xea\xb0\x00", "\xea\x30\x80", "\xee\x80\x80", "힣"} {
		if got, want := asciiOrHangul(s), s == "A-Z 가" || s == "힣"; got != want {
			t.Errorf("asciiOrHangul(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestMayBeNumeral checks that mayBeNumeral passes every rune of the
// numeral tables, and few others.
func TestMayBeNumeral(t *testing.T) {
	for _, keys := range []func(func(rune) bool){maps.Keys(hangulDigits), maps.Keys(hanDigits), maps.Keys(placeUnits)} {
		for r := range keys {
			if !mayBeNumeral(r) {
				t.Errorf("mayBeNumeral(%q) = false", r)
			}
		}
	}
	passed := 0
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		if mayBeNumeral(r) {
			passed++
		}
	}
	if passed > 400 {
		t.Errorf("mayBeNumeral passes %d Hangul syllables", passed)
	}
}
