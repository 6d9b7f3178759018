package redact

import "testing"

// TestDocuments checks identity documents, refugee registrations and bank
// accounts in the notations interviews quote them in (r14j), whole with
// their letters and check digits, and the codes of the same shapes that
// are none: a failed check digit leaves only the digits the id-number
// rule hides, and counts, years, prices, pages and flights stay.
func TestDocuments(t *testing.T) {
	checkRecognised(t, []recognised{
		// Passports: Korean, Chinese, Vietnamese, Spanish with or without
		// a cue; Russian internal (series and number) and foreign after
		// паспорт in any case.
		{"His passport number was M12345678.", "His passport number was [PASSPORT]."},
		{"여권번호 M12345678", "여권번호 [PASSPORT]"},
		{"여권은 M12345678이었어요", "여권은 [PASSPORT]이었어요"},
		{"护照号码 E12345678", "护照号码 [PASSPORT]"},
		{"护照 EA1234567", "护照 [PASSPORT]"},
		{"số hộ chiếu: B1234567", "số hộ chiếu: [PASSPORT]"},
		{"hộ chiếu số C1234567 bị giữ", "hộ chiếu số [PASSPORT] bị giữ"},
		{"pasaporte G12345678", "pasaporte [PASSPORT]"},
		{"pasaporte número 123456789", "pasaporte número [PASSPORT]"},
		{"паспорт 45 06 123456", "паспорт [PASSPORT]"},
		{"номер паспорта 45 06 123456, выдан в 2006 году", "номер паспорта [PASSPORT], выдан в 2006 году"},
		{"Паспорт: 4506 123456", "Паспорт: [PASSPORT]"},
		{"паспортом 45 06 № 123456", "паспортом [PASSPORT]"},
		{"паспорт серии 45 06 № 123456", "паспорт серии [PASSPORT]"},
		{"паспортные данные 45 06 123456", "паспортные данные [PASSPORT]"},
		{"серии 4506 номер 123456", "серии [PASSPORT]"},
		{"его загранпаспорт 72 1234567 забрали", "его загранпаспорт [PASSPORT] забрали"},
		// National IDs: the Chinese resident ID with its check X, the
		// Spanish DNI and NIE with their letter, the CURP, the SNILS; the
		// Vietnamese CCCD and CMND and the Korean alien registration
		// number (5 to 8 after the dash) are digit groups.
		{"身份证号 11010519491231002X", "身份证号 [NATIONAL-ID]"},
		{"身份证号码：44030819900307441x。", "身份证号码：[NATIONAL-ID]。"},
		{"身份证 110105 19491231 002X", "身份证 [NATIONAL-ID]"},
		{"DNI 12345678Z", "DNI [NATIONAL-ID]"},
		{"DNI 12345678-Z", "DNI [NATIONAL-ID]"},
		{"NIE X1234567L", "NIE [NATIONAL-ID]"},
		{"NIE Y-7654321-G", "NIE [NATIONAL-ID]"},
		{"GOMC850214MDFRRR07 en el acta", "[NATIONAL-ID] en el acta"},
		{"CURP GOMC850214MDFRRR09", "CURP [NATIONAL-ID]"},
		{"la CURP era HEGL880415MDFRPD00.", "la CURP era [NATIONAL-ID]."},
		{"СНИЛС 112-233-445 95", "СНИЛС [NATIONAL-ID]"},
		{"SNILS 123 456 789 64", "SNILS [NATIONAL-ID]"},
		{"CCCD 001099012345", "CCCD [PHONE]"},
		{"số CMND 123456789", "số CMND [ID]"},
		{"외국인등록번호 850214-5123456", "외국인등록번호 [NATIONAL-ID]"},
		{"alien registration card 850214-6123456", "alien registration card [NATIONAL-ID]"},
		{"외국인등록증 850214-7123456, 850214-8123456", "외국인등록증 [NATIONAL-ID], [NATIONAL-ID]"},
		{"북한이탈주민 등록번호 12-345678", "북한이탈주민 등록번호 [ID]"},
		// Refugee and asylum registrations.
		{"UNHCR case number 123-12C01234.", "UNHCR case number [ID]."},
		{"registered with UNHCR as 123-12C01234", "registered with UNHCR as [ID]"},
		{"ACNUR KOR-12C01234", "ACNUR [ID]"},
		{"unhcr no. 123-12c01234", "unhcr no. [ID]"},
		{"UNHCR case KOR-12-345678", "UNHCR case [ID]"},
		// Bank accounts and cards.
		{"IBAN DE89 3704 0044 0532 0130 00", "IBAN [ID]"},
		{"IBAN GB29NWBK60161331926819", "IBAN [ID]"},
		{"IBAN: NL91ABNA0417164300 BIC ABNANL2A", "IBAN: [ID] BIC ABNANL2A"},
		{"ES91 2100 0418 4502 0005 1332 y", "[ID] y"},
		{"신한은행 110-123-456789", "신한은행 [ID]"},
		{"계좌 110-123-456789로 보냈다", "계좌 [ID]로 보냈다"},
		{"계좌번호 1002-123-456789", "계좌번호 [ID]"},
		{"card 4111 1111 1111 1111", "card [ID]"},
		{"Visa 4111-1111-1111-1111", "Visa [ID]"},
		{"Amex 3782 822463 10005", "Amex [ID]"},
		{"tarjeta 4111.1111.1111.1111", "tarjeta [ID]"},
		{"4111/1111/1111/1111 was his", "[ID] was his"},
		{"5500_0000_0000_0004", "[ID]"},
		{"Amex 3782.822463.10005", "Amex [ID]"},
		{"version 4111.1111.1111.1112", "version 4111.1111.1111.1112"},
		{"2019/2020/2021/2022 seasons", "2019/2020/2021/2022 seasons"},
		{"국민은행 123456 01 123456로 보냈다", "국민은행 [ID]로 보냈다"},
		{"계좌: 3333 01 1234567", "계좌: [ID]"},
		{"số tài khoản 0123 4567 89 tại Vietcombank", "số tài khoản [ID] tại Vietcombank"},
		{"银行卡号 6222 0212 3456 7890 123", "银行卡号 [ID]"},
		{"a bank account with 12 000 dollars", "a bank account with 12 000 dollars"},
		{"card issued in 2019 2020 2021", "card issued in 2019 2020 2021"},
		{"계좌에 500 000원이 있었다", "계좌에 500 000원이 있었다"},
		{"the bank was 3 km away; 12 people, 40 minutes", "the bank was 3 km away; 12 people, 40 minutes"},
		// Same shapes, no check: only the digits go.
		{"身份证 11010519491231003X", "身份证 [ID]X"},
		{"DNI 12345678A", "DNI [ID]A"},
		{"GOMC850214MDFRRR09 en el acta", "GOMC850214MDFRRR09 en el acta"},
		{"GB28NWBK60161331926819", "GB28NWBK[ID]"},
		// Not documents.
		{"The flight KE123 left in 1998 and cost 450000 won.", "The flight KE123 left in 1998 and cost 450000 won."},
		{"In 1998 the KE-12-3456 form", "In 1998 the KE-12-3456 form"},
		{"She paid 450,000 won for 12 people; page 1234 of 2019-2020.", "She paid 450,000 won for 12 people; page 1234 of 2019-2020."},
		{"Flight OZ-123 at 12:30, room 1203.", "Flight OZ-123 at 12:30, room 1203."},
		{"ISO 9001 and DE89 were the codes", "ISO 9001 and DE89 were the codes"},
		{"паспорт забрали в 2006 году", "паспорт забрали в 2006 году"},
		{"passport photos cost 12 dollars", "passport photos cost 12 dollars"},
		{"CURP, RFC y INE", "CURP, RFC y INE"},
	})
}
