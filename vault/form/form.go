// Package form writes and parses the text forms in which officers write a
// testimony or change a person in their editor (tvault new, tvault edit,
// tvault person edit), instead of JSON.
//
// # Format
//
// A form is UTF-8 text: fields between two lines "---", then a body.
//
//	# Comments and blank lines may come before the first ---.
//	---
//	# A comment.
//	case: TV-2026-031
//	witness.aliases: Min-ji
//	witness.aliases: Sparrow
//	persons[0].key: TW-0102
//	consent.research: yes
//	---
//	The narrative, in Markdown, to the end of the file.
//
// Between the two "---" lines every line is blank, a comment (its first
// character is '#') or a field: a name, a colon, and the value to the end
// of the line, spaces around it removed. The names are the field paths
// of the import format as package testimony names them in its errors
// ("interview.date", "persons[1].name"). A field with an empty value is
// left out. A list (aliases, tags, redact) takes one line per item, the
// name repeated; any other field is given at most once. Persons are
// numbered from 0 without gaps; any line naming a number gives that
// person. A consent is yes or no (true and false are read too), a birth
// year decimal digits. The body, without its final newline, is the
// narrative; a person's form has none. A carriage return ending a field
// line is ignored.
//
// What a value may be (a real date, a language tag, a year from 1850,
// a non-empty name, a title within its bound) is checked by package
// testimony, as for the import format, so that both accept the same
// testimonies.
//
// # Canonical form
//
// Testimony and Person write every field in the order of the import
// format, with comments; Parse and ParsePerson read back what they wrote.
// A value that cannot be written on one line (it holds a line break or
// another control character) is an error, and so is a testimony whose
// form would read back as another (a value with spaces around it, which
// the parser removes, or an empty interview object): a form never
// changes a record unasked.
//
// # Limits
//
// A form is at most testimony.MaxSize bytes, its fields at most MaxFields
// bytes; its values and lists are bounded as the import format's. A form
// of a testimony or person stored before those bounds is written all the
// same (Testimony, Person), for the officer to bring within them.
package form

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/testimony"
)

// MaxFields is the most bytes of a form's fields.
const MaxFields = 1 << 20

// ErrEmpty is returned for a form holding nothing but blank lines and
// comments: the officer cancelled.
var ErrEmpty = errors.New("the form is empty")

