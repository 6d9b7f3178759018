// Package names finds every mention of a registered person in free text, so
// that a researcher view can replace each one with the person's pseudonym.
//
// A [Matcher] is built once from the persons a testimony names ([Person]:
// an ID, a full name and aliases) and then reports, for any text, the byte
// spans that mention one of them ([Match]). Precision matters as much as
// recall: a span that is not the person (the Kim dynasty, Kim Jong Un) would
// falsify the testimony when it is replaced.
//
// # Matching rules
//
// Names, aliases and texts are made of words: runs of letters, digits and
// combining marks. Lengths below count letters, a Hangul syllable, Han
// character or kana counting as two.
//
// A full name is split into tokens at white space. The first token is the
// family name and the rest the given name (East Asian order, as in the
// import format: "Kim Eunju" is family Kim, given Eunju), with two
// exceptions: a Western name with a particle inside ("Maria de la Cruz",
// "Ana da Silva"; particles are listed in the code) has the particle and
// what follows as its family name, but not after a Vietnamese family name
// (Nguyễn Văn Hùng: Văn is a middle name); and a Korean name written as one word
// of two to four Hangul syllables (박민서) has its first syllable as the
// family name, or its first two when they are a compound family name
// (남궁민수, 남궁현). Any other name of one token is matched as that token only.
// Each person has these variants:
//
//   - the full name in either order ("Kim Eunju", "Eunju Kim"); only as
//     written for a Korean name of one word (민서박 is nobody); a given
//     name of several tokens also by its last token of three letters or
//     more, with the family name in either order ("Mai Tran" and "Tran
//     Mai" for Tran Thi Mai);
//   - for a family name of Slavic form, the other gender's form too:
//     "Volkova" for Dmitri Volkov, "Ivanov" for Anna Ivanova (-ov/-ova,
//     -ev/-eva, -sky/-skaya, -ski/-ska, and in Cyrillic: Соколова for
//     an alias Николай Соколов), of five letters or more, and the older
//     Latin spellings of -ov and -ev (Volkoff, Sokolof); a name
//     registered in Western order with its patronymic (Nikolai Petrovich
//     Sokolov) also by its last token alone when it has that form
//     (Sokolov, Sokolova);
//   - every alias, as registered (one that is an English noun, "Heron",
//     "Magpie", only capitalised or after a word that gives a name,
//     "called heron": "the heron" and "a construction crane" are the
//     noun); an alias of
//     several tokens (or a Korean
//     one of three or four syllables) also in the other order and with its
//     given name alone ("Han Seo-yun": "Seo-yun Han", "Seo-yun"), and an
//     alias of one token with the family name before or after it ("Choi
//     Su-bin", "Su-bin Choi");
//   - the given name alone ("Eunju", "민서"), if it is at least three
//     letters long: shorter given names are everyday words too ("In", "An",
//     "Ho"), so register such a given name as an alias to have it matched
//     alone;
//   - a Hangul given name of one to three syllables alone in its usual
//     Latin spellings (Revised Romanisation, McCune–Reischauer without its
//     marks, common variants; at most 12, in romanise.go, always the
//     spelling of each system: Song-chol, Sungchul, and Mee-rae with ee
//     for ㅣ), hyphenated or spaced anywhere between syllables (Mee-rae,
//     Sung Chul, Sŏng-ch'ŏl), capitalised:
//     "Minseo", "Minso" and "Minsu" (and "Minsuh") for 민서, "Jihun", "Chihun" and
//     "Jihoon" for 지훈, "Sunghee" and "Hyun" for 성희 and 현, "Young" beside
//     "Yeong" and "Yong" for 영; with the family name in any of its
//     spellings (Rim, Lim, Im and Yim for 림: Lim Young-nam). A spelling that someone registered for another
//     person wins over one guessed this way. A family name the North
//     writes with ㄹ or ㄴ is also in the South's spelling by the
//     initial-sound rule (이명호 for 리명호, 임, 유, 나, 노), and a given
//     name of two syllables with -이 as pronounced (서여니 for 서연이)
//     is the person where evident.
//   - a Korean name registered only in Latin letters, with a family name
//     known in titles.go and a given name written by syllables
//     ("Jeon Dae-hyun") or as one word that splits into two or three
//     syllables of the tables ("Park Minseo": min, seo; then only the
//     likeliest spelling, 박민서), also in its likely Hangul spellings (at most 8,
//     from the same tables read backwards, simple final consonants
//     only): 전대현, and 대현 alone with the rules of a Hangul name
//     (대현이가), and its family name 전 for the title rule (전 선생).
//     These rank as guessed spellings.
//   - a Chinese name registered in Han characters (王建国, 马丽), also
//     in its Sino-Korean readings (at most 4, from Unihan's kHangul; a
//     simplified character read as its traditional form, 胜 as 勝; both
//     forms of the initial-sound rule: 류춘화, 유춘화 for 柳春花), with
//     the rules of a Korean name written in Hangul (왕건국 사장이, 건국
//     씨, 덕승이가), as guessed spellings (hanja.go); a reading of two
//     syllables (건국, 마려) only as an everyday Hangul name is (마려
//     아줌마; 건국 이래 stays); and in Latin letters, capitalised, in
//     pinyin, Wade–Giles and the Hong Kong spelling of its Cantonese
//     reading, from Unihan's kMandarin and kCantonese (hanzi.go): Zhao
//     Desheng, Chao Te-sheng, Chiu Tak-sing for 赵德胜, Lau Chun-fa for
//     刘春花, in either order and a given name of two syllables alone
//     (Ming alone is a dynasty too), its syllables joined, hyphenated or
//     apart;
//   - a Russian name registered in Cyrillic (Андрей Николаевич Волков,
//     in either order), also in Hangul by the National Institute of
//     Korean Language's rules for Russian (cyrillic.go): the full name,
//     given name and patronymic, given and family name, and each part
//     alone, with the rules of a Hangul name (안드레이 니콜라예비치가,
//     볼코프 사장, 쿠즈네초프였어요; a part of two syllables, 유리, 올가,
//     only as an everyday Hangul name is: 올가을 stays); these rank as
//     guessed spellings.
//
// A family name of the mentioned person, in any spelling (박: Park, Pak,
// Bak; 张 or Zhang: Cheung, from a small table of the commonest Chinese
// family names' Cantonese spellings), written next to a mention, before or after it, apart or after a
// hyphen and capitalised, is taken into it: "Pak Minseo" and "Minseo
// Park" for 박민서. For an ambiguous mention, any registered family name
// is.
//
// The family name alone is no variant: "Kim" may be anyone. With a title
// or kinship word, initials, or alone where it can only be a person's, it
// is a mention (see Titles below).
//
// A variant matches a run of whole words of the text that spell it after
// normalisation. Case is ignored, and Han characters are read in one
// form of their variants (traditional, simplified and Japanese forms:
// 黃志強 is 黄志强; hanFoldTable). Hyphens, spaces and apostrophes between
// its registered words may be present or absent ("Eun-ju", "Eun ju" and
// "Eunju" for "Eun-ju"; "KimEunju" for "Kim Eunju"). The text may also
// split a registered word where the registration does not ("Joon sik" for
// "Joonsik"), but only into pieces of at least two letters that stay inside
// that word ("Ina" is not found in "in a"), and the family name must stay a
// word of its own unless the whole name is one word ("Kim Eunju" is not
// found in "Kimeun ju" or "Kime unju").
//
// A variant with a token shorter than three letters ("Park In", "Oh Suvin")
// is only found where no word of the mention begins with a lower-case
// letter, but for words after a hyphen or apostrophe and particles after
// the first word: "Park In", "PARK IN", "Kim Jong-un" and "Maria de la
// Cruz", but not "the park in town".
//
// A Hangul variant that is also an everyday word (하나 "one", 보라
// "purple", 바다 "sea"; the list is in hangul.go) is only found followed
// by a title or kinship word, written on or apart, a romanised title or
// a Latin word for a role apart (장미 broker), or a vocative: 하나야
// and 하나 씨 are the person, 하나도 ("not one") and 사과 하나 ("an
// apple") are not. One ending in a consonant is also the person with the
// hypocoristic -이 and a particle: 하늘이가, 하늘이는 are 선우 하늘, since
// the sky takes the particle alone (하늘이 맑다, 하늘을 봤다: the sky).
// So is any with a particle that follows people (한테, 한테서, 께, 께서,
// 더러, -네 "'s household": 보라한테서, 보라네 집), with 랑, 이랑 or 하고
// ("with", "and": 보라랑) unless it is a noun that takes 하다 or the
// numeral 하나 (사랑하고, 하나랑: the word), with the past copula
// (보라였다니까, 지혜였어요), with 의 before a word for a relative or
// companion written apart (보라의 동생, 보라의 남편), and alone in a text
// or at its start before a comma, as a tag or relation that names
// someone is written (a tag "지혜", a relation "지혜, 조카"). Subject,
// topic and other particles (보라가, 지혜는, 보라처럼, 보라조차) leave it
// the word: 보라가 is as often "the purple" as Bora, unless the record
// is known to name the person (person evidence, FindEvident: the
// record's own persons, or a mention found by the rules above in any of
// its fields, such as the full name or 보라한테): there any suffix of the
// grammar makes a given name ending in a vowel the person (지혜가,
// 은혜를), and one ending in a consonant with -이 and a particle
// (수정이랑) or with -이 alone at the end of a clause or before a title
// or a word for a relative (a tag "수정이", a relation "조카 이슬이",
// 수정이 언니; 수정이 필요했다 is the subject particle), while 보라색, 지혜롭게 and the bare word (저 하늘을 보라)
// stay. Not an alias (미래가 없었다, "there was no future", with 미래야
// in the record), unless it repeats the registered given name (미래 for
// 송미래: it has the given name's rules), not a name ending in a consonant with a particle alone
// (하늘이 맑다, 하늘이나 바다나: the sky), and not the numeral 하나
// (하나도).
//
// The words of a mention are separated by white space (with at most one
// line break: a blank line ends a mention), by at most one hyphen or by
// one apostrophe. Any other character ends a mention. Default-ignorable
// characters between letters (a soft hyphen, U+200B..U+200D, U+2060,
// variation selectors such as U+FE0F) are inside a word and folded away
// before matching: "E\u00adunju" is Eunju and "서지원\uFE0F이가" is
// 서지원 with a particle, the offsets spanning them.
//
// A name spaced out letter by letter or split by markup is found too: a
// run of three or more single letters (with no letter touching them)
// joined by one space, full stop, hyphen, middle dot, slash or line
// break is read as one word, two spaces or more between two runs as one
// ("K i m  E u n j u", "E.u.n.j.u", "김·은·주"), and markup tags (<b>,
// </i>, <br/>), character references (&shy;, &nbsp;, &#8203;) and the
// characters * _ ~ are read as nothing ("<b>Kim</b> Eunju",
// "Eun<br>ju", "**Kim** Eunju", "Eun&shy;ju"); the mention spans them. A registered
// family name spelt out this way is a mention (Ambiguous) even alone,
// unless it names a public figure (P.a.r.k; not K i m). Two letters
// apart are initials (D. H. Jeon), not a word.
//
// A mention never starts or ends inside a word: "Kimberly", "Eunjuan" and
// "Suvinia" mention nobody, nor does "Hana" in "O'Hana". Three exceptions
// keep common forms found:
//
//   - a possessive: in "Suvin's" or "Suvin’s" the mention is "Suvin";
//   - a hyphenated suffix: in "Eunju-ssi" the mention is "Eunju", because a
//     hyphen also separates words;
//   - Korean particles, honorifics and the copula written onto a name: in
//     "은주씨가" and "민서였어요" the mention is "은주" and "민서". The rest
//     of the word must be an optional title or kinship word (씨, 님,
//     동무, 엄마...), then particles (가, 는, 에게는...) or a form of the
//     copula (다, 인데, 였는데, 이고, 라서, 니까, 잖아...), or a chain of
//     up to three ending chunks after the copula (거든, 더라, 라니, 었...:
//     민수였거든요), from the grammar in hangul.go, so 은주머니 (a silver
//     pouch) mentions nobody. Where the copula contracts
//     onto the name's last syllable (민선데 for 민서인데, 민섭니다), the
//     mention is the name with that syllable, 민선.
//
// # Titles
//
// A registered family name after a title, a kinship word or a word of
// rank or profession ("Auntie Park", "Comrade Jang", "Grandpa Ri", "Mr.
// Kim", "Mrs da Silva", "Director Jeon", "Dr. Jeon") or before a
// Korean one, apart, after a hyphen or written on ("Park ajumma",
// "Kim-ssi", "박 아주머니", "박씨가"), is a mention of the title and the
// family name together. It is reported Ambiguous, since it may be anyone
// of that family, the person's aunt as well as the person. Family names
// are compared as registered and in their usual romanisations (박, and
// a Korean family name registered in Latin letters: Park, Pak, Bak; Lee,
// Yi, Rhee, Ri; Choi, Choe; Jung, Jeong, Chung). A Latin family name must be
// capitalised, and not followed by another capitalised word ("Comrade Kim
// Jong Un" is not a mention). A title of office (Chairman, General,
// President, Secretary, Commander, Minister...; the list is in fuzzy.go)
// before a family name is a mention only in a record where one of its
// persons has that family name (FindEvident: "Chairman Kang" in a
// testimony naming Kang Chol-ho), since elsewhere it names an official or
// a public figure ("Chairman Kim" stays where nobody of the record is a
// Kim). So is a word for a role (broker, guide, smuggler, driver...;
// roleWords in titles.go) that is no title of its own: "Broker Lee" in a
// testimony naming 이장미. 이 before a title apart is "this" (이
// 아저씨, "this man") but before a Korean rank or office (반장, 보위원,
// 안전원, 지도원, 부장, 소장..., and the military and police ranks
// 상위, 중위, 소좌, 상사, 경위...: 이 반장이, 강 보위원, 오 상위가, also
// romanised: Kang bowiwon). A Hangul family name with 가 ("the Kang") is
// a mention before a subject, topic or personal particle (강가가,
// 강가는, 강가한테), before a word for a fellow (강가 놈) or after a rank
// (안전원 강가); 강가에 and 강가 마을 are the riverside. The lists are in
// titles.go. A Western family name with particles is also found without
// them after a title (Ms Santos for Maria dos Santos), and so is any part
// of three letters or more of a registered full name of several tokens,
// whichever order it was registered in (Ms. Fernández, Sr. García for
// María Fernández García; Senhora Silva for Ana da Silva Santos). A title or a
// Vietnamese kinship word before the last part of a given name of
// several tokens, or before a given name shorter than three letters, is
// a mention too (Auntie Mai, Chị Mai for Tran Thi Mai). Double Korean
// family names are known in their usual spellings (Namgung, Jegal,
// Seonu, Sunwoo, Dokgo, Tokko, Hwangbo).
//
// A registered family name is, the same way, a mention (Ambiguous) with
// one to three initials before it ("D. Yoon", "D.Yoon", "D.H. Jeon", "M.
// dos Santos") or after it ("Yoon D.", "Jeon D.H."), unless they spell
// an abbreviation (U.S., D.C.); written with its particles ("dos Santos",
// "Van der Berg"), the particles abbreviated ("v.d. Broek", "vdBroek") or
// written together in any case ("vandenbroek"); possessive before a word
// for a relative, a home or a workplace ("Yoon's daughter", "Santos'
// office"), and, unless it is an English word too (Song, Moon, Park: the
// list is in titles.go), in the plural after "the" ("the Hwangbos"; so
// is either token of a full name of two, whichever is the family name:
// "the O'Neills" for Catherine O'Neill),
// between "the" and "family" ("the Yoon family"; not "the Kang family
// restaurant") or alone in capitals ("SANTOS") when it does not follow
// another capitalised word. Alone and capitalised ("Jeon said") it is a
// mention too, of three letters or more, unless it is an English word,
// names a public figure or a dynasty (Kim, Lee, Han), is a Western name
// without its particles (Santos for dos Santos: Santos is also a port),
// follows a capitalised word (but a word that starts a sentence: "Then
// Jeon said") or a determiner, or comes before a word
// that makes it a thing ("the Jeon dynasty"). So "a song", "the moon",
// "Moon said", "the Park family", "the Kim dynasty" and "the Han River"
// are not persons.
//
// # Forms that need the record
//
// Some forms of a name are the person only in a record known to name
// them (FindEvident's evident; Find knows none):
//
//   - a usual nickname of a Western given name among the name's tokens,
//     capitalised: Kate, Katie, Kathy for Katherine; Liz, Beth for
//     Elizabeth; Natasha for Natalia (the table is in fuzzy.go; short
//     forms that are English words, Will, Bill, Pat, Sue, Frank, are not
//     in it); and nicknames made by rule: a Spanish diminutive of a
//     token of three letters or more of the name or an alias, or of its
//     nickname (-a to -ita or -is, -o to -ito, -ín or -illo, -e to -ito,
//     -ita, -illo or -is, a consonant with -ito or -ita, -n, -r
//     or -l also with -cito or -cita: Rosita, Pedrito, Pepito, Lanita,
//     Carmencita, Paquito, Guadalupita; Lupita, Lupis for an alias Lupe), Spanish compound short forms (José Manuel:
//     Josema; Juan José: Juanjo; María José: Majo, Mariajo; María Teresa: Maite;
//     María Fernanda: Mafer, Marifer; Juan Pablo: Juanpa: a table of the
//     common ones in fuzzy.go),
//     none of them before a capitalised word of four letters or more
//     that is no registered name, patronymic or slip of the person's
//     (Katy Perry, Paco de Lucía, the Tung Chung line: another person;
//     Fran Morales, Katie Whitfeld: the person), and for a
//     Chinese name 阿 or 小 with a character of the given name, or 老 or
//     小 with the family name (阿玲, 小玲 for 张美玲; 老王, 小王 for 王建华),
//     and so for a Vietnamese name with the Han reading of its syllables
//     from a small table (阿红, 小红 for Trần Thị Hồng Nhung, 老陈; not 小心:
//     hanviet.go),
//     the family or full name before a title or kinship word (马阿姨,
//     赵警官, 刘老板, 金姐, 马丽阿姨: hanTitles), a character of the given
//     name before a kinship word or -子 (丽姐, 胜哥, 强子) and a given
//     name of one character twice (丽丽), inside a run of Han characters
//     after a word end and before no character that makes a word of it
//     (小王子, 老师, 叫花子, 姐妹 stay; han.go);
//   - for a name of Russian shape (two or three tokens, one a
//     patronymic, or the last a Slavic family name: Nadezhda Petrovna
//     Belova, Надежда Белова; or family name, given name and
//     patronymic: Кузнецов Сергей Иванович), its given name in the
//     other script and in each Latin transliteration (Ирина and Irina;
//     Dmitri, Dmitrii, Dmitriy, Dmitry, Дмитрий; German: Sergej), and a
//     Slavic family name registered in Cyrillic in each of them
//     (Kuznetsov, Kusnezow for Кузнецов), and its diminutives,
//     from a table of roots with the suffixes of endearment and the
//     familiar ones derived (Дима, Митя, Надя, Ира, Ирочка, Коля, Олежка,
//     Андрюха, Серёга, Сережа, and Nadya, Nadia, Kolya, Mitya, Olezhka,
//     Andryukha), capitalised (russian.go). A capitalised
//     patronymic (a word ending in -ович, -евич, -ич, -овна, -евна,
//     -ична or -ovich, -evich, -ovna, -evna, -ichna, -owitsch, -ewitsch,
//     -owna, -ewna, of five letters or
//     more) after any mention is taken into it: Ирина Викторовна,
//     Dmitrii Aleksandrovich. Written in Cyrillic, its given name and
//     patronymic in each of the six cases (Сергея Ивановича, Ольгой
//     Сергеевной), and, where evident, its patronymic alone, a male one
//     also colloquial (Сергеевна, Иваныч), and its Slavic family name
//     alone in the oblique cases (Кузнецову, Кузнецовым) or in -енко
//     (Петренко) (declension.go);
//   - a Ukrainian name registered in Cyrillic (a word with і, ї, є or ґ,
//     or a patronymic in -івна): its full name in the seven cases
//     (Ірину Ковальську, з Андрієм Коваленком), its Russian form with a
//     Russian name's variants (Ирина Ковальская, Оксана Петровна
//     Мельник) and in Latin letters by the official table of 2010, the
//     common English and the Polish spellings (Iryna, Andrii, Andriy,
//     Wiktor Tkaczuk), and, where evident, each part alone in its cases,
//     its diminutives and a one-word alias's cases (ukrainian.go);
//   - an alias with an honorific (Zahra jan, Qari Naqibullah) or a kunya
//     (Umm Ahmed) as a whole only, a kunya in other spellings where
//     evident (Um Ahmad, Abou Salim); an honorific suffix for another
//     (Rashida Bibi for Rashida Begum), an Arabic family name's article
//     in its other spelling (El Tarhouni) and, where evident, the name
//     without it (Tarhouni's), a compound family name's initials
//     (Wilner J-B) and a Han alias before a title (艾力主任)
//     (honorific.go);
//   - a misspelling of a Latin token of five letters or more of the
//     name, one edit away (a letter left out, added or changed, or two
//     neighbours swapped: O'Neil and O'Neal are one and two edits from
//     O'Neill), capitalised and in name position: after a title, next to
//     a mention of the same person ("Kathrine Moss", "Katie O'Neil") or
//     to one of its family names ("Park Minseon"), or with an apostrophe after its first letter, the shape of a name
//     (O'Neil). Only the first 64 persons of evident (by ID) are looked
//     at, for this rule and for a Latin token alone below;
//   - a family name after a title of office (see Titles);
//   - a Latin token of five letters or more of the name, that is no
//     English word of the lists in titles.go and names.go, alone by the
//     rules of a family name alone (Gutiérrez said, the Gutiérrez family,
//     Gutiérrez's truck), or in the plural after "the" or before a
//     possessive apostrophe (the Sokolovs, Sokolovs' house); a Western
//     name may have its family name anywhere (Rosa María Gutiérrez Vega);
//   - for a Latin name of three or four tokens without particles (José
//     Manuel García Torres), its last two alone, each of four letters or
//     more, capitalised: the Spanish double family name (García Torres
//     filed; García Torres, José Manuel) (spanish.go), and of four
//     tokens its first two alone as a nickname (José Luis);
//   - the last part of the given name of a Vietnamese name (Hùng for
//     Nguyễn Văn Hùng, Minh for Trần Văn Minh, Thu for Phạm Thị Thu), or
//     the part before it where it is a pronoun (Đức for Nguyễn Đức Anh;
//     and, with or without evidence, the given name of several parts
//     without its middle name Thị or Văn, capitalised: Hồng Nhung),
//     capitalised, and written with a letter beyond ASCII if without
//     it is an English word or a Vietnamese word (Hung, Lan, Mai; Sen,
//     Hoa) unless in title case where only a person can be: before a
//     possessive, a colon (a speaker's label) or a verb of speech or
//     "and" (Lan said, Mai nói, Sen kể, Lan ơi, Lan và), after "bé",
//     a kinship word (chị Mai, em Lan, little Mai), a word that gives a
//     name (called her Mai) or "Q:", or in a short field before no other
//     word (a tag "Mai", a title "Mai & Hoa"; not "Lan Kwai Fong", "Mai
//     vàng", "LAN party"); not an abbreviated weekday before a number
//     (Thu 14 May), nor after "Ho Chi" (Ho Chi Minh City), nor a pronoun
//     (Anh, Em, Chị: "Anh ơi" is "hey, you"); one of two letters (Hà)
//     only where only a person can be, marks or not (Hà ơi, bé Hà; Hà
//     Nội stays);
//   - an everyday Hangul given name alone (바다, 하늘): before a Latin
//     possessive (바다's mother); before a Latin word (바다 said) or in a
//     short field (a title, tag or relation, see FindEvident), unless a
//     Hangul word or a Latin word in lower case stands apart beside it in
//     a phrase (a title "바다 (꼬마)", not "고향 바다" or "a 장미 garden");
//     and one ending in a consonant with -이네 before a word for a
//     household (별이네 집에; 별이네! "a star!" stays);
//   - a Hangul given name of one syllable (철 for 김철, 현 for 남궁현),
//     which is a dozen words too (철 "iron", 현 "string"): after a final
//     consonant with the name's -이 and a particle (철이가, 현이는), the
//     vocative (철아, 철이야), or -이 alone before a title or a word for
//     a relative (철이 형이) or at the end of a clause (a tag "철이",
//     "broker 현이"); after a vowel with the vocative or a particle that
//     follows people (수야, 수한테). 철이 들었다 ("grew up"), 철도 and
//     철을 stay. So is the last syllable of a given name of two that
//     ends in a consonant, as its -이 makes a nickname of it (별이가,
//     별아, a tag "별이" for 한은별; 별이 빛났다 stays).
//
// A name that is a word too keeps the word: a given name alone of the
// list wordNames (Bell, Brown, Rivers, Paz, Carmen) or of commonNouns is
// no mention in lower case (the church bell, the carter's horse, the
// rivers froze), and alone only of a person the record names (La Paz in
// a record naming nobody called Paz is the city); a Vietnamese person's
// alias of two words without the family name (Mai Anh, Thu Hà, Anh
// Toàn) is a given name, each word alone with the rules of the last
// part of a Vietnamese given name above (a pronoun, Anh, never: tiếng
// Anh, anh ấy; Toàn capitalised: an toàn, hoàn toàn stay), and so has
// the given name of a Vietnamese name of two words (Trần Toàn; Lê Anh,
// a pronoun, in a clause only: Anh said) and a Vietnamese person's
// alias of one word (Lan: not LAN, lần, Lan Kwai Fong); an alias
// with an article (el Flaco) is found without it only capitalised
// (muy flaco stays); and a given name or alias alone, or a family name
// alone, is none before a phrase that makes it the word (wordPhrases:
// Brown rice, Dal soup, Paz y justicia, Dolores de cabeza, Carmen, the
// opera, Rivers of Babylon, 영남 지방, 꼬마 아이들, 소라 껍데기, 제비 한
// 마리, Kelly green, Toàn bộ) or after one that makes it a place (La
// Paz, Santa Cruz; a Vietnamese word for a river, a mountain, a market
// or a village: Sông Hương, chợ Lan; Việt Nam, miền Nam, Hà Lan), or that
// says it of the name, its tribe or clan, or makes it a holiday or a
// greeting (Ilunga is a Luba name, the Ahmadzai tribe, Haddad family
// names, Día de Reyes, Tashi Delek: namewords.go). A
// full name or a title with the
// name is a mention wherever it stands (Grace Bell rang, Ms Bell).
//
// Next to a mention, the person's own family name is taken into it also
// when a dot or an underscore joins them, in any case, as handles and
// e-mail addresses do ("dahye.yoon", "yoon_dahye"), before a comma in a
// list ("Yoon, Dahye"), in brackets after it ("Ji-an (Hwangbo)") and with
// its particles abbreviated ("Sophie v.d. Broek"); so is an initial
// before a mention ("Y. Dahye").
//
// Words are matched wherever they occur, inside an e-mail address or a
// handle too: in "eunju.kim80@example.org", "eunju" is a mention of Eunju;
// "kim80" is no word of a name (in "eunju.kim@...", "eunju.kim" is). Contact details are the business of a
// separate recogniser.
//
// Find scans the text from left to right and at each word takes the longest
// mention that starts there, so the matches are sorted and never overlap,
// and "Eunju Kim" is one mention, not "Eunju" followed by a family name.
//
// When variants of several persons spell the same span, the match reports
// the full name (or a name of one token) over an alias, and an alias over a
// given name alone; among equals, the person with the smallest ID in byte
// order. The match is then marked Ambiguous, so that a caller may prefer a
// neutral placeholder to one person's pseudonym.
//
// # Values
//
// A person's Values (registered contact details and residences) are
// matched by the same rules, but only as registered, with no other
// variants: their identifying pieces (a handle, an e-mail's local part, a
// number, a neighbourhood and its Latin spellings; the rules are in
// values.go) are found as runs of whole words, and reported with Value
// set, never as a name.
//
// # Normalisation
//
// Words are compared after Unicode compatibility normalisation (NFKC), full
// case folding and NFKC again, so fullwidth forms, ligatures, composed and
// decomposed accents, and "SS" and "ß" compare equal. Dotted capital İ and
// dotless ı fold to i, so Turkish spellings of a Latin name match too.
// The marks of Latin letters are then dropped: "José" is "Jose", and the
// McCune–Reischauer "Chŏl-ho" is "Chol-ho" (letters that do not decompose,
// such as ø and ł, stay as they are). Cyrillic and Greek letters that look
// Latin are read as the Latin letters in a word that holds a Latin letter
// or only such look-alikes ("Jі-an" with a Cyrillic і is "Ji-an"; "мир"
// stays Russian).
//
// Hyphens are the ASCII '-', U+2010, U+2011, U+2012, U+2013 (en dash),
// U+FE63 and U+FF0D; the em dash is punctuation. Apostrophes are the ASCII
// ' and `, U+00B4, U+2018, U+2019, U+201B, U+02BC and U+FF07.
//
// Offsets in a Match are byte offsets into the original text, whatever
// normalisation did to its length, and always fall on rune boundaries; a
// suffix is cut off decomposed Hangul too (민서야 as conjoining jamo).
//
// # Limits
//
// NewMatcher rejects an empty or duplicated ID, and a name or alias that is
// longer than MaxNameLen bytes, is not valid UTF-8, has fewer than two
// letters, or holds a character other than letters, digits, marks, spaces,
// hyphens, apostrophes and invisible format characters: a name with "." or
// "(" or a line break could not be found as written, and a matcher that
// silently misses a name is worse than an error. Errors name the person by
// ID and an alias by position, never by the name itself, since they may be
// logged.
//
// Find accepts any text; an invalid UTF-8 byte separates words like
// punctuation. Its time is linear in the length of the text, times at most
// the length of the longest name. A Matcher is immutable and safe for
// concurrent use.
//
// Chinese is written without spaces, so a Han name is also found inside
// a longer run of Han characters (李秀英说她很冷, 我叫李秀英; han.go): a
// variant of three characters or more anywhere; one of two (a given name
// alone, 秀英 for 李秀英, or a full name such as 李明) only of a person
// the record names (FindEvident) and only between characters that end and
// start a word (我和秀英一起, 秀英的妈妈; not 优秀英语). A Chinese name
// of two to four characters written as one word has its first character
// as family name, or its first two when they are a double family name
// (欧阳, 司马, 诸葛...), so its given name is a variant too. Japanese is
// matched by whole words only.
package names

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the longest name or alias, in bytes, that NewMatcher
// accepts. It bounds the work Find does at each word.
const MaxNameLen = 256

