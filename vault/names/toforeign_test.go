package names

import (
	"slices"
	"testing"
)

// TestHangulOfVietnamese checks the Hangul of Vietnamese syllables against
// the examples of 국립국어원's 베트남어 표기 세칙 and its usage (Hồ Chí
// Minh 호찌민, Nguyễn 응우옌, Quảng Ninh 꽝닌, Thanh 타인, Hải Phòng 하이퐁).
func TestHangulOfVietnamese(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"trịnh", "찐"}, {"thị", "티"}, {"lan", "란"}, {"hoàng", "호앙"}, {"thu", "투"}, {"phạm", "팜"},
		{"hương", "흐엉"}, {"đỗ", "도"}, {"văn", "반"}, {"hải", "하이"}, {"hồ", "호"}, {"chí", "찌"}, {"minh", "민"},
		{"nguyễn", "응우옌"}, {"quảng", "꽝"}, {"ninh", "닌"}, {"thanh", "타인"}, {"phòng", "퐁"}, {"giang", "장"},
		{"trần", "쩐"}, {"ngô", "응오"}, {"quốc", "꾸옥"}, {"việt", "비엣"}, {"nha", "냐"}, {"trang", "짱"},
		{"huế", "후에"}, {"dũng", "중"}, {"xuân", "쑤언"}, {"tuấn", "뚜언"}, {"hà", "하"}, {"nội", "노이"},
		{"lý", "리"}, {"nam", "남"}, {"quang", "꽝"}, {"hùng", "훙"}, {"yến", "옌"}, {"mùa", "무어"},
		{"x1", ""}, {"", ""},
	} {
		if got := hangulOfVietnamese(c.in); got != c.want {
			t.Errorf("hangulOfVietnamese(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHangulOfSpanish checks the Hangul of Spanish names against the
// examples of 국립국어원's 에스파냐어 표기 세칙 and the usual spellings
// (Carlos 카를로스, Guadalupe 과달루페, España 에스파냐, Pablo 파블로,
// Octavio 옥타비오, Sevilla 세비야, Guillermo 기예르모).
func TestHangulOfSpanish(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"carla", "카를라"}, {"martínez", "마르티네스"}, {"guadalupe", "과달루페"}, {"josé", "호세"}, {"luis", "루이스"},
		{"rigoberto", "리고베르토"}, {"salinas", "살리나스"}, {"carlos", "카를로스"}, {"españa", "에스파냐"}, {"pablo", "파블로"},
		{"octavio", "옥타비오"}, {"sevilla", "세비야"}, {"guillermo", "기예르모"}, {"hernández", "에르난데스"}, {"lópez", "로페스"},
		{"cruz", "크루스"}, {"maría", "마리아"}, {"fernanda", "페르난다"}, {"garcía", "가르시아"}, {"juan", "후안"},
		{"ramírez", "라미레스"}, {"gonzález", "곤살레스"}, {"jesús", "헤수스"}, {"isabel", "이사벨"}, {"pedro", "페드로"},
		{"madrid", "마드리드"}, {"miguel", "미겔"}, {"x2", ""},
	} {
		if got := hangulOfSpanish(c.in); got != c.want {
			t.Errorf("hangulOfSpanish(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHanOfRussian checks the Han characters of Russian names against the
// Xinhua table's usage (新华社 俄汉译音表: Вадим 瓦季姆, Гусев 古谢夫,
// Иван 伊万, Кузнецова 库兹涅佐娃).
func TestHanOfRussian(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"вадим", []string{"瓦季姆"}}, {"гусев", []string{"古谢夫"}}, {"иван", []string{"伊万"}},
		{"кузнецова", []string{"库兹涅佐瓦", "库兹涅佐娃"}}, {"кузнецов", []string{"库兹涅佐夫"}},
		{"наталья", []string{"纳塔利亚", "纳塔利娅"}}, {"дмитрий", []string{"德米特里"}}, {"x", nil},
	} {
		if got := hanOfRussian(c.in); !slices.Equal(got, c.want) {
			t.Errorf("hanOfRussian(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestKatakanaOf checks the katakana of Korean names against the Japanese
// press's usage (박지연 パク・チヨン, 김대중 キム・デジュン, 이명박 イ・ミョンバク,
// 문재인 ムン・ジェイン, 지연 ジヨン).
func TestKatakanaOf(t *testing.T) {
	for _, c := range []struct {
		in     string
		voiced bool
		want   string
	}{
		{"박", false, "パク"}, {"지연", false, "チヨン"}, {"지연", true, "ジヨン"}, {"김", false, "キム"}, {"대중", false, "テジュン"},
		{"이", false, "イ"}, {"명박", false, "ミョンバク"}, {"문", false, "ムン"}, {"재인", true, "ジェイン"}, {"민서", false, "ミンソ"},
		{"x", false, ""},
	} {
		if got := katakanaOf(c.in, c.voiced); got != c.want {
			t.Errorf("katakanaOf(%q, %v) = %q, want %q", c.in, c.voiced, got, c.want)
		}
	}
}
