package names

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese is written without spaces, so a Han name is mostly a piece of a
// longer word to the tokenizer (李秀英说她很冷). hanInside finds the
// registered Han variants inside such a word.

// hanSurnames are the Chinese family names of two characters, in
// simplified and traditional forms.
var hanSurnames = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq("欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 令狐 " +
		"夏侯 司徒 长孙 長孫 宇文 轩辕 軒轅 端木 独孤 獨孤 南宫 南宮 呼延 西门 西門 申屠 澹台 澹臺 百里 鲜于 鮮于") {
		hanSurnames[w] = true
	}
}

// isHan reports whether r is a Han character. Below U+2E80 and among the
// Hangul syllables there is none: most runes of a text are answered
// without the table (TestIsHan).
func isHan(r rune) bool {
	if r < 0x2E80 || 0xAC00 <= r && r <= 0xD7A3 {
		return false
	}
	return unicode.Is(unicode.Han, r)
}

// splitHanName splits a Chinese name written as one word of two to four
// Han characters (李秀英) into family and given name: the family name is
// the first character, or the first two when they are a family name of
// two characters and at least one follows. It reports false for any
// other word.
func splitHanName(s string) (family, given string, ok bool) {
	n := 0
	for _, r := range s {
		if !isHan(r) {
			return "", "", false
		}
		n++
	}
	if n < 2 || n > 4 {
		return "", "", false
	}
	_, a := utf8.DecodeRuneInString(s)
	_, b := utf8.DecodeRuneInString(s[a:])
	if n >= 3 && hanSurnames[s[:a+b]] {
		return s[:a+b], s[a+b:], true
	}
	return s[:a], s[a:], true
}

// hanBefore are characters that end a word before a name in running
// Chinese (我叫李秀英, 和秀英, 给秀英, 姐姐秀英); hanAfter are characters that start
// the word after one (秀英说, 秀英的妈妈, 秀英哭了). A variant of two
// characters (a given name alone, 秀英, or a full name such as 李明) is
// found inside a run only between such characters or the ends of the
// run, so that 优秀英语 ("excellent English") is not 秀英.
var hanBefore, hanAfter = map[rune]bool{}, map[rune]bool{}

func init() {
	for _, r := range "叫是和跟与同给对让被把问找见看等及向替帮陪带从到在为请求送告诉说称号名姓的了着过也都就又还姐哥叔姨" {
		hanBefore[r] = true
	}
	for _, r := range "说讲告问答叫喊哭笑的地得是在和跟与同也都就又还很太已曾才刚便却不没别被把让给对向从到去来回走跑死住写打拿要想会能可" +
		"了着过们啊呀吗呢吧嘛姐妹哥弟妈爸母父女儿子家那这一两三先今昨明后再和及等" {
		hanAfter[r] = true
	}
}

// hanInside returns the mentions of Han variants strictly inside words[i]
// or starting at its first character but not covering the whole word,
// leftmost longest first, appended to out. A variant of three characters
// or more is a mention wherever it stands; one of two only of a person in
// evident, between word ends (hanBefore, hanAfter).
func (m *Matcher) hanInside(text string, words []word, buf []byte, i int, evident map[string]bool, out []Match) []Match {
	w := &words[i]
	f := buf[w.fstart:w.fend]
	off := m.segmentEnds(text[w.start:w.end], f)
	for s := 0; s < len(f); {
		r, size := utf8.DecodeRune(f[s:])
		if !isHan(r) {
			s += size
			continue
		}
		var best Match
		bestEnd := 0
		for e, n := s+size, 1; e <= len(f); n++ {
			ent, ok := m.lookup(f[s:e])
			if !ok {
				break
			}
			dotS, dotE := dotEnds(text[w.start:w.end], off, s, e)
			if ent.n > 0 && (s > 0 || e < len(f)) && m.hanBoundedAs(ent, f, s, e, n, dotS, dotE) {
				if mt, ok := m.hanChoose(text, w, ent, s, e, n, off, evident); ok {
					best, bestEnd = mt, e
				}
			}
			if !ent.prefix || e == len(f) {
				break
			}
			r, size := utf8.DecodeRune(f[e:])
			if !isHan(r) {
				break
			}
			e += size
		}
		if bestEnd == 0 {
			s += size
			continue
		}
		out = append(out, best)
		s = bestEnd
	}
	return out
}

// dotEnds reports whether a middle dot, which folding drops, stands at
// the start and at the end of f[s:e], a part of the folded form of word:
// there a name part ends, as in 艾力·买买提, whatever character is beside
// the dot.
func dotEnds(word string, off func(int) (int, bool), s, e int) (bool, bool) {
	os, ok1 := off(s)
	oe, ok2 := off(e)
	return ok1 && s > 0 && dotAt(word, os), ok2 && e > 0 && dotAt(word, oe)
}