// Person is a registered person and the names by which a text may mention
// them.
type Person struct {
	ID      string   // opaque internal person ID, reported in each Match
	Name    string   // full name as registered, family name first
	Aliases []string // other names and spellings
	// Values are the person's registered contact details and residences:
	// their identifying parts are found wherever a text quotes them (see
	// Values in the package doc), as mentions with Value set.
	Values []string
}

// Match is one mention of a registered person.
type Match struct {
	Start, End int    // byte offsets of the mention in the text given to Find
	PersonID   string // the person mentioned
	// Ambiguous reports that a variant of another person spells the same
	// span; PersonID is then chosen by the tie rule in the package doc.
	Ambiguous bool
	// Value reports a mention of one of the person's Values, not of a
	// name: a caller hides it rather than name the person.
	Value bool
	given bool // a given name alone (rankGiven, rankRomanised)
}

// A Matcher finds mentions of a fixed set of persons. It is safe for
// concurrent use.
type Matcher struct {
	// index holds the compact form of every variant (its folded words,
	// joined without separators) and every proper prefix of one; read it
	// with lookup.
	index    formIndex
	variants []variant // grouped by compact form, each group in tie order
	bounds   []uint16  // registered word boundaries, sliced by variant.lo and n
	ids      []string  // person IDs in ascending order: index order is ID order
	// everyone is every ID as an evident set (Everyone), made once: a
	// researcher view checks its domain's name with it.
	everyoneOnce sync.Once
	everyone     map[string]bool
	everyoneEv   onceEvidence  // its evidence (evidenceOf)
	recent       evidenceCache // the evidence of the last small sets (evidenceOf)
	// evidenced are the persons with a variant that needs evidence, each
	// once (NeedsEvidence), made once.
	evidencedOnce sync.Once
	evidenced     []int32
	// surnames maps the compact form of every registered family name to
	// the first person (in ID order) who has it, for the title rule;
	// surnameFilter is its filter, for the words of a text.
	surnames      map[string]int32
	surnameFilter wordFilter
	// bare holds the family names that are a Western one without its
	// particles (Santos for dos Santos): a mention only after a title.
	// joined holds the forms of one with its particles written together
	// or abbreviated (vandenbroek, vdBroek): a mention in any case.
	bare, joined map[string]bool
	// families holds, by person, the compact forms of its family names
	// and their romanisations, to take one next to a given name into the
	// mention ("Pak Minseo" for 박민서).
	families [][]string
	// givens maps the compact form of the last part of a given name of
	// several tokens, or of a short one, to the first person who has it,
	// for a title before it (Auntie Mai for Tran Thi Mai). singles
	// maps the tokens of full names of two tokens, one of which is the
	// family name whatever the order, for the plural (the O'Neills).
	givens, singles map[string]int32
	// parts maps every part of a full name of several tokens to the
	// first person who has it, for a title before it (Ms. Fernández);
	// tokens holds, by person, its Latin name tokens of minFuzzy letters
	// or more, for misspellings (fuzzy.go).
	parts  map[string]int32
	tokens [][]string
	// skels holds, by person, its names' tokens in Latin letters for the
	// skeleton rule (skeleton.go), one string a person.
	skels []string
	// spanishGivens holds the given names of Spanish names of two family
	// names (doubleSurname: Karla for Karla Yesenia Martínez Paz), which
	// the family rule reads first: after the personal a ("Vi a Karla")
	// they are the person, where "a" before a family name is the English
	// article ("a Kim").
	spanishGivens map[string]bool
	// fold is cases.Fold, which is stateless and so safe to share; held
	// as an interface so that it is boxed once, not at every word.
	fold transform.Transformer
}

