package redact

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/internal/latin"
)

// A ResidenceSet is a set of registered residences (and contacts) made
// once for many texts, to find where a text quotes one in another
// notation than the registered one: the house and flat numbers in digits
// or in words of any language the number readers know ("twenty-seven
// Harbour Road" for "27 Harbour Road", "Светланская сто двадцать,
// квартира сорок пять" for "ул. Светланская, д. 120, кв. 45", "고잔동
// 칠백십오 다시 삼" for "고잔동 715-3", "五栋二单元三零一室" and
// "5号楼2单元301室" for "…社区5栋2单元301"), the unit words in any of
// their forms or left out, and a part of the value only.
//
// Both the value and the text are read as a sequence of tokens: numbers
// (digits; English, Russian, Spanish, Portuguese and Vietnamese number
// words with NumberWord, composed as they are said: "сто двадцать" is
// 120, "three oh one" 301; Chinese and Sino-Korean numerals, 三百零一,
// 칠백십오) and names (a Latin or Cyrillic word, compared without case
// and marks and, for words of five letters or more, without their last
// two, so that "Светланской" is "Светланская"; a Hangul word, which may
// carry a particle in the text; a Chinese division, such as 光明社区 of
// 吉林省延吉市河南街道光明社区, which the text may write after other
// characters: 住在光明社区). Unit words (Road, кв., квартира, flat, 栋,
// 号楼, 单元, 室, 번지, 다시, ...) are skipped, and taken into the span.
// A run of tokens, in order and separated only by spaces and punctuation
// (at most 8 bytes, no line break), that is a run of a value's tokens is
// hidden when it identifies: a name and a number ("Harbour Road 27",
// "光明社区5栋"), three numbers with two unit words among them
// ("五栋二单元三零一室"), or two Chinese divisions down to a community,
// village or street (河南街道光明社区). A unit word and a number of the
// value right before or after such a run is taken into it ("27 Harbour
// Rd, flat three").
//
// A residence is also its parts (r17a, resParts): its street with one of
// its house, lane or flat numbers next to it in any order, the street in
// any romanisation or script ("Albion St, no. 14", "Lenina 45, apt 12"
// for "ул. Ленина, д. 45, кв. 12"), and its postcode in any spacing,
// case or spelling ("HU13TG", "H U one three T G"), one of digits only
// after a postcode word.
//
// Spans are KindPhrase, replaced by PhraseReplacement, sorted and not
// overlapping. The cost is linear in the size of text for a given set;
// each value is read up to maxResidenceTokens tokens, and a run is looked
// up by its first two tokens in at most maxCandidates values, so that a
// set of many residences in one town costs no more per text.
type ResidenceSet struct {
	// tokens are the values' tokens, those of value v from starts[v] to
	// starts[v+1]: one array for the set, not one a value, which a
	// registry of 100,000 residences would pay a slice header and an
	// allocation each for.
	tokens []resValue
	starts []int32
	// index holds every two tokens in a row of a value (a run that
	// identifies has two tokens at least), by the hash of their key
	// (pairKey) under seed, sorted by it: no map of keys, which cost
	// their strings and a slice each. A hash two keys share adds
	// candidates only, which Find compares token by token.
	index []resEntry
	seed  maphash.Seed
	// named marks, parallel to tokens, the numbers that name a street in
	// Colombian notation (colombianNamed) or a postcode's district (the
	// E8 of E8 2NS): a run whose numbers are all such does not identify
	// (la Carrera 7, E8 and E5 are districts).
	named []bool
	// parts are the residences' streets, numbers and postcodes
	// (residence_parts.go).
	parts resParts
}

// resEntry is a pair of tokens in the index: the hash of its key, and
// the value and position of its first token.
type resEntry struct {
	hash uint64
	resPos
}

type resPos struct{ v, i int32 }

// maxCandidates bounds the values a pair of tokens is looked up in: a
// pair more values share (함경북도 회령시) identifies nobody, and the run
// is found from its next pair (회령시 3반).
const maxCandidates = 64

const maxResidenceTokens = 32

// resToken is a number or a name read from a value or a text; start and
// end are its bounds in the normalised text with the unit words written
// before (ustart) and after it (end).
type resToken struct {
	resValue
	// units counts the unit words taken into the token.
	units              int
	ustart, start, end int
}

// resValue is what a set keeps of a value's token: a number, or a name.
type resValue struct {
	name        string // folded, for a name
	num         int32  // the number, or -1 for a name
	han, hangul bool   // a Chinese division, a Hangul word
}

func numToken(n, a, b int) resToken {
	return resToken{resValue: resValue{num: int32(n)}, start: a, end: b}
}

func nameToken(name string, han, hangul bool, a, b int) resToken {
	return resToken{resValue: resValue{name: name, num: -1, han: han, hangul: hangul}, start: a, end: b}
}

