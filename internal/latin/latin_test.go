package latin

import "testing"

func TestStripMarks(t *testing.T) {
	for in, want := range map[string]string{
		"Chŏl-ho":   "Chol-ho",
		"chongŏri":  "chongori",
		"José Peña": "Jose Pena",
		"ŭ":         "u",
		"e\u0301":   "e",
		"Ørsted":    "Ørsted",
		"Đức Anh":   "Duc Anh",
		"đi":        "di",
		"민서":        "민서",
		"नमस्ते":    "नमस्ते", // Devanagari vowel signs are kept
		"Eunju":     "Eunju",
	} {
		got, removed := StripMarks(nil, []byte(in))
		if !removed {
			got = []byte(in)
		}
		if string(got) != want {
			t.Errorf("StripMarks(%q) = %q, want %q", in, got, want)
		}
		if removed != (in != want) {
			t.Errorf("StripMarks(%q) reported removed = %v", in, removed)
		}
	}
}

func TestSkeleton(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{"jі", "ji", true},       // Cyrillic і after a Latin j
		{"јі", "ji", true},       // all look-alikes
		{"сhоl", "chol", true},   // Cyrillic с and о
		{"εunju", "eunju", true}, // Greek ε
		{"мир", "мир", false},    // Russian with letters of its own
		{"αθηνα", "αθηνα", false},
		{"eunju", "eunju", false},
		{"민서", "민서", false},
	} {
		got, changed := Skeleton(nil, []byte(tc.in))
		if !changed {
			got = []byte(tc.in)
		}
		if string(got) != tc.want || changed != tc.changed {
			t.Errorf("Skeleton(%q) = %q, %v; want %q, %v", tc.in, got, changed, tc.want, tc.changed)
		}
	}
}