type entry struct {
	first, n int32 // variants[first:first+n] spell this form; n == 0: a prefix only
	prefix   bool  // a longer form starts with this one
}

// rank orders the kinds of variant for the tie rule.
type rank uint8

const (
	rankName      rank = iota // the full name in either order, or a one-token name
	rankAlias                 // a registered alias
	rankGiven                 // the given name alone
	rankRomanised             // a Hangul given name alone in a Latin spelling
	rankValue                 // a part of a registered contact or residence (values.go)
)

type variant struct {
	person int32  // index into Matcher.ids
	lo     int32  // bounds[lo:lo+n]: offsets of the registered word boundaries, 0 and the length included
	n      uint16 // a form is under 64 KiB (slotLenBits), and so are its offsets
	must   uint16 // if not 0, the end of the first part (see newRaw): a boundary a split text must have
	rank   rank
	flags  vflags
}

// vflags are a variant's rules, one bit each: 16 bytes a variant, not 24,
// at a million variants.
type vflags uint8

const (
	vCapitals vflags = 1 << iota // see capitalised
	vEveryday                    // a Hangul everyday word: needs a title (see everydayHangul)
	vEvidence                    // an everyday given name that any suffix makes the person where evident, or two Han characters, found inside a run only there (see FindEvident)
	vNoun                        // an English noun: not in lower case after a determiner (see commonNouns)
	vNick                        // a nickname (Katie for Katherine): only where the person is evident
	vSingle                      // a Hangul given name of one syllable: only in the forms of singleForm, where the person is evident
	vMarked                      // only where the text holds a letter beyond ASCII (Hùng, not Hung)
	vWord                        // a word of the language too (Слава, "glory"): not where it opens a sentence (see opensSentence)
)

func (v variant) capitals() bool { return v.flags&vCapitals != 0 }
func (v variant) everyday() bool { return v.flags&vEveryday != 0 }
func (v variant) evidence() bool { return v.flags&vEvidence != 0 }
func (v variant) noun() bool     { return v.flags&vNoun != 0 }
func (v variant) nick() bool     { return v.flags&vNick != 0 }
func (v variant) single() bool   { return v.flags&vSingle != 0 }
func (v variant) marked() bool   { return v.flags&vMarked != 0 }
func (v variant) word() bool     { return v.flags&vWord != 0 }

// flagsOf packs a raw variant's rules.
func flagsOf(v *rawVariant) vflags {
	var f vflags
	for _, b := range [...]struct {
		on  bool
		bit vflags
	}{{v.capitals, vCapitals}, {v.everyday, vEveryday}, {v.evidence, vEvidence}, {v.noun, vNoun}, {v.nick, vNick}, {v.single, vSingle}, {v.marked, vMarked}, {v.word, vWord}} {
		if b.on {
			f |= b.bit
		}
	}
	return f
}

// CheckName returns the error NewMatcher would give for s as a person's
// name or alias, if any, without building a Matcher.
func CheckName(s string) error {
	_, err := (&Matcher{fold: cases.Fold()}).parseName(s)
	return err
}

