package names

import (
	"slices"
	"strings"
	"testing"
)

// wordPersons are persons whose name parts are everyday words: of the
// Vietnamese (Anh, Toàn, Thu, Sen, Mai, Hương), Spanish (Paz, el Flaco)
// and English (Kelly) a record may be written in.
var wordPersons = []Person{
	{ID: "V-maianh", Name: "Nguyễn Thị Mai Anh", Aliases: []string{"Mai Anh"}},
	{ID: "V-toan", Name: "Trần Văn Toàn", Aliases: []string{"Anh Toan"}},
	{ID: "V-kelly", Name: "Phạm Thị Kim Liên", Aliases: []string{"Kelly Pham"}},
	{ID: "V-thuha", Name: "Lê Thị Thu Hà", Aliases: []string{"Thu Hà"}},
	{ID: "V-thu", Name: "Phạm Thị Thu"},
	{ID: "V-sen", Name: "Lò Thị Sen"},
	{ID: "V-huong", Name: "Phạm Thị Hương"},
	{ID: "V-lan", Name: "Đỗ Thị Lan"},
	{ID: "S-paz", Name: "Dolores Paz"},
	{ID: "S-karla", Name: "Karla Yesenia Martínez Paz", Aliases: []string{"Yesi"}},
	{ID: "S-flaco", Name: "Wilmer Orellana", Aliases: []string{"el Flaco"}},
	{ID: "R-ruslan", Name: "Руслан Ахмедович Бекташев"},
}

// TestFindOtherRecordWords: a name part that is an everyday word is the
// person only where the record names them, and never inside a word pair
// (an toàn, tiếng Anh, La Paz), so that a record naming nobody called Anh
// or Toàn does not get another record's pseudonyms on its pronouns (review
// 13h P1).
func TestFindOtherRecordWords(t *testing.T) {
	m := newMatcher(t, wordPersons)
	none := map[string]bool{"V-sen": true} // a record naming only Sen
	for _, text := range []string{
		"anh ấy nói chúng tôi sẽ được làm việc",
		"Tôi học tiếng Anh ba năm.",
		"người Anh mua hàng ở chợ",
		"Anh ơi, cứu em với!",
		"em và anh trai đi cùng nhau",
		"nói với anh Sáu",
		"đi với anh",
		"hoàn toàn không có lương",
		"Toàn bộ giấy tờ bị lấy",
		"toàn bộ giấy tờ bị lấy",
		"về nhà an toàn",
		"an toàn means safe",
		"the toan (maths) exam",
		"La Paz, Bolivia, salió en la tele.",
		"Paz said nothing",
		"Kelly green paint",
		"Thu 14 May we left.",
		"Mai Tai is a cocktail",
		"chị Mai bán bánh mì",
		"Sông Hương ở Huế",
	} {
		if got := evidentMentions(t, m, text, none); got != nil {
			t.Errorf("FindEvident(%q) in a record of Sen = %q, want none", text, got)
		}
	}
}

