package names

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A witness registered in one script is written in the script of the
// country that handled her: a Vietnamese or Spanish name in Hangul in a
// Korean testimony (찐티란, 카를라 마르티네스), a Russian name in Han
// characters in a Chinese contract (瓦季姆·古谢夫), a Korean name in
// katakana at a Japanese NGO (パク・チヨン, ジヨン). foreignVariants makes
// these forms by the published tables below; they rank as guessed
// spellings: the full name anywhere, a given name alone only as each
// function says.

// foreignVariants returns the variants of a registered name written in
// another script: Vietnamese and Spanish names in Hangul, Russian names
// in Cyrillic in Han characters, Korean names in Hangul in katakana.
func foreignVariants(person int32, name []token, raw string) []rawVariant {
	// The name as registered, with the marks folding takes away (ư, ñ).
	words := strings.Fields(strings.ToLower(norm.NFC.String(raw)))
	if len(words) != len(name) {
		return nil
	}
	for _, t := range name {
		if len(t.words) != 1 {
			return nil
		}
	}
	switch {
	case len(words) >= 2 && vietnameseSurnames[plainKey(words[0])]:
		return foreignParts(person, convertAll(words, hangulOfVietnamese), false)
	case spanishName(raw, name):
		// With particles (María de la Cruz) the parts are not plain
		// given and family names: the full name only.
		particles := slices.ContainsFunc(name, token.particle)
		return foreignParts(person, convertAll(words, hangulOfSpanish), !particles)
	}
	if given, _, family, ok := russianParts(name); ok && family != "" {
		return russianHanVariants(person, given, family)
	}
	if len(words) == 1 {
		if family, given, ok := splitHangulName(name[0].words[0]); ok {
			return katakanaVariants(person, family, given)
		}
	}
	return nil
}

// convertAll returns each word converted by f, or nil if f fails on one.
func convertAll(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		if out[i] = f(w); out[i] == "" {
			return nil
		}
	}
	return out
}

// foreignParts returns the variants of a name in Hangul of the words
// parts: the whole, spaced or joined (찐티란, 찐 티 란); for a Spanish
// name (given names, then one or two family names) also the given names
// (호세 루이스), the first given name with the first family name (카를라
// 마르티네스), the two family names, and the first given name alone
// (리고베르토, 과달루페) as an everyday Hangul given name is: where the
// record names the person (마리아 is the Virgin Mary too).
func foreignParts(person int32, parts []string, spanish bool) []rawVariant {
	if len(parts) < 2 {
		return nil
	}
	tok := func(ps ...string) []token {
		ts := make([]token, len(ps))
		for i, p := range ps {
			ts[i] = wideToken(p)
		}
		return ts
	}
	out := []rawVariant{newRaw(person, rankRomanised, tok(parts...))}
	if !spanish {
		return out
	}
	nGiven := len(parts) - 1
	if len(parts) == 4 {
		nGiven = 2
	}
	if nGiven > 1 {
		out = append(out, newRaw(person, rankRomanised, tok(parts[:nGiven]...)))
		out = append(out, newRaw(person, rankRomanised, tok(parts[0], parts[nGiven])))
	}
	if len(parts)-nGiven > 1 {
		out = append(out, newRaw(person, rankRomanised, tok(parts[nGiven:]...)))
	}
	if utf8.RuneCountInString(parts[0]) >= 2 {
		v := newRaw(person, rankRomanised, tok(parts[0]))
		v.everyday, v.evidence = true, true
		out = append(out, v)
	}
	return out
}

// wideToken returns the token of a word of a script of wide letters
// (Hangul, Han, kana), weighed as the matcher weighs them.
func wideToken(w string) token {
	return token{words: []string{w}, weight: 2 * utf8.RuneCountInString(w)}
}

// hangul composes a syllable of the initial, vowel and final consonant
// indexes of the Unicode order.
func hangul(ini, vow, fin int) rune { return rune(0xAC00 + (ini*21+vow)*28 + fin) }

