package form

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/testimony"
)

const filled = `# a comment before the fields
---
case: TV-2026-031
title: On the border
interview.date: 2026-04-12
interview.language: ko
witness.key: TW-0101
witness.name: Park Minji
witness.aliases: Min-ji
witness.aliases:
witness.aliases: Sparrow
witness.birth_year: 1987
witness.contact: +82 10-5550-2468
persons[0].key: TW-0102
persons[0].name: Jang Sunhee
persons[0].relation: cousin
persons[1].key: TW-0103
persons[1].name: Kim Ok
consent.research: yes
consent.legal: false
sensitivity: high
tags: border-crossing
tags: broker
---
# A heading, not a comment

I crossed at night.
`

func TestParse(t *testing.T) {
	got, err := Parse([]byte(filled))
	if err != nil {
		t.Fatal(err)
	}
	want := &testimony.Testimony{
		Case: "TV-2026-031", Title: "On the border",
		Interview: &testimony.Interview{Date: "2026-04-12", Language: "ko"},
		Witness: testimony.Person{Key: "TW-0101", Name: "Park Minji", Aliases: []string{"Min-ji", "Sparrow"},
			BirthYear: 1987, Contact: "+82 10-5550-2468"},
		Persons: []testimony.Person{
			{Key: "TW-0102", Name: "Jang Sunhee", Relation: "cousin"},
			{Key: "TW-0103", Name: "Kim Ok"},
		},
		Consent:     testimony.Consent{Research: true},
		Sensitivity: "high",
		Tags:        []string{"border-crossing", "broker"},
		Narrative:   "# A heading, not a comment\n\nI crossed at night.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	base := func(old, new string) string {
		if !strings.Contains(filled, old) {
			t.Fatalf("%q is not in the form", old)
		}
		return strings.Replace(filled, old, new, 1)
	}
	for _, c := range []struct {
		name, form string
		line       int
		field, msg string
	}{
		{"impossible date", base("2026-04-12", "2026-02-30"), 5, "interview.date", `impossible date "2026-02-30"`},
		{"bad language", base("language: ko", "language: k o"), 6, "interview.language", "language tag"},
		{"bad sensitivity", base("high", "very"), 21, "sensitivity", "want low, medium or high"},
		{"year out of range", base("1987", "1787"), 12, "witness.birth_year", "from 1850 to 2100"},
		{"year not digits", base("1987", "87 or so"), 12, "witness.birth_year", "want a year such as 1987"},
		{"year leading zero", base("1987", "01987"), 12, "witness.birth_year", "want a year"},
		{"consent word", base("research: yes", "research: maybe"), 19, "consent.research", "want yes or no"},
		{"consent missing", base("consent.research: yes\n", ""), 0, "consent.research", "missing required field"},
		{"case empty", base("case: TV-2026-031", "case:"), 3, "case", "missing required field"},
		{"case blank", base("case: TV-2026-031", "case: \t"), 3, "case", "missing required field"},
		{"duplicated", base("title: On the border\n", "title: a\ntitle: b\n"), 5, "title", "given again (first on line 4)"},
		{"unknown field", base("title:", "titel:"), 4, "titel", "unknown field"},
		{"unknown person field", base("persons[1].name", "persons[1].nom"), 18, "persons[1].nom", "unknown field"},
		{"person gap", base("persons[1]", "persons[2]"), 17, "persons[2].key", "number persons from 0"},
		{"person number leading zero", base("persons[1].key", "persons[01].key"), 17, "persons[01].key", "unknown field"},
		{"person without name", base("persons[1].name: Kim Ok\n", ""), 0, "persons[1].name", "missing required field"},
		{"no colon", base("title: On the border", "title On the border"), 4, "", "want a field as name: value"},
		{"space in name", base("title:", "title :"), 4, "", "want a field as name: value"},
		{"indented comment", base("case:", " # x\ncase:"), 3, "", "want a field"},
		{"control character", base("On the border", "On the\x1b[31m border"), 4, "title", "control character"},
		{"text before fields", "hello\n" + filled, 1, "", "want the line --- that opens the fields"},
		{"no opening", "# only\ncase: x\n", 2, "", "want the line ---"},
		{"no closing", "---\ncase: x\n", 2, "", "no line --- closes the fields opened on line 1"},
		{"empty narrative", base("# A heading, not a comment\n\nI crossed at night.\n", "  \n"), 25, "narrative", "must not be empty"},
		{"invalid UTF-8", base("Kim Ok", "Kim \xff"), 18, "", "invalid UTF-8"},
		{"title over its bound", base("On the border", strings.Repeat("x", 513)), 4, "title", "513 bytes, over the limit of 512"},
		{"tag over its bound", base("tags: broker", "tags: "+strings.Repeat("x", 65)), 23, "tags[1]", "65 bytes, over the limit of 64"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.form))
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Parse: %v, want a *form.Error", err)
			}
			if fe.Line != c.line || fe.Field != c.field || !strings.Contains(fe.Err.Error(), c.msg) {
				t.Errorf("Parse: line %d, field %q, %v; want line %d, field %q, %q", fe.Line, fe.Field, fe.Err, c.line, c.field, c.msg)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, form := range []string{"", "\n\n", "# only comments\n  \n#\n", "\uFEFF"} {
		if _, err := Parse([]byte(form)); !errors.Is(err, ErrEmpty) {
			t.Errorf("Parse(%q) = %v, want ErrEmpty", form, err)
		}
		if _, err := ParsePerson([]byte(form), "K"); !errors.Is(err, ErrEmpty) {
			t.Errorf("ParsePerson(%q) = %v, want ErrEmpty", form, err)
		}
	}
}

