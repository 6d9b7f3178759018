package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Forms of a registered name that the record must make likely: a
// nickname of a Western given name (Katie for Katherine), a misspelling
// in name position (O'Neil for O'Neill), a family name after a title of
// office (Chairman Kang). Each is a mention only in a record known to
// name the person (FindEvident's evident), since "Kate" or "Chairman
// Kang" alone may be anyone.

// nicknames maps common Western given names (folded, marks dropped) to
// their usual short forms. Short forms that are English words (Will,
// Bill, Rob, Pat, Sue, Jack, Frank, Drew, Kit, Rich, Sandy, Chuck) are
// left out: "Will you come?" is no person.
var nicknames = map[string][]string{
	"katherine":   {"kate", "katie", "katy", "kathy", "cathy", "kat", "kathi"},
	"catherine":   {"kate", "katie", "katy", "cathy", "kathy", "cat", "cath"},
	"kathryn":     {"kate", "katie", "kathy"},
	"katharine":   {"kate", "katie", "kathy"},
	"elizabeth":   {"liz", "lizzie", "lizzy", "beth", "betty", "eliza", "libby", "betsy", "elise"},
	"margaret":    {"maggie", "meg", "peggy", "margie", "greta", "marge"},
	"william":     {"billy", "willy", "willie", "liam"},
	"robert":      {"bobby", "robbie", "bert"},
	"richard":     {"rick", "ricky", "richie"},
	"james":       {"jim", "jimmy", "jamie"},
	"john":        {"johnny"},
	"joseph":      {"joe", "joey"},
	"michael":     {"mike", "mikey", "mick", "mickey"},
	"thomas":      {"tom", "tommy"},
	"christopher": {"chris", "topher"},
	"christine":   {"chris", "chrissy", "tina"},
	"alexander":   {"alex", "sasha", "xander"},
	"alexandra":   {"alex", "sasha", "lexi"},
	"daniel":      {"dan", "danny"},
	"david":       {"dave", "davy"},
	"edward":      {"eddie", "ted", "ned"},
	"jennifer":    {"jen", "jenny"},
	"jessica":     {"jess", "jessie"},
	"rebecca":     {"becky", "becca"},
	"patricia":    {"patty", "trish", "tricia"},
	"susan":       {"susie", "suzy"},
	"deborah":     {"deb", "debbie"},
	"victoria":    {"vicky", "tori"},
	"samuel":      {"sam", "sammy"},
	"samantha":    {"sam", "sammy"},
	"benjamin":    {"ben", "benny"},
	"nicholas":    {"nick", "nicky"},
	"anthony":     {"tony"},
	"andrew":      {"andy"},
	"matthew":     {"matt"},
	"timothy":     {"tim", "timmy"},
	"stephen":     {"steve", "stevie"},
	"steven":      {"steve", "stevie"},
	"charles":     {"charlie"},
	"francisco":   {"paco", "pancho", "cisco", "fran", "curro", "kiko", "quico"},
	"francisca":   {"paca", "paquita", "pancha", "panchita", "pachita", "frasquita", "curra"},
	"javier":      {"javi"},
	"jose":        {"pepe", "chema"},
	"antonio":     {"toño", "toni"},
	"manuel":      {"manolo", "manu"},
	"dolores":     {"lola", "loli"},
	"esperanza":   {"espe"},
	"ignacio":     {"nacho"},
	"enrique":     {"quique"},
	"alberto":     {"beto"},
	"eduardo":     {"lalo"},
	"jesus":       {"chucho", "chuy"},
	"rafael":      {"rafa"},
	"fernando":    {"nando"},
	"fernanda":    {"fer", "ferchis", "fercha", "nanda"},
	"santiago":    {"santi"},
	"sebastian":   {"sebas"},
	"guillermo":   {"guille"},
	"concepcion":  {"concha", "conchi"},
	"mercedes":    {"merche", "meche"},
	"rosario":     {"charo"},
	"pilar":       {"pili"},
	"teresa":      {"tere"},
	"beatriz":     {"bea"},
	"gabriela":    {"gaby"},
	"grace":       {"gracie"},
	"will":        {"billy", "willy", "willie"},
	"guadalupe":   {"lupe"},
	"ekaterina":   {"katya", "katia"},
	"natalia":     {"natasha"},
	"natalya":     {"natasha"},
	"anastasia":   {"nastya", "stacy"},
	"dmitri":      {"dima"},
	"dmitry":      {"dima"},
	"mikhail":     {"misha"},
	"ivan":        {"vanya"},
}

