package redact

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzRecognise(f *testing.F) {
	for _, s := range []string{
		narrS01, narrS02, narrS03, narrT01, narrT02,
		"", "\xff", "+", "00", "::", "1.2.3.4", "010 2231 8870", "39°01'N 125°45'E",
		"ｅｕｎｊｕ＠ｅｘａｍｐｌｅ．ｏｒｇ ＋８２ １０", "e\u0301\u0301\u0301 ９３０５１７－１２３４５６７",
		"1980년 2월 2일 1980年2月2日 2 February 1980 02/02/1980",
		"https://x.org/(a)) www. facebook.com/ KakaoTalk ID: x_1 @abc",
		"住在光明社区五栋二单元三零一室", "Светланская сто двадцать, квартира сорок пять", "twenty-seven Harbour Road, flat three",
		"bluecrane{at}kakao{dot}com seagull_8823[@]hanmail[.]net x @ y dot net a#gmail.com C#.NET #tag <at>",
		"tel 010\u31647264\u31641958 010\u115f5823\u115f4471 010\uffa05823 010\u17b45823 은\u3164혜가",
		"NI no. QQ 12 34 56 C, NRM referral 2023/0456/MS, 案号（2019）吉01刑初12号, дело № 12-345",
		"11010519491231002X NIE X-1234567-L GOMC850214MDFRRR07 СНИЛС 112-233-445 95",
		"IBAN DE89 3704 0044 0532 0130 00 UNHCR 123-12C01234 KOR-12-345678 паспорт серии 45 06 № 123456",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		spans := Recognise(text)
		checkSpans(t, text, spans)
		if again := Recognise(text); !slices.Equal(again, spans) {
			t.Fatalf("Recognise is not deterministic: %v then %v", spans, again)
		}
		for _, s := range spans {
			if s.Kind != KindDate && s.Replacement != Placeholder(s.Kind) {
				t.Fatalf("span %+v: replacement is not the placeholder", s)
			}
		}
		// Apply and Phrases accept anything, including words of the text.
		words := strings.Fields(text)
		if len(words) > 3 {
			words = words[:3]
		}
		ph := Phrases(text, words)
		checkSpans(t, text, ph)
		checkSpans(t, text, residences.Find(text))
		checkSpans(t, text, NewResidenceSet(words).Find(text))
		_ = Apply(text, spans, ph, []Span{{Start: -1, End: len(text) / 2, Kind: KindPerson, Replacement: "P"}})
	})
}

// FuzzHidden hides a generated identifier, of a kind and shape chosen by
// the fuzzer, between words made of letters only, and checks that the
// view shows no trace of it: neither the identifier nor any of its digits
// or punctuation (the words and the placeholders have none).
func FuzzHidden(f *testing.F) {
	f.Add(uint8(0), uint64(1), "when we were young they took us")
	f.Add(uint8(1), uint64(2), "write to me")
	f.Add(uint8(2), uint64(3), "my number was")
	f.Add(uint8(3), uint64(4), "logged in from")
	f.Add(uint8(4), uint64(5), "see the page")
	f.Add(uint8(5), uint64(6), "my new passport")
	f.Add(uint8(6), uint64(7), "the camp is at")
	f.Add(uint8(0), uint64(8), "전화 번호는 입니다")
	f.Add(uint8(0), uint64(9), "Telegram ID kakao line")
	f.Fuzz(checkHidden)
}

func checkHidden(t *testing.T, kind uint8, seed uint64, words string) {
	rng := rand.New(rand.NewPCG(seed, uint64(kind)))
	ctx, id := genIdentifier(kind, rng)
	ws := letterWords(words)
	k := 0
	if len(ws) > 0 {
		k = rng.IntN(len(ws) + 1)
	}
	parts := append(append(slices.Clone(ws[:k]), ctx+id), ws[k:]...)
	text := strings.Join(parts, " ")

	out := Apply(text, Recognise(text))
	if strings.Contains(out, id) {
		t.Fatalf("identifier %q survived in %q", id, out)
	}
	rest := out
	for _, p := range []string{"[PHONE]", "[EMAIL]", "[NATIONAL-ID]", "[PASSPORT]", "[ID]", "[URL]", "[IP]", "[COORDINATES]", "[HANDLE]", "[PLATE]", "[ADDRESS]"} {
		rest = strings.ReplaceAll(rest, p, " ")
	}
	for _, r := range id {
		if r < unicode.MaxASCII && !unicode.IsLetter(r) && r != ' ' && strings.ContainsRune(rest, r) {
			t.Fatalf("part of identifier %q survived (%q) in %q", id, r, out)
		}
	}
}

// letterWords splits s into at most 12 words of letters only (the rest of
// each word is dropped).
func letterWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return r
			}
			return -1
		}, w)
		if w != "" {
			out = append(out, w)
		}
		if len(out) == 12 {
			break
		}
	}
	return out
}

func digits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}

func pick(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }

