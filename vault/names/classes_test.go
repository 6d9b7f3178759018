package names

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// classPersons are registered as the import format has them: Korean names
// written as one word, an alias of several tokens, Western names with
// particles, everyday words among given names.
func classPersons() []Person {
	return []Person{
		{ID: "K-minseo", Name: "박민서"},
		{ID: "K-jihoon", Name: "김지훈"},
		{ID: "K-cheolsu", Name: "박철수"},
		{ID: "K-hana", Name: "이하나", Aliases: []string{"하나"}},
		{ID: "K-namgung", Name: "남궁민수"},
		{ID: "W-seoyun", Name: "Han Jiwoo", Aliases: []string{"Han Seo-yun"}},
		{ID: "W-cruz", Name: "Maria de la Cruz"},
		{ID: "W-silva", Name: "Ana da Silva"},
		{ID: "W-jang", Name: "Jang Myong-hui"},
		{ID: "W-ri", Name: "Ri Chol"},
		{ID: "W-kim", Name: "Kim Eunju"},
		{ID: "W-moon", Name: "Moon Sora"},
		{ID: "W-song", Name: "Song Hyeri"},
		{ID: "K-heron", Name: "Yoon Dahye", Aliases: []string{"Heron"}},
		{ID: "K-mirae", Name: "Song Mi-rae", Aliases: []string{"미래"}},
	}
}

// hangulEndings are endings a Korean text writes onto a name: particles,
// titles, vocatives, the copula in its present, past and contracted forms.
var koreanEndings = []string{
	"", "야", "아", "는", "은", "가", "이", "를", "의", "에게", "에게는", "한테서", "까지도", "도", "만", "랑", "하고",
	"다", "이다", "인데", "였는데", "이었는데", "이고", "고", "였어요", "이었어요", "였다", "라서", "이라서", "니까", "이니까",
	"잖아", "이잖아", "예요", "이에요", "입니다", "였습니다", "라고", "이라는", "인가", "일까",
	"씨", "씨가", "씨에게는", "님", "동무", "동무에게", "언니", "이가", "이는", "이야", "이랑", "이였어요",
	"는요", "은요", "도요", "겠지", "이겠지", "였겠지",
}

func TestFindKoreanEndings(t *testing.T) {
	m := newMatcher(t, classPersons())
	for _, stem := range []struct{ text, id string }{
		{"민서", "K-minseo"}, {"박민서", "K-minseo"}, {"박 민서", "K-minseo"},
		{"지훈", "K-jihoon"}, {"김지훈", "K-jihoon"}, {"박철수", "K-cheolsu"}, {"철수", "K-cheolsu"},
		{"민수", "K-namgung"}, {"남궁민수", "K-namgung"},
	} {
		for _, end := range koreanEndings {
			for _, form := range []string{"NFC", "NFD"} {
				text := "그때 " + stem.text + end + " 봤다"
				if form == "NFD" {
					text = norm.NFD.String(text)
				}
				want := normForm(form, stem.text)
				got := mentions(t, m, text)
				if !slices.Equal(got, []string{want + "=" + stem.id}) {
					t.Errorf("%s %q: Find = %q, want %q", form, text, got, want+"="+stem.id)
				}
			}
		}
	}
}

func normForm(form, s string) string {
	if form == "NFD" {
		return norm.NFD.String(s)
	}
	return s
}

