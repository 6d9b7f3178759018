package view

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/internal/golden"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
)

var registry = []names.Person{
	{ID: "p1", Name: "Kim Eunju", Aliases: []string{"Eun-ju"}},
	{ID: "p2", Name: "Choi Suvin", Aliases: []string{"Su-bin"}},
	{ID: "p3", Name: "Lee Hana"},
	{ID: "p4", Name: "박민서"},
}

func pseudonyms(id string) string {
	return map[string]string{"p1": "P-1111-1111", "p2": "P-2222-2222", "p3": "P-3333-3333", "p4": "P-4444-4444"}[id]
}

func renderer(t testing.TB, name string) *Renderer {
	t.Helper()
	m, err := names.NewMatcher(registry)
	if err != nil {
		t.Fatal(err)
	}
	return NewRenderer(name, policy.Default().Views[name], m, pseudonyms)
}

func input(narrative string) Input {
	return Input{ID: "r1", WitnessID: "p1", PersonIDs: []string{"p2"}, Doc: &testimony.Testimony{
		Case: "NK-1", Title: "Kim Eunju remembers",
		Interview: &testimony.Interview{Date: "2020-11-04", Place: "Seoul", Interviewer: "officer-jung", Language: "ko"},
		Witness:   testimony.Person{Key: "W-1", Name: "Kim Eunju", Aliases: []string{"Eun-ju"}, BirthYear: 1982, Gender: "female", Contact: "+82 10-4821-7730", Residence: "Mapo-gu"},
		Persons:   []testimony.Person{{Key: "W-2", Name: "Choi Suvin", Relation: "schoolmate"}},
		Consent:   testimony.Consent{Research: true, Legal: true},
		Redact:    []string{"Onsong Girls' Middle School"}, Tags: []string{"t"},
		Narrative: narrative,
	}}
}

func TestViews(t *testing.T) {
	text := "At Onsong Girls' Middle School, Eunju and SUVIN CHOI met Lee Hana; call +82 10-4821-7730. The Kim dynasty and Kim Jong Un ruled; bribes were $1,000 and $5,000 in 1997."
	tests := []struct {
		view          string
		want, notWant []string
	}{
		{policy.ViewFull, []string{"Eunju and SUVIN CHOI", "+82 10-4821-7730", `"name":"Kim Eunju"`, "Mapo-gu", "2020-11-04", "Seoul"}, nil},
		{policy.ViewLegal, []string{"[P-1111-1111] and [P-2222-2222] met [P-3333-3333]", "call [PHONE]", "Onsong Girls'", "2020-11-04", "officer-jung", `"birth_year":1982`},
			[]string{"Eunju", "4821-7730", "Mapo-gu", `"name"`, `"key"`}},
		{policy.ViewResearcher, []string{"At [REDACTED], [P-1111-1111] and [P-2222-2222] met [P-3333-3333]", "The Kim dynasty and Kim Jong Un ruled", "$1,000 and $5,000 in 1997", `"birth_years":"1980-1984"`, `"date":"2020"`, `"title":"[P-1111-1111] remembers"`},
			[]string{"Eunju", "Onsong", "4821", "Seoul", "officer-jung", "Mapo-gu", "W-1", `"name"`, `"redact"`}},
		{policy.ViewMetadata, []string{`"id":"r1"`, `"view":"metadata"`}, []string{"NK-1", "narrative", "P-1111", "witness"}},
	}
	for _, tt := range tests {
		rec, repl, _ := renderer(t, tt.view).Render(input(text))
		b := string(mustJSON(t, rec))
		for _, w := range tt.want {
			if !strings.Contains(b, w) {
				t.Errorf("%s view lacks %q:\n%s", tt.view, w, b)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(b, w) {
				t.Errorf("%s view contains %q:\n%s", tt.view, w, b)
			}
		}
		if tt.view == policy.ViewResearcher && len(repl) < 5 {
			t.Errorf("researcher view explains only %d replacements: %+v", len(repl), repl)
		}
	}
}

// TestUnlinkable: in a domain's references, whatever the view keeps, a
// record has its pseudonym for an ID, no case number, and months for its
// times; the rest of the view is as without them.
func TestUnlinkable(t *testing.T) {
	in := input("Eunju spoke.")
	in.Created = time.Date(2024, 3, 17, 22, 41, 5, 123, time.FixedZone("KST", 9*3600))
	for _, name := range policy.Views {
		plain, _, _ := renderer(t, name).Render(in)
		r := renderer(t, name)
		r.Unlinkable(func(id string) string { return "R-" + id })
		rec, _, _ := r.Render(in)
		if rec.ID != "R-r1" || rec.Case != "" || !rec.Created.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s view: id %q, case %q, created %v", name, rec.ID, rec.Case, rec.Created)
		}
		if name == policy.ViewFull && rec.Interview.Date != "2020-11" {
			t.Errorf("full view: interview date %q, want its month", rec.Interview.Date)
		}
		// Nothing else differs.
		plain.ID, plain.Case, plain.Created = rec.ID, "", rec.Created
		if plain.Interview != nil {
			plain.Interview.Date = rec.Interview.Date
		}
		if a, b := mustJSON(t, plain), mustJSON(t, rec); !bytes.Equal(a, b) {
			t.Errorf("%s view: unlinkable differs beyond references:\n%s\n%s", name, a, b)
		}
	}
}

