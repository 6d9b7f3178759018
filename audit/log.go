package audit

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/store"
)

// Store keys; see the package documentation.
const (
	entryPrefix   = "audit/e/"
	hashPrefix    = "audit/h/"
	sizeKey       = "audit/n"
	checkpointKey = "audit/cp"
)

const lowerHex = "0123456789abcdef"

// indexKey returns prefix followed by i as 16 lowercase hex digits, so that
// keys sort in index order.
func indexKey(prefix string, i int64) []byte {
	b := make([]byte, len(prefix)+16)
	copy(b, prefix)
	for j := len(b) - 1; j >= len(prefix); j-- {
		b[j] = lowerHex[i&15]
		i >>= 4
	}
	return b
}

// parseIndexKey is the inverse of indexKey: it accepts only prefix and
// 16 lowercase hex digits of a number below 2⁶³. It allocates nothing: a
// verification parses the keys of a million entries and hashes.
func parseIndexKey(prefix string, key []byte) (int64, bool) {
	if len(key) != len(prefix)+16 || string(key[:len(prefix)]) != prefix {
		return 0, false
	}
	var i uint64
	for _, c := range key[len(prefix):] {
		switch {
		case '0' <= c && c <= '9':
			i = i<<4 | uint64(c-'0')
		case 'a' <= c && c <= 'f':
			i = i<<4 | uint64(c-'a'+10)
		default:
			return 0, false
		}
	}
	if i >= 1<<63 {
		return 0, false
	}
	return int64(i), true
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("audit log: %s: %w", fmt.Sprintf(format, args...), store.ErrCorrupt)
}