// TestFindContracted checks the copula contracted onto the last syllable:
// the mention then covers that syllable whole.
func TestFindContracted(t *testing.T) {
	m := newMatcher(t, classPersons())
	for text, want := range map[string][]string{
		"민선데 왜":     {"민선=K-minseo"},
		"민섭니다":      {"민섭=K-minseo"},
		"박민선데요":     {"박민선=K-minseo"},
		"민설까":       {"민설=K-minseo"},
		"민선":        nil, // a syllable with a final consonant is another name
		"민섭":        nil,
		"민선생님":      nil,
		"철순데 그 사람은": {"철순=K-cheolsu"},
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestFindClasses(t *testing.T) {
	m := newMatcher(t, classPersons())
	tests := []struct {
		text string
		want []string
	}{
		// The given name of a registered alias.
		{"Seo-yun said so", []string{"Seo-yun=W-seoyun"}},
		{"Seoyun and Han Seo-yun", []string{"Seoyun=W-seoyun", "Han Seo-yun=W-seoyun"}},
		{"Seo-yun Han", []string{"Seo-yun Han=W-seoyun"}},
		// Western names with particles, registered exactly.
		{"Maria de la Cruz came", []string{"Maria de la Cruz=W-cruz"}},
		{"MARIA DE LA CRUZ", []string{"MARIA DE LA CRUZ=W-cruz"}},
		{"Maria dela Cruz", []string{"Maria dela Cruz=W-cruz"}},
		{"Maria was there", []string{"Maria=W-cruz"}},
		{"Ana da Silva", []string{"Ana da Silva=W-silva"}},
		{"Ana came", []string{"Ana=W-silva"}},
		{"Mrs da Silva", []string{"Mrs da Silva=W-silva?"}},
		// A family name with a title or kinship word.
		{"Auntie Park gave us rice", []string{"Auntie Park=K-cheolsu?"}},
		{"Comrade Jang said", []string{"Comrade Jang=W-jang?"}},
		{"Grandpa Ri's house", []string{"Grandpa Ri=K-hana?"}}, // 이 is Ri too; K-hana sorts first
		{"Mr. Kim left", []string{"Mr. Kim=K-jihoon?"}},
		{"uncle Moon", []string{"uncle Moon=W-moon?"}},
		{"Park ajumma", []string{"Park ajumma=K-cheolsu?"}},
		{"Kim-ssi", []string{"Kim-ssi=K-jihoon?"}},
		{"박 아주머니가 왔다", []string{"박 아주머니=K-cheolsu?"}},
		{"박씨가 왔다", []string{"박씨=K-cheolsu?"}},
		{"장동무는", []string{"장동무=W-jang?"}}, // Jang Myong-hui in Hangul
		{"리 할아버지", []string{"리 할아버지=W-ri?"}},
		{"명희가 왔다, 장명희도", []string{"명희=W-jang", "장명희=W-jang"}},
		{"황동무는", nil}, // nobody registered has the family name 황
		{"Auntie Park Minseo", []string{"Park Minseo=K-minseo"}}, // 박민서 in Latin letters
		{"Auntie 박민서", []string{"박민서=K-minseo"}},
		// A Hangul given name in Latin letters, and a family name next to
		// it in any spelling.
		{"Minseo came", []string{"Minseo=K-minseo"}},
		{"Pak Minseo and Minseo Park", []string{"Pak Minseo=K-minseo", "Minseo Park=K-minseo"}},
		{"MIN-SEO", []string{"MIN-SEO=K-minseo"}},
		{"Jihoon, Chihun and Jihun", []string{"Jihoon=K-jihoon", "Chihun=K-jihoon", "Jihun=K-jihoon"}},
		{"Chulsoo Park", []string{"Chulsoo Park=K-cheolsu"}},
		{"Namgung Minsu", []string{"Namgung Minsu=K-minseo?"}}, // Minsu may be 민서 too
		{"minseo", nil}, // a guessed spelling must be capitalised
		{"Kim Minseo", []string{"Minseo=K-minseo"}}, // Kim is not 박민서's family
		// Latin marks are folded: McCune–Reischauer breves, accents.
		{"Chŏl came, Ri Chŏl", []string{"Chŏl=W-ri", "Ri Chŏl=W-ri"}},
		{"Séo-yun, Sŏ-yun", []string{"Séo-yun=W-seoyun"}},
		{"MARÍA DE LA CRÚZ", []string{"MARÍA DE LA CRÚZ=W-cruz"}},
		// An alias that is an English noun is the noun in lower case.
		{"Heron came; the heron flew; a Heron; we called her heron", []string{"Heron=K-heron", "Heron=K-heron", "heron=K-heron"}},
		{"a grey heron wrote nothing; herons", nil}, // an alias that is a noun: lower case is the noun
		{"미래가 없었다, 우리의 미래는 밝다", nil},
		{"이하나 미래야, 미래 씨", []string{"이하나=K-hana", "미래=K-mirae", "미래=K-mirae"}},
		// Precision: these are not the persons.
		{"the Kim dynasty", nil},
		{"Kim Jong Un and Comrade Kim Jong Un", nil},
		{"Comrade Kim Il-sung", nil},
		{"Uncle Ho Chi Minh", nil},
		{"Ho Chi Minh City", nil},
		{"the Han River", nil},
		{"Hanawon", nil},
		{"a song, the moon", nil},
		{"Chairman Kim and General Park", nil},
		{"the old park", nil},
		{"이 아저씨가", nil}, // "this man", not Mr. Lee
		{"장님", nil},
		{"장군", nil},
		// An everyday word that is a name needs a title, vocative or the
		// family name.
		{"하나도 없었다", nil},
		{"사과 하나", nil},
		{"하나는 남았다", nil},
		{"하나야", []string{"하나=K-hana"}},
		{"하나 씨가", []string{"하나=K-hana"}},
		{"하나씨가", []string{"하나=K-hana"}},
		{"이하나는", []string{"이하나=K-hana"}},
	}
	for _, tt := range tests {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestHangulGrammar checks the generated suffixes on words that are not
// suffixes.
func TestHangulGrammar(t *testing.T) {
	for _, s := range []string{"머니", "가요", "씨씨", "동", "요"} {
		if _, ok := hangulSuffix([]byte(s)); ok {
			t.Errorf("%q is a suffix", s)
		}
	}
	for s, want := range map[string]suffixKind{"야": suffixTitled, "씨가": suffixTitled, "는": suffixPlain, "이가": suffixNamed, "거든": suffixPlain, "였거든요": suffixPersonal, "엄마가": suffixTitled, "였어요": suffixPersonal, "한테서": suffixPersonal, "네": suffixPersonal, "랑": suffixCompanion, "하고": suffixCompanion, "이랑": suffixCompanion, "이한테": suffixNamed, "의": suffixPlain} {
		if k, ok := hangulSuffix([]byte(s)); !ok || k != want {
			t.Errorf("hangulSuffix(%q) = %v, %v; want %v", s, k, ok, want)
		}
	}
}

// TestFindMorphology checks the chain rule on endings no list has, kinship
// words, compound family names and the -이 of a name that is a word.
func TestFindMorphology(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-cholho", Name: "리철호"},
		{ID: "K-minsu", Name: "남궁민수"},
		{ID: "K-eunbi", Name: "제갈은비"},
		{ID: "K-haneul", Name: "선우 하늘"},
		{ID: "K-dahye", Name: "윤다혜"},
		{ID: "K-hana", Name: "이하나", Aliases: []string{"하나"}},
	})
	for text, want := range map[string][]string{
		"철호거든":        {"철호=K-cholho"},
		"철호더라":        {"철호=K-cholho"},
		"철호야말로":       {"철호=K-cholho"},
		"민수거든":        {"민수=K-minsu"},
		"민수더라고요":      {"민수=K-minsu"},
		"민수였거든요":      {"민수=K-minsu"},
		"민수라니":        {"민수=K-minsu"},
		"민수라며":        {"민수=K-minsu"},
		"남궁민수였더라":     {"남궁민수=K-minsu"},
		"다혜엄마가":       {"다혜=K-dahye"},
		"다혜동생한테":      {"다혜=K-dahye"},
		"은비가":         {"은비=K-eunbi"},
		"은비한테":        {"은비=K-eunbi"},
		"은비거든":        {"은비=K-eunbi"},
		"제갈은비는":       {"제갈은비=K-eunbi"},
		"하늘이가":        {"하늘=K-haneul"},
		"하늘이는":        {"하늘=K-haneul"},
		"하늘이한테는":      {"하늘=K-haneul"},
		"선우 하늘이":      {"선우 하늘=K-haneul"},
		"선우하늘 선우 하늘이": {"선우하늘=K-haneul", "선우 하늘=K-haneul"},
		// Precision: the words stay.
		"하늘을 봤다":  nil,
		"하늘이 맑다":  nil,
		"하늘이다":    nil,
		"하늘이나 바다": nil,
		"하나도 없다":  nil,
		"하나이가":    nil, // 하나 ends in a vowel: no -이
		"민수머리":    nil,
		"철호가요":    nil,
		"민수씨씨":    nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
		if got := mentions(t, m, norm.NFD.String(text)); len(got) != len(want) {
			t.Errorf("NFD Find(%q) = %q, want %d mentions", text, got, len(want))
		}
	}
}

// TestFindValues checks that the identifying pieces of registered contacts
// and residences are found wherever a text quotes them.
func TestFindValues(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-cholho", Name: "리철호", Values: []string{"KakaoTalk: nkms83", "혜산시 연봉동 3인민반"}},
		{ID: "W-heron", Name: "Choi Eunhye", Values: []string{"heron68@postbox.example", "Apt 1203, 45 Gwanak-ro 12-gil, Gwanak-gu, Seoul"}},
		{ID: "W-phone", Name: "Oh Taeseong", Values: []string{"010-7781-2044", "Telegram: bluecrane"}},
		{ID: "K-sunam", Name: "황보지안", Values: []string{"청진시 포항구역 수남동 12인민반"}},
		{ID: "K-long", Name: "Han Jiwoo", Values: []string{strings.Repeat("a long description of the place ", 10) + "room 77b7"}},
		{ID: "K-pieces", Name: "한수정", Values: []string{"010-2937-4418", "010-1982-5150"}},
	})
	for text, want := range map[string][]string{
		"id nkms83 and NKMS83":                      {"nkms83=K-cholho!", "NKMS83=K-cholho!"},
		"heron68 @ postbox.example":                 {"heron68=W-heron!"},
		"heron68%40postbox.example":                 {"heron68=W-heron!"},
		"mail heron68@postbox":                      {"heron68=W-heron!"},
		"call 010 7781 2044 or 01077812044":         {"010 7781 2044=W-phone!", "01077812044=W-phone!"},
		"found as bluecrane":                        {"bluecrane=W-phone!"},
		"연봉동 3인민반에서 살았다":                            {"연봉동=K-cholho!", "3인민반=K-cholho!"},
		"Hyesan, Yonbong-dong, unit 3":              {"Yonbong-dong=K-cholho!"},
		"Yeonbong Dong":                             {"Yeonbong Dong=K-cholho!"},
		"Apt 1203 in 45 Gwanak-ro 12-gil":           {"Apt 1203=W-heron!", "45 Gwanak-ro 12-gil=W-heron!"},
		"Seoul, Gwanak-gu, room 1203, yonbong-dong": {"Gwanak-gu=W-heron!"}, // a city, a bare number; a guessed spelling must be capitalised
		"Gwanak district":                           {"Gwanak district=W-heron!"},
		"Hyesan, neighbourhood unit 3; 3-ban, 3반에서": {"neighbourhood unit 3=K-cholho!", "3-ban=K-cholho!", "3반=K-cholho!"},
		"the 3rd inminban of Yonbong-dong":          {"3rd inminban=K-cholho!", "Yonbong-dong=K-cholho!"},
		"청진시 포항구역 수남동 12반":                          {"포항구역=K-sunam!", "수남동=K-sunam!", "12반=K-sunam!"},
		"Chongjin Pohang-guyok Sunam-dong 12-ban":   {"Pohang-guyok=K-sunam!", "Sunam-dong=K-sunam!", "12-ban=K-sunam!"},
		"Sunam-dong, Pohang district, Chongjin":     {"Sunam-dong=K-sunam!", "Pohang district=K-sunam!"},
		"the 12th inminban of Sunam-dong":           {"12th inminban=K-sunam!", "Sunam-dong=K-sunam!"},
		"포항 구역에서":                                   {"포항 구역=K-sunam!"},
		"the heron at the postbox":                  nil,
		"lived at room 77b7 of the block":           {"77b7=K-long!"},
		// A phone number in pieces, but for a group that reads as a year.
		"앞자리는 2937이고 뒤는 4418":                  {"2937=K-pieces!", "4418=K-pieces!"},
		"끝번호가 4418이에요":                         {"4418=K-pieces!"},
		"zero-one-zero, 2937, 4418":            {"2937=K-pieces!", "4418=K-pieces!"},
		"born 1982; 5150 ends it; 29370 steps": {"5150=K-pieces!"},
		"born 1982; 5150 won; 29370 steps":     nil, // a sum (r18e)
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindWesternSurnames checks registered family names in the forms
// Western texts give them, and the family names that are words.
func TestFindWesternSurnames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-santos", Name: "Maria dos Santos"},
		{ID: "W-berg", Name: "Pieter van der Berg"},
		{ID: "W-yoon", Name: "Yoon Dahye"},
		{ID: "W-seo", Name: "Seo Kyungmin"},
		{ID: "W-ri", Name: "Ri Chol"},
		{ID: "W-song", Name: "Song Hyeri"},
		{ID: "W-park", Name: "Park Minseo"},
		{ID: "W-kim", Name: "Kim Eunju"},
	})
	for text, want := range map[string][]string{
		"Ms Santos came":              {"Ms Santos=W-santos?"},
		"Senhora Santos":              {"Senhora Santos=W-santos?"},
		"Herr Yoon":                   {"Herr Yoon=W-yoon?"},
		"dos Santos signed":           {"dos Santos=W-santos?"},
		"M. dos Santos":               {"M. dos Santos=W-santos?"},
		"Van der Berg said":           {"Van der Berg=W-berg?"},
		"Old man Ri asked":            {"Old man Ri=W-ri?"},
		"D. Yoon and K. Seo":          {"D. Yoon=W-yoon?", "K. Seo=W-seo?"},
		"D.Yoon":                      {"D.Yoon=W-yoon?"},
		"Yoon D. signed":              {"Yoon D.=W-yoon?"},
		"Yoon's daughter, Seo's wife": {"Yoon=W-yoon?", "Seo=W-seo?"},
		"Santos' office":              {"Santos=W-santos?"},
		"the Yoon family":             {"Yoon=W-yoon?"},
		"SANTOS and YOON":             {"SANTOS=W-santos?", "YOON=W-yoon?"},
		"dahye.yoon and yoon_dahye":   {"dahye.yoon=W-yoon", "yoon_dahye=W-yoon"},
		"Yoon, Dahye":                 {"Yoon, Dahye=W-yoon"},
		"Y. Dahye":                    {"Y. Dahye=W-yoon"},
		// Precision: family names that are words, dynasties, rivers.
		"a song, the moon, a park":     nil,
		"A SONG IN THE PARK":           nil,
		"SONG":                         nil,
		"the Kim dynasty's end":        nil,
		"the Han River":                nil,
		"Santos is a city in Brazil":   nil,
		"Yoon said":                    {"Yoon=W-yoon?"},
		"U.S. Yoon":                    {"Yoon=W-yoon?"},
		"KIM JONG UN":                  nil,
		"Yoon D.C.":                    nil,
		"the Song family of musicians": nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindSurnameForms checks a registered family name with a title of
// rank, profession or kinship, with initials, alone, in the plural, with
// its particles abbreviated or written together, and beside a mention of
// its person; and the family names that stay.
func TestFindSurnameForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-hwangbo", Name: "Hwangbo Ji-an", Aliases: []string{"황보지안"}},
		{ID: "W-jeon", Name: "Jeon Dae-hyun"},
		{ID: "W-broek", Name: "Sophie van den Broek"},
		{ID: "W-moon", Name: "Moon Hee-jin"},
		{ID: "W-kim", Name: "Kim Eunju"},
		{ID: "W-santos", Name: "Maria dos Santos"},
	})
	for text, want := range map[string][]string{
		"Granny Hwangbo came":         {"Granny Hwangbo=W-hwangbo?"},
		"Director Jeon came":          {"Director Jeon=W-jeon?"},
		"Sergeant Jeon, Dr. Jeon":     {"Sergeant Jeon=W-jeon?", "Dr. Jeon=W-jeon?"},
		"Pastor Jeon and Deacon Jeon": {"Pastor Jeon=W-jeon?", "Deacon Jeon=W-jeon?"},
		"signed Jeon D.H. today":      {"Jeon D.H.=W-jeon?"},
		"signed D.H. Jeon today":      {"D.H. Jeon=W-jeon?"},
		"signed D. H. Jeon today":     {"D. H. Jeon=W-jeon?"},
		"Ji-an (Hwangbo) crossing":    {"Ji-an (Hwangbo)=W-hwangbo"},
		"Sophie v.d. Broek wrote":     {"Sophie v.d. Broek=W-broek"},
		"the van den Broeks left":     {"van den Broeks=W-broek?"},
		"vandenbroek wrote":           {"vandenbroek=W-broek?"},
		"S.vdBroek":                   {"S.vdBroek=W-broek?"},
		"Hwangbo alone said":          {"Hwangbo=W-hwangbo?"},
		"the Hwangbos left":           {"Hwangbos=W-hwangbo?"},
		"Jeon said no.":               {"Jeon=W-jeon?"},
		"Ms Moon came":                {"Ms Moon=W-moon?"},
		"N56 Director Jeon\nN57 Jeon said\nN58 Hwangbo alone": {"Director Jeon=W-jeon?", "Jeon=W-jeon?", "Hwangbo=W-hwangbo?"},
		// Precision.
		"Moon said it rained":  nil,
		"the moon was full":    nil,
		"Kim said":             nil,
		"Chairman Kim spoke":   nil,
		"the Jeon dynasty":     nil,
		"a Jeon dynasty":       nil,
		"Santos is a port":     nil,
		"U.S. Jeon":            {"Jeon=W-jeon?"},
		"Jeon D.C. office":     nil,
		"the Moons of Jupiter": nil,
		"Director Kim Jong Un": nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindHangulOfLatin checks a Korean name registered in Latin letters
// written in Hangul.
func TestFindHangulOfLatin(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-jeon", Name: "Jeon Dae-hyun"},
		{ID: "W-song", Name: "Song Mi-rae"},
		{ID: "W-hee", Name: "Moon Hee-jin"},
	})
	for text, want := range map[string][]string{
		"전대현이가 왔다":  {"전대현=W-jeon"},
		"대현이가 왔다":   {"대현=W-jeon"},
		"전 대현 씨":    {"전 대현=W-jeon"},
		"송 선생이 말했다": {"송 선생=W-song?"},
		"희진아, 문희진":  {"희진=W-hee", "문희진=W-hee"},
		// Precision: everyday words, other names.
		"미래가 밝다":   nil,
		"대한민국 현대사": nil,
		"김대현이 왔다":  nil, // another family name: another person
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindConfusables checks names spelt with Cyrillic or Greek letters
// that look Latin, and words of those scripts that stay.
func TestFindConfusables(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "W-jian", Name: "Hwangbo Ji-an"}, {ID: "W-chol", Name: "Ri Chol-ho"}})
	for text, want := range map[string][]string{
		"J\u0456-an said":         {"J\u0456-an=W-jian"},
		"\u0421h\u043el-ho wrote": {"\u0421h\u043el-ho=W-chol"},
		"Hw\u0430ngbo Ji-an":      {"Hw\u0430ngbo Ji-an=W-jian"},
		"мир и покой":             nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindEverydayNames checks registered given names that are everyday
// words (보라 "purple", 지혜 "wisdom") after particles that follow people,
// the past copula, 의 before a relative and alone in a field, and the
// words that stay.
func TestFindEverydayNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-bora", Name: "유보라"},
		{ID: "K-jihye", Name: "이지혜"},
		{ID: "K-eunhye", Name: "최은혜"},
		{ID: "K-seulgi", Name: "한슬기"},
		{ID: "K-sujeong", Name: "박수정"},
		{ID: "K-boram", Name: "김보람"},
		{ID: "K-sarang", Name: "정사랑"},
		{ID: "K-hana", Name: "이하나"},
	})
	bora, jihye := []string{"보라=K-bora"}, []string{"지혜=K-jihye"}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"보라였다니까", bora},
		{"보라였다면", bora},
		{"보라이었다", bora},
		{"보라랑", bora},
		{"보라하고 나는 친구다", bora},
		{"보라한테서", bora},
		{"보라께서", bora},
		{"보라더러", bora},
		{"보라네 집", bora},
		{"보라의 동생", bora},
		{"보라의 남편이", bora},
		{"지혜한테", jihye},
		{"지혜랑", jihye},
		{"지혜였어요", jihye},
		{"은혜한테서", []string{"은혜=K-eunhye"}},
		{"슬기께", []string{"슬기=K-seulgi"}},
		{"보람이랑", []string{"보람=K-boram"}},
		{"수정이한테", []string{"수정=K-sujeong"}},
		// A whole field: a tag, a relation.
		{"지혜", jihye},
		{" 지혜 ", jihye},
		{"지혜, 조카", jihye},
		{"승우 오빠, 보라의 남편", bora},
		// Precision: the words stay.
		{"보라색", nil},
		{"저 하늘을 보라", nil},
		{"보라, 저 하늘을", bora}, // the comma rule's price: documented
		{"지혜롭게", nil},
		{"은혜를 갚았다", nil},
		{"수정을 했다", nil},
		{"수정하고 보냈다", nil},
		{"보람이 있었다", nil},
		{"사랑하고 있다", nil},
		{"사랑이랑 돈", nil},
		{"사과 하나랑 배 하나하고", nil},
		{"하나도", nil},
		{"보라의 색", nil},
		{"보라의 형편", nil},
		{"지혜가", nil},
		{"지혜는", nil},
		{"보라처럼", nil},
		{"그 지혜", nil},
		{"지혜 없이", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindEvident checks the person-evidence rule: in a record known to
// name the person, a registered everyday given name is the person with
// any suffix, and the word without one or with a longer word stays.
func TestFindEvident(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-bora", Name: "유보라"},
		{ID: "K-jihye", Name: "이지혜"},
		{ID: "K-eunhye", Name: "최은혜"},
		{ID: "K-seulgi", Name: "한슬기"},
		{ID: "K-sujeong", Name: "김수정"},
	})
	all := map[string]bool{"K-bora": true, "K-jihye": true, "K-eunhye": true, "K-seulgi": true, "K-sujeong": true}
	bora, jihye := []string{"보라=K-bora"}, []string{"지혜=K-jihye"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"지혜가 말했다", all, jihye},
		{"지혜는 울었다", all, jihye},
		{"보라처럼 키가 컸다", all, bora},
		{"보라조차 몰랐다", all, bora},
		{"보라가 왔다", all, bora},
		{"은혜가 먼저 갔다", all, []string{"은혜=K-eunhye"}},
		{"수정이랑 같이", all, []string{"수정=K-sujeong"}},
		{"수정이가 왔다", all, []string{"수정=K-sujeong"}},
		{"수정을 했다", all, nil},
		{"수정이 끝났다", all, nil},
		{"수정이나 유리", all, nil},
		{"슬기가 도왔다", all, []string{"슬기=K-seulgi"}},
		{"지혜를 만났다", all, jihye},
		{"지혜였대", all, jihye},
		// NFD, as a Mac pastes it.
		{norm.NFD.String("지혜가"), all, []string{norm.NFD.String("지혜") + "=K-jihye"}},
		// Evidence is per person: 보라 evident does not make 지혜 a name.
		{"지혜가 말했다", map[string]bool{"K-bora": true}, nil},
		{"보라가 왔다", map[string]bool{"K-bora": true}, bora},
		// No evidence: the words.
		{"지혜가", nil, nil},
		{"보라처럼", nil, nil},
		{"은혜를 갚았다", nil, nil},
		// Evidence or not, no suffix or a longer word is the word.
		{"보라색 외투", all, nil},
		{"저 하늘을 보라", all, nil},
		{"지혜롭게 행동했다", all, nil},
		{"지혜 없이", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
	if !m.NeedsEvidence(map[string]bool{"K-bora": true}) || m.NeedsEvidence(all) {
		t.Error("NeedsEvidence: wrong for some or all persons evident")
	}
	if newMatcher(t, []Person{{ID: "W", Name: "Kim Eunju"}}).NeedsEvidence(nil) {
		t.Error("NeedsEvidence: true with no everyday name")
	}
}

