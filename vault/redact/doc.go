// Package redact finds direct identifiers in free text and replaces spans of
// a text, to build the researcher views of a testimony.
//
// It is pure: no I/O, no global state, safe for concurrent use, and it never
// panics, whatever the input (invalid UTF-8 included). Person names are
// found elsewhere (package vault/names) and reach Apply as spans of Kind
// KindPerson like any other.
//
// # Recognisers
//
// Recognise runs every recogniser below on the NFKC form of the text (so
// full-width digits, ＋, ＠, －, and no-break spaces count as their ASCII
// forms), without invisible characters (format characters such as
// U+200B–U+200D, U+2060, U+FEFF, the soft hyphen and bidi controls;
// variation selectors; the combining grapheme joiner), with the decimal
// digits of every script as ASCII digits (Arabic-Indic ٠١٠ is 010) and the
// em dash, horizontal bar, figure dash and the Hangul vowel ㅡ alone (typed
// for a dash on Korean keyboards) as "-", and maps the spans back
// to whole runes of the original: "010\u200c5512\u200c3391" is one phone
// number, and its span covers the invisible characters inside it. Digits
// below are ASCII digits after this normalisation. A number must not continue a longer one: the
// rune before its first character and after its last must not be a digit
// (of any script) or an ASCII letter, nor a dot, slash or dash that itself
// touches a digit. Letters of other scripts may touch a number, because
// Korean and Chinese attach particles to it ("010-2231-8870으로").
//
//   - phone ([PHONE]): an international number, "+" or "00" then 8 to 15
//     digits in groups separated by one space, dot or dash, with optional
//     parenthesised groups ("+82 10-4821-7730", "+1 (202) 555-0143",
//     "+44 (0)20 7946 0958", "0082-10-4821-7730", "+8613800138000"); when
//     more than 15 digits follow, the trailing groups are left out. A
//     Korean domestic number: 0 and one or two digits, optionally in
//     parentheses, then 3–4 and 4 digits, each group optionally preceded
//     by a space, dot, dash, slash, underscore, middle dot (any of the
//     interpuncts, read as one: U+00B7, the arae-a ㆍ Korean keyboards
//     type, ‧ ∙ ⋅ ・ •) or tilde
//     ("010 2231 8870", "010-2231-8870", "010/5512/3391",
//     "010·7788·1234", "010ㆍ4127ㆍ8856", "010~7788~1234", "01022318870", "02-123-4567",
//     "(031) 123-4567"), also digit by digit with single spaces ("0 1 0
//     6 6 1 2 0 9 4 5"); and the
//     last four digits after "ending in",
//     "ends in", "last four digits", 끝자리 or 뒷자리 ("ending in 0945");
//     with letters that look like digits (O or o for 0, l or I for 1): 9
//     to 11 digits and such letters, six of them digits, starting 01 to
//     06 ("010-3377-9O21", "O1O 5512 3391", "010-4l27-8856"). A Chinese mobile: 1[3-9]X XXXX XXXX with the same
//     separator (space, dot, dash, slash or underscore) twice or none
//     ("138 0013 8000", "13800138000"); a Chinese landline: 0 and
//     2–3 digits, then 7–8 digits ("010-12345678"). A North American
//     number with a parenthesised area code, or dashes or dots
//     ("(202) 555-0143", "202-555-0143").
//   - email ([EMAIL]): local@domain.tld, in any case, with a local part of
//     letters (any script), digits and . _ % + -, domain labels of letters
//     (any script: internationalised domains), digits and inner dashes,
//     and a top-level domain of 2 to 24 ASCII letters, of letters of
//     another script ("例え.jp", "пример.рф", "예시.한국") or punycode
//     ("xn--p1ai"); "@" may be written with a space either side or as
//     "at" or "@" in any brackets ((at), [@], {at}, <at>), "@" doubled
//     (taejun@@kakao.com), "#" or "$" before a domain ending in a known
//     top-level domain (bluecrane#gmail.com, redfox$gmail.com: not
//     C#.NET, US$500), and the dots as " . " or "dot" or "." in any brackets
//     ("eunju (at) example (dot) org", "seagull[@]hanmail[.]net"), one
//     grammar for every such mix; or spelt in words, a space either side, from a table
//     of languages (speltAddresses in net.go): English at and dot,
//     Spanish and Portuguese arroba and punto or ponto, French arobase
//     and point, Vietnamese a còng and chấm, Russian собака and точка,
//     Chinese 艾特 and 点 ("heron at example dot org", "lupita punto hdz
//     arroba hotmail punto com"); a language's "@" takes its own dots
//     and English "dot", and an "@" that is also an everyday word (at,
//     собака) needs at least one spoken dot ("we met at amnesty.org",
//     "at him point blank" stay); Chinese words written on, without
//     spaces, are not made; spelt out, the local part takes up
//     to four labels before it joined by spoken dots ("eb dot han at
//     proton dot me", "nhung chấm tran98 a còng gmail chấm com"). Without a top-level domain:
//     local@provider for a known mail provider ("ji.an.hb@proton",
//     "heron68@gmail") or after a mail word (mail, e-mail, wrote from,
//     address, 메일, 주소: "mail heron68@postbox"), and "local at
//     provider" for an unambiguous one ("jianhb at protonmail"; not "we
//     met at proton therapy"). Spelt out in Korean: "@" as 골뱅이 or 앳,
//     the dots as 점, 쩜, 닷 or ".", ".com" as 닷컴, apart or on ("jwseo81
//     골뱅이 naver 점 com", "heron 앳 daum 닷컴"), with an ASCII local
//     part and at least one dot; or a provider named alone, in Latin
//     letters or Hangul, with or without a spelt ".com" ("bada93 골뱅이
//     네이버"), also after a Hangul local part where the provider is no
//     everyday word (다음 is "next") or ".com" follows ("나래송 골뱅이
//     지메일 닷컴"; not "우리 골뱅이 다음에"). The lists are in loose.go.
//   - url ([URL]): "http://", "https://", "ftp://" or "www." and what
//     follows up to a space, quote, angle bracket or non-ASCII character;
//     or a domain whose top-level domain is a two-letter country code or
//     one of com, org, net, edu, gov, info, biz, name, blog, app, dev,
//     page, site, online, xyz, social, link, directly followed by a path
//     ("facebook.com/eunju.kim80"). Trailing sentence punctuation and
//     unbalanced closing brackets are left out.
//   - ip ([IP]): an IPv4 dotted quad, each part 0–255, not part of a longer
//     dotted number, with an optional /prefix; an IPv6 address in any form
//     net/netip accepts (compressed, with a dotted IPv4 tail), with at
//     least two colons and one hex digit, possibly after a label and a
//     colon ("ID:2001:db8::1").
//   - coordinates ([COORDINATES]): a decimal pair "39.0392, 125.7625"
//     (latitude at most 90, longitude at most 180, signed or not, each with
//     at least 3 decimals and a comma, semicolon or slash between them when
//     neither N/S/E/W nor ° is written); a decimal pair with hemisphere
//     letters or degree signs ("39.0392N 125.7625E", "39.0392° N,
//     125.7625° E", "N39.0392 E125.7625"); degrees and minutes (and
//     seconds) with a hemisphere letter, alone or in pairs
//     ("39°01'N 125°45'E", "39° 1′ 12″ N").
//   - national-id ([NATIONAL-ID]): a Korean resident (or foreigner)
//     registration number: YYMMDD with a month 01–12 and a day 01–31, a
//     dash, en dash, dot, slash, underscore, single space or nothing, and
//     7 more digits, or one
//     digit and six * or x when masked ("930517-1234567", "9305171234567",
//     "930517-1******"). The check digit is not verified: numbers issued
//     since October 2020 have none. The first half alone (a valid YYMMDD,
//     with or without its dash) after 주민번호, 주민등록번호, RRN, 앞자리
//     or 생년월일, and words such as 앞자리, "is", ":" ("주민번호 앞자리
//     790415", "RRN 790415-"): it is a date of birth. Other countries'
//     numbers with a valid check: a Chinese resident ID, 17 digits with
//     a birth date (yyyymmdd) inside and a check digit or X (GB 11643,
//     "11010519491231002X", "110105 19491231 002X"); a Spanish DNI or NIE with its control
//     letter, a dash or space allowed before it ("12345678Z",
//     "X-1234567-L"); a Russian SNILS ("112-233-445 95"); a Mexican CURP
//     ("GOMC850214MDFRRR07", its state among the 33 codes), without a
//     valid check digit only within 16 bytes after "CURP". One of these
//     shapes with a wrong check is none: its digits are an id-number.
//   - passport ([PASSPORT]): one or two capital letters then 7 or 8 digits
//     ("M12345678", "EA1234567"), or the Korean format of 2021, letter,
//     3 digits, letter, 4 digits ("M123A4567"); and, after "passport",
//     "passport number", "passport no.", "passport #", "여권", "여권번호",
//     "护照", "护照号码", паспорт in any of its cases (загранпаспорт too),
//     "pasaporte" or "hộ chiếu" (any case, optionally followed by
//     ":", "is", "was", серии, номер, №, número or số), a token of up to
//     two letters and 5–12 digits ("passport number 123456789"), a Russian
//     internal passport's series and number ("passport 45 08 123456",
//     "паспорта 4508 123456", "паспорт серии 45 06 № 123456") or a
//     foreign one's ("загранпаспорт 72 1234567"); after a series word
//     (серия, серии, series), a Russian series and a number of six
//     digits, maybe after номер or № ("паспорт серия 0809 номер 456789");
//     after паспорт or серії, a Ukrainian booklet's series of two
//     Cyrillic capitals and six digits ("паспорт серії МК № 123456").
//   - date (replaced by its year): a day, month and year: "2 February 1980",
//     "2nd of February, 1980", "the 2nd of February 1980", "Monday,
//     2 February 1980", "2-3 February 1980", "02-Feb-1980", "14-Feb-88",
//     "14th Feb '88", "the fourteenth of February 1988", "February 2,
//     1980", "Feb. 2nd 1980", "February the twenty-first, 1990" (English
//     month names and their abbreviations, days as digits or ordinal
//     words, any case; a two-digit year after an apostrophe, or after a
//     dash or slash in the numeric-month form); ISO "1980-02-02", also with / or . ("1980.2.2") and before a
//     time ("1980-02-02T10:00"); Korean "1980. 2. 2."; "02/02/1980",
//     "2.2.1980", "2-2-1980" (the same separator twice; day-month or
//     month-day, either valid); "2/2/80" (slashes only); three groups of
//     two digits with the year first, "68.03.02", "79/04/15" (with dots,
//     the Korean order, when valid; with slashes, only where the year
//     cannot be last; not after "version"), or last, "15.04.79"; the
//     textual forms with the day as an ordinal word also with the year
//     spelt out ("the second of March, nineteen sixty-eight", replaced by
//     "1968"); "1980년 2월 2일"
//     and "1980年2月2日" (also with a two-digit year); a Korean birth
//     month, "76년 5월생"; Russian "14 марта 1982 (года)", Polish and
//     Ukrainian "12 maja 1989 (r.)", "15 березня 1990 (року)", and Spanish
//     "14 de marzo (de|del) 1982" (Russian months in the genitive and in
//     lower case, as dates write them; Spanish ones in any case);
//     Vietnamese "(ngày) 9 tháng 3 năm 1994". The replacement is
//     the year as written ("1980", "80"), followed by 년 or 年 in the Korean
//     and Chinese forms ("1980년", "76년 5월생" becoming "76년생"). A dash may touch a date, as in a range
//     ("02/02/1980-03/03/1981" becomes "1980-1981").
//   - handle ([HANDLE]): "@name" (3–32 letters, digits, _ or .) not glued
//     to a word or an email address, nor followed by "(" (a formula,
//     "@SUM(7,7)"); a name with a discriminator ("heron#1968"); a WeChat
//     ID ("wxid_q8n2kd") or a Skype one ("live:crane71") anywhere;
//     and, after a messenger name (KakaoTalk, Kakao Talk, 카카오톡, 카톡,
//     WeChat, 위챗, 微信, Telegram, 텔레그램, WhatsApp, Signal, Line, QQ,
//     Skype, Viber, Instagram, Facebook, Messenger, Twitter, TikTok, 抖音,
//     Imo, Discord, Snapchat, Zalo, VK, ВКонтакте, and their Hangul and
//     Cyrillic spellings, a Cyrillic one in any case: в телеграме), within six
//     words, past filler words ("is", "was", "as", "my", "his", "called",
//     là, của em, es, mi, она была, 是, Korean particles...), an owner
//     ("của Thu", "de Rigo", "у Вадима"), colons, dashes and ID words ("ID", "handle",
//     "username", "account", "nickname", "nick", "usuario", "ник",
//     "아이디", "계정", "号"), the first
//     ASCII token, if an ID word came before it or it looks like a handle
//     (letters with a digit, "_" or "."): "KakaoTalk ID: eunju80", "on
//     KakaoTalk as bluecrane_77", "his WeChat was wxid_q8n2kd", "카톡
//     아이디는 pine0815예요", "Telegram: kim_80"; a word of another
//     script than Latin with digits, up to its last digit or ASCII letter
//     ("카톡은 하늘79예요", "카카오톡 ID는 바다사랑93", "微信: 美玲88"); not "my
//     WeChat was blocked", "Telegram: the app" or "카톡은 하루에 10번". Before a messenger name, a token
//     that looks like a handle, then "on", "in", "via", "at", "through",
//     "is", là, trên, en, в, на... ("kim.eunju80 on Facebook",
//     "thu.hoang02 là Zalo của Thu"). After a label without a messenger
//     ("username", "handle", "ID", "login", "nickname", "아이디",
//     "닉네임", "계정", "账号", "用户名", or 微信号 and QQ号 as messenger
//     names), the same way, a token that starts with a letter and looks
//     like a handle: "her username was heronwing81", "ID: heron81"; not
//     "the handle of the door" or "ID 11010519491231002X".
//   - plate ([PLATE]): a Korean number plate, an optional region, 2–3
//     digits, a plate letter (가, 나, 다, ...) and 4 digits, spaced or not
//     ("34나 7781", "서울 12가 3456"), not followed by a counter (12가지 is
//     not one); a Chinese plate, a province character, a letter, an
//     optional separator (·, •, space, dash) and 5–6 letters and digits
//     with at least one digit ("吉A·5M219"); a Korean plate with the
//     letter in Latin spelling, written onto the digits on at least one
//     side ("Seoul 12ga 3456", "12ga3456"; not the bare vowels a, o, u,
//     eo), or joined by hyphens ("12-GA-3456"); a North Korean plate, a
//     city or a province (평북, 함남, also in the northern spelling: 량강,
//     ...) and NN-NNNN or N-NN-NNNN ("평양 15-2041", "Pyongyang 15-2041",
//     "평양 2-19-4471", "량강 07-3321"); a Russian plate, in Latin or
//     Cyrillic letters, a letter, 3 digits, 2 letters and a region of 2–3
//     digits, maybe with RUS ("A 123 BC 125 RUS", "А123ВС77", in lower
//     case solid: "а123вс25"); a British plate, 2 capitals, 2 digits and 3
//     capitals ("AB12 CDE"); a Spanish plate, 4 digits and 3
//     capitals, within 40 bytes after a plate word (plate, licence, car,
//     matrícula, 번호판: "plate 1234-ABC"; "2019 BBC" is a year); a
//     Vietnamese plate with its dot, 2 digits, a letter and maybe a
//     letter or digit, 3 digits, a dot and 2 digits ("51F-123.45"), or
//     without it, 4 or 5 digits, after biển (biển số, biển kiểm soát:
//     "biển 37A 12345"). Read out in words: within 24 bytes after a
//     plate word (plate, licence, registration, 번호판, 차량번호, placa,
//     matrícula, biển số, xe biển, номер машины, госномер, 车牌, Kennzeichen,
//     Nummernschild, targa, plaque, immatriculation, chapa), up to eight
//     tokens of digit words, digits, letters (a letter's Spanish or
//     Russian name, one Latin or Cyrillic letter, a romanised Korean plate
//     letter) with 3 digits or more, some in words, and a letter ("plate
//     thirty-four na seven seven eight one", "placas eme equis a doce
//     treinta y cuatro", "номер машины о семьсот семьдесят семь хэ эм");
//     a Korean plate's numbers in place values or digit syllables, a
//     copula after it ("차 번호는 십이가 삼천사백오십육이었어요"), a Vietnamese
//     province code in tens ("biển số ba mươi A một hai ba bốn năm");
//     and there too two or three capitals and digits, their letters with
//     them ("placas TLX-12-34", "ABC-123-D"; not "UN 2019");
//     anywhere, a Korean plate in Hangul digit syllables, 2 or 3, a plate
//     letter and 4 ("삼사나 칠칠팔일", a particle after it allowed; not a
//     count, nor 사이사이). A Turkish plate after a plate word (plate,
//     plaka: "34 ABC 123"); a Ukrainian one, two letters, four digits and
//     two letters of either script ("АХ 1234 ВС"), in a text with a plate
//     word or a Cyrillic plate letter; a Thai one, a digit, two Thai
//     consonants and up to four digits ("1กข 1234"), without its digit
//     only after ทะเบียน.
//   - address ([ADDRESS]): a street address. English and romanised Korean:
//     a building number (not a year), up to four capitalised words and a
//     street type (Street, St, Road, Avenue, Lane, ...) or a Korean road
//     word (Dobong-ro, Sejong-daero, Insadong-gil), then a sub-road
//     ("38-gil"), administrative units (Dobong-gu, Mapo-gu) and a flat
//     ("Apt 301"): "12 Dobong-ro 38-gil, Dobong-gu", "221B Baker
//     Street"; or the Korean order, units, road, building number
//     ("Dobong-gu, Dobong-ro 38-gil 12"). Hangul: units (…시, …구, …동),
//     a road word (…로, …길), a sub-road and a building number, and a
//     flat ("서울시 도봉구 도봉로 38길 12", "해운대로 570번길 12 101동
//     1203호"), the number maybe with 호 as Yanbian writes it ("연길시
//     하남가 공원로 19호"); or a lot number after a 동 or 리 ("상동리 123-45",
//     "도봉동 12번지", "상계동 1023-4번지"); a flat, with its complex and
//     block ("상계주공아파트 7단지 712동 1502호", "712동 1502호"); a
//     North Korean neighbourhood unit ("3인민반", "neighbourhood unit 3");
//     a romanised lot ("Sanggye-dong 1023-4"); a street type before the
//     name, with a building number before it and a postcode after it
//     ("14 rue de Rivoli, 75001", "3 avenida da Liberdade"); a PO box
//     ("PO Box 4410", "사서함 12"); a postcode after its name ("우편번호
//     01690", "postcode 75001") and a British one anywhere ("NW1 6XE");
//     a flat ("Flat 3B", "Apt 4C"); a German street, name and type as
//     one word, its number, postcode and city ("Hauptstrasse 12, 10115
//     Berlin"). Up to three parts written next to an address, before or
//     after it, are taken into it: a building, block, unit, floor, room
//     or flat with its number ("Apt 502, Building 7, 145 Jungang-ro",
//     "Jungang-ro 145, bldg 7"), a quadrant ("… Avenue NW"). A number
//     followed by a counter (서울로 12명) is not an address. Chinese: a
//     building number with 号 after a road word (路, 街, 道, 巷, 弄, 里),
//     with the divisions written on before it (up to 24 characters, not
//     past 在, 住 and such) and a building, unit or room after it
//     ("吉林省延吉市光明路123号", "世纪大道88号5栋2单元301室"), the number
//     also in Chinese numerals after 路, 街, 道, 巷 or 弄 ("光明路八十八号";
//     里 is also "in": "家里十八号" stays); a floor, in numerals or digits,
//     with its room of three or four digits ("三楼302"; "三楼" alone stays);
//     the parts may stand apart, by spaces (also U+3000 and NBSP),
//     commas or 、 ("延吉市 河南街 63号"), 號 is 号, a building 号楼, 栋 or 幢
//     is taken with the unit or room after it ("月宫街道5栋2单元301室";
//     "村里有3栋房子" stays), a village or a township's group or team by
//     its number ("和龙市南坪镇3组", "第三生产队", "二村民小组", "5社"), and a
//     Japanese 丁目 with its 番地 ("西新宿2丁目8番地"). A district that
//     begins with a stop (和平区, 和龙市, 于洪区) is taken whole; a village by
//     its name alone (仁化村) stays unless registered (HanVillages). Russian: a
//     street word (ул., улица, пр., проспект, пер., ...), the street, the
//     house (д. 5, or the number alone, with its flat after a dash:
//     "ул. Карла Маркса 88-41") and optionally a block and flat (кв.
//     12), with a city before it ("г. Владивосток, ул. Ленина, д. 5, кв.
//     12"). Romanised
//     Chinese: one or two capitalised words, a street type (Road,
//     Street, Lu, Jie, Dajie, Avenue, Lane) and the number after it
//     ("Gongyuan Road 19", "Zhongshan Lu No. 12"), the type also in
//     lower case and with a flat after (Russian in Latin letters:
//     "Lenina street 14, flat 3", "Karl Marx st. 88, apt 41"; not
//     before a measure: "Hyesan road
//     12 km"). A Russian street romanised without its type: an adjective
//     (…skaya, …skoy, …skiy, …ovaya, …evaya, …naya) and the house, with
//     or without the flat ("Svetlanskaya 45-12"), or a genitive (…ina,
//     …ova, …eva, …ogo) with house and flat ("Lenina 14-3"; not a span of
//     years, "Ivanova 1941-1945", nor a measure). Spanish, Portuguese and Italian: the street type, the
//     name, the number, then a floor and door ("Calle de Alcalá 45, 3º
//     B", "Avenida da Liberdade 12", "C/ Mayor 3, 1º izda.", "calle
//     Toledo número 12, segundo derecha": C/ for calle, número, a floor
//     in words); a postcode after código postal, its Mexican C.P.,
//     почтовый индекс or индекс ("código postal 28018", "C.P. 06700").
//     Vietnamese: a number (after số),
//     lanes with theirs and the street or a last lane ("số 12 ngõ 45
//     phố Huế", "25 đường Lê Lợi", "số nhà 45, ngách 12, ngõ 8"), or a
//     number and a street's name before its district ("123 Lê Lợi, Quận
//     1", "45 Nguyễn Trãi, Phường 2, Quận 5"); a hamlet or commune by its
//     name or number after thôn, xóm, xã, ấp or bản, one to three
//     capitalised syllables ("thôn Đông", "xã Hưng Lộc", "Xóm 3"), as the
//     Korean 동 and 리 are hidden; the district (huyện) and province stay,
//     and a lower-case word after the unit is a word ("Xóm làng", "xã
//     hội"). A romanised Korean road word in lower case after a
//     capitalised word of its name ("Centum jungang-ro 79"). A Korean
//     flat number of three to five digits alone ("1407호"; not 제1407호,
//     1호선). English parts of a building written without a street: two
//     or more in a row, each a building, block, tower, entrance, floor,
//     room, unit, flat or such with its number or capital letter, or a
//     floor by its ordinal ("Room 1107, Tower B", "Building 3, Entrance
//     2, Floor 7", "7th floor, room 712"), or one unit with a building
//     and flat number ("Unit 5-201"); one alone stays ("Room 1203",
//     "unit 731", "Tower B"). A refugee camp's parts are such parts too
//     (camp, shelter, tent, caravan, sector, zone, street and their
//     Bengali, Arabic, French and Spanish words; a block of a letter and
//     a number: "Camp 8W, Block B-12, shelter 345"), and a camp's name
//     and number before a block, shelter, tent, caravan, sector, zone or
//     street make one part ("Kakuma 3, block 7"); a camp alone ("Camp
//     8W") stays, as a city does. Cities and districts alone stay.
//   - digit words ([PHONE] or [ID]): seven digits or more read out in
//     words, English ("zero one zero, five five one two, three three nine
//     one", "oh-one-oh ...", "double five", "triple seven"), Sino-Korean
//     ("공일공 오오일이 삼삼구일", "영일영-오오일이-삼삼구일"), Chinese
//     ("一三八〇〇一三八〇〇〇", with the radio readings 幺 for 1 and 洞
//     for 0), Vietnamese ("không chín một hai ..."), Russian ("ноль
//     девять один ..."), Spanish ("cinco cinco uno dos ..."), Portuguese
//     or French (without un and um, the articles), at least four of them in words, the rest
//     in groups of up to four digits ("010 five five one two 3391");
//     fewer in words where a digit word is written onto digits, which
//     only hides a number ("010-88three4-2210"), or where the words are
//     the 010 of a Korean mobile number of ten or eleven digits
//     ("zero-one-zero, 8834, 2210"); groups read in thousands and
//     hundreds, as Koreans and Chinese say a phone number's groups
//     ("영일공 사천백이십칠 팔천팔백오십육", "零一零 三千三百零七 ..."),
//     only in a number of a phone's shape (ten or eleven digits from 0),
//     since counts are read so ("이천 삼백 명" stays);
//     tokens apart, or joined by a dash, comma, slash or dot (not a full
//     stop before a space), Hangul and
//     Chinese digits also written on. A phone number when it starts with
//     a zero and has 9 to 12 digits, an id-number otherwise. A Hangul or
//     Chinese group on a word starts no run (이것, 사람 are words), and a
//     run of such groups needs one of three digits or more or one with a
//     zero, since short ones are everyday words (오이 구이 사이,
//     "cucumber, grilled, between", stays; "공 일 공 오 오 일 이 삼 삼
//     구 일" is a number); a count
//     ("one two three four five six seven") is no number. Numbers of tens
//     and hundreds, English, Russian, Spanish and Portuguese ("ten
//     fifty-five twenty-one ninety seventy-three", "nine hundred and
//     four", "восемь девятьсот четырнадцать пятьсот пятьдесят пять
//     двенадцать тридцать четыре", "cincuenta y cinco, doce, treinta y
//     cuatro", "cinquenta e cinco", and French with its seventies,
//     eighties and nineties, "soixante-dix-huit", "quatre-vingts",
//     "quatre-vingt-dix-neuf", "vingt et un"; un alone is the article),
//     as people read a phone number in pairs or in threes, are how any
//     count is said too: a run with them is a phone number only within 24
//     bytes after a phone cue (phone, number, tel, mobile, cell, call,
//     телефон, номер, teléfono, celular, número, numéro, téléphone,
//     portable, số, điện thoại, 전화, 번호, 电话, ...), spelling 9 to
//     15 digits; elsewhere only a registered number is found in them
//     (Numbers).
//   - id-number ([ID]): a MAC address ("00:1A:2B:3C:4D:5E", with at
//     least two digits); a crypto-currency wallet: Bitcoin in bech32
//     ("bc1q...") or base58 (1 or 3, then 25 to 34 characters mixing
//     capitals and small letters), Ethereum ("0x" and 40 hex digits); an
//     IBAN with a valid check (ISO 13616 mod 97), written on or in groups
//     of four ("DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819");
//     a UNHCR case or individual number ("123-12C01234", "KOR-12C01234",
//     "KOR-12-345678"); within 24 bytes after an account or card word
//     (계좌, 은행, account, bank, card, cuenta, tarjeta, счёт, карт, tài
//     khoản, thẻ, 账号, 卡号, ...), digit runs joined by single dashes or
//     spaces, 8 to 19 digits, in three runs or more or of ten digits or
//     more, not all years nor an amount ("국민은행 123456 01 123456"); a
//     card number with a valid Luhn check in groups of four (Amex 4-6-5)
//     joined by one kind of dot, slash or underscore ("4111.1111.1111.1111");
//     any
//     other group of 7 or more digits, where a group
//     is digit runs joined by a single dash (- ‐ ‑ ‒ – −), or by a single
//     space when both runs have 3 or more digits ("4821-7730",
//     "4111 1111 1111 1111", "110-123-456789"); letters may touch it
//     ("AB1234567X" keeps its letters). Not an id-number: a group of
//     four-digit years (1900–2099) joined by dashes ("1997-2000"); a year
//     at either end of a space-joined group is cut off ("in 1997 2000
//     people" stays); a group after a currency sign or code ($ € £ ¥ ₩ 元
//     USD KRW CNY RMB EUR JPY GBP won yuan) or before a currency word (won,
//     yuan, dollar(s), euro(s), yen, pound(s), 원, 위안, 달러, 元, 块, 엔, 만원,
//     억, or a code), with at most one space between ("5000000 won",
//     "3000000원", "US$ 2500000"); a single run after or before a decimal
//     point ("3.14159265", "1234567.89") or before a comma and three digits;
//     digit runs next to a decimal point are never joined to others.
//   - references ([ID]): a UK National Insurance number ("QQ123456C",
//     "QQ 12 34 56 C"; without its suffix letter only after NI, NINO or
//     National Insurance), a case or referral number after its label
//     ("NRM referral 2023/0456/MS", "expediente COMAR 12345/2023",
//     "дело № 12-345", "사건번호 2019고단1234", "案号 (2019)吉01刑初12号"),
//     and a Chinese court case number anywhere; see findReferences. The
//     labels include identity documents' (FCN, NRC, tazkira, PhilSys,
//     NIF, CIN, РНОКПП, ІПН), and a Myanmar National Registration Card
//     number is one anywhere by its shape ("12/DaGaNa(N)123456").
//
// When candidates overlap, the one starting first wins, then the longest,
// then the kind listed first above, id-number last (so "930517-1234567" is
// a national-id, not an id-number, and "1980-02-02" a date); a loser that
// reaches past the winner extends the winner, so no part of it is shown.
//
// # What stays
//
// Bare years and decades ("in 1997", "1980s", "1997-2000", "1950-53"), a
// month and year or a day and month alone ("in March 1997", "on
// 2 February", "1980년 2월"), ages ("When we were 16, 17"), sums of money
// ("$1,000 and $5,000", "5,000 won", "US$300", "3 million won",
// "1,500 yuan", "₩3,000,000"), counts and ordinary numbers with fewer than
// 7 digits or with thousands separators ("tens of thousands", "12,000
// people", "kiosk 4", "Room 1203", "bus 7016"), organisation numbers ("the
// 109 group"), times ("at 10:30", "10:30:45"), percentages, names of
// rulers and places, bare domain names without a path ("amnesty.org"), and
// degrees without minutes ("the 38°N parallel").
//
// Deliberately redacted although they may identify nobody: 7+ digit
// numbers grouped by spaces ("100 000 000 people"), compact dates
// ("20201104", as an id-number), case numbers ("NK-2020-031" becomes
// "NK-[ID]", and "[ID]" after a case cue), pairs of numbers with three decimals ("1.234, 5.678", as
// coordinates), ISO dates joined by a dash ("1980-02-02–1981-03-03" is one
// id-number), and the token after "passport" or a messenger's "ID" even
// when it is a word ("my WeChat ID was lost" hides "lost").
//
// # Phrases and Apply
//
// Phrases finds the phrases an officer marked for removal (case- and
// width-insensitively, see Phrases); OfficerPhrases adds the other forms
// a testimony writes them in ("Number 2" for "No. 2", the distinctive
// proper noun alone). A ResidenceSet finds registered residences quoted
// in other notations (numbers in words or numerals, unit words in other
// forms, a part of the value that identifies; its street with one of its
// numbers in any order and romanisation, its postcode in any spelling).
// Apply merges any number of span sets
// (from Recognise, Phrases, the names package) and replaces them; Resolve
// returns the merged spans. Both accept any spans without panicking:
// offsets are clamped to the text and widened to whole UTF-8 sequences.
//
// # Cost
//
// Go's regexp package is linear but costs tens of nanoseconds per byte and
// pattern, so the patterns run only in windows opened by cheap scans for
// their triggers (digit runs and their shape, month names, "@", "://",
// messenger names, ...); URLs, IPv6 addresses, id-numbers and phrases are
// matched by hand; a pattern runs on at most 512 bytes at a time, so that
// Go's regexp keeps to its backtracker. Every step is linear in the length
// of the text, in time and memory: about 150 µs for a 4 KiB narrative,
// and at worst about 1 s per MiB of adversarial text
// (BenchmarkAdversarial). Callers with long texts redact them in segments
// (package vault/view does, 256 KiB at a time).
package redact