// Error reports why a form was rejected.
type Error struct {
	Line  int    // from 1; 0 when no one line is at fault (a missing field)
	Field string // the field's name, when the error is about one
	Err   error
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Field != "":
		return fmt.Sprintf("line %d: %s: %v", e.Line, e.Field, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	case e.Field != "":
		return fmt.Sprintf("%s: %v", e.Field, e.Err)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func lineErr(line int, format string, args ...any) error {
	return &Error{Line: line, Err: fmt.Errorf(format, args...)}
}

// shape is how a field's value is written.
type shape int

const (
	text shape = iota
	list       // one line per item
	flag       // yes or no
	year       // decimal digits
)

// spec is one field of a form.
type spec struct {
	name  string
	shape shape
	help  string // a comment written above the field, if any
}

var personSpecs = []spec{
	{name: "key", shape: text},
	{name: "name", shape: text},
	{name: "aliases", shape: list},
	{name: "birth_year", shape: year},
	{name: "gender", shape: text},
	{name: "contact", shape: text},
	{name: "residence", shape: text},
	{name: "relation", shape: text},
}

// testimonySpecs are the fields of a testimony but the persons, which
// repeat personSpecs under "persons[N].".
var testimonySpecs = slices.Concat(
	[]spec{
		{name: "case", shape: text, help: "The case number (required) and a title."},
		{name: "title", shape: text},
		{name: "interview.date", shape: text, help: "The interview: date as YYYY-MM-DD, place, interviewer, and language\n" +
			"as a language tag such as ko or en-GB."},
		{name: "interview.place", shape: text},
		{name: "interview.interviewer", shape: text},
		{name: "interview.language", shape: text},
	},
	prefixed("witness.", personSpecs, "The witness: key is the organisation's witness code, and it and the name\n"+
		"are required. Repeat the aliases line for each alias. Birth year as\n"+
		"digits. Contact and residence as free text: views hide them wherever a\n"+
		"testimony quotes them."),
	[]spec{
		{name: "consent.research", shape: flag, help: "The consent the witness gave, yes or no; research is required."},
		{name: "consent.publication", shape: flag},
		{name: "consent.legal", shape: flag},
		{name: "sensitivity", shape: text, help: "How sensitive the testimony is: low, medium or high."},
		{name: "tags", shape: list, help: "Tags, and words to redact from the views: one a line, the line\n" +
			"repeated for each."},
		{name: "redact", shape: list},
	},
)

// editablePersonSpecs are the fields of a person's form: what the registry
// keeps of a person, but the key, which names it.
var editablePersonSpecs = personSpecs[1:7]

const personsHelp = `Other persons named in the testimony, numbered from 0, with the
fields of the witness and their relation to the witness:
persons[0].key: TW-0102
persons[0].name: Jang Sunhee
persons[0].relation: cousin`

const testimonyHead = `A testimony for tvault. Fill in the fields between the two --- lines,
where lines starting with # are comments, then write the narrative, in
Markdown, below the second one. Save and quit to store the testimony;
save an empty file to cancel. This file is kept in memory only, and
removed when the editor quits.`

const personHead = `Person %s in tvault's registry. Change the fields between the two ---
lines; repeat the aliases line for each alias. Lines starting with #
are comments. Save and quit to store the change; save an empty file to
cancel. This file is kept in memory only, and removed when the editor
quits.`

func prefixed(prefix string, specs []spec, help string) []spec {
	out := make([]spec, len(specs))
	for i, s := range specs {
		out[i] = spec{name: prefix + s.name, shape: s.shape}
	}
	out[0].help = help
	return out
}

// Testimony returns the form of t, or a blank one for a new testimony if
// t is nil.
func Testimony(t *testimony.Testimony) ([]byte, error) {
	fields := map[string]any{}
	narrative := ""
	if t != nil {
		if err := unmarshal(t.Canonical(), &fields); err != nil {
			return nil, err
		}
		narrative = t.Narrative
		// Canonical JSON leaves out a consent not given; the form says no.
		consent, _ := fields["consent"].(map[string]any)
		for _, c := range []string{"publication", "legal"} {
			if _, ok := consent[c]; !ok && consent != nil {
				consent[c] = false
			}
		}
	}
	var b bytes.Buffer
	comment(&b, testimonyHead)
	b.WriteString("---\n")
	persons, _ := fields["persons"].([]any)
	for _, s := range testimonySpecs {
		if s.name == "consent.research" {
			if err := writePersons(&b, persons); err != nil {
				return nil, err
			}
		}
		if err := writeField(&b, s, lookup(fields, s.name)); err != nil {
			return nil, err
		}
	}
	b.WriteString("---\n")
	if narrative != "" {
		b.WriteString(narrative)
		b.WriteByte('\n')
	}
	// A form that would read back as another testimony would change the
	// record unasked: a field the form does not know, a value with
	// spaces around it, an empty interview.
	if t != nil {
		back, err := parse(b.Bytes(), testimony.ParseStored, nil)
		if err != nil || !bytes.Equal(back.Canonical(), t.Canonical()) {
			return nil, errors.New("the testimony cannot be written as a form that reads back the same (a value with spaces around it, an empty object, or a field forms do not know); edit it as JSON (tvault get, tvault put --replace)")
		}
	}
	return b.Bytes(), nil
}

func writePersons(b *bytes.Buffer, persons []any) error {
	b.WriteString("\n")
	comment(b, personsHelp)
	for i, p := range persons {
		m, _ := p.(map[string]any)
		for _, s := range personSpecs {
			v := m[s.name]
			s.name = fmt.Sprintf("persons[%d].%s", i, s.name)
			if err := writeField(b, s, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// Person returns the form of p, whose key it names but does not let the
// officer change, and whose relation, a testimony's, it leaves out.
func Person(p *testimony.Person) ([]byte, error) {
	fields := map[string]any{}
	data, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if err := unmarshal(data, &fields); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	comment(&b, fmt.Sprintf(personHead, oneLine(p.Key)))
	b.WriteString("---\n")
	for _, s := range editablePersonSpecs {
		if err := writeField(&b, s, fields[s.name]); err != nil {
			return nil, err
		}
	}
	b.WriteString("---\n")
	want := *p
	want.Relation = ""
	if back, err := parsePerson(b.Bytes(), p.Key, testimony.ParseStoredPerson, nil); err != nil || !SamePerson(back, &want) {
		return nil, errors.New("the person cannot be written as a form that reads back the same (a value with spaces around it)")
	}
	return b.Bytes(), nil
}

// SamePerson reports whether a and b hold the same fields, as the import
// format writes them (no aliases and an empty list of them are the same).
func SamePerson(a, b *testimony.Person) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func unmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// lookup returns the value at a dotted path of nested JSON objects.
func lookup(m map[string]any, path string) any {
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		return m[head]
	}
	sub, _ := m[head].(map[string]any)
	return lookup(sub, rest)
}

func comment(b *bytes.Buffer, text string) {
	for _, l := range strings.Split(text, "\n") {
		b.WriteString("# " + l + "\n")
	}
}

// writeField writes the lines of one field, whose value v is as decoded
// from the canonical JSON (nil if absent).
func writeField(b *bytes.Buffer, s spec, v any) error {
	if s.help != "" {
		b.WriteString("\n")
		comment(b, s.help)
	}
	var values []string
	switch v := v.(type) {
	case nil:
		values = []string{""}
	case string:
		values = []string{v}
	case json.Number:
		values = []string{v.String()}
	case bool:
		values = []string{map[bool]string{true: "yes", false: "no"}[v]}
	case []any:
		for _, item := range v {
			s, _ := item.(string)
			values = append(values, s)
		}
		if len(values) == 0 {
			values = []string{""}
		}
	default:
		return fmt.Errorf("field %s: cannot write a %T", s.name, v)
	}
	for _, val := range values {
		if !writable(val) {
			return &Error{Field: s.name, Err: errors.New("holds a line break or another control character, which a form cannot show; edit the record as JSON (tvault get, tvault put --replace)")}
		}
		val = strings.TrimSpace(val)
		if val == "" {
			b.WriteString(s.name + ":\n")
		} else {
			b.WriteString(s.name + ": " + val + "\n")
		}
	}
	return nil
}

// writable reports whether s can be a field's value: no control character
// but tab.
func writable(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f })
}

func oneLine(s string) string {
	if writable(s) {
		return s
	}
	return strconv.Quote(s)
}

// field is a field line of a form.
type field struct {
	name, value string
	line        int
}

// split cuts a form into its field lines and its body; bodyLine is the
// number of the body's first line.
func split(data []byte) (fields []field, body []byte, bodyLine int, err error) {
	if len(data) > testimony.MaxSize {
		return nil, nil, 0, fmt.Errorf("the form is larger than %d MiB", testimony.MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		i := 0
		for r, size := utf8.DecodeRune(data); r != utf8.RuneError || size != 1; r, size = utf8.DecodeRune(data[i:]) {
			i += size
		}
		return nil, nil, 0, lineErr(1+bytes.Count(data[:i], []byte("\n")), "invalid UTF-8")
	}
	if empty(data) {
		return nil, nil, 0, ErrEmpty
	}
	line, open := 0, 0
	rest := data
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case open == 0 && string(l) == "---":
			open = line
		case open == 0 && (len(bytes.TrimSpace(l)) == 0 || l[0] == '#'):
		case open == 0:
			return nil, nil, 0, lineErr(line, "want the line --- that opens the fields, or a comment")
		case string(l) == "---":
			return fields, rest, line + 1, nil
		case len(data)-len(rest) > MaxFields:
			return nil, nil, 0, lineErr(line, "the fields are longer than %d KiB", MaxFields>>10)
		case len(bytes.TrimSpace(l)) == 0 || l[0] == '#':
		default:
			name, value, ok := strings.Cut(string(l), ":")
			if !ok || !validName(name) {
				return nil, nil, 0, lineErr(line, "want a field as name: value, a comment starting with #, or ---")
			}
			if !writable(value) {
				return nil, nil, 0, &Error{Line: line, Field: name, Err: errors.New("control character in the value")}
			}
			fields = append(fields, field{name: name, value: strings.TrimSpace(value), line: line})
		}
	}
	if open == 0 {
		return nil, nil, 0, lineErr(line, "no line --- opens the fields")
	}
	return nil, nil, 0, lineErr(line, "no line --- closes the fields opened on line %d", open)
}

// empty reports whether data holds only blank lines and comments.
func empty(data []byte) bool {
	for _, l := range bytes.Split(data, []byte("\n")) {
		if l = bytes.TrimSpace(l); len(l) > 0 && l[0] != '#' {
			return false
		}
	}
	return true
}

func validName(name string) bool {
	return name != "" && !strings.ContainsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '[' || r == ']')
	})
}

