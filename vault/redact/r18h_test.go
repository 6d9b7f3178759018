package redact

import "testing"

// TestEmailSlips: "$" for "@" before a known top-level domain and a
// doubled "@" (review 13n) are an address; prices, shell variables and a
// doubled "@" with no domain stay.
func TestEmailSlips(t *testing.T) {
	checkRecognised(t, []recognised{
		{"redfox.kr$gmail.com", "[EMAIL]"},
		{"write to min_ji$naver.com now", "write to [EMAIL] now"},
		{"taejun.h@@kakao.com", "[EMAIL]"},
		{"mail hoa.nguyen @@ yahoo.com.vn", "mail [EMAIL]"},
		// Not addresses.
		{"it cost US$500 then $20", "it cost US$500 then $20"},
		{"echo $HOME and $PATH", "echo $HOME and $PATH"},
		{"price$ list", "price$ list"},
		{"ping @@ everyone", "ping @@ everyone"},
	})
}
