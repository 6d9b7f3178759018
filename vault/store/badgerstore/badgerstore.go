// Package badgerstore implements the store contract on an embedded Badger v4
// database, the default backend of a local vault.
//
// # Guarantees
//
// The database is opened with Badger's own encryption (AES-256 with the key
// the caller derives from the vault's root secret), SyncWrites on, so that a
// committed Update has been fsynced, and the block and index caches that
// Badger's documentation requires when encryption is on. Badger holds an
// exclusive lock on its directory; a second process gets store.ErrInUse at
// once instead of waiting.
//
// Concurrent transactions that conflict are retried a bounded number of
// times before Update returns store.ErrConflict. Concurrent commits are
// written and synced by Badger in one batch, which is what makes many small
// audited transactions cheap (group commit).
//
// # Integrity
//
// Badger trusts its files, and reports much damage as absence: a table
// that fails its checksum at open is skipped, a damaged block reads as
// "key not here" (so that an older version of the key shows through), a
// value it cannot read from its value log comes back empty with no error,
// and a missing MANIFEST makes it delete every table. Open therefore reads
// every file of the directory before Badger does (see checkDir): every
// table block, every value-log and write-ahead-log entry, MANIFEST and
// KEYREGISTRY. A file that is missing, cut short or damaged fails Open
// with a *FileError naming it, which wraps store.ErrCorrupt, before Badger
// has changed anything on disk. A value that cannot be read from the value
// log (a value-log file damaged while the store is open) fails its read
// with a *FileError naming the file, never as an empty value, and fails
// the store closed as a damaged table block does (below), except in a
// checked scan (store.CheckedScanner), which reports it and goes on; a
// panic inside Badger during a read fails the read with an error wrapping
// store.ErrCorrupt.
//
// A table block damaged while the store is open (through a memory map,
// which raises no file event) is read by Badger as a block without the
// key; Badger, patched (third_party/badger/PATCHES.md), reports it, and
// the read that met it, and every later one, fails with a *FileError
// naming the table (tableGuard).
//
// Checksums do not tell one whole table from another. With
// Options.Tables, the store keeps the SHA-256 of each of its tables in a
// file outside the directory, and Open refuses a table that differs from
// the one it recorded (ErrTableReplaced): an older table from a copy of
// the directory, put in place of a current one. Where that record cannot
// vouch for the tables (no record yet, a crash, commits made by another
// process, another database), the store says so (Unvouched) and holds
// the record back until its caller has verified what the tables hold. While the store is open,
// a table whose file changes fails every later read and write
// (tableGuard; on Linux, through inotify).
//
// After an unclean shutdown (Badger's LOCK file left behind), Open accepts
// what a crash leaves and Badger's recovery drops: a partial last entry
// in MANIFEST and in the logs being written, and tables that MANIFEST does
// not list; the tables themselves are then unvouched. Damage of that shape (the last entry of a write-ahead log
// damaged, say) is then not told from a crash at this layer; neither is
// a whole directory of an earlier date put in place of the current one.
// Those need a record of the state kept outside Badger (the audit log's
// commitments, and its checkpoint kept outside the vault).
//
// # Space
//
// Badger keeps values of 4 KiB and more in its value log and reclaims the
// space of overwritten and deleted ones only when asked. Open rewrites at
// most one value-log file whose values are at least half obsolete, and a
// store left open does so every hour, after checking the value-log files
// again (Badger's rewrite stops silently at a damaged entry and then
// deletes the file, values after the damage included).
//
// Badger writes its logs and tables through memory maps of sparse files,
// where a full file system is a SIGBUS that kills the process, not an
// error. So Open, and Update before it commits, check that the file
// system keeps free the room Badger may still take on its own (the tables
// its flushes and compactions write) plus what the transaction adds, and
// a margin of 16 MiB that only transactions under store.UseReserve may
// use: past that, Update fails with an error wrapping store.ErrNoSpace and
// writes nothing, reads and the audit entries of reads go on, and writes
// succeed again once space is freed. The value-log collection runs only
// with room for a whole value-log file. The check cannot stop another
// process from taking the room between it and Badger's writes (see
// space.go).
package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/y"

	"github.com/tvault/tvault/internal/diskspace"
	"github.com/tvault/tvault/vault/store"
)

