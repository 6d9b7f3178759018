// Package fsblob is the file system backend of the blob contract (package
// blob): each blob is a file in one directory, named by its blob name.
//
// A blob is streamed to a temporary file ".tmp-<random>" created with
// O_EXCL and mode 0600, fsynced, hard-linked to its name (which fails if
// the name exists), unlinked from the temporary name, and the directory is
// fsynced, much as package atomicfile does. On Linux, writeback
// of each 8 MiB written starts at once, so that committing a large blob
// does not wait for the whole of it to reach the disk. A crash can leave a
// temporary file behind, never a partial blob under a name; a temporary
// file holds only what the caller wrote (ciphertext, in tvault), and Sweep
// deletes it.
//
// A write that the file system has no room for fails with an error
// wrapping diskspace.ErrNoSpace, and so does one that a store created
// with NewGuarded refuses in advance; either way nothing of the blob is
// left once the writer is aborted.
package fsblob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/internal/diskspace"
	"github.com/tvault/tvault/internal/pagewrite"
	"github.com/tvault/tvault/vault/blob"
)

// Store keeps blobs in a directory.
type Store struct {
	dir  string
	room func(n int64) error // nil: no check in advance
}

var _ blob.Store = (*Store)(nil)

// New returns a store of blobs in dir. The directory is created, with mode
// 0700, when the first blob is.
func New(dir string) *Store { return &Store{dir: dir} }

// NewGuarded is New, with writers that call room(n) before they write
// beyond what room last granted, n being what they are about to write
// plus a step ahead (roomAhead), and fail with room's error: so that blobs
// never take the space another store on the same file system keeps for
// itself.
func NewGuarded(dir string, room func(n int64) error) *Store { return &Store{dir: dir, room: room} }

// roomAhead returns how much room a writer that has written bytes asks
// for beyond its next write: roomUnit, or an eighth of what it has
// written if that is more. Each call of room scans the vault store's
// directory, 65 µs of CPU at 50,000 testimonies (49 tables and logs;
// docs/BENCHMARKS.md, session 14), and more as the store grows: a 1 GiB
// blob written in 1 MiB pieces calls it 41 times, where a fixed step of
// roomUnit took 512 calls (33 ms). The price: a large blob is refused
// once the file system has less than an eighth of what the blob holds
// left beyond its next write, a blob that would nearly fill it.
func roomAhead(written int64) int64 { return max(roomUnit, written/8) }

// roomUnit is the least step of roomAhead.
const roomUnit = 1 << 20

// Create starts a blob in a new temporary file.
func (s *Store) Create(ctx context.Context) (blob.Writer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.makeDir(); err != nil {
		return nil, err
	}
	suffix := make([]byte, 8)
	rand.Read(suffix)
	tmp := filepath.Join(s.dir, tmpPrefix+hex.EncodeToString(suffix))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to create blob: %w", diskspace.Wrap(err))
	}
	return &writer{s: s, f: f, out: pagewrite.Writer(f), tmp: tmp}, nil
}

// makeDir creates the blob directory if it does not exist, durably.
func (s *Store) makeDir() error {
	err := os.Mkdir(s.dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("failed to create blob directory: %w", err)
	}
	return atomicfile.SyncDir(filepath.Dir(s.dir))
}

func (s *Store) path(name string) (string, error) {
	if err := blob.CheckName(name); err != nil {
		return "", err
	}
	return filepath.Join(s.dir, name), nil
}

// Open opens the blob called name.
func (s *Store) Open(ctx context.Context, name string) (blob.Reader, error) {
	path, err := s.path(name)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", blob.ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to open blob: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("failed to open blob: %w", err)
	}
	return &reader{File: f, size: fi.Size()}, nil
}

// Remove deletes the blob called name and syncs the directory.
func (s *Store) Remove(ctx context.Context, name string) error {
	path, err := s.path(name)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("failed to remove blob: %w", err)
	}
	return atomicfile.SyncDir(s.dir)
}

