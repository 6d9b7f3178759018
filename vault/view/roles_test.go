package view

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/lineartest"
)

// TestPossibleRoles: phrases that may name a role one person holds, in
// six languages (review 13h H8), are listed for the officer; the same
// words naming no one role are not.
func TestPossibleRoles(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"soy la única maestra de la escuela de la aldea El Rosario, en Olancho",
			[]string{"la única maestra de la escuela de la aldea El Rosario"}},
		{"Era el único médico del pueblo.", []string{"el único médico del pueblo"}},
		{"她是延吉市第三中学唯一的朝鲜族语文老师。", []string{"延吉市第三中学唯一的朝鲜族语文老师"}},
		{"tôi là giáo viên duy nhất dạy tiếng Anh ở trường cấp 2 xã", []string{"giáo viên duy nhất dạy tiếng Anh ở trường cấp 2 xã"}},
		{"главврач городской больницы № 2 Уссурийска сказал", []string{"главврач городской больницы № 2 Уссурийска сказал"}},
		{"Она была единственной медсестрой в посёлке.", []string{"единственной медсестрой в посёлке"}},
		{"начальником отдела полиции Уссурийска был он", []string{"начальником отдела полиции Уссурийска был он"}},
		{"延吉市公安局河南派出所所长（就是他）收了钱。", []string{"延吉市公安局河南派出所所长"}},
		{"police [P-ABCD-1234], 河南派出所所长", []string{"河南派出所所长"}},
		{"보위원 [PERSON] 동무 (회령시 보위부 반탐과장)", []string{"회령시 보위부 반탐과장"}},
		{"그 사람은 보위부 과장이었어요", []string{"보위부 과장"}},
		{"the only Vietnamese nail technician at [PERSON]'s Nails in Leith",
			[]string{"the only Vietnamese nail technician at [PERSON]'s Nails in Leith"}},
		{"He was the sole pharmacist in Onsong; nobody else.", []string{"the sole pharmacist in Onsong"}},
		{"The only doctor, Dr Ri, came late.", []string{"The only doctor"}},
		// No role, or no unit.
		{"the only way out was the river, the only thing we had", nil},
		{"she was the one who called; the one in charge of nothing", nil},
		{"lo hice únicamente por ella", nil},
		{"начальник сказал, что директор уехал", nil},
		{"anh ấy là người tốt", nil},
		{"他是局长，我的班主任也来了", nil},
		{"우리 부장님이 말을 과장했어요", nil},
		{"only once, solely, alone", nil},
	}
	for _, tt := range tests {
		if got := PossibleRoles(&Record{Narrative: tt.text}); !slices.Equal(got, tt.want) {
			t.Errorf("PossibleRoles(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Every field, each phrase once; at most MaxPossibleRoles.
	rec := &Record{Title: "河南派出所所长", Persons: []Person{{Relation: "河南派出所所长"}}, Narrative: "the only midwife in Musan"}
	if got, want := PossibleRoles(rec), []string{"河南派出所所长", "the only midwife in Musan"}; !slices.Equal(got, want) {
		t.Errorf("PossibleRoles of every field = %q, want %q", got, want)
	}
	var b strings.Builder
	for i := range MaxPossibleRoles + 10 {
		b.WriteString("the only cook" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)) + ". ")
	}
	if got := PossibleRoles(&Record{Narrative: b.String()}); len(got) != MaxPossibleRoles {
		t.Errorf("%d phrases, want %d", len(got), MaxPossibleRoles)
	}
}

// TestPossibleRolesLinear: texts of one piece repeated, each aimed at a
// cue's parsing, cost time linear in their size.
func TestPossibleRolesLinear(t *testing.T) {
	for _, piece := range []string{"the only ", "the only a", "la única ", "единственный ", "главврач №", "a duy nhất ",
		"唯一的", "派出所所长", "과장", "보위부 과장 ", "회령시 "} {
		err := lineartest.Check(piece, 1<<10, 1, 20*time.Millisecond, func(text string) {
			PossibleRoles(&Record{Narrative: text})
		})
		if err != nil {
			t.Errorf("%q: %v", piece, err)
		}
	}
}