// object collects the fields of a form into the JSON object of the import
// format, and remembers the line of each field for errors.
type object struct {
	root  map[string]any
	lines map[string]int // field path, as package testimony names it, to line
}

func newObject() *object {
	return &object{root: map[string]any{}, lines: map[string]int{}}
}

// set adds field f of shape s at path (dotted) in m.
func (o *object) set(m map[string]any, path string, s shape, f field) error {
	head, rest, nested := strings.Cut(path, ".")
	if nested {
		sub, ok := m[head].(map[string]any)
		if !ok {
			sub = map[string]any{}
		}
		if err := o.set(sub, rest, s, f); err != nil {
			return err
		}
		// An object whose fields are all empty is left out, as they are.
		if len(sub) > 0 {
			m[head] = sub
		}
		return nil
	}
	if s == list {
		if f.value == "" {
			return nil
		}
		items, _ := m[head].([]string)
		o.lines[fmt.Sprintf("%s[%d]", f.name, len(items))] = f.line
		m[head] = append(items, f.value)
		return nil
	}
	if _, dup := o.lines[f.name]; dup {
		return &Error{Line: f.line, Field: f.name, Err: fmt.Errorf("given again (first on line %d)", o.lines[f.name])}
	}
	o.lines[f.name] = f.line
	if f.value == "" {
		return nil
	}
	switch s {
	case flag:
		switch f.value {
		case "yes", "true":
			m[head] = true
		case "no", "false":
			m[head] = false
		default:
			return &Error{Line: f.line, Field: f.name, Err: fmt.Errorf("want yes or no, got %q", f.value)}
		}
	case year:
		if !canonicalNumber(f.value) {
			return &Error{Line: f.line, Field: f.name, Err: fmt.Errorf("want a year such as 1987, got %q", f.value)}
		}
		m[head] = json.Number(f.value)
	default:
		m[head] = f.value
	}
	return nil
}

