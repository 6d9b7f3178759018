package audit

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// A Report is what a successful verification established.
type Report struct {
	// Origin names the log.
	Origin string
	// Size is the number of entries in the log, and Root the root hash of
	// their tree. From a proof, they are the checkpoint's.
	Size int64
	Root tlog.Hash
	// Checkpoint is the signed checkpoint that was verified, which covers
	// the first CheckpointSize entries (an export holds no others; a store
	// may hold later entries, not yet checkpointed). An auditor keeps it to
	// check the next report against. It is nil for an empty log never
	// checkpointed.
	Checkpoint     []byte
	CheckpointSize int64
	// OldSize is the size of the old checkpoint that the log was shown to
	// extend, when one was given.
	OldSize int64
}

// A treeBuilder computes the RFC 6962 tree of a sequence of leaf hashes
// while keeping only the roots of its maximal complete subtrees, so that
// verifying a log of any length takes memory logarithmic in its size.
type treeBuilder struct {
	n     int64
	stack []tlog.Hash // subtree roots, largest (leftmost) first
}

// add adds the next leaf and returns, in stored, the hashes that tlog
// stores for it: those of tlog.StoredHashes, from index
// tlog.StoredHashIndex(0, n).
func (t *treeBuilder) add(leaf tlog.Hash, stored []tlog.Hash) []tlog.Hash {
	stored = append(stored[:0], leaf)
	h := leaf
	// Each trailing 1 bit of n is a complete subtree of the same size to
	// the left, which the new leaf's subtree completes.
	for i := t.n; i&1 == 1; i >>= 1 {
		h = tlog.NodeHash(t.stack[len(t.stack)-1], h)
		t.stack = t.stack[:len(t.stack)-1]
		stored = append(stored, h)
	}
	t.stack = append(t.stack, h)
	t.n++
	return stored
}

// root returns the root hash of the tree so far.
func (t *treeBuilder) root() tlog.Hash {
	if t.n == 0 {
		return emptyRoot
	}
	h := t.stack[len(t.stack)-1]
	for i := len(t.stack) - 2; i >= 0; i-- {
		h = tlog.NodeHash(t.stack[i], h)
	}
	return h
}

// checkRoots fails with ErrInconsistent if the tree so far has the size of
// one of the checkpoints but not its root.
func (t *treeBuilder) checkRoots(cps ...*checkpoint) error {
	for _, c := range cps {
		if c != nil && c.N == t.n && c.Hash != t.root() {
			return fmt.Errorf("%w of size %d: entries do not hash to its root", ErrInconsistent, c.N)
		}
	}
	return nil
}

// VerifyStored checks the whole log in rtx: that every entry parses
// canonically and is at its own position, that the stored hashes are those
// of the entries, that the latest stored checkpoint is signed by verifier
// and that its root is that of the entries it covers. A log with entries
// but no checkpoint fails with ErrNoCheckpoint.
//
// A store whose log was rewritten by someone holding the signing key, or
// rolled back to an older copy, passes: see VerifyStoredAgainst.
func VerifyStored(rtx store.ReadTx, verifier note.Verifier) (*Report, error) {
	return VerifyStoredAgainst(rtx, verifier, nil)
}