// The Hangul of Vietnamese (국립국어원, 외래어 표기법 제4장 베트남어
// 표기 세칙, 2004; its examples: Trịnh 찐, Hồ Chí Minh 호찌민, Nguyễn
// 응우옌, Hải Phòng 하이퐁, Quảng Ninh 꽝닌, Thanh 타인). vietHangulInitials
// maps an initial consonant to its initial's index; ng and nh are made
// by hangulOfVietnamese.
var (
	vietHangulInitials = map[string]int{
		"b": 7, "c": 1, "k": 1, "q": 1, "ch": 13, "tr": 13, "d": 12, "gi": 12, "đ": 3, "g": 0, "gh": 0,
		"h": 18, "kh": 15, "l": 5, "r": 5, "m": 6, "n": 2, "ph": 17, "s": 9, "t": 4, "th": 16, "v": 7, "x": 10,
	}
	// vietVowels maps a vowel letter to its Hangul vowel's index.
	vietVowels = map[rune]int{'a': 0, 'ă': 0, 'â': 4, 'e': 1, 'ê': 5, 'i': 20, 'y': 20, 'o': 8, 'ô': 8, 'ơ': 4, 'u': 13, 'ư': 18}
	// vietHangulFinals maps a final consonant to its final's index.
	vietHangulFinals = map[string]int{"c": 1, "ch": 1, "m": 16, "n": 4, "ng": 21, "nh": 4, "p": 17, "t": 19}
	// glides are the vowels with y after nh (냐, 뉴) and with w after qu
	// (꽈, 꿘, 꿰, 뀌).
	yGlide = map[int]int{0: 2, 4: 6, 1: 3, 5: 7, 8: 12, 13: 17}
	wGlide = map[int]int{0: 9, 4: 14, 1: 10, 5: 15, 20: 16}
)

