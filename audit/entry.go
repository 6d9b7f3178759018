package audit

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits of the entry encoding.
const (
	// MaxEntrySize bounds an encoded entry.
	MaxEntrySize = 64 << 10
	// MaxValueSize bounds each text value of an entry, before escaping.
	MaxValueSize = 4 << 10
	// maxTokenSize bounds action, role, transport and attribute keys.
	maxTokenSize = 64
)

// Outcome is how an audited operation ended.
type Outcome string

// The outcomes an entry may record.
const (
	OutcomeOK     Outcome = "ok"
	OutcomeDenied Outcome = "denied"
	OutcomeError  Outcome = "error"
)

// An Attr is an extra named value of an entry, such as count=3.
type Attr struct {
	Key, Value string
}

// An Entry records one access to a vault. See the package documentation for
// its encoding and for which fields hold which values.
type Entry struct {
	Seq       uint64    // position in the log, assigned by Append
	Time      time.Time // UTC, microsecond precision
	Actor     string    // user name, or "local" for the vault's own operator
	Role      string    // the actor's role; empty if unknown (a failed login)
	Action    string    // what was asked, e.g. "get", "export-raw", "audit.verify"
	Targets   []string  // record IDs and similar; never names or search terms
	Purpose   string    // stated reason, may be empty
	Outcome   Outcome
	RequestID string
	Transport string // "local", "unix" or "https"
	Attrs     []Attr // sorted by key, keys unique; see SetAttr
}

// Attr returns the value of the attribute key, or "" if e has none.
func (e *Entry) Attr(key string) string {
	for _, a := range e.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// SetAttr sets the attribute key to value, keeping Attrs sorted.
func (e *Entry) SetAttr(key, value string) {
	i, found := slices.BinarySearchFunc(e.Attrs, key, func(a Attr, k string) int { return strings.Compare(a.Key, k) })
	if found {
		e.Attrs[i].Value = value
		return
	}
	e.Attrs = slices.Insert(e.Attrs, i, Attr{key, value})
}

// timeLayout has a fixed number of fractional digits so that each instant
// has one encoding.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Field names in their fixed order. target and attr repeat.
const (
	fSeq       = "seq"
	fTime      = "time"
	fActor     = "actor"
	fRole      = "role"
	fTransport = "transport"
	fRequest   = "request"
	fAction    = "action"
	fTarget    = "target"
	fPurpose   = "purpose"
	fOutcome   = "outcome"
	fAttr      = "attr"
)

// MarshalText returns the canonical encoding of e. It fails if a field is
// out of its domain: a value that is not valid UTF-8 or longer than
// MaxValueSize, a time that is not UTC with microsecond precision, attributes
// out of order, or an encoding longer than MaxEntrySize.
func (e *Entry) MarshalText() ([]byte, error) {
	if err := e.check(); err != nil {
		return nil, fmt.Errorf("invalid audit entry: %w", err)
	}
	b := make([]byte, 0, 256)
	b = append(b, fSeq+" "...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, "\n"+fTime+" "...)
	b = e.Time.AppendFormat(b, timeLayout)
	b = appendField(b, fActor, e.Actor)
	b = appendField(b, fRole, e.Role)
	b = appendField(b, fTransport, e.Transport)
	b = appendField(b, fRequest, e.RequestID)
	b = appendField(b, fAction, e.Action)
	for _, t := range e.Targets {
		b = appendField(b, fTarget, t)
	}
	b = appendField(b, fPurpose, e.Purpose)
	b = appendField(b, fOutcome, string(e.Outcome))
	for _, a := range e.Attrs {
		b = append(b, "\n"+fAttr+" "...)
		b = append(b, a.Key...)
		b = append(b, ' ')
		b = appendValue(b, a.Value)
	}
	b = append(b, '\n')
	if len(b) > MaxEntrySize {
		return nil, fmt.Errorf("invalid audit entry: encoding is %d bytes, more than %d", len(b), MaxEntrySize)
	}
	return b, nil
}

func appendField(b []byte, name, value string) []byte {
	b = append(b, '\n')
	b = append(b, name...)
	b = append(b, ' ')
	return appendValue(b, value)
}

func (e *Entry) check() error {
	switch {
	case e.Seq > math.MaxInt64:
		return errors.New("seq out of range")
	case e.Time.IsZero():
		return errors.New("missing time")
	case e.Time.Location() != time.UTC:
		return errors.New("time is not UTC")
	case e.Time.Nanosecond()%1000 != 0:
		return errors.New("time is more precise than a microsecond")
	case e.Time.Year() < 1 || e.Time.Year() > 9999:
		return errors.New("time out of range")
	}
	if err := checkText(fActor, e.Actor, false); err != nil {
		return err
	}
	if e.Role != "" {
		if err := checkToken(fRole, e.Role); err != nil {
			return err
		}
	}
	if err := checkToken(fTransport, e.Transport); err != nil {
		return err
	}
	if err := checkText(fRequest, e.RequestID, true); err != nil {
		return err
	}
	if err := checkToken(fAction, e.Action); err != nil {
		return err
	}
	for _, t := range e.Targets {
		if err := checkText(fTarget, t, false); err != nil {
			return err
		}
	}
	if err := checkText(fPurpose, e.Purpose, true); err != nil {
		return err
	}
	switch e.Outcome {
	case OutcomeOK, OutcomeDenied, OutcomeError:
	default:
		return fmt.Errorf("unknown outcome %.24q", e.Outcome)
	}
	for i, a := range e.Attrs {
		if err := checkToken("attr key", a.Key); err != nil {
			return err
		}
		if i > 0 && e.Attrs[i-1].Key >= a.Key {
			return fmt.Errorf("attr %q: keys not sorted or repeated", a.Key)
		}
		// The field's name is only built for the error: this runs for
		// every attribute of every entry a verification reads.
		if checkText("", a.Value, true) != nil {
			return checkText("attr "+a.Key, a.Value, true)
		}
	}
	return nil
}

func checkText(name, v string, emptyOK bool) error {
	switch {
	case v == "" && !emptyOK:
		return fmt.Errorf("missing %s", name)
	case len(v) > MaxValueSize:
		return fmt.Errorf("%s is %d bytes, more than %d", name, len(v), MaxValueSize)
	case !utf8.ValidString(v):
		return fmt.Errorf("%s is not valid UTF-8", name)
	}
	return nil
}

// checkToken accepts the short lowercase words used for actions, roles,
// transports and attribute keys: [a-z0-9] followed by [a-z0-9._-].
func checkToken(name, v string) error {
	if v == "" {
		return fmt.Errorf("missing %s", name)
	}
	if !isToken(v) {
		return fmt.Errorf("%s %.24q is not a token", name, v)
	}
	return nil
}

func isToken(v string) bool {
	if v == "" || len(v) > maxTokenSize {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-') {
			continue
		}
		return false
	}
	return true
}

