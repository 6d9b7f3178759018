package redact

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PhraseReplacement replaces every officer-marked phrase.
const PhraseReplacement = "[REDACTED]"

// Phrases returns a span (Kind KindPhrase, Replacement "[REDACTED]") for
// every occurrence in text of each of phrases, sorted and merged where
// occurrences overlap.
//
// Matching is on the NFKC form without invisible characters, case-folded
// (full Unicode folding, so "STRASSE" matches "Straße" and "ＯＮＳＯＮＧ"
// matches "Onsong") and without the marks of Latin letters ("Chongŏri"
// is "Chongori"), with typographic apostrophes (’ ‘ ʼ ′ `) equal to '
// and dashes (‐ ‑ – − —) equal to -. Phrases are found in the forms texts
// write them in:
//
//   - a space or a hyphen between two words of a phrase matches any run of
//     white space (line breaks included) with at most one hyphen, or
//     nothing: "Sangdong-ri" is found as "Sangdong ri" and "Sangdongri";
//   - apostrophes are optional on either side: "Onsong Girls Middle
//     School" is found for "Onsong Girls' Middle School", and the other way
//     round;
//   - between two Hangul (or Han, Kana...) characters the text may add or
//     drop white space: "온성 여자 중학교" for "온성여자중학교";
//   - between two Latin letters the text may add a hyphen or a space, and
//     after p, t, k or c an h, as romanisations mark syllables and
//     aspiration or not: "Potae-dong", "Pothae dong" and "P'ot'ae-dong"
//     for "potaedong";
//   - a place name with an administrative suffix is also found without it:
//     "Sangdong" for "Sangdong-ri" (-ri, -dong, -gun, -si, -gu, -eup,
//     -myeon, -kun, -up, -myon, City, County, Province, District,
//     Village, Town), and 상동 for 상동리 (리 동 군 시 구 읍 면), when
//     what remains has at least four letters or two syllables.
//
// An occurrence must sit on word boundaries: when the phrase starts (ends)
// with a letter or digit, the text must not continue it with a letter,
// digit or mark, except for Hangul, Han, Kana and other scripts written
// without spaces, where particles attach to the word ("온성여자중학교에서").
// Empty and all-white-space phrases are ignored.
func Phrases(text string, phrases []string) []Span {
	if text == "" || len(phrases) == 0 {
		return nil
	}
	return NewPhraseSet(phrases).Find(text)
}

// PhraseSet is phrases made ready to find in many texts: Find(text) is
// Phrases(text, phrases), without normalising each phrase again for each
// text (a view reads a record's phrases in each of its fields).
type PhraseSet struct {
	// groups are the phrases normalised, their words joined by one
	// space, and their stems without a place suffix (placeStem), each
	// once, grouped by their first rune after any apostrophes
	// (matchPhrases).
	groups [][]phraseKey
}

// NewPhraseSet returns the set of phrases for Find.
func NewPhraseSet(phrases []string) *PhraseSet {
	ps := &PhraseSet{}
	seen := map[string]bool{}
	group := map[rune]int{} // the index in groups of each first rune
	for _, p := range phrases {
		words := strings.FieldsFunc(normalise(p, true).s, isSpace)
		if len(words) == 0 {
			continue
		}
		full := strings.Join(words, " ")
		for _, key := range []string{full, placeStem(full)} {
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			k := newPhraseKey(key)
			if k.p == "" {
				continue // apostrophes only: nothing to find
			}
			g, ok := group[k.first]
			if !ok {
				g, group[k.first] = len(ps.groups), len(ps.groups)
				ps.groups = append(ps.groups, nil)
			}
			ps.groups[g] = append(ps.groups[g], k)
		}
	}
	return ps
}

// Find returns Phrases(text, phrases) for the phrases of ps.
func (ps *PhraseSet) Find(text string) []Span {
	if text == "" || len(ps.groups) == 0 {
		return nil
	}
	nt := newNormText(text, true)
	var spans []Span
	for _, keys := range ps.groups {
		// In any order: resolve sorts spans on all they hold.
		matchPhrases(nt.s, keys, func(_, start, end int) {
			a, b := nt.span(start, end)
			spans = append(spans, Span{Start: a, End: b, Kind: KindPhrase, Replacement: PhraseReplacement})
		})
	}
	return resolve(text, spans, false)
}

