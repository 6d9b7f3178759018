package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
)

// Hash blocks.
//
// tlog stores about two hashes per entry. Stored one value each, a log of
// half a million entries is a million values, and reading them is most of
// what verifying the stored log costs. So the hashes of every complete
// block of hashBlockLen indexes (x>>hashBlockBits the block of index x)
// are stored as one value "audit/hb/<block>", the block's hashes in index
// order, and the individual keys "audit/h/<i>" hold only the hashes of the
// last, incomplete block.
//
// Blocks are a storage feature (package format, format.AuditHashBlocks):
// a log in a store whose feature set does not hold it is written as
// before, one key a hash, so that the tvault versions before blocks go on
// reading it. In a store whose set holds it, the append that writes a
// block's last index writes the block and deletes its individual keys in
// its own transaction, and ConvertHashes converts the blocks completed
// before the feature was recorded. Until it has, a complete block may
// still be individual keys: every reader takes both, and a block beside
// any individual key of its own is damage.

const (
	hashBlockPrefix = "audit/hb/"
	hashBlockLen    = 1 << hashBlockBits
	hashBlockSize   = hashBlockLen * tlog.HashSize
)

// completeBlocks returns the number of complete blocks of a log of count
// stored hashes.
func completeBlocks(count int64) int64 { return count >> hashBlockBits }

// blockHashes checks that v, the value of block b, is a block.
func blockHashes(b int64, v []byte) ([]byte, error) {
	if len(v) != hashBlockSize {
		return nil, corrupt("hash block %d is %d bytes", b, len(v))
	}
	return v, nil
}

// getBlock returns the value of block b, nil if there is none.
func getBlock(rtx store.ReadTx, b int64) ([]byte, error) {
	v, err := rtx.Get(indexKey(hashBlockPrefix, b))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return blockHashes(b, v)
}

// hasFeature reports whether the store's feature set in tx holds f: for
// format.AuditHashBlocks or format.AuditEntryBlocks, whether appends in
// tx write blocks. Only an append that completes a block asks, one in
// hundreds, and a scan of the whole log.
func hasFeature(tx store.ReadTx, f string) (bool, error) {
	if ct, ok := tx.(*cachedTx); ok {
		return ct.has(f)
	}
	return format.Has(tx, f)
}

// putHashes writes tlog's stored hashes hs, from index base, in tx:
// individually, except that in a store with blocks (writesBlocks), a
// block they complete is written whole, with the individual hashes stored
// before base, which it deletes.
func putHashes(tx store.Tx, base int64, hs []tlog.Hash) error {
	end := base + int64(len(hs))
	done := completeBlocks(end) // blocks complete after this append
	first := done << hashBlockBits
	if first > base {
		blocks, err := hasFeature(tx, format.AuditHashBlocks)
		if err != nil {
			return err
		}
		if !blocks {
			first = base
		}
	}
	if first > base {
		// hs is far shorter than a block: it completes at most one.
		b := done - 1
		start := b << hashBlockBits
		v := make([]byte, 0, hashBlockSize)
		for x := start; x < base; x++ {
			h, err := tx.Get(indexKey(hashPrefix, x))
			if errors.Is(err, store.ErrNotFound) {
				h = nil
			} else if err != nil {
				return err
			}
			sh, err := storedHash(x, h)
			if err != nil {
				return err
			}
			v = append(v, sh[:]...)
			if err := tx.Delete(indexKey(hashPrefix, x)); err != nil {
				return err
			}
		}
		for x := max(base, start); x < first; x++ {
			v = append(v, hs[x-base][:]...)
		}
		if err := tx.Set(indexKey(hashBlockPrefix, b), v); err != nil {
			return err
		}
	}
	for x := max(base, first); x < end; x++ {
		if err := tx.Set(indexKey(hashPrefix, x), hs[x-base][:]); err != nil {
			return err
		}
	}
	return nil
}

// convertChunk is the number of blocks ConvertHashes writes in one
// transaction: one, so that a transaction holds one block (128 KiB) and
// 4,096 deletions, and a conversion's memory is that of a block whatever
// the log's size; a commit a block costs a few milliseconds more on a log
// of hundreds of blocks.
const convertChunk = 1

// ConvertHashes stores every complete block of the log's hashes that is
// still individual keys (a log written before its store's feature set
// held format.AuditHashBlocks) as one value, convertChunk blocks a
// transaction: each block is written and its keys
// deleted in one transaction, so that a crash between two leaves a log
// that reads the same, and the next call goes on where it stopped. It
// returns the number of blocks it converted; progress, if not nil, is
// called after each transaction with the numbers converted so far and in
// all. A block that is not whole
// (a hash missing or not a hash), or that is stored both ways, is left
// as it is, with an error wrapping store.ErrCorrupt. It refuses a store
// whose feature set does not hold format.AuditHashBlocks (ErrNoBlocks):
// the tvault versions before blocks read that log.
func ConvertHashes(ctx context.Context, s store.Store, progress func(converted, total int)) (int, error) {
	return convertBlocks(ctx, s, hashBlocks, progress)
}

// A blockKind is what converting a log to one kind of block needs.
type blockKind struct {
	feature string
	refused error // for a store without feature
	// unconverted returns the complete blocks still individual keys.
	unconverted func(rtx store.ReadTx) ([]int64, error)
	// firstKey is the individual key of block b's first item.
	firstKey func(b int64) []byte
	// convert writes block b, complete in individual keys in tx, as one
	// value and deletes those keys.
	convert func(tx store.Tx, b int64) error
}

var hashBlocks = blockKind{
	feature:     format.AuditHashBlocks,
	refused:     ErrNoBlocks,
	unconverted: Unconverted,
	firstKey:    firstHashKey,
	convert:     convertBlock,
}