// hangulOfVietnamese returns the Hangul of a Vietnamese syllable, in
// lower case, with or without its marks; "" if it is none.
func hangulOfVietnamese(syl string) string {
	// The tone marks go, the vowels' own marks (â, ơ, ư) stay.
	var b strings.Builder
	for _, r := range norm.NFD.String(syl) {
		switch r {
		case 0x300, 0x301, 0x303, 0x309, 0x323:
		default:
			b.WriteRune(r)
		}
	}
	s := norm.NFC.String(b.String())
	var out []rune
	ini := 11
	switch {
	case strings.HasPrefix(s, "ngh"), strings.HasPrefix(s, "ng"):
		out = append(out, '응')
		s = strings.TrimPrefix(strings.TrimPrefix(s, "ngh"), "ng")
	case strings.HasPrefix(s, "nh"):
		ini = -1 // ㄴ with the vowel's y glide
		s = s[2:]
	case strings.HasPrefix(s, "qu"):
		ini = -2 // ㄲ with the vowel's w glide
		s = s[2:]
	case strings.HasPrefix(s, "gi"):
		// gi is ㅈ, its i the vowel only before no other (Giang 장, gìn 진).
		ini, s = 12, s[2:]
		if r := []rune(s); len(r) == 0 || !strings.ContainsRune("aăâeêoôơuư", r[0]) {
			s = "i" + s
		}
	default:
		for _, n := range []int{2, 1} {
			r := []rune(s)
			if len(r) < n {
				continue
			}
			if i, ok := vietHangulInitials[string(r[:n])]; ok {
				ini, s = i, string(r[n:])
				break
			}
		}
	}
	rs := []rune(s)
	var vs []int
	i := 0
	for ; i < len(rs); i++ {
		v, ok := vietVowels[rs[i]]
		if !ok {
			break
		}
		// yê is 예 (Nguyễn 응우옌, Yến 옌); a after i, u, ư is 어 (ia
		// 이어, ua 우어, ưa 으어).
		if rs[i] == 'ê' && i > 0 && rs[i-1] == 'y' {
			vs[len(vs)-1] = 7
			continue
		}
		if rs[i] == 'a' && i > 0 && i == len(rs)-1 && strings.ContainsRune("iuư", rs[i-1]) && ini != -2 {
			v = 4
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return ""
	}
	fin := 0
	if rest := string(rs[i:]); rest != "" {
		f, ok := vietHangulFinals[rest]
		if !ok {
			return ""
		}
		fin = f
		// anh 아인, ach 아익 (Thanh 타인, Thạch 타익).
		if (rest == "nh" || rest == "ch") && vs[len(vs)-1] == 0 {
			vs = append(vs, 20)
		}
	}
	switch ini {
	case -1:
		ini = 2
		if g, ok := yGlide[vs[0]]; ok {
			vs[0] = g
		}
	case -2:
		ini = 1
		if g, ok := wGlide[vs[0]]; ok {
			vs[0] = g
		} else {
			// qu before o, ô, u is ㄲ and 우: Quốc 꾸옥.
			vs = append([]int{13}, vs...)
		}
	}
	for k, v := range vs {
		f := 0
		if k == len(vs)-1 {
			f = fin
		}
		if k == 0 {
			out = append(out, hangul(ini, v, f))
		} else {
			out = append(out, hangul(11, v, f))
		}
	}
	return string(out)
}

// spanishMarks are the letters with marks a Spanish name has and an
// English one has not.
const spanishMarks = "áéíóúñü"

// spanishGivenNames and spanishSurnames are common Spanish names without
// marks (with the -ez family names, and any name with a Spanish mark),
// which tell a Spanish name from other Latin ones: the Hangul is made for
// Spanish names only, so an English or Korean name in Latin letters gets
// none (a Matcher of 100,000 persons would hold them for nothing).
var (
	spanishGivenNames = wordSet("carla carlos juan luis jose maria guadalupe rigoberto pedro pablo diego miguel alejandro fernanda fernando " +
		"francisco javier antonio manuel dolores esperanza ignacio enrique alberto eduardo jesus rafael santiago sebastian guillermo " +
		"concepcion mercedes rosario pilar teresa beatriz gabriela lupe ernesto roberto ricardo alfredo arturo gustavo rodrigo " +
		"gerardo armando raul oscar hector sergio mario jorge julio cesar camila valentina ximena yesenia karla mariana lucia " +
		"paola daniela adriana veronica claudia leticia marisol araceli rocio elena carmen isabel ana rosa juana margarita francisca")
	spanishSurnames = wordSet("salinas cruz torres flores rivera morales ortiz castillo vargas mendoza reyes herrera medina aguilar " +
		"guerrero rojas moreno romero navarro ramos molina delgado castro vega soto contreras silva sandoval cabrera campos " +
		"espinoza espinosa fuentes cortes guzman luna pena rios mejia salazar lara ibarra miranda cardenas orozco villanueva " +
		"zamora calderon figueroa estrada cervantes acosta avila alvarado padilla trujillo ochoa nunez")
)

// spanishListed reports whether the words of a Latin name are a Spanish
// name by the lists: two to four words, one with a Spanish mark, or a
// given name or family name of the lists, or a family name in -ez.
func spanishListed(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		p := plainKey(w)
		if !isASCIIWord(p) || vietnameseSurnames[p] && i == 0 {
			return false
		}
		if strings.ContainsAny(w, spanishMarks) || i == 0 && spanishGivenNames[p] || i > 0 && (spanishSurnames[p] || strings.HasSuffix(p, "ez") && len(p) > 4) {
			return true
		}
	}
	return false
}

// The Hangul of Spanish (국립국어원, 외래어 표기법 제3장 제3절 에스파냐어
// 표기 세칙; its examples: Carlos 카를로스, Guadalupe 과달루페, España
// 에스파냐, Pablo 파블로, Octavio 옥타비오, Sevilla 세비야). A consonant
// before a vowel is the initial of its syllable; c (k), p before another
// consonant and l, m, n before a consonant or at the end are finals; any
// other consonant there is a syllable of its own with ㅡ; l before a
// vowel after a vowel doubles (ㄹㄹ: 카를라); h is silent; c and g before
// e, i are s and h (ㅅ, ㅎ), j is h, z is s, v is b, ll, y before a vowel
// and ñ give it a y glide (야, 냐), gu before a, o a w glide (과).
var spanishInitials = map[rune]int{
	'b': 7, 'k': 15, 'd': 3, 'f': 17, 'g': 0, 'h': 18, 'l': 5, 'm': 6, 'n': 2, 'p': 17, 'r': 5, 's': 9, 't': 16, 'C': 14, 'Y': 11, 'N': 2, 'W': 0,
}

