package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A person's registered contact details and residences (Person.Values) are
// found like names, as runs of whole words after the same normalisation,
// so that a text quoting them in another case, spacing or width still
// gives them away to nobody. A value is cut at every character other than
// letters, digits, marks, spaces, hyphens and apostrophes ("@", ".", ":",
// ",", "/"), and these pieces of it are found, in the order written:
//
//   - a piece that holds a digit and has at least four letters and digits
//     ("010-4821-7730", "Apt 1203", "45 Gwanak-ro 12-gil");
//   - a word of a piece that mixes letters and digits and has at least
//     four ("nkms83", "heron68", "3인민반", "1502호");
//   - the local part of an e-mail address (the word before "@"), so that
//     "heron68 @ postbox.example", "heron68%40postbox.example" and
//     "heron68@postbox" are found;
//   - the piece after a label and a colon ("KakaoTalk: bluecrane");
//   - a Hangul word of a neighbourhood or village (연봉동, 상동리: three
//     syllables or more, ending in 동 or 리), and its Latin spellings with
//     the unit capitalised as a name is ("Yonbong-dong", "Yeonbong dong"),
//     hyphenated anywhere between syllables, the unit also as
//     McCune–Reischauer writes it ("O-san-dŏk-tong", "Osandŏktong");
//
//   - a district (포항구역, 노원구, 무산군, Gwanak-gu), with its unit
//     written apart or not, in Latin spellings with the unit romanised
//     or translated ("Pohang-guyok", "Pohang district", "Musan county");
//   - each group of four digits or more of a phone number (a piece of
//     digit groups only, nine digits or more: "010-2937-4418"), but for
//     one that reads as a year (1900 to 2099), alone: a witness gives
//     the number in pieces ("앞자리는 2937이고 뒤는 4418", "the last
//     four are 4418");
//   - the number of a neighbourhood unit (3인민반, 12반) in the ways
//     English and Korean texts write it: "3반", "3-ban", "3 inminban",
//     "3rd inminban", "inminban 3", "neighbourhood unit 3".
//
// Cities alone (Seoul, 혜산시), a refugee camp and its number alone
// (Camp 15) and bare short numbers are not pieces:
// they identify nobody and are everywhere in testimonies. A piece longer
// than MaxNameLen is not found whole, only by its words.

