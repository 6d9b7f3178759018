package names

// Korean given names registered in Hangul are written in Latin letters in
// English testimonies, in more than one spelling: 민서 is Minseo (Revised
// Romanisation), Minso (McCune–Reischauer without its marks) or Minsu;
// 지훈 is Jihun, Chihun or Jihoon. romanisations lists the usual
// spellings of each syllable and combines them.

// The spellings of the initial consonants, vowels and final consonants of
// a syllable, in Unicode order; the first is the Revised Romanisation.
var (
	initials = [19][]string{
		{"g", "k"}, {"kk"}, {"n"}, {"d", "t"}, {"tt"}, {"r", "l"}, {"m"}, {"b", "p"}, {"pp"}, {"s"},
		{"ss"}, {""}, {"j", "ch"}, {"jj"}, {"ch"}, {"k"}, {"t"}, {"p"}, {"h"},
	}
	vowels = [21][]string{
		{"a"}, {"ae"}, {"ya"}, {"yae"}, {"eo", "o", "u"}, {"e"}, {"yeo", "yo"}, {"ye"}, {"o"}, {"wa"},
		{"wae"}, {"oe"}, {"yo"}, {"u", "oo"}, {"wo"}, {"we"}, {"wi"}, {"yu"}, {"eu", "u"}, {"ui"}, {"i"},
	}
	finals = [28][]string{
		{""}, {"k", "g"}, {"k"}, {"k"}, {"n"}, {"n"}, {"n"}, {"t", "d"}, {"l", "r"}, {"k"}, {"m"}, {"l"},
		{"l"}, {"l"}, {"p"}, {"l"}, {"m"}, {"p", "b"}, {"p"}, {"t", "s"}, {"t"}, {"ng"}, {"t"}, {"t"},
		{"k"}, {"t"}, {"p"}, {"t"},
	}
)

// maxRomanisations bounds the spellings of one given name: a name of three
// syllables with two or three spellings each would have dozens, and each
// is a variant the matcher indexes.
const maxRomanisations = 12

// romanisations returns the usual Latin spellings of given, a word of one
// to three Hangul syllables, in lower case, the Revised Romanisation first;
// nil for anything else.
func romanisations(given string) []string {
	var syllables [][]string
	for _, r := range given {
		if !isHangulSyllable(r) || len(syllables) == 3 {
			return nil
		}
		k := int(r - 0xAC00)
		ini, vow, fin := k/(21*28), k/28%21, k%28
		var sp []string
		for _, a := range initials[ini] {
			for _, b := range vowels[vow] {
				for _, c := range finals[fin] {
					s := a + b + c
					if a == "s" && b == "i" {
						sp = append(sp, s, "sh"+b+c) // 시: si, shi
						continue
					}
					sp = append(sp, s)
				}
			}
		}
		syllables = append(syllables, sp)
	}
	if len(syllables) == 0 {
		return nil
	}
	out := []string{""}
	for _, sp := range syllables {
		var next []string
		for _, prefix := range out {
			for _, s := range sp {
				if len(next) < maxRomanisations {
					next = append(next, prefix+s)
				}
			}
		}
		out = next
	}
	return out
}
