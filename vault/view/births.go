package view

import (
	"cmp"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/redact"
)

// A view that generalises birth years gives none exactly in free text
// either. Where text gives a birth date or year, or a date in a
// registered birth year, the view writes the five-year band instead:
//
//   - a date the redact package replaced by its year, after or before a
//     birth word ("born on April 15, 1979", "DOB 79.04.15", "1979년
//     4월 15일생"), or whose year is a registered birth year: the band,
//     "born on 1975-1979", never "born on 1979"; any other date, an
//     event's, keeps its month and year ("left on Jan 2023": the
//     redact package's WithoutDay);
//   - a year alone given as a birth year ("born in 1968", "born in '79",
//     "79년생", "1968년에 태어났다"): its band;
//   - an age in a given year ("aged 56 in 2024", "turned 45 in 2024",
//     "56 years old in 2024"),
//     which gives the birth year: the age's band ("aged 55-59 in 2024");
//   - any date right after a birth word, whatever its form ("born
//     7.9.71", "DOB 7/IX/1971", "born 710907", "born in Juche 60",
//     "주체60년생"), the day also as an ordinal word ("my birthday is the
//     twenty-fourth of July") and in Spanish and Russian after their
//     birth words ("mi cumpleaños es el veinticuatro de julio", "nací el
//     treinta y uno de mayo", "день рождения двадцать четвёртого июля";
//     the birthday verbs too: "cumple el doce de diciembre", "cumple años
//     el 12 de diciembre", "her birthday falls on 12 December";
//     a day word only with its month after it): the whole date, for the
//     band of its year, or for [DATE] when it gives none ("born on the
//     7th of September", "생일은 9월 7일"), since a birthday identifies
//     as well as a year;
//   - a holiday (holidays: fixed days, and 설날 and 추석, lunar) in the
//     clause of a birth word: [DATE], and a year after it its band
//     ("Born on Valentine's Day, 1996": "Born on [DATE], 1995-1999");
//     elsewhere a holiday with its year is an exact date, given by its
//     year ("Christmas 1996": "1996");
//   - a Korean zodiac sign with a year in its clause (71년생 돼지띠),
//     which with a band gives the year: [DATE]; a sign alone (용띠예요)
//     stays, as it gives only the year modulo 12;
//   - a Chinese zodiac animal with a year after it in its clause ("I'm a
//     dragon, '88"): [DATE] for the animal, the band for the year;
//   - a day of the Juche calendar with its year, birth word or not
//     ("Juche 65, May 21", "주체65년 5월 21일"): the band of its year;
//   - a year of the sexagenary cycle given as a birth year (신해년생,
//     辛亥年生), which with a band gives the year: [DATE];
//   - a Korean day and month of birth (4월 14일생, 음력 4월 14일생), a
//     Korean day and month in digits or Sino-Korean words in the clause
//     of 생일 or 생신, before or after it (6월 12일이 생일, 양력으로 삼월
//     십사일이 제 생일, 생일은 음력 오월 초팔일), or a day in the clause of
//     a birth year ("born in '81, on the 17th of May"): [DATE];
//   - a date written compactly, year first, right before 생 (791103생,
//     93/8/15생), of six valid digits before a birth word ("791103
//     cohort", "791103-born"), or as the whole text of a field (a tag
//     "910724"): its band;
//   - a Korean day and month with its calendar in a clause of birth
//     without 생일 (음력 오월 초팔일에 태어났어요): [DATE];
//   - a year of the sexagenary cycle before a zodiac sign (무진년 용띠):
//     [DATE], as the sign is; and one named by its element and animal
//     (Tibetan, in English and Chinese: "the Iron Horse year", 铁马年) or
//     its Vietnamese can chi (Bính Tý) after a birth word, or after tuổi
//     (elementYearSpans): [DATE];
//   - a Korean day and month in Sino-Korean words right before 생, with
//     a year in such words before them (이천이년 삼월 십오일생): [DATE];
//   - a full date in Chinese numerals (一九九三年三月一日): its year, the
//     band after a birth word (生于, 出生, 생년월일);
//   - a Vietnamese day and month after sinh ngày, ngày sinh or sinh nhật … ngày, in digits
//     or words, with its year in digits or digit words or none ("sinh
//     ngày mồng hai tháng chín năm một chín chín chín"): the band, or
//     [DATE];
//   - a Chinese day and month right before 生的, 生, 出生 or 出世
//     (三月七日生的; not 三月七日发生的): [DATE]; a year in the clause of a
//     Chinese birth word (生日是三月七号，九零年的): its band, with 年;
//   - a year in digits or English or Spanish words right after a day
//     these rules hide ("the [DATE], ninety-three", "[DATE] de mil
//     novecientos ochenta y ocho", "[DATE], del noventa y cinco",
//     Vietnamese "[DATE] năm hai nghìn không trăm linh hai"), or Russian
//     with an ordinal unit ("[DATE], девяносто четвёртого"): its band.
//
// A year of two digits is of the 1900s above 30 and of the 2000s up to
// it ('79 is 1979, '05 2005).

// banded rewrites the dates among spans that are birth dates, and adds
// the spans of birth years and ages in s.
func (r *state) banded(s string, spans []redact.Span) []redact.Span {
	for i, sp := range spans {
		if sp.Kind != redact.KindDate {
			continue
		}
		y := strings.TrimRight(sp.Replacement, "년年")
		band := r.bandOf(y)
		if band == "" && bornNear(s, sp.Start, sp.End) {
			band = yearBand(y)
		}
		if band != "" {
			spans[i].Replacement = band + sp.Replacement[len(y):]
		} else {
			// An event's date keeps its month (r17g): only a date of
			// birth is cut to its year, and banded.
			spans[i].Replacement = redact.WithoutDay(s[sp.Start:sp.End], sp.Replacement)
		}
	}
	// The sets' slice is the view's, one for all its fields.
	r.ruleSets = appendBirthRules(append(r.ruleSets[:0], spans), s)
	for _, set := range r.ruleSets[1:] {
		if len(set) > 0 {
			return redact.Resolve(s, r.ruleSets...)
		}
	}
	// spans are merged already, and a band changes no span's bounds: not
	// copied again, which a text full of names would feel.
	return spans
}

