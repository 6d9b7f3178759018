package names

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/ignorable"
)

// TestIgnorableInName: a default-ignorable code point inside a registered
// Hangul name (the Hangul filler in 은ㅤ혜가, review 13m) or between a
// romanised name's parts is as invisible as a zero-width space; each one
// below the tag block U+E0000-E0FFF and the block's ends are tried.
func TestIgnorableInName(t *testing.T) {
	t.Parallel()
	m := newMatcher(t, []Person{{ID: "w", Name: "장은혜"}, {ID: "k", Name: "Kim Eunju"}})
	ev := map[string]bool{"w": true, "k": true}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !ignorable.DefaultIgnorable(r) || (r > 0xE0000 && r < 0xE0FFF) {
			continue
		}
		c := string(r)
		for _, tc := range []struct{ text, want string }{
			{"은" + c + "혜가 말했어요.", "은" + c + "혜=w"},
			{"장" + c + "은혜입니다", "장" + c + "은혜=w"},
			{"Eun" + c + "ju said", "Eun" + c + "ju=k"},
		} {
			if got := evidentMentions(t, m, tc.text, ev); !slices.Equal(got, []string{tc.want}) {
				t.Errorf("%U: %q: %q, want %q", r, tc.text, got, tc.want)
			}
		}
	}
}

// copulaEnding is one ending of a standard grammar's tables (the final
// and connective endings of 표준국어대사전 that follow the copula 이다)
// in the forms it takes after the copula 이, after the honorific 시 and
// after the past 었 or future 겠 (a consonant): "" where it does not
// follow that morpheme. A form may start with a final consonant
// (ㅂ니다, ㄴ데) that joins the syllable before it. tails are the
// particles that may follow the ending (입니다만, 거든요, 이라고도).
type copulaEnding struct {
	afterI, afterSi, afterPast string
	tails                      string
}

var copulaEndings = []copulaEnding{
	// Final endings, formal to plain.
	{"ㅂ니다", "ㅂ니다", "습니다", "만"},
	{"ㅂ니까", "ㅂ니까", "습니까", ""},
	{"다", "다", "다", ""},
	{"에요", "에요", "어요", "만"},
	{"야", "", "어", ""},
	{"지", "지", "지", "요"},
	{"죠", "죠", "죠", ""},
	{"네", "네", "네", "요"},
	{"군", "군", "군", "요"},
	{"구나", "구나", "구나", ""},
	{"로구나", "", "", ""},
	{"로군", "", "", "요"},
	{"로다", "", "", ""},
	{"더라", "더라", "더라", ""},
	{"더라고", "더라고", "더라고", "요"},
	{"거든", "거든", "거든", "요"},
	{"잖아", "잖아", "잖아", "요"},
	{"ㄴ데", "ㄴ데", "는데", "요 도"},
	{"ㄴ가", "ㄴ가", "는가", "요"},
	{"ㄹ까", "ㄹ까", "을까", "요"},
	{"냐", "냐", "냐", ""},
	{"니", "니", "니", ""},
	{"오", "오", "", ""},
	{"ㄹ걸", "ㄹ걸", "을걸", "요"},
	// Connective endings.
	{"고", "고", "고", "요"},
	{"며", "며", "으며", ""},
	{"면", "면", "으면", ""},
	{"면서", "면서", "으면서", "도"},
	{"지만", "지만", "지만", ""},
	{"니까", "니까", "으니까", "요"},
	{"라서", "어서", "어서", "요"},
	{"라도", "어도", "어도", ""},
	{"어야", "어야", "어야", ""},
	{"라고", "라고", "다고", "요 는 도"},
	{"라는", "라는", "다는", ""},
	{"라며", "라며", "다며", ""},
	{"라니", "라니", "다니", ""},
	{"자", "", "", ""},
	{"든지", "든지", "든지", ""},
	{"거나", "거나", "거나", ""},
	{"기에", "기에", "기에", ""},
	{"기", "기", "기", "도 는 만"},
	{"ㅁ", "ㅁ", "음", ""},
	{"던", "던", "던", ""},
	{"ㄴ지", "ㄴ지", "는지", ""},
	{"더니", "더니", "더니", ""},
	{"므로", "므로", "으므로", ""},
	{"로되", "", "", ""},
}

