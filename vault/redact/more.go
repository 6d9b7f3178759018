package redact

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The recognisers of the classes a review found after the first ones:
// addresses beyond the road-name form, plates of other formats, phone
// numbers written digit by digit or by their last four digits, MAC
// addresses and handles with a discriminator. Each pattern runs only in
// windows opened by its trigger, on at most 512 bytes at a time.
var (
	// 상계주공아파트 7단지 712동 1502호, 712동 1502호
	aptRe = lazyRegexp(`^(?:[가-힣]{2,12}(?:아파트|빌라|맨션)\s?)?(?:\d{1,3}단지\s?)?\d{1,4}동\s?\d{1,5}호`)
	// 3인민반, 인민반 3, neighbourhood unit 3, inminban 3
	unitRe = lazyRegexp(`^(?:\d{1,3}\s?인민반|인민반\s?\d{1,3}|(?:neighbou?rhood unit|inminban|people's unit)\s{1,2}(?:no\.?\s?)?\d{1,3})`)
	// Sanggye-dong 1023-4, Sangdong-ri 123 beonji
	// Вонгок-ро 45, кв. 302; Тобон-ро 38-гиль 12; Сангйе-дон 1023-4: a
	// Korean road, with its sub-road, building and flat, or a lot, in
	// Cyrillic as Kontsevich writes them (r18a)
	krCyrRoadRe = lazyRegexp(`^\p{Lu}\p{Ll}{1,20}-(?:(?:ро|дэро|тэро|гиль|киль)(?:\s{1,2}\d{1,4}-?(?:гиль|киль))?,?\s{1,2}\d{1,5}(?:-\d{1,4})?(?:,?\s{1,2}(?:кв\.|квартира)\s?\d{1,5})?|(?:дон|тон|ри)\s{1,2}\d{1,5}(?:-\d{1,4}|\s?бонджи))`)
	// 15-nomur, 502-öy: Uyghur Latin (ULY) units after their number, a
	// house's number with its room, floor, building or entrance (r18a)
	uyUnitsRe  = lazyRegexp(`^\d{1,5}-` + uyUnits + `(?:,?\s{1,2}\d{1,5}-` + uyUnits + `){1,3}`)
	romanLotRe = lazyRegexp(`^[A-Z][a-z]{1,20}-(?:dong|ri)\s{1,2}\d{1,5}(?:-\d{1,4}|\s?beonji)`)
	// 14 rue de Rivoli, 3 avenida da Liberdade, 75001 (a postcode after)
	frontStreetRe = lazyRegexp(`^\d{1,4}(?:\s?(?:bis|ter|[a-z]))?,?\s{1,2}(?i:rue|avenue|av\.|boulevard|bd|quai|chemin|allée|allee|impasse|viale|piazza|corso|calle|avenida|rua|praça|praca|carrer|ulica|ul\.)\s{1,2}(?:(?:de|du|des|la|le|l'|d'|del|della|da|do|dos|das|di)\s{1,2})*[\pL][\pL'-]{1,30}(?:\s{1,2}[A-Z][\pL'-]{1,30}){0,3}(?:,?\s{1,2}\d{4,5}\b)?`)
	// PO Box 4410, P.O. Box 12, 사서함 123
	poBoxRe = lazyRegexp(`^(?:(?i:p\.?\s?o\.?\s?box|post office box|postfach|apartado)\s{0,2}\d{1,6}|사서함\s?\d{1,6})`)
	// 우편번호 01690, postcode 75001, zip 20500
	postcodeRe = lazyRegexp(`^(?:우편번호|postcode|post code|postal code|zip code|zip|código postal|codigo postal|c\.p\.|c\. p\.|почтовый индекс|индекс)(?:\s?(?:는|은|:|is|es))?\s{0,2}(\d{5,6}(?:-\d{4})?|\d{3}-\d{3})`)
	// NW1 6XE, SW1A 1AA, EC2V 7HH
	ukPostcodeRe = lazyRegexp(`\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b`)
	// Flat 3B, Apt 4C, Apartment 12
	flatRe = lazyRegexp(`^(?:Flat|Apt\.?|Apartment|Suite)\s{1,2}\d{1,4}[A-Z]?\b`)
	// Room 1107, Tower B; Building 3, Entrance 2, Floor 7; 7th floor,
	// room 712: two unit parts or more in a row. Unit 5-201: one with a
	// building and flat number.
	unitChainRe = lazyRegexp(`^` + unitPart + `(?:` + unitSep + unitPart + `){1,5}`)
	unitPairRe  = lazyRegexp(`^(?i:unit|room|rm\.?|apt\.?|apartment|flat|suite|block|blk\.?|building|bldg\.?)\s{1,2}(?:no\.?\s?)?\d{1,5}-\d{1,5}\b`)
	// Seoul 12ga 3456, 12ga3456
	romanPlateRe = lazyRegexp(`\d{2,3}(?:[\s-]?` + romanPlateLetters + `[-]?\d{4}|` + romanPlateLetters + `[\s-]?\d{4})`)
	// 평양 15-2041, Pyongyang 15-2041, 량강 07-3321
	nkPlateRe = lazyRegexp(`^(?:` + strings.Join(nkCities, "|") + `)\s?(?:\d{1,2}-)?\d{2}-\d{4}`)
	// г. Владивосток, ул. Ленина, д. 5, кв. 12; ул. Ленина, д. 14; ул.
	// Карла Маркса 88-41 (house and flat)
	ruAddressRe = lazyRegexp(`^(?:(?:г\.|город)\s?\p{Lu}[\pL-]{1,30},\s{1,2})?(?:ул\.|улица|пр-т|пр\.|проспект|пер\.|переулок|ш\.|шоссе|пл\.|площадь|б-р|бульвар|наб\.|набережная|мкр\.|микрорайон)\s?[\pL.-]{1,30}(?:\s[\pL-]{1,30})?,?\s{1,2}(?:(?:д\.|дом)\s?)?\d{1,4}[а-я]?(?:/\d{1,4})?(?:-\d{1,4})?(?:,?\s{1,2}(?:корп\.|к\.|стр\.|кв\.|квартира)\s?\d{1,4})*`)
	// Gongyuan Road 19, Zhongshan Lu 12: the name, the street type, then
	// the number, as Chinese addresses are romanised
	// Lenina street 14, flat 3; Karl Marx st. 88, apt 41: the street type
	// in lower case too, and a flat after the number
	nameStreetRe = lazyRegexp(`^[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\s(?:Road|Street|Lu|Jie|Dajie|Avenue|Lane|Rd\.?|St\.?|st\.|road|street|avenue|lane|ulitsa|prospekt|pereulok)\s{1,2}(?:No\.\s?)?\d{1,4}(?:,?\s{1,2}(?i:flat|apt\.?|apartment|kv\.?)\s?\d{1,4})?`)
	// Calle de Alcalá 45, 3º B; Avenida da Liberdade 12: the street type
	// first and the number after the name, then a floor and door
	// C/ Mayor 3, 1º izda.; calle Toledo número 12, segundo derecha: the
	// abbreviation C/, número, a floor in words and a door.
	// av. Kasavubu 14, avenue Lumumba n° 27: Kinshasa's order (r18a).
	typeFirstRe = lazyRegexp(`^(?:(?i:calle|avenida|avda\.?|avenue|av\.|paseo|plaza|carrer|rua|via|viale|corso|piazza|travesía|travesia|ronda|camino)\s{1,2}|[Cc]/\s{0,2})(?:(?:de|del|la|las|los|el|da|do|dos|das|di|della|dei)\s{1,2})*\p{Lu}[\pL'-]{1,30}(?:\s{1,2}(?:(?:de|del|la|y)\s{1,2})?\p{Lu}[\pL'-]{1,30}){0,3},?\s{1,2}(?:(?i:n\.?º|nº|n°|no\.?|núm\.?|número|numero)\s?)?\d{1,4}(?:,?\s{1,2}(?:\d{1,2}\s?[º°ªoa]|` + esFloors + `)\.?\s?(?:[A-Z]\b|(?i:izq(?:uierda|da)?|izda|dcha|dra|derecha|centro|ctro)\.?)?)?`)
	// số 12 ngõ 45 phố Huế: a number, lanes with theirs, then the street
	// or a lane (số nhà 45, ngách 12, ngõ 8)
	viAddressRe = lazyRegexp(`^(?:(?:số|Số)(?:\s{1,2}nhà)?\s{1,2})?\d{1,4}[A-Za-z]?(?:/\d{1,4})*,?\s{1,2}(?:(?:ngõ|Ngõ|ngách|Ngách|hẻm|Hẻm|kiệt|Kiệt)\s{1,2}\d{1,4}(?:/\d{1,4})*,?\s{1,2})*(?:(?:phố|Phố|đường|Đường|ngõ|Ngõ|hẻm|Hẻm)\s{1,2}\p{Lu}\pL{0,15}(?:\s{1,2}\p{Lu}\pL{0,15}){0,3}|(?:ngõ|Ngõ|ngách|Ngách|hẻm|Hẻm|kiệt|Kiệt)\s{1,2}\d{1,4}(?:/\d{1,4})*)`)
	// 123 Lê Lợi, Quận 1: a number and a street's name before a district
	// (Quận, Q.), maybe after a ward (Phường, P.)
	viDistrictRe = lazyRegexp(`^\d{1,4}[A-Za-z]?(?:/\d{1,4})*\s{1,2}\p{Lu}\pL{0,15}(?:\s{1,2}\p{Lu}\pL{0,15}){0,3},\s{1,2}(?:(?:Phường|phường|P\.)\s?\d{1,2},\s{1,2})?(?:Quận|quận|Q\.)\s?\d{1,2}`)
	// 0 1 0 6 6 1 2 0 9 4 5
	spacedPhoneRe = lazyRegexp(`0(?: \d){9,10}`)
	// ending in 0945, last four digits 0945, 끝자리는 0945
	// The four digits also in Sino-Korean words (끝 네 자리는 칠일사이).
	phoneTailRe = lazyRegexp(`^(?:ending in|ends in|ending with|last four digits|last 4 digits|끝자리|뒷자리|뒷번호|끝 ?(?:네|4) ?자리|뒤 ?(?:네|4) ?자리|마지막 ?(?:네|4) ?자리)(?:\s?(?:are|were|is|was|:|는|가|은))?\s{0,2}(\d{4}|[공영일이삼사오육륙칠팔구]{4})`)
	// 00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e
	macRe = lazyRegexp(`(?i)\b[0-9a-f]{2}([:-])[0-9a-f]{2}(?:[:-][0-9a-f]{2}){4}\b`)
	// heron#1968: a handle with a discriminator
	discriminatorRe = lazyRegexp(`[A-Za-z][A-Za-z0-9_.]{1,31}#\d{4}`)
)