// TestFindOwnWords: where the record names the person, the same words
// are still words in their word pairs and places, and the person in a
// name's place.
func TestFindOwnWords(t *testing.T) {
	m := newMatcher(t, wordPersons)
	all := map[string]bool{}
	for _, p := range wordPersons {
		all[p.ID] = true
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		// Words, where the record names Anh, Toàn, Paz, Kelly, Thu,
		// Hương, el Flaco and Руслан.
		{"anh ấy nói, tiếng Anh, người Anh, Anh ơi, anh trai", nil},
		{"hoàn toàn, an toàn, toàn bộ", nil},
		{"Toàn bộ giấy tờ bị lấy", nil},
		{"La Paz, Bolivia", nil},
		{"la paz que buscábamos", nil},
		{"Kelly green paint", nil},
		{"Thu 14 May we left.", nil},
		{"We left on Thu 14 May", nil},
		{"Sông Hương ở Huế", nil},
		{"quê hương tôi", nil},
		{"hoa sen, hoa mai, ngày mai", nil},
		{"Estaba flaco, muy flaco.", nil},
		{"«Руслан и Людмила»", nil},
		{"Grace Kelly was on a poster", nil},
		// The persons.
		{"Toan's men drove us", []string{"Toan=V-toan"}},
		{"Anh Toan ran the farm", []string{"Anh Toan=V-toan"}},
		{"Mai Anh's passport", []string{"Mai Anh=V-maianh"}},
		{"we called her Mai, or little Mai", []string{"Mai=V-maianh", "Mai=V-maianh"}},
		{"Kelly Pham owned the salon", []string{"Kelly Pham=V-kelly"}},
		{"Thu Hà ơi, về đi", []string{"Thu Hà=V-thuha"}},
		{"Hương kể lại", []string{"Hương=V-huong"}},
		{"los Martínez Paz son de la Kennedy", []string{"Martínez Paz=S-karla"}},
		{"El Flaco llegó; el Flaco nos dijo", []string{"El Flaco=S-flaco", "el Flaco=S-flaco"}},
		{"Flaco dijo que no", []string{"Flaco=S-flaco"}},
	} {
		if got := evidentMentions(t, m, tt.text, all); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindVietnameseWordNames: a Vietnamese given name of one syllable
// that is a word (Sen, Mai, Lan, Hoa) is the person in a clause or after
// a kinship word where the record names her (Sen kể, bé Sen, chị Mai, em
// Lan), and the word elsewhere (hoa sen, ngày mai, Sen trắng nở).
func TestFindVietnameseWordNames(t *testing.T) {
	m := newMatcher(t, wordPersons)
	ev := map[string]bool{"V-sen": true, "V-maianh": true, "V-lan": true}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Sen kể rằng họ bị nhốt.", []string{"Sen=V-sen"}},
		{"bé Sen khóc.", []string{"Sen=V-sen"}},
		{"con Sen chạy ra", []string{"Sen=V-sen"}},
		{"Lò Thị Sen, người Thái", []string{"Lò Thị Sen=V-sen"}},
		{"chị Mai bán bánh mì", []string{"Mai=V-maianh"}},
		{"Chị Mai bán bánh mì", []string{"Mai=V-maianh"}},
		{"em Lan đi chợ", []string{"em Lan=V-lan?"}},
		{"Lan và tôi", []string{"Lan=V-lan"}},
		{"hoa sen nở", nil},
		{"Sen trắng nở đầy hồ", nil},
		{"hoa mai nở vào Tết", nil},
		{"ngày mai chúng tôi đi", nil},
		{"Mai vàng nở", nil},
		{"ăn kem Lan mua ở chợ", nil},
		{"LAN party", nil},
	} {
		if got := evidentMentions(t, m, tt.text, ev); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Without the record naming her, Sen is the lotus.
	if got := mentions(t, m, "Sen kể rằng"); got != nil {
		t.Errorf("Find(Sen kể rằng) = %q, want none", got)
	}
}

// TestFindQuotative: a Hangul given name with the quotative or copula
// endings (라는, 이라는, 란, 라고, 라며, 라던, 라는데, 이란) is the name,
// alone or before the noun it names (은비라는 아이가: "a child called
// Eunbi"; review 13h H5), after a name ending in a vowel or a consonant.
func TestFindQuotative(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-eunbi", Name: "최은비", Aliases: []string{"Choi Eun-bi", "은비"}},
		{ID: "K-chulmin", Name: "장철민"},
	})
	ev := map[string]bool{"K-eunbi": true, "K-chulmin": true}
	for _, name := range []struct{ stem, copula, id string }{{"은비", "", "K-eunbi"}, {"철민", "이", "K-chulmin"}, {"최은비", "", "K-eunbi"}} {
		for _, ending := range []string{"라는", "라고", "라며", "라던", "라는데", "란", "라면서", "라서"} {
			for _, after := range []string{"", " 아이가 있었어요.", " 사람이 왔다", " 여자를 만났다", " 애들"} {
				text := name.stem + name.copula + ending + after
				want := []string{name.stem + "=" + name.id}
				for _, ev := range []map[string]bool{ev, nil} {
					if got := evidentMentions(t, m, text, ev); !slices.Equal(got, want) {
						t.Errorf("FindEvident(%q, %v) = %q, want %q", text, ev != nil, got, want)
					}
				}
			}
		}
	}
	// Every ending of the list after the copula (hangul.go), alone and
	// before a noun.
	for _, ending := range strings.Fields(hangulEndings) {
		copula := "이"
		if strings.ContainsAny(ending[:3], "인일입") {
			copula = ""
		}
		for _, text := range []string{"은비" + ending, "은비" + ending + " 아이가", "철민" + copula + ending, "철민" + copula + ending + " 아이들"} {
			if got := evidentMentions(t, m, text, ev); len(got) != 1 || !strings.HasPrefix(text, strings.Split(got[0], "=")[0]) {
				t.Errorf("FindEvident(%q) = %q, want the name", text, got)
			}
		}
	}
	// Words before a noun stay words: 꼬마 아이들 for an alias 꼬마 alone,
	// 은비녀라는 (a silver hairpin).
	m = newMatcher(t, []Person{{ID: "K-bada", Name: "김바다", Aliases: []string{"꼬마"}}, {ID: "K-eunbi", Name: "최은비"}})
	for _, text := range []string{"꼬마 아이들이 놀았다", "은비녀라는 물건", "은비늘이라는 말"} {
		if got := mentions(t, m, text); got != nil {
			t.Errorf("Find(%q) = %q, want none", text, got)
		}
	}
}