// TestFindIgnorables checks that default-ignorable characters inside a
// name or between it and its suffix are folded away, the offsets spanning
// those inside the mention.
func TestFindIgnorables(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-jiwon", Name: "Seo Ji-won", Aliases: []string{"서지원"}},
		{ID: "K-minseo", Name: "박민서"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"서지원\uFE0F이가 왔다", []string{"서지원=K-jiwon"}},
		{"서\u200b지원이", []string{"서\u200b지원=K-jiwon"}},
		{"민\u200c서야", []string{"민\u200c서=K-minseo"}},
		{"민서\u200d는", []string{"민서=K-minseo"}},
		{"박\u2060민서가", []string{"박\u2060민서=K-minseo"}},
		{"Ji\u00adwon came", []string{"Ji\u00adwon=K-jiwon"}},
		{"Ji\uFE0F-won", []string{"Ji\uFE0F-won=K-jiwon"}},
		{"S\u200beo Ji-won", []string{"S\u200beo Ji-won=K-jiwon"}},
		{norm.NFD.String("민서") + "\uFE0F야", []string{norm.NFD.String("민서") + "=K-minseo"}},
		// Still whole words: an ignorable does not end one.
		{"민서\u200b머리", nil},
		{"Jiwon\u00adia", nil},
		// At the edges it is no part of the word.
		{"\u200b민서\u200b", []string{"민서=K-minseo"}},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%+q) = %+q, want %+q", tt.text, got, tt.want)
		}
	}
}

