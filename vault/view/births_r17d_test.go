package view

import (
	"testing"

	"github.com/tvault/tvault/vault/redact"
)

// TestBirthdayVerbs: a day and month after the Spanish birthday verbs
// (cumple, cumplo, cumplió años), after a birthday that falls on a day,
// after the Vietnamese sinh nhật, and the exact year in Vietnamese or
// Spanish words after a hidden day (review 13i I6).
func TestBirthdayVerbs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"cumple el doce de diciembre", "cumple el [DATE]"},
		{"cumple años el 12 de diciembre", "cumple años el [DATE]"},
		{"su cumple es el 12 de diciembre", "su cumple es el [DATE]"},
		{"cumplió años el doce de diciembre", "cumplió años el [DATE]"},
		{"cumple el doce de diciembre, del noventa y cinco", "cumple el [DATE], del 1995-1999"},
		{"her birthday falls on 12 December", "her birthday falls on [DATE]"},
		{"sinh nhật em là ngày hai tháng chín", "sinh nhật em là ngày [DATE]"},
		{"sinh nhật ngày 2 tháng 9", "sinh nhật ngày [DATE]"},
		{"sinh ngày hai tháng chín năm hai nghìn không trăm linh hai", "sinh ngày [DATE] năm 2000-2004"},
		{"sinh ngày 2 tháng 9 năm hai nghìn lẻ hai", "sinh ngày [DATE] năm 2000-2004"},
		{"sinh ngày 2 tháng 9 năm một nghìn chín trăm chín mươi chín", "sinh ngày [DATE] năm 1995-1999"},
		// Not a birthday.
		{"cumple 30 años en mayo", "cumple 30 años en mayo"},
		{"cumple con la ley desde el doce de diciembre", "cumple con la ley desde el doce de diciembre"},
		{"se cumple el plazo el doce de diciembre", "se cumple el plazo el doce de diciembre"},
		{"sinh nhật mẹ tôi rất vui", "sinh nhật mẹ tôi rất vui"},
	} {
		got := redact.Apply(tc.in, redact.Resolve(tc.in, birthRules(tc.in)...))
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}