// spanishDiminutives returns the diminutives of a Latin given name of
// four letters or more, or of one of its nicknames, folded, as Spanish
// forms them: -a to -ita or -is (Rosita, Lolis), -o to -ito, -ín or -illo
// (Pedrito, Pedrín, Pedrillo), -e to -ito, -ita, -illo or -is (Pepito;
// Lupita, Lupillo, Lupis and Guadalupita, -e names being of either
// gender), -i or -y to -ita or -ito (Yesita for Yesi, Danito for Dani,
// the short forms in -i being of either gender too), a consonant with
// -ito or -ita (Juanito,
// Isabelita), and -n, -r or -l also with -cito or -cita (Carmencita,
// Ramoncito); c and g before i are written qu and gu (Paquito,
// Dieguito); a final z is c before -ita, -ito, -ecita (Beatricita for
// Beatriz, Lucecita for Luz). Of three letters, only -a to -ita, -n, -l,
// -r, -s with -ita or -ito (Anita, Lanita) and -z (Lucita): Cho, Seo and
// Lee make no Chin, Sein or Leito.
func spanishDiminutives(w string) []string {
	if len(w) < 3 || !isASCIIWord(plainKey(w)) {
		return nil
	}
	stem, last := w[:len(w)-1], w[len(w)-1]
	if strings.HasSuffix(stem, "c") {
		stem = stem[:len(stem)-1] + "qu"
	} else if strings.HasSuffix(stem, "g") {
		stem += "u"
	}
	if len(w) == 3 {
		switch last {
		case 'a':
			return []string{stem + "ita"}
		case 'n', 'l', 'r', 's':
			return []string{w + "ito", w + "ita"}
		case 'z':
			return []string{stem + "cita", stem + "cito", stem + "cecita"}
		}
		return nil
	}
	switch last {
	case 'a':
		return []string{stem + "ita", stem + "is"}
	case 'o':
		return []string{stem + "ito", stem + "in", stem + "illo"}
	case 'e':
		return []string{stem + "ito", stem + "ita", stem + "illo", stem + "is"}
	case 'n', 'r', 'l':
		return []string{w + "ito", w + "ita", w + "cito", w + "cita"}
	case 's', 'd':
		return []string{w + "ito", w + "ita"}
	case 'z':
		// z is c before i and e: Beatricita, Lucecita.
		return []string{stem + "cita", stem + "cito", stem + "cecita", stem + "cecito"}
	case 'i', 'y':
		return []string{stem + "ita", stem + "ito"}
	}
	return nil
}

// compoundNicknames are the short forms of Spanish compound given names
// that no rule makes (María Teresa is Maite); compoundFirsts are the
// first names that make one by rule with the first syllable of the
// second (José Manuel: Josema; Juan José: Juanjo; Juan Francisco:
// Juanfra; María José: Majo).
var compoundNicknames = map[[2]string][]string{
	{"maria", "teresa"}: {"maite", "mayte"}, {"maria", "isabel"}: {"maribel"},
	{"maria", "soledad"}: {"marisol"}, {"maria", "dolores"}: {"marilo", "loles"},
	{"maria", "luisa"}: {"marilu", "malu"}, {"maria", "paz"}: {"maripaz"},
	{"maria", "jesus"}: {"chus", "marichus"}, {"jose", "maria"}: {"chema", "josemari"},
	// r17d: the common short forms of Mexico and Spain (review 13i I8).
	{"maria", "fernanda"}: {"mafer", "marifer", "mafe"}, {"maria", "jose"}: {"mariajo", "marijose", "majo"},
	{"juan", "pablo"}: {"juanpa"}, {"maria", "elena"}: {"malena", "marilena"}, {"maria", "eugenia"}: {"maru"},
	{"maria", "victoria"}: {"marivi"}, {"maria", "cristina"}: {"maricris"}, {"maria", "angeles"}: {"mariangeles"},
	{"ana", "maria"}: {"anamari"}, {"luis", "fernando"}: {"luisfer"}, {"juan", "fernando"}: {"juanfer"},
	{"maria", "alejandra"}: {"maleja"}, {"jose", "antonio"}: {"josean", "joseantonio"},
}

