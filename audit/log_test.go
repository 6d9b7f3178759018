package audit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// memHashes is an in-memory tlog.HashReader, the reference the store-backed
// log is checked against.
type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	hs := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		hs[i] = m[x]
	}
	return hs, nil
}

func TestTreeBuilderMatchesTlog(t *testing.T) {
	var tb treeBuilder
	var ref memHashes
	var got []tlog.Hash
	for n := int64(0); n < 300; n++ {
		data := []byte(fmt.Sprint("leaf ", n))
		want, err := tlog.StoredHashes(n, data, ref)
		if err != nil {
			t.Fatal(err)
		}
		got = tb.add(tlog.RecordHash(data), got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("n=%d: stored hashes %v, want %v", n, got, want)
		}
		ref = append(ref, want...)
		root, err := tlog.TreeHash(n+1, ref)
		if err != nil {
			t.Fatal(err)
		}
		if tb.root() != root {
			t.Fatalf("n=%d: root %v, want %v", n+1, tb.root(), root)
		}
	}
	if root, _ := tlog.TreeHash(0, ref); new(treeBuilder).root() != root {
		t.Errorf("empty root %v, want %v", new(treeBuilder).root(), root)
	}
}

func TestParseIndexKey(t *testing.T) {
	for _, i := range []int64{0, 1, 0xabcdef, 1<<63 - 1} {
		if got, ok := parseIndexKey(entryPrefix, indexKey(entryPrefix, i)); !ok || got != i {
			t.Errorf("parseIndexKey(indexKey(%d)) = %d, %v", i, got, ok)
		}
	}
	for _, key := range []string{
		"",
		entryPrefix,
		entryPrefix + "000000000000000",   // 15 digits
		entryPrefix + "00000000000000000", // 17
		entryPrefix + "000000000000000A",  // uppercase
		entryPrefix + "000000000000000g",
		entryPrefix + "00000000000000-1",
		entryPrefix + "8000000000000000", // 2⁶³
		entryPrefix + "ffffffffffffffff",
		hashPrefix + "0000000000000001", // another prefix
		"audit/e0000000000000001x",
	} {
		if i, ok := parseIndexKey(entryPrefix, []byte(key)); ok {
			t.Errorf("parseIndexKey(%q) = %d, want refused", key, i)
		}
	}
}

func TestAppend(t *testing.T) {
	s := memstore.New()
	const n = 40
	var raws [][]byte
	var ref memHashes
	for i := range n {
		e := testEntry(i)
		err := s.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
		if err != nil {
			t.Fatal(err)
		}
		if e.Seq != uint64(i) {
			t.Fatalf("entry %d got Seq %d", i, e.Seq)
		}
		b, _ := e.MarshalText()
		raws = append(raws, b)
		hs, _ := tlog.StoredHashes(int64(i), b, ref)
		ref = append(ref, hs...)
	}
	if got, err := view(t, s, Size); err != nil || got != n {
		t.Fatalf("Size = %d, %v; want %d", got, err, n)
	}
	for k := int64(0); k <= n; k++ {
		want, _ := tlog.TreeHash(k, ref)
		got, err := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, k) })
		if err != nil || got != want {
			t.Fatalf("TreeHash(%d) = %v, %v; want %v", k, got, err, want)
		}
	}
	next := int64(5)
	err := s.View(ctx, func(rtx store.ReadTx) error {
		return ReadEntries(rtx, 5, 12, func(e *Entry, b []byte) error {
			if e.Seq != uint64(next) || string(b) != string(raws[next]) {
				return fmt.Errorf("got entry %d, want %d", e.Seq, next)
			}
			next++
			return nil
		})
	})
	if err != nil || next != 12 {
		t.Fatalf("ReadEntries: %v, stopped at %d", err, next)
	}
	for _, r := range [][2]int64{{-1, 3}, {4, 3}, {0, n + 1}} {
		err := s.View(ctx, func(rtx store.ReadTx) error {
			return ReadEntries(rtx, r[0], r[1], func(*Entry, []byte) error { return nil })
		})
		if err == nil {
			t.Errorf("ReadEntries(%d, %d) accepted an out-of-range interval", r[0], r[1])
		}
	}
	if _, err := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, n+1) }); err == nil {
		t.Error("TreeHash beyond the log's size succeeded")
	}
}

