package names

import (
	"strings"
	"sync"

	"golang.org/x/text/cases"
)

// Terms of address. A woman the camp calls Maman Esther, Mama Esther
// (Swahili), Ama Pema (Tibetan "mother"), Bibi Zarghuna (Dari), Khala
// Amna (Arabic and Dari "aunt") or Eedo Hodan (Somali) is named by her
// given name after a kinship word or honorific used as a title. After a
// capitalised word a name part is taken for another person's (Hong Kong,
// Katy Perry), so the kinship word, itself capitalised, hid the name
// behind it. After a term of address of addressTerms, a capitalised
// name part of a person the record names is that person: a registered
// family name (of the record's persons), a name token of five letters or
// more, one edit from one, or a given name whose creole skeleton (the
// r-less, final-consonant-less key r17e made for French and Creole
// spellings: Esta for Esther) is the registered one's. The term itself
// stays: it is a word of the language, not of the person.

// addressList are the terms, in the spellings the populations' texts
// use, from these lists of kinship terms and titles of address:
//   - French and Lingala (Kinshasa): maman, papa, tonton, tata, tantine,
//     mamie, papi, koko (grandparent), yaya (elder sibling);
//   - Swahili, as the University of Georgia's Kiswahili course lists the
//     family terms of address (unit 3): mama, baba, bibi, babu, kaka,
//     dada, shangazi, mjomba, ami, mzee, bi, bwana;
//   - Tibetan kinship terms with their honorific a- (a ma, a pha, a
//     zhang, a khu, a ne, a cag, jo jo, mo la, po la) and -la: ama,
//     amala, apa, pala, ashang, aku, ani, acha, achala, jojo, mola, pola;
//   - Dari and Pashto, Wiktionary's table of Dari family terms (standard,
//     Kabuli, Hazaragi): bibi, nana, baba, babaji, agha, aga, aqa, lala,
//     khala, mama, amma, kaka, aba;
//   - Somali, Kapchits and Porkhomovsky's 38 kinship terms (aabbe/aabo,
//     hooyo, adeer, abti, eedo, habaryar, awoowe, ayeeyo, walaal);
//   - Tigrinya: adey (mother), abo, aboy (father), haftey (sister), hawey
//     (brother);
//   - colloquial Arabic (Levantine, Iraqi, Sudanese): khalto, khalti,
//     khala, ammo, ammu, amto, amti, hajja, hajji, haji, hajj, sitt,
//     sitti, teta, jiddo, and the kunya heads umm, um, oum, abu, abou (a
//     kunya names a child: Umm Amna is Amna's mother, which names Amna);
//   - Ukrainian: тітка, дядько, баба, бабуся, бабця, дід, дідусь, кума,
//     кум, in the nominative and vocative (тітко, дядьку, бабо);
//   - Spanish (Central America and Mexico, beside titlesBefore's don,
//     doña, tía, tío): seño, doñita, comadre, compadre, madrina, padrino,
//     mami, papi.
const addressList = "maman papa tonton tata tantine mamie mamy papi papy koko yaya " +
	"mama baba bibi babu kaka dada shangazi mjomba ami mzee bi bwana " +
	"ama amala apa pala ashang aku ani acha achala jojo mola pola " +
	"nana babaji agha aga aqa lala khala amma aba " +
	"aabbe aabo aabe abbe hooyo adeer abti eedo eeddo habaryar awoowe ayeeyo walaal " +
	"adey abo aboy haftey hawey " +
	"khalto khalti ammo ammu amto amti hajja hajjah hajji haji hajj sitt sitti teta jiddo jeddo umm um oum abu abou " +
	"тітка тітко тітонька дядько дядьку баба бабо бабуся бабусю бабця дід діду дідусь кума куме кум " +
	"seño señito doñita comadre compadre madrina padrino mami"

// addressTerms are addressList's words folded as tokenize folds a text's
// words (marks dropped, Cyrillic look-alikes read as Latin where a word is
// all look-alikes), built at first use.
var addressTerms = sync.OnceValue(func() map[string]bool {
	words, buf := tokenize(addressList, cases.Fold(), nil, nil)
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[string(buf[w.fstart:w.fend])] = true
	}
	return out
})

// minAddressClasses is the fewest consonant classes of a creole skeleton
// key read after a term of address (Esther, Esta: s t).
const minAddressClasses = 2

