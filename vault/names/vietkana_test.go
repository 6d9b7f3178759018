package names

import "testing"

func TestVietKana(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Lê", "レ"}, {"Thị", "ティ"}, {"Thu", "トゥ"}, {"Trang", "チャン"}, {"Nguyễn", "グエン"},
		{"Trần", "チャン"}, {"Hoàng", "ホアン"}, {"Hương", "フオン"}, {"Minh", "ミン"}, {"Anh", "アイン"},
		{"Đức", "ドゥック"}, {"Dũng", "ズン"}, {"Vũ", "ヴ"}, {"Thắng", "タン"}, {"Phạm", "ファム"},
		{"Huỳnh", "フイン"}, {"Dương", "ズオン"}, {"Tuấn", "トゥアン"}, {"Quang", "クアン"}, {"Việt", "ヴィエット"},
		{"Yến", "イエン"}, {"Giang", "ザン"}, {"Ngọc", "ゴック"}, {"Khánh", "カイン"}, {"Bùi", "ブイ"},
	} {
		if got, _ := vietKana(c.in); got != c.want {
			t.Errorf("vietKana(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range []string{"Smith", "Jones", "Xyz", "Ко"} {
		if got, _ := vietKana(s); got != "" && s != "Xyz" {
			t.Errorf("vietKana(%q) = %q, want none", s, got)
		}
	}
}

// TestVietKanaNames checks review 13l's q13 (Lê Thị Thu Trang, Vũ Đức
// Thắng) in katakana, and what must stay: a syllable alone, another
// Vietnamese name, ordinary katakana.
func TestVietKanaNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "trang", Name: "Lê Thị Thu Trang", Aliases: []string{"Trang"}},
		{ID: "thang", Name: "Vũ Đức Thắng", Aliases: []string{"anh Thắng"}},
	})
	checkFound(t, m, []struct{ text, want, id string }{
		{"レ・ティ・トゥ・チャン was her name in Japan", "レ・ティ・トゥ・チャン", "trang"},
		{"ヴー・ドゥック・タンさん", "ヴー・ドゥック・タン", "thang"},
		{"ヴ・ドゥック・タン", "ヴ・ドゥック・タン", "thang"},
	})
	checkKept(t, m, []struct{ text, keep string }{
		{"チャン・タン・ロンが来た", "チャン"},
		{"グエン・ティ・ランさん", "グエン・ティ・ラン"},
		{"トゥ・チャンはいない", "トゥ・チャン"},
		{"レストランで", "レストラン"},
	})
}