func TestParseLimits(t *testing.T) {
	many := "---\n" + strings.Repeat("# "+strings.Repeat("x", 1000)+"\n", MaxFields/1000) + "---\n"
	if _, err := Parse([]byte(many)); err == nil || !strings.Contains(err.Error(), "fields are longer than") {
		t.Errorf("long fields: %v", err)
	}
	huge := make([]byte, testimony.MaxSize+1)
	if _, err := Parse(huge); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge form: %v", err)
	}
	var persons strings.Builder
	for i := range testimony.MaxPersons + 1 {
		fmt.Fprintf(&persons, "persons[%d].key: K%d\npersons[%d].name: A B\n", i, i, i)
	}
	var le *testimony.LimitError
	if _, err := Parse([]byte(strings.Replace(filled, "persons[0].key: TW-0102\npersons[0].name: Jang Sunhee\npersons[0].relation: cousin\npersons[1].key: TW-0103\npersons[1].name: Kim Ok\n", persons.String(), 1))); !errors.As(err, &le) || le.Size != testimony.MaxPersons+1 {
		t.Errorf("%d persons: %v", testimony.MaxPersons+1, err)
	}
}

// TestStoredOverBounds checks that a testimony or person stored before
// the bounds of the fields, over them, is written as a form all the
// same, which the officer must bring within them to store it: its
// parse names the line of the field over its bound.
func TestStoredOverBounds(t *testing.T) {
	doc, err := Parse([]byte(filled))
	if err != nil {
		t.Fatal(err)
	}
	doc.Title = strings.Repeat("A long title", 50)
	form, err := Testimony(doc)
	if err != nil {
		t.Fatalf("Testimony of a stored testimony over a bound: %v", err)
	}
	var fe *Error
	var le *testimony.LimitError
	if _, err := Parse(form); !errors.As(err, &fe) || fe.Field != "title" || fe.Line == 0 || !errors.As(err, &le) {
		t.Fatalf("Parse of its form = %v, want the line of title over its bound", err)
	}
	if _, err := Parse(bytes.Replace(form, []byte(doc.Title), []byte("Shorter"), 1)); err != nil {
		t.Fatalf("Parse of its form with the title shortened: %v", err)
	}

	p := &testimony.Person{Key: "TW-0101", Name: "Park Minji", Residence: strings.Repeat("Flat 3,", 100)}
	pform, err := Person(p)
	if err != nil {
		t.Fatalf("Person of a person over a bound: %v", err)
	}
	if _, err := ParsePerson(pform, p.Key); !errors.As(err, &fe) || fe.Field != "residence" || fe.Line == 0 || !errors.As(err, &le) {
		t.Fatalf("ParsePerson of its form = %v, want the line of residence over its bound", err)
	}
}

