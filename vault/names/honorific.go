package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Honorifics and endearments inside an alias. An officer registers a
// person as she is called: Umm Ahmed (Arabic "mother of Ahmed", a kunya),
// Abu Salem ("father of Salem"), Zahra jan (Dari "dear Zahra"), Rashida
// Bibi. The honorific is no name of the person, and the name beside it
// may be another's: Ahmed is her son, and jan is also a Creole word
// ("how"), a Dutch and Polish given name and an English month. Such an
// alias is a name only as a whole, never part by part; a kunya is also
// found in the other spellings of its head and name (Um Ahmad, Oum
// Ahmed, Abou Salim), only where the person is evident.

// aliasSuffixes are the endearments and honorifics, folded, written after
// a name (Persian and Dari jan, jaan, jon, joon; Bibi, Begum, Khanum,
// Khatun, Sahib), and titleHeads those written before it (Qari
// Naqibullah, Hajji Ahmad, Mullah Omar): in those places they make an
// alias a name only as a whole. Elsewhere they are names as any word is
// (Jan Kowalski, Jon Snow).
var (
	aliasSuffixes = wordSet("jan jaan jon joon jani jaani bibi begum khanum khanom khatun sahib saheb")
	titleHeads    = wordSet("qari hajji haji hajja hajjah mullah mulla agha")
)

// titleHeadSpellings groups the Latin spellings, folded, of each title
// head (Haji, Hajji, Hadji, Alhaji; Mullah, Mulla, Molla), as Afghan,
// Pakistani, West African and English papers write them.
var titleHeadSpellings = func() map[string][]string {
	out := map[string][]string{}
	for _, g := range [][]string{
		{"haji", "hajji", "hadji", "haaji", "hajj", "alhaji", "alhajji"}, {"hajja", "hajjah", "hadja", "hajiya"},
		{"mullah", "mulla", "molla", "mollah", "moulla"}, {"qari", "qary", "kari"}, {"agha", "aga", "aqa"},
	} {
		for _, h := range g {
			out[h] = g
		}
	}
	return out
}()

// titleHeadForms returns the forms, folded, of an alias of a title head
// and a name (Haji Gul Agha) that other papers write: the head in its
// other spellings (Hajji Gul Agha), and a name of two tokens or more
// written as one word, as Dari and Pashto compound names are (Gul Agha,
// Gulagha; Noor Mohammad, Noormohammad), after each spelling of the head
// (Hajji Gulagha).
func titleHeadForms(head string, name []token) []string {
	var spaced, joined strings.Builder
	for i, t := range name {
		if i > 0 {
			spaced.WriteByte(' ')
		}
		spaced.WriteString(strings.Join(t.words, "-"))
		joined.WriteString(strings.Join(t.words, ""))
	}
	heads := titleHeadSpellings[head]
	if heads == nil {
		heads = []string{head}
	}
	var out []string
	for _, h := range heads {
		if h != head {
			out = append(out, h+" "+spaced.String())
		}
		if len(name) > 1 {
			out = append(out, h+" "+joined.String())
		}
	}
	return out
}

// kunyaOpeners are the spellings of the kunya heads, folded, that open a
// kunya registered as an alias (Umm Ahmed, Abu Salem); kunyaHeads has
// every spelling a text may use. Om and Em are given names too (Om
// Prakash), so an alias opening with them is read as any other.
var kunyaOpeners = wordSet("umm um oum abu abou")

// kunyaHeads maps each spelling of the two kunya heads, folded, to its
// other spellings (Umm: Um, Oum, Om, Omm, Em; Abu: Abou, Abo, Aboo).
var kunyaHeads = func() map[string][]string {
	out := map[string][]string{}
	for _, group := range [][]string{{"umm", "um", "oum", "om", "omm", "em", "im"}, {"abu", "abou", "abo", "aboo", "bou"}} {
		for _, h := range group {
			out[h] = group
		}
	}
	return out
}()

