package redact

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

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
		{"case no. 8929/2828", "case no. [ID]"},
		{"Case number: HO/1234/22", "Case number: [ID]"},
		{"reference #A-4521", "reference #[ID]"},
		{"уголовное дело № 12-345", "уголовное дело № [ID]"},
		{"дело 1-234/2019", "дело [ID]"},
		{"사건번호는 2019고단1234입니다", "사건번호는 [ID]입니다"},
		{"사건번호 2019고단1234", "사건번호 [ID]"},
		{"사건번호는 2019고단1234였어요.", "사건번호는 [ID]였어요."},
		{"案号（2019）吉01刑初12号", "案号[ID]"},
		{"判决书（2019）吉01刑初12号写着", "判决书[ID]写着"},
		{"(2018)京02民终1号 and （2019）吉01刑初12号 (2020)沪0115刑初3号", "[ID] and [ID] [ID]"},
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

// FuzzReferences hides a generated National Insurance number or case
// number, with its label, between words made of letters only, and checks
// that the view shows none of its digits.
func FuzzReferences(f *testing.F) {
	f.Add(uint64(1), "when we were young they took us")
	f.Add(uint64(2), "사건 번호")
	f.Fuzz(checkReference)
}

// TestReferenceSeeds runs the FuzzReferences property over many seeds in
// the ordinary test run.
func TestReferenceSeeds(t *testing.T) {
	for seed := range uint64(500) {
		checkReference(t, seed, []string{"", "the referral was sent", "дело было так", "案号 is"}[seed%4])
	}
}

func checkReference(t *testing.T, seed uint64, words string) {
	rng := rand.New(rand.NewPCG(seed, 13))
	var ref string
	switch rng.IntN(4) {
	case 0:
		prefix := pick(rng, "QQ", "AB", "JG", "SE", "WP")
		d := digits(rng, 6)
		if rng.IntN(2) == 0 {
			ref = prefix + d + pick(rng, "A", "B", "C", "D")
		} else {
			ref = prefix + " " + d[:2] + " " + d[2:4] + " " + d[4:] + " " + pick(rng, "A", "B", "C", "D")
		}
	case 1:
		ref = pick(rng, "NRM referral ", "case no. ", "Case number: ", "reference ") + digits(rng, 4) + "/" + digits(rng, 4) + pick(rng, "/MS", "")
	case 2:
		ref = pick(rng, "expediente COMAR ", "дело № ", "사건번호 ", "số hồ sơ ") + digits(rng, 5) + "/" + digits(rng, 4)
	default:
		ref = "案号（" + digits(rng, 4) + "）吉" + digits(rng, 2) + "刑初" + digits(rng, 3) + "号"
	}
	ws := letterWords(words)
	k := 0
	if len(ws) > 0 {
		k = rng.IntN(len(ws) + 1)
	}
	text := strings.Join(append(append(slices.Clone(ws[:k]), ref), ws[k:]...), " ")
	out := Apply(text, Recognise(text))
	rest := strings.ReplaceAll(out, "[ID]", " ")
	for _, r := range rest {
		if '0' <= r && r <= '9' {
			t.Fatalf("a digit of %q survived in %q", ref, out)
		}
	}
}
