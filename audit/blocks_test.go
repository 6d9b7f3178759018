package audit

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// blocksLog is a log of 4,200 entries: 8,396 stored hashes, blocks 0 and
// 1 complete.
const blocksLog = 4200

// withBlocks records format.AuditHashBlocks in s, and returns s.
func withBlocks[S store.Store](t testing.TB, s S) S {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return format.Add(tx, format.AuditHashBlocks) }); err != nil {
		t.Fatal(err)
	}
	return s
}

// newBlocksLog is newLog in a store that has hash blocks.
func newBlocksLog(t testing.TB, n int) *memstore.Store {
	t.Helper()
	s := withBlocks(t, memstore.New())
	appendN(t, s, 0, n)
	sign(t, s, testSKey)
	return s
}

// layout returns the blocks and the individual hash indexes stored in s.
func layout(t *testing.T, s store.Store) (blocks, hashes []int64) {
	t.Helper()
	err := s.View(ctx, func(rtx store.ReadTx) error {
		for _, p := range []struct {
			prefix string
			into   *[]int64
		}{{hashBlockPrefix, &blocks}, {hashPrefix, &hashes}} {
			err := rtx.Scan([]byte(p.prefix), func(key, _ []byte) error {
				i, _ := parseIndexKey(p.prefix, key)
				*p.into = append(*p.into, i)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return blocks, hashes
}

// unconvert rewrites every block of s as individual keys: the layout of a
// log written before hash blocks.
func unconvert(t *testing.T, s store.Store) {
	t.Helper()
	err := s.Update(ctx, func(tx store.Tx) error {
		var blocks [][2][]byte
		err := tx.Scan([]byte(hashBlockPrefix), func(k, v []byte) error {
			blocks = append(blocks, [2][]byte{k, v})
			return nil
		})
		if err != nil {
			return err
		}
		for _, kv := range blocks {
			b, _ := parseIndexKey(hashBlockPrefix, kv[0])
			for j := 0; j < hashBlockLen; j++ {
				x := b<<hashBlockBits + int64(j)
				if err := tx.Set(indexKey(hashPrefix, x), kv[1][j*tlog.HashSize:(j+1)*tlog.HashSize]); err != nil {
					return err
				}
			}
			if err := tx.Delete(kv[0]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func verifyStored(t *testing.T, s store.Store) (*Report, error) {
	t.Helper()
	return view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
}

// TestHashBlocks checks that appends store complete blocks of hashes as
// one value, with no individual key left for them, whether the block is
// completed in one transaction or across several, and that the log reads
// the same as one without blocks.
func TestHashBlocks(t *testing.T) {
	s := newBlocksLog(t, blocksLog)
	// Appended one transaction each across the end of block 2.
	one := withBlocks(t, memstore.New())
	appendN(t, one, 0, 4090)
	for i := 4090; i < blocksLog; i++ {
		appendN(t, one, i, i+1)
	}
	sign(t, one, testSKey)
	count := tlog.StoredHashCount(blocksLog)
	for name, s := range map[string]store.Store{"one transaction": s, "one each": one} {
		blocks, hashes := layout(t, s)
		if len(blocks) != 2 || blocks[0] != 0 || blocks[1] != 1 {
			t.Errorf("%s: blocks %v, want [0 1]", name, blocks)
		}
		if len(hashes) != int(count-2*hashBlockLen) || hashes[0] != 2*hashBlockLen {
			t.Errorf("%s: %d individual hashes from %d, want %d from %d", name, len(hashes), hashes[0], count-2*hashBlockLen, 2*hashBlockLen)
		}
		if _, err := verifyStored(t, s); err != nil {
			t.Errorf("%s: VerifyStored: %v", name, err)
		}
		if !bytes.Equal(export(t, s), genExport(t, blocksLog)) {
			t.Errorf("%s: export differs from genExport", name)
		}
	}
	// Proofs and tree hashes read hashes in blocks as individual ones.
	var b treeBuilder
	for i := 0; i < 3000; i++ {
		e := testEntry(i)
		e.Seq = uint64(i)
		text, err := e.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		b.add(tlog.RecordHash(text), nil)
	}
	h, err := view(t, s, func(rtx store.ReadTx) (tlog.Hash, error) { return TreeHash(rtx, 3000) })
	if err != nil || h != b.root() {
		t.Errorf("TreeHash(3000) = %v, %v; want %v", h, err, b.root())
	}
}

// TestHashBlocksDamage checks that a block changed, cut, dropped or
// moved to another index fails verification, and that a key beside the
// blocks (an individual hash beside its block, a block beyond the log) is
// either found or never read, proofs then being the undamaged log's:
// never a silent change. (LogKey says such keys are not the log's.)
func TestHashBlocksDamage(t *testing.T) {
	block := func(s store.Store, b int64) []byte { return get(t, s, indexKey(hashBlockPrefix, b)) }
	tests := []struct {
		name   string
		tamper func(s *memstore.Store)
		want   func(error) bool
		// unread: the damage is in a key no reader reads, so that
		// proofs are still those of the log undamaged.
		unread bool
	}{
		{"untouched", func(*memstore.Store) {}, func(err error) bool { return err == nil }, true},
		{"a hash changed", func(s *memstore.Store) {
			v := block(s, 1)
			v[100] ^= 1
			set(t, s, string(indexKey(hashBlockPrefix, 1)), string(v))
		}, func(err error) bool { return errors.As(err, new(*EntryError)) }, false},
		{"cut", func(s *memstore.Store) {
			set(t, s, string(indexKey(hashBlockPrefix, 0)), string(block(s, 0)[:hashBlockSize-1]))
		}, is(store.ErrCorrupt), false},
		{"dropped", func(s *memstore.Store) { del(t, s, indexKey(hashBlockPrefix, 0)) },
			func(err error) bool { return errors.As(err, new(*EntryError)) }, false},
		{"moved to another block", func(s *memstore.Store) {
			set(t, s, string(indexKey(hashBlockPrefix, 0)), string(block(s, 1)))
		}, func(err error) bool { return errors.As(err, new(*EntryError)) }, false},
		{"beyond the complete blocks", func(s *memstore.Store) {
			set(t, s, string(indexKey(hashBlockPrefix, 2)), string(block(s, 1)))
		}, is(store.ErrCorrupt), true},
		// Not read: the block is (LogKey says the key is not the log's).
		{"an individual hash beside its block", func(s *memstore.Store) {
			set(t, s, string(indexKey(hashPrefix, 5)), string(bytes.Repeat([]byte{1}, tlog.HashSize)))
		}, func(err error) bool { return err == nil }, true},
		{"the last individual hash beside its block", func(s *memstore.Store) {
			x := int64(2*hashBlockLen - 1)
			set(t, s, string(indexKey(hashPrefix, x)), string(bytes.Repeat([]byte{1}, tlog.HashSize)))
		}, func(err error) bool { return err == nil }, true},
		{"a block missing, individual hashes beside the others", func(s *memstore.Store) {
			del(t, s, indexKey(hashBlockPrefix, 0))
			set(t, s, string(indexKey(hashPrefix, hashBlockLen+5)), string(bytes.Repeat([]byte{1}, tlog.HashSize)))
		}, func(err error) bool { return errors.As(err, new(*EntryError)) }, false},
		{"an individual hash beyond the log", func(s *memstore.Store) {
			set(t, s, string(indexKey(hashPrefix, tlog.StoredHashCount(blocksLog))), string(bytes.Repeat([]byte{1}, tlog.HashSize)))
		}, is(store.ErrCorrupt), true},
	}
	base := newBlocksLog(t, blocksLog)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withBlocks(t, memstore.New())
			copyLog(t, base, s)
			set(t, s, checkpointKey, string(get(t, base, []byte(checkpointKey))))
			tt.tamper(s)
			if _, err := verifyStored(t, s); !tt.want(err) {
				t.Errorf("VerifyStored = %v", err)
			}
			if !tt.unread {
				return
			}
			for _, seq := range []int64{0, 3, 2047, 4000} {
				got, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) })
				want, _ := view(t, base, func(rtx store.ReadTx) ([]byte, error) { return Prove(rtx, seq) })
				if err == nil && !bytes.Equal(got, want) {
					t.Errorf("Prove(%d) differs from the undamaged log's", seq)
				}
			}
		})
	}
}

// killedStore fails every Update after the first ok ones, writing
// nothing: a process killed between two transactions.
type killedStore struct {
	store.Store
	ok int
}

var errKilled = errors.New("killed")

func (s *killedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	if s.ok == 0 {
		return errKilled
	}
	s.ok--
	return s.Store.Update(ctx, fn)
}

// TestConvertHashes checks the conversion of a log written before hash
// blocks: cut off between chunks, the log reads and verifies the same in
// either layout, and the conversion goes on where it stopped.
func TestConvertHashes(t *testing.T) {
	const n = 5 * convertChunk * hashBlockLen / 2 // 5 chunks and a half of blocks
	s := newBlocksLog(t, n)
	want := export(t, s)
	unconvert(t, s)
	if blocks, _ := layout(t, s); len(blocks) != 0 {
		t.Fatalf("unconverted log holds blocks %v", blocks)
	}
	complete := int(completeBlocks(tlog.StoredHashCount(n)))
	k, err := ConvertHashes(ctx, &killedStore{Store: s, ok: 2}, nil)
	if !errors.Is(err, errKilled) || k != 2*convertChunk {
		t.Fatalf("ConvertHashes killed after 2 chunks = %d, %v; want %d, %v", k, err, 2*convertChunk, errKilled)
	}
	if blocks, _ := layout(t, s); len(blocks) != 2*convertChunk {
		t.Errorf("%d blocks after 2 chunks, want %d", len(blocks), 2*convertChunk)
	}
	if _, err := verifyStored(t, s); err != nil {
		t.Errorf("VerifyStored of a log half converted: %v", err)
	}
	if !bytes.Equal(export(t, s), want) {
		t.Error("export of a log half converted differs")
	}
	// An append meanwhile completes a block of its own.
	appendN(t, s, n, n+2200)
	sign(t, s, testSKey)
	if _, err := verifyStored(t, s); err != nil {
		t.Errorf("VerifyStored of a log half converted, then appended to: %v", err)
	}
	k, err = ConvertHashes(ctx, s, nil)
	if err != nil || k != complete-2*convertChunk {
		t.Errorf("ConvertHashes after the kill = %d, %v; want %d", k, err, complete-2*convertChunk)
	}
	if k, err := ConvertHashes(ctx, s, nil); err != nil || k != 0 {
		t.Errorf("ConvertHashes again = %d, %v; want 0", k, err)
	}
	blocks, hashes := layout(t, s)
	count := tlog.StoredHashCount(n + 2200)
	if int64(len(blocks)) != completeBlocks(count) || hashes[0] != completeBlocks(count)<<hashBlockBits {
		t.Errorf("converted log: %d blocks, individual hashes from %d; want %d", len(blocks), hashes[0], completeBlocks(count))
	}
	rep, err := verifyStored(t, s)
	if err != nil || rep.Size != n+2200 {
		t.Errorf("VerifyStored of the converted log = %v, %v", rep, err)
	}
}

// TestConvertHashesDamaged checks that a block not whole is left as it is.
func TestConvertHashesDamaged(t *testing.T) {
	s := newBlocksLog(t, blocksLog)
	unconvert(t, s)
	del(t, s, indexKey(hashPrefix, 7))
	k, err := ConvertHashes(ctx, s, nil)
	if !errors.Is(err, store.ErrCorrupt) || k != 0 || !strings.Contains(err.Error(), "stored hash 7 is missing") {
		t.Errorf("ConvertHashes with hash 7 missing = %d, %v", k, err)
	}
	if blocks, _ := layout(t, s); len(blocks) != 0 {
		t.Errorf("blocks %v written from a damaged log", blocks)
	}
}

// TestBatcherUnconverted checks that a Batcher, which reads committed
// blocks through its cache, appends to a log not yet converted (its
// conversion failed, say, for want of space) and to one converted.
func TestBatcherUnconverted(t *testing.T) {
	s := newLog(t, blocksLog)
	b := NewBatcher(s, signer(t, testSKey), nil)
	for i := blocksLog; i < blocksLog+3; i++ {
		if err := b.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatalf("Submit to an unconverted log: %v", err)
		}
	}
	if blocks, _ := layout(t, s); len(blocks) != 0 {
		t.Fatalf("log without the feature holds blocks %v", blocks)
	}
	if _, err := ConvertHashes(ctx, s, nil); !errors.Is(err, ErrNoBlocks) {
		t.Fatalf("ConvertHashes without the feature = %v, want ErrNoBlocks", err)
	}
	// The feature recorded while the Batcher runs, as a migration does.
	if err := b.Submit(ctx, testEntry(blocksLog+3), func(tx store.Tx) error { return format.Add(tx, format.AuditHashBlocks) }); err != nil {
		t.Fatal(err)
	}
	if _, err := ConvertHashes(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	for i := blocksLog + 4; i < blocksLog+6; i++ {
		if err := b.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatalf("Submit to a converted log: %v", err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if rep, err := verifyStored(t, s); err != nil || rep.Size != blocksLog+6 {
		t.Errorf("VerifyStored = %v, %v", rep, err)
	}
}

// TestUnknownFeature checks that a log in a store whose feature set names
// a feature this version does not know takes no append that completes a
// block, the only one that asks how to write it (vault's open refuses
// such a store before any append).
func TestUnknownFeature(t *testing.T) {
	s := newLog(t, 2048) // 4,095 stored hashes: the next append completes block 0
	set(t, s, format.Key, `["audit-hash-blocks","zz-from-the-future"]`)
	err := s.Update(ctx, func(tx store.Tx) error { return Append(tx, testEntry(2048)) })
	var unknown *format.UnknownError
	if !errors.As(err, &unknown) || len(unknown.Features) != 1 || unknown.Features[0] != "zz-from-the-future" {
		t.Errorf("Append with an unknown feature = %v, want an UnknownError naming it", err)
	}
	b := NewBatcher(s, signer(t, testSKey), nil)
	if err := b.Submit(ctx, testEntry(2048), nil); !errors.As(err, &unknown) {
		t.Errorf("Batcher.Submit with an unknown feature = %v, want an UnknownError", err)
	}
	b.Close()
}
