package redact

import "testing"

func TestNumbers(t *testing.T) {
	vn := []string{"+84 912 345 678"}
	kr := []string{"010-5512-3391"}
	tests := []struct {
		text       string
		registered []string
		want       string
	}{
		{"call 0912.345.678", vn, "call [PHONE]"},
		{"gọi 091 23 45 678 nhé", vn, "gọi [PHONE] nhé"},
		{"84-912-345-678", vn, "[PHONE]"},
		{"(+84) 912/345/678.", vn, "(+[PHONE]."},
		{"số 0912 · 345 · 678", vn, "số [PHONE]"},
		{"0912 345 678 2019", vn, "[PHONE] 2019"},
		{"lines 1\n0912\n345 678", vn, "lines 1\n0912\n345 678"},
		{"+82 10 5512 3391", kr, "+[PHONE]"},
		{"0082-10-55-12-33-91", kr, "[PHONE]"},
		{"٠١٠ ٥٥١٢ ٣٣٩١", kr, "[PHONE]"},
		// Other numbers stay.
		{"0912 345 679", vn, "0912 345 679"},
		{"10912345678", vn, "10912345678"},
		{"912345678 9", vn, "[PHONE] 9"},
		{"9912.345.678", vn, "9912.345.678"},
		{"ref A0912345678", vn, "ref A0912345678"},
		{"12345 6789 0912 345 6781", vn, "12345 6789 0912 345 6781"},
		{"call 0912.345.678", []string{"12-34"}, "call 0912.345.678"},
		// Read out, in any grouping and in numbers of tens and hundreds.
		{"ten fifty-five twenty-one ninety seventy-three", []string{"010-5521-9073"}, "[PHONE]"},
		{"it was ten fifty five, twenty one, ninety, seventy three.", []string{"010-5521-9073"}, "it was [PHONE]."},
		{"oh one oh fifty-five twenty-one nine oh seven three", []string{"010-5521-9073"}, "[PHONE]"},
		{"zero ten five five two one nine zero seven three", []string{"010-5521-9073"}, "[PHONE]"},
		{"공일공 오오이일 구공칠삼", []string{"010-5521-9073"}, "[PHONE]"},
		// The Russian trunk prefix 8 stays, as it does in digits (8 914 ...):
		// every domestic number starts with it.
		{"восемь девятьсот четырнадцать пятьсот пятьдесят пять двенадцать тридцать четыре", []string{"+7 914 555-12-34"}, "восемь [PHONE]"},
		{"8 914 555 12 34", []string{"+7 914 555-12-34"}, "8 [PHONE]"},
		{"номер: девятьсот четырнадцать, пятьсот пятьдесят пять, двенадцать, тридцать четыре.", []string{"+7 914 555-12-34"}, "номер: [PHONE]."},
		{"nine hundred fourteen five hundred and fifty-five twelve thirty-four", []string{"+7 914 555-12-34"}, "[PHONE]"},
		{"twenty-one sheep, ten fifty-five twenty-one ninety seventy-three", []string{"010-5521-9073"}, "twenty-one sheep, [PHONE]"},
		// In Spanish and Portuguese (review 13g G3): digit words, tens
		// joined by y or e, a group's tail.
		{"cinco cinco uno dos tres cuatro ocho ocho siete seis", []string{"+52 55 1234 8876"}, "[PHONE]"},
		{"mi número: cincuenta y cinco, doce, treinta y cuatro, ochenta y ocho, setenta y seis", []string{"+52 55 1234 8876"}, "mi número: [PHONE]"},
		{"el celular termina en ochenta y ocho setenta y seis", []string{"+52 55 1234 8876"}, "el celular termina en [PHONE]"},
		{"cinquenta e cinco doze trinta e quatro oitenta e oito setenta e seis", []string{"+52 55 1234 8876"}, "[PHONE]"},
		{"cincuenta y cinco mujeres, ochenta y ocho días", []string{"+52 55 1234 8876"}, "cincuenta y cinco mujeres, ochenta y ocho días"},
		// In French (review 13g, r14j): seventy, eighty and ninety as
		// sixty and four twenties with ten to nineteen, un after et.
		{"zéro six, douze, trente-quatre, soixante-dix-huit, quatre-vingt-dix", []string{"06 12 34 78 90"}, "[PHONE]"},
		{"zéro six douze trente-quatre soixante-dix-sept quatre-vingts", []string{"06 12 34 77 80"}, "[PHONE]"},
		{"zéro sept, vingt et un, quarante-deux, quatre-vingt-un, cinquante-cinq", []string{"07 21 42 81 55"}, "[PHONE]"},
		{"zéro six soixante et onze quatre-vingt-dix-neuf seize treize", []string{"06 71 99 16 13"}, "[PHONE]"},
		{"deux cent quatre-vingt-dix-neuf, cent seize, trente", []string{"+7 299 116 30"}, "[PHONE]"},
		{"soixante-dix-sept moutons et quatre-vingts chèvres", []string{"06 12 34 77 80"}, "soixante-dix-sept moutons et quatre-vingts chèvres"},
		{"zéro six douze trente-quatre soixante-dix-sept quatre-vingt-un", []string{"06 12 34 77 80"}, "zéro six douze trente-quatre soixante-dix-sept quatre-vingt-un"},
		// Round r17g: Ukrainian (the apostrophe inside the word), Polish,
		// Haitian Creole and Tagalog words.
		{"її номер нуль шістдесят сім, сто двадцять три, сорок п'ять, шістдесят сім", []string{"+380 67 123 45 67"}, "її номер [PHONE]"},
		{"нуль шістдесят сім сто двадцять три сорок пʼять шістдесят сім", []string{"+380 67 123 45 67"}, "[PHONE]"},
		{"nimewo li se trant sèt douz, trant kat senkant sis", []string{"+509 3712 3456"}, "nimewo li se [PHONE]"},
		{"zero nine one seven, isang dalawang tatlo, apat lima anim pito", []string{"+63 917 123 4567"}, "[PHONE]"},
		{"pięćset dwanaście, trzysta czterdzieści pięć, sześćset siedemdziesiąt osiem", []string{"+48 512 345 678"}, "[PHONE]"},
		{"п'ять людей, сорок п'ять днів", []string{"+380 67 123 45 67"}, "п'ять людей, сорок п'ять днів"},
		{"شماره‌اش صفر پنج سه دو یک دو سه چهار پنج شش هفت است", []string{"+90 532 123 45 67"}, "شماره‌اش [PHONE] است"},
		{"رقمها تسعة واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية", []string{"+249 912 345 678"}, "رقمها [PHONE]"},
		{"ስልኳ ዜሮ ሰባት ዜሮ አንድ ሁለት ሶስት አራት አምስት ስድስት ሰባት", []string{"+46 70 123 45 67"}, "ስልኳ [PHONE]"},
		{"dwanaście kobiet, trzysta złotych", []string{"+48 512 345 678"}, "dwanaście kobiet, trzysta złotych"},
		// A group of a registered number read out alone.
		{"끝 네 자리는 칠일사이", []string{"010-3388-7142"}, "끝 네 자리는 [PHONE]"},
		{"구공칠삼 callback", []string{"010-5521-9073"}, "[PHONE] callback"},
		{"the last four: nine oh seven three.", []string{"010-5521-9073"}, "the last four: [PHONE]."},
		{"구공칠사 callback", []string{"010-5521-9073"}, "구공칠사 callback"},
		{"이천십구년 겨울", []string{"010-5521-2019"}, "이천십구년 겨울"},
		{"nine oh seven three four", []string{"010-5521-9073"}, "nine oh seven three four"},
		// Other numbers read out stay.
		{"ten fifty-five twenty-one ninety seventy-four", []string{"010-5521-9073"}, "ten fifty-five twenty-one ninety seventy-four"},
		{"twenty-one soldiers and fifty-five women in nineteen ninety-six", []string{"010-5521-9073"}, "twenty-one soldiers and fifty-five women in nineteen ninety-six"},
	}
	for _, tt := range tests {
		if got := Apply(tt.text, Numbers(tt.text, tt.registered)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSpokenPhones checks phone numbers read in numbers of tens and
// hundreds after a phone cue, and counts that stay.
func TestSpokenPhones(t *testing.T) {
	tests := []struct{ text, want string }{
		{"her phone: ten fifty-five twenty-one ninety seventy-three", "her phone: [PHONE]"},
		{"my number is oh ten, fifty-five twenty-one, ninety seventy-three.", "my number is [PHONE]."},
		{"телефон восемь девятьсот четырнадцать пятьсот пятьдесят пять двенадцать тридцать четыре", "телефон [PHONE]"},
		{"Номер: девятьсот четырнадцать пятьсот пятьдесят пять двенадцать тридцать четыре", "Номер: [PHONE]"},
		{"call nine hundred fourteen, five hundred fifty-five, twelve thirty-four", "call [PHONE]"},
		{"mi teléfono: cincuenta y cinco, noventa y uno, veintidós, treinta y tres, cuarenta y cuatro", "mi teléfono: [PHONE]"},
		{"celular cero cuatro cuatro, cincuenta y cinco, doce, treinta y cuatro, ochenta y ocho", "celular [PHONE]"},
		{"número cinco cinco nueve uno dos dos tres tres cuatro cuatro", "número [ID]"},
		{"son numéro: zéro six, douze, trente-quatre, soixante-dix-huit, quatre-vingt-dix", "son numéro: [PHONE]"},
		{"téléphone zéro six douze trente-quatre soixante-dix-sept quatre-vingts", "téléphone [PHONE]"},
		{"portable zéro six, douze, trente-quatre, soixante et onze, quatre-vingt-dix-neuf", "portable [PHONE]"},
		{"numéro zéro sept, vingt et un, quarante-deux, quatre-vingt-un, cinquante-cinq", "numéro [PHONE]"},
		{"le numéro de la chambre: soixante-dix-sept", "le numéro de la chambre: soixante-dix-sept"},
		{"Il avait soixante-dix-sept ans et quatre-vingts moutons.", "Il avait soixante-dix-sept ans et quatre-vingts moutons."},
		{"phone: oh eight, eighty twelve thirty-four fifty-six", "phone: [PHONE]"},
		{"el número de muertos: cincuenta y cinco", "el número de muertos: cincuenta y cinco"},
		{"cincuenta y cinco mujeres y doce niños", "cincuenta y cinco mujeres y doce niños"},
		// Counts and short numbers stay, cue or not.
		{"ten fifty-five twenty-one ninety seventy-three", "ten fifty-five twenty-one ninety seventy-three"},
		{"the number of dead: twenty-one thousand", "the number of dead: twenty-one thousand"},
		{"call me in twenty minutes, fifty five at most", "call me in twenty minutes, fifty five at most"},
		{"телефон стоил сто двадцать рублей", "телефон стоил сто двадцать рублей"},
		{"phone number: ninety-nine", "phone number: ninety-nine"},
	}
	for _, tt := range tests {
		if got := Apply(tt.text, Recognise(tt.text)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSpokenPlates checks plates read out in words after a plate word,
// and the Korean plate in Hangul digit syllables anywhere (review 13g,
// r14j); plates of food and counts stay.
func TestSpokenPlates(t *testing.T) {
	checkRecognised(t, []recognised{
		{"plate thirty-four na seven seven eight one", "plate [PLATE]"},
		{"The plate was 34 na seven seven eight one.", "The plate was [PLATE]."},
		{"plate thirty-four na seven seven eight one, I said it twice", "plate [PLATE], I said it twice"},
		{"licence plate seven seven A B C one two", "licence plate [PLATE]"},
		{"번호판 삼사나 칠칠팔일", "번호판 [PLATE]"},
		{"삼사나 칠칠팔일", "[PLATE]"},
		{"차는 삼사나 칠칠팔일이었다", "차는 [PLATE]이었다"},
		{"번호판이 서울 삼사나 칠칠팔일", "번호판이 서울 [PLATE]"},
		{"차량번호 백이십삼가 칠칠팔일", "차량번호 [PLATE]"}, // in place values (r17d)
		{"placas eme equis a doce treinta y cuatro", "placas [PLATE]"},
		{"номер машины о семьсот семьдесят семь хэ эм", "номер машины [PLATE]"},
		{"xe biển số 29A một hai ba bốn năm", "xe biển số [PLATE]"},
		// Not plates.
		{"the plate of rice was nine dollars", "the plate of rice was nine dollars"},
		{"plate number was lost in two thousand", "plate number was lost in two thousand"},
		{"둘 사이가 좋았다", "둘 사이가 좋았다"},
		{"오이가 사이사이", "오이가 사이사이"},
		{"이사가 일이삼사", "이사가 일이삼사"},
		{"placas de Petri, tres o cuatro", "placas de Petri, tres o cuatro"},
	})
}