// NewMatcher returns a Matcher for persons. An empty list is valid and
// yields a Matcher that finds nothing.
func NewMatcher(persons []Person) (*Matcher, error) {
	m := &Matcher{
		surnames:      make(map[string]int32),
		bare:          make(map[string]bool),
		spanishGivens: make(map[string]bool),
		joined:        make(map[string]bool),
		families:      make([][]string, len(persons)),
		givens:        make(map[string]int32),
		singles:       make(map[string]int32),
		parts:         make(map[string]int32),
		tokens:        make([][]string, len(persons)),
		skels:         make([]string, len(persons)),
		fold:          cases.Fold(),
	}
	order := make([]int, len(persons))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(persons[a].ID, persons[b].ID) })

	var raw []rawVariant
	for pi, i := range order {
		p := persons[i]
		if p.ID == "" {
			return nil, fmt.Errorf("person %d: empty id", i)
		}
		if pi > 0 && m.ids[pi-1] == p.ID {
			return nil, fmt.Errorf("person %q: duplicate id", p.ID)
		}
		m.ids = append(m.ids, p.ID)
		person := int32(pi)
		name, err := m.parseName(p.Name)
		if err != nil {
			return nil, fmt.Errorf("person %q: name: %w", p.ID, err)
		}
		family, given, split := splitName(name, 2)
		vietnamese := family != nil && vietnameseSurnames[strings.Join(family[0].words, "")]
		if family == nil {
			raw = append(raw, newRaw(person, rankName, name))
		} else {
			vs := m.fullVariants(person, rankName, family, given, split)
			if vietnamese {
				// Trần Toàn, Lê Anh: the given name alone is a word
				// too (an toàn, anh ấy).
				vs = vietnameseAlone(vs, true)
			}
			raw = append(raw, vs...)
			hv := m.hangulVariants(person, family, given)
			raw = append(raw, hv...)
			raw = append(raw, m.southVariants(person, family, given)...)
			raw = append(raw, nicknameVariants(person, name)...)
			cyr := cyrillicName(name, p.Name)
			raw = append(raw, m.russianVariants(person, cyr)...)
			raw = append(raw, m.cyrillicVariants(person, cyr)...)
			raw = append(raw, foreignVariants(person, name, p.Name)...)
			raw = append(raw, m.declensionVariants(person, cyr)...)
			raw = append(raw, m.ukrainianVariants(person, p.Name)...)
			raw = append(raw, m.honorificNameVariants(person, name)...)
			raw = append(raw, m.hanNickVariants(person, family, given)...)
			raw = append(raw, m.hanjaVariants(person, family, given)...)
			raw = append(raw, m.hanziVariants(person, family, given)...)
			raw = append(raw, m.hanVietVariants(person, family, given)...)
			if last := vietnameseCalled(family, given); last != nil {
				// Vietnamese people are called by the last part of the
				// given name (Hùng, Minh, Thu): where evident and
				// capitalised, and with its marks if without them it is
				// an English word (Hung, Lan, Mai), unless where
				// only a person can be (vietnameseClause: Lan said);
				// not a pronoun (Anh ơi: "hey, you").
				v := newRaw(person, rankGiven, last)
				v.nick, v.capitals, v.marked = true, true, vietnameseWords[plainKey(v.key)] || last[0].weight < 3
				raw = append(raw, v)
			}
			if v, ok := vietnameseGiven(person, family, given); ok {
				raw = append(raw, v)
			}
			raw = append(raw, m.sinoVietnameseVariants(person, family, p.Name)...)
			raw = append(raw, m.cyrillicForeignVariants(person, p.Name, name, family, given, vietnamese, len(hv) > 0)...)
			m.addParts(person, name)
			raw = append(raw, geminateVariants(person, rankGiven, name, true)...)
			m.addSkeleton(person, p.Name, true)
			raw = append(raw, m.tibetanVariants(person, p.Name, rankName)...)
			if vietnamese {
				raw = append(raw, vietKanaVariants(person, p.Name)...)
			}
			if v, ok := doubleSurname(person, name); ok {
				raw = append(raw, v)
				for _, t := range name[:len(name)-2] {
					m.spanishGivens[t.words[0]] = true
				}
			} else if g := name[0].words; len(name) >= 2 && len(g) == 1 && spanishGivenNames[plainKey(g[0])] && spanishName(p.Name, name) {
				// One family name: the given name of a Spanish name is
				// the person after the personal a too (A Beatriz la
				// golpearon), when it is a common Spanish given name.
				m.spanishGivens[g[0]] = true
			}
			raw = append(raw, spanishGivenVariants(person, name)...)
			// The other gender's form of a Slavic family name: Volkova
			// for Volkov, Ivanov for Ivanova.
			for _, alt := range slavicForms(name) {
				f, g, sp := splitName(alt, 2)
				raw = append(raw, m.fullVariants(person, rankName, f, g, sp)...)
			}
		}
		for ai, a := range p.Aliases {
			alias, err := m.parseName(a)
			if err != nil {
				return nil, fmt.Errorf("person %q: alias %d: %w", p.ID, ai+1, err)
			}
			// Abdi Dhere for Abdi Dheere (geminate.go).
			raw = append(raw, geminateVariants(person, rankAlias, alias, false)...)
			if vs, ok := m.honorificAlias(person, alias); ok {
				// Umm Ahmed, Zahra jan: a name only as a whole.
				raw = append(raw, vs...)
				continue
			}
			// An alias is called by its diminutives as a given name is
			// (Lupita for Lupe).
			raw = append(raw, nicknameVariants(person, alias)...)
			if len(alias) == 2 && len(alias[0].words) == 1 && articles[alias[0].words[0]] {
				// An alias with an article (el Flaco, the Butcher) is the
				// alias with it, and without it only capitalised: "muy
				// flaco" is thin.
				g := newRaw(person, rankGiven, alias[1:])
				g.capitals = true
				raw = append(raw, newRaw(person, rankAlias, alias), g)
				continue
			}
			// A name of one word has no family name (vietnamese is then
			// false): family[0] is read only for a Vietnamese one.
			if vietnamese && len(alias) == 2 && !sharesFamily(alias, family[0]) {
				// A Vietnamese person's alias of two words without the
				// family name is a given name (Mai Anh, Thu Hà) or a
				// kinship word and one (Anh Toàn): no family name of
				// its own (Thu 14 May is a date), each word alone the
				// rules of the part a Vietnamese name is called by. With
				// it (Trần Toàn, Kelly Pham) it is a name as others are.
				raw = append(raw, newRaw(person, rankAlias, alias))
				raw = append(raw, vietnameseAlone([]rawVariant{newRaw(person, rankGiven, alias[:1]), newRaw(person, rankGiven, alias[1:])}, false)...)
				continue
			}
			m.addSkeleton(person, a, false)
			raw = append(raw, m.tibetanVariants(person, a, rankAlias)...)
			if len(alias) == 1 && len(alias[0].words) == 1 && utf8.RuneCountInString(alias[0].words[0]) >= 3 {
				// A Korean name registered as an alias (김성철 of
				// 金成哲) is written in katakana as the name is.
				if family, given, ok := splitHangulName(alias[0].words[0]); ok {
					raw = append(raw, katakanaVariants(person, family, given)...)
				}
			}
			if afam, agiven, asplit := splitName(alias, 3); afam != nil {
				avs := m.fullVariants(person, rankAlias, afam, agiven, asplit)
				if vietnamese {
					avs = vietnameseAlone(avs, false)
				}
				raw = append(raw, avs...)
				acyr := cyrillicName(alias, a)
				raw = append(raw, m.russianVariants(person, acyr)...)
				raw = append(raw, m.cyrillicVariants(person, acyr)...)
				raw = append(raw, m.declensionVariants(person, acyr)...)
				raw = append(raw, m.ukrainianVariants(person, a)...)
				// A Slavic family name of a Latin alias (Olga Petrenko)
				// is a part of the person as the name's own are, so
				// found in the plural (the Petrenkos; evidentPart).
				for _, t := range alias {
					if k := strings.Join(t.words, ""); (slavicSurname(t) || strings.HasSuffix(k, "enko") && len(k) >= 6) && isASCIIWord(k) && !slices.Contains(m.tokens[person], k) {
						m.tokens[person] = append(m.tokens[person], k)
					}
				}
				raw = append(raw, m.hanNickVariants(person, afam, agiven)...)
				raw = append(raw, m.southVariants(person, afam, agiven)...)
				raw = append(raw, m.hanjaVariants(person, afam, agiven)...)
				raw = append(raw, m.hanziVariants(person, afam, agiven)...)
				raw = append(raw, m.hanVietVariants(person, afam, agiven)...)
				raw = append(raw, m.aliasCyrillicVariants(person, a, alias, afam, agiven)...)
				for _, alt := range slavicForms(alias) {
					f, g, sp := splitName(alt, 3)
					raw = append(raw, m.fullVariants(person, rankAlias, f, g, sp)...)
				}
				continue
			}
			if vietnamese && len(alias) == 1 && len(alias[0].words) == 1 {
				// A Vietnamese person's alias of one word (Lan) is the
				// part a Vietnamese name is called by, with its rules:
				// only where the record names them, capitalised, with
				// its marks or in a clause (not LAN, lần, Lan Kwai
				// Fong, nor another record's Lan).
				raw = append(raw, vietnameseAlone([]rawVariant{newRaw(person, rankGiven, alias)}, true)...)
				continue
			}
			v := newRaw(person, rankAlias, alias)
			// An alias that is an English noun ("Heron", "Magpie") is
			// the noun in lower case after a determiner: "the heron"
			// stays.
			v.noun = commonNouns[v.key]
			// An alias that repeats the registered given name (미래 for
			// 송미래) keeps the given name's protection: it would
			// otherwise shadow that variant (duplicate) and lose it.
			if family != nil && v.everyday {
				if g := newRaw(person, rankGiven, given); g.key == v.key {
					v.evidence = g.evidence
				}
			}
			raw = append(raw, v)
			raw = append(raw, m.shortFormVariants(person, cyrillicName(name, p.Name), cyrillicName(alias, a))...)
			raw = append(raw, m.ukrainianAliasVariants(person, p.Name, a)...)
			raw = append(raw, m.hanAliasTitles(person, a)...)
			if family != nil && !split {
				raw = append(raw,
					newRaw(person, rankAlias, family, alias),
					newRaw(person, rankAlias, alias, family))
			}
		}
		for vi, v := range p.Values {
			vs, err := m.valueVariants(person, v)
			if err != nil {
				return nil, fmt.Errorf("person %q: value %d: %w", p.ID, vi+1, err)
			}
			raw = append(raw, vs...)
		}
	}
	m.surnameFilter = newWordFilter(maps.Keys(m.surnames), len(m.surnames))
	m.build(raw)
	return m, nil
}

// fullVariants returns the variants of a name (or alias, as rk says) of
// family and given name: both orders (the registered one only for a
// Korean name written as one word: 민서박 is nobody), and the given name
// alone if long enough. It registers the family name for the title rule.
func (m *Matcher) fullVariants(person int32, rk rank, family, given []token, split bool) []rawVariant {
	out := []rawVariant{newRaw(person, rk, family, given)}
	if !split {
		out = append(out, newRaw(person, rk, given, family))
	}
	if weight(given) >= 3 {
		v := newRaw(person, rankGiven, given)
		// A name that is a word (Bell, Brown, Rivers, Paz) is the word
		// in lower case (the church bell, the rivers froze), and alone
		// the person only where the record names them: La Paz in a
		// record of nobody called Paz is the city.
		v.noun = commonNouns[v.key] || wordNames[v.key]
		v.nick = v.noun && len(given) == 1
		out = append(out, v)
		// A Slavic name registered in Western order with its patronymic
		// (Nikolai Petrovich Sokolov) has its family name last: alone,
		// as the family name of two tokens is (Sokolov, Volkova).
		if last := given[len(given)-1]; len(given) > 1 && slavicSurname(last) {
			v := newRaw(person, rankGiven, []token{last})
			// One that is a noun's plural (зайцев, "of hares") is the
			// noun in lower case.
			v.capitals = pluralNouns[v.key]
			out = append(out, v)
			for _, alt := range slavicSpellings(last) {
				out = append(out, newRaw(person, rankGiven, []token{alt}))
			}
		}
	} else if len(given) == 1 && len(given[0].words) == 1 && isHangulSyllable(firstRune([]byte(given[0].words[0]))) {
		// 철 for 김철: iron and a dozen other words too, so the person
		// only in the forms of singleForm, where evident.
		v := newRaw(person, rankGiven, given)
		v.single, v.everyday, v.evidence = true, false, true
		out = append(out, v)
	}
	if v, ok := lastSyllableNick(person, given); ok {
		out = append(out, v)
	}
	if v, ok := liaisonNick(person, given); ok {
		out = append(out, v)
	}
	if last := given[len(given)-1]; len(last.words) == 1 && (len(given) > 1 || last.weight < 3) {
		if _, ok := m.givens[last.words[0]]; !ok {
			m.givens[last.words[0]] = person
		}
	}
	if rk == rankName && len(family) == 1 && len(given) == 1 {
		for _, t := range [][]token{family, given} {
			if k := strings.Join(t[0].words, ""); t[0].weight >= 3 {
				if _, ok := m.singles[k]; !ok {
					m.singles[k] = person
				}
			}
		}
	}
	// A given name of several tokens (Tran Thi Mai) is also written by
	// its last one with the family name, in either order: "Mai Tran",
	// "Tran Mai".
	if last := given[len(given)-1:]; len(given) > 1 && weight(last) >= 3 {
		out = append(out, newRaw(person, rk, family, last), newRaw(person, rk, last, family))
	}
	// A Hangul given name in its Latin spellings, alone: capitalised, as
	// names are in Latin text ("miso soup" is not 미소).
	if len(given) == 1 && len(given[0].words) == 1 {
		for _, r := range romanise(given[0].words[0]) {
			// By syllables, so that a text may hyphenate it anywhere
			// (Mee-rae, O-san-dŏk).
			if n := len(r) - strings.Count(r, "-"); n >= 3 {
				v := newRaw(person, rankRomanised, []token{{words: strings.Split(r, "-"), weight: n}})
				v.capitals = true
				out = append(out, v)
			}
		}
	}
	var key strings.Builder
	for _, t := range family {
		for _, w := range t.words {
			key.WriteString(w)
		}
	}
	// A Western family name with particles is also found without them
	// after a title (Ms Santos for Maria dos Santos).
	var bare strings.Builder
	for _, t := range family {
		if !t.particle() {
			for _, w := range t.words {
				bare.WriteString(w)
			}
		}
	}
	if k := key.String(); weight(family) >= 2 {
		keys := append([]string{k}, romanisedSurnames[k]...)
		keys = append(keys, otherSpellings(k)...)
		keys = append(keys, cantoneseSurnames[k]...)
		if b := bare.String(); b != k && len(b) >= 2 {
			// The particles abbreviated to their initials: v.d. Broek,
			// vdBroek for van den Broek.
			var abbr strings.Builder
			for _, t := range family {
				if t.particle() {
					abbr.WriteString(t.words[0][:1])
				}
			}
			abbr.WriteString(b)
			keys = append(keys, b, abbr.String())
			m.bare[b] = true
			m.joined[k], m.joined[abbr.String()] = true, true
		}
		for _, s := range keys {
			if _, ok := m.surnames[s]; !ok {
				m.surnames[s] = person
			}
			if !slices.Contains(m.families[person], s) {
				m.families[person] = append(m.families[person], s)
			}
		}
	}
	return out
}

