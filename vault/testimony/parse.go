package testimony

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
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
	// max bounds the value of a new version (bounded): bytes of a
	// string, entries of a list; 0 if only the file's size does.
	max int
	// itemMax bounds the bytes of each string of a kindStrings.
	itemMax int
	fields  []field // for kindObject and the elements of kindPersons
	// at returns where the field's value goes in obj, the struct being
	// decoded (a *Testimony, *Interview, *Person or *Consent): a
	// *string, *bool, *int, *[]string or *[]Person, or for kindObject the
	// struct the field holds, made if need be.
	at func(obj any) any
}

var personSchema = []field{
	{name: "key", kind: kindString, required: true, max: 64, at: func(o any) any { return &o.(*Person).Key }},
	{name: "name", kind: kindString, required: true, max: 256, at: func(o any) any { return &o.(*Person).Name }},
	{name: "aliases", kind: kindStrings, max: MaxAliases, itemMax: 256, at: func(o any) any { return &o.(*Person).Aliases }},
	{name: "birth_year", kind: kindYear, at: func(o any) any { return &o.(*Person).BirthYear }},
	{name: "gender", kind: kindString, max: 64, at: func(o any) any { return &o.(*Person).Gender }},
	{name: "contact", kind: kindString, max: 256, at: func(o any) any { return &o.(*Person).Contact }},
	{name: "residence", kind: kindString, max: 512, at: func(o any) any { return &o.(*Person).Residence }},
	{name: "relation", kind: kindString, max: 128, at: func(o any) any { return &o.(*Person).Relation }},
}

var schema = []field{
	{name: "case", kind: kindString, required: true, max: 128, at: func(o any) any { return &o.(*Testimony).Case }},
	{name: "title", kind: kindString, max: 512, at: func(o any) any { return &o.(*Testimony).Title }},
	{name: "interview", kind: kindObject, fields: []field{
		{name: "date", kind: kindDate, at: func(o any) any { return &o.(*Interview).Date }},
		{name: "place", kind: kindString, max: 512, at: func(o any) any { return &o.(*Interview).Place }},
		{name: "interviewer", kind: kindString, max: 256, at: func(o any) any { return &o.(*Interview).Interviewer }},
		{name: "language", kind: kindLanguage, max: 64, at: func(o any) any { return &o.(*Interview).Language }},
	}, at: func(o any) any {
		t := o.(*Testimony)
		t.Interview = new(Interview)
		return t.Interview
	}},
	{name: "witness", kind: kindObject, required: true, fields: personSchema, at: func(o any) any { return &o.(*Testimony).Witness }},
	{name: "persons", kind: kindPersons, max: MaxPersons, fields: personSchema, at: func(o any) any { return &o.(*Testimony).Persons }},
	{name: "consent", kind: kindObject, required: true, fields: []field{
		{name: "research", kind: kindBool, required: true, at: func(o any) any { return &o.(*Consent).Research }},
		{name: "publication", kind: kindBool, at: func(o any) any { return &o.(*Consent).Publication }},
		{name: "legal", kind: kindBool, at: func(o any) any { return &o.(*Consent).Legal }},
	}, at: func(o any) any { return &o.(*Testimony).Consent }},
	{name: "sensitivity", kind: kindSensitivity, at: func(o any) any { return &o.(*Testimony).Sensitivity }},
	{name: "tags", kind: kindStrings, max: 64, itemMax: 64, at: func(o any) any { return &o.(*Testimony).Tags }},
	{name: "redact", kind: kindStrings, max: 256, itemMax: 256, at: func(o any) any { return &o.(*Testimony).Redact }},
	{name: "narrative", kind: kindString, required: true, at: func(o any) any { return &o.(*Testimony).Narrative }},
}

// languageTag is the shape of a BCP 47 tag: a 2–8 letter primary subtag
// and alphanumeric subtags of 1–8 characters.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// byteOrderMark is U+FEFF in UTF-8.
const byteOrderMark = "\uFEFF"

// Parse parses one import file strictly, a new version's: its fields
// within their bounds. name is used only in errors.
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

// ParseBytes is Parse for a file already in memory; it refuses one larger
// than MaxSize as Parse does.
func ParseBytes(name string, data []byte) (*Testimony, error) {
	return parseTestimony(name, data, true)
}

// ParseStored parses a version already stored (a record's canonical
// form) as strictly as ParseBytes but for the bounds of the fields,
// which a version stored before them may exceed: it must still open,
// verify and export. A new version is parsed by ParseBytes.
func ParseStored(name string, data []byte) (*Testimony, error) {
	return parseTestimony(name, data, false)
}