// valueVariants returns the variants of one of person's values.
func (m *Matcher) valueVariants(person int32, value string) ([]rawVariant, error) {
	var out []rawVariant
	add := func(part string, capitals bool) error {
		if len(part) > MaxNameLen {
			// A long run of free text without commas: its words with
			// digits are still pieces; a registry entry must not make
			// every view fail.
			return nil
		}
		ts, err := m.parseName(part)
		if err != nil {
			return err
		}
		v := newRaw(person, rankValue, ts)
		v.capitals, v.everyday = capitals, false
		out = append(out, v)
		return nil
	}
	for _, pc := range valuePieces(value) {
		text := pc.text
		// In Colombian notation the number before "#" names the street
		// (Carrera 7 # 45-12): "Carrera 7" alone is the street, no
		// piece; the value whole is found by the residence's parts.
		if strings.ContainsAny(text, "0123456789") && letters(text) >= 4 && pc.next != '#' && !campAlone(text) {
			if err := add(text, false); err != nil {
				return nil, err
			}
		}
		for _, g := range phoneGroups(text) {
			if err := add(g, false); err != nil {
				return nil, err
			}
		}
		fields := strings.Fields(text)
		for _, f := range fields {
			if strings.ContainsAny(f, "0123456789") && strings.IndexFunc(f, unicode.IsLetter) >= 0 && letters(f) >= 4 && f != text {
				if err := add(f, false); err != nil {
					return nil, err
				}
			}
			if stem, unit, ok := placeWord(f); ok {
				if err := add(f, false); err != nil {
					return nil, err
				}
				// By syllables, so that a text may hyphenate it
				// anywhere (O-san-dŏk-tong); the unit also as
				// McCune–Reischauer writes it after a voiceless sound or
				// by syllables, for the likeliest spellings.
				for i, r := range romanise(stem) {
					for _, u := range append([]string{unit}, placeUnitForms[unit]...) {
						if u != unit && i >= maxUnitForms {
							break
						}
						if err := add(r+"-"+u, true); err != nil {
							return nil, err
						}
					}
				}
			}
			for _, form := range districtForms(f) {
				if err := add(form, false); err != nil {
					return nil, err
				}
			}
			for _, form := range unitForms(f) {
				if err := add(form, false); err != nil {
					return nil, err
				}
			}
		}
		switch {
		case pc.next == '@' && len(fields) > 0 && letters(fields[len(fields)-1]) >= 3:
			if err := add(fields[len(fields)-1], false); err != nil {
				return nil, err
			}
		case (pc.prev == ':' || pc.prev == '：') && letters(text) >= 4:
			if err := add(text, false); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// campAlone reports whether a piece is a camp's word and its number
// alone (Camp 15, Camp 8W, ক্যাম্প ১৫): a camp is a place of tens of
// thousands, as a city is, so it is no piece; its block and shelter with
// it are (the residence's parts in vault/redact find those). Review 13l:
// "Camp 15 has a clinic" was hidden as the witness's residence.
func campAlone(text string) bool {
	f := strings.Fields(text)
	if len(f) != 2 {
		return false
	}
	if strings.ContainsAny(f[0], "0123456789") {
		f[0], f[1] = f[1], f[0]
	}
	return campNames[strings.ToLower(f[0])] && len(f[1]) <= 4 && '0' <= f[1][0] && f[1][0] <= '9' // 15, 8W
}

// campNames are the words for a camp of the camps' languages.
var campNames = wordSet("camp camps campo campamento mukhayam ক্যাম্প مخيم ካምፕ کمپ")

// piece is a part of a value between two cutting characters.
type piece struct {
	text       string
	prev, next rune // the cutting characters around it; 0 at the ends
}

// valuePieces cuts a value at every character a name may not hold.
func valuePieces(value string) []piece {
	var out []piece
	start, prev := 0, rune(0)
	flush := func(end int, next rune) {
		if t := strings.Trim(value[start:end], " \t-'"); t != "" {
			out = append(out, piece{text: t, prev: prev, next: next})
		}
	}
	for i := 0; i < len(value); {
		c, n := classAt(value, i)
		if c == classOther || c == classBreak {
			r, _ := utf8.DecodeRuneInString(value[i:])
			flush(i, r)
			start, prev = i+n, r
		}
		i += n
	}
	flush(len(value), 0)
	return out
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// placeWord reports whether w is a Hangul neighbourhood or village of
// three syllables or more (연봉동, 상동리), and returns its name and the
// Latin spelling of its unit.
func placeWord(w string) (stem, unit string, ok bool) {
	n := utf8.RuneCountInString(w)
	if n < 3 || strings.IndexFunc(w, func(r rune) bool { return !isHangulSyllable(r) }) >= 0 {
		return "", "", false
	}
	switch {
	case strings.HasSuffix(w, "동"):
		return strings.TrimSuffix(w, "동"), "dong", true
	case strings.HasSuffix(w, "리"):
		return strings.TrimSuffix(w, "리"), "ri", true
	}
	return "", "", false
}

// placeUnitForms are the other Latin spellings of the units of
// placeWord: 동 as tong, 리 as ni or li (McCune–Reischauer, after a
// voiceless sound or a consonant); given for the maxUnitForms likeliest
// spellings of a place's name only.
var placeUnitForms = map[string][]string{"dong": {"tong"}, "ri": {"ni", "li"}}

const maxUnitForms = 4

// districtUnits are the units of a district, Hangul and Latin, with the
// Latin forms a text gives them.
var districtUnits = []struct {
	hangul, latin string
	forms         []string
}{
	{"구역", "guyok", []string{"-guyok", "-kuyok", " district"}},
	{"구", "gu", []string{"-gu", "-ku", " district"}},
	{"군", "gun", []string{"-gun", "-kun", " county"}},
}

// districtForms returns the forms of w if it is a district: a Hangul
// word of a name of two syllables or more and a unit (포항구역), or a
// Latin one with a hyphenated unit (Gwanak-gu).
func districtForms(w string) []string {
	for _, u := range districtUnits {
		if stem, ok := strings.CutSuffix(w, u.hangul); ok && utf8.RuneCountInString(stem) >= 2 &&
			strings.IndexFunc(stem, func(r rune) bool { return !isHangulSyllable(r) }) < 0 {
			out := []string{w}
			for _, r := range romanisations(stem) {
				for _, f := range u.forms {
					out = append(out, r+f)
				}
			}
			return out
		}
		if stem, ok := strings.CutSuffix(strings.ToLower(w), "-"+u.latin); ok && len(stem) >= 3 && strings.IndexFunc(stem, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
			out := []string{w}
			for _, f := range u.forms {
				out = append(out, stem+f)
			}
			return out
		}
	}
	return nil
}

// unitForms returns the forms of w if it is the number of a
// neighbourhood unit (3인민반, 12반).
func unitForms(w string) []string {
	digits := strings.TrimLeft(w, "0123456789")
	n := w[:len(w)-len(digits)]
	if n == "" || len(n) > 3 || digits != "인민반" && digits != "반" {
		return nil
	}
	ord := "th"
	if len(n) == 1 || n[len(n)-2] != '1' {
		switch n[len(n)-1] {
		case '1':
			ord = "st"
		case '2':
			ord = "nd"
		case '3':
			ord = "rd"
		}
	}
	return []string{n + "인민반", n + "반", n + "-ban", n + " inminban", n + ord + " inminban", "inminban " + n,
		"neighbourhood unit " + n, "neighborhood unit " + n}
}

// phoneGroups returns the groups of four digits or more of a piece made
// of digit groups only (separated by hyphens or spaces) holding nine
// digits or more, less those that read as a year.
func phoneGroups(piece string) []string {
	groups := strings.FieldsFunc(piece, func(r rune) bool { return r == ' ' || r == '-' || classify(r) == classHyphen })
	digits := 0
	for _, g := range groups {
		if strings.Trim(g, "0123456789") != "" {
			return nil
		}
		digits += len(g)
	}
	if digits < 9 || len(groups) < 2 {
		return nil
	}
	var out []string
	for _, g := range groups {
		if len(g) >= 4 && !(len(g) == 4 && (g[:2] == "19" || g[:2] == "20")) {
			out = append(out, g)
		}
	}
	return out
}
