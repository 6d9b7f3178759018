package audit

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

func prove(t testing.TB, s store.Store, seq int64) []byte {
	t.Helper()
	p, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) })
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProofGolden(t *testing.T) {
	golden(t, "proof.golden", prove(t, newLog(t, 3), 1))
}

func TestProveVerify(t *testing.T) {
	for _, n := range []int{1, 2, 3, 8, 37} {
		s := newLog(t, n)
		for seq := range int64(n) {
			e, err := VerifyProof(prove(t, s, seq), testVKey)
			if err != nil {
				t.Fatalf("log of %d, entry %d: %v", n, seq, err)
			}
			want := testEntry(int(seq))
			want.Seq = uint64(seq)
			if !reflect.DeepEqual(e, want) {
				t.Fatalf("log of %d: VerifyProof returned %+v, want %+v", n, e, want)
			}
		}
	}
	s := newLog(t, 5)
	appendN(t, s, 5, 7)
	for _, seq := range []int64{5, 6, 100} {
		if _, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) }); !errors.Is(err, ErrNoCheckpoint) {
			t.Errorf("Prove(%d) of an entry after the checkpoint = %v, want ErrNoCheckpoint", seq, err)
		}
	}
	if _, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, -1) }); err == nil {
		t.Error("Prove(-1) succeeded")
	}
}

func TestVerifyProofTamper(t *testing.T) {
	const n, seq = 37, 21
	s := newLog(t, n)
	good := string(prove(t, s, seq))
	cp := get(t, s, []byte(checkpointKey))
	lines := strings.SplitAfter(good, "\n")
	hashAt := strings.Index(good, "\nhash ") + 1

	// withCheckpoint puts another checkpoint in the proof.
	withCheckpoint := func(c []byte) string {
		old := "checkpoint " + strconv.Itoa(len(cp)) + "\n" + string(cp)
		return strings.Replace(good, old, "checkpoint "+strconv.Itoa(len(c))+"\n"+string(c), 1)
	}
	entryErr := func(err error) bool {
		var ee *EntryError
		return errors.As(err, &ee) && ee.Seq == seq
	}
	is := func(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }
	malformed := func(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "malformed proof") }
	// An entry of the same length at another position.
	other := prove(t, s, seq+1)
	otherEntry := other[bytes.Index(other, []byte("\nentry "))+1 : bytes.Index(other, []byte("\nhash "))+1]
	ownEntry := good[strings.Index(good, "\nentry ")+1 : hashAt]

	tests := []struct {
		name string
		p    string
		want func(error) bool
	}{
		{"untouched", good, func(err error) bool { return err == nil }},
		{"entry changed", strings.Replace(good, "purpose case review", "purpose case reviex", 1), entryErr},
		{"entry non-canonical", strings.Replace(good, "outcome ok", "outcome OK", 1), func(err error) bool { return err != nil }},
		{"entry moved to another position", strings.Replace(good, "seq 21\n", "seq 22\n", 1), func(err error) bool {
			var ee *EntryError
			return errors.As(err, &ee) && ee.Seq == seq+1
		}},
		{"another entry with this proof", strings.Replace(good, ownEntry, string(otherEntry), 1), func(err error) bool { return err != nil }},
		{"proof hash changed", good[:hashAt+5] + "A" + good[hashAt+6:], entryErr},
		{"proof hash dropped", good[:hashAt] + good[hashAt+len("hash ")+45:], entryErr},
		{"proof hash added", good + lines[len(lines)-2], entryErr},
		{"proof hashes reordered", good[:hashAt] + lines[len(lines)-2] + good[hashAt:len(good)-len(lines[len(lines)-2])], entryErr},
		{"checkpoint signed by another key", withCheckpoint(resign(t, cp, otherSKey)), is(ErrBadSignature)},
		{"checkpoint signature corrupted", withCheckpoint(corruptSignature(cp)), is(ErrBadSignature)},
		{"checkpoint size changed", withCheckpoint(bytes.Replace(cp, []byte("\n37\n"), []byte("\n38\n"), 1)), is(ErrBadSignature)},
		{"checkpoint of another log", withCheckpoint(get(t, newLogKey(t, n, foreignSKey), []byte(checkpointKey))), is(ErrOtherLog)},
		{"checkpoint of a shorter log", withCheckpoint(get(t, newLog(t, seq), []byte(checkpointKey))), entryErr},
		{"trailing data", good + "\n", malformed},
		{"wrong header", strings.Replace(good, proofHeader, "tvault-audit-proof/v0", 1), malformed},
		{"truncated", good[:len(good)-3], malformed},
		{"bad hash", good[:hashAt+5] + "!" + good[hashAt+6:], malformed},
		{"hash not canonical", good[:hashAt+47] + nonCanonical(good[hashAt+47]) + good[hashAt+48:], malformed},
		{"too long", good + strings.Repeat("hash "+tlog.Hash{}.String()+"\n", 64), malformed},
		{"huge", good + strings.Repeat("x", maxProofSize), malformed},
		{"empty", "", malformed},
	}
	if good[hashAt+48:hashAt+51] != "=\nh" {
		t.Fatalf("unexpected proof layout: %q", good[hashAt:hashAt+60])
	}
	for _, tt := range tests {
		e, err := VerifyProof([]byte(tt.p), testVKey)
		if !tt.want(err) {
			t.Errorf("%s: VerifyProof = %+v, %v", tt.name, e, err)
			continue
		}
		if err != nil {
			t.Logf("%s: %v", tt.name, err)
		}
	}
	if _, err := VerifyProof([]byte(good), "bad key"); err == nil {
		t.Error("VerifyProof accepted a bad verifier key")
	}
}

