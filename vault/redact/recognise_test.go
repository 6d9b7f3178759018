package redact

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// Narratives of the sample testimonies (corpus s01–s03, testdata t01–t02),
// copied so that the tests need nothing outside the package.
const (
	narrS01 = "When we were 16, 17, in middle school at Onsong Girls' Middle School, they took us to watch sentencings. My schoolmate Choi Suvin stood next to me; Suvin held my hand the whole time. Eunju, our teacher said, this is what happens to people who watch South Korean shows. I am Kim Eunju, I was born on 2 February 1980, and I can be reached at +82 10-4821-7730 or eunju.kim80@example.org."
	narrS02 = "They gathered tens of thousands of people from Sinuiju city for the executions, to brainwash and educate us. The 109 group had arrested the men for selling USB drives with South Korean dramas. SUVIN CHOI is the name on my South Korean ID card. Eun-ju and I were in the crowd together. The Kim dynasty survives on fear."
	narrS03 = "I was caught three times with South Korean dramas but my family had influence, so nothing happened to me. My friend's sister Lee Hana was sentenced to four years because her family could not afford a bribe; bribes were between $1,000 and $5,000. She sold snacks at Chongjin Railway Station kiosk 4. Joonsik, my mother said, you must never be caught a fourth time. My resident registration number was 930517-1234567 and my phone is 010 2231 8870."
	narrT01 = "I worked at Hyesan Textile Mill No. 3 until 2009. My cousin Jang Sunhee paid the broker 3 million won. Min-ji, she told me, do not look back. I am Park Minji, born 11 March 1987, resident number 870311-2345678, phone +82 10-5550-2468, mail minji.park87@example.com."
	narrT02 = "We crossed the Yalu near Hyesan in winter. SUNHEE JANG is written in my new passport M48213377. Minji walked ahead of me. The Park family in our village were not related to us."
)

// redactIDs is the researcher view of text without names and phrases.
func redactIDs(text string) string { return Apply(text, Recognise(text)) }

func TestCorpusNarratives(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
		gone, stay []string
	}{
		{
			name: "s01", text: narrS01,
			want: "When we were 16, 17, in middle school at Onsong Girls' Middle School, they took us to watch sentencings. My schoolmate Choi Suvin stood next to me; Suvin held my hand the whole time. Eunju, our teacher said, this is what happens to people who watch South Korean shows. I am Kim Eunju, I was born on 1980, and I can be reached at [PHONE] or [EMAIL].",
			gone: []string{"+82 10-4821-7730", "4821", "7730", "eunju.kim80@example.org", "2 February 1980", "February"},
			stay: []string{"16, 17", "born on 1980"},
		},
		{
			name: "s02", text: narrS02, want: narrS02,
			stay: []string{"tens of thousands", "The 109 group"},
		},
		{
			name: "s03", text: narrS03,
			want: strings.NewReplacer("930517-1234567", "[NATIONAL-ID]", "010 2231 8870", "[PHONE]").Replace(narrS03),
			gone: []string{"930517-1234567", "930517", "010 2231 8870", "8870"},
			stay: []string{"$1,000 and $5,000", "kiosk 4", "four years"},
		},
		{
			name: "t01", text: narrT01,
			want: "I worked at Hyesan Textile Mill No. 3 until 2009. My cousin Jang Sunhee paid the broker 3 million won. Min-ji, she told me, do not look back. I am Park Minji, born 1987, resident number [NATIONAL-ID], phone [PHONE], mail [EMAIL].",
		},
		{
			name: "t02", text: narrT02,
			want: strings.Replace(narrT02, "M48213377", "[PASSPORT]", 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := redactIDs(tt.text)
			if got != tt.want {
				t.Errorf("redacted:\n got %s\nwant %s", got, tt.want)
			}
			for _, g := range tt.gone {
				if strings.Contains(got, g) {
					t.Errorf("%q survived redaction", g)
				}
			}
			for _, s := range tt.stay {
				if !strings.Contains(got, s) {
					t.Errorf("%q was removed; it identifies nobody", s)
				}
			}
		})
	}
}

// found is one expected span: the text it covers, its kind and its
// replacement ("" for the kind's placeholder).
type found struct {
	text string
	kind Kind
	repl string
}

func (f found) String() string { return fmt.Sprintf("%q %s %q", f.text, f.kind, f.repl) }

func describe(text string, spans []Span) []found {
	var out []found
	for _, s := range spans {
		out = append(out, found{text[s.Start:s.End], s.Kind, s.Replacement})
	}
	return out
}

