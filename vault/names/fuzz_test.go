package names

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// fuzzVariants are forms of the fuzz persons' names, each a whole mention.
var fuzzVariants = []struct{ text, id string }{
	{"Kim Eunju", "W-0031"},
	{"Eunju Kim", "W-0031"},
	{"Eunju", "W-0031"},
	{"Eun-ju", "W-0031"},
	{"Eun ju", "W-0031"},
	{"KimEunju", "W-0031"},
	{"Kim Eun-ju", "W-0031"},
	{"Eun-ju Kim", "W-0031"},
	{"Choi Suvin", "W-0044"},
	{"SUVIN CHOI", "W-0044"},
	{"Suvin", "W-0044"},
	{"Su-bin", "W-0044"},
	{"Subin", "W-0044"},
	{"Choi Su-bin", "W-0044"},
	{"Kim Joonsik", "W-0102"},
	{"Joonsik", "W-0102"},
	{"Joon-sik", "W-0102"},
	{"Joon sik", "W-0102"},
	{"Joonsik Kim", "W-0102"},
	{"Lee Hana", "W-0103"},
	{"Hana", "W-0103"},
	{"Hana Lee", "W-0103"},
	{"김은주", "P-hangul"},
	{"김 은주", "P-hangul"},
	{"은주", "P-hangul"},
	{"은주 김", "P-hangul"},
}

// fuzzSeparators cannot be part of a mention: each ends one.
var fuzzSeparators = []string{".", ",", ";", "(", ")", "!", "?", "\"", "/", "\n\n", "\u2014", "…", "«", "»", "：", "@", "'\n\n"}

// restyle writes a name variant as style says: the bits choose the case,
// fullwidth letters, other hyphens and spaces, and a suffix. It returns
// the text and the length of the mention at its start.
func restyle(s string, style uint8) (string, int) {
	switch {
	case style&1 != 0:
		s = strings.ToUpper(s)
	case style&2 != 0:
		s = strings.ToLower(s)
	}
	if style&4 != 0 {
		s = strings.Map(func(r rune) rune {
			switch {
			case 'a' <= r && r <= 'z':
				return r - 'a' + 'ａ'
			case 'A' <= r && r <= 'Z':
				return r - 'A' + 'Ａ'
			}
			return r
		}, s)
	}
	if style&8 != 0 {
		s = strings.ReplaceAll(s, "-", "\u2011")
	}
	if style&16 != 0 {
		s = strings.ReplaceAll(s, " ", "\u00a0\n")
	}
	n := len(s)
	switch {
	case style&32 != 0:
		s += "’s"
	case style&64 != 0:
		s += "씨에게는"
	}
	return s, n
}

// FuzzFind hides a name variant chosen by the input between two separators
// in random text and checks that Find reports exactly it; and, on any text,
// that Find does not panic, that its matches are sorted, non-overlapping
// and on rune boundaries, and that each match, cut out of the text, is
// found again whole and for the same person.
func FuzzFind(f *testing.F) {
	f.Add("When we were 16, Kim", "Kim dynasty.", uint8(0), uint8(0), uint8(0))
	f.Add("Suvin's hand", "eunju.kim80@example.org", uint8(3), uint8(1), uint8(0x21))
	f.Add("증인 김", "씨가 말했다", uint8(22), uint8(64), uint8(0x34))
	f.Add("Ｋｉｍ\u00ad", "\xff\xe2\x80", uint8(9), uint8(0x1c), uint8(0x55))
	f.Add("İstanbul ǰ ß", "ﷺ Kim\n\nEunju", uint8(17), uint8(0x2e), uint8(0x7f))
	persons := append(corpus(), Person{ID: "P-hangul", Name: "김 은주"})
	m := newMatcher(f, persons)
	f.Fuzz(func(t *testing.T, before, after string, pick, style, seps uint8) {
		for _, text := range []string{before, after, before + after} {
			checkAlone(t, m, text, m.Find(text))
		}

		v := fuzzVariants[int(pick)%len(fuzzVariants)]
		mention, n := restyle(v.text, style)
		left := fuzzSeparators[int(seps&0xf)%len(fuzzSeparators)]
		right := fuzzSeparators[int(seps>>4)%len(fuzzSeparators)]
		text := before + left + mention + right + after
		got := m.Find(text)
		checkAlone(t, m, text, got)
		want := Match{Start: len(before) + len(left), End: len(before) + len(left) + n, PersonID: v.id}
		for _, g := range got {
			// The mention may take in a family name joined by a dot or
			// an underscore (kim.eunju).
			if g.PersonID == want.PersonID && !g.Ambiguous && g.Start <= want.Start && want.End <= g.End && (g == want || strings.ContainsAny(left+right, "._")) {
				return
			}
		}
		t.Errorf("Find(%q) = %+v, want it to hold %+v (%q)", text, got, want, text[want.Start:want.End])
	})
}

