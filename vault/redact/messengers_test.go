package redact

import "testing"

// TestMessengerHandles: a handle after or before a messenger's name in
// the languages of the testimonies, in free word order (review 13i I3:
// "Zalo của Thu là thu.hoang02"), and texts near them that name no
// account.
func TestMessengerHandles(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Zalo của Thu là thu.hoang02", "Zalo của Thu là [HANDLE]"},
		{"Thu có Zalo là thu.hoang02", "Thu có Zalo là [HANDLE]"},
		{"thu.hoang02 là Zalo của Thu", "[HANDLE] là Zalo của Thu"},
		{"thu.hoang02 trên Zalo", "[HANDLE] trên Zalo"},
		{"Facebook của chị ấy là lan.trinh99", "Facebook của chị ấy là [HANDLE]"},
		{"mi WhatsApp es karla_88", "mi WhatsApp es [HANDLE]"},
		{"el Telegram de Rigo es rigo.salinas", "el Telegram de Rigo es [HANDLE]"},
		{"rigo_77 en Telegram", "[HANDLE] en Telegram"},
		{"в телеграме она была nata_91", "в телеграме она была [HANDLE]"},
		{"её ник в ВКонтакте natasha.kuz91", "её ник в ВКонтакте [HANDLE]"},
		{"ВК: nata.kuz", "ВК: [HANDLE]"},
		{"вотсап у Вадима vadim_gusev", "вотсап у Вадима [HANDLE]"},
		{"nata_91 в Телеграме", "[HANDLE] в Телеграме"},
		{"她的微信是xiaolan_88", "她的微信是[HANDLE]"},
		{"抖音号 xiaolan88", "抖音号 [HANDLE]"},
		{"인스타는 jiyeon.park92", "인스타는 [HANDLE]"},
		{"지연이 인스타 jiyeon_92", "지연이 인스타 [HANDLE]"},
		{"카톡 아이디가 jiyeon92였어요", "카톡 아이디가 [HANDLE]였어요"},
		{"on Viber she was lan_99", "on Viber she was [HANDLE]"},
		{"my Messenger is lan.trinh", "my Messenger is [HANDLE]"},
		{"Skype — crane.71", "Skype — [HANDLE]"},
		{"TikTok @jiyeon92", "TikTok [HANDLE]"},
		// No account.
		{"my WeChat was blocked", "my WeChat was blocked"},
		{"Zalo của em bị khóa rồi", "Zalo của em bị khóa rồi"},
		{"mi WhatsApp es lento", "mi WhatsApp es lento"},
		{"the signal was weak at 3.5 km", "the signal was weak at 3.5 km"},
		{"Line 2 of the metro", "Line 2 of the metro"},
		{"в телеграме она была в 9.30", "в телеграме она была в 9.30"},
		{"version 2.1 on Telegram", "version 2.1 on Telegram"},
		{"微信是她的", "微信是她的"},
	}
	for _, tt := range tests {
		if got := redactIDs(tt.text); got != tt.want {
			t.Errorf("redact(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