func TestConsistency(t *testing.T) {
	s := memstore.New()
	cps := map[int][]byte{0: sign(t, s, testSKey)}
	sizes := []int{1, 2, 3, 4, 7, 8, 9, 16, 31, 33}
	prev := 0
	for _, n := range sizes {
		appendN(t, s, prev, n)
		cps[n] = sign(t, s, testSKey)
		prev = n
	}
	// Every pair: prove from the log as it was at the larger size.
	for _, n := range sizes {
		at := newLog(t, n)
		for m, old := range cps {
			if m > n {
				continue
			}
			p, err := view(t, at, func(rtx store.ReadTx) ([]byte, error) { return ProveConsistency(rtx, old) })
			if err != nil {
				t.Fatalf("ProveConsistency(%d→%d): %v", m, n, err)
			}
			rep, err := VerifyConsistency(p, testVKey, old)
			if err != nil {
				t.Fatalf("VerifyConsistency(%d→%d): %v", m, n, err)
			}
			if rep.Size != int64(n) || rep.OldSize != int64(m) || string(rep.Checkpoint) != string(cps[n]) {
				t.Fatalf("%d→%d: report %+v", m, n, rep)
			}
		}
	}
}

func TestConsistencyFails(t *testing.T) {
	const m, n = 13, 40
	s := memstore.New()
	appendN(t, s, 0, m)
	old := sign(t, s, testSKey)
	appendN(t, s, m, n)
	sign(t, s, testSKey)
	good, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return ProveConsistency(rtx, old) })
	if err != nil {
		t.Fatal(err)
	}
	// A log that rewrote entry 4 and was signed with the vault's key.
	fork := memstore.New()
	appendN(t, fork, 0, 4)
	e := testEntry(4)
	e.Purpose = "rewritten"
	fork.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
	appendN(t, fork, 5, m)
	forkOld := sign(t, fork, testSKey)
	appendN(t, fork, m, n)
	sign(t, fork, testSKey)
	newer := sign(t, newLog(t, n+1), testSKey)
	foreign := sign(t, newLogKey(t, m, foreignSKey), foreignSKey)

	proveTests := []struct {
		name string
		s    store.Store
		old  []byte
		want error
	}{
		{"forked log", fork, old, ErrInconsistent},
		{"rolled back log", s, newer, ErrLogOlder},
		{"another log", s, foreign, ErrOtherLog},
		{"no checkpoint", memstore.New(), old, ErrNoCheckpoint},
	}
	for _, tt := range proveTests {
		_, err := view(t, tt.s, func(rtx store.ReadTx) ([]byte, error) { return ProveConsistency(rtx, tt.old) })
		if !errors.Is(err, tt.want) {
			t.Errorf("ProveConsistency, %s = %v, want %v", tt.name, err, tt.want)
		}
	}

	hashAt := bytes.Index(good, []byte("\nhash ")) + 1
	tampered := bytes.Clone(good)
	if tampered[hashAt+10] == 'A' {
		tampered[hashAt+10] = 'B'
	} else {
		tampered[hashAt+10] = 'A'
	}
	tests := []struct {
		name  string
		proof []byte
		old   []byte
		want  func(error) bool
	}{
		{"untouched", good, old, func(err error) bool { return err == nil }},
		{"forked old checkpoint", good, forkOld, is(ErrInconsistent)},
		{"hash changed", tampered, old, is(ErrInconsistent)},
		{"hash dropped", append(good[:hashAt:hashAt], good[hashAt+50:]...), old, is(ErrInconsistent)},
		{"old newer than the log", good, newer, is(ErrLogOlder)},
		{"old of another log", good, foreign, is(ErrOtherLog)},
		{"old signed by another key", good, resign(t, old, otherSKey), is(ErrBadSignature)},
		{"old size line changed", bytes.Replace(good, []byte("\nold 13\n"), []byte("\nold 12\n"), 1), old, func(err error) bool {
			return err != nil && strings.Contains(err.Error(), "proof is for a checkpoint of size 12, not 13")
		}},
		{"old size not canonical", bytes.Replace(good, []byte("\nold 13\n"), []byte("\nold 013\n"), 1), old, malformedConsistency},
		{"trailing data", append(bytes.Clone(good), 'x'), old, malformedConsistency},
		{"wrong header", good[1:], old, malformedConsistency},
	}
	for _, tt := range tests {
		_, err := VerifyConsistency(tt.proof, testVKey, tt.old)
		if !tt.want(err) {
			t.Errorf("%s: VerifyConsistency = %v", tt.name, err)
		} else if err != nil {
			t.Logf("%s: %v", tt.name, err)
		}
	}
}

