package names

import (
	"slices"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/lineartest"
)

// TestHangulOfCyrillic checks the Hangul of Russian names against the
// spellings the National Institute of Korean Language's rules give.
func TestHangulOfCyrillic(t *testing.T) {
	for _, tt := range []struct{ cyr, want string }{
		{"андрей", "안드레이"},       // н a final, й after a vowel
		{"николаевич", "니콜라예비치"}, // л doubled, е after a vowel, ч alone
		{"волков", "볼코프"},        // л a final, в voiceless at the end
		{"кузнецов", "쿠즈네초프"},    // з alone, ц before a vowel
		{"сергей", "세르게이"},
		{"иванович", "이바노비치"},
		{"дмитрий", "드미트리"},     // ий after a consonant
		{"владимир", "블라디미르"},   // л after a consonant
		{"виктор", "빅토르"},       // к before a voiceless consonant
		{"максим", "막심"},        // м a final at the end
		{"чайковский", "차이콥스키"}, // в before a voiceless consonant
		{"ольга", "올가"},         // soft sign before a consonant
		{"наталья", "나탈리야"},     // soft sign before a vowel
		{"татьяна", "타티야나"},
		{"юрий", "유리"},
		{"евгений", "예브게니"},
		{"олег", "올레크"}, // г voiceless at the end
		{"пётр", "표트르"},
		{"хрущёв", "흐루쇼프"}, // щ before ё
		{"", ""},
		{"volkov", ""},
		{"волков1", ""},
	} {
		if got := hangulOfCyrillic(tt.cyr); got != tt.want {
			t.Errorf("hangulOfCyrillic(%q) = %q, want %q", tt.cyr, got, tt.want)
		}
	}
}

func TestLatinOfGerman(t *testing.T) {
	for _, tt := range []struct {
		cyr  string
		want string
	}{
		{"кузнецов", "kusnezow"},
		{"сергей", "sergej"},
		{"николаевич", "nikolajewitsch"},
		{"евгений", "jewgenij"},
		{"жуков", "schukow"},
		{"зайцев", "saizew"},            // й before a consonant is i
		{"чайковский", "tschaikowskij"}, // the German ending
		{"щербаков", "chtcherbakov"},    // French
		{"жуков", "joukov"},
	} {
		if got := latinOf(tt.cyr); !slices.Contains(got, tt.want) {
			t.Errorf("latinOf(%q) = %q, want %q among them", tt.cyr, got, tt.want)
		}
	}
}

// TestFindCyrillicReadings checks names registered in Cyrillic written
// in Hangul and in other Latin transliterations (review 13f, class 9).
func TestFindCyrillicReadings(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-volkov", Name: "Андрей Николаевич Волков", Aliases: []string{"Andrei Volkov"}},
		{ID: "R-kuz", Name: "Кузнецов Сергей Иванович"},
		{ID: "R-olga", Name: "Ольга Смирнова"},
	})
	all := map[string]bool{"R-volkov": true, "R-kuz": true, "R-olga": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"안드레이 니콜라예비치가 돈을 안 줬어요.", nil, []string{"안드레이 니콜라예비치=R-volkov"}},
		{"볼코프 사장은 무서웠다.", nil, []string{"볼코프=R-volkov"}},
		{"안드레이 볼코프", nil, []string{"안드레이 볼코프=R-volkov"}},
		{"쿠즈네초프 사장이 여권을 가져갔다.", nil, []string{"쿠즈네초프=R-kuz"}},
		{"세르게이 이바노비치가 돈을 안 줬다.", nil, []string{"세르게이 이바노비치=R-kuz"}},
		{"세르게이 이바노비치 쿠즈네초프였어요", nil, []string{"세르게이 이바노비치 쿠즈네초프=R-kuz"}},
		{"스미르노바 씨", nil, []string{"스미르노바=R-olga"}},
		{"올가 언니가 왔다", nil, []string{"올가=R-olga"}},
		{"올가가 말했다", all, []string{"올가=R-olga"}},
		{"Kusnezow, the German paper wrote.", all, []string{"Kusnezow=R-kuz"}},
		{"Kuznetsov said", all, []string{"Kuznetsov=R-kuz"}},
		{"Sergej Kusnezow", all, []string{"Sergej=R-kuz", "Kusnezow=R-kuz"}},
		{"Andrej Nikolajewitsch", all, []string{"Andrej Nikolajewitsch=R-volkov"}},
		// Not the person.
		{"Kusnezow said", nil, nil},
		{"올가을에 떠났다. 올가 왔다.", all, nil},
		{"Volga, Volkswagen, 볼가강", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestFindGermanFrenchFamilyNames checks Russian family names registered
// in Cyrillic written in the German and French transliterations and with
// the older -off (review 13g, G12), where the record names the person.
func TestFindGermanFrenchFamilyNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "R-zay", Name: "Игорь Валентинович Зайцев"},
		{ID: "R-orl", Name: "Дмитрий Сергеевич Орлов"},
		{ID: "R-che", Name: "Александр Петрович Чернов"},
		{ID: "R-shch", Name: "Евгений Щербаков"},
		{ID: "R-zhu", Name: "Жуков Олег Иванович"},
		{ID: "R-smi", Name: "Олег Смирнов"},
	})
	all := map[string]bool{"R-zay": true, "R-orl": true, "R-che": true, "R-shch": true, "R-zhu": true, "R-smi": true}
	for _, tt := range []struct {
		text    string
		evident map[string]bool
		want    []string
	}{
		{"Saizew (German papers) ran the club.", all, []string{"Saizew=R-zay"}},
		{"Mr Orloff kept the passports.", all, []string{"Orloff=R-orl"}},
		{"Orlof, Orlow and Orlov", all, []string{"Orlof=R-orl", "Orlow=R-orl", "Orlov=R-orl"}},
		{"Tschernow came, then Tchernov.", all, []string{"Tschernow=R-che", "Tchernov=R-che"}},
		{"Chtcherbakov and Schtscherbakow", all, []string{"Chtcherbakov=R-shch", "Schtscherbakow=R-shch"}},
		{"Joukov, Schukow, Zhukov", all, []string{"Joukov=R-zhu", "Schukow=R-zhu", "Zhukov=R-zhu"}},
		{"Smirnoff signed.", all, []string{"Smirnoff=R-smi"}},
		// Not where the record does not name them, nor a brand or another
		// name of the same shape.
		{"Saizew said, Orloff said", nil, nil},
		{"Smirnoff vodka, Tschaikowski's concerto, the saizew", all, nil},
	} {
		if got := evidentMentions(t, m, tt.text, tt.evident); !slices.Equal(got, tt.want) {
			t.Errorf("FindEvident(%q, %v) = %q, want %q", tt.text, tt.evident, got, tt.want)
		}
	}
}

