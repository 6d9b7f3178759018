package testimony

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

type kind int

const (
	kindString kind = iota
	kindBool
	kindYear
	kindDate
	kindLanguage
	kindSensitivity
	kindStrings
	kindObject
	kindPersons
)

// field is one entry of the import schema.
type field struct {
	name     string
	kind     kind
	required bool
	fields   []field // for kindObject and the elements of kindPersons
}

var personSchema = []field{
	{name: "key", kind: kindString, required: true},
	{name: "name", kind: kindString, required: true},
	{name: "aliases", kind: kindStrings},
	{name: "birth_year", kind: kindYear},
	{name: "gender", kind: kindString},
	{name: "contact", kind: kindString},
	{name: "residence", kind: kindString},
	{name: "relation", kind: kindString},
}

var schema = []field{
	{name: "case", kind: kindString, required: true},
	{name: "title", kind: kindString},
	{name: "interview", kind: kindObject, fields: []field{
		{name: "date", kind: kindDate},
		{name: "place", kind: kindString},
		{name: "interviewer", kind: kindString},
		{name: "language", kind: kindLanguage},
	}},
	{name: "witness", kind: kindObject, required: true, fields: personSchema},
	{name: "persons", kind: kindPersons, fields: personSchema},
	{name: "consent", kind: kindObject, required: true, fields: []field{
		{name: "research", kind: kindBool, required: true},
		{name: "publication", kind: kindBool},
		{name: "legal", kind: kindBool},
	}},
	{name: "sensitivity", kind: kindSensitivity},
	{name: "tags", kind: kindStrings},
	{name: "redact", kind: kindStrings},
	{name: "narrative", kind: kindString, required: true},
}

// languageTag is the shape of a BCP 47 tag: a 2–8 letter primary subtag
// and alphanumeric subtags of 1–8 characters.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// byteOrderMark is U+FEFF in UTF-8.
const byteOrderMark = "\uFEFF"

// Parse parses one import file strictly. name is used only in errors.
func Parse(name string, r io.Reader) (*Testimony, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	if len(data) > MaxSize {
		return nil, &ParseError{File: name, Err: fmt.Errorf("file is larger than %d MiB", MaxSize>>20)}
	}
	return ParseBytes(name, data)
}

// ParseBytes is Parse for a file already in memory.
func ParseBytes(name string, data []byte) (*Testimony, error) {
	var t Testimony
	if err := parseObject(name, data, "testimony", schema, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// ParsePerson parses one person (a JSON object with the person fields of
// the import format) as strictly as Parse parses a testimony: the same
// checks, and errors naming the field. name is used only in errors.
func ParsePerson(name string, data []byte) (*Person, error) {
	var p Person
	if err := parseObject(name, data, "person", personSchema, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// parseObject checks that data is one JSON object of schema, a what, then
// decodes it into v.
func parseObject(name string, data []byte, what string, schema []field, v any) error {
	if len(data) > MaxSize {
		return &ParseError{File: name, Err: fmt.Errorf("file is larger than %d MiB", MaxSize>>20)}
	}
	// Windows editors start UTF-8 files with a byte-order mark, which
	// JSON does not allow (RFC 8259 8.1) but lets a parser ignore.
	data = bytes.TrimPrefix(data, []byte(byteOrderMark))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8Offset(data)], []byte("\n"))
		return &ParseError{File: name, Err: fmt.Errorf("invalid UTF-8 on line %d", line)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := checkObject(dec, schema, ""); err != nil {
		return withFile(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return &ParseError{File: name, Err: fmt.Errorf("unexpected data after the %s object", what)}
	}
	// The schema check has pinned every key and type, so decoding into the
	// struct cannot take a different reading of the input.
	if err := json.Unmarshal(data, v); err != nil {
		return &ParseError{File: name, Err: err}
	}
	return nil
}

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func withFile(name string, data []byte, err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File = name
		return pe
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return &ParseError{File: name, Err: fmt.Errorf("invalid JSON on line %d: %v", line, se)}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &ParseError{File: name, Err: errors.New("unexpected end of file")}
	}
	return &ParseError{File: name, Err: err}
}

func fieldErr(path, format string, args ...any) error {
	return &ParseError{Field: path, Err: fmt.Errorf(format, args...)}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func expectDelim(dec *json.Decoder, path string, want json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		if path == "" {
			return fmt.Errorf("want a JSON %s, got %s", what, describe(tok))
		}
		return fieldErr(path, "want %s, got %s", what, describe(tok))
	}
	return nil
}

func checkObject(dec *json.Decoder, fields []field, path string) error {
	if err := expectDelim(dec, path, '{', "object"); err != nil {
		return err
	}
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // json.Decoder yields only string keys in objects
		var f *field
		for i := range fields {
			if fields[i].name == key {
				f = &fields[i]
			}
		}
		if f == nil {
			return fieldErr(join(path, key), "unknown field")
		}
		if seen[key] {
			return fieldErr(join(path, key), "duplicated field")
		}
		seen[key] = true
		if err := checkValue(dec, *f, join(path, key)); err != nil {
			return err
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			return fieldErr(join(path, f.name), "missing required field")
		}
	}
	_, err := dec.Token() // the closing brace; More said there is no other
	return err
}

func checkValue(dec *json.Decoder, f field, path string) error {
	switch f.kind {
	case kindObject:
		return checkObject(dec, f.fields, path)
	case kindPersons:
		return checkList(dec, path, func(i int) error {
			return checkObject(dec, f.fields, fmt.Sprintf("%s[%d]", path, i))
		})
	case kindStrings:
		return checkList(dec, path, func(i int) error {
			return stringToken(dec, fmt.Sprintf("%s[%d]", path, i))
		})
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch f.kind {
	case kindBool:
		if _, ok := tok.(bool); !ok {
			return fieldErr(path, "want true or false, got %s", describe(tok))
		}
		return nil
	case kindYear:
		n, ok := tok.(json.Number)
		if !ok {
			return fieldErr(path, "want an integer year, got %s", describe(tok))
		}
		y, err := strconv.Atoi(string(n))
		if err != nil || y < 1850 || y > 2100 {
			return fieldErr(path, "want a year from 1850 to 2100, got %s", n)
		}
		return nil
	}
	s, ok := tok.(string)
	if !ok {
		return fieldErr(path, "want a string, got %s", describe(tok))
	}
	switch f.kind {
	case kindString:
		if f.required && strings.TrimSpace(s) == "" {
			return fieldErr(path, "must not be empty")
		}
	case kindDate:
		if len(s) != len(time.DateOnly) {
			return fieldErr(path, "want a date as YYYY-MM-DD, got %q", s)
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return fieldErr(path, "impossible date %q", s)
		}
	case kindLanguage:
		if !languageTag.MatchString(s) {
			return fieldErr(path, "want a BCP 47 language tag such as \"ko\", got %q", s)
		}
	case kindSensitivity:
		if s != "low" && s != "medium" && s != "high" {
			return fieldErr(path, "want low, medium or high, got %q", s)
		}
	}
	return nil
}

func stringToken(dec *json.Decoder, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if _, ok := tok.(string); !ok {
		return fieldErr(path, "want a string, got %s", describe(tok))
	}
	return nil
}

func checkList(dec *json.Decoder, path string, elem func(i int) error) error {
	if err := expectDelim(dec, path, '[', "a list"); err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		if err := elem(i); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// describe names a JSON token's type for an error message.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		if v == '[' {
			return "a list"
		}
	}
	return fmt.Sprintf("%v", tok)
}
