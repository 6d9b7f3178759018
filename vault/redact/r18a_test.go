package redact

import "testing"

// TestResidenceParts18a: a registered camp or town address quoted in
// another notation (review 13l, Q1): unit letters (B14/S31, T-214, R-12,
// H. 23, c. 12, Q/Matonge, #1502), unit words of the camps' and towns'
// languages, two numbers each with its unit in the registered order,
// Turkish and Somali number and ordinal words, a hyphenated street
// written as one word, a Hangul road romanised or in Cyrillic, a street
// word after the name before two numbers; a camp's tent, shelter, shed or
// caravan by its number in words or another language; a postcode spelt
// with a comma
// (the 13l regression); and what stays: a camp alone, a street alone, a
// count, a postcode's district.
func TestResidenceParts18a(t *testing.T) {
	shagarab := []string{"Shagarab camp, Section 2, Block 14, Shelter 31"}
	adre := []string{"Adré transit camp, block C, tent 214"}
	kabul := []string{"Qala-e-Fatullah, Street 5, House 23, Kabul"}
	kutupalong := []string{"Camp 15 (Jamtoli), Block C-7, Shed 112, Ukhiya, Cox's Bazar"}
	istanbul := []string{"Beştelsiz Mah., 75. Sok. No: 12 D: 4, Zeytinburnu, İstanbul"}
	dadaab := []string{"Ifo 2 camp, Section E, Block 4, Dadaab"}
	kinshasa := []string{"Avenue Kasa-Vubu n° 14, Quartier Matonge, Commune de Kalamu, Kinshasa"}
	dharamsala := []string{"Room 12, Lhasa House, Jogiwara Road, McLeod Ganj, Dharamsala"}
	sps := []string{"Colonia Rivera Hernández, sector Los Pinos, pasaje 4, casa 12, San Pedro Sula"}
	incheon := []string{"인천광역시 남동구 구월로 133, 1502호"}
	london := []string{"Flat 2, 58 Kingsland High Street, London E8 2NS"}
	for _, tt := range []struct {
		text   string
		values []string
		want   string
	}{
		{"Shagarab 2, B14/S31", shagarab, "[REDACTED]"},
		{"ሻገራብ ክፍሊ 2 ብሎክ 14 መጽለሊ 31", shagarab, "ሻገራብ [REDACTED]"},
		{"Adre camp, Blk C / T-214", adre, "Adre camp, [REDACTED]"},
		{"tent two hundred fourteen, block C, in Adré", adre, "[REDACTED], block C, in Adré"},
		{"خيمة ٢١٤ was ours", adre, "[REDACTED] was ours"},
		{"Qalai Fatullah, kocha 5, khana 23", kabul, "Qalai [REDACTED]"},
		{"Camp-15, C/7, shed no. 112", kutupalong, "[REDACTED]"},
		{"Beştelsiz, yetmiş beşinci sokak, on iki numara, daire dört", istanbul, "[REDACTED]"},
		{"Ifo labaad, qaybta E, baloogga afraad", dadaab, "[REDACTED]"},
		{"Ifo-2 E/4, Dadaab", dadaab, "[REDACTED], Dadaab"},
		{"av. Kasavubu 14, Q/Matonge", kinshasa, "[REDACTED]"},
		{"Jogiwara Road, Lhasa House, R-12", dharamsala, "Jogiwara Road, [REDACTED]"},
		{"col. Rivera Hdez., sect. Los Pinos, psje 4, c. 12", sps, "col. Rivera Hdez., [REDACTED]"},
		{"Гувол-ро 133, кв. 1502", incheon, "[REDACTED]"},
		{"Guwol-ro 133, #1502", incheon, "[REDACTED]"},
		{"Вонгок-ро сорок пять, квартира триста два", []string{"경기도 안산시 단원구 원곡로 45, 302호 (15329)"}, "[REDACTED]"},
		{"Qala-i-Fathullah St. 5 H. 23", kabul, "Qala-i-Fathullah St. [REDACTED]"},
		// The 13l regression: a spelt postcode with a pause.
		{"post code e eight, two n s", london, "post code [REDACTED]"},
		{"E8, two buses a day", london, "E8, two buses a day"},
		// Other residences of the same classes.
		{"Fatih, on ikinci sokak, yedi numara, daire üç", []string{"Fatih Mah., 12. Sok. No: 7 D: 3, İstanbul"}, "[REDACTED]"},
		{"nahia 5, kocha 3, khana 12", []string{"District 5, Street 3, House 12, Kabul"}, "[REDACTED]"},
		{"col. Kennedy, bl. 5, c. 21", []string{"Colonia Kennedy, bloque 5, casa 21, Tegucigalpa"}, "[REDACTED]"},
		{"Hagadera, baloogga G4, hoyga 12", []string{"Hagadera camp, Block G4, Shelter 12"}, "[REDACTED]"},
		{"Dagahaley C/9", []string{"Dagahaley camp, Section C, Block 9"}, "[REDACTED]"},
		{"Haeundae-ro 570, 101-dong 1203-ho", []string{"부산광역시 해운대구 해운대로 570, 101동 1203호"}, "[REDACTED]"},
		{"Haeundae beach had 570 visitors, 101 of them from Seoul", []string{"부산광역시 해운대구 해운대로 570, 101동 1203호"},
			"Haeundae beach had 570 visitors, 101 of them from Seoul"},
		{"Đồng 12 tuổi, anh Hồ 21", []string{"số 12 Đồng Khởi, phòng 21, Quận 1"}, "Đồng 12 tuổi, anh Hồ 21"},
		// Kept: a camp alone, a street or house alone, counts, another
		// camp's numbers.
		{"Camp 15 has a clinic", kutupalong, "Camp 15 has a clinic"},
		{"Shagarab camp had 2 clinics", shagarab, "Shagarab camp had 2 clinics"},
		{"Kasa-Vubu was the first president", kinshasa, "Kasa-Vubu was the first president"},
		{"Lhasa House sells momos", dharamsala, "Lhasa House sells momos"},
		{"on iki kişi geldi, dört gün kaldık", istanbul, "on iki kişi geldi, dört gün kaldık"},
		{"shed 12 of camp 4", kutupalong, "shed 12 of camp 4"},
		{"the shed 113 burned, block 9 was safe", kutupalong, "the shed 113 burned, block 9 was safe"},
		{"Guwol-ro was busy", incheon, "Guwol-ro was busy"},
		{"B14 is a vitamin", shagarab, "B14 is a vitamin"},
		{"tent 21 burnt down, 214 people fled", adre, "tent 21 burnt down, 214 people fled"},
		{"block 214 was empty", adre, "block 214 was empty"},
	} {
		rs := NewResidenceSet(tt.values)
		spans := rs.Find(tt.text)
		checkSpans(t, tt.text, spans)
		if got := Apply(tt.text, spans); got != tt.want {
			t.Errorf("Find(%q) with %q:\n got %q\nwant %q", tt.text, tt.values, got, tt.want)
		}
	}
}