func TestAppendTime(t *testing.T) {
	s := memstore.New()
	seoul := time.FixedZone("KST", 9*3600)
	tests := []struct{ in, want time.Time }{
		{time.Date(2026, 3, 1, 18, 30, 0, 123456789, seoul), time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)},
		{t0, t0},
	}
	for _, tt := range tests {
		e := testEntry(0)
		e.Time = tt.in
		if err := s.Update(ctx, func(tx store.Tx) error { return Append(tx, e) }); err != nil {
			t.Fatal(err)
		}
		if e.Time != tt.want {
			t.Errorf("Append set Time %v, want %v", e.Time, tt.want)
		}
	}
	e := testEntry(0)
	e.Time = time.Time{}
	before := time.Now().Add(-time.Second)
	if err := s.Update(ctx, func(tx store.Tx) error { return Append(tx, e) }); err != nil {
		t.Fatal(err)
	}
	if e.Time.Before(before) || e.Time.Location() != time.UTC {
		t.Errorf("Append set a zero Time to %v, want now in UTC", e.Time)
	}
}

func TestAppendInvalidWritesNothing(t *testing.T) {
	s := newLog(t, 3)
	bad := testEntry(3)
	bad.Action = "Bad Action"
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Set([]byte("rec/x"), []byte("data")); err != nil {
			return err
		}
		return Append(tx, bad)
	})
	if err == nil {
		t.Fatal("Append of an invalid entry succeeded")
	}
	if n, _ := view(t, s, Size); n != 3 {
		t.Errorf("Size = %d after a failed append, want 3", n)
	}
	if _, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return rtx.Get([]byte("rec/x")) }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the audited write was committed without its entry: %v", err)
	}
}

func TestSignCheckpoint(t *testing.T) {
	s := newLog(t, 5)
	cp := sign(t, s, testSKey)
	root, _ := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, 5) })
	n, err := note.Open(cp, note.VerifierList(verifier(t)))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("tvault/test\n5\n%s\n", root); n.Text != want {
		t.Errorf("checkpoint text %q, want %q", n.Text, want)
	}
	// Ed25519 is deterministic: the same tree gives the same checkpoint.
	if again := sign(t, s, testSKey); string(again) != string(cp) {
		t.Error("signing the same tree twice gave two checkpoints")
	}
	appendN(t, s, 5, 9)
	sign(t, s, testSKey)

	err = s.Update(ctx, func(tx store.Tx) error {
		_, err := SignCheckpoint(tx, signer(t, testSKey), "tvault/elsewhere")
		return err
	})
	if err == nil {
		t.Error("SignCheckpoint signed for an origin that is not the key's name")
	}
	_, _, err = GenerateKey("bad origin")
	if err == nil {
		t.Error("GenerateKey accepted an origin with a space")
	}
	skey, vkey, err := GenerateKey("tvault/0123")
	if err != nil || !strings.HasPrefix(skey, "PRIVATE+KEY+tvault/0123+") || !strings.HasPrefix(vkey, "tvault/0123+") {
		t.Errorf("GenerateKey = %q, %q, %v", skey, vkey, err)
	}
}

// TestSignCheckpointRefuses checks that the vault never signs a tree that
// does not extend its previous checkpoint.
func TestSignCheckpointRefuses(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *memstore.Store)
		want   error
	}{
		{"rolled back", func(t *testing.T, s *memstore.Store) {
			set(t, s, sizeKey, "6")
		}, ErrLogOlder},
		{"rewritten", func(t *testing.T, s *memstore.Store) {
			// An entry and its hashes replaced consistently, as by
			// someone who can write the store.
			fork := memstore.New()
			appendN(t, fork, 0, 3)
			e := testEntry(3)
			e.Purpose = "rewritten"
			fork.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
			appendN(t, fork, 4, 10)
			copyLog(t, fork, s)
		}, ErrInconsistent},
		{"foreign checkpoint", func(t *testing.T, s *memstore.Store) {
			set(t, s, checkpointKey, string(sign(t, newLogKey(t, 10, foreignSKey), foreignSKey)))
		}, ErrOtherLog},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newLog(t, 10)
			tt.tamper(t, s)
			err := s.Update(ctx, func(tx store.Tx) error {
				_, err := SignCheckpoint(tx, signer(t, testSKey), testOrigin)
				return err
			})
			if !errors.Is(err, tt.want) {
				t.Fatalf("SignCheckpoint = %v, want %v", err, tt.want)
			}
		})
	}
}

