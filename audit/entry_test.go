package audit

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func goldenEntries() []struct {
	name string
	e    *Entry
} {
	full := &Entry{
		Seq: 7, Time: t0, Actor: "kim.officer", Role: "officer", Transport: "unix", RequestID: "7f3a9c",
		Action: "export-raw", Targets: []string{"3f2a9b", "77c0de"}, Purpose: "asylum hearing preparation",
		Outcome: OutcomeOK,
	}
	full.SetAttr("term", MACValue([]byte("audit key"), "Park Minji"))
	full.SetAttr("count", "2")
	full.SetAttr("policy", "sha256:0d1f")
	return []struct {
		name string
		e    *Entry
	}{
		{"minimal", &Entry{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Actor: "local", Transport: "local", Action: "init", Outcome: OutcomeOK}},
		{"full", full},
		{"denied remote", &Entry{Seq: 1 << 40, Time: t0, Actor: "unknown-user", Transport: "https", RequestID: "r1",
			Action: "get", Targets: []string{"rec 1"}, Outcome: OutcomeDenied}},
		{"escapes", &Entry{Seq: math.MaxInt64, Time: t0, Actor: "ali\nce\u202egnp.exe", Role: "researcher", Transport: "unix",
			Action: "search", Purpose: "탈북자 면담 100%\t\u0085\u200b\ufeff ok 🙂", Outcome: OutcomeError,
			Attrs: []Attr{{"empty", ""}, {"note", " spaced  out "}}}},
	}
}

func TestEntryGolden(t *testing.T) {
	var all bytes.Buffer
	for _, tt := range goldenEntries() {
		b, err := tt.e.MarshalText()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		all.WriteString("# " + tt.name + "\n")
		all.Write(b)
		got, err := ParseEntry(b)
		if err != nil {
			t.Fatalf("%s: ParseEntry: %v\n%s", tt.name, err, b)
		}
		if !reflect.DeepEqual(got, tt.e) {
			t.Errorf("%s: round trip changed the entry:\n got %#v\nwant %#v", tt.name, got, tt.e)
		}
	}
	golden(t, "entries.golden", all.Bytes())
}

func TestMarshalRejects(t *testing.T) {
	tests := map[string]func(e *Entry){
		"seq beyond int64":        func(e *Entry) { e.Seq = math.MaxInt64 + 1 },
		"zero time":               func(e *Entry) { e.Time = time.Time{} },
		"local time":              func(e *Entry) { e.Time = t0.In(time.FixedZone("KST", 9*3600)) },
		"UTC-named zone":          func(e *Entry) { e.Time = t0.In(time.FixedZone("UTC", 0)) },
		"nanoseconds":             func(e *Entry) { e.Time = t0.Add(1) },
		"year 10000":              func(e *Entry) { e.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"year 0":                  func(e *Entry) { e.Time = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) },
		"empty actor":             func(e *Entry) { e.Actor = "" },
		"invalid UTF-8 actor":     func(e *Entry) { e.Actor = "kim\xff" },
		"long purpose":            func(e *Entry) { e.Purpose = strings.Repeat("x", MaxValueSize+1) },
		"uppercase role":          func(e *Entry) { e.Role = "Officer" },
		"empty action":            func(e *Entry) { e.Action = "" },
		"action with space":       func(e *Entry) { e.Action = "get all" },
		"action starting with -":  func(e *Entry) { e.Action = "-get" },
		"long action":             func(e *Entry) { e.Action = strings.Repeat("a", maxTokenSize+1) },
		"empty transport":         func(e *Entry) { e.Transport = "" },
		"empty target":            func(e *Entry) { e.Targets = []string{"a", ""} },
		"unknown outcome":         func(e *Entry) { e.Outcome = "maybe" },
		"empty outcome":           func(e *Entry) { e.Outcome = "" },
		"unsorted attrs":          func(e *Entry) { e.Attrs = []Attr{{"b", "1"}, {"a", "2"}} },
		"repeated attr":           func(e *Entry) { e.Attrs = []Attr{{"a", "1"}, {"a", "2"}} },
		"attr key with space":     func(e *Entry) { e.Attrs = []Attr{{"a b", "1"}} },
		"invalid UTF-8 attr":      func(e *Entry) { e.Attrs = []Attr{{"a", "\xc3"}} },
		"encoding over 64 KiB":    func(e *Entry) { e.Targets = strings.Split(strings.Repeat(strings.Repeat("t", 1000)+",", 70), ",")[:70] },
		"escapes over 64 KiB":     func(e *Entry) { e.Targets = strings.Split(strings.Repeat(strings.Repeat("\n", 4000)+",", 6), ",")[:6] },
		"request ID invalid utf8": func(e *Entry) { e.RequestID = "\xed\xa0\x80" },
	}
	for name, mutate := range tests {
		e := testEntry(2)
		if _, err := e.MarshalText(); err != nil {
			t.Fatal(err)
		}
		mutate(e)
		if b, err := e.MarshalText(); err == nil {
			t.Errorf("%s: MarshalText accepted it:\n%s", name, b)
		}
	}
}