// TestRecognisers lists, for each recogniser, texts and exactly the spans
// Recognise must return for them.
func TestRecognisers(t *testing.T) {
	type tc struct {
		in   string
		want []found // nil: nothing to find
	}
	one := func(in, span string, k Kind) tc { return tc{in, []found{{span, k, ""}}} }
	date := func(in, span, year string) tc { return tc{in, []found{{span, KindDate, year}}} }
	none := func(in string) tc { return tc{in: in} }
	groups := map[string][]tc{
		"phone": {
			// r17g: a cue of Polish and Creole before words.
			one("numer telefonu: pięćset dwanaście, trzysta czterdzieści pięć, sześćset siedemdziesiąt osiem", "pięćset dwanaście, trzysta czterdzieści pięć, sześćset siedemdziesiąt osiem", KindPhone),
			one("nimewo li: senk senkant nèf, trant sèt douz, trant kat senkant sis", "senk senkant nèf, trant sèt douz, trant kat senkant sis", KindPhone),
			one("reach me at +82 10-4821-7730 or later", "+82 10-4821-7730", KindPhone),
			one("tel. +86 138 0013 8000.", "+86 138 0013 8000", KindPhone),
			one("US office +1 (202) 555-0143, ask for Kim", "+1 (202) 555-0143", KindPhone),
			one("London +44 (0)20 7946 0958", "+44 (0)20 7946 0958", KindPhone),
			one("from abroad 0082-10-4821-7730.", "0082-10-4821-7730", KindPhone),
			one("+8613800138000", "+8613800138000", KindPhone),
			one("my phone is 010 2231 8870.", "010 2231 8870", KindPhone),
			one("my phone is 010-2231-8870.", "010-2231-8870", KindPhone),
			one("my phone is 010.2231.8870.", "010.2231.8870", KindPhone),
			one("my phone is 01022318870.", "01022318870", KindPhone),
			one("office 02-123-4567 (Seoul)", "02-123-4567", KindPhone),
			one("call (031) 123-4567", "(031) 123-4567", KindPhone),
			one("(010-2231-8870)", "010-2231-8870", KindPhone),
			one("전화 010-2231-8870으로 연락", "010-2231-8870", KindPhone),
			one("手机 138 0013 8000", "138 0013 8000", KindPhone),
			one("手机13800138000号码", "13800138000", KindPhone),
			one("Beijing 010-12345678", "010-12345678", KindPhone),
			one("call (202) 555-0143 today", "(202) 555-0143", KindPhone),
			one("full width ０１０－２２３１－８８７０ phone", "０１０－２２３１－８８７０", KindPhone),
			one("no-break +82\u00a010\u00a04821\u00a07730", "+82\u00a010\u00a04821\u00a07730", KindPhone),
			{"010-1111-2222,010-3333-4444", []found{{"010-1111-2222", KindPhone, ""}, {"010-3333-4444", KindPhone, ""}}},
			none("the 109 group"),
			none("When we were 16, 17, in middle school"),
			none("at 10:30 in the morning"),
			none("+5 degrees"),
			// Mixed separators: not a Chinese mobile, still an ID-like group.
			one("138 0013-8000 mixed", "138 0013-8000", KindIDNumber),
		},
		"email": {
			// r17g: spelt in Ukrainian, Polish, Creole and Arabic.
			one("oksana крапка mel90 собака ukr крапка net", "oksana крапка mel90 собака ukr крапка net", KindEmail),
			one("pisz: iryna.k89 małpa wp kropka pl", "iryna.k89 małpa wp kropka pl", KindEmail),
			one("nadege pwen pl95 arobas gmail pwen com", "nadege pwen pl95 arobas gmail pwen com", KindEmail),
			one("salma آت gmail نقطة com", "salma آت gmail نقطة com", KindEmail),
			none("собака гавкала, крапка"),
			none("małpa w zoo"),
			one("write to eunju.kim80@example.org.", "eunju.kim80@example.org", KindEmail),
			one("suvin.choi@example.net", "suvin.choi@example.net", KindEmail),
			one("메일은 minji_park+tv@mail.example.co.kr로", "minji_park+tv@mail.example.co.kr", KindEmail),
			one("eunju (at) example (dot) org", "eunju (at) example (dot) org", KindEmail),
			one("eunju[at]example.org", "eunju[at]example.org", KindEmail),
			one("ｅｕｎｊｕ＠ｅｘａｍｐｌｅ．ｏｒｇ", "ｅｕｎｊｕ＠ｅｘａｍｐｌｅ．ｏｒｇ", KindEmail),
			none("meet @ noon"),
			none("an @ sign alone, and a@b"),
		},
		"url": {
			one("see https://example.org/cases?id=31.", "https://example.org/cases?id=31", KindURL),
			one("(http://example.org/a_(b))", "http://example.org/a_(b)", KindURL),
			one("visit www.example.org, then", "www.example.org", KindURL),
			one("blog https://blog.naver.com/eunju80에서", "https://blog.naver.com/eunju80", KindURL),
			one("on facebook.com/eunju.kim80 daily", "facebook.com/eunju.kim80", KindURL),
			one("ftp://files.example.org/x", "ftp://files.example.org/x", KindURL),
			none("amnesty.org published it"),
			none("and/or e.g./i.e. U.S./China Mr.Kim/Mrs.Lee"),
			none("http:// alone"),
		},
		"ip": {
			one("from 192.168.1.20.", "192.168.1.20", KindIP),
			one("net 10.0.0.0/8 ok", "10.0.0.0/8", KindIP),
			one("v6 2001:db8::8a2e:370:7334 seen", "2001:db8::8a2e:370:7334", KindIP),
			one("link fe80::1ff:fe23:4567:890a.", "fe80::1ff:fe23:4567:890a", KindIP),
			one("mapped ::ffff:192.0.2.128 here", "::ffff:192.0.2.128", KindIP),
			one("IP:2001:db8::1", "2001:db8::1", KindIP),
			none("version 1.2.3.4.5"),
			none("999.1.1.1"),
			none("at 10:30:45 exactly"),
			none("John 3:16 and 2:1 odds"),
			none("Note: nothing :: here"),
		},
		"coordinates": {
			one("the camp at 39.0392, 125.7625 was", "39.0392, 125.7625", KindCoordinates),
			one("GPS -33.8688, 151.2093.", "-33.8688, 151.2093", KindCoordinates),
			one("at 39.0392N 125.7625E today", "39.0392N 125.7625E", KindCoordinates),
			one("at 39.0392° N, 125.7625° E", "39.0392° N, 125.7625° E", KindCoordinates),
			one("at N39.0392 E125.7625", "N39.0392 E125.7625", KindCoordinates),
			one("at 39°01'N 125°45'E near", "39°01'N 125°45'E", KindCoordinates),
			one("at 39° 1′ 12″ N, 125° 45′ 3″ E.", "39° 1′ 12″ N, 125° 45′ 3″ E", KindCoordinates),
			one("at 39.0392, 125.7625 East of", "39.0392, 125.7625", KindCoordinates),
			none("the 38°N parallel"),
			none("prices 12.50, 13.75"),
			none("scores 39.0392 125.7625"),
			none("99.1234, 125.1234"),
			none("95°01'N, 39°61'N, 190°01'E"),
		},
		"national-id": {
			one("number was 930517-1234567 and", "930517-1234567", KindNationalID),
			one("주민번호 930517-1234567이고", "930517-1234567", KindNationalID),
			one("RRN 9305171234567.", "9305171234567", KindNationalID),
			one("RRN 930517 1234567.", "930517 1234567", KindNationalID),
			one("masked 930517-1******", "930517-1******", KindNationalID),
			one("９３０５１７－１２３４５６７", "９３０５１７－１２３４５６７", KindNationalID),
			// Not a valid birth date, or part of a longer number: still an
			// ID-like number.
			one("931317-1234567", "931317-1234567", KindIDNumber),
			one("1930517-12345678", "1930517-12345678", KindIDNumber),
		},
		"passport": {
			one("my new passport M48213377.", "M48213377", KindPassport),
			one("passport EA1234567", "EA1234567", KindPassport),
			one("new format M123A4567 issued", "M123A4567", KindPassport),
			one("passport number 123456789.", "123456789", KindPassport),
			one("Passport No. 12345678", "12345678", KindPassport),
			one("passport #987654321", "987654321", KindPassport),
			one("여권번호 M12345678", "M12345678", KindPassport),
			one("passport number: 1234567", "1234567", KindPassport),
			one("护照号码：123456789。", "123456789", KindPassport),
			one("PASSPORT IS 987654321", "987654321", KindPassport),
			none("COVID19 and A1 and B52 and MP3"),
			none("my passport was lost"),
			// r17g: a Ukrainian passport booklet's series of two
			// Cyrillic capitals.
			one("паспорт серії МК № 123456", "МК № 123456", KindPassport),
			one("паспорт МК 123456 check", "МК 123456", KindPassport),
			none("паспорт МК загубила"),
		},
		"id-number": {
			one("account 110-123-456789 at the bank", "110-123-456789", KindIDNumber),
			one("card 4111 1111 1111 1111.", "4111 1111 1111 1111", KindIDNumber),
			one("number 4821-7730 at home", "4821-7730", KindIDNumber),
			one("ticket 1234567", "1234567", KindIDNumber),
			one("in 1997 12345678", "12345678", KindIDNumber),
			one("code AB1234567X", "1234567", KindIDNumber),
			one("case NK-2020-031", "NK-2020-031", KindIDNumber),
			one("file NK-2020-031", "2020-031", KindIDNumber),
			one("Chinese ID 11010519491231002X", "11010519491231002X", KindNationalID),
			none("$1,000 and $5,000"),
			none("5,000 won and US$300 and 1,500 yuan and 3 million won"),
			none("$1000000 and US$ 2500000 and 5000000 won and 3000000원 and ₩3000000"),
			none("12,345,678 people and 3.14159265 and 1234567.89 and 1234567,000"),
			none("in 1997 2000 people fled; 1997-2000; 1950-53; from 2012 to 2020"),
			none("123-456 and 12 34 56 78"),
			none("KESTREL-MAPLE-19 and No. 3 and 45% and the 1980s"),
			// r17g: Myanmar NRC anywhere; after their labels, a Rohingya
			// family counting number, a tazkira, an РНОКПП.
			one("Thida's NRC 12/DaGaNa(N)123456", "12/DaGaNa(N)123456", KindIDNumber),
			one("card 7/PaKhaNa (Naing) 654321.", "7/PaKhaNa (Naing) 654321", KindIDNumber),
			one("FCN 123456", "123456", KindIDNumber),
			one("her family counting number was 204518", "204518", KindIDNumber),
			none("the NRC office in Yangon and 12/3 of the FCN list"),
		},
		"date": {
			date("born on 2 February 1980, and", "2 February 1980", "1980"),
			date("born 2nd of February, 1980", "2nd of February, 1980", "1980"),
			date("on the 2nd of February 1980", "the 2nd of February 1980", "1980"),
			date("on Monday, 2 February 1980", "Monday, 2 February 1980", "1980"),
			date("on February 2, 1980.", "February 2, 1980", "1980"),
			date("on Feb. 2nd 1980.", "Feb. 2nd 1980", "1980"),
			date("on 2 Sept 1980.", "2 Sept 1980", "1980"),
			date("on 2-3 February 1980", "2-3 February 1980", "1980"),
			date("DOB: 02-Feb-1980.", "02-Feb-1980", "1980"),
			date("DOB 2.FEB.1980", "2.FEB.1980", "1980"),
			date("ISO 1980-02-02.", "1980-02-02", "1980"),
			date("1980/02/02", "1980/02/02", "1980"),
			date("at 2020-11-04T10:00", "2020-11-04", "2020"),
			date("on 02/02/1980.", "02/02/1980", "1980"),
			date("on 2.2.1980.", "2.2.1980", "1980"),
			date("on 12/31/1980", "12/31/1980", "1980"),
			date("on 2/2/80 we left", "2/2/80", "80"),
			date("생일은 1980. 2. 2. 입니다", "1980. 2. 2.", "1980"),
			date("1980년 2월 2일에 태어났다", "1980년 2월 2일", "1980년"),
			date("1980年2月2日出生", "1980年2月2日", "1980年"),
			date("80년 2월 2일생", "80년 2월 2일", "80년"),
			none("in 1997 and in the 1980s"),
			none("in March 1997 and on 2 February and 1980년 2월"),
			none("13/13/1980 and 2/3/1980/4 and 2/3-1980 and size2/3/45"),
			none("When we were 16, 17"),
		},
		"handle": {
			one("follow @kim_eunju80 there", "@kim_eunju80", KindHandle),
			one("KakaoTalk ID: eunju80", "eunju80", KindHandle),
			one("my WeChat ID is kimsuvin", "kimsuvin", KindHandle),
			one("Telegram: kim_80.", "kim_80", KindHandle),
			one("카톡 아이디 eunju80", "eunju80", KindHandle),
			none("I used Telegram: the app was safe"),
			// Documented over-redaction: the token after "ID" is hidden
			// even when it is a word.
			one("my WeChat ID was lost", "lost", KindHandle),
			// An email address, not a handle.
			one("mail eunju@example.org", "eunju@example.org", KindEmail),
		},
	}
	for name, cases := range groups {
		t.Run(name, func(t *testing.T) {
			for _, c := range cases {
				got := describe(c.in, Recognise(c.in))
				for i := range c.want {
					if c.want[i].repl == "" {
						c.want[i].repl = Placeholder(c.want[i].kind)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(c.want) {
					t.Errorf("Recognise(%q)\n got %v\nwant %v", c.in, got, c.want)
				}
			}
		})
	}
}

// TestNothingToFind is a collection of sentences with numbers that identify
// nobody; none may change.
func TestNothingToFind(t *testing.T) {
	for _, s := range []string{
		"When we were 16, 17, in middle school, they took us to watch.",
		"Bribes were between $1,000 and $5,000, or 5,000 won, or US$300.",
		"The broker asked 3 million won; my aunt paid 1,500 yuan.",
		"They gathered tens of thousands of people; 12,000 came.",
		"The 109 group raided 30 homes in 1997 and again in the 1980s.",
		"Kim Il Sung, Kim Jong Il and Kim Jong Un ruled from Pyongyang.",
		"At 10:30 we left Hyesan for Chongjin, 150 km away.",
		"About 45% of us, 3 in 10, were women.",
		"In March 1997 the famine was at its worst; by 2 February we had no food.",
		"He served 15 years, from 1997-2012, in camp No. 15.",
		"Room 1203 on floor 12; bus 7016; train 14.",
		"1980년 2월, 5,000원, 3백만 원, 10시 30분.",
	} {
		if got := Recognise(s); len(got) != 0 {
			t.Errorf("Recognise(%q) = %v, want nothing", s, describe(s, got))
		}
	}
}

// TestListsHidden checks that identifiers written one after another, in
// the ways contact details are listed, leave no digit behind, whatever
// kinds they are labelled with.
func TestListsHidden(t *testing.T) {
	for _, s := range []string{
		"010-1111-2222/010-3333-4444",
		"010-1111-2222, 010-3333-4444",
		"010-1111-2222·010-3333-4444",
		"(010-1111-2222)(02-123-4567)",
		"+82 10-1111-2222 / +86 138 0013 8000",
		"930517-1234567 010-1111-2222 M48213377",
		"tel:01011112222;fax:0212345678",
		"192.168.1.20,10.0.0.1",
	} {
		if out := redactIDs(s); strings.ContainsAny(out, "0123456789") {
			t.Errorf("%q: digits left in %q", s, out)
		}
	}
	// Date ranges keep their years only.
	for s, want := range map[string]string{
		"02/02/1980-03/03/1981": "1980-1981",
		// Known over-redaction: ISO dates joined by a dash form one
		// id-number, which starts as early and runs longer.
		"1980-02-02–1981-03-03": "[ID]",

		"2 February 1980-4 May 1981": "1980-1981",
		"1980.2.2-1981.3.3":          "1980-1981",
	} {
		if out := redactIDs(s); out != want {
			t.Errorf("%q: got %q, want %q", s, out, want)
		}
	}
}

// TestRecogniseInvalidUTF8 checks that invalid bytes neither hide an
// identifier nor break the spans.
func TestRecogniseInvalidUTF8(t *testing.T) {
	text := "bad \xff\xfe 010-2231-8870\x80 and \xe4\xb8 930517-1234567\xed\xa0\x80 x"
	spans := Recognise(text)
	checkSpans(t, text, spans)
	out := Apply(text, spans)
	for _, id := range []string{"010-2231-8870", "930517-1234567"} {
		if strings.Contains(out, id) {
			t.Errorf("%q survived: %q", id, out)
		}
	}
}

// TestRecogniseNormalisedOffsets checks spans found in the NFKC form map
// back onto whole runes of the original.
func TestRecogniseNormalisedOffsets(t *testing.T) {
	text := "ﬁrst ＋８２ １０ ４８２１ ７７３０ then e\u0301 ９３０５１７－１２３４５６７ ㎏"
	spans := Recognise(text)
	checkSpans(t, text, spans)
	got := describe(text, spans)
	want := []found{
		{"＋８２ １０ ４８２１ ７７３０", KindPhone, "[PHONE]"},
		{"９３０５１７－１２３４５６７", KindNationalID, "[NATIONAL-ID]"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// checkSpans verifies the contract of Recognise and Phrases: within the
// text, non-empty, sorted, non-overlapping, on rune boundaries, with a
// kind and a replacement.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	boundary := make([]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d %+v: out of order, empty or outside [%d, %d]", i, s, prev, len(text))
		}
		if !boundary[s.Start] || !boundary[s.End] {
			t.Fatalf("span %d %+v: not on rune boundaries of %q", i, s, text)
		}
		if s.Kind == "" || s.Replacement == "" {
			t.Fatalf("span %d %+v: no kind or replacement", i, s)
		}
		prev = s.End
	}
	if !utf8.ValidString(text) {
		return
	}
	for _, s := range spans {
		if !utf8.ValidString(text[s.Start:s.End]) {
			t.Fatalf("span %+v cuts a rune", s)
		}
	}
}
