package badgerstore

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/table"
)

// A tableGuard holds an open store's tables to what it checked.
//
// Badger maps its tables into memory and reads a block that fails its
// checksum as a block without the key, so a table changed under an open
// store reads as absence, or as an older version of a key. The guard
// knows the SHA-256 of every table Badger has (checked whole at Open, or
// recorded as Badger adds it), watches the directory and each table file
// (watcher: a file's watch sees writes through another link too), and
// checks a table again whenever its file changes. Every read and write
// of the store calls check before it starts and before it returns or
// commits; the kernel queues a change's event as the change is made, so a
// table changed before a read ends is checked before that read's answer
// is used. A table that no longer matches breaks the store: every later
// call fails with the same error (fail closed), and Close leaves the
// record as it was, so that the next Open refuses the table too.
//
// A table Badger is still writing has no sum yet. Badger makes each table
// once, under a new name, and writes it through a memory map: it never
// writes, renames or links a table file through the file system's calls.
// So a table whose file was created twice, or renamed or deleted before
// the guard recorded it is not Badger's, and breaks the store once Badger
// lists it. A file opened for writing and closed may be unchanged (touch,
// and tools that open files for writing without writing): such a table is
// read whole, every block against its checksum, and must be the table
// Badger says it made (its first and last key, newest version, number of
// keys), or it breaks the store (judge).
//
// Writes through a memory map of the file raise no event, and Badger
// reads a block that fails its checksum as one without the key. Badger,
// patched (third_party/badger/PATCHES.md), reports every block it cannot
// read or that fails its checksum to table.OnBlockError, which breaks the
// store that owns the table (blockFailed): the read that met the block
// checks the guard before its answer is used, so that damage is an
// integrity error naming the table, never an absence or an older value.
// Verify (the daemon's scrub) checks every table whatever the events say.
type tableGuard struct {
	mu    sync.Mutex
	db    *badger.DB
	dir   string
	file  string    // the record of the tables (Options.Tables), or ""
	later string    // the record held back until KeepTables
	id    string    // the database's ID (databaseID)
	sums  tableSums // Badger's tables when last synced, each as checked
	vlogs vlogSizes // the value-log files, once the database is closed
	// opened are the value-log files as Open found them, before Badger,
	// and clean whether the last shutdown was: a file of them that is
	// gone or shorter at Close was not Badger's doing, or was its value-log
	// collection's (see close).
	opened vlogSizes
	clean  bool
	broken error
	// blockErr is the first block of a table Badger failed to read
	// (blockFailed), or the first value it failed to read from the value
	// log (breakOn), set without mu: Badger reports it from inside reads.
	blockErr atomic.Pointer[FileError]
	// lost holds, by key, the values Badger failed to read from the value
	// log (valueFailed) until the read that met each takes it (valueLost).
	lostMu sync.Mutex
	lost   map[string]*FileError
	// unvouched is why the record does not vouch for the tables the
	// store opened, until KeepTables.
	unvouched error

	watch   *watcher // nil where there is none
	dirWd   int32
	tableWd map[uint64]int32 // the watch of each table in sums
	ofWd    map[int32]uint64
	// What happened to the files of tables not in sums yet.
	creates map[uint64]int
	foreign map[uint64]bool // changed otherwise than Badger changes them
	written map[uint64]bool // opened for writing and closed
	gone    map[uint64]bool // deleted
	key     []byte          // the database's key, for judge
	log     *slog.Logger    // Options.Log, or one that drops everything
}

func newTableGuard(dir, file string) *tableGuard {
	return &tableGuard{dir: dir, file: file, dirWd: -1,
		tableWd: map[uint64]int32{}, ofWd: map[int32]uint64{},
		creates: map[uint64]int{}, foreign: map[uint64]bool{}, written: map[uint64]bool{}, gone: map[uint64]bool{}}
}