// TestFindReordered checks a given name of several tokens written by its
// last token with the family name, in either order, and a Korean name in
// Western order.
func TestFindReordered(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "V-mai", Name: "Tran Thi Mai"},
		{ID: "V-lan", Name: "Nguyen Van Thanh"},
		{ID: "K-minseo", Name: "박민서"},
		{ID: "K-kju", Name: "Kim Jong Un"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Mai Tran cooked", []string{"Mai Tran=V-mai"}},
		{"Tran Mai cooked", []string{"Tran Mai=V-mai"}},
		{"Trần Thị Mai cooked", []string{"Trần Thị Mai=V-mai"}},
		{"Thi Mai Tran", []string{"Thi Mai Tran=V-mai"}},
		{"Thanh Nguyen wrote", []string{"Thanh Nguyen=V-lan"}},
		{"Nguyen Thanh wrote", []string{"Nguyen Thanh=V-lan"}},
		{"Minseo Park came", []string{"Minseo Park=K-minseo"}},
		{"Min-seo Pak came", []string{"Min-seo Pak=K-minseo"}},
		// A last token shorter than three letters stays: Un Kim is no
		// form of the name.
		{"the UN Kim said", nil},
		{"in May it rained", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindHangulRanks checks a Hangul family name with a rank or office
// after it, 이 apart included, and with 가 ("the Kang") where a particle
// or word makes it a person, and the riverside 강가 that stays.
func TestFindHangulRanks(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-kang", Name: "강철"},
		{ID: "K-lee", Name: "이지혜"},
		{ID: "K-kim", Name: "김순자"},
		{ID: "K-park", Name: "박영철"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"이 반장이 말했다", []string{"이 반장=K-lee?"}},
		{"이 지배인이 때렸다", []string{"이 지배인=K-lee?"}},
		{"강 보위원이 왔다", []string{"강 보위원=K-kang?"}},
		{"강 부장 동지가 왔다", []string{"강 부장=K-kang?"}},
		{"강 소장이 왔다", []string{"강 소장=K-kang?"}},
		{"김 동무", []string{"김 동무=K-kim?"}},
		{"박 지도원", []string{"박 지도원=K-park?"}},
		{"박 안전원한테", []string{"박 안전원=K-park?"}},
		{"강반장이", []string{"강반장=K-kang?"}},
		{"Kang bowiwon came", []string{"Kang bowiwon=K-kang?"}},
		{"안전원 강가가 때렸다", []string{"강가=K-kang?"}},
		{"강가 놈이 때렸다", []string{"강가=K-kang?"}},
		{"강가가 때렸다", []string{"강가=K-kang?"}},
		{"강가한테 맞았다", []string{"강가=K-kang?"}},
		// Precision: "this man", the riverside.
		{"이 아저씨가 누구냐", nil},
		{"강가에 있었다", nil},
		{"강가를 걸었다", nil},
		{"강가 마을", nil},
		{"이사장이 왔다", nil},
		// Military and police ranks.
		{"오 상위가 돈을 받았다", nil}, // nobody is an 오
		{"강 중위도 왔다", []string{"강 중위=K-kang?"}},
		{"박 소좌가 때렸다", []string{"박 소좌=K-park?"}},
		{"김 경위한테 끌려갔다", []string{"김 경위=K-kim?"}},
		{"중위가 왔다", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindFamilyForms checks the spellings of double family names alone,
// a name of two tokens in the plural after "the", the other gender's form
// of a Slavic family name, and a title or kinship word before the last
// part of a given name.
func TestFindFamilyForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-namgung", Name: "남궁민수"},
		{ID: "K-seonu", Name: "선우하늘"},
		{ID: "K-dokgo", Name: "독고영재"},
		{ID: "K-jegal", Name: "제갈은비"},
		{ID: "W-oneill", Name: "Catherine O'Neill"},
		{ID: "W-volkov", Name: "Dmitri Volkov"},
		{ID: "W-ivanova", Name: "Ivanova Anna"},
		{ID: "V-mai", Name: "Tran Thi Mai"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Namgung said", []string{"Namgung=K-namgung?"}},
		{"Seonu said", []string{"Seonu=K-seonu?"}},
		{"Tokko said", []string{"Tokko=K-dokgo?"}},
		{"Jegal said", []string{"Jegal=K-jegal?"}},
		{"the O'Neills left", []string{"O'Neills=W-oneill?"}},
		{"the O’Neills left", []string{"O’Neills=W-oneill?"}},
		{"the Volkovs came", []string{"Volkovs=W-volkov?"}},
		{"Volkova, his wife", []string{"Volkova=W-volkov"}},
		{"Dmitri Volkova", []string{"Dmitri Volkova=W-volkov"}},
		{"Ivanov signed", []string{"Ivanov=W-ivanova?"}},
		{"Anna Ivanov", []string{"Anna Ivanov=W-ivanova"}},
		{"Auntie Mai cooked", []string{"Auntie Mai=V-mai?"}},
		{"Chị Mai cooked", []string{"Chị Mai=V-mai?"}},
		{"Grandma Mai", []string{"Grandma Mai=V-mai?"}},
		// Precision.
		{"the Volga river", nil},
		{"a Russian Volkswagen", nil},
		{"in May it rained", nil},
		{"Auntie Mai Linh", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindHan checks Han names inside running Chinese text, which has no
// spaces: a full name anywhere, a given name of two characters only of a
// person the record names and between word ends.
func TestFindHan(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-xiuying", Name: "Li Xiuying", Aliases: []string{"李秀英"}},
		{ID: "C-jianguo", Name: "王建国"},
		{ID: "C-ouyang", Name: "欧阳明华"},
		{ID: "C-liming", Name: "李明"},
	})
	all := map[string]bool{"C-xiuying": true, "C-jianguo": true, "C-ouyang": true, "C-liming": true}
	xy, jg := "李秀英=C-xiuying", "王建国=C-jianguo"
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"李秀英说她很冷。", nil, []string{xy}},
		{"我叫李秀英。", nil, []string{xy}},
		{"我叫李秀英，王建国是她的邻居", nil, []string{xy, jg}},
		{"李秀英 说", nil, []string{xy}},
		{"秀英说", all, []string{"秀英=C-xiuying"}},
		{"秀英的妈妈哭了。", all, []string{"秀英=C-xiuying"}},
		{"我和秀英一起走", all, []string{"秀英=C-xiuying"}},
		{"建国说他会来", all, []string{"建国=C-jianguo"}},
		{"明华的哥哥", all, []string{"明华=C-ouyang"}},
		{"欧阳明华被抓了", nil, []string{"欧阳明华=C-ouyang"}},
		{"李明说", all, []string{"李明=C-liming"}},
		// Without the record's evidence, a given name inside a run is a
		// word.
		{"秀英说", nil, nil},
		{"秀英的妈妈哭了。", nil, nil},
		// Inside ordinary words.
		{"她的优秀英语很好", all, nil},
		{"建国以来", all, nil},
		{"新中国建国以后", all, nil},
		{"李明天来", all, nil},
		{"聪明华丽", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
	if !m.NeedsEvidence(nil) {
		t.Error("NeedsEvidence(nil) = false with Han given names registered")
	}
}

// TestFindSingleSyllable checks Korean given names of one syllable: the
// person only where the record names them, and only in the forms a
// person is written in (singleForm), not the words the syllable is.
func TestFindSingleSyllable(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-chol", Name: "김철"},
		{ID: "K-hyeon", Name: "남궁현"},
		{ID: "K-su", Name: "이수"},
	})
	all := map[string]bool{"K-chol": true, "K-hyeon": true, "K-su": true}
	chol, hyeon := []string{"철=K-chol"}, []string{"현=K-hyeon"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"철이가 우리를 잡았다", all, chol},
		{"철아, 놔줘!", all, chol},
		{"철이 형이 때렸다", all, chol},
		{"철이야 그만해", all, chol},
		{"철이한테 맞았다", all, chol},
		{"보위원 철이", all, chol},
		{"철이", all, chol},
		{"현이가 돈을 받았다", all, hyeon},
		{"broker 현이", all, hyeon},
		{"현이랑 같이 갔다", all, hyeon},
		{"수야 가자", all, []string{"수=K-su"}},
		{"남궁현이 왔다", nil, []string{"남궁현=K-hyeon"}},
		{"남궁 선생이 말했다", nil, []string{"남궁 선생=K-hyeon?"}},
		// Without evidence, the words.
		{"철이가 우리를 잡았다", nil, nil},
		{"현이가 돈을 받았다", map[string]bool{"K-chol": true}, nil},
		// The words the syllables are.
		{"철이 들었다", all, nil},
		{"철도", all, nil},
		{"철도가 끊겼다", all, nil},
		{"철을 캐는 광산", all, nil},
		{"현재는 서울에 산다", all, nil},
		{"철", all, nil},
		{"수가 많았다", all, nil},
		{"수도 없이", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindFieldEvidence checks that a short field naming a person is
// evidence of its own, and that an everyday given name before a Latin
// word for a role is a name.
func TestFindFieldEvidence(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-sujeong", Name: "한수정"},
		{ID: "K-jangmi", Name: "이장미"},
		{ID: "W-songhui", Name: "Pak Song-hui"},
	})
	all := map[string]bool{"K-sujeong": true, "K-jangmi": true, "W-songhui": true}
	long := strings.Repeat("그날은 추웠다. ", 30)
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"수정의 이야기 (한수정)", all, []string{"수정=K-sujeong", "한수정=K-sujeong"}},
		{"수정은 한수정이다", nil, []string{"수정=K-sujeong", "한수정=K-sujeong"}},
		{"Song-hui & 장미 broker", all, []string{"Song-hui=W-songhui", "장미=K-jangmi"}},
		{"장미 ajumma", nil, []string{"장미=K-jangmi"}},
		// No full name in the field, or a long text: a particle alone
		// after a consonant is the word.
		{"수정의 이야기", all, nil},
		{"계획 수정의 결과", all, nil},
		{long + "수정의 이야기 (한수정)", all, []string{"한수정=K-sujeong"}},
		// The bare word stays, named or not.
		{"수정 테이프 (한수정)", all, []string{"한수정=K-sujeong"}},
		{"장미 꽃", all, nil},
		{"a 장미 garden", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindRomanisedVariants checks the spellings names use besides the
// tables' (hee for 희, hyun for 현, yuk for 육... of ㅕ) and Namgoong.
func TestFindRomanisedVariants(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "W-songhui", Name: "Pak Song-hui"},
		{ID: "K-hyeon", Name: "남궁현"},
		{ID: "W-kwanghyok", Name: "Choe Kwang-hyok"},
	})
	for text, want := range map[string][]string{
		"Sunghee-ya, come":   {"Sunghee=W-songhui"},
		"Songhee said":       {"Songhee=W-songhui"},
		"Namkung Hyun left":  {"Namkung Hyun=K-hyeon"},
		"Mr Namgoong paid":   {"Mr Namgoong=K-hyeon?"},
		"Choe Kwanghyuk hit": {"Choe Kwanghyuk=W-kwanghyok"},
		"Kwang-hyuk hit":     {"Kwang-hyuk=W-kwanghyok"},
		"coffee and tea":     nil,
		"a sunny day":        nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindVietnamese checks Vietnamese names: Văn is a middle name, not
// the Dutch particle; a kinship word or title before the last part of
// the given name; that part alone where evident and written with its
// marks.
func TestFindVietnamese(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "V-hung", Name: "Nguyễn Văn Hùng"},
		{ID: "W-berg", Name: "Pieter van der Berg"},
		{ID: "V-minh", Name: "Trần Văn Minh"},
		{ID: "V-thu", Name: "Phạm Thị Thu"},
	})
	all := map[string]bool{"V-hung": true, "W-berg": true, "V-minh": true, "V-thu": true}
	hung := []string{"Hùng=V-hung"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Anh Hùng hid us", nil, []string{"Anh Hùng=V-hung?"}},
		{"Ông Hùng said hi", nil, []string{"Ông Hùng=V-hung?"}},
		{"helper, anh Hùng", nil, []string{"anh Hùng=V-hung?"}},
		{"Hùng said hi", all, hung},
		{"Hung Nguyen hid us", nil, []string{"Hung Nguyen=V-hung"}},
		{"Nguyễn Văn Hùng", nil, []string{"Nguyễn Văn Hùng=V-hung"}},
		{"Mr van der Berg", nil, []string{"Mr van der Berg=W-berg?"}},
		{"Mr. Nguyen paid", nil, []string{"Mr. Nguyen=V-hung?"}},
		// A full stop after a title that is a whole word ends a sentence.
		{"hi to the guard. Hùng gave", all, hung},
		{"hi to the guard. Hung gave", all, nil},
		// Without marks, before a verb of speech, where evident.
		{"Hung said hi", all, []string{"Hung=V-hung"}},
		{"Hung said hi", nil, nil},
		{"Hung saidx", all, nil},
		{"The coats hung said nothing", all, nil},
		// Without evidence or marks, the words.
		{"Hùng said hi", nil, nil},
		{"Hung meat in the market", all, nil},
		{"a hung jury", all, nil},
		// A given name that is no English word, without its marks too.
		{"Minh said wait for night", all, []string{"Minh=V-minh"}},
		{"Minh nói chờ, Thu đã nói không", all, []string{"Minh=V-minh", "Thu=V-thu"}},
		{"Notes (Thu, Minh)", all, []string{"Thu=V-thu", "Minh=V-minh"}},
		{"Minh said wait", nil, nil},
		{"we left on Thu 14 May", all, nil},
		{"Ho Chi Minh City and Uncle Ho Chi Minh", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindSlavicForms checks a Slavic name registered in Western order
// with its patronymic, and a Cyrillic alias: the family name alone, its
// other gender's form in both scripts, Cyrillic look-alikes in a Latin
// word.
func TestFindSlavicForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-sokolov", Name: "Nikolai Petrovich Sokolov", Aliases: []string{"Николай Соколов"}},
		{ID: "R-volkov", Name: "Volkov Dmitri"},
	})
	for text, want := range map[string][]string{
		"Dmitri Volkoff said":   {"Dmitri Volkoff=R-volkov"},
		"Sokolov said nothing":  {"Sokolov=R-sokolov"},
		"Sokolova said":         {"Sokolova=R-sokolov"},
		"Sokolov\u0430 said":    {"Sokolov\u0430=R-sokolov"},
		"Соколова, его жена":    {"Соколова=R-sokolov"},
		"Николай Соколов ждал":  {"Николай Соколов=R-sokolov"},
		"Nikolai Sokolov drove": {"Nikolai Sokolov=R-sokolov"},
		"Sokolof came":          {"Sokolof=R-sokolov"},
		"Nikolai Sokoloff came": {"Nikolai Sokoloff=R-sokolov"},
		"Nikolaev and Sokolnik": nil,
		"Sokolo and Sokolofsky": nil,
		"мир и соколы":          nil,
	} {
		if got := mentions(t, m, text); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFindEvidentPart checks a Latin name token of five letters or more
// of a person the record names, alone and capitalised, as a family name
// alone is found, and in the plural; English words, other capitalised
// names and records that do not name the person stay.
func TestFindEvidentPart(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-gut", Name: "Rosa María Gutiérrez Vega"},
		{ID: "R-moon", Name: "Moon Jae"},
		{ID: "R-hope", Name: "Hope Rivers"},
	})
	ev := map[string]bool{"R-gut": true, "R-moon": true, "R-hope": true}
	for _, c := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Gutiérrez said nothing", ev, []string{"Gutiérrez=R-gut?"}},
		{"Then Gutierrez said", ev, []string{"Gutierrez=R-gut?"}},
		{"Later Gutierrez drove", ev, []string{"Gutierrez=R-gut?"}},
		{"the Gutiérrez family", ev, []string{"Gutiérrez=R-gut?"}},
		{"the Gutiérrezs came", ev, []string{"Gutiérrezs=R-gut?"}},
		{"Gutierrezs' house", ev, []string{"Gutierrezs=R-gut?"}},
		{"Gutiérrez", ev, []string{"Gutiérrez=R-gut?"}},
		{"Gutiérrez said nothing", nil, nil},
		{"GUTIERREZ WAS HERE", ev, nil},
		{"the Gutierrez dynasty", ev, nil},
		{"Gutierrez Lopez said", ev, nil},
		{"Gutierrezs said", ev, nil},
		{"Moon said", ev, nil},
		{"Song lyrics", ev, nil},
		{"gutierrez said", ev, nil},
	} {
		if got := evidentMentions(t, m, c.text, c.evident); !slices.Equal(got, c.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

// TestFindEverydayI checks an everyday given name ending in a consonant
// with its -이 and no particle, of a person the record names, at the end
// of a clause or before a title or relative (a tag 수정이, a relation 조카
// 이슬이), and with the past copula before 을 (수정이었을 거예요); the
// subject particle on the word stays.
func TestFindEverydayI(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-su", Name: "한수정"},
		{ID: "R-is", Name: "김이슬"},
		{ID: "R-ji", Name: "박지훈"},
	})
	ev := map[string]bool{"R-su": true, "R-is": true}
	for _, c := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"수정이", ev, []string{"수정=R-su"}},
		{"조카 이슬이", ev, []string{"이슬=R-is"}},
		{"수정이, 이슬이랑 왔다", ev, []string{"수정=R-su", "이슬=R-is"}},
		{"수정이 언니가 왔다", ev, []string{"수정=R-su"}},
		{"수정이었을 거예요", ev, []string{"수정=R-su"}},
		{"지훈이었을 거예요", nil, []string{"지훈=R-ji"}},
		{"수정이", nil, nil},
		{"계획 수정이 필요했다", ev, nil},
		{"아침 이슬이 맺혔다", ev, nil},
	} {
		if got := evidentMentions(t, m, c.text, c.evident); !slices.Equal(got, c.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

// TestFindRoleTitle checks a role word before a family name (Broker Lee
// for 이장미), a mention as a title of office is: only where a person of
// the record has the family name.
func TestFindRoleTitle(t *testing.T) {
	m := newMatcher(t, []Person{{ID: "R-jm", Name: "이장미"}, {ID: "R-kc", Name: "Kim Chol"}})
	ev := map[string]bool{"R-jm": true}
	for _, c := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Broker Lee took the money", ev, []string{"Broker Lee=R-jm?"}},
		{"the smuggler Rhee said", ev, []string{"smuggler Rhee=R-jm?"}},
		{"Broker Lee took the money", nil, nil},
		{"Broker Kim said", ev, nil},
		{"the broker Lee Myung-bak met", ev, nil},
	} {
		if got := evidentMentions(t, m, c.text, c.evident); !slices.Equal(got, c.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", c.text, c.evident, got, c.want)
		}
	}
}

// TestFindRussianGiven checks a Russian given name with any patronymic,
// in both scripts and in each transliteration, and its diminutives
// where the record names the person.
func TestFindRussianGiven(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-irina", Name: "Ирина Викторовна Лебедева", Aliases: []string{"Irina Viktorovna Lebedeva"}},
		{ID: "R-nadya", Name: "Nadezhda Petrovna Belova", Aliases: []string{"Надежда Белова"}},
		{ID: "R-dima", Name: "Dmitri Aleksandrovich Volkov", Aliases: []string{"Дмитрий Волков"}},
		{ID: "R-kolya", Name: "Nikolai Petrovich Sokolov"},
		{ID: "R-oleg", Name: "Oleg Ivanovich Morozov"},
	})
	all := map[string]bool{"R-irina": true, "R-nadya": true, "R-dima": true, "R-kolya": true, "R-oleg": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Ирина Викторовна нас приняла", all, []string{"Ирина Викторовна=R-irina"}},
		{"Irina Viktorovna took us in", all, []string{"Irina Viktorovna=R-irina"}},
		{"Надежда Петровна сказала", all, []string{"Надежда Петровна=R-nadya"}},
		{"Dmitrii Aleksandrovich came late", all, []string{"Dmitrii Aleksandrovich=R-dima"}},
		{"Dmitriy Aleksandrovitch, Dmitry", all, []string{"Dmitriy Aleksandrovitch=R-dima", "Dmitry=R-dima"}},
		{"Дмитрий Александрович пришёл", all, []string{"Дмитрий Александрович=R-dima"}},
		{"Ирина сказала ждать", all, []string{"Ирина=R-irina"}},
		{"Дима и Ира пришли", all, []string{"Дима=R-dima", "Ира=R-irina"}},
		{"Надя, Nadya, Nadia", all, []string{"Надя=R-nadya", "Nadya=R-nadya", "Nadia=R-nadya"}},
		{"Ирочка плакала, Mitya drove, Митя", all, []string{"Ирочка=R-irina", "Mitya=R-dima", "Митя=R-dima"}},
		{"Коля спал, Kolya woke, Kolja", all, []string{"Коля=R-kolya", "Kolya=R-kolya", "Kolja=R-kolya"}},
		{"Олежка принёс, Olezhka", all, []string{"Олежка=R-oleg", "Olezhka=R-oleg"}},
		// Where the record does not name them, or in lower case: words.
		{"Дима и Ира пришли", nil, nil},
		{"Nadya met us", nil, nil},
		{"коля", all, nil},
		{"Иван Петрович Сидоров spoke", all, nil},
		{"a rich sandwich", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindNicknameForms checks nicknames made by rule where the record
// names the person: Chinese 阿, 小 and 老 with a syllable of the name,
// Spanish diminutives and Don with a given name.
func TestFindNicknameForms(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-ling", Name: "张美玲", Aliases: []string{"Zhang Meiling"}},
		{ID: "C-hua", Name: "王建华"},
		{ID: "S-pedro", Name: "Pedro Luis Ortega Ramos"},
		{ID: "S-rosa", Name: "Rosa Martínez"},
		{ID: "S-carmen", Name: "Carmen López Díaz"},
		{ID: "E-grace", Name: "Grace Bell"},
		{ID: "E-will", Name: "Will Carter"},
	})
	all := map[string]bool{"C-ling": true, "C-hua": true, "S-pedro": true, "S-rosa": true, "S-carmen": true, "E-grace": true, "E-will": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"老板叫她阿玲。", all, []string{"阿玲=C-ling"}},
		{"阿华开车送我们。", all, []string{"阿华=C-hua"}},
		{"老王收了钱。小张，快走！", all, []string{"老王=C-hua", "小张=C-ling"}},
		{"阿华", all, []string{"阿华=C-hua"}},
		{"Cheung Meiling signed, then Meiling Cheung", all, []string{"Cheung Meiling=C-ling", "Meiling Cheung=C-ling"}},
		{"Cheung Kong Center", all, nil},
		{"P. L. Ortega R. signed", all, []string{"P. L. Ortega R.=S-pedro?"}},
		{"signed: P.L. Ortega", all, []string{"P.L. Ortega=S-pedro?"}},
		{"A. B. Smith and the U.S. Army", all, nil},
		{"driver 阿华", all, []string{"阿华=C-hua"}},
		{"Rosita cried, Pedrito ran, Carmencita sang", all, []string{"Rosita=S-rosa", "Pedrito=S-pedro", "Carmencita=S-carmen"}},
		{"Don Pedro read the papers", nil, []string{"Don Pedro=S-pedro?"}},
		{"Gracie notes, driver Billy", all, []string{"Gracie=E-grace", "Billy=E-will"}},
		{"Licenciado Ortega, Tía Carmen", nil, []string{"Licenciado Ortega=S-pedro?", "Tía Carmen=S-carmen?"}},
		// The everyday words, the Don, and nicknames where the record
		// does not name the person.
		{"老师说要小心，阿姨给了饭。小王子。", all, nil},
		{"阿华开车送我们。", nil, nil},
		{"Rosita cried", nil, nil},
		{"We crossed the Don river", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindEverydayBare checks an everyday given name alone where the
// record names the person: in a short field outside a phrase, with a
// Latin possessive or before a Latin word, with -이네 before a household
// word; and Latin spellings of ㄹ and 영.
func TestFindEverydayBare(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-bada", Name: "김바다", Aliases: []string{"Kim Bada", "꼬마"}},
		{ID: "K-haneul", Name: "윤하늘"},
		{ID: "K-byeol", Name: "문별"},
		{ID: "K-yongnam", Name: "림영남", Aliases: []string{"Rim Yong-nam"}},
	})
	all := map[string]bool{"K-bada": true, "K-haneul": true, "K-byeol": true, "K-yongnam": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"바다 (꼬마) — Bada's story", all, []string{"바다=K-bada", "꼬마=K-bada", "Bada=K-bada"}},
		{"Notes (바다, 하늘)", all, []string{"바다=K-bada", "하늘=K-haneul"}},
		{"바다's mother was taken", all, []string{"바다=K-bada"}},
		{"하늘's mother was arrested", all, []string{"하늘=K-haneul"}},
		{"별이네 집에 숨었다", all, []string{"별=K-byeol"}},
		{"하늘이네 식구", all, []string{"하늘=K-haneul"}},
		{"Lim Young-nam drove, Yim Yeongnam paid", all, []string{"Lim Young-nam=K-yongnam", "Yim Yeongnam=K-yongnam"}},
		// The words: in a phrase, without evidence, an exclamation.
		{"고향 바다", all, nil},
		{"바다 (꼬마)", nil, []string{"꼬마=K-bada"}},
		{"the 바다 view", all, nil},
		{"별이네!", all, nil},
		{"하늘이 무너지는 것 같았다", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindWordNames checks names that are words too: the word in a
// phrase that makes it one, the person in a full or titled form.
func TestFindWordNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "E-bell", Name: "Grace Bell"},
		{ID: "E-paz", Name: "Dolores Paz"},
		{ID: "E-carter", Name: "Will Carter"},
		{ID: "E-carmen", Name: "Carmen López Díaz"},
		{ID: "E-brown", Name: "Adam Brown"},
		{ID: "E-rivers", Name: "Ruth Rivers"},
		{ID: "K-yongnam", Name: "림영남"},
		{ID: "K-bada", Name: "김바다", Aliases: []string{"꼬마"}},
		{ID: "E-dal", Name: "Han Dal", Aliases: []string{"Dal"}},
	})
	all := map[string]bool{"E-bell": true, "E-paz": true, "E-carter": true, "E-carmen": true, "E-brown": true,
		"E-rivers": true, "K-yongnam": true, "K-bada": true, "E-dal": true}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"The church bell rang", nil},
		{"Paz y justicia", nil},
		{"Dolores de cabeza all week", nil},
		{"Carmen, the opera, played", nil},
		{"The carter's horse", nil},
		{"We ate Brown rice and Dal soup", nil},
		{"The rivers froze. Rivers of Babylon", nil},
		{"영남 지방 사투리, 꼬마 아이들", nil},
		// Full and titled forms, and the name alone elsewhere, stay
		// mentions.
		{"Grace Bell rang", []string{"Grace Bell=E-bell"}},
		{"Ms Bell and Mrs Paz", []string{"Bell=E-bell", "Paz=E-paz"}},
		{"Dolores Paz y justicia", []string{"Dolores Paz=E-paz"}},
		{"Adam Brown rice", []string{"Adam Brown=E-brown"}},
		{"Brown said wait", []string{"Brown=E-brown"}},
		{"영남이가 왔다, 꼬마야", []string{"영남=K-yongnam", "꼬마=K-bada"}},
		{"Carmen y Dolores fueron", []string{"Carmen=E-carmen?", "Dolores=E-paz?"}},
	} {
		if got := evidentMentions(t, m, tt.text, all); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindPurposes checks audit purposes and reasons, read with every
// person as evidenced (Everyone): the name forms of the classes above
// are found there too, so the entry keeps no name in clear.
func TestFindPurposes(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-haneul", Name: "윤하늘", Aliases: []string{"Yun Ha-neul"}},
		{ID: "K-bada", Name: "김바다", Aliases: []string{"Kim Bada"}},
		{ID: "K-yongnam", Name: "림영남", Aliases: []string{"Rim Yong-nam"}},
		{ID: "R-nadya", Name: "Nadezhda Petrovna Belova", Aliases: []string{"Надежда Белова"}},
		{ID: "R-dima", Name: "Dmitri Aleksandrovich Volkov", Aliases: []string{"Дмитрий Волков"}},
		{ID: "S-pedro", Name: "Pedro Luis Ortega Ramos"},
		{ID: "V-minh", Name: "Trần Văn Minh"},
		{ID: "C-ling", Name: "Zhang Meiling", Aliases: []string{"张美玲"}},
		{ID: "E-grace", Name: "Grace Bell"},
	})
	for _, text := range []string{
		"follow-up on 하늘이", "하늘이 엄마", "Don Pedro follow-up", "Надя interview", "Nadya interview",
		"바다's file", "阿玲 follow up", "Minh said check", "Dmitrii Aleksandrovich", "Надежда Петровна",
		"Gracie notes", "Lim Young-nam", "Дима asked",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
}

