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
		// National numbers in dot-separated groups after a trunk 0.
		{"call 0912.345.678", "call [PHONE]"},
		{"điện thoại 0912.345.678.", "điện thoại [PHONE]."},
		{"sđt 091.234.5678", "sđt [PHONE]"},
		{"portable 06.12.34.56.78", "portable [PHONE]"},
		{"pi is 3.14, version 1.2.3, 12.5 kg", "pi is 3.14, version 1.2.3, 12.5 kg"},
		{"release 0.12.345", "release 0.12.345"},
		{"born 01.03.1990", "born 1990"},
		// A span never crosses a line break (a transcript's line number
		// after a label).
		{"P'ot'ae-dong 3 inminban\n008| she came.", "P'ot'ae-dong 3 inminban\n008| she came."},
		{"inminban 3\n008| she came.", "[ADDRESS]\n008| she came."},
		{"inminban\r\n12 people", "inminban\r\n12 people"},
		{"call 010-5512-3391\n0912.345.678", "call [PHONE]\n[PHONE]"},
		// A phone's last four digits in Sino-Korean words after a tail
		// word.
		{"끝 네 자리는 칠일사이", "끝 네 자리는 [PHONE]"},
		{"뒷자리가 일이삼사예요", "뒷자리가 [PHONE]예요"},
		{"끝 4자리는 7142", "끝 4자리는 [PHONE]"},
		{"끝 네 자리는 몰라요", "끝 네 자리는 몰라요"},
		{"마지막 네 자리 이사 오", "마지막 네 자리 이사 오"},
		// The Vietnamese date, with ngày before it.
		{"sinh ngày 9 tháng 3 năm 1994", "sinh 1994"},
		{"Ngày 12 tháng 11, năm 2001 chúng tôi đi", "2001 chúng tôi đi"},
		{"ở đó 3 tháng, năm 2019", "ở đó 3 tháng, năm 2019"},
		{"ngày 32 tháng 13 năm 1994", "ngày 32 tháng 13 năm 1994"},
		// Plates: North Korean provinces in the northern spelling,
		// Russian in lower case, British.
		{"plate 량강 07-3321.", "plate [PLATE]."},
		{"라선 12-3456 car", "[PLATE] car"},
		{"Russian plate а123вс25", "Russian plate [PLATE]"},
		{"машина х777хм 199", "машина [PLATE]"},
		{"машина х777хм 199 RUS", "машина [PLATE]"},
		{"в 123 км 25 минут", "в 123 км 25 минут"},
		{"в 123км 25 минут", "в 123км 25 минут"},
		{"UK plate AB12 CDE", "UK plate [PLATE]"},
		{"UK plate AB12CDE.", "UK plate [PLATE]."},
		{"강원 12-3456명", "강원 12-3456명"},
		{"The ABC12 DEF and the M25 motorway", "The ABC12 DEF and the M25 motorway"},
		{"강원도 1990-2000", "강원도 1990-2000"},
		{"в 123 км 25 минут", "в 123 км 25 минут"},
		// E-mail addresses spelt in Vietnamese and Russian words.
		{"lan.le94 a còng gmail chấm com", "[EMAIL]"},
		{"email: lan.le94 A cong gmail cham com.", "email: [EMAIL]."},
		{"ivan собака mail точка ru", "[EMAIL]"},
		{"tôi chấm bài, a còng lưng", "tôi chấm bài, a còng lưng"},
		{"người Cham a cong", "người Cham a cong"},
		{"моя собака спит. Точка", "моя собака спит. Точка"},
		// The local part spelt with its dots too (review 13f N8).
		{"nhung chấm tran98 a còng gmail chấm com", "[EMAIL]"},
		{"e-mail: eb dot han at proton dot me", "e-mail: [EMAIL]"},
		{"ivan точка petrov собака mail точка ru", "[EMAIL]"},
		{"a dot in the sky, and han at proton dot me", "a dot in the sky, and [EMAIL]"},
		{"tôi chấm bài xong, lan a còng gmail chấm com", "tôi chấm bài xong, [EMAIL]"},
		// The table of spelt addresses (review 13g G2): Spanish,
		// Portuguese, French and Chinese words, a language's "@" with
		// English "dot", and the everyday words kept.
		{"correo lupita punto hdz arroba hotmail punto com", "correo [EMAIL]"},
		{"email thuha punto le arroba yahoo punto com.", "email [EMAIL]."},
		{"lupita arroba hotmail.com", "[EMAIL]"},
		{"joao ponto silva arroba gmail ponto com ponto br", "[EMAIL]"},
		{"jean point dupont arobase orange point fr", "[EMAIL]"},
		{"lupe88 arroba gmail dot com", "[EMAIL]"},
		{"邮箱 wang 艾特 qq 点 com", "邮箱 [EMAIL]"},
		{"looked at him point blank", "looked at him point blank"},
		{"a punto de llegar, con una arroba de maíz", "a punto de llegar, con una arroba de maíz"},
		{"en punto salimos", "en punto salimos"},
		{"at that point com", "at that point com"},
		// Digits read in Vietnamese and Russian words, and the Chinese
		// radio readings 幺 (1) and 洞 (0).
		{"số không chín một hai ba bốn năm sáu bảy tám", "số [PHONE]"},
		{"gọi Không Chín Một Hai, ba bốn năm, sáu bảy tám", "gọi [PHONE]"},
		{"номер восемь девять один четыре пять пять пять один два три четыре", "номер [ID]"},
		{"ноль девять один два три четыре пять шесть семь восемь", "[PHONE]"},
		{"电话 幺三九 四四幺七 二八六洞", "电话 [ID]"},
		{"Hai ba năm sau, một người đến", "Hai ba năm sau, một người đến"},
		{"ba mẹ và hai em", "ba mẹ và hai em"},
		{"три дня и два года", "три дня и два года"},
		{"山洞里有一个人", "山洞里有一个人"},
		// Dashes of every kind between groups (dashLike), and the
		// katakana long-vowel mark between digits.
		{"phone 010ー3388ー7142", "phone [PHONE]"},
		{"phone 010ｰ3388ｰ7142", "phone [PHONE]"},
		{"phone 010－3388－7142", "phone [PHONE]"},
		{"phone 010‐3388‐7142", "phone [PHONE]"},
		{"phone 010‒3388‒7142", "phone [PHONE]"},
		{"phone 010⁃3388⁃7142", "phone [PHONE]"},
		{"phone 010⸺3388⸺7142", "phone [PHONE]"},
		{"phone 010﹣3388﹣7142", "phone [PHONE]"},
		{"コーヒー 3ー4 cups", "コーヒー 3ー4 cups"},
		{"years 1990–1994", "years 1990–1994"},
		{"010ㅡ7788ㅡ1234", "[PHONE]"},
		{"번호는 010ㅡ7788ㅡ1234이에요", "번호는 [PHONE]이에요"},
		{"010·7788·1234", "[PHONE]"},
		{"010・7788・1234", "[PHONE]"},
		{"010~7788~1234", "[PHONE]"},
		{"010 ~ 7788 ~ 1234", "[PHONE]"},
		{"010〜7788〜1234", "[PHONE]"},
		{"phone 010-88three4-2210", "phone [PHONE]"},
		{"phone 0one0-8834-2210", "phone [PHONE]"},
		{"zero-one-zero, 8834, 2210", "[PHONE]"},
		{"oh one oh 8834 2210", "[PHONE]"},
		// Dates.
		{"born 14th Feb '88 in Hyesan", "born '88 in Hyesan"},
		{"born 14-Feb-88.", "born 88."},
		{"born the fourteenth of February 1988", "born 1988"},
		{"родилась 14 марта 1982 года в Хесане", "родилась 1982 в Хесане"},
		{"родился 2 мая 1976 г. в Мусане", "родился 1976 в Мусане"},
		{"nació el 14 de marzo de 1982", "nació el 1982"},
		{"nació el 3 de Septiembre del 1979.", "nació el 1979."},
		{"el 14 de marzo, 1982", "el 1982"},
		{"76년 5월생이에요", "76년생이에요"},
		{"1976년 11월생", "1976년생"},
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
		{"서울특별시 노원구 상계동 1023-4번지에 살았다", "[ADDRESS]에 살았다"},
		{"상계주공아파트 7단지 712동 1502호", "[ADDRESS]"},
		{"712동 1502호에서", "[ADDRESS]에서"},
		{"Sanggye-dong 1023-4, Nowon-gu", "[ADDRESS], Nowon-gu"},
		{"Hyesan, Yonbong-dong, neighbourhood unit 3", "Hyesan, Yonbong-dong, [ADDRESS]"},
		{"연봉동 3인민반에서", "연봉동 [ADDRESS]에서"},
		{"14 rue de Rivoli, 75001 Paris", "[ADDRESS] Paris"},
		{"at 3 avenida da Liberdade", "at [ADDRESS]"},
		{"PO Box 4410, Seoul", "[ADDRESS], Seoul"},
		{"P.O. Box 12", "[ADDRESS]"},
		{"우편번호 01690", "우편번호 [ADDRESS]"},
		{"postcode: 75001", "postcode: [ADDRESS]"},
		{"Flat 3B, Camden, London NW1 6XE", "[ADDRESS], Camden, London [ADDRESS]"},
		// Plates of other formats.
		{"Seoul 12ga 3456", "[PLATE]"},
		{"plate 12ga3456.", "plate [PLATE]."},
		{"평양 15-2041 차", "[PLATE] 차"},
		{"a Pyongyang 15-2041 truck", "a [PLATE] truck"},
		// Phones digit by digit or by their last digits; MAC addresses;
		// handles with a discriminator.
		{"call 0 1 0 6 6 1 2 0 9 4 5 now", "call [PHONE] now"},
		{"a number ending in 0945", "a number ending in [PHONE]"},
		{"끝자리는 0945", "끝자리는 [PHONE]"},
		{"전화는 공일공 육육일이 영구사오예요", "전화는 [PHONE]예요"},
		{"call zero one zero six six one two zero nine four five now", "call [PHONE] now"},
		{"MAC 00:1A:2B:3C:4D:5E", "MAC [ID]"},
		{"discord heron#1968", "discord [HANDLE]"},
		// Plates of Turkey (after a plate word), Ukraine and Thailand
		// (r17g, review 13j N10).
		{"plate 34 ABC 123 on the van in Istanbul", "plate [PLATE] on the van in Istanbul"},
		{"plakası 06 AB 1234", "plakası [PLATE]"},
		{"номер АХ 1234 ВС", "номер [PLATE]"},
		{"plate AX1234BC", "plate [PLATE]"},
		{"ทะเบียน 1กข 1234", "ทะเบียน [PLATE]"},
		{"รถ 1กข 1234 สีขาว", "รถ [PLATE] สีขาว"},
		{"ทะเบียน กข 1234", "ทะเบียน [PLATE]"},
		// Identity documents (r17g, review 13j N7).
		{"паспорт серії МК № 123456", "паспорт серії [PASSPORT]"},
		{"Thida's NRC 12/DaGaNa(N)123456", "Thida's NRC [ID]"},
		{"FCN 123456", "FCN [ID]"},
		// Refugee camps' addresses (r17g, review 13j N5).
		{"She lives in Camp 8W, Block B-12, shelter 345.", "She lives in [ADDRESS]."},
		{"from Camp 8W, block B-12", "from [ADDRESS]"},
		{"Camp 8W Block B-12 shelter 345 visit", "[ADDRESS] visit"},
		{"we stayed in Kakuma 3, block 7 for a year", "we stayed in [ADDRESS] for a year"},
		{"Zaatari District 5, Street 12", "[ADDRESS]"},
		{"she lives in Block 7, tent 34 in Kutupalong", "she lives in [ADDRESS] in Kutupalong"},
		{"Azraq, Village 3, caravan 112", "Azraq, [ADDRESS]"},
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
		"ㅡㅡ 그만해",
		"в марте 1982 года",
		"в 14 домах мая 1982",
		"de marzo de 1982",
		"los 14 de marzo",
		"5월생 모임",
		"76년 13월생",
		"маяк 1982",
		"2010~2014년에 살았다",
		"10~20명, 3~4일",
		"1997·2001·2005년",
		"zero one zero",
		"we had 2one day trip, 4four-wheel",
		"zero-one-zero, 12, 34",
		"one two three, 4567, 8901",
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
		"=@SUM(7,7)",
		"unit 731 of the army",
		"the 101st division, room 1203",
		"12 ga 3456 is no plate",
		"1 2 3 4 5 6 7 8 9 0",
		"at 10:30:45 the 12:00 bus",
		"issue #1968 in the tracker",
		"the Kang 15-2041 form",
		"Seoul in 1988",
		"Camden, London",
		"일이 삼사 일 있었다",
		"zero one two three",
		// Numbers and letters that are no plate.
		"in 2019 34 ABC 123",
		"we were 34 in 12 cars",
		"ABC 1234 DEF",
		// A camp alone is a place; parts of a text are no camp.
		"co-witness, Camp 8W",
		"Camp 15 was flooded",
		"Street 12 was closed",
		"Chapter 3, Section 4",
		"Article 3, Zone 4",
		"Sector 4 was shelled, tent 5 burnt",
	} {
		if got := redactIDs(text); got != text {
			t.Errorf("redact(%q) = %q", text, got)
		}
	}
	if strings.Contains(redactIDs("bribes of 5,000 won"), "[") {
		t.Error("money redacted")
	}
}