// hangulVariants returns the variants of the Hangul spellings of a Korean
// name registered in Latin letters, its given name by syllables (Jeon
// Dae-hyun: 전대현, 대현), as guessed spellings: one registered for
// another person wins.
func (m *Matcher) hangulVariants(person int32, family, given []token) []rawVariant {
	if len(family) != 1 || len(family[0].words) != 1 || len(given) != 1 {
		return nil
	}
	syllables, forms := given[0].words, maxHangulForms
	if len(syllables) == 1 {
		// Minseo: the syllables of a given name written as one word, in
		// its likeliest Hangul spelling only: most registered names are
		// written so, and each spelling costs a dozen variants.
		if split := latinSyllables(syllables[0]); split != nil {
			syllables, forms = split, 1
		}
	}
	hs := hangulForms(family[0].words[0], syllables)
	var out []rawVariant
	for _, h := range hs[:min(len(hs), forms)] {
		ts, err := m.parseName(h)
		if err != nil {
			continue
		}
		if f, g, split := splitName(ts, 2); f != nil {
			for _, v := range m.fullVariants(person, rankRomanised, f, g, split) {
				v.rank = rankRomanised
				out = append(out, v)
			}
		}
	}
	return out
}

// slavicEndings pairs the masculine and feminine endings of Slavic family
// names.
var slavicEndings = [][2]string{{"ov", "ova"}, {"ev", "eva"}, {"yov", "yova"}, {"sky", "skaya"}, {"skiy", "skaya"}, {"ski", "ska"}, {"ckí", "cká"},
	{"ов", "ова"}, {"ев", "ева"}, {"ёв", "ёва"}, {"ский", "ская"}}

// slavicSurname reports whether t, a token of one word of five letters or
// more, ends as a Slavic family name does (Sokolov, Соколова).
func slavicSurname(t token) bool {
	if len(t.words) != 1 || t.weight < 5 {
		return false
	}
	for _, e := range slavicEndings {
		if strings.HasSuffix(t.words[0], e[0]) || strings.HasSuffix(t.words[0], e[1]) {
			return true
		}
	}
	return false
}

// slavicForms returns name with one token of one word in its other
// gender's form (Dmitri Volkova, Anna Ivanov), for each such token of at
// least five letters.
func slavicForms(name []token) [][]token {
	var out [][]token
	for k, t := range name {
		if len(t.words) != 1 || t.weight < 5 {
			continue
		}
		w := t.words[0]
		for _, e := range slavicEndings {
			var alt string
			switch {
			case strings.HasSuffix(w, e[1]):
				alt = strings.TrimSuffix(w, e[1]) + e[0]
			case strings.HasSuffix(w, e[0]):
				alt = strings.TrimSuffix(w, e[0]) + e[1]
			default:
				continue
			}
			n := slices.Clone(name)
			n[k] = token{words: []string{alt}, weight: t.weight - len(w) + len(alt)}
			out = append(out, n)
			break
		}
		for _, alt := range slavicSpellings(t) {
			n := slices.Clone(name)
			n[k] = alt
			out = append(out, n)
		}
	}
	return out
}

// slavicSpellings returns the older Latin spellings of a masculine Slavic
// family name of one word of five letters or more in -ov or -ev, as
// emigrés and old documents write it: Sokoloff and Sokolof for Sokolov,
// Volkoff for Volkov, Lebedeff for Lebedev.
func slavicSpellings(t token) []token {
	if len(t.words) != 1 || t.weight < 5 {
		return nil
	}
	w := t.words[0]
	stem, ok := strings.CutSuffix(w, "ov")
	if !ok {
		if stem, ok = strings.CutSuffix(w, "ev"); !ok {
			return nil
		}
	}
	stem += w[len(stem) : len(stem)+1] // the vowel, o or e
	return []token{{words: []string{stem + "ff"}, weight: t.weight + 1}, {words: []string{stem + "f"}, weight: t.weight}}
}

// splitName splits a name of several tokens into family and given name,
// and reports whether it was one Korean word split by syllables. The
// family name is the first token (East Asian order, as registered), but
// for a Western name with a particle ("Maria de la Cruz", "Ana da Silva"),
// where it is the particle and what follows; a single token of Hangul
// syllables (박민서) is split by splitHangulName if it has at least
// minSyllables syllables. Any other single token has no family name.
func splitName(name []token, minSyllables int) (family, given []token, split bool) {
	if len(name) == 1 {
		t := name[0]
		if len(t.words) != 1 || t.weight < 2*minSyllables {
			return nil, nil, false
		}
		f, g, ok := splitHangulName(t.words[0])
		if !ok {
			if f, g, ok = splitHanName(t.words[0]); !ok {
				return nil, nil, false
			}
		}
		return []token{{words: []string{f}, weight: 2 * utf8.RuneCountInString(f)}},
			[]token{{words: []string{g}, weight: 2 * utf8.RuneCountInString(g)}}, true
	}
	for k := 1; k < len(name)-1; k++ {
		if name[k].particle() && !vietnameseSurnames[strings.Join(name[0].words, "")] {
			return name[k:], name[:k], false
		}
	}
	return name[:1], name[1:], false
}

// vietnameseSurnames are the usual Vietnamese family names, folded: after
// one, "Văn" is a middle name (Nguyễn Văn Hùng), not the Dutch particle.
var vietnameseSurnames = wordSet("nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh lam trinh mai truong cao luong ta quach " +
	"lo dao doan luu thai chu kieu tong mac thach vuong nghiem khuc")

// wordNames are names that are English or Spanish words too: a given
// name alone in lower case is the word, and so is a family name (r17d:
// "las salinas de sal" is no Salinas; "los Salinas" is); alone before a
// capitalised word that is no registered name it is another person's,
// as a nickname is (Carlos Salinas de Gortari).
var wordNames = wordSet("bell brown carter rivers river white black green king young hope faith joy dawn grace rose " +
	"may mark bill will jack frank rich drew sandy pat sue paz dolores carmen dal cruz luz " +
	"salinas rosales olivares palacios campos montes flores robles torres rios prado mora rosas vega cuevas fuentes " +
	"paredes guerra bravo blanco moreno rubio delgado castillo iglesias lagos luna leal serrano pastor")

// wordPhrases are what makes a name alone that is a word the word when
// they follow it (folded, with the white space or punctuation before
// them): for the Latin words, keyed by the word, since "Pedro y Carmen"
// is two persons where "Paz y justicia" is peace (Brown rice, Dal soup,
// Dolores de cabeza, Carmen, the opera, Rivers of Babylon); for any
// Hangul name, a Korean noun or counter after it (영남 지방, 꼬마 아이들,
// 소라 껍데기, 제비 한 마리). Only the given name or an alias alone, or a
// family name alone, yields to them: a full name and a title with the
// name (Ms Bell) stay mentions.
var wordPhrases = map[string][]string{
	"brown":   {" rice", " sugar", " bread", " eyes", " hair", " bear"},
	"dal":     {" soup", " curry", " bhat"},
	"paz":     {" y "},
	"dolores": {" de cabeza", " de muelas", " de estómago", " de espalda"},
	"carmen":  {", the opera", " opera", " by bizet"},
	"rivers":  {" of babylon"},
	"ramos":   {" de flores", " de rosas", " de novia"},
	"hoa":     {" sen", " hồng", " mai", " đào", " cúc", " lan", " quả"},
	"nam":     {" định", " bộ", " phi", " mỹ", " hàn", " cực", " kỳ", " trung bộ"},
	"lan":     {" kwai fong"},
	"pepe":    {" the frog"},
	"kelly":   {" green"},
	"hunter":  {" green"},
	"lincoln": {" green"},
	"toàn":    {" bộ", " thể", " quốc", " cầu", " dân", " diện"},
	"hương":   {" thơm", " vị", " liệu", " hoa"},
	"руслан":  {" и людмила"},
	"olga":    {" bay"},
	"mali":    {" is in africa", " is a country", " republic"},
	// Family names that are brands: the drink or the weapon, not the
	// person (Smirnoff vodka, a Kalashnikov rifle, a Molotov cocktail).
	"smirnoff":    {" vodka"},
	"smirnov":     {" vodka"},
	"kalashnikov": {" rifle", " assault rifle", " gun"},
	"molotov":     {" cocktail"},
	"":            {" 지방", " 지역", " 사투리", " 아이들", " 아이가", " 아이는", " 애들", " 껍데기", " 껍질", " 떼", " 한 마리", " 두 마리", " 세 마리", " 네 마리", " 몇 마리", " 한 쌍"},
}

// wordPhrasesBefore are the same for phrases that end with the word:
// Domingo de Ramos (Palm Sunday), the Republic of Mali; for any Hangul
// name, a possessive pronoun, which a noun takes and a name does not
// (우리의 미래는, "our future").
var wordPhrasesBefore = map[string][]string{
	"ramos": {"domingo de "},
	// Vietnamese names of countries and regions that end in a given
	// name (Việt Nam, miền Nam, Hà Lan, Thái Lan, Ba Lan).
	"nam": {"việt ", "miền ", "hà ", "quảng ", "phía "},
	"lan": {"hà ", "thái ", "phần ", "ba ", "tây "},
	// Titles of the Virgin Mary (La Virgen de Guadalupe, Nuestra Señora
	// del Pilar), which are given names too.
	"guadalupe":  marianTitles,
	"lourdes":    marianTitles,
	"fatima":     marianTitles,
	"fátima":     marianTitles,
	"pilar":      marianTitles,
	"rocio":      marianTitles,
	"rocío":      marianTitles,
	"carmen":     marianTitles,
	"dolores":    marianTitles,
	"montserrat": marianTitles,
	"mercedes":   marianTitles,
	"remedios":   marianTitles,
	"soledad":    marianTitles,
	"macarena":   marianTitles,
	"mali":       {"republic of ", "république du "},
	"":           {"우리의 ", "나의 ", "너의 ", "저의 ", "그의 ", "그녀의 ", "당신의 "},
	// Places named by a word that is a name too (La Paz, Santa Cruz): the
	// place, capitalised; Vietnamese place words are vietnamesePlaces.
	"paz":   {"La "},
	"cruz":  {"Santa ", "Vera "},
	"rosa":  {"Santa "},
	"clara": {"Santa "},
	"josé":  {"San "},
	"jose":  {"San "},
}

// pluralNouns are Russian family names that are also the genitive plural
// of a noun: волков "of wolves", зайцев "of hares".
var pluralNouns = wordSet("зайцев волков орлов соколов медведев воробьев воробьёв лебедев козлов баранов быков комаров гусев голубев морозов кузнецов петухов")

// marianTitles end with the place or mystery that names the Virgin.
var marianTitles = []string{"virgen de ", "virgen del ", "virgen de la ", "virgen de los ", "señora de ", "señora del ",
	"señora de la ", "señora de los ", "basílica de ", "basilica de ", "basílica del ", "our lady of ", "virgin of "}

// wordPhrase reports whether a phrase of wordPhrases follows w, a word
// of text, if the name is the whole word (whole: 은비라는 아이가 is a child
// called Eunbi, 꼬마 아이들 children), or one of wordPhrasesBefore ends
// with it.
func wordPhrase(text string, w word, whole bool) bool {
	if vietnamesePlace(text, w.start) {
		return true
	}
	for key, ps := range wordPhrasesBefore {
		if key != "" && !strings.EqualFold(text[w.start:w.end], key) || key == "" && text[w.start] < utf8.RuneSelf {
			continue
		}
		before := text[max(0, w.start-24):w.start]
		for _, p := range ps {
			// A place's capitalised word (La Paz) is compared as
			// written: "la Paz" may be a woman.
			if len(before) >= len(p) && (strings.EqualFold(before[len(before)-len(p):], p) && !isUpper(p[0]) || before[len(before)-len(p):] == p) {
				return true
			}
		}
	}
	rest := text[w.end:min(len(text), w.end+24)]
	if whole && nameAsWord(text, w, rest) {
		return true
	}
	if !whole || rest == "" || rest[0] != ' ' && rest[0] != ',' {
		return false // at no cost for most words: a name is read at every word
	}
	if landmark(text, w, rest) {
		return true
	}
	for key, ps := range wordPhrases {
		if key != "" && !strings.EqualFold(text[w.start:w.end], key) || key == "" && text[w.start] < utf8.RuneSelf {
			continue
		}
		for _, p := range ps {
			if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
				return true
			}
		}
	}
	return false
}

// landmark reports whether the word w of text, followed by rest, is a
// name that is a word (wordNames) between an article and "de" with a
// capitalised place: a landmark (el Castillo de Chapultepec, la Torre de
// Pisa), not the family name.
func landmark(text string, w word, rest string) bool {
	if !wordNames[strings.ToLower(text[w.start:w.end])] {
		return false
	}
	before := text[max(0, w.start-5):w.start]
	if k := strings.LastIndexByte(strings.TrimSuffix(before, " "), ' '); k >= 0 || len(before) < 5 {
		before = before[k+1:]
	} else {
		return false
	}
	if a := strings.ToLower(strings.TrimSpace(before)); a != "el" && a != "la" && a != "al" && a != "del" {
		return false
	}
	place, ok := strings.CutPrefix(rest, " de ")
	return ok && place != "" && isUpper(place[0])
}

// vietnameseWords are Vietnamese given names that are English words
// without their marks, or everyday Vietnamese words as they are (sen
// "lotus", hoa "flower", cúc, đào): alone, a mention only with the marks
// (Hùng, not Hung meat) or in a clause of vietnameseClause (Sen kể,
// bé Sen, chị Mai).
var vietnameseWords = wordSet("hung long son lam mai lan tam ban bang dung yen kim tin hang hong hai ha tu sen hoa cuc dao")