var compoundFirsts = map[string]string{"jose": "jose", "juan": "juan", "luis": "luis", "maria": "ma"}

// compoundShortForms returns the short forms of a given name of two
// Latin tokens, folded: from the table, or the first's form of
// compoundFirsts with the second's first syllable, its consonants up to
// its first vowel, or a first vowel and the consonant after it (Josema,
// Juanan for Juan Antonio).
func compoundShortForms(a, b string) []string {
	out := compoundNicknames[[2]string{a, b}]
	first, ok := compoundFirsts[a]
	if !ok || len(b) < 3 || !isASCIIWord(b) {
		return out
	}
	i := strings.IndexAny(b, "aeiou")
	if i < 0 {
		return out
	}
	if i == 0 && !strings.ContainsRune("aeiou", rune(b[1])) {
		i = 1
	}
	return append(out, first+b[:i+1])
}

// officeTitles are titles of office: before a family name they are a
// mention only where a person of the record has that family name
// ("Chairman Kang" in a testimony naming Kang Chol-ho), since elsewhere
// they name an official or a public figure (Chairman Kim).
var officeTitles = wordSet("chairman chairwoman chair general president secretary commander minister premier marshal " +
	"governor mayor ambassador chancellor admiral commissar deputy vice head leader warden consul senator")

// nicknameVariants returns the nickname variants of a name's tokens: each
// a given name alone, capitalised, found only where the person is
// evident.
func nicknameVariants(person int32, name []token) []rawVariant {
	var out []rawVariant
	add := func(n string) {
		p := plainKey(n)
		v := newRaw(person, rankGiven, []token{{words: []string{p}, weight: len(p)}})
		// A form with its marks (Toño) is the person only so written:
		// without them it may be a word (tono, "tone").
		v.capitals, v.nick, v.marked = true, true, p != n
		out = append(out, v)
	}
	// A Korean name in Latin letters (Kim Minseo) has no Spanish
	// diminutives: they would only cost variants.
	f := strings.Join(name[0].words, "")
	korean := len(name) > 1 && latinSurnames()[f] && !vietnameseSurnames[f]
	for k, t := range name {
		if len(t.words) != 1 {
			continue
		}
		w := t.words[0]
		forms := nicknames[w]
		if !korean {
			forms = slices.Concat(forms, spanishDiminutives(w))
			for _, n := range nicknames[w] {
				forms = append(forms, spanishDiminutives(n)...)
			}
		}
		if k+1 < len(name) && len(name[k+1].words) == 1 {
			forms = append(forms, compoundShortForms(plainKey(w), plainKey(name[k+1].words[0]))...)
		}
		for _, n := range forms {
			add(n)
		}
	}
	return out
}

// addParts registers the parts of a full name of several tokens that a
// title may come before (Ms. Fernández, Sr. García for María Fernández
// García; Senhora Silva for Ana da Silva Santos): every token of three
// letters or more but particles, and each word of a hyphenated one; and
// the tokens of five Latin letters or more that a misspelling may stand
// for (tokens).
func (m *Matcher) addParts(person int32, name []token) {
	if len(name) < 2 {
		return
	}
	add := func(k string) {
		if _, ok := m.parts[k]; !ok {
			m.parts[k] = person
		}
	}
	for _, t := range name {
		if t.particle() || t.weight < 3 {
			continue
		}
		k := strings.Join(t.words, "")
		add(k)
		if len(t.words) > 1 {
			for _, w := range t.words {
				if len(w) >= 3 {
					add(w)
				}
			}
		}
		if len(k) >= minFuzzy && isASCIIWord(k) && !slices.Contains(m.tokens[person], k) {
			m.tokens[person] = append(m.tokens[person], k)
		}
	}
}