// dotAt reports whether a middle dot is next to byte i of word, on
// either side.
func dotAt(word string, i int) bool {
	a, _ := utf8.DecodeLastRuneInString(word[:i])
	b, _ := utf8.DecodeRuneInString(word[i:])
	return middleDots[a] || middleDots[b]
}

// hanBounded reports whether f[s:e], of n Han characters, may be a
// mention where it stands: any of three characters or more; one of two
// between word ends, a middle dot at the start (dotS) or end (dotE)
// being one.
func (m *Matcher) hanBounded(f []byte, s, e, n int, dotS, dotE bool) bool {
	if n >= 3 {
		return true
	}
	if n < 2 {
		return false
	}
	if s > 0 && !dotS {
		if r, _ := utf8.DecodeLastRune(f[:s]); isHan(r) && !hanBefore[r] {
			return false
		}
	}
	if e < len(f) && !dotE {
		if r, _ := utf8.DecodeRune(f[e:]); isHan(r) && !hanAfter[r] {
			return false
		}
	}
	return true
}

// hanChoose returns the mention of f[s:e] of word w, a variant of n Han
// characters with entry ent, if its variants allow it: one of two
// characters only of a person in evident.
func (m *Matcher) hanChoose(text string, w *word, ent entry, s, e, n int, off func(int) (int, bool), evident map[string]bool) (Match, bool) {
	os, ok1 := off(s)
	oe, ok2 := off(e)
	if !ok1 || !ok2 {
		return Match{}, false
	}
	// Folding drops a middle dot: the mention starts after one.
	if d, k := utf8.DecodeRuneInString(text[w.start+os:]); middleDots[d] && os+k < oe {
		os += k
	}
	sub := word{start: w.start + os, end: w.start + oe, fstart: w.fstart + s, fend: w.fstart + e, weight: 2 * n, before: gapHard}
	mt, ok := m.choose(text, ent, []word{sub}, sub.fstart, e-s, sub.weight, false, evident, evident, nil)
	if !ok || mt.Value || n < 3 && !evident[mt.PersonID] {
		return Match{}, false
	}
	mt.Start, mt.End = sub.start, sub.end
	return mt, true
}

// hanNickPrefixes make a nickname of one character of a Chinese name:
// 阿玲 and 小玲 for 张美玲, 老王 and 小王 for 王建华.
const hanNickPrefixes = "阿小老"

// hanNickVariants returns the nicknames of a Chinese name of family and
// given name (hanNickPrefixes), found only where the person is evident;
// nil for any other name.
func (m *Matcher) hanNickVariants(person int32, fam, giv []token) []rawVariant {
	if len(fam) != 1 || len(giv) != 1 || len(fam[0].words) != 1 || len(giv[0].words) != 1 {
		return nil
	}
	family, given := fam[0].words[0], giv[0].words[0]
	if !hanPair(family + string(firstRune([]byte(given)))) {
		return nil
	}
	var forms []string
	for _, r := range given {
		forms = append(forms, "阿"+string(r), "小"+string(r))
	}
	forms = append(forms, "老"+family, "小"+family)
	// A family or full name before a title or kinship word (马阿姨,
	// 赵警官, 马丽阿姨), a given name's character before a kinship word
	// (丽姐, 胜哥) or with -子 (强子, unless a word: 花子, "beggar"),
	// and a given name of one character twice (丽丽).
	for _, t := range hanTitles {
		forms = append(forms, family+t, family+given+t)
	}
	for _, r := range given {
		for _, k := range hanKin {
			forms = append(forms, string(r)+k)
		}
		if !hanZiWords[r] {
			forms = append(forms, string(r)+"子")
		}
	}
	if utf8.RuneCountInString(given) == 1 {
		forms = append(forms, given+given)
	}
	// The last character of a given name twice (玲玲 for 美玲), unless a
	// word so (刚刚 "just now" for 志刚); 小 and it with -子 (小玲子);
	// and the court's anonymised form of the family name (刘某, 刘某某).
	if last, _ := utf8.DecodeLastRuneInString(given); utf8.RuneCountInString(given) > 1 && !hanDoubleWords[last] {
		forms = append(forms, string(last)+string(last))
	}
	for _, r := range given {
		forms = append(forms, "小"+string(r)+"子")
	}
	for _, t := range hanClipped {
		forms = append(forms, family+t)
	}
	forms = append(forms, family+"某", family+"某某")
	return m.nickVariants(person, forms)
}

