//go:build ignore

// gen_hanja writes hanja_table.go, the Sino-Korean readings of Han
// characters, from the Unicode Character Database's Unihan files
// (Unihan_Readings.txt and Unihan_Variants.txt, bzip2-compressed as
// Debian's unicode-data package ships them; and Unihan_OtherMappings.txt
// for the Chinese and Vietnamese readings' character set):
//
//	go run gen_hanja.go -ucd /usr/share/unicode
//
// A character's readings are its kHangul values of the Korean standard
// (KS X 1001), of the basic education list or of the characters allowed
// in personal names (sources 0, E and N), in Unihan's order. A simplified
// character (国, 马) has no kHangul of its own: it takes the readings of
// its traditional forms (kTraditionalVariant: 國, 馬), which are those a
// Korean reads the name by, over any of its own (胜 is 勝, 승, in a
// name; as a character of its own it reads 성).
package main

import (
	"bufio"
	"compress/bzip2"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

func main() {
	ucd := flag.String("ucd", "/usr/share/unicode", "directory of Unihan_Readings.txt.bz2 and Unihan_Variants.txt.bz2")
	out := flag.String("o", "hanja_table.go", "output file")
	flag.Parse()
	readings := map[rune][]rune{}
	if err := scan(filepath.Join(*ucd, "Unihan_Readings.txt.bz2"), "kHangul", func(r rune, v string) error {
		for _, f := range strings.Fields(v) {
			syl, src, ok := strings.Cut(f, ":")
			h := []rune(syl)
			if !ok || len(h) != 1 || h[0] < 0xAC00 || h[0] > 0xD7A3 {
				return fmt.Errorf("U+%04X: bad kHangul %q", r, f)
			}
			if strings.ContainsAny(src, "0EN") && !slices.Contains(readings[r], h[0]) {
				readings[r] = append(readings[r], h[0])
			}
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	traditional, err := variants(filepath.Join(*ucd, "Unihan_Variants.txt.bz2"), "kTraditionalVariant")
	if err != nil {
		log.Fatal(err)
	}
	table := map[rune][]rune{}
	for r, rs := range readings {
		table[r] = rs
	}
	for r, ts := range traditional {
		var rs []rune
		for _, t := range ts {
			for _, h := range readings[t] {
				if !slices.Contains(rs, h) {
					rs = append(rs, h)
				}
			}
		}
		if len(rs) > 0 {
			table[r] = rs
		}
	}
	// The Chinese readings, of the characters of GB 2312 and of Big5's
	// frequent level: the first kMandarin value without its tone marks
	// (ü as u, as names are written in Latin letters: Lu, Nu) and the
	// first kCantonese value (Jyutping) without its tone.
	common, gb := map[rune]bool{}, map[rune]bool{}
	if err := scan(filepath.Join(*ucd, "Unihan_OtherMappings.txt.bz2"), "kGB0", func(r rune, v string) error {
		common[r], gb[r] = true, true
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	if err := scan(filepath.Join(*ucd, "Unihan_OtherMappings.txt.bz2"), "kBigFive", func(r rune, v string) error {
		if n, err := strconv.ParseUint(v, 16, 32); err == nil && n >= 0xA440 && n <= 0xC67E {
			common[r] = true
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	mandarin, cantonese := map[rune]string{}, map[rune]string{}
	if err := scan(filepath.Join(*ucd, "Unihan_Readings.txt.bz2"), "kMandarin", func(r rune, v string) error {
		if common[r] {
			mandarin[r] = toneless(strings.Fields(v)[0])
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	if err := scan(filepath.Join(*ucd, "Unihan_Readings.txt.bz2"), "kCantonese", func(r rune, v string) error {
		if common[r] {
			cantonese[r] = strings.TrimRight(strings.Fields(v)[0], "123456")
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	// The Sino-Vietnamese readings (kVietnamese, in Quốc ngữ) of the
	// common characters: a character's own, and those of its traditional
	// and simplified forms (強 has càng, 强 none of its own), in Unihan's
	// order, lower case, NFC.
	vietnamese := map[rune][]string{}
	if err := scan(filepath.Join(*ucd, "Unihan_Readings.txt.bz2"), "kVietnamese", func(r rune, v string) error {
		for _, f := range strings.Fields(v) {
			vietnamese[r] = append(vietnamese[r], norm.NFC.String(strings.ToLower(f)))
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	simplified, err := variants(filepath.Join(*ucd, "Unihan_Variants.txt.bz2"), "kSimplifiedVariant")
	if err != nil {
		log.Fatal(err)
	}
	hanviet := map[rune][]string{}
	for r := range common {
		var vs []string
		for _, c := range append(append([]rune{r}, traditional[r]...), simplified[r]...) {
			for _, v := range vietnamese[c] {
				if !slices.Contains(vs, v) {
					vs = append(vs, v)
				}
			}
		}
		if len(vs) > 0 {
			hanviet[r] = vs
		}
	}
	// The fold of a Han character to one form of its variants, so that
	// a name in traditional, simplified, mixed or Japanese forms is one
	// (黃志強, 黄志強 for 黄志强): a traditional character to its one
	// simplified form (kSimplifiedVariant), and of a pair of z-variants
	// (kZVariant: 姬, 姫 by shape) the larger code point to the other's fold.
	fold := map[rune]rune{}
	if err := scan(filepath.Join(*ucd, "Unihan_Variants.txt.bz2"), "kSimplifiedVariant", func(r rune, v string) error {
		// Of several simplified forms, the one in GB 2312 is the form
		// a name is written in (蘭: 兰, not 𬞕); none or two of them
		// there, or itself among them: no one form.
		var one []rune
		for _, f := range strings.Fields(v) {
			s, err := codePoint(f)
			if err != nil {
				return err
			}
			if s == r {
				return nil
			}
			one = append(one, s)
		}
		if len(one) > 1 {
			one = slices.DeleteFunc(one, func(s rune) bool { return !gb[s] })
		}
		if len(one) == 1 {
			fold[r] = one[0]
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	if err := scan(filepath.Join(*ucd, "Unihan_Variants.txt.bz2"), "kZVariant", func(r rune, v string) error {
		for _, f := range strings.Fields(v) {
			z, err := codePoint(strings.SplitN(f, "<", 2)[0])
			if err != nil {
				return err
			}
			if _, ok := fold[r]; z < r && !ok {
				if zf, ok := fold[z]; ok {
					z = zf
				}
				if z != r { // 吴 and 吳: the simplified one is the fold already
					fold[r] = z
				}
			}
		}
		return nil
	}); err != nil {
		log.Fatal(err)
	}
	// Japanese forms (shinjitai) of characters common in names that
	// Unihan does not link to the Chinese ones.
	for _, p := range strings.Fields(japaneseForms) {
		rs := []rune(p)
		fold[rs[0]] = rs[1]
	}
	keys := make([]rune, 0, len(table))
	for r := range table {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("// Code generated by gen_hanja.go from Unihan (kHangul, kMandarin, kCantonese, kVietnamese, kTraditionalVariant, kSimplifiedVariant, kZVariant); DO NOT EDIT.\n\n")
	b.WriteString("package names\n\n")
	b.WriteString("// hanjaTable is, for each Han character with a Sino-Korean reading, the\n")
	b.WriteString("// character and its readings, likeliest first, then a space; in code\n")
	b.WriteString("// point order.\n")
	writeConst(&b, "hanjaTable", keys, func(r rune) string { return string(table[r]) })
	var hanzi []rune
	for r := range mandarin {
		if cantonese[r] != "" {
			hanzi = append(hanzi, r)
		}
	}
	slices.Sort(hanzi)
	b.WriteString("\n// hanziTable is, for each common Han character (GB 2312, Big5's\n")
	b.WriteString("// first level), the character, its Mandarin reading in pinyin without\n")
	b.WriteString("// tones, a comma and its Cantonese reading in Jyutping without tones,\n")
	b.WriteString("// then a space; in code point order.\n")
	writeConst(&b, "hanziTable", hanzi, func(r rune) string { return mandarin[r] + "," + cantonese[r] })
	var viet []rune
	for r := range hanviet {
		viet = append(viet, r)
	}
	slices.Sort(viet)
	b.WriteString("\n// hanVietTable is, for each common Han character with a Sino-Vietnamese\n")
	b.WriteString("// reading (kVietnamese, its own or its traditional or simplified\n")
	b.WriteString("// form's), the character and its readings in Quốc ngữ, lower case,\n")
	b.WriteString("// joined by commas, then a space; in code point order.\n")
	writeConst(&b, "hanVietTable", viet, func(r rune) string { return strings.Join(hanviet[r], ",") })
	var folded []rune
	for r, to := range fold {
		// No fold that loses a reading: the rarer form would be a name
		// read in no other script (插 to 挿, 輧 to 𫐌).
		if len(table[r]) > 0 && len(table[to]) == 0 || mandarin[r] != "" && cantonese[r] != "" && (mandarin[to] == "" || cantonese[to] == "") {
			continue
		}
		folded = append(folded, r)
	}
	slices.Sort(folded)
	b.WriteString("\n// hanFoldTable is, for each Han character of another form than its\n")
	b.WriteString("// fold, the character and its fold, then a space; in code point order.\n")
	writeConst(&b, "hanFoldTable", folded, func(r rune) string { return string(fold[r]) })
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeConst writes a string constant named name of each of keys followed
// by entry(key) and a space, 32 to a line.
func writeConst(b *strings.Builder, name string, keys []rune, entry func(rune) string) {
	b.WriteString("const " + name + " = \"\" +\n")
	for i := 0; i < len(keys); i += 32 {
		var line strings.Builder
		for _, r := range keys[i:min(i+32, len(keys))] {
			line.WriteRune(r)
			line.WriteString(entry(r) + " ")
		}
		b.WriteString("\t" + strconv.Quote(line.String()))
		if i+32 < len(keys) {
			b.WriteString(" +")
		}
		b.WriteString("\n")
	}
}

// japaneseForms pairs Japanese forms of name characters with their
// simplified Chinese ones where Unihan has no variant between them.
const japaneseForms = "姫姬 恵惠 桜樱 沢泽 浜滨 竜龙 広广 斉齐 辺边 栄荣 実实 蔵藏 覚觉 豊丰 転转 伝传 勲勋 徳德 穂穗 亜亚"

// variants returns, for each character of the Unihan file at path with
// the variant field (kTraditionalVariant, kSimplifiedVariant), its
// variants other than itself.
func variants(path, field string) (map[rune][]rune, error) {
	out := map[rune][]rune{}
	err := scan(path, field, func(r rune, v string) error {
		for _, f := range strings.Fields(v) {
			c, err := codePoint(f)
			if err != nil {
				return err
			}
			if c != r {
				out[r] = append(out[r], c)
			}
		}
		return nil
	})
	return out, err
}

// scan calls f with the character and value of each line of the bzip2
// Unihan file at path that holds field.
func scan(path, field string, f func(rune, string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	s := bufio.NewScanner(io.Reader(bzip2.NewReader(file)))
	for s.Scan() {
		cp, rest, ok := strings.Cut(s.Text(), "\t")
		if !ok || strings.HasPrefix(cp, "#") {
			continue
		}
		name, value, ok := strings.Cut(rest, "\t")
		if !ok || name != field {
			continue
		}
		r, err := codePoint(cp)
		if err != nil {
			return err
		}
		if err := f(r, value); err != nil {
			return err
		}
	}
	return s.Err()
}

// toneless returns a pinyin syllable in ASCII letters: its tone marks
// dropped, ü as u.
func toneless(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'ü':
			b.WriteByte('u')
		case r < 0x80:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// codePoint parses "U+XXXX".
func codePoint(s string) (rune, error) {
	hex, ok := strings.CutPrefix(s, "U+")
	n, err := strconv.ParseUint(hex, 16, 32)
	if !ok || err != nil {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	return rune(n), nil
}