// appendBirthRules appends to sets the spans of birth years, ages and
// birth dates in s, rule by rule (see banded).
func appendBirthRules(sets [][]redact.Span, s string) [][]redact.Span {
	births := birthSpans(s)
	n := len(sets)
	sets = append(sets, births, ageSpans(s), birthDateSpans(s), zodiacSpans(s), cycleSpans(s), lunarSpans(s), birthDaySpans(s, births),
		koBirthdaySpans(s), compactBirthSpans(s), jucheDateSpans(s), zodiacYearSpans(s), lunarBirthSpans(s), cohortSpans(s), wholeDateSpans(s),
		hanDateSpans(s), viBirthDateSpans(s), hanBirthdaySpans(s), calendarSpans(s), elementYearSpans(s), koWordBirthSpans(s), bornWordYearSpans(s))
	return append(sets, yearBesideSpans(s, sets[n:]))
}

// wholeDateSpans returns a span for a text that is, whole, a date written
// compactly as yymmdd or yyyymmdd (compactDate): a tag or title "910724"
// is a date of birth as often as not, and the front half of a Korean
// resident registration number; the band of its year.
func wholeDateSpans(s string) []redact.Span {
	a := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	b := len(strings.TrimRightFunc(s, unicode.IsSpace))
	if b-a != 6 && b-a != 8 {
		return nil
	}
	for i := a; i < b; i++ {
		if !isDigitByte(s[i]) {
			return nil
		}
	}
	if y := compactDate(s[a:b]); y != 0 {
		return []redact.Span{{Start: a, End: b, Kind: redact.KindDate, Replacement: Band(y)}}
	}
	return nil
}

// koDayMonthRe is a Korean day and month, in digits or Sino-Korean words,
// solar or lunar: 6월 12일, 양력으로 삼월 십사일, 음력 오월 초팔일, 시월
// 초사흘 (the lunar days 초하루 to 초열흘, 보름, 그믐).
var koDayMonthRe = regexp.MustCompile(`(?:[음양]력(?:으로)? ?)?(?:\d{1,2}|십일|십이|정|일|이|삼|사|오|유|육|칠|팔|구|시|십) ?월 ?` +
	`(?:\d{1,2} ?일|(?:초|이십|삼십|십)?(?:일|이|삼|사|오|육|칠|팔|구|십)?일|초(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘)|보름|그믐)`)

// hanDayMonthRe is a Chinese day and month: 十一月二十二号, 11月22日,
// 农历五月初八.
var hanDayMonthRe = regexp.MustCompile(`(?:农历|阴历|公历|阳历|農曆|陰曆)?(?:\d{1,2}|十[一二]?|[正一二三四五六七八九十])月` +
	`(?:(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九十])[日号號]|初[一二三四五六七八九十][日号號]?)`)

// birthdayWords are the words of a birthday, each with the days and
// months it makes a birthday in its clause.
var birthdayWords = []struct {
	word string
	re   *regexp.Regexp
}{{"생일", koDayMonthRe}, {"생신", koDayMonthRe}, {"生日", hanDayMonthRe}}

// holidays are days that say a birthday in the clause of a birth word
// (광복절에 태어났어요: 15 August; "Born on Valentine's Day, 1996": 14
// February), matched in any case: Korean and North Korean public holidays,
// and days of a fixed date in the Western calendar (Valentine's Day,
// Christmas and its Eve, New Year's Day and Eve, Halloween, Independence
// Day, and the few of review 13h), in English, Spanish, Russian and
// Vietnamese. 설날 and 추석 fall on lunar dates,
// a different solar day each year: with a year they give the date,
// without one only the season, and they are hidden either way.
var holidays = []string{"설날", "삼일절", "어린이날", "광복절", "개천절", "한글날", "추석", "성탄절", "크리스마스", "태양절", "광명성절",
	"Christmas Day", "Christmas Eve", "Christmas", "Liberation Day", "Valentine's Day", "Valentine’s Day", "Valentines Day",
	"New Year's Day", "New Year’s Day", "New Years Day", "New Year's Eve", "New Year’s Eve", "Halloween", "Independence Day",
	"San Valentín", "Nochebuena", "Navidad", "Año Nuevo", "Nochevieja", "Рождество", "Новый год",
	// 삼일절 (1 March) in English, and Vietnam's National Day (2 September).
	"Independence Movement Day", "March First Movement Day", "Samiljeol", "Quốc khánh", "Quoc khanh",
	// Review 13h H9: Cosmonautics Day (12 April), Victory Day (9 May),
	// Vietnamese Women's Day (20 October), the Assumption (15 August).
	"День космонавтики", "День Победы", "ngày Phụ nữ Việt Nam", "Ngày Phụ nữ Việt Nam", "Virgen de la Asunción",
	"día de la Asunción", "Día de la Asunción"}

// birthClauseWords make a holiday in their clause a birthday.
var birthClauseWords = []string{"태어", "출생", "생일", "born", "birthday", "nací", "nació", "nacid", "cumpleaños", "cumplo años", "cumple años", "родил", "рождения",
	"sinh ra", "sinh vào", "sinh ngày", "ngày sinh", "sinh nhật", "sinh năm", "出生", "生于", "生於"}

