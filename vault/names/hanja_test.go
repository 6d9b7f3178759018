package names

import (
	"slices"
	"testing"
	"unicode"
)

func TestHanjaForms(t *testing.T) {
	for _, tt := range []struct {
		family, given string
		want          [][2]string
	}{
		{"王", "建国", [][2]string{{"왕", "건국"}}},
		{"崔", "秀英", [][2]string{{"최", "수영"}}},
		{"柳", "春花", [][2]string{{"류", "춘화"}, {"유", "춘화"}}},                      // the initial-sound rule
		{"赵", "德胜", [][2]string{{"조", "덕승"}}},                                   // 胜 as 勝, not 성
		{"马", "丽", [][2]string{{"마", "려"}, {"마", "여"}}},                         // simplified: 馬, 麗
		{"趙", "德勝", [][2]string{{"조", "덕승"}}},                                   // traditional
		{"李", "樂", [][2]string{{"리", "낙"}, {"리", "락"}, {"이", "낙"}, {"리", "악"}}}, // at most maxHanjaForms
		{"王", "建x", nil},
		{"김", "철", nil},
	} {
		if got := hanjaForms(tt.family, tt.given); !slices.Equal(got, tt.want) {
			t.Errorf("hanjaForms(%q, %q) = %q, want %q", tt.family, tt.given, got, tt.want)
		}
	}
}