// TestAliasOfGivenName checks that an everyday given name registered
// also as an alias (미래 for 송미래) keeps the given name's evidence rule,
// and that an alias that is not the given name keeps the word.
func TestAliasOfGivenName(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-mirae", Name: "송미래", Aliases: []string{"Song Mi-rae", "미래"}},
		{ID: "K-bora", Name: "이보라", Aliases: []string{"보라"}},
		{ID: "K-hope", Name: "Kim Hee-mang", Aliases: []string{"희망"}},
	})
	all := map[string]bool{"K-mirae": true, "K-bora": true, "K-hope": true}
	mirae, bora := []string{"미래=K-mirae"}, []string{"보라=K-bora"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"미래가 처음 두만강을 건넌 건 2009년 봄이었어요.", all, mirae},
		{"미래는 그때 열여덟이었다.", all, mirae},
		{"미래's brother stayed behind.", all, mirae},
		{"미래의 탈북", all, mirae},
		{"보라가 먼저 잡혔다.", all, bora},
		{"보라는 아무 말도 안 했다.", all, bora},
		{"보라를 다시 만난 건 서울에서였다.", all, bora},
		{"미래야, 가자", nil, mirae},
		// Without evidence, or with more than the grammar after it, the word.
		{"미래가 없었다", nil, nil},
		{"보라색 외투", all, nil},
		{"저 하늘을 보라", all, nil},
		{"우리의 미래는 어둡다고 생각했다. 나의 미래가", all, nil},
		// An alias that is no given name keeps the word.
		{"희망이 없었다, 희망은 있다", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestVietnameseClause checks a Vietnamese given name without marks that
// is an English word too (Lan, Mai) alone where only the evident person
// can be, and the word elsewhere; and that a pronoun (anh) is never a
// name alone.
func TestVietnameseClause(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "V-lan", Name: "Lê Thị Lan"},
		{ID: "V-mai", Name: "Nguyễn Thị Mai"},
		{ID: "V-anh", Name: "Nguyễn Đức Anh"},
		{ID: "V-hung", Name: "Trần Văn Hùng"},
	})
	all := map[string]bool{"V-lan": true, "V-mai": true, "V-anh": true, "V-hung": true}
	lan, mai := []string{"Lan=V-lan"}, []string{"Mai=V-mai"}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Lan said she was sold twice.", all, lan},
		{"Lan ơi, đừng khóc.", all, lan},
		{"Lan's passport was taken in Guangzhou.", all, lan},
		{"Lan và em gái ngủ chung.", all, lan},
		{"bé Lan was only twelve then.", all, lan},
		{"Lan nói chờ.", all, lan},
		{"Lan: I waited three days.", all, lan},
		{"Q: Lan, when did you leave?", all, lan},
		{"Mai said the boat left at night.", all, mai},
		{"Mai's husband beat her.", all, mai},
		{"Hung said hi", all, []string{"Hung=V-hung"}},
		// A given name whose last part is a pronoun, with the part
		// before it, marked or not.
		{"Duc Anh sold me to the broker.", all, []string{"Duc Anh=V-anh"}},
		{"Đức Anh sold me to the broker.", all, []string{"Đức Anh=V-anh"}},
		// Short fields: a title, a tag, a relation.
		{"Mai & Hoa", all, mai},
		{"Mai", all, mai},
		{"friend Mai", all, mai},
		// Not evident, or not where a person is: the words.
		{"Lan said she was sold twice.", nil, nil},
		{"The LAN was down. The LAN party ran all night in a long hall with many other guests and their computers.", all, nil},
		{"Lan Kwai Fong", all, nil},
		{"We went to Lan Kwai Fong on Friday and stayed in a small hotel near the harbour for a week.", all, nil},
		{"May 2019: Mai vàng bloomed along the road, and the market sold Mai branches to every family there.", all, nil},
		{"Lanterns", all, nil},
		// A pronoun alone is no name.
		{"Anh ơi, cho em hỏi.", all, nil},
		{"Anh ấy đi rồi, em và anh", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestHanTitles checks a Chinese family name, full name or given name's
// character with a title, kinship word or -子 where the record names the
// person, and the everyday words beside them.
func TestHanTitles(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "C-jin", Name: "金英姬"},
		{ID: "C-zhao", Name: "赵德胜"},
		{ID: "C-ma", Name: "马丽"},
		{ID: "C-zhou", Name: "周国强", Aliases: []string{"Zhou Guoqiang"}},
		{ID: "C-liu", Name: "刘春花"},
		{ID: "C-wen", Name: "文志强"},
	})
	all := map[string]bool{"C-jin": true, "C-zhao": true, "C-ma": true, "C-zhou": true, "C-liu": true, "C-wen": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"金姐带我们过河。", all, []string{"金姐=C-jin"}},
		{"赵警官打了我。", all, []string{"赵警官=C-zhao"}},
		{"我去找赵所长", all, []string{"赵所长=C-zhao"}},
		{"马姐和马阿姨", all, []string{"马姐=C-ma", "马阿姨=C-ma"}},
		{"刘老板说", all, []string{"刘老板=C-liu"}},
		{"周师傅开车", all, []string{"周师傅=C-zhou"}},
		{"金老师", all, []string{"金老师=C-jin"}},
		{"赵哥说", all, []string{"赵哥=C-zhao"}},
		{"丽姐说，胜哥也说", all, []string{"丽姐=C-ma", "胜哥=C-zhao"}},
		{"丽丽跟我走", all, []string{"丽丽=C-ma"}},
		{"周国强开车，强子也开车", all, []string{"周国强=C-zhou", "强子=C-wen?"}}, // 文志强 too
		{"文书记说", all, []string{"文书记=C-wen"}},
		{"花姐", all, []string{"花姐=C-liu"}},
		{"马丽阿姨给了饭", all, []string{"马丽阿姨=C-ma"}},
		{"赵哥 took the money. 丽姐 helped.", all, []string{"赵哥=C-zhao", "丽姐=C-ma"}},
		{"强子开的是白色面包车。金老师教我们中文。马丽阿姨收留了我们。", all, []string{"强子=C-wen?", "金老师=C-jin", "马丽阿姨=C-ma"}},
		{"Master Zhou drove.", all, []string{"Master Zhou=C-zhou?"}},
		// Not evident, or everyday words.
		{"赵警官打了我。", nil, nil},
		{"老师说，叫花子来了", all, nil},
		{"公文书记录，金姐妹们", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestRussianCases checks a Russian name in Cyrillic in each case: given
// name and patronymic anywhere, the patronymic, its colloquial form and
// the family name alone where the record names the person.
func TestRussianCases(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-kuz", Name: "Сергей Иванович Кузнецов", Aliases: []string{"Sergei Kuznetsov"}},
		{ID: "R-olga", Name: "Ольга Сергеевна Петренко", Aliases: []string{"Olga Petrenko"}},
		{ID: "R-smir", Name: "Иван Петрович Смирнов"},
	})
	all := map[string]bool{"R-kuz": true, "R-olga": true, "R-smir": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Сергея Ивановича боялись.", nil, []string{"Сергея Ивановича=R-kuz"}},
		{"Сергеем Ивановичем его звали.", nil, []string{"Сергеем Ивановичем=R-kuz"}},
		{"Иваном Петровичем звали его. Ивану Петровичу отдали.", nil, []string{"Иваном Петровичем=R-smir", "Ивану Петровичу=R-smir"}},
		{"Ольгой Сергеевной звали хозяйку.", nil, []string{"Ольгой Сергеевной=R-olga"}},
		{"Ольга Сергеевна сдала нам комнату.", nil, []string{"Ольга Сергеевна=R-olga"}},
		{"Сергеевна сказала уходить.", all, []string{"Сергеевна=R-olga"}},
		{"Иваныч сказал, Иванычу отдали", all, []string{"Иваныч=R-kuz", "Иванычу=R-kuz"}},
		{"С Кузнецовым, Кузнецову отдали, о Кузнецове", all, []string{"Кузнецовым=R-kuz", "Кузнецову=R-kuz", "Кузнецове=R-kuz"}},
		{"Смирнову отдали. Смирновым не спорили.", all, []string{"Смирнову=R-smir", "Смирновым=R-smir"}},
		{"Петренко не задавала вопросов.", all, []string{"Петренко=R-olga"}},
		{"the Petrenkos let us stay.", all, []string{"Petrenkos=R-olga?"}},
		// Alone, only where evident.
		{"Сергеевна сказала уходить. Иваныч сказал.", nil, nil},
		{"Кузнецову отдали", nil, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestRomanisedVowels checks the Latin spellings of a Hangul given name
// whose vowels have several (혁: hyeok, hyok, hyuk; 서: seo, so, suh;
// 은: eun, un) with either spelling of its family name, and that a rare
// final spelling does not crowd them out.
func TestRomanisedVowels(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-kh", Name: "최광혁", Aliases: []string{"Choe Kwang-hyok"}},
		{ID: "K-es", Name: "김은서"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Kwang-hyuk came at night.", []string{"Kwang-hyuk=K-kh"}},
		{"Choi Kwang-hyuk came at night.", []string{"Choi Kwang-hyuk=K-kh"}},
		{"Choe Kwang-hyuk, Gwanghyeok, Kwanghyok", []string{"Choe Kwang-hyuk=K-kh", "Gwanghyeok=K-kh", "Kwanghyok=K-kh"}},
		{"Eunseo, Eunsuh, Unso", []string{"Eunseo=K-es", "Eunsuh=K-es", "Unso=K-es"}},
		{"kwanghyuk", nil},
	} {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSpanishDoubleSurname checks the two family names of a Spanish name
// alone, with or without their marks and before the given names, and
// Letrado as a title.
func TestSpanishDoubleSurname(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "S-jm", Name: "José Manuel García Torres"},
		{ID: "V-lan", Name: "Lê Thị Lan"},
		{ID: "R-kuz", Name: "Sergei Ivanovich Kuznetsov"},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"García Torres filed the appeal.", []string{"García Torres=S-jm"}},
		{"Garcia Torres filed it again.", []string{"Garcia Torres=S-jm"}},
		{"García Torres, José Manuel (abogado)", []string{"García Torres=S-jm", "José Manuel=S-jm"}},
		{"Letrado García", []string{"Letrado García=S-jm?"}},
		// Other names, and the places and words beside.
		{"garcía torres, the Torres Strait, García Márquez", nil},
		{"Ivanovich Kuznetsov", []string{"Ivanovich Kuznetsov=R-kuz"}},
	} {
		if got := evidentMentions(t, m, tt.text, m.Everyone()); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, everyone) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestWordPhrasesR11 checks the phrases of review 13e where a name alone
// is a word or a place, and that the name stays a mention elsewhere.
func TestWordPhrasesR11(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "S-pedro", Name: "Pedro Luis Ortega Ramos"},
		{ID: "V-hoa", Name: "Trần Thị Hoa"},
		{ID: "S-jm", Name: "José Manuel García Torres"},
		{ID: "R-olga", Name: "Ольга Сергеевна Петренко", Aliases: []string{"Olga Petrenko"}},
		{ID: "C-mali", Name: "马丽", Aliases: []string{"Ma Li"}},
	})
	all := m.Everyone()
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Ramos de flores on the table.", nil},
		{"Domingo de Ramos was the day.", nil},
		{"Hoa sen nở rồi.", nil},
		{"Pepe the Frog", nil},
		{"We sailed into the Olga Bay.", nil},
		{"Mali is in Africa.", nil},
		{"小马过河的故事", nil},
		{"Ramos said so.", []string{"Ramos=S-pedro?"}},
		{"Hoa said so.", []string{"Hoa=V-hoa"}},
		{"Olga said so.", []string{"Olga=R-olga"}},
		{"小马说", []string{"小马=C-mali"}},
	} {
		if got := evidentMentions(t, m, tt.text, all); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, everyone) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindPurposesR11 checks the audit purposes and reasons of review