// Append appends e to the log in tx, so that the entry commits together with
// whatever else tx writes. It sets e.Seq to the entry's position, sets
// e.Time to now if it is zero, and otherwise converts it to UTC rounded
// down to the microsecond. It fails, writing nothing, if e cannot be
// encoded.
//
// Every append writes the log's size, so concurrent transactions that
// append conflict; a Batcher lets them share one transaction instead.
func Append(tx store.Tx, e *Entry) error {
	// Within a Batcher job's fn, the entry goes to the log itself; the
	// job's own entry commits to the job's writes.
	if r, ok := tx.(*recordingTx); ok {
		tx = r.Tx
	}
	n, err := Size(tx)
	if err != nil {
		return err
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	e.Seq = uint64(n)
	b, err := e.MarshalText()
	if err != nil {
		return err
	}
	hashes, err := tlog.StoredHashes(n, b, hashReader{tx, n})
	if err != nil {
		return err
	}
	if err := putHashes(tx, tlog.StoredHashIndex(0, n), hashes); err != nil {
		return err
	}
	if err := putEntry(tx, n, b); err != nil {
		return err
	}
	return tx.Set([]byte(sizeKey), strconv.AppendInt(nil, n+1, 10))
}

// Size returns the number of entries in the log.
func Size(rtx store.ReadTx) (int64, error) {
	v, err := rtx.Get([]byte(sizeKey))
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != string(v) {
		return 0, corrupt("malformed size %q", v)
	}
	return n, nil
}

// ReadEntries calls fn with each entry from index from up to, not including,
// to, and with its encoding. A stored entry that does not parse or is not
// at its own position is an *EntryError. It reads the entries in one
// sequential scan, not one lookup each, so that reading a whole log costs
// what reading an export does; the scan starts at from's block of 256
// entries, so that reading the last entries of a long log costs what
// they do.
func ReadEntries(rtx store.ReadTx, from, to int64, fn func(*Entry, []byte) error) error {
	n, err := Size(rtx)
	if err != nil {
		return err
	}
	if from < 0 || from > to || to > n {
		return fmt.Errorf("entries [%d, %d) out of range of a log of %d", from, to, n)
	}
	if from == to {
		return nil
	}
	return scanEntries(rtx, from, n, func(i int64, b []byte) error {
		switch {
		case i < from:
			return nil
		case i >= to:
			return errStop
		}
		e, err := parseAt(i, b)
		if err != nil {
			return err
		}
		return fn(e, b)
	})
}

// parseAt parses the entry found at position i of a log.
func parseAt(i int64, b []byte) (*Entry, error) {
	e, err := ParseEntry(b)
	if err != nil {
		return nil, &EntryError{Seq: i, Err: err}
	}
	if e.Seq != uint64(i) {
		return nil, &EntryError{Seq: i, Err: fmt.Errorf("found entry %d: entries dropped, repeated or reordered", e.Seq)}
	}
	return e, nil
}

// TreeHash returns the root hash of the tree of the first n entries, from
// the stored hashes.
func TreeHash(rtx store.ReadTx, n int64) (tlog.Hash, error) {
	size, err := Size(rtx)
	if err != nil {
		return tlog.Hash{}, err
	}
	if n < 0 || n > size {
		return tlog.Hash{}, fmt.Errorf("tree of %d entries out of range of a log of %d", n, size)
	}
	return tlog.TreeHash(n, hashReader{rtx, size})
}

// hashReader reads tlog's stored hashes from a transaction of a log of n
// entries, individual or in blocks (blocks.go).
type hashReader struct {
	rtx store.ReadTx
	n   int64
}

func (r hashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	hs := make([]tlog.Hash, len(indexes))
	// Each block read once for the call: tlog asks for several hashes of
	// one block, and a block is 128 KiB to open.
	blocks := make(map[int64][]byte)
	for i, x := range indexes {
		// A hash in a stored block of the log's complete blocks is read
		// from it: an individual key beside its block is never read
		// (LogKey: it is not the log's), nor a block beyond them.
		var v []byte
		var err error
		if x>>hashBlockBits < completeBlocks(tlog.StoredHashCount(r.n)) {
			v, err = inBlock(r.rtx, x, blocks)
		}
		if v == nil && err == nil {
			v, err = r.rtx.Get(indexKey(hashPrefix, x))
			if errors.Is(err, store.ErrNotFound) {
				v, err = nil, nil
			}
		}
		if err != nil {
			return nil, err
		}
		if hs[i], err = storedHash(x, v); err != nil {
			return nil, err
		}
	}
	return hs, nil
}

// inBlock returns the value stored for hash index x in its block, nil if
// there is none, reading the block into blocks if it is not there.
func inBlock(rtx store.ReadTx, x int64, blocks map[int64][]byte) ([]byte, error) {
	b := x >> hashBlockBits
	blk, ok := blocks[b]
	if !ok {
		var err error
		if ct, ok := rtx.(*cachedTx); ok {
			// A Batcher's transaction in a log without blocks looks
			// for none: every append reads about ten hashes.
			if has, err := ct.has(format.AuditHashBlocks); err != nil || !has {
				return nil, err
			}
			blk, err = ct.block(b)
		} else {
			blk, err = getBlock(rtx, b)
		}
		if err != nil {
			return nil, err
		}
		blocks[b] = blk
	}
	if blk == nil {
		return nil, nil
	}
	off := (x & (hashBlockLen - 1)) * tlog.HashSize
	return blk[off : off+tlog.HashSize], nil
}

// storedHash returns v, the value stored for hash index x (nil if none),
// as a hash.
func storedHash(x int64, v []byte) (tlog.Hash, error) {
	switch {
	case v == nil:
		return tlog.Hash{}, corrupt("stored hash %d is missing", x)
	case len(v) != tlog.HashSize:
		return tlog.Hash{}, corrupt("stored hash %d is %d bytes", x, len(v))
	}
	return tlog.Hash(v), nil
}

// hashBlockBits is the log2 of the number of stored hashes in a block
// (blocks.go): 4,096, three hex digits of the index key.
const hashBlockBits = 12

// A hashCursor reads stored hashes in ascending index order, a block of
// 1<<hashBlockBits at a time: its value, or one prefix scan of the
// individual keys that share all but their last digits, instead of one
// lookup each: verifying or exporting a log of n entries reads its 2n
// hashes sequentially, in memory of one block.
type hashCursor struct {
	rtx   store.ReadTx
	block int64 // index of the block loaded; -1 for none
	vals  [1 << hashBlockBits][]byte
}

func newHashCursor(rtx store.ReadTx) *hashCursor { return &hashCursor{rtx: rtx, block: -1} }

// at returns the value stored for hash index x, nil if there is none.
// Indexes must not go back to an earlier block.
func (c *hashCursor) at(x int64) ([]byte, error) {
	if b := x >> hashBlockBits; b != c.block {
		if err := c.load(b); err != nil {
			return nil, err
		}
	}
	return c.vals[x&(1<<hashBlockBits-1)], nil
}

func (c *hashCursor) load(b int64) error {
	clear(c.vals[:])
	c.block = b
	blk, err := getBlock(c.rtx, b)
	if err != nil {
		return err
	}
	for i := 0; i < len(blk); i += tlog.HashSize {
		c.vals[i/tlog.HashSize] = blk[i : i+tlog.HashSize]
	}
	first := indexKey(hashPrefix, b<<hashBlockBits)
	prefix := first[:len(first)-hashBlockBits/4]
	return c.rtx.Scan(prefix, func(key, value []byte) error {
		i, ok := parseIndexKey(hashPrefix, key)
		if !ok {
			return corrupt("stray key %q", key)
		}
		if blk != nil {
			return corrupt("stored hash %d is beside its block", i)
		}
		c.vals[i&(hashBlockLen-1)] = value
		return nil
	})
}
