package redact

import "testing"

// TestReferences: National Insurance numbers and case and referral
// numbers after their labels, in several languages (review 13h H6), and
// what only looks like them.
func TestReferences(t *testing.T) {
	tests := []struct{ text, want string }{
		// UK National Insurance numbers.
		{"NI no. QQ123456C", "NI no. [ID]"},
		{"her NI number is QQ 12 34 56 C.", "her NI number is [ID]."},
		{"QQ123456C benefits check", "[ID] benefits check"},
		{"AB123456D", "[ID]"},
		{"National Insurance: JG103759A", "National Insurance: [ID]"},
		{"NINO JG103759", "NINO [ID]"},
		{"NI no. QQ 12 34 56", "NI no. [ID]"},
		// Not one: prefixes never issued, another suffix, a suffix-less
		// number without its label, other shapes.
		{"DA123456C", "DA123456C"},
		{"GB123456A", "GB123456A"},
		{"QQ123456E", "QQ123456E"},
		{"QQ123456 units", "QQ123456 units"},
		{"flight BA123456", "flight BA123456"},
		// Case and referral numbers after a label.
		{"NRM referral 2023/0456/MS was accepted.", "NRM referral [ID] was accepted."},
		{"expediente COMAR 12345/2023", "expediente COMAR [ID]"},
		{"case no. 2019-0456", "case no. [ID]"},
		{"Case number: HO/1234/22", "Case number: [ID]"},
		{"reference #A-4521", "reference #[ID]"},
		{"уголовное дело № 12-345", "уголовное дело № [ID]"},
		{"дело 1-234/2019", "дело [ID]"},
		{"사건번호는 2019고단1234입니다", "사건번호는 [ID]입니다"},
		{"사건번호 2019고단1234", "사건번호 [ID]"},
		{"사건번호는 2019고단1234였어요.", "사건번호는 [ID]였어요."},
		{"案号（2019）吉01刑初12号", "案号[ID]"},
		{"判决书（2019）吉01刑初12号写着", "判决书[ID]写着"},
		{"số hồ sơ 2019/HS-123", "số hồ sơ [ID]"},
		// Not one: counts and years after the words, other words.
		{"a case of 300 people", "a case of 300 people"},
		{"the case in 2019", "the case in 2019"},
		{"case 2019 was closed", "case 2019 was closed"},
		{"cases 1234 and more", "cases 1234 and more"},
		{"in case 12 people come", "in case 12 people come"},
		{"case 300 was the worst", "case 300 was the worst"},
		{"case 12345 was the worst", "case [ID] was the worst"},
		{"это другое дело, 300 рублей", "это другое дело, 300 рублей"},
		{"referral to the clinic", "referral to the clinic"},
		{"(2019年)很冷", "(2019年)很冷"},
	}
	for _, tt := range tests {
		spans := Recognise(tt.text)
		checkSpans(t, tt.text, spans)
		if got := Apply(tt.text, spans); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
