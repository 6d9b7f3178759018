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
