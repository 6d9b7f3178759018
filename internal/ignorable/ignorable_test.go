package ignorable

import (
	"testing"
	"unicode"
)

// derived is Default_Ignorable_Code_Point as DerivedCoreProperties.txt of
// Unicode 15.0 lists it, written out here so that the derivation from the
// Go tables is checked against the published list, not against itself.
var derived = [][2]rune{
	{0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160},
	{0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E},
	{0x2060, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
	{0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
	{0xE0000, 0xE0FFF},
}

func inDerived(r rune) bool {
	for _, rg := range derived {
		if rg[0] <= r && r <= rg[1] {
			return true
		}
	}
	return false
}

// planes are the code points the tests run: planes 0, 1 and 14, which
// hold every format character and default-ignorable code point (planes 2
// to 13 are ideographs and unassigned, 15 and 16 private use); skipping
// the others keeps the tests cheap under -race.
func planes(f func(r rune)) {
	for r := rune(0); r <= 0x1FFFF; r++ {
		f(r)
	}
	for r := rune(0xE0000); r <= 0xEFFFF; r++ {
		f(r)
	}
}

func TestDefaultIgnorable(t *testing.T) {
	if unicode.Version != "15.0.0" {
		t.Skipf("the list is Unicode 15.0's; the tables are %s", unicode.Version)
	}
	planes(func(r rune) {
		if got, want := DefaultIgnorable(r), inDerived(r); got != want {
			t.Errorf("DefaultIgnorable(%U) = %v, want %v", r, got, want)
		}
	})
}

func TestInvisible(t *testing.T) {
	planes(func(r rune) {
		want := inDerived(r) || unicode.Is(unicode.Cf, r)
		if got := Invisible(r); got != want {
			t.Errorf("Invisible(%U) = %v, want %v", r, got, want)
		}
	})
	// Spaces and letters stay; a prepended concatenation mark goes.
	for r, want := range map[rune]bool{' ': false, '\u00A0': false, '\u3000': false, 'ㅎ': false, '가': false, '\u0600': true} {
		if got := Invisible(r); got != want {
			t.Errorf("Invisible(%U) = %v, want %v", r, got, want)
		}
	}
}