// watchDir starts watching the directory, if it exists and watching is
// possible here; it reports whether it does.
func (g *tableGuard) watchDir() bool {
	if g.watch == nil {
		w, err := newWatcher()
		if err != nil {
			if !errors.Is(err, errors.ErrUnsupported) {
				g.log.Warn("badger: tables changed while the store is open are found by Verify only: " + err.Error())
			}
			return false
		}
		g.watch = w
	}
	wd, err := g.watch.add(g.dir, true)
	if err != nil {
		return false
	}
	g.dirWd = wd
	return true
}

// open starts guarding the tables sums of db, which Open checked; the
// directory of a new database is watched from now.
func (g *tableGuard) open(db *badger.DB, id string, sums tableSums) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.db, g.id, g.sums = db, id, tableSums{}
	guards.Store(filepath.Clean(g.dir), g)
	if g.dirWd < 0 && !g.watchDir() && g.watch != nil {
		g.watch.close()
		g.watch = nil
	}
	for _, id := range slices.Sorted(maps.Keys(sums)) {
		g.sums[id] = sums[id]
		g.watchTable(id)
	}
}

// watchTable watches the file of table id, in sums.
func (g *tableGuard) watchTable(id uint64) {
	if g.watch == nil {
		return
	}
	wd, err := g.watch.add(filepath.Join(g.dir, table.IDToFilename(id)), false)
	if err != nil {
		return // gone already: recheck finds out
	}
	g.tableWd[id], g.ofWd[wd] = wd, id
}

// forget drops table id, compacted away, from the guard.
func (g *tableGuard) forget(id uint64) {
	delete(g.sums, id)
	if wd, ok := g.tableWd[id]; ok {
		g.watch.remove(wd)
		delete(g.tableWd, id)
		delete(g.ofWd, wd)
	}
}

// check reads the changes since its last call and checks each changed
// table of the store again; a change to MANIFEST (Badger added or removed
// tables) syncs the guard with Badger's tables.
func (g *tableGuard) check() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if fe := g.blockErr.Load(); fe != nil && g.broken == nil {
		g.broken = fe
	}
	if g.broken != nil || g.watch == nil {
		return g.broken
	}
	evs, overflow, err := g.watch.events()
	if err != nil {
		// The watch is gone: the guard cannot hold the tables any more.
		g.broken = fmt.Errorf("watching the database's tables: %w", err)
		return g.broken
	}
	changed := map[uint64]bool{}
	manifest := overflow
	for _, ev := range evs {
		if ev.wd != g.dirWd {
			if id, ok := g.ofWd[ev.wd]; ok && ev.mask&inIgnored == 0 {
				changed[id] = true
			}
			continue
		}
		if ev.mask&inDirGone != 0 {
			g.broken = &FileError{g.dir, errors.New("the database directory was moved or removed while the store was open")}
			return g.broken
		}
		if ev.name == manifestFile {
			manifest = true
			continue
		}
		id, ok := table.ParseFileID(ev.name)
		if !ok {
			continue
		}
		if _, ok := g.sums[id]; ok {
			changed[id] = true
			continue
		}
		switch {
		case ev.mask&inCreate != 0 && g.gone[id]:
			// A file made after one of its name was removed: at open,
			// Badger removes the tables a crash left out of MANIFEST
			// and then gives their IDs to new ones. Judged by content.
			delete(g.gone, id)
			g.written[id] = true
		case ev.mask&inCreate != 0:
			g.creates[id]++
			g.foreign[id] = g.foreign[id] || g.creates[id] > 1
		case ev.mask&inReplaced != 0:
			g.foreign[id] = true
		case ev.mask&inWritten != 0:
			g.written[id] = true
		case ev.mask&inDelete != 0:
			g.gone[id] = true
		}
	}
	if overflow {
		for id := range g.sums {
			changed[id] = true
		}
	}
	if err := g.recheck(slices.Sorted(maps.Keys(changed))); err != nil {
		return err
	}
	if manifest {
		return g.sync()
	}
	return nil
}

