package names

import (
	"slices"
	"testing"
)

// TestFindHanjaOfHangul checks the Han forms of names registered in
// Hangul (review 13h H10): a run of Han characters whose Sino-Korean
// reading is a registered full name, or a given name before a title or
// kinship word, is the person where the record names them; the words
// that read so elsewhere, and the readings of persons not evident, are
// not.
func TestFindHanjaOfHangul(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-cheol", Name: "장철민"},
		{ID: "K-ryu", Name: "류춘희", Aliases: []string{"유춘희"}},
		{ID: "K-min", Name: "박민서"},
		{ID: "C-chen", Name: "陈美玲", Aliases: []string{"진미령"}},
	})
	all := m.Everyone()
	own := map[string]bool{"K-cheol": true, "K-ryu": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"张哲民 was on his Chinese card.", own, []string{"张哲民=K-cheol"}},
		{"張哲民 was on his Chinese card.", own, []string{"張哲民=K-cheol"}},
		{"他的中国身份证上写着张哲民。", own, []string{"张哲民=K-cheol"}},
		{"柳春姬和张哲民来了", own, []string{"柳春姬=K-ryu", "张哲民=K-cheol"}},
		{"我叫哲民哥来帮忙", own, []string{"哲民=K-cheol"}},
		{"陈美玲和张哲民", all, []string{"陈美玲=C-chen", "张哲民=K-cheol"}},
		{"朴敏序 (박민서)", all, []string{"朴敏序=K-min", "박민서=K-min"}},
		// Not where the record does not name the person; a given name
		// without a title; words.
		{"张哲民 was on his Chinese card.", nil, nil},
		{"张哲民 was on his Chinese card.", map[string]bool{"K-min": true}, nil},
		{"哲民说了", own, nil},
		{"哲学和民主", own, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestTitledMiddleName checks a Vietnamese family name and middle name
// after a title (review 13h H11): Mr Tran Van is the person, Mr Tran Van
// Hung another.
func TestTitledMiddleName(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "V-tran", Name: "Trần Văn Toàn"}, {ID: "V-le", Name: "Lê Thị Lan"}})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Mr Tran Van came", []string{"Mr Tran Van=V-tran?"}},
		{"Mr Trần Văn came", []string{"Mr Trần Văn=V-tran?"}},
		{"Mrs Le Thi said so", []string{"Mrs Le Thi=V-le?"}},
		{"Mr Tran Van Toan came", []string{"Tran Van Toan=V-tran"}},
		{"Mr Tran Van Hung came", nil},
		{"Mr Van Gogh, the Van", nil},
	} {
		if got := evidentMentions(t, m, tt.text, m.Everyone()); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