// TestRecognise18a: an unregistered camp or street address of two unit
// parts in a row in the camps' languages (Arabic, Bengali, Ge'ez, Dari),
// a block's letter in their script; a Korean road or lot in Cyrillic
// (Kontsevich: -ро, -гиль, -дон); Uyghur Latin units after their number
// (15-nomur, 502-öy); Kinshasa's avenue before its name and number (av.
// Kasavubu 14, avenue Lumumba n° 27); phones read in Turkish tens and
// hundreds, Persian ones joined by و, and Somali digits one by one,
// after a phone cue (review 13l Q6); a registration certificate's
// number; an address spelt with an "@" word and no spoken dot after a
// handle, and with دوت. One part alone, a letter inside a word, counts
// in those words, "at" after no handle and an RC without a number stay.
func TestRecognise18a(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"مخيم أدري، مربع ج، خيمة ٢١٤", "مخيم أدري، [ADDRESS]"},
		{"ক্যাম্প ১৫, ব্লক সি-৭, শেড ১১২", "[ADDRESS]"},
		{"ሻገራብ ክፍሊ 2 ብሎክ 14 መጽለሊ 31", "ሻገራብ ክፍሊ 2 [ADDRESS]"},
		{"قلعه فتح الله، سرک ۵، خانه ۲۳", "قلعه فتح الله، [ADDRESS]"},
		{"Jamtoli camp block C7 shed 112", "Jamtoli camp [ADDRESS]"},
		{"жила на Вонгок-ро 45, кв. 302 с матерью", "жила на [ADDRESS] с матерью"},
		{"Тобон-ро 38-гиль 12, Тобон-гу", "[ADDRESS], Тобон-гу"},
		{"в Сангйе-дон 1023-4", "в [ADDRESS]"},
		{"Вонгок-ро был перекрыт", "Вонгок-ро был перекрыт"},
		{"Shinxua gherbiy yoli 15-nomur, 502-öy", "Shinxua gherbiy yoli [ADDRESS]"},
		{"av. Kasavubu 14, Q/Matonge, C/Kalamu", "[ADDRESS], Q/Matonge, C/Kalamu"},
		{"avenue Lumumba n° 27, Q/Yolo", "[ADDRESS], Q/Yolo"},
		{"He lived on Avenue Montaigne 7 years ago", "He lived on Avenue Montaigne 7 years ago"},
		{"the avenue was closed for 3 days", "the avenue was closed for 3 days"},
		{"7-qewet, 12-öy, Ürümchi", "[ADDRESS], Ürümchi"},
		{"15-nomur aptobus", "15-nomur aptobus"},
		{"Сеул-ро 7 минут пешком", "Сеул-ро 7 минут пешком"},
		{"telefonu beş yüz otuz iki, yüz yirmi üç, kırk beş, altmış yedi", "telefonu [PHONE]"},
		{"her number lix kow, shan shan shan, kow laba saddex afar", "her number [ID]"},
		{"Camp 15 has a clinic", "Camp 15 has a clinic"},
		{"خانه ۲۳ was empty", "خانه ۲۳ was empty"},
		{"مربع جديد في خيمة ٢١٤", "مربع جديد في خيمة ٢١٤"},
		{"the shed 4 is near the tent 5", "the shed 4 is near the tent 5"},
		{"Chapter 3, Section 4 of the report", "Chapter 3, Section 4 of the report"},
		{"her number, صفر هفتاد و نه، چهار صد و پنجاه و شش، دوازده سی و چهار", "her number, [PHONE]"},
		{"RC no. DHA-123456, the Indian certificate", "RC no. [ID], the Indian certificate"},
		{"registration certificate 2019/DS/4411 was renewed", "registration certificate [ID] was renewed"},
		{"пошта halyna.dor79 равлик укр нет", "пошта [EMAIL]"},
		{"write to kim_lee at proton me", "write to [EMAIL]"},
		{"الإيميل آمنة نقطة عثمان ٩١ آت جيميل دوت كوم", "الإيميل آمنة نقطة عثمان [EMAIL]"},
		{"we met at noon at the station", "we met at noon at the station"},
		{"version 2.0 at noon", "version 2.0 at noon"},
		{"the rc plane cost 150 dollars", "the rc plane cost 150 dollars"},
		{"RC Lens won 3-1", "RC Lens won 3-1"},
		{"kırk beş kişi vardı", "kırk beş kişi vardı"},
		{"shan iyo lix carruur", "shan iyo lix carruur"},
	} {
		if got := Apply(tt.text, Recognise(tt.text)); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