// TestFindHanForms: the forms of a Chinese name review 13h H4 found in
// clear, where the record names the person: a given name with a plural
// or resuming pronoun after it (美玲她们, 美玲他们, 美玲俩), its last
// character twice (玲玲), 小 with a character and -子 (小玲子), a family
// name with an office clipped to its first character (孙队 for 孙队长,
// 王所, 李局) and the court's form (刘某, 刘某某); words stay.
func TestFindHanForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "H-meiling", Name: "陈美玲", Aliases: []string{"阿玲"}},
		{ID: "H-liu", Name: "刘建军", Aliases: []string{"刘哥"}},
		{ID: "H-sun", Name: "孙国华"},
		{ID: "H-wang", Name: "王志刚"},
		{ID: "H-li", Name: "李明"},
	})
	ev := map[string]bool{"H-meiling": true, "H-liu": true, "H-sun": true, "H-wang": true, "H-li": true}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"美玲她们住在地下室。", []string{"美玲=H-meiling"}},
		{"美玲他们走了", []string{"美玲=H-meiling"}},
		{"美玲我们都认识", []string{"美玲=H-meiling"}},
		{"美玲俩一起跑了", []string{"美玲=H-meiling"}},
		{"美玲她说不要怕", []string{"美玲=H-meiling"}},
		{"玲玲，快跑！", []string{"玲玲=H-meiling"}},
		{"我叫她玲玲", []string{"玲玲=H-meiling"}},
		{"小玲子哭了一晚上。", []string{"小玲子=H-meiling"}},
		{"小刚子开车", []string{"小刚子=H-wang"}},
		{"孙队说他们不管朝鲜人。", []string{"孙队=H-sun"}},
		{"我们找王所", []string{"王所=H-wang"}},
		{"李局来了", []string{"李局=H-li"}},
		{"刘工说可以", []string{"刘工=H-liu"}},
		{"刘某某（判决书上这样写）", []string{"刘某某=H-liu"}},
		{"判决书上是刘某，不是别人", []string{"刘某=H-liu"}},
		// Words.
		{"他刚刚走", nil},
		{"陈列室里", nil},
		{"八一建军节", nil},
		{"玲珑塔很高", nil},
		{"孙子和子孙队伍", nil},
		{"光明日报", nil},
		{"小心！", nil},
		{"某某人说", nil},
	} {
		if got := evidentMentions(t, m, tt.text, ev); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// A record that does not name them: the nicknames are nobody's.
	for _, text := range []string{"孙队说", "玲玲，快跑！", "小玲子哭了", "刘某某"} {
		if got := mentions(t, m, text); got != nil {
			t.Errorf("Find(%q) = %q, want none", text, got)
		}
	}
}

// TestFindPurposesR15p: an audit purpose or reason with these forms is
// found with everyone as evidence (the audit screen keeps a MAC of it),
// and one of ordinary words is not (review 13h's purposes "an toàn
// training plan" and "La Paz cohort" were kept as MACs).
func TestFindPurposesR15p(t *testing.T) {
	m := newMatcher(t, append(slices.Clone(wordPersons),
		Person{ID: "K-eunbi", Name: "최은비", Aliases: []string{"은비"}},
		Person{ID: "H-meiling", Name: "陈美玲", Aliases: []string{"阿玲"}},
		Person{ID: "H-sun", Name: "孙国华"}))
	for _, text := range []string{
		"bé Sen follow-up", "Sen kể complaint", "은비라는 witness follow-up", "美玲她们 case", "小玲子 follow-up",
		"孙队 corruption", "玲玲 asked", "Anh Toan network", "Mai Anh's case",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
	for _, text := range []string{
		"an toàn training plan", "tiếng Anh classes cohort", "hoàn toàn anonymous sample", "La Paz cohort",
		"Thu 14 May review", "Kelly green report",
	} {
		if got := m.FindEvident(text, m.Everyone()); len(got) != 0 {
			t.Errorf("FindEvident(%q, everyone) = %v, want none", text, got)
		}
	}
}

// TestFindVietnameseShortNames: a Vietnamese name of two words (Trần
// Toàn, Lê Anh, Nguyễn Sen) has its given name alone by the same rules as
// an alias's words: a record that does not name the person keeps an
// toàn, anh ấy and hoa sen; one that does finds the name capitalised, and
// a given name that is a pronoun or a word only in a clause.
func TestFindVietnameseShortNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "V-tt", Name: "Trần Toàn"},
		{ID: "V-la", Name: "Lê Anh"},
		{ID: "V-ns", Name: "Nguyễn Sen"},
	})
	words := []string{"về nhà an toàn", "hoàn toàn không", "anh ấy nói", "tiếng Anh ba năm", "người Anh mua hàng", "hoa sen nở", "Sen trắng nở"}
	for _, text := range append(slices.Clone(words), "Toàn said", "Anh said", "Sen kể rằng", "Anh ơi") {
		if got := mentions(t, m, text); got != nil {
			t.Errorf("Find(%q) = %q, want none", text, got)
		}
	}
	ev := map[string]bool{"V-tt": true, "V-la": true, "V-ns": true}
	for _, text := range words {
		if got := evidentMentions(t, m, text, ev); got != nil {
			t.Errorf("FindEvident(%q) = %q, want none", text, got)
		}
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Toàn said the debt was large", []string{"Toàn=V-tt"}},
		{"Toàn's men drove us", []string{"Toàn=V-tt"}},
		{"Anh said nothing", []string{"Anh=V-la"}},
		{"Sen kể rằng họ bị nhốt", []string{"Sen=V-ns"}},
		{"Trần Toàn và Lê Anh", []string{"Trần Toàn=V-tt", "Lê Anh=V-la"}},
	} {
		if got := evidentMentions(t, m, tt.text, ev); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
