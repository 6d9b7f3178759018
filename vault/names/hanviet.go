package names

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Chinese speakers call a Vietnamese person by the Han character of a
// syllable of the name, as they would a Chinese one: 阿红 for Trần Thị
// Hồng Nhung (Hồng is 红), 老陈 for anyone named Trần. sinoVietnamese
// holds the Han readings (simplified, then traditional where it
// differs) of the commonest Vietnamese family names and given-name
// syllables, written with their marks, which decide the reading (Hồng
// 红, not Hông). It is a small table, not a dictionary: a given-name
// syllable outside it takes the characters Unihan reads so
// (hanOfSyllable), a family name outside it has no such nickname, and a
// name whose character is another reading than the one listed (Hồng
// may also be 洪) is missed.
var sinoVietnamese = map[string]string{
	// family names
	"nguyễn": "阮", "trần": "陈陳", "lê": "黎", "phạm": "范", "hoàng": "黄黃", "huỳnh": "黄黃",
	"phan": "潘", "vũ": "武", "võ": "武", "đặng": "邓鄧", "bùi": "裴", "đỗ": "杜", "hồ": "胡",
	"ngô": "吴吳", "dương": "杨楊", "lý": "李", "đinh": "丁", "trương": "张張", "lâm": "林",
	"trịnh": "郑鄭", "lương": "梁", "đoàn": "段", "cao": "高", "tô": "苏蘇",
	// given-name syllables
	"hồng": "红紅鸿鴻", "nhung": "绒絨", "lan": "兰蘭", "mai": "梅", "hoa": "花", "hương": "香",
	"thu": "秋", "tâm": "心", "hà": "河霞", "linh": "玲灵靈", "ngọc": "玉", "anh": "英", "minh": "明",
	"hùng": "雄", "tuấn": "俊", "dũng": "勇", "hải": "海", "tùng": "松", "phương": "芳",
	"thảo": "草", "yến": "燕", "nga": "娥", "hạnh": "幸", "thanh": "青清", "xuân": "春",
	"đức": "德", "quang": "光", "hiếu": "孝", "nam": "南", "sơn": "山", "long": "龙龍",
	"phúc": "福", "vân": "云雲", "kim": "金", "bảo": "宝寶", "châu": "珠", "tuyết": "雪",
	"ngân": "银銀", "huệ": "惠", "nguyệt": "月", "thủy": "水", "trinh": "贞貞", "quỳnh": "琼瓊",
	"liên": "莲蓮", "cúc": "菊", "đào": "桃", "hiền": "贤賢", "thúy": "翠", "vy": "薇",
	"dung": "蓉", "giang": "江", "khánh": "庆慶", "thắng": "胜勝", "tài": "才", "trung": "忠",
	"bình": "平", "an": "安", "hòa": "和", "vinh": "荣榮", "hưng": "兴興", "cường": "强強",
	"kiên": "坚堅", "phong": "风風", "lộc": "禄祿", "tiến": "进進", "huy": "辉輝", "đạt": "达達",
	"thành": "成", "nghĩa": "义義", "tú": "秀", "diễm": "艳艷", "thư": "书書", "hạ": "夏",
	"đình": "廷庭",
}

// smallWords are the characters that make an everyday word after 小
// (小心 "careful", 小雪 "light snow", 小山 "a hill"): with them 小 is no
// nickname, 阿 still is.
const smallWords = "心雪山水月风風光金和平安春书書海花草"

// sinoVietnameseVariants returns the Chinese forms of a person
// registered under a Vietnamese name (raw, as registered, of family
// name family): 阿 or 小
// with the character of a given-name syllable (阿红, 小红; not its
// middle name Thị or Văn), the character before a kinship word (海哥 for
// Hải, 霞姐), 老 or 小 with the family name's (老陈, 小陈), and the given
// name in Han characters (秋霞 for Thu Hà: at most maxHanGiven
// combinations of the syllables' characters, the table's first), the
// full name in Han characters (hanFullForms: 范氏香 for Phạm Thị Hương), a
// syllable outside the table by Unihan's characters (hanOfSyllable), found
// by the rules of a Chinese nickname (hanNickVariants) where the record
// names the person. Nil for any other name.
func (m *Matcher) sinoVietnameseVariants(person int32, family []token, raw string) []rawVariant {
	if !vietnameseSurnames[strings.Join(family[0].words, "")] {
		return nil
	}
	syllables := strings.Fields(strings.ToLower(norm.NFC.String(raw)))
	if len(syllables) < 2 {
		return nil
	}
	var forms []string
	for _, r := range sinoVietnamese[syllables[0]] {
		forms = append(forms, "老"+string(r), "小"+string(r))
	}
	var given [][]rune
	for _, s := range syllables[1:] {
		if s == "thị" || s == "văn" {
			continue
		}
		hs := hanOfSyllable(s)
		given = append(given, hs)
		for _, r := range hs {
			forms = append(forms, "阿"+string(r))
			if !strings.ContainsRune(smallWords, r) {
				forms = append(forms, "小"+string(r))
			}
			for _, k := range hanKin {
				forms = append(forms, string(r)+k)
			}
		}
	}
	if len(given) >= 2 && !slices.ContainsFunc(given, func(rs []rune) bool { return len(rs) == 0 }) {
		for _, g := range hanCombinations(given, maxHanGiven) {
			forms = append(forms, string(g))
		}
	}
	return m.nickVariants(person, append(forms, hanFullForms(syllables)...))
}

