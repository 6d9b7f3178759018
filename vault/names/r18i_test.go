package names

import (
	"slices"
	"testing"
)

// TestSurnameTitlesClergyAndAddress: a registered family name after a
// clergy title (review 13o: Chaplain Byeon) or before a plain term of
// address for an old woman or man (변 할멈이, 염 영감이) is a mention;
// the same words without a family name, or after 한 "one" or 양 "both"
// (한 양반 "a gentleman"), stay.
func TestSurnameTitlesClergyAndAddress(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "byeon", Name: "변수아"}, {ID: "yeom", Name: "염도윤"}, {ID: "guk", Name: "국민재"},
		{ID: "han", Name: "한지민"}, {ID: "yang", Name: "양미래"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Chaplain Byeon prayed.", []string{"Chaplain Byeon=byeon?"}},
		{"Imam Yeom led the prayer.", []string{"Imam Yeom=yeom?"}},
		{"Rabbi Guk wrote to us.", []string{"Rabbi Guk=guk?"}},
		{"Bishop Byeon came.", []string{"Bishop Byeon=byeon?"}},
		{"Sheikh Yeom hosted us.", []string{"Sheikh Yeom=yeom?"}},
		{"변 할멈이 밥을 줬어요.", []string{"변 할멈=byeon?"}},
		{"염 영감이 배를 댔어요.", []string{"염 영감=yeom?"}},
		{"국 양반이 왔어요.", []string{"국 양반=guk?"}},
		{"변 할망이 숨겨 줬어요.", []string{"변 할망=byeon?"}},
		{"염 아짐이 왔어요.", []string{"염 아짐=yeom?"}},
		// Keeps.
		{"The chaplain prayed.", nil},
		{"할멈이 밥을 줬어요.", nil},
		{"영감이 떠올랐어요.", nil},
		{"국민 모두가 알아요.", nil},
		{"한 양반이 왔어요.", nil},
		{"양 영감이 다 왔어요.", nil},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
