package view

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/lineartest"
)

// TestPossibleLocations: phrases that place someone by a landmark, in
// six languages (review 13h H7), are listed for the officer; phrases with
// the same words that locate nothing are not.
func TestPossibleLocations(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"the flat above the bookies opposite the Leith Walk Tesco, third floor", []string{"opposite the Leith Walk Tesco"}},
		{"Opposite the Royal Bank there is a close.", []string{"Opposite the Royal Bank"}},
		{"we lived next to “Golden Dragon” on the corner", []string{"next to “Golden Dragon”"}},
		{"дом напротив ТЦ «Клевер», синяя крыша, третий подъезд", []string{"напротив ТЦ «Клевер»"}},
		{"жила рядом с Покровским парком", []string{"рядом с Покровским"}},
		{"сразу за «Пятёрочкой»", []string{"за «Пятёрочкой»"}},
		{"延吉火车站对面那栋楼，五楼最里面那间", []string{"延吉火车站对面"}},
		{"我住在光明小学旁边", []string{"光明小学旁边"}},
		{"detrás de la iglesia católica de la Kennedy, la casa verde de dos pisos", []string{"detrás de la iglesia católica de la Kennedy"}},
		{"Vivíamos frente a la Escuela Morazán.", []string{"frente a la Escuela Morazán"}},
		{"gần UBND xã, nhà thứ ba bên trái", []string{"gần UBND xã"}},
		{"sau chợ Nghi Phong, nhà có cổng xanh", []string{"sau chợ Nghi Phong"}},
		{"고잔역 2번 출구 앞 파란 지붕 집, 3층", []string{"고잔역 2번 출구 앞"}},
		{"우리 집은 한빛교회 옆에 있었어요", []string{"한빛교회 옆"}},
		// Nothing located.
		{"near the end of the year, behind the scenes", nil},
		{"It was nearly over. Above all, we were alive.", nil},
		{"это другое дело, за ним пришли", nil},
		{"cerca de mí, al lado de mi madre", nil},
		{"sau đó, trước khi đi, gần như", nil},
		{"从那以后，我们在后面", nil},
		{"그 뒤로 앞으로 옆집", nil},
		{"near [REDACTED], behind [P-ABCD-1234]", nil},
	}
	for _, tt := range tests {
		if got := PossibleLocations(&Record{Narrative: tt.text}); !slices.Equal(got, tt.want) {
			t.Errorf("PossibleLocations(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Every field, each phrase once; at most MaxPossibleLocations.
	rec := &Record{Title: "near the Leith Walk Tesco", Tags: []string{"延吉火车站对面"}, Narrative: "near the Leith Walk Tesco"}
	if got, want := PossibleLocations(rec), []string{"near the Leith Walk Tesco", "延吉火车站对面"}; !slices.Equal(got, want) {
		t.Errorf("PossibleLocations of every field = %q, want %q", got, want)
	}
	var b strings.Builder
	for i := range MaxPossibleLocations + 10 {
		b.WriteString("near Shop" + strings.Repeat("a", i%7) + string(rune('A'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)) + ". ")
	}
	if got := PossibleLocations(&Record{Narrative: b.String()}); len(got) != MaxPossibleLocations {
		t.Errorf("%d phrases, want %d", len(got), MaxPossibleLocations)
	}
}

// TestPossibleLocationsLinear: texts of one piece repeated, each aimed at
// a cue's parsing, cost time linear in their size.
func TestPossibleLocationsLinear(t *testing.T) {
	for _, piece := range []string{"near ", "near the Aa ", "за «", "cerca de La ", "gần chợ ", "火车站对面", "고잔역 앞 ", "opposite “"} {
		err := lineartest.Check(piece, 1<<10, 1, 20*time.Millisecond, func(text string) {
			PossibleLocations(&Record{Narrative: text})
		})
		if err != nil {
			t.Errorf("%q: %v", piece, err)
		}
	}
}
