package view

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPossibleLocations is the most phrases PossibleLocations lists.
const MaxPossibleLocations = 1000

// PossibleLocations lists the phrases of the free text of rec, as its view
// shows it (the fields PossibleNames reads), that place someone relative
// to a landmark: "opposite the Leith Walk Tesco", "напротив ТЦ «Клевер»",
// "延吉火车站对面", "detrás de la iglesia católica de la Kennedy", "gần
// UBND xã", "고잔역 2번 출구 앞". No recogniser can tell such an address
// from a description, and with local knowledge it finds a house: an
// officer reads each and lists those that locate someone as redact
// phrases. Nothing is hidden by it. A phrase is a cue and its landmark:
//
//   - English: opposite, behind, near, next to, across from, in front of,
//     above, beside, round the corner from, then maybe "the", and a run of
//     capitalised words or a quotation ("near the Kim Il Sung statue" is
//     "near the Kim Il Sung");
//   - Russian: напротив, рядом с, возле, около, позади, недалеко от, maybe
//     an abbreviation in capitals (ТЦ), and a quotation or capitalised
//     words; за only with a quotation;
//   - Spanish: detrás de, frente a, enfrente de, cerca de, al lado de,
//     junto a, and the words up to the clause's end when one of them is
//     capitalised;
//   - Vietnamese: gần, sau, đối diện, cạnh, trước, phía sau, then a
//     landmark word (chợ, trường, UBND, nhà thờ, ...) or a capitalised
//     word, and the words up to the clause's end;
//   - Chinese: a run of Han characters before 对面, 旁边, 后面, 附近,
//     隔壁, 对过, 楼上 or 楼下;
//   - Korean: 앞, 옆, 뒤, 건너편, 맞은편, 근처 after a word of a landmark
//     (…역, …교회, …학교, …시장, 출구, ...), with up to two words before
//     it that are landmarks or hold a digit (고잔역 2번 출구 앞).
//
// Each once, in the order found, at most MaxPossibleLocations; a landmark
// the view replaced ("near [REDACTED]") is not listed. The cost is linear
// in the size of the text.
func PossibleLocations(rec *Record) []string {
	l := phraseList{max: MaxPossibleLocations, seen: map[string]bool{}}
	for _, f := range freeText(rec) {
		if !l.scan(f) {
			break
		}
	}
	return l.out
}

// A phraseList collects the phrases PossibleLocations or PossibleRoles
// lists: each once, in the order found, at most max.
type phraseList struct {
	max  int
	out  []string
	seen map[string]bool
}

// add lists text[a:b], and reports whether there is room for more.
func (l *phraseList) add(text string, a, b int) bool {
	if p := strings.TrimSpace(text[a:b]); p != "" && !l.seen[p] {
		l.seen[p] = true
		l.out = append(l.out, p)
	}
	return len(l.out) < l.max
}

// Cues, as the text writes them: English ones in lower case (a capital
// at a sentence's start is tried too), after a space or at the start.
var (
	enLocationCues = []string{"opposite", "behind", "near", "next to", "across from", "in front of", "above", "beside",
		"round the corner from", "around the corner from"}
	ruLocationCues = []string{"напротив", "рядом с", "рядом со", "возле", "около", "позади", "недалеко от", "за"}
	esLocationCues = []string{"detrás de", "frente a", "enfrente de", "cerca de", "al lado de", "junto a"}
	viLocationCues = []string{"gần", "sau", "đối diện", "cạnh", "bên cạnh", "trước", "phía sau", "phía trước"}
	zhLocationCues = []string{"对面", "旁边", "后面", "附近", "隔壁", "对过", "楼上", "楼下"}
	koLocationCues = []string{"앞", "옆", "뒤", "건너편", "맞은편", "근처"}
	// viLandmarks are Vietnamese words of a landmark after a cue.
	viLandmarks = []string{"chợ", "trường", "UBND", "nhà thờ", "chùa", "đình", "ga", "cầu", "bến", "bệnh viện", "trạm", "công an",
		"quán", "cửa hàng", "siêu thị", "khách sạn", "nhà văn hoá", "nhà văn hóa", "ngã ba", "ngã tư"}
	// koLandmarks end the Korean word of a landmark.
	koLandmarks = []string{"역", "교회", "성당", "학교", "시장", "병원", "마트", "은행", "공원", "정류장", "출구", "사무소", "센터",
		"파출소", "경찰서", "터미널", "빌딩", "아파트", "편의점", "다리", "절", "우체국"}
	// zhStops end the run of Han characters before a cue (在火车站对面:
	// 火车站).
	zhStops = "在住到从是就我你他她们的了和跟去来"
)

