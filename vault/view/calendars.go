package view

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/redact"
)

// Birth years in other calendars (r17g, review 13j N9). A year of the
// Solar Hijri calendar (Iran, Afghanistan), the lunar Hijri, the Buddhist
// era (Thailand, Myanmar's and Cambodia's papers) or the Ethiopian one
// (Ethiopia, Eritrea), in ASCII, Persian or Arabic-Indic digits, after a
// birth word (bornNear), is its Gregorian year's
// band, the year and its calendar's marker written over: "born 1377 in
// the Afghan calendar" is "born 1995-1999",
// "born 2537 B.E." "born 1990-1994", "born 1988 E.C." "born 1995-1999"
// (not the band of 1988). The conversions, for the larger part of each
// year:
//
//   - Solar Hijri: Gregorian = SH + 621 (1 Farvardin is 21 March);
//   - lunar Hijri: Gregorian = AH × 0.970229 + 621.5643, rounded down
//     (the years are 354 or 355 days; 1413 AH began in July 1992);
//   - Buddhist era: Gregorian = BE − 543;
//   - Ethiopian: Gregorian = EC + 7 (1 Meskerem is 11 or 12 September).
//
// A month of the calendar right before the year names it too ("born in
// Ramadan 1411", "Meskerem 1982"; a lunar Hijri year only from 1300 to
// 1500, as a Gregorian year is written after Ramadan too), and a year
// with its marker is a birth year with the birth word after it as well,
// in its line, as Tigrinya and Amharic write it ("ብ1989 ዓ.ም. ተወሊዳ"; r18d,
// review 13l Q5). The Arabic birth word الميلاد is one except in عيد
// الميلاد (Christmas) and the era's قبل and بعد الميلاد.
//
// A year without a marker is read so only where no other reading is
// possible: 1300 to 1404 (1921 to 2025) after a birth word is Solar
// Hijri (no one living was born then in the Gregorian calendar, and a
// later one is no birth year), 2450 to 2600 the
// Buddhist era. The lunar Hijri and the Ethiopian calendars need their
// marker: their years are Gregorian years too (1413 is not, but 1988 is).

// maxSolarHijri is the last Solar Hijri year read as one without its
// marker (1404 began in March 2025).
const maxSolarHijri = 1404

// calendars are the markers after a year (or before it: พ.ศ.), lower
// case, with the calendar they name.
var calendars = []struct {
	marker string
	cal    byte // 's' Solar Hijri, 'h' lunar Hijri, 'b' Buddhist, 'e' Ethiopian
}{
	{"in the afghan calendar", 's'}, {"in the persian calendar", 's'}, {"in the iranian calendar", 's'},
	{"in the solar hijri calendar", 's'}, {"solar hijri", 's'}, {"s.h.", 's'}, {"sh", 's'}, {"هجری شمسی", 's'}, {"ه.ش", 's'}, {"ش", 's'},
	{"a.h.", 'h'}, {"ah", 'h'}, {"hijri", 'h'}, {"هـ", 'h'}, {"ه.ق", 'h'}, {"هجري", 'h'},
	{"b.e.", 'b'}, {"be", 'b'}, {"buddhist era", 'b'}, {"in the buddhist calendar", 'b'}, {"พ.ศ.", 'b'},
	{"e.c.", 'e'}, {"ec", 'e'}, {"in the ethiopian calendar", 'e'}, {"ዓ.ም", 'e'}, {"ዓ/ም", 'e'},
}

// calendarSpans returns the spans of birth years in other calendars in
// s: the Gregorian band.
func calendarSpans(s string) []redact.Span {
	var out []redact.Span
	for i := 0; i < len(s); {
		// Only an ASCII digit or the lead byte of a Persian (DB) or
		// Arabic-Indic (D9) one starts a year: the rest is skipped byte
		// by byte, undecoded.
		if c := s[i]; !isDigitByte(c) && c != 0xd9 && c != 0xdb {
			i++
			continue
		}
		d, size := digitAt(s, i)
		if d < 0 {
			i += max(size, 1)
			continue
		}
		// A run of four digits of one script.
		a, n, year := i, 0, 0
		for n < 5 && i < len(s) {
			d, size := digitAt(s, i)
			if d < 0 {
				break
			}
			year, n, i = year*10+d, n+1, i+size
		}
		if n != 4 || a > 0 && isDigitBefore(s, a) {
			continue
		}
		cal, end := markerAfter(s, i)
		if p := strings.TrimRight(s[:a], " "); cal == 0 && strings.HasSuffix(p, "พ.ศ.") {
			cal, a = 'b', len(p)-len("พ.ศ.")
		}
		// A month of the calendar before the year names it ("Ramadan
		// 1411", "Meskerem 1989"); a lunar Hijri year only in its range,
		// as people also write a Gregorian year after Ramadan.
		marked := cal != 0
		if m, at := monthBefore(s, a); (cal == 0 || cal == m) && m != 0 && (m != 'h' || year >= 1300 && year <= 1500) {
			cal, a = m, at
		}
		// A marked year is a birth year with its birth word after it too,
		// in its line, as Tigrinya and Amharic write it (ብ1989 ዓ.ም.
		// ተወሊዳ).
		if !bornNear(s, a, i) && (!marked || !bornWordIn(s[end:min(len(s), end+40)])) {
			continue
		}
		var g int
		switch {
		case cal == 's' || cal == 0 && year >= 1300 && year <= maxSolarHijri:
			g = year + 621
		case cal == 'h':
			g = (year*970229 + 621564300) / 1000000
		case cal == 'b' || cal == 0 && year >= 2450 && year <= 2600:
			g = year - 543
		case cal == 'e':
			g = year + 7
		default:
			continue
		}
		if cal == 0 && isASCIIYear(s[a:i]) && year < 1300 {
			continue
		}
		// The marker goes with the year: the band is Gregorian.
		out = append(out, redact.Span{Start: a, End: end, Kind: redact.KindDate, Replacement: Band(g)})
	}
	return out
}