// koBirthdaySpans returns a span for every day and month in the clause of
// a birthday word, before or after it ("6월 12일이 생일이에요",
// "양력으로 삼월 십사일이 제 생일", "생일은 음력 오월 초팔일",
// "生日是十一月二十二号"), and every holiday in the clause of a birth word
// ("광복절에 태어났어요"): a birthday identifies as a birth year does.
// A holiday with a year after it outside such a clause is a date, given
// by its year ("Valentine's Day 1996 cohort": "1996 cohort").
func koBirthdaySpans(s string) []redact.Span {
	var out []redact.Span
	for _, bw := range birthdayWords {
		occurrences(s, bw.word, func(at int) {
			a, b := clause(s, at, at+len(bw.word))
			for _, m := range bw.re.FindAllStringIndex(s[a:b], -1) {
				if !hangulBefore(s, a+m[0]) || strings.HasPrefix(s[a+m[0]:], "음력") || strings.HasPrefix(s[a+m[0]:], "양력") {
					out = append(out, redact.Span{Start: a + m[0], End: a + m[1], Kind: redact.KindDate, Replacement: "[DATE]"})
				}
			}
		})
	}
	holidaysIn(s, func(h string, at int) {
		a, b := clause(s, at, at+len(h))
		ya, yb := yearAfter(s, at+len(h))
		for _, w := range birthClauseWords {
			if strings.Contains(strings.ToLower(s[a:b]), w) {
				out = append(out, redact.Span{Start: at, End: at + len(h), Kind: redact.KindDate, Replacement: "[DATE]"})
				// With the year after it, the date: the year's band.
				if ya < yb {
					out = append(out, redact.Span{Start: ya, End: yb, Kind: redact.KindDate, Replacement: yearBand(s[ya:yb])})
				}
				return
			}
		}
		// Elsewhere a holiday with its year is an exact date, which
		// gives its year only, as the redact package's dates do
		// ("Christmas 1996" is 1996).
		if ya < yb {
			out = append(out, redact.Span{Start: at, End: yb, Kind: redact.KindDate, Replacement: s[ya:yb]})
		}
	})
	slices.SortFunc(out, func(x, y redact.Span) int { return x.Start - y.Start })
	return out
}

// clause returns the bounds of the clause around s[i:j]: at most 64 bytes
// either side, not past a full stop, a question or exclamation mark or a
// line break.
func clause(s string, i, j int) (int, int) {
	a, b := max(0, i-64), min(len(s), j+64)
	for a < i && !utf8.RuneStart(s[a]) {
		a++
	}
	for b > j && b < len(s) && !utf8.RuneStart(s[b]) {
		b--
	}
	if k := strings.LastIndexAny(s[a:i], ".!?\n。"); k >= 0 {
		a += k + 1
		for a < i && !utf8.RuneStart(s[a]) {
			a++
		}
	}
	if k := strings.IndexAny(s[j:b], ".!?\n。"); k >= 0 {
		b = j + k
	}
	return a, b
}

// occurrences calls fn with the offset of every occurrence of sub in s,
// left to right, not overlapping.
func occurrences(s, sub string, fn func(at int)) {
	for off := 0; ; {
		k := strings.Index(s[off:], sub)
		if k < 0 {
			return
		}
		fn(off + k)
		off += k + len(sub)
	}
}

// holidayStarts maps a byte to the holidays a text can hold starting
// with it (startIndex).
var holidayStarts = startIndex(holidays)

// holidaysIn calls fn with each holiday in s, in any case
// (strings.EqualFold), and its offset, left to right, not overlapping;
// at each offset the first of holidays that matches.
func holidaysIn(s string, fn func(h string, at int)) {
	for i := 0; i < len(s); i++ {
		for _, h := range holidayStarts.at(s, i) {
			if len(s)-i >= len(h) && foldEqual(s[i:i+len(h)], h) {
				fn(h, i)
				i += len(h) - 1
				break
			}
		}
	}
}