// arabicSpellings are groups of Latin spellings, folded, of the Arabic
// names kunyas are commonly made with.
var arabicSpellings = func() map[string][]string {
	out := map[string][]string{}
	for _, g := range [][]string{
		{"ahmed", "ahmad", "ahmet", "ahmat"}, {"salem", "salim", "saleem", "selim"},
		{"mohamed", "mohammed", "muhammad", "mohammad", "muhammed", "mohamad"}, {"mahmoud", "mahmud", "mahmood"},
		{"hassan", "hasan"}, {"hussein", "husain", "hussain", "hossein", "husayn"}, {"omar", "umar", "omer"},
		{"khalid", "khaled"}, {"youssef", "yusuf", "yousef", "youssouf", "yousif", "yusef"}, {"ibrahim", "ebrahim", "brahim"},
		{"abdullah", "abdallah", "abdalla"}, {"karim", "kareem"}, {"hamid", "hamed"}, {"rashid", "rachid", "rasheed"},
		{"saeed", "said", "sayed", "saied"}, {"walid", "waleed"}, {"jamal", "gamal"}, {"ali", "aly"}, {"mustafa", "mostafa", "moustafa"},
		{"yasin", "yassin", "yaseen"}, {"hamza", "hamzah"}, {"tariq", "tarek", "tarik"}, {"fatima", "fatma", "fatouma", "fatimah"},
	} {
		for _, s := range g {
			out[s] = g
		}
	}
	return out
}()

// honorificAlias returns the variants of an alias with an honorific or
// endearment after its first word (aliasSuffixes), or a title or kunya
// head first (titleHeads, kunyaOpeners): the alias as registered; a title
// head with sahib or the first part of a name in -ullah, and a kunya in
// the other spellings of its head and of a name of arabicSpellings, alone,
// where the person is evident. ok is false for any other alias.
func (m *Matcher) honorificAlias(person int32, alias []token) (out []rawVariant, ok bool) {
	if len(alias) < 2 || len(alias[0].words) != 1 {
		return nil, false
	}
	kunya := kunyaOpeners[alias[0].words[0]]
	ok = kunya || titleHeads[alias[0].words[0]]
	for _, t := range alias[1:] {
		ok = ok || len(t.words) == 1 && aliasSuffixes[t.words[0]]
	}
	if !ok {
		return nil, false
	}
	out = append(out, newRaw(person, rankAlias, alias))
	if head := alias[0].words[0]; titleHeads[head] {
		out = append(out, m.honorificForms(person, true, titleHeadForms(head, alias[1:])...)...)
	}
	if len(alias) != 2 || len(alias[1].words) != 1 {
		return out, true
	}
	if head := alias[0].words[0]; titleHeads[head] {
		// Qari Naqibullah is Qari sahib to his men (sahib in lower
		// case), and Qari Naqib with the first part of his name.
		out = append(out, m.honorificForms(person, false, head+" sahib", head+" saheb")...)
		if short, ok := strings.CutSuffix(alias[1].words[0], "ullah"); ok && len(short) >= 3 {
			out = append(out, m.honorificForms(person, true, head+" "+short)...)
		}
	}
	if !kunya {
		return out, true
	}
	head, name := alias[0].words[0], alias[1].words[0]
	names := arabicSpellings[name]
	if names == nil {
		names = []string{name}
	}
	var forms []string
	for _, h := range kunyaHeads[head] {
		for _, n := range names {
			if h != head || n != name {
				forms = append(forms, h+" "+n)
			}
		}
	}
	return append(out, m.honorificForms(person, true, forms...)...), true
}

// honorificForms returns the variants of the folded forms of an alias
// with an honorific: only where the person is evident, and capitalised if
// caps says so.
func (m *Matcher) honorificForms(person int32, caps bool, forms ...string) []rawVariant {
	var out []rawVariant
	for _, f := range forms {
		ts, err := m.parseName(f)
		if err != nil {
			continue
		}
		v := newRaw(person, rankAlias, ts)
		v.capitals, v.nick = caps, true
		out = append(out, v)
	}
	return out
}

// honorificSuffixes are the honorifics, folded, written after a South
// Asian woman's given name in place of a family name (Rashida Begum,
// Rashida Bibi, Rashida Khatun): one for another on each paper.
var honorificSuffixes = []string{"begum", "bibi", "khatun", "khanum", "khanam", "begam"}