// mustEscape reports whether r is written as %XX bytes: controls, '%', and
// the invisible characters that break lines or reorder text on screen, so
// that an auditor sees every value as it is. The set is fixed, not taken
// from Unicode tables, so that the encoding never changes.
func mustEscape(r rune) bool {
	switch {
	case r < 0x20, r == '%', r == 0x7f,
		0x80 <= r && r <= 0x9f,     // C1 controls
		r == 0x061c,                // Arabic letter mark
		0x200b <= r && r <= 0x200f, // zero-width space, joiners, direction marks
		0x2028 <= r && r <= 0x202e, // line and paragraph separators, embeddings
		0x2066 <= r && r <= 0x2069, // isolates
		r == 0xfeff:                // zero-width no-break space
		return true
	}
	return false
}

const upperHex = "0123456789ABCDEF"

// plain reports whether v is printable ASCII without '%' or an outer
// space, which encodes as itself: the common case, kept fast for verifying
// long logs.
func plain[T string | []byte](v T) bool {
	if len(v) > 0 && (v[0] == ' ' || v[len(v)-1] == ' ') {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '%' {
			return false
		}
	}
	return true
}

func appendValue(b []byte, v string) []byte {
	if plain(v) {
		return append(b, v...)
	}
	for i, r := range v {
		// A space is escaped first and last, where it would not show.
		if !mustEscape(r) && !(r == ' ' && (i == 0 || i == len(v)-1)) {
			b = utf8.AppendRune(b, r)
			continue
		}
		for j := range utf8.RuneLen(r) {
			c := v[i+j]
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b
}

var errBadValue = errors.New("value is not canonically escaped")

func parseValue(b []byte) (string, error) {
	if plain(b) {
		return string(b), nil
	}
	d := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '%' {
			d = append(d, b[i])
			continue
		}
		if i+2 >= len(b) {
			return "", errBadValue
		}
		hi, lo := strings.IndexByte(upperHex, b[i+1]), strings.IndexByte(upperHex, b[i+2])
		if hi < 0 || lo < 0 {
			return "", errBadValue
		}
		d = append(d, byte(hi<<4|lo))
		i += 2
	}
	if !utf8.Valid(d) {
		return "", errBadValue
	}
	// Decoding accepts more than appendValue produces (a raw control
	// character, an escaped letter); only the one canonical form passes.
	if !bytes.Equal(appendValue(nil, string(d)), b) {
		return "", errBadValue
	}
	return string(d), nil
}

// An entryParser walks the lines of an encoded entry.
type entryParser struct {
	rest []byte
	line int
}

// field returns the value of the next line, which must be named name.
func (p *entryParser) field(name string) ([]byte, error) {
	if len(p.rest) == 0 {
		return nil, fmt.Errorf("missing %s", name)
	}
	i := bytes.IndexByte(p.rest, '\n')
	if i < 0 {
		return nil, fmt.Errorf("line %d: missing final newline", p.line+1)
	}
	line := p.rest[:i]
	got, v, ok := bytes.Cut(line, []byte(" "))
	if !ok || string(got) != name {
		return nil, p.wrongField(line, name)
	}
	p.rest = p.rest[i+1:]
	p.line++
	return v, nil
}

// peek reports whether the next line is named name.
func (p *entryParser) peek(name string) bool {
	return len(p.rest) > len(name) && string(p.rest[:len(name)]) == name && p.rest[len(name)] == ' '
}

var fieldOrder = []string{fSeq, fTime, fActor, fRole, fTransport, fRequest, fAction, fTarget, fPurpose, fOutcome, fAttr}

// wrongField says why line is not the field want that was due. Every field
// before want has been seen, once, except target, which may be absent.
func (p *entryParser) wrongField(line []byte, want string) error {
	got, _, ok := bytes.Cut(line, []byte(" "))
	gi, wi := slices.Index(fieldOrder, string(got)), slices.Index(fieldOrder, want)
	switch {
	case gi < 0:
		return fmt.Errorf("line %d: unknown field %.24q", p.line+1, got)
	case !ok:
		return fmt.Errorf("line %d: %s without a value", p.line+1, got)
	case gi < wi && string(got) != fTarget:
		return fmt.Errorf("line %d: repeated field %s", p.line+1, got)
	case gi < wi:
		return fmt.Errorf("line %d: field %s out of order", p.line+1, got)
	default:
		return fmt.Errorf("line %d: missing %s (found %s)", p.line+1, want, got)
	}
}

// ParseEntry parses the canonical encoding of an entry. It accepts exactly
// the outputs of MarshalText: unknown, missing, repeated or reordered
// fields, non-canonical numbers, times or escapes, and trailing data are
// errors. An entry without targets or attributes has nil Targets or Attrs.
func ParseEntry(b []byte) (*Entry, error) {
	e, err := parseEntry(b)
	if err != nil {
		return nil, fmt.Errorf("malformed audit entry: %w", err)
	}
	return e, nil
}

func parseEntry(b []byte) (*Entry, error) {
	if len(b) > MaxEntrySize {
		return nil, fmt.Errorf("%d bytes, more than %d", len(b), MaxEntrySize)
	}
	p := &entryParser{rest: b}
	e := new(Entry)

	v, err := p.field(fSeq)
	if err != nil {
		return nil, err
	}
	// The canonical forms are written to buffers on the stack: a
	// verification parses every entry of the log, and its garbage is what
	// a daemon's collector (GOGC 25, internal/gcpace) spends the most on.
	var canon [len(timeLayout)]byte
	if e.Seq, err = strconv.ParseUint(string(v), 10, 63); err != nil || string(strconv.AppendUint(canon[:0], e.Seq, 10)) != string(v) {
		return nil, fmt.Errorf("seq %.24q is not a canonical number", v)
	}
	if v, err = p.field(fTime); err != nil {
		return nil, err
	}
	if e.Time, err = time.Parse(timeLayout, string(v)); err != nil || e.Time.IsZero() || string(e.Time.AppendFormat(canon[:0], timeLayout)) != string(v) {
		return nil, fmt.Errorf("time %.32q is not canonical", v)
	}
	text := func(name string, dst *string) error {
		v, err := p.field(name)
		if err != nil {
			return err
		}
		if *dst, err = parseValue(v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	if err := text(fActor, &e.Actor); err != nil {
		return nil, err
	}
	if err := text(fRole, &e.Role); err != nil {
		return nil, err
	}
	if err := text(fTransport, &e.Transport); err != nil {
		return nil, err
	}
	if err := text(fRequest, &e.RequestID); err != nil {
		return nil, err
	}
	if err := text(fAction, &e.Action); err != nil {
		return nil, err
	}
	for p.peek(fTarget) {
		var t string
		if err := text(fTarget, &t); err != nil {
			return nil, err
		}
		e.Targets = append(e.Targets, t)
	}
	if err := text(fPurpose, &e.Purpose); err != nil {
		return nil, err
	}
	var outcome string
	if err := text(fOutcome, &outcome); err != nil {
		return nil, err
	}
	e.Outcome = Outcome(outcome)
	for len(p.rest) > 0 {
		v, err := p.field(fAttr)
		if err != nil {
			return nil, err
		}
		key, val, ok := bytes.Cut(v, []byte(" "))
		if !ok || !isToken(string(key)) {
			return nil, fmt.Errorf("line %d: malformed attr", p.line)
		}
		a := Attr{Key: string(key)}
		if a.Value, err = parseValue(val); err != nil {
			return nil, fmt.Errorf("attr %s: %w", key, err)
		}
		e.Attrs = append(e.Attrs, a)
	}
	// The values parsed; check their domains with the same rules as
	// MarshalText, so that both accept the same entries.
	if err := e.check(); err != nil {
		return nil, err
	}
	return e, nil
}

// MACValue returns the keyed MAC that stands in an entry for a value that
// could identify a person (a name, a search term, a file name): HMAC-SHA-256
// under key of the value's Unicode NFC form, so that the same text typed
// with composed or decomposed characters gives the same MAC. The result is
// "hmac:" followed by the first 16 bytes of the MAC in unpadded base64url.
//
// key is the vault's audit MAC key. Whoever holds it can test a guess
// against a MAC (tvault audit hash VALUE); an auditor without it learns
// only whether two entries name the same value.
func MACValue(key []byte, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write(norm.NFC.Bytes([]byte(value)))
	return "hmac:" + base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}
