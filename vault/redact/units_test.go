package redact

import "testing"

// TestUnitAddresses checks the addresses written by building and flat
// alone, in English, beside the Korean, Chinese and Russian ones, and the
// single rooms, floors and units that stay.
func TestUnitAddresses(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"we hid in Room 1107, Tower B.", "we hid in [ADDRESS]."},
		{"Apt 4B, Block 12", "[ADDRESS]"},
		{"Flat 3, 12 Harbour Street", "[ADDRESS]"},
		{"she is in Unit 5-201.", "she is in [ADDRESS]."},
		{"Building 3, Entrance 2, Floor 7", "[ADDRESS]"},
		{"building 3 / entrance 2 / floor 7 / flat 31", "[ADDRESS]"},
		{"on the 7th floor, room 712", "on the [ADDRESS]"},
		{"Block C, Flat 12A", "[ADDRESS]"},
		{"he lived in block 4, flat 12", "he lived in [ADDRESS]"},
		{"House 5, Lot 7", "[ADDRESS]"},
		{"P.O. Box 1234", "[ADDRESS]"},
		{"Tower 2 Room 1203", "[ADDRESS]"},
		// The same in the other languages, done before.
		{"712동 1502호", "[ADDRESS]"},
		{"世纪大道88号5栋2单元301室", "[ADDRESS]"},
		{"ул. Ленина, д. 5, кв. 12", "[ADDRESS]"},
	} {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
	for _, text := range []string{
		"Room 1203",
		"unit 731 of the army",
		"the 101st division, room 1203",
		"Tower B",
		"Room 101 and Room 102",
		"from floor 2 to floor 3",
		"Block 12 was closed",
		"floors 2-3",
		"Tower Bridge",
		"room 3 floor",
		"the 3rd floor",
		"the system stepped up",
	} {
		if got := redactIDs(text); got != text {
			t.Errorf("redact(%q) = %q", text, got)
		}
	}
}
