package view

import (
	"strings"
	"testing"
)

func TestHandleAround(t *testing.T) {
	tests := []struct{ s, name, want string }{
		{"jiyeon.park92", "jiyeon", "jiyeon.park92"},
		{"tag marifer.lopez here", "marifer", "marifer.lopez"},
		{"lan_hl88", "lan", "lan_hl88"},
		{"x thu-hoang02.", "thu", "thu-hoang02"},
		{"jiyeon92", "jiyeon", "jiyeon92"},
		// No handle.
		{"Kim-Eunju said", "Eunju", "Eunju"},
		{"I met Lan. Then", "Lan", "Lan"},
		{"Jean-Paul", "Jean", "Jean"},
		{"lan@example.org", "lan", "lan"},
		{"Lanの92", "Lan", "Lan"},
	}
	for _, tt := range tests {
		a := strings.Index(tt.s, tt.name)
		lo, hi := handleAround(tt.s, a, a+len(tt.name))
		if got := tt.s[lo:hi]; got != tt.want {
			t.Errorf("handleAround(%q, %q) = %q, want %q", tt.s, tt.name, got, tt.want)
		}
	}
}