const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func word(rng *rand.Rand, min, max int, alphabet string) string {
	n := min + rng.IntN(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// genIdentifier returns an identifier of kind%11: phone, email, Korean
// resident registration number, IP address, URL, passport number,
// coordinates, plate, address, handle or another document (genDocument),
// in one of the shapes the package documents; one in four phones, RRNs and emails has an invisible
// character inside, and one phone in four is in Arabic-Indic digits. ctx
// is the text that must come before it (a messenger name), if any.
func genIdentifier(kind uint8, rng *rand.Rand) (ctx, id string) {
	if kind%11 == 10 {
		return genDocument(rng)
	}
	if kind%11 == 9 {
		return pick(rng, "on KakaoTalk as ", "his WeChat was ", "카톡 아이디는 ", "Telegram: ", "WeChat ID "),
			word(rng, 2, 8, "abcdefghij") + pick(rng, "_", "") + digits(rng, 2)
	}
	id = genPlain(kind, rng)
	if k := kind % 11; (k == 0 || k == 1 || k == 2) && rng.IntN(4) == 0 {
		i := 1 + rng.IntN(len(id)-1)
		for !utf8.RuneStart(id[i]) {
			i--
		}
		id = id[:i] + pick(rng, "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u115f", "\uffa0", "\u17b4") + id[i:]
	}
	if kind%11 == 0 && rng.IntN(4) == 0 {
		id = strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return r - '0' + '\u0660'
			}
			return r
		}, id)
	}
	return "", id
}

