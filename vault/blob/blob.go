// Package blob defines the contract of tvault's blob stores: write-once,
// streamed files too large for the record store, such as the recordings
// attached to a testimony.
//
// # Contract
//
// A blob is an opaque byte string of any size. The domain layer encrypts
// everything before it reaches a Store (attachments are age files), so a
// backend never sees user plaintext.
//
// Create starts a blob. Its content is streamed to the Writer, which may
// hold only a bounded amount of it in memory. Commit makes the whole content
// durable and then visible under a new name that the backend draws at
// random: a name reveals nothing of the content, its owner or the order of
// creation, and two commits never share a name. Once Commit returns nil,
// Open finds the blob, complete and unchanged; if Commit fails, or the
// Writer is aborted, no blob is visible and nothing of the content remains
// in the store. Abort after Commit does nothing, so callers may defer it.
// A crash at any point leaves either no blob or the whole blob under its
// name.
//
// A crash can leave the content of an unfinished Writer in the store, out
// of sight of Open. Sweep removes it. It may run only while no Writer of
// the store is open, in any process (tvault runs it when it opens a vault
// that no other process has open: a directory, under its lock, or a
// database held alone, store.Shared); a Writer whose content it removed
// fails to Commit.
//
// List names every committed blob (a check finds blobs that nothing
// refers to with it), and nothing else that the store holds.
//
// Blobs never change. Open returns a handle that reads the blob from its
// start (io.Reader) and at any offset (io.ReaderAt, safe for concurrent
// use), with its size. Remove deletes a blob; removing a blob that does not
// exist is not an error. Open of a missing blob fails with ErrNotFound, and
// every method refuses a string that is not a name (CheckName) before it
// touches storage.
//
// The conformance suite in package blobtest checks this contract; every
// backend runs it.
//
// # Compatibility
//
// The contract fits an object store (S3, GCS): Create streams a multipart
// upload to a temporary key, Commit copies it to the random name, Open reads
// with ranged GETs.
package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// ErrNotFound is returned by Open for a name that holds no blob.
var ErrNotFound = errors.New("blob not found")

// nameBytes is the randomness of a name: 128 bits do not collide.
const nameBytes = 16

// Store is a store of write-once blobs. Its methods are safe for
// concurrent use.
type Store interface {
	// Create starts a new blob, to be written and then committed or
	// aborted.
	Create(ctx context.Context) (Writer, error)
	// Open returns a handle on the blob called name.
	Open(ctx context.Context, name string) (Reader, error)
	// Remove deletes the blob called name, if it exists.
	Remove(ctx context.Context, name string) error
	// Sweep removes the content of Writers that were neither committed
	// nor aborted, and returns how many it removed. No Writer may be open.
	Sweep(ctx context.Context) (int, error)
	// List calls fn with the name of every committed blob, in no set
	// order, until fn returns an error, which List returns. Blobs
	// committed or removed meanwhile may be listed or not.
	List(ctx context.Context, fn func(name string) error) error
}

// Writer streams the content of a new blob.
type Writer interface {
	io.Writer
	// Commit makes the content durable under a new random name, which it
	// returns. The Writer is finished afterwards, whatever the outcome.
	Commit() (name string, err error)
	// Abort discards the content. It does nothing after Commit or Abort.
	Abort() error
}

// NamedWriter is a Writer that can also commit under a name it is given
// instead of a new one: for copying the blobs of a vault into another
// store (a restore, a migration), where the vault's values name its
// blobs. The backends' Writers are NamedWriters.
type NamedWriter interface {
	Writer
	// CommitAs is Commit under name, a name (CheckName) that holds no
	// blob yet; it fails otherwise, and the content is discarded.
	CommitAs(name string) error
}

// Copy streams what r reads into s as the blob called name, whose
// Writers must be NamedWriters; it fails if name holds a blob already.
func Copy(ctx context.Context, s Store, name string, r io.Reader) error {
	if err := CheckName(name); err != nil {
		return err
	}
	w, err := s.Create(ctx)
	if err != nil {
		return err
	}
	defer w.Abort()
	nw, ok := w.(NamedWriter)
	if !ok {
		return fmt.Errorf("blob store %T cannot store a blob under a given name", s)
	}
	if _, err := io.Copy(w, r); err != nil {
		return err
	}
	return nw.CommitAs(name)
}

// Reader reads a committed blob.
type Reader interface {
	io.Reader
	io.ReaderAt
	io.Closer
	// Size returns the size of the blob in bytes.
	Size() int64
}

// NewName returns a fresh random name: 32 lowercase hex digits.
func NewName() string {
	b := make([]byte, nameBytes)
	rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// CheckName reports an error if name is not one NewName could return.
// Backends call it first, so that a name never reaches a path or a key
// unchecked.
func CheckName(name string) error {
	if len(name) != 2*nameBytes {
		return fmt.Errorf("invalid blob name %q", name)
	}
	for _, c := range []byte(name) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return fmt.Errorf("invalid blob name %q", name)
		}
	}
	return nil
}