// OfficerPhrases returns the phrases an officer marked for removal with
// the other forms a testimony writes them in, for Phrases:
//
//   - a number after "No.", "No", "Number", "Nr." or "#" in any of these
//     forms or none, in digits or, up to twenty, in words ("Musan Mine
//     Number 2", "Musan Mine No. Two", "Musan Mine 2" for "Musan Mine
//     No. 2");
//   - without a leading "the";
//   - from each distinctive word or industry word (Steel, Coal, Paper...)
//     on, with its number in every form ("Steel Works Number Five" for
//     "Chongjin Steel Works No. 5");
//   - without the Korean ordinal prefix 제 before a number ("혜산
//     2구류장" for "혜산 제2구류장");
//   - a Korean school's name with its kind in its usual short form
//     ("회령제일중" for "회령제일중학교", "온성여고" for "온성여자고등학교":
//     schoolShort);
//   - the phrase's distinctive words alone: capitalised words of four
//     letters or more, without digits, that are not generic words of
//     places and institutions (Mine, Labour, Camp, School, ...), industry
//     words (Steel: "steel was scarce" stays) or names
//     of countries and capitals (the list is in the code): "Musan" for
//     "Musan Mine No. 2", "Chongori" for "Chongori Labour Camp", so that
//     "the Musan Mine", "Chongori Camp" and "Camp Chongori" go too.
//
// Phrases without capitals (Hangul ones) have no distinctive words: their
// forms are the spacing Phrases allows.
func OfficerPhrases(phrases []string) []string {
	var out []string
	for _, p := range phrases {
		words := strings.Fields(p)
		if len(words) == 0 {
			continue
		}
		out = append(out, p)
		if strings.EqualFold(words[0], "the") && len(words) > 1 {
			words = words[1:]
			out = append(out, strings.Join(words, " "))
		}
		// The phrase from each distinctive word on ("Steel Works No. 5"
		// of "Chongjin Steel Works No. 5"), and each with its number in
		// every form.
		forms := [][]string{words}
		for i := 1; i < len(words); i++ {
			if distinctive(words[i]) || industry(words[i]) {
				forms = append(forms, words[i:])
				out = append(out, strings.Join(words[i:], " "))
			}
		}
		for _, f := range forms {
			out = append(out, numberVariants(f)...)
		}
		// 제 dropped, the kind shortened, or both (혜산 1중 for
		// 혜산제1중학교).
		je, hasJe := ordinalJe(words)
		if hasJe {
			out = append(out, strings.Join(je, " "))
		}
		if v, ok := schoolShort(words); ok {
			out = append(out, v)
		}
		if v, ok := schoolShort(je); ok && hasJe {
			out = append(out, v)
		}
		if len(words) < 2 {
			continue
		}
		for _, w := range words {
			if distinctive(w) {
				out = append(out, strings.Trim(w, ",.;:()'’\""))
			}
		}
	}
	return out
}

// distinctive reports whether a word of an officer's phrase identifies it
// alone: capitalised, four letters or more, no digit, not generic.
func distinctive(w string) bool {
	w = strings.Trim(w, ",.;:()'’\"")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && utf8.RuneCountInString(w) >= 4 && strings.IndexFunc(w, unicode.IsDigit) < 0 &&
		!genericWords[strings.ToLower(w)] && !industryWords[strings.ToLower(w)]
}

// industryWords name what a works makes (Chongjin Steel Works): with
// the rest of the phrase after them they identify it, alone they are the
// everyday word ("steel was scarce").
var industryWords = wordSetOf("steel", "iron", "coal", "paper", "textile", "textiles", "chemical", "chemicals", "power",
	"machine", "machinery", "tool", "tools", "glass", "cement", "food", "fish", "tobacco", "silk", "cotton", "timber", "shoe", "shoes")

