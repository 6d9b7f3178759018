// Package store defines the storage contract that every tvault backend
// implements: an ordered key-value store with serialisable, atomic
// transactions.
//
// # Contract
//
// Keys and values are opaque byte strings. Keys are at most MaxKeySize bytes
// and values at most MaxValueSize bytes. The domain layer encrypts every value
// it writes before it reaches a Store, so a backend never sees user plaintext;
// a backend may add its own encryption at rest (the Badger backend does).
//
// Update runs fn in a read-write transaction. Either every Set and Delete of
// fn becomes durable together when Update returns nil, or none of them does.
// A backend that cannot make the writes durable returns an error. If fn
// returns an error, nothing is written and Update returns that error.
// A transaction that conflicts with a concurrent one is retried by the
// backend or fails with ErrConflict; it never commits a partial result.
//
// View runs fn in a read-only transaction that sees a consistent snapshot.
//
// A backend whose file system runs short of space refuses an Update with
// an error wrapping ErrNoSpace, writing nothing, before it runs out: it
// keeps room for what it writes on its own (flushes, compactions) and,
// beyond that, a margin that only transactions whose context was marked
// with UseReserve may take, so that the audit entries of reads still
// commit once other writes are refused. Reads never need room.
//
// Values returned by Tx.Get and passed to Scan callbacks are copies owned by
// the caller.
//
// A backend never reports damage as absence: a read that meets stored data
// failing the backend's checks (a checksum, a missing or cut file, a value
// it cannot read back) fails with an error wrapping ErrCorrupt, never with
// ErrNotFound, a missing Scan entry, an empty value or an older one.
//
// The conformance suite in package storetest checks this contract; every
// backend runs it.
//
// # Compatibility
//
// The contract is deliberately small (get, set, delete, ordered prefix scan)
// so that a relational backend such as PostgreSQL can implement it with one
// table of (key bytea primary key, value bytea).
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/tvault/tvault/internal/diskspace"
)

// Limits every backend accepts at least.
const (
	MaxKeySize   = 1 << 10
	MaxValueSize = 64 << 20
)

var (
	// ErrNotFound is returned by Tx.Get when the key does not exist.
	ErrNotFound = errors.New("key not found")
	// ErrConflict is returned by Update when a concurrent transaction
	// invalidated this one and the backend gave up retrying it.
	ErrConflict = errors.New("transaction conflict")
	// ErrTooLarge is returned when a key, value or transaction exceeds what
	// the backend can commit atomically.
	ErrTooLarge = errors.New("transaction too large")
	// ErrCorrupt is wrapped by errors a backend returns when what it reads
	// back from its own files fails its checks.
	ErrCorrupt = errors.New("stored data is corrupt")
	// ErrInUse is returned by a backend's open function when another
	// process holds the store (a backend that is not Shared).
	ErrInUse = errors.New("store is in use by another process")
	// ErrNoSpace is wrapped by errors of writes refused, or failed, for
	// want of space on the store's file system.
	ErrNoSpace = diskspace.ErrNoSpace
)

type reserveKey struct{}

// UseReserve returns ctx marked so that an Update under it may use the
// margin of space that a backend keeps for such transactions (see the
// package doc): the audit entries of reads, so that a vault whose disk
// fills up keeps serving them.
func UseReserve(ctx context.Context) context.Context {
	return context.WithValue(ctx, reserveKey{}, true)
}

// UsesReserve reports whether ctx was marked by UseReserve.
func UsesReserve(ctx context.Context) bool {
	b, _ := ctx.Value(reserveKey{}).(bool)
	return b
}

// Store is a transactional key-value store.
type Store interface {
	// Update runs fn in a read-write transaction and commits it durably.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only snapshot transaction.
	View(ctx context.Context, fn func(ReadTx) error) error
	// Close releases the store. It is safe to call once.
	Close() error
}

// Shared is implemented by a backend that several processes may open and
// write at once (pgstore); a backend that does not implement it is open in
// one process at a time, and its open function fails with ErrInUse in a
// second one.
//
// The transactions of every process are serialised together, as those of
// one process are: an Update that read what another process's Update then
// changed, before either committed, is retried or fails with ErrConflict.
// A process keeps no state of the store that another process could
// change behind it, or checks it (the vault reads the policy and the
// escrow set again for every request, see vault.Vault).
//
// A process that opens the store while no other has it open holds it
// alone until it calls Share: others wait to open it meanwhile. That is
// when it may clean up what a crash left half-done (an unfinished blob),
// which in another process could be work under way.
type Shared interface {
	Store
	// Alone reports whether the store was opened while no other process
	// had it open, and is still held alone (Share was not called).
	Alone() bool
	// Share lets other processes open the store. It is a no-op once
	// called.
	Share(ctx context.Context) error
}

// ReadTx reads within a transaction.
type ReadTx interface {
	// Get returns a copy of the value of key, or ErrNotFound.
	Get(key []byte) ([]byte, error)
	// Scan calls fn for every key that starts with prefix, in ascending key
	// order, until fn returns an error (which Scan then returns). Key and
	// value are copies owned by fn.
	Scan(prefix []byte, fn func(key, value []byte) error) error
}

// CheckedScanner is implemented by a ReadTx that can scan past values it
// cannot read. ScanChecked is Scan, except that a value the backend cannot
// read (its copy in the backend's files is missing or damaged) is passed
// to fn with a nil value and an error wrapping ErrCorrupt that names it,
// and the scan goes on, so that a check reports every such value in one
// pass. Elsewhere such a value fails the read (and, in badgerstore, every
// later one).
type CheckedScanner interface {
	ScanChecked(prefix []byte, fn func(key, value []byte, err error) error) error
}

// Tx reads and writes within a transaction.
type Tx interface {
	ReadTx
	// Set stores value under key, replacing any previous value.
	Set(key, value []byte) error
	// Delete removes key; deleting a missing key is not an error.
	Delete(key []byte) error
}

// CheckSizes reports ErrTooLarge (wrapped with which part) when key or
// value exceeds the contract's limits, and an error for an empty key.
// Backends call it from Tx.Set.
func CheckSizes(key, value []byte) error {
	switch {
	case len(key) == 0:
		return errors.New("empty key")
	case len(key) > MaxKeySize:
		return fmt.Errorf("key of %d bytes: %w", len(key), ErrTooLarge)
	case len(value) > MaxValueSize:
		return fmt.Errorf("value of %d bytes: %w", len(value), ErrTooLarge)
	}
	return nil
}