// TestEveryField checks that relation, tags and title go through the same
// redaction as the narrative, that a residence or contact quoted in the
// narrative goes, and that the replacements name each field.
func TestEveryField(t *testing.T) {
	in := input("She lived in Sangdong, Mapo-gu, and at 12 Dobong-ro 38-gil; call 010-7781-2044.")
	in.Doc.Witness.Residence = "Sangdong-ri, Mapo-gu"
	in.Doc.Persons[0].Relation = "husband of Kim Eunju, phone 010-7781-2044"
	in.Doc.Tags = []string{"Eun-ju", "famine"}
	rec, repl, _ := renderer(t, policy.ViewResearcher).Render(in)
	b := string(mustJSON(t, rec))
	for _, leak := range []string{"Eunju", "Eun-ju", "7781", "Sangdong", "Mapo", "Dobong"} {
		if strings.Contains(b, leak) {
			t.Errorf("researcher view holds %q:\n%s", leak, b)
		}
	}
	for _, keep := range []string{`"relation":"husband of [P-1111-1111], phone [PHONE]"`, `"tags":["[P-1111-1111]","famine"]`} {
		if !strings.Contains(b, keep) {
			t.Errorf("researcher view lacks %s:\n%s", keep, b)
		}
	}
	fields := map[string]bool{}
	for _, r := range repl {
		fields[r.Field] = true
	}
	for _, f := range []string{"title", "narrative", "persons[0].relation", "tags[0]"} {
		if !fields[f] {
			t.Errorf("no replacement in %s: %+v", f, repl)
		}
	}
	// The full view keeps them all.
	rec, _, _ = renderer(t, policy.ViewFull).Render(in)
	if rec.Persons[0].Relation != in.Doc.Persons[0].Relation || !slices.Equal(rec.Tags, in.Doc.Tags) {
		t.Errorf("full view changed relation or tags: %+v", rec)
	}
}

