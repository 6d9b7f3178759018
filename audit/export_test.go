package audit

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

func TestExportGolden(t *testing.T) {
	s := newLog(t, 3)
	b := export(t, s)
	golden(t, "export.golden", b)
	rep, err := VerifyExport(bytes.NewReader(b), testVKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, 3) })
	if rep.Size != 3 || rep.Root != root || rep.Origin != testOrigin || rep.CheckpointSize != 3 {
		t.Errorf("report %+v", rep)
	}
}

// splitExport cuts an export into its start (header and checkpoint) and its
// entry blocks, without the parser under test. No entry or checkpoint line
// begins with "entry ".
func splitExport(b []byte) (head string, entries []string) {
	s := string(b)
	parts := strings.SplitAfter(s, "\n")
	var cur *string
	head = ""
	cur = &head
	for _, p := range parts {
		if strings.HasPrefix(p, "entry ") {
			entries = append(entries, "")
			cur = &entries[len(entries)-1]
		}
		*cur += p
	}
	return head, entries
}

func join(head string, entries []string) []byte {
	return []byte(head + strings.Join(entries, ""))
}

// replaceCheckpoint returns the head of an export with checkpoint cp.
func replaceCheckpoint(t *testing.T, head string, cp []byte) string {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString(exportHeader + "\n")
	if err := writeBlock(&buf, cp, "checkpoint"); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestVerifyExportTamper changes an export of 50 entries in each way an
// attacker could and checks that VerifyExport says what was found.
func TestVerifyExportTamper(t *testing.T) {
	const n = 50
	s := newLog(t, n)
	good := export(t, s)
	head, entries := splitExport(good)
	if len(entries) != n {
		t.Fatalf("split found %d entries", len(entries))
	}
	cp := get(t, s, []byte(checkpointKey))
	// The same entries in another vault's log.
	foreign := get(t, newLogKey(t, n, foreignSKey), []byte(checkpointKey))
	longer := export(t, newLog(t, n+1))
	_, longerEntries := splitExport(longer)

	entryErr := func(seq int64) func(error) bool {
		return func(err error) bool {
			var ee *EntryError
			return errors.As(err, &ee) && ee.Seq == seq
		}
	}
	malformed := func(err error) bool {
		var ee *EntryError
		return err != nil && !errors.As(err, &ee) && !errors.Is(err, ErrBadSignature) && !errors.Is(err, ErrOtherLog) &&
			!errors.Is(err, ErrLogOlder) && !errors.Is(err, ErrInconsistent)
	}
	with := func(i int, e string) []string {
		l := append([]string(nil), entries...)
		l[i] = e
		return l
	}
	swap := func(i, j int) []string {
		l := append([]string(nil), entries...)
		l[i], l[j] = l[j], l[i]
		return l
	}
	// changeChar changes one character of entry 17's actor.
	changed := strings.Replace(entries[17], "actor lee.researcher", "actor lee.researchex", 1)
	if changed == entries[17] {
		t.Fatal("entry 17 is not as expected")
	}
	// rehashed also fixes its leaf hash, as an attacker would.
	body := changed[strings.IndexByte(changed, '\n')+1:]
	hdr := strings.Fields(entries[17][:strings.IndexByte(entries[17], '\n')])
	rehashed := "entry " + hdr[1] + " " + tlog.RecordHash([]byte(body)).String() + "\n" + body

	tests := []struct {
		name string
		b    []byte
		want func(error) bool
	}{
		{"untouched", good, func(err error) bool { return err == nil }},
		{"one character changed", join(head, with(17, changed)), entryErr(17)},
		{"one character changed, leaf hash fixed", join(head, with(17, rehashed)), is(ErrInconsistent)},
		{"entry made non-canonical", join(head, with(17, strings.Replace(entries[17], "outcome ok", "outcome OK", 1))), entryErr(17)},
		{"entry dropped", join(head, append(entries[:17:17], entries[18:]...)), entryErr(17)},
		{"first entry dropped", join(head, entries[1:]), entryErr(0)},
		{"entries swapped", join(head, swap(17, 30)), entryErr(17)},
		{"entry repeated", join(head, append(append(entries[:18:18], entries[17]), entries[18:]...)), entryErr(18)},
		{"entry added", join(head, append(entries[:n:n], longerEntries[n])), entryErr(n)},
		{"end cut off", join(head, entries[:45]), is(ErrLogOlder)},
		{"end cut off inside an entry", good[:len(good)-10], is(ErrLogOlder)},
		{"end cut off inside a header", []byte(head + strings.Join(entries[:45], "") + "entry 1"), is(ErrLogOlder)},
		{"all entries cut off", []byte(head), is(ErrLogOlder)},
		{"signed by another key", join(replaceCheckpoint(t, head, resign(t, cp, otherSKey)), entries), is(ErrBadSignature)},
		{"signature corrupted", join(replaceCheckpoint(t, head, corruptSignature(cp)), entries), is(ErrBadSignature)},
		{"checkpoint size changed", join(replaceCheckpoint(t, head, bytes.Replace(cp, []byte("\n50\n"), []byte("\n45\n"), 1)), entries[:45]), is(ErrBadSignature)},
		{"checkpoint of another log", join(replaceCheckpoint(t, head, foreign), entries), is(ErrOtherLog)},
		{"checkpoint unsigned", join(replaceCheckpoint(t, head, cp[:bytes.Index(cp, []byte("\n\n"))+1]), entries), malformed},
		{"trailing data", append(bytes.Clone(good), '\n'), malformed},
		{"wrong header", append([]byte("tvault-audit-export/v2"), good[len(exportHeader):]...), malformed},
		{"length one short", join(head, with(17, "entry "+strconv.Itoa(len(body)-1)+entries[17][len("entry ")+len(hdr[1]):])), entryErr(17)},
		{"length one long", join(head, with(17, "entry "+strconv.Itoa(len(body)+1)+entries[17][len("entry ")+len(hdr[1]):])), entryErr(17)},
		{"empty", nil, malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := VerifyExport(bytes.NewReader(tt.b), testVKey, nil)
			if !tt.want(err) {
				t.Fatalf("VerifyExport = %v", err)
			}
			if err != nil {
				t.Log(err)
			}
		})
	}
}

