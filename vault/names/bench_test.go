package names

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/lineartest"
	"github.com/tvault/tvault/internal/proccpu"
	"github.com/tvault/tvault/internal/synthetic"
)

// benchPersons returns n persons with made-up Korean names, a third of them
// with a hyphenated alias, generated deterministically.
func benchPersons(n int) []Person {
	families := strings.Fields("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong")
	syllables := strings.Fields("min seo ji ha eun su yeon woo jun hyun do young hee jin sung ho ah na yu bin rin kyung mi sook chul hoon tae gyu dong hwa ok ran sik joon il bok nam gil yong")
	persons := make([]Person, n)
	for i := range persons {
		a, b := syllables[i%len(syllables)], syllables[(i*7+3)%len(syllables)]
		given := strings.ToUpper(a[:1]) + a[1:] + b
		p := Person{ID: fmt.Sprintf("P-%04d", i), Name: families[(i/len(syllables))%len(families)] + " " + given}
		if i%3 == 0 {
			p.Aliases = []string{strings.ToUpper(a[:1]) + a[1:] + "-" + b}
		}
		persons[i] = p
	}
	return persons
}

// benchNarrative returns size bytes of testimony that mentions some of
// persons now and then.
func benchNarrative(persons []Person, size int) string {
	sentences := []string{
		"When we were 16, 17, in middle school, they took us to watch sentencings.",
		"The Kim dynasty survives on fear, and the 109 group arrested the men for selling USB drives.",
		"My friend's sister was sentenced to four years because her family could not afford a bribe.",
		"She sold snacks at the railway station kiosk; bribes were between $1,000 and $5,000.",
		"Our teacher said this is what happens to people who watch South Korean shows.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentences[i%len(sentences)])
		b.WriteByte(' ')
		if i%3 == 0 {
			p := persons[(i*37)%len(persons)]
			fmt.Fprintf(&b, "%s was there, and %s's mother too. ", p.Name, strings.Fields(p.Name)[1])
		}
	}
	return b.String()[:size]
}

func BenchmarkFind(b *testing.B) {
	persons := benchPersons(1000)
	m := newMatcher(b, persons)
	text := benchNarrative(persons, 4096)
	if len(m.Find(text)) == 0 {
		b.Fatal("no mentions in the narrative")
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Find(text)
	}
}

func BenchmarkFindHangul(b *testing.B) {
	persons := append(benchPersons(999), Person{ID: "P-hangul", Name: "김 은주"})
	m := newMatcher(b, persons)
	var t strings.Builder
	for t.Len() < 4096 {
		t.WriteString("우리는 중학교 때 공개재판을 보러 갔습니다. 은주가 제 손을 잡았고, 김은주 동무에게는 아무 일도 없었습니다. ")
	}
	text := t.String()
	if len(m.Find(text)) == 0 {
		b.Fatal("no mentions in the narrative")
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Find(text)
	}
}

func BenchmarkNewMatcher(b *testing.B) {
	persons := benchPersons(1000)
	b.ReportAllocs()
	for b.Loop() {
		newMatcher(b, persons)
	}
}

// adversarial are texts made of one short piece repeated, aimed at the
// matcher's worst cases: every word a name or a prefix of one, titles
// without family names, one endless word, invisible characters.
var adversarial = map[string]string{
	"capitals": "Kim ", "names": "Eunju ", "prefixes": "Kim Eun ", "hangul-word": "민", "endings": "민서였는데 ",
	"titles": "Auntie ", "titled": "Auntie Park ", "invisible": "a\u200b", "combining": "e\u0301", "hyphens": "Eun-",
	"apostrophes": "O'", "jamo": "\u1106\u1175\u11ab", "particles": "Maria de la ",
	"plurals": "the Hwangbos ", "given-titled": "Auntie Mai ", "ranks": "이 반장 ", "ga": "강가 ", "selectors": "민\uFE0F",
	"misspelt": "O'Neil ", "near-miss": "Mrs. Oneal ", "office": "Chairman Kang ", "nicknames": "Katie ",
	"misspelt-next": "Kathrine Moss ", "parts": "Ms. Fernandez ", "long-capitals": "Abcdefgh ",
	"spaced": "a b ", "spaced-capitals": "K i m ", "dotted": "P.a.", "tags": "<b>", "open-tags": "<a", "stars": "*a", "underscores": "a_", "entities": "&a;", "lines": "a\n",
	"han": "李秀英", "han-prefixes": "李秀", "han-given": "秀英说", "han-compat": "秀英\uF900",
	"patronymics": "Ирина Викторовна ", "diminutives": "Ирочка Kolya ", "han-nicknames": "阿玲老王", "hanja-readings": "朴敏朴敏序哥", "syllables": "О-ле-", "word-phrases": "Brown rice ",
	"possessives": "바다's ", "weekdays": "Thu 14 ", "household": "별이네 집 ",
	"vietnamese-clause": "Lan said ", "han-titles": "马阿姨金姐丽丽", "declension": "Сергея Ивановича Кузнецову ",
	"double-surnames": "García Torres ", "phrases-before": "Domingo de Ramos ",
	"mixed-script": "бEun", "mixed-capitals": "ЁKim", "marks-word": "Eu\u0301n", "glued-names": "KimEunju", "hangul-latin": "민seo",
	"address-terms": "Mama Mariya ", "address-parts": "Khala Fernandez ", "address-keys": "Ama Estha ", "doubled": "Katherrine ", "doubled-run": "Fernanndez Garrcia Torres ", "ukrainian-derived": "Галочку Гнатюкові Дорошенчиха ",
}