// NewResidenceSet returns the set of values (registered residences and
// contacts, as written anywhere).
func NewResidenceSet(values []string) *ResidenceSet {
	rs := &ResidenceSet{seed: maphash.MakeSeed(), starts: []int32{0}}
	seen := map[string]bool{}
	var key []byte
	for _, v := range values {
		if seen[v] {
			continue
		}
		seen[v] = true
		nv := normalise(v, false).s
		if (strings.ContainsAny(strings.TrimSpace(nv), " \t") || strings.IndexFunc(nv, isHanRune) >= 0) && !strings.ContainsAny(nv, "@/") && strings.IndexFunc(nv, unicode.IsLetter) >= 0 {
			// A residence: not a phone number, an e-mail or a link
			// (a Chinese one is written without spaces).
			rs.parts.add(nv)
		}
		toks := resTokens(nv, asciiLower(nv))
		if len(toks) > maxResidenceTokens {
			toks = toks[:maxResidenceTokens]
		}
		if !usable(toks) {
			continue // a phone number, or a word: no run of it identifies
		}
		n := int32(len(rs.starts) - 1)
		named := colombianNamed(nv, toks)
		for _, m := range valuePostcodeRe().FindAllStringIndex(nv, -1) {
			district := m[1] - 3
			if sp := strings.IndexByte(nv[m[0]:m[1]], ' '); sp >= 0 {
				district = m[0] + sp
			}
			for k, t := range toks {
				named[k] = named[k] || t.start >= m[0] && t.end <= district
			}
		}
		rs.named = append(rs.named, named...)
		for i, t := range toks {
			rs.tokens = append(rs.tokens, t.resValue)
			if i+1 < len(toks) {
				key = pairKey(key[:0], t.resValue, toks[i+1].resValue)
				rs.index = append(rs.index, resEntry{maphash.Bytes(rs.seed, key), resPos{n, int32(i)}})
			}
		}
		rs.starts = append(rs.starts, int32(len(rs.tokens)))
	}
	// Stable: a key's candidates stay in the order of the values.
	slices.SortStableFunc(rs.index, func(a, b resEntry) int { return cmp.Compare(a.hash, b.hash) })
	return rs
}

// value returns the tokens of value v.
func (rs *ResidenceSet) value(v int32) []resValue { return rs.tokens[rs.starts[v]:rs.starts[v+1]] }

// candidates returns the index entries of the pair of tokens whose key
// is key.
func (rs *ResidenceSet) candidates(key []byte) []resEntry {
	h := maphash.Bytes(rs.seed, key)
	a, _ := slices.BinarySearchFunc(rs.index, h, func(e resEntry, h uint64) int { return cmp.Compare(e.hash, h) })
	b := a
	for b < len(rs.index) && rs.index[b].hash == h {
		b++
	}
	return rs.index[a:b]
}

// usable reports whether some run of a value's tokens may identify: it
// has a name and a number, three numbers and two unit words (not a phone
// number, which NumberSet finds), or two Chinese divisions.
func usable(toks []resToken) bool {
	names, nums, han, units := counts(toks)
	return names > 0 && nums > 0 || nums >= 3 && units >= 2 || han >= 2
}

// counts returns the names, numbers, Chinese divisions (among the names)
// and unit words of a run of tokens.
func counts(run []resToken) (names, nums, han, units int) {
	for _, t := range run {
		units += t.units
		switch {
		case t.num >= 0:
			nums++
		case t.han:
			han++
			names++
		default:
			names++
		}
	}
	return names, nums, han, units
}

// appendKey appends to dst the index key of a value's token: a text's
// token that matches it (matches) has the same key.
func (t resValue) appendKey(dst []byte) []byte {
	switch {
	case t.num >= 0:
		return strconv.AppendInt(append(dst, '#'), int64(t.num), 10)
	case t.han:
		// The text may write characters before a division of three or
		// more (住在光明社区).
		k := len(t.name)
		for n := 0; n < 3 && k > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(t.name[:k])
			k -= size
		}
		return append(append(dst, 'h'), t.name[k:]...)
	case t.hangul:
		// The text may write a particle after the word.
		k := 0
		for n := 0; n < 2 && k < len(t.name); n++ {
			_, size := utf8.DecodeRuneInString(t.name[k:])
			k += size
		}
		return append(append(dst, 'k'), t.name[:k]...)
	}
	if utf8.RuneCountInString(t.name) >= 5 {
		k := 0
		for n := 0; n < 3; n++ {
			_, size := utf8.DecodeRuneInString(t.name[k:])
			k += size
		}
		return append(append(dst, 'w'), t.name[:k]...)
	}
	return append(append(dst, 'w'), t.name...)
}

// pairKey appends to dst the index key of tokens a and b in a row.
func pairKey(dst []byte, a, b resValue) []byte {
	return b.appendKey(append(a.appendKey(dst), '|'))
}

