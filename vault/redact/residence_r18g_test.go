package redact

import (
	"slices"
	"testing"
)

// TestResidenceRoadNotations: a registered Korean road quoted in another
// notation with one of the residence's numbers (review 13n): the road
// word glued (Dunsanro 145), in English (Dunsan road, Yongbong street),
// with "and" or "number" in the number, and the number before "on" and
// the road; after the glued road word the number is the house's
// whatever follows (Dunsanro 145 visit, as an audit purpose writes it).
// The road's name alone, without a road word, is a place's too (Dunsan
// 145 people) and stays, as does a number that counts.
func TestResidenceRoadNotations(t *testing.T) {
	rs := NewResidenceSet([]string{"대전광역시 서구 둔산로 145, 8동 603호", "광주광역시 북구 용봉로 77, 1502호"})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Dunsanro 145, 8-603", []string{"Dunsanro 145, 8-603"}},
		{"Dunsan road, one hundred and forty-five", []string{"Dunsan road, one hundred and forty-five"}},
		{"Yongbong road number seventy seven", []string{"Yongbong road number seventy seven"}},
		{"Yongbong street 77", []string{"Yongbong street 77"}},
		{"Dunsanro 145 visit", []string{"Dunsanro 145"}},
		{"flat fifteen-oh-two, number seventy-seven on Yongbong-ro", []string{"flat fifteen-oh-two, number seventy-seven on Yongbong-ro"}},
		{"1502 on Yongbong-ro", []string{"1502 on Yongbong-ro"}},
		{"Dunsan 145 people came", nil},
		{"Dunsan road, 145 people came", nil},
		{"we waited 77 minutes on Yongbong-ro", nil},
		{"Yongbong road 12", nil},
	} {
		var got []string
		for _, sp := range rs.Find(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
