// Package ignorable tells which characters text matching skips as if they
// were not there: the characters Unicode says to render invisibly when a
// font has no glyph for them, so that "010\u3164 7264" typed with a Hangul
// filler still reads as digits and "은\u3164혜" as a name.
package ignorable

import "unicode"

// DefaultIgnorable reports whether r has the Unicode property
// Default_Ignorable_Code_Point, derived as DerivedCoreProperties.txt
// derives it: Other_Default_Ignorable_Code_Point (the Hangul fillers
// U+115F, U+1160, U+3164, U+FFA0, the Khmer inherent vowels U+17B4-B5, the
// combining grapheme joiner, reserved tag and format ranges), plus
// category Cf, plus Variation_Selector, minus White_Space, minus the
// interlinear annotation characters U+FFF9-FFFB, minus the Egyptian
// hieroglyph format controls U+13430-1343F, minus
// Prepended_Concatenation_Mark.
func DefaultIgnorable(r rune) bool {
	if r < 0xAD || (0xAC00 <= r && r <= 0xD7A3) {
		return false // ASCII and Hangul syllables, the bulk of the text
	}
	if !unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Cf, unicode.Variation_Selector) {
		return false
	}
	switch {
	case 0xFFF9 <= r && r <= 0xFFFB, 0x13430 <= r && r <= 0x1343F:
		return false
	}
	return !unicode.In(r, unicode.White_Space, unicode.Prepended_Concatenation_Mark)
}

// Invisible reports whether matching removes r: a default-ignorable code
// point, or any other format character (Cf: the prepended concatenation
// marks such as U+0600 ARABIC NUMBER SIGN before a number, the interlinear
// annotation characters, the hieroglyph format controls), which is no
// part of a word or number either.
func Invisible(r rune) bool {
	if r < 0xAD || (0xAC00 <= r && r <= 0xD7A3) {
		return false
	}
	return DefaultIgnorable(r) || unicode.Is(unicode.Cf, r)
}