// joinJamo appends a morpheme to s: a leading final consonant (ㄴ, ㄹ,
// ㅁ, ㅂ) joins the last syllable, which must be open.
func joinJamo(s, m string) (string, bool) {
	finals := map[rune]rune{'ㄴ': 4, 'ㄹ': 8, 'ㅁ': 16, 'ㅂ': 17}
	r, size := utf8.DecodeRuneInString(m)
	jong, ok := finals[r]
	if !ok {
		return s + m, true
	}
	last, n := utf8.DecodeLastRuneInString(s)
	if !isHangulSyllable(last) || hasFinal(last) {
		return "", false
	}
	return s[:len(s)-n] + string(last+jong) + m[size:], true
}

// copulaForms returns every form the copula, the honorific 시, the past
// 었, the future 겠 and an ending of copulaEndings, with each of its
// tails, make after name: the standard contractions applied (이었 is 였
// and 이어 여 and 이에 예 after a vowel, 시었 셨, 시어 셔, 시에요 세요).
func copulaForms(name string) []string {
	open := !hasFinal(lastRune([]byte(name)))
	copulas := []string{"이"}
	if open {
		copulas = append(copulas, "")
	}
	var out []string
	for _, cop := range copulas {
		for _, hon := range []string{"", "시"} {
			for _, tense := range []string{"", "었", "겠", "었겠"} {
				for _, e := range copulaEndings {
					form := e.afterI
					switch {
					case tense != "":
						form = e.afterPast
					case hon != "":
						form = e.afterSi
					}
					if form == "" || (cop == "" && hon == "" && tense == "" && !open) {
						continue
					}
					s := name + cop + hon
					m := tense + form
					if tense == "" {
						m = form
					}
					switch {
					case hon == "시" && strings.HasPrefix(m, "었"):
						s, m = strings.TrimSuffix(s, "시")+"셨", m[len("었"):]
					case hon == "시" && strings.HasPrefix(m, "에요"):
						s, m = strings.TrimSuffix(s, "시")+"세요", m[len("에요"):]
					case hon == "시" && strings.HasPrefix(m, "어"):
						s, m = strings.TrimSuffix(s, "시")+"셔", m[len("어"):]
					case cop == "" && hon == "" && strings.HasPrefix(m, "었"):
						m = "였" + m[len("었"):]
					case cop == "" && hon == "" && strings.HasPrefix(m, "어"):
						m = "여" + m[len("어"):]
					case cop == "" && hon == "" && strings.HasPrefix(m, "에"):
						m = "예" + m[len("에"):]
					case cop == "" && hon == "" && m != "" && !isHangulSyllable([]rune(m)[0]):
						continue // 민잽니다: the contracted copula, tried elsewhere
					}
					joined, ok := joinJamo(s, m)
					if !ok {
						continue
					}
					out = append(out, joined)
					for t := range strings.FieldsSeq(e.tails) {
						out = append(out, joined+t)
					}
				}
			}
		}
	}
	return out
}

// TestCopulaEndings: every form copulaForms generates after a registered
// full name and its given name is the name (제가 임지혜입니다만,
// 은혜였습니다만, 은혜이자, 민재이십니다, 은혜로구나, 김민재였습니다만:
// review 13m), for names ending in a vowel and in a consonant, everyday
// words among them (지혜, 은혜), where the record names the person.
func TestCopulaEndings(t *testing.T) {
	t.Parallel()
	m := newMatcher(t, []Person{
		{ID: "jihye", Name: "임지혜"}, {ID: "eunhye", Name: "장은혜"},
		{ID: "minjae", Name: "김민재"}, {ID: "seongmin", Name: "박성민"},
	})
	ev := map[string]bool{"jihye": true, "eunhye": true, "minjae": true, "seongmin": true}
	n := 0
	for _, name := range []struct{ id, full, given string }{
		{"jihye", "임지혜", "지혜"}, {"eunhye", "장은혜", "은혜"}, {"minjae", "김민재", "민재"}, {"seongmin", "박성민", "성민"},
	} {
		for _, form := range []string{name.full, name.given} {
			for _, w := range copulaForms(form) {
				n++
				text := "그 사람이 " + w + " 그랬어요."
				want := []string{form + "=" + name.id}
				if got := evidentMentions(t, m, text, ev); !slices.Equal(got, want) {
					t.Errorf("%q: %q, want %q", text, got, want)
				}
			}
		}
	}
	t.Logf("%d forms", n)
}