// scan adds the phrases of text, and reports whether there is room for
// more.
func (l *phraseList) scan(text string) bool {
	ok := true
	each := func(cues []string, capital bool, fn func(at int, cue string) (int, int)) {
		for _, cue := range cues {
			forms := []string{cue}
			if capital {
				r, n := utf8.DecodeRuneInString(cue)
				forms = append(forms, string(unicode.ToUpper(r))+cue[n:])
			}
			for _, form := range forms {
				for off := 0; ok && off < len(text); {
					k := strings.Index(text[off:], form)
					if k < 0 {
						break
					}
					at := off + k
					off = at + len(form)
					if a, b := fn(at, form); a < b {
						ok = l.add(text, a, b)
					}
				}
			}
		}
	}
	each(enLocationCues, true, func(at int, cue string) (int, int) { return latinPlace(text, at, cue, false) })
	each(ruLocationCues, true, func(at int, cue string) (int, int) { return latinPlace(text, at, cue, cue == "за" || cue == "За") })
	each(esLocationCues, true, func(at int, cue string) (int, int) { return clausePlace(text, at, cue, nil) })
	each(viLocationCues, true, func(at int, cue string) (int, int) { return clausePlace(text, at, cue, viLandmarks) })
	each(zhLocationCues, false, func(at int, cue string) (int, int) { return hanPlace(text, at, cue) })
	each(koLocationCues, false, func(at int, cue string) (int, int) { return hangulPlace(text, at, cue) })
	return ok
}

// cueBounded reports whether the cue text[at:at+n] stands as words: not
// inside a longer word on either side.
func cueBounded(text string, at, n int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:at])
	after, _ := utf8.DecodeRuneInString(text[at+n:])
	return (at == 0 || !unicode.IsLetter(before)) && (at+n == len(text) || !unicode.IsLetter(after))
}

// latinPlace returns the phrase of an English or Russian cue at
// text[at]: the cue, maybe "the" or an abbreviation in capitals (ТЦ), and
// a quotation or a run of capitalised words; quoted, only a quotation.
func latinPlace(text string, at int, cue string, quoted bool) (int, int) {
	if !cueBounded(text, at, len(cue)) {
		return 0, 0
	}
	i := at + len(cue)
	next := func() (string, int) {
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		return text[j:wordEnd(text, j)], j
	}
	if w, j := next(); w == "the" || w == "The" || isAbbrev(w) {
		i = j + len(w)
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i > at+len(cue) && i < len(text) {
		if r, n := utf8.DecodeRuneInString(text[i:]); strings.ContainsRune("\"“«「'‘", r) {
			want := closing(r)
			end := strings.IndexRune(text[i+n:min(len(text), i+n+96)], want)
			if end <= 0 || strings.Contains(text[i+n:i+n+end], "\n") {
				return 0, 0
			}
			return at, i + n + end + utf8.RuneLen(want)
		}
	}
	if quoted || i == at+len(cue) {
		return 0, 0
	}
	end := i
	for k := 0; k < 6 && end < len(text); k++ {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsUpper(r) {
			break
		}
		j := wordEnd(text, end)
		if j == end {
			break
		}
		end = j
		if end+1 < len(text) && text[end] == ' ' {
			if r, _ := utf8.DecodeRuneInString(text[end+1:]); unicode.IsUpper(r) {
				end++
				continue
			}
		}
		break
	}
	if end == i {
		return 0, 0
	}
	return at, end
}

// closing returns the quotation mark that closes one opened by r.
func closing(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '«':
		return '»'
	case '「':
		return '」'
	case '‘':
		return '’'
	}
	return r
}

