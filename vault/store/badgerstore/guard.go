package badgerstore

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/table"
)

// A tableGuard holds an open store's tables to what it checked.
//
// Badger maps its tables into memory and reads a block that fails its
// checksum as a block without the key, so a table changed under an open
// store reads as absence, or as an older version of a key. The guard
// knows the SHA-256 of every table Badger has (checked whole at Open, or
// recorded as Badger adds it), watches the directory (dirWatch), and
// checks a table again whenever its file changes. Every read and write
// of the store calls check before it starts and before it returns or
// commits; the kernel queues a change's event as the change is made, so a
// table changed before a read ends is checked before that read's answer
// is used. A table that no longer matches breaks the store: every later
// call fails with the same error (fail closed), and Close leaves the
// record as it was, so that the next Open refuses the table too.
//
// Writes through a memory map of the file raise no event; Verify (the
// daemon's scrub) checks every table whatever the events say.
type tableGuard struct {
	mu     sync.Mutex
	db     *badger.DB
	dir    string
	file   string    // the record of the tables (Options.Tables), or ""
	later  string    // the record held back until KeepTables
	sums   tableSums // Badger's tables when last synced, each as checked
	watch  *dirWatch // nil where there is none
	broken error
}

// check reads the directory's changes since its last call and checks
// each changed table of the store again; a change to MANIFEST (Badger
// added or removed tables) syncs the guard with Badger's tables.
func (g *tableGuard) check() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken != nil || g.watch == nil {
		return g.broken
	}
	names, all, err := g.watch.changed()
	if err != nil {
		// The watch is gone: the guard cannot hold the tables any more.
		g.broken = fmt.Errorf("watching the database's tables: %w", err)
		return g.broken
	}
	if len(names) == 0 && !all {
		return nil
	}
	changed := map[uint64]bool{}
	manifest := all
	for _, n := range names {
		if n == manifestFile {
			manifest = true
		} else if id, ok := table.ParseFileID(n); ok {
			changed[id] = true
		}
	}
	if all {
		for id := range g.sums {
			changed[id] = true
		}
	}
	if err := g.recheck(slices.Sorted(maps.Keys(changed))); err != nil {
		return err
	}
	if manifest {
		g.sync()
	}
	return nil
}

// recheck checks the tables ids again, those that are still Badger's.
func (g *tableGuard) recheck(ids []uint64) error {
	var live map[uint64]bool
	for _, id := range ids {
		want, ok := g.sums[id]
		if !ok {
			continue // not checked yet: Badger is still writing it
		}
		if live == nil {
			live = g.live()
		}
		if !live[id] {
			// Compacted away: Badger removes a table's file once no
			// read uses it.
			delete(g.sums, id)
			continue
		}
		path := filepath.Join(g.dir, table.IDToFilename(id))
		sum, err := sumFile(path)
		if err == nil && sum != want {
			err = errors.New("its content changed")
		}
		if err != nil {
			g.broken = &FileError{path, fmt.Errorf("%w: changed while the store was open: %v", ErrTableReplaced, err)}
			return g.broken
		}
	}
	return nil
}

// live returns the IDs of Badger's tables.
func (g *tableGuard) live() map[uint64]bool {
	live := map[uint64]bool{}
	for _, t := range g.db.Tables() {
		live[t.ID] = true
	}
	return live
}

// sync records the tables Badger added since the last sync, forgets
// those it removed, and keeps the record, as one written while the store
// is open.
func (g *tableGuard) sync() {
	live := g.live()
	moved := false
	for id := range live {
		if _, ok := g.sums[id]; ok {
			continue
		}
		sum, err := sumFile(filepath.Join(g.dir, table.IDToFilename(id)))
		if err != nil {
			continue // a table Badger removed since: the next sync forgets it
		}
		g.sums[id], moved = sum, true
	}
	for id := range g.sums {
		if !live[id] {
			delete(g.sums, id)
			moved = true
		}
	}
	if moved {
		g.keep(&tableRecord{sums: g.sums})
	}
}

// keep writes r as the record of the tables, if the store keeps one. A record
// that cannot be written is reported and left as it was: the next Open
// then knows fewer tables, which it accepts after a crash only.
func (g *tableGuard) keep(r *tableRecord) {
	if g.file == "" {
		return
	}
	if err := writeTableRecord(g.file, r); err != nil {
		slog.Warn("badger: " + err.Error())
	}
}

// verify checks every table of the store against its sum.
func (g *tableGuard) verify() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken != nil {
		return g.broken
	}
	return g.recheck(slices.Sorted(maps.Keys(g.sums)))
}

// tick syncs the guard with Badger's tables: compactions add and remove
// them without a read or a write of the store's.
func (g *tableGuard) tick() {
	if g.check() != nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sync()
}

// close records the tables of the closed database, as its MANIFEST lists
// them, and version, the newest it holds, unless the guard found a table
// changed: the record then keeps the sum that the table no longer
// matches.
func (g *tableGuard) close(version uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.watch != nil {
		g.watch.close()
	}
	if g.broken != nil || g.file == "" {
		return
	}
	f, err := os.Open(filepath.Join(g.dir, manifestFile))
	if err != nil {
		slog.Warn("badger: the record of the tables is not kept: " + err.Error())
		return
	}
	defer f.Close()
	m, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions("").WithLogger(logger{}))
	if err != nil {
		slog.Warn("badger: the record of the tables is not kept: " + err.Error())
		return
	}
	sums := tableSums{}
	for id := range m.Tables {
		sum, ok := g.sums[id]
		if !ok {
			if sum, err = sumFile(filepath.Join(g.dir, table.IDToFilename(id))); err != nil {
				slog.Warn("badger: the record of the tables is not kept: " + err.Error())
				return
			}
		}
		sums[id] = sum
	}
	g.sums = sums
	g.keep(&tableRecord{closed: true, version: version, sums: sums})
}