// recheck checks the tables ids, in sums, again: those that are still
// Badger's.
func (g *tableGuard) recheck(ids []uint64) error {
	var live map[uint64]badger.TableInfo
	for _, id := range ids {
		want, ok := g.sums[id]
		if !ok {
			continue
		}
		if live == nil {
			live = g.live()
		}
		if _, ok := live[id]; !ok {
			// Compacted away: Badger removes a table's file once no
			// read uses it.
			g.forget(id)
			continue
		}
		path := filepath.Join(g.dir, table.IDToFilename(id))
		sum, err := sumFile(path)
		if err == nil && sum != want {
			err = errors.New("its content changed")
		}
		if err != nil {
			return g.fail(id, err)
		}
	}
	return nil
}

func (g *tableGuard) fail(id uint64, err error) error {
	path := filepath.Join(g.dir, table.IDToFilename(id))
	g.broken = &FileError{path, fmt.Errorf("%w: changed while the store was open: %v", ErrTableReplaced, err)}
	return g.broken
}

// live returns Badger's tables by ID.
func (g *tableGuard) live() map[uint64]badger.TableInfo {
	live := map[uint64]badger.TableInfo{}
	for _, t := range g.db.Tables() {
		live[t.ID] = t
	}
	return live
}

// judge reads the file of table t whole, as Open does (dirCheck.table),
// and reports whether it is the table Badger says it made: every block
// passes its checksum, and its first and last key, newest version and
// number of keys are those of Badger's table.
func (g *tableGuard) judge(t badger.TableInfo) error {
	name := table.IDToFilename(t.ID)
	// Not clean: Badger may be appending to MANIFEST as it is read.
	c := &dirCheck{dir: g.dir, sums: tableSums{}}
	m, err := c.manifest()
	if err != nil {
		return err
	}
	tm, ok := m.Tables[t.ID]
	if !ok {
		return errors.New("MANIFEST does not list it")
	}
	if err := c.registry(g.key); err != nil {
		return err
	}
	cache, err := newIndexCache()
	if err != nil {
		return err
	}
	defer cache.Close()
	var smallest, biggest []byte
	err = c.try(name, func() (err error) {
		smallest, biggest, err = c.table(name, t.ID, tm, cache)
		return err
	})
	if err != nil {
		return err
	}
	if !bytes.Equal(smallest, t.Left) || !bytes.Equal(biggest, t.Right) || c.version != t.MaxVersion || c.keys != uint64(t.KeyCount) {
		return errors.New("it is not the table Badger made")
	}
	return nil
}

// sync records the tables Badger added since the last sync, forgets
// those it removed, and keeps the record, as one written while the store
// is open. A table that Badger lists and whose file is not Badger's
// (see tableGuard) breaks the store.
func (g *tableGuard) sync() error {
	live := g.live()
	moved := false
	for _, id := range slices.Sorted(maps.Keys(live)) {
		if _, ok := g.sums[id]; ok {
			continue
		}
		if g.foreign[id] || g.gone[id] {
			return g.fail(id, errors.New("its file was replaced or removed before the store recorded it"))
		}
		if g.written[id] {
			if err := g.judge(live[id]); err != nil {
				return g.fail(id, fmt.Errorf("its file was written before the store recorded it, and %v", err))
			}
			delete(g.written, id)
		}
		g.watchTable(id) // first, so that a change while it is read is seen
		sum, err := sumFile(filepath.Join(g.dir, table.IDToFilename(id)))
		if err != nil {
			if _, ok := g.live()[id]; ok {
				return g.fail(id, err)
			}
			continue // compacted away meanwhile
		}
		g.sums[id], moved = sum, true
	}
	for id := range g.sums {
		if _, ok := live[id]; !ok {
			g.forget(id)
			moved = true
		}
	}
	// A table deleted and no longer Badger's never comes back.
	for id := range g.gone {
		if _, ok := live[id]; !ok {
			delete(g.gone, id)
			delete(g.creates, id)
			delete(g.foreign, id)
			delete(g.written, id)
		}
	}
	if moved {
		g.keep(g.record(false, 0))
	}
	return nil
}

