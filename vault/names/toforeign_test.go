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
		{"наталья", []string{"纳塔利亚", "娜塔莉娅", "纳塔利娅"}}, {"дмитрий", []string{"德米特里"}}, {"x", nil},
		{"ольга", []string{"奥尔加"}}, {"сергей", []string{"谢尔格伊", "谢尔盖"}}, {"владимир", []string{"弗拉季米尔", "弗拉基米尔"}},
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

// foreignPersons are registered in their own script, as review 13i's
// records have them.
func foreignPersons() []Person {
	return []Person{
		{ID: "V-lan", Name: "Trịnh Thị Lan", Aliases: []string{"Lan"}},
		{ID: "V-thu", Name: "Hoàng Thị Thu", Aliases: []string{"bé Thu"}},
		{ID: "V-huong", Name: "Phạm Thị Hương"},
		{ID: "V-hai", Name: "Đỗ Văn Hải"},
		{ID: "S-carla", Name: "Carla Martínez"},
		{ID: "S-lupe", Name: "Guadalupe Hernández"},
		{ID: "S-jl", Name: "José Luis Ramírez Ortega"},
		{ID: "S-rigo", Name: "Rigoberto Salinas", Aliases: []string{"el Rigo"}},
		{ID: "S-cruz", Name: "María de la Cruz"},
		{ID: "R-vadim", Name: "Вадим Олегович Гусев", Aliases: []string{"Вадик"}},
		{ID: "R-natalia", Name: "Наталья Сергеевна Кузнецова"},
		{ID: "K-jiyeon", Name: "박지연", Aliases: []string{"Park Ji-yeon", "지연"}},
		{ID: "C-xiulan", Name: "王秀兰", Aliases: []string{"小兰"}},
		{ID: "E-smith", Name: "John Smith"},
	}
}

// TestFindForeignForms: a name written in another script than the one it
// was registered in is found, full names anywhere, given names alone
// where the rules of each form allow; the words these forms are made of
// stay.
func TestFindForeignForms(t *testing.T) {
	m := newMatcher(t, foreignPersons())
	all := map[string]bool{}
	for _, p := range foreignPersons() {
		all[p.ID] = true
	}
	for _, c := range []struct {
		text    string
		evident bool
		want    []string
	}{
		// Vietnamese in Hangul, joined or spaced, with particles.
		{"찐티란이 증언했다.", false, []string{"찐티란=V-lan"}},
		{"찐 티 란 씨가 왔다", false, []string{"찐 티 란=V-lan"}},
		{"호앙티투가 증언했다.", false, []string{"호앙티투=V-thu"}},
		{"팜티흐엉은", false, []string{"팜티흐엉=V-huong"}},
		{"도반하이가 돈을", false, []string{"도반하이=V-hai"}},
		// Spanish in Hangul: the full name anywhere, the given name
		// where the record names the person.
		{"카를라 마르티네스가 말했다", false, []string{"카를라 마르티네스=S-carla"}},
		{"호세 루이스가 왔다", false, []string{"호세 루이스=S-jl"}},
		{"라미레스 오르테가", false, []string{"라미레스 오르테가=S-jl"}},
		{"과달루페가 울었다", true, []string{"과달루페=S-lupe"}},
		{"리고베르토가 돈을 받았다.", true, []string{"리고베르토=S-rigo"}},
		{"카를라가", true, []string{"카를라=S-carla"}},
		{"마리아 데 라 크루스가", false, []string{"마리아 데 라 크루스=S-cruz"}},
		{"과달루페가 울었다", false, nil},
		// Russian in Han characters, with either middle dot or none.
		{"瓦季姆·古谢夫 was on the contract", false, []string{"瓦季姆·古谢夫=R-vadim"}},
		{"瓦季姆・古谢夫", false, []string{"瓦季姆・古谢夫=R-vadim"}},
		{"合同上写着瓦季姆古谢夫。", false, []string{"瓦季姆古谢夫=R-vadim"}},
		{"娜塔莉娅·库兹涅佐娃", false, []string{"娜塔莉娅·库兹涅佐娃=R-natalia"}},
		{"纳塔利娅·库兹涅佐娃", false, []string{"纳塔利娅·库兹涅佐娃=R-natalia"}},
		{"바딤 구세프", false, []string{"바딤 구세프=R-vadim"}},
		// Korean in katakana.
		{"ジヨン was her name", false, []string{"ジヨン=K-jiyeon"}},
		{"パク・チヨン", false, []string{"パク・チヨン=K-jiyeon"}},
		{"パク・ジヨン", false, []string{"パク・ジヨン=K-jiyeon"}},
		// Cantonese: the Hong Kong spelling and Jyutping.
		{"Wong Sau-laan, the Hong Kong spelling", false, []string{"Wong Sau-laan=C-xiulan"}},
		{"Wong Sau-lan", false, []string{"Wong Sau-lan=C-xiulan"}},
		// Keeps: the words the forms are made of, and no Hangul for an
		// English name (존 스미스 is how Korean writes it, not made).
		{"성모 마리아", true, nil},
		{"란 티 투", false, nil},
		{"古谢夫", false, nil},
		{"ハナ", false, nil},
	} {
		var ev map[string]bool
		if c.evident {
			ev = all
		}
		if got := evidentMentions(t, m, c.text, ev); !slices.Equal(got, c.want) {
			t.Errorf("%q (evident %v): %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

func TestKanaBoundary(t *testing.T) {
	m := newMatcher(t, foreignPersons())
	for _, c := range []struct {
		text string
		want []string
	}{
		{"ジヨンさんはNGOに来た", []string{"ジヨン=K-jiyeon"}},
		{"パク・チヨンが", []string{"パク・チヨン=K-jiyeon"}},
		{"ジヨンの母", []string{"ジヨン=K-jiyeon"}},
		{"ひらがなジヨン", []string{"ジヨン=K-jiyeon"}},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
