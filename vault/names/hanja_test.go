package names

import (
	"slices"
	"testing"
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