// record returns the record of the guard's tables: of a closed database
// holding version, with its value-log files, or of an open one.
func (g *tableGuard) record(closed bool, version uint64) *tableRecord {
	r := &tableRecord{db: g.id, closed: closed, version: version, sums: g.sums}
	if closed {
		r.vlogs = g.vlogs
	}
	return r
}

// vlogLost returns the name of a value-log file that Open found and that
// is missing from now, or shorter in it, or "". Badger appends to the
// newest only, which, after an unclean shutdown, it first cuts to its
// last whole entry.
func (g *tableGuard) vlogLost(now vlogSizes) string {
	newest := slices.Max(append(slices.Collect(maps.Keys(g.opened)), 0))
	for id, size := range g.opened {
		if size <= logHeaderSize {
			continue // Badger removes a log that holds nothing (valueLogs)
		}
		if got, ok := now[id]; !ok || got < size && (g.clean || id != newest) {
			return vlogName(id)
		}
	}
	return ""
}

// valueLogs returns the value-log files of the closed database in dir that
// hold more than their header, with their sizes.
func valueLogs(dir string) (vlogSizes, error) {
	f, err := listDir(dir)
	if err != nil {
		return nil, err
	}
	vlogs := vlogSizes{}
	for _, id := range f.vlogs {
		fi, err := os.Stat(filepath.Join(dir, vlogName(id)))
		if err != nil {
			return nil, err
		}
		if fi.Size() > logHeaderSize {
			vlogs[id] = fi.Size()
		}
	}
	return vlogs, nil
}

// keep writes r as the record of the tables, if the store keeps one. A
// record that cannot be written is reported and left as it was: the next
// Open then knows fewer tables, which it accepts after a crash only.
func (g *tableGuard) keep(r *tableRecord) {
	if g.file == "" {
		return
	}
	if err := writeTableRecord(g.file, r); err != nil {
		g.log.Warn("badger: " + err.Error())
	}
}

// reopened moves the guard to db, which Badger opened again on the same
// directory after closing it (Store.reopen). Closing a database closes
// the tables Badger wrote, which reads as a close-write of each: so the
// tables the guard has a sum of are checked again, what it knew of
// tables without one is dropped, and the tables db lists are synced.
func (g *tableGuard) reopened(db *badger.DB) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken != nil {
		return g.broken
	}
	g.db = db
	if g.watch == nil {
		return nil
	}
	if _, _, err := g.watch.events(); err != nil {
		g.broken = fmt.Errorf("watching the database's tables: %w", err)
		return g.broken
	}
	clear(g.creates)
	clear(g.foreign)
	clear(g.written)
	clear(g.gone)
	if err := g.recheck(slices.Sorted(maps.Keys(g.sums))); err != nil {
		return err
	}
	return g.sync()
}