func firstHashKey(b int64) []byte { return indexKey(hashPrefix, b<<hashBlockBits) }

// convertBlocks is ConvertHashes for blocks of kind k.
func convertBlocks(ctx context.Context, s store.Store, k blockKind, progress func(converted, total int)) (int, error) {
	var todo []int64
	err := s.View(ctx, func(rtx store.ReadTx) error {
		if ok, err := format.Has(rtx, k.feature); err != nil || !ok {
			if err == nil {
				err = k.refused
			}
			return err
		}
		var err error
		todo, err = k.unconverted(rtx)
		return err
	})
	converted, total := 0, len(todo)
	for len(todo) > 0 && err == nil {
		chunk := todo[:min(convertChunk, len(todo))]
		todo = todo[len(chunk):]
		done := 0
		err = s.Update(ctx, func(tx store.Tx) error {
			done = 0
			// Again in this transaction: another process may have
			// converted them meanwhile.
			for _, b := range chunk {
				if _, err := tx.Get(k.firstKey(b)); errors.Is(err, store.ErrNotFound) {
					continue
				} else if err != nil {
					return err
				}
				if err := k.convert(tx, b); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err == nil {
			converted += done
			if progress != nil {
				progress(converted, total)
			}
		}
	}
	return converted, err
}

// ErrNoBlocks is ConvertHashes refusing a store whose feature set does
// not hold format.AuditHashBlocks.
var ErrNoBlocks = errors.New("the vault's storage features do not include " + format.AuditHashBlocks)

// Unconverted returns the complete blocks of the log in rtx whose first
// hash is an individual key: those ConvertHashes has still to convert.
func Unconverted(rtx store.ReadTx) ([]int64, error) {
	n, err := Size(rtx)
	if err != nil {
		return nil, err
	}
	return unconvertedBlocks(rtx, completeBlocks(tlog.StoredHashCount(n)), firstHashKey)
}

// unconvertedBlocks returns those of blocks 0 to complete-1 whose first
// item, firstKey(b), is an individual key. It looks each up, rather than
// scan the individual keys: a converted log leaves a million deleted keys
// that a scan would step over until the store compacts them away.
func unconvertedBlocks(rtx store.ReadTx, complete int64, firstKey func(b int64) []byte) ([]int64, error) {
	var bs []int64
	for b := range complete {
		_, err := rtx.Get(firstKey(b))
		switch {
		case err == nil:
			bs = append(bs, b)
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	return bs, nil
}

// convertBlock writes block b, complete in individual keys in tx, as one
// value and deletes those keys.
func convertBlock(tx store.Tx, b int64) error {
	if v, err := getBlock(tx, b); err != nil || v != nil {
		if err == nil {
			err = corrupt("hash block %d is stored beside individual hashes", b)
		}
		return err
	}
	c := newHashCursor(tx)
	start := b << hashBlockBits
	v := make([]byte, 0, hashBlockSize)
	for x := start; x < start+hashBlockLen; x++ {
		h, err := c.at(x)
		if err != nil {
			return err
		}
		sh, err := storedHash(x, h)
		if err != nil {
			return fmt.Errorf("hash block %d not converted: %w", b, err)
		}
		v = append(v, sh[:]...)
	}
	for x := start; x < start+hashBlockLen; x++ {
		if err := tx.Delete(indexKey(hashPrefix, x)); err != nil {
			return err
		}
	}
	return tx.Set(indexKey(hashBlockPrefix, b), v)
}

// maxCachedBlocks bounds a Batcher's cache of blocks: an append and a
// checkpoint read the hashes of the complete subtrees left of the new
// entry, one in at most each of about 30 levels, in as many blocks.
const maxCachedBlocks = 32

// A blockCache keeps the blocks a Batcher's transactions read. A block is
// written once, by the append that completes it, and never changed, so
// that each transaction need not open again the same few 128 KiB values:
// without it, every audited access opened about ten of them, three times
// (the append, the tree hash and the proof that it extends the last
// checkpoint).
type blockCache struct {
	mu sync.Mutex
	m  map[int64][]byte
}

// A cachedTx is a Batcher's transaction as its appends and checkpoint see
// it: blocks below bound, which were complete and committed when the
// transaction began, are read through cache, in a store with blocks. A
// block this transaction writes is not cached: the transaction may not
// commit. The store's feature set is read once for the transaction, when
// first asked (has): most transactions read no complete block.
type cachedTx struct {
	store.Tx
	cache    *blockCache
	bound    int64
	asked    bool
	features []string
}

func newCachedTx(tx store.Tx, c *blockCache) (*cachedTx, error) {
	n, err := Size(tx)
	if err != nil {
		return nil, err
	}
	return &cachedTx{Tx: tx, cache: c, bound: completeBlocks(tlog.StoredHashCount(n))}, nil
}

// has reports whether the store's feature set holds f.
func (t *cachedTx) has(f string) (bool, error) {
	if !t.asked {
		var err error
		if t.features, err = format.Read(t.Tx); err != nil {
			return false, err
		}
		t.asked = true
	}
	return slices.Contains(t.features, f), nil
}

// block returns block b, nil if there is none, cached if it may be.
func (t *cachedTx) block(b int64) ([]byte, error) {
	if b >= t.bound {
		return getBlock(t.Tx, b)
	}
	t.cache.mu.Lock()
	v, ok := t.cache.m[b]
	t.cache.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := getBlock(t.Tx, b)
	if err != nil || v == nil {
		return v, err
	}
	t.cache.mu.Lock()
	defer t.cache.mu.Unlock()
	if len(t.cache.m) >= maxCachedBlocks || t.cache.m == nil {
		t.cache.m = make(map[int64][]byte)
	}
	t.cache.m[b] = v
	return v, nil
}