// addressKey returns the creole skeleton key of a word, without its
// vowels (skelLatin, skelWord, appendKey), and whether it has enough
// consonants: after a term of address and for a person of the record,
// Esta is Esther, whose vowels the finer key of a lone given name keeps
// apart (Easter is no Esther there).
func addressKey(w string) (string, bool) {
	k := skelKey(skelWord(skelLatin(w), true), false)
	return k, consonants(k) >= minAddressClasses
}

// addressed returns the mention of a name part of a person of ev after a
// term of address at words[i] (addressTerms, or a title of titlesBefore
// that the title rule left), and the index of the word after it: the part
// alone, without the term. Nothing where the word after the term starts a
// registered form the other rules read, is followed by another
// capitalised word (Mama Esther Mukendi is a full name for them), or
// names a thing (the Abu Salim prison).
func (m *Matcher) addressed(text string, words []word, buf []byte, i int, ev *evidence) (Match, int, bool) {
	j := i + 1
	// Most words are followed by no capitalised word, and most are no
	// term: those first, without a string made of the word.
	if ev == nil || len(ev.ids) == 0 || j >= len(words) || words[j].before != gapSpace ||
		!titleCase(text[words[j].start:words[j].end]) {
		return Match{}, 0, false
	}
	f := buf[words[i].fstart:words[i].fend]
	if !addressTerms()[string(f)] && !titlesBefore[string(f)] || !titleGap(string(f), text[words[i].end:words[j].start]) ||
		!rightBoundary(words, buf, j) || continued(text, words, j) || thingAfter(text, words[j].end) {
		return Match{}, 0, false
	}
	if _, _, found := m.longest(text, words, buf, j, ev.ids, nil); found {
		return Match{}, 0, false
	}
	if !ev.built {
		m.build1(ev)
	}
	key := m.foldedWord(buf, words[j])
	p, ambiguous, ok := int32(0), true, false
	switch {
	case ev.surnames[key]:
		p, _, ok = m.surnameAt(text, words, buf, j)
	case len(key) >= minFuzzy:
		if p, ok = ev.parts[key]; ok {
			ambiguous = false
		} else {
			p, ambiguous, ok = m.misspelt(ev, []byte(key))
		}
	}
	if !ok {
		if k, enough := addressKey(text[words[j].start:words[j].end]); enough {
			var h addressHit
			h, ok = m.addressKeys(ev)[k]
			// Two persons' key: hidden, as neither's.
			p, ambiguous = h.person, h.two
		}
	}
	if !ok {
		return Match{}, 0, false
	}
	return Match{Start: words[j].start, End: words[j].end, PersonID: m.ids[p], Ambiguous: ambiguous}, j + 1, true
}

// addressHit is the first person of a record with a key, and whether
// another has it too.
type addressHit struct {
	person int32
	two    bool
}

// addressIndex holds the creole skeleton keys of the name tokens of an
// evidence's persons, made at the first term of address before a
// capitalised word no other rule read: most records have none, and the
// keys cost a few allocations a token.
type addressIndex struct {
	once sync.Once
	keys map[string]addressHit
}

// addressKeys returns the keys of ev's persons (ev built), making them
// once; safe for an evidence shared by goroutines (Everyone's).
func (m *Matcher) addressKeys(ev *evidence) map[string]addressHit {
	ev.address.once.Do(func() {
		ev.address.keys = map[string]addressHit{}
		for _, p := range ev.persons {
			m.addAddressKeys(ev.address.keys, p)
		}
	})
	return ev.address.keys
}

// addAddressKeys adds to keys the creole skeleton key of each registered
// given name and name token of person p (m.skels: names and aliases of two
// tokens or more).
func (m *Matcher) addAddressKeys(keys map[string]addressHit, p int32) {
	for name := range strings.SplitSeq(m.skels[p], "|") {
		for t := range strings.SplitSeq(strings.TrimPrefix(name, "!"), " ") {
			for w := range strings.SplitSeq(t, "-") {
				k, enough := addressKey(w)
				if !enough {
					continue
				}
				if h, seen := keys[k]; !seen {
					keys[k] = addressHit{person: p}
				} else if h.person != p {
					keys[k] = addressHit{person: h.person, two: true}
				}
			}
		}
	}
}