// matches reports whether text token t is value token v; first says t
// starts a run (a Chinese division may then have characters before it).
func (t resValue) matches(v resValue, first bool) bool {
	switch {
	case t.num >= 0 || v.num >= 0:
		return t.num == v.num
	case t.han != v.han || t.hangul != v.hangul:
		return false
	case t.han:
		return t.name == v.name || first && strings.HasSuffix(t.name, v.name) && utf8.RuneCountInString(v.name) >= 3
	case t.hangul:
		rest, ok := strings.CutPrefix(t.name, v.name)
		return ok && utf8.RuneCountInString(v.name) >= 2 && utf8.RuneCountInString(rest) <= 3
	}
	if t.name == v.name {
		return true
	}
	a, b := []rune(t.name), []rune(v.name)
	n := min(len(a), len(b))
	return n >= 5 && max(len(a), len(b))-n <= 2 && string(a[:n-2]) == string(b[:n-2])
}

// Find returns the spans of the values of rs quoted in text (none for a
// nil set).
func (rs *ResidenceSet) Find(text string) []Span {
	if rs == nil || text == "" || len(rs.index) == 0 && !rs.parts.any() {
		return nil
	}
	nt := newNormText(text, false)
	s := nt.s
	toks := resTokens(s, nt.lower)
	var out []Span
	var key []byte
	done := 0 // tokens before done are in a span already
	for i := 0; i < len(toks); i++ {
		if i < done {
			continue
		}
		best, bestV, bestJ := 0, int32(0), 0
		if i+1 >= len(toks) {
			break
		}
		key = pairKey(key[:0], toks[i].resValue, toks[i+1].resValue)
		cands := rs.candidates(key)
		if len(cands) > maxCandidates {
			continue
		}
		for _, p := range cands {
			val, j := rs.value(p.v), int(p.i)
			n := 0
			for i+n < len(toks) && j+n < len(val) && toks[i+n].matches(val[j+n], n == 0) && (n == 0 || joinable(s, toks[i+n-1], toks[i+n])) {
				// A number that counts the word after it is no house
				// number (Ленина сорок пять минут), unless that word is
				// the value's next.
				if toks[i+n].num >= 0 && countAt(s, toks, i+n) && !(j+n+1 < len(val) && toks[i+n+1].matches(val[j+n+1], false)) {
					break
				}
				n++
			}
			// A street word after the name before the run is the first
			// number's unit (Fathullah St. 5, H. 23).
			lead := i > 0 && toks[i-1].num < 0 && toks[i-1].units > 0 && joinable(s, toks[i-1], toks[i])
			if n > best && identifies(toks[i:i+n], lead) && !allNamed(val[j:j+n], rs.named[int(rs.starts[p.v])+j:][:n]) {
				best, bestV, bestJ = n, p.v, j
			}
		}
		if best == 0 {
			continue
		}
		// A unit and a number of the value next to the run: "flat three".
		nums := map[int32]bool{}
		for _, t := range rs.value(bestV) {
			if t.num >= 0 {
				nums[t.num] = true
			}
		}
		a, b := i, i+best
		for k := 0; k < 2 && a > done && toks[a-1].num >= 0 && toks[a-1].units > 0 && nums[toks[a-1].num] && joinable(s, toks[a-1], toks[a]); k++ {
			a--
		}
		for k := 0; k < 2 && b < len(toks) && toks[b].num >= 0 && toks[b].units > 0 && nums[toks[b].num] && joinable(s, toks[b-1], toks[b]); k++ {
			b++
		}
		from := toks[a].ustart
		if a == i && toks[i].han {
			// Not the characters written before the division (住在).
			from = toks[i].end - len(rs.value(bestV)[bestJ].name)
		}
		x, y := nt.span(from, toks[b-1].end)
		out = append(out, Span{Start: x, End: y, Kind: KindPhrase, Replacement: PhraseReplacement})
		done = b
		i = b - 1
	}
	if n := len(out); rs.parts.any() {
		if out = rs.parts.find(nt, toks, out); len(out) > n {
			out = unionSpans(out)
		}
	}
	return out
}

