package redact

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/names"
)

// A residence is also its parts (r17a): a text quotes it where it names
// the street together with one of the residence's numbers in any order
// ("Albion St, no. 14" for "14 Albion Street", "ngõ bốn mươi lăm Kim Mã"
// for "số 12 ngõ 45 phố Kim Mã", "Lenina 45, apt 12" for "ул. Ленина,
// д. 45, кв. 12"), or its postcode in any spacing, case or spelling
// ("HU13TG", "H U one three T G"; a postcode of digits only after a
// postcode word: "código postal sesenta y ocho mil").
//
// A street is a run of Latin or Cyrillic words of a comma-separated part
// of the value that holds a house number or a street word (Street, ул.,
// phố, calle...), one word of four letters or more, or two words or more
// of two letters or more, ended and started by unit words; the city and
// other parts without either are no street. A text may abbreviate its
// first word with a full stop (Hgo. for Hidalgo). Its words are compared by streetFold, which writes Cyrillic
// in Latin letters and folds the romanisation systems' spellings of a
// sound into one (kh, h and ch; zh, sh, sch, ts...; y, j and i), so that
// Lenina, Lenin and Ленина are one street, and Альбион is Albion, with
// the endings of resValue.matches. The numbers of the residence are its
// numbers below 10,000 (house, lane, building, flat); one counts next to
// the street, with only spaces, punctuation and unit words between them
// and up to three of the residence's numbers on the way ("Lenina 45, apt
// 12"), unless a word that is not a unit word follows it ("Albion Street,
// fourteen days", "Ленина сорок пять минут").
type resParts struct {
	// streets are the streets' folded words, each with the numbers of
	// the residences on it; byName maps a street's words to it, byFirst
	// the first three letters of its first word.
	streets []resStreet
	byName  map[string]int32
	byFirst map[string][]int32
	// byInitial maps the first letter of a street's first word to the
	// streets, for a word abbreviated (Hgo. for Hidalgo).
	byInitial map[byte][]int32
	// firstLetters are the first bytes of the streets' and postcodes'
	// first words, folded: a word that starts otherwise is neither.
	firstLetters [256]bool
	// postcodes are the postcodes of letters and digits, in capitals and
	// without spaces; numPostcodes those of digits only (five or more).
	postcodes    map[string]bool
	numPostcodes map[int32]bool
	// shelters are the residences' shelters, tents, sheds and caravans
	// by their kind (shelterKinds) and number of 10 or more (tent 214),
	// which a text may say in words and in any order with the block
	// (tent two hundred fourteen, block C).
	shelters map[shelterNum]bool
}

type shelterNum struct {
	kind string
	num  int32
}

// shelterKinds are the words of a camp's dwelling, in the camps'
// languages, each with its kind.
var shelterKinds = map[string]string{
	"tent": "tent", "khaima": "tent", "kheima": "tent", "tente": "tent", "carpa": "tent", "خيمة": "tent",
	"shelter": "shelter", "abri": "shelter", "শেল্টার": "shelter", "መጽለሊ": "shelter", "መጠለያ": "shelter",
	"shed": "shed", "শেড": "shed", "caravan": "caravan", "karavan": "caravan", "كرفان": "caravan", "كارافان": "caravan",
}

