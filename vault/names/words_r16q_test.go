package names

import (
	"slices"
	"testing"
)

// TestOwnNickOverOthersAlias checks review 13i I4: another record's alias
// 老赵 (of 赵德明) does not un-hide the 老赵 of the record's own 赵德胜;
// where the record names a person the form fits, it is that person, and
// the alias is its own person's after a verb that does not end a name
// (收了钱).
func TestOwnNickOverOthersAlias(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "P-desheng", Name: "赵德胜", Aliases: []string{"Zhao Desheng"}},
		{ID: "P-deming", Name: "赵德明", Aliases: []string{"老赵", "明哥"}},
	})
	desheng, deming := map[string]bool{"P-desheng": true}, map[string]bool{"P-deming": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"老赵收了钱。", desheng, []string{"老赵=P-desheng?"}},
		{"老赵收了钱。", deming, []string{"老赵=P-deming"}},
		{"老赵说要罚款。", desheng, []string{"老赵=P-desheng?"}},
		{"老赵收了钱。", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestOneWordAliasIsWordName checks review 13i P2: a Vietnamese person's
// alias of one word that is a word (Lan) has the rules of the given name
// it repeats: the person where the record names her, in title case and a
// clause or with its marks; not LAN, lần, hoa lan, Lan Kwai Fong, nor
// another record's Lan; and a given name in a place's name (Việt Nam,
// miền Nam, Nam Định, Hà Lan) is the place.
func TestOneWordAliasIsWordName(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "V-lan", Name: "Trịnh Thị Lan", Aliases: []string{"Lan"}},
		{ID: "V-nam", Name: "Lý Văn Nam", Aliases: []string{"Nam râu"}},
		{ID: "V-thu", Name: "Hoàng Thị Thu", Aliases: []string{"Tí"}},
	})
	lan, nam, thu := map[string]bool{"V-lan": true}, map[string]bool{"V-nam": true}, map[string]bool{"V-thu": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Lan said the boss took her passport.", lan, []string{"Lan=V-lan"}},
		{"chị Lan khóc.", lan, []string{"chị Lan=V-lan?"}},
		{"Trịnh Thị Lan kể lại.", lan, []string{"Trịnh Thị Lan=V-lan"}},
		{"Tí kể lại.", thu, []string{"Tí=V-thu"}},
		{"the LAN cable in the office", lan, nil},
		{"we stopped in Lan Kwai Fong", lan, nil},
		{"hoa lan trắng", lan, nil},
		{"chị ấy bị bán hai lần.", lan, nil},
		{"The LAN at the shelter was down.", nil, nil},
		{"Lan cable at the centre.", nil, nil},
		{"Hương và Lan bị bán cùng một ngày", nil, nil},
		{"Hương và Lan bị bán cùng một ngày", thu, nil},
		{"Tôi sống ở Hà Lan.", lan, nil},
		{"Việt Nam là quê hương tôi", nam, nil},
		{"Ở miền Nam trời nóng.", nam, nil},
		{"Chúng tôi đến Nam Định.", nam, nil},
		{"Nam kể rằng anh ta có súng.", nam, []string{"Nam=V-nam"}},
		{"Nam râu đến.", nam, []string{"Nam râu=V-nam"}},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}
