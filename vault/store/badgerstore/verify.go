package badgerstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/skl"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/tvault/tvault/vault/store"
)

// A FileError reports a database file that fails Open's checks: missing,
// cut short, or failing a checksum or a consistency check. It wraps
// store.ErrCorrupt.
type FileError struct {
	Path string // the file, in the database directory
	Err  error  // what is wrong with it
}

func (e *FileError) Error() string {
	return fmt.Sprintf("%v: %s: %v", store.ErrCorrupt, e.Path, e.Err)
}

func (e *FileError) Unwrap() []error { return []error{store.ErrCorrupt, e.Err} }

// Badger's file names (manifest.go, key_registry.go, discard.go, dir_unix.go).
const (
	manifestFile = badger.ManifestFilename
	registryFile = badger.KeyRegistryFileName
	discardFile  = "DISCARD"
	lockFile     = "LOCK"
)

const (
	// logHeaderSize is the head of every value-log and write-ahead-log
	// file: the data key's ID and a base IV (value.go, vlogHeaderSize).
	logHeaderSize = 20
	// registryHeaderSize is the key registry's IV and encrypted sanity
	// text (key_registry.go).
	registryHeaderSize = 16 + 12
	// maxLogHeader is the longest entry header in a log (structs.go).
	maxLogHeader = 22
)

// Bounds on one entry of a log, from what this package lets Badger write:
// a key of at most store.MaxKeySize with its 8-byte version, and a value
// (or, in the write-ahead log, a value below the value threshold or a
// pointer into the value log).
const (
	maxVlogEntry = maxLogHeader + store.MaxKeySize + 8 + store.MaxValueSize + 4
	maxMemEntry  = maxLogHeader + store.MaxKeySize + 8 + valueThreshold + 4
	// vlogResync bounds how far past a damaged value-log entry check looks
	// for an intact one.
	vlogResync = 1 << 20
)

// A dirCheck checks the files of a database directory; clean says whether
// Badger closed the database (see checkDir).
type dirCheck struct {
	dir     string
	clean   bool
	kr      *badger.KeyRegistry
	db      string    // the database's ID (databaseID), once registry has read it
	sums    tableSums // of the tables read whole
	vlogs   vlogSizes // the sizes of the value-log files
	version uint64    // the newest version in them
	keys    uint64    // the keys read in them, each version counted
	// memNeed is a memtable size in which Badger can replay every
	// write-ahead log, 0 without any (see log).
	memNeed int64
}

// checkDir checks the Badger database in dir, encrypted with key, before
// Badger opens it.
//
// Badger trusts its files. A table that fails its checksum at open is
// skipped ("Ignoring table"), a damaged block reads as "key not here" and
// lets an older version of the key show through, a missing MANIFEST makes
// Badger delete every table, a missing KEYREGISTRY makes it create new
// keys and then panic in a goroutine on tables it cannot read, and it cuts
// its logs at the first entry that fails a checksum as if a crash had torn
// it. checkDir reads every file first, with Badger's own code where Badger
// exports it, so that Badger only ever opens files that are whole.
//
// What a crash legitimately leaves is told apart by Badger's LOCK file,
// which Badger removes when it closes: after a clean shutdown every file
// must be whole; after an unclean one (the LOCK file is still there), a
// partial last MANIFEST entry, tables MANIFEST does not list, and a
// partial last entry in a preallocated log Badger appends to (the newest
// value log, the write-ahead logs) are the unfinished writes that Badger's
// recovery drops, and are accepted.
//
// Last, it checks the tables against rec, the store's record of them, and
// returns the check, with the SHA-256 of each table and the database's
// ID, and what checkTables says apart, as mismatch and unvouched.
func checkDir(dir string, key []byte, rec *tableRecord) (c *dirCheck, mismatch, unvouched, err error) {
	f, err := listDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = &dirFiles{has: map[string]bool{}}, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	c = &dirCheck{dir: dir, clean: !f.has[lockFile], sums: tableSums{}, vlogs: vlogSizes{}}
	if err := c.files(f, key); err != nil {
		return nil, nil, nil, err
	}
	mismatch, unvouched = c.checkTables(rec, c.db, c.sums, c.vlogs, c.version)
	return c, mismatch, unvouched, nil
}