// shelterOf returns the shelter a number token of s is, if a dwelling's
// word is the last unit word before it.
func shelterOf(s string, t resToken) (shelterNum, bool) {
	if t.num < 10 || t.ustart >= t.start {
		return shelterNum{}, false
	}
	words := strings.FieldsFunc(asciiLower(s[t.ustart:t.start]), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
	if len(words) == 0 {
		return shelterNum{}, false
	}
	kind, ok := shelterKinds[foldWord(words[len(words)-1])]
	return shelterNum{kind, t.num}, ok
}

type resStreet struct {
	words []resValue
	nums  []int32
	// named are the numbers that are part of the street's name in
	// Colombian notation (the 7 of Carrera 7 # 45-12): written after it,
	// they count as none of its numbers.
	named []int32
	// typed: only with a street word after it (typedMark); glued: its
	// road word written on its name (gluedMark).
	typed, glued bool
}

// any reports whether p holds anything to find.
func (p *resParts) any() bool {
	return len(p.streets) > 0 || len(p.postcodes) > 0 || len(p.numPostcodes) > 0 || len(p.shelters) > 0
}

// valuePostcodeRe finds a postcode of letters and digits in a value (British
// and Canadian shapes: HU1 3TG, EH6 6LP, K1A 0B1).
var valuePostcodeRe = lazyRegexp(`(?i)\b(?:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}|[a-z]\d[a-z]\s?\d[a-z]\d)\b`)

// streetFirstWords are, with streetWords, the unit words that make a
// part of a value a street even without a number in it (ул. Ленина).
var streetFirstWords = wordSetOf("av", "calle", "avenida", "rua", "duong", "pho", "ngo", "ngach", "hem", "вул", "ul",
	"al", "rue", "ri", "lari")

// postcodeCues are the words a postcode of digits is written after, in the
// lower-cased text.
var postcodeCues = []string{"postcode", "post code", "postal", "zip", "c.p", "cp ", "cp.", "индекс", "bưu", "邮编", "우편번호"}

// minPostcode is the smallest number of a value taken for its postcode.
const minPostcode = 10000

// add reads value v (normalised) as a residence.
func (p *resParts) add(v string) {
	if ms := valuePostcodeRe().FindAllStringIndex(v, -1); ms != nil {
		b := []byte(v)
		for _, m := range ms {
			code := strings.ToUpper(strings.ReplaceAll(v[m[0]:m[1]], " ", ""))
			if p.postcodes == nil {
				p.postcodes = map[string]bool{}
			}
			p.postcodes[code] = true
			p.firstLetters[code[0]] = true
			// The postcode is no street and its digits no house numbers.
			for k := m[0]; k < m[1]; k++ {
				b[k] = ' '
			}
		}
		v = string(b)
	}
	var nums, named []int32
	var streets [][]resValue
	for part := range strings.SplitSeq(v, ",") {
		lower := asciiLower(part)
		toks := resTokens(part, lower)
		for k, n := range colombianNamed(part, toks) {
			if n {
				named = append(named, toks[k].num)
				toks[k].num = -2
			}
		}
		street := false
		for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return r == ' ' || r == '.' }) {
			street = street || streetWords[foldWord(w)] || streetFirstWords[foldWord(w)]
		}
		for _, t := range toks {
			if sh, ok := shelterOf(part, t); ok {
				if p.shelters == nil {
					p.shelters = map[shelterNum]bool{}
				}
				p.shelters[sh] = true
			}
			if py := pinyinStreet(t); py != "" {
				streets = append(streets, []resValue{{name: string(streetFold(nil, py)), num: -1}})
			}
			streets = append(streets, hangulStreets(t)...)
			switch {
			case t.num >= minPostcode:
				if p.numPostcodes == nil {
					p.numPostcodes = map[int32]bool{}
				}
				p.numPostcodes[t.num] = true
			case t.num >= 0:
				nums = append(nums, t.num)
				street = true
			case t.num == -2:
				street = true
			}
		}
		if !street {
			continue
		}
		for i := 0; i < len(toks); {
			// A unit word ends a street's name (27 Harbour Road Leith) or
			// starts one (г. Хабаровск ул. Ленина).
			j := i
			for j < len(toks) && j-i < maxStreetWords && toks[j].num == -1 && !toks[j].han && !toks[j].hangul && utf8.RuneCountInString(toks[j].name) >= 2 &&
				(j == i || toks[j].ustart == toks[j].start && resWordEnd(part, toks[j-1].start) == toks[j-1].end) {
				j++
			}
			if j-i >= 2 || j-i == 1 && utf8.RuneCountInString(toks[i].name) >= 4 {
				var words []resValue
				hyphens := true
				for k, t := range toks[i:j] {
					words = append(words, resValue{name: string(streetFold(nil, t.name)), num: -1})
					hyphens = hyphens && (k == 0 || part[toks[i+k-1].end:t.start] == "-")
				}
				streets = append(streets, words)
				if j-i >= 2 && hyphens {
					// Kasa-Vubu is written Kasavubu too.
					var joined []byte
					for _, t := range toks[i:j] {
						joined = append(joined, t.name...)
					}
					streets = append(streets, []resValue{{name: string(streetFold(nil, string(joined))), num: -1}})
				}
			}
			i = max(j, i+1)
		}
	}
	if len(nums) == 0 {
		return
	}
	for _, words := range streets {
		p.addStreet(words, nums, named)
	}
}

