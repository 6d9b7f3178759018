package names

import (
	"slices"
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