// nickVariants returns forms as nicknames of person: given names alone,
// found only where the person is evident.
func (m *Matcher) nickVariants(person int32, forms []string) []rawVariant {
	var out []rawVariant
	for _, f := range forms {
		ts, err := m.parseName(f)
		if err != nil {
			continue
		}
		v := newRaw(person, rankGiven, ts)
		v.nick = true
		out = append(out, v)
	}
	return out
}

// hanTitles are the titles, ranks and kinship words written after a
// Chinese family name (金姐, 赵警官, 周师傅, 刘老板), in simplified and
// traditional forms; hanKin are those written after a given name's
// character too (丽姐, 胜哥).
var hanTitles = strings.Fields("姐 哥 叔 姨 阿姨 大姐 大哥 大叔 大爷 大爺 大妈 大媽 奶奶 爷爷 爺爺 " +
	"师傅 師傅 老师 老師 老板 老闆 老板娘 老闆娘 警官 所长 所長 队长 隊長 局长 局長 科长 科長 主任 " +
	"书记 書記 经理 經理 医生 醫生 大夫 律师 律師 先生 女士 太太 同志 总 總")

// hanClipped are offices clipped to their first character, as they are
// said to the holder's face, after the family name alone: 孙队 for
// 孙队长, 王所, 李局, 张科, 赵处, 刘工 (engineer).
var hanClipped = strings.Fields("队 隊 所 局 科 处 處 工")

// hanDoubleWords are the characters that make a word twice (刚刚 "just
// now", 常常 "often", 明明 "obviously"): there the doubled last character
// of a given name is no nickname.
var hanDoubleWords = map[rune]bool{}

func init() {
	for _, r := range "刚剛常天人渐漸慢好明往偏仅僅轻輕静靜早久悄默处處时時年家个個谢謝星妈媽爸哥姐弟妹爷爺奶宝寶娃平安乐樂多少大小高白红紅冷热熱满滿快" {
		hanDoubleWords[r] = true
	}
}

var hanKin = strings.Fields("姐 哥 叔 姨")

// hanZiWords are the characters that make a word with -子 (花子 "beggar",
// 儿子 "son", 日子 "days"): there -子 is no nickname.
var hanZiWords = map[rune]bool{}

func init() {
	for _, r := range "花儿日房孩妻男女君才公面位金银銀玉桃李杏梅桔橘柿栗松竹珠燕鸽鴿狮獅院样樣帽鞋袜襪裤褲被椅桌箱瓶盘盤刀车車" {
		hanZiWords[r] = true
	}
}

// hanNickStops start a word after 小 or 老 and a character that is no
// name (小王子 "the little prince", 老方法 "the old way", 小路上, 小红帽
// "Little Red Riding Hood").
var hanNickStops = map[rune]bool{}

func init() {
	for _, r := range "子儿八头菜兔法路上下里面伙板师帽" {
		hanNickStops[r] = true
	}
	// A pronoun ends a word before a name: 叫她阿玲.
	for _, r := range "她他我你它" {
		hanBefore[r] = true
	}
	// A pronoun after a name, of its group (美玲她们, 美玲他们, 美玲我们,
	// 美玲俩 "the two of them"), or resuming it (美玲她说).
	for _, r := range "她他我你俩倆" {
		hanAfter[r] = true
	}
}

// hanBoundedAs is hanBounded but for f[s:e], Han characters whose
// variants are all nicknames, or registered aliases of two characters,
// which are nicknames too: another record's alias 老赵 must not hold a
// generated 老赵 to the stricter bounds (review 13i I4). Of two with a prefix of hanNickPrefixes,
// the prefix marks the name, so it needs a word end before it only, and
// no hanNickStops after it (阿华开车, 老王收了钱). Of two ending in a
// word of hanNickEnds, the title marks the end, so it needs a word end
// before it only, and no hanEndStops after it (金姐带我们, 强子开车; not
// 姐妹 "sisters"). Of three or more (a name with a title: 马阿姨, 赵警官),
// a word end before it: 文书记 is no title in 公文书记录 ("document
// records").
func (m *Matcher) hanBoundedAs(ent entry, f []byte, s, e, n int, dotS, dotE bool) bool {
	if n < 2 || slices.ContainsFunc(m.variants[ent.first:ent.first+ent.n], func(v variant) bool { return !v.nick() && !(n == 2 && v.rank == rankAlias) }) {
		return m.hanBounded(f, s, e, n, dotS, dotE)
	}
	last, _ := utf8.DecodeLastRune(f[s:e])
	prefix := n == 2 && strings.ContainsRune(hanNickPrefixes, firstRune(f[s:e]))
	suffix := n == 2 && !prefix && strings.ContainsRune(hanNickEnds, last)
	if n == 2 && !prefix && !suffix {
		return m.hanBounded(f, s, e, n, dotS, dotE)
	}
	if s > 0 && !dotS {
		if r, _ := utf8.DecodeLastRune(f[:s]); isHan(r) && !hanBefore[r] {
			return false
		}
	}
	if prefix && slices.ContainsFunc(hanIdioms, func(i string) bool { return bytes.HasPrefix(f[s:], []byte(i)) }) {
		return false
	}
	if e < len(f) {
		r, _ := utf8.DecodeRune(f[e:])
		return !(prefix && hanNickStops[r] || suffix && strings.ContainsRune(hanEndStops, r))
	}
	return true
}