// TestBirthYear checks that a birth year or date the narrative gives, or
// a date in a registered birth year, is banded as the view bands the
// field, never cut to its exact year, and that other years stay.
func TestBirthYear(t *testing.T) {
	r := renderer(t, policy.ViewResearcher)
	for text, want := range map[string]string{
		"I was born in 1982, in Hyesan.":                              "I was born in 1980-1984, in Hyesan.",
		"I was born on 2 February 1982.":                              "I was born on 1980-1984.",
		"저는 1982년생이고 1982년 2월 2일에 태어났어요":                              "저는 1980-1984년생이고 1980-1984년에 태어났어요",
		"In 1982 the famine had not begun; born 1983 was my brother.": "In 1982 the famine had not begun; born 1980-1984 was my brother.",
		"born on April 15, 1979":                                      "born on 1975-1979",
		"DOB 79.04.15, born 1979-04-15":                               "DOB 1975-1979, born 1975-1979",
		"02/03/82 is her date of birth; b. 02/03/68":                  "1980-1984 is her date of birth; b. 1965-1969",
		"she was born in '79, he is 68년생":                             "she was born in 1975-1979, he is 1965-1969년생",
		"the second of March, nineteen eighty-two":                    "1980-1984",
		"aged 56 in 2024, or 41 years old in 2009":                    "aged 55-59 in 2024, or 40-44 years old in 2009",
		"she turned 45 in 2024":                                       "she turned 45-49 in 2024",
		"In 1997 we were 16, 17; on 2 March 1997 the market closed.":  "In 1997 we were 16, 17; on March 1997 the market closed.",
		// An event's date keeps its month (r17g, review 13j P3): a chat
		// export's time stamps, a crossing.
		"we left Asmara on 12 Jan 2023":            "we left Asmara on Jan 2023",
		"[14/02/2024, 21:14] Zahra: we crossed":    "[02/2024, 21:14] Zahra: we crossed",
		"on 2024-06-12 the boat sank":              "on 2024-06 the boat sank",
		"14 марта 2015 года нас вывезли":           "марта 2015 нас вывезли",
		"2015년 3월 14일에 떠났어요":                       "2015년 3월에 떠났어요",
		"on 02/03/2024 we left":                    "on 2024 we left",
		"born 12 Jan 1996; we left on 12 Jan 2023": "born 1995-1999; we left on Jan 2023",
		"aged 3 months, room 56 in 2024":           "aged 3 months, room 56 in 2024",
	} {
		rec, _, _ := r.Render(input(text))
		if rec.Narrative != want {
			t.Errorf("%q:\n got %q\nwant %q", text, rec.Narrative, want)
		}
	}
}

func TestBand(t *testing.T) {
	for y, want := range map[int]string{1980: "1980-1984", 1984: "1980-1984", 1985: "1985-1989", 0: ""} {
		if got := Band(y); got != want {
			t.Errorf("Band(%d) = %q, want %q", y, got, want)
		}
	}
}