// minFuzzy is the shortest name token a misspelling is looked for.
const minFuzzy = 5

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// partAt returns the person one of whose name parts is spelt by
// words[j:last+1], one to three words joined by apostrophes or hyphens
// (O'Neill, Fernández-García), capitalised.
func (m *Matcher) partAt(text string, words []word, buf []byte, j int) (p int32, last int, ok bool) {
	for k := j; k < len(words) && k < j+3; k++ {
		if k > j && words[k].before != gapApostrophe && words[k].before != gapHyphen {
			break
		}
		if q, hit := m.parts[string(buf[words[j].fstart:words[k].fend])]; hit && rightBoundary(words, buf, k) && capitalFirst(text, words[j:j+1]) {
			p, last, ok = q, k, true
		}
	}
	return p, last, ok
}

// maxEvident bounds the persons of a record whose names FindEvident
// looks for misspelt, or alone by a Latin part (evidentPart): those with
// the smallest IDs. Skeletons are every person's.
const maxEvident = 64

// denseEvident: an evident set of more than one in denseEvident of the
// registry's persons is walked in ID order (build1).
const denseEvident = 8

// evidence is what FindEvident knows of the persons of evident, built
// when first needed: their family names in every spelling (for titles of
// office), and their name tokens and those with one letter deleted, to
// find misspellings at edit distance one.
type evidence struct {
	ids      map[string]bool
	built    bool
	surnames map[string]bool
	near     map[string][]nearToken
	// parts maps the Latin name tokens of its persons that are no
	// English word (not in commonSurnames, commonNouns or
	// publicSurnames) to the first person who has them: alone they are
	// the person, as a family name is (evidentPart).
	parts map[string]int32
	skel  skelEvidence // keys of the skeleton rule (skeleton.go)
	// heads maps the first three letters of those tokens to the longest
	// token's length, for a short form of one (strangerShort).
	heads map[string]int

	// persons are the persons read, up to maxEvident; address is made of
	// their names at first use (address.go).
	persons []int32
	address *addressIndex
}

type nearToken struct {
	person int32
	token  string
}

func (m *Matcher) build1(ev *evidence) {
	ev.built = true
	ev.address = new(addressIndex)
	ev.surnames, ev.near, ev.parts, ev.heads = map[string]bool{}, map[string][]nearToken{}, map[string]int32{}, map[string]int{}
	ev.skel = skelEvidence{full: map[string]skelHit{}, single: map[string]skelHit{}}
	// persons are the first maxEvident of ev by ID; all of them have
	// their skeletons keyed (skeletal), the one rule that needs two
	// words of a name or more: the audit screen's evidence, everyone
	// (Everyone), finds a full name in another spelling of any person of
	// the registry, as a view of the person's record does.
	var persons []int32
	if len(ev.ids) > len(m.ids)/denseEvident {
		// A set of a good part of the registry (Everyone): walked in the
		// order of m.ids, where looking up each of its IDs would cost
		// O(persons) on every call.
		for p, id := range m.ids {
			if !ev.ids[id] {
				continue
			}
			if len(persons) < maxEvident {
				persons = append(persons, int32(p))
			} else {
				m.buildSkeletons(&ev.skel, int32(p))
			}
		}
	} else {
		for id := range ev.ids {
			if p, ok := slices.BinarySearch(m.ids, id); ok {
				persons = append(persons, int32(p))
			}
		}
		slices.Sort(persons)
		if len(persons) > maxEvident {
			for _, p := range persons[maxEvident:] {
				m.buildSkeletons(&ev.skel, p)
			}
			persons = persons[:maxEvident]
		}
	}
	ev.persons = persons
	var del []byte
	for _, p := range persons {
		m.buildSkeletons(&ev.skel, p)
		for _, s := range m.families[p] {
			ev.surnames[s] = true
		}
		for _, t := range m.tokens[p] {
			if _, seen := ev.parts[t]; !seen && !commonSurnames[t] && !commonNouns[t] && !publicSurnames[t] {
				ev.parts[t] = p
			}
			ev.near[t] = append(ev.near[t], nearToken{p, t})
			ev.heads[t[:headLetters]] = max(ev.heads[t[:headLetters]], len(t))
			for k := range len(t) {
				del = append(append(del[:0], t[:k]...), t[k+1:]...)
				ev.near[string(del)] = append(ev.near[string(del)], nearToken{p, t})
			}
		}
	}
	ev.skel.seal()
}