// adversarialEvident are the persons of adversarialMatcher the
// adversarial texts are evidence of, so that the rules that need
// evidence (nicknames, misspellings, titles of office) run too.
var adversarialEvident = map[string]bool{"R-oneill": true, "R-moss": true, "R-garcia": true, "R-kang": true, "K-minseo": true, "W-kim": true, "C-xiuying": true,
	"R-irina": true, "R-kolya": true, "C-meiling": true, "E-brown": true, "K-bada": true, "K-byeol": true, "V-thu": true,
	"V-lan": true, "C-mali": true, "R-kuz": true, "S-pedro": true, "S-jm": true}

func adversarialMatcher(tb testing.TB) *Matcher {
	return newMatcher(tb, append(benchPersons(200), append(classPersons(),
		Person{ID: "R-oneill", Name: "Catherine O'Neill"}, Person{ID: "R-moss", Name: "Katherine Moss"},
		Person{ID: "R-garcia", Name: "María Fernández García"}, Person{ID: "R-kang", Name: "Kang Chol-ho"}, Person{ID: "C-xiuying", Name: "李秀英"},
		Person{ID: "R-irina", Name: "Ирина Викторовна Лебедева"}, Person{ID: "R-kolya", Name: "Nikolai Petrovich Sokolov"},
		Person{ID: "C-meiling", Name: "张美玲"}, Person{ID: "E-brown", Name: "Adam Brown"}, Person{ID: "K-bada", Name: "김바다"},
		Person{ID: "K-byeol", Name: "문별"}, Person{ID: "V-thu", Name: "Phạm Thị Thu"},
		Person{ID: "V-lan", Name: "Lê Thị Lan"}, Person{ID: "C-mali", Name: "马丽"}, Person{ID: "C-jin", Name: "金英姬"},
		Person{ID: "R-kuz", Name: "Сергей Иванович Кузнецов"}, Person{ID: "S-jm", Name: "José Manuel García Torres"}, Person{ID: "S-pedro", Name: "Pedro Luis Ortega Ramos"})...))
}

// TestAdversarialLinear checks that FindEvident on each adversarial text takes
// time in proportion to its length, between 1 and 8 KiB.
func TestAdversarialLinear(t *testing.T) {
	t.Parallel()
	m := adversarialMatcher(t)
	for name, piece := range adversarial {
		if err := lineartest.Check(piece, 1<<10, 1, 10*time.Millisecond, func(text string) { checkMatches(t, text, m.FindEvident(text, adversarialEvident)) }); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkAdversarial runs Find on 1 MiB of each adversarial text.
func BenchmarkAdversarial(b *testing.B) {
	m := adversarialMatcher(b)
	for name, piece := range adversarial {
		text := strings.Repeat(piece, (1<<20)/len(piece))
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				m.Find(text)
			}
		})
	}
}

// BenchmarkFindVault finds the persons of a registry of the fixture's
// shape (vaultPersons, 100,000) in the synthetic testimonies'
// narratives: a researcher view's matcher work at that size, where most
// words are no name and the index is megabytes.
func BenchmarkFindVault(b *testing.B) {
	m := newMatcher(b, vaultPersons(100_000))
	texts := make([]string, 200)
	for i := range texts {
		texts[i] = synthetic.Testimony(i).Narrative
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.FindEvident(texts[i%len(texts)], nil)
		i++
	}
}

// BenchmarkFindEvidentVault is BenchmarkFindVault as a researcher view
// calls the matcher (vault/view's personSpans): on each free-text field
// of a synthetic testimony (title, narrative, tags, relation) with the
// record's witness and person as evident. It reports the process's CPU
// time a testimony (cpu-ms/op, the collector's included), which unlike
// ns/op does not grow with what else runs on the machine.
func BenchmarkFindEvidentVault(b *testing.B) {
	m, records := evidentRecords(b, 200)
	b.ReportAllocs()
	i := 0
	before := proccpu.Used()
	for b.Loop() {
		records[i%len(records)].find(m)
		i++
	}
	b.ReportMetric(float64((proccpu.Used()-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkFindEvidentParallel is BenchmarkFindEvidentVault as tvaultd
// runs it: 16 goroutines a CPU reading 5,000 records, each in turn, so
// that they share the matcher's evidence cache (evidenceCache) and most
// records are read while no other is. Its cpu-ms/op against
// BenchmarkFindEvidentVault's is what the sharing costs.
func BenchmarkFindEvidentParallel(b *testing.B) {
	m, records := evidentRecords(b, 5000)
	var next atomic.Int64
	b.SetParallelism(16)
	b.ReportAllocs()
	b.ResetTimer()
	before := proccpu.Used()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			records[int(next.Add(1))%len(records)].find(m)
		}
	})
	b.ReportMetric(float64((proccpu.Used()-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// evidentRecord is the free-text fields of a synthetic testimony and its
// persons as evident, as a researcher view reads them.
type evidentRecord struct {
	fields  []string
	evident map[string]bool
}

func (r evidentRecord) find(m *Matcher) {
	for _, f := range r.fields {
		m.FindEvident(f, r.evident)
	}
}

// evidentRecords returns a matcher of 100,000 persons (vaultPersons) and
// n synthetic testimonies' evidentRecords, each read once: the matcher
// builds some of its tables at the first find that needs them, which a
// benchmark must not count.
func evidentRecords(b *testing.B, n int) (*Matcher, []evidentRecord) {
	m := newMatcher(b, vaultPersons(100_000))
	records := make([]evidentRecord, n)
	for i := range records {
		t := synthetic.Testimony(i)
		records[i] = evidentRecord{
			fields:  append([]string{t.Title, t.Narrative, t.Persons[0].Relation}, t.Tags...),
			evident: map[string]bool{fmt.Sprintf("p-%016x", 2*i): true, fmt.Sprintf("p-%016x", 2*i+1): true},
		}
		records[i].find(m)
	}
	return m, records
}
