// Package sealedstore is a store.Store that seals every value it writes to
// another store and opens every value it reads back, so that the store
// underneath (Badger and its files, a database server, a backup) is not
// trusted for the integrity of anything the vault keeps in it.
//
// # Format
//
// The inner store holds, for a value v under storage key k,
//
//	nonce (24 bytes) || XChaCha20-Poly1305(key, nonce, v, ad) || tag (16 bytes)
//
// with associated data ad = "tvault/sealed/v1" || 0x00 || k, sealed by
// crypto/secretbox under the 32-byte key given to New (the vault derives it
// with keys.Values). A sealed value is Overhead (40) bytes longer than v.
// Keys are stored as they are: they are the associated data, not secret.
//
// # Limits
//
// The inner store accepts values of at most store.MaxValueSize bytes, so
// this store accepts at most MaxValueSize = store.MaxValueSize - Overhead
// and reports a longer value as store.ErrTooLarge from Tx.Set. Key limits
// are the contract's.
//
// # Guarantees
//
// A value read back is exactly one that this store wrote under the same
// key with the same key: a value changed by a single bit, forged from a
// known plaintext (what the AES-CTR of Badger's encryption at rest allows),
// copied from another key or written by another vault fails to open. Get
// and Scan then return a *CorruptError naming the key, which wraps
// store.ErrCorrupt; never the value, never store.ErrNotFound.
//
// It does not detect a deleted key, a key restored with a value it held
// before (a rollback of one value or of the whole store), or a whole store
// swapped for an older copy: each sealed value is valid on its own. The
// audit log, which commits to what each write stored, is what detects
// those. Keys, value lengths and the order of writes are visible to
// whoever reads the inner store.
//
// # Rekeying
//
// A store can move to a new key while in use (Rekey): from then on it
// seals under the new key and opens values under either, and Reseal seals
// again under the new key every value that only the old one opens. Once it
// has, Forget drops the old key. A store opened over values under two keys
// (a rekey cut off by a crash) is made by New with the old key as older.
package sealedstore

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tvault/tvault/crypto/secretbox"
	"github.com/tvault/tvault/vault/store"
)

const (
	// Overhead is how many bytes sealing adds to a value: the nonce and the
	// tag.
	Overhead = chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead
	// MaxValueSize is the longest value this store accepts.
	MaxValueSize = store.MaxValueSize - Overhead
)

// adPrefix binds the format, and this use of the key, into every seal.
const adPrefix = "tvault/sealed/v1\x00"

// CorruptError reports a stored value that failed to open: it was changed,
// or copied from another key, or sealed under another key.
type CorruptError struct {
	Key string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("integrity error: stored value of %q failed authentication", e.Key)
}

// Unwrap returns store.ErrCorrupt.
func (e *CorruptError) Unwrap() error { return store.ErrCorrupt }

// New returns a store that seals the values it writes to inner under key,
// which must be 32 bytes, and opens values sealed under key or under older,
// if given (a rekey under way). Closing it closes inner.
func New(inner store.Store, key []byte, older ...[]byte) (store.Store, error) {
	if len(older) > 1 {
		return nil, errors.New("sealed store: more than one older key")
	}
	k, err := newKeys(key, older...)
	if err != nil {
		return nil, err
	}
	s := &sealedStore{inner: inner}
	s.keys.Store(k)
	return s, nil
}

// keys are the boxes of a store: box seals and opens, older only opens.
type keys struct {
	box, older *secretbox.Box
}

func newKeys(key []byte, older ...[]byte) (*keys, error) {
	box, err := secretbox.New(key)
	if err != nil {
		return nil, fmt.Errorf("sealed store key: %w", err)
	}
	k := &keys{box: box}
	for _, o := range older {
		if k.older, err = secretbox.New(o); err != nil {
			return nil, fmt.Errorf("sealed store older key: %w", err)
		}
	}
	return k, nil
}

type sealedStore struct {
	inner store.Store
	// keys changes only by Rekey and Forget; a transaction uses the keys
	// in force when it began.
	keys atomic.Pointer[keys]
}

// ErrNotSealed is returned by Rekey, Reseal and Forget for a store that
// New did not make.
var ErrNotSealed = errors.New("not a sealed store")