// TestLooseIdentifiers checks the identifiers written loosely: e-mail
// addresses without a top-level domain, phones with O for zero, wallets,
// messenger IDs, address parts, plates with hyphens; and the text like
// them that stays.
func TestLooseIdentifiers(t *testing.T) {
	checkRecognised(t, []recognised{
		{"mail ji.an.hb@proton now", "mail [EMAIL] now"},
		{"write to heron68@gmail.", "write to [EMAIL]."},
		{"email me at heron68@postbox today", "email me at [EMAIL] today"},
		{"mail jianhb at protonmail", "mail [EMAIL]"},
		{"or jianhb at hotmail", "or [EMAIL]"},
		{"call 010-3377-9O21 after dark", "call [PHONE] after dark"},
		{"call O1O 5512 3391", "call [PHONE]"},
		{"to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq now", "to [ID] now"},
		{"to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT.", "to [ID]."},
		{"to 0x52908400098527886E0F7030069857D2E4169EE7", "to [ID]"},
		{"Imo: dhjeon88", "Imo: [HANDLE]"},
		{"skype: live:crane71", "skype: [HANDLE]"},
		{"at Hauptstrasse 12, 10115 Berlin now", "at [ADDRESS] now"},
		{"Apt 502, Building 7, 145 Jungang-ro, Anyang-si", "[ADDRESS]"},
		{"Anyang, Jungang-ro 145, bldg 7", "Anyang, [ADDRESS]"},
		{"1600 Pennsylvania Avenue NW, Washington", "[ADDRESS], Washington"},
		{"licence plate 12-GA-3456", "licence plate [PLATE]"},
		{"plate 평양 2-19-4471", "plate [PLATE]"},
		// Not identifiers.
		{"the ring 3 times; Norwegian 12 boats", "the ring 3 times; Norwegian 12 boats"},
		{"Building 7 burned", "Building 7 burned"},
		{"we met at proton therapy", "we met at proton therapy"},
		{"a friend at gmail said", "a friend at gmail said"},
		{"the mail came at 9 a.m.", "the mail came at 9 a.m."},
		{"@SUM(7,7)", "@SUM(7,7)"},
		{"room 1O1 of block OO", "room 1O1 of block OO"},
		{"the 1990s were hard; Operation 1OO", "the 1990s were hard; Operation 1OO"},
		{"a long sentence about international cooperation", "a long sentence about international cooperation"},
		{"live: 8pm", "live: 8pm"},
	})
}

