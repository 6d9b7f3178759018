package audit

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// entryBlocksLog is a log of 1,000 entries: entry blocks 0 to 2 complete,
// 232 entries in the open one.
const entryBlocksLog = 1000

// withEntryBlocks records format.AuditEntryBlocks in s, and returns s.
func withEntryBlocks[S store.Store](t testing.TB, s S) S {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return format.Add(tx, format.AuditEntryBlocks) }); err != nil {
		t.Fatal(err)
	}
	return s
}

// newEntryBlocksLog is newLog in a store that has entry blocks.
func newEntryBlocksLog(t testing.TB, n int) *memstore.Store {
	t.Helper()
	s := withEntryBlocks(t, memstore.New())
	appendN(t, s, 0, n)
	sign(t, s, testSKey)
	return s
}

// entryLayout returns the entry blocks and the individual entries stored
// in s.
func entryLayout(t *testing.T, s store.Store) (blocks, entries []int64) {
	t.Helper()
	for _, p := range []struct {
		prefix string
		into   *[]int64
	}{{entryBlockPrefix, &blocks}, {entryPrefix, &entries}} {
		_, err := view(t, s, func(rtx store.ReadTx) (struct{}, error) {
			return struct{}{}, rtx.Scan([]byte(p.prefix), func(key, _ []byte) error {
				i, _ := parseIndexKey(p.prefix, key)
				*p.into = append(*p.into, i)
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return blocks, entries
}

// unconvertEntries rewrites every entry block of s as individual keys:
// the layout of a log written before entry blocks.
func unconvertEntries(t *testing.T, s store.Store) {
	t.Helper()
	err := s.Update(ctx, func(tx store.Tx) error {
		var keys [][]byte
		err := tx.Scan([]byte(entryBlockPrefix), func(k, _ []byte) error {
			keys = append(keys, k)
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range keys {
			b, _ := parseIndexKey(entryBlockPrefix, k)
			es, err := getEntryBlock(tx, b)
			if err != nil {
				return err
			}
			for j, e := range es {
				if err := tx.Set(indexKey(entryPrefix, b<<entryBlockBits+int64(j)), e); err != nil {
					return err
				}
			}
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEntryBlocks checks that appends store complete blocks of entries as
// one value, with no individual key left for them, whether the block is
// completed in one transaction or across several, by Append or by a
// Batcher, and that the log reads the same as one without blocks: its
// verification, export, entries and proofs.
func TestEntryBlocks(t *testing.T) {
	s := newEntryBlocksLog(t, entryBlocksLog)
	// Appended one transaction each across the end of block 2.
	one := withEntryBlocks(t, memstore.New())
	appendN(t, one, 0, 760)
	for i := 760; i < entryBlocksLog; i++ {
		appendN(t, one, i, i+1)
	}
	sign(t, one, testSKey)
	// Through a Batcher, whose transactions read the features once.
	batched := withEntryBlocks(t, memstore.New())
	appendN(t, batched, 0, 700)
	bt := NewBatcher(batched, signer(t, testSKey), nil)
	for i := 700; i < entryBlocksLog; i++ {
		if err := bt.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := bt.Close(); err != nil {
		t.Fatal(err)
	}
	plain := newLog(t, entryBlocksLog)
	for name, s := range map[string]store.Store{"one transaction": s, "one each": one, "batched": batched} {
		blocks, entries := entryLayout(t, s)
		if len(blocks) != 3 || blocks[0] != 0 || blocks[2] != 2 {
			t.Errorf("%s: blocks %v, want [0 1 2]", name, blocks)
		}
		if len(entries) != entryBlocksLog-3*entryBlockLen || entries[0] != 3*entryBlockLen {
			t.Errorf("%s: %d individual entries from %d, want %d from %d", name, len(entries), entries[0], entryBlocksLog-3*entryBlockLen, 3*entryBlockLen)
		}
		if _, err := verifyStored(t, s); err != nil {
			t.Errorf("%s: VerifyStored: %v", name, err)
		}
		if name == "batched" {
			continue // its entries' times are the Batcher's
		}
		if !bytes.Equal(export(t, s), export(t, plain)) {
			t.Errorf("%s: export differs from a log's without blocks", name)
		}
		for _, seq := range []int64{0, 255, 256, 700, 767, 768, 999} {
			got, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) })
			want, _ := view(t, plain, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) })
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: Prove(%d) = %v, differs from a log's without blocks", name, seq, err)
			}
		}
		var seqs []uint64
		_, err := view(t, s, func(rtx store.ReadTx) (struct{}, error) {
			return struct{}{}, ReadEntries(rtx, 250, 770, func(e *Entry, _ []byte) error {
				seqs = append(seqs, e.Seq)
				return nil
			})
		})
		if err != nil || len(seqs) != 520 || seqs[0] != 250 || seqs[519] != 769 {
			t.Errorf("%s: ReadEntries(250, 770) read %d entries, %v", name, len(seqs), err)
		}
	}
}

// TestEntryBlocksDamage checks that a block changed, cut, dropped, moved
// to another index or malformed fails verification, and that keys a
// verification does not read (a block beyond the log, an entry beside its
// block) are keys LogKey says the log does not hold: never a silent
// change.
func TestEntryBlocksDamage(t *testing.T) {
	block := func(s store.Store, b int64) []byte { return get(t, s, indexKey(entryBlockPrefix, b)) }
	setBlock := func(s store.Store, b int64, v []byte) { set(t, s, string(indexKey(entryBlockPrefix, b)), string(v)) }
	entryError := func(err error) bool { return errors.As(err, new(*EntryError)) }
	tests := []struct {
		name   string
		tamper func(s *memstore.Store)
		want   func(error) bool
	}{
		{"untouched", func(*memstore.Store) {}, func(err error) bool { return err == nil }},
		{"an entry changed", func(s *memstore.Store) {
			v := block(s, 1)
			i := bytes.Index(v, []byte("kim.officer"))
			v[i] = 'K'
			setBlock(s, 1, v)
		}, entryError},
		{"cut", func(s *memstore.Store) { v := block(s, 0); setBlock(s, 0, v[:len(v)-1]) }, is(store.ErrCorrupt)},
		{"a byte more", func(s *memstore.Store) { setBlock(s, 0, append(block(s, 0), '\n')) }, is(store.ErrCorrupt)},
		{"an entry's length changed", func(s *memstore.Store) { v := block(s, 0); v[0]++; setBlock(s, 0, v) }, func(err error) bool {
			return errors.Is(err, store.ErrCorrupt) || entryError(err)
		}},
		{"dropped", func(s *memstore.Store) { del(t, s, indexKey(entryBlockPrefix, 0)) }, entryError},
		{"moved to another block", func(s *memstore.Store) { setBlock(s, 0, block(s, 1)) }, entryError},
		{"its last entry dropped, an individual one in its place", func(s *memstore.Store) {
			es, _ := view(t, s, func(rtx store.ReadTx) ([][]byte, error) { return getEntryBlock(rtx, 2) })
			del(t, s, indexKey(entryBlockPrefix, 2))
			for j, e := range es[:entryBlockLen-1] {
				set(t, s, string(indexKey(entryPrefix, 2<<entryBlockBits+int64(j))), string(e))
			}
		}, entryError},
	}
	base := newEntryBlocksLog(t, entryBlocksLog)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memstore.New()
			copyLog(t, base, s)
			set(t, s, checkpointKey, string(get(t, base, []byte(checkpointKey))))
			tt.tamper(s)
			if _, err := verifyStored(t, s); !tt.want(err) {
				t.Errorf("VerifyStored = %v", err)
			}
		})
	}

	// Keys no reader takes: the log does not hold them.
	s := memstore.New()
	copyLog(t, base, s)
	setBlock(s, 4, block(s, 2))
	set(t, s, string(indexKey(entryPrefix, 5)), string(must(view(t, s, func(rtx store.ReadTx) ([]byte, error) { return getEntry(rtx, 5) }))))
	stored, err := view(t, s, StoredBlocks)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(entryBlocksLog)
	none := func(int64) bool { return false }
	for key, want := range map[string]bool{
		string(indexKey(entryBlockPrefix, 2)): true,
		string(indexKey(entryBlockPrefix, 3)): false,
		string(indexKey(entryBlockPrefix, 4)): false,
		string(indexKey(entryPrefix, 5)):      false,
		string(indexKey(entryPrefix, 768)):    true,
	} {
		if got := LogKey([]byte(key), n, none, stored); got != want {
			t.Errorf("LogKey(%s) = %v, want %v", key, got, want)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestConvertEntries checks the conversion of a log written before entry
// blocks: cut off between blocks, the log reads and verifies the same in
// either layout, and the conversion goes on where it stopped.
func TestConvertEntries(t *testing.T) {
	const n = 5*entryBlockLen + 100
	s := newEntryBlocksLog(t, n)
	want := export(t, s)
	unconvertEntries(t, s)
	if blocks, _ := entryLayout(t, s); len(blocks) != 0 {
		t.Fatalf("unconverted log holds blocks %v", blocks)
	}
	k, err := ConvertEntries(ctx, &killedStore{Store: s, ok: 2}, nil)
	if !errors.Is(err, errKilled) || k != 2 {
		t.Fatalf("ConvertEntries killed after 2 blocks = %d, %v; want 2, %v", k, err, errKilled)
	}
	if blocks, _ := entryLayout(t, s); len(blocks) != 2 {
		t.Errorf("%d blocks after 2 transactions, want 2", len(blocks))
	}
	if _, err := verifyStored(t, s); err != nil {
		t.Errorf("VerifyStored of a log half converted: %v", err)
	}
	if !bytes.Equal(export(t, s), want) {
		t.Error("export of a log half converted differs")
	}
	if left, err := view(t, s, UnconvertedEntries); err != nil || len(left) != 3 || left[0] != 2 {
		t.Errorf("UnconvertedEntries = %v, %v; want [2 3 4]", left, err)
	}
	// An append meanwhile completes a block of its own.
	appendN(t, s, n, n+200)
	sign(t, s, testSKey)
	if _, err := verifyStored(t, s); err != nil {
		t.Errorf("VerifyStored of a log half converted, then appended to: %v", err)
	}
	var steps []int
	k, err = ConvertEntries(ctx, s, func(done, total int) { steps = append(steps, done, total) })
	if err != nil || k != 3 || len(steps) != 6 || steps[5] != 3 {
		t.Errorf("ConvertEntries after the kill = %d, %v (progress %v); want 3", k, err, steps)
	}
	if k, err := ConvertEntries(ctx, s, nil); err != nil || k != 0 {
		t.Errorf("ConvertEntries again = %d, %v; want 0", k, err)
	}
	blocks, entries := entryLayout(t, s)
	if len(blocks) != 6 || entries[0] != 6*entryBlockLen {
		t.Errorf("converted log: %d blocks, individual entries from %d; want 6", len(blocks), entries[0])
	}
	if rep, err := verifyStored(t, s); err != nil || rep.Size != n+200 {
		t.Errorf("VerifyStored of the converted log = %v, %v", rep, err)
	}
}

// TestConvertEntriesDamaged checks that a block with an entry missing or
// damaged is left as it is, naming the entry, and that a log without the
// feature is refused.
func TestConvertEntriesDamaged(t *testing.T) {
	if _, err := ConvertEntries(ctx, newLog(t, 300), nil); !errors.Is(err, ErrNoEntryBlocks) {
		t.Errorf("ConvertEntries without the feature = %v, want ErrNoEntryBlocks", err)
	}
	for name, tt := range map[string]struct {
		tamper func(s store.Store)
		want   string
	}{
		"missing": {func(s store.Store) { del(t, s, indexKey(entryPrefix, 7)) }, "audit entry 7: entry is missing"},
		"changed": {func(s store.Store) {
			set(t, s, string(indexKey(entryPrefix, 7)), string(get(t, s, indexKey(entryPrefix, 8))))
		}, "audit entry 7"},
	} {
		s := newEntryBlocksLog(t, 300)
		unconvertEntries(t, s)
		tt.tamper(s)
		k, err := ConvertEntries(ctx, s, nil)
		if err == nil || k != 0 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ConvertEntries = %d, %v; want an error naming %q", name, k, err, tt.want)
		}
		if blocks, _ := entryLayout(t, s); len(blocks) != 0 {
			t.Errorf("%s: blocks %v written from a damaged log", name, blocks)
		}
	}
}

func TestEntriesUnder(t *testing.T) {
	for key, want := range map[string]int64{
		"audit/e/00000000000000ff":  1,
		"audit/eb/0000000000000003": entryBlockLen,
		"audit/e/ff":                0,
		"audit/eb/3":                0,
		"audit/h/0000000000000000":  0,
		"audit/hb/0000000000000000": 0,
		"rec/0000000000000000":      0,
	} {
		if got := EntriesUnder([]byte(key)); got != want {
			t.Errorf("EntriesUnder(%s) = %d, want %d", key, got, want)
		}
	}
}

// keysReadTx records the keys a reader gets and the keys its scans pass
// on.
type keysReadTx struct {
	store.ReadTx
	read *[]string
}

func (t keysReadTx) Get(key []byte) ([]byte, error) {
	*t.read = append(*t.read, string(key))
	return t.ReadTx.Get(key)
}

func (t keysReadTx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	return t.ReadTx.Scan(prefix, func(key, value []byte) error {
		*t.read = append(*t.read, string(key))
		return fn(key, value)
	})
}

// TestReadEntriesFrom checks that ReadEntries starts at the block of its
// first entry, in a log with entry blocks and in one without: it reads
// no entry of an earlier block, so that the end of a long log reads as
// fast as a short one's.
func TestReadEntriesFrom(t *testing.T) {
	for name, s := range map[string]store.Store{"blocks": newEntryBlocksLog(t, entryBlocksLog), "individual keys": newLog(t, entryBlocksLog)} {
		for _, from := range []int64{0, 255, 256, 700, 999, entryBlocksLog} {
			var read []string
			var seqs []uint64
			_, err := view(t, s, func(rtx store.ReadTx) (struct{}, error) {
				return struct{}{}, ReadEntries(keysReadTx{rtx, &read}, from, entryBlocksLog, func(e *Entry, _ []byte) error {
					seqs = append(seqs, e.Seq)
					return nil
				})
			})
			if err != nil || int64(len(seqs)) != entryBlocksLog-from || (len(seqs) > 0 && seqs[0] != uint64(from)) {
				t.Errorf("%s: ReadEntries(%d, %d) read %d entries, %v", name, from, entryBlocksLog, len(seqs), err)
			}
			for _, k := range read {
				i, ok := parseIndexKey(entryPrefix, []byte(k))
				if b, isBlock := parseIndexKey(entryBlockPrefix, []byte(k)); isBlock {
					i, ok = b<<entryBlockBits, true
				}
				if ok && i>>entryBlockBits < from>>entryBlockBits {
					t.Errorf("%s: ReadEntries(%d, %d) read %s, of an earlier block", name, from, entryBlocksLog, k)
					break
				}
			}
		}
	}
}