// spanishHangulVowels maps a vowel to its Hangul vowel's index, plain, after a
// y glide and after a w glide.
var spanishHangulVowels = map[rune][3]int{'a': {0, 2, 9}, 'e': {5, 7, 15}, 'i': {20, 20, 16}, 'o': {8, 12, 14}, 'u': {13, 17, 13}}

// spanishSounds rewrites a folded Spanish word as the letters
// hangulOfSpanish reads: C for ch, Y for ll and a y before a vowel, N for
// ñ, W for gu before a or o; c, g, j, z, v, qu, h and x by their sound.
func spanishSounds(w string) string {
	rs := []rune(w)
	var b strings.Builder
	front := func(i int) bool { return i < len(rs) && strings.ContainsRune("eéiíy", rs[i]) }
	vowel := func(i int) bool { return i < len(rs) && strings.ContainsRune("aáeéiíoóuúü", rs[i]) }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 'c' && i+1 < len(rs) && rs[i+1] == 'h':
			b.WriteRune('C')
			i++
		case r == 'l' && i+1 < len(rs) && rs[i+1] == 'l':
			b.WriteRune('Y')
			i++
		case r == 'r' && i+1 < len(rs) && rs[i+1] == 'r':
			b.WriteRune('r')
			i++
		case r == 'q' && i+1 < len(rs) && rs[i+1] == 'u':
			b.WriteRune('k')
			i++
		case r == 'g' && i+1 < len(rs) && rs[i+1] == 'u' && front(i+2):
			b.WriteRune('g')
			i++
		case r == 'g' && i+1 < len(rs) && rs[i+1] == 'u' && vowel(i+2):
			b.WriteRune('W')
			i++
		case r == 'c' || r == 'g':
			switch {
			case front(i + 1):
				b.WriteRune(map[rune]rune{'c': 's', 'g': 'h'}[r])
			case r == 'c':
				b.WriteRune('k')
			default:
				b.WriteRune('g')
			}
		case r == 'y' && vowel(i+1):
			b.WriteRune('Y')
		case r == 'y':
			b.WriteRune('i')
		case r == 'ñ':
			b.WriteRune('N')
		case r == 'h':
		case r == 'j':
			b.WriteRune('h')
		case r == 'z':
			b.WriteRune('s')
		case r == 'v':
			b.WriteRune('b')
		case r == 'x':
			b.WriteString("ks")
		case r == 'w':
			b.WriteRune('u')
		default:
			b.WriteString(plainKey(string(r)))
		}
	}
	return b.String()
}

// hangulOfSpanish returns the Hangul of a folded Spanish word, or "" if
// it holds a letter beyond the tables.
func hangulOfSpanish(w string) string {
	rs := []rune(spanishSounds(w))
	type syllable struct{ ini, vow, fin int }
	var out []syllable
	isVowel := func(i int) bool {
		if i >= len(rs) {
			return false
		}
		_, ok := spanishHangulVowels[rs[i]]
		return ok
	}
	open := func() bool { return len(out) > 0 && out[len(out)-1].fin == 0 }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if v, ok := spanishHangulVowels[r]; ok {
			out = append(out, syllable{11, v[0], 0})
			continue
		}
		ini, ok := spanishInitials[r]
		if !ok {
			return ""
		}
		if i+1 < len(rs) && isVowel(i+1) {
			glide := 0
			switch r {
			case 'Y', 'N':
				glide = 1
			case 'W':
				glide = 2
			}
			if r == 'l' && i > 0 && open() {
				out[len(out)-1].fin = 8
			}
			out = append(out, syllable{ini, spanishHangulVowels[rs[i+1]][glide], 0})
			i++
			continue
		}
		atEnd := i+1 >= len(rs)
		afterVowel := i > 0 && isVowel(i-1)
		switch {
		case afterVowel && open() && (r == 'l' || r == 'm' || r == 'n'):
			out[len(out)-1].fin = map[rune]int{'l': 8, 'm': 16, 'n': 4}[r]
		case afterVowel && open() && !atEnd && (r == 'k' || r == 'p'):
			out[len(out)-1].fin = map[rune]int{'k': 1, 'p': 17}[r]
		case r == 'Y' || r == 'N' || r == 'W':
			return ""
		default:
			out = append(out, syllable{ini, 18, 0})
		}
	}
	var b strings.Builder
	for _, s := range out {
		b.WriteRune(hangul(s.ini, s.vow, s.fin))
	}
	return b.String()
}