// TestCopulaReview13m: review 13m's inputs, and words that hold a
// registered everyday name but name no one.
func TestCopulaReview13m(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "jihye", Name: "임지혜"}, {ID: "eunhye", Name: "장은혜"},
		{ID: "minjae", Name: "김민재"}, {ID: "hana", Name: "김하나", Aliases: []string{"하나"}},
		{ID: "sujeong", Name: "한수정"},
	})
	ev := map[string]bool{"jihye": true, "eunhye": true, "minjae": true, "hana": true, "sujeong": true}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"제가 임지혜입니다만, 그때는", []string{"임지혜=jihye"}},
		{"제가 장은혜입니다만, 그때는 열여덟이었어요.", []string{"장은혜=eunhye"}},
		{"그 애가 은혜였습니다만,", []string{"은혜=eunhye"}},
		{"은혜이자 제 동생이에요.", []string{"은혜=eunhye"}},
		{"김민재였습니다만 돈은 안 줬어요.", []string{"김민재=minjae"}},
		{"민재이십니다.", []string{"민재=minjae"}},
		{"은혜로구나 하고 알았어요.", []string{"은혜=eunhye"}},
		{"은혜야, 이리 와.", []string{"은혜=eunhye"}},
		{"은혜가 울었어요.", []string{"은혜=eunhye"}},
		{"은혜를 데리고 갔어요.", []string{"은혜=eunhye"}},
		// The nouns: grace repaid or received, God, "when correcting".
		{"은혜를 갚겠다고 했어요.", nil},
		{"은혜를 입었어요.", nil},
		{"하나님께 기도했어요.", nil},
		{"하나님의 은혜로 살았어요.", nil},
		{"하느님이 보우하사", nil},
		{"지혜롭게 말했어요.", nil},
		{"수정시에 확인", nil},
		{"사과가 하나입니다.", nil},
	} {
		if got := evidentMentions(t, m, c.text, ev); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSurnameTerms: a registered family name with a term of address of
// the workplace, the church or the temple, apart or written on (review
// 13m: 박 사장이, 김 기사가); the words such a title makes with a
// family name's syllable and 이 or 한 before a title that is also a
// thing stay. A family name alone is ambiguous ("?"): the title is
// matched, its 님 is the suffix's.
func TestSurnameTerms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "park", Name: "박성민"}, {ID: "kim", Name: "김민재"}, {ID: "jang", Name: "장은혜"},
		{ID: "lee", Name: "이수아"}, {ID: "han", Name: "한수정"}, {ID: "jo", Name: "조영호"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"박 사장이 여권을 가져갔어요.", []string{"박 사장=park?"}},
		{"김 사장이 우리를 팔았어요.", []string{"김 사장=kim?"}},
		{"장 사장님이 왔어요.", []string{"장 사장=jang?"}},
		{"김 기사가 운전했어요.", []string{"김 기사=kim?"}},
		{"김사장님한테 돈을 줬어요.", []string{"김사장=kim?"}},
		{"박 목사님이 숨겨 주셨어요.", []string{"박 목사=park?"}},
		{"한 집사가 왔어요.", []string{"한 집사=han?"}},
		{"김 선배가 도와줬어요.", []string{"김 선배=kim?"}},
		{"이 팀장이 불렀어요.", []string{"이 팀장=lee?"}},
		{"조 교수님", []string{"조 교수=jo?"}},
		// Words and things.
		{"이사장이 왔어요.", nil},
		{"이 사장이 우리를 팔았어요.", nil},
		{"한 기사에 따르면", nil},
		{"이 기사를 읽었어요.", nil},
		{"조교수가 되었어요.", nil},
		{"부사장이 말했어요.", nil},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestHistoricalAndSums: a registered name of one word in a state's or