// yearAfter returns the bounds of the year of four digits, or of two
// after an apostrophe, that follows s[:i] after a comma, "of", "in" or
// năm ("year") and spaces ("Valentine's Day, 1996", "Christmas of '88"); a == b if none.
func yearAfter(s string, i int) (a, b int) {
	j := i
	for k := 0; k < 3 && j < len(s); k++ {
		switch rest := s[j:]; {
		case strings.HasPrefix(rest, ","), strings.HasPrefix(rest, " "):
			j++
		case strings.HasPrefix(rest, "of "), strings.HasPrefix(rest, "in "):
			j += 3
		case strings.HasPrefix(rest, "năm "):
			j += len("năm ")
		}
	}
	d := j
	if j > i && (strings.HasPrefix(s[j:], "'") || strings.HasPrefix(s[j:], "’")) {
		_, n := utf8.DecodeRuneInString(s[j:])
		d = j + n
	}
	e := d + 4
	if d > j {
		e = d + 2
	}
	if j == i || e > len(s) || !allDigits(s[d:e]) || e < len(s) && isWordByte(s[e]) || yearBand(s[j:e]) == "" {
		return 0, 0
	}
	return j, e
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// compactBirthSpans returns a span for every date written compactly
// right before 생 ("born"): 791103생, 19791103생, 93/8/15생, 79.11.3생,
// the year first; the band of its year.
func compactBirthSpans(s string) []redact.Span {
	var out []redact.Span
	occurrences(s, "생", func(at int) {
		if r, _ := utf8.DecodeRuneInString(s[at+len("생"):]); strings.ContainsRune(lifeWords, r) {
			return
		}
		a := at
		for a > 0 && at-a < 10 && (isDigitByte(s[a-1]) || strings.IndexByte("./-", s[a-1]) >= 0) {
			a--
		}
		for a < at && !isDigitByte(s[a]) {
			a++
		}
		if a == at || a > 0 && isWordByte(s[a-1]) {
			return
		}
		if y := compactDate(s[a:at]); y != 0 {
			out = append(out, redact.Span{Start: a, End: at, Kind: redact.KindDate, Replacement: Band(y)})
		}
	})
	return out
}

// compactDate returns the year of a date written year first, as yymmdd,
// yyyymmdd or with one separator twice (93/8/15), or 0.
func compactDate(d string) int {
	var y, mm, dd string
	if parts := strings.FieldsFunc(d, func(r rune) bool { return r == '.' || r == '/' || r == '-' }); len(parts) == 3 {
		y, mm, dd = parts[0], fmt.Sprintf("%02s", parts[1]), fmt.Sprintf("%02s", parts[2])
	} else if len(parts) == 1 && (len(d) == 6 || len(d) == 8) {
		y, mm, dd = d[:len(d)-4], d[len(d)-4:len(d)-2], d[len(d)-2:]
	} else {
		return 0
	}
	if (len(y) != 2 && len(y) != 4) || len(mm) != 2 || len(dd) != 2 || yearBand(y) == "" || !validMonthDay(mm+dd) {
		return 0
	}
	n, _ := strconv.Atoi(y)
	if len(y) == 2 {
		n = fullYear(n)
	}
	return n
}

// bandOf returns the band of a year a date was replaced by ("1988",
// "'88", "88") if it is a registered birth year, or "".
func (r *state) bandOf(y string) string {
	if band := r.births[y]; band != "" {
		return band
	}
	y = strings.TrimLeft(y, "'’")
	if len(y) != 2 {
		return ""
	}
	for year, band := range r.births {
		if strings.HasSuffix(year, y) {
			return band
		}
	}
	return ""
}

// yearBand returns the band of a year written with four digits or two
// (after an optional apostrophe), or "".
func yearBand(y string) string {
	y = strings.TrimLeft(y, "'’")
	n, err := strconv.Atoi(y)
	switch {
	case err != nil:
		return ""
	case len(y) == 2 && n > 30:
		n += 1900
	case len(y) == 2:
		n += 2000
	case len(y) != 4 || n < 1900 || n > 2099:
		return ""
	}
	return Band(n)
}

// bornWords are what makes a year next to them a birth year: before it in
// English and Chinese, after it in Korean.
var (
	bornBefore = []string{"born", "birth", "b.", "dob", "d.o.b", "yob", "y.o.b", "생년월일", "생일", "出生", "生于", "生於", "태어난 해는", "출생 연도는", "출생연도는", "태어났",
		// r17g: Persian and Dari, Arabic, Thai, Amharic and Tigrinya,
		// Polish, Ukrainian and Russian.
		"متولد", "تولد", "زاده", "ولد", "ولدت", "مواليد", "เกิด", "ተወለደ", "ተወለደች", "ተወሊዳ", "ur.", "urodzon", "народил", "родил", "народж",
		// r18d: Arabic "(date of) birth" (not عيد الميلاد, Christmas:
		// notBorn), Tigrinya ተወሊዱ, Vietnamese "born (in the year)".
		"الميلاد", "ተወሊዱ", "sinh năm", "sinh ngày",
		// r18e: Spanish, Portuguese, French, Polish and German (nacida
		// en 1996, née en 1994, rok urodzenia 1994, Jahrgang 1994).
		"nací", "nació", "nacida", "nacido", "nasci", "nasceu", "nascida", "nascido", "née", "né en", "né le",
		"urodzenia", "jahrgang", "geboren", "geb."}
	// birthYearNouns name the year of birth itself (r18h): Korean,
	// Chinese and Japanese, Russian (год, дата рождения), Spanish,
	// Portuguese and Vietnamese ("출생연도 1995", "生年1993", "год
	// рождения 1993", "año de nacimiento 1993", "năm sinh 1993"). Right
	// after one, with only spaces or a colon between, a year of two
	// digits is one too ("sinh năm 95").
	birthYearNouns = []string{"출생연도", "출생 연도", "생년", "生年", "рождения", "año de nacimiento",
		"ano de nascimento", "năm sinh", "sinh năm"}
	// notBorn are phrases that hold a birth word of bornBefore and name
	// no birth: Christmas, and the era's "before" and "after".
	notBorn = []string{"عيد الميلاد", "قبل الميلاد", "بعد الميلاد"}
	// bornAfter: Korean, Chinese and (r18e) Turkish: 1994 yılında doğdu,
	// 1994 doğumlu, 1994'te doğdu.
	bornAfter = []string{"년생", "년에 태어", "년 태어", "년에 출생", "년 출생", "年生", "年出生",
		" yılında doğ", " doğumlu", "'da doğ", "'de doğ", "'ta doğ", "'te doğ"}
)

// bornNear reports whether s[start:end] is a birth year or date: a birth
// word within 24 bytes before it, or one right after it.
func bornNear(s string, start, end int) bool {
	before := strings.ToLower(s[max(0, start-24):start])
	for _, words := range [...][]string{bornBefore, birthYearNouns} {
		for _, w := range words {
			if strings.Contains(before, w) && !slices.ContainsFunc(notBorn, func(n string) bool { return strings.Contains(before, n) }) {
				return true
			}
		}
	}
	after := s[end:min(len(s), end+16)]
	for _, w := range bornAfter {
		if strings.HasPrefix(after, w) || strings.HasPrefix(after, strings.TrimPrefix(w, "년")) {
			return true
		}
	}
	return false
}

// afterYearNoun reports whether s ends in a noun of birthYearNouns and
// then only spaces or a colon.
func afterYearNoun(s string) bool {
	s = strings.ToLower(strings.TrimRight(s, " :"))
	return slices.ContainsFunc(birthYearNouns, func(n string) bool { return strings.HasSuffix(s, n) })
}

// birthSpans returns a span for every year s gives as a birth year
// ("born in 1974", "born in '79", "1974년생", "79년생"): its band.
func birthSpans(s string) []redact.Span {
	var out []redact.Span
	forDigitRuns(s, func(a, b int) {
		if b-a == 2 {
			for _, q := range []string{"'", "’"} {
				if strings.HasSuffix(s[:a], q) {
					a -= len(q)
					break
				}
			}
		}
		band := yearBand(s[a:b])
		if cal, _ := markerAfter(s, b); band != "" && cal != 0 {
			return // a year of another calendar: calendarSpans
		}
		if n, _ := strconv.Atoi(s[a:b]); juche(s[:a]) && n > 0 && n < 200 {
			band = Band(n + jucheOffset) // 주체60년생 is 1971
			a = strings.LastIndex(s[:a], "주체")
		}
		if band != "" && (b-a != 2 || strings.HasPrefix(s[b:], "년") || afterYearNoun(s[:a])) && bornNear(s, a, b) {
			out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: band})
		}
	})
	return out
}