// verify checks every table of the store against its sum.
func (g *tableGuard) verify() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if fe := g.blockErr.Load(); fe != nil && g.broken == nil {
		g.broken = fe
	}
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
// them, and version, the newest it holds. If the guard found a table
// changed, it records only the tables it checked, as they were: the next
// Open then refuses the changed table, whether it had a sum or not.
func (g *tableGuard) close(version uint64) {
	guards.Delete(filepath.Clean(g.dir))
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.watch != nil {
		g.watch.close()
		g.watch = nil
	}
	if fe := g.blockErr.Load(); fe != nil && g.broken == nil {
		g.broken = fe
	}
	if g.file == "" {
		return
	}
	vlogs, err := valueLogs(g.dir)
	if err != nil {
		g.log.Warn("badger: the record of the tables is not kept: " + err.Error())
		return
	}
	g.vlogs = vlogs
	if name := g.vlogLost(vlogs); name != "" {
		// Removed or cut while the store was open (review12f W1): the
		// record must not vouch for the directory as it is now. Left as
		// a record of an open database, it has the next open check the
		// store against the log, which finds what is missing. Value-log
		// collection removes files too; after it, that check is the
		// cost of an open, not a refusal.
		g.log.Warn("badger: " + name + " is gone or shorter than when the store opened; the next open checks the store against its log")
		g.keep(g.record(false, version))
		return
	}
	if g.broken != nil {
		g.keep(g.record(true, version))
		return
	}
	f, err := os.Open(filepath.Join(g.dir, manifestFile))
	if err != nil {
		g.log.Warn("badger: the record of the tables is not kept: " + err.Error())
		return
	}
	defer f.Close()
	m, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions("").WithLogger(quiet))
	if err != nil {
		g.log.Warn("badger: the record of the tables is not kept: " + err.Error())
		return
	}
	sums := tableSums{}
	for id := range m.Tables {
		sum, ok := g.sums[id]
		if !ok && (g.foreign[id] || g.gone[id] || g.written[id]) {
			// Made at Close, and replaced before it was recorded.
			g.keep(g.record(true, version))
			return
		}
		if !ok {
			if sum, err = sumFile(filepath.Join(g.dir, table.IDToFilename(id))); err != nil {
				g.log.Warn("badger: the record of the tables is not kept: " + err.Error())
				return
			}
		}
		sums[id] = sum
	}
	g.sums = sums
	g.keep(g.record(true, version))
}

// guards maps the directory of each open store's database to its guard,
// for blockFailed.
var guards sync.Map

func init() {
	table.OnBlockError = blockFailed
	badger.OnValueError = valueFailed
}

// blockFailed is Badger's report that a block of the table in file, or
// its index, cannot be read or fails its checksum: it breaks the store
// that owns the table.
func blockFailed(file string, err error) {
	v, ok := guards.Load(filepath.Dir(file))
	if !ok {
		return // a table read by checkDir, which reports its own errors
	}
	g := v.(*tableGuard)
	fe := &FileError{file, fmt.Errorf("a block or the index fails its checksum or cannot be read (damaged while the store is open): %v", err)}
	if g.blockErr.CompareAndSwap(nil, fe) {
		g.log.Error("badger: " + fe.Error())
	}
}

// valueFailed is Badger's report that a value of key cannot be read from
// the value-log file file: kept for the read that met it (valueLost).
func valueFailed(file string, key []byte, err error) {
	v, ok := guards.Load(filepath.Dir(file))
	if !ok {
		return
	}
	g := v.(*tableGuard)
	g.lostMu.Lock()
	defer g.lostMu.Unlock()
	if g.lost == nil {
		g.lost = map[string]*FileError{}
	}
	g.lost[string(key)] = &FileError{file, fmt.Errorf("the value of key %q cannot be read from it (a value-log file missing, cut short or damaged): %v", key, err)}
}

// valueLost returns the error of the value of key that a read found
// missing from the value log: the *FileError Badger's report made of it,
// or one naming the directory.
func (g *tableGuard) valueLost(key []byte) *FileError {
	g.lostMu.Lock()
	defer g.lostMu.Unlock()
	if fe, ok := g.lost[string(key)]; ok {
		delete(g.lost, string(key))
		return fe
	}
	return &FileError{g.dir, fmt.Errorf("the value of key %q cannot be read from the value log", key)}
}

// breakOn fails the store closed on err, a value a read could not read
// (valueLost): that read, and every later one, fails with the first such
// error, as for a damaged table block, so that damage is never answered
// one record at a time beside answers from the rest. Other errors pass.
func (g *tableGuard) breakOn(err error) error {
	var fe *FileError
	if !errors.As(err, &fe) {
		return err
	}
	if g.blockErr.CompareAndSwap(nil, fe) {
		g.log.Error("badger: " + fe.Error())
	}
	return err
}