// TestRoundTrip checks that the form of every testimony of the corpus
// parses back to the same testimony, and the blank form to nothing.
func TestRoundTrip(t *testing.T) {
	files, err := filepath.Glob("../../testdata/corpus/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := testimony.ParseBytes(f, data)
		if err != nil {
			t.Fatal(err)
		}
		form, err := Testimony(doc)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		back, err := Parse(form)
		if err != nil {
			t.Fatalf("%s: the form does not parse: %v\n%s", f, err, form)
		}
		if !bytes.Equal(back.Canonical(), doc.Canonical()) {
			t.Errorf("%s: round trip:\n got %s\nwant %s", f, back.Canonical(), doc.Canonical())
		}
	}
	blank, err := Testimony(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(blank); err == nil || !strings.Contains(err.Error(), "case: missing required field") {
		t.Errorf("blank form: %v", err)
	}
}

// TestTestimonyUnwritable: a testimony that a form cannot hold exactly is
// refused, never changed on the way.
func TestTestimonyUnwritable(t *testing.T) {
	doc := func(edit func(d *testimony.Testimony)) *testimony.Testimony {
		d := &testimony.Testimony{Case: "C-1", Witness: testimony.Person{Key: "K", Name: "A B"}, Narrative: "n"}
		edit(d)
		return d
	}
	for _, c := range []struct {
		name string
		doc  *testimony.Testimony
		msg  string
	}{
		{"line break", doc(func(d *testimony.Testimony) { d.Witness.Residence = "line one\nline two" }), "witness.residence: holds a line break"},
		{"spaces around", doc(func(d *testimony.Testimony) { d.Title = " padded " }), "cannot be written as a form that reads back the same"},
		{"empty interview", doc(func(d *testimony.Testimony) { d.Interview = &testimony.Interview{} }), "reads back the same"},
	} {
		if _, err := Testimony(c.doc); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}

func TestPerson(t *testing.T) {
	p := &testimony.Person{Key: "TW-0101", Name: "Park Minji", Aliases: []string{"Min-ji"}, BirthYear: 1987,
		Contact: "+82 10-5550-2468"}
	form, err := Person(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(form, []byte("# Person TW-0101 ")) || bytes.Contains(form, []byte("key:")) {
		t.Errorf("the form names the key only in its comment:\n%s", form)
	}
	back, err := ParsePerson(form, p.Key)
	if err != nil {
		t.Fatalf("ParsePerson: %v\n%s", err, form)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip: got %+v, want %+v", back, p)
	}
	changed := bytes.Replace(form, []byte("+82 10-5550-2468"), []byte("+82 10-5550-9999"), 1)
	if back, err = ParsePerson(changed, p.Key); err != nil || back.Contact != "+82 10-5550-9999" {
		t.Errorf("changed contact: %+v, %v", back, err)
	}
	for _, c := range []struct{ old, new, msg string }{
		{"name: Park Minji", "name:", "name: missing required field"},
		{"birth_year: 1987", "birth_year: 1700", "birth_year: want a year from 1850 to 2100"},
		{"gender:", "key: TW-9", "key: unknown field"},
		{"gender:", "relation: cousin", "relation: unknown field"},
	} {
		_, err := ParsePerson(bytes.Replace(form, []byte(c.old), []byte(c.new), 1), p.Key)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s -> %s: %v, want %q", c.old, c.new, err, c.msg)
		}
	}
	if _, err := ParsePerson(append(form, "text\n"...), p.Key); err == nil || !strings.Contains(err.Error(), "nothing may follow") {
		t.Errorf("body in a person's form: %v", err)
	}
}

func TestWithError(t *testing.T) {
	form := []byte(filled)
	once := WithError(form, &Error{Line: 2, Field: "case", Err: errors.New("bad\nworse")})
	twice := WithError(once, errors.New("other"))
	if !bytes.HasPrefix(once, []byte("#! error: line 2: case: bad\n#! worse\n")) || !bytes.HasSuffix(once, form) {
		t.Errorf("WithError:\n%s", once)
	}
	if bytes.Contains(twice, []byte("bad")) || !bytes.HasPrefix(twice, []byte("#! error: other\n")) || !bytes.HasSuffix(twice, form) {
		t.Errorf("WithError again:\n%s", twice)
	}
	if _, err := Parse(twice); err != nil {
		t.Errorf("the form with its error does not parse: %v", err)
	}
}

// FuzzParse checks that Parse and ParsePerson never panic, and that the
// form of every testimony or person they accept parses back to it.
func FuzzParse(f *testing.F) {
	f.Add([]byte(filled))
	f.Add([]byte("---\ncase: x\n---\n"))
	blank, _ := Testimony(nil)
	f.Add(blank)
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, err := ParsePerson(data, "K-1"); err == nil {
			form, err := Person(p)
			if err != nil {
				t.Fatalf("accepted person %q, but cannot write it: %v", data, err)
			}
			if back, err := ParsePerson(form, "K-1"); err != nil || !reflect.DeepEqual(back, p) {
				t.Fatalf("person round trip of %q: %+v, %v; want %+v", data, back, err, p)
			}
		}
		doc, err := Parse(data)
		if err != nil {
			return
		}
		form, err := Testimony(doc)
		if err != nil {
			t.Fatalf("accepted %q, but cannot write it: %v", data, err)
		}
		back, err := Parse(form)
		if err != nil {
			t.Fatalf("the form of %q does not parse: %v\n%s", data, err, form)
		}
		if !bytes.Equal(back.Canonical(), doc.Canonical()) {
			t.Fatalf("round trip of %q:\n got %s\nwant %s", data, back.Canonical(), doc.Canonical())
		}
	})
}

func TestParseChecks(t *testing.T) {
	check := func(d *testimony.Testimony) error {
		if d.Persons[1].Name == "Kim Ok" {
			return &testimony.ParseError{File: "x", Field: "persons[1].name", Err: errors.New("not usable")}
		}
		return nil
	}
	_, err := Parse([]byte(filled), check)
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 18 || fe.Field != "persons[1].name" || fe.Err.Error() != "not usable" {
		t.Errorf("Parse with a failing check: %v", err)
	}
	if _, err := Parse([]byte(strings.Replace(filled, "Kim Ok", "Kim Okja", 1)), check); err != nil {
		t.Errorf("Parse with a passing check: %v", err)
	}
}