// isAbbrev reports whether w is an abbreviation in capitals of two to
// four letters (ТЦ, ТРЦ, ЖК).
func isAbbrev(w string) bool {
	n := utf8.RuneCountInString(w)
	return n >= 2 && n <= 4 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsUpper(r) }) < 0
}

// clausePlace returns the phrase of a Spanish or Vietnamese cue at
// text[at]: the cue and the words after it up to the clause's end (a
// comma, a full stop, a line break, at most eight words), when the first
// word after the cue is a landmark word (landmarks, if not nil) or, for
// Spanish, when one of the words is capitalised; its end is that of the
// last capitalised or landmark word.
func clausePlace(text string, at int, cue string, landmarks []string) (int, int) {
	if !cueBounded(text, at, len(cue)) {
		return 0, 0
	}
	i := at + len(cue)
	if landmarks != nil {
		rest := strings.TrimLeft(text[i:], " ")
		first := false
		for _, w := range landmarks {
			if strings.HasPrefix(rest, w) && cueBounded(rest, 0, len(w)) {
				first = true
			}
		}
		r, _ := utf8.DecodeRuneInString(rest)
		if !first && !unicode.IsUpper(r) {
			return 0, 0
		}
	}
	end := 0
	for k := 0; k < 8 && i < len(text); k++ {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := wordEnd(text, i)
		if j == i {
			break
		}
		if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsUpper(r) || landmarks != nil {
			end = j
		}
		i = j
	}
	if end == 0 {
		return 0, 0
	}
	return at, end
}

// hanPlace returns the phrase of a Chinese cue at text[at]: the run of
// Han characters before it, two to ten, not past a stop character
// (zhStops), and the cue.
func hanPlace(text string, at int, cue string) (int, int) {
	a, n := at, 0
	for a > 0 && n < 10 {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune(zhStops, r) {
			break
		}
		a -= size
		n++
	}
	if n < 2 {
		return 0, 0
	}
	return a, at + len(cue)
}

// hangulPlace returns the phrase of a Korean cue at text[at], written
// after a space: up to two words before a landmark word (고잔역 2번
// 출구), and the cue.
func hangulPlace(text string, at int, cue string) (int, int) {
	if at == 0 || text[at-1] != ' ' {
		return 0, 0
	}
	// The cue alone, or with a particle (앞에, 옆의): a word of at most
	// three syllables.
	end := at + len(cue)
	for end < len(text) && utf8.RuneCountInString(text[at:end]) < 3 {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !unicode.Is(unicode.Hangul, r) {
			break
		}
		end += size
	}
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.Is(unicode.Hangul, r) {
			return 0, 0
		}
	}
	b := at - 1
	a := strings.LastIndexByte(text[:b], ' ') + 1
	if !koLandmark(text[a:b]) {
		return 0, 0
	}
	// The words before that name it: 고잔역 2번 출구.
	for k := 0; k < 2 && a > 0 && text[a-1] == ' '; k++ {
		p := strings.LastIndexByte(text[:a-1], ' ') + 1
		if w := text[p : a-1]; p == a-1 || !koLandmark(w) && !strings.ContainsAny(w, "0123456789") {
			break
		}
		a = p
	}
	return a, at + len(cue)
}

// koLandmark reports whether the Korean word w names a landmark: it ends
// in a word of koLandmarks after a name (고잔역), or is 출구 (an exit).
func koLandmark(w string) bool {
	if w == "출구" {
		return true
	}
	for _, l := range koLandmarks {
		if strings.HasSuffix(w, l) && w != l {
			return true
		}
	}
	return false
}