// TestReview3Identifiers checks the third review's classes: handles after
// a generic label, Chinese and Russian addresses, Korean flat numbers,
// e-mail addresses spelt out in Korean; and the text like them that
// stays.
func TestReview3Identifiers(t *testing.T) {
	checkRecognised(t, []recognised{
		{"her username was heronwing81 everywhere", "her username was [HANDLE] everywhere"},
		{"my handle is pine_7.", "my handle is [HANDLE]."},
		{"ID: heron81", "ID: [HANDLE]"},
		{"his id was dhjeon88", "his id was [HANDLE]"},
		{"微信号 heronwing81", "微信号 [HANDLE]"},
		{"微信号: wx_pine81", "微信号: [HANDLE]"},
		{"닉네임은 crane_71이에요", "닉네임은 [HANDLE]이에요"},
		{"吉林省延吉市河南街道光明路123号", "[ADDRESS]"},
		{"我住在上海市浦东新区世纪大道88号5栋2单元301室。", "我住在[ADDRESS]。"},
		{"г. Владивосток, ул. Ленина, д. 5, кв. 12.", "[ADDRESS]."},
		{"жили на ул. Ленина, д. 14, кв. 7", "жили на [ADDRESS]"},
		{"our flat was 1407호", "our flat was [ADDRESS]"},
		{"1407호에 살았다", "[ADDRESS]에 살았다"},
		{"연길시 하남가 공원로 19호", "[ADDRESS]"},
		{"Yanji, Gongyuan Road 19", "Yanji, [ADDRESS]"},
		{"at Zhongshan Lu No. 12, Dalian", "at [ADDRESS], Dalian"},
		{"메일 jwseo81 골뱅이 naver 점 com", "메일 [EMAIL]"},
		{"jwseo81골뱅이naver.com이에요", "[EMAIL]이에요"},
		{"heron 앳 daum 닷컴", "[EMAIL]"},
		{"heron68 골뱅이 hanmail 쩜 net", "[EMAIL]"},
		// Not identifiers.
		{"the handle of the door", "the handle of the door"},
		{"my id card was lost", "my id card was lost"},
		{"username was blocked", "username was blocked"},
		{"Chinese ID 11010519491231002X", "Chinese ID [NATIONAL-ID]"},
		{"1호선을 탔다", "1호선을 탔다"},
		{"제1407호 문서", "제1407호 문서"},
		{"골뱅이 무침을 먹었다", "골뱅이 무침을 먹었다"},
		{"골뱅이 naver", "골뱅이 naver"},
		{"光明路上走", "光明路上走"},
		{"ул. Ленина была длинной", "ул. Ленина была длинной"},
		{"The Main Street 1990s shops", "The Main Street 1990s shops"},
		{"on Gongyuan Road in 2019", "on Gongyuan Road in 2019"},
	})
}

