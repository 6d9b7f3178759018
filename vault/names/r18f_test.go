package names

import (
	"slices"
	"testing"
)

// TestCopulaOnset: a registered full name, or a given name of two
// syllables or more that is no everyday word, followed in the same word
// by the copula's onset (이 and a syllable after a final consonant; 였,
// 옵, 올, 셨, 에요 after a vowel, and 여, 라, 래, 면, 고, 니, 요, 예,
// 야, 건 with a short ending) is the name,
// whatever ending follows (review 13n: 이었으나, 였다가, 이옵니다,
// 이올시다, 이었을지도, 이래서, 이건 ... 이건); everyday names keep their
// noun rules and a given name that begins an ordinary word stays.
func TestCopulaOnset(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "soyul", Name: "한소율"}, {ID: "jimin", Name: "오지민"}, {ID: "yujin", Name: "신유진"},
		{ID: "taejun", Name: "박태준"}, {ID: "junho", Name: "김준호"}, {ID: "eunseo", Name: "이은서"},
		{ID: "daeun", Name: "정다은"}, {ID: "jiwon", Name: "박지원"}, {ID: "eunhye", Name: "장은혜"},
		{ID: "hana", Name: "김하나", Aliases: []string{"하나"}}, {ID: "minsu", Name: "최민수"},
		{ID: "gwangbok", Name: "김광복"}, {ID: "haebang", Name: "이해방"},
	})
	ev := map[string]bool{}
	for _, p := range []string{"soyul", "jimin", "yujin", "taejun", "junho", "eunseo", "daeun", "jiwon", "eunhye", "hana", "minsu", "gwangbok", "haebang"} {
		ev[p] = true
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"저는 한소율이옵니다.", []string{"한소율=soyul"}},
		{"제가 오지민이옵고요.", []string{"오지민=jimin"}},
		{"제가 오지민이올시다.", []string{"오지민=jimin"}},
		{"신유진이었으나 이름을 바꿨다.", []string{"신유진=yujin"}},
		{"태준이었으나 도망쳤어요.", []string{"태준=taejun"}},
		{"준호였으나 이름을 바꿨어요.", []string{"준호=junho"}},
		{"그 애가 은서였으나", []string{"은서=eunseo"}},
		{"태준였으나", []string{"태준=taejun"}},
		{"은서였다가 이름을 바꿨어요.", []string{"은서=eunseo"}},
		{"지민이었사오며", []string{"지민=jimin"}},
		{"태준이었을지도 몰라요.", []string{"태준=taejun"}},
		{"유진이었으련만", []string{"유진=yujin"}},
		{"유진이래서 놀랐어요.", []string{"유진=yujin"}},
		{"지민이었거니와", []string{"지민=jimin"}},
		{"태준이었소.", []string{"태준=taejun"}},
		{"소율이건 다은이건 다 잡혔어요.", []string{"소율=soyul", "다은=daeun"}},
		// Unseen endings of the same kind.
		{"민수였을망정 믿었어요.", []string{"민수=minsu"}},
		{"민수이었기로서니", []string{"민수=minsu"}},
		{"최민수였던들 어쩌겠어요.", []string{"최민수=minsu"}},
		{"은서옵고", []string{"은서=eunseo"}},
		{"준호라니까는", []string{"준호=junho"}},
		{"다은이었으니망정이지", []string{"다은=daeun"}},
		{"준호건 누구건", []string{"준호=junho"}},
		// Keeps: the nouns and ordinary words.
		{"지원이 필요했다.", nil},
		{"지원금을 받았어요.", nil},
		{"지원자가 많았어요.", nil},
		{"은혜를 갚겠다고 했어요.", nil},
		{"하나님께 기도했어요.", nil},
		{"은혜롭게 여겼다.", nil},
		{"광복이후에 왔다.", nil},
		{"준호고등학교에 다녔다.", nil},
		{"해방이전에 떠났다.", nil},
		// An everyday name takes the past copula alone, as 은혜였다 does.
		{"은혜였으나 떠났다.", []string{"은혜=eunhye"}},
		{"은혜이었을지도 몰라요.", []string{"은혜=eunhye"}},
		{"은혜이래서 놀랐어요.", nil},
		{"은혜롭게 살았어요.", nil},
	} {
		if got := evidentMentions(t, m, c.text, ev); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
