package redact

import "testing"

// TestInterpunctsAndLookalikes: any interpunct separates the groups of a
// phone number as the middle dot does, and letters that look like digits
// (O o for 0, l I for 1) stand for them, so that the whole number is
// hidden; dots between words and such letters in words stay.
func TestInterpunctsAndLookalikes(t *testing.T) {
	checkRecognised(t, []recognised{
		{"call 010\u318D4127\u318D8856", "call [PHONE]"}, // Hangul letter arae-a
		{"call 010\u119E6218\u119E3307", "call [PHONE]"}, // its jungseong
		{"call 010\u00B74127\u00B78856", "call [PHONE]"},
		{"call 010\u20274127\u20278856", "call [PHONE]"},
		{"call 010\u30FB4127\u30FB8856", "call [PHONE]"},
		{"call 010\uFF654127\uFF658856", "call [PHONE]"},
		{"call 010\u22194127\u22198856", "call [PHONE]"},
		{"call 010\u22C54127\u22C58856", "call [PHONE]"},
		{"call 010\u20224127\u20228856", "call [PHONE]"},
		{"call 010\u2E314127\u2E318856", "call [PHONE]"},
		{"call 010 \u318D 4127 \u318D 8856", "call [PHONE]"},
		{"call 010-4l27-8856 now", "call [PHONE] now"},
		{"call 010-4I27-8856", "call [PHONE]"},
		{"call OlO 4127 8856", "call [PHONE]"},
		{"call 010\u318D4l27\u318D8856", "call [PHONE]"},
		{"call 010.4l27.8856.", "call [PHONE]."},
		// Not phone numbers.
		{"사과ㆍ배ㆍ감", "사과ㆍ배ㆍ감"},
		{"Kim Il Sung 1912", "Kim Il Sung 1912"},
		{"room 1O1 of block OO", "room 1O1 of block OO"},
		{"lol 010 ll 4127", "lol 010 ll 4127"},
		{"the O-ring failed in 1986, all 11 lost", "the O-ring failed in 1986, all 11 lost"},
		{"Olli said 010 was the code", "Olli said 010 was the code"},
		{"ㆍ 1988년 ㆍ 2001년", "ㆍ 1988년 ㆍ 2001년"},
	})
}

// TestPlaceValueGroups: a phone number's groups read in thousands and
// hundreds, as Koreans and Chinese say them, are the number; counts and
// place names read so stay.
func TestPlaceValueGroups(t *testing.T) {
	checkRecognised(t, []recognised{
		{"영일공 사천백이십칠 팔천팔백오십육", "[PHONE]"},
		{"공일공 육천이백십팔 삼천삼백칠", "[PHONE]"},
		{"번호는 공일공 사천백이십칠 팔천팔백오십육이에요", "번호는 [PHONE]이에요"},
		{"공일공, 사천백이십칠, 팔천팔백오십육", "[PHONE]"},
		{"공일공 사천일백이십칠 팔천팔백오십육", "[PHONE]"},
		{"零一零 四千一百二十七 八千八百五十六", "[PHONE]"},
		{"零一零 三千三百零七 六千二百一十八", "[PHONE]"},
		{"010 사천백이십칠 팔천팔백오십육", "[PHONE]"},
		// Not phone numbers.
		{"이천 삼백 명이 왔다", "이천 삼백 명이 왔다"},
		{"사천에서 이천까지 삼백 리", "사천에서 이천까지 삼백 리"},
		{"이천이십사년 삼월 십사일", "이천이십사년 삼월 십사일"},
		{"四千一百二十七人", "四千一百二十七人"},
		{"백두산 천지", "백두산 천지"},
		{"공일공 백 명", "공일공 백 명"},
		{"공일공 사천 사천오백원", "공일공 사천 사천오백원"},
		{"零一零 四千 四千五百元", "零一零 四千 四千五百元"},
	})
}

// recognised is a text and what it is once Recognise's spans are
// replaced.
type recognised struct{ text, want string }

