package view

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestWriteJSON checks that WriteJSON writes what json.Encoder does, for
// narratives whose pieces end inside runes, escapes and invalid UTF-8.
func TestWriteJSON(t *testing.T) {
	t.Parallel()
	head := Record{ID: "R-1", View: "researcher", Created: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Title: "<a & b>",
		Witness: &Person{Pseudonym: "P-1111-1111", BirthYears: "1980-1984"}, Tags: []string{"x", "y"}}
	long := func(piece string) string { return strings.Repeat(piece, 3*jsonPiece/len(piece)+1) }
	narratives := map[string]string{
		"empty":         "",
		"short":         "Eunju <b> & \"quoted\" \\ \n\t\r\x01 \u2028\u2029 \x7f",
		"hangul":        long("민서야 "),
		"shifted":       "ab" + long("민서"),
		"escapes":       long("\"\\\n\x00<>&\u2028"),
		"invalid":       long("\xff\x80\x80\x80\x80a"),
		"continuations": "a" + strings.Repeat("\x80", 3*jsonPiece),
		"truncated":     long("\xe2\x82"),
		"emoji":         long("x😀"),
	}
	for name, narrative := range narratives {
		for _, indent := range [][2]string{{"", ""}, {"", "  "}, {"  ", "\t"}} {
			rec := head
			rec.Narrative = narrative
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent(indent[0], indent[1])
			if err := enc.Encode(&rec); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := rec.WriteJSON(&got, indent[0], indent[1]); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				i := 0
				for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Errorf("%s, indent %q: differs from json.Encoder at byte %d of %d: %q, want %q", name, indent, i, want.Len(),
					got.Bytes()[max(0, i-20):min(got.Len(), i+20)], want.Bytes()[max(0, i-20):min(want.Len(), i+20)])
			}
		}
	}
}