// dynasty's name or with a ruler's epithet, and a group of a registered
// phone's digits that is a sum of money, are not the person (review 13m);
// the same words elsewhere are.
func TestHistoricalAndSums(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "ivan", Name: "Иван Кузнецов", Aliases: []string{"Ivan Kuznetsov"}},
		{ID: "zhao", Name: "Zhao Lihua"},
		{ID: "seojin", Name: "윤서진", Values: []string{"010-3947-2816"}},
	})
	ev := map[string]bool{"ivan": true, "zhao": true, "seojin": true}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"the Ivan the Terrible film", nil},
		{"the state of Zhao (赵国)", nil},
		{"the Kingdom of Zhao", nil},
		{"3947 won was all I had", nil},
		{"$2816 in cash", nil},
		{"2816원이었어요", nil},
		{"Ivan cried.", []string{"Ivan=ivan"}},
		{"Ivan the guard cried.", []string{"Ivan=ivan"}},
		{"Zhao said so.", []string{"Zhao=zhao?"}},
		{"the last four are 2816.", []string{"2816=seojin!"}},
		{"3947 and 2816", []string{"3947=seojin!", "2816=seojin!"}},
	} {
		if got := evidentMentions(t, m, c.text, ev); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestNoWrongPerson: a title and a family name two of the record's
// persons share, in any script (Mrs Yoon: the witness Sophie Yoon and her
// mother 윤정숙), and a given name alone of a person the record does not
// name (SEONG-HO, another record's 문성호), are hidden without a
// pseudonym (ambiguous, review 13m); with one such person, or the
// record's own, the person is named.
func TestNoWrongPerson(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "w", Name: "윤서진", Aliases: []string{"Yoon Seo-jin", "Sophie Yoon"}},
		{ID: "mother", Name: "윤정숙"},
		{ID: "other", Name: "문성호"},
	})
	both := map[string]bool{"w": true, "mother": true}
	for _, c := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Mrs Yoon, my mother, cried.", both, []string{"Yoon=w?"}},
		{"Yoon cried.", both, []string{"Yoon=w?"}},
		{"Yoon cried.", map[string]bool{"w": true}, []string{"Yoon=w"}},
		{"The guard was KANG, SEONG-HO.", both, []string{"SEONG-HO=other?"}},
		{"Seong-ho cried.", map[string]bool{"other": true}, []string{"Seong-ho=other"}},
	} {
		if got := evidentMentions(t, m, c.text, c.evident); !slices.Equal(got, c.want) {
			t.Errorf("%q (%v): %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

// TestSpanishZDiminutives: the diminutives of a given name in -z (z is c
// before i and e: Beatricita) and the hypocoristics of Francisca
// (Pachita, Panchita), where the record names the person (review 13m).
func TestSpanishZDiminutives(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "bea", Name: "Beatriz Moreno", Aliases: []string{"Bea"}},
		{ID: "paca", Name: "Francisca López", Aliases: []string{"Paca"}},
		{ID: "luz", Name: "Luz Ramírez"},
	})
	all := m.Everyone()
	for _, c := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Beatricita, le decía su abuela.", all, []string{"Beatricita=bea"}},
		{"Pachita lloraba.", all, []string{"Pachita=paca"}},
		{"Panchita y Paquita", all, []string{"Panchita=paca", "Paquita=paca"}},
		{"Lucecita cantaba.", all, []string{"Lucecita=luz"}},
		{"Pachita lloraba.", nil, nil},
		{"la lucecita del faro", all, nil},
	} {
		if got := evidentMentions(t, m, c.text, c.evident); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestPersonalA: the personal a before the given name of a Spanish name
// of one family name opens no article (review 13m: A Beatriz la
// golpearon, A Francisca la vendieron); "a Kim" is still the English
// article.
func TestPersonalA(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "bea", Name: "Beatriz Moreno"},
		{ID: "paca", Name: "Francisca López", Aliases: []string{"Paca"}},
		{ID: "kim", Name: "Kim Eunju"},
	})
	all := m.Everyone()
	for _, c := range []struct {
		text string
		want []string
	}{
		{"A Beatriz la golpearon.", []string{"Beatriz=bea?"}},
		{"Luego a Beatriz la golpearon.", []string{"Beatriz=bea?"}},
		{"A Francisca la vendieron.", []string{"Francisca=paca?"}},
		{"It was a Kim regime.", nil},
	} {
		if got := evidentMentions(t, m, c.text, all); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSurnameTitleShapes: a registered family name apart before a title
// no list names, known by its shape (review 13n: 신 변호사가, 황 의원이,
// 최 사모님이) or a dialect term of address (구 할매가), and before an
// occupation used as an English title (Landlady Koo); a determiner that
// is a family name (전 의원 "a former member", 한 기자 "a reporter") and
// a place ending in an occupation's suffix (김 병원) stay.
func TestSurnameTitleShapes(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "oh", Name: "오정민"}, {ID: "seok", Name: "석민호"}, {ID: "hwang", Name: "황영철"}, {ID: "shin", Name: "신혜진"},
		{ID: "jung", Name: "정수아"}, {ID: "koo", Name: "구옥순"}, {ID: "choi", Name: "최은경"}, {ID: "kim", Name: "김민재"},
		{ID: "jeon", Name: "전영수"}, {ID: "han", Name: "한수정"}, {ID: "do", Name: "도지현"},
		{ID: "nam", Name: "남수진"}, {ID: "yang", Name: "양미래"}, {ID: "cha", Name: "차민우"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"오 대표가 돈을 받았어요.", []string{"오 대표=oh?"}},
		{"석 대표님이 연락했어요.", []string{"석 대표=seok?"}},
		{"황 의원이 도와줬어요.", []string{"황 의원=hwang?"}},
		{"신 변호사가 왔어요.", []string{"신 변호사=shin?"}},
		{"정 간호사가 치료했어요.", []string{"정 간호사=jung?"}},
		{"신 간호사님이 왔어요.", []string{"신 간호사=shin?"}},
		{"구 할매가 숨겨 줬어요.", []string{"구 할매=koo?"}},
		{"황 할배가 말했어요.", []string{"황 할배=hwang?"}},
		{"신 아지매가 밥을 줬어요.", []string{"신 아지매=shin?"}},
		{"최 사모님이 기도했어요.", []string{"최 사모=choi?"}},
		{"정 약사가 약을 줬어요.", []string{"정 약사=jung?"}},
		{"오 기자한테 말했어요.", []string{"오 기자=oh?"}},
		{"신 작가를 만났어요.", []string{"신 작가=shin?"}},
		{"황 경찰관이 잡았어요.", []string{"황 경찰관=hwang?"}},
		{"최 운전수가 기다렸어요.", []string{"최 운전수=choi?"}},
		{"Landlady Koo took the deposit.", []string{"Landlady Koo=koo?"}},
		{"Landlord Hwang evicted us.", []string{"Landlord Hwang=hwang?"}},
		{"Midwife Shin delivered the baby.", []string{"Midwife Shin=shin?"}},
		{"Prosecutor Hwang charged us.", []string{"Prosecutor Hwang=hwang?"}},
		{"Pharmacist Jung sold us pills.", []string{"Pharmacist Jung=jung?"}},
		// Determiners, places and things.
		{"전 의원이 말했어요.", nil},
		{"한 기자가 왔어요.", nil},
		{"김 병원에 갔어요.", nil},
		{"도 의원이 말했어요.", nil},
		{"남 간호사가 왔어요.", nil},
		{"양 당사자가 합의했어요.", nil},
		{"차 운전자가 다쳤어요.", nil},
		{"남 선배가 왔어요.", []string{"남 선배=nam?"}},
		{"최 씨 가족의 회사에서", []string{"최 씨=choi?"}},
		{"the landlord said", nil},
	} {
		if got := mentions(t, m, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