// ageSpans returns a span for every age given with a year ("aged 56 in
// 2024", "56 years old in 2024"): the age's band.
func ageSpans(s string) []redact.Span {
	var out []redact.Span
	forDigitRuns(s, func(a, b int) {
		if b-a > 3 {
			return
		}
		before := strings.ToLower(s[max(0, a-8):a])
		rest := strings.ToLower(s[b:min(len(s), b+24)])
		aged := strings.HasSuffix(before, "aged ") || strings.HasSuffix(before, "age ") || strings.HasSuffix(before, "turned ")
		if !aged {
			var ok bool
			if rest, ok = strings.CutPrefix(rest, " years old"); !ok {
				return
			}
		}
		rest = strings.TrimPrefix(rest, ",")
		for _, p := range []string{" in ", " by ", " on "} {
			y, ok := strings.CutPrefix(rest, p)
			if ok && p == " on " {
				// A date: turned 43 on 17 May 2024, on 2024-05-17.
				y = yearIn(y)
			}
			if ok && len(y) >= 4 && yearBand(y[:4]) != "" && (len(y) == 4 || !isDigitByte(y[4])) {
				n, _ := strconv.Atoi(s[a:b])
				lo := n - n%5
				out = append(out, redact.Span{Start: a, End: b, Kind: redact.KindDate, Replacement: strconv.Itoa(lo) + "-" + strconv.Itoa(lo+4)})
				return
			}
		}
	})
	return out
}

// yearIn returns s from its first run of four digits on, or "".
func yearIn(s string) string {
	out := ""
	forDigitRuns(s, func(a, b int) {
		if out == "" && b-a == 4 {
			out = s[a:]
		}
	})
	return out
}

// forDigitRuns calls fn with the bounds of every maximal run of ASCII
// digits in s.
func forDigitRuns(s string, fn func(a, b int)) {
	for i := 0; i < len(s); {
		if noDigitIn8(s, i) {
			i += 8
			continue
		}
		if !isDigitByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		fn(i, j)
		i = j
	}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// noDigitIn8 reports whether s has eight bytes from i and none of them
// is an ASCII digit: a text's letters are skipped eight at a time.
func noDigitIn8(s string, i int) bool {
	return i+8 <= len(s) && !anyDigit(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
		uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56)
}

// anyDigit reports whether one of the eight bytes of x is an ASCII digit,
// each byte on its own, with no carry from one to the next: the top bit
// of a byte b of x is set in the sum below if b < 0x80, b&0x7f < '9'+1
// and b&0x7f > '0'-1 (the "has a byte between" of Bit Twiddling Hacks).
func anyDigit(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := x &^ tops
	return (ones*(127+'9'+1)-low)&^x&(low+ones*(127-('0'-1)))&tops != 0
}

// jucheOffset turns a year of the Juche calendar, used in North Korea,
// into a Gregorian one: Juche 1 is 1912.
const jucheOffset = 1911

// juche reports whether before ends with 주체 (Juche), apart or not, so
// that the number after it is a Juche year; birthPhrase reads the Latin
// spelling.
func juche(before string) bool {
	return strings.HasSuffix(strings.TrimSuffix(before, " "), "주체")
}

// A birth date is anything written as a date right after a birth word
// ("born 7.9.71", "DOB 7/IX/1971", "born Sept 7th, 71", "born 710907",
// "born in Juche 60", "born the year of the pig, 1971", "my birthday is
// September 7", "생일은 9월 7일"): the whole of it goes, for the band of
// its year if it gives one, else for [DATE], since a day and month of
// birth identify a person as well as a year does.
var (
	birthWords = []string{"born", "dob", "d.o.b.", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "birth", "b.",
		"생년월일", "생일", "출생일", "出生", "生于", "生於",
		"nací", "nació", "nacida", "nacido", "fecha de nacimiento", "cumpleaños", "cumple", "cumplo", "cumplió", "cumplía",
		"родился", "родилась", "дата рождения", "день рождения",
		// r17g: Ukrainian and Polish.
		"народився", "народилася", "народилась", "дата народження", "ur.", "urodzony", "urodzona"}
	// birthGlue may come between a birth word and the date.
	birthGlue = map[string]bool{"on": true, "in": true, "is": true, "was": true, "the": true, ":": true, "은": true, "는": true, "이": true,
		"el": true, "es": true, "fue": true, "в": true, "años": true, "falls": true, "fell": true}
	// dateWords may be part of a date phrase; monthNames and zodiac
	// words make it one.
	dateWords  = map[string]bool{"of": true, "the": true, "year": true, "juche": true, "de": true, "del": true, "y": true}
	monthNames = map[string]bool{"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true,
		"apr": true, "april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true, "aug": true, "august": true,
		"sep": true, "sept": true, "september": true, "oct": true, "october": true, "nov": true, "november": true, "dec": true, "december": true}
	zodiacWords = map[string]bool{"rat": true, "ox": true, "tiger": true, "rabbit": true, "dragon": true, "snake": true, "horse": true,
		"goat": true, "sheep": true, "ram": true, "monkey": true, "rooster": true, "chicken": true, "dog": true, "pig": true, "boar": true}
	romanMonths = map[string]bool{"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true, "VII": true, "VIII": true,
		"IX": true, "X": true, "XI": true, "XII": true}
	ordinalDays = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
		"seventh": true, "eighth": true, "ninth": true, "tenth": true, "eleventh": true, "twelfth": true, "thirteenth": true,
		"fourteenth": true, "fifteenth": true, "sixteenth": true, "seventeenth": true, "eighteenth": true, "nineteenth": true,
		"twentieth": true, "thirtieth": true}
	// foreignMonths are the Spanish months and the Russian ones in the
	// genitive, as a date writes them (24 de julio, 24 июля).
	foreignMonths = setOf("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre " +
		"января февраля марта апреля мая июня июля августа сентября октября ноября декабря " +
		"січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня " +
		"stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia")
	// foreignDays are the days of a month in words in Spanish (cardinals:
	// el veinticuatro de julio) and Russian (ordinals in the genitive or
	// the nominative: двадцать четвёртого июля), and the tens a compound
	// day starts with (twenty-fourth, treinta y uno, двадцать первое).
	// Many are everyday words (dos, once, второго), so each is a day only
	// with a month after it (monthAfter).
	foreignDays = setOf("uno primero dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis " +
		"diecisiete dieciocho diecinueve veinte veintiuno veintiún veintidós veintitrés veinticuatro veinticinco veintiséis " +
		"veintisiete veintiocho veintinueve treinta " +
		"первого второго третьего четвёртого четвертого пятого шестого седьмого восьмого девятого десятого одиннадцатого " +
		"двенадцатого тринадцатого четырнадцатого пятнадцатого шестнадцатого семнадцатого восемнадцатого девятнадцатого " +
		"двадцатого тридцатого первое второе третье четвёртое четвертое пятое шестое седьмое восьмое девятое десятое " +
		"одиннадцатое двенадцатое тринадцатое четырнадцатое пятнадцатое шестнадцатое семнадцатое восемнадцатое " +
		"девятнадцатое двадцатое тридцатое " +
		// r17g: Ukrainian, in the genitive, without the apostrophe
		// (withoutApostrophes: п'ятнадцятого).
		"першого другого третього четвертого пятого шостого сьомого восьмого девятого десятого одинадцятого " +
		"дванадцятого тринадцятого чотирнадцятого пятнадцятого шістнадцятого сімнадцятого вісімнадцятого " +
		"девятнадцятого двадцятого тридцятого")
	// dayTens start a compound day: twenty-fourth, двадцать четвёртого.
	dayTens = setOf("twenty thirty двадцать тридцать двадцять тридцять")
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// monthAfter reports whether a month name follows s[k:] after
// separators and at most three of "de", "del", "y", "uno", "of" and "the"
// ("veinticuatro de julio", "treinta y uno de mayo", "fourth of July").
func monthAfter(s string, k int) bool {
	for n := 0; n < 8 && k < len(s); n++ {
		if d := dateSep(s[k:]); d > 0 {
			k += d
			continue
		}
		e := k
		for e < len(s) && (isWordByte(s[e]) || s[e] >= utf8.RuneSelf) && dateSep(s[e:]) == 0 || e > k && wordApostrophe(s, e) > 0 {
			e += max(wordApostrophe(s, e), 1)
		}
		w := withoutApostrophes(strings.ToLower(s[k:e]))
		switch {
		case monthNames[w], foreignMonths[w]:
			return true
		case e == k || !(w == "de" || w == "del" || w == "y" || w == "uno" || w == "of" || w == "the"):
			return false
		}
		k = e
	}
	return false
}

// maxBirthPhrase bounds the bytes read after a birth word, so the work is
// linear in the text.
const maxBirthPhrase = 48

// birthStarts maps a byte to the birth words a text can hold starting
// with it (startIndex).
var birthStarts = startIndex(birthWords)

// foldIndex finds the words of a list that a text can hold at an offset
// in any case (strings.EqualFold): those whose first rune folds to one
// starting with the text's byte there, if the text's first two bytes
// there are those of a fold of a word's first two runes. Most offsets of
// a text pass the second test with no word to compare.
type foldIndex struct {
	starts [256][]string
	pairs  [1 << 16 / 64]uint64 // a bit for each pair of first bytes
}

// startIndex returns the foldIndex of words, which have two runes or
// more; at each offset the words are in their order in words.
func startIndex(words []string) *foldIndex {
	idx := new(foldIndex)
	orbit := func(r rune) []rune {
		out := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			out = append(out, f)
		}
		return out
	}
	for _, w := range words {
		rs := []rune(w)
		for _, f := range orbit(rs[0]) {
			for _, g := range orbit(rs[1]) {
				b := utf8.AppendRune(utf8.AppendRune(nil, f), g)
				idx.pairs[int(b[0])<<2|int(b[1])>>6] |= 1 << (b[1] % 64)
				if !slices.Contains(idx.starts[b[0]], w) {
					idx.starts[b[0]] = append(idx.starts[b[0]], w)
				}
			}
		}
	}
	return idx
}

