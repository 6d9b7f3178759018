package redact

import (
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/lineartest"
)

// adversarial are texts made of one short piece repeated, each aimed at a
// recogniser's worst case: long digit runs, many rejected candidates,
// triggers without a match, normalisation on every rune.
var adversarial = map[string]string{
	"digits": "1", "digits-spaced": "1 ", "phones": "010-2231-8870 ", "plus": "+8",
	"at": "a@", "at-dot": "a@b.", "at-only": "@", "at-paren": "a (at) ", "email-local": "a.",
	"www": "www.", "www-glued": "xwww.!", "colons": ":", "hex-colons": "a:", "dots": "1.",
	"domain-slash": "a.bc/", "short-slash": "a.b/", "day-month": "2 may ", "month-day": "may 2 ",
	"passport": "passport ", "messenger": "kakao id ", "degrees": "1°1'", "dashes": "1-",
	"decimals": "1.123, ", "ligature": "ﬁ", "combining": "e\u0301", "invalid": "\xff1",
	"korean-date": "1년 2월 ",
	"invisible":   "a\u200b", "fullwidth": "１", "arabic-digits": "١", "hangul": "민", "plate": "12가 ",
	"address": "12 Dobong-ro ", "hangul-address": "도봉로 1 ", "messenger-as": "on KakaoTalk as ", "ordinal": "the first of may ",
	"spelt-email": "a at b dot ", "em-dash": "1\u2014", "underscores": "1_",
	"han-address": "路1号", "han-road": "光明路1", "flat-number": "1234호", "ko-email": "a 골뱅이 b 점 ", "ko-at": "골뱅이",
	"ru-street": "ул. Ленина, д. ", "labels": "username ", "name-street": "Ab Cd Road ",
	"flats": "712동 1", "units": "3인민반 ", "spaced-zero": "0 1 ", "discriminator": "a#1234#", "phone-tail": "ending in ",
	"front-street": "1 rue de ", "mac": "0a:", "yy-date": "12.04.", "year-words": "the second of may, nineteen ",
	"rrn-half": "rrn ", "po-box": "po box ", "roman-plate": "12ga ", "digit-words": "공일 ", "digit-words-en": "zero one ", "double": "double five ", "digit-mix": "five 12 ",
	"han-digits": "一二 ", "digit-groups": "삼삼 ", "vowel-dash": "0ㅡ", "middle-dots": "01·", "tildes": "0~1~",
	"glued": "1one", "glued-groups": "0one0-", "ru-months": "1 мая ", "es-months": "1 de mayo de ", "ko-birth-month": "1년 1월생 ",
	"unit-chain": "Room 1, ", "ordinal-floor": "1st floor ", "unit-words": "ste ", "unit-pair": "Unit 5-",
	"bare-email": "mail a@b ", "plain-at": "x at ", "letter-phone": "0O ", "o-run": "o", "wallet": "1Ab", "live": "live:a1 ",
	"address-parts": "12 Dobong-ro, bldg 7, ", "strasse": "Astrasse 1, ", "plate-hyphen": "12-ga-",
	"arae-a": "0ㆍ", "lookalike": "0l-", "thousands": "사천백 ", "thousands-glued": "공일공천", "han-thousands": "零一零千百 ",
	"script-handle": "카톡은 하늘", "vn-plate": "51F-1", "series": "серия 0", "district": "1 Lê, Q.", "vi-lanes": "số nhà 4, ngõ ",
	"dotted-phone": "0912.345.", "long-vowel-dash": "0ー", "line-breaks": "inminban\n1", "vi-digits": "một ", "ru-digits": "один ", "han-radio": "幺洞", "vi-email": "a a còng b chấm ", "ru-email": "a собака b точка ", "uk-plate": "AB12 ", "nk-plate": "량강 1-", "vi-date": "ngày 1 tháng 1 năm ", "ko-tail": "끝 네 자리는 칠",
	"ru-house": "ул. Ленина 1-", "ko-provider": "a 골뱅이 네이버", "ko-local": "나래 골뱅이 ",
	"tens": "ten fifty-five ", "hundreds": "nine hundred and ", "ru-tens": "девятьсот четырнадцать ", "phone-cue": "phone tel ten ",
	"han-floor": "三楼1", "han-numeral-road": "路十号", "ru-latin-street": "Svetlanskaya 1-", "vi-village": "thôn Đ ", "vi-bare-plate": "biển 37A ", "es-floor": "C/ Mayor 3, segundo ",
	"spoken-local": "a dot b at c dot d ",
	"ro-run":       "x-ro", "spoken-road": "one-two Guwol-ro ", "pairs": "five-fifty ", "brace-at": "a{at}b{dot}", "hash-at": "a#b.", "plate-cue": "plate AB-1 ",
	"hangul-filler": "010\u3164", "copula-chain": "은혜이셨겠습니다만 ",
	"res-han": "光明社区5栋二单元", "res-han-digits": "三零一", "res-words": "twenty-seven Harbour ", "res-ru": "Светланская сто двадцать, кв. ",
	"res-ko": "고잔동 칠백십오 다시 ", "res-one": "one ",
	"res-street-after": "Albion St, no. 14, ", "res-street-fold": "Schtschukina ", "res-postcode-spelt": "H U one ", "res-postcode-cue": "código postal sesenta y ",
	"res-vi-words": "ngõ bốn mươi lăm Kim ", "res-abbrev": "Hgo. #34, Hgo. ",
	"ni": "QQ 12 34 56 ", "ni-glued": "AB123456", "case-cue": "case no. ", "case-fillers": "referral NRM no ", "han-case": "（2019）吉",
	"es-email": "a punto b arroba c punto ", "fr-email": "a arobase b point ", "es-tens": "cincuenta y cinco ", "es-cue": "número cinco ",
	"cn-id": "11010519491231002", "es-id": "X1234567", "curp": "GOMC850214MDF", "snils": "123-456-789 ", "iban": "DE89 3704 ",
	"iban-caps": "AB12", "unhcr": "KOR-12-", "ru-passport": "паспорт 45 06 ",
	"plate-words": "plate thirty-four na ", "plate-letters": "plate a b c ", "ko-plate-words": "삼사나 칠칠", "ko-plate-digits": "삼사",
	"camp-chain": "Kakuma 3, block ", "camp-units": "Camp 8W, Block B-", "nrc": "12/DaGaNa(", "nrc-slash": "1/", "ua-passport": "паспорт серії МК ",
	"tr-plate": "plaka 34 ABC ", "ua-plate": "АХ 1234 ", "th-plate": "1กข ", "uk-words": "п'ять ", "pl-words": "pięćset dwanaście ",
	"uk-email": "a крапка b собака ", "fa-words": "صفر پنج ", "am-words": "ዜሮ ሰባት ", "camp-name": "Camp 8W Kakuma 3, ", "res-pinyin": "Xingfu Xiaoqu 3 hao ", "res-creole": "ri Mèsye ", "res-uk": "Сумська десять, квартира ",

	"mixed-script": "бon", "mixed-o": "бo", "mixed-two": "бtwo", "mixed-double": "бdouble", "greek-one": "αone", "arabic-one": "عone",
	"marks-o": "o\u0301n", "long-word": "abcdefghij", "kana": "あいう", "han-digit-run": "一二三四五六七八九十", "hangul-digit-run": "일이삼사오육칠팔구",
	"unit-letters": "B14/S", "unit-letter-dash": "T-2", "other-letter-id": "مربع ج، ", "cyr-road": "Вонгок-ро 45, ",
	"uy-units": "15-nomur, ", "handle-at": "kim.lee88 равлик ", "tr-words": "beş yüz on iki ", "fa-tens": "هفتاد و ", "tent-words": "tent two hundred ",
	"res-camp": "Shagarab 2, ", "res-kinshasa": "av. Kasavubu 14, Q/",
	"fr-tens": "soixante-dix-", "fr-cue": "numéro quatre-vingt ", "fr-et": "vingt et un ", "account": "account 1 ", "account-dash": "계좌 1-", "cn-id-spaced": "110105 19491231 ", "card-dots": "4111.1111.",
}