// KeySize is the length of the encryption key Open requires (AES-256).
const KeySize = 32

// conflictRetries bounds how often Update re-runs a transaction that lost a
// race; the domain's transactions are short, so a few retries settle it.
const conflictRetries = 16

// Badger's sizes: values of valueThreshold bytes and more go to the value
// log, whose files are rotated at valueLogFileSize; at most numMemtables
// memtables are held (one filling, one being flushed).
const (
	valueThreshold   = 4 << 10
	valueLogFileSize = 256 << 20
	numMemtables     = 2
)

// memTableSize bounds what is written between two flushes to a table, and
// maxTxnSize what one transaction writes (Badger's estimate: keys, and
// values or pointers into the value log). A memtable is an arena on the
// Go heap of memTableSize + 2 maxTxnSize (room for a transaction above
// the memtable's size, and its nodes), allocated whole and filled by
// every audited read: the collector counts all of it live, and a flush
// holds a second arena and the table it builds (as large) beside the live
// heap. At 32 MiB, tvaultd's peaks of memory under reads came at its
// flushes; at 8 MiB, with four times the flushes, a put of 100,000
// testimonies took 8% more CPU (docs/BENCHMARKS.md, issue 16, session
// 15). maxTxnSize is what a 32 MiB memtable allowed (Badger's
// 15% of it), which a batch put's chunk of 500 testimonies of about 1 KiB
// needs (about 2,500 of 4 KiB fit with their persons, their sealed
// versions in the value log).
//
// Write-ahead logs that a crash left, made with a larger memtable
// (earlier builds: 32, 64 or 256 MiB), are replayed at the size they
// need, then flushed (OpenWith). Variables so that a test can write such
// logs, at sizes of its own.
var (
	memTableSize int64 = 16 << 20
	maxTxnSize   int64 = 15 * (32 << 20) / 100
)

// blockCacheSize is the size of Badger's cache of decrypted table blocks:
// a variable so that a test can make it too small to hold a block, and see
// every read go to the table file. indexCacheSize is that of the tables'
// decrypted indexes. Both are on the Go heap, beside the memtables, the
// vault's registry and the requests: tvaultd on 50,000 testimonies filled
// 28 MiB of a 32 MiB block cache and 6 MiB of indexes, and its live heap
// (235 MB) was then so near its GOMEMLIMIT that the collector ran without
// pause. A block missed is one pread and one AES decryption of 4 KiB,
// microseconds beside a request's fsync.
var blockCacheSize int64 = 16 << 20

// indexCacheSize must hold the indexes of the tables reads cross: an
// index missed is read again whole (pread, SHA-256, AES) for every block
// read from its table, and a table of 226 MB has an index of 4.5 MB. The
// indexes are about 2% of the tables: 6.3 MB on 50,000 testimonies with
// 500,000 audit entries, so 16 MiB holds those of about twice that
// (docs/BENCHMARKS.md, "Session 10: table indexes re-read"). The cache
// holds what is read, not its size: a larger one costs the heap only in a
// larger vault. A variable so that a test can make it hold no index.
var indexCacheSize int64 = 16 << 20

// pread makes Badger read its files with pread instead of through memory
// maps (OpenWith); a benchmark compares the two.
var pread = true

// Value-log garbage collection: how often a store left open collects, and
// the share of a value-log file that must be obsolete for it to be
// rewritten (Badger's documentation suggests 0.5).
const (
	gcInterval     = time.Hour
	gcDiscardRatio = 0.5
)

// tableSyncInterval is how often a store left open records the tables
// that Badger's compactions add (see tableGuard).
const tableSyncInterval = 10 * time.Second

// Store is a store.Store on a Badger database.
type Store struct {
	// files serialises the checks of the value-log files with the
	// collector, which rewrites and deletes them.
	files sync.Mutex
	// gate is held for reading by every use of db, and for writing by
	// Purge, which closes and opens db again (purge.go).
	gate   sync.RWMutex
	db     *badger.DB
	dir    string
	key    []byte // for checking the value-log files again
	tables *tableGuard
	// suspect is the error of a database opened read-only under
	// Options.AllowSuspect, nil otherwise.
	suspect error
	stop    chan struct{} // closed by Close
	done    chan struct{} // closed when the collector has stopped
}