// foldEqual is strings.EqualFold(x, w) for x and w of the same length,
// compared byte by byte while both are ASCII: two ASCII runes fold alike
// only if they are one letter, and a rune of several bytes (the Kelvin
// sign, the long s) leaves the rest to EqualFold.
func foldEqual(x, w string) bool {
	for k := range len(w) {
		c, d := x[k], w[k]
		if c >= utf8.RuneSelf || d >= utf8.RuneSelf {
			return strings.EqualFold(x, w)
		}
		if lowerASCII(c) != lowerASCII(d) {
			return false
		}
	}
	return true
}

// at returns the words of the index that may start at s[i].
func (idx *foldIndex) at(s string, i int) []string {
	if i+1 >= len(s) || idx.pairs[int(s[i])<<2|int(s[i+1])>>6]&(1<<(s[i+1]%64)) == 0 {
		return nil
	}
	return idx.starts[s[i]]
}

// birthDateSpans returns a span for every date phrase after a birth word.
func birthDateSpans(s string) []redact.Span {
	var out []redact.Span
	for i := 0; i < len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, w := range birthStarts.at(s, i) {
			if len(s)-i < len(w) || !foldEqual(s[i:i+len(w)], w) || i+len(w) < len(s) && isWordByte(s[i+len(w)]) && isWordByte(w[len(w)-1]) {
				continue
			}
			if sp, ok := birthPhrase(s, i+len(w)); ok {
				out = append(out, sp)
				i = sp.End - 1
			}
			break
		}
	}
	return out
}

// birthDaySpans returns a span for the day of birth given in the clause
// of a birth year (births): "born in the spring of '81, on the 17th of
// May" gives the date with its band.
func birthDaySpans(s string, births []redact.Span) []redact.Span {
	var out []redact.Span
	for _, b := range births {
		rest := s[b.End:min(len(s), b.End+32)]
		k := strings.Index(rest, " on ")
		if k < 0 || strings.ContainsAny(rest[:k], ".;\n") {
			continue
		}
		if sp, ok := birthPhrase(s, b.End+k+len(" on")); ok {
			out = append(out, sp)
		}
	}
	return out
}