// sharesFamily reports whether a word of alias is the family name family,
// compared by plainKey.
func sharesFamily(alias []token, family token) bool {
	own := plainKey(strings.Join(family.words, ""))
	return slices.ContainsFunc(alias, func(t token) bool { return plainKey(strings.Join(t.words, "")) == own })
}

// plainKey returns a folded key with its combining marks and đ dropped.
func plainKey(k string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(k) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// historicalBefore are the words before a name of one word that make it
// a state or a dynasty (the state of Zhao, the Kingdom of Silla), and
// epithets the epithets of rulers after "the" (Ivan the Terrible, Peter
// the Great): there it names no witness.
var (
	historicalBefore = []string{"state of ", "kingdom of ", "dynasty of ", "empire of ", "house of ", "reign of "}
	epithets         = wordSet("terrible great wise bold conqueror elder younger pious magnificent fair good just lionhearted confessor unready")
)

// historical reports whether the mention text[a:b], one word, follows a
// word of historicalBefore or comes before "the" and an epithet.
func historical(text string, a, b int) bool {
	if strings.ContainsAny(text[a:b], " \t\n") {
		return false
	}
	before := strings.ToLower(text[max(0, a-len("dynasty of ")):a])
	for _, h := range historicalBefore {
		if strings.HasSuffix(before, h) {
			return true
		}
	}
	rest, ok := strings.CutPrefix(text[b:min(len(text), b+24)], " the ")
	if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) {
		return false
	}
	n := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if n < 0 {
		n = len(rest)
	}
	return epithets[strings.ToLower(rest[:n])]
}

// sharedFamily reports whether the mention mt, one word of words[i:next],
// is a family name alone that another person the record names has too,
// in any script (Mrs Yoon for the witness Sophie Yoon and her mother
// 윤정숙): a title and a family name pick none of them.
func (m *Matcher) sharedFamily(text string, words []word, buf []byte, i, next int, mt Match, evident map[string]bool) bool {
	key := ""
	for k := i; k < next; k++ {
		if words[k].start == mt.Start && words[k].end == mt.End {
			key = string(buf[words[k].fstart:words[k].fend])
		}
	}
	p, found := slices.BinarySearch(m.ids, mt.PersonID)
	if key == "" || !found || !slices.Contains(m.families[p], key) {
		return false
	}
	for id := range evident {
		if q, ok := slices.BinarySearch(m.ids, id); ok && q != p && evident[id] && slices.Contains(m.families[q], key) {
			return true
		}
	}
	return false
}

// currencies are the words and signs of money written after or before an
// amount (3947 won, 4418원, $2937): there a group of a registered phone's
// digits is a sum, not the phone.
var (
	currencyWords = wordSet("won wons dollar dollars usd yuan rmb renminbi yen euro euros pesos rubles roubles рублей рубля рубль " +
		"원 위안 달러 엔 元 块 円")
	currencySigns = "$₩¥€£₽"
)

// sumOfMoney reports whether text[a:b], all digits, is a sum: a currency
// word follows it (apart or, for Hangul and Han, written on) or a sign
// comes before it.
func sumOfMoney(text string, a, b int) bool {
	if strings.Trim(text[a:b], "0123456789") != "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:a], " ")); strings.ContainsRune(currencySigns, r) {
		return true
	}
	rest := text[b:min(len(text), b+24)]
	rest = strings.TrimPrefix(rest, " ")
	n := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if n < 0 {
		n = len(rest)
	}
	w := strings.ToLower(rest[:n])
	if currencyWords[w] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return (isHangulSyllable(r) || unicode.Is(unicode.Han, r)) && currencyWords[string(r)]
}

// publicTails are the words before a Vietnamese given name in the name
// of a public figure or place (Ho Chi Minh City): there it is no witness.
var publicTails = []string{"ho chi"}

// weekdays are abbreviated day names: before a number (Thu 14 May) the
// day, not a given name.
var weekdays = strings.Fields("mon tue wed thu fri sat sun")

// dayOrPublic reports whether the one-word mention ws of a given name
// alone is a weekday before a date (Thu 14 May) or ends a public
// figure's name (Ho Chi Minh).
func dayOrPublic(text string, ws []word) bool {
	if len(ws) != 1 {
		return false
	}
	w := ws[0]
	if w.end-w.start == 3 && slices.ContainsFunc(weekdays, func(d string) bool { return strings.EqualFold(text[w.start:w.end], d) }) {
		rest := strings.TrimLeft(text[w.end:min(len(text), w.end+8)], " ,.")
		if rest != "" && '0' <= rest[0] && rest[0] <= '9' {
			return true
		}
	}
	// Only the few bytes before: a name is read at every word of a long
	// text. Marks or not (Hồ Chí Minh).
	before := strings.TrimRight(text[max(0, w.start-24):w.start], " ")
	if !plainASCII(before) {
		before = plainKey(before)
	}
	return slices.ContainsFunc(publicTails, func(t string) bool {
		n := len(before) - len(t)
		return n >= 0 && strings.EqualFold(before[n:], t) && (n == 0 || before[n-1] == ' ')
	})
}

// rawVariant is a variant before grouping.
type rawVariant struct {
	key      string
	person   int32
	rank     rank
	capitals bool
	everyday bool
	evidence bool
	noun     bool
	nick     bool
	single   bool
	marked   bool
	word     bool
	must     int32
	bounds   []int32
	seq      int32 // the order made in, for build
}

// token is a white-space separated part of a name or alias.
type token struct {
	words  []string // folded
	weight int      // see weightOf
}

// particles are the short words of Western family names ("de la Cruz",
// "da Silva", "van der Berg"), written in lower case.
var particles = map[string]bool{
	"de": true, "da": true, "das": true, "do": true, "dos": true, "del": true, "della": true,
	"di": true, "du": true, "la": true, "le": true, "van": true, "von": true, "der": true,
	"den": true, "ter": true, "ten": true, "y": true, "e": true, "bin": true, "binti": true,
	"ibn": true, "al": true, "el": true, "af": true, "zu": true,
}

// commonNouns are English nouns that officers give as code names or
// nicknames: as aliases, in lower case after a determiner ("the heron",
// "a magpie") they are the noun.
var commonNouns = wordSet("heron magpie crane sparrow swallow eagle hawk falcon owl dove pigeon crow raven swan goose duck " +
	"robin lark wren finch kite jay fox wolf bear tiger deer rabbit hare horse cat dog mouse squirrel otter seal whale " +
	"snow rain wind cloud storm river moon sun star sky sea lake stone rock pine rose lily lotus plum willow maple " +
	"oak birch bamboo jade pearl ruby amber coral iris daisy ivy holly hope faith grace joy dawn spring summer autumn winter")

// articles are the definite articles an alias may start with (el Flaco,
// la Güera, the Butcher).
var articles = wordSet("el la los las the")

// determiners before a family name make it a thing (the Jeon dynasty).
var determiners = wordSet("the a an this that these those my his her our their its your some every each one another")

// namingWords before an alias that is an English noun in lower case make
// it the name ("called heron"); anywhere else it is the noun ("a
// construction crane", "the heron").
var namingWords = wordSet("called calls call named nicknamed as codename alias")

var pronouns = wordSet("her him them me us it")

// namingBefore reports whether the word before offset i in text, one
// space apart, or the one before it and a pronoun, gives a name ("called
// heron", "known as heron", "called her heron").
func namingBefore(text string, i int) bool {
	for range 2 {
		if i < 2 || text[i-1] != ' ' {
			return false
		}
		a := i - 1
		for a > 0 && i-1-a < 10 && ('a' <= text[a-1] && text[a-1] <= 'z' || 'A' <= text[a-1] && text[a-1] <= 'Z') {
			a--
		}
		w := strings.ToLower(text[a : i-1])
		if namingWords[w] {
			return true
		}
		if !pronouns[w] {
			return false
		}
		i = a
	}
	return false
}

// particle reports whether t is a particle of a Western family name.
func (t token) particle() bool { return len(t.words) == 1 && particles[t.words[0]] }

func weight(ts []token) int {
	n := 0
	for _, t := range ts {
		n += t.weight
	}
	return n
}

// parseName validates a name or alias and splits it into tokens.
func (m *Matcher) parseName(s string) ([]token, error) {
	switch {
	case len(s) > MaxNameLen:
		return nil, fmt.Errorf("longer than %d bytes", MaxNameLen)
	case !utf8.ValidString(s):
		return nil, errors.New("invalid utf-8")
	}
	for i := 0; i < len(s); {
		c, n := classAt(s, i)
		if c == classOther || c == classBreak {
			return nil, fmt.Errorf("unsupported character at byte %d", i)
		}
		i += n
	}
	words, buf := tokenize(s, m.fold, nil, nil)
	var ts []token
	for k, w := range words {
		switch {
		case k == 0 || w.before == gapSpace:
			ts = append(ts, token{})
		case w.before == gapHard:
			// Only doubled hyphens or apostrophes get here: the
			// characters themselves were checked above.
			return nil, fmt.Errorf("unsupported separator at byte %d", w.start)
		}
		t := &ts[len(ts)-1]
		t.words = append(t.words, string(buf[w.fstart:w.fend]))
		t.weight += w.weight
	}
	if weight(ts) < 2 {
		return nil, errors.New("fewer than two letters")
	}
	return ts, nil
}

// newRaw returns the variant spelt by one part (a name or alias as
// registered) or two (a family name and a given name or alias, in either
// order). The boundary between two parts is one a text must keep if it
// splits the variant at all: the family name is either a word of its own
// or written together with the whole given name ("Kim Eunju", "KimEunju";
// not "Kimeun ju").
func newRaw(person int32, rk rank, parts ...[]token) rawVariant {
	v := rawVariant{person: person, rank: rk, bounds: []int32{0}}
	var b strings.Builder
	for i, p := range parts {
		if i == 1 {
			v.must = int32(b.Len())
		}
		for _, t := range p {
			// A short token is likely an everyday word too: "Park In";
			// particles are written in lower case.
			v.capitals = v.capitals || (t.weight < 3 && !t.particle())
			for _, w := range t.words {
				b.WriteString(w)
				v.bounds = append(v.bounds, int32(b.Len()))
			}
		}
	}
	v.key = b.String()
	v.everyday = everydayHangul[v.key]
	// An alias is registered as written, and the numeral 하나 is too
	// common (하나도).
	v.evidence = v.everyday && rk == rankGiven && v.key != "하나" || hanPair(v.key)
	return v
}

// build groups the variants by compact form in tie order and indexes the
// forms and their prefixes.
func (m *Matcher) build(raw []rawVariant) {
	// In the order given where key, rank and person are equal, as a
	// stable sort would leave them, but in n log n: a stable sort of the
	// variants of 100,000 persons took seconds.
	for i := range raw {
		raw[i].seq = int32(i)
	}
	slices.SortFunc(raw, func(a, b rawVariant) int {
		return cmp.Or(
			strings.Compare(a.key, b.key),
			cmp.Compare(a.rank, b.rank),
			cmp.Compare(a.person, b.person),
			cmp.Compare(a.seq, b.seq))
	})
	// Sized once, not grown by append: at 100,000 persons the spare
	// capacity of grown slices was megabytes.
	nb, forms, arena := 0, 0, 0
	for i, v := range raw {
		nb += len(v.bounds)
		if i == 0 || v.key != raw[i-1].key {
			forms, arena = forms+1, arena+len(v.key)
		}
	}
	m.variants, m.bounds = make([]variant, 0, len(raw)), make([]uint16, 0, nb)
	m.index.grow(forms, arena)
	// own maps a person to its variants kept in the group: a group may
	// hold a value that thousands of persons share (a phone number).
	own := map[int32][]int32{}
	for g := 0; g < len(raw); {
		key := raw[g].key
		first := int32(len(m.variants))
		if len(own) > 64 {
			own = map[int32][]int32{} // clearing costs its capacity
		} else {
			clear(own)
		}
		for ; g < len(raw) && raw[g].key == key; g++ {
			v := raw[g]
			// A spelling someone registered beats one guessed from
			// Hangul: "Eunju" is Kim Eunju, not also 김은주.
			if m.duplicate(own[v.person], v) || v.rank == rankRomanised && int32(len(m.variants)) > first && m.variants[first].rank < rankRomanised {
				continue
			}
			own[v.person] = append(own[v.person], int32(len(m.variants)))
			lo := int32(len(m.bounds))
			for _, b := range v.bounds {
				m.bounds = append(m.bounds, uint16(b))
			}
			m.variants = append(m.variants, variant{person: v.person, lo: lo, n: uint16(len(v.bounds)), must: uint16(v.must), rank: v.rank, flags: flagsOf(&v)})
		}
		m.index.add(key, first)
	}
	m.index.seal(int32(len(m.variants)))
}

// duplicate reports whether a variant of own, those of v's person in v's
// group, matches the same spans as v; being sorted by rank, the one kept
// is the better ranked ("Hana" as an alias and as a given name).
func (m *Matcher) duplicate(own []int32, v rawVariant) bool {
	for _, i := range own {
		w := &m.variants[i]
		if w.capitals() == v.capitals && int32(w.must) == v.must && w.nick() == v.nick && w.single() == v.single && w.marked() == v.marked && w.word() == v.word && slices.EqualFunc(m.bounds[w.lo:w.lo+int32(w.n)], v.bounds, func(a uint16, b int32) bool { return int32(a) == b }) {
			return true
		}
	}
	return false
}

