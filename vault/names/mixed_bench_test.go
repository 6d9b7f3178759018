package names

import (
	"fmt"
	"runtime"
	"testing"
)

// mixedPersons returns n persons of every script the matcher reads
// across: a third Hangul names, a third Korean names in Latin letters
// (benchPersons), a sixth Han names and a sixth Russian names in
// Cyrillic, generated deterministically.
func mixedPersons(n int) []Person {
	lat := benchPersons(n)
	fam := []rune("김이박최정강조윤장임한오서신권황안송전홍")
	syl := []rune("민서지하은수연우준현도영희진성호아나유빈린경미숙철훈태규동화옥란식")
	han := []rune("王李张刘陈杨黄赵吴周")
	hsyl := []rune("建国秀英春花德胜丽明华伟芳敏静强军平")
	cyrG := []string{"Сергей", "Андрей", "Ольга", "Ирина", "Дмитрий", "Николай", "Юрий", "Анна"}
	cyrP := []string{"Иванович", "Николаевич", "Петрович", "Сергеевич"}
	cyrF := []string{"Кузнецов", "Волков", "Смирнов", "Петров", "Соколов", "Попов", "Лебедев", "Козлов"}
	ps := make([]Person, n)
	for i := range ps {
		id := fmt.Sprintf("P-%06d", i)
		switch i % 6 {
		case 0, 1:
			ps[i] = Person{ID: id, Name: string([]rune{fam[i%len(fam)], syl[(i/7)%len(syl)], syl[(i/13+5)%len(syl)]})}
		case 2, 3:
			ps[i] = lat[i]
			ps[i].ID = id
		case 4:
			ps[i] = Person{ID: id, Name: string([]rune{han[i%len(han)], hsyl[(i/7)%len(hsyl)], hsyl[(i/11+3)%len(hsyl)]})}
		case 5:
			ps[i] = Person{ID: id, Name: cyrG[i%8] + " " + cyrP[(i/8)%4] + " " + cyrF[(i/32)%8]}
		}
	}
	return ps
}

// BenchmarkNewMatcherMixed reports the heap a Matcher of 100,000 persons
// of mixedPersons holds (MiB-held) and its variants, with the time and
// allocations of building it.
func BenchmarkNewMatcherMixed(b *testing.B) {
	persons := mixedPersons(100000)
	var held, variants float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m := newMatcher(b, persons)
		runtime.GC()
		runtime.ReadMemStats(&after)
		held, variants = float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), float64(len(m.variants))
		runtime.KeepAlive(m)
	}
	b.ReportMetric(held, "MiB-held")
	b.ReportMetric(variants, "variants")
}