// unionSpans sorts spans of one kind and replacement and joins those that
// overlap.
func unionSpans(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	out := spans[:1]
	for _, sp := range spans[1:] {
		if last := &out[len(out)-1]; sp.Start < last.End {
			last.End = max(last.End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// identifies reports whether a run of tokens identifies a residence: a
// name and a number, three numbers with two unit words, two numbers each
// with its unit (lead: the first's is written before the run), or two
// Chinese divisions down to a community, village or street.
func identifies(run []resToken, lead bool) bool {
	names, nums, han, units := counts(run)
	switch {
	case names > 0 && nums > 0:
		return true
	case nums >= 3 && units >= 2:
		return true
	case nums >= 2 && eachUnit(run, lead):
		// Two numbers in the registered order, each with its unit
		// (kocha 5, khana 23; ব্লক সি-৭, শেড ১১২): a house of a street,
		// a shelter of a block.
		return true
	case han >= 2 && han == len(run):
		last := run[len(run)-1].name
		for _, u := range hanLocalUnits {
			if strings.HasSuffix(last, u) {
				return true
			}
		}
	}
	return false
}

// eachUnit reports whether every number of run has a unit word; lead
// says the first has one written after the token before the run.
func eachUnit(run []resToken, lead bool) bool {
	for k, t := range run {
		if t.num >= 0 && t.units == 0 && !(k == 0 && lead) {
			return false
		}
	}
	return true
}

// allNamed reports whether the run val of a value has numbers, each one
// that names its street or district (named).
func allNamed(val []resValue, named []bool) bool {
	nums := 0
	for i, v := range val {
		if v.num >= 0 {
			if !named[i] {
				return false
			}
			nums++
		}
	}
	return nums > 0
}

// joinable reports whether text tokens a and b, a before b, are written
// as one address: only spaces and punctuation between them, at most 8
// bytes and no line break or sentence end.
func joinable(s string, a, b resToken) bool {
	gap := s[a.end:b.ustart]
	// A bar separates columns and line numbers (007| carrera séptima):
	// nothing joins across it.
	if len(gap) > 8 || strings.ContainsAny(gap, lineBreaks+"。！？!?;|｜") {
		return false
	}
	for _, r := range gap {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Unit words: skipped in a value and a text, and taken into the span of
// the token they go with. Latin and Cyrillic words are compared folded,
// without marks; hanUnitsAfter follow a number in Chinese, resHangulUnits a
// number in Korean, written on or apart (다시 is a dash read out: 715-3
// is 칠백십오 다시 삼).
var (
	resUnitWords = wordSetOf(slices.Concat(campWords, []string{
		"road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "drive", "way", "close", "court", "place",
		"crescent", "terrace", "square", "flat", "apt", "apartment", "unit", "building", "bldg", "block", "blk", "floor",
		"room", "house", "no", "number", "nr",
		"ул", "улица", "улице", "улицы", "улицу", "д", "дом", "доме", "дома", "кв", "квартира", "квартиры", "квартире",
		"квартиру", "квартирой", "корпус", "корп", "стр", "строение", "подъезд", "этаж", "пр", "проспект", "пер",
		"переулок", "г", "город", "номер",
		"calle", "avenida", "casa", "bloque", "colonia", "col", "numero", "num", "depto", "departamento", "piso",
		"interior", "int", "edificio", "rua", "apto",
		"duong", "pho", "ngo", "ngach", "hem", "thon", "xom", "phuong", "huyen", "so",
		"ulitsa", "ul", "dom", "kv", "kvartira", "korpus", "kvartire", "apartamento", "dpto", "prospekt", "pereulok",
		"стрит", "роуд", "авеню", "лейн", "str", "dr", "blvd", "boulevard", "pl", "sq", "ct", "cres", "hwy", "avda", "kiet",
		"nha",
		// r17g: Ukrainian, Polish, Turkish, French and Haitian Creole, and
		// the Chinese units read in pinyin (Jiefang Lu, 3 hao lou).
		"вул", "вулиця", "вулиці", "вулицю", "буд", "будинок", "будинку", "квартири", "квартирі", "просп", "пров",
		"провулок", "м", "ulica", "ulicy", "al", "aleja", "m", "mieszkanie", "os", "osiedle", "mah", "mahalle",
		"mahallesi", "sokak", "sok", "sk", "cadde", "cad", "caddesi", "cd", "daire", "kat", "blok", "rue", "ri",
		"lari", "lu", "jie", "xiaoqu", "shequ", "hao", "lou", "haolou", "danyuan",
		// r18a: the units of a camp's or a town's address in the
		// languages of the camps and of the review's towns (with
		// campWords): English camp notation, Spanish (Honduras: bl. for
		// bloque), French (Kinshasa), Dari and Pashto romanised and in
		// their script, Arabic, Somali (with the article -ta, -ga),
		// Tigrinya and Amharic, Bengali, Burmese, Turkish, Uyghur Latin.
		"section", "sect", "sec", "shed", "compound", "plot", "pasaje", "psje", "pje", "sector", "quartier", "commune",
		"kocha", "koocha", "kucha", "khana", "khane", "sarak", "nahia", "nahiya", "numara", "nomur", "nomer", "oy", "yoli",
		"qayb", "qaybta", "baloog", "baloogga", "guri", "guriga", "hoy", "hoyga", "bl", "blq",
		"کوچه", "سرک", "خانه", "جاده", "ناحیه", "پلاک", "منزل", "بلاک", "کمپ", "شارع", "شقة", "مربع",
		"ክፍሊ", "ክፍል", "ቤት", "ዞን", "ঘর", "ရပ်ကွက်", "လမ်း", "အမှတ်", "အိမ်",
	})...)
	// streetWords are the unit words written after a street's name too
	// (Harbour Road, Светланская улица).
	streetWords = wordSetOf("road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "way", "close", "court",
		"place", "crescent", "terrace", "square", "ул", "улица", "проспект", "пр", "переулок", "пер", "ulitsa", "prospekt",
		"pereulok", "стрит", "роуд", "авеню", "лейн", "str", "dr", "blvd", "boulevard", "pl", "sq", "ct", "cres", "hwy",
		"вулиця", "просп", "провулок", "ulica", "mah", "mahalle", "mahallesi", "sokak", "sok", "cadde", "caddesi", "lu",
		"jie", "xiaoqu", "shequ",
		// r18a: a camp's name and a house's (Shagarab camp, Lhasa House).
		"camp", "house")
	// unitsAfterNumber are the unit words written after a number: the
	// Chinese ones read in pinyin (3 hao lou, 2 danyuan).
	unitsAfterNumber = wordSetOf("hao", "lou", "haolou", "danyuan")
	hanUnitsAfter    = []string{"号楼", "单元", "栋", "幢", "座", "楼", "室", "号", "房", "层", "户", "门"}
	resHangulUnits   = []string{"번지", "번", "호", "동", "층", "다시", "의", "길", "단지"}
	// numberEndings are the particles and copulas written on a number
	// read in Sino-Korean numerals (삼이었어요, 삼에서).
	numberEndings = []string{"이었", "이에요", "이예요", "이야", "이다", "이고", "이라", "에서", "에", "으로", "까지", "였", "예요", "라고"}
	// hanDivisions end a Chinese division's name; hanLocalUnits are those
	// of a community, village or street.
	hanDivisions  = []string{"街道", "社区", "小区", "大道", "胡同", "省", "市", "县", "区", "旗", "镇", "乡", "村", "屯", "路", "街", "巷", "弄"}
	hanLocalUnits = []string{"社区", "小区", "村", "屯", "路", "街", "大道", "巷", "弄", "胡同"}
)

// resTokens reads s (normalised) as residence tokens; lower is s with
// its ASCII letters lower-cased.
func resTokens(s, lower string) []resToken {
	out := make([]resToken, 0, len(s)/8)
	ustart := -1 // where unit words before the next token start
	units := 0
	push := func(t resToken) {
		t.ustart, t.units = t.start, units
		if ustart >= 0 {
			t.ustart = ustart
		}
		out = append(out, t)
		ustart, units = -1, 0
	}
	// unit takes the unit word s[a:b] into the token before it (after:
	// a unit written after a number or a street's name, 5栋, 715번지,
	// Harbour Road) or into the next one (flat three, кв. 45).
	unit := func(a, b int, after bool) {
		if n := len(out); after && n > 0 && ustart < 0 && joinable(s, out[n-1], resToken{ustart: a}) {
			out[n-1].end, out[n-1].units = b, out[n-1].units+1
			return
		}
		if ustart < 0 {
			ustart = a
		}
		units++
	}
	prevNum := func() bool { return len(out) > 0 && out[len(out)-1].num >= 0 }
	prevName := func() bool { return len(out) > 0 && out[len(out)-1].num < 0 }
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isASCIIDigit(r):
			j := i
			for j < len(s) && isASCIIDigit(rune(s[j])) {
				j++
			}
			push(numToken(atoiCapped(s[i:j]), i, j))
			i = hanUnitAfter(s, j, unit)
		case isHanRune(r) || r == '〇':
			i = hanTokens(s, i, push, unit)
		case isHangul(r):
			j := i
			for j < len(s) {
				q, sz := utf8.DecodeRuneInString(s[j:])
				if !isHangul(q) {
					break
				}
				j += sz
			}
			hangulToken(s, i, j, prevNum(), push, unit)
			i = j
		case unicode.IsLetter(r):
			if k := unitLetter(s, i); k > i {
				unit(i, k, false)
				i = k
				continue
			}
			if j := resWordEnd(s, i); prevNum() && i > 0 && s[i-1] == '-' && romanKoreanUnits[lower[i:j]] {
				unit(i, j, true) // 101-dong 1203-ho
				i = j
				continue
			}
			i = wordTokens(s, lower, i, prevName(), push, unit)
		case r == '#' && i+1 < len(s) && isASCIIDigit(rune(s[i+1])):
			unit(i, i+1, false) // #1502
			i++
		default:
			i += size
		}
	}
	return out
}

// unitLetter returns the end of a unit abbreviated to one letter at
// s[i], a block's, section's, shelter's, tent's, room's or house's (B14,
// T-214, R-12, H. 23, c. 12, D: 4 of a Turkish address, n° 14), or a
// quarter's or commune's of Kinshasa (Q/Matonge, C/Kalamu), as camps
// and towns abbreviate them: a letter with its marks (সি is C in
// Bengali) as a word of its own, before a number, a dash and a number,
// a full stop, colon or degree sign and a number, or a slash and a word;
// i if there is none.
func unitLetter(s string, i int) int {
	j := i + utf8.RuneLen(nextRune(s, i))
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			break
		}
		j += size
	}
	if isWordByteBefore(s, i) || j >= len(s) {
		return i
	}
	digitAt := func(k int) bool { return k < len(s) && isASCIIDigit(rune(s[k])) }
	switch c := s[j]; {
	case isASCIIDigit(rune(c)):
		return j
	case c == '-' && digitAt(j+1):
		return j + 1
	case c == '.' || c == ':' || strings.HasPrefix(s[j:], "°") || strings.HasPrefix(s[j:], "º"):
		k := j + utf8.RuneLen(nextRune(s, j))
		if k < len(s) && s[k] == ' ' {
			k++
		}
		if digitAt(k) {
			return k
		}
	case c == '/' && j+1 < len(s) && isWordRune(nextRune(s, j+1)):
		return j + 1
	}
	return i
}

func isHangulOrHan(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isHangul(r) || isHanRune(r)
}

// atoiCapped returns the value of a run of digits, at most 9 of them
// read (a longer run is no house number).
func atoiCapped(d string) int {
	n, _ := strconv.Atoi(d[:min(len(d), 9)])
	return n
}

// numberComposer composes number words as they are said: units after
// tens or hundreds add to them (twenty-seven, сто двадцать), hundred and
// 百 multiply the digit before them (seven hundred, 三百, 칠백), a place
// after a greater one adds (백십, 700 and 10), and digits after digits
// are written after them (three oh one, 三零一). English house and flat
// numbers are also said in pairs and digits (pair): five-fifty is 550,
// thirteen-oh-four 1304, eleven hundred 1100.
type numberComposer struct {
	total, pend int // pend: a digit (or digits) not yet multiplied, or -1
	ok, digits  bool
	// tens: the last pair was a tens word (five-fifty), which a unit
	// after it adds to (five-fifty-five is 555).
	tens bool
}

// add takes the next word's value v (mult: it multiplies, as hundred)
// and reports whether it continues the number.
func (c *numberComposer) add(v int, mult bool) bool {
	if c.value() >= 1e8 {
		return false // no house number; and no overflow
	}
	if !c.ok {
		c.ok, c.pend = true, -1
		if !mult && v < 10 {
			c.pend, c.digits = v, true
		} else {
			c.total = v
		}
		return true
	}
	switch {
	case mult && v >= 1000 && c.value() < v && !c.digits:
		// sesenta y ocho mil: a thousand multiplies all said before it.
		c.total, c.pend = c.value()*v, -1
	case mult && c.pend >= 0:
		c.total, c.pend, c.digits = c.total+c.pend*v, -1, false
	case mult || v >= 10:
		if c.digits || c.pend >= 0 || c.total == 0 || v >= place(c.total) {
			return false
		}
		c.total += v
	case c.digits && c.tens:
		c.pend, c.tens = c.pend+v, false
	case c.digits:
		c.pend = c.pend*10 + v
	case c.pend >= 0:
		return false
	case v == 0 && c.total < 100:
		// thirteen-oh-four: a pair, then digits.
		c.pend, c.total, c.digits = c.total*10, 0, true
	case v == 0:
		// 三百零一: the zero holds a place.
	case c.total > 0 && v < place(c.total):
		c.pend = v
	default:
		return false
	}
	return true
}

// pair takes the next English word's value v where add did not: a
// number of ten to ninety-nine after digits or after another such
// number is two more digits (five-fifty, thirteen forty-five), and
// hundred after one multiplies it (eleven hundred). It reports whether
// it continues the number.
func (c *numberComposer) pair(v int, mult bool) bool {
	n := c.value()
	switch {
	case !c.ok || n >= 1e6:
		return false
	case mult && v == 100 && !c.digits && n >= 10 && n < 100:
		c.total, c.pend = n*100, -1
	case !mult && v >= 10 && v < 100 && (c.digits || n >= 10 && n < 100):
		c.pend, c.total, c.digits, c.tens = n*100+v, 0, true, v >= 20 && v%10 == 0
	default:
		return false
	}
	return true
}

// value returns the number composed.
func (c *numberComposer) value() int { return c.total + max(c.pend, 0) }

// place returns the largest power of ten that divides n > 0.
func place(n int) int {
	p := 1
	for n%(p*10) == 0 && p < 1e9 {
		p *= 10
	}
	return p
}

// hanTokens reads the Chinese characters at s[i]: numbers in Chinese
// numerals, units after a number and divisions. It returns the end.
func hanTokens(s string, i int, push func(resToken), unit func(a, b int, after bool)) int {
	const hanValues = "〇零一二两三四五六七八九十百千"
	name := -1 // start of the division being read
	flush := func(end int) {
		if name >= 0 && end > name {
			push(nameToken(s[name:end], true, false, name, end))
		}
		name = -1
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHanRune(r) && r != '〇' {
			break
		}
		if n := len(s); strings.ContainsRune(hanValues, r) {
			var c numberComposer
			j := i
			for j < n {
				q, sz := utf8.DecodeRuneInString(s[j:])
				k := strings.IndexRune(hanValues, q)
				if k < 0 {
					break
				}
				v, mult := hanNumeralValue(q)
				if !c.add(v, mult) {
					break
				}
				j += sz
			}
			flush(i)
			push(numToken(c.value(), i, j))
			i = j
			i = hanUnitAfter(s, i, unit)
			continue
		}
		if name < 0 {
			name = i
		}
		i += size
		if hanDivisionEndsAt(s, name, i) {
			flush(i)
		}
	}
	flush(i)
	return i
}

// hanDivisionEndsAt reports whether s[name:i], Han characters, ends with
// the suffix of a division (吉林省, 河南街道): not 街 before 道.
func hanDivisionEndsAt(s string, name, i int) bool {
	for _, d := range hanDivisions {
		if strings.HasSuffix(s[name:i], d) && !(d == "街" && strings.HasPrefix(s[i:], "道")) {
			return true
		}
	}
	return false
}

// HanVillages returns the villages (村, 屯) a Chinese address names, each
// of three characters or more, so that no word of two (农村, 乡村) is one:
// 仁化村 of 吉林省龙井市东盛涌镇仁化村. A view hides a registered residence's
// village alone, as it does a Korean 리 or 동 (PlaceLike).
func HanVillages(address string) []string {
	var out []string
	name := -1
	for i, r := range address {
		if !isHanRune(r) {
			name = -1
			continue
		}
		if name < 0 {
			name = i
		}
		end := i + utf8.RuneLen(r)
		if !hanDivisionEndsAt(address, name, end) {
			continue
		}
		if (r == '村' || r == '屯') && utf8.RuneCountInString(address[name:end]) >= 3 {
			out = append(out, address[name:end])
		}
		name = -1
	}
	return out
}

// hanUnitAfter takes the unit words after a number at s[i] into it.
func hanUnitAfter(s string, i int, unit func(a, b int, after bool)) int {
	for more := true; more; {
		more = false
		for _, u := range hanUnitsAfter {
			if strings.HasPrefix(s[i:], u) {
				unit(i, i+len(u), true)
				i += len(u)
				more = true
				break
			}
		}
	}
	return i
}

// hanNumeralValue returns the value of a Chinese numeral, and whether it
// multiplies (十 after a digit, 百, 千).
func hanNumeralValue(r rune) (int, bool) {
	switch r {
	case '十':
		return 10, true
	case '百':
		return 100, true
	case '千':
		return 1000, true
	case '两':
		return 2, false
	}
	return int(hanDigits[r] - '0'), false
}

// hangulToken reads the Hangul word s[i:j]: a number in Sino-Korean
// numerals, maybe with a unit written on (칠백십오번지), a unit, or a name.
func hangulToken(s string, i, j int, after bool, push func(resToken), unit func(a, b int, after bool)) {
	w := s[i:j]
	for _, u := range resHangulUnits {
		if w == u {
			unit(i, j, after)
			return
		}
	}
	// The number read up to each syllable: a particle written on it may
	// start with a digit syllable (삼이었어요: 이 is 2).
	var c numberComposer
	var endsBuf, valuesBuf [8]int
	ends, values := endsBuf[:0], valuesBuf[:0]
	for k := i; k < j && len(ends) < len(endsBuf); {
		q, sz := utf8.DecodeRuneInString(s[k:])
		var v int
		mult := false
		if u := placeUnits[q]; u != 0 {
			v, mult = pow10(u-1), true
		} else if d := hangulDigits[q]; d != 0 {
			v = int(d - '0')
		} else {
			break
		}
		if !c.add(v, mult) {
			break
		}
		k += sz
		ends, values = append(ends, k), append(values, c.value())
	}
	for e := len(ends) - 1; e >= 0; e-- {
		// A unit may follow, and a particle of up to two syllables after
		// it (칠백십오번지에), or a particle or copula after the number
		// (삼이었어요).
		k := ends[e]
		rest, u := s[k:j], ""
		for _, x := range resHangulUnits {
			if strings.HasPrefix(rest, x) && utf8.RuneCountInString(rest[len(x):]) <= 2 {
				u = x
				break
			}
		}
		particle := false
		for _, x := range numberEndings {
			particle = particle || strings.HasPrefix(rest, x) && utf8.RuneCountInString(rest) <= 5
		}
		if rest == "" || u != "" || particle {
			push(numToken(values[e], i, k))
			if u != "" {
				unit(k, k+len(u), true)
			}
			return
		}
	}
	push(nameToken(w, false, true, i, j))
}

// wordTokens reads the Latin or Cyrillic word at s[i] (and the number
// words after it, to compose a number): a number, a unit or a name. It
// returns the end.
func wordTokens(s, lower string, i int, afterName bool, push func(resToken), unit func(a, b int, after bool)) int {
	var c numberComposer
	start, end := i, i
	for {
		j := resWordEnd(s, i)
		word := foldWord(lower[i:j])
		v, mult := NumberWord(word), false
		if word != lower[i:j] {
			// Marks matter to numbers: năm, dieciséis.
			v = NumberWord(strings.ToLower(s[i:j]))
		}
		if v < 0 {
			v = ordinalNumbers[word]
			if v == 0 {
				v = -1
			}
		}
		if word == "on" && turkishUnitNext(s, j) {
			v = 10 // on iki is twelve
		}
		switch word {
		case "hundred", "hundreds":
			v, mult = 100, true
		case "thousand", "mil", "тысяча", "тысячи", "тысяч":
			v, mult = 1000, true
		}
		// Vietnamese tens, hundreds and thousands: bốn mươi lăm is 45.
		switch word {
		case "muoi", "tram", "nghin", "ngan":
			switch strings.ToLower(s[i:j]) {
			case "mươi":
				v, mult = 10, true
			case "mười":
				v = 10
			case "trăm":
				v, mult = 100, true
			case "nghìn", "ngàn":
				v, mult = 1000, true
			}
		}
		reps := 1
		if word == "double" || word == "triple" {
			// double five is 55: the digit word after it, repeated.
			if k := nextNumberWord(s, j); k > j {
				if e := resWordEnd(s, k); e > k && englishDigits[lower[k:e]] != 0 {
					reps = 2 + strings.Count(word, "triple")
					j, word, v = e, lower[k:e], int(englishDigits[lower[k:e]]-'0')
				}
			}
		}
		if !(v >= 0 && c.addN(v, mult, reps, englishNumber(word))) {
			if c.ok {
				push(numToken(c.value(), start, end))
				return end
			}
			if resUnitWords[word] {
				unit(i, j, afterName && streetWords[word] || !afterName && unitsAfterNumber[word])
			} else {
				push(nameToken(word, false, false, i, j))
			}
			return j
		}
		end = j
		k := nextNumberWord(s, j)
		if k == j {
			push(numToken(c.value(), start, end))
			return end
		}
		i = k
	}
}

// romanKoreanUnits are the Korean units romanised that a text writes
// after a number and a hyphen (101-dong 1203-ho, 3-cheung, 12-beonji);
// alone, dong and ho are Vietnamese and Chinese words and names.
var romanKoreanUnits = wordSetOf("dong", "ho", "cheung", "beonji", "ban")

// ordinalNumbers (r18a) are the ordinal words (folded) a house, street
// or block number is said in: Turkish (yetmiş beşinci sokak, the 75th
// street) and Somali (baloogga afraad, the fourth block; Ifo labaad).
var ordinalNumbers = map[string]int{
	"birinci": 1, "ikinci": 2, "ucuncu": 3, "dorduncu": 4, "besinci": 5, "altıncı": 6, "yedinci": 7, "sekizinci": 8,
	"dokuzuncu": 9, "onuncu": 10, "yirminci": 20, "otuzuncu": 30, "kırkıncı": 40, "ellinci": 50, "altmısıncı": 60,
	"yetmisinci": 70, "sekseninci": 80, "doksanıncı": 90, "yuzuncu": 100,
	"kowaad": 1, "labaad": 2, "saddexaad": 3, "afraad": 4, "shanaad": 5, "lixaad": 6, "toddobaad": 7, "siddeedaad": 8,
	"sagaalaad": 9, "tobnaad": 10,
}

// turkishUnitNext reports whether a Turkish digit word of one to nine,
// or its ordinal, follows s[:j] after a space (on iki, on dört, on
// ikinci).
func turkishUnitNext(s string, j int) bool {
	if j >= len(s) || s[j] != ' ' {
		return false
	}
	w := strings.ToLower(s[j+1 : resWordEnd(s, j+1)])
	f := foldWord(w)
	// A Somali ordinal ends in -aad; the Turkish ones in -nci and the like.
	return turkishUnits[w] || ordinalNumbers[f] >= 1 && ordinalNumbers[f] <= 9 && !strings.HasSuffix(f, "aad")
}

var turkishUnits = wordSetOf("bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")

// nextNumberWord returns where the next word of a number said in words
// starts after its word ending at j: after a space or hyphen, or "and",
// "y" or "e" between tens and units; j if no word follows.
func nextNumberWord(s string, j int) int {
	k := j
	if k < len(s) && (s[k] == ' ' || s[k] == '-') {
		k++
	}
	for _, and := range []string{"and ", "y ", "e ", "и "} {
		if strings.HasPrefix(s[k:], and) {
			k += len(and)
		}
	}
	if k == j || k >= len(s) || resWordEnd(s, k) == k {
		return j
	}
	return k
}

// addN adds v to c reps times (double five), by pair where add does not
// take it and the word is English.
func (c *numberComposer) addN(v int, mult bool, reps int, english bool) bool {
	for range reps {
		if !c.add(v, mult) && !(english && c.pair(v, mult)) {
			return false
		}
	}
	return true
}

// englishNumber reports whether w is an English number word: a digit
// (oh and nought for 0), ten to ninety, or hundred.
func englishNumber(w string) bool {
	_, digit := englishDigits[w]
	_, tens := numberWords[w]
	return digit || tens || w == "hundred"
}

// resWordEnd returns the end of the word of letters and marks at s[i]
// outside Hangul and Han.
func resWordEnd(s string, i int) int { return letterWordEnd(s, i) }

// foldWord returns w (its ASCII letters in lower case) in lower case,
// without the marks of Latin letters, and ё as е; w itself, with no
// copy, when it is ASCII.
func foldWord(w string) string {
	if isASCII(w) {
		return w
	}
	w = strings.ToLower(w)
	if b, ok := latin.StripMarks(nil, []byte(w)); ok {
		w = string(b)
	}
	return strings.ReplaceAll(w, "ё", "е")
}
