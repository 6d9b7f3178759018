package view

import (
	"testing"

	"github.com/tvault/tvault/vault/names"
)

// TestScreenTitleShapes: an audit purpose or reason naming a registered
// family name with a title of the shapes r18g adds (review 13n: 정
// 간호사 interview, Landlady Koo follow-up) or the registered residence
// in another notation (Dunsanro 145 visit) is screened; an ordinary one
// is kept.
func TestScreenTitleShapes(t *testing.T) {
	persons := []names.Person{
		{ID: "P-1", Name: "정수아"}, {ID: "P-2", Name: "구옥순", Aliases: []string{"Koo Ok-sun"}},
		{ID: "P-3", Name: "황영철"}, {ID: "P-4", Name: "석민호"}, {ID: "P-5", Name: "신혜진"},
		{ID: "P-6", Name: "오지민", Values: []string{"대전광역시 서구 둔산로 145, 8동 603호"}},
		{ID: "P-7", Name: "한소율", Values: []string{"광주광역시 북구 용봉로 77, 1502호"}},
	}
	checkScreened(t, persons, []screenCase{
		{"정 간호사 interview", true},
		{"구 할매 network", true},
		{"황 의원 network", true},
		{"석 대표님 network", true},
		{"Landlady Koo follow-up", true},
		{"Midwife Shin follow-up", true},
		{"Landlord Hwang asked", true},
		{"Yongbong road number seventy seven visit", true},
		{"Dunsanro 145 visit", true},
		{"Dunsan-ro 145 visit", true},
		{"Dunsan road 145 visit", true},
		{"quarterly consent review", false},
		{"landlord dispute review", false},
	})
}

// A screenCase is a purpose or reason and whether a screener screens it.
type screenCase struct {
	text   string
	screen bool
}

// checkScreened checks each case against a screener of persons: screened
// (anything found in the text) as the case says.
func checkScreened(t *testing.T, persons []names.Person, cases []screenCase) {
	t.Helper()
	m, err := names.NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, persons)
	for _, tt := range cases {
		if got := len(sc.Screen(tt.text)) > 0; got != tt.screen {
			t.Errorf("Screen(%q): screened %v, want %v", tt.text, got, tt.screen)
		}
	}
}
