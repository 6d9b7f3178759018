package names

import (
	"slices"
	"testing"
)

// TestRomaniseSystems checks that a given name's spellings in each system
// in use are kept within maxRomanisations, hyphenated by syllable.
func TestRomaniseSystems(t *testing.T) {
	for _, tt := range []struct {
		given string
		want  []string
	}{
		{"성철", []string{"seong-cheol", "song-chol", "sung-chul"}},
		{"미래", []string{"mi-rae", "mee-rae", "mi-rai"}},
		{"영희", []string{"yeong-hui", "yong-hui", "young-hee"}},
		{"은별", []string{"eun-byeol", "un-byol", "eun-byul"}},
		{"경숙", []string{"gyeong-suk", "kyong-suk", "kyung-suk"}},
		{"수영", []string{"su-yeong", "soo-young"}},
		{"오산덕", []string{"o-san-deok", "o-san-dok"}},
	} {
		got := romanise(tt.given)
		if len(got) > maxRomanisations {
			t.Errorf("romanise(%q): %d spellings, want at most %d", tt.given, len(got), maxRomanisations)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("romanise(%q) = %q, want %q among them", tt.given, got, w)
			}
		}
		if got[0] != tt.want[0] {
			t.Errorf("romanise(%q)[0] = %q, want the Revised Romanisation %q", tt.given, got[0], tt.want[0])
		}
	}
	if got := romanise("abc"); got != nil {
		t.Errorf("romanise(abc) = %q, want nil", got)
	}
}

// TestFindRomanisedSystems checks the spellings of Korean names in each
// system, hyphenated anywhere by syllable (review 13f, class 9 and N4).
func TestFindRomanisedSystems(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-sc", Name: "김성철", Aliases: []string{"Kim Song-chol"}},
		{ID: "K-mr", Name: "송미래"},
		{ID: "K-eb", Name: "한은별", Values: []string{"함경북도 회령시 오산덕동 7인민반"}},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Sungchul came back the next day.", []string{"Sungchul=K-sc"}},
		{"Sung-chul, Sung Chul, Sŏng-ch'ŏl", []string{"Sung-chul=K-sc", "Sung Chul=K-sc", "Sŏng-ch'ŏl=K-sc"}},
		{"Mee-rae came, Meerae and Mi-rae too, Mirai", []string{"Mee-rae=K-mr", "Meerae=K-mr", "Mi-rae=K-mr", "Mirai=K-mr"}},
		{"Eun-byul, Ŭn-byŏl", []string{"Eun-byul=K-eb", "Ŭn-byŏl=K-eb"}},
		{"O-san-dŏk-tong returnees", []string{"O-san-dŏk-tong=K-eb!"}},
		{"Osandok-dong, Osandŏktong, O-san-deok-dong", []string{"Osandok-dong=K-eb!", "Osandŏktong=K-eb!", "O-san-deok-dong=K-eb!"}},
		// Lower case is the word; other names stay.
		{"sungchul, the mee rae", nil},
		{"Kim Jong Un, Han River, 김치", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