// files checks the files f of the database.
func (c *dirCheck) files(f *dirFiles, key []byte) error {
	dataFiles := len(f.tables) + len(f.vlogs) + len(f.mems)
	if !f.has[manifestFile] {
		if dataFiles > 0 || f.has[registryFile] || f.has[discardFile] {
			return c.fail(manifestFile, errors.New("missing, and the directory holds a database's other files"))
		}
		return nil // a new database
	}
	m, err := c.manifest()
	if err != nil {
		return err
	}
	if !f.has[registryFile] {
		if dataFiles > 0 || len(m.Tables) > 0 {
			return c.fail(registryFile, errors.New("missing, and the database holds data encrypted under its keys"))
		}
		return nil // a crash during the first Open, before any data
	}
	if err := c.registry(key); err != nil {
		return err
	}
	// The tables and the logs are read at once, on two cores: after the
	// unseal they are most of an open's time. A damaged table is named
	// before a damaged log, as when they were read one after the other.
	logs := &dirCheck{dir: c.dir, clean: c.clean, kr: c.kr, vlogs: c.vlogs}
	var logsErr error
	var wg sync.WaitGroup
	wg.Go(func() { logsErr = logs.logs(f) })
	err = c.tables(m, f.tables)
	wg.Wait()
	if err != nil {
		return err
	}
	c.version = max(c.version, logs.version)
	c.memNeed = logs.memNeed
	return logsErr
}

// logs checks the value logs and the write-ahead logs of f.
func (c *dirCheck) logs(f *dirFiles) error {
	for i, id := range f.vlogs {
		// Badger appends to the newest value log only.
		last := i == len(f.vlogs)-1
		if err := c.log(vlogName(id), last, maxVlogEntry, vlogResync); err != nil {
			return err
		}
		fi, err := os.Stat(filepath.Join(c.dir, vlogName(id)))
		if err != nil {
			return c.fail(vlogName(id), err)
		}
		c.vlogs[id] = fi.Size()
	}
	for _, id := range f.mems {
		if err := c.log(fmt.Sprintf("%05d.mem", id), true, maxMemEntry, maxMemEntry); err != nil {
			return err
		}
	}
	return nil
}

func vlogName(id uint64) string { return fmt.Sprintf("%06d.vlog", id) }

// dirFiles is what a database directory holds, by Badger's file names.
type dirFiles struct {
	has                 map[string]bool
	tables, vlogs, mems []uint64 // IDs in ascending order
}

func listDir(dir string) (*dirFiles, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	f := &dirFiles{has: map[string]bool{}}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		f.has[name] = true
		if id, ok := table.ParseFileID(name); ok {
			f.tables = append(f.tables, id)
			continue
		}
		for _, l := range []struct {
			ext string
			ids *[]uint64
		}{{".vlog", &f.vlogs}, {".mem", &f.mems}} {
			if base, ok := strings.CutSuffix(name, l.ext); ok {
				// Badger fails on such a name late in Open, after it has
				// changed other files.
				id, err := strconv.ParseUint(base, 10, 32)
				if err != nil {
					return nil, &FileError{filepath.Join(dir, name), errors.New("a log file whose name is not a number")}
				}
				*l.ids = append(*l.ids, id)
			}
		}
	}
	slices.Sort(f.tables)
	slices.Sort(f.vlogs)
	slices.Sort(f.mems)
	return f, nil
}

func (c *dirCheck) fail(name string, err error) error {
	return &FileError{filepath.Join(c.dir, name), err}
}

// try runs fn, turning a panic in Badger's code into an error about the
// file name.
func (c *dirCheck) try(name string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			// Badger's panics in its table reader start with a blank
			// line and go on with a dump of the file's index.
			msg, _, _ := strings.Cut(strings.TrimSpace(fmt.Sprint(r)), "\n")
			err = c.fail(name, fmt.Errorf("unreadable (Badger panicked: %s)", msg))
		}
	}()
	if err := fn(); err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return err
		}
		return c.fail(name, err)
	}
	return nil
}

// manifest replays MANIFEST with Badger's own reader.
func (c *dirCheck) manifest() (m badger.Manifest, err error) {
	err = c.try(manifestFile, func() error {
		f, err := os.Open(filepath.Join(c.dir, manifestFile))
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		var end int64
		m, end, err = badger.ReplayManifestFile(f, 0, badger.DefaultOptions("").WithLogger(quiet))
		if err != nil {
			return err
		}
		if end < fi.Size() && c.clean {
			return fmt.Errorf("the last %d bytes are not a whole entry", fi.Size()-end)
		}
		return nil
	})
	return m, err
}