// uyUnits are the Uyghur Latin units written after a number: number (of
// a house), house or flat, floor, building, entrance.
const uyUnits = `(?:nomur|nomer|öy|qewet|bina|éghiz|eghiz)`

// esFloors are the floors of a Spanish address in words.
const esFloors = `(?i:primero|segundo|tercero|cuarto|quinto|sexto|séptimo|septimo|octavo|noveno|décimo|decimo|bajo|entresuelo|ático|atico)`

// romanPlateLetters are the plate letters in Latin spelling, but for the
// bare vowels (a, o, u, eo), which are words too.
const romanPlateLetters = `(?:ga|na|da|ra|ma|geo|neo|deo|reo|meo|beo|seo|jeo|go|no|do|ro|mo|bo|so|jo|gu|nu|du|ru|mu|bu|su|ju|ha|heo|ho|ba|sa|ja|bae)`

var (
	krRegionsRoman = []string{"seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong", "gyeonggi", "gangwon"}
	addressWords   = []string{"아파트", "단지", "동 ", "인민반", "neighbourhood unit", "neighborhood unit", "inminban", "people's unit", "-dong ", "-ri "}
	frontWords     = []string{"rue ", "avenue ", "av. ", "boulevard ", "bd ", "quai ", "chemin ", "allée ", "allee ", "impasse ", "viale ", "piazza ", "corso ", "calle ", "avenida ", "rua ", "praça ", "praca ", "carrer ", "ulica ", "ul. "}
	// nkCities are the North Korean provinces and cities a plate's number
	// follows, in the northern spelling too (량강 for 양강, 라선 for 나선).
	nkCities       = []string{"평북", "평남", "함북", "함남", "황북", "황남", "자강", "양강", "량강", "강원", "나선", "평양", "함흥", "청진", "신의주", "원산", "남포", "개성", "혜산", "회령", "강계", "해주", "사리원", "라선", "평성", "pyongyang", "hamhung", "chongjin", "sinuiju", "wonsan", "nampo", "kaesong", "hyesan", "hoeryong", "ryanggang", "yanggang", "kangwon", "rason"}
	ruStreetWords  = []string{"г.", "город", "ул.", "улица", "пр-т", "пр.", "проспект", "пер.", "переулок", "ш.", "шоссе", "пл.", "площадь", "б-р", "бульвар", "наб.", "набережная", "мкр.", "микрорайон"}
	phoneTailWords = []string{"ending in", "ends in", "ending with", "last four digits", "last 4 digits", "끝자리", "뒷자리", "뒷번호", "끝 ", "끝네", "끝4", "뒤 ", "뒤네", "뒤4", "마지막"}
)