// hanIdioms are sayings and titles that start with a nickname's form:
// the pony of 小马过河 is no 马.
var hanIdioms = []string{"小马过河", "老马识途", "老王卖瓜", "小李飞刀"}

// hanNickEnds are the one-character titles and kinship words of hanTitles
// and hanKin, and -子; hanEndStops make a word with them (姐妹, 哥们,
// 子女).
const hanNickEnds, hanEndStops = "姐哥叔姨总總子", "妹弟们們儿兒女孙孫"

// hanRun reports whether word w holds a Han character.
func (m *Matcher) hanRun(buf []byte, w word) bool {
	if w.ascii {
		return false
	}
	for _, r := range string(buf[w.fstart:w.fend]) {
		if isHan(r) {
			return true
		}
	}
	return false
}

// hanPair reports whether key is two Han characters: inside a run of
// them, a mention only of a person in evident (hanInside).
func hanPair(key string) bool {
	r, a := utf8.DecodeRuneInString(key)
	q, b := utf8.DecodeRuneInString(key[a:])
	return a+b == len(key) && isHan(r) && isHan(q)
}

// segmentEnds returns the map from the end of a normalisation segment in
// f, the folded form of word, to its offset in word (origOffset for every
// offset at once, so that a long run costs its length once).
func (m *Matcher) segmentEnds(word string, f []byte) func(int) (int, bool) {
	if string(f) == word {
		return func(n int) (int, bool) { return n, true }
	}
	// The ends in order, in both forms: the folded ones ascend too.
	folded, orig := []int{0}, []int{0}
	m.segments(word, func(f, o int) bool {
		folded, orig = append(folded, f), append(orig, o)
		return true
	})
	return func(n int) (int, bool) {
		k, ok := slices.BinarySearch(folded, n)
		if !ok {
			return 0, false
		}
		return orig[k], true
	}
}

// cantoneseSurnames are the Hong Kong (Cantonese) spellings of the
// commonest Chinese family names, by their characters, simplified and
// traditional, and their pinyin: a given name found next to one takes it
// into the mention (Cheung Mei-ling, Mei-ling Cheung for 张美玲 or Zhang
// Meiling), as a Korean family name's other romanisations are taken
// (otherSpellings). Family names only: alone they are too common.
var cantoneseSurnames = map[string][]string{
	"张": {"cheung"}, "張": {"cheung"}, "zhang": {"cheung"},
	"陈": {"chan"}, "陳": {"chan"}, "chen": {"chan"},
	"王": {"wong"}, "wang": {"wong"}, "黄": {"wong"}, "黃": {"wong"}, "huang": {"wong"},
	"李": {"lee"}, "li": {"lee"},
	"刘": {"lau"}, "劉": {"lau"}, "liu": {"lau"},
	"周": {"chow"}, "zhou": {"chow"},
	"吴": {"ng"}, "吳": {"ng"}, "wu": {"ng"},
	"林": {"lam"}, "lin": {"lam"},
	"何": {"ho"}, "he": {"ho"},
	"郭": {"kwok"}, "guo": {"kwok"},
	"梁": {"leung"}, "liang": {"leung"},
	"杨": {"yeung"}, "楊": {"yeung"}, "yang": {"yeung"},
	"赵": {"chiu"}, "趙": {"chiu"}, "zhao": {"chiu"},
	"郑": {"cheng"}, "鄭": {"cheng"}, "zheng": {"cheng"},
	"谢": {"tse"}, "謝": {"tse"}, "xie": {"tse"},
	"罗": {"law"}, "羅": {"law"}, "luo": {"law"},
	"许": {"hui"}, "許": {"hui"}, "徐": {"tsui"}, "xu": {"hui", "tsui"},
	"曾": {"tsang"}, "zeng": {"tsang"},
	"邓": {"tang"}, "鄧": {"tang"}, "deng": {"tang"},
	"冯": {"fung"}, "馮": {"fung"}, "feng": {"fung"},
	"蔡": {"choi"}, "cai": {"choi"},
	"朱": {"chu"}, "zhu": {"chu"},
	"叶": {"yip"}, "葉": {"yip"}, "ye": {"yip"},
	"钟": {"chung"}, "鍾": {"chung"}, "zhong": {"chung"},
}