// nonCanonical returns the base64 digit that decodes to the same bytes as
// c, the last digit of an encoded hash, but with a padding bit set.
func nonCanonical(c byte) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	return string(digits[strings.IndexByte(digits, c)|1])
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func malformedConsistency(err error) bool {
	return err != nil && strings.HasPrefix(err.Error(), "malformed consistency proof")
}

// FuzzParseProof checks that the proof parser never panics and accepts
// only canonical files.
func FuzzParseProof(f *testing.F) {
	f.Add(prove(f, newLog(f, 3), 1))
	f.Add(prove(f, newLog(f, 1), 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, entry, p, err := parseProof(b)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		buf.WriteString(proofHeader + "\n")
		writeBlock(&buf, msg, "checkpoint")
		writeBlock(&buf, entry, "entry")
		writeHashes(&buf, p)
		if !bytes.Equal(buf.Bytes(), b) {
			t.Fatalf("accepted a non-canonical proof:\n%q\nwritten again:\n%q", b, buf.Bytes())
		}
		VerifyProof(b, testVKey)
	})
}

func FuzzParseConsistency(f *testing.F) {
	s := memstore.New()
	appendN(f, s, 0, 5)
	old := sign(f, s, testSKey)
	appendN(f, s, 5, 11)
	sign(f, s, testSKey)
	p, err := view(f, s, func(rtx store.ReadTx) ([]byte, error) { return ProveConsistency(rtx, old) })
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p)
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, oldSize, hs, err := parseConsistency(b)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		buf.WriteString(consistencyHeader + "\n")
		writeBlock(&buf, msg, "checkpoint")
		buf.WriteString("old " + strconv.FormatInt(oldSize, 10) + "\n")
		writeHashes(&buf, hs)
		if !bytes.Equal(buf.Bytes(), b) {
			t.Fatalf("accepted a non-canonical proof:\n%q\nwritten again:\n%q", b, buf.Bytes())
		}
		VerifyConsistency(b, testVKey, old)
	})
}