func parseTestimony(name string, data []byte, bounded bool) (*Testimony, error) {
	var t Testimony
	if err := parseObject(name, data, "testimony", schema, &t, bounded); err != nil {
		return nil, err
	}
	return &t, nil
}

// ParsePerson parses one person (a JSON object with the person fields of
// the import format) as strictly as Parse parses a testimony: the same
// checks and bounds, and errors naming the field. name is used only in
// errors.
func ParsePerson(name string, data []byte) (*Person, error) {
	return parsePerson(name, data, true)
}

// ParseStoredPerson is ParsePerson without the bounds of the fields, for
// a person as stored, which may have come with a version stored before
// them (ParseStored).
func ParseStoredPerson(name string, data []byte) (*Person, error) {
	return parsePerson(name, data, false)
}

func parsePerson(name string, data []byte, bounded bool) (*Person, error) {
	var p Person
	if err := parseObject(name, data, "person", personSchema, &p, bounded); err != nil {
		return nil, err
	}
	return &p, nil
}

// parseObject decodes data, one JSON object of schema, a what, into v,
// checking it as it goes, and the bounds of its fields if bounded: each
// byte is read once.
func parseObject(name string, data []byte, what string, schema []field, v any, bounded bool) error {
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
	d := &decoder{data: data, bounded: bounded}
	if err := d.object(schema, "", v); err != nil {
		return withFile(name, data, err)
	}
	if d.skipSpace(); d.pos < len(d.data) {
		return &ParseError{File: name, Err: fmt.Errorf("unexpected data after the %s object", what)}
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
	var se *syntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(se.offset, len(data))], []byte("\n"))
		return &ParseError{File: name, Err: fmt.Errorf("invalid JSON on line %d: %s", line, se.msg)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
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

// syntaxError is input that is not JSON (RFC 8259), at offset, described
// as encoding/json describes it.
type syntaxError struct {
	msg    string
	offset int
}

func (e *syntaxError) Error() string { return e.msg }

// A decoder reads JSON (RFC 8259) of a schema straight into the structs
// of this package, as strictly as the import format asks, and as
// encoding/json would decode it: a string's escapes are decoded the same
// way, an unpaired UTF-16 surrogate becoming U+FFFD. Its input is valid
// UTF-8 (parseObject checks it first).
type decoder struct {
	data []byte
	pos  int
	// bounded is whether the fields' bounds (field.max) apply.
	bounded bool
}

// value is a JSON value's type as the error messages name it.
type value int

const (
	valueNull value = iota
	valueBool
	valueNumber
	valueString
	valueObject
	valueList
)

var valueNames = [...]string{"null", "a boolean", "a number", "a string", "an object", "a list"}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// next skips white space and returns the byte after it.
func (d *decoder) next() (byte, error) {
	if d.skipSpace(); d.pos == len(d.data) {
		return 0, io.ErrUnexpectedEOF
	}
	return d.data[d.pos], nil
}

func (d *decoder) syntax(context string) error {
	return &syntaxError{msg: "invalid character " + quoteChar(d.data[d.pos]) + " " + context, offset: d.pos}
}

// quoteChar is c as encoding/json's errors quote it.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// start returns the type of the value that starts at the next byte,
// which it consumes if it is { or [.
func (d *decoder) start() (value, error) {
	c, err := d.next()
	if err != nil {
		return 0, err
	}
	switch {
	case c == '{':
		d.pos++
		return valueObject, nil
	case c == '[':
		d.pos++
		return valueList, nil
	case c == '"':
		return valueString, nil
	case c == 't' || c == 'f':
		return valueBool, nil
	case c == 'n':
		return valueNull, nil
	case c == '-' || '0' <= c && c <= '9':
		return valueNumber, nil
	}
	return 0, d.syntax("looking for beginning of value")
}

// scalar reads the value of type t, a scalar, that starts at the next
// byte, and returns its text as JSON spells it, or a string's value.
func (d *decoder) scalar(t value) (string, error) {
	switch t {
	case valueString:
		return d.str()
	case valueNumber:
		return d.number()
	case valueNull:
		return "null", d.literal("null")
	}
	if d.data[d.pos] == 't' {
		return "true", d.literal("true")
	}
	return "false", d.literal("false")
}

func (d *decoder) literal(lit string) error {
	for i := range len(lit) {
		switch {
		case d.pos == len(d.data):
			return io.ErrUnexpectedEOF
		case d.data[d.pos] != lit[i]:
			return d.syntax(fmt.Sprintf("in literal %s (expecting %s)", lit, quoteChar(lit[i])))
		}
		d.pos++
	}
	return nil
}

func (d *decoder) digits() int {
	n := 0
	for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
		d.pos++
		n++
	}
	return n
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decoder) number() (string, error) {
	start := d.pos
	// need reports whether a digit is next, or the error if not.
	need := func(context string) error {
		switch {
		case d.pos == len(d.data):
			return io.ErrUnexpectedEOF
		case d.data[d.pos] < '0' || d.data[d.pos] > '9':
			return d.syntax(context)
		}
		return nil
	}
	if d.data[d.pos] == '-' {
		d.pos++
	}
	if err := need("in numeric literal"); err != nil {
		return "", err
	}
	if d.data[d.pos] == '0' {
		d.pos++
	} else {
		d.digits()
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if err := need("after decimal point in numeric literal"); err != nil {
			return "", err
		}
		d.digits()
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if err := need("in exponent of numeric literal"); err != nil {
			return "", err
		}
		d.digits()
	}
	return string(d.data[start:d.pos]), nil
}