// TestForeignStreets checks street addresses of other countries: Spanish
// and Portuguese with the street type first and the number after the
// name, Vietnamese with lanes, romanised Korean roads in lower case after
// the road's name, Russian streets in Latin letters with a flat.
func TestForeignStreets(t *testing.T) {
	checkRecognised(t, []recognised{
		{"We lived at Calle de Alcalá 45, 3º B, Madrid then.", "We lived at [ADDRESS], Madrid then."},
		{"Avenida da Liberdade 12, Lisboa", "[ADDRESS], Lisboa"},
		{"calle Mayor 3, 2º izquierda", "[ADDRESS]"},
		{"số 12 ngõ 45 phố Huế, Hà Nội", "[ADDRESS], Hà Nội"},
		{"ở 25 đường Lê Lợi", "ở [ADDRESS]"},
		{"Centum jungang-ro 79, Haeundae", "[ADDRESS], Haeundae"},
		{"Ussuriysk, Lenina street 14, flat 3", "Ussuriysk, [ADDRESS]"},
		{"Pushkina ulitsa 7", "[ADDRESS]"},
		// Not addresses.
		{"the calle was narrow", "the calle was narrow"},
		{"Plaza Mayor in 2019", "Plaza Mayor in 2019"},
		{"Hyesan road 12 km further", "Hyesan road 12 km further"},
		{"phố cổ đẹp lắm", "phố cổ đẹp lắm"},
		{"the jungang-ro was busy", "the jungang-ro was busy"},
	})
}