// errReadOnly fails the writes of a store opened with Options.ReadOnly.
var errReadOnly = errors.New("the store is open read-only")

// Options configures OpenWith.
type Options struct {
	// Tables, if set, is a file outside the database directory in which
	// the store keeps the SHA-256 of each of its tables, so that a table
	// put in place of one it wrote is refused (see tables.go).
	Tables string
	// ForgetTables ignores the record in Tables, and leaves it as it is
	// until KeepTables: for a database put in place on purpose, which the
	// caller verifies before the store records its tables.
	ForgetTables bool
	// AllowSuspect opens a database whose tables are not those recorded
	// read-only instead of failing: Suspect then returns the error, and
	// writes fail with it. An older copy of the whole directory, or a copy
	// that went on along another history, looks so; a caller that can
	// tell it better (a vault, by its log) reads it first.
	AllowSuspect bool
	// ReadOnly opens the database read-only: Badger writes nothing (no
	// compaction, no flush), Update fails, and the record of the tables
	// stays as it is. For looking at a database before anything may
	// change it.
	ReadOnly bool
	// Log receives the store's warnings and errors, Badger's included
	// (they name files and table IDs, never values); nil drops them, as a
	// command line tool that reports the errors it returns wants.
	Log *slog.Logger

	// Load sizes Badger's memory for a load (Store.Load) of a new
	// database, not for serving: see load.go.
	Load bool
}

// Open is OpenWith without options.
func Open(dir string, key []byte) (*Store, error) { return OpenWith(dir, key, Options{}) }

// OpenWith opens (creating if needed) the Badger database in dir,
// encrypted with key, after checking every file in dir (see the package
// doc) and the tables against the record in opts.Tables. A wrong key or a
// damaged file fails with a *FileError wrapping store.ErrCorrupt (and
// ErrTableReplaced for a table the record does not match); a directory
// another process has open fails with store.ErrInUse.
func OpenWith(dir string, key []byte, opts Options) (*Store, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("encryption key is %d bytes, want %d", len(key), KeySize)
	}
	var rec *tableRecord
	if opts.Tables != "" && !opts.ForgetTables {
		var err error
		if rec, err = readTableRecord(opts.Tables); err != nil {
			return nil, err
		}
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	// Watched from before the check, so that a table changed after it is
	// checked again.
	// The record is kept only once the store is open.
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := newTableGuard(dir, "")
	g.key, g.log = bytes.Clone(key), log
	g.watchDir()
	c, suspect, unvouched, err := checkDir(dir, key, rec)
	if err == nil {
		g.opened, g.clean = c.vlogs, c.clean
	}
	if err == nil && suspect != nil && !opts.AllowSuspect {
		err = suspect
	}
	if err == nil && suspect == nil && opts.ReadOnly {
		suspect = errReadOnly
	}
	if err == nil && suspect == nil {
		// Opening writes the first pages of a new log, and flushes what
		// a crash left in the memtables' logs.
		err = room(dir, 0, true)
	}
	unlock()
	if err != nil {
		g.close(0)
		return nil, err
	}
	bopts := badger.DefaultOptions(dir).
		WithEncryptionKey(key).
		WithSyncWrites(true).
		// Encryption makes every block read decrypt; the docs require a
		// block cache and recommend an index cache with encryption on.
		// Both are on the Go heap: the records are in the value log, and
		// the blocks hold small values and keys.
		WithBlockCacheSize(blockCacheSize).
		WithIndexCacheSize(indexCacheSize).
		// Values above 4 KiB go to the value log, so a transaction carries
		// only pointers to them.
		WithValueThreshold(valueThreshold).
		WithValueLogFileSize(valueLogFileSize).
		WithMemTableSize(memTableSize).
		WithMaxTxnSize(maxTxnSize).
		WithNumMemtables(numMemtables).
		// One compactor per core of a small server, not Badger's four.
		WithNumCompactors(2).
		WithNumVersionsToKeep(1).
		WithCompression(options.None).
		// checkDir has read every table whole; verify each block again as
		// it is read, and each value read from the value log.
		WithChecksumVerificationMode(options.OnBlockRead).
		WithVerifyValueChecksum(true).
		WithMetricsEnabled(false).
		// Reads copy from the files instead of slicing their maps, and
		// written pages leave the process once synced: every page of a
		// map that a read touches would count in the process's resident
		// memory, which then grows with the share of the vault read
		// (patched, third_party/badger/PATCHES.md).
		WithPread(pread).
		WithLogger(logger{log}).
		// Badger writes nothing to a suspect database: no compaction,
		// no flush.
		WithReadOnly(suspect != nil)
	if opts.Load {
		bopts = loadOptions(bopts)
	}
	// Write-ahead logs that a crash left, made with a larger memtable (by
	// an earlier build), do not fit in this one's arena: Badger replays
	// them in one as large, and the store flushes them below.
	memTable := bopts.MemTableSize
	if c.memNeed > memTable {
		bopts = bopts.WithMemTableSize(memTableFor(c.memNeed))
	}
	db, err := openDB(bopts)
	if err != nil {
		g.close(0)
		return nil, err
	}
	if c.db == "" {
		// A new database: Badger made its key registry just now.
		if c.db, err = databaseID(dir); err != nil {
			db.Close()
			g.close(0)
			return nil, err
		}
	}
	g.open(db, c.db, c.sums)
	g.file = opts.Tables
	switch {
	case opts.ForgetTables:
		g.file, g.later = "", opts.Tables
	case unvouched != nil:
		// Held back until the caller has verified what the tables hold.
		g.file, g.later = "", opts.Tables
		g.unvouched = unvouched
	}
	s := &Store{db: db, dir: dir, key: bytes.Clone(key), tables: g, suspect: suspect, stop: make(chan struct{}), done: make(chan struct{})}
	if suspect != nil {
		// The record stays as it is, and so does the database.
		g.file, g.later = "", ""
		close(s.done)
		return s, nil
	}
	if bopts.MemTableSize != memTable {
		// Closing flushes the logs replayed; the logs then made are of
		// the usual size.
		if err := s.reopen(bopts.WithMemTableSize(memTable)); err != nil {
			s.db.Close()
			g.close(0)
			return nil, err
		}
	}
	g.keep(g.record(false, 0)) // until Close: a crash then leaves a record of an open store
	// The value-log files were checked a moment ago.
	s.collect(false)
	go s.collectEvery(gcInterval)
	return s, nil
}