// Find returns the mentions of registered persons in text, sorted by Start
// and non-overlapping.
func (m *Matcher) Find(text string) []Match { return m.FindEvident(text, nil) }

// FindEvident is Find for a text of a record in which the persons of
// evident are known to be named (the record's own persons, or persons
// Find found in any of its fields): there a Hangul given name that is
// also an everyday word is the person with any suffix of the grammar
// (지혜가, 보라처럼), as the package doc says. evident maps person IDs;
// nil is Find.
//
// A short field (a title, a tag, a relation: at most maxField bytes) that
// names a person is evidence of its own: there an everyday given name of
// that person ending in a consonant is the person with a particle alone
// too ("수정의 이야기 (한수정)").
func (m *Matcher) FindEvident(text string, evident map[string]bool) []Match {
	return m.findEvident(text, m.evidenceOf(evident))
}

// findEvident is FindEvident with ev the evidence of its evident set.
func (m *Matcher) findEvident(text string, ev *evidence) []Match {
	out := m.spacedOut(text, ev, m.find(text, ev, nil))
	if len(text) > maxField || len(out) == 0 {
		return out
	}
	var named map[string]bool
	for _, mt := range out {
		if !mt.Ambiguous && !mt.Value {
			if named == nil {
				named = map[string]bool{}
			}
			named[mt.PersonID] = true
		}
	}
	if named == nil {
		return out
	}
	return m.spacedOut(text, ev, m.find(text, ev, named))
}

// maxField is the longest text that is evidence of its own (FindEvident).
const maxField = 256

// tokenBuf holds the words of a text and their folded forms for find,
// which every field of every researcher view calls: reused, they cost
// no allocation.
type tokenBuf struct {
	words []word
	buf   []byte
}

var tokenBufs = sync.Pool{New: func() any { return new(tokenBuf) }}

// maxTokenBuf is the most bytes of folded text, and an eighth of the
// most words, a tokenBuf keeps for the next find: enough for the
// segments a view reads a long narrative in (vault/view: 320 KiB, some
// 60,000 words of English, 3 MiB), which made their words anew at each
// find (0.7 GiB for a 15 MiB narrative); a longer text's buffers go to
// the collector.
const maxTokenBuf = 1 << 20

// put returns b to the pool with words and buf, what find tokenized.
func (b *tokenBuf) put(words []word, buf []byte) {
	if cap(buf) > maxTokenBuf || cap(words) > maxTokenBuf/8 {
		return
	}
	b.words, b.buf = words[:0], buf[:0]
	tokenBufs.Put(b)
}

// doubled returns xs with room for one more, its capacity doubled when it
// has none, not grown by a quarter as append grows a long slice: a long
// text's matches or words are then allocated about twice, not five times.
func doubled[T any](xs []T) []T {
	if len(xs) < cap(xs) {
		return xs
	}
	return append(make([]T, 0, 2*len(xs)+8), xs...)
}

// find is FindEvident, with ev the evidence of its evident set
// (evidenceOf), but for names spaced out or split by markup, and for
// named, the persons a short field names (nil for others).
func (m *Matcher) find(text string, ev *evidence, named map[string]bool) []Match {
	tb := tokenBufs.Get().(*tokenBuf)
	words, buf := tokenize(text, m.fold, tb.words[:0], tb.buf[:0])
	defer tb.put(words, buf)
	var out []Match
	evident := ev.ids
	for i := 0; i < len(words); {
		if words[i].before == gapApostrophe {
			i++ // inside a word such as O'Hana
			continue
		}
		mt, next, ok := m.longest(text, words, buf, i, evident, named)
		if ok && !mt.Value {
			prev := 0
			if len(out) > 0 {
				prev = out[len(out)-1].End
			}
			mt, next = m.withFamily(text, words, buf, i, next, prev, mt)
			mt, next = withPatronymic(text, words, buf, next, mt)
		}
		if !ok && words[i].weight > 4 {
			if n := len(out); m.hanRun(buf, words[i]) {
				out = m.hanInside(text, words, buf, i, evident, out)
				if out = m.hanjaInside(text, words, buf, i, evident, out, n); len(out) > n {
					i++
					continue
				}
			}
		}
		if !ok {
			mt, next, ok = m.titled(text, words, buf, i, ev)
		}
		// A misspelt name is capitalised (fuzzy): not asked of a word in
		// lower case, as most are.
		lower := lowerStart(text, words[i])
		if !ok && !lower {
			if mt, next, ok = m.fuzzy(text, words, buf, i, ev, out); ok {
				prev := 0
				if len(out) > 0 {
					prev = out[len(out)-1].End
				}
				mt, next = m.withFamily(text, words, buf, i, next, prev, mt)
			}
		}
		// Nor is the skeleton rule, which reads a word with a capital, of a
		// script without case or with a middle dot, or one before a middle
		// dot (skeletal), asked of an ASCII word in lower case.
		if !ok && !(lower && words[i].ascii && (i+1 == len(words) || !interpunct(text[words[i].end:words[i+1].start]))) {
			mt, next, ok = m.skeletal(text, words, buf, i, ev)
		}
		if one := ok && !mt.Value && oneWord(text[mt.Start:mt.End]); one && (aboutWord(text, mt.End, lowerFirst(text[mt.Start:])) || namesThing(words, buf, next-1)) {
			ok = false // Ahmadzai is a big Pashtun tribe, the Haddad family bakery (aboutword.go)
		} else if one && !mt.Ambiguous && evident != nil && !evident[mt.PersonID] && m.strangerShort(ev, text[mt.Start:mt.End]) {
			mt.Ambiguous = true // la Yesi in a record of Yesenia (strangerShort)
		}
		if !ok {
			i++
			continue
		}
		if historical(text, mt.Start, mt.End) || mt.Value && sumOfMoney(text, mt.Start, mt.End) {
			i = next
			continue
		}
		if !mt.Ambiguous && !mt.Value && len(evident) > 1 {
			mt.Ambiguous = m.sharedFamily(text, words, buf, i, next, mt, evident)
		}
		if mt.given && len(evident) > 0 && !evident[mt.PersonID] {
			// A given name alone of a person the record does not name
			// (SEONG-HO for another record's 문성호) is as likely
			// anyone's: hidden, with no pseudonym that would link the two.
			mt.Ambiguous = true
		}
		mt.given = false
		out = append(doubled(out), mt)
		i = next
	}
	return out
}

// Everyone returns the evident set (FindEvident) of every person of m, for
// a text that may be about anyone and where a mention found too readily
// costs little, such as a purpose an audit entry would keep (it keeps a
// MAC of it instead). It is built at the first call, O(persons), and
// shared: callers must not change it.
func (m *Matcher) Everyone() map[string]bool {
	m.everyoneOnce.Do(func() {
		m.everyone = make(map[string]bool, len(m.ids))
		for _, id := range m.ids {
			m.everyone[id] = true
		}
	})
	return m.everyone
}

// NeedsEvidence reports whether a person not in evident has a given name
// that is an everyday word the evidence rule applies to: only then can the evidence of a record
// change what FindEvident finds, so a caller may skip gathering it.
func (m *Matcher) NeedsEvidence(evident map[string]bool) bool {
	m.evidencedOnce.Do(func() {
		for _, v := range m.variants {
			if v.evidence() {
				m.evidenced = append(m.evidenced, v.person)
			}
		}
		slices.Sort(m.evidenced)
		m.evidenced = slices.Compact(m.evidenced)
	})
	// More such persons than evident ones: one is not evident, found
	// without walking a registry's worth on every call.
	if len(m.evidenced) > len(evident) {
		return true
	}
	for _, p := range m.evidenced {
		if !evident[m.ids[p]] {
			return true
		}
	}
	return false
}

// withFamily extends mt, the mention of words[i:next], over a family name
// of the same person (of any registered person, if mt is ambiguous)
// written next to it, before (but not before prev, the
// end of the mention before) or after, apart or hyphenated, in any of its
// spellings: "Pak Minseo", "Minseo Park" for 박민서.
func (m *Matcher) withFamily(text string, words []word, buf []byte, i, next, prev int, mt Match) (Match, int) {
	p, _ := slices.BinarySearch(m.ids, mt.PersonID)
	isFamily := func(k int) bool {
		w := &words[k]
		f := string(buf[w.fstart:w.fend])
		if mt.Ambiguous {
			// Any of the persons it may be: any registered family name.
			_, ok := m.surnames[f]
			return ok && capitalFirst(text, words[k:k+1])
		}
		return slices.Contains(m.families[int32(p)], f) && capitalFirst(text, words[k:k+1])
	}
	// In a handle the family name is joined by a dot or an underscore and
	// in any case (dahye.yoon, yoon_dahye); in a list it comes first,
	// before a comma (Yoon, Dahye).
	ownFamily := func(k int) bool {
		w := &words[k]
		return !mt.Ambiguous && slices.Contains(m.families[int32(p)], string(buf[w.fstart:w.fend]))
	}
	joined := func(g string) bool { return g == "." || g == "_" }
	if i > 0 && words[i-1].start >= prev && words[i-1].before != gapApostrophe {
		b, g := words[i].before, text[words[i-1].end:words[i].start]
		switch {
		case (b == gapSpace || b == gapHyphen) && isFamily(i-1),
			joined(g) && ownFamily(i-1),
			g == ", " && ownFamily(i-1) && capitalFirst(text, words[i-1:i]):
			mt.Start = words[i-1].start
		}
	}
	// An initial before: Y. Dahye, D.Yoon's D. for Dahye.
	if k := i - 1; mt.Start == words[i].start && k >= 0 && words[k].start >= prev && initial(text, words, k, i) {
		mt.Start = words[k].start
	}
	if next < len(words) && mt.End == words[next-1].end {
		b, g := words[next].before, text[mt.End:words[next].start]
		// Not a Hangul family name after: Korean puts it first, so in
		// "선우하늘 선우 하늘이" it starts the next mention.
		hangul := isHangulSyllable(firstRune(buf[words[next].fstart:words[next].fend]))
		switch {
		case ((b == gapSpace || b == gapHyphen) && isFamily(next) && !hangul || joined(g) && ownFamily(next)) && rightBoundary(words, buf, next):
			mt.End, next = words[next].end, next+1
		case (g == " (" || g == "(") && ownFamily(next) && strings.HasPrefix(text[words[next].end:], ")"):
			// Beside it in brackets: Ji-an (Hwangbo).
			mt.End, next = words[next].end+1, next+1
		case b == gapSpace && !mt.Ambiguous:
			// With particles, maybe abbreviated: Sophie v.d. Broek.
			if q, last, ok := m.surnameAt(text, words, buf, next); ok && q == int32(p) && last > next {
				mt.End, next = words[last].end, last+1
			}
		}
	}
	return mt, next
}

// longest returns the longest mention that starts at words[i], and the
// index of the first word after it.
func (m *Matcher) longest(text string, words []word, buf []byte, i int, evident, named map[string]bool) (best Match, next int, found bool) {
	f0 := words[i].fstart
	for j := i; j < len(words); j++ {
		w := &words[j]
		if j > i && w.before == gapHard {
			break
		}
		e, ok := m.lookup(buf[f0:w.fend])
		// An ASCII word that ends no form has no mention ending in it:
		// endingAt's other mentions end in a Hangul stem. Most words are
		// such a word, and skip the call.
		if e.n > 0 || !w.ascii {
			if mt, hit := m.endingAt(text, words, buf, i, j, e, evident, named); hit {
				best, next, found = mt, j+1, true
			}
		}
		if !ok || !e.prefix {
			break
		}
	}
	return best, next, found
}