// birthPhrase reads the date phrase that starts after the birth word
// ending at i, if any: numbers (with an ordinal ending or a Korean unit),
// month names, Roman months, ordinal days, zodiac animals and Juche,
// joined by spaces, dots, slashes, hyphens, commas and apostrophes, with
// of, the and year between them. A number alone must be a year.
func birthPhrase(s string, i int) (redact.Span, bool) {
	limit := min(len(s), i+maxBirthPhrase)
	start, end, year, marks := -1, 0, 0, 0
	var nums []string
	afterJuche := false
	for j := i; j < limit; {
		if n := dateSep(s[j:]); n > 0 {
			j += n
			continue
		}
		k := j
		for k < limit && (isWordByte(s[k]) || s[k] >= utf8.RuneSelf) && dateSep(s[k:]) == 0 || k > j && k < limit && wordApostrophe(s, k) > 0 {
			k += max(wordApostrophe(s, k), 1)
		}
		if k == j || k == limit && k < len(s) {
			break // punctuation, or a word cut by the bound
		}
		tok := s[j:k]
		// Anything but a separator after the token ends the phrase.
		stop := k < len(s) && dateSep(s[k:]) == 0
		// A Korean unit takes particles and the copula: 7일이다, 9월에;
		// Chinese units follow one another: 1990年11月22日.
		if d := len(tok) - len(strings.TrimLeft(tok, "0123456789")); d > 0 {
			for _, u := range []string{"년생", "년", "월", "일", "年", "月", "日"} {
				if rest, ok := strings.CutPrefix(tok[d:], u); ok && rest != "" {
					tok, k, stop = tok[:d+len(u)], j+d+len(u), !isDigitByte(rest[0])
					break
				}
			}
		}
		lower := withoutApostrophes(strings.ToLower(tok))
		date := true
		switch d := len(tok) - len(strings.TrimLeft(tok, "0123456789")); {
		case d > 0 && dateSuffixes[tok[d:]]:
			n := tok[:d]
			v, _ := strconv.Atoi(n)
			switch {
			case afterJuche && v > 0 && v < 200:
				year = v + jucheOffset
			case len(n) == 4 && v >= 1900 && v <= 2099:
				year = v
			case len(n) == 6 || len(n) == 8:
				// yymmdd (the first half of a resident registration
				// number) or yyyymmdd.
				y, _ := strconv.Atoi(n[:len(n)-4])
				if yearBand(n[:len(n)-4]) == "" || !validMonthDay(n[len(n)-4:]) {
					return redact.Span{}, false
				}
				if year = y; len(n) == 6 {
					year = fullYear(y)
				}
			case len(n) > 2:
				return redact.Span{}, false
			}
			if tok[d:] != "" {
				marks++
			}
			// A day or month by its unit (12일, 6月) is no year.
			if u := tok[d:]; u != "월" && u != "일" && u != "月" && u != "日" {
				nums = append(nums, n)
			}
			afterJuche = false
		case monthNames[lower], foreignMonths[lower], romanMonths[tok], ordinalDays[lower], zodiacWords[lower]:
			marks++
		case foreignDays[lower] && monthAfter(s, k):
			marks++
		case dayTens[lower]:
			// Part of the day after it, which marks the phrase.
		case lower == "juche":
			afterJuche = true
		case dateWords[lower], start < 0 && birthGlue[lower]:
			date = false
		default:
			k = -1 // any other word ends the phrase
		}
		if k < 0 {
			break
		}
		if date {
			if start < 0 {
				start = j
			}
			end = k
		}
		if stop {
			break
		}
		j = k
	}
	if start < 0 || marks == 0 && year == 0 && len(nums) < 2 {
		return redact.Span{}, false // born 3 years later
	}
	if year == 0 && len(nums) >= 2 {
		// Two digits of year, first (79.04.15) or last (7.9.71, Sept 7th,
		// 71): the one that cannot be a day, else the last after a month
		// name; 12.04.15 gives none.
		first, _ := strconv.Atoi(nums[0])
		last, _ := strconv.Atoi(nums[len(nums)-1])
		switch {
		case len(nums) == 3 && first > 31:
			year = fullYear(first)
		case last > 31 || marks > 0 && len(nums[len(nums)-1]) == 2:
			year = fullYear(last)
		}
	}
	repl := "[DATE]"
	if year != 0 {
		repl = Band(year)
	}
	return redact.Span{Start: start, End: end, Kind: redact.KindDate, Replacement: repl}, true
}

// dateSuffixes may follow the number of a date: ordinal endings, Korean
// and Chinese units.
var dateSuffixes = map[string]bool{"": true, "st": true, "nd": true, "rd": true, "th": true,
	"년": true, "월": true, "일": true, "년생": true, "年": true, "月": true, "日": true}

// dateSep returns the length of the separator of date parts that starts
// s, or 0.
func dateSep(s string) int {
	switch {
	case s == "":
		return 0
	case strings.IndexByte(" ./-,:'\t", s[0]) >= 0:
		return 1
	case strings.HasPrefix(s, "’"):
		return len("’")
	}
	return 0
}

// fullYear reads a year of two digits as the band rule does.
func fullYear(y int) int {
	if y > 30 {
		return 1900 + y
	}
	return 2000 + y
}