// Probe reports store.ErrInUse if another process has the database in dir
// open, without opening it, so that a caller can say so before it does
// costly work to open it. It takes the directory's lock and releases it
// at once: Open may still find the database in use.
func Probe(dir string) error {
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// openDB opens Badger, turning a panic in its Open into an error.
func openDB(opts badger.Options) (db *badger.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: badger: %v", store.ErrCorrupt, opts.Dir, r)
		}
	}()
	db, err = badger.Open(opts)
	if err != nil && strings.Contains(err.Error(), "Cannot acquire directory lock") {
		return nil, store.ErrInUse
	}
	return db, diskspace.Wrap(err)
}

// Update implements store.Store.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	if s.suspect != nil {
		return s.suspect
	}
	s.gate.RLock()
	defer s.gate.RUnlock()
	for range conflictRetries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.tables.check(); err != nil {
			return err
		}
		err := s.db.Update(func(txn *badger.Txn) error {
			return guard(func() error {
				t := &tx{txn: txn, g: s.tables}
				err := fn(t)
				// What fn read came from the tables as they are now; a
				// failure of fn's (a key not found) may be damage.
				if err := s.tables.check(); err != nil {
					return err
				}
				if err != nil {
					return err
				}
				// Last, so that the check counts what fn wrote; an error
				// here discards the transaction.
				return room(s.dir, txRoom(t.written), store.UsesReserve(ctx))
			})
		})
		switch {
		case errors.Is(err, badger.ErrConflict):
			continue
		case errors.Is(err, badger.ErrTxnTooBig):
			return fmt.Errorf("%w: %v", store.ErrTooLarge, err)
		}
		// Badger's writes other than through its maps (MANIFEST, the
		// key registry) fail with ENOSPC.
		return diskspace.Wrap(err)
	}
	return store.ErrConflict
}

