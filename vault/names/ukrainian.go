package names

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Ukrainian names. A Ukrainian registered in Cyrillic (Ірина Ковальська,
// Оксана Петрівна Мельник, Андрій Коваленко) is named in Ukrainian text in
// seven cases (Ірину Ковальську вивезли, з Іриною Ковальською, Ірині
// Ковальській, Ірино!), by diminutives (Оксанка, Іринка, Ксана), in
// Russian (Ирина Ковальская, Оксана Петровна Мельник, Андрей) and in
// Latin letters (Iryna Kovalska by the official table of 2010, Andriy,
// Andrij, Wiktor Tkaczuk, and the Russian-based Irina Kovalskaya, Melnik).
// ukrainianVariants gives such a name those forms:
//
//   - the full name (given name, patronymic and family name, or given and
//     family name) in each case, capitalised;
//   - the Russian form of the name (russianOfName), with every variant a
//     Russian name of that shape has (declensionVariants, russianVariants,
//     cyrillicVariants);
//   - the full name in Latin letters (ukrainianLatin) and in the Russian
//     transliterations, capitalised;
//
// and, only where the person is evident (as nicknames are):
//
//   - the given name in each case other than the nominative, and the
//     family name in each case (пані Мельник, Коваленка шукає поліція);
//   - the given name's short forms (ukrainianDiminutives: Ксана, Іра) and
//     the forms rule derives from it and them (ukrainianDerived: Оксанка,
//     Оксаночка, Оксануся, Іринка, Андрійко, Ірка), with the cases of those
//     in -ка;
//   - the given and family name alone in Latin letters (Andrii, Melnyk).
//
// A woman's family name that ends in a consonant or -о does not decline
// (з Оксаною Мельник, Ірині Коваленко).

// ukrainianLetters are the letters of the Ukrainian alphabet that Russian
// lacks, folded.
const ukrainianLetters = "іїєґ"

// ukrainianParts returns the given name, patronymic and family name,
// folded, of a name of Ukrainian shape written in Cyrillic: two or three
// words, given name first, or family name first before given name and
// patronymic, where a word holds a letter only Ukrainian has or the
// patronymic ends as a Ukrainian one does; a part the name lacks is "".
// It reads the name as registered, not its tokens: a word of Cyrillic
// letters that look Latin (Віктор, Оксана) is folded to Latin letters
// there.
func ukrainianParts(name string) (given, patr, family string, ok bool) {
	w := strings.Fields(strings.ToLower(norm.NFC.String(name)))
	if len(w) < 2 || len(w) > 3 {
		return "", "", "", false
	}
	ukr := false
	for _, x := range w {
		if !cyrillicWord(x) {
			return "", "", "", false
		}
		ukr = ukr || strings.ContainsAny(x, ukrainianLetters)
	}
	switch {
	case len(w) == 3 && ukrainianPatronymic(w[1]):
		given, patr, family = w[0], w[1], w[2]
	case len(w) == 3 && ukrainianPatronymic(w[2]):
		given, patr, family = w[1], w[2], w[0]
	case len(w) == 2:
		given, family = w[0], w[1]
	default:
		return "", "", "", false
	}
	return given, patr, family, ukr || strings.HasSuffix(patr, "івна") || strings.HasSuffix(patr, "ївна") ||
		ukrainianFamily(family) && !strings.ContainsAny(strings.Join(w, ""), russianOnlyLetters)
}

// russianOnlyLetters are the letters of the Russian alphabet that
// Ukrainian lacks.
const russianOnlyLetters = "ыэъё"

// ukrainianFamily reports whether a folded Cyrillic family name ends as
// Ukrainian family names typically do and Russian ones do not (the
// suffixes of Redko's handbook of Ukrainian surnames): -енко (Шевченко,
// Дорошенко), -ук, -юк, -чук (Гнатюк, Ткачук), -ишин (Стасишин), and
// the endings spelt with a soft sign, -ець (Кравець; Russian writes
// -ец), -ський, -цький, -зький, -ська (Ковальський; Russian -ский). Олег Гнатюк, all of whose letters
// are Russian's too, is so read as Ukrainian as well.
func ukrainianFamily(f string) bool {
	if utf8.RuneCountInString(f) < 4 {
		return false
	}
	for _, e := range []string{"енко", "ук", "юк", "ишин", "ець", "ський", "цький", "зький", "ська", "цька", "зька"} {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	return false
}

// ukrainianPatronymic reports whether w, folded, ends as a Ukrainian
// patronymic does: -ович, -йович, -івна, -ївна, -ич, -ична.
func ukrainianPatronymic(w string) bool {
	if utf8.RuneCountInString(w) < minPatronymic {
		return false
	}
	for _, e := range []string{"ович", "евич", "івна", "ївна", "ич", "ична"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// feminineGiven reports whether a folded Ukrainian given name is a
// woman's: one in -а or -я but for the men's names so ending.
func feminineGiven(g string) bool {
	_, last := cutLast(g)
	return (last == 'а' || last == 'я') && !masculineInA[g]
}

// masculineInA are men's given names in -а or -я, folded.
var masculineInA = wordSet("микола сава ілля кузьма фома лука мина никита")

// ukrainianCases returns the forms of a folded Ukrainian word in the
// nominative, genitive, dative (both endings of a man's: Андрієві,
// Андрію), accusative, instrumental, locative and vocative, without
// repeats, the nominative first and the genitive second, by its ending:
// a noun in -а or -я (Ірина, Марія, Оля, Микола), a man's in a consonant,
// -й, -ь, -ець with its fleeting vowel or -о (Віктор, Андрій, Василь,
// Кравець: Кравця, Петро, Коваленко; patronymics in -ич), an adjective in
// -ий (Ковальський, Білий) and the feminine in -ська, -цька, and a family
// name in -ова, -ева that declines as one (Петрова: Петрової); fem says
// the word is a woman's name, whose family name in a consonant or -о
// does not decline. Nil for any other.
func ukrainianCases(w string, fem bool) []string {
	stem, last := cutLast(w)
	_, prev := cutLast(stem)
	hushing := strings.ContainsRune("жчшщ", prev)
	var forms []string
	switch {
	case strings.HasSuffix(w, "ий") && utf8.RuneCountInString(w) > 4:
		// An adjective: Ковальський, Білий.
		s := strings.TrimSuffix(w, "ий")
		forms = []string{w, s + "ого", s + "ому", s + "им", s + "ім"}
	case strings.HasSuffix(w, "ська") || strings.HasSuffix(w, "цька") || strings.HasSuffix(w, "зька") ||
		strings.HasSuffix(w, "ова") || strings.HasSuffix(w, "ева") || strings.HasSuffix(w, "єва"):
		// A feminine adjective, and a family name in -ова that
		// declines as one (Петрова: Петрової; the wife's Гнатюкова).
		s := strings.TrimSuffix(w, "а")
		forms = []string{w, s + "ої", s + "ій", s + "у", s + "ою"}
	case last == 'а':
		gen, ins, dat := "и", "ою", stem+"і"
		if hushing {
			gen, ins = "і", "ею"
		}
		if soft, ok := map[rune]string{'г': "з", 'к': "ц", 'х': "с"}[prev]; ok {
			// Ольга: Ользі, Оксанка: Оксанці.
			s, _ := cutLast(stem)
			dat = s + soft + "і"
		}
		forms = []string{w, stem + gen, dat, stem + "у", stem + ins, stem + "о"}
	case last == 'я' && strings.ContainsRune("аеєиіїоуюя", prev):
		forms = []string{w, stem + "ї", stem + "ю", stem + "єю", stem + "є"}
	case last == 'я':
		forms = []string{w, stem + "і", stem + "ю", stem + "ею", stem + "е"}
	case fem:
		// Мельник, Коваленко for a woman.
		forms = []string{w}
	case last == 'й':
		forms = []string{w, stem + "я", stem + "єві", stem + "ю", stem + "єм"}
	case strings.HasSuffix(w, "ець") && utf8.RuneCountInString(w) > 4:
		// The fleeting vowel: Кравець, Кравця, Кравцеві, Кравцю.
		s := strings.TrimSuffix(w, "ець") + "ц"
		forms = []string{w, s + "я", s + "еві", s + "ю", s + "ем", s + "і"}
	case last == 'ь':
		forms = []string{w, stem + "я", stem + "еві", stem + "ю", stem + "ем"}
	case last == 'о':
		forms = []string{w, stem + "а", stem + "ові", stem + "у", stem + "ом", stem + "е"}
	case last >= 'а' && last <= 'я' && !strings.ContainsRune("аеєиіїоуюяь", last) || last == 'ґ':
		dat, ins, voc := w+"ові", w+"ом", w+"е"
		if strings.ContainsRune("жчшщ", last) {
			dat, ins, voc = w+"еві", w+"ем", w+"у"
		}
		forms = []string{w, w + "а", dat, w + "у", ins, w + "і", voc}
		if soft, ok := map[rune]string{'г': "ж", 'к': "ч", 'х': "ш"}[last]; ok {
			// Ткачук: Ткачуче, Ткачуку.
			forms = append(forms, stem+soft+"е")
		}
	default:
		return nil
	}
	var out []string
	for _, f := range forms {
		out = appendNew(out, f)
	}
	return out
}

// ukrainianDiminutives maps Ukrainian given names, folded, to their usual
// short and familiar forms, from which ukrainianDerived makes the rest by
// rule.
var ukrainianDiminutives = map[string][]string{
	"оксана": {"ксана", "ксеня"}, "ірина": {"іра", "ірися"}, "андрій": {"андрюша", "андрюха"}, "віктор": {"вітя", "вітьок"},
	"олександр": {"сашко", "саша", "олесь"}, "олександра": {"саша", "леся"}, "сергій": {"сергійко", "сірьожа"},
	"марія": {"марійка", "марічка", "маруся"}, "наталія": {"наталка", "наташа"}, "тетяна": {"таня", "тетянка"},
	"катерина": {"катя", "катруся"}, "олена": {"оленка", "лєна"}, "ольга": {"оля", "олюся"}, "юлія": {"юля"},
	"дмитро": {"дмитрик", "митя"}, "микола": {"миколка", "коля"}, "іван": {"івась", "іванко", "ваня"},
	"петро": {"петрик", "петрусь"}, "михайло": {"михась", "мишко"}, "володимир": {"володя", "вова"},
	"юрій": {"юрко", "юра"}, "василь": {"василько", "вася"}, "богдан": {"бодя", "богданчик"}, "тарас": {"тарасик"},
	"ганна": {"ганнуся", "ганя"}, "галина": {"галя", "галинка"}, "надія": {"надійка", "надя"}, "людмила": {"люда", "мила"},
	"світлана": {"світланка", "світла"}, "віра": {"вірочка"}, "анна": {"аня", "анечка"}, "павло": {"павлик", "павлусь"},
	"олексій": {"олексійко", "льоша"}, "євген": {"женя", "євгенко"}, "ярослав": {"ярко", "слава"}, "ярослава": {"яся"},
	"вікторія": {"віка"}, "валентина": {"валя"}, "роман": {"ромко", "рома"}, "степан": {"степанко", "стьопа"},
	"костянтин": {"костя"}, "анатолій": {"толя"}, "віталій": {"віталик", "вітя"}, "григорій": {"гриць", "грицько"},
	"федір": {"федько"}, "ігор": {"ігорко"}, "максим": {"максимко"}, "денис": {"дениско"},
}

// ukrainianDerived returns the forms of endearment a rule makes from a
// folded Ukrainian given name or short form, with the diminutive suffixes
// of a standard grammar (-к-, -очк-, -ечк-, -еньк-, -ус-/-юс-, -ун-/-юн-,
// -ц-, -ко, -ик, -усь): on one in -а after a consonant -ка, -очка, -уся,
// -унька, -ця (Оксанка, Оксаночка, Оксануся, Оксанунька; Ірка for Іра);
// on one in -я after a consonant -ечка, -енька, -очка, -юся, -юня, -ця
// (Олечка, Галочка, Галюся); on a man's in -й -ко (Андрійко); in -о -ик,
// -усь (Петрик, Петрусь); in a hard consonant -ик (Тарасик, Олежик);
// none on a form whose last consonant is г, к, х or a hushing one
// (Андрюша, Андрюха, Іванко), a diminutive already.
func ukrainianDerived(w string) []string {
	stem, last := cutLast(w)
	_, prev := cutLast(stem)
	consonant := prev >= 'а' && !strings.ContainsRune("аеєиіїоуюяйь", prev)
	switch {
	case strings.ContainsRune("гкхжчшщ", prev):
		// Андрюша, Андрюха, Іванко: diminutives already.
		return nil
	case last == 'а' && consonant:
		return []string{stem + "ка", stem + "очка", stem + "уся", stem + "унька", stem + "ця"}
	case last == 'я' && consonant:
		// Галя: Галечка, Галенька, Галочка, Галюся, Галюня, Галця.
		return []string{stem + "ечка", stem + "енька", stem + "очка", stem + "юся", stem + "юня", stem + "ця"}
	case last == 'й':
		return []string{w + "ко"}
	case last == 'о' && consonant:
		return []string{stem + "ик", stem + "усь"}
	case last >= 'б' && last <= 'щ' && !strings.ContainsRune("аеєиіїоуюяйьжчшщ", last):
		// A man's name in a hard consonant: Олег, Олежик; Тарас,
		// Тарасик (г, к, х soften before -ик).
		if soft, ok := map[rune]string{'г': "ж", 'к': "ч", 'х': "ш"}[last]; ok {
			return []string{stem + soft + "ик"}
		}
		return []string{w + "ик"}
	}
	return nil
}

// ukrainianWordForms are the forms of the given names of
// ukrainianDiminutives made here that are also Ukrainian words, in the
// word list of hunspell-uk (uk_UA, Debian's 6.x dictionary) checked with
// hunspell -G: світла "light", віри "of faith", надію "hope", віки and
// віці "ages", юра "Jura"; a name only where no sentence starts with it.
// A family name that is a word (Мельник "miller") is not among them: a
// record that names the person names them so at a sentence's start too.
var ukrainianWordForms = wordSet("світла вікторію вікторією віки віці віри вірою надії надію надією юра юрка " +
	"марійка марійки марійці марійку марійкою марійко " +
	// r18c's forms (-очка, -юся, -ця in their cases; the wife's -ка,
	// -иха of a family name), by the same check with uk_UA and ru_RU
	// over the table's names, their short forms and 32 common family
	// names: "танці" dances, "митці" artists, "вірусі" in a
	// virus, "валюся" I fall, "полячка" a Polish woman, "мазурка",
	// "козачка", "косточка" a stone of a fruit. Галочка ("a tick") is
	// left out: a record that calls her so starts sentences with it.
	"валюся валочка валочки валочкою валочку валочці валці вірусі женюся женці женця женцю колюся людці " +
	"митці митця митцю танці танцю таночка таночки таночку вітці вітця вітцю ярославці ярославця ярославцю " +
	"ірисці ганюся ганці ганця ганцю колечка колечко колечку косточка косточки косточкою косточку " +
	"лесочка лесочки лесочку козачка козачки козачко козачкою козачку козачці мазурка мазурки мазурко " +
	"мазуркою мазурку мазурці полячка полячки полячко полячкою полячку полячці вовчиха вовчихи вовчихо " +
	"вовчихою вовчиху вовчисі вовчка вовчки вовчку")

// ukrainianToRussianGiven maps the Ukrainian given names whose Russian
// form is not the letters' (russianLetters) to it, folded.
var ukrainianToRussianGiven = map[string]string{
	"андрій": "андрей", "олександр": "александр", "олександра": "александра", "сергій": "сергей",
	"олексій": "алексей", "дмитро": "дмитрий", "микола": "николай", "петро": "пётр", "юрій": "юрий",
	"олена": "елена", "наталія": "наталья", "тетяна": "татьяна", "катерина": "екатерина", "василь": "василий",
	"михайло": "михаил", "володимир": "владимир", "євген": "евгений", "анатолій": "анатолий", "віталій": "виталий",
	"надія": "надежда", "любов": "любовь", "ганна": "анна", "павло": "павел", "григорій": "григорий",
	"костянтин": "константин", "федір": "фёдор", "ігор": "игорь", "олег": "олег", "марія": "мария", "юлія": "юлия",
	"вікторія": "виктория", "анастасія": "анастасия", "валерій": "валерий", "геннадій": "геннадий", "георгій": "георгий",
}

// russianLetters spells a folded Ukrainian word with the Russian letters
// of its sound: і, ї as и, є as е, ґ as г, the apostrophe dropped
// (Ірина: Ирина, Віктор: Виктор).
var russianLetters = strings.NewReplacer("ї", "и", "і", "и", "є", "е", "ґ", "г", "'", "", "’", "")

// russianOfGiven returns the Russian form of a folded Ukrainian given
// name.
func russianOfGiven(g string) string {
	if r, ok := ukrainianToRussianGiven[g]; ok {
		return r
	}
	return russianLetters.Replace(g)
}

// russianOfPatronymic returns the Russian form of a folded Ukrainian
// patronymic, made from the father's name in Russian (Петрівна:
// Петровна, Андріївна: Андреевна, Сергійович: Сергеевич, Олександрович:
// Александрович).
func russianOfPatronymic(p string) string {
	for _, e := range []struct{ ukr, fem string }{{"ївна", "true"}, {"івна", "true"}, {"йович", ""}, {"ович", ""}} {
		stem, ok := strings.CutSuffix(p, e.ukr)
		if !ok {
			continue
		}
		father := russianLetters.Replace(stem)
		for _, f := range []string{stem, stem + "й", stem + "о", stem + "а"} {
			if r, ok := ukrainianToRussianGiven[f]; ok {
				father = r
				break
			}
		}
		father = strings.ReplaceAll(father, "ё", "е")
		fs, last := cutLast(father)
		soft := last == 'й' || last == 'ь'
		switch {
		case soft && e.fem != "":
			return fs + "евна"
		case soft:
			return fs + "евич"
		case e.fem != "":
			return father + "овна"
		}
		return father + "ович"
	}
	return russianLetters.Replace(p)
}

// russianOfFamily returns the Russian form of a folded Ukrainian family
// name: -ський, -ська as -ский, -ская (Ковальська: Ковальская), the
// letters as russianLetters spells them.
func russianOfFamily(f string) string {
	f = russianLetters.Replace(f)
	for _, e := range [][2]string{{"ький", "кий"}, {"ька", "кая"}} {
		if s, ok := strings.CutSuffix(f, e[0]); ok {
			return s + e[1]
		}
	}
	return f
}

// ukrainianTranslit are the Latin spellings of each Ukrainian letter in
// three systems: the official table of 2010 (KMU: Iryna, Andrii, Melnyk),
// the common English one (Andriy, Yevhen) and the Polish one (Andrij,
// Wiktor Tkaczuk, Kowalenko). є, ї, й, ю, я at the start of a word are
// spelt by ukrainianInitial in the official table.
var ukrainianTranslit = map[rune][3]string{
	'а': {"a", "a", "a"}, 'б': {"b", "b", "b"}, 'в': {"v", "v", "w"}, 'г': {"h", "h", "h"}, 'ґ': {"g", "g", "g"},
	'д': {"d", "d", "d"}, 'е': {"e", "e", "e"}, 'є': {"ie", "ye", "je"}, 'ж': {"zh", "zh", "ż"}, 'з': {"z", "z", "z"},
	'и': {"y", "y", "y"}, 'і': {"i", "i", "i"}, 'ї': {"i", "yi", "ji"}, 'й': {"i", "y", "j"}, 'к': {"k", "k", "k"},
	'л': {"l", "l", "l"}, 'м': {"m", "m", "m"}, 'н': {"n", "n", "n"}, 'о': {"o", "o", "o"}, 'п': {"p", "p", "p"},
	'р': {"r", "r", "r"}, 'с': {"s", "s", "s"}, 'т': {"t", "t", "t"}, 'у': {"u", "u", "u"}, 'ф': {"f", "f", "f"},
	'х': {"kh", "kh", "ch"}, 'ц': {"ts", "ts", "c"}, 'ч': {"ch", "ch", "cz"}, 'ш': {"sh", "sh", "sz"},
	'щ': {"shch", "shch", "szcz"}, 'ь': {"", "", ""}, 'ю': {"iu", "yu", "ju"}, 'я': {"ia", "ya", "ja"}, '\'': {"", "", ""},
}

// ukrainianInitial spells є, ї, й, ю, я at the start of a word in the
// official table (Yevhen, Yurii).
var ukrainianInitial = map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}

// ukrainianLatin returns the Latin spellings of a folded Ukrainian word,
// one per system of ukrainianTranslit, without repeats, with "zgh" for
// зг in the official table (Zghurskyi); nil if it holds a letter beyond
// the table.
func ukrainianLatin(w string) []string {
	var out []string
	for sys := range 3 {
		var b strings.Builder
		prev := rune(0)
		for i, r := range w {
			t, ok := ukrainianTranslit[r]
			if !ok {
				return nil
			}
			switch s, initial := ukrainianInitial[r]; {
			case sys == 0 && i == 0 && initial:
				b.WriteString(s)
			case sys == 0 && r == 'г' && prev == 'з':
				b.WriteString("gh")
			default:
				b.WriteString(t[sys])
			}
			prev = r
		}
		out = appendNew(out, b.String())
	}
	return out
}

// ukrainianVariants returns the variants of a name of Ukrainian shape
// registered as name (see the comment above); nil for any other.
func (m *Matcher) ukrainianVariants(person int32, name string) []rawVariant {
	given, patr, family, ok := ukrainianParts(name)
	if !ok {
		return nil
	}
	fem := feminineGiven(given) || strings.HasSuffix(patr, "вна")
	var out []rawVariant
	add := func(f string, nick bool) {
		ts, err := m.parseName(f)
		if err != nil || weight(ts) < 3 {
			return
		}
		v := newRaw(person, rankGiven, ts)
		v.capitals, v.nick, v.word = true, nick, nick && (ukrainianWordForms[f] || russianWord(f))
		out = append(out, v)
	}
	both := func(gs, fs []string) {
		for _, g := range gs {
			for _, f := range fs {
				add(g+" "+f, false)
				add(f+" "+g, false)
			}
		}
	}
	g := ukrainianCases(given, feminineGiven(given))
	fc := ukrainianCases(family, fem)
	pc := ukrainianCases(patr, fem)
	for i := range g {
		// The parts share a case; a family name that does not decline
		// stays in the nominative (з Оксаною Мельник).
		f := fc[min(i, len(fc)-1)]
		add(g[i]+" "+f, false)
		add(f+" "+g[i], false)
		if patr != "" && len(pc) > 0 {
			p := pc[min(i, len(pc)-1)]
			add(g[i]+" "+p, false)
			add(g[i]+" "+p+" "+f, false)
		}
		if i > 0 {
			add(g[i], true)
		}
	}
	for _, f := range ukrainianFamilyAlone(family, fem) {
		add(f, true)
	}
	// The short forms of the table, and the forms rule derives from the
	// name and from them (not from a derived form again: Оксанусечка is
	// no one's), in their cases.
	for _, d := range ukrainianDiminutives[given] {
		add(d, true)
		if c := ukrainianCases(d, false); len(c) > 1 && (strings.HasSuffix(d, "ка") || strings.HasSuffix(d, "ко")) {
			for _, f := range c[1:] {
				add(f, true)
			}
		}
		for _, e := range ukrainianDerived(d) {
			for _, f := range derivedCases(e) {
				add(f, true)
			}
		}
	}
	for _, e := range ukrainianDerived(given) {
		for _, f := range derivedCases(e) {
			add(f, true)
		}
	}
	// The Russian form, with the variants of a Russian name.
	ru := []string{russianOfGiven(given)}
	if patr != "" {
		ru = append(ru, russianOfPatronymic(patr))
	}
	ru = append(ru, russianOfFamily(family))
	if rn, err := m.parseName(strings.Join(ru, " ")); err == nil {
		if fam, giv, split := splitName(rn, 3); fam != nil {
			out = append(out, m.fullVariants(person, rankAlias, fam, giv, split)...)
		}
		out = append(out, m.russianVariants(person, rn)...)
		out = append(out, m.cyrillicVariants(person, rn)...)
		out = append(out, m.declensionVariants(person, rn)...)
		// The full name in the first two Russian transliterations
		// (Irina Kovalskaya, Andrei Melnik, Andrey Melnik): all five of
		// each part crossed would be fifty variants a person.
		gr, fr := latinOf(ru[0]), latinOf(ru[len(ru)-1])
		both(gr[:min(2, len(gr))], fr[:min(2, len(fr))])
	}
	// The name in Latin letters: in full, in any mix of the systems
	// (Andrij Kowalenko, Andriy Kovalenko), and each part alone where
	// evident.
	gl, fl := ukrainianLatin(given), ukrainianLatin(family)
	both(gl, fl)
	for _, l := range append(gl, fl...) {
		if len(l) >= minFuzzy {
			add(l, true)
		}
	}
	return out
}

// derivedCases returns a derived form of endearment (ukrainianDerived) in
// each case: Галочка, Галочку, Галочці; Галюся, Галюсю.
func derivedCases(e string) []string {
	if c := ukrainianCases(e, false); c != nil {
		return c
	}
	return []string{e}
}

// ukrainianFamilyAlone returns the forms, folded, of a Ukrainian family
// name alone: in each case of both genders, since a woman's husband,
// father or family is named by it too (Дорошенкові for Галина
// Дорошенко's husband; Ковальський for Ірина Ковальська's), but for a
// woman (fem) not the man's genitive in -а, which names streets and
// schools after another man of the name (вулиця Шевченка), and the
// forms Ukrainian makes of a man's family name for his wife and daughter
// (a standard grammar's -иха, -ка and -ова for the wife, -івна for the
// daughter: Дорошенчиха, Гнатючиха, Гнатючка, Гнатюкова, Гнатюківна,
// Ковалиха), each in its cases.
func ukrainianFamilyAlone(f string, fem bool) []string {
	var out []string
	forms := []string{f}
	switch stem, last := cutLast(f); {
	case strings.HasSuffix(f, "ська") || strings.HasSuffix(f, "цька") || strings.HasSuffix(f, "зька"):
		forms = append(forms, stem+"ий")
	case strings.HasSuffix(f, "ський") || strings.HasSuffix(f, "цький") || strings.HasSuffix(f, "зький"):
		forms = append(forms, strings.TrimSuffix(f, "ий")+"а")
	case strings.HasSuffix(f, "ко"):
		// Дорошенко: Дорошенчиха, Дорошенкова, Дорошенківна.
		s := strings.TrimSuffix(f, "ко")
		forms = append(forms, s+"чиха", f+"ва", stem+"івна")
	case last == 'ь':
		// Коваль: Ковалиха, Ковалева, Ковалівна.
		forms = append(forms, stem+"иха", stem+"ева", stem+"івна")
	case last >= 'б' && last <= 'щ' && !strings.ContainsRune("аеєиіїоуюяй", last):
		soft := string(last)
		if s, ok := map[rune]string{'г': "ж", 'к': "ч", 'х': "ш"}[last]; ok {
			soft = s
		}
		forms = append(forms, stem+soft+"иха", stem+soft+"ка", f+"ова", f+"івна")
	}
	// The family name itself in both genders' cases; the forms made of
	// it are a woman's.
	out = append(out, ukrainianCases(f, fem)...)
	for k, c := range ukrainianCases(f, false) {
		if !fem || k != 1 { // the genitive second
			out = appendNew(out, c)
		}
	}
	for _, x := range forms[1:] {
		for _, c := range ukrainianCases(x, true) {
			if !fem || !strings.HasSuffix(c, "ого") { // вулиця Ковальського
				out = appendNew(out, c)
			}
		}
	}
	return out
}

// ukrainianAliasVariants returns the variants of a one-word Cyrillic alias
// of a person whose name is of Ukrainian shape, a short or familiar form
// (Андрюха, Вітя): its other cases (у Віті, агенція Андрюхи, з Вітею)
// and the forms rule derives from it, alone, capitalised, only where the
// person is evident.
func (m *Matcher) ukrainianAliasVariants(person int32, name, alias string) []rawVariant {
	a := strings.ToLower(norm.NFC.String(alias))
	if _, _, _, ok := ukrainianParts(name); !ok || strings.ContainsRune(a, ' ') || !cyrillicWord(a) {
		return nil
	}
	var forms []string
	if c := ukrainianCases(a, false); len(c) > 1 {
		forms = append(forms, c[1:]...)
	}
	for _, e := range ukrainianDerived(a) {
		forms = append(forms, derivedCases(e)...)
	}
	return m.russianNickVariants(person, forms)
}
