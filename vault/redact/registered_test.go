package redact

import "testing"

func TestNumbers(t *testing.T) {
	vn := []string{"+84 912 345 678"}
	kr := []string{"010-5512-3391"}
	tests := []struct {
		text       string
		registered []string
		want       string
	}{
		{"call 0912.345.678", vn, "call [PHONE]"},
		{"gọi 091 23 45 678 nhé", vn, "gọi [PHONE] nhé"},
		{"84-912-345-678", vn, "[PHONE]"},
		{"(+84) 912/345/678.", vn, "(+[PHONE]."},
		{"số 0912 · 345 · 678", vn, "số [PHONE]"},
		{"0912 345 678 2019", vn, "[PHONE] 2019"},
		{"lines 1\n0912\n345 678", vn, "lines 1\n0912\n345 678"},
		{"+82 10 5512 3391", kr, "+[PHONE]"},
		{"0082-10-55-12-33-91", kr, "[PHONE]"},
		{"٠١٠ ٥٥١٢ ٣٣٩١", kr, "[PHONE]"},
		// Other numbers stay.
		{"0912 345 679", vn, "0912 345 679"},
		{"10912345678", vn, "10912345678"},
		{"912345678 9", vn, "[PHONE] 9"},
		{"9912.345.678", vn, "9912.345.678"},
		{"ref A0912345678", vn, "ref A0912345678"},
		{"12345 6789 0912 345 6781", vn, "12345 6789 0912 345 6781"},
		{"call 0912.345.678", []string{"12-34"}, "call 0912.345.678"},
	}
	for _, tt := range tests {
		if got := Apply(tt.text, Numbers(tt.text, tt.registered)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}