// str reads a string, the next byte being its opening quote.
func (d *decoder) str() (string, error) {
	d.pos++
	start := d.pos
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			return string(d.data[start : d.pos-1]), nil
		case c == '\\':
			return d.escaped(start)
		case c < ' ':
			return "", d.syntax("in string literal")
		}
		d.pos++
	}
	return "", io.ErrUnexpectedEOF
}

// escaped reads the rest of a string that started at start and has an
// escape at pos.
func (d *decoder) escaped(start int) (string, error) {
	b := make([]byte, 0, d.pos-start+64)
	b = append(b, d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(b), nil
		case c < ' ':
			return "", d.syntax("in string literal")
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		if d.pos++; d.pos == len(d.data) {
			return "", io.ErrUnexpectedEOF
		}
		c = d.data[d.pos]
		d.pos++
		switch c {
		case '"', '\\', '/':
			b = append(b, c)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, err := d.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) {
				// Paired with the escape after it, or U+FFFD alone.
				r2, ok := d.peekHex4()
				if dec := utf16.DecodeRune(r, r2); ok && dec != unicode.ReplacementChar {
					d.pos += 6
					r = dec
				} else {
					r = unicode.ReplacementChar
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			d.pos--
			return "", d.syntax("in string escape code")
		}
	}
	return "", io.ErrUnexpectedEOF
}

// hex4 reads the four hexadecimal digits of a \u escape.
func (d *decoder) hex4() (rune, error) {
	var r rune
	for range 4 {
		if d.pos == len(d.data) {
			return 0, io.ErrUnexpectedEOF
		}
		n := hexDigit(d.data[d.pos])
		if n < 0 {
			return 0, d.syntax(`in \u hexadecimal character escape`)
		}
		r = r<<4 | n
		d.pos++
	}
	return r, nil
}

// peekHex4 returns the rune of the \u escape at pos, if one is there,
// without reading it.
func (d *decoder) peekHex4() (rune, bool) {
	if len(d.data)-d.pos < 6 || d.data[d.pos] != '\\' || d.data[d.pos+1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos+2 : d.pos+6] {
		n := hexDigit(c)
		if n < 0 {
			return 0, false
		}
		r = r<<4 | n
	}
	return r, true
}

func hexDigit(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// wrongType is the error of a value of type got where field path wants
// want (the whole file if path is "").
func wrongType(path, want string, got value) error {
	if path == "" {
		return fmt.Errorf("want a JSON %s, got %s", want, valueNames[got])
	}
	return fieldErr(path, "want %s, got %s", want, valueNames[got])
}

// object decodes an object of fields, at path, into obj.
func (d *decoder) object(fields []field, path string, obj any) error {
	switch t, err := d.start(); {
	case err != nil:
		return err
	case t != valueObject:
		return wrongType(path, "object", t)
	}
	var seen uint64 // bit i: fields[i]; a schema has fewer than 64
	more, err := d.empty('}')
	for ; more && err == nil; more, err = d.after('}', "after object key:value pair") {
		c, err := d.next()
		if err != nil {
			return err
		}
		if c != '"' {
			return d.syntax("looking for beginning of object key string")
		}
		key, err := d.str()
		if err != nil {
			return err
		}
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == key })
		switch {
		case i < 0:
			return fieldErr(join(path, key), "unknown field")
		case seen&(1<<i) != 0:
			return fieldErr(join(path, key), "duplicated field")
		}
		seen |= 1 << i
		if c, err := d.next(); err != nil {
			return err
		} else if c != ':' {
			return d.syntax("after object key")
		}
		d.pos++
		if err := d.value(fields[i], join(path, key), fields[i].at(obj)); err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	return checkRequired(fields, seen, path)
}

func checkRequired(fields []field, seen uint64, path string) error {
	for i, f := range fields {
		if f.required && seen&(1<<i) == 0 {
			return fieldErr(join(path, f.name), "missing required field")
		}
	}
	return nil
}

// list decodes a list at path, calling elem for each element.
func (d *decoder) list(path string, elem func(i int) error) error {
	switch t, err := d.start(); {
	case err != nil:
		return err
	case t != valueList:
		return wrongType(path, "a list", t)
	}
	i := 0
	more, err := d.empty(']')
	for ; more && err == nil; more, err = d.after(']', "after array element") {
		if err := elem(i); err != nil {
			return err
		}
		i++
	}
	return err
}

// empty reads the end of the object or list just begun if it ends at
// once, and reports whether it does not.
func (d *decoder) empty(end byte) (more bool, err error) {
	c, err := d.next()
	if err != nil || c != end {
		return err == nil, err
	}
	d.pos++
	return false, nil
}

// after reads what follows a member of an object or an element of a
// list, a comma or end, and reports whether another follows; context
// describes a syntax error.
func (d *decoder) after(end byte, context string) (more bool, err error) {
	c, err := d.next()
	switch {
	case err != nil:
		return false, err
	case c != ',' && c != end:
		return false, d.syntax(context)
	}
	d.pos++
	return c == ',', nil
}

// value decodes the value of field f, at path, into dst (f.at's).
func (d *decoder) value(f field, path string, dst any) error {
	switch f.kind {
	case kindObject:
		return d.object(f.fields, path, dst)
	case kindPersons:
		ps := dst.(*[]Person)
		*ps = []Person{}
		n := 0
		err := d.list(path, func(i int) error {
			n++
			var p *Person
			if !d.bounded || i < f.max {
				*ps = append(*ps, Person{})
				p = &(*ps)[i]
			} else {
				p = new(Person) // beyond the bound: checked, and dropped
			}
			return d.object(f.fields, fmt.Sprintf("%s[%d]", path, i), p)
		})
		if err != nil {
			return err
		}
		return d.checkLen(f, path, n)
	case kindStrings:
		ss := dst.(*[]string)
		*ss = []string{}
		n := 0
		err := d.list(path, func(i int) error {
			n++
			elem := func() string { return fmt.Sprintf("%s[%d]", path, i) }
			s, err := d.string(elem)
			if err != nil {
				return err
			}
			if d.bounded && len(s) > f.itemMax {
				return fieldErr(elem(), "%w", &LimitError{Limit: f.itemMax, Size: len(s)})
			}
			if !d.bounded || i < f.max {
				*ss = append(*ss, s)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return d.checkLen(f, path, n)
	}
	wantType, what := want(f.kind)
	t, err := d.start()
	if err != nil {
		return err
	}
	if t == valueObject || t == valueList {
		return wrongType(path, what, t)
	}
	tok, err := d.scalar(t)
	switch {
	case err != nil:
		return err
	case t != wantType:
		return wrongType(path, what, t)
	}
	switch f.kind {
	case kindBool:
		*dst.(*bool) = tok == "true"
		return nil
	case kindYear:
		y, err := strconv.Atoi(tok)
		if err != nil || y < 1850 || y > 2100 {
			return fieldErr(path, "want a year from 1850 to 2100, got %s", tok)
		}
		*dst.(*int) = y
		return nil
	}
	if err := checkString(f, path, tok); err != nil {
		return err
	}
	if d.bounded && f.max > 0 && len(tok) > f.max {
		return fieldErr(path, "%w", &LimitError{Limit: f.max, Size: len(tok)})
	}
	*dst.(*string) = tok
	return nil
}

// checkLen checks n, the number of entries of the list of field f at
// path, against its bound.
func (d *decoder) checkLen(f field, path string, n int) error {
	if d.bounded && n > f.max {
		return fieldErr(path, "%w", &LimitError{Limit: f.max, Size: n, Entries: true})
	}
	return nil
}

// checkString checks s, the value of field f (a string) at path.
func checkString(f field, path, s string) error {
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

// want is the type of value a scalar field of kind k wants, and how its
// errors say it.
func want(k kind) (value, string) {
	switch k {
	case kindBool:
		return valueBool, "true or false"
	case kindYear:
		return valueNumber, "an integer year"
	}
	return valueString, "a string"
}

// string decodes a string, the element of a list at path().
func (d *decoder) string(path func() string) (string, error) {
	t, err := d.start()
	if err != nil {
		return "", err
	}
	if t != valueString {
		if t != valueObject && t != valueList {
			if _, err := d.scalar(t); err != nil {
				return "", err
			}
		}
		return "", wrongType(path(), "a string", t)
	}
	return d.str()
}
