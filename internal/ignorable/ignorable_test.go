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

func TestDefaultIgnorable(t *testing.T) {
	if unicode.Version != "15.0.0" {
		t.Skipf("the list is Unicode 15.0's; the tables are %s", unicode.Version)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := DefaultIgnorable(r), inDerived(r); got != want {
			t.Errorf("DefaultIgnorable(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestInvisible(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := inDerived(r) || unicode.Is(unicode.Cf, r)
		if got := Invisible(r); got != want {
			t.Errorf("Invisible(%U) = %v, want %v", r, got, want)
		}
	}
	// Spaces and letters stay; a prepended concatenation mark goes.
	for r, want := range map[rune]bool{' ': false, '\u00A0': false, '\u3000': false, 'ㅎ': false, '가': false, '\u0600': true} {
		if got := Invisible(r); got != want {
			t.Errorf("Invisible(%U) = %v, want %v", r, got, want)
		}
	}
}