// The Han characters of Russian syllables (新华通讯社译名室, 俄汉译音表,
// as in GB/T 17693.4: Вадим 瓦季姆, Гусев 古谢夫, Иван 伊万, Кузнецова
// 库兹涅佐娃). xinhua maps a consonant (or "" for none) to the
// characters of it before а, о, у, ы, э, е, я, ё, ю, и and alone (before
// a consonant or at the end); xinhuaN are the syllables of a consonant,
// а or о and н before a consonant or at the end (Иван 伊万, Антон 安东).
var (
	xinhuaVowels = []rune("аоуыэеяёюи")
	xinhua       = map[rune][]string{
		0:   {"阿", "奥", "乌", "厄", "埃", "耶", "亚", "约", "尤", "伊", ""},
		'б': {"巴", "博", "布", "贝", "贝", "别", "比亚", "比奥", "比尤", "比", "布"},
		'в': {"瓦", "沃", "武", "维", "韦", "韦", "维亚", "维奥", "维尤", "维", "夫"},
		'г': {"加", "戈", "古", "格", "格", "格", "吉亚", "焦", "久", "吉", "格"},
		'д': {"达", "多", "杜", "德", "代", "杰", "佳", "乔", "久", "季", "德"},
		'ж': {"扎", "若", "茹", "日", "热", "热", "扎", "若", "茹", "日", "日"},
		'з': {"扎", "佐", "祖", "济", "泽", "泽", "贾", "焦", "久", "济", "兹"},
		'к': {"卡", "科", "库", "克", "克", "克", "基亚", "基奥", "丘", "基", "克"},
		'л': {"拉", "洛", "卢", "雷", "莱", "列", "利亚", "廖", "柳", "利", "尔"},
		'м': {"马", "莫", "穆", "梅", "梅", "梅", "米亚", "苗", "缪", "米", "姆"},
		'н': {"纳", "诺", "努", "内", "内", "涅", "尼亚", "纽", "纽", "尼", "恩"},
		'п': {"帕", "波", "普", "佩", "佩", "佩", "皮亚", "皮奥", "皮尤", "皮", "普"},
		'р': {"拉", "罗", "鲁", "雷", "雷", "列", "里亚", "廖", "留", "里", "尔"},
		'с': {"萨", "索", "苏", "瑟", "塞", "谢", "夏", "肖", "休", "西", "斯"},
		'т': {"塔", "托", "图", "特", "泰", "捷", "佳", "乔", "秋", "季", "特"},
		'ф': {"法", "福", "富", "菲", "费", "费", "菲亚", "菲奥", "菲尤", "菲", "夫"},
		'х': {"哈", "霍", "胡", "赫", "赫", "赫", "希亚", "希奥", "休", "希", "赫"},
		'ц': {"察", "佐", "楚", "齐", "采", "采", "齐亚", "佐", "丘", "齐", "茨"},
		'ч': {"恰", "乔", "丘", "奇", "切", "切", "恰", "乔", "丘", "奇", "奇"},
		'ш': {"沙", "绍", "舒", "希", "谢", "谢", "沙", "绍", "舒", "希", "什"},
		'щ': {"夏", "晓", "休", "希", "谢", "谢", "夏", "晓", "休", "希", "什"},
	}
	xinhuaN = map[rune][2]string{
		0: {"安", "翁"}, 'б': {"班", "邦"}, 'в': {"万", "翁"}, 'г': {"甘", "贡"}, 'д': {"丹", "东"}, 'ж': {"让", "容"},
		'з': {"赞", "宗"}, 'к': {"坎", "孔"}, 'л': {"兰", "隆"}, 'м': {"曼", "蒙"}, 'н': {"南", "农"}, 'п': {"潘", "蓬"},
		'р': {"兰", "龙"}, 'с': {"桑", "松"}, 'т': {"坦", "通"}, 'ф': {"凡", "丰"}, 'х': {"汉", "洪"}, 'ц': {"灿", "宗"},
		'ч': {"钱", "琼"}, 'ш': {"尚", "雄"},
	}
	// xinhuaFeminine are the characters a woman's name ends in where a
	// man's has the table's (Кузнецова 库兹涅佐娃, Наталья 娜塔利娅).
	xinhuaFeminine = map[string]string{"瓦": "娃", "纳": "娜", "亚": "娅", "萨": "莎", "沙": "莎", "拉": "拉", "卡": "卡", "利": "莉"}
)

