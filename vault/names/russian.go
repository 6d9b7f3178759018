package names

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Russian given names. A Russian adult is named by given name and
// patronymic (Ирина Викторовна, Dmitrii Aleksandrovich), a friend by a
// diminutive (Дима, Надя, Kolya, Ирочка, Олежка), in Cyrillic or in any of
// the Latin transliterations. A person whose name or alias is Russian in
// shape (a patronymic, or a Slavic family name after one given name) gets
// its given name in both scripts and its diminutives as variants of the
// given name alone, found only where the person is evident (as nicknames
// are), and any patronymic after a mention is taken into it.

// patronymicEndings end a patronymic, folded: -ович, -евич, -ич, -овна,
// -евна, -ична, -инична and their Latin transliterations. -ich alone is
// left out in Latin letters, where English words end so (rich, which).
var patronymicEndings = []string{"ович", "евич", "ич", "овна", "евна", "ична",
	"ovich", "evich", "ovitch", "evitch", "ovna", "evna", "ichna", "yevna", "yevich",
	"owitsch", "ewitsch", "owna", "ewna"}

// minPatronymic is the least letters of a patronymic: Ильич, Lvovna.
const minPatronymic = 5

// patronymic reports whether w, a folded word, has the shape of a
// patronymic.
func patronymic(w string) bool {
	if utf8.RuneCountInString(w) < minPatronymic {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// russianGiven returns the given name of a name of Russian shape: the
// first of two or three tokens when another is a patronymic or the last
// is a Slavic family name (Nadezhda Petrovna Belova, Надежда Белова), the
// second of three when the last is a patronymic (Кузнецов Сергей
// Иванович, family name first as the import format has it).
func russianGiven(name []token) (string, bool) {
	if len(name) < 2 || len(name) > 3 || len(name[0].words) != 1 {
		return "", false
	}
	if len(name) == 3 && len(name[1].words) == 1 && len(name[2].words) == 1 && patronymic(name[2].words[0]) && !patronymic(name[1].words[0]) {
		return name[1].words[0], true
	}
	for _, t := range name[1:] {
		if len(t.words) == 1 && patronymic(t.words[0]) {
			return name[0].words[0], true
		}
	}
	if slavicSurname(name[len(name)-1]) {
		return name[0].words[0], true
	}
	return "", false
}

// diminutives maps Russian given names to their usual short forms (Ира
// for Ирина, Саша and Саня for Александр), from which diminutiveForms
// derives the rest by rule (Ирочка, Сашка, Санёк), and to the irregular
// familiar forms no rule makes (Димон for Дмитрий, Гарик and Гоша for
// Игорь, Жека for Евгений, Шурик for Александр).
var diminutives = map[string][]string{
	"дмитрий": {"дима", "митя", "димон", "димас"}, "надежда": {"надя"}, "ирина": {"ира"}, "николай": {"коля", "колян"},
	"олег": {"олежка"}, "александр": {"саша", "саня", "шура", "шурик", "санчо"}, "александра": {"саша", "шура"},
	"михаил": {"миша", "мишаня"}, "иван": {"ваня", "ванька"}, "мария": {"маша", "маня"}, "екатерина": {"катя"},
	"наталья": {"наташа", "ната"}, "наталия": {"наташа", "ната"}, "анна": {"аня", "анюта"}, "елена": {"лена", "алёна"},
	"ольга": {"оля"}, "татьяна": {"таня"}, "сергей": {"серёжа", "серж"}, "алексей": {"лёша", "алёша"},
	"владимир": {"володя", "вова", "вован"}, "павел": {"паша", "павлик"}, "пётр": {"петя"}, "петр": {"петя"},
	"юрий": {"юра"}, "евгений": {"женя", "жека"}, "евгения": {"женя"}, "анастасия": {"настя"}, "людмила": {"люда", "мила"},
	"светлана": {"света"}, "галина": {"галя"}, "виктор": {"витя"}, "андрей": {"андрюша", "дрюня"}, "борис": {"боря"},
	"григорий": {"гриша"}, "константин": {"костя"}, "василий": {"вася"}, "валентина": {"валя"},
	"вячеслав": {"слава"}, "ярослав": {"слава"}, "станислав": {"стас"}, "антон": {"антоша", "тоша"},
	"любовь": {"люба"}, "ксения": {"ксюша"}, "яна": {"яночка"}, "юлия": {"юля"}, "дарья": {"даша"},
	"игорь": {"гарик", "гоша", "игорёша"}, "анатолий": {"толя"}, "виталий": {"виталик", "витя"},
	"георгий": {"жора", "гоша", "гога"}, "геннадий": {"гена"}, "валерий": {"валера"}, "леонид": {"лёня"},
	"максим": {"макс"}, "роман": {"рома"}, "аркадий": {"аркаша"}, "эдуард": {"эдик"}, "вадим": {"вадик", "вадя"},
	"руслан": {"руся"}, "денис": {"дэн"}, "кирилл": {"киря"}, "ярослава": {"яся"}, "вера": {"верочка"},
	"маргарита": {"рита"}, "валентин": {"валя"}, "тимофей": {"тима"}, "фёдор": {"федя"}, "федор": {"федя"},
	"артём": {"тёма"}, "артем": {"тёма"}, "семён": {"сёма"}, "семен": {"сёма"}, "степан": {"стёпа"}, "матвей": {"мотя"}, "лев": {"лёва"},
}

// russianWordForms are the short forms of diminutiveForms and the case
// forms of declensionVariants that are also Russian words, in the word
// list of hunspell-ru 7.5 expanded by its affix rules (слава "glory",
// света "of light", лена "of flax", гена "of the gene", рома "of rum",
// любой "any"): a name only where no sentence starts with it
// (opensSentence), so that "Слава богу" stays.
var russianWordForms = wordSet("боре борей вале валек вали валик валька валю валя валёк ванька вере верой веру веры галек " +
	"галька гена гене гену гены жене жени женю женя жора жоре жору кате кати катюша катя коле колей " +
	"колечка коли колик колю костей кости костя лена лене ленка лену лены люба любой любы люда люде " +
	"люду макс максима максиме максимом максиму маня маргарите маргариту маха маше машу мила милка " +
	"милочка мишка надежде надеждой надежду надежды насте паха паша паше пашей паши пашу рома романа " +
	"романе романом роману роме рому саше света свете свету сережка серёжка слава славе славка " +
	"славой славу славы толе толю толя юле юли юлю юля юра юре юрка юрой юру юры " +
	"семена тема теме темой тему темы льва льве львом льву")

// diminutiveForms returns the short forms of a Cyrillic given name and
// their derived forms (derived), and the given name's own: one in -ь
// (Игорь) with -ёк, -ёша, -ёха (Игорёк, Игорёша, Игорёха); one in г, к or
// х with its consonant softened and -ка (Олежка); one in -я after a
// consonant (Олеся) with -ька, -енька, -ечка (Олеська, Олесенька); one in
// н with -чик (Русланчик); one in another hard consonant, but for a
// fleeting vowel (Павел), with -ка (Артёмка, Егорка). A form with ё is
// also written with е, as most texts do (Серёжа, Сережа).
func diminutiveForms(given string) []string {
	var forms []string
	for _, root := range diminutives[given] {
		forms = append(forms, root)
		forms = append(forms, derived(root)...)
	}
	stem, last := cutLast(given)
	switch _, _, soft := vowelAfterConsonant(given); {
	case last == 'ь':
		forms = append(forms, stem+"ёк", stem+"ёша", stem+"ёха")
	case strings.ContainsRune("гкх", last):
		soft := map[rune]string{'г': "ж", 'к': "ч", 'х': "ш"}[last]
		forms = append(forms, stem+soft+"ка", stem+soft+"ек")
	case last == 'я' && soft:
		forms = append(forms, stem+"ька", stem+"енька", stem+"ечка")
	case last == 'н':
		forms = append(forms, given+"чик")
	case last >= 'б' && last <= 'я' && !strings.ContainsRune("жшчщцаеёиоуыэюяйь", last) && fleeting[given] == "":
		forms = append(forms, given+"ка") // Артёмка, Егорка, Дениска
	}
	var out []string
	for _, f := range forms {
		out = appendNew(out, f)
		if strings.ContainsRune(f, 'ё') {
			out = appendNew(out, strings.ReplaceAll(f, "ё", "е"))
		}
	}
	return out
}

// derived returns the forms of endearment and familiarity of a short
// form: on one in -а (Дима, Саша, Ната) -ка, -очка, -уля, -ик, -уська,
// -уня (Димка, Димочка, Димуля, Славик, Натуська, Натуня), -ыч after a
// hard consonant other than г, к, х (Тёмыч, Димыч), -ок after ш
// (Сашок), -ха for -ша (Андрюха, Лёха; not Саха, Yakutia) and -га for
// -жа (Серёга); on one in -я (Ваня, Саня, Женя, Леся, Вадя) -ечка,
// -енька, -ька, -юша, -юха, -ёк, -ик, -юська, -юня and -юля (Ванечка,
// Санёк, Толик, Лесенька, Леська, Вадька, Катюша, Катюня).
func derived(root string) []string {
	stem, last := cutLast(root)
	switch last {
	case 'а':
		forms := []string{stem + "ка", stem + "очка", stem + "уля", stem + "ик", stem + "уська", stem + "уня"}
		switch s, c := cutLast(stem); {
		case !strings.ContainsRune("гкхжшчщцаеёиоуыэюяйь", c):
			// The familiar -ыч after a hard consonant (Тёмыч, Димыч).
			forms = append(forms, stem+"ыч")
		case c == 'ш':
			forms = append(forms, stem+"ок")
			if s+"ха" != "саха" { // Саха is Yakutia
				forms = append(forms, s+"ха")
			}
		case c == 'ж':
			forms = append(forms, s+"га")
		}
		return forms
	case 'я':
		return []string{stem + "ечка", stem + "енька", stem + "ька", stem + "юша", stem + "юха", stem + "ёк", stem + "ик",
			stem + "юська", stem + "юня", stem + "юля"}
	}
	return nil
}

func cutLast(s string) (string, rune) {
	r, n := utf8.DecodeLastRuneInString(s)
	return s[:len(s)-n], r
}

// latinToCyrillic are the Latin spellings of Cyrillic letters, longest
// first, for a given name registered in Latin letters (Nadezhda:
// Надежда; Nikolai: Николай).
var latinToCyrillic = []struct{ lat, cyr string }{
	{"shch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"ya", "я"}, {"ia", "я"}, {"yu", "ю"}, {"iu", "ю"}, {"yo", "ё"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"w", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"},
	{"z", "з"}, {"i", "и"}, {"y", "ы"}, {"j", "й"}, {"k", "к"}, {"c", "к"}, {"l", "л"},
	{"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"},
	{"u", "у"}, {"f", "ф"}, {"h", "х"},
}

// cyrillicOf returns the Cyrillic spelling of a Latin given name, or ""
// if it holds a letter beyond the table. A final -i, -ii or -iy after a
// consonant is -ий (Dmitri: Дмитрий), after a vowel -й (Nikolai:
// Николай); -y after a vowel is -й (Andrey: Андрей).
func cyrillicOf(lat string) string {
	var b strings.Builder
	for i := 0; i < len(lat); {
		rest := lat[i:]
		switch {
		case rest == "ii" || rest == "iy" || rest == "ij":
			b.WriteString("ий")
			i = len(lat)
			continue
		case (rest == "i" || rest == "y") && i > 0:
			if strings.ContainsRune("aeiouy", rune(lat[i-1])) {
				b.WriteString("й")
			} else {
				b.WriteString("ий")
			}
			i = len(lat)
			continue
		}
		found := false
		for _, p := range latinToCyrillic {
			if strings.HasPrefix(rest, p.lat) {
				b.WriteString(p.cyr)
				i += len(p.lat)
				found = true
				break
			}
		}
		if !found {
			return ""
		}
	}
	return b.String()
}

// transliterations are the Latin spellings of each Cyrillic letter, one
// per system in use (passport and BGN, scholarly, Slavist, French and
// German styles folded into the common cases: Kusnezow, Sergej,
// Nikolajewitsch, Chtcherbakov); ий at the end is spelt by finalIy, е at
// the start or after a vowel by the German system je (Jewgeni), and й
// before a consonant by the German system i, as the German press writes
// it (Saizew, Tschaikowski; Sergej at the end).
var transliterations = map[rune][5]string{
	'а': {"a", "a", "a", "a", "a"}, 'б': {"b", "b", "b", "b", "b"}, 'в': {"v", "v", "v", "v", "w"}, 'г': {"g", "g", "g", "g", "g"},
	'д': {"d", "d", "d", "d", "d"}, 'е': {"e", "e", "e", "e", "e"}, 'ё': {"yo", "e", "jo", "yo", "jo"}, 'ж': {"zh", "zh", "zh", "j", "sch"},
	'з': {"z", "z", "z", "z", "s"}, 'и': {"i", "i", "i", "i", "i"}, 'й': {"y", "i", "j", "i", "j"}, 'к': {"k", "k", "k", "k", "k"},
	'л': {"l", "l", "l", "l", "l"}, 'м': {"m", "m", "m", "m", "m"}, 'н': {"n", "n", "n", "n", "n"}, 'о': {"o", "o", "o", "o", "o"},
	'п': {"p", "p", "p", "p", "p"}, 'р': {"r", "r", "r", "r", "r"}, 'с': {"s", "s", "s", "s", "s"}, 'т': {"t", "t", "t", "t", "t"},
	'у': {"u", "u", "u", "ou", "u"}, 'ф': {"f", "f", "f", "f", "f"}, 'х': {"kh", "kh", "h", "kh", "ch"}, 'ц': {"ts", "ts", "c", "ts", "z"},
	'ч': {"ch", "ch", "ch", "tch", "tsch"}, 'ш': {"sh", "sh", "sh", "ch", "sch"}, 'щ': {"shch", "shch", "sch", "chtch", "schtsch"},
	'ъ': {"", "", "", "", ""}, 'ы': {"y", "y", "y", "y", "y"}, 'ь': {"", "", "", "", ""}, 'э': {"e", "e", "e", "e", "e"},
	'ю': {"yu", "iu", "ju", "iou", "ju"}, 'я': {"ya", "ia", "ja", "ia", "ja"},
}

// finalIy spells ий at the end of a name in each system: Dmitriy,
// Dmitrii, Dmitrij, Dmitri, Dmitrij; Dmitry is added apart.
var finalIy = [5]string{"iy", "ii", "ij", "i", "ij"}

// germanSystem is the index of the German system in transliterations.
const germanSystem = 4

// latinOf returns the Latin spellings of a Cyrillic word, one per
// system, without repeats; nil if it holds a letter beyond the table.
func latinOf(cyr string) []string {
	var out []string
	for sys := range len(finalIy) {
		var b strings.Builder
		prevVowel := false
		for i, r := range cyr {
			if r == 'и' && cyr[i+len("и"):] == "й" {
				b.WriteString(finalIy[sys])
				if sys == 0 {
					out = appendNew(out, b.String()[:b.Len()-2]+"y")
				}
				break
			}
			t, ok := transliterations[r]
			if !ok {
				return nil
			}
			switch {
			case sys == germanSystem && r == 'е' && (i == 0 || prevVowel):
				b.WriteString("je")
			case sys == germanSystem && r == 'й' && consonantAt(cyr, i+len("й")):
				b.WriteString("i")
			default:
				b.WriteString(t[sys])
			}
			prevVowel = strings.ContainsRune("аеёиоуыэюя", r)
		}
		out = appendNew(out, b.String())
	}
	return out
}

// consonantAt reports whether the Cyrillic word w holds a consonant at
// byte offset i.
func consonantAt(w string, i int) bool {
	r, _ := utf8.DecodeRuneInString(w[i:])
	return i < len(w) && !strings.ContainsRune("аеёиоуыэюяйьъ", r)
}

func appendNew(out []string, s string) []string {
	for _, o := range out {
		if o == s {
			return out
		}
	}
	return append(out, s)
}

// russianForms returns the spellings of a Russian given name (folded, in
// either script) and of its diminutives, in Cyrillic and Latin letters,
// but not the name as given: the name and its short forms (Дима, Димон)
// in every transliteration, a form derived from a short form (Димочка,
// Санёк) in the first only (Dimochka, Sanyok), since each spelling is a
// variant of every person of the name; a spelling in -ia has its Polish
// cases in -i and -iu (Olesi, Olesiu).
func russianForms(given string) []string {
	cyr := given
	if r, _ := utf8.DecodeRuneInString(given); r < 0x400 || r > 0x4FF {
		if cyr = cyrillicOf(given); cyr == "" {
			return nil
		}
	}
	var out []string
	for _, c := range append([]string{cyr}, diminutiveForms(cyr)...) {
		out = appendNew(out, c)
		latin := latinOf(c)
		if c != cyr && !slices.Contains(diminutives[cyr], c) {
			latin = latin[:min(len(latin), 1)]
		}
		for _, l := range latin {
			out = appendNew(out, l)
			// The Polish genitive and vocative of a name in -ia (Olesi,
			// Olesiu for Olesia), as a Polish text writes a Russian or
			// Ukrainian woman's name.
			if stem, ok := strings.CutSuffix(l, "ia"); ok && len(latin) > 1 && len(stem) >= 3 {
				out = appendNew(appendNew(out, stem+"i"), stem+"iu")
			}
		}
	}
	return out
}

// russianVariants returns the variants of the given name of a name of
// Russian shape in its other spellings and diminutives: alone,
// capitalised, only where the person is evident.
func (m *Matcher) russianVariants(person int32, name []token) []rawVariant {
	given, ok := russianGiven(name)
	if !ok {
		return nil
	}
	return m.russianNickVariants(person, slices.DeleteFunc(russianForms(given), func(f string) bool { return f == given }))
}

// russianNickVariants returns the folded forms of a Russian given name as
// its variants alone: capitalised, only where the person is evident, and
// not opening a sentence where the form is a word (russianWord).
func (m *Matcher) russianNickVariants(person int32, forms []string) []rawVariant {
	var out []rawVariant
	for _, f := range forms {
		ts, err := m.parseName(f)
		if err != nil || weight(ts) < 3 {
			continue
		}
		v := newRaw(person, rankGiven, ts)
		v.capitals, v.nick, v.word = true, true, russianWord(f)
		out = append(out, v)
	}
	return out
}

// withPatronymic extends a mention that ends before words[next] over a
// patronymic written after it, capitalised (Ирина Викторовна, Dmitrii
// Aleksandrovich): with it the given name is a person's.
func withPatronymic(text string, words []word, buf []byte, next int, mt Match) (Match, int) {
	if next >= len(words) || words[next].before != gapSpace || !capitalFirst(text, words[next:next+1]) ||
		!patronymic(string(buf[words[next].fstart:words[next].fend])) {
		return mt, next
	}
	mt.End = words[next].end
	return mt, next + 1
}
