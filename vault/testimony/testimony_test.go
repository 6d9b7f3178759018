package testimony

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

const minimal = `{"case":"C-1","witness":{"key":"K1","name":"A B"},"consent":{"research":true},"narrative":"n"}`

func TestParseCorpusGolden(t *testing.T) {
	files, err := filepath.Glob("../../testdata/corpus/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var all bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tm, err := ParseBytes(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		c := tm.Canonical()
		again, err := ParseBytes("canonical", c)
		if err != nil {
			t.Fatalf("%s: canonical form does not parse: %v", f, err)
		}
		if !bytes.Equal(again.Canonical(), c) {
			t.Fatalf("%s: canonical form is not stable", f)
		}
		all.Write(c)
		all.WriteByte('\n')
	}
	golden := filepath.Join("testdata", "canonical.golden")
	if *update {
		if err := os.WriteFile(golden, all.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(all.Bytes(), want) {
		t.Errorf("canonical forms differ from %s (run with -update after checking):\n%s", golden, all.Bytes())
	}
}

// TestParseByteOrderMark checks that a leading byte-order mark, which
// Windows editors write, is ignored, and one elsewhere is not.
func TestParseByteOrderMark(t *testing.T) {
	want, err := ParseBytes("f.json", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseBytes("f.json", []byte("\uFEFF"+minimal))
	if err != nil {
		t.Fatalf("a leading byte-order mark: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with a byte-order mark: %+v, without: %+v", got, want)
	}
	if _, err := ParseBytes("f.json", []byte("\uFEFF\uFEFF"+minimal)); err == nil {
		t.Fatal("accepted two byte-order marks")
	}
	if _, err := ParseBytes("f.json", []byte(minimal+"\uFEFF")); err == nil {
		t.Fatal("accepted a trailing byte-order mark")
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, in, field, msg string
	}{
		{"unknown field", `{"case":"C","cas":"x"}`, "cas", "unknown field"},
		{"field in other case", strings.Replace(minimal, `"case"`, `"Case"`, 1), "Case", "unknown field"},
		{"duplicated field", strings.Replace(minimal, `"narrative":"n"`, `"narrative":"n","narrative":"m"`, 1), "narrative", "duplicated"},
		{"missing case", `{"witness":{"key":"K","name":"N"},"consent":{"research":true},"narrative":"n"}`, "case", "missing required"},
		{"missing witness key", strings.Replace(minimal, `"key":"K1",`, ``, 1), "witness.key", "missing required"},
		{"missing research consent", strings.Replace(minimal, `"research":true`, `"legal":true`, 1), "consent.research", "missing required"},
		{"empty narrative", strings.Replace(minimal, `"narrative":"n"`, `"narrative":"  "`, 1), "narrative", "must not be empty"},
		{"wrong type", strings.Replace(minimal, `"research":true`, `"research":"yes"`, 1), "consent.research", "want true or false"},
		{"null", strings.Replace(minimal, `"narrative":"n"`, `"narrative":null`, 1), "narrative", "got null"},
		{"year as string", strings.Replace(minimal, `"name":"A B"`, `"name":"A B","birth_year":"1980"`, 1), "witness.birth_year", "want an integer"},
		{"fractional year", strings.Replace(minimal, `"name":"A B"`, `"name":"A B","birth_year":1980.5`, 1), "witness.birth_year", "1850 to 2100"},
		{"impossible date", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","interview":{"date":"2021-02-30"}`, 1), "interview.date", "impossible date"},
		{"date format", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","interview":{"date":"2021-2-3"}`, 1), "interview.date", "YYYY-MM-DD"},
		{"bad sensitivity", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","sensitivity":"secret"`, 1), "sensitivity", "low, medium or high"},
		{"bad language", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","interview":{"language":"k"}`, 1), "interview.language", "BCP 47"},
		{"person list element", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","persons":[{"key":"K2","name":"X"},{"key":"K3"}]`, 1), "persons[1].name", "missing required"},
		{"tag not a string", strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","tags":["a",1]`, 1), "tags[1]", "want a string"},
		{"top level list", `[` + minimal + `]`, "", "want a JSON object"},
		{"trailing data", minimal + `{}`, "", "after the testimony"},
		{"truncated", minimal[:40], "", ""},
		{"invalid utf-8", strings.Replace(minimal, `"n"}`, "\"\xff\"}", 1), "", "invalid UTF-8 on line 1"},
		{"empty", ``, "", "unexpected end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, err := ParseBytes("f.json", []byte(tt.in))
			if err == nil {
				t.Fatalf("accepted: %+v", tm)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.File != "f.json" || pe.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %q (field %q), want field %q and %q", err, pe.Field, tt.field, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "f.json: ") {
				t.Fatalf("error %q does not name the file first", err)
			}
		})
	}
}

func TestParseSizeLimit(t *testing.T) {
	big := strings.Replace(minimal, `"n"`, `"`+strings.Repeat("x", MaxSize)+`"`, 1)
	_, err := Parse("big.json", strings.NewReader(big))
	if err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Fatalf("Parse of an oversized file = %v", err)
	}
	_, err = ParseBytes("big.json", []byte(big))
	if err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Fatalf("ParseBytes of an oversized file = %v", err)
	}
}

// FuzzParse checks that the decoder, as ParseStored, accepts exactly
// what the oracle (oracle_test.go: encoding/json's tokens and
// json.Unmarshal) accepts, and decodes it to the same testimony; that
// ParseBytes gives the same but refuses, with a *LimitError, what is over
// a bound of the documentation's table (withinBounds); and that a
// canonical form parses back to itself.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	for _, s := range []string{
		`{"case":"C\u002d1","witness":{"key":"K\"1","name":"A\\B\/\b\f\n\r\t"},"consent":{"research":true},"narrative":"\ud83d\ude00 \ud800 \udc00x \ud800\u0041 \u00e9"}`,
		strings.Replace(minimal, `"name":"A B"`, `"name":"A B","birth_year":1980,"aliases":[]`, 1),
		strings.Replace(minimal, `"name":"A B"`, `"name":"A B","birth_year":-0.5e+3`, 1),
		strings.Replace(minimal, `"name":"A B"`, `"name":"A B","birth_year":01980`, 1),
		strings.Replace(minimal, `"case":"C-1"`, " \t\r\n\"case\" : \"C-1\" ,\"tags\":[ \"a\" , \"b\" ],\"persons\":[],\"interview\":{}", 1),
		strings.Replace(minimal, `"research":true`, `"research":tru`, 1),
		strings.Replace(minimal, `"narrative":"n"`, `"narrative":"n\x"`, 1),
		strings.Replace(minimal, `"narrative":"n"`, "\"narrative\":\"n\tm\"", 1),
		`{"case":"C",}`,
		`{"case" "C"}`,
	} {
		f.Add([]byte(s))
	}
	// At the bounds and one over: a title of 512 bytes, an escape making
	// it 513, 64 tags and 65, a tag of 64 bytes of Hangul and one more.
	for _, s := range []string{
		strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","title":"`+text(512)+`"`, 1),
		strings.Replace(minimal, `"case":"C-1"`, `"case":"C-1","title":"\u00e9`+text(511)+`"`, 1),
		string(withField(f, "tags", list(64, "t"))),
		string(withField(f, "tags", list(65, "t"))),
		string(withField(f, "tags", []any{text(64), text(65)})),
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../testdata/corpus/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	bounds := docBounds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		tm, err := ParseStored("fuzz.json", data)
		var want *Testimony
		var oerr error
		if body := bytes.TrimPrefix(data, []byte(byteOrderMark)); len(body) <= MaxSize && utf8.Valid(body) {
			want, oerr = oracleParse(body)
			switch {
			case err == nil && oerr != nil:
				t.Fatalf("accepted what the oracle refuses (%v)", oerr)
			case err != nil && oerr == nil:
				t.Fatalf("refused what the oracle accepts: %v", err)
			case err == nil && !reflect.DeepEqual(tm, want):
				t.Fatalf("decoded\n%+v\nthe oracle\n%+v", tm, want)
			}
		}
		bounded, berr := ParseBytes("fuzz.json", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.json" {
				t.Fatalf("error %v does not name the file", err)
			}
			if berr == nil {
				t.Fatalf("ParseBytes accepted what ParseStored refuses (%v)", err)
			}
			return
		}
		var le *LimitError
		switch within := withinBounds(t, tm.Canonical(), bounds); {
		case within && berr != nil:
			t.Fatalf("ParseBytes refused what is within the bounds: %v", berr)
		case within && !reflect.DeepEqual(bounded, tm):
			t.Fatalf("ParseBytes decoded\n%+v\nParseStored\n%+v", bounded, tm)
		case !within && !errors.As(berr, &le):
			t.Fatalf("ParseBytes of what is over a bound: %v, want a *LimitError", berr)
		}
		c := tm.Canonical()
		again, err := ParseStored("canonical", c)
		if err != nil {
			t.Fatalf("canonical form of accepted input does not parse: %v\n%s", err, c)
		}
		if !bytes.Equal(again.Canonical(), c) {
			t.Fatalf("canonical form not stable:\n%s\n%s", c, again.Canonical())
		}
	})
}

// withinBounds reports whether canonical, a testimony's canonical form,
// is within bounds (docBounds), read with encoding/json.
func withinBounds(t *testing.T, canonical []byte, bounds map[string][2]int) bool {
	var m map[string]any
	if err := json.Unmarshal(canonical, &m); err != nil {
		t.Fatal(err)
	}
	var within func(prefix string, obj map[string]any) bool
	within = func(prefix string, obj map[string]any) bool {
		for k, v := range obj {
			path := prefix + k
			b := bounds[path]
			switch v := v.(type) {
			case string:
				if b[0] > 0 && len(v) > b[0] {
					return false
				}
			case []any:
				if len(v) > b[0] {
					return false
				}
				for _, e := range v {
					switch e := e.(type) {
					case string:
						if len(e) > b[1] {
							return false
						}
					case map[string]any:
						if !within("person.", e) {
							return false
						}
					}
				}
			case map[string]any:
				p := path + "."
				if k == "witness" {
					p = "person."
				}
				if !within(p, v) {
					return false
				}
			}
		}
		return true
	}
	return within("", m)
}