// TestFindHanjaReadings checks the Sino-Korean readings of names
// registered in Han characters (review 13f, class 9): the full reading
// anywhere, a reading of two syllables only as an everyday Hangul name.
func TestFindHanjaReadings(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-wang", Name: "王建国"},
		{ID: "C-cui", Name: "Cui Xiuying", Aliases: []string{"崔秀英"}},
		{ID: "C-liu", Name: "柳春花"},
		{ID: "C-zhao", Name: "赵德胜"},
		{ID: "C-ma", Name: "马丽"},
	})
	all := map[string]bool{"C-wang": true, "C-cui": true, "C-liu": true, "C-zhao": true, "C-ma": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"왕건국 사장이 문을 잠갔다.", nil, []string{"왕건국=C-wang"}},
		{"최수영이 돈을 받았다", nil, []string{"최수영=C-cui"}},
		{"류춘화 아줌마", nil, []string{"류춘화=C-liu"}},
		{"유춘화 아줌마가 왔다", nil, []string{"유춘화=C-liu"}},
		{"조덕승 공안이 잡았다", nil, []string{"조덕승=C-zhao"}},
		{"조덕승이었어요", nil, []string{"조덕승=C-zhao"}},
		{"마려 아줌마가 밥을 줬다.", nil, []string{"마려=C-ma"}},
		{"마려 누나 ([P]) came.", nil, []string{"마려=C-ma"}},
		{"건국 씨가 왔다", nil, []string{"건국=C-wang"}},
		{"춘화 아줌마", nil, []string{"춘화=C-liu"}},
		{"덕승이가 왔다", all, []string{"덕승=C-zhao"}},
		{"수영이가 말했다", all, []string{"수영=C-cui"}},
		// A reading of two syllables is a word too.
		{"건국 이래 처음", all, nil},
		{"마려워요", all, nil},
		{"수영을 배웠어요.", all, nil},
		{"마려 왔다", nil, nil},
		{"Han River, 김치, Volga", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindHanjaRomanised checks the Korean reading of a name registered
// in Han characters romanised as a Hangul name is (review 13g, G5): each
// system the matcher spells a Hangul given name in, with the family name's
// romanisations and the initial-sound rule, in either order; not a given
// name of one syllable alone, nor other people of the family name.
func TestFindHanjaRomanised(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-kim", Name: "金顺姬"},
		{ID: "C-huang", Name: "黄志强"},
		{ID: "C-ri", Name: "李明浩"},
		{ID: "C-liu", Name: "柳春花"},
		{ID: "C-ma", Name: "马丽"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Kim Sun-hee said it was safe.", []string{"Kim Sun-hee=C-kim"}},
		{"Kim Soon-hee, Gim Sun-hui and Kim Sunhee", []string{"Kim Soon-hee=C-kim", "Gim Sun-hui=C-kim", "Kim Sunhee=C-kim"}},
		{"Sunhee came; Kim Sunhui left; Sun-hee Kim stayed.", []string{"Sunhee=C-kim", "Kim Sunhui=C-kim", "Sun-hee Kim=C-kim"}},
		{"Sun-hŭi, KIM SUN HEE", []string{"Sun-hŭi=C-kim", "KIM SUN HEE=C-kim"}},
		{"Hwang Ji-gang, the Korean reading", []string{"Hwang Ji-gang=C-huang"}},
		{"Hwang Jikang and Jigang", []string{"Hwang Jikang=C-huang", "Jigang=C-huang"}},
		{"Ri Myong-ho, Lee Myung-ho, Rhee Myungho, Yi Myŏng-ho", []string{"Ri Myong-ho=C-ri", "Lee Myung-ho=C-ri", "Rhee Myungho=C-ri", "Yi Myŏng-ho=C-ri"}},
		{"Ryu Chun-hwa and Yoo Choonhwa", []string{"Ryu Chun-hwa=C-liu", "Yoo Choonhwa=C-liu"}},
		// Others of the family names, a given name of one syllable, lower
		// case.
		{"Kim Jong Un, the Kim dynasty, Lee Kuan Yew, Hwang Jang-yop", nil},
		{"Ma Ryeo, Yeo and Ryeo", nil},
		{"the sunhee tea", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestChineseSpellings(t *testing.T) {
	for _, tt := range []struct{ pinyin, wg string }{
		{"zhao", "chao"}, {"de", "te"}, {"sheng", "sheng"}, {"jian", "chien"}, {"guo", "kuo"},
		{"xiu", "hsiu"}, {"ying", "ying"}, {"yi", "i"}, {"cui", "tsui"}, {"gui", "kuei"},
		{"zi", "tzu"}, {"shi", "shih"}, {"ri", "jih"}, {"rong", "jung"}, {"xue", "hsueh"},
		{"qiang", "chiang"}, {"luo", "lo"}, {"ge", "ko"}, {"yan", "yen"}, {"you", "yu"},
	} {
		if got := wadeGiles(tt.pinyin); got != tt.wg {
			t.Errorf("wadeGiles(%q) = %q, want %q", tt.pinyin, got, tt.wg)
		}
	}
	for _, tt := range []struct{ jyutping, hk string }{
		{"lau", "lau"}, {"ceon", "chun"}, {"faa", "fa"}, {"zoeng", "cheung"}, {"joeng", "yeung"},
		{"gwok", "kwok"}, {"dak", "tak"}, {"ceoi", "chui"}, {"zyu", "chu"}, {"jyun", "yuen"},
		{"syun", "suen"}, {"gou", "ko"}, {"ng", "ng"},
	} {
		if got := hongKong(tt.jyutping); got != tt.hk {
			t.Errorf("hongKong(%q) = %q, want %q", tt.jyutping, got, tt.hk)
		}
	}
}

// TestFindChineseSpellings checks names registered in Han characters
// written in pinyin, Wade–Giles and Cantonese (review 13f, class 9).
func TestFindChineseSpellings(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-wang", Name: "王建国"},
		{ID: "C-liu", Name: "刘春花"},
		{ID: "C-zhao", Name: "赵德胜"},
		{ID: "C-ma", Name: "马丽"},
		{ID: "C-ming", Name: "李明"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Li Ming and Lee Ming came; the Ming dynasty fell. Man, it was cold.", []string{"Li Ming=C-ming", "Lee Ming=C-ming"}},
		{"Lau Chun-fa cooked for us.", []string{"Lau Chun-fa=C-liu"}},
		{"Liu Chunhua, Ch'un-hua", []string{"Liu Chunhua=C-liu", "Ch'un-hua=C-liu"}},
		{"Chao Te-sheng beat him; Zhao Desheng, Tak-sing Chiu", []string{"Chao Te-sheng=C-zhao", "Zhao Desheng=C-zhao", "Tak-sing Chiu=C-zhao"}},
		{"Wang Jianguo, Jian-guo, Wong Kin-kwok, Chien-kuo", []string{"Wang Jianguo=C-wang", "Jian-guo=C-wang", "Wong Kin-kwok=C-wang", "Chien-kuo=C-wang"}},
		{"Ma Li came.", []string{"Ma Li=C-ma"}},
		// Lower case, and other names, stay.
		{"the chunhua tea, ma li", nil},
		{"Han River, Kim Jong Un, Ho Chi Minh", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindPurposesR12x checks the audit purposes and reasons review 13f
// found in clear that name a person by a reading in another script: the
// screen is FindEvident with everyone.
func TestFindPurposesR12x(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-eb", Name: "한은별", Aliases: []string{"Han Eun-byeol", "은별"}, Values: []string{"함경북도 회령시 오산덕동 7인민반"}},
		{ID: "K-sc", Name: "김성철", Aliases: []string{"Kim Song-chol"}},
		{ID: "R-volkov", Name: "Андрей Николаевич Волков", Aliases: []string{"Andrei Volkov"}},
		{ID: "R-kuz", Name: "Сергей Иванович Кузнецов"},
		{ID: "C-wang", Name: "王建国"},
		{ID: "C-liu", Name: "刘春花"},
		{ID: "C-zhao", Name: "赵德胜"},
		{ID: "K-mr", Name: "송미래"},
	})
	for _, text := range []string{
		"왕건국 factory", "왕건국 complaint", "볼코프 study", "안드레이 니콜라예비치 case", "Sungchul interview",
		"Sungchul complaint", "O-san-dŏk-tong returnees", "류춘화 broker", "Kusnezow file", "쿠즈네초프 사장 case",
		"Chao Te-sheng review", "Lau Chun-fa shelter", "Mee-rae asked",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
}

// TestHanVariantFold checks a Han name in the other standard script:
// traditional, mixed and Japanese forms of a name registered simplified,
// and the simplified form of one registered traditional (review 13g
// G4), also of a character with several simplified forms in Unihan
// (蘭: 兰 and 𬞕; review 13i I2); the Yellow River stays.
func TestHanVariantFold(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-jin", Name: "金顺姬"},
		{ID: "H-huang", Name: "黄志强"},
		{ID: "T-chen", Name: "陳國華"},
		{ID: "W-wang", Name: "王秀兰"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"金順姬 (traditional) on the receipt.", []string{"金順姬=K-jin"}},
		{"金順姫 on the Japanese form.", []string{"金順姫=K-jin"}},
		{"黃志強 (traditional) on the card.", []string{"黃志強=H-huang"}},
		{"黄志強 (mixed forms) on the card.", []string{"黄志強=H-huang"}},
		{"他說黃志強來了", []string{"黃志強=H-huang"}},
		{"陈国华 signed.", []string{"陈国华=T-chen"}},
		{"王秀蘭是她护照上的繁体写法。", []string{"王秀蘭=W-wang"}},
		{"王秀蘭 asked", []string{"王秀蘭=W-wang"}},
		{"黃河 flows east.", nil},
	} {
		if got := evidentMentions(t, m, tt.text, nil); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindHanViet checks the Sino-Vietnamese readings of names registered
// in Han characters and the Han forms of Vietnamese names registered in
// Latin letters (review 13g, G5): marks or not, either order, the given
// name alone, its last syllable after a kinship word; the Han given name
// and a character before a kinship word where the record names the
// person.
func TestFindHanViet(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-huang", Name: "黄志强"},
		{ID: "C-wang", Name: "王建国"},
		{ID: "C-li", Name: "李明"},
		{ID: "V-ha", Name: "Lê Thị Thu Hà", Aliases: []string{"Thu Hà"}},
		{ID: "V-hai", Name: "Đỗ Văn Hải"},
		{ID: "V-minh", Name: "Nguyễn Văn Minh"},
		{ID: "V-thuan", Name: "Trần Văn Thuận"},
		{ID: "V-quan", Name: "Phạm Quân"},
		{ID: "V-huong", Name: "Phạm Thị Hương"},
		{ID: "V-khanh", Name: "Vũ Đình Khánh"},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Hoàng Chí Cường là tên hắn đọc theo tiếng Việt.", nil, []string{"Hoàng Chí Cường=C-huang"}},
		{"HOANG CHI CUONG, Hoang Chi Cuong", nil, []string{"HOANG CHI CUONG=C-huang", "Hoang Chi Cuong=C-huang"}},
		{"Chí Cường đánh tôi, rồi Cường Hoàng bỏ đi.", nil, []string{"Chí Cường=C-huang", "Cường Hoàng=C-huang"}},
		{"ông Cường người Tàu đánh tôi.", all, []string{"ông Cường=C-huang?"}},
		{"黃志強 is Hoàng Chí Cường", nil, []string{"黃志強=C-huang", "Hoàng Chí Cường=C-huang"}},
		{"Huỳnh Chí Cường in the South", nil, []string{"Huỳnh Chí Cường=C-huang"}}, // each reading of 黄
		{"Vương Kiến Quốc và Kiến Quốc", nil, []string{"Vương Kiến Quốc=C-wang", "Kiến Quốc=C-wang"}},
		{"Lý Minh, LY MINH", nil, []string{"Lý Minh=C-li", "LY MINH=C-li"}},
		{"Minh said, Minh Nguyễn", all, []string{"Minh=V-minh", "Minh Nguyễn=V-minh"}},
		{"秋霞 (Thu Hà in Chinese) was on the fake ID.", all, []string{"秋霞=V-ha", "Thu Hà=V-ha"}},
		{"海哥 was his name on WeChat; 霞姐 cooked.", all, []string{"海哥=V-hai", "霞姐=V-ha"}},
		{"他们叫她秋霞。", all, []string{"秋霞=V-ha"}},
		// A syllable outside the table, by Unihan's characters.
		{"阿顺 and 顺哥 came; 阿君 stayed.", all, []string{"阿顺=V-thuan", "顺哥=V-thuan", "阿君=V-quan"}},
		{"一路顺风, 军队, 君子", all, nil},
		// The full name in Han characters, Thị and Văn as 氏 and 文
		// (review 13h H10).
		{"范氏香 was on her Chinese paper; 阿香 too.", all, []string{"范氏香=V-huong", "阿香=V-huong"}},
		{"武廷庆 is how the Chinese wrote him.", all, []string{"武廷庆=V-khanh"}},
		{"武廷慶 x", all, []string{"武廷慶=V-khanh"}},
		{"护照上写着武廷庆。", all, []string{"武廷庆=V-khanh"}},
		{"杜文海和黎氏秋霞来了", all, []string{"杜文海=V-hai", "黎氏秋霞=V-ha"}},
		{"范氏香 was on her Chinese paper.", nil, nil},
		{"范氏家族, 武庙, 文化", all, nil},
		// Not where the record does not name them; the words.
		{"海哥 was his name on WeChat.", nil, nil},
		{"Hà Nội, Hồ Chí Minh, quốc gia, kiến thức, cường quốc", all, nil},
		{"秋天的霞光, 大海, 哥哥", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident != nil, got, tt.want)
		}
	}
}

// TestFindPurposesR14k checks that the audit purposes and reasons review
// 13g found in clear for the r14k classes name a registered person, as
// the audit screen (view.Screener) finds them with everyone as evidence.
func TestFindPurposesR14k(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-kim", Name: "金顺姬"},
		{ID: "C-huang", Name: "黄志强"},
		{ID: "V-ha", Name: "Lê Thị Thu Hà", Aliases: []string{"Thu Hà"}},
		{ID: "V-hai", Name: "Đỗ Văn Hải"},
		{ID: "R-dm", Name: "Дмитрий Сергеевич Орлов"},
		{ID: "R-ig", Name: "Игорь Валентинович Зайцев"},
	})
	for _, text := range []string{
		"Kim Sun-hee broker network", "Kim Soon-hee network", "Kim Sun-hee complaint", "Hwang Ji-gang threat",
		"Hoàng Chí Cường trafficking", "Hoàng Chí Cường threat", "Hoàng Chí Cường (nf)", "秋霞 fake ID", "秋霞 withdrew",
		"海哥 WeChat", "Димон labour case", "Гарик trafficking", "Saizew club", "Mr Orloff wages", "Игорёк threat",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
}

// TestIsHan checks isHan's shortcuts against the table, at every rune.
func TestIsHan(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Errorf("isHan(%U) = %v", r, isHan(r))
		}
	}
}