func checkRecognised(t *testing.T, cases []recognised) {
	t.Helper()
	for _, tc := range cases {
		if got := Apply(tc.text, Recognise(tc.text)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestNameHandlesAndProviders: after a messenger name, a token of a name
// in any script with digits is a handle; a provider named alone after
// 골뱅이, in either script, makes an e-mail address, with a local part in
// Hangul too; the dish and the everyday words stay.
func TestNameHandlesAndProviders(t *testing.T) {
	checkRecognised(t, []recognised{
		{"카톡은 하늘79예요", "카톡은 [HANDLE]예요"},
		{"카카오톡 ID는 바다사랑93", "카카오톡 ID는 [HANDLE]"},
		{"라인 아이디는 나래79kim이에요", "라인 아이디는 [HANDLE]이에요"},
		{"微信: 美玲88", "微信: [HANDLE]"},
		{"Telegram: Надя85", "Telegram: [HANDLE]"},
		{"카톡은 제 하늘79", "카톡은 제 [HANDLE]"},
		{"bada93 골뱅이 네이버", "[EMAIL]"},
		{"bada93 골뱅이 네이버예요", "[EMAIL]예요"},
		{"나래송 골뱅이 지메일 닷컴", "[EMAIL]"},
		{"나래송 골뱅이 지메일", "[EMAIL]"},
		{"heron 골뱅이 naver", "[EMAIL]"},
		{"heron 골뱅이 다음 닷컴", "[EMAIL]"},
		{"메일은 바다 골뱅이 다음 닷컴이에요", "메일은 [EMAIL]이에요"},
		// Not handles or addresses.
		{"카톡은 하루에 10번 했어요", "카톡은 하루에 10번 했어요"},
		{"카톡은 3번 보냈어요", "카톡은 3번 보냈어요"},
		{"카톡으로 연락했어요", "카톡으로 연락했어요"},
		{"우리 골뱅이 다음에 먹자", "우리 골뱅이 다음에 먹자"},
		{"골뱅이 무침을 먹었다", "골뱅이 무침을 먹었다"},
		{"라인 2호선을 탔다", "라인 2호선을 탔다"},
	})
}

// TestForeignPlatesIDsAddresses: a Vietnamese plate with its dot, a
// Russian passport's series and number, Russian streets with a house and
// flat but no д., a romanised street with st. and a flat, Vietnamese
// addresses by district or by lanes alone; the words alone stay.
func TestForeignPlatesIDsAddresses(t *testing.T) {
	checkRecognised(t, []recognised{
		{"xe biển số 51F-123.45 đỗ ở đó", "xe biển số [PLATE] đỗ ở đó"},
		{"plate 30E 123.45", "plate [PLATE]"},
		{"паспорт серия 0809 номер 456789", "паспорт серия [PASSPORT]"},
		{"Паспорт: серия 45 08, № 123456", "Паспорт: серия [PASSPORT]"},
		{"Хабаровск, ул. Карла Маркса 88-41", "Хабаровск, [ADDRESS]"},
		{"ул. Ленина 14, кв. 3", "[ADDRESS]"},
		{"Khabarovsk, Karl Marx st. 88, apt 41", "Khabarovsk, [ADDRESS]"},
		{"123 Lê Lợi, Quận 1, TP.HCM", "[ADDRESS], TP.HCM"},
		{"45 Nguyễn Trãi, Phường 2, Quận 5", "[ADDRESS]"},
		{"số nhà 45, ngách 12, ngõ 8", "[ADDRESS]"},
		// Not plates, IDs or addresses.
		{"version 12A-123.4 of the app", "version 12A-123.4 of the app"},
		{"серия фильмов 2019 года", "серия фильмов 2019 года"},
		{"ул. Ленина была пустой", "ул. Ленина была пустой"},
		{"Karl Marx st. was closed", "Karl Marx st. was closed"},
		{"Quận 1 was busy in 2019", "Quận 1 was busy in 2019"},
		{"trong ngõ nhỏ có 3 nhà", "trong ngõ nhỏ có 3 nhà"},
	})
}