// pinyinStreet returns a Chinese road's, street's, community's or
// village's name read in pinyin as one word (解放路: jiefang, 幸福小区:
// xingfu), which English texts write before the unit read too (Jiefang
// Lu, Xingfu Xiaoqu); "" for another token, a name of one character, or
// one with a character without a reading.
func pinyinStreet(t resToken) string {
	if !t.han {
		return ""
	}
	for _, u := range hanLocalUnits {
		name, ok := strings.CutSuffix(t.name, u)
		if !ok {
			continue
		}
		if utf8.RuneCountInString(name) < 2 {
			return ""
		}
		var b strings.Builder
		for _, r := range name {
			py, ok := names.Pinyin(r)
			if !ok {
				return ""
			}
			b.WriteString(py)
		}
		return b.String()
	}
	return ""
}

// hangulRoads are the Hangul road words a street's name ends in (구월로,
// 도봉로38길, 세종대로) and the word each is romanised as after a hyphen.
var hangulRoads = []struct{ hangul, latin string }{{"대로", "daero"}, {"로", "ro"}, {"길", "gil"}}

// hangulStreets returns a Korean road's name of the value (a Hangul
// token ending in 로, 대로 or 길) in its romanisations, each followed by
// its road word (구월로: guwol ro, kuwol ro...), which a text writes in
// Latin letters (Guwol-ro) or in Cyrillic by Kontsevich (Гувол-ро, Куволь-ро),
// folded alike by streetFold; none for another token.
func hangulStreets(t resToken) [][]resValue {
	if !t.hangul {
		return nil
	}
	var out [][]resValue
	for _, r := range hangulRoads {
		name, ok := strings.CutSuffix(t.name, r.hangul)
		if !ok {
			continue
		}
		// Not only the longest: 해운대로 is Haeundae-ro (해운대, a place,
		// and 로) as well as Haeun-daero.
		// Glued too (Dunsanro), and with the road word in English
		// (Dunsan road, Yongbong street): the name alone, typed.
		for _, sp := range names.Spellings(name) {
			out = append(out, []resValue{{name: string(streetFold(nil, sp)), num: -1}, {name: r.latin, num: -1}},
				[]resValue{{name: string(streetFold(nil, sp+r.latin)), num: -1}, gluedMark},
				[]resValue{{name: string(streetFold(nil, sp)), num: -1}, typedMark})
		}
	}
	return out
}

// typedMark ends the words of a street that counts only with a street
// word after its name in the text (Dunsan road), as a name alone it
// is a place's too (둔산, a district).
var typedMark = resValue{num: -4}

// gluedMark ends the words of a street whose one word ends in its road
// word (Dunsanro): like a street written with its type, the number
// after it is the house's whatever word follows (Dunsanro 145 visit).
var gluedMark = resValue{num: -5}

// typed reports whether a street word (streetWords) follows the word
// of token t in s, after spaces or a hyphen.
func typed(s string, t resToken) bool {
	k := resWordEnd(s, t.start)
	for k < len(s) && (s[k] == ' ' || s[k] == '-') {
		k++
	}
	if k == len(s) || k == resWordEnd(s, k) {
		return false
	}
	return streetWords[foldWord(asciiLower(s[k:resWordEnd(s, k)]))]
}