// TestReadingsLinear checks that the readings of Han and Cyrillic names
// and the romanisations by syllable keep Find linear in the text, on
// texts made of them repeated.
func TestReadingsLinear(t *testing.T) {
	t.Parallel()
	m := newMatcher(t, append(benchPersons(200),
		Person{ID: "C-wang", Name: "王建国"}, Person{ID: "C-ma", Name: "马丽"},
		Person{ID: "R-kuz", Name: "Сергей Иванович Кузнецов"}, Person{ID: "R-olga", Name: "Ольга Смирнова"},
		Person{ID: "K-sc", Name: "김성철"}, Person{ID: "K-eb", Name: "한은별", Values: []string{"회령시 오산덕동"}},
		Person{ID: "R-al", Name: "Александр Петрович Чернов"}, Person{ID: "V-ha", Name: "Lê Thị Thu Hà"},
		Person{ID: "S-jl", Name: "José Luis Ramírez Ortega"}))
	evident := map[string]bool{"C-wang": true, "C-ma": true, "R-kuz": true, "R-olga": true, "K-sc": true, "K-eb": true, "R-al": true, "V-ha": true, "S-jl": true}
	for name, piece := range map[string]string{
		"hanja": "왕건국 마려 ", "hanja-prefix": "왕건", "hanja-titled": "마려 아줌마가 ",
		"cyrillic": "세르게이 이바노비치 ", "cyrillic-prefix": "세르게이 이바", "cyrillic-particles": "올가가 쿠즈네초프였어요 ",
		"latin-cyrillic": "Kusnezow ", "syllables": "Sung-", "syllables-open": "O-san-dŏk-", "syllables-spaced": "Mee rae ",
		"wade-giles": "Chien-kuo ", "wade-giles-prefix": "Wang Chien-", "cantonese": "Ma Lai Ma ",
		"hanviet": "Vương Kiến Quốc ", "hanviet-prefix": "Vương Kiến ", "hanja-romanised": "Wang Geon-guk ",
		"han-of-viet": "秋霞姐", "russian-forms": "Санёк Шурик Sanyok ", "russian-word": "Саше. ", "russian-word-quoted": ": «Саше» ", "russian-case": "у Саши ", "german": "Tschernow ",
		"kontsevich": "Ким Сон Чхоль Ким Сон ", "kontsevich-joined": "Ким Сончхоль Сончхоль ", "palladius": "Ван Цзяньго Ван Цзянь ",
		"viet-cyrillic": "Ле Тхи Тху Ха Ле Тхи ", "spanish-cyrillic": "Хосе Луиса Хосе Луис Рамирес ",
	} {
		if err := lineartest.Check(piece, 1<<10, 1, 10*time.Millisecond, func(text string) { checkMatches(t, text, m.FindEvident(text, evident)) }); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
