package redact

import "testing"

// TestPlatesInWordsR17d: Korean plates read in place values, Vietnamese
// plates with the province code in words, and the letters of a plate
// that go with its digits (review 13i I7).
func TestPlatesInWordsR17d(t *testing.T) {
	tests := []struct{ text, want string }{
		{"차 번호는 십이가 삼사오육이었어요.", "차 번호는 [PLATE]이었어요."},
		{"차 번호는 십이가 삼천사백오십육이었어요.", "차 번호는 [PLATE]이었어요."},
		{"번호판이 이십삼나 칠칠팔일이야", "번호판이 [PLATE]이야"},
		{"차 번호는 일이가 삼사오육이었어요.", "차 번호는 [PLATE]이었어요."},
		{"xe biển hai chín A năm sáu bảy tám chín", "xe biển [PLATE]"},
		{"xe biển số ba mươi A một hai ba bốn năm", "xe biển số [PLATE]"},
		{"biển số mười lăm B sáu bảy tám chín không", "biển số [PLATE]"},
		{"placas TLX-12-34", "placas [PLATE]"},
		{"las placas eran TLX 12 34", "las placas eran [PLATE]"},
		{"placa ABC-123-D.", "placa [PLATE]."},
		{"plate KJ-4471", "plate [PLATE]"},
		// No plate.
		{"차 번호는 십이가지였어요", "차 번호는 십이가지였어요"},
		{"registration UN 2019", "registration UN 2019"},
		{"xe biển hai chiếc", "xe biển hai chiếc"},
		{"ba mươi người", "ba mươi người"},
		{"la placa de la calle", "la placa de la calle"},
	}
	for _, tt := range tests {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestHangulPlaceValuePlatesAnywhere: a Korean plate whose four digits
// are read in thousands is a plate without a cue, as one read digit by
// digit is; a count of thousands after a word is none.
func TestHangulPlaceValuePlatesAnywhere(t *testing.T) {
	tests := []struct{ text, want string }{
		{"다른 차는 이십삼나 칠천칠백팔십일이었어요", "다른 차는 [PLATE]이었어요"},
		{"삼사나 칠천칠백팔십일", "[PLATE]"},
		{"십오나 이십 명", "십오나 이십 명"},
		{"오백이나 천 원", "오백이나 천 원"},
		{"십이가 삼천 원이었어요", "십이가 삼천 원이었어요"},
		{"사나 삼천오백 원", "사나 삼천오백 원"},
		{"십이가 삼천사백오십육 원", "십이가 삼천사백오십육 원"},
	}
	for _, tt := range tests {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