// colombianNamed marks the numbers of toks, the tokens of s, that name
// the street in Colombian notation: between a word and "#" or "No." and a
// number (the 7 of Carrera 7 # 45-12).
func colombianNamed(s string, toks []resToken) []bool {
	named := make([]bool, len(toks))
	for k := 1; k+1 < len(toks); k++ {
		if t := toks[k]; t.num >= 0 && toks[k-1].num < 0 && toks[k+1].num >= 0 && colombianSign(s[t.end:toks[k+1].start]) {
			named[k] = true
		}
	}
	return named
}

// colombianSign reports whether gap, the text between two numbers of a
// value, is the "#" or "No." of Colombian notation.
func colombianSign(gap string) bool {
	g := strings.TrimSpace(asciiLower(gap))
	return strings.HasPrefix(g, "#") || strings.HasPrefix(g, "no") || strings.HasPrefix(g, "n°") || strings.HasPrefix(g, "nº")
}

// spanishOrdinals are the ordinal words (folded) a Colombian street's
// number is read out as (carrera séptima).
var spanishOrdinals = map[string]int32{"primera": 1, "primero": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5,
	"sexta": 6, "septima": 7, "octava": 8, "novena": 9, "decima": 10}

// maxStreetWords bounds the words of a street's name.
const maxStreetWords = 6

// addStreet adds the street of words with the numbers nums of a residence
// on it.
func (p *resParts) addStreet(words []resValue, nums, named []int32) {
	var key strings.Builder
	isTyped, glued := words[len(words)-1] == typedMark, words[len(words)-1] == gluedMark
	if isTyped || glued {
		words = words[:len(words)-1]
		key.WriteByte(0)
	}
	for _, w := range words {
		key.WriteString(w.name)
		key.WriteByte(' ')
	}
	si, ok := p.byName[key.String()]
	if !ok {
		if p.byName == nil {
			p.byName, p.byFirst, p.byInitial = map[string]int32{}, map[string][]int32{}, map[byte][]int32{}
		}
		si = int32(len(p.streets))
		p.byName[key.String()] = si
		k := firstKey(words[0].name)
		p.firstLetters[k[0]] = true
		p.byInitial[k[0]] = append(p.byInitial[k[0]], si)
		p.byFirst[k] = append(p.byFirst[k], si)
		p.streets = append(p.streets, resStreet{words: words, typed: isTyped, glued: glued})
	}
	st := &p.streets[si]
	for _, n := range nums {
		if !slices.Contains(st.nums, n) {
			st.nums = append(st.nums, n)
		}
	}
	for _, n := range named {
		if !slices.Contains(st.named, n) {
			st.named = append(st.named, n)
		}
	}
}

// firstKey returns the index key of a folded street word: its first three
// letters, which resValue.matches compares in any case.
func firstKey(w string) string { return w[:firstKeyLen([]byte(w))] }

// firstKeyLen returns the length of the first three letters of w.
func firstKeyLen(w []byte) int {
	k := 0
	for n := 0; n < 3 && k < len(w); n++ {
		_, size := utf8.DecodeRune(w[k:])
		k += size
	}
	return k
}

