package view

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCSVCell: every character OWASP lists as one a spreadsheet may start
// a formula with, alone, leading or after white space, gets a "'" in front;
// anything else is left as it is.
func TestCSVCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"1+1", "1+1"},
		{"a=b", "a=b"},
		{"Kim-Lee", "Kim-Lee"},
		{"e-mail@example", "e-mail@example"},
		{"[P-1111-1111]", "[P-1111-1111]"},
		{"P-1111-1111;P-2222-2222", "P-1111-1111;P-2222-2222"},
		{"ends with =", "ends with ="},
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+1+1", "'+1+1"},
		{"-1+1", "'-1+1"},
		{"-", "'-"},
		{"@SUM(1,1)", "'@SUM(1,1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\tplain", "'\tplain"},
		{"\rplain", "'\rplain"},
		{"\nplain", "'\nplain"},
		{"\x00plain", "'\x00plain"},
		// Some spreadsheets trim leading space before they look.
		{" =1+1", "' =1+1"},
		{"  @SUM(1,1)", "'  @SUM(1,1)"},
		{"\u00a0+1", "'\u00a0+1"},
		{"\u3000-1", "'\u3000-1"},
		{" plain", " plain"},
		// Full-width forms, which some spreadsheets read as ASCII.
		{"＝1+1", "'＝1+1"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠SUM(1,1)", "'＠SUM(1,1)"},
		// A leading quote is doubled, so one "'" less gives the value back.
		{"'", "''"},
		{"'=1+1", "''=1+1"},
		{"'til dawn", "''til dawn"},
		{"\xff=", "\xff="},
	} {
		if got := csvCell(c.in); got != c.want {
			t.Errorf("csvCell(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := strings.TrimPrefix(csvCell(c.in), "'"); got != c.in && c.want != c.in {
			t.Errorf("csvCell(%q) loses the value: %q", c.in, got)
		}
	}
}

// TestCSVList: a list cell read back with ";" as the separator gives the
// values, whatever they hold.
func TestCSVList(t *testing.T) {
	for _, values := range [][]string{
		nil,
		{"broker"},
		{"border-crossing", "broker"},
		{"a;b", "c"},
		{`say "no"`, "x"},
		{"two\nlines", "\n"},
		{" padded ", "x"},
		{`\.`, "y"},
		{"@SUM(1;1)", "=1+1"},
	} {
		cell := csvList(values)
		if len(values) == 0 {
			if cell != "" {
				t.Errorf("csvList(nil) = %q", cell)
			}
			continue
		}
		r := csv.NewReader(strings.NewReader(cell))
		r.Comma = ';'
		got, err := r.Read()
		if err != nil || !slices.Equal(got, values) {
			t.Errorf("csvList(%q) = %q, reads back as %q (%v)", values, cell, got, err)
		}
	}
}

// TestCSVRowCells: a record whose title, tags and narrative are formulas
// writes as a CSV whose cells read back neutralised, each value in its
// own column, each tag whole.
func TestCSVRowCells(t *testing.T) {
	rec := &Record{ID: "id1", View: "full", Created: time.Date(2024, 5, 1, 2, 3, 4, 0, time.UTC),
		Title: "=1+1", Tags: []string{"@SUM(1,1)", "a;b", "-x"}, Narrative: "+cmd|' /C calc'!A0",
		Persons: []Person{{Pseudonym: "P-1111-1111"}, {Pseudonym: "P-2222-2222"}}}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(CSVHeader)
	w.Write(rec.CSVRow())
	w.Flush()
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 || len(rows[1]) != len(CSVHeader) {
		t.Fatalf("read back %q (%v)", rows, err)
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	for col, want := range map[string]string{
		"title": "'=1+1", "tags": `'@SUM(1,1);"a;b";-x`, "narrative": "'+cmd|' /C calc'!A0",
		"persons": "P-1111-1111;P-2222-2222", "created": "2024-05-01T02:03:04Z",
	} {
		if got[col] != want {
			t.Errorf("%s = %q, want %q", col, got[col], want)
		}
	}
}
