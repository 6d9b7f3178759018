package view

import (
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/redact"
)

// TestBirthDateSpans checks the class of dates after a birth word: the
// whole date goes, for the band of its year or for [DATE].
func TestBirthDateSpans(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"born 7.9.71 in Hyesan", "born 1970-1974 in Hyesan"},
		{"born Sept 7th, 71.", "born 1970-1974."},
		{"born 710907 there", "born 1970-1974 there"},
		{"born in Juche 60 at home", "born in 1970-1974 at home"},
		{"born the year of the pig, 1971", "born the year of the 1970-1974"},
		{"DOB 7/IX/1971", "DOB 1970-1974"},
		{"born 1971-IX-07, a Tuesday", "born 1970-1974, a Tuesday"},
		{"DOB 79.04.15", "DOB 1975-1979"},
		{"born on the 7th of September", "born on the [DATE]"},
		{"my birthday is September 7", "my birthday is [DATE]"},
		{"생일은 9월 7일이다", "생일은 [DATE]이다"},
		{"생년월일: 19710907", "생년월일: 1970-1974"},
		// Every birth word, in any case (birthStarts).
		{"BIRTHDAY: September 7", "BIRTHDAY: [DATE]"},
		{"Date Of Birth 7.9.71", "Date Of Birth 1970-1974"},
		{"d.O.b. 7.9.71", "d.O.b. 1970-1974"},
		{"B. 1971", "B. 1970-1974"},
		{"출생일 1971-09-07", "출생일 1970-1974"},
		{"나는 71년생 돼지띠", "나는 1970-1974년생 [DATE]"},
		{"주체60년생이다", "1970-1974년생이다"},
		{"I01 born 7.9.71\nI02 born Sept 7th, 71\nI03 born 19710907\nI04 born in Juche 60\nI05 my birthday is September 7\n",
			"I01 born 1970-1974\nI02 born 1970-1974\nI03 born 1970-1974\nI04 born in 1970-1974\nI05 my birthday is [DATE]\n"},
		{"born 7.9.71; born (7.9.71)", "born 1970-1974; born (7.9.71)"},
		// Not dates of birth.
		{"born 3 years later", "born 3 years later"},
		{"newborn 12 days", "newborn 12 days"},
		{"she was born in Hyesan", "she was born in Hyesan"},
		{"허리띠를 맸다", "허리띠를 맸다"},
		{"Dobong 12.04.15", "Dobong 12.04.15"},
	} {
		got := redact.Apply(tc.in, redact.Resolve(tc.in, birthSpans(tc.in), birthDateSpans(tc.in), zodiacSpans(tc.in)))
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBirthCycles checks sexagenary birth years, Korean days and months
// of birth with or without their calendar, and an age on a date.
func TestBirthCycles(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"신해년생이다", "[DATE]년생이다"},
		{"신유년생", "[DATE]년생"},
		{"辛亥年生", "[DATE]年生"},
		{"辛亥年生, 신해년생, 壬子年生", "[DATE]年生, [DATE]년생, [DATE]年生"},
		{"갑자년에 태어났다", "[DATE]년에 태어났다"},
		{"음력 4월 14일생", "[DATE]생"},
		{"양력 12월 3일생이에요", "[DATE]생이에요"},
		{"4월 14일생", "[DATE]생"},
		{"she turned 43 on 17 May 2024", "she turned 40-44 on 2024"},
		{"turned 43 on 2024-05-17.", "turned 40-44 on 2024."},
		{"born in the spring of '81, on the 17th of May", "born in the spring of 1980-1984, on the [DATE]"},
		{"born in 1981 on May 17, a Sunday", "born in 1980-1984 on [DATE], a Sunday"},
		// Not births.
		{"신해혁명", "신해혁명"},
		{"辛亥革命 1911年", "辛亥革命 1911年"},
		{"갑자기 신해년이 왔다", "갑자기 신해년이 왔다"},
		{"나의 일생", "나의 일생"},
		{"4월 14일생산", "4월 14일생산"},
		{"turned 43 on Monday", "turned 43 on Monday"},
		{"born in 1981. On the 17th of May we left", "born in 1980-1984. On the 17th of May we left"},
	} {
		rec, births := redact.Recognise(tc.in), birthSpans(tc.in)
		got := redact.Apply(tc.in, redact.Resolve(tc.in, rec, births, ageSpans(tc.in), cycleSpans(tc.in), lunarSpans(tc.in), birthDaySpans(tc.in, births)))
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBirthdayForms checks birthdays given compactly or indirectly: a
// Korean day and month in the clause of 생일, in digits or Sino-Korean
// words, solar or lunar; a compact date before 생; a sexagenary year
// before a zodiac sign; a date in any form after "birth". Everything the
// birth rules find goes (birthRules), and nothing else.
func TestBirthdayForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"6월 12일이 생일이에요", "[DATE]이 생일이에요"},
		{"양력으로 삼월 십사일이 제 생일", "[DATE]이 제 생일"},
		{"생일은 음력 오월 초팔일", "생일은 [DATE]"},
		{"생일은 시월 초사흘이에요", "생일은 [DATE]이에요"},
		{"할머니 생신은 음력 정월 보름", "할머니 생신은 [DATE]"},
		{"생일은 6월 12일", "생일은 [DATE]"},
		{"791103생이에요", "1975-1979생이에요"},
		{"93/8/15생", "1990-1994생"},
		{"79.11.3생이고", "1975-1979생이고"},
		{"910724", "1990-1994"},
		{" 19910724 ", " 1990-1994 "},
		{"050229", "2005-2009"},
		{"무진년 용띠예요", "[DATE]년 [DATE]예요"},
		{"계유년, 닭띠", "[DATE]년, [DATE]"},
		{"birth: Jun-12-1988", "birth: 1985-1989"},
		{"出生 1990年11月22日", "出生 1990-1994"},
		{"生日是十一月二十二号", "生日是[DATE]"},
		{"我的生日：农历五月初八。", "我的生日：[DATE]。"},
		// Review 13h H9: a Chinese day and month before 生的, 出生, 生,
		// and a year in the clause of a birth word.
		{"她是九零后，三月七日生的。", "她是九零后，[DATE]生的。"},
		{"我是十一月二十二号出生的", "我是[DATE]出生的"},
		{"3月7日出世", "[DATE]出世"},
		{"她农历五月初八生", "她[DATE]生"},
		{"生日是三月七号，九零年的", "生日是[DATE]，1990-1994年的"},
		{"我1994年出生", "我1990-1994年出生"},
		{"день рождения — в День космонавтики, девяносто четвёртого", "день рождения — в [DATE], 1990-1994"},
		{"sinh vào ngày Phụ nữ Việt Nam năm 2000", "sinh vào [DATE] năm 2000-2004"},
		{"cumplo años el día de la Virgen de la Asunción", "cumplo años el día de la [DATE]"},
		{"出生于一九九零年，在延吉", "出生于1990-1994年，在延吉"},
		{"광복절에 태어났어요, 93년.", "[DATE]에 태어났어요, 1990-1994년."},
		{"born on Christmas Day", "born on [DATE]"},
		// Holidays of a fixed date, with a year after them: the band.
		{"Born on Valentine's Day, 1996.", "Born on [DATE], 1995-1999."},
		{"she was born on valentine’s day in '96", "she was born on [DATE] in 1995-1999"},
		{"I was born at Christmas of 1988", "I was born at [DATE] of 1985-1989"},
		{"born on New Year's Day", "born on [DATE]"},
		{"Halloween was my birthday", "[DATE] was my birthday"},
		{"nací en Nochebuena, 1979", "nací en [DATE], 1975-1979"},
		{"родилась под Новый год", "родилась под [DATE]"},
		{"설날에 태어났어요", "[DATE]에 태어났어요"},
		// Ordinal days in words, English, Spanish and Russian.
		{"my birthday is the twenty-fourth of July", "my birthday is the [DATE]"},
		{"my birthday is the twenty fourth of July.", "my birthday is the [DATE]."},
		{"born on the thirty-first of May 1990", "born on the 1990-1994"},
		{"mi cumpleaños es el veinticuatro de julio", "mi cumpleaños es el [DATE]"},
		{"nací el treinta y uno de mayo de 1990", "nací el 1990-1994"},
		{"nació el 24 de julio", "nació el [DATE]"},
		{"мой день рождения двадцать четвёртого июля", "мой день рождения [DATE]"},
		{"родилась 24 июля 1990 года", "родилась 1990-1994 года"},
		{"родился первого мая", "родился [DATE]"},
		{"Juche 65, May 21", "1975-1979"},
		{"juche 65 May 21st at home", "1975-1979 at home"},
		{"주체65년 5월 21일에 태어났다", "1975-1979에 태어났다"},
		{"I'm a dragon, '88.", "I'm a [DATE], 1985-1989."},
		{"She is a pig born in 1971", "She is a [DATE] born in 1970-1974"},
		{"음력 오월 초팔일에 태어났어요", "[DATE]에 태어났어요"},
		{"출생: 양력 3월 14일", "출생: [DATE]"},
		{"791103 cohort", "1975-1979 cohort"},
		{"the 791103-born", "the 1975-1979-born"},
		// Not birthdays.
		{"저는 용띠예요", "저는 용띠예요"},
		{"Juche idea, May 21", "Juche idea, May 21"},
		{"the dragon, 12 metres long", "the dragon, 12 metres long"},
		{"음력 오월 초팔일에 절에 갔다", "음력 오월 초팔일에 절에 갔다"},
		{"791399 cohort", "791399 cohort"},
		{"1791103 cohort", "1791103 cohort"},
		{"생일 파티에 12명이 왔다", "생일 파티에 12명이 왔다"},
		{"삼월에 생일 선물을 샀다", "삼월에 생일 선물을 샀다"},
		{"사월 초파일에 절에 갔다", "사월 초파일에 절에 갔다"},
		{"매월 12일에 생일 모임", "매월 12일에 생일 모임"},
		{"2019/12/01생산", "2019/12/01생산"},
		// Not a date, or not the whole text.
		// Review 13g G9: 삼일절 and Quốc khánh in other words, Chinese
		// numerals, Vietnamese words, and the year beside a hidden day.
		{"born on Independence Movement Day, 1993", "born on [DATE], 1990-1994"},
		{"born on Samiljeol, 1993", "born on [DATE], 1990-1994"},
		{"born on March First Movement Day 1993", "born on [DATE] 1990-1994"},
		{"Tôi sinh vào ngày Quốc khánh năm 1999.", "Tôi sinh vào ngày [DATE] năm 1995-1999."},
		{"Quốc khánh 1999 là ngày tôi sinh ra.", "[DATE] 1995-1999 là ngày tôi sinh ra."},
		{"sinh ngày mồng hai tháng chín năm một chín chín chín", "sinh ngày 1995-1999"},
		{"ngày sinh: 9 tháng 3", "ngày sinh: [DATE]"},
		{"生于一九九九年九月二日", "生于1995-1999"},
		{"생년월일 一九九三年三月一日", "생년월일 1990-1994"},
		{"一九九四年七月八日他死了", "1994他死了"},
		{"birthday: the twenty-fourth of July, ninety-three", "birthday: the [DATE], 1990-1994"},
		{"nací el veinticuatro de julio de mil novecientos ochenta y ocho", "nací el [DATE] de 1985-1989"},
		{"родилась двадцать пятого декабря 1988 года", "родилась [DATE] 1985-1989 года"},
		{"born on the 7th of September, nineteen eighty-eight", "born on the [DATE], 1985-1989"},
		{"Quốc khánh 1999 chúng tôi đi Hà Nội", "1999 chúng tôi đi Hà Nội"},
		{"học sinh ngày mai đi học", "học sinh ngày mai đi học"},
		{"911324", "911324"},
		{"123456", "123456"},
		{"9107241", "9107241"},
		{"91072", "91072"},
		{"무진년 겨울에 떠났다", "무진년 겨울에 떠났다"},
		{"the birth of my son", "the birth of my son"},
		{"born twenty years ago", "born twenty years ago"},
		{"nací dos años después", "nací dos años después"},
		{"родился второго ребёнка", "родился второго ребёнка"},
		{"Valentine's Day, 1996, we went to a film", "1996, we went to a film"},
		{"Christmas 1996 we crossed the river. I was born later", "1996 we crossed the river. I was born later"},
		{"Valentine's Day 1996 cohort", "1996 cohort"},
		{"Christmas in Seoul", "Christmas in Seoul"},
		{"광복절 행사에 갔다", "광복절 행사에 갔다"},
		{"十一月二十二号我们走了。生日不知道", "十一月二十二号我们走了。生日不知道"},
		{"三月七日发生的事", "三月七日发生的事"},
		{"rezamos a la Virgen de la Asunción", "rezamos a la Virgen de la Asunción"},
		{"В День космонавтики мы гуляли", "В День космонавтики мы гуляли"},
		{"三月七日生活很苦", "三月七日生活很苦"},
		{"她是九零后", "她是九零后"},
		{"九十年代出生的人很多", "九十年代出生的人很多"},
		{"2019年我们到了韩国。三月七日生的", "2019年我们到了韩国。[DATE]生的"},
		{"6월 12일에 떠났다. 생일은 몰라요", "6월 12일에 떠났다. 생일은 몰라요"},
	} {
		got := redact.Apply(tc.in, redact.Resolve(tc.in, birthRules(tc.in)...))
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFoldIndex checks that a foldIndex gives, at every offset of mixed
// texts, every word of its list the text holds there in any case
// (strings.EqualFold), in the list's order.
func TestFoldIndex(t *testing.T) {
	for _, words := range [][]string{holidays, birthWords} {
		idx := startIndex(words)
		texts := []string{synthetic.Testimony(1).Narrative, synthetic.Testimony(2).Narrative, "", "b", "\xff"}
		for _, w := range words {
			// The long s and the Kelvin sign fold to s and k.
			texts = append(texts, strings.Join([]string{w, strings.ToUpper(w), strings.ToLower(w),
				strings.ReplaceAll(w, "s", "ſ"), strings.ReplaceAll(strings.ToUpper(w), "K", "\u212A")}, " x"))
		}
		for _, s := range texts {
			for i := range len(s) {
				var want []string
				for _, w := range words {
					if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
						want = append(want, w)
					}
				}
				got := idx.at(s, i)
				if k := 0; len(want) > 0 {
					for _, w := range got {
						if k < len(want) && w == want[k] {
							k++
						}
					}
					if k < len(want) {
						t.Fatalf("at(%.40q, %d) = %q, want %q among them in order", s, i, got, want)
					}
				}
			}
		}
	}
}

// birthRules returns the spans of birth years, ages and birth dates in s,
// rule by rule.
func birthRules(s string) [][]redact.Span { return appendBirthRules(nil, s) }