func newLogKey(t testing.TB, n int, skey string) *memstore.Store {
	s := memstore.New()
	appendN(t, s, 0, n)
	sign(t, s, skey)
	return s
}

func set(t testing.TB, s store.Store, kv ...string) {
	t.Helper()
	err := s.Update(ctx, func(tx store.Tx) error {
		for i := 0; i < len(kv); i += 2 {
			if err := tx.Set([]byte(kv[i]), []byte(kv[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func del(t testing.TB, s store.Store, key []byte) {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Delete(key) }); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, s store.Store, key []byte) []byte {
	t.Helper()
	v, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return rtx.Get(key) })
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// copyLog replaces the entries, hashes and size of dst's log with src's,
// and its feature set, keeping dst's checkpoint.
func copyLog(t testing.TB, src, dst store.Store) {
	t.Helper()
	err := dst.Update(ctx, func(tx store.Tx) error {
		return src.View(ctx, func(rtx store.ReadTx) error {
			for _, p := range []string{entryPrefix, entryBlockPrefix, hashPrefix, hashBlockPrefix, sizeKey, format.Key} {
				err := rtx.Scan([]byte(p), func(k, v []byte) error { return tx.Set(k, v) })
				if err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVerifyStored(t *testing.T) {
	const n = 30
	entryErr := func(seq int64) func(error) bool {
		return func(err error) bool {
			var ee *EntryError
			return errors.As(err, &ee) && ee.Seq == seq
		}
	}
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *memstore.Store)
		want   func(error) bool
	}{
		{"untouched", func(*testing.T, *memstore.Store) {}, func(err error) bool { return err == nil }},
		{"entries after the checkpoint", func(t *testing.T, s *memstore.Store) { appendN(t, s, n, n+5) },
			func(err error) bool { return err == nil }},
		{"entry changed", func(t *testing.T, s *memstore.Store) {
			k := indexKey(entryPrefix, 12)
			set(t, s, string(k), strings.Replace(string(get(t, s, k)), "case review", "case reviex", 1))
		}, entryErr(12)},
		{"entry not canonical", func(t *testing.T, s *memstore.Store) {
			k := indexKey(entryPrefix, 12)
			set(t, s, string(k), strings.Replace(string(get(t, s, k)), "outcome ", "outcome  ", 1))
		}, entryErr(12)},
		{"entry deleted", func(t *testing.T, s *memstore.Store) { del(t, s, indexKey(entryPrefix, 12)) }, entryErr(12)},
		{"last entry deleted", func(t *testing.T, s *memstore.Store) { del(t, s, indexKey(entryPrefix, n-1)) }, entryErr(n - 1)},
		{"entries swapped", func(t *testing.T, s *memstore.Store) {
			a, b := indexKey(entryPrefix, 12), indexKey(entryPrefix, 13)
			set(t, s, string(a), string(get(t, s, b)), string(b), string(get(t, s, a)))
		}, entryErr(12)},
		{"entry duplicated", func(t *testing.T, s *memstore.Store) {
			set(t, s, string(indexKey(entryPrefix, 13)), string(get(t, s, indexKey(entryPrefix, 12))))
		}, entryErr(13)},
		{"entry beyond the size", func(t *testing.T, s *memstore.Store) {
			set(t, s, string(indexKey(entryPrefix, n+3)), "x")
		}, entryErr(n + 3)},
		{"stored hash changed", func(t *testing.T, s *memstore.Store) {
			set(t, s, string(indexKey(hashPrefix, tlog.StoredHashIndex(1, 4))), strings.Repeat("x", 32))
		}, entryErr(9)},
		{"stored hash deleted", func(t *testing.T, s *memstore.Store) {
			del(t, s, indexKey(hashPrefix, tlog.StoredHashIndex(0, 20)))
		}, entryErr(20)},
		{"stray stored hash", func(t *testing.T, s *memstore.Store) {
			set(t, s, string(indexKey(hashPrefix, 1000)), strings.Repeat("x", 32))
		}, is(store.ErrCorrupt)},
		{"malformed size", func(t *testing.T, s *memstore.Store) { set(t, s, sizeKey, "030") }, is(store.ErrCorrupt)},
		{"size cut back", func(t *testing.T, s *memstore.Store) {
			set(t, s, sizeKey, "20")
		}, is(ErrLogOlder)},
		{"log cut back", func(t *testing.T, s *memstore.Store) {
			for i := int64(20); i < n; i++ {
				del(t, s, indexKey(entryPrefix, i))
			}
			set(t, s, sizeKey, "20")
		}, is(ErrLogOlder)},
		{"checkpoint signed by another key", func(t *testing.T, s *memstore.Store) {
			set(t, s, checkpointKey, string(resign(t, get(t, s, []byte(checkpointKey)), otherSKey)))
		}, is(ErrBadSignature)},
		{"checkpoint of another log", func(t *testing.T, s *memstore.Store) {
			set(t, s, checkpointKey, string(sign(t, newLogKey(t, n, foreignSKey), foreignSKey)))
		}, is(ErrOtherLog)},
		{"checkpoint deleted", func(t *testing.T, s *memstore.Store) { del(t, s, []byte(checkpointKey)) }, is(ErrNoCheckpoint)},
		{"log rewritten consistently", func(t *testing.T, s *memstore.Store) {
			fork := memstore.New()
			appendN(t, fork, 0, 12)
			e := testEntry(12)
			e.Outcome = OutcomeOK
			e.Targets = []string{"rec-9999"}
			fork.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
			appendN(t, fork, 13, n)
			copyLog(t, fork, s)
		}, is(ErrInconsistent)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newLog(t, n)
			tt.tamper(t, s)
			rep, err := view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
			if !tt.want(err) {
				t.Fatalf("VerifyStored = %v", err)
			}
			if err != nil {
				t.Logf("%v", err)
				return
			}
			size, _ := view(t, s, Size)
			root, _ := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, size) })
			if rep.Size != size || rep.Root != root || rep.CheckpointSize != n || rep.Origin != testOrigin ||
				string(rep.Checkpoint) != string(get(t, s, []byte(checkpointKey))) {
				t.Errorf("report %+v does not describe the log", rep)
			}
		})
	}
}

func TestVerifyStoredEmpty(t *testing.T) {
	rep, err := view(t, memstore.New(), func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
	if err != nil || rep.Size != 0 || rep.Root != emptyRoot || rep.Checkpoint != nil {
		t.Errorf("VerifyStored of an empty store = %+v, %v", rep, err)
	}
}

// resign returns checkpoint cp's text signed with skey instead.
func resign(t testing.TB, cp []byte, skey string) []byte {
	t.Helper()
	c, err := readCheckpoint(cp)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := note.Sign(&note.Note{Text: formatCheckpoint(c.origin, c.Tree)}, signer(t, skey))
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// TestRollback checks that a store holding an older copy of the log fails
// against a checkpoint an auditor kept from the newer one, and that a
// history rewritten with the signing key fails against an older one.
func TestRollback(t *testing.T) {
	const n, k = 20, 7
	older := newLog(t, n)
	newer := newLog(t, n+k)
	cpOlder, cpNewer := get(t, older, []byte(checkpointKey)), get(t, newer, []byte(checkpointKey))
	fork := memstore.New()
	appendN(t, fork, 0, 5)
	e := testEntry(5)
	e.Actor = "someone.else"
	fork.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
	appendN(t, fork, 6, n+k)
	sign(t, fork, testSKey)

	tests := []struct {
		name string
		s    store.Store
		old  []byte
		want error
	}{
		{"newer against older", newer, cpOlder, nil},
		{"same", older, cpOlder, nil},
		{"rolled back", older, cpNewer, ErrLogOlder},
		{"rewritten history", fork, cpOlder, ErrInconsistent},
		{"rewritten history, same size", fork, cpNewer, ErrInconsistent},
		{"old from another log", older, sign(t, newLogKey(t, 3, foreignSKey), foreignSKey), ErrOtherLog},
		{"old signed by another key", newer, resign(t, cpOlder, otherSKey), ErrBadSignature},
	}
	for _, tt := range tests {
		rep, err := view(t, tt.s, func(rtx store.ReadTx) (*Report, error) {
			return VerifyStoredAgainst(rtx, verifier(t), tt.old)
		})
		if !errors.Is(err, tt.want) || tt.want != nil && err == nil {
			t.Errorf("%s: VerifyStoredAgainst = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if err == nil {
			if c, _ := readCheckpoint(tt.old); rep.OldSize != c.N {
				t.Errorf("%s: OldSize %d, want %d", tt.name, rep.OldSize, c.N)
			}
		} else {
			t.Logf("%s: %v", tt.name, err)
		}
	}
	if _, err := view(t, older, func(rtx store.ReadTx) (*Report, error) {
		return VerifyStoredAgainst(rtx, verifier(t), cpNewer)
	}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("log is older than the checkpoint: size %d < %d", n, n+k)) {
		t.Errorf("rollback error %q does not give both sizes", err)
	}
}

func TestReadEntriesDamaged(t *testing.T) {
	tests := map[int64]func(s *memstore.Store){
		3: func(s *memstore.Store) { del(t, s, indexKey(entryPrefix, 3)) },
		4: func(s *memstore.Store) { set(t, s, string(indexKey(entryPrefix, 4)), "seq 4\n") },
		5: func(s *memstore.Store) {
			set(t, s, string(indexKey(entryPrefix, 5)), string(get(t, s, indexKey(entryPrefix, 6))))
		},
	}
	for seq, damage := range tests {
		s := newLog(t, 8)
		damage(s)
		err := s.View(ctx, func(rtx store.ReadTx) error {
			return ReadEntries(rtx, 0, 8, func(*Entry, []byte) error { return nil })
		})
		var ee *EntryError
		if !errors.As(err, &ee) || ee.Seq != seq {
			t.Errorf("ReadEntries with entry %d damaged = %v", seq, err)
		}
	}
}

// TestVerifyStoredBlocks checks a log whose stored hashes span more than
// one block of a hashCursor: a damaged hash in the second block is found
// at its entry, and the export and ReadEntries read every entry.
func TestVerifyStoredBlocks(t *testing.T) {
	const n = 2100 // 4,196 stored hashes: two blocks
	s := newLog(t, n)
	if _, err := view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) }); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, s), genExport(t, n)) {
		t.Error("export of a log of two blocks differs from genExport")
	}
	var read int64
	err := s.View(ctx, func(rtx store.ReadTx) error {
		return ReadEntries(rtx, 7, n-3, func(e *Entry, _ []byte) error {
			if int64(e.Seq) != 7+read {
				return fmt.Errorf("entry %d read in place of %d", e.Seq, 7+read)
			}
			read++
			return nil
		})
	})
	if err != nil || read != n-10 {
		t.Errorf("ReadEntries(7, %d) read %d entries: %v", n-3, read, err)
	}
	// An untouched log verifies in the fast scan, by the digest of its
	// stored hashes; one hash more is not whole.
	count := tlog.StoredHashCount(n)
	whole := func() bool {
		ok, err := view(t, s, func(rtx store.ReadTx) (bool, error) {
			_, ok, err := storedDigest(rtx, count)
			return ok, err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !whole() {
		t.Error("the stored hashes of an untouched log are not whole")
	}
	set(t, s, string(indexKey(hashPrefix, count)), strings.Repeat("x", 32))
	if whole() {
		t.Error("stored hashes with one beyond the log are whole")
	}
	del(t, s, indexKey(hashPrefix, count))
	const seq = 2050
	hk := indexKey(hashPrefix, tlog.StoredHashIndex(0, seq))
	kept := get(t, s, hk)
	set(t, s, string(hk), strings.Repeat("x", 32))
	_, err = view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
	var ee *EntryError
	if !errors.As(err, &ee) || ee.Seq != seq {
		t.Errorf("VerifyStored with hash of entry %d changed = %v", seq, err)
	}
	// Entries parsed on all cores, in batches, in the fast scan: the
	// first damaged one in the log's order is named, not the first parsed.
	set(t, s, string(hk), string(kept))
	for _, i := range []int64{1900, 1500} {
		k := indexKey(entryPrefix, i)
		set(t, s, string(k), strings.Replace(string(get(t, s, k)), "outcome ", "outcome  ", 1))
	}
	_, err = view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
	if !errors.As(err, &ee) || ee.Seq != 1500 {
		t.Errorf("VerifyStored with entries 1500 and 1900 changed = %v", err)
	}
}