// find appends to out the spans of the residences' parts in the text s
// (normalised, nt) read as toks, and returns it.
func (p *resParts) find(nt *normText, toks []resToken, out []Span) []Span {
	s := nt.s
	add := func(a, b int) {
		x, y := nt.span(a, b)
		out = append(out, Span{Start: x, End: y, Kind: KindPhrase, Replacement: PhraseReplacement})
	}
	if len(p.streets) > 0 {
		var buf []byte
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if t.num >= 0 || t.han || t.hangul {
				continue
			}
			// The first letters decide the first folded one (tch, kh).
			head := t.name
			for n, k := 0, 0; k < len(head); n++ {
				if n == 3 {
					head = head[:k]
					break
				}
				_, size := utf8.DecodeRuneInString(head[k:])
				k += size
			}
			if buf = streetFold(buf[:0], head); len(buf) == 0 || !p.firstLetters[buf[0]] {
				continue
			}
			buf = streetFold(buf[:0], t.name)
			cands := p.byFirst[string(buf[:firstKeyLen(buf)])]
			if len(cands) > maxCandidates {
				cands = nil
			}
			// A word of up to six letters with a full stop after it may
			// abbreviate the street's first word (Hgo. #34; J. Ortiz de
			// Dguez. 27, of fewer than three only before the street's
			// other words: streetAt).
			abbrev := strings.HasPrefix(s[t.end:], ".") && len(buf) <= 6 && utf8.RuneCount(buf) == len(buf)
			if initials := p.byInitial[buf[0]]; abbrev && len(initials) <= maxCandidates {
				cands = append(cands[:len(cands):len(cands)], initials...)
			}
			for _, si := range cands {
				st := p.streets[si]
				if n := p.streetAt(toks, i, buf, st, s, abbrev); n > 0 && (!st.typed || typed(s, toks[i+n-1])) {
					// Glued only as written whole: Dunsan matches Dunsanro
					// by its endings.
					st.glued = st.glued && string(buf) == st.words[0].name
					if a, b, ok := p.withNumber(s, toks, i, i+n, st); ok {
						add(toks[a].ustart, toks[b-1].end)
						i = b - 1
						break
					}
				}
			}
		}
	}
	if len(p.shelters) > 0 {
		for _, t := range toks {
			if sh, ok := shelterOf(s, t); ok && p.shelters[sh] {
				add(t.ustart, t.end)
			}
		}
	}
	if len(p.numPostcodes) > 0 {
		lower := asciiLower(s)
		for _, t := range toks {
			if t.num >= minPostcode && p.numPostcodes[t.num] && postcodeBefore(lower, t.ustart) {
				add(t.ustart, t.end)
			}
		}
	}
	if len(p.postcodes) > 0 {
		p.findPostcodes(s, add)
	}
	return out
}

// streetAt returns the number of text tokens from toks[i] (whose word
// folded is first) that are street st, written as one name, or 0; abbrev
// says the first may abbreviate its first word.
func (p *resParts) streetAt(toks []resToken, i int, first []byte, st resStreet, s string, abbrev bool) int {
	if !(resValue{name: string(first), num: -1}).matches(st.words[0], false) && !(abbrev && (len(first) >= 3 || len(st.words) >= 2) && abbreviates(first, st.words[0].name)) {
		return 0
	}
	var buf []byte
	for k := 1; k < len(st.words); k++ {
		t := toks[min(i+k, len(toks)-1)]
		if i+k >= len(toks) || t.num >= 0 || t.han || t.hangul || !joinable(s, toks[i+k-1], t) {
			return 0
		}
		buf = streetFold(buf[:0], t.name)
		// A later word may be contracted too, with a full stop (Kingsland
		// H. St., Ortiz de Dguez.).
		if !(resValue{name: string(buf), num: -1}).matches(st.words[k], false) &&
			!(strings.HasPrefix(s[t.end:], ".") && abbreviates(buf, st.words[k].name)) {
			return 0
		}
	}
	return len(st.words)
}

// abbreviates reports whether a is an abbreviation of the longer word w:
// its first letter and the others in order (Hgo for Hidalgo, Insurg for
// Insurgentes).
func abbreviates(a []byte, w string) bool {
	if len(a) >= len(w) || a[0] != w[0] {
		return false
	}
	k := 1
	for i := 1; i < len(w) && k < len(a); i++ {
		if w[i] == a[k] {
			k++
		}
	}
	return k == len(a)
}

