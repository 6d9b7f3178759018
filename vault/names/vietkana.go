package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese names in katakana (review 13l Q2: レ・ティ・トゥ・チャン for
// Lê Thị Thu Trang). Japanese has no published table for Vietnamese; the
// press writes a syllable by its Hanoi sound, and vietKana follows that
// usage (グエン Nguyễn, チャン Trần and Trang, ホアン Hoàng, フオン
// Hương, ミン Minh, アイン Anh, ドゥック Đức, ズン Dũng, ヴー Vũ): the
// initial picks the kana row (tr and ch チャ, d and gi ザ, đ ダ, ph ファ,
// v ヴァ, nh ニャ, ng ガ, h ハ with hu フ, th and t タ with ti ティ and tu
// トゥ), the vowels of the nucleus follow as kana (ươ and uô as uo, ia
// and iê as ie, y as i), and the final is ン (n, ng; nh after i), イン
// (nh after another vowel), ム, ック (c, ch), ット or ップ. A syllable of
// one vowel and no final is written with or without the long mark ー
// (レ and ホー alike): a name has both forms as variants.

// vietKanaInitials are the Vietnamese initial consonants, longest first, and
// the row each takes: the consonant of the kana for a, i, u, e, o.
var vietKanaInitials = []struct {
	spelt string
	row   [5]string
}{
	{"ngh", [5]string{"ガ", "ギ", "グ", "ゲ", "ゴ"}},
	{"ng", [5]string{"ガ", "ギ", "グ", "ゲ", "ゴ"}},
	{"nh", [5]string{"ニャ", "ニ", "ニュ", "ニェ", "ニョ"}},
	{"ch", [5]string{"チャ", "チ", "チュ", "チェ", "チョ"}},
	{"tr", [5]string{"チャ", "チ", "チュ", "チェ", "チョ"}},
	{"th", [5]string{"タ", "ティ", "トゥ", "テ", "ト"}},
	{"ph", [5]string{"ファ", "フィ", "フ", "フェ", "フォ"}},
	{"kh", [5]string{"カ", "キ", "ク", "ケ", "コ"}},
	{"gh", [5]string{"ガ", "ギ", "グ", "ゲ", "ゴ"}},
	{"gi", [5]string{"ザ", "ジ", "ズ", "ゼ", "ゾ"}},
	{"qu", [5]string{"クア", "クイ", "ク", "クエ", "クオ"}},
	{"b", [5]string{"バ", "ビ", "ブ", "ベ", "ボ"}},
	{"c", [5]string{"カ", "キ", "ク", "ケ", "コ"}},
	{"k", [5]string{"カ", "キ", "ク", "ケ", "コ"}},
	{"d", [5]string{"ザ", "ジ", "ズ", "ゼ", "ゾ"}},
	{"đ", [5]string{"ダ", "ディ", "ドゥ", "デ", "ド"}},
	{"g", [5]string{"ガ", "ギ", "グ", "ゲ", "ゴ"}},
	{"h", [5]string{"ハ", "ヒ", "フ", "ヘ", "ホ"}},
	{"l", [5]string{"ラ", "リ", "ル", "レ", "ロ"}},
	{"m", [5]string{"マ", "ミ", "ム", "メ", "モ"}},
	{"n", [5]string{"ナ", "ニ", "ヌ", "ネ", "ノ"}},
	{"r", [5]string{"ザ", "ジ", "ズ", "ゼ", "ゾ"}},
	{"s", [5]string{"サ", "シ", "ス", "セ", "ソ"}},
	{"x", [5]string{"サ", "シ", "ス", "セ", "ソ"}},
	{"t", [5]string{"タ", "ティ", "トゥ", "テ", "ト"}},
	{"v", [5]string{"ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ"}},
	{"", [5]string{"ア", "イ", "ウ", "エ", "オ"}},
}

// vietKanaFinals are the final consonants, longest first, and their kana.
var vietKanaFinals = []struct{ spelt, kana string }{
	{"nh", "イン"}, {"ng", "ン"}, {"ch", "ック"}, {"n", "ン"}, {"m", "ム"}, {"c", "ック"}, {"t", "ット"}, {"p", "ップ"},
}

// vowelIndex is the column of a plain vowel in a kana row, or -1.
func vowelIndex(c byte) int {
	return strings.IndexByte("aiueo", c)
}

// vietPlain returns a syllable in lower case without tone or vowel
// marks, đ kept (Thắng: thang; Đức: đuc).
func vietPlain(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == 'đ':
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		case r < 0x80:
			b.WriteRune(r)
		default:
			return "" // not a Vietnamese letter
		}
	}
	return b.String()
}

// vietKana returns the katakana of a Vietnamese syllable and whether it
// is one open vowel (that may take ー), or "" if s is none.
func vietKana(s string) (string, bool) {
	p := vietPlain(s)
	if p == "" {
		return "", false
	}
	var row [5]string
	for _, in := range vietKanaInitials {
		if rest, ok := strings.CutPrefix(p, in.spelt); ok && rest != "" {
			p, row = rest, in.row
			break
		}
	}
	if row[0] == "" {
		return "", false
	}
	final := ""
	for _, f := range vietKanaFinals {
		if n, ok := strings.CutSuffix(p, f.spelt); ok && n != "" {
			p, final = n, f.kana
			break
		}
	}
	// The nucleus as plain vowels: y is i, ươ and uô are uo (ơ, ô lost
	// their marks), a y or i glide before e is dropped after u (uyê of
	// Nguyễn: ue).
	p = strings.ReplaceAll(p, "y", "i")
	p = strings.Replace(p, "uie", "ue", 1)
	if p == "" || vowelIndex(p[0]) < 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString(row[vowelIndex(p[0])])
	for i := 1; i < len(p); i++ {
		v := vowelIndex(p[i])
		if v < 0 {
			return "", false
		}
		b.WriteString(vietKanaInitials[len(vietKanaInitials)-1].row[v])
	}
	if final == "イン" && p[len(p)-1] == 'i' {
		final = "ン" // Minh ミン, not ミイン
	}
	b.WriteString(final)
	return b.String(), len(p) == 1 && final == ""
}

// vietKanaVariants returns the katakana variants of a Vietnamese name
// (every syllable, in order), without and with the long mark on open
// syllables of one vowel (ヴ・ドゥック・タン, ヴー・ドゥック・タン).
func vietKanaVariants(person int32, name string) []rawVariant {
	syllables := strings.Fields(name)
	if len(syllables) < 2 {
		return nil
	}
	var short, long []token
	differ := false
	for _, s := range syllables {
		k, open := vietKana(s)
		if k == "" {
			return nil
		}
		short = append(short, wideToken(k))
		if open {
			k += "ー"
			differ = true
		}
		long = append(long, wideToken(k))
	}
	out := []rawVariant{newRaw(person, rankRomanised, short)}
	if differ {
		out = append(out, newRaw(person, rankRomanised, long))
	}
	return out
}