// check has package testimony parse the collected object o with parse,
// runs checks on the result, and names the line of the field that either
// rejects (a *testimony.ParseError's).
func check[T any](o *object, parse func(data []byte) (T, error), checks []func(T) error) (T, error) {
	var zero T
	data, err := json.Marshal(o.root)
	if err != nil {
		return zero, err
	}
	v, err := parse(data)
	for _, c := range checks {
		if err != nil {
			break
		}
		err = c(v)
	}
	var pe *testimony.ParseError
	if errors.As(err, &pe) {
		return zero, &Error{Line: o.lines[pe.Field], Field: pe.Field, Err: pe.Err}
	}
	if err != nil {
		return zero, err
	}
	return v, nil
}

// Parse parses a testimony's form, a new version's (testimony.ParseBytes).
// Each of checks, if any, then checks the testimony; a
// *testimony.ParseError it returns is given the line of its field, as
// package testimony's own are.
func Parse(data []byte, checks ...func(*testimony.Testimony) error) (*testimony.Testimony, error) {
	return parse(data, testimony.ParseBytes, checks)
}

// parse is Parse with the testimony parser parseJSON: ParseBytes, or
// ParseStored for a form written of a stored version.
func parse(data []byte, parseJSON func(name string, data []byte) (*testimony.Testimony, error), checks []func(*testimony.Testimony) error) (*testimony.Testimony, error) {
	fields, body, bodyLine, err := split(data)
	if err != nil {
		return nil, err
	}
	o := newObject()
	var persons []any
	for _, f := range fields {
		s, ok := find(testimonySpecs, f.name)
		if ok {
			if err := o.set(o.root, f.name, s.shape, f); err != nil {
				return nil, err
			}
			continue
		}
		n, rest, ok := personField(f.name)
		if !ok {
			return nil, &Error{Line: f.line, Field: f.name, Err: errors.New("unknown field")}
		}
		if s, ok = find(personSpecs, rest); !ok {
			return nil, &Error{Line: f.line, Field: f.name, Err: errors.New("unknown field")}
		}
		switch {
		case n > len(persons):
			return nil, &Error{Line: f.line, Field: f.name, Err: fmt.Errorf("persons[%d] comes before persons[%d]: number persons from 0 without gaps", n, len(persons))}
		case n == len(persons):
			persons = append(persons, map[string]any{})
		}
		if err := o.set(persons[n].(map[string]any), rest, s.shape, f); err != nil {
			return nil, err
		}
	}
	if len(persons) > 0 {
		o.root["persons"] = persons
	}
	narrative := string(bytes.TrimSuffix(body, []byte("\n")))
	if narrative != "" {
		o.root["narrative"] = narrative
	}
	o.lines["narrative"] = bodyLine
	return check(o, func(data []byte) (*testimony.Testimony, error) { return parseJSON("form", data) }, checks)
}