// VerifyStoredAgainst is like VerifyStored and, if old is not nil, also
// checks that the log extends old, a checkpoint of the same log kept from
// earlier. A log with fewer entries than old fails with ErrLogOlder; a log
// whose first entries do not hash to old's root fails with
// ErrInconsistent.
func VerifyStoredAgainst(rtx store.ReadTx, verifier note.Verifier, old []byte) (*Report, error) {
	n, err := Size(rtx)
	if err != nil {
		return nil, err
	}
	rep := &Report{Origin: verifier.Name(), Size: n}
	hs, err := readHandovers(rtx)
	if err != nil {
		return nil, err
	}
	chain, err := followKeys(verifier, hs)
	if err != nil {
		return nil, err
	}
	var cp, oc *checkpoint
	// The kept checkpoint is checked first: a rollback to a copy made
	// before any checkpoint was stored must still read as a rollback.
	if old != nil {
		if oc, err = chain.open(old); err != nil {
			return nil, fmt.Errorf("old checkpoint: %w", err)
		}
		if oc.N > n {
			return nil, olderError(n, oc.N)
		}
		rep.OldSize = oc.N
	}
	msg, err := rtx.Get([]byte(checkpointKey))
	switch {
	case errors.Is(err, store.ErrNotFound):
		if n > 0 {
			return nil, fmt.Errorf("%w: %d entries", ErrNoCheckpoint, n)
		}
	case err != nil:
		return nil, err
	default:
		if cp, err = openCheckpoint(msg, chain.last()); err != nil {
			return nil, fmt.Errorf("stored checkpoint: %w", err)
		}
		if cp.N > n {
			return nil, fmt.Errorf("stored checkpoint: %w", olderError(n, cp.N))
		}
		rep.Checkpoint, rep.CheckpointSize = cp.msg, cp.N
	}
	roots := append([]*checkpoint{cp, oc}, chain.cps...)
	var t treeBuilder
	if err := t.checkRoots(roots...); err != nil {
		return nil, err
	}
	// The stored hashes are checked in one scan of them all, against the
	// digest of those the entries give; only if they differ are they
	// read again, beside each entry, to name the first that differs.
	count := tlog.StoredHashCount(n)
	want, whole, err := storedDigest(rtx, count)
	if err != nil {
		return nil, err
	}
	digest := sha256.New()
	var hashes *hashCursor
	if !whole {
		hashes = newHashCursor(rtx)
	}
	for {
		var stored []tlog.Hash
		inconsistent := false // in the first, fast scan
		// The first scan parses and hashes the entries on all cores; the
		// second reads the stored hashes beside them, on this goroutine.
		err = scanEntriesWith(rtx, 0, n, hashes == nil, func(i int64, b []byte) (tlog.Hash, error) {
			if _, err := parseAt(i, b); err != nil {
				return tlog.Hash{}, err
			}
			if err := chain.checkEntry(i, b); err != nil {
				return tlog.Hash{}, err
			}
			return tlog.RecordHash(b), nil
		}, func(i int64, b []byte, leaf tlog.Hash) error {
			stored = t.add(leaf, stored)
			if hashes == nil {
				for _, h := range stored {
					digest.Write(h[:])
				}
				// Which error comes first (a stored hash, a root) is
				// for the second scan to say.
				inconsistent = inconsistent || t.checkRoots(roots...) != nil
				return nil
			}
			base := tlog.StoredHashIndex(0, i)
			for k, h := range stored {
				v, err := hashes.at(base + int64(k))
				if err != nil {
					return err
				}
				if !bytes.Equal(v, h[:]) {
					return &EntryError{Seq: i, Err: errHashMismatch}
				}
			}
			return t.checkRoots(roots...)
		})
		if err != nil {
			return nil, err
		}
		if hashes != nil || !inconsistent && bytes.Equal(digest.Sum(nil), want) {
			break
		}
		t, hashes = treeBuilder{}, newHashCursor(rtx)
	}
	if hashes != nil {
		// The scan that found the stored hashes not whole said why only
		// for those it stopped at: a stray key is found here.
		err = sealedstore.ScanSealed(rtx, []byte(hashPrefix), func(key []byte, _ sealedstore.Sealed) error {
			if i, ok := parseIndexKey(hashPrefix, key); !ok || i >= count {
				return corrupt("stray key %q", key)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = sealedstore.ScanSealed(rtx, []byte(hashBlockPrefix), func(key []byte, _ sealedstore.Sealed) error {
			if b, ok := parseIndexKey(hashBlockPrefix, key); !ok || b >= completeBlocks(count) {
				return corrupt("stray key %q", key)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	rep.Root = t.root()
	return rep, nil
}

// storedDigest scans the stored hashes of a log of count of them, and
// returns the SHA-256 of their concatenation in index order, with whole
// true if they are exactly the hashes of indexes 0 to count-1, in blocks
// 0 to k-1 (blocks.go) then individual keys from the next index on; false
// if a key is missing, out of place, beyond them or malformed, a value is
// not a block or a hash, or the layout is any other (a log being
// converted by another process): the scan beside the entries reads that.
// When every complete block is stored, it scans only the individual keys
// of the last block's range, not the keys that writing the blocks deleted
// (which Badger steps over until it compacts them away): an individual
// key beside its block is not read (hashReader reads the block), and
// LogKey finds it.
func storedDigest(rtx store.ReadTx, count int64) (sum []byte, whole bool, err error) {
	d := sha256.New()
	// One block at a time: a window of blocks opened ahead would be tens
	// of MiB, and the blocks are only hundreds.
	k, whole, err := digestScan(rtx, d, []byte(hashBlockPrefix), false, hashBlockSize, 0, completeBlocks(count))
	if err != nil || !whole {
		return nil, false, err
	}
	prefix := []byte(hashPrefix)
	if k == completeBlocks(count) {
		first := indexKey(hashPrefix, k<<hashBlockBits)
		prefix = first[:len(first)-hashBlockBits/4]
	}
	next, whole, err := digestScan(rtx, d, prefix, true, tlog.HashSize, k<<hashBlockBits, count)
	if err != nil {
		return nil, false, err
	}
	return d.Sum(nil), whole && next == count, nil
}

// digestScan writes to d the values under prefix (the hashes' or the
// blocks', or a range of the hashes'), in key order, while they are
// values of size bytes under the keys of indexes from, from+1 and so on
// below limit. It returns the index after the last one written, and
// whether every value under prefix was.
func digestScan(rtx store.ReadTx, d hash.Hash, prefix []byte, parallel bool, size int, from, limit int64) (next int64, whole bool, err error) {
	type result struct {
		i     int64
		value []byte // nil if the key or the value is not one of prefix's
	}
	// The keys' own prefix: prefix may be a range of them.
	keys := hashPrefix
	if bytes.HasPrefix(prefix, []byte(hashBlockPrefix)) {
		keys = hashBlockPrefix
	}
	next, whole = from, true
	err = scanParallel(prefixSource(rtx, prefix), parallel, func(key []byte, sealed sealedstore.Sealed) (x result) {
		i, ok := parseIndexKey(keys, key)
		if !ok {
			return x
		}
		// A value that does not open leaves the hashes not whole: the
		// scan beside the entries names it.
		if v, err := sealed.Open(); err == nil && len(v) == size {
			x.i, x.value = i, v
		}
		return x
	}, func(_ []byte, x result) error {
		if x.value == nil || x.i != next || x.i >= limit {
			whole = false
			return errStop
		}
		d.Write(x.value)
		next++
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, false, err
	}
	return next, whole, nil
}

// errStop ends a scan early without an error.
var errStop = errors.New("stop")

// scanEntries calls fn with each stored entry of a log of n, in order,
// from the first of entry from's block (entryBlockLen entries) on,
// reading none before. It fails with an *EntryError if an entry is
// missing or one lies beyond n. fn may return errStop to end the scan
// early.
func scanEntries(rtx store.ReadTx, from, n int64, fn func(i int64, b []byte) error) error {
	return scanEntriesWith(rtx, from, n, false, func(int64, []byte) (struct{}, error) { return struct{}{}, nil },
		func(i int64, b []byte, _ struct{}) error { return fn(i, b) })
}

// scanEntriesWith is scanEntries with work, which scanParallel runs on
// each entry before fn, on all cores with parallel; fn gets what it
// returned unless it failed, which ends the scan with its error when fn
// would have been called.
func scanEntriesWith[R any](rtx store.ReadTx, from, n int64, parallel bool, work func(i int64, b []byte) (R, error), fn func(i int64, b []byte, r R) error) error {
	type entry struct {
		b   []byte
		r   R
		err error
	}
	type result struct {
		i     int64 // of the entry, or the block's first
		ok    bool  // the key is an entry's or a block's
		entry       // of an individual key
		block []entry
		err   error // reading the block
	}
	src, err := entrySource(rtx, from, n)
	if err != nil {
		return err
	}
	one := func(i int64, b []byte, err error) (e entry) {
		if e.b, e.err = b, err; err == nil {
			e.r, e.err = work(i, b)
		}
		return e
	}
	next := from &^ (entryBlockLen - 1)
	call := func(i int64, e entry) error {
		if e.err != nil {
			return e.err
		}
		next++
		return fn(i, e.b, e.r)
	}
	err = scanParallel(src, parallel, func(key []byte, sealed sealedstore.Sealed) (x result) {
		if b, ok := parseIndexKey(entryBlockPrefix, key); ok {
			x.i, x.ok = b<<entryBlockBits, true
			v, err := sealed.Open()
			var es [][]byte
			if err == nil {
				es, err = entryBlockEntries(b, v)
			}
			if x.err = err; err != nil {
				return x
			}
			x.block = make([]entry, len(es))
			for k, e := range es {
				x.block[k] = one(x.i+int64(k), e, nil)
			}
			return x
		}
		if x.i, x.ok = parseIndexKey(entryPrefix, key); !x.ok || x.i >= n {
			return x
		}
		v, err := sealed.Open()
		x.entry = one(x.i, v, err)
		return x
	}, func(key []byte, x result) error {
		switch {
		case !x.ok:
			return corrupt("stray key %q", key)
		case x.i > next && next < n:
			return &EntryError{Seq: next, Err: errMissing}
		case x.i >= n:
			return &EntryError{Seq: x.i, Err: fmt.Errorf("entry beyond the end of the log (size %d)", n)}
		case x.err != nil:
			return x.err
		case x.block == nil:
			return call(x.i, x.entry)
		}
		for k, e := range x.block {
			if err := call(x.i+int64(k), e); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errStop):
		return nil
	case err != nil:
		return err
	case next < n:
		return &EntryError{Seq: next, Err: errMissing}
	}
	return nil
}

// VerifyExport reads an export (see Export) from r and checks it offline
// against the log's verifier key (a note verifier key, as GenerateKey
// returns): that its checkpoint is signed by the key for the key's log,
// that it holds exactly the checkpoint's entries, each canonical and at its
// own position, and that they hash to the checkpoint's root.
//
// If old is not nil, it is a checkpoint of the same log kept from earlier,
// and VerifyExport also checks that the log extends it: the first entries
// hash to old's root. Having every entry, it recomputes that root instead
// of checking a consistency proof, which proves the same and more.
//
// Failures are ErrBadSignature, ErrOtherLog, ErrLogOlder (the export is
// cut short, or older than old), ErrInconsistent and *EntryError, wrapped
// with what was found; anything else is a malformed export.
func VerifyExport(r io.Reader, verifierKey string, old []byte) (*Report, error) {
	return ReadExport(r, verifierKey, old, nil)
}

// ReadExport verifies an export as VerifyExport does and calls fn, if not
// nil, with each of its entries, in order, as it reads them. The export
// is verified only once ReadExport returns nil: until then an entry may
// be forged, so a caller keeps what fn is given and uses it only then.
// An error from fn ends the read and is returned.
func ReadExport(r io.Reader, verifierKey string, old []byte, fn func(*Entry) error) (*Report, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, fmt.Errorf("invalid verifier key: %v", err)
	}
	x, hs, msg, err := newExportReader(r)
	if err != nil {
		return nil, err
	}
	chain, err := followKeys(v, hs)
	if err != nil {
		return nil, err
	}
	cp, err := openCheckpoint(msg, chain.last())
	if err != nil {
		return nil, err
	}
	for _, c := range chain.cps {
		if c.N > cp.N {
			return nil, corrupt("a handover's checkpoint (size %d) is beyond the export's (size %d)", c.N, cp.N)
		}
	}
	rep := &Report{Origin: cp.origin, Size: cp.N, Root: cp.Hash, Checkpoint: cp.msg, CheckpointSize: cp.N}
	var oc *checkpoint
	if old != nil {
		if oc, err = chain.open(old); err != nil {
			return nil, fmt.Errorf("old checkpoint: %w", err)
		}
		if oc.N > cp.N {
			return nil, olderError(cp.N, oc.N)
		}
		rep.OldSize = oc.N
	}

	roots := append([]*checkpoint{oc}, chain.cps...)
	var t treeBuilder
	if err := t.checkRoots(roots...); err != nil {
		return nil, err
	}
	var stored []tlog.Hash
	for i := int64(0); ; i++ {
		b, leaf, err := x.next()
		if err == io.EOF {
			break
		}
		if err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("export ends inside entry %d: %w", i, olderError(i, cp.N))
		}
		if err != nil {
			return nil, fmt.Errorf("malformed export: entry %d: %v", i, err)
		}
		if i >= cp.N {
			return nil, &EntryError{Seq: i, Err: fmt.Errorf("entry beyond the checkpoint (size %d)", cp.N)}
		}
		e, err := parseAt(i, b)
		if err != nil {
			return nil, err
		}
		if err := chain.checkEntry(i, b); err != nil {
			return nil, err
		}
		h := tlog.RecordHash(b)
		if h != leaf {
			return nil, &EntryError{Seq: i, Err: errHashMismatch}
		}
		if fn != nil {
			if err := fn(e); err != nil {
				return nil, err
			}
		}
		stored = t.add(h, stored)
		if err := t.checkRoots(roots...); err != nil {
			return nil, err
		}
	}
	if t.n < cp.N {
		return nil, fmt.Errorf("export is cut short: %w", olderError(t.n, cp.N))
	}
	if err := t.checkRoots(cp); err != nil {
		return nil, err
	}
	return rep, nil
}