// View implements store.Store.
func (s *Store) View(ctx context.Context, fn func(store.ReadTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.gate.RLock()
	defer s.gate.RUnlock()
	if err := s.tables.check(); err != nil {
		return err
	}
	err := s.db.View(func(txn *badger.Txn) error { return guard(func() error { return fn(&tx{txn: txn, g: s.tables}) }) })
	// An answer read from a table that changed meanwhile is not given,
	// nor a failure of fn's (a key not found) that may be the damage.
	if cerr := s.tables.check(); cerr != nil {
		return cerr
	}
	return err
}

// KeepTables starts keeping the record of the tables that
// Options.ForgetTables, or a record that does not vouch for the tables
// (Unvouched), held back, with the tables as they are now: the caller
// vouches for them.
func (s *Store) KeepTables() {
	g := s.tables
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.later != "" && g.broken == nil && s.suspect == nil {
		g.file, g.later, g.unvouched = g.later, "", nil
		g.keep(g.record(false, 0))
	}
}

// Unvouched returns why the record of the tables (Options.Tables) does
// not vouch for the tables the store opened (see tables.go: no record
// yet, a crash, commits made by another process, another database), or
// nil if it does. Until KeepTables, the store holds the record back as it
// was, so that every later Open asks again: a caller must verify what
// the store holds by other means before it calls KeepTables.
func (s *Store) Unvouched() error {
	g := s.tables
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.unvouched
}

// Damaged returns the error of a table found changed while the store is
// open (see tableGuard), after looking for changes; nil if there is none.
func (s *Store) Damaged() error {
	s.gate.RLock()
	defer s.gate.RUnlock()
	return s.tables.check()
}

// Suspect returns the error for which the store was opened read-only
// (Options.AllowSuspect), or nil; nil too for Options.ReadOnly.
func (s *Store) Suspect() error {
	if s.suspect == errReadOnly {
		return nil
	}
	return s.suspect
}

// Close implements store.Store. It flushes and syncs the database.
func (s *Store) Close() error {
	if s.suspect == nil {
		close(s.stop)
	}
	<-s.done
	s.gate.Lock()
	defer s.gate.Unlock()
	// The tables' changes up to now count (a table replaced is never
	// recorded as the store's); what the database holds once Close has
	// flushed it is recorded.
	s.tables.check()
	version := s.db.MaxVersion()
	err := s.db.Close()
	if err == nil {
		s.tables.close(version)
	}
	return err
}

func (s *Store) collectEvery(interval time.Duration) {
	defer close(s.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	sync := time.NewTicker(tableSyncInterval)
	defer sync.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.collect(true)
		case <-sync.C:
			s.gate.RLock()
			s.tables.tick()
			s.gate.RUnlock()
		}
	}
}

// collect rewrites at most one value-log file whose values are at least
// half obsolete. With check, it first checks the value-log files that
// Badger no longer appends to, and collects nothing if one is damaged:
// Badger's rewrite would stop at the damage and delete the file.
func (s *Store) collect(check bool) {
	// The rewrite copies a file's live values into the current logs. A
	// disk without room for them is reported by the writes it refuses.
	if room(s.dir, valueLogFileSize, false) != nil {
		return
	}
	s.gate.RLock()
	defer s.gate.RUnlock()
	s.files.Lock()
	defer s.files.Unlock()
	if check {
		if err := checkValueLogs(s.dir, s.key); err != nil {
			s.tables.log.Error("badger: value-log garbage collection skipped: " + err.Error())
			return
		}
	}
	err := s.db.RunValueLogGC(gcDiscardRatio)
	if err != nil && !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
		s.tables.log.Warn("badger: value-log garbage collection: " + err.Error())
	}
}

// Verify checks, in the open store, every table block against its
// checksum and every value-log file Badger no longer appends to, as Open
// does, and returns an error wrapping store.ErrCorrupt for the first
// damage. It reads every table: a check, not a hot path.
func (s *Store) Verify(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.gate.RLock()
	defer s.gate.RUnlock()
	if err := s.tables.verify(); err != nil {
		return err
	}
	if err := guard(s.db.VerifyChecksum); err != nil {
		if !errors.Is(err, store.ErrCorrupt) {
			err = fmt.Errorf("%w: %v", store.ErrCorrupt, err)
		}
		return err
	}
	s.files.Lock()
	defer s.files.Unlock()
	return checkValueLogs(s.dir, s.key)
}