// 13e, read with every person as evidenced (Everyone).
func TestFindPurposesR11(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "K-mirae", Name: "송미래", Aliases: []string{"Song Mi-rae", "미래"}},
		{ID: "V-lan", Name: "Lê Thị Lan", Aliases: []string{"Le Thi Lan"}},
		{ID: "S-jm", Name: "José Manuel García Torres"},
		{ID: "R-olga", Name: "Ольга Сергеевна Петренко", Aliases: []string{"Olga Petrenko"}},
		{ID: "R-kuz", Name: "Сергей Иванович Кузнецов", Aliases: []string{"Sergei Kuznetsov"}},
		{ID: "C-ma", Name: "马丽", Aliases: []string{"Ma Li"}},
		{ID: "C-liu", Name: "刘春花"},
		{ID: "C-zhao", Name: "赵德胜"},
		{ID: "C-zhou", Name: "周国强"},
		{ID: "K-kh", Name: "최광혁", Aliases: []string{"Choe Kwang-hyok"}},
	})
	for _, text := range []string{
		"follow-up: 미래가 전화함", "미래의 파일 검토", "미래가 요청함", "Lan said call back", "Lan's case",
		"Lan asked to withdraw", "García Torres appeal review", "García Torres request", "Ольга Сергеевна interview",
		"Ольга Сергеевна called", "Иваныч camp study", "Иваныч threat", "Кузнецовым interview", "马丽阿姨 housing",
		"丽丽 follow-up", "丽丽 asked", "花姐 broker network", "赵警官 interview", "driver 强子", "Chae Kwang-hyuk review",
	} {
		if len(m.FindEvident(text, m.Everyone())) == 0 {
			t.Errorf("FindEvident(%q, everyone) found nobody", text)
		}
	}
}
