package redact

import (
	"strings"
	"testing"
)

// TestClasses runs one example of each class of identifier the
// recognisers once missed, in several forms each, and texts that look like
// them but identify nobody.
func TestClasses(t *testing.T) {
	tests := []struct{ text, want string }{
		// Invisible characters inside identifiers.
		{"call 010\u200c5512\u200c3391 now", "call [PHONE] now"},
		{"mail heron@\u200bexample.org", "mail [EMAIL]"},
		{"RRN 880214-\u200b1234567.", "RRN [NATIONAL-ID]."},
		{"RRN 880214-\u00ad1234567", "RRN [NATIONAL-ID]"},
		{"\ufeff010-5512-3391", "\ufeff[PHONE]"},
		{"010\u20605512\u20603391", "[PHONE]"},
		// Separators and digits of other scripts.
		{"RRN 880214.1234567", "RRN [NATIONAL-ID]"},
		{"RRN 880214/1234567", "RRN [NATIONAL-ID]"},
		{"RRN 880214_1234567", "RRN [NATIONAL-ID]"},
		{"phone 010/5512/3391", "phone [PHONE]"},
		{"phone 010_5512_3391", "phone [PHONE]"},
		{"phone 010—5512—3391", "phone [PHONE]"},
		{"phone ٠١٠-٥٥١٢-٣٣٩١", "phone [PHONE]"},
		{"phone ۰۱۰ ۵۵۱۲ ۳۳۹۱", "phone [PHONE]"},
		{"phone ０１０－５５１２－３３９１", "phone [PHONE]"},
		{"phone 138/0013/8000", "phone [PHONE]"},
		// Dates.
		{"born 14th Feb '88 in Hyesan", "born '88 in Hyesan"},
		{"born 14-Feb-88.", "born 88."},
		{"born the fourteenth of February 1988", "born 1988"},
		{"on the twenty-first of March, 1990", "on 1990"},
		{"February the fourteenth, 1988", "1988"},
		{"February fourteenth 1988", "1988"},
		{"born 68.03.02 in Hyesan", "born 68 in Hyesan"},
		{"DOB 79.04.15", "DOB 79"},
		{"born 79/04/15", "born 79"},
		{"born 02/03/68", "born 68"},
		{"born 15.04.79", "born 79"},
		{"the second of March, nineteen sixty-eight", "1968"},
		{"born on the 2nd of March nineteen sixty eight", "born on 1968"},
		{"March the second, nineteen hundred and sixty-eight", "1968"},
		{"the first of May, two thousand and three", "2003"},
		{"주민번호 앞자리 790415", "주민번호 앞자리 [NATIONAL-ID]"},
		{"주민등록번호는 790415-", "주민등록번호는 [NATIONAL-ID]"},
		{"RRN 790415- and more", "RRN [NATIONAL-ID] and more"},
		{"생년월일: 790415", "생년월일: [NATIONAL-ID]"},
		// Emails.
		{"write to heron at example dot org.", "write to [EMAIL]."},
		{"heron (at) example (dot) org", "[EMAIL]"},
		{"kim@例え.jp", "[EMAIL]"},
		{"mail: hana@exämple.org", "mail: [EMAIL]"},
		{"пользователь user@пример.рф", "пользователь [EMAIL]"},
		{"메일은 pine@예시.한국", "메일은 [EMAIL]"},
		// Handles in free word order.
		{"I found her on KakaoTalk as bluecrane_77.", "I found her on KakaoTalk as [HANDLE]."},
		{"his WeChat was wxid_q8n2kd", "his WeChat was [HANDLE]"},
		{"카톡 아이디는 pine0815예요", "카톡 아이디는 [HANDLE]예요"},
		{"my Kakao Talk ID is eunju", "my Kakao Talk ID is [HANDLE]"},
		{"Telegram: @kimsu_80", "Telegram: [HANDLE]"},
		{"add wxid_7ab29x please", "add [HANDLE] please"},
		{"my account kim.eunju80 on Facebook", "my account [HANDLE] on Facebook"},
		{"find pine_7 via Telegram", "find [HANDLE] via Telegram"},
		// Plates.
		{"the car was 34나 7781.", "the car was [PLATE]."},
		{"차 번호는 서울 12가 3456이었다", "차 번호는 [PLATE]이었다"},
		{"a truck, 吉A·5M219, came", "a truck, [PLATE], came"},
		{"plate 京A 12345", "plate [PLATE]"},
		// Addresses.
		{"She lives at 12 Dobong-ro 38-gil, Dobong-gu, Seoul.", "She lives at [ADDRESS], Seoul."},
		{"서울시 도봉구 도봉로 38길 12에 살아요", "[ADDRESS]에 살아요"},
		{"Dobong-gu, Dobong-ro 38-gil 12", "[ADDRESS]"},
		{"221B Baker Street, London", "[ADDRESS], London"},
		{"회령시 상동리 123-45", "[ADDRESS]"},
		{"도봉로 12 101동 1203호", "[ADDRESS]"},
	}
	for _, tt := range tests {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestClassesKept are texts near the new classes that identify nobody.
func TestClassesKept(t *testing.T) {
	for _, text := range []string{
		"we met at the station dot",
		"we met at amnesty.org",
		"my WeChat was blocked",
		"I used KakaoTalk in 2019",
		"Telegram: the app was safe",
		"we talked on KakaoTalk",
		"version 2.0 on WeChat",
		"I was born in 1980 on Facebook's birthday",
		"서울로 12명이 갔다",
		"기온은 30도 1000미터",
		"집에 가는 길 10분",
		"In 1997 The Road was closed",
		"12 people, 3 Korean families",
		"on 14 February",
		"the fourteenth of February",
		"in February 1988",
		"she was first in 1988",
		"1997—2000",
		"12가지 방법",
		"the 38th parallel",
		"version 12.04.15 of the app",
		"scores 12/40/99",
		"RRN 791399",
		"in nineteen sixty-eight",
		"the second of March",
		"주민번호 없이 12명",
	} {
		if got := redactIDs(text); got != text {
			t.Errorf("redact(%q) = %q", text, got)
		}
	}
	if strings.Contains(redactIDs("bribes of 5,000 won"), "[") {
		t.Error("money redacted")
	}
}