// digitAt returns the value of the digit at s[i] (ASCII, Persian or
// Arabic-Indic) and its size, or -1.
func digitAt(s string, i int) (int, int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0'), size
	case '۰' <= r && r <= '۹':
		return int(r - '۰'), size
	case '٠' <= r && r <= '٩':
		return int(r - '٠'), size
	}
	return -1, size
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	d, _ := digitAt(string(r), 0)
	return d >= 0
}

func isASCIIYear(y string) bool { return len(y) == 4 && isDigitByte(y[0]) }

// bornWordIn reports whether s, up to its first line break, holds a
// birth word of bornBefore that names a birth (notBorn).
func bornWordIn(s string) bool {
	s, _, _ = strings.Cut(strings.ToLower(s), "\n")
	in := func(w string) bool { return strings.Contains(s, w) }
	return slices.ContainsFunc(bornBefore, in) && !slices.ContainsFunc(notBorn, in)
}

// calendarMonths are the months of the lunar Hijri ('h'), Ethiopian ('e')
// and Solar Hijri ('s') calendars, lower case, in their common Latin
// spellings and in their own script (the calendars' published month
// names): before a year they name its calendar.
var calendarMonths = func() map[string]byte {
	m := map[string]byte{}
	for cal, names := range map[byte]string{
		'h': "muharram muharrem safar rabi rajab shaban sha'ban ramadan ramazan ramzan shawwal dhul-qadah dhul-hijjah dhu'l-hijja " +
			"محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة",
		'e': "meskerem tikimt tiqimt hidar tahsas tir yekatit megabit miyazya ginbot sene hamle nehase pagume " +
			"መስከረም ጥቅምት ኅዳር ህዳር ታኅሣሥ ታሕሳስ ጥር የካቲት መጋቢት ሚያዝያ ግንቦት ሰኔ ሐምሌ ነሐሴ ጳጉሜ",
		's': "farvardin ordibehesht khordad mordad shahrivar esfand hamal sawr jawza saratan asad sonbola mizan aqrab qaws jadi dalw hut " +
			"فروردین اردیبهشت خرداد مرداد شهریور آبان آذر بهمن اسفند حمل ثور جوزا سرطان سنبله میزان عقرب قوس جدی دلو حوت",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = cal
		}
	}
	return m
}()

// monthBefore returns the calendar of a month of calendarMonths that ends
// right before s[i:] (past spaces), and where it starts; 0 and i if none.
func monthBefore(s string, i int) (byte, int) {
	p := strings.TrimRight(s[:i], " ")
	if len(p) == i {
		return 0, i
	}
	k := strings.LastIndexFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' && !unicode.Is(unicode.Mn, r) })
	_, n := utf8.DecodeRuneInString(p[max(k, 0):])
	start := 0
	if k >= 0 {
		start = k + n
	}
	if cal, ok := calendarMonths[strings.ToLower(p[start:])]; ok {
		return cal, start
	}
	return 0, i
}

// markerAfter returns the calendar a marker right after s[:i] names (after
// spaces), and the marker's end; 0 and i if there is none.
func markerAfter(s string, i int) (byte, int) {
	j := i
	for j < len(s) && s[j] == ' ' && j-i < 2 {
		j++
	}
	for _, c := range calendars {
		e := j + len(c.marker)
		if e > len(s) || !strings.EqualFold(s[j:e], c.marker) {
			continue
		}
		// An abbreviation is a word of its own (be, ec, ah, sh).
		if r, _ := utf8.DecodeRuneInString(s[e:]); e < len(s) && unicode.IsLetter(r) {
			continue
		}
		return c.cal, e
	}
	return 0, i
}