// xinhuaNames are the established Han forms of common Russian names
// where they differ from the table's (新华社, 世界人名翻译大辞典:
// Сергей 谢尔盖, not 谢尔格伊).
var xinhuaNames = map[string]string{
	"сергей": "谢尔盖", "андрей": "安德烈", "николай": "尼古拉", "алексей": "阿列克谢", "владимир": "弗拉基米尔",
	"михаил": "米哈伊尔", "ольга": "奥尔加", "татьяна": "塔季扬娜", "елена": "叶莲娜", "екатерина": "叶卡捷琳娜",
	"наталья": "娜塔莉娅", "ирина": "伊琳娜", "мария": "玛丽亚", "светлана": "斯维特兰娜", "юлия": "尤利娅",
	"павел": "帕维尔", "пётр": "彼得", "петр": "彼得", "антон": "安东", "олег": "奥列格", "игорь": "伊戈尔",
	"евгений": "叶夫根尼", "александр": "亚历山大", "петров": "彼得罗夫", "петрова": "彼得罗娃",
}

// hanOfRussian returns the Han characters of a folded Cyrillic word by
// the Xinhua table, its established form (xinhuaNames) and the table's
// with a woman's last character if they differ; nil if a letter is
// beyond the table.
func hanOfRussian(w string) []string {
	rs := []rune(w)
	col := func(r rune) int {
		for i, v := range xinhuaVowels {
			if v == r {
				return i
			}
		}
		return -1
	}
	var out []string
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == 'ь' || r == 'ъ' {
			i++
			continue
		}
		if c := col(r); c >= 0 {
			// A vowel of its own: after a soft sign or vowel, е, я, ё,
			// ю are iotated as at the start (Наталья 娅).
			if (r == 'а' || r == 'о') && i+1 < len(rs) && rs[i+1] == 'н' && (i+2 == len(rs) || col(rs[i+2]) < 0) {
				out = append(out, xinhuaN[0][map[rune]int{'а': 0, 'о': 1}[r]])
				i += 2
				continue
			}
			out = append(out, xinhua[0][c])
			i++
			continue
		}
		if r == 'й' {
			// Дмитрий 德米特里; after another vowel 伊 (Николай 尼古拉伊).
			if i > 0 && rs[i-1] != 'и' && rs[i-1] != 'ы' {
				out = append(out, "伊")
			}
			i++
			continue
		}
		row, ok := xinhua[r]
		if !ok {
			return nil
		}
		j := i + 1
		soft := false
		for j < len(rs) && (rs[j] == 'ь' || rs[j] == 'ъ') {
			soft, j = true, j+1
		}
		if j < len(rs) && col(rs[j]) >= 0 && !soft {
			v := rs[j]
			if n, ok := xinhuaN[r]; ok && (v == 'а' || v == 'о') && j+1 < len(rs) && rs[j+1] == 'н' && (j+2 == len(rs) || col(rs[j+2]) < 0) {
				out = append(out, n[map[rune]int{'а': 0, 'о': 1}[v]])
				i = j + 2
				continue
			}
			out = append(out, row[col(v)])
			i = j + 1
			continue
		}
		if soft && j < len(rs) && col(rs[j]) >= 0 {
			// ль before a vowel: 利, the vowel iotated after it.
			out = append(out, row[9])
			i = j
			continue
		}
		if i == 0 && (r == 'в' || r == 'ф') {
			out = append(out, "弗") // Владимир 弗拉基米尔
		} else {
			out = append(out, row[10])
		}
		i = j
	}
	s := strings.Join(out, "")
	if s == "" {
		return nil
	}
	forms := []string{s}
	if e, ok := xinhuaNames[w]; ok && e != s {
		forms = append(forms, e)
	}
	if last := out[len(out)-1]; strings.HasSuffix(w, "а") || strings.HasSuffix(w, "я") {
		lr := []rune(last)
		if f, ok := xinhuaFeminine[string(lr[len(lr)-1:])]; ok && f != string(lr[len(lr)-1:]) {
			forms = append(forms, strings.TrimSuffix(s, string(lr[len(lr)-1:]))+f)
		}
	}
	return forms
}