// withNumber returns the tokens a to b that hold the street toks[i:j] and
// the numbers of nums joined to it before and after, and whether there is
// one.
func (p *resParts) withNumber(s string, toks []resToken, i, j int, st resStreet) (a, b int, ok bool) {
	nums := st.nums
	if j < len(toks) && joinable(s, toks[j-1], toks[j]) && len(st.named) > 0 {
		// The number of the street's name, in digits or as an ordinal
		// word, is part of the street (Carrera 7, carrera séptima).
		if t := toks[j]; t.num >= 0 && slices.Contains(st.named, t.num) || t.num < 0 && slices.Contains(st.named, spanishOrdinals[t.name]) {
			j++
		}
	}
	counts := func(k int) bool {
		t := toks[k]
		if t.num < 0 || !slices.Contains(nums, t.num) {
			return false
		}
		// A number that counts the word after it is no house number,
		// but the street may be that word (45 Kim Mã).
		return k+1 == i || k == j && st.glued || !countAt(s, toks, k)
	}
	a, b = i, j
	for k := j; k < len(toks) && k < j+3 && joinable(s, toks[k-1], toks[k]) && counts(k); k++ {
		b, ok = k+1, true
	}
	// A number before "on" and the street: number seventy-seven on
	// Yongbong-ro.
	on := i
	if i >= 2 && toks[i-1].name == "on" && toks[i-1].ustart == toks[i-1].start && joinable(s, toks[i-1], toks[i]) {
		on = i - 1
	}
	for k := on - 1; k >= 0 && k >= on-3 && joinable(s, toks[k], toks[k+1]) && counts(k); k-- {
		a, ok = k, true
	}
	return a, b, ok
}

// countAt reports whether the number toks[k] counts what the word after
// it names (fourteen days, сорок пять минут): a Latin or Cyrillic word
// follows it after spaces only, with no unit word before it, and neither
// the number has a unit word or '#' before it (no. 14, #14, кв. 12) nor
// the word is one that names nothing (14 for her things, 45 и 12).
func countAt(s string, toks []resToken, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	t, next := toks[k], toks[k+1]
	if t.units > 0 || strings.HasSuffix(strings.TrimRight(s[:t.start], " "), "#") || next.num >= 0 || next.han || next.hangul ||
		next.ustart != next.start || strings.TrimSpace(s[t.end:next.start]) != "" {
		return false
	}
	// After a street written with its type (the unit word taken into the
	// name's token) the number is the house's, whatever follows it
	// ("Kingsland H. St. 58 visit", review 13l).
	if k > 0 && toks[k-1].num < 0 && toks[k-1].units > 0 && strings.Trim(s[toks[k-1].end:t.start], " .") == "" {
		return false
	}
	return !notCounted[next.name]
}

// notCounted are words (folded) after a number that do not say what it
// counts: prepositions and conjunctions.
var notCounted = wordSetOf("for", "in", "at", "on", "and", "or", "with", "from", "to", "near", "by", "where", "which",
	"until", "but", "then", "is", "was", "above", "below", "behind", "next", "opposite", "y", "en", "con", "de", "para",
	"por", "cerca", "es", "и", "в", "на", "у", "с", "до", "где", "а", "o", "va", "gan")

// postcodeBefore reports whether a postcode word is written in the 24
// bytes of lower before i.
func postcodeBefore(lower string, i int) bool {
	before := lower[max(0, i-24):i]
	for _, c := range postcodeCues {
		if strings.Contains(before, c) {
			return true
		}
	}
	return false
}

// maxPostcode is the most letters and digits of a postcode.
const maxPostcode = 8

// findPostcodes finds the postcodes of letters and digits in s, read from
// a word's start as letters and digits, in any case, with a space, hyphen
// or full stop between them or not (a comma and a space too), and English digit words ("H U one
// three T G"), up to a word's end.
func (p *resParts) findPostcodes(s string, add func(a, b int)) {
	var buf [maxPostcode]byte
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(rune(s[i])) || !p.firstLetters[upperASCII(rune(s[i]))] || i > 0 && isWordByteBefore(s, i) {
			continue
		}
		n, j := 0, i
		for n < maxPostcode && j < len(s) {
			c := s[j]
			e := j
			if j == i || !isWordByteBefore(s, j) {
				e = letterWordEnd(s, j)
			}
			switch d, ok := digitWord(s[j:e]); {
			case ok && e-j > 1:
				buf[n], j = d, e
				n++
			case isASCIILetter(rune(c)) || isASCIIDigit(rune(c)):
				buf[n] = byte(upperASCII(rune(c)))
				n++
				j++
			case (c == ' ' || c == '-' || c == '.') && j+1 < len(s) && s[j+1] != ' ':
				j++
				continue
			case c == ',' && j+2 < len(s) && s[j+1] == ' ' && s[j+2] != ' ':
				// A pause said between district and sector (e eight,
				// two n s).
				j += 2
				continue
			default:
				n = maxPostcode // stop
				continue
			}
			if n >= 5 && (j == len(s) || !isWordRune(nextRune(s, j))) && p.postcodes[string(buf[:n])] {
				add(i, j)
				i = j
				break
			}
		}
	}
}

