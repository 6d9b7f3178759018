package names

import (
	"strings"
	"sync"
)

// Tibetan names (review 13l Q2): Pema Yangchen is written པདྨ་དབྱངས་ཅན
// in Tibetan script, Padma Dbyangs-can in Wylie, 白玛央金 in Chinese and
// Baima Yangjin in the pinyin of that. A Tibetan name is made of a few
// hundred common elements of two syllables, each with one Chinese
// transcription in the official usage (ID cards, Xinhua); tibetanTable
// lists the common ones, compiled by hand from that usage (it is not
// checked against a published list: GB/T 17693.5 covers place names,
// not persons), with their Wylie transliteration. A registered name
// whose tokens are all elements gets its Han form and that form's pinyin
// as variants of the full name, never an element alone (扎西德勒,
// Tashi Delek, is a greeting), and its Wylie for the skeleton rule,
// which reads Tibetan script and Wylie alike: unidecode writes Tibetan
// script as Wylie without the inherent a, and the skeleton keys no vowel.

// tibetanTable is one element a line: its phonetic spellings apart by
// commas, its Han transcription and its Wylie, apart by bars.
const tibetanTable = `
pema,padma,pemma|白玛|padma
yangchen,yangchan|央金|dbyangs can
lobsang,losang,lopsang|洛桑|blo bzang
tashi,trashi|扎西|bkra shis
tsering,tshering|次仁|tshe ring
dorje,dorjee,dorji|多吉|rdo rje
dolma,drolma|卓玛|sgrol ma
tenzin,tenzing,tendzin|丹增|bstan 'dzin
sonam|索朗|bsod nams
dawa|达瓦|zla ba
nyima|尼玛|nyi ma
lhamo|拉姆|lha mo
kelsang,kalsang,kelzang|格桑|skal bzang
karma|嘎玛|karma
jampa|强巴|byams pa
ngawang|阿旺|ngag dbang
yeshe,yeshi|益西|ye shes
dekyi,dekyid|德吉|bde skyid
phuntsok,phuntsog|平措|phun tshogs
dhondup,dhondrub,dondrub|顿珠|don grub
gyaltsen|坚参|rgyal mtshan
thupten,thubten|土登|thub bstan
jigme|晋美|'jigs med
sangye|桑杰|sangs rgyas
norbu|罗布|nor bu
wangmo|旺姆|dbang mo
tsomo|措姆|mtsho mo
pasang|巴桑|pa sangs
lhakpa,lhagpa|拉巴|lhag pa
phurbu,purbu|普布|phur bu
penpa|边巴|spen pa
migmar|米玛|mig dmar
rinchen|仁青|rin chen
namgyal|朗杰|rnam rgyal
dechen|德庆|bde chen
gonpo|贡布|mgon po
lhundup,lhundrup|伦珠|lhun grub
tseten|次旦|tshe brtan
chodron,choedon|曲珍|chos sgron
drolkar|卓嘎|sgrol dkar
yangdzom,yangzom|央宗|dbyangs 'dzoms
kunga|贡嘎|kun dga'
gendun|根敦|dge 'dun
choephel,chophel|群培|chos 'phel
tsewang|次旺|tshe dbang
samdup,samdrup|桑珠|bsam grub
`

// tibetanElement is an element's Han transcription and Wylie.
type tibetanElement struct{ han, wylie string }

// tibetanElements maps each phonetic spelling of tibetanTable to its
// element, built at first use.
var tibetanElements = sync.OnceValue(func() map[string]tibetanElement {
	m := map[string]tibetanElement{}
	for line := range strings.Lines(tibetanTable) {
		f := strings.Split(strings.TrimSpace(line), "|")
		if len(f) != 3 {
			continue
		}
		for sp := range strings.SplitSeq(f[0], ",") {
			m[sp] = tibetanElement{f[1], f[2]}
		}
	}
	return m
})

// tibetanForms returns the Han, pinyin and Wylie forms of name, a
// registered name or alias of two tokens or more that are all Tibetan
// elements (Pema Yangchen: 白玛央金, Baima Yangjin, padma dbyangs-can),
// or ok false.
func tibetanForms(name string) (han, pinyin, wylie string, ok bool) {
	ts := strings.Fields(name)
	if len(ts) < 2 {
		return "", "", "", false
	}
	var h, p, w strings.Builder
	for i, t := range ts {
		e, found := tibetanElements()[skelLatin(t)]
		if !found {
			return "", "", "", false
		}
		if i > 0 {
			p.WriteByte(' ')
			w.WriteByte(' ')
		}
		h.WriteString(e.han)
		for _, r := range e.han {
			rd, ok := hanziReadings()[r]
			if !ok {
				return "", "", "", false
			}
			p.WriteString(rd[0])
		}
		w.WriteString(strings.ReplaceAll(e.wylie, " ", "-"))
	}
	return h.String(), p.String(), w.String(), true
}

// tibetanVariants returns the Han and pinyin variants of a Tibetan name
// or alias of person, and records its Wylie for the skeleton rule.
func (m *Matcher) tibetanVariants(person int32, name string, rk rank) []rawVariant {
	han, pinyin, wylie, ok := tibetanForms(name)
	if !ok {
		return nil
	}
	m.addSkeleton(person, skelDerived+wylie, false)
	var out []rawVariant
	for _, f := range []string{han, pinyin} {
		if ts, err := m.parseName(f); err == nil {
			out = append(out, newRaw(person, rk, ts))
		}
	}
	return out
}