func TestParseRejects(t *testing.T) {
	good, err := goldenEntries()[1].e.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	g := string(good)
	lines := strings.SplitAfter(g, "\n")
	lines = lines[:len(lines)-1] // the empty string after the final newline
	without := func(i int) string { return strings.Join(append(lines[:i:i], lines[i+1:]...), "") }
	swap := func(i, j int) string {
		l := append([]string(nil), lines...)
		l[i], l[j] = l[j], l[i]
		return strings.Join(l, "")
	}
	repl := func(old, new string) string {
		if !strings.Contains(g, old) {
			t.Fatalf("%q not in the entry", old)
		}
		return strings.Replace(g, old, new, 1)
	}
	tests := map[string]string{
		"empty":                     "",
		"unknown field":             g + "colour blue\n",
		"unknown field in middle":   repl("role officer\n", "role officer\nmood calm\n"),
		"missing seq":               without(0),
		"missing time":              without(1),
		"missing actor":             without(2),
		"missing outcome":           repl("outcome ok\n", ""),
		"missing purpose":           repl("purpose asylum hearing preparation\n", ""),
		"repeated seq":              lines[0] + g,
		"repeated actor":            repl("actor kim.officer\n", "actor kim.officer\nactor kim.officer\n"),
		"repeated attr key":         repl("attr count 2\n", "attr count 2\nattr count 3\n"),
		"swapped actor and role":    swap(2, 3),
		"unsorted attrs":            swap(len(lines)-1, len(lines)-2),
		"target after purpose":      repl("purpose asylum hearing preparation\n", "purpose asylum hearing preparation\ntarget x\n"),
		"attr before outcome":       repl("outcome ok\n", "attr a 1\noutcome ok\n"),
		"seq leading zero":          repl("seq 7\n", "seq 07\n"),
		"seq plus":                  repl("seq 7\n", "seq +7\n"),
		"seq negative":              repl("seq 7\n", "seq -7\n"),
		"seq 2^63":                  repl("seq 7\n", "seq 9223372036854775808\n"),
		"seq hex":                   repl("seq 7\n", "seq 0x7\n"),
		"time without fraction":     repl("09:30:00.123456Z", "09:30:00Z"),
		"time with nanoseconds":     repl("09:30:00.123456Z", "09:30:00.123456000Z"),
		"time with offset":          repl("09:30:00.123456Z", "09:30:00.123456+00:00"),
		"time lowercase z":          repl("09:30:00.123456Z", "09:30:00.123456z"),
		"time lowercase t":          repl("2026-03-01T", "2026-03-01t"),
		"time 31 February":          repl("2026-03-01T", "2026-02-31T"),
		"time leap second":          repl("09:30:00.", "23:59:60."),
		"zero time":                 repl("2026-03-01T09:30:00.123456Z", "0001-01-01T00:00:00.000000Z"),
		"missing final newline":     strings.TrimSuffix(g, "\n"),
		"trailing blank line":       g + "\n",
		"trailing data":             g + "x",
		"CRLF":                      strings.ReplaceAll(g, "\n", "\r\n"),
		"double space":              repl("actor ", "actor  "),
		"raw trailing space":        repl("actor kim.officer", "actor kim.officer "),
		"escaped inner space":       repl("asylum hearing", "asylum%20hearing"),
		"no space":                  repl("role officer", "role"),
		"tab separator":             repl("actor ", "actor\t"),
		"escaped plain letter":      repl("kim.officer", "%6Bim.officer"),
		"lowercase hex escape":      repl("actor kim.officer", "actor kim%0aofficer"),
		"raw control char":          repl("kim.officer", "kim\x01officer"),
		"raw DEL":                   repl("kim.officer", "kim\x7fofficer"),
		"raw percent":               repl("kim.officer", "kim%officer"),
		"truncated escape":          repl("actor kim.officer", "actor kim%0"),
		"escaped invalid UTF-8":     repl("kim.officer", "kim%FF"),
		"raw invalid UTF-8":         repl("kim.officer", "kim\xffofficer"),
		"raw RTL override":          repl("kim.officer", "kim\u202eofficer"),
		"raw C1 control":            repl("kim.officer", "kim\u0085officer"),
		"escaped non-ASCII letter":  repl("kim.officer", "%C3%A9"),
		"empty actor":               repl("actor kim.officer", "actor "),
		"empty target":              repl("target 3f2a9b", "target "),
		"unknown outcome":           repl("outcome ok", "outcome fine"),
		"escaped outcome":           repl("outcome ok", "outcome %6Fk"),
		"uppercase action":          repl("action export-raw", "action EXPORT-RAW"),
		"attr without value":        repl("attr count 2", "attr count"),
		"attr key not a token":      repl("attr count 2", "attr Count 2"),
		"empty attr key":            repl("attr count 2", "attr  2"),
		"over 64 KiB":               g + "attr zz " + strings.Repeat("x", MaxEntrySize) + "\n",
		"value over MaxValueSize":   repl("purpose asylum hearing preparation", "purpose "+strings.Repeat("%0A", MaxValueSize+1)),
		"field name only":           repl("purpose asylum hearing preparation\n", "purpose\n"),
		"field name with uppercase": repl("actor ", "Actor "),
	}
	for name, in := range tests {
		if e, err := ParseEntry([]byte(in)); err == nil {
			t.Errorf("%s: ParseEntry accepted it: %+v", name, e)
		} else if !strings.HasPrefix(err.Error(), "malformed audit entry: ") {
			t.Errorf("%s: error %q does not say what failed", name, err)
		}
	}
}

