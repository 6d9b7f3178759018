package names

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The title rule: a registered family name with a title or a kinship word
// ("Auntie Park", "Comrade Jang", "Mr. Kim", "Park ajumma", "Kim-ssi",
// "박 아주머니", "장동무가") is a mention, reported as Ambiguous since it may
// be any person of that family name, the registered one's aunt as well as
// herself. Titles of office (Chairman, General, President) are not in the
// lists: "Chairman Kim" is a public figure.
var (
	// titlesBefore come before a family name, optionally with a full stop
	// (Mr. Kim).
	titlesBefore = wordSet("aunt auntie aunty uncle grandpa grandma granny grandmother grandfather grandad granddad " +
		"comrade mr mrs ms miss mister missus madam madame teacher brother sister cousin elder old widow " +
		"señora senora senhora señor senor senhor dona")
	// titlesAfter are romanised Korean titles after a family name, apart
	// or after a hyphen (Park ajumma, Kim-ssi).
	titlesAfter = wordSet("ssi nim ajumma ajumoni ajumeoni ajeossi ajossi ajusshi ajussi ajeoshi halmeoni halmoni " +
		"harabeoji harabuji halabeoji imo gomo samchon samchun seonsaeng seonsaengnim sonsaeng sonsaengnim " +
		"dongmu tongmu dongji tongji eonni unni oppa nuna noona hyung hyeong yeosa")
	// hangulSurnameTitles follow a Hangul family name, apart or written
	// on (박 아주머니, 박씨가). Not 님 or 군, which make words of their own
	// with family names (장님 "a blind man", 장군 "a general").
	hangulSurnameTitles = strings.Fields("씨 동무 동지 선생 선생님 여사 아주머니 아줌마 아저씨 할머니 할아버지 이모 고모 삼촌 언니 오빠 누나 형")
)

// romanisedSurnames are the usual Latin spellings of common Korean family
// names, so that "Auntie Park" is found for a person registered as 박민서.
var romanisedSurnames = map[string][]string{
	"김": {"kim", "gim"}, "이": {"lee", "yi", "rhee", "ri", "rhie"}, "리": {"ri", "lee"}, "박": {"park", "pak", "bak"},
	"최": {"choi", "choe"}, "정": {"jung", "jeong", "chung", "jong"}, "강": {"kang", "gang"}, "조": {"cho", "jo"},
	"윤": {"yoon", "yun"}, "장": {"jang", "chang"}, "임": {"lim", "im", "rim"}, "림": {"rim", "lim"}, "한": {"han"},
	"오": {"oh"}, "서": {"seo", "suh"}, "신": {"shin", "sin"}, "권": {"kwon", "gwon"}, "황": {"hwang"},
	"안": {"ahn", "an"}, "송": {"song"}, "전": {"jeon", "jun", "chon", "jon"}, "홍": {"hong"}, "문": {"moon", "mun"},
	"양": {"yang", "ryang"}, "량": {"ryang", "yang"}, "손": {"son", "sohn"}, "배": {"bae", "pae"}, "백": {"baek", "paek"},
	"허": {"heo", "hur", "ho"}, "유": {"yoo", "yu"}, "류": {"ryu", "yoo"}, "남": {"nam"}, "심": {"shim", "sim"},
	"노": {"noh", "roh"}, "로": {"ro", "roh"}, "하": {"ha"}, "곽": {"kwak"}, "성": {"sung", "seong"}, "차": {"cha"},
	"주": {"joo", "ju"}, "우": {"woo"}, "구": {"koo", "ku"}, "민": {"min"}, "진": {"jin"}, "지": {"ji"}, "엄": {"eom", "um"},
	"채": {"chae"}, "원": {"won"}, "천": {"cheon", "chun"}, "방": {"bang"}, "공": {"kong"}, "현": {"hyun"}, "함": {"ham"},
	"변": {"byun", "pyon"}, "염": {"yeom"}, "여": {"yeo"}, "추": {"choo"}, "도": {"do", "doh"}, "소": {"so"},
	"석": {"seok"}, "선": {"sun"}, "설": {"seol"}, "마": {"ma"}, "길": {"gil", "kil"}, "연": {"yeon"}, "위": {"wi"},
	"표": {"pyo"}, "명": {"myung"}, "기": {"ki"}, "반": {"ban"}, "왕": {"wang"}, "금": {"keum"}, "옥": {"ok"},
	"육": {"yook"}, "인": {"in"}, "맹": {"maeng"}, "제": {"je"}, "모": {"mo"}, "탁": {"tak"}, "국": {"kook"},
	"어": {"eo"}, "은": {"eun"}, "편": {"pyun"}, "용": {"yong"}, "예": {"ye"}, "경": {"kyung"}, "봉": {"bong"},
	"사": {"sa"}, "부": {"boo"}, "황보": {"hwangbo"}, "남궁": {"namgung"}, "제갈": {"jegal"}, "선우": {"sunwoo"},
	"독고": {"dokgo"},
}

// latinSurnames holds every spelling in romanisedSurnames.
var latinSurnames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, spellings := range romanisedSurnames {
		for _, s := range spellings {
			m[s] = true
		}
	}
	return m
})

