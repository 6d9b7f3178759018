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
