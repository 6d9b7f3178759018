package vault

import (
	"testing"

	"github.com/tvault/tvault/crypto/pseudonym"
)

// TestHandleShaped: handles of review 13d's audit probes are refused,
// what tvault writes and versions, periods and measures are not.
func TestHandleShaped(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"sky_haneul79 check", true},
		{"crane71 follow-up", true},
		{"follow-up on CRANE71.", true},
		{"kim_88 again", true},
		{"mail dahye.yoon90", true},
		{"jhkim1988", true},
		{"(nadya_s)... 2", false}, // no digit in the token
		{"nadya_s7", true},
		{"study 2026, second wave", false},
		{"study-2026", false},
		{"v2 of the export", false},
		{"v1.2.3", false},
		{"2026Q3 review", false},
		{"COVID19 restrictions", false},
		{"H5N1", false},
		{"Art.12 request", false},
		{"3.5kg", false},
		{"10am, 1990s, 21st", false},
		{"x86_64 build", false},
		{"domain Study.2024_a", false},
		{"pinetree_5", true},
		{"dahye.yoon9", true},
		{"카톡 하늘79", false}, // two letters: the recognisers' handles
		{"record " + newID() + " follow-up", false},
		{"person " + pseudonym.Compute([]byte("k"), []byte("p1")) + " follow-up", false},
		{"_crane71_", true},
	} {
		if got := handleShaped(tc.text); got != tc.want {
			t.Errorf("handleShaped(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
