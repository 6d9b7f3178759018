package audit

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// Entry blocks.
//
// Stored one value each, the entries of a log of half a million are half
// a million values: reading them (the store's iteration over as many keys,
// opening as many sealed values) is most of what verifying the stored log
// costs beyond what verifying its export does. So the entries of every
// complete block of entryBlockLen (i>>entryBlockBits the block of entry
// i) are stored as one value "audit/eb/<block>", and the individual keys
// "audit/e/<i>" hold only the entries of the last, incomplete block. A
// block's value is its entries in order, each as its length (a uvarint)
// then its encoding, and nothing else; the sealed store binds it to its
// key, which names its range, and each entry names its own position.
//
// Blocks are a storage feature (package format, format.AuditEntryBlocks),
// as hash blocks are (blocks.go): a log in a store whose feature set does
// not hold it is written and read as before, one key an entry. In a store
// whose set holds it, the append that writes a block's last entry writes
// the block instead and deletes the block's other entries in the same
// transaction (the appends before it stay one small write each), and
// ConvertEntries converts the blocks completed before the feature was
// recorded; until it has, a complete block may still be individual keys,
// which every reader takes. A reader takes a complete block's entries
// from the block when there is one: an individual key beside it is never
// read, and is damage that a check reports (LogKey).

const (
	entryBlockPrefix = "audit/eb/"
	// entryBlockBits is the log2 of the number of entries in a block:
	// 256, two hex digits of the key, so that the entries of one block's
	// range are the keys under one prefix. A block of the fixture's
	// entries (about 350 bytes) is about 90 KiB; an append that
	// completes one reads 255 entries and writes the block.
	entryBlockBits = 8
	entryBlockLen  = 1 << entryBlockBits
)

// completeEntryBlocks returns the number of complete blocks of a log of
// n entries.
func completeEntryBlocks(n int64) int64 { return n >> entryBlockBits }

// appendEntryBlock appends entries, those of one block, in a block's
// encoding.
func appendEntryBlock(v []byte, entries [][]byte) []byte {
	for _, e := range entries {
		v = binary.AppendUvarint(v, uint64(len(e)))
		v = append(v, e...)
	}
	return v
}

// entryBlockEntries splits v, the value of block b, into its entries
// (slices of v), or fails, wrapping store.ErrCorrupt, if it is not the
// encoding of exactly entryBlockLen of them.
func entryBlockEntries(b int64, v []byte) ([][]byte, error) {
	es := make([][]byte, 0, entryBlockLen)
	for len(v) > 0 && len(es) < entryBlockLen {
		n, k := binary.Uvarint(v)
		if k <= 0 || n == 0 || n > MaxEntrySize || n > uint64(len(v)-k) {
			return nil, corrupt("entry block %d: entry %d is malformed", b, b<<entryBlockBits+int64(len(es)))
		}
		es = append(es, v[k:k+int(n)])
		v = v[k+int(n):]
	}
	if len(es) != entryBlockLen || len(v) > 0 {
		return nil, corrupt("entry block %d is not a block of %d entries", b, entryBlockLen)
	}
	return es, nil
}

// putEntry writes b, the encoding of entry i, in tx: as an individual
// key, except that in a store with entry blocks, when it is its block's
// last entry, as the block, with the block's entries stored before it,
// whose keys it deletes.
func putEntry(tx store.Tx, i int64, b []byte) error {
	if (i+1)&(entryBlockLen-1) == 0 {
		blocks, err := hasFeature(tx, format.AuditEntryBlocks)
		if err != nil {
			return err
		}
		if blocks {
			return writeEntryBlock(tx, i>>entryBlockBits, b)
		}
	}
	return tx.Set(indexKey(entryPrefix, i), b)
}

// writeEntryBlock writes block blk in tx from its entries' individual
// keys, or from those of all but its last and last, the last's encoding
// (an append), and deletes those keys. Each entry must be one that
// parses at its position: a block keeps no damage, which its individual
// keys name better.
func writeEntryBlock(tx store.Tx, blk int64, last []byte) error {
	if _, err := getEntryBlock(tx, blk); err == nil {
		return corrupt("entry block %d is stored beside individual entries", blk)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	start := blk << entryBlockBits
	entries := make([][]byte, 0, entryBlockLen)
	size := 0
	for i := start; i < start+entryBlockLen; i++ {
		var b []byte
		var err error
		if last != nil && i == start+entryBlockLen-1 {
			b = last
		} else if b, err = tx.Get(indexKey(entryPrefix, i)); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("entry block %d not written: %w", blk, &EntryError{Seq: i, Err: errMissing})
		} else if err != nil {
			return err
		}
		if _, err := parseAt(i, b); err != nil {
			return fmt.Errorf("entry block %d not written: %w", blk, err)
		}
		entries = append(entries, b)
		size += binary.MaxVarintLen32 + len(b)
	}
	for i := start; i < start+entryBlockLen; i++ {
		if err := tx.Delete(indexKey(entryPrefix, i)); err != nil {
			return err
		}
	}
	return tx.Set(indexKey(entryBlockPrefix, blk), appendEntryBlock(make([]byte, 0, size), entries))
}