// corruptSignature flips a bit of the signature, keeping the key hash.
func corruptSignature(cp []byte) []byte {
	c := bytes.Clone(cp)
	i := bytes.LastIndexByte(c[:len(c)-1], ' ') + 20
	if c[i] == 'A' {
		c[i] = 'B'
	} else {
		c[i] = 'A'
	}
	return c
}

func TestVerifyExportAgainstOld(t *testing.T) {
	const n = 50
	s := memstore.New()
	appendN(t, s, 0, 20)
	at20 := sign(t, s, testSKey)
	appendN(t, s, 20, n)
	at50 := sign(t, s, testSKey)
	b := export(t, s)
	fork := memstore.New()
	appendN(t, fork, 0, 19)
	e := testEntry(19)
	e.Purpose = "other"
	fork.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
	forkAt20 := sign(t, fork, testSKey)

	empty := sign(t, memstore.New(), testSKey)
	tests := []struct {
		name string
		old  []byte
		want error
	}{
		{"older", at20, nil},
		{"same", at50, nil},
		{"empty log", empty, nil},
		{"newer", sign(t, newLog(t, n+1), testSKey), ErrLogOlder},
		{"forked", forkAt20, ErrInconsistent},
		{"another log", sign(t, newLogKey(t, 20, foreignSKey), foreignSKey), ErrOtherLog},
		{"signed by another key", resign(t, at20, otherSKey), ErrBadSignature},
	}
	for _, tt := range tests {
		rep, err := VerifyExport(bytes.NewReader(b), testVKey, tt.old)
		if !errors.Is(err, tt.want) || tt.want != nil && err == nil {
			t.Errorf("%s: VerifyExport = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if err == nil {
			if c, _ := readCheckpoint(tt.old); rep.OldSize != c.N {
				t.Errorf("%s: OldSize = %d, want %d", tt.name, rep.OldSize, c.N)
			}
		}
	}
}

func TestExportCoversCheckpoint(t *testing.T) {
	s := memstore.New()
	appendN(t, s, 0, 3)
	err := s.View(ctx, func(rtx store.ReadTx) error { return Export(rtx, io.Discard) })
	if !errors.Is(err, ErrNoCheckpoint) {
		t.Fatalf("Export without a checkpoint = %v, want ErrNoCheckpoint", err)
	}
	sign(t, s, testSKey)
	appendN(t, s, 3, 8)
	_, entries := splitExport(export(t, s))
	if len(entries) != 3 {
		t.Errorf("export holds %d entries, want the checkpoint's 3", len(entries))
	}
	if _, err := VerifyExport(bytes.NewReader(export(t, s)), testVKey, nil); err != nil {
		t.Error(err)
	}
	if _, err := VerifyExport(bytes.NewReader(export(t, s)), "not a key", nil); err == nil {
		t.Error("VerifyExport accepted an invalid verifier key")
	}
	if _, err := VerifyExport(bytes.NewReader(export(t, newLog(t, 0))), testVKey, nil); err != nil {
		t.Errorf("export of an empty log: %v", err)
	}
}

// errWriter fails after n bytes.
type errWriter struct{ n int }

func (w *errWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestExportWriteError(t *testing.T) {
	s := newLog(t, 2000)
	err := s.View(ctx, func(rtx store.ReadTx) error { return Export(rtx, &errWriter{100 << 10}) })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Export to a failing writer = %v", err)
	}
}

// FuzzExportReader checks that the export parser is bounded, never panics,
// and accepts only canonical files: whatever it reads to the end, written
// again, is the input.
func FuzzExportReader(f *testing.F) {
	f.Add(export(f, newLog(f, 3)))
	f.Add(export(f, newLog(f, 0)))
	f.Add([]byte("tvault-audit-export/v1\ncheckpoint 1\nx"))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, hs, cp, err := newExportReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		out.WriteString(exportHeader + "\n")
		for _, h := range hs {
			writeBlock(&out, h.marshal(), "handover", strconv.FormatInt(h.seq, 10))
		}
		writeBlock(&out, cp, "checkpoint")
		for {
			e, leaf, err := x.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return
			}
			if len(e) > MaxEntrySize {
				t.Fatalf("entry of %d bytes", len(e))
			}
			writeBlock(&out, e, "entry", leaf.String())
		}
		if !bytes.Equal(out.Bytes(), b) {
			t.Fatalf("accepted a non-canonical export:\n%q\nwritten again:\n%q", b, out.Bytes())
		}
		// Verification of what parses must not panic either.
		VerifyExport(bytes.NewReader(b), testVKey, nil)
	})
}

// TestReadExport checks that ReadExport gives every entry of an export,
// in order and as appended, and ends with fn's error.
func TestReadExport(t *testing.T) {
	const n = 20
	b := export(t, newLog(t, n))
	var got []*Entry
	r, err := ReadExport(bytes.NewReader(b), testVKey, nil, func(e *Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Size != n || len(got) != n {
		t.Fatalf("report of %d entries, fn called %d times; want %d", r.Size, len(got), n)
	}
	for i, e := range got {
		want := testEntry(i)
		want.Seq = uint64(i)
		if e.Seq != want.Seq || e.Actor != want.Actor || e.Action != want.Action || !slices.Equal(e.Targets, want.Targets) || !e.Time.Equal(want.Time) {
			t.Errorf("entry %d = %+v, want %+v", i, e, want)
		}
	}

	stop := errors.New("stop here")
	calls := 0
	_, err = ReadExport(bytes.NewReader(b), testVKey, nil, func(*Entry) error {
		if calls++; calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Fatalf("ReadExport with fn failing at the third entry = %v after %d calls", err, calls)
	}
}
