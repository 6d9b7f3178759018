package view

import (
	"slices"
	"testing"
)

// TestPossibleNamesTags checks that a tag of one Hangul or Han word is
// listed whole as a possible name (a nickname kept only as a tag: 별이,
// 阿红), once, and that a replaced or longer one is not.
func TestPossibleNamesTags(t *testing.T) {
	rec := &Record{
		Title: "Nhung (阿红)",
		Tags:  []string{"별이", " 阿红 ", "별이", "[P-AAAA-BBBB]이", "인신매매 피해", "강제북송된사람들", "Paco", "중"},
	}
	want := []string{"별이", "阿红", "Nhung", "Paco"}
	if got := PossibleNames(rec); !slices.Equal(got, want) {
		t.Errorf("PossibleNames = %q, want %q", got, want)
	}
}