func genPlain(kind uint8, rng *rand.Rand) string {
	switch kind % 11 {
	case 0: // phone
		sep := pick(rng, "-", " ", ".", "")
		switch rng.IntN(8) {
		case 0:
			return "+82 10" + pick(rng, "-", " ") + digits(rng, 4) + pick(rng, "-", " ") + digits(rng, 4)
		case 1:
			return "+8210" + digits(rng, 8)
		case 2:
			return "0082-10-" + digits(rng, 4) + "-" + digits(rng, 4)
		case 3:
			return "+86 1" + pick(rng, "3", "5", "8") + digits(rng, 1) + " " + digits(rng, 4) + " " + digits(rng, 4)
		case 4:
			return "+1 (" + pick(rng, "202", "312", "646") + ") " + pick(rng, "555", "734") + "-" + digits(rng, 4)
		case 5:
			sep = pick(rng, sep, "/", "_", "\u2014")
			return "010" + sep + digits(rng, 4) + sep + digits(rng, 4)
		case 6:
			return pick(rng, "02", "031", "051") + "-" + digits(rng, 3+rng.IntN(2)) + "-" + digits(rng, 4)
		default:
			return "1" + pick(rng, "3", "5", "8", "9") + digits(rng, 1) + sep + digits(rng, 4) + sep + digits(rng, 4)
		}
	case 1: // email
		local := word(rng, 1, 10, alnum)
		if rng.IntN(2) == 0 {
			local += pick(rng, ".", "_", "+", "-") + word(rng, 1, 8, alnum)
		}
		domain := word(rng, 1, 12, alnum)
		if rng.IntN(2) == 0 {
			domain += "." + word(rng, 1, 8, alnum)
		}
		return local + "@" + domain + "." + pick(rng, "org", "net", "com", "kr", "co.kr", "cn", "info")
	case 2: // resident registration number
		yymmdd := fmt.Sprintf("%02d%02d%02d", rng.IntN(100), 1+rng.IntN(12), 1+rng.IntN(28))
		return yymmdd + pick(rng, "-", "", "–", ".", "/", "_") + digits(rng, 7)
	case 3: // IP
		if rng.IntN(2) == 0 {
			return fmt.Sprintf("%d.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(256))
		}
		var b [16]byte
		for i := range b {
			if rng.IntN(3) > 0 { // leave zeros for "::" compression
				b[i] = byte(rng.IntN(256))
			}
		}
		b[15] |= 1 // never the unspecified address "::"
		return netip.AddrFrom16(b).String()
	case 4: // URL
		host := word(rng, 1, 12, alnum) + "." + pick(rng, "org", "com", "net", "kr")
		path := ""
		for n := rng.IntN(4); n > 0; n-- {
			path += "/" + word(rng, 1, 10, alnum+"_-~")
		}
		if rng.IntN(3) == 0 {
			path += "?q=" + word(rng, 1, 6, alnum)
		}
		switch rng.IntN(3) {
		case 0:
			return "https://" + host + path
		case 1:
			return "http://" + host + path
		default:
			return "www." + host + path
		}
	case 5: // passport
		return pick(rng, "M", "S", "E", "G", "EA", "PE") + digits(rng, 7+rng.IntN(2))
	case 7: // plate
		if rng.IntN(2) == 0 {
			return digits(rng, 2+rng.IntN(2)) + pick(rng, "", " ") + pick(rng, "가", "나", "다", "러", "보", "우", "하", "허") + pick(rng, "", " ") + digits(rng, 4)
		}
		return pick(rng, "吉", "京", "粤", "辽") + pick(rng, "A", "B", "K") + pick(rng, "·", " ", "") + digits(rng, 1) + pick(rng, digits(rng, 1), "M", "D") + digits(rng, 3)
	case 8: // address
		if rng.IntN(2) == 0 {
			return digits(rng, 1+rng.IntN(3)) + " " + pick(rng, "Dobong", "Mapo", "Sejong", "Haeundae") + pick(rng, "-ro", "-daero") +
				pick(rng, "", " "+digits(rng, 2)+"-gil") + pick(rng, "", ", Dobong-gu", ", Mapo-gu")
		}
		return pick(rng, "", "서울시 ", "부산시 해운대구 ") + pick(rng, "도봉로", "마포대로", "해운대로") + pick(rng, "", " "+digits(rng, 2)+"길", " "+digits(rng, 3)+"번길") + " " + digits(rng, 1+rng.IntN(3))
	default: // coordinates
		lat := fmt.Sprintf("%d.%s", rng.IntN(90), digits(rng, 3+rng.IntN(4)))
		lon := fmt.Sprintf("%d.%s", rng.IntN(180), digits(rng, 3+rng.IntN(4)))
		switch rng.IntN(3) {
		case 0:
			return pick(rng, "", "-") + lat + ", " + pick(rng, "", "-") + lon
		case 1:
			return lat + pick(rng, "N", "S") + " " + lon + pick(rng, "E", "W")
		default:
			return fmt.Sprintf("%d°%02d'%s %d°%02d'%s", rng.IntN(90), rng.IntN(60), pick(rng, "N", "S"), rng.IntN(180), rng.IntN(60), pick(rng, "E", "W"))
		}
	}
}

// genDocument returns an identity document, refugee registration or
// bank account number of documents.go, with a valid check digit where
// its scheme has one, and the cue it needs before it, if any.
func genDocument(rng *rand.Rand) (ctx, id string) {
	switch rng.IntN(8) {
	case 0: // Chinese resident ID
		d := digits(rng, 6) + fmt.Sprintf("%d%02d%02d", 1940+rng.IntN(70), 1+rng.IntN(12), 1+rng.IntN(28)) + digits(rng, 3)
		return "", d + string(cnResidentCheck(d))
	case 1: // Spanish DNI or NIE
		n := 10_000_000 + rng.IntN(90_000_000)
		if rng.IntN(2) == 0 {
			return "", fmt.Sprintf("%d%s%c", n, pick(rng, "", "-"), esIDLetters[n%23])
		}
		p := rng.IntN(3)
		n %= 10_000_000
		return "", fmt.Sprintf("%c%07d%c", "XYZ"[p], n, esIDLetters[(p*10_000_000+n)%23])
	case 2: // CURP
		p := word(rng, 1, 1, "BCDGHLMPRS") + pick(rng, "A", "E", "O", "U") + word(rng, 2, 2, "BCDGHLMPRS") +
			fmt.Sprintf("%02d%02d%02d", rng.IntN(100), 1+rng.IntN(12), 1+rng.IntN(28)) + pick(rng, "H", "M") +
			pick(rng, "DF", "JC", "NL", "VZ") + word(rng, 3, 3, "BCDFGHLMNPRSTV") + pick(rng, "0", "A")
		return "", p + string(curpCheck(p))
	case 3: // SNILS
		d := digits(rng, 9)
		sum := 0
		for i := range 9 {
			sum += int(d[i]-'0') * (9 - i)
		}
		sep := pick(rng, "-", " ")
		return "", d[:3] + sep + d[3:6] + sep + d[6:] + " " + fmt.Sprintf("%02d", sum%101%100)
	case 4: // IBAN, with its check digits
		bban := word(rng, 4, 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + digits(rng, 14)
		cc := pick(rng, "GB", "DE", "ES", "NL")
		check := fmt.Sprintf("%02d", 98-mod97(bban+cc+"00"))
		id := cc + check + bban
		if rng.IntN(2) == 0 {
			id = id[:4] + " " + id[4:8] + " " + id[8:12] + " " + id[12:16] + " " + id[16:20] + " " + id[20:]
		}
		return "", id
	case 5: // UNHCR
		return "", pick(rng, digits(rng, 3), "KOR", "THA", "MEX") + "-" + digits(rng, 2) + pick(rng, "C", "M") + digits(rng, 5)
	default: // Russian passports after their word
		return pick(rng, "паспорт ", "паспорта ", "загранпаспорт ", "паспорт серии "), digits(rng, 2) + " " + pick(rng, digits(rng, 2)+" "+digits(rng, 6), digits(rng, 7))
	}
}

// TestHiddenSeeds runs the FuzzHidden property over many seeds of every
// kind in the ordinary test run, not only under -fuzz.
func TestHiddenSeeds(t *testing.T) {
	t.Parallel()
	sentences := []string{"", "when we were young they took us", "전화 번호는 입니다", "Telegram ID kakao line passport", "ÉCOLE café straße"}
	for kind := uint8(0); kind < 11; kind++ {
		for seed := uint64(0); seed < 300; seed++ {
			checkHidden(t, kind, seed, sentences[seed%uint64(len(sentences))])
		}
	}
}