// registry checks the key registry's framing and opens it with key.
func (c *dirCheck) registry(key []byte) error {
	return c.try(registryFile, func() error {
		data, err := os.ReadFile(filepath.Join(c.dir, registryFile))
		if err != nil {
			return err
		}
		// Badger allocates each record's claimed length before it reads
		// the record: check every length first.
		if len(data) < registryHeaderSize {
			return fmt.Errorf("%d bytes, shorter than its header", len(data))
		}
		for off := registryHeaderSize; off < len(data); {
			if len(data)-off < 8 {
				return fmt.Errorf("cut short at offset %d", off)
			}
			n := int64(binary.BigEndian.Uint32(data[off:]))
			if n > int64(len(data)-off-8) {
				return fmt.Errorf("cut short at offset %d", off)
			}
			off += 8 + int(n)
		}
		c.db = hex.EncodeToString(data[:16])
		c.kr, err = badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: c.dir, ReadOnly: true, EncryptionKey: key})
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			return errors.New("does not open with this key: the key is wrong or the file is damaged")
		}
		return err
	})
}

// tables checks that the tables MANIFEST lists are there and whole, that
// no other table is there after a clean shutdown, and that the tables of
// each level from 1 on do not overlap.
func (c *dirCheck) tables(m badger.Manifest, onDisk []uint64) error {
	for _, id := range onDisk {
		if _, ok := m.Tables[id]; !ok && c.clean {
			return c.fail(table.IDToFilename(id), errors.New("not listed in MANIFEST"))
		}
	}
	cache, err := newIndexCache()
	if err != nil {
		return err
	}
	defer cache.Close()
	type span struct {
		name              string
		smallest, biggest []byte
	}
	levels := map[uint8][]span{}
	for _, id := range slices.Sorted(maps.Keys(m.Tables)) {
		tm := m.Tables[id]
		name := table.IDToFilename(id)
		var s span
		err := c.try(name, func() error {
			var err error
			s.smallest, s.biggest, err = c.table(name, id, tm, cache)
			return err
		})
		if err != nil {
			return err
		}
		s.name = name
		levels[tm.Level] = append(levels[tm.Level], s)
	}
	for level, spans := range levels {
		if level == 0 {
			continue // level 0's tables overlap by design
		}
		slices.SortFunc(spans, func(a, b span) int { return y.CompareKeys(a.smallest, b.smallest) })
		for i := 1; i < len(spans); i++ {
			if y.CompareKeys(spans[i-1].biggest, spans[i].smallest) >= 0 {
				return c.fail(spans[i].name, fmt.Errorf("overlaps %s on level %d", spans[i-1].name, level))
			}
		}
	}
	return nil
}

// newIndexCache returns a cache for the indexes of the tables table reads.
func newIndexCache() (*ristretto.Cache[uint64, *fb.TableIndex], error) {
	return ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{
		NumCounters: 1e4, MaxCost: 1 << 30, BufferItems: 64,
	})
}

// table reads every block of a table with Badger's table reader and
// returns its smallest and biggest key.
func (c *dirCheck) table(name string, id uint64, tm badger.TableManifest, cache *ristretto.Cache[uint64, *fb.TableIndex]) (smallest, biggest []byte, err error) {
	path := filepath.Join(c.dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, errors.New("missing, and MANIFEST lists it")
		}
		return nil, nil, err
	}
	if fi.Size() == 0 {
		return nil, nil, errors.New("empty")
	}
	dk, err := c.kr.DataKey(tm.KeyID)
	if err != nil || dk == nil {
		return nil, nil, fmt.Errorf("encrypted under data key %d, which %s lacks", tm.KeyID, registryFile)
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, nil, err
	}
	defer mf.Close(-1)
	// Hashed on another core while the blocks are read, and before the
	// file's map is closed.
	var sum [sha256.Size]byte
	hashed := make(chan struct{})
	go func() {
		defer close(hashed)
		sum = sha256.Sum256(mf.Data)
	}()
	defer func() {
		<-hashed
		if err == nil {
			c.sums[id] = sum
		}
	}()
	// An in-memory table over the mapped file: Badger's file-backed table
	// deletes its file when its last reference goes.
	t, err := table.OpenInMemoryTable(mf.Data, id, &table.Options{
		ChkMode:     options.OnBlockRead,
		DataKey:     dk,
		Compression: tm.Compression,
		BlockSize:   4 << 10,
		IndexCache:  cache,
	})
	if err != nil {
		return nil, nil, err
	}
	// An encrypted table's index is decrypted on every block read unless
	// the cache holds it.
	t.StaleDataSize()
	cache.Wait()
	defer cache.Del(id)

	// Each block's checksum is verified as the iterator reads it. The
	// iterator stops without an error at a block that fails, so the keys
	// must run in order from the index's smallest to the biggest that
	// Badger read from the last block.
	it := t.NewIterator(0)
	defer it.Close()
	var prev []byte
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Key()
		switch {
		case prev == nil && !bytes.Equal(k, t.Smallest()):
			return nil, nil, errors.New("its first key is not the one its index names")
		case prev != nil && y.CompareKeys(prev, k) >= 0:
			return nil, nil, errors.New("keys out of order")
		case y.ParseTs(k) > t.MaxVersion():
			return nil, nil, errors.New("a key newer than the table")
		}
		it.Value()
		prev = append(prev[:0], k...)
		c.keys++
	}
	if !bytes.Equal(prev, t.Biggest()) {
		return nil, nil, errors.New("a block fails its checksum or does not parse")
	}
	c.version = max(c.version, t.MaxVersion())
	return bytes.Clone(t.Smallest()), bytes.Clone(t.Biggest()), nil
}