// compoundHeads are the first parts, folded, of the French, Creole and
// Iberian compound names whose initials are written for them
// (Jean-Baptiste: J-B, Pierre-Louis: P-L); a Korean given name
// romanised with a hyphen (Eun-ju) is not initialled so.
var compoundHeads = wordSet("jean pierre marie jacques louis paul anne charles francois joseph claude michel jose juan maria ana luis carlos andre rose saint")

// honorificNameVariants returns the variants of a registered name that
// the name's own honorifics and compound parts make: a given name with an
// honorific suffix in the other suffixes (Rashida Bibi for Rashida
// Begum), capitalised; and a given name with the initials of a hyphenated
// family name (Wilner J-B, Wilner J.-B., Wilner JB for Wilner
// Jean-Baptiste), capitalised, only where the person is evident; and the
// forms of an Arabic family name with its article (articleVariants).
func (m *Matcher) honorificNameVariants(person int32, name []token) []rawVariant {
	out := m.articleVariants(person, name)
	if len(name) != 2 || len(name[0].words) != 1 {
		return out
	}
	given, last := name[0].words[0], name[1].words
	if len(last) == 1 && slices.Contains(honorificSuffixes, last[0]) {
		for _, s := range honorificSuffixes {
			if s == last[0] {
				continue
			}
			if ts, err := m.parseName(given + " " + s); err == nil {
				v := newRaw(person, rankName, ts)
				v.capitals = true
				out = append(out, v)
			}
		}
	}
	if len(last) == 2 && compoundHeads[last[0]] {
		a, _ := utf8.DecodeRuneInString(last[0])
		b, _ := utf8.DecodeRuneInString(last[1])
		i, j := string(a), string(b)
		out = append(out, m.honorificForms(person, true, given+" "+i+"-"+j, given+" "+i+"."+j, given+" "+i+j)...)
	}
	return out
}

// hanAliasTitles returns the variants of a registered alias of two to
// four Han characters before a title of hanTitles (艾力主任 for the alias
// 艾力), where the person is evident: the alias alone is a word only
// before another Han character, which the title is.
func (m *Matcher) hanAliasTitles(person int32, alias string) []rawVariant {
	if n := utf8.RuneCountInString(alias); n < 2 || n > 4 {
		return nil
	}
	for _, r := range alias {
		if !unicode.Is(unicode.Han, r) {
			return nil
		}
	}
	forms := make([]string, 0, len(hanTitles))
	for _, t := range hanTitles {
		forms = append(forms, alias+t)
	}
	return m.nickVariants(person, forms)
}

// arabicArticles are the spellings, folded, of the Arabic article written
// before a family name (al-Tarhouni, El Tarhouni, el-Tarhouni).
var arabicArticles = []string{"al", "el"}

// articleVariants returns the variants of a name whose last token is an
// Arabic family name with its article (Khalid Mahmoud al-Tarhouni): the
// full name with the article in its other spellings, joined by a hyphen
// or a space (Khalid Mahmoud El Tarhouni), capitalised; and the family
// name without it, alone and in the plural (Tarhouni's brother, the
// Tarhounis), capitalised, only where the person is evident. Nil for any
// other name.
func (m *Matcher) articleVariants(person int32, name []token) []rawVariant {
	n := len(name)
	if n < 2 || len(name[n-1].words) != 2 || !slices.Contains(arabicArticles, name[n-1].words[0]) || len(name[n-1].words[1]) < 4 {
		return nil
	}
	var head []string
	for _, t := range name[:n-1] {
		head = append(head, strings.Join(t.words, "-"))
	}
	fam := name[n-1].words[1]
	var out []rawVariant
	for _, art := range arabicArticles {
		for _, sep := range []string{"-", " "} {
			if ts, err := m.parseName(strings.Join(head, " ") + " " + art + sep + fam); err == nil {
				v := newRaw(person, rankName, ts)
				v.capitals = true
				out = append(out, v)
			}
		}
	}
	return append(out, m.honorificForms(person, true, fam, fam+"s")...)
}