// TestForeignPlates checks plates of other countries (Russian in both
// scripts, Spanish after a plate word, North Korean provinces) and the
// Russian passport's series and number after a passport word.
func TestForeignPlates(t *testing.T) {
	checkRecognised(t, []recognised{
		{"licence A 123 BC 125 RUS", "licence [PLATE]"},
		{"машина А123ВС77 стояла", "машина [PLATE] стояла"},
		{"plate 1234-ABC (Spain)", "plate [PLATE] (Spain)"},
		{"the car 4821 BCD", "the car [PLATE]"},
		{"번호판 평북 05-1234", "번호판 [PLATE]"},
		{"함남 12-3456 트럭", "[PLATE] 트럭"},
		{"passport 45 08 123456", "passport [PASSPORT]"},
		{"passport number 4508 123456", "passport number [PASSPORT]"},
		// Not plates.
		{"in 2019 BBC said", "in 2019 BBC said"},
		{"1234-ABC", "1234-ABC"},
		{"A 100 km walk", "A 100 km walk"},
		{"평북 출신이다", "평북 출신이다"},
	})
}

// TestNotations checks addresses and plates in the notations of review
// 13f (N7): Chinese numerals, Spanish abbreviations and floors in words,
// a Russian street romanised, a Vietnamese hamlet or commune by its name,
// a Vietnamese plate without separators; and what stays beside them.
func TestNotations(t *testing.T) {
	tests := []struct{ text, want string }{
		{"东莞长安镇锦厦路十八号", "[ADDRESS]"},
		{"我们住在光明路八十八号。", "我们住在[ADDRESS]。"},
		{"住在三楼302", "住在[ADDRESS]"},
		{"住在3楼1205", "住在[ADDRESS]"},
		{"C/ Mayor 3, 1º izda., Madrid", "[ADDRESS], Madrid"},
		{"vivía en calle Toledo número 12, segundo derecha", "vivía en [ADDRESS]"},
		{"código postal 28018", "código postal [ADDRESS]"},
		{"C.P. 06700, Ciudad de México", "C.P. [ADDRESS], Ciudad de México"},
		{"c. p. 06700", "c. p. [ADDRESS]"},
		{"the C.P. 120 rule", "the C.P. 120 rule"},
		{"Vladivostok, Svetlanskaya 45-12", "Vladivostok, [ADDRESS]"},
		{"ul. Lenina 14-3", "ul. [ADDRESS]"},
		{"ở thôn Đông, xã Hưng Lộc, huyện Nghi Lộc", "ở [ADDRESS], [ADDRESS], huyện Nghi Lộc"},
		{"Xóm 3, xã Nghi Lộc", "[ADDRESS], [ADDRESS]"},
		{"biển 37A 12345", "biển [PLATE]"},
		{"biển số 30E-12345.", "biển số [PLATE]."},
		// Not addresses or plates.
		{"八月十八号我们走了", "八月十八号我们走了"},
		{"家里十八号没人", "家里十八号没人"},
		{"三楼有人", "三楼有人"},
		{"Xóm làng vắng tanh", "Xóm làng vắng tanh"},
		{"xã hội chủ nghĩa", "xã hội chủ nghĩa"},
		{"Ivanova 1941-1945", "Ivanova 1941-1945"},
		{"Zhukovskaya 12 km away", "Zhukovskaya 12 km away"},
		{"bờ biển dài 12 km", "bờ biển dài 12 km"},
		{"el segundo día", "el segundo día"},
	}
	for _, tt := range tests {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