// Rekey makes s seal under key from now on, and open values under its
// current key as well until Forget. It fails if s is still opening values
// under an older key (a previous rekey not forgotten).
func Rekey(s store.Store, key []byte) error {
	ss, ok := s.(*sealedStore)
	if !ok {
		return ErrNotSealed
	}
	cur := ss.keys.Load()
	if cur.older != nil {
		return errors.New("sealed store: a previous rekey is unfinished")
	}
	k, err := newKeys(key)
	if err != nil {
		return err
	}
	k.older = cur.box
	ss.keys.Store(k)
	return nil
}

// Forget makes s open only values under the key it seals with. Call it
// once Reseal has succeeded.
func Forget(s store.Store) error {
	ss, ok := s.(*sealedStore)
	if !ok {
		return ErrNotSealed
	}
	ss.keys.Store(&keys{box: ss.keys.Load().box})
	return nil
}

// resealBatch bounds the values that one transaction of Reseal rewrites.
const resealBatch = 512

// Reseal seals again, under the key s seals with, every value that only
// its older key opens, a batch of values a transaction, and returns how
// many it sealed again. The values' plaintexts are unchanged. A value that
// neither key opens fails it with a *CorruptError. It may be called
// again after a failure or a crash, and while s is in use.
func Reseal(ctx context.Context, s store.Store) (int, error) {
	ss, ok := s.(*sealedStore)
	if !ok {
		return 0, ErrNotSealed
	}
	k := ss.keys.Load()
	if k.older == nil {
		return 0, nil
	}
	var stale [][]byte
	err := ss.inner.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func(key, sealed []byte) error {
			if _, err := k.box.Open(ad(key), sealed); err != nil {
				stale = append(stale, key)
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for len(stale) > 0 {
		batch := stale[:min(len(stale), resealBatch)]
		stale = stale[len(batch):]
		err := ss.inner.Update(ctx, func(tx store.Tx) error {
			n0 := 0
			for _, key := range batch {
				sealed, err := tx.Get(key)
				if errors.Is(err, store.ErrNotFound) {
					continue // deleted since the scan
				}
				if err != nil {
					return err
				}
				if _, err := k.box.Open(ad(key), sealed); err == nil {
					continue // written again since the scan
				}
				v, err := k.older.Open(ad(key), sealed)
				if err != nil {
					return &CorruptError{Key: string(key)}
				}
				if err := tx.Set(key, k.box.Seal(ad(key), v)); err != nil {
					return err
				}
				n0++
			}
			n += n0
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (s *sealedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	k := s.keys.Load()
	return s.inner.Update(ctx, func(t store.Tx) error {
		return fn(tx{readTx{t, k}, t})
	})
}

func (s *sealedStore) View(ctx context.Context, fn func(store.ReadTx) error) error {
	k := s.keys.Load()
	return s.inner.View(ctx, func(t store.ReadTx) error {
		return fn(readTx{t, k})
	})
}

func (s *sealedStore) Close() error { return s.inner.Close() }

func ad(key []byte) []byte {
	// One allocation: a scan of the audit log opens about three values
	// an entry.
	b := make([]byte, 0, len(adPrefix)+len(key))
	return append(append(b, adPrefix...), key...)
}

type readTx struct {
	inner store.ReadTx
	k     *keys
}

func (t readTx) open(key, sealed []byte) ([]byte, error) {
	v, err := t.k.box.Open(ad(key), sealed)
	if err != nil && t.k.older != nil {
		v, err = t.k.older.Open(ad(key), sealed)
	}
	if err != nil {
		return nil, &CorruptError{Key: string(key)}
	}
	return v, nil
}

func (t readTx) Get(key []byte) ([]byte, error) {
	sealed, err := t.inner.Get(key)
	if err != nil {
		return nil, err
	}
	return t.open(key, sealed)
}

func (t readTx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	return t.inner.Scan(prefix, func(key, sealed []byte) error {
		// The inner scan's value is a copy this scan owns: opened in
		// place, a scan allocates no plaintext (a list of 50,000 records
		// opens 50,000 index entries).
		v, err := Sealed{t: t, key: key, value: sealed}.Open()
		if err != nil {
			return err
		}
		return fn(key, v)
	})
}

type tx struct {
	readTx
	inner store.Tx
}

func (t tx) Set(key, value []byte) error {
	if err := store.CheckSizes(key, nil); err != nil {
		return err
	}
	if len(value) > MaxValueSize {
		return fmt.Errorf("value of %d bytes, more than the %d a sealed store takes: %w", len(value), MaxValueSize, store.ErrTooLarge)
	}
	return t.inner.Set(key, t.k.box.Seal(ad(key), value))
}

func (t tx) Delete(key []byte) error { return t.inner.Delete(key) }

// ScanChecked is rtx.Scan, except that when rtx is a transaction of a
// sealed store, a value that fails to open is passed to fn as a
// *CorruptError, with a nil value, and the scan goes on: a check reports
// every damaged value in one pass. So is, with its error, a value that the
// store under it cannot read, when it is a store.CheckedScanner.
func ScanChecked(rtx store.ReadTx, prefix []byte, fn func(key, value []byte, err error) error) error {
	return ScanSealed(rtx, prefix, func(key []byte, v Sealed) error {
		value, err := v.Open()
		return fn(key, value, err)
	})
}

// A Sealed is a value as ScanSealed read it, still sealed.
type Sealed struct {
	t          readTx // nil inner: rtx was not a sealed store's
	key, value []byte
	err        error // the store's, reading the value
}

// Open opens v as Scan would, failing with a *CorruptError, or with the
// error of the store under the scan that could not read it. It may be
// called on any goroutine, once: it decrypts in place, over the copy of
// the sealed value that the scan made (the store's values are copies its
// caller owns), instead of allocating the plaintext.
func (v Sealed) Open() ([]byte, error) {
	switch {
	case v.err != nil:
		return nil, v.err
	case v.t.inner == nil:
		return v.value, nil
	case v.t.k.older != nil:
		// A failed open in place destroys the sealed value, which the
		// older key must still be tried on.
		return v.t.open(v.key, v.value)
	}
	pt, err := v.t.k.box.OpenInPlace(ad(v.key), v.value)
	if err != nil {
		return nil, &CorruptError{Key: string(v.key)}
	}
	return pt, nil
}

// Len is the length of v as stored: sealed, Overhead bytes longer than
// the value Open returns.
func (v Sealed) Len() int { return len(v.value) }

// ScanSealed is rtx.Scan, except that fn gets each value still sealed,
// to open later, on any goroutine. Opening is about a third of the cost
// of scanning many small values: a caller that reads a long run of them
// (the audit log's) opens them on all cores while the scan goes on. A
// Sealed is a value, not a closure, so that a scan of a million values
// does not allocate a million of them.
// When the store under rtx is a store.CheckedScanner, a value it cannot
// read is passed on too, and Open returns its error. When rtx is not a
// transaction of a sealed store, Open returns the value.
func ScanSealed(rtx store.ReadTx, prefix []byte, fn func(key []byte, v Sealed) error) error {
	t, ok := rtx.(readTx)
	if !ok {
		return rtx.Scan(prefix, func(key, value []byte) error {
			return fn(key, Sealed{value: value})
		})
	}
	sealedOpen := func(key, sealed []byte, err error) error {
		return fn(key, Sealed{t: t, key: key, value: sealed, err: err})
	}
	if c, ok := t.inner.(store.CheckedScanner); ok {
		return c.ScanChecked(prefix, sealedOpen)
	}
	return t.inner.Scan(prefix, func(key, sealed []byte) error { return sealedOpen(key, sealed, nil) })
}

// GetSealed is rtx.Get, except that it returns the value still sealed,
// to open later, on any goroutine, as ScanSealed does; store.ErrNotFound
// if there is none. The Sealed keeps key, which the caller must not
// change before it opens it.
func GetSealed(rtx store.ReadTx, key []byte) (Sealed, error) {
	t, ok := rtx.(readTx)
	if !ok {
		v, err := rtx.Get(key)
		return Sealed{value: v}, err
	}
	v, err := t.inner.Get(key)
	if err != nil {
		return Sealed{}, err
	}
	return Sealed{t: t, key: key, value: v}, nil
}

// Inner returns the transaction of the store under rtx when rtx is a
// transaction of a sealed store, whose values it reads still sealed (a
// backup copies them so), and false otherwise.
func Inner(rtx store.ReadTx) (store.ReadTx, bool) {
	t, ok := rtx.(readTx)
	return t.inner, ok
}