// industry reports whether w is a capitalised industry word.
func industry(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && industryWords[strings.ToLower(w)]
}

// numberVariants returns words, a phrase with a number after a mark ("No.
// 5", "#5"), with the number in every form: each mark or none, the digits
// or the number word ("Number Five", "No. Five", "5").
func numberVariants(words []string) []string {
	var out []string
	for i, w := range words {
		n, next := "", i+1
		switch {
		case numberMarks[strings.ToLower(w)] && i+1 < len(words) && isDigits(strings.TrimLeft(words[i+1], "#")):
			n, next = strings.TrimLeft(words[i+1], "#"), i+2
		case strings.HasPrefix(w, "#") && isDigits(w[1:]):
			n = w[1:]
		default:
			continue
		}
		spelt := []string{n}
		if k, err := strconv.Atoi(n); err == nil && k < len(numberNames) {
			spelt = append(spelt, numberNames[k])
		}
		for _, sp := range spelt {
			for _, m := range append(numberForms, "") {
				out = append(out, strings.Join(slices.Concat(words[:i], []string{m + sp}, words[next:]), " "))
			}
		}
	}
	return out
}

// ordinalJe returns words with the Korean ordinal prefix 제 dropped
// before a number, apart or written on a name ("혜산 2구류장" for "혜산
// 제2구류장", "혜산1중학교" for "혜산제1중학교"), and whether one had it.
func ordinalJe(words []string) ([]string, bool) {
	out := slices.Clone(words)
	found := false
	for i, w := range out {
		for k := 0; ; {
			j := strings.Index(w[k:], "제")
			if j < 0 {
				break
			}
			j += k
			rest := w[j+len("제"):]
			before, _ := utf8.DecodeLastRuneInString(w[:j])
			if rest != "" && isASCIIDigit(rune(rest[0])) && (j == 0 || unicode.Is(unicode.Hangul, before)) {
				w, found = w[:j]+rest, true
				k = j
				continue
			}
			k = j + len("제")
		}
		out[i] = w
	}
	return out, found
}

// schoolShorts are the usual short forms of Korean schools' names
// (표준국어대사전's 준말: 중 for 중학교, 고 for 고등학교, 여고 for
// 여자고등학교, 고중 for the North's 고등중학교), the longest first.
var schoolShorts = [][2]string{
	{"여자고등학교", "여고"}, {"여자중학교", "여중"}, {"여자대학교", "여대"}, {"고등중학교", "고중"},
	{"고등학교", "고"}, {"중학교", "중"}, {"초등학교", "초"}, {"국민학교", "국교"}, {"대학교", "대"},
}

// schoolShort returns words, a Korean school's name, with its kind in
// its short form ("회령제일중" for "회령제일중학교"), if it has one and
// the name before it has three syllables or numbers or more, or two before a short
// form of two: 서울중 would be found in 서울중앙, as a phrase may have
// particles written on.
func schoolShort(words []string) (string, bool) {
	last := words[len(words)-1]
	for _, sh := range schoolShorts {
		stem, ok := strings.CutSuffix(last, sh[0])
		if !ok {
			continue
		}
		name := strings.Join(append(slices.Clone(words[:len(words)-1]), stem), "")
		// A number counts as a syllable (청진제2고 for 청진제2고등학교).
		n := 0
		for _, r := range name {
			if !unicode.Is(unicode.Hangul, r) && !isASCIIDigit(r) {
				return "", false
			}
			n++
		}
		if n < 3 && !(n == 2 && utf8.RuneCountInString(sh[1]) == 2) {
			return "", false
		}
		return strings.Join(append(slices.Clone(words[:len(words)-1]), stem+sh[1]), " "), true
	}
	return "", false
}

// numberNames are the numbers an officer's phrase may spell out.
var numberNames = strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty")

// numberMarks come before a number in a name (Musan Mine No. 2), and
// numberForms are the forms they are written in, with what follows them.
var (
	numberMarks = wordSetOf("no.", "no", "number", "nr.", "nr", "num.", "#")
	numberForms = []string{"No. ", "No ", "Number ", "Nr. ", "#"}
)