// russianHanVariants returns the variants of a Russian name's given and
// family name in Han characters, in the order Chinese writes them, with
// the middle dot (瓦季姆·古谢夫), or without; not each part alone, which
// may be a word of Han characters or another Russian's part.
func russianHanVariants(person int32, given, family string) []rawVariant {
	gs, fs := hanOfRussian(given), hanOfRussian(family)
	var out []rawVariant
	for _, g := range gs {
		for _, f := range fs {
			out = append(out, newRaw(person, rankRomanised, []token{wideToken(g), wideToken(f)}))
		}
	}
	return out
}

// The katakana of Korean syllables, as Japanese papers and NGOs write
// Korean names (the table of the Japanese press for Korean, 朝鮮語の
// カナ表記: 박지연 パク・チヨン, 김대중 キム・デジュン, 지연 ジヨン):
// kanaRows maps an initial consonant (its index in the Unicode order) to
// the kana of its row before a, i, u, e, o, and a voiced row where the
// consonant is voiced between voiced sounds (ㄱ ㄷ ㅂ ㅈ: デジュン);
// the vowels ㅑ ㅕ ㅛ ㅠ are the row's i with a small ャ ョ ョ ュ, ㅘ ㅝ
// ㅙ ㅞ ㅚ ㅟ ㅢ the row's u with a small ァ ォ ェ ェ ェ ィ ィ; the finals
// ㄴ ㅇ are ン, ㅁ ム, ㄹ ル, ㄱ ク, ㅂ プ, the others ッ.
var (
	kanaRows = [19][2]string{
		{"カキクケコ", "ガギグゲゴ"}, {"カキクケコ", ""}, {"ナニヌネノ", ""}, {"タチトテト", "ダジドデド"}, {"タチトテト", ""},
		{"ラリルレロ", ""}, {"マミムメモ", ""}, {"パピプペポ", "バビブベボ"}, {"パピプペポ", ""}, {"サシスセソ", ""},
		{"サシスセソ", ""}, {"アイウエオ", ""}, {"チチチチチ", "ジジジジジ"}, {"チチチチチ", ""}, {"チチチチチ", ""},
		{"カキクケコ", ""}, {"タチトテト", ""}, {"パピプペポ", ""}, {"ハヒフヘホ", ""},
	}
	// kanaVowels maps a Hangul vowel (its index) to the column of the
	// row (a i u e o) and the small kana after it; a row of ch and j
	// (ㅈ ㅉ ㅊ) is written with a small ャ ュ ェ ョ for a u e o.
	kanaVowels = [21]struct {
		col   int
		small string
	}{
		{0, ""}, {3, ""}, {1, "ャ"}, {3, ""}, {4, ""}, {3, ""}, {1, "ョ"}, {1, "ェ"}, {4, ""}, {2, "ァ"},
		{2, "ェ"}, {2, "ェ"}, {1, "ョ"}, {2, ""}, {2, "ォ"}, {2, "ェ"}, {2, "ィ"}, {1, "ュ"}, {2, ""}, {2, "ィ"}, {1, ""},
	}
	kanaFinals = map[int]string{4: "ン", 21: "ン", 16: "ム", 8: "ル", 1: "ク", 17: "プ"}
)