// residences are the registered values the adversarial texts are read
// against.
var residences = NewResidenceSet([]string{"吉林省延吉市河南街道光明社区5栋2单元301", "ул. Светланская, д. 120, кв. 45",
	"27 Harbour Road", "고잔동 715-3", "1 1 1 1 1", "14 Albion Street, Hull HU1 3TG", "ул. Щукина, д. 45",
	"số 12 ngõ 45 phố Kim Mã, Ba Đình", "Calle Hidalgo 34, Oaxaca, C.P. 68000",
	"Delmas 33, rue Mercier #14", "伊宁市解放路街道幸福小区3号楼2单元401", "м. Харків, вул. Сумська, буд. 10, кв. 5",
	"Shagarab camp, Section 2, Block 14, Shelter 31", "Adré transit camp, block C, tent 214",
	"Avenue Kasa-Vubu n° 14, Quartier Matonge, Commune de Kalamu", "인천광역시 남동구 구월로 133, 1502호"})

// TestAdversarial runs every adversarial text of 1 and 8 KiB through
// Recognise, Phrases, Numbers, a ResidenceSet and Apply, checks the spans, and that the time grows
// linearly.
func TestAdversarial(t *testing.T) {
	for name, piece := range adversarial {
		t.Run(name, func(t *testing.T) {
			// lineartest counts the CPU time of the subtest's own thread,
			// so the others running beside it do not skew it.
			t.Parallel()
			err := lineartest.Check(piece, 1<<10, 1, 20*time.Millisecond, func(text string) {
				spans := Recognise(text)
				ph := Phrases(text, []string{piece, "a b"})
				nums := Numbers(text, []string{"+84 912 345 678", "010-1111-1111"})
				res := residences.Find(text)
				checkSpans(t, text, res)
				checkSpans(t, text, spans)
				checkSpans(t, text, ph)
				checkSpans(t, text, nums)
				Apply(text, spans, ph, nums, res)
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
}

// BenchmarkAdversarial measures Recognise and Numbers (the spoken-digit
// readers' other caller) on each adversarial text at 1, 16 and 64 KiB
// and 1 MiB: the time per byte should not grow with the size
// (bench/adversarial-time.sh).
func BenchmarkAdversarial(b *testing.B) {
	for name, piece := range adversarial {
		for _, size := range []struct {
			name  string
			bytes int
		}{{"1KiB", 1 << 10}, {"16KiB", 16 << 10}, {"64KiB", 64 << 10}, {"1MiB", 1 << 20}} {
			text := strings.Repeat(piece, max(1, size.bytes/len(piece)))
			b.Run(name+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Recognise(text)
					Numbers(text, []string{"+84 912 345 678", "010-1111-1111"})
				}
			})
		}
	}
}