func findMoreAddresses(c *collector) {
	s, lower := c.s, c.lower
	// Korean flats and neighbourhood units: from the start of the word
	// that holds the trigger.
	var starts []int
	for _, i := range wordStarts(lower, addressCues) {
		starts = append(starts, wordStartBefore(s, i))
	}
	for _, re := range []*regexp.Regexp{aptRe(), unitRe()} {
		matchAt(re, s, dedupSorted(starts), 96, func(m []int) bool {
			if !numRightOK(s, m[1]) {
				return false
			}
			c.add(m[0], m[1], KindAddress, "")
			return true
		})
	}
	matchAt(unitRe(), lower, wordStarts(lower, unitCues), 64, func(m []int) bool {
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	var lots []int
	for _, i := range wordStarts(lower, lotCues) {
		lots = append(lots, wordStartBefore(s, i))
	}
	matchAt(romanLotRe(), s, dedupSorted(lots), 64, func(m []int) bool {
		if !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	var uy []int
	for _, i := range wordStarts(lower, uyghurHouseCues) {
		a := i
		for a > 0 && i-a < 5 && isASCIIDigit(rune(s[a-1])) {
			a--
		}
		if a < i && numLeftOK(s, a) {
			uy = append(uy, a)
		}
	}
	matchAt(uyUnitsRe(), lower, dedupSorted(uy), 64, func(m []int) bool {
		if !wordRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	var cyrRoads []int
	for _, i := range cueStarts(s, lower, cyrillicKoreanStreetCues) {
		a := i
		for a > 0 && i-a < 48 {
			r, size := utf8.DecodeLastRuneInString(s[:a])
			if !unicode.Is(unicode.Cyrillic, r) {
				break
			}
			a -= size
		}
		if a < i {
			cyrRoads = append(cyrRoads, a)
		}
	}
	matchAt(krCyrRoadRe(), s, dedupSorted(cyrRoads), 96, func(m []int) bool {
		if !numRightOK(s, m[1]) {
			return false
		}
		// A Russian word after the number that is no preposition or unit
		// counts it (Сеул-ро 7 минут пешком).
		if m[1]+1 < len(s) && s[m[1]] == ' ' {
			if w := strings.ToLower(s[m[1]+1 : letterWordEnd(s, m[1]+1)]); isCyrillic(w) && !notCounted[w] && !resUnitWords[w] {
				return false
			}
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	// A street type before the name: the building number before it.
	var fronts []int
	for _, i := range wordStarts(lower, frontCues) {
		a := i
		for a > 0 && strings.IndexByte(" ,", s[a-1]) >= 0 && i-a < 3 {
			a--
		}
		for a > 0 && (isASCIIDigit(rune(s[a-1])) || isASCIILetter(rune(s[a-1]))) && i-a < 12 {
			a--
		}
		if a < i && isASCIIDigit(rune(s[a])) {
			fronts = append(fronts, a)
		}
	}
	matchAt(frontStreetRe(), s, dedupSorted(fronts), 160, func(m []int) bool {
		if !numLeftOK(s, m[0]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	matchAt(poBoxRe(), s, wordStarts(lower, poBoxCues), 40, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	matchAt(postcodeRe(), lower, wordStarts(lower, postcodeCueList), 48, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[2], m[3], KindAddress, "")
		return true
	})
	scan(ukPostcodeRe(), s, c.need(req{digits: 2}), func(m []int) bool {
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	// The name before the street type: one word or two.
	var named []int
	for _, i := range cueStarts(s, lower, streetAfterCues) {
		a := wordStartBefore(s, i)
		if b := a - 1; b > 0 && s[b] == ' ' {
			named = append(named, wordStartBefore(s, b))
		}
		named = append(named, a)
	}
	matchAt(nameStreetRe(), s, dedupSorted(named), 64, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) || measureAfter(lower, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	var typeFirst []int
	for _, i := range wordStarts(lower, streetBeforeCues) {
		if wordLeftOK(s, i) {
			typeFirst = append(typeFirst, i)
		}
	}
	matchAt(typeFirstRe(), s, typeFirst, 160, func(m []int) bool {
		if !numRightOK(s, m[1]) || !wordRightOK(s, m[1]) || measureAfter(lower, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	// Vietnamese: from the number (and số) before the first lane or
	// street word.
	var vi []int
	for _, i := range cueStarts(s, lower, viStreetCues) {
		a := i
		for a > 0 && s[a-1] == ' ' && i-a < 2 {
			a--
		}
		for a > 0 && (isASCIIDigit(rune(s[a-1])) || s[a-1] == '/' || s[a-1] == ',') && i-a < 12 {
			a--
		}
		if a == i || !isASCIIDigit(rune(s[a])) || !numLeftOK(s, a) {
			continue
		}
		for _, so := range []string{"số nhà ", "Số nhà ", "số ", "Số "} {
			if strings.HasSuffix(s[:a], so) {
				a -= len(so)
				break
			}
		}
		vi = append(vi, a)
	}
	matchAt(viAddressRe(), s, dedupSorted(vi), 160, func(m []int) bool {
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	// From each number that starts a word in the 80 bytes before a
	// district word.
	var district []int
	for _, i := range cueStarts(s, lower, viDistrictCues) {
		for a := max(0, i-80); a < i; a++ {
			if isASCIIDigit(rune(s[a])) && numLeftOK(s, a) && (a == 0 || !isASCIILetter(rune(s[a-1]))) {
				district = append(district, a)
			}
		}
	}
	matchAt(viDistrictRe(), s, dedupSorted(district), 160, func(m []int) bool {
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	matchAt(ruAddressRe(), s, wordStarts(lower, ruStreetCues), 160, func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	for _, i := range cueStarts(s, lower, hanNumberCues) {
		if a, b, ok := hanAddress(s, i); ok {
			c.add(a, b, KindAddress, "")
		}
	}
	findNotations(c)
	for _, i := range cueStarts(s, lower, hoCues) {
		if a, ok := unitNumber(s, i); ok {
			c.add(a, i+len("호"), KindAddress, "")
		}
	}
	matchAt(flatRe(), s, cueStarts(s, lower, flatCues), 24, func(m []int) bool {
		if !wordLeftOK(s, m[0]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	var units []int
	for _, i := range wordStarts(lower, unitWordCues) {
		if wordLeftOK(s, i) {
			units = append(units, i)
		}
	}
	// 7th floor: from the ordinal.
	for _, i := range wordStarts(lower, floorCues) {
		a := i
		for a > 0 && i-a < 3 && isASCIIDigit(rune(s[a-1])) {
			a--
		}
		if a < i && numLeftOK(s, a) {
			units = append(units, a)
		}
	}
	// A camp's name with its number before a unit (Kakuma 3, block 7;
	// Zaatari District 5, Street 12): from the name.
	var camps []int
	for _, i := range units {
		if !campStart(lower, i) {
			continue
		}
		if m := campNameRe().FindStringIndex(s[max(0, i-48):i]); m != nil {
			if a := max(0, i-48) + m[0]; wordLeftOK(s, a) && !notCampNames[lower[a:latinWord(s, a)]] {
				camps = append(camps, a)
			}
		}
	}
	matchAt(campChainRe(), s, dedupSorted(camps), 160, func(m []int) bool {
		if !wordRightOK(s, m[1]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindAddress, "")
		return true
	})
	units = dedupSorted(units)
	for _, re := range []*regexp.Regexp{unitChainRe(), unitPairRe()} {
		matchAt(re, s, units, 160, func(m []int) bool {
			if !wordRightOK(s, m[1]) || !numRightOK(s, m[1]) {
				return false
			}
			c.add(m[0], m[1], KindAddress, "")
			return true
		})
	}
}

// measureWords after a number make it a quantity: "Hyesan road 12 km".
var measureWords = []string{" km", " kilomet", " mile", " li ", " minute", " hour", " day", " year", " time", " metre", " meter", " m "}

// measureAfter reports whether a measure word follows the number that
// ends at j.
func measureAfter(lower string, j int) bool {
	rest := lower[j:min(len(lower), j+12)] + " "
	for _, w := range measureWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// unitPart is a part of a building's address in English: a building,
// block, tower, entrance, floor, room, unit or flat with its number or
// letter ("Tower B", "Room 1107", "Floor 7", "Block 12"), or a floor by
// its ordinal ("7th floor").
//
// Since r17g the parts of a refugee camp's address are unit parts too:
// a camp, its block, sector, zone or street, a shelter, tent or caravan
// (Camp 8W, Block B-12, shelter 345), in English and in the words of the
// camps' languages (Bengali and Rohingya romanised, Arabic, French,
// Spanish); a block may be a letter and a number (B-12). A camp's number
// alone (Camp 8W, co-witness) is a place of tens of thousands, not an
// address: it stays, as a city does.
const unitPart = `(?:(?i:building|bldg\.?|block|blk\.?|tower|entrance|entr\.?|floor|fl\.?|storey|level|room|rm\.?|unit|apt\.?|apartment|flat|suite|ste\.?|wing|stair|staircase|door|house|lot|` + campUnits + `)\s{1,2}(?:(?i:no)\.?\s?)?(?:(?:\d{1,5}(?:-\d{1,5})?[A-Za-z]?|[A-Z](?:-?\d{1,5})?)\b|` + otherLetterID + `)|\d{1,3}(?i:st|nd|rd|th)\s(?i:floor|fl\.?))`

// unitSep separates the parts of a unit chain: a comma (the Arabic one
// too), a slash or spaces; nothing after an otherLetterID, which takes
// its separator.
const unitSep = `(?:\s?[,،/]\s{0,2}|\s{1,2}|)`

// otherLetterID is a block's letter in the Arabic, Bengali or Ge'ez
// script, maybe with its number (مربع ج, ব্লক সি-৭), before a separator
// of a unit chain or the text's end: RE2's \b knows ASCII words only.
const otherLetterID = `[\p{Arabic}\p{Bengali}\p{Ethiopic}]\p{M}{0,2}(?:-?\d{1,5})?(?:[,،/]|\s|$)`

// campUnits are the words of a refugee camp's address (see unitPart).
const campUnits = `camp|shelter|tent|caravan|sector|zone|street|mukhayam|khaima|kheima|karavan|abri|tente|carpa|campamento|ক্যাম্প|ব্লক|শেল্টার|مخيم|بلوك|خيمة|كرفان|كارافان|قطاع|` + moreCampUnits

// moreCampUnits (r18a) are the units of the Rohingya camps (shed, শেড),
// the Tigrinya and Amharic words for camp, block and shelter, the
// Sudanese block (مربع), and the Dari street, lane, road and house (سرک,
// کوچه, جاده, خانه), with the block and camp as Dari writes them.
const moreCampUnits = `shed|শেড|ካምፕ|ብሎክ|መጽለሊ|መጠለያ|مربع|سرک|کوچه|جاده|خانه|بلاک|کمپ`

// campNameRe is a camp's name and number written before its first unit
// (Kakuma 3, Zaatari District 5, Kutupalong 2E), up to that unit.
var campNameRe = lazyRegexp(`\p{Lu}[\pL'-]{2,20}(?:\s\p{Lu}[\pL'-]{2,20})?\s{1,2}\d{1,3}[A-Za-z]?,?\s{1,2}$`)

// campStart reports whether the unit word at lower[i:] is a camp's
// (block, shelter, tent, caravan, sector, zone, street and the words of
// campUnits): a name and number before another unit (Lenina 45, apt 12)
// is a street's, which other rules read.
func campStart(lower string, i int) bool {
	w := lower[i:letterWordEnd(lower, i)]
	return w == "block" || w == "blk" || w != "camp" && slices.Contains(campWords, w)
}

// notCampNames are the words before a number that number a text's own
// parts (Article 3, Zone 4), not a camp.
var notCampNames = map[string]bool{"article": true, "chapter": true, "page": true, "figure": true, "table": true, "part": true,
	"annex": true, "paragraph": true, "rule": true, "item": true, "step": true, "level": true, "phase": true, "season": true,
	"episode": true, "volume": true, "section": true, "question": true, "case": true, "day": true, "week": true}

// campChainRe is a camp's name and number with one unit part or more
// after it.
var campChainRe = lazyRegexp(`^\p{Lu}[\pL'-]{2,20}(?:\s\p{Lu}[\pL'-]{2,20})?\s{1,2}\d{1,3}[A-Za-z]?,?\s{1,2}` + unitPart + `(?:` + unitSep + unitPart + `){0,5}`)

// unitWords start a unitPart.
var unitWords = append([]string{"building", "bldg", "block", "blk", "tower", "entrance", "entr", "floor", "fl", "storey", "level",
	"room", "rm", "unit", "apt", "apartment", "flat", "suite", "ste", "wing", "stair", "door", "house", "lot"}, campWords...)

// campWords are the words of campUnits.
var campWords = append([]string{"camp", "shelter", "tent", "caravan", "sector", "zone", "street", "mukhayam", "khaima", "kheima", "karavan",
	"abri", "tente", "carpa", "campamento", "ক্যাম্প", "ব্লক", "শেল্টার", "مخيم", "بلوك", "خيمة", "كرفان", "كارافان", "قطاع"},
	strings.Split(moreCampUnits, "|")...)

// findMore runs the recognisers of more.go but the addresses, which
// findAddresses runs.
func findMore(c *collector) {
	s, lower := c.s, c.lower
	scan(romanPlateRe(), lower, filter(lower, c.need(req{digits: 6, run: 4}), romanPlateShape), func(m []int) bool {
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || !strings.ContainsAny(lower[m[0]:m[1]], "abcdefghijklmnopqrstuvwxyz") {
			return false
		}
		start := m[0]
		before := strings.TrimSuffix(lower[:start], " ")
		for _, r := range krRegionsRoman {
			if strings.HasSuffix(before, r) {
				start = len(before) - len(r)
				break
			}
		}
		c.add(start, m[1], KindPlate, "")
		return true
	})
	matchAt(nkPlateRe(), lower, wordStarts(lower, nkCityCues), 40, func(m []int) bool {
		if !numRightOK(s, m[1]) || countedAt(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindPlate, "")
		return true
	})
	scan(spacedPhoneRe(), s, c.need(req{digits: 10, zero: true}), func(m []int) bool {
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) || s[m[0]+2] != '1' && s[m[0]+2] != '2' && s[m[0]+2] != '3' {
			return false
		}
		c.add(m[0], m[1], KindPhone, "")
		return true
	})
	matchAt(phoneTailRe(), lower, wordStarts(lower, phoneTailCues), 48, func(m []int) bool {
		if !numRightOK(s, m[3]) {
			return false
		}
		c.add(m[2], m[3], KindPhone, "")
		return true
	})
	findWordDigits(c)
	spokenPhones(c)
	spokenPlates(c)
	natoPlates(c)
	scan(macRe(), s, c.need(req{digits: 2}), func(m []int) bool {
		c.add(m[0], m[1], KindIDNumber, "")
		return true
	})
	scan(discriminatorRe(), s, filter(s, c.need(req{digits: 4}), func(_ window, t string) bool { return strings.Contains(t, "#") }), func(m []int) bool {
		a := m[0]
		for a > 0 && (isASCIILetter(rune(s[a-1])) || isASCIIDigit(rune(s[a-1])) || s[a-1] == '_' || s[a-1] == '.') {
			a--
		}
		if !numRightOK(s, m[1]) {
			return false
		}
		c.add(a, m[1], KindHandle, "")
		return true
	})
}

// romanPlateShape reports whether t has the shape romanPlateRe needs: an
// ASCII digit, a run of two or three ASCII letters (a syllable: ga,
// geo), each after at most one white-space byte or dash, then a digit.
// The backtracker tries the 37 syllables at every digit, some 25 µs a
// window, which a phone number's window need not pay.
func romanPlateShape(_ window, t string) bool {
	sep := func(k int) int {
		if k < len(t) && (t[k] == '-' || t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\f' || t[k] == '\r') {
			return k + 1
		}
		return k
	}
	for i := 0; i < len(t); i++ {
		if !isASCIIDigit(rune(t[i])) {
			continue
		}
		j := sep(i + 1)
		k := j
		for k < len(t) && isASCIILetter(rune(t[k])) {
			k++
		}
		if k-j < 2 || k-j > 3 {
			continue
		}
		if k = sep(k); k < len(t) && isASCIIDigit(rune(t[k])) {
			return true
		}
	}
	return false
}

// wordStartBefore returns the start of the run of letters and digits that
// ends at or holds i.
func wordStartBefore(s string, i int) int {
	a := hangulWordBefore(s, i)
	for a > 0 && (isASCIILetter(rune(s[a-1])) || isASCIIDigit(rune(s[a-1]))) {
		a--
	}
	return a
}

func dedupSorted(xs []int) []int {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// Chinese addresses end in a building number with 号 (or 號) after a road
// word (路, 街, 大道...) or a village (村, 屯, 组), the divisions before it
// written on or apart (吉林省延吉市光明路123号, 延吉市 河南街 63号), and may
// go on with a building, unit or room (5栋2单元301室, 5号楼 3单元).
const (
	hanRoadWords = "路街道巷弄里村屯组"
	hanUnitWords = "栋幢楼单元室号號层"
	// hanStops end the divisions before a road: "I lived in" (我住在).
	hanStops = "在住于从到是的和"
	// hanNameStops are stops that also begin district names (和平区,
	// 和龙市, 于洪区).
	hanNameStops = "和于"
	// hanDivisionEnds end the name of a division or road, after which
	// the next part may follow a separator (延吉市 河南街).
	hanDivisionEnds = "省市州县区旗盟镇乡村屯路街道巷弄"
)

// hanAddress returns the Chinese address whose 号 (號, or 栋 or 幢 with a
// unit after it: 月宫街道5栋2单元301室) is at s[i], if any: the
// number before it, in digits or Chinese numerals, follows a road word, and the
// divisions before that are taken with it (hanDivisionsStart).
func hanAddress(s string, i int) (int, int, bool) {
	a := i
	for a > 0 && i-a < 8 && (isASCIIDigit(rune(s[a-1])) || s[a-1] == '-') {
		a--
	}
	roads := hanRoadWords
	if a == i {
		// In Chinese numerals (光明路八十八号), after a road word that is
		// no other word too (里 is also "in": 家里十八号 is a day).
		a = hanNumberBefore(s, i)
		roads = "路街道巷弄"
	}
	if a == i || a < i && !isASCIIDigit(rune(s[a])) && roads == hanRoadWords {
		return 0, 0, false
	}
	a = hanSeparatorStart(s, a)
	r, size := utf8.DecodeLastRuneInString(s[:a])
	if !strings.ContainsRune(roads, r) {
		return 0, 0, false
	}
	a = hanDivisionsStart(s, a-size)
	b := i + len("号")
	if strings.HasPrefix(s[b:], "楼") {
		b += len("楼") // 5号楼, a building
	}
	for {
		k := hanSeparatorEnd(s, b)
		d := k
		for k < len(s) && k-d < 6 && isASCIIDigit(rune(s[k])) {
			k++
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		if k == d || !strings.ContainsRune(hanUnitWords, r) {
			break
		}
		b = k + size
		if r == '单' && strings.HasPrefix(s[b:], "元") {
			b += len("元")
		}
	}
	if b == i+len("栋") && !strings.HasPrefix(s[i:], "号") && !strings.HasPrefix(s[i:], "號") {
		return 0, 0, false // 村里3栋房子: 栋 counts houses unless a unit or room follows
	}
	return a, b, true
}

// hanDivisionsStart returns the start of the Chinese divisions that end at
// s[a]: at most 24 Han characters back, up to a stop word, over a
// separator after a division's or road's name (延吉市 河南街), and over a
// stop that begins a name (沈阳市和平区, 住在和龙市), so that a district
// is taken whole or not at all.
func hanDivisionsStart(s string, a int) int {
	for n := 0; n < 24 && a > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:a])
		if !isHanRune(r) {
			sep := hanSeparatorStart(s, a)
			before, _ := utf8.DecodeLastRuneInString(s[:sep])
			if sep == a || !strings.ContainsRune(hanDivisionEnds, before) {
				break
			}
			a = sep
			continue
		}
		if strings.ContainsRune(hanStops, r) {
			before, _ := utf8.DecodeLastRuneInString(s[:a-size])
			nameStart := strings.ContainsRune(hanNameStops, r) && (!isHanRune(before) || strings.ContainsRune(hanStops, before))
			if !nameStart && !strings.ContainsRune(hanDivisionEnds, before) {
				break
			}
		}
		a -= size
	}
	return a
}

// hanSeparators may stand between the parts of a Chinese address: spaces
// (ASCII, ideographic, no-break) and commas (延吉市、河南街、63号).
const hanSeparators = " \u3000\u00a0,，、"

// hanSeparatorStart returns the start of the one or two separators that
// end at s[a], or a.
func hanSeparatorStart(s string, a int) int { return runBefore(s, a, hanSeparators, 2) }

// hanSeparatorEnd returns the end of the one or two separators that
// start at s[b], or b.
func hanSeparatorEnd(s string, b int) int { return runAfter(s, b, hanSeparators, 2) }

func isHanRune(r rune) bool { return 0x4E00 <= r && r <= 0x9FFF || 0x3400 <= r && r <= 0x4DBF }

// unitNumber returns the start of a flat number of three to five digits
// before the 호 at s[i] (1407호), if any: not a number of an order or a
// document (제1407호), nor a line (1호선, too short anyway) or a count.
func unitNumber(s string, i int) (int, bool) {
	a := i
	for a > 0 && i-a <= 5 && isASCIIDigit(rune(s[a-1])) {
		a--
	}
	if n := i - a; n < 3 || n > 5 || !numLeftOK(s, a) || strings.HasSuffix(s[:a], "제") {
		return 0, false
	}
	switch r, _ := utf8.DecodeRuneInString(s[i+len("호"):]); r {
	case '선', '기', '차':
		return 0, false // a line, a model, a car of a train
	}
	return a, true
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	addressCues              = newCues(addressWords...)
	unitCues                 = newCues("neighbourhood unit", "neighborhood unit", "inminban", "people's unit")
	lotCues                  = newCues("-dong ", "-ri ")
	uyghurHouseCues          = newCues("-nomur", "-nomer", "-öy", "-qewet", "-bina", "-éghiz", "-eghiz")
	cyrillicKoreanStreetCues = newCues("-ро ", "-дэро ", "-тэро ", "-гиль ", "-киль ", "-дон ", "-тон ", "-ри ")
	frontCues                = newCues(frontWords...)
	poBoxCues                = newCues("p.o", "po box", "p o box", "post office box", "postfach", "apartado", "사서함")
	postcodeCueList          = newCues("우편번호", "postcode", "post code", "postal code", "zip", "código postal", "codigo postal", "c.p.", "c. p.", "почтовый индекс", "индекс")
	streetAfterCues          = newCues(" Road ", " Street ", " Lu ", " Jie ", " Dajie ", " Avenue ", " Lane ", " Rd", " St", " st. ", " road ", " street ", " avenue ", " lane ", " ulitsa ", " prospekt ", " pereulok ")
	streetBeforeCues         = newCues("calle ", "avenida ", "avda", "paseo ", "plaza ", "carrer ", "rua ", "via ", "viale ", "corso ", "piazza ", "travesía ", "travesia ", "ronda ", "camino ", "c/", "avenue ", "av. ")
	viStreetCues             = newCues("ngõ ", "Ngõ ", "ngách ", "hẻm ", "Hẻm ", "kiệt ", "phố ", "Phố ", "đường ", "Đường ")
	viDistrictCues           = newCues("Quận ", "quận ", "Q.")
	ruStreetCues             = newCues(ruStreetWords...)
	hanNumberCues            = newCues("号", "號", "栋", "幢")
	hoCues                   = newCues("호")
	flatCues                 = newCues("Flat ", "Apt", "Apartment ", "Suite ")
	unitWordCues             = newCues(unitWords...)
	floorCues                = newCues("th floor", "st floor", "nd floor", "rd floor", "th fl", "st fl", "nd fl", "rd fl")
	nkCityCues               = newCues(nkCities...)
	phoneTailCues            = newCues(phoneTailWords...)
)