// katakanaOf returns the katakana of a word of Hangul syllables, its first
// consonant voiceless or, with voiced, voiced (チヨン, ジヨン); "" for
// anything else.
func katakanaOf(w string, voiced bool) string {
	var b strings.Builder
	prevVoiced := voiced
	for _, r := range w {
		if !isHangulSyllable(r) {
			return ""
		}
		k := int(r - 0xAC00)
		ini, vow, fin := k/(21*28), k/28%21, k%28
		row := []rune(kanaRows[ini][0])
		if v := kanaRows[ini][1]; v != "" && prevVoiced {
			row = []rune(v)
		}
		kv := kanaVowels[vow]
		col, small := kv.col, kv.small
		palatal := ini == 12 || ini == 13 || ini == 14
		switch {
		case ini == 11 && small != "" && (col == 1 || vow == 7):
			// ㅇ with a y vowel: ヤ ユ ヨ, イェ.
			b.WriteString(map[int]string{2: "ヤ", 6: "ヨ", 12: "ヨ", 17: "ユ", 7: "イェ", 3: "イェ"}[vow])
		case ini == 11 && small != "":
			// ㅇ with a w vowel: ワ, ウォ, ウェ, ウィ.
			if vow == 9 {
				b.WriteString("ワ")
			} else {
				b.WriteString("ウ" + small)
			}
		case palatal && vow != 20:
			b.WriteRune(row[1])
			b.WriteString(map[int]string{0: "ャ", 2: "ュ", 3: "ェ", 4: "ョ"}[col])
		default:
			b.WriteRune(row[col])
			b.WriteString(small)
		}
		if f, ok := kanaFinals[fin]; ok {
			b.WriteString(f)
		} else if fin != 0 {
			b.WriteString("ッ")
		}
		// ㄱ ㄷ ㅂ ㅈ are voiced after a vowel or ㄴ ㅁ ㄹ ㅇ.
		prevVoiced = fin == 0 || fin == 4 || fin == 21 || fin == 16 || fin == 8
	}
	return b.String()
}

// katakanaVariants returns the variants of a Korean name in katakana:
// the family and given name with a middle dot (パク・チヨン: ・ splits
// words), spaced or joined, the given name's first consonant voiceless or
// voiced; the given name alone (ジヨン, チヨン) of three kana or more: the
// katakana of a Korean given name is no Japanese word (its words of two,
// ハナ, ユリ, are left out).
func katakanaVariants(person int32, family, given string) []rawVariant {
	f := katakanaOf(family, false)
	if f == "" {
		return nil
	}
	// The family name also as the Japanese press writes it where that is
	// not the syllable's kana (チェ for 최), and voiced (バク for 박).
	families := append([]string{f}, familyKana[family]...)
	if v := katakanaOf(family, true); v != f {
		families = append(families, v)
	}
	var out []rawVariant
	for _, voiced := range []bool{false, true} {
		g := katakanaOf(given, voiced)
		if g == "" || voiced && g == katakanaOf(given, false) {
			continue
		}
		for _, f := range families {
			out = append(out, newRaw(person, rankRomanised, []token{wideToken(f), wideToken(g)}))
		}
		if utf8.RuneCountInString(g) >= 3 {
			out = append(out, newRaw(person, rankRomanised, []token{wideToken(g)}))
		}
	}
	return out
}

// familyKana are the usual katakana of Korean family names that are not
// their syllable's kana (katakanaOf makes チュ of 최): チェ for 최, as the
// Japanese press writes them; リ and リム as North Korean names are.
var familyKana = map[string][]string{
	"최": {"チェ"}, "이": {"リ"}, "임": {"リム"}, "림": {"リム"}, "류": {"ユ"}, "유": {"リュ"}, "두": {"トゥ"},
	"노": {"ロ"}, "라": {"ラ"}, "나": {"ラ"},
}