// guard runs fn, turning checksum failures and a panic inside Badger into
// errors wrapping store.ErrCorrupt. Badger trusts its files; in spite of
// the checksums, some damaged structures reach an index out of range. A
// table file cut short under its memory map faults (SIGBUS) where it is
// read past its new end: a panic too, in this goroutine (Badger's own,
// compacting, still die of it).
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: badger: %v", store.ErrCorrupt, r)
		}
	}()
	err = fn()
	if errors.Is(err, y.ErrChecksumMismatch) {
		err = fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	return err
}

type tx struct {
	txn     *badger.Txn
	g       *tableGuard
	written int64 // bytes of the keys and values set and deleted, each with entryOverhead
}

func (t *tx) Get(key []byte) ([]byte, error) {
	item, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	v, err := t.value(item, nil)
	if err != nil {
		return nil, t.g.breakOn(err)
	}
	return v, nil
}

// value returns a copy of item's value, in dst's room if it fits.
// Badger's Item.ValueCopy returns an empty value with no error for a
// value it cannot read from the value log (a failed checksum, a file cut
// short or missing), and reports the file
// to valueFailed (iterator.go, yieldItemValue; PATCHES.md). A value Badger
// keeps in the value log is never empty (it is above the value threshold),
// and an empty value kept in a table has size 0: so an empty copy of a
// value whose size is not 0 is that failure, a *FileError naming the file.
func (t *tx) value(item *badger.Item, dst []byte) ([]byte, error) {
	v, err := item.ValueCopy(dst)
	if err != nil {
		return nil, err
	}
	if len(v) == 0 && item.ValueSize() != 0 {
		return nil, t.g.valueLost(item.Key())
	}
	return v, nil
}

func (t *tx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	return t.scan(prefix, false, func(key, value []byte, err error) error {
		if err != nil {
			return t.g.breakOn(err)
		}
		return fn(key, value)
	})
}

// ScanChecked implements store.CheckedScanner: a value that cannot be read
// from the value log is passed to fn, and fails no later read. Its
// callers read long runs of keys once (the audit log, a check), so the
// blocks it reads are not put in the block cache: offering it a million
// keys' blocks was about 7% of the CPU of a verification of the log,
// and what it admitted evicted the blocks that point lookups reuse.
func (t *tx) ScanChecked(prefix []byte, fn func(key, value []byte, err error) error) error {
	return t.scan(prefix, true, fn)
}

func (t *tx) scan(prefix []byte, once bool, fn func(key, value []byte, err error) error) error {
	it := t.txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false, NoBlockCache: once})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		// The key and its value in one allocation: a scan of the audit
		// log reads over a million small ones.
		k := item.Key()
		b := make([]byte, len(k), len(k)+int(item.ValueSize()))
		copy(b, k)
		v, err := t.value(item, b[len(k):])
		if err := fn(b[:len(k):len(k)], v, err); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) Set(key, value []byte) error {
	if err := store.CheckSizes(key, value); err != nil {
		return err
	}
	t.written += int64(len(key) + len(value) + entryOverhead)
	// Badger keeps references to key and value until commit.
	err := t.txn.Set(append([]byte{}, key...), append([]byte{}, value...))
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w: %v", store.ErrTooLarge, err)
	}
	return err
}

func (t *tx) Delete(key []byte) error {
	t.written += int64(len(key) + entryOverhead)
	err := t.txn.Delete(append([]byte{}, key...))
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w: %v", store.ErrTooLarge, err)
	}
	return err
}

// logger passes Badger's warnings and errors to l and drops its chatter.
// Badger's messages name files and table IDs, never values; the one that
// quoted keys (a value it cannot read) is patched out (PATCHES.md).
type logger struct{ l *slog.Logger }

// quiet is a logger for Badger's code that checkDir and the guard run on
// their own (replaying MANIFEST), whose errors they return.
var quiet = logger{slog.New(slog.DiscardHandler)}

func (g logger) Errorf(format string, args ...any) {
	g.l.Error("badger: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (g logger) Warningf(format string, args ...any) {
	g.l.Warn("badger: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (logger) Infof(string, ...any)  {}
func (logger) Debugf(string, ...any) {}