// tmpPrefix starts the name of a blob being written.
const tmpPrefix = ".tmp-"

// Sweep deletes the temporary files of writes a crash cut off, and syncs
// the directory.
func (s *Store) Sweep(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("failed to sweep blobs: %w", err)
	}
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("failed to sweep blobs: %w", err)
		}
		n++
	}
	if n == 0 {
		return 0, nil
	}
	return n, atomicfile.SyncDir(s.dir)
}

// List calls fn with the name of every committed blob in the directory.
func (s *Store) List(ctx context.Context, fn func(name string) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("failed to list blobs: %w", err)
	}
	for _, e := range entries {
		if blob.CheckName(e.Name()) != nil {
			continue
		}
		if err := fn(e.Name()); err != nil {
			return err
		}
	}
	return nil
}

type reader struct {
	*os.File // Read and ReadAt (pread, safe for concurrent use)
	size     int64
}

func (r *reader) Size() int64 { return r.size }

// writebackUnit is how much is written before the kernel is asked to
// start writing it to disk.
const writebackUnit = 8 << 20

// writer is not safe for concurrent use, like any io.Writer.
type writer struct {
	s       *Store
	f       *os.File
	out     io.Writer // f in small writes (package pagewrite)
	tmp     string
	written int64
	checked int64 // bytes that room has been asked for
	flushed int64 // bytes handed to startWriteback
	err     error // the first write error: the content is incomplete
	done    bool
}

var errFinished = errors.New("blob writer is already committed or aborted")

func (w *writer) Write(p []byte) (int, error) {
	if w.done {
		return 0, errFinished
	}
	if w.err != nil {
		return 0, w.err
	}
	if end := w.written + int64(len(p)); w.s.room != nil && end > w.checked {
		ahead := roomAhead(w.written)
		if err := w.s.room(end - w.written + ahead); err != nil {
			w.err = fmt.Errorf("failed to write blob: %w", err)
			return 0, w.err
		}
		w.checked = end + ahead
	}
	n, err := w.out.Write(p)
	w.written += int64(n)
	if err != nil {
		w.err = fmt.Errorf("failed to write blob: %w", diskspace.Wrap(err))
	}
	if w.written-w.flushed >= writebackUnit {
		startWriteback(w.f, w.flushed, w.written-w.flushed)
		w.flushed = w.written
	}
	return n, w.err
}

func (w *writer) Commit() (string, error) {
	name := blob.NewName()
	return name, w.CommitAs(name)
}

// CommitAs implements blob.NamedWriter: the link to name fails if it
// exists.
func (w *writer) CommitAs(name string) error {
	if w.done {
		return errFinished
	}
	if err := blob.CheckName(name); err != nil {
		w.Abort()
		return err
	}
	if err := w.commit(name); err != nil {
		w.Abort()
		return err
	}
	w.done = true
	return nil
}

func (w *writer) commit(name string) error {
	if w.err != nil {
		return w.err
	}
	// A file system may report a full disk only now.
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("failed to sync blob: %w", diskspace.Wrap(err))
	}
	if err := w.f.Close(); err != nil {
		return fmt.Errorf("failed to close blob: %w", diskspace.Wrap(err))
	}
	path := filepath.Join(w.s.dir, name)
	if err := os.Link(w.tmp, path); err != nil {
		return fmt.Errorf("failed to commit blob: %w", err)
	}
	if err := os.Remove(w.tmp); err != nil {
		os.Remove(path)
		return fmt.Errorf("failed to commit blob: %w", err)
	}
	if err := atomicfile.SyncDir(w.s.dir); err != nil {
		// The name may not survive a crash: the blob is not committed.
		os.Remove(path)
		return err
	}
	return nil
}

func (w *writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	w.f.Close() // may be closed already by a failed commit
	if err := os.Remove(w.tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("failed to remove temporary blob: %w", err)
	}
	return nil
}