// headLetters is how many first letters a short form shares with the
// name it shortens (Yesi, Yese for Yesenia).
const headLetters = 3

// strangerShort reports whether w, a one-word mention of a person the
// record does not name, may as well be a short form of a name of a
// person it does: shorter than one of their Latin tokens and with its
// first letters (review 13l: la Yesi in a record of Yesenia, where
// another record's Karla Yesenia is called Yesi). find hides such a
// mention as [PERSON] (Ambiguous) rather than link it to the stranger.
func (m *Matcher) strangerShort(ev *evidence, w string) bool {
	if ev == nil || len(ev.ids) == 0 {
		return false
	}
	if !ev.built {
		m.build1(ev)
	}
	k := strings.ToLower(w)
	if len(k) < headLetters || !isASCIIWord(k) {
		return false
	}
	n, ok := ev.heads[k[:headLetters]]
	return ok && len(k) < n
}

// hasSurname reports whether a person of ev has the family name key.
func (m *Matcher) hasSurname(ev *evidence, key string) bool {
	if ev == nil || len(ev.ids) == 0 {
		return false
	}
	if !ev.built {
		m.build1(ev)
	}
	return ev.surnames[key]
}

// misspelt returns the person of ev one of whose name tokens is at edit
// distance at most one from cand (a deletion, insertion, substitution or
// swap of neighbours), and whether two persons' are.
func (m *Matcher) misspelt(ev *evidence, cand []byte) (p int32, ambiguous, ok bool) {
	if ev == nil || len(ev.ids) == 0 || len(cand) < minFuzzy || len(cand) > MaxNameLen {
		return 0, false, false
	}
	forms := ocrForms(cand)
	if forms == nil && !isASCIIWord(string(cand)) {
		return 0, false, false
	}
	if !ev.built {
		m.build1(ev)
	}
	if len(ev.near) == 0 {
		return 0, false, false
	}
	// look notes the persons of the tokens under key that match says are
	// the candidate.
	look := func(key string, match func(token string) bool) {
		for _, h := range ev.near[key] {
			if !match(h.token) {
				continue
			}
			switch {
			case !ok:
				p, ok = h.person, true
			case h.person != p:
				ambiguous = true
			}
		}
	}
	if forms != nil {
		// An OCR digit is the one edit: the rest must be exact.
		for _, f := range forms {
			look(f, func(token string) bool { return token == f })
		}
		return p, ambiguous, ok
	}
	within := func(token string) bool { return within1(string(cand), token) }
	try := func(key []byte) { look(string(key), within) }
	try(cand)
	var del []byte
	for k := range len(cand) {
		del = append(append(del[:0], cand[:k]...), cand[k+1:]...)
		try(del)
	}
	return p, ambiguous, ok
}

// within1 reports whether a and b are at most one edit apart: a letter
// deleted, inserted or replaced, or two neighbours swapped.
func within1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) < len(b) {
		return a[i:] == b[i+1:]
	}
	return a[i+1:] == b[i+1:] ||
		i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// fuzzy returns the mention of an evident person whose name token is