// validMonthDay reports whether mmdd is a month and a day.
func validMonthDay(mmdd string) bool {
	m, _ := strconv.Atoi(mmdd[:2])
	d, _ := strconv.Atoi(mmdd[2:])
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// zodiacSpans returns a span for every Korean zodiac sign (돼지띠, 말띠)
// with a year in its clause (71년생 돼지띠, 무진년 용띠): with a band it
// gives the exact year. A sign alone (용띠예요) gives the year modulo 12
// and stays.
func zodiacSpans(s string) []redact.Span {
	var out []redact.Span
	occurrences(s, "띠", func(at int) {
		for _, a := range zodiacAnimals {
			if a0 := at - len(a); a0 >= 0 && s[a0:at] == a && !hangulBefore(s, a0) && givesYear(s, a0, at) {
				out = append(out, redact.Span{Start: a0, End: at + len("띠"), Kind: redact.KindDate, Replacement: "[DATE]"})
				break
			}
		}
	})
	return out
}

// givesYear reports whether the clause of s[i:j] gives a year: it holds
// a digit, 년 or 年.
func givesYear(s string, i, j int) bool {
	a, b := clause(s, i, j)
	return strings.ContainsAny(s[a:b], "0123456789년年")
}

var zodiacAnimals = strings.Fields("쥐 소 호랑이 범 토끼 용 뱀 말 양 원숭이 닭 개 돼지")

// The heavenly stems and earthly branches that name the years of the
// sexagenary cycle, in Hangul and in Han characters.
const (
	stemsKo    = "갑을병정무기경신임계"
	branchesKo = "자축인묘진사오미신유술해"
	stemsHan   = "甲乙丙丁戊己庚辛壬癸"
	branchHan  = "子丑寅卯辰巳午未申酉戌亥"
)

// cycleSpans returns a span for every year of the sexagenary cycle given
// as a birth year (신해년생, 辛亥年生, 신유년에 태어났다): its two
// characters.
func cycleSpans(s string) []redact.Span {
	var out []redact.Span
	// Each year word by a search of its own (strings.IndexAny walks the
	// text rune by rune when a character it seeks is not ASCII), the
	// spans sorted after.
	for _, year := range []string{"년", "年"} {
		occurrences(s, year, func(at int) {
			b, n1 := utf8.DecodeLastRuneInString(s[:at])
			st, n2 := utf8.DecodeLastRuneInString(s[:at-n1])
			a := at - n1 - n2
			if a < 0 || n1 < 2 || n2 < 2 {
				return
			}
			ko := strings.ContainsRune(stemsKo, st) && strings.ContainsRune(branchesKo, b) && !hangulBefore(s, a)
			han := strings.ContainsRune(stemsHan, st) && strings.ContainsRune(branchHan, b)
			if (ko || han) && (bornNear(s, a, at) || zodiacAfter(s, at+len(year))) {
				out = append(out, redact.Span{Start: a, End: at, Kind: redact.KindDate, Replacement: "[DATE]"})
			}
		})
	}
	slices.SortFunc(out, func(x, y redact.Span) int { return cmp.Compare(x.Start, y.Start) })
	return out
}

// zodiacAfter reports whether a Korean zodiac sign (용띠) follows s[:i],
// after spaces or a comma: the year before it is the birth year (무진년
// 용띠).
func zodiacAfter(s string, i int) bool {
	rest := strings.TrimLeft(s[i:min(len(s), i+32)], " ,")
	for _, a := range zodiacAnimals {
		if strings.HasPrefix(rest, a+"띠") {
			return true
		}
	}
	return false
}

// lunarSpans returns a span for every Korean day and month of birth
// (4월 14일생), with 음력 or 양력 (lunar, solar) before it.
func lunarSpans(s string) []redact.Span {
	var out []redact.Span
	for at := range bornOnDay(s) {
		a := digitsBefore(s, at)
		if a == at {
			continue
		}
		// m is s up to the month's number: "음력 4" of "음력 4월 14".
		m, ok := strings.CutSuffix(strings.TrimRight(s[:a], " "), "월")
		if !ok {
			continue
		}
		start := digitsBefore(m, len(m))
		if start == len(m) {
			continue
		}
		for _, cal := range []string{"음력 ", "양력 ", "음력", "양력"} {
			if strings.HasSuffix(s[:start], cal) {
				start -= len(cal)
				break
			}
		}
		out = append(out, redact.Span{Start: start, End: at + len("일"), Kind: redact.KindDate, Replacement: "[DATE]"})
	}
	return out
}

// bornOnDay yields the offset of every 일생 of s that says "born on the
// day" (14일생, 십오일생): not one a life word follows (lifeWords).
func bornOnDay(s string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for off := 0; ; {
			k := strings.Index(s[off:], "일생")
			if k < 0 {
				return
			}
			at := off + k
			off = at + len("일생")
			if r, _ := utf8.DecodeRuneInString(s[off:]); strings.ContainsRune(lifeWords, r) {
				continue
			}
			if !yield(at) {
				return
			}
		}
	}
}

// koWordBirthSpans returns a span for every Korean day and month in
// Sino-Korean words right before 생 (삼월 십오일생), and for the year in
// such words right before it (이천이년 삼월 십오일생, review 13l Q5):
// [DATE], as lunarSpans does for digits.
func koWordBirthSpans(s string) []redact.Span {
	var out []redact.Span
	for at := range bornOnDay(s) {
		if digitsBefore(s, at) < at {
			continue
		}
		lo := max(0, at-48)
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo++
		}
		m := koDayMonthEndRe().FindStringIndex(s[lo : at+len("일")])
		if m == nil {
			continue
		}
		start := lo + m[0]
		if y := koYearWordsEndRe().FindStringIndex(s[max(lo, start-40):start]); y != nil {
			start = max(lo, start-40) + y[0]
		}
		for start > 0 && !utf8.RuneStart(s[start]) {
			start++
		}
		out = append(out, redact.Span{Start: start, End: at + len("일"), Kind: redact.KindDate, Replacement: "[DATE]"})
	}
	return out
}

// koDayMonthEndRe is koDayMonthRe at the end of a text; koYearWordsEndRe
// a year in Sino-Korean words (이천이년, 천구백팔십팔년) and a space at
// the end of one. Compiled at first use: most texts hold no 일생.
var (
	koDayMonthEndRe  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:` + koDayMonthRe.String() + `)$`) })
	koYearWordsEndRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[일이삼사오육칠팔구십백천]{2,8}년 ?$`) })
)

// lifeWords after 생 make a word of it (14일 생산, "produced on the
// 14th"; 생활, 생겼다), not "born".
const lifeWords = "산활존명각겼기긴"

// digitsBefore returns the start of the one or two ASCII digits that end
// s[:i], or i.
func digitsBefore(s string, i int) int {
	a := i
	for a > 0 && i-a < 2 && isDigitByte(s[a-1]) {
		a--
	}
	if a > 0 && isDigitByte(s[a-1]) {
		return i
	}
	return a
}

// hangulBefore reports whether a Hangul syllable ends s[:i] (허리띠, a
// belt, is no zodiac sign).
func hangulBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r >= 0xAC00 && r <= 0xD7A3
}

// wordApostrophe returns the length of an apostrophe at s[i] inside a
// Cyrillic word (Ukrainian п'ятнадцятого, дев'яностого), or 0.
func wordApostrophe(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r != '\'' && r != '’' && r != 'ʼ' || i == 0 {
		return 0
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	if !unicode.Is(unicode.Cyrillic, before) || !unicode.Is(unicode.Cyrillic, after) {
		return 0
	}
	return size
}

// withoutApostrophes returns w without its apostrophes, as the tables
// write a Ukrainian word.
func withoutApostrophes(w string) string {
	if !strings.ContainsAny(w, "'’ʼ") {
		return w
	}
	return strings.NewReplacer("'", "", "’", "", "ʼ", "").Replace(w)
}