// genericWords are the words of names of places and institutions that
// identify nothing alone, and names of countries and capitals.
var genericWords = wordSetOf(
	"mine", "mines", "camp", "camps", "labour", "labor", "prison", "jail", "detention", "centre", "center", "school",
	"middle", "high", "primary", "elementary", "girls", "boys", "university", "college", "academy", "institute",
	"hospital", "clinic", "station", "railway", "market", "church", "temple", "farm", "factory", "plant", "works",
	"village", "town", "city", "county", "province", "district", "street", "road", "avenue", "river", "mountain",
	"bridge", "border", "office", "police", "security", "ministry", "department", "bureau", "house", "hall",
	"number", "unit", "team", "brigade", "company", "cooperative", "collective", "complex", "building", "shelter",
	"mission", "north", "south", "east", "west", "korea", "korean", "china", "chinese", "russia", "japan",
	"seoul", "pyongyang", "beijing", "moscow", "tokyo", "people's", "peoples", "state", "national", "central",
	"provincial", "county's", "reeducation", "re-education", "education", "training", "youth", "women's", "party",
	"workers", "workers'", "union", "army", "military", "guard", "guards", "post", "base", "port", "harbour", "harbor")

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }

// noSpaceScript reports runes of scripts whose words are not separated
// by spaces or take attached particles.
func noSpaceScript(r rune) bool {
	if r < 0x0E00 {
		return false // below Thai, the first of them: no table to search for Latin text
	}
	return unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

var (
	latinUnits  = wordSetOf("ri", "dong", "gun", "si", "gu", "eup", "myeon", "kun", "up", "myon", "city", "county", "province", "district", "village", "town")
	hangulUnits = "리동군시구읍면"
)

// PlaceLike reports whether s names a place precisely enough to be
// redacted wherever it occurs: it holds a digit, or ends with an
// administrative suffix (Sangdong-ri, Mapo-gu, 상동리).
func PlaceLike(s string) bool {
	nt := normalise(strings.TrimSpace(s), true)
	if strings.ContainsAny(nt.s, "0123456789") {
		return true
	}
	words := strings.FieldsFunc(nt.s, isSpace)
	if len(words) == 0 {
		return false
	}
	p := strings.Join(words, " ")
	if i := strings.LastIndexAny(p, " -"); i > 0 && latinUnits[p[i+1:]] {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return strings.ContainsRune(hangulUnits, r) && utf8.RuneCountInString(words[len(words)-1]) >= 3
}

// placeStem returns p, a normalised phrase, without its administrative
// suffix, or "" if it has none or too little would remain.
func placeStem(p string) string {
	if i := strings.LastIndexAny(p, " -"); i > 0 && latinUnits[p[i+1:]] {
		stem := strings.TrimRight(p[:i], " -")
		if utf8.RuneCountInString(stem) >= 4 {
			return stem
		}
		return ""
	}
	r, size := utf8.DecodeLastRuneInString(p)
	last := p[strings.LastIndexByte(p, ' ')+1:]
	if strings.ContainsRune(hangulUnits, r) && utf8.RuneCountInString(last) >= 3 {
		return p[:len(p)-size]
	}
	return ""
}

// phraseKey is a phrase made ready for matchPhrases.
type phraseKey struct {
	p         string // normalised, single spaces between words, no leading apostrophe
	first     rune
	next      int  // the byte after the first rune candidates must show, or -1
	needRight bool // on a word boundary at its end
}

// newPhraseKey returns the key of p, a normalised phrase with single
// spaces between its words.
func newPhraseKey(p string) phraseKey {
	p = strings.TrimLeft(p, "'")
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	k := phraseKey{p: p, first: first, next: -1, needRight: isWordRune(last) && !noSpaceScript(last)}
	// After a first rune of a spaced script, the text holds the phrase's
	// next byte when it is a letter or digit, or an apostrophe, a
	// separator or an aspiration's h before it (walkPhrase): most
	// candidates fail on that byte, without a walk (an identifier such as
	// eunju.kim80 starts at every e of an English text).
	if _, size := utf8.DecodeRuneInString(p); size < len(p) && first != utf8.RuneError && !noSpaceScript(first) &&
		(isASCIILetter(rune(p[size])) || isASCIIDigit(rune(p[size]))) {
		k.next = int(p[size])
	}
	return k
}

// matchPhrases calls found with the index in keys and [start, end) of
// every occurrence in s of each phrase of keys, which have one first
// rune, as Phrases says: s is searched once for that rune for all of
// them (a record's phrases often start alike: six of a synthetic
// record's seven with "bench").
func matchPhrases(s string, keys []phraseKey, found func(k, start, end int)) {
	if len(keys) == 0 || keys[0].p == "" {
		return
	}
	first := keys[0].first
	needLeft := isWordRune(first) && !noSpaceScript(first)
	// Candidates start with the first rune: the text may put an
	// apostrophe or a space after any other.
	lead := string(first)
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], lead)
		if i < 0 {
			break
		}
		start := off + i
		_, size := utf8.DecodeRuneInString(s[start:])
		off = start + max(size, 1)
		if needLeft && start > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:start]); isWordRune(r) {
				continue
			}
		}
		for k, key := range keys {
			if key.next >= 0 && (off >= len(s) || int(s[off]) != key.next && s[off] != '\'' && s[off] != '-' && s[off] != ' ' && s[off] != 'h') {
				continue
			}
			end, ok := walkPhrase(s, start, key.p)
			if !ok {
				continue
			}
			if key.needRight && end < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[end:]); isWordRune(r) {
					continue
				}
			}
			found(k, start, end)
		}
	}
}