// log checks a value-log or write-ahead-log file: its data key is in the
// registry and its entries are whole up to the zeros Badger preallocates.
//
// appending says whether Badger may still append to the file. A crash
// can leave such a file empty, or of the size Badger preallocates it
// (preallocated) with a last entry cut short; that is accepted after an
// unclean shutdown, unless an intact entry follows the damaged one within
// resync bytes (a torn write is the last thing written; damage is
// followed by what was written after it).
//
// The versions of a write-ahead log's entries count in c.version, and the
// memtable it needs in c.memNeed.
func (c *dirCheck) log(name string, appending bool, maxEntry, resync int) error {
	wal := strings.HasSuffix(name, ".mem")
	return c.try(name, func() error {
		path := filepath.Join(c.dir, name)
		fi, err := os.Stat(path)
		if err != nil {
			return err
		}
		crashed := appending && !c.clean
		if fi.Size() == 0 {
			if crashed {
				return nil // created, not yet written to: Badger starts it afresh
			}
			return errors.New("empty")
		}
		if fi.Size() < logHeaderSize {
			return fmt.Errorf("%d bytes, shorter than its header", fi.Size())
		}
		mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
		if err != nil {
			return err
		}
		defer mf.Close(-1)
		data := mf.Data
		// Every file is encrypted: data key 0 would mean plain text.
		id := binary.BigEndian.Uint64(data)
		dk, err := c.kr.DataKey(id)
		if err != nil || dk == nil {
			return fmt.Errorf("encrypted under data key %d, which %s lacks", id, registryFile)
		}
		off := logHeaderSize
		arena := int64(arenaBase)
		for i := 0; ; i++ {
			e, ok := parseEntry(data[off:], len(data))
			if !ok {
				break
			}
			arena += e.arena()
			// The checksums cover the encrypted bytes, so a damaged IV
			// passes them and decrypts every entry to noise: check that the
			// first keys decrypt to keys with a version, as Badger writes
			// every key.
			// A write-ahead log holds what a crash left unflushed: its
			// versions are the database's too (checkTables).
			if wal || i < keysToCheck {
				ts, ok := e.version(data, off, dk)
				if !ok {
					return fmt.Errorf("the entry at offset %d does not decrypt to a key: the file's IV or data key is damaged", off)
				}
				if wal {
					c.version = max(c.version, ts)
				}
			}
			off += e.len
		}
		pre := preallocated(name, fi.Size())
		if wal {
			// What the replay takes is at most arena, and at most the
			// memtable the log was made for if its size says which: a
			// preallocated file its entries do not fill.
			need := arena
			if pre && int64(off) < fi.Size() {
				need = min(need, fi.Size()/2)
			}
			c.memNeed = max(c.memNeed, need)
		}
		if zeroFrom(mf.Fd, data, off) {
			return nil
		}
		if !crashed || !pre {
			return fmt.Errorf("the entry at offset %d is damaged or cut short", off)
		}
		for q := off + 1; q < len(data) && q <= off+resync; q++ {
			if !plausibleEntry(data[q:], maxEntry) {
				continue
			}
			if _, ok := parseEntry(data[q:], maxEntry); ok {
				return fmt.Errorf("the entry at offset %d is damaged, and an intact one follows at %d", off, q)
			}
		}
		return nil // a write the crash cut off, which Badger drops
	})
}

// preallocated says whether size is the size Badger makes the log file
// name: twice that of a value-log file (value.go,
// valueLog.createVlogFile), or of a memtable for a write-ahead log
// (memtable.go, DB.openMemTable), of a size this package opens Badger
// with or did (memTableSizes).
func preallocated(name string, size int64) bool {
	if !strings.HasSuffix(name, ".mem") {
		return size == 2*valueLogFileSize
	}
	return size%2 == 0 && slices.Contains(memTableSizes(), size/2)
}