// Years of the sexagenary cycle by their published names, other than
// the Korean and Chinese stem and branch (cycleSpans): the Tibetan
// element and animal in English ("the Iron Horse year", "Fire-Mouse")
// and in Chinese (铁马年, 金马年), and the Vietnamese can chi (Bính Tý,
// Ất Dậu). With a birth word before it (bornNear: "born in", 生于,
// "sinh năm") or after tuổi, a year of a 60-year cycle is the birth year
// to a living person: [DATE]. An animal alone ("the year of the Ox")
// gives the year modulo 12 and stays.
var (
	cycleElements = setOf("wood fire earth metal iron water")
	cycleAnimals  = setOf("rat mouse ox tiger rabbit hare dragon snake horse goat sheep ram monkey rooster bird chicken dog pig boar")
	canStems      = setOf("giáp ất bính đinh mậu kỷ canh tân nhâm quý")
	chiBranches   = setOf("tý sửu dần mão mẹo thìn tỵ ngọ mùi thân dậu tuất hợi")
	// maxCycleFirst is the most runes of a word of cycleElements or
	// canStems, the first of a pair; cycleFirstRunes are their first
	// runes.
	maxCycleFirst, cycleFirstRunes = func() (most int, firsts string) {
		for w := range maps.Keys(cycleElements) {
			most, firsts = max(most, utf8.RuneCountInString(w)), firsts+string([]rune(w)[:1])
		}
		for w := range maps.Keys(canStems) {
			most, firsts = max(most, utf8.RuneCountInString(w)), firsts+string([]rune(w)[:1])
		}
		return most, firsts
	}()
	hanElements = "木火土金铁鐵水"
	hanAnimals  = "鼠牛虎兔龙龍蛇马馬羊猴鸡雞狗猪豬"
)

// isLetter is unicode.IsLetter, inlined for ASCII, and without its
// search of the letters' ranges for a Hangul syllable, which a Korean
// text is made of.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return isLetterBeyondASCII(r)
}

func isLetterBeyondASCII(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 || unicode.IsLetter(r) }

// firstMn is the first combining mark (unicode.Mn): no rune before it
// is one.
var firstMn = rune(unicode.Mn.R16[0].Lo)

// elementYearSpans returns a span for every year of the cycle named so
// and given as a birth year.
func elementYearSpans(s string) []redact.Span {
	var out []redact.Span
	// Latin words: each pair of words apart by a space or a hyphen.
	prevStart, prevEnd, prevRunes, prevFirst := -1, -1, 0, rune(0)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isLetter(r) {
			i += n
			continue
		}
		a, runes, first := i, 0, r
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				// An ASCII byte: a letter, or the word's end.
				if !isLetter(rune(c)) {
					break
				}
				i, runes = i+1, runes+1
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isLetter(r) && (r < firstMn || !unicode.Is(unicode.Mn, r)) {
				break
			}
			i, runes = i+n, runes+1
		}
		// Lower-casing maps each rune to one: a word of more runes than
		// any first, or whose first rune lowers to none of theirs, is
		// none.
		if prevEnd >= 0 && prevEnd+1 == a && (s[prevEnd] == ' ' || s[prevEnd] == '-') && prevRunes <= maxCycleFirst &&
			strings.ContainsRune(cycleFirstRunes, unicode.ToLower(prevFirst)) {
			if first := strings.ToLower(s[prevStart:prevEnd]); cycleElements[first] || canStems[first] {
				second := strings.ToLower(s[a:i])
				element := cycleElements[first] && cycleAnimals[second]
				canChi := canStems[first] && chiBranches[second]
				if (element || canChi) && (bornNear(s, prevStart, i) || canChi && strings.HasSuffix(strings.ToLower(strings.TrimRight(s[:prevStart], " ")), "tuổi")) {
					out = append(out, redact.Span{Start: prevStart, End: i, Kind: redact.KindDate, Replacement: "[DATE]"})
				}
			}
		}
		prevStart, prevEnd, prevRunes, prevFirst = a, i, runes, first
	}
	out = hanElementYears(s, out)
	slices.SortFunc(out, func(x, y redact.Span) int { return x.Start - y.Start })
	return out
}

// hanElementYears appends to out a span for every year of the cycle
// named by its element and animal in Chinese (铁马年) and given as a
// birth year.
func hanElementYears(s string, out []redact.Span) []redact.Span {
	occurrences(s, "年", func(at int) {
		an, n1 := utf8.DecodeLastRuneInString(s[:at])
		el, n2 := utf8.DecodeLastRuneInString(s[:at-n1])
		a := at - n1 - n2
		if a >= 0 && n1 > 1 && n2 > 1 && strings.ContainsRune(hanElements, el) && strings.ContainsRune(hanAnimals, an) && bornNear(s, a, at) {
			out = append(out, redact.Span{Start: a, End: at + len("年"), Kind: redact.KindDate, Replacement: "[DATE]"})
		}
	})
	return out
}