func TestPossibleNames(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"They came from Sinuiju city. [P-1111-1111] met Pak Sunok there. I saw USB drives. The guard said nothing.", []string{"Sinuiju", "Pak Sunok"}},
		// In capitals, at the start of a sentence, after a title.
		{"PARK MINSEO was there, and KIM. Sunok stayed. Auntie Choi cried. DPRK and UN officials, NATO.", []string{"PARK MINSEO", "KIM", "Sunok", "Choi"}},
		{"KIM IL and LEE; the UNHCR and COVID. HAN-SOL wrote in March.", []string{"KIM IL", "LEE", "HAN-SOL"}},
		// Replacements, common words, one letter, what is not a word.
		{"[P-1111-1111] and [PERSON] met. We met on Monday in May. A letter from O. Then 1997.", nil},
		// A run ends at anything but one space or hyphen.
		{"Ri Sol-ju,  Hong Gil  Dong", []string{"Ri Sol-ju", "Hong Gil", "Dong"}},
		// A run is cut at 64 bytes.
		{strings.Repeat("Kim ", 40), []string{strings.Repeat("Kim ", 16)[:63], strings.Repeat("Kim ", 8)[:31]}},
	}
	for _, tt := range tests {
		if got := PossibleNames(&Record{Narrative: tt.text}); !slices.Equal(got, tt.want) {
			t.Errorf("PossibleNames(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Every free-text field a researcher sees, each once.
	rec := &Record{Title: "Testimony of Hana", Tags: []string{"ONSONG", "famine"}, Narrative: "Hana and Sunok.",
		Witness: &Person{Relation: "friend of Yuri"}, Persons: []Person{{Relation: "wife of CHOE"}},
		Interview: &Interview{Place: "Yanji"}}
	want := []string{"Testimony", "Hana", "ONSONG", "Yuri", "CHOE", "Yanji", "Sunok"}
	if got := PossibleNames(rec); !slices.Equal(got, want) {
		t.Errorf("PossibleNames of every field = %q, want %q", got, want)
	}
	// At most MaxPossibleNames.
	var b strings.Builder
	for i := range MaxPossibleNames + 10 {
		fmt.Fprintf(&b, "Name%c%c%c said so. ", 'a'+i%26, 'a'+i/26%26, 'a'+i/676)
	}
	if got := PossibleNames(&Record{Narrative: b.String()}); len(got) != MaxPossibleNames {
		t.Errorf("%d candidates, want %d", len(got), MaxPossibleNames)
	}
}

func TestCSVRow(t *testing.T) {
	rec, _, _ := renderer(t, policy.ViewResearcher).Render(input("n"))
	row := rec.CSVRow()
	if len(row) != len(CSVHeader) {
		t.Fatalf("row has %d columns, header %d", len(row), len(CSVHeader))
	}
	col := func(name string) string {
		for i, h := range CSVHeader {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col("witness_pseudonym") != "P-1111-1111" || col("persons") != "P-2222-2222" || col("witness_birth_years") != "1980-1984" {
		t.Fatalf("CSV row %q", row)
	}
}

// FuzzResearcherView hides a registered name variant (with any Korean
// ending, in any normalisation form, with invisible characters inside)
// and an identifier (also split by invisible characters) in random text:
// the researcher view must contain neither, in any form.
func FuzzResearcherView(f *testing.F) {
	f.Add("hello world", uint8(0), uint8(0), "again", uint8(0))
	f.Add("We met", uint8(3), uint8(2), "by the river", uint8(7))
	f.Add("그때", uint8(12), uint8(9), "봤다", uint8(0x55))
	variants := []struct{ name, ending string }{
		{"Kim Eunju", ""}, {"Eunju Kim", ""}, {"Eunju", "'s"}, {"Eun-ju", ""}, {"EUN JU", ""}, {"SUVIN CHOI", ""},
		{"Suvin", ""}, {"Su-bin", ""}, {"Lee Hana", ""}, {"Hana", "’s"}, {"Eunju", "씨가"}, {"민서", "야"},
		{"민서", "였는데"}, {"박민서", "였어요"}, {"민서", "잖아"}, {"민서", "라서"}, {"민서", "인데"}, {"박 민서", "는"},
	}
	secrets := []string{"+82 10-4821-7730", "010 2231 8870", "010/5512/3391", "eunju.kim80@example.org", "930517-1234567",
		"930517.1234567", "192.168.10.7", "https://example.org/kim", "Onsong Girls' Middle School", "34나 7781",
		"12 Dobong-ro 38-gil, Dobong-gu", "wxid_q8n2kd"}
	r := renderer(f, policy.ViewResearcher)
	f.Fuzz(func(t *testing.T, before string, vi, si uint8, after string, style uint8) {
		v, s := variants[int(vi)%len(variants)], secrets[int(si)%len(secrets)]
		name := v.name
		if style&1 != 0 {
			_, size := utf8.DecodeRuneInString(name)
			name = name[:size] + "\u200b" + name[size:]
		}
		if style&2 != 0 {
			name = norm.NFD.String(name)
		}
		secret := s
		if style&4 != 0 {
			secret = strings.Replace(secret, "1", "1\u200c", 1)
		}
		if style&8 != 0 {
			secret = "on KakaoTalk as " + secret
			s = secret[len("on KakaoTalk as "):]
		}
		text := before + " " + name + v.ending + " and " + secret + " " + after
		rec, _, _ := r.Render(input(text))
		for _, p := range PossibleLocations(rec) {
			if !strings.Contains(rec.Narrative, p) {
				t.Fatalf("possible location %q is not in the view %q", p, rec.Narrative)
			}
		}
		out := fold(rec.Narrative)
		core := fold(v.name)
		if strings.Contains(out, core) && !strings.Contains(fold(before+after), core) {
			t.Fatalf("name variant %q survived in %q", core, rec.Narrative)
		}
		if strings.Contains(out, fold(s)) && !strings.Contains(fold(before+after), fold(s)) {
			t.Fatalf("identifier %q survived in %q", s, rec.Narrative)
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRenderList checks that Render lists each distinct replacement once
// with its count, and no more than MaxListed of them.
func TestRenderList(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Eunju met Su-bin; Eunju left. ")
	for i := range MaxListed + 5 {
		fmt.Fprintf(&b, "Call 010-%04d-%04d. ", i/10000, i%10000)
	}
	_, repl, unlisted := renderer(t, policy.ViewResearcher).Render(input(b.String()))
	if len(repl) != MaxListed {
		t.Fatalf("%d replacements listed, want %d", len(repl), MaxListed)
	}
	want := []Replacement{
		{Field: "title", Kind: "person", Original: "Kim Eunju", Replacement: "[P-1111-1111]", Count: 1},
		{Field: "narrative", Kind: "person", Original: "Eunju", Replacement: "[P-1111-1111]", Count: 2},
		{Field: "narrative", Kind: "person", Original: "Su-bin", Replacement: "[P-2222-2222]", Count: 1},
		{Field: "narrative", Kind: "phone", Original: "010-0000-0000", Replacement: "[PHONE]", Count: 1},
	}
	if !slices.Equal(repl[:len(want)], want) {
		t.Errorf("first replacements %+v, want %+v", repl[:len(want)], want)
	}
	// The title, the two names, and MaxListed-3 phones are listed; the
	// rest of the phones are counted.
	if want := MaxListed + 5 - (MaxListed - 3); unlisted != want {
		t.Errorf("unlisted = %d, want %d", unlisted, want)
	}
}

// TestYearHandles checks that handles made of a person's name or alias
// and birth year go from a researcher view, and other numbers stay.
func TestYearHandles(t *testing.T) {
	in := input("Her ids were eunju82, EunJu_1982, kim.82 and Eun-ju 82; in 1982 she was 8 and 82 people came; eunjuan82 is someone else.")
	rec := renderer(t, policy.ViewResearcher).View(in)
	for _, leak := range []string{"eunju82", "EunJu_1982", "kim.82", "Eun-ju 82"} {
		if strings.Contains(rec.Narrative, leak) {
			t.Errorf("%q in %q", leak, rec.Narrative)
		}
	}
	for _, keep := range []string{"82 people", "eunjuan82"} {
		if !strings.Contains(rec.Narrative, keep) {
			t.Errorf("%q lost in %q", keep, rec.Narrative)
		}
	}
}

// TestPhraseScripts checks that an officer's phrase is found in the other
// script: the Hangul spelling of its distinctive word, the Latin spellings
// of its Hangul words.
func TestPhraseScripts(t *testing.T) {
	in := input("We were held at 룡성관저 and the Ryongsong Residence; later at Onsong girls' school. The mayor stayed.")
	in.Doc.Redact = []string{"Ryongsong Residence", "온성 여자 중학교"}
	rec := renderer(t, policy.ViewResearcher).View(in)
	for _, leak := range []string{"룡성", "Ryongsong", "Onsong"} {
		if strings.Contains(rec.Narrative, leak) {
			t.Errorf("%q in %q", leak, rec.Narrative)
		}
	}
	if !strings.Contains(rec.Narrative, "The mayor stayed.") {
		t.Errorf("words lost in %q", rec.Narrative)
	}
}

// TestRegisteredNumber checks that a person's registered contact is
// found in a grouping no recogniser takes, and that other numbers stay.
func TestRegisteredNumber(t *testing.T) {
	for _, tt := range []struct{ narrative, want string }{
		{"her number 1048 2177 30, she said", "her number [PHONE], she said"},
		{"her number 10.48.21.77.30.", "her number [PHONE]."},
		{"her number 10.48.21.77.31.", "her number 10.48.21.77.31."},
	} {
		in := input(tt.narrative)
		for _, view := range []string{policy.ViewResearcher, policy.ViewLegal} {
			if got := renderer(t, view).View(in).Narrative; got != tt.want {
				t.Errorf("%s: %q became %q, want %q", view, tt.narrative, got, tt.want)
			}
		}
	}
}

// TestRomanisedResidence checks that the registered residence's unit is
// found romanised with or without apostrophes and aspiration marks.
func TestRomanisedResidence(t *testing.T) {
	in := input("We lived in P'ot'ae-dong, then Pothae-dong and Potae dong; Potash was scarce.")
	in.Doc.Witness.Residence = "양강도 삼지연시 포태동"
	got := renderer(t, policy.ViewResearcher).View(in).Narrative
	if want := "We lived in [REDACTED], then [REDACTED] and [REDACTED]; Potash was scarce."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestWholeFieldDate checks that a tag or title that is, whole, a date
// written compactly (yymmdd, yyyymmdd: a date of birth, the front half of
// a resident registration number) reaches a researcher as the band of its
// year, and that other numbers stay.
func TestWholeFieldDate(t *testing.T) {
	for _, tt := range []struct{ value, want string }{
		{"910724", "1990-1994"},
		{"19910724", "1990-1994"},
		{"911324", "911324"},
		{"2019", "2019"},
	} {
		in := input("She crossed in spring.")
		in.Doc.Title = tt.value
		in.Doc.Tags = []string{tt.value}
		rec := renderer(t, policy.ViewResearcher).View(in)
		if rec.Tags[0] != tt.want || rec.Title != tt.want {
			t.Errorf("%q: tag %q, title %q, want %q", tt.value, rec.Tags[0], rec.Title, tt.want)
		}
	}
}

// TestIdentifierForms checks that an identifier recognised in one field
// in one form is removed from every field in its other forms: a handle
// without its sigil, an e-mail's local part, a URL's last segment, a
// Korean number in its domestic form.
func TestIdentifierForms(t *testing.T) {
	for _, tt := range []struct {
		narrative, tag string
		keep           []string
	}{
		{"텔레그램 @hansj0314 으로 연락했다", "hansj0314", nil},
		{"her handle @hansj0314", "HANSJ0314", nil},
		{"telegram hansj0314", "@hansj0314", nil},
		{"write to mailto:heron0314@example.org", "heron0314", nil},
		{"write to heron0314@example.org", "heron0314 and heron0314x", []string{"heron0314x"}},
		{"see https://t.me/bluecrane77 for news", "bluecrane77", nil},
		{"see https://t.me/bluecrane77", "t.me/bluecrane77", nil},
		{"call +82 10-5512-3391", "010 5512 3391", nil},
		{"call +82 (0)10 5512 3391", "0105512-3391", nil},
		{"mail heron@example.org", "heron and famine", []string{"heron and famine"}},
	} {
		in := input(tt.narrative)
		in.Doc.Tags = []string{tt.tag}
		rec := renderer(t, policy.ViewResearcher).View(in)
		got := rec.Tags[0]
		if len(tt.keep) == 0 && got != "[REDACTED]" && !strings.HasPrefix(got, "[") {
			t.Errorf("narrative %q: tag %q became %q", tt.narrative, tt.tag, got)
		}
		for _, k := range tt.keep {
			if !strings.Contains(got, k) {
				t.Errorf("narrative %q: tag %q became %q, lost %q", tt.narrative, tt.tag, got, k)
			}
		}
		for _, leak := range []string{"hansj0314", "heron0314 ", "bluecrane77", "5512"} {
			if strings.Contains(strings.ToLower(got+" "), leak) && !slices.Contains(tt.keep, got) {
				t.Errorf("narrative %q: tag %q became %q", tt.narrative, tt.tag, got)
			}
		}
	}
}

func TestHouseInWords(t *testing.T) {
	for _, tc := range []struct {
		part string
		want []string
	}{
		{"Calle Insurgentes Sur 1234", []string{"Calle Insurgentes Sur mil doscientos treinta y cuatro", "Insurgentes Sur mil doscientos treinta y cuatro"}},
		{"C/ Mayor 3", []string{"C/ Mayor tres", "Mayor tres"}},
		{"Calle Juárez 418", []string{"Calle Juárez cuatrocientos dieciocho", "Juárez cuatrocientos dieciocho"}},
		{"Avenida de la Paz 12", []string{"Avenida de la Paz doce", "de la Paz doce", "la Paz doce"}},
		{"Alcalá 100", []string{"Alcalá cien"}},
		{"Toledo 2021", []string{"Toledo dos mil veintiuno"}},
		{"Reforma 145", []string{"Reforma ciento cuarenta y cinco"}},
		{"Roma 1990", []string{"Roma mil novecientos noventa"}},
		{"depto. 5B", nil},
		{"12345 Main", nil},
		{"혜명동 12인민반", nil},
	} {
		if got := houseInWords(tc.part); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.part, got, tc.want)
		}
	}
}

// TestLongFieldIdentifiers checks that a field longer than a segment
// and its overlap, a title as much as the narrative, is read in segments
// for the record's identifiers: a handle after its label near the end of
// a long title, and one across a segment's start, go from a tag too.
func TestLongFieldIdentifiers(t *testing.T) {
	t.Parallel()
	filler := strings.Repeat("the river was cold and the guards were near ", (segment+overlap)/44+1)
	for _, title := range []string{filler + "her line id: dhjeon88", filler[:segment-6] + " line id: dhjeon88 " + filler} {
		in := input("nothing here")
		in.Doc.Title, in.Doc.Tags = title, []string{"dhjeon88"}
		rec := renderer(t, policy.ViewResearcher).View(in)
		if strings.Contains(rec.Title, "dhjeon88") || rec.Tags[0] != "[REDACTED]" {
			t.Errorf("title of %d bytes: the handle stayed (tag %q)", len(title), rec.Tags[0])
		}
	}
}

// TestEvidenceFound checks, on every corpus case whose evidence matters,
// what personSpans takes from evidence instead of finding the names again:
// where the record's own persons are all it names, the matches of each
// field read whole are those FindEvident gives with the evident set; where
// it names another person, none are kept (found again with the grown set).
func TestEvidenceFound(t *testing.T) {
	kept, grown, all := 0, 0, true
	for name, c := range loadCorpus(t) {
		if !golden.Sampled("corpus/" + name) {
			all = false // a quarter under the race detector, as TestViewGolden
			continue
		}
		r, _, _ := c.renderer(t, name)
		in := c.input(name)
		own := map[string]bool{in.WitnessID: true}
		for _, id := range in.PersonIDs {
			own[id] = true
		}
		needs := r.matcher.NeedsEvidence(own)
		ev, found := (&state{Renderer: r}).evidence(in)
		switch {
		case !needs || len(ev) > len(own):
			if found != nil {
				t.Errorf("%s: matches kept, yet the evidence does not matter (%v) or names %d more persons", name, !needs, len(ev)-len(own))
			}
			if needs {
				grown++
			}
		case found == nil:
			t.Errorf("%s: the evidence matters and names no one else, yet no matches are kept", name)
		default:
			kept++
			eachText(in.Doc, func(s string, from int) {
				if got, ok := found[s]; !ok || !reflect.DeepEqual(got, r.matcher.FindEvident(s, ev)) {
					t.Errorf("%s: %.40q: kept %v (%v), FindEvident %v", name, s, got, ok, r.matcher.FindEvident(s, ev))
				}
			})
		}
	}
	t.Logf("%d cases keep their matches, %d find them again", kept, grown)
	if all && (kept == 0 || grown == 0) {
		t.Errorf("the corpus no longer has both kinds of case (%d kept, %d grown)", kept, grown)
	}
}
