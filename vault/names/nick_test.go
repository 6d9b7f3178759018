package names

import (
	"slices"
	"testing"
)

// TestHangulLastSyllable checks the nickname a Korean given name of two
// syllables makes of its last one with -이 (별이 for 은별), where the
// record names the person, and the words that syllable is. The mention
// is the syllable, as for a given name of one syllable (철이가: 철).
func TestHangulLastSyllable(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-byeol", Name: "한은별", Aliases: []string{"Han Eun-byeol", "은별"}},
		{ID: "K-hun", Name: "김지훈"},
		{ID: "K-minseo", Name: "박민서"},
	})
	all := map[string]bool{"K-byeol": true, "K-hun": true, "K-minseo": true}
	byeol := []string{"별=K-byeol"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"별이", all, byeol},
		{"별이가 제일 어렸다.", all, byeol},
		{"별아, 조용히 해!", all, byeol},
		{"별이야 가자", all, byeol},
		{"별이한테 전화가 왔다.", all, byeol},
		{"은별의 이야기 (별이)", all, []string{"은별=K-byeol", "별=K-byeol"}},
		{"훈이가 돈을 받았다", all, []string{"훈=K-hun"}},
		// Where the record does not name the person, the word.
		{"별이가 제일 어렸다.", nil, nil},
		{"별이가 제일 어렸다.", map[string]bool{"K-hun": true}, nil},
		// The words: the star, and a name ending in a vowel has no
		// such nickname (서 is no name of 민서).
		{"밤하늘의 별이 빛났다.", all, nil},
		{"그 별은 멀리 있었다.", all, nil},
		{"별을 보았다", all, nil},
		{"별이네! 저기 봐", all, nil},
		{"서울에 갔다", all, nil},
		{"서야 한다", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}