// walkPhrase matches p against s from k and returns where the match ends.
func walkPhrase(s string, k int, p string) (int, bool) {
	prev := rune(-1)
	for i := 0; i < len(p); {
		pr, size := utf8.DecodeRuneInString(p[i:])
		i += size
		switch pr {
		case ' ', '-':
			k = skipSeparators(s, k)
			prev = -1
			continue
		case '\'':
			if k < len(s) && s[k] == '\'' {
				k++
			}
			continue
		}
		if k < len(s) && s[k] == '\'' && prev >= 0 {
			k++ // O'Brien for "obrien"
		}
		if prev >= 0 && k+1 < len(s) && (s[k] == '-' || s[k] == ' ') && isASCIILetter(prev) && isASCIILetter(rune(s[k+1])) {
			k++ // Potae-dong, Potae dong for "potaedong"
		}
		if k < len(s) && s[k] == 'h' && pr != 'h' && strings.ContainsRune("ptkc", prev) {
			k++ // Pothae for "potae": romanisations mark aspiration or not
		}
		if prev >= 0 && spacedPart(prev) && spacedPart(pr) && !(isASCIIDigit(prev) && isASCIIDigit(pr)) {
			for k < len(s) {
				r, n := utf8.DecodeRuneInString(s[k:])
				if !isSpace(r) {
					break
				}
				k += n
			}
		}
		r, n := utf8.DecodeRuneInString(s[k:])
		if k >= len(s) || r != pr || (r == utf8.RuneError && n <= 1) {
			return 0, false
		}
		k += n
		prev = pr
	}
	return k, true
}

// spacedPart reports whether r is of a part of a phrase a text may space
// from the next in a script without spaces between words: a rune of the
// script or a digit (청진 제2 고등학교 for 청진제2고등학교), but no
// digit from a digit.
func spacedPart(r rune) bool { return noSpaceScript(r) || isASCIIDigit(r) }

// skipSeparators skips white space, apostrophes and at most one hyphen.
func skipSeparators(s string, k int) int {
	hyphen := false
	for k < len(s) {
		r, n := utf8.DecodeRuneInString(s[k:])
		switch {
		case isSpace(r), r == '\'':
		case r == '-' && !hyphen:
			hyphen = true
		default:
			return k
		}
		k += n
	}
	return k
}