// TestParseErrorMessages checks that the errors say what is wrong.
func TestParseErrorMessages(t *testing.T) {
	good, _ := goldenEntries()[0].e.MarshalText()
	g := string(good)
	tests := []struct{ in, want string }{
		{strings.Replace(g, "role \n", "", 1), "line 4: missing role (found transport)"},
		{strings.Replace(g, "role \n", "role \nrole \n", 1), "line 5: repeated field role"},
		{g + "colour blue\n", `line 10: unknown field "colour"`},
		{strings.Replace(g, "purpose \n", "purpose \ntarget x\n", 1), "line 9: field target out of order"},
		{strings.TrimSuffix(g, "\n"), "missing final newline"},
		{strings.Replace(g, "seq 0", "seq 00", 1), `seq "00" is not a canonical number`},
	}
	for _, tt := range tests {
		_, err := ParseEntry([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseEntry(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

func TestSetAttr(t *testing.T) {
	var e Entry
	for _, kv := range [][2]string{{"m", "1"}, {"a", "2"}, {"z", "3"}, {"m", "4"}, {"b", "5"}} {
		e.SetAttr(kv[0], kv[1])
	}
	want := []Attr{{"a", "2"}, {"b", "5"}, {"m", "4"}, {"z", "3"}}
	if !reflect.DeepEqual(e.Attrs, want) {
		t.Errorf("Attrs = %v, want %v", e.Attrs, want)
	}
}

func TestMACValue(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	m := hmac.New(sha256.New, key)
	m.Write([]byte("Kim Eunju"))
	want := "hmac:" + base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
	if got := MACValue(key, "Kim Eunju"); got != want {
		t.Errorf("MACValue = %s, want %s", got, want)
	}
	if len(want) != len("hmac:")+22 {
		t.Errorf("MAC %q is not 16 bytes in base64url", want)
	}
	// Composed and decomposed forms of the same text are the same value.
	if a, b := MACValue(key, "Jos\u00e9"), MACValue(key, "Jose\u0301"); a != b {
		t.Errorf("NFC forms differ: %s, %s", a, b)
	}
	if a, b := MACValue(key, "Kim"), MACValue(key, "kim"); a == b {
		t.Error("MACValue folds case; it is specified not to")
	}
	if a, b := MACValue(key, "Kim"), MACValue([]byte("another key"), "Kim"); a == b {
		t.Error("MACValue does not depend on the key")
	}
	// The MAC is a valid entry value, with no escapes.
	if !plain(want) {
		t.Errorf("MAC %q needs escaping", want)
	}
}

func FuzzParseEntry(f *testing.F) {
	for _, tt := range goldenEntries() {
		b, _ := tt.e.MarshalText()
		f.Add(b)
	}
	f.Add([]byte("seq 0\ntime 2026-01-01T00:00:00.000000Z\nactor a\nrole \ntransport t\nrequest \naction a\npurpose \noutcome ok\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseEntry(b)
		if err != nil {
			return
		}
		b2, err := e.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText of a parsed entry: %v\n%q", err, b)
		}
		if !bytes.Equal(b, b2) {
			t.Fatalf("accepted a non-canonical encoding:\n%q\ncanonical:\n%q", b, b2)
		}
		e2, err := ParseEntry(b2)
		if err != nil || !reflect.DeepEqual(e, e2) {
			t.Fatalf("round trip: %v\n%#v\n%#v", err, e, e2)
		}
	})
}

// FuzzMarshalEntry checks the other direction: every entry MarshalText
// accepts parses back to itself.
func FuzzMarshalEntry(f *testing.F) {
	f.Add(uint64(3), int64(1772357400123456), "kim", "officer", "get", "rec-1", "why\n%", "ok", "r", "unix", "k", "v\u202e")
	f.Fuzz(func(t *testing.T, seq uint64, usec int64, actor, role, action, target, purpose, outcome, req, transport, k, v string) {
		e := &Entry{Seq: seq, Time: time.UnixMicro(usec).UTC(), Actor: actor, Role: role, Action: action,
			Targets: []string{target}, Purpose: purpose, Outcome: Outcome(outcome), RequestID: req,
			Transport: transport, Attrs: []Attr{{k, v}}}
		b, err := e.MarshalText()
		if err != nil {
			return
		}
		got, err := ParseEntry(b)
		if err != nil {
			t.Fatalf("ParseEntry(MarshalText()) = %v\n%q", err, b)
		}
		if !reflect.DeepEqual(got, e) {
			t.Fatalf("round trip changed the entry:\n got %#v\nwant %#v", got, e)
		}
		if bytes.ContainsFunc(b, func(r rune) bool { return r != '\n' && r != '%' && mustEscape(r) }) {
			t.Fatalf("encoding holds a character that must be escaped: %q", b)
		}
	})
}