// Surname reports whether word, in any case, is a usual Latin spelling of
// a common Korean family name (Kim, PARK, Ri).
func Surname(word string) bool { return latinSurnames()[strings.ToLower(word)] }

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(s) {
		m[w] = true
	}
	return m
}

// titled returns the mention of a family name with a title that starts at
// words[i], if any, and the index of the word after it.
func (m *Matcher) titled(text string, words []word, buf []byte, i int) (Match, int, bool) {
	if len(m.surnames) == 0 {
		return Match{}, 0, false
	}
	w := &words[i]
	match := func(p int32, end int) Match {
		return Match{Start: w.start, End: end, PersonID: m.ids[p], Ambiguous: true}
	}
	// A title before: "Auntie Park", "Mr. Kim"; not "Comrade Kim Jong Un",
	// and not where a whole name follows ("Auntie Park Minseo").
	if titlesBefore[string(buf[w.fstart:w.fend])] && i+1 < len(words) && titleGap(text[w.end:words[i+1].start]) {
		if p, last, ok := m.surnameAt(text, words, buf, i+1); ok && !continued(text, words, last) {
			if _, _, full := m.longest(text, words, buf, i+1); !full {
				return match(p, words[last].end), last + 1, true
			}
		}
	}
	p, last, ok := m.surnameAt(text, words, buf, i)
	if ok && last+1 < len(words) {
		// A title after, apart or after a hyphen: "Park ajumma", "Kim-ssi",
		// "박 아주머니가". Not 이 apart: 이 아저씨 is "this man".
		n := &words[last+1]
		nf := buf[n.fstart:n.fend]
		if n.before == gapSpace || n.before == gapHyphen {
			if titlesAfter[string(nf)] && rightBoundary(words, buf, last+1) {
				return match(p, n.end), last + 2, true
			}
			if string(buf[w.fstart:words[last].fend]) != "이" {
				if t := hangulTitlePrefix(nf); t > 0 {
					if end, ok := m.origOffset(text[n.start:n.end], t); ok {
						return match(p, n.start+end), last + 2, true
					}
				}
			}
		}
	}
	// A title written on: 박씨가, 장동무는.
	f := buf[w.fstart:w.fend]
	for _, k := range []int{3, 6} {
		if len(f) <= k || !isHangulSyllable(firstRune(f)) {
			break
		}
		p, ok := m.surnames[string(f[:k])]
		if !ok {
			continue
		}
		if t := hangulTitlePrefix(f[k:]); t > 0 {
			if end, ok := m.origOffset(text[w.start:w.end], k+t); ok {
				return match(p, w.start+end), i + 1, true
			}
		}
	}
	return Match{}, 0, false
}

// hangulTitlePrefix returns the length of the title that starts f, if the
// rest of f is nothing or a suffix of the grammar, or 0.
func hangulTitlePrefix(f []byte) int {
	best := 0
	for _, t := range hangulSurnameTitles {
		if len(t) > best && strings.HasPrefix(string(f), t) {
			if rest := f[len(t):]; len(rest) == 0 {
				best = len(t)
			} else if _, ok := hangulSuffix(rest); ok {
				best = len(t)
			}
		}
	}
	return best
}

// surnameAt returns the person whose registered family name is spelt by
// words[j:last+1] (one to three words: "da Silva"), capitalised if Latin.
func (m *Matcher) surnameAt(text string, words []word, buf []byte, j int) (p int32, last int, ok bool) {
	// Most words are neither a family name nor the particle that starts
	// one: one lookup each.
	w := buf[words[j].fstart:words[j].fend]
	if _, hit := m.surnames[string(w)]; !hit && !particles[string(w)] {
		return 0, 0, false
	}
	for k := j; k < len(words) && k < j+3; k++ {
		if k > j && words[k].before != gapSpace && words[k].before != gapHyphen {
			break
		}
		q, hit := m.surnames[string(buf[words[j].fstart:words[k].fend])]
		if hit && rightBoundary(words, buf, k) && capitalFirst(text, words[j:k+1]) {
			p, last, ok = q, k, true
		}
	}
	return p, last, ok
}

// capitalFirst reports whether the first word of ws that is not a particle
// starts with a letter that is not lower case.
func capitalFirst(text string, ws []word) bool {
	for _, w := range ws {
		s := text[w.start:w.end]
		if particles[strings.ToLower(s)] && len(ws) > 1 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		return !unicode.IsLower(r)
	}
	return false
}

// continued reports whether the word after words[last] continues a name:
// a capitalised word after a space or hyphen ("Kim Jong Un").
func continued(text string, words []word, last int) bool {
	if last+1 >= len(words) {
		return false
	}
	n := &words[last+1]
	if n.before != gapSpace && n.before != gapHyphen {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[n.start:])
	return unicode.IsUpper(r)
}

// titleGap reports whether g, the text between a title and a family name,
// is white space with at most one line break, optionally after a full
// stop (Mr. Kim).
func titleGap(g string) bool {
	g = strings.TrimPrefix(g, ".")
	if g == "" || len(g) > 8 || strings.Count(g, "\n") > 1 {
		return false
	}
	for _, r := range g {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func firstRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}