// digitWord returns the digit of a digit word of English or of the
// languages spokenDigits knows (H U uno tres T G), in any case.
func digitWord(w string) (byte, bool) {
	const longest = len("девять")
	if len(w) < 2 || len(w) > longest {
		return 0, false
	}
	var lower [longest]byte
	for i := 0; i < len(w); i++ {
		lower[i] = w[i]
		if 'A' <= w[i] && w[i] <= 'Z' {
			lower[i] += 'a' - 'A'
		}
	}
	if d, ok := englishDigits[string(lower[:len(w)])]; ok {
		return d, true
	}
	if !isASCII(w) {
		d, ok := spokenDigits[strings.ToLower(w)] // один, Один
		return d, ok
	}
	d, ok := spokenDigits[string(lower[:len(w)])]
	return d, ok
}

// isWordByteBefore reports whether a letter or digit is written right
// before s[i].
func isWordByteBefore(s string, i int) bool { return isWordRune(prevRune(s, i)) }

func upperASCII(r rune) rune {
	if 'a' <= r && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}

// cyrillicLatin writes each Cyrillic letter in Latin letters, for
// streetFold, which folds the systems' differences after it.
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k",
	'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian (r17g): и is y in its romanisation, so i after the fold.
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// soundFolds are the spellings of one sound in the romanisation systems
// of Cyrillic (passport, scholarly, German, French, Polish), longest
// first, and the letter streetFold writes for each.
var soundFolds = []struct {
	from string
	to   byte
}{
	{"schtsch", 's'}, {"chtch", 's'}, {"shch", 's'}, {"szcz", 's'}, {"tsch", 's'}, {"sch", 's'}, {"tch", 's'},
	{"sh", 's'}, {"sz", 's'}, {"cz", 's'}, {"ch", 's'}, {"zh", 's'}, {"ts", 's'}, {"kh", 'h'}, {"ou", 'u'},
	{"c", 's'}, {"z", 's'}, {"j", 'i'}, {"y", 'i'}, {"w", 'v'}, {"ż", 's'},
}

// streetFold appends to dst the word w (folded by foldWord) with its
// Cyrillic letters in Latin ones and the spellings of one sound in the
// romanisation systems folded into one, doubled letters written once:
// Lenina, Ленина and Leninа are "lenina", Khabarovsk and Habarowsk
// "habarovsk". It costs no allocation when dst has room.
func streetFold(dst []byte, w string) []byte {
	start := len(dst)
	for _, r := range w {
		if l, ok := cyrillicLatin[r]; ok && r >= 'а' {
			dst = append(dst, l...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	// Written over dst as it is read: no fold is longer than what it
	// replaces.
	out := dst[:start]
	for k := start; k < len(dst); {
		n, c := 1, dst[k]
		// Only these bytes start a spelling soundFolds folds (0xc5: ż).
		if strings.IndexByte("sctzkojyw\xc5", c) >= 0 {
			for _, f := range soundFolds {
				if bytes.HasPrefix(dst[k:], []byte(f.from)) {
					n, c = len(f.from), f.to
					break
				}
			}
		}
		k += n
		// An r before a consonant or at the end is not written in
		// Haitian Creole (Mercier is Mèsye, Delmas Dèlma): dropped.
		if c == 'r' && n == 1 && (k == len(dst) || strings.IndexByte("aeiouy", dst[k]) < 0) {
			continue
		}
		if c < utf8.RuneSelf && len(out) > start && out[len(out)-1] == c {
			continue // a doubled letter
		}
		out = append(out, c)
	}
	return out
}
