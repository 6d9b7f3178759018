package names

import (
	"slices"
	"strings"
	"testing"
)

// corpus is the people of the sample testimonies.
func corpus() []Person {
	return []Person{
		{ID: "W-0031", Name: "Kim Eunju", Aliases: []string{"Eun-ju"}},
		{ID: "W-0044", Name: "Choi Suvin", Aliases: []string{"Su-bin"}},
		{ID: "W-0102", Name: "Kim Joonsik", Aliases: []string{"Joon-sik"}},
		{ID: "W-0103", Name: "Lee Hana"},
	}
}

func newMatcher(t testing.TB, persons []Person) *Matcher {
	t.Helper()
	m, err := NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mentions returns the matches of m in text as "mention=ID" (with a "?"
// for an ambiguous match), after checking the invariants of Find.
func mentions(t testing.TB, m *Matcher, text string) []string {
	t.Helper()
	return evidentMentions(t, m, text, nil)
}

// evidentMentions is mentions for FindEvident.
func evidentMentions(t testing.TB, m *Matcher, text string, evident map[string]bool) []string {
	t.Helper()
	got := m.FindEvident(text, evident)
	checkMatches(t, text, got)
	var out []string
	for _, g := range got {
		s := text[g.Start:g.End] + "=" + g.PersonID
		if g.Ambiguous {
			s += "?"
		}
		if g.Value {
			s += "!"
		}
		out = append(out, s)
	}
	return out
}

// checkMatches checks that matches are sorted, non-overlapping, non-empty
// and on rune boundaries of text.
func checkMatches(t testing.TB, text string, ms []Match) {
	t.Helper()
	boundary := make(map[int]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) || !boundary[m.Start] || !boundary[m.End] {
			t.Fatalf("Find(%q): bad match %+v in %+v", text, m, ms)
		}
		prev = m.End
	}
}

func TestFindCorpus(t *testing.T) {
	m := newMatcher(t, corpus())
	tests := []struct {
		text string
		want []string
	}{
		// Full name, both orders, any case, any spacing of the given name.
		{"Kim Eunju", []string{"Kim Eunju=W-0031"}},
		{"Eunju Kim", []string{"Eunju Kim=W-0031"}},
		{"KIM EUNJU", []string{"KIM EUNJU=W-0031"}},
		{"kim eunju", []string{"kim eunju=W-0031"}},
		{"Kim Eun-ju", []string{"Kim Eun-ju=W-0031"}},
		{"Kim Eun ju", []string{"Kim Eun ju=W-0031"}},
		{"Eun-ju Kim", []string{"Eun-ju Kim=W-0031"}},
		{"KimEunju", []string{"KimEunju=W-0031"}},
		{"Kim-Eunju", []string{"Kim-Eunju=W-0031"}},
		{"SUVIN CHOI", []string{"SUVIN CHOI=W-0044"}},
		{"Choi Suvin", []string{"Choi Suvin=W-0044"}},
		{"Kim Joonsik", []string{"Kim Joonsik=W-0102"}},
		{"Kim Joon-sik", []string{"Kim Joon-sik=W-0102"}},
		{"Joonsik Kim", []string{"Joonsik Kim=W-0102"}},
		{"Lee Hana", []string{"Lee Hana=W-0103"}},
		{"Hana Lee", []string{"Hana Lee=W-0103"}},

		// Given name alone, with or without hyphens and spaces.
		{"Eunju", []string{"Eunju=W-0031"}},
		{"Eun-ju", []string{"Eun-ju=W-0031"}},
		{"Eun ju", []string{"Eun ju=W-0031"}},
		{"EUN-JU", []string{"EUN-JU=W-0031"}},
		{"Joonsik", []string{"Joonsik=W-0102"}},
		{"Joon-sik", []string{"Joon-sik=W-0102"}},
		{"Joon sik", []string{"Joon sik=W-0102"}},
		{"Suvin", []string{"Suvin=W-0044"}},
		{"suvin", []string{"suvin=W-0044"}},
		{"Hana", []string{"Hana=W-0103"}},

		// Aliases, with the same freedom, and with the family name.
		{"Su-bin", []string{"Su-bin=W-0044"}},
		{"Subin", []string{"Subin=W-0044"}},
		{"SU BIN", []string{"SU BIN=W-0044"}},
		{"Choi Su-bin", []string{"Choi Su-bin=W-0044"}},
		{"Su-bin Choi", []string{"Su-bin Choi=W-0044"}},

		// Hyphen variants.
		{"Eun\u2010ju", []string{"Eun\u2010ju=W-0031"}},
		{"Eun\u2011ju", []string{"Eun\u2011ju=W-0031"}},
		{"Eun\u2013ju", []string{"Eun\u2013ju=W-0031"}},
		{"Eun\uFF0Dju", []string{"Eun\uFF0Dju=W-0031"}},
		{"Eun - ju", []string{"Eun - ju=W-0031"}},

		// Separators within a mention.
		{"Kim\nEunju", []string{"Kim\nEunju=W-0031"}},
		{"Kim\r\nEunju", []string{"Kim\r\nEunju=W-0031"}},
		{"Kim\u00a0Eunju", []string{"Kim\u00a0Eunju=W-0031"}},
		{"Kim  \tEunju", []string{"Kim  \tEunju=W-0031"}},
		{"Eun\u00adju", []string{"Eun\u00adju=W-0031"}},       // soft hyphen
		{"Kim\u200bEunju", []string{"Kim\u200bEunju=W-0031"}}, // zero-width space
		{"Eun'ju", []string{"Eun'ju=W-0031"}},
		{"Eunju\uFE0F!", []string{"Eunju=W-0031"}},      // variation selector
		{"Eun\u034Fju", []string{"Eun\u034Fju=W-0031"}}, // combining grapheme joiner
		{"\u2066Eunju\u2069", []string{"Eunju=W-0031"}}, // bidi isolates
		// A blank line or punctuation ends a mention.
		{"Kim\n\nEunju", []string{"Eunju=W-0031"}},
		{"Kim\r\n\r\nEunju", []string{"Eunju=W-0031"}},
		{"Kim\u2029Eunju", []string{"Eunju=W-0031"}},
		{"Kim, Eunju", []string{"Kim, Eunju=W-0031"}}, // family name first, in a list
		{"Kim\u2014Eunju", []string{"Eunju=W-0031"}},  // em dash
		{"Eun--ju", nil},
		{"Kim 'Eunju'", []string{"Eunju=W-0031"}},

		// Possessives and suffixes stay outside.
		{"Suvin's hand", []string{"Suvin=W-0044"}},
		{"Suvin’s hand", []string{"Suvin=W-0044"}},
		{"SUVIN'S", []string{"SUVIN=W-0044"}},
		{"Kim Eunju's", []string{"Kim Eunju=W-0031"}},
		{"Eunju-ssi", []string{"Eunju=W-0031"}},
		{"Joon-sik-hyung", []string{"Joon-sik=W-0102"}},
		{"Suvin's'", []string{"Suvin=W-0044"}},
		{"Suvin'sa", nil},
		{"Suvin'd", nil},

		// Punctuation around a mention.
		{"(Suvin)", []string{"Suvin=W-0044"}},
		{"“Hana”", []string{"Hana=W-0103"}},
		{"'Eunju'", []string{"Eunju=W-0031"}},
		{"Eunju_1980", []string{"Eunju=W-0031"}},

		// Several mentions; the longest at each word wins.
		{"Eunju Kim Joonsik", []string{"Eunju Kim=W-0031", "Joonsik=W-0102"}},
		{"Kim Eunju and Kim Joonsik met Lee Hana", []string{"Kim Eunju=W-0031", "Kim Joonsik=W-0102", "Lee Hana=W-0103"}},
		{"Hana, Suvin; Eunju.", []string{"Hana=W-0103", "Suvin=W-0044", "Eunju=W-0031"}},

		// E-mail addresses: words of the local part are words like any
		// other; "kim80" is not a word of a name, "kim" alone never is.
		{"eunju.kim80@example.org", []string{"eunju=W-0031"}},
		{"suvin.choi@example.net", []string{"suvin.choi=W-0044"}}, // the family name in a handle
		{"kim.eunju@example.org", []string{"kim.eunju=W-0031"}},

		// Not these people.
		{"Kim Jong Un", nil},
		{"the Kim dynasty", nil},
		{"The Kim dynasty survives on fear.", nil},
		{"Kimberly", nil},
		{"Kim", nil},
		{"Mr Kim and Ms Lee", []string{"Mr Kim=W-0031?", "Ms Lee=W-0103?"}}, // a family name with a title
		{"Choi", []string{"Choi=W-0044?"}},                                  // a registered family name alone (not Kim)
		{"Lee Kim", nil},
		{"Suvinia", nil},
		{"Hanako", nil},
		{"Hana\u00adko", nil},
		{"O'Hana", nil},
		{"Eunjuan", nil},
		{"Eun-juan", nil},
		{"Eunju2", nil},
		{"Joon", nil},
		{"Eun", nil},
		{"Kime unju", nil},
		{"Kimeun ju", nil}, // the family name is a word of its own
		{"Kimeun-ju", nil},
		{"Ki meunju", nil},
		{"K im", nil},
		{"Kim Eun", nil},
		{"Kim Eunhee", nil},
		{"Joonsiks", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindNarratives runs the narratives of the sample testimonies.
func TestFindNarratives(t *testing.T) {
	m := newMatcher(t, corpus())
	tests := []struct {
		text string
		want []string
	}{
		{
			"When we were 16, 17, in middle school at Onsong Girls' Middle School, they took us to watch sentencings. My schoolmate Choi Suvin stood next to me; Suvin held my hand the whole time. Eunju, our teacher said, this is what happens to people who watch South Korean shows. I am Kim Eunju, I was born on 2 February 1980, and I can be reached at +82 10-4821-7730 or eunju.kim80@example.org.",
			[]string{"Choi Suvin=W-0044", "Suvin=W-0044", "Eunju=W-0031", "Kim Eunju=W-0031", "eunju=W-0031"},
		},
		{
			"They gathered tens of thousands of people from Sinuiju city for the executions, to brainwash and educate us. The 109 group had arrested the men for selling USB drives with South Korean dramas. SUVIN CHOI is the name on my South Korean ID card. Eun-ju and I were in the crowd together. The Kim dynasty survives on fear.",
			[]string{"SUVIN CHOI=W-0044", "Eun-ju=W-0031"},
		},
		{
			"I was caught three times with South Korean dramas but my family had influence, so nothing happened to me. My friend's sister Lee Hana was sentenced to four years because her family could not afford a bribe; bribes were between $1,000 and $5,000. She sold snacks at Chongjin Railway Station kiosk 4. Joonsik, my mother said, you must never be caught a fourth time. My resident registration number was 930517-1234567 and my phone is 010 2231 8870.",
			[]string{"Lee Hana=W-0103", "Joonsik=W-0102"},
		},
	}
	for i, tt := range tests {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("narrative %d: got %q, want %q", i+1, got, tt.want)
		}
	}
}

func TestFindUnicode(t *testing.T) {
	persons := append(corpus(),
		Person{ID: "P-chloe", Name: "Martin Chloé"},
		Person{ID: "P-strauss", Name: "Strauß Anna"},
		Person{ID: "P-yilmaz", Name: "Yılmaz Ayşe"},
		Person{ID: "P-kim-hangul", Name: "김 은주", Aliases: []string{"김은주"}},
		Person{ID: "P-jon", Name: "Yi Jon"},
	)
	m := newMatcher(t, persons)
	tests := []struct {
		text string
		want []string
	}{
		// Fullwidth and other compatibility forms.
		{"Ｋｉｍ Ｅｕｎｊｕ", []string{"Ｋｉｍ Ｅｕｎｊｕ=W-0031"}},
		{"ＥＵＮＪＵ", []string{"ＥＵＮＪＵ=W-0031"}},
		{"\U0001D40A\U0001D422\U0001D426 Eunju", []string{"\U0001D40A\U0001D422\U0001D426 Eunju=W-0031"}}, // mathematical bold
		{"\u212Aim Eunju", []string{"\u212Aim Eunju=W-0031"}},                                             // Kelvin sign
		// Composed and decomposed accents.
		{"Chloé", []string{"Chloé=P-chloe"}},
		{"Chloe\u0301", []string{"Chloe\u0301=P-chloe"}},
		{"CHLOE\u0301 MARTIN", []string{"CHLOE\u0301 MARTIN=P-chloe"}},
		{"Chloe", []string{"Chloe=P-chloe"}}, // marks of Latin letters are folded
		{"Chloés", nil},
		// German and Turkish folding.
		{"Strauss Anna", []string{"Strauss Anna=P-strauss"}},
		{"STRAUSS ANNA", []string{"STRAUSS ANNA=P-strauss"}},
		{"Anna Strauß", []string{"Anna Strauß=P-strauss"}},
		{"Anna STRA\u1E9ESE", []string{"Anna=P-strauss"}}, // capital sharp s, "STRAẞSE" is not Strauß
		{"YILMAZ AYŞE", []string{"YILMAZ AYŞE=P-yilmaz"}},
		{"Ayşe Yilmaz", []string{"Ayşe Yilmaz=P-yilmaz"}},
		{"AYŞE YİLMAZ", []string{"AYŞE YİLMAZ=P-yilmaz"}},
		{"Kİm Eunju", []string{"Kİm Eunju=W-0031"}},
		{"Kım Eunju", []string{"Kım Eunju=W-0031"}},
		// Offsets in multi-byte text.
		{"증인 Kim Eunju 씨", []string{"Kim Eunju=W-0031"}},
		{"ＡＢＣ Ｅｕｎｊｕ。", []string{"Ｅｕｎｊｕ=W-0031"}},
		{"ﬁ Eunju ﬂ", []string{"Eunju=W-0031"}},
		// Hangul: particles and honorifics stay outside the mention.
		{"김은주", []string{"김은주=P-kim-hangul"}},
		{"김 은주", []string{"김 은주=P-kim-hangul"}},
		{"은주 김", []string{"은주 김=P-kim-hangul"}},
		{"은주", []string{"은주=P-kim-hangul"}},
		{"은주가 말했다", []string{"은주=P-kim-hangul"}},
		{"은주씨는", []string{"은주=P-kim-hangul"}},
		{"김은주 동무에게", []string{"김은주=P-kim-hangul"}},
		{"김은주동무에게는", []string{"김은주=P-kim-hangul"}},
		{"Eunju씨", []string{"Eunju=W-0031"}},
		{"은주선생님으로서는", []string{"은주=P-kim-hangul"}}, // the longest suffix
		{"은주네", []string{"은주=P-kim-hangul"}},
		{"은주씨씨", nil},
		{"은주가요", nil},
		{"은주머니", nil},
		{"김", nil},
		{"김씨", []string{"김씨=P-kim-hangul?"}},
		// Decomposed Hangul (conjoining jamo) normalises to the syllables.
		{"\u1100\u1175\u11B7\u110B\u1173\u11AB\u110C\u116E", []string{"\u1100\u1175\u11B7\u110B\u1173\u11AB\u110C\u116E=P-kim-hangul"}},
		// A short token needs capitals.
		{"Yi Jon", []string{"Yi Jon=P-jon"}},
		{"YI JON", []string{"YI JON=P-jon"}},
		{"yi jon", []string{"jon=P-jon"}},    // the given name alone has three letters; yi is not capitalised
		{"Yi jon", []string{"Yi jon=P-jon"}}, // the given name, and the family name next to it
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindOffsets checks exact offsets where normalisation changes the
// length of the text before and inside a mention.
func TestFindOffsets(t *testing.T) {
	m := newMatcher(t, corpus())
	text := "ǰ İİ ß ﷺ Ｓｕｖｉｎ’s Ｅｕｎ\u2011ｊｕ"
	got := m.Find(text)
	start := strings.Index(text, "Ｓｕｖｉｎ")
	start2 := strings.Index(text, "Ｅｕｎ")
	want := []Match{
		{Start: start, End: start + len("Ｓｕｖｉｎ"), PersonID: "W-0044"},
		{Start: start2, End: len(text), PersonID: "W-0031"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Find(%q) = %+v, want %+v", text, got, want)
	}
}

// TestFindSplits checks that a text may split a registered word only into
// syllable-sized pieces inside it, and that short given names are not
// matched alone.
func TestFindSplits(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "P-1", Name: "Ra Mina"},
		{ID: "P-2", Name: "Lee Ina"},
		{ID: "P-3", Name: "Park In"},
		{ID: "P-4", Name: "Kim Jong Un"},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"Ra Mina", []string{"Ra Mina=P-1"}},
		{"Mina", []string{"Mina=P-1"}},
		{"Mi-na", []string{"Mi-na=P-1"}},
		{"ram in a hurry", nil},
		{"Rami na", nil},
		{"Ram ina", []string{"ina=P-2"}}, // the whole word is the given name
		{"Ina", []string{"Ina=P-2"}},
		{"we lived in a village", nil},
		{"I na", nil},
		{"Park In", []string{"Park In=P-3"}},
		{"In Park", []string{"In Park=P-3"}},
		{"the park in town", nil},
		{"Park in town", nil},
		{"in the house", nil},
		{"In the house", nil}, // "In" is too short to be a given name alone
		{"Jon Gun", nil},      // "Gun" straddles the registered "Jong Un"
		{"KIM JON GUN", nil},
		{"Kim Jong Un", []string{"Kim Jong Un=P-4"}},
		{"Kim Jong-un", []string{"Kim Jong-un=P-4"}},
		{"Kim Jongun", []string{"Kim Jongun=P-4"}},
		{"Jong Un", []string{"Jong Un=P-4"}},
		{"Jongun Kim", []string{"Jongun Kim=P-4"}},
		{"Jong-un Kim", []string{"Jong-un Kim=P-4"}},
		{"JONG UN KIM", []string{"JONG UN KIM=P-4"}},
		{"Jongu nKim", nil},
		{"kim jong un", nil}, // "un" is a short token: capitals needed
		{"Kim", nil},
		{"Un", nil},
	}
	for _, tt := range tests {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindTies checks the tie rule: a full name before an alias before a
// given name alone, then the smallest ID, and Ambiguous.
func TestFindTies(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "P-2", Name: "Kim Suvin"},
		{ID: "P-1", Name: "Choi Suvin"},
		{ID: "P-3", Name: "Park Minho", Aliases: []string{"Suvin"}},
		{ID: "P-4", Name: "Han Jiwoo"},
		{ID: "P-0", Name: "Jiwoo Han"}, // the same letters, registered the other way round
		{ID: "P-5", Name: "Lee Hana", Aliases: []string{"Hana"}},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"Kim Suvin", []string{"Kim Suvin=P-2"}},
		{"Suvin Choi", []string{"Suvin Choi=P-1"}},
		{"Suvin", []string{"Suvin=P-3?"}},         // an alias before a given name alone
		{"Jiwoo Han", []string{"Jiwoo Han=P-0?"}}, // two full names: the smallest ID
		{"Han Jiwoo", []string{"Han Jiwoo=P-0?"}},
		{"Hana", []string{"Hana=P-5"}}, // one person twice is not ambiguous
	}
	for _, tt := range tests {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// The order of the persons given to NewMatcher does not matter.
	persons := []Person{{ID: "B", Name: "Kim Suvin"}, {ID: "A", Name: "Choi Suvin"}}
	for range 2 {
		m := newMatcher(t, persons)
		if got, want := mentions(t, m, "Suvin"), []string{"Suvin=A?"}; !slices.Equal(got, want) {
			t.Errorf("persons %v: Find(Suvin) = %q, want %q", persons, got, want)
		}
		slices.Reverse(persons)
	}
}

func TestNewMatcherErrors(t *testing.T) {
	long := strings.Repeat("a", MaxNameLen-4) + " bcd"
	tests := []struct {
		persons []Person
		want    string
	}{
		{[]Person{{ID: "", Name: "Kim Eunju"}}, `person 0: empty id`},
		{[]Person{{ID: "A", Name: "Kim Eunju"}, {ID: "A", Name: "Choi Suvin"}}, `person "A": duplicate id`},
		{[]Person{{ID: "A", Name: ""}}, `person "A": name: fewer than two letters`},
		{[]Person{{ID: "A", Name: " - "}}, `person "A": name: fewer than two letters`},
		{[]Person{{ID: "A", Name: "K"}}, `person "A": name: fewer than two letters`},
		{[]Person{{ID: "A", Name: "Kim Eunju", Aliases: []string{"Eun-ju", ""}}}, `person "A": alias 2: fewer than two letters`},
		{[]Person{{ID: "A", Name: "Kim Eunju", Aliases: []string{"E"}}}, `person "A": alias 1: fewer than two letters`},
		{[]Person{{ID: "A", Name: "Kim (Eunju)"}}, `person "A": name: unsupported character at byte 4`},
		{[]Person{{ID: "A", Name: "Dr. Kim"}}, `person "A": name: unsupported character at byte 2`},
		{[]Person{{ID: "A", Name: "Kim\nEunju"}}, `person "A": name: unsupported character at byte 3`},
		{[]Person{{ID: "A", Name: "Kim Eun--ju"}}, `person "A": name: unsupported separator at byte 9`},
		{[]Person{{ID: "A", Name: "Kim \xffEunju"}}, `person "A": name: invalid utf-8`},
		{[]Person{{ID: "A", Name: long + "e"}}, `person "A": name: longer than 256 bytes`},
	}
	for _, tt := range tests {
		_, err := NewMatcher(tt.persons)
		if err == nil || err.Error() != tt.want {
			t.Errorf("NewMatcher(%q) = %v, want %q", tt.persons, err, tt.want)
			continue
		}
		// Errors end up in logs: they must not repeat a name.
		for _, p := range tt.persons {
			for _, s := range append([]string{p.Name}, p.Aliases...) {
				if len(s) > 1 && strings.Contains(err.Error(), s) {
					t.Errorf("error %q contains the name %q", err, s)
				}
			}
		}
	}
	if _, err := NewMatcher([]Person{{ID: "A", Name: long}}); err != nil {
		t.Errorf("name of MaxNameLen bytes: %v", err)
	}
}

func TestNewMatcherEmpty(t *testing.T) {
	for _, persons := range [][]Person{nil, {}} {
		m := newMatcher(t, persons)
		if got := m.Find("Kim Eunju"); got != nil {
			t.Errorf("empty matcher found %+v", got)
		}
	}
}

// TestNewMatcherKeepsNoReference checks that the Matcher does not depend
// on the caller's slices after NewMatcher returns.
func TestNewMatcherKeepsNoReference(t *testing.T) {
	persons := corpus()
	m := newMatcher(t, persons)
	persons[0].Name, persons[0].Aliases[0], persons[0].ID = "Park Minho", "Minho", "X"
	if got, want := mentions(t, m, "Eun-ju"), []string{"Eun-ju=W-0031"}; !slices.Equal(got, want) {
		t.Errorf("after changing the input: %q, want %q", got, want)
	}
}

// TestFindConcurrent is for the race detector.
func TestFindConcurrent(t *testing.T) {
	m := newMatcher(t, corpus())
	done := make(chan []string)
	for range 4 {
		go func() { done <- mentions(t, m, "Kim Eunju, Ｓｕｖｉｎ and 은주") }()
	}
	for range 4 {
		if got := <-done; len(got) != 3 {
			t.Errorf("got %q", got)
		}
	}
}

func TestFindInvalidUTF8(t *testing.T) {
	m := newMatcher(t, corpus())
	tests := []struct {
		text string
		want []string
	}{
		{"\xffEunju\xff", []string{"Eunju=W-0031"}},
		{"Eun\xffju", nil}, // an invalid byte is punctuation
		{"Kim\xc3Eunju", []string{"Eunju=W-0031"}},
		{"\xe2\x80", nil},
	}
	for _, tt := range tests {
		if got := mentions(t, m, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSurname(t *testing.T) {
	for word, want := range map[string]bool{
		"Kim": true, "KIM": true, "park": true, "Ri": true, "CHOE": true, "Hwangbo": true,
		"Minseo": false, "USB": false, "The": false, "": false, "김": false,
	} {
		if got := Surname(word); got != want {
			t.Errorf("Surname(%q) = %v, want %v", word, got, want)
		}
	}
}

// TestSpellings checks the other script's spellings of a word.
func TestSpellings(t *testing.T) {
	for _, tt := range []struct {
		word string
		want []string // among the spellings
	}{
		{"Ryongsong", []string{"룡성", "용성"}},
		{"Musan", []string{"무산"}},
		{"Hoeryong", []string{"회령"}},
		{"Chongjin", []string{"청진"}},
		{"Pyongyang", []string{"평양"}},
		{"청진", []string{"cheongjin", "chongjin"}},
		{"온성", []string{"onseong", "onsong"}},
	} {
		got := Spellings(tt.word)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Spellings(%q) = %q, want %q among them", tt.word, got, w)
			}
		}
	}
	for _, w := range []string{"Camp", "School", "청진제강소", "청", "Mu", "Jo-4"} {
		if got := Spellings(w); got != nil {
			t.Errorf("Spellings(%q) = %q, want none", w, got)
		}
	}
}

// TestCheckName: CheckName refuses a name or alias exactly when
// NewMatcher does.
func TestCheckName(t *testing.T) {
	for _, s := range []string{"Kim Eunju", "김은주", "O'Brien", "Jean-Luc Picard", "X", "A--B", "A''B", "Kim\x00", "K\xffim",
		"Kim 123", "", "  ", strings.Repeat("a", MaxNameLen+1), "Nguyễn Văn Hùng"} {
		_, want := NewMatcher([]Person{{ID: "p", Name: "Park Minji", Aliases: []string{s}}})
		if err := CheckName(s); (err == nil) != (want == nil) {
			t.Errorf("CheckName(%q) = %v, NewMatcher: %v", s, err, want)
		}
	}
}