// ParsePerson parses the form of the person registered under key, as a
// change to be stored (testimony.ParsePerson), and runs checks on it as
// Parse does.
func ParsePerson(data []byte, key string, checks ...func(*testimony.Person) error) (*testimony.Person, error) {
	return parsePerson(data, key, testimony.ParsePerson, checks)
}

// parsePerson is ParsePerson with the person parser parseJSON:
// testimony.ParsePerson, or ParseStoredPerson for a form written of a
// person as stored.
func parsePerson(data []byte, key string, parseJSON func(name string, data []byte) (*testimony.Person, error), checks []func(*testimony.Person) error) (*testimony.Person, error) {
	fields, body, bodyLine, err := split(data)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) > 0 {
		return nil, lineErr(bodyLine, "a person's form ends with its fields: nothing may follow the second ---")
	}
	o := newObject()
	o.root["key"] = key
	for _, f := range fields {
		s, ok := find(editablePersonSpecs, f.name)
		if !ok {
			return nil, &Error{Line: f.line, Field: f.name, Err: errors.New("unknown field")}
		}
		if err := o.set(o.root, f.name, s.shape, f); err != nil {
			return nil, err
		}
	}
	return check(o, func(data []byte) (*testimony.Person, error) { return parseJSON("form", data) }, checks)
}

func find(specs []spec, name string) (spec, bool) {
	for _, s := range specs {
		if s.name == name {
			return s, true
		}
	}
	return spec{}, false
}

// personField parses "persons[N].rest".
func personField(name string) (n int, rest string, ok bool) {
	num, rest, ok := strings.Cut(strings.TrimPrefix(name, "persons["), "].")
	if !ok || !strings.HasPrefix(name, "persons[") || !canonicalNumber(num) {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	return n, rest, err == nil
}

// canonicalNumber reports whether s is 1 to 4 decimal digits without a
// leading zero: a year, or the number of a person.
func canonicalNumber(s string) bool {
	return s != "" && len(s) <= 4 && (s == "0" || s[0] != '0') &&
		!strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// WithError returns the form data with err written at its top as
// comments, in place of the error an earlier WithError wrote there, for
// the officer to fix and save again.
func WithError(data []byte, err error) []byte {
	for bytes.HasPrefix(data, []byte(errorPrefix)) {
		_, data, _ = bytes.Cut(data, []byte("\n"))
	}
	var b bytes.Buffer
	for _, l := range strings.Split("error: "+err.Error(), "\n") {
		b.WriteString(errorPrefix + strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' || r == 0x7f {
				return '?'
			}
			return r
		}, l) + "\n")
	}
	b.WriteString(errorPrefix + "Correct the form and save it again, or save an empty file to cancel.\n")
	b.Write(data)
	return b.Bytes()
}

// errorPrefix begins the comment lines WithError writes.
const errorPrefix = "#! "
