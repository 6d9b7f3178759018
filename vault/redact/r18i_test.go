package redact

import "testing"

// TestPlateCuesMoreLanguages: a plate after a German, Italian, French,
// Argentine or Chinese cue (review 13o: Kennzeichen B-MK 4521), and an
// Indian plate of ten letters and digits whole (number plate
// KA-01-MG-2345); the cue words in their everyday sense stay.
func TestPlateCuesMoreLanguages(t *testing.T) {
	checkRecognised(t, []recognised{
		{"Kennzeichen B-MK 4521 gesehen", "Kennzeichen [PLATE] gesehen"},
		{"das Nummernschild M-AB 123", "das Nummernschild [PLATE]"},
		{"targa AB 123 CD", "targa [PLATE]"},
		{"plaque d'immatriculation AB-123-CD", "plaque d'immatriculation [PLATE]"},
		{"immatriculation AB-123-CD", "immatriculation [PLATE]"},
		{"chapa AB 123 CD", "chapa [PLATE]"},
		{"車牌 ABC-1234", "車牌 [PLATE]"},
		{"number plate KA-01-MG-2345", "number plate [PLATE]"},
		{"plate DL-01-CAB-1234", "plate [PLATE]"},
		{"a memorial plaque from 2019", "a memorial plaque from 2019"},
		{"the Kennzeichen was muddy", "the Kennzeichen was muddy"},
		{"dental plaque on 3 teeth", "dental plaque on 3 teeth"},
	})
}
