package redact

import "testing"

// TestResidenceAfterStreetType: a registered street written with its
// type and its house number is the residence whatever word follows
// ("Kingsland H. St. 58 visit", as an audit purpose writes it, review
// 13l); without the type, or apart by a comma, a number before a word
// still counts it (Kingsland 58 minutes, Ленина сорок пять минут,
// "Albion Street, fourteen days later").
func TestResidenceAfterStreetType(t *testing.T) {
	rs := NewResidenceSet([]string{"Flat 2, 58 Kingsland High Street, London E8 2NS", "14 Albion Street, Hull HU1 3TG", "г. Хабаровск, ул. Ленина, д. 45, кв. 12"})
	for _, tt := range []struct {
		text, want string
	}{
		{"Kingsland H. St. 58 visit", "Kingsland H. St. 58"},
		{"Kingsland High Street 58 check", "Kingsland High Street 58"},
		{"Ленина 45 visit", ""},
		{"Albion Street, fourteen days later", ""},
		{"Kingsland 58 minutes", ""},
		{"Ленина сорок пять минут", ""},
	} {
		got := ""
		if spans := rs.Find(tt.text); len(spans) > 0 {
			got = tt.text[spans[0].Start:spans[0].End]
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