// checkAlone checks the matches of text, and that each is found again when
// cut out of the text.
func checkAlone(t *testing.T, m *Matcher, text string, got []Match) {
	t.Helper()
	checkMatches(t, text, got)
	for _, g := range got {
		s := text[g.Start:g.End]
		again := m.Find(s)
		if len(again) != 1 || again[0] != (Match{Start: 0, End: len(s), PersonID: g.PersonID, Ambiguous: g.Ambiguous}) {
			t.Errorf("%q is %+v in %q, but alone it is %+v", s, g, text, again)
		}
	}
}

// FuzzKoreanEndings hides a Korean name with any ending of the table, in
// any normalisation form and with invisible characters inside, between two
// separators in random text: Find must report the name, exactly.
func FuzzKoreanEndings(f *testing.F) {
	f.Add("그때", "봤다", uint8(0), uint8(0), uint8(0))
	f.Add("Auntie", "\u200b", uint8(3), uint8(17), uint8(0x13))
	f.Add("", "ᄋ", uint8(7), uint8(200), uint8(0x2f))
	m := newMatcher(f, classPersons())
	stems := []struct{ text, id string }{
		{"민서", "K-minseo"}, {"박민서", "K-minseo"}, {"박 민서", "K-minseo"}, {"지훈", "K-jihoon"},
		{"김지훈", "K-jihoon"}, {"철수", "K-cheolsu"}, {"박철수", "K-cheolsu"}, {"남궁민수", "K-namgung"},
	}
	seps := []string{" ", ".", ", ", "\n", "(", "\"", "…", "!"}
	f.Fuzz(func(t *testing.T, before, after string, pick, ending, style uint8) {
		stem := stems[int(pick)%len(stems)]
		name, end := stem.text, koreanEndings[int(ending)%len(koreanEndings)]
		if style&1 != 0 {
			// An invisible character inside the name, between syllables.
			k := strings.IndexRune(name[1:], '서') + 1
			if k <= 0 {
				k = len(name) - 3
			}
			name = name[:k] + "\u200b" + name[k:]
		}
		if style&2 != 0 {
			name, end = norm.NFD.String(name), norm.NFD.String(end)
		}
		left, right := seps[int(style>>2)%len(seps)], seps[int(style>>5)%len(seps)]
		text := before + left + name + end + right + after
		got := m.Find(text)
		checkMatches(t, text, got)
		start := len(before) + len(left)
		for _, g := range got {
			if g.Start == start && g.End == start+len(name) && g.PersonID == stem.id {
				return
			}
		}
		t.Errorf("Find(%q) = %+v, want %q for %s", text, got, name, stem.id)
	})
}

// FuzzNewMatcher registers a person of any name and alias that CheckName
// accepts, as a testimony may: NewMatcher must build the matcher (a panic
// there would fail every researcher view of the vault), and the name must
// be found in a text of it alone.
func FuzzNewMatcher(f *testing.F) {
	// One-word names with an alias, which indexed a family name they do
	// not have (review diff13).
	f.Add("Chepe", "Pepe")
	f.Add("Bea", "Bea")
	f.Add("Nguyễn", "Mai Anh")
	f.Add("Nguyễn Thị Mai", "Mai Anh")
	f.Add("Chepe", "El Flaco")
	f.Add("김은주", "은주")
	f.Fuzz(func(t *testing.T, name, alias string) {
		if CheckName(name) != nil || CheckName(alias) != nil {
			return
		}
		m, err := NewMatcher([]Person{{ID: "p", Name: name, Aliases: []string{alias}}})
		if err != nil {
			t.Fatalf("NewMatcher(%q, alias %q): %v", name, alias, err)
		}
		checkAlone(t, m, name, m.Find(name))
	})
}