// getEntryBlock returns the entries of block b, store.ErrNotFound if it
// is not stored.
func getEntryBlock(rtx store.ReadTx, b int64) ([][]byte, error) {
	v, err := rtx.Get(indexKey(entryBlockPrefix, b))
	if err != nil {
		return nil, err
	}
	return entryBlockEntries(b, v)
}

// getEntry returns the encoding of entry i of the log, from its block if
// it is in a stored one, an *EntryError if it is missing.
func getEntry(rtx store.ReadTx, i int64) ([]byte, error) {
	es, err := getEntryBlock(rtx, i>>entryBlockBits)
	if err == nil {
		return es[i&(entryBlockLen-1)], nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	b, err := rtx.Get(indexKey(entryPrefix, i))
	if errors.Is(err, store.ErrNotFound) {
		return nil, &EntryError{Seq: i, Err: errMissing}
	}
	return b, err
}

// entrySource returns the source of the stored entries of a log of n in
// rtx from the block of entry from on, still sealed: in a log without
// entry blocks, the values under "audit/e/" (from 0), or under the
// ranges of the blocks from from's to n's; in one with, for each complete
// block in order, its value if it is stored and otherwise the individual
// keys of its range, then those of the open block's range. That source
// finds each block by its key and scans only the ranges of individual
// keys it reads, so that it does not step over the keys that writing the
// blocks deleted (which a store such as Badger keeps until it compacts
// them away); and it does not see a key outside them, which LogKey
// finds. The entries before from's block are not read at all.
func entrySource(rtx store.ReadTx, from, n int64) (source, error) {
	blocks, err := hasFeature(rtx, format.AuditEntryBlocks)
	first := from >> entryBlockBits
	switch {
	case err != nil || (!blocks && first == 0):
		return prefixSource(rtx, []byte(entryPrefix)), err
	case !blocks:
		return func(emit func(key []byte, v sealedstore.Sealed) error) error {
			for b := first; b <= n>>entryBlockBits; b++ {
				if err := sealedstore.ScanSealed(rtx, entryRange(b), emit); err != nil {
					return err
				}
			}
			return nil
		}, nil
	}
	return func(emit func(key []byte, v sealedstore.Sealed) error) error {
		k := completeEntryBlocks(n)
		for b := first; b < k; b++ {
			key := indexKey(entryBlockPrefix, b)
			v, err := sealedstore.GetSealed(rtx, key)
			if err == nil {
				err = emit(key, v)
			} else if errors.Is(err, store.ErrNotFound) {
				err = sealedstore.ScanSealed(rtx, entryRange(b), emit)
			}
			if err != nil {
				return err
			}
		}
		return sealedstore.ScanSealed(rtx, entryRange(k), emit)
	}, nil
}

// EntriesUnder returns the number of entries that the store key key
// holds if it is one of the log's entries: 1 for an entry's, the length
// of a block for a block's (whatever its value), 0 for any other key.
func EntriesUnder(key []byte) int64 {
	if _, ok := parseIndexKey(entryPrefix, key); ok {
		return 1
	}
	if _, ok := parseIndexKey(entryBlockPrefix, key); ok {
		return entryBlockLen
	}
	return 0
}

// entryRange returns the prefix of the individual keys of block b's
// entries.
func entryRange(b int64) []byte {
	first := indexKey(entryPrefix, b<<entryBlockBits)
	return first[:len(first)-entryBlockBits/4]
}

// ConvertEntries stores every complete block of the log's entries that is
// still individual keys (a log written before its store's feature set
// held format.AuditEntryBlocks) as one value, a block a transaction, as
// ConvertHashes does the hashes: a crash between two leaves a log that
// reads the same, and the next call goes on where it stopped. A block
// with an entry missing or damaged (not parsing at its position), or
// that is stored both ways, is left as it is, with an error naming it. It
// refuses a store whose feature set does not hold format.AuditEntryBlocks
// (ErrNoEntryBlocks).
func ConvertEntries(ctx context.Context, s store.Store, progress func(converted, total int)) (int, error) {
	return convertBlocks(ctx, s, entryBlocks, progress)
}

var entryBlocks = blockKind{
	feature:     format.AuditEntryBlocks,
	refused:     ErrNoEntryBlocks,
	unconverted: UnconvertedEntries,
	firstKey:    firstEntryKey,
	convert:     func(tx store.Tx, b int64) error { return writeEntryBlock(tx, b, nil) },
}

func firstEntryKey(b int64) []byte { return indexKey(entryPrefix, b<<entryBlockBits) }

// ErrNoEntryBlocks is ConvertEntries refusing a store whose feature set
// does not hold format.AuditEntryBlocks.
var ErrNoEntryBlocks = errors.New("the vault's storage features do not include " + format.AuditEntryBlocks)

// UnconvertedEntries returns the complete blocks of the log in rtx whose
// first entry is an individual key: those ConvertEntries has still to
// convert.
func UnconvertedEntries(rtx store.ReadTx) ([]int64, error) {
	n, err := Size(rtx)
	if err != nil {
		return nil, err
	}
	return unconvertedBlocks(rtx, completeEntryBlocks(n), firstEntryKey)
}