// memTableSizes are the memtable sizes this package opens Badger with
// (memTableSize, and a load's) and those earlier builds did, whose
// write-ahead logs a crash may have left, ascending.
func memTableSizes() []int64 {
	return slices.Sorted(slices.Values([]int64{loadMemTableSize, memTableSize, 32 << 20, 64 << 20, 256 << 20}))
}

// memTableFor returns the smallest of memTableSizes of at least need
// bytes, or need if none is as large.
func memTableFor(need int64) int64 {
	for _, m := range memTableSizes() {
		if m >= need {
			return m
		}
	}
	return need
}

// The room a write-ahead log's entries take at most in a memtable's arena
// when Badger replays them (memtable.go, memTable.UpdateSkipList; skl):
// the arena's first byte and head node, then for each entry a node (at
// most skl.MaxNodeSize, aligned to 8 bytes: the tower's height is
// random), the key, and the value with its meta, user meta and expiry (a
// uvarint; y.ValueStruct.EncodedSize). A memtable's arena is larger than
// the memtable (db.go, arenaSize), so one of this size holds them.
const (
	arenaBase  = 1 + skl.MaxNodeSize + 7
	arenaEntry = skl.MaxNodeSize + 7 + 2 + binary.MaxVarintLen64
)

func (e entry) arena() int64 { return int64(arenaEntry + e.len - e.hlen - 4) }

// An entry of a log (value.go, logFile.encodeEntry) is a header of meta
// and user meta bytes and uvarint key length, value length and expiry; the
// key and value, encrypted; and a big-endian CRC-32C of all that, as
// stored.
type entry struct {
	hlen, klen, len int
}

// parseEntry parses the entry at the start of b. It fails unless a whole
// entry of at most max bytes with a matching checksum starts there.
func parseEntry(b []byte, max int) (e entry, ok bool) {
	if len(b) < 2 {
		return e, false
	}
	n := 2
	var v [3]uint64
	for i := range v {
		x, k := binary.Uvarint(b[n:])
		if k <= 0 {
			return e, false
		}
		v[i], n = x, n+k
	}
	klen, vlen := v[0], v[1]
	// Badger reads no key of 64 KiB or more (value.go, safeRead.Entry).
	if klen > 1<<16 || vlen > uint64(max) {
		return e, false
	}
	end := uint64(n) + klen + vlen
	if end+4 > uint64(len(b)) || end+4 > uint64(max) {
		return e, false
	}
	if crc32.Checksum(b[:end], y.CastagnoliCrcTable) != binary.BigEndian.Uint32(b[end:]) {
		return e, false
	}
	return entry{hlen: n, klen: int(klen), len: int(end + 4)}, true
}

// keysToCheck is how many entries of a log check decrypts the key of. A
// key of noise passes version with a chance of 2^-16.
const keysToCheck = 4

// version decrypts the key of e, at off in the log data, and returns its
// version, and whether that is plausible: Badger appends to every key the
// bitwise complement of its commit timestamp, which counts commits from 1
// (y.KeyWithTs).
func (e entry) version(data []byte, off int, dk *pb.DataKey) (ts uint64, ok bool) {
	if e.klen < 8 {
		return 0, false
	}
	key, err := e.key(data, off, dk)
	if err != nil {
		return 0, false
	}
	ts = y.ParseTs(key)
	return ts, ts > 0 && ts < 1<<48
}

// plausibleEntry says whether b starts with a header this package's
// entries have: no user meta, no expiry, a key with its version. It keeps
// the search for an intact entry past a damaged one from checksumming
// every offset.
func plausibleEntry(b []byte, max int) bool {
	if len(b) < 5 || b[1] != 0 {
		return false
	}
	klen, n := binary.Uvarint(b[2:])
	if n <= 0 || klen < 8 || klen > 1<<16 {
		return false
	}
	vlen, m := binary.Uvarint(b[2+n:])
	return m > 0 && vlen <= uint64(max) && len(b) > 2+n+m && b[2+n+m] == 0
}

func allZero(b []byte) bool {
	var zeros [64 << 10]byte
	for len(b) > 0 {
		n := min(len(b), len(zeros))
		if !bytes.Equal(b[:n], zeros[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// checkValueLogs checks, in an open database, the value-log files that
// Badger no longer appends to: every one but the newest.
func checkValueLogs(dir string, key []byte) error {
	f, err := listDir(dir)
	if err != nil {
		return err
	}
	c := &dirCheck{dir: dir, clean: true}
	if err := c.registry(key); err != nil {
		return err
	}
	for _, id := range f.vlogs[:max(len(f.vlogs)-1, 0)] {
		if err := c.log(vlogName(id), false, maxVlogEntry, 0); err != nil {
			return err
		}
	}
	return nil
}