// endingAt returns the mention of words[i:j+1], whose compact form has
// entry e, or failing that of words[i:j+1] less a Hangul suffix; an
// everyday word is a name of a person in evident with any suffix (one
// ending in a consonant with its -이 and a particle, or of a person in
// named with a particle alone).
func (m *Matcher) endingAt(text string, words []word, buf []byte, i, j int, e entry, evident, named map[string]bool) (Match, bool) {
	w := &words[j]
	f0 := words[i].fstart
	if e.n > 0 && rightBoundary(words, buf, j) {
		// An everyday given name alone is the evident person's with a
		// Latin possessive (바다's mother), and outside a phrase of
		// either script in a short field (a title "바다 (꼬마)"; not
		// "고향 바다" or "a 장미 garden") or before a Latin word (바다
		// said).
		var bare map[string]bool
		if possessiveNext(words, buf, j) || !phraseApart(text, words, buf, i-1, i) && (len(text) <= maxField && !phraseApart(text, words, buf, j+1, j+1) || latinNext(words, buf, j)) {
			bare = evident
		}
		if mt, ok := m.choose(text, e, words[i:j+1], f0, w.fend-f0, w.weight, hangulTitleNext(words, buf, j) || roleNext(words, buf, j) || wholeField(text, words[i].start, w.end), bare, evident, nil); ok {
			mt.Start, mt.End = words[i].start, w.end
			return mt, true
		}
	}
	// Try the stems of a word ending in Hangul, longest first, and look
	// the stem up before checking the suffix: few stems are names.
	folded := buf[w.fstart:w.fend]
	var scratch [64]byte
	key := scratch[:0]
	for n := len(folded); len(folded)-n < 3*grammar().longest; {
		r, size := utf8.DecodeLastRune(folded[:n])
		if !isHangulSyllable(r) || n == size {
			break
		}
		n -= size
		if e, ok := m.lookup(buf[f0 : w.fstart+n]); ok && e.n > 0 {
			kind, ok := hangulSuffix(folded[n:])
			if !ok {
				kind, ok = copulaOnset(folded[:n], folded[n:])
			}
			if ok && !nimNoun(folded[:n], folded[n:]) {
				// A name ending in a consonant takes -이 before a
				// particle (수정이랑, 하늘이가); the word takes the
				// particle alone (하늘이 맑다, 하늘이나 바다나).
				ev := evident
				if sfx := string(folded[n:]); hasFinal(lastRune(folded[:n])) && !grammar().named[sfx] && !(sfx == "이" && clauseI(words, buf, j)) && !(sfx == "이네" && householdNext(words, buf, j)) {
					ev = named
				}
				titled := kind >= suffixPersonal ||
					kind == suffixNamed && hasFinal(lastRune(folded[:n])) ||
					kind == suffixCompanion && !plainCompanion[string(buf[f0:w.fstart+n])] ||
					string(folded[n:]) == "의" && hangulKinNext(words, buf, j)
				var singles map[string]bool
				if singleForm(words, buf, j, folded[:n], folded[n:], kind) {
					singles = evident
				}
				if mt, ok := m.stem(text, words, i, j, e, n, n, w.weight-hangulWeight(folded[n:]), titled, ev, singles); ok {
					return mt, true
				}
			}
		}
		// 민선데: the syllable before the suffix took the final consonant
		// of the copula; the stem is the name with that syllable bare.
		if base, ok := contracted(r, folded[n+size:]); ok && n > 0 {
			key = utf8.AppendRune(append(key[:0], buf[f0:w.fstart+n]...), base)
			if e, ok := m.lookup(key); ok && e.n > 0 {
				if mt, ok := m.stem(text, words, i, j, e, n+size, n+size, w.weight-hangulWeight(folded[n+size:]), false, evident, nil); ok {
					return mt, true
				}
			}
		}
	}
	return Match{}, false
}

// stem returns the mention of words[i:j+1] whose last word is cut after
// cut bytes of its folded form (the compact form of the variant ending
// klenLast bytes into it, with weight last); singles as for choose.
func (m *Matcher) stem(text string, words []word, i, j int, e entry, cut, klenLast, last int, titled bool, evident, singles map[string]bool) (Match, bool) {
	w := &words[j]
	end, ok := m.origOffset(text[w.start:w.end], cut)
	if !ok || end == 0 {
		return Match{}, false
	}
	f0 := words[i].fstart
	mt, ok := m.choose(text, e, words[i:j+1], f0, w.fstart+klenLast-f0, last, titled, evident, nil, singles)
	mt.Start, mt.End = words[i].start, w.start+end
	return mt, ok
}

// origOffset returns the offset in the original word of the end of the
// first n bytes of its folded form, if n falls on the end of a
// normalisation segment: decomposed Hangul (민서야 as conjoining jamo)
// folds to fewer bytes than it has.
func (m *Matcher) origOffset(word string, n int) (int, bool) {
	if stable(word) {
		return n, n <= len(word)
	}
	end, ok := 0, false
	m.segments(word, func(folded, orig int) bool {
		end, ok = orig, folded == n
		return folded < n
	})
	if !ok {
		return 0, false
	}
	return end, true
}

// segments calls f with the end of each normalisation segment of word,
// in its folded form and in word, until f returns false.
func (m *Matcher) segments(word string, f func(folded, orig int) bool) {
	var fo folder
	var seg []byte
	total := 0
	for i := 0; i < len(word); {
		k := norm.NFKC.NextBoundaryInString(word[i:], true)
		if k <= 0 {
			k = len(word) - i
		}
		seg, _ = fo.appendFold(seg[:0], word[i:i+k], false, m.fold)
		total += len(seg)
		i += k
		if !f(total, i) {
			return
		}
	}
}

// hangulTitleNext reports whether the word after words[j] is a title (other
// than 이) written apart, with or without particles: 하나 씨가.
func hangulTitleNext(words []word, buf []byte, j int) bool {
	if j+1 >= len(words) || words[j+1].before != gapSpace {
		return false
	}
	n := &words[j+1]
	k, ok := hangulSuffix(buf[n.fstart:n.fend])
	return ok && k == suffixTitled
}

// phraseApart reports whether words[k] is a word of a phrase with the
// word beside it, words[at] being the later of the two: joined by white
// space, and Hangul, or before it a Latin word in lower case (고향 바다,
// a 장미).
func phraseApart(text string, words []word, buf []byte, k, at int) bool {
	if k < 0 || k >= len(words) || at >= len(words) || words[at].before != gapSpace {
		return false
	}
	c := text[words[k].start]
	return isHangulSyllable(firstRune(buf[words[k].fstart:words[k].fend])) || 'a' <= c && c <= 'z' && k < at
}

// latinNext reports whether a Latin word follows words[j] apart (바다
// said); possessiveNext whether a Latin possessive does (바다's).
func latinNext(words []word, buf []byte, j int) bool {
	if j+1 >= len(words) || words[j+1].before != gapSpace {
		return false
	}
	c := buf[words[j+1].fstart]
	return 'a' <= c && c <= 'z'
}

func possessiveNext(words []word, buf []byte, j int) bool {
	return j+1 < len(words) && words[j+1].before == gapApostrophe && string(buf[words[j+1].fstart:words[j+1].fend]) == "s"
}

// roleNext reports whether the word after words[j], written apart, is a
// romanised Korean title or a Latin word for a role a person plays in a
// testimony (장미 broker, 장미 ajumma).
func roleNext(words []word, buf []byte, j int) bool {
	if j+1 >= len(words) || words[j+1].before != gapSpace {
		return false
	}
	n := &words[j+1]
	w := string(buf[n.fstart:n.fend])
	return titlesAfter[w] || roleWords[w]
}

// hangulKinNext reports whether the word after words[j], written apart,
// is a word for a relative or companion (보라의 동생, 보라의 남편이).
func hangulKinNext(words []word, buf []byte, j int) bool {
	if j+1 >= len(words) || words[j+1].before != gapSpace {
		return false
	}
	n := &words[j+1]
	return kinWord(buf[n.fstart:n.fend])
}

// wholeField reports whether text[start:end] is the whole of text but
// for white space, or starts it before a comma: a field that names
// someone alone (a tag "지혜", a relation "지혜, 조카").
func wholeField(text string, start, end int) bool {
	if strings.TrimSpace(text[:start]) != "" {
		return false
	}
	rest := strings.TrimLeft(text[end:], " \t")
	return strings.TrimSpace(rest) == "" || strings.HasPrefix(rest, ",")
}

// rightBoundary reports whether a mention may end with words[j]: the next
// word must not continue it (Suvinia is one word; in O'Brien, O is not a
// word), except for a possessive 's.
func rightBoundary(words []word, buf []byte, j int) bool {
	if j+1 == len(words) {
		return true
	}
	n := &words[j+1]
	if n.before == gapApostrophe {
		if string(buf[n.fstart:n.fend]) != "s" {
			return false
		}
		if j+2 < len(words) {
			return words[j+2].before != gapApostrophe
		}
	}
	return true
}

// thingAfter reports whether the word after text[:end], past spaces, is a
// thing a name is given to (the Abu Salim prison, the Tarhouni
// warehouse): a nickname or kunya of two words or more before it names
// the thing, not the person.
func thingAfter(text string, end int) bool {
	rest := strings.TrimLeft(text[end:min(len(text), end+24)], " ")
	n := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if n < 0 {
		n = len(rest)
	}
	w := strings.ToLower(rest[:n])
	return w != "" && (thingWords[w] || establishments[w] || skelThings[w])
}

// choose returns the mention, without its offsets, of the person whose
// variant in e is spelt by ws, a run of text words whose compact form has
// length klen (the last word cut to it, with weight last), applying the
// tie rule; it is Ambiguous if another person's variant is spelt by ws
// too. titled says that a Hangul title or vocative
// follows, which an everyday word needs to be a name; a suffix after the
// everyday word of a person in evident is enough (see FindEvident). A
// nickname is a name only of a person in known, a given name of one
// syllable only of a person in singles.
func (m *Matcher) choose(text string, e entry, ws []word, f0, klen, last int, titled bool, evident, known, singles map[string]bool) (mt Match, ok bool) {
	var win *variant
	caps := capitalised(text, ws)
	for k := range m.variants[e.first : e.first+e.n] {
		v := &m.variants[e.first+int32(k)]
		if v.capitals() && !caps || v.nick() && (!known[m.ids[v.person]] || dayOrPublic(text, ws) || len(ws) > 1 && thingAfter(text, ws[len(ws)-1].end) || (v.capitals() || v.noun()) && m.otherNameNext(text, ws, v.person)) || v.single() && !singles[m.ids[v.person]] || v.marked() && (plainASCII(text[ws[0].start:ws[len(ws)-1].end]) || shortMention(text, ws)) && !vietnameseClause(text, ws) || v.everyday() && !titled && (!(v.evidence() && evident[m.ids[v.person]]) || nounReading(text, ws)) || v.noun() && !caps && !namingBefore(text, ws[0].start) || v.word() && opensSentence(text, ws[0].start) || v.rank >= rankAlias && v.rank != rankValue && len(ws) == 1 && wordPhrase(text, ws[0], f0+klen == ws[0].fend) || !m.splits(*v, ws, f0, klen, last) {
			continue
		}
		if win == nil {
			win = v
			continue
		}
		if v.person != win.person {
			mt.Ambiguous = true
			// An ambiguous mention is named by a person the record names
			// where there is one, so that the evidence rule (hanChoose)
			// does not hang on the order of the variants.
			if evident[m.ids[win.person]] {
				break
			}
			if evident[m.ids[v.person]] {
				win = v
				break
			}
		}
	}
	if win == nil {
		return Match{}, false
	}
	mt.PersonID, mt.Value = m.ids[win.person], win.rank == rankValue
	// An everyday given name (슬기, 수정) is found alone only with evidence
	// of a person (슬기한테), which a view's evidence pass must count: it
	// is no stranger's given name for the rule in find.
	mt.given = (win.rank == rankGiven || win.rank == rankRomanised) && !win.everyday()
	return mt, true
}

// opensSentence reports whether the word at offset i of text opens a
// sentence: nothing but spaces, quotes, brackets and dashes before it
// since the start of the text, a line break or a full stop, question or
// exclamation mark, or a colon before an opening quote (сказал: «Слава…).
func opensSentence(text string, i int) bool {
	quoted := false
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case strings.ContainsRune(".!?…\n", r), r == ':' && quoted:
			return true
		case strings.ContainsRune("\"'«„“‘", r):
			quoted = true
		case !unicode.IsSpace(r) && !strings.ContainsRune("»”’()[]—–-", r):
			return false
		}
		i -= n
	}
	return true
}

// shortMention reports whether ws is one word of two letters or fewer: a
// marked name so short (Hà) is a person only in a clause of
// vietnameseClause, marks or not.
func shortMention(text string, ws []word) bool {
	return len(ws) == 1 && utf8.RuneCountInString(norm.NFC.String(text[ws[0].start:ws[0].end])) <= 2
}

// lineBroken reports whether the gap g between two words is a hyphen
// and a line break: a word broken at the end of a line.
func lineBroken(g string) bool {
	// Most gaps are one space, too short to hold both.
	return len(g) > 1 && strings.Contains(g, "-") && strings.ContainsAny(g, "\n\r")
}

// plainASCII reports whether s holds no byte beyond ASCII.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// capitalised reports whether no word of ws starts with a lower-case
// letter, but for a word that follows a hyphen or an apostrophe in the
// same token ("Jong-un") or a hyphen at the end of a line (the rest of a
// word broken there: "Yese-⏎nia"), and a particle after the first word
// ("Maria de la Cruz").
func capitalised(text string, ws []word) bool {
	for k, w := range ws {
		if k > 0 && (w.before != gapSpace || particles[text[w.start:w.end]] || lineBroken(text[ws[k-1].end:w.start])) {
			continue
		}
		if c := text[w.start]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[w.start:]); unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// splits reports whether the way ws splits a compact form is allowed for
// v: each text word either starts and ends on registered word boundaries
// or lies inside one registered word and has a weight of at least two.
func (m *Matcher) splits(v variant, ws []word, f0, klen, last int) bool {
	if len(ws) == 1 {
		return true // the whole variant written as one word
	}
	if v.must != 0 && !slices.ContainsFunc(ws, func(w word) bool { return w.fstart-f0 == int(v.must) }) {
		return false
	}
	b := m.bounds[v.lo : v.lo+int32(v.n)]
	for k := 0; k < len(ws); k++ {
		a, weight := ws[k].fstart-f0, ws[k].weight
		z := ws[k].fend - f0
		if k == len(ws)-1 {
			z, weight = klen, weight-ws[k].weight+last
		}
		// b[lo] is the last registered boundary at or before a; a < klen,
		// so b[lo+1] exists.
		lo := 0
		for lo+2 < len(b) && int(b[lo+1]) <= a {
			lo++
		}
		if int(b[lo]) == a && slices.Contains(b, uint16(z)) {
			continue
		}
		if int(b[lo+1]) < z || weight < 2 {
			return false
		}
	}
	return true
}