// hanFullForms returns the full name of syllables (lower case, with their
// marks, the family name first) in Han characters, the middle name Thị or
// Văn as 氏 or 文: 范氏香 for Phạm Thị Hương, 武廷庆 for Vũ Đình Khánh; at
// most maxHanGiven, the likeliest first; nil if a syllable has no
// character.
func hanFullForms(syllables []string) []string {
	sets := make([][]rune, len(syllables))
	for i, s := range syllables {
		switch {
		case i == 0:
			sets[i] = []rune(sinoVietnamese[s])
		case s == "thị":
			sets[i] = []rune("氏")
		case s == "văn":
			sets[i] = []rune("文")
		default:
			sets[i] = hanOfSyllable(s)
		}
		if len(sets[i]) == 0 {
			return nil
		}
	}
	var out []string
	for _, f := range hanCombinations(sets, maxHanGiven) {
		out = append(out, string(f))
	}
	return out
}

// maxHanOfSyllable bounds the characters of a given-name syllable that
// sinoVietnamese lacks, from Unihan: each is half a dozen nicknames.
const maxHanOfSyllable = 4

// hanOfSyllable returns the Han characters of a Vietnamese given-name
// syllable (lower case, with its marks): those of sinoVietnamese, the
// characters of names, or else the first maxHanOfSyllable common
// characters Unihan reads so (Thuận: 順, 顺; Quân: 军, 君, 均, 軍), in
// code point order, which knows no frequency.
func hanOfSyllable(s string) []rune {
	if hs, ok := sinoVietnamese[s]; ok {
		return []rune(hs)
	}
	hs := hanOfReading()[s]
	return hs[:min(len(hs), maxHanOfSyllable)]
}

// hanOfReading maps a Sino-Vietnamese reading to the common characters
// Unihan reads so (hanVietTable), in code point order.
var hanOfReading = sync.OnceValue(func() map[string][]rune {
	m := make(map[string][]rune, 2500)
	for e := range strings.FieldsSeq(hanVietTable) {
		r, n := utf8.DecodeRuneInString(e)
		for v := range strings.SplitSeq(e[n:], ",") {
			m[v] = append(m[v], r)
		}
	}
	return m
})

// maxHanGiven bounds the Han spellings of a Vietnamese given name, and
// maxHanViet the Sino-Vietnamese readings of a Han name: each is several
// variants.
const maxHanGiven, maxHanViet = 4, 2

// hanCombinations returns the sequences of one item of each of sets, the
// likeliest first (fewest items beyond the first of their set), at most
// limit.
func hanCombinations[T any](sets [][]T, limit int) [][]T {
	type form struct {
		s    []T
		cost int
	}
	forms := []form{{}}
	for _, set := range sets {
		var next []form
		for _, f := range forms {
			for i, x := range set {
				next = append(next, form{append(slices.Clip(f.s), x), f.cost + i})
			}
		}
		slices.SortStableFunc(next, func(a, b form) int { return a.cost - b.cost })
		forms = next[:min(len(next), limit)]
	}
	out := make([][]T, len(forms))
	for i, f := range forms {
		out[i] = f.s
	}
	return out
}

// hanVietReadings maps a Han character to its Sino-Vietnamese readings
// (lower case, with their marks): those of sinoVietnamese, the readings
// of names (黄: hoàng, huỳnh), or else Unihan's kVietnamese
// (hanVietTable), which lacks some (强 as cường, 霞 as hà) and gives a
// Nôm reading for others (強 as càng, "the more").
var hanVietReadings = sync.OnceValue(func() map[rune][]string {
	m := make(map[rune][]string, 6000)
	for syl, rs := range sinoVietnamese {
		for _, r := range rs {
			if !slices.Contains(m[r], syl) {
				m[r] = append(m[r], syl)
			}
		}
	}
	for r := range m {
		slices.Sort(m[r]) // the map's order is random: one order for the build
	}
	for e := range strings.FieldsSeq(hanVietTable) {
		r, n := utf8.DecodeRuneInString(e)
		if _, ok := m[r]; !ok {
			m[r] = strings.Split(e[n:], ",")
		}
	}
	return m
})

// hanVietVariants returns the variants of the Sino-Vietnamese readings of
// a Han name of family and given name (黄志强: Hoàng Chí Cường, as a
// Vietnamese witness names her Chinese trafficker), at most maxHanViet of
// them, each with the variants of a Vietnamese name in Latin letters
// (with or without its marks, either order, the given name alone, its
// last syllable where the record names the person: ông Cường), as
// guessed spellings.
func (m *Matcher) hanVietVariants(person int32, family, given []token) []rawVariant {
	if len(family) != 1 || len(given) != 1 || len(family[0].words) != 1 || len(given[0].words) != 1 {
		return nil
	}
	var chars [][]string
	for _, r := range family[0].words[0] + given[0].words[0] {
		rs := hanVietReadings()[r]
		if len(rs) == 0 || !isHan(r) {
			return nil
		}
		chars = append(chars, rs)
	}
	var out []rawVariant
	for _, f := range hanCombinations(chars, maxHanViet) {
		ts, err := m.parseName(strings.Join(f, " "))
		if err != nil {
			continue
		}
		fam, giv := ts[:1], ts[1:]
		vs := m.fullVariants(person, rankRomanised, fam, giv, false)
		if last := vietnameseCalled(fam, giv); last != nil {
			v := newRaw(person, rankGiven, last)
			v.nick, v.capitals, v.marked = true, true, vietnameseWords[plainKey(v.key)] || last[0].weight < 3
			vs = append(vs, v)
		}
		for _, v := range vs {
			if len(giv) == 1 && len(v.bounds) == 2 && v.key == giv[0].words[0] {
				continue // a given name of one syllable alone (Minh) is anyone's
			}
			v.rank = rankRomanised
			out = append(out, v)
		}
	}
	return out
}