// misspelt at words[i] (one to three words joined by apostrophes or
// hyphens, capitalised, five letters or more, edit distance one) when it
// stands in name position: after a title, next to a mention of the same
// person (before, the last of out; or after) or to the person's family
// name, or itself shaped as a name with an apostrophe (O'Neil).
func (m *Matcher) fuzzy(text string, words []word, buf []byte, i int, ev *evidence, out []Match) (Match, int, bool) {
	if ev == nil || len(ev.ids) == 0 || !capitalFirst(text, words[i:i+1]) {
		return Match{}, 0, false
	}
	// A letter doubled where the registered form has one (geminate.go).
	if mt, next, ok := m.geminated(text, words, buf, i, ev); ok {
		return mt, next, true
	}
	var (
		p         int32
		last      = -1
		ambiguous bool
	)
	for k := i; k < len(words) && k < i+3; k++ {
		if k > i && words[k].before != gapApostrophe && words[k].before != gapHyphen {
			break
		}
		cand := buf[words[i].fstart:words[k].fend]
		if q, amb, ok := m.misspelt(ev, cand); ok && rightBoundary(words, buf, k) {
			p, last, ambiguous = q, k, amb
		}
	}
	if last < 0 {
		return Match{}, 0, false
	}
	mt := Match{Start: words[i].start, End: words[last].end, PersonID: m.ids[p], Ambiguous: ambiguous}
	switch {
	case last > i && words[i+1].before == gapApostrophe:
		// O'Neil, D'Souza: a name by its shape.
	case i > 0 && (titlesBefore[m.foldedWord(buf, words[i-1])] || officeTitles[m.foldedWord(buf, words[i-1])]) &&
		titleGap(m.foldedWord(buf, words[i-1]), text[words[i-1].end:words[i].start]):
	case len(out) > 0 && out[len(out)-1].PersonID == mt.PersonID && i > 0 && out[len(out)-1].End == words[i-1].end && words[i].before == gapSpace:
	case i > 0 && words[i].before == gapSpace && m.ownFamily(text, words, buf, i-1, p),
		last+1 < len(words) && words[last+1].before == gapSpace && m.ownFamily(text, words, buf, last+1, p):
		// Park Minseon, Minseon Park: beside the person's family name.
	case last+1 < len(words) && words[last+1].before == gapSpace:
		next, _, found := m.longest(text, words, buf, last+1, ev.ids, nil)
		if !found || next.PersonID != mt.PersonID {
			return Match{}, 0, false
		}
	default:
		return Match{}, 0, false
	}
	return mt, last + 1, true
}

func (m *Matcher) foldedWord(buf []byte, w word) string { return string(buf[w.fstart:w.fend]) }

// ownFamily reports whether words[k] is capitalised and one of the
// family names of person p in any spelling.
func (m *Matcher) ownFamily(text string, words []word, buf []byte, k int, p int32) bool {
	return slices.Contains(m.families[p], m.foldedWord(buf, words[k])) && capitalFirst(text, words[k:k+1])
}

// maxParticlesNext bounds the particles otherNameNext reads past, so
// that a run of them costs no more than a few words.
const maxParticlesNext = 3

// otherNameNext reports whether the mention ws, a nickname of person
// (José Luis for José Luis Ramírez Ortega), is followed apart by a capitalised word of four letters or
// more, after Western particles if any, that is no part or family name
// of anyone registered, nor a spelling of any name's variant, nor a patronymic, nor one edit from a token of
// the person's name: a nickname before another family name is another
// person (Katy Perry, Paco de Lucía, the Tung Chung line), while Fran
// Morales, Kate Whitfield, Katie Whitfeld and Ирина Викторовна are the
// person. A shorter word (Katie Mos) is as likely a slip.
func (m *Matcher) otherNameNext(text string, ws []word, person int32) bool {
	rest := text[ws[len(ws)-1].end:]
	for range maxParticlesNext + 1 {
		if !strings.HasPrefix(rest, " ") {
			return false
		}
		rest = rest[1:]
		n := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
		if n < 0 {
			n = len(rest)
		}
		if n == 0 {
			return false
		}
		w := rest[:n]
		if particles[w] && len(w) > 1 { // y and e are "and" too
			rest = rest[n:]
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
		ts, err := m.parseName(w)
		if err != nil || len(ts) != 1 {
			return false
		}
		k := strings.Join(ts[0].words, "")
		_, part := m.parts[k]
		_, family := m.surnames[k]
		// A word that spells a variant (Kusnezow, a reading of Кузнецов)
		// is a registered name, whichever person's.
		e, known := m.lookup([]byte(k))
		return !part && !family && !(known && e.n > 0) && ts[0].weight >= 4 && !patronymic(k) &&
			!slices.ContainsFunc(m.tokens[person], func(t string) bool { return within1(t, k) })
	}
	return false
}
