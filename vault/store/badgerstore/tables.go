package badgerstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4/table"

	"github.com/tvault/tvault/internal/atomicfile"
)

// Table records
//
// Badger's checksums tell a damaged table from a whole one, but not one
// whole table from another: an older table (from a copy of the directory)
// put in place of a current one opens, and its older versions of keys
// show through. Badger never rewrites a table once it is written, so the
// store keeps, in a file outside the directory (Options.Tables), the
// SHA-256 of each table it has seen, and Open refuses a table whose
// content differs from what the record says.
//
// The record names the database (the IV Badger draws when it creates its
// key registry, which a copy keeps and another database, a restored
// backup say, does not), says whether it was written at a clean Close,
// and then the newest version (Badger's commit timestamp) the database
// held. A table's ID is never reused within a database, so a table whose
// content differs from its record is refused whatever the state; so is,
// after a clean Close and no commit since, another set of tables (an
// older copy of the database, or of its files, put back).
//
// The record vouches for the tables only when it was written at a clean
// Close of the same database and the database holds no newer commit.
// Otherwise (no record yet, the first open with this state directory; a
// record written open, by a store that crashed; newer commits, by another
// process keeping its record elsewhere; another database) tables may
// have gone and come legitimately, by compactions this store did not
// see, and an attacker who can write the directory can make each of
// those true without the database's key: open a copy elsewhere, crash
// the process. So the store opens, but holds its record back and says
// why (Store.Unvouched) until its caller has verified the state the
// tables hold against a record of its own (the vault: against its audit
// log) and calls KeepTables. Badger's LOCK file, which anyone can put
// there, plays no part.
//
// A clean Close also records the value-log files and their sizes. Badger
// appends to its value-log files and truncates the last one at Close, and
// a file that is missing or shorter than the record says loses values
// whose pointers the tables hold: a file deleted, or cut short at an
// entry boundary (what putting back an older copy of it looks like),
// which the files' own checksums cannot tell. Where the record vouches
// for the tables, Open refuses such a file, naming it. Files of no more
// than their header hold no values, and are not recorded: Badger makes
// and removes them at will.
//
// The file's format, "tvault-tables/v3":
//
//	tvault-tables/v3
//	db <the database's key-registry IV, 32 lowercase hex digits>
//	closed <newest version, decimal> | open
//	<table ID, decimal> <SHA-256, 64 lowercase hex digits>
//	...
//	vlog <value-log file ID, decimal> <size in bytes, decimal>
//	...
//
// one line each, each ending in a newline, IDs ascending without repeats.
// Format v2 is the same without vlog lines: the record of an open
// database, or of a closed one by an earlier build, whose value log then
// goes unchecked until the next clean Close. A record of format v1,
// written by an earlier build, has no db line either, and is taken to
// name the database it is checked against.

// ErrTableReplaced is wrapped by the *FileError of a table whose content
// is not what the store's record of its tables says: a table file put in
// place of the one the store wrote.
var ErrTableReplaced = errors.New("not the table this store wrote")

// The headers of the record's formats: v3; v2 without the vlog lines; v1
// without the db line either.
const (
	tablesHeader   = "tvault-tables/v3"
	tablesHeaderV2 = "tvault-tables/v2"
	tablesHeaderV1 = "tvault-tables/v1"
)

// maxTablesFile bounds a table record: far more tables than a vault's
// Badger keeps (a line is at most 86 bytes).
const maxTablesFile = 8 << 20

// tableSums maps table IDs to the SHA-256 of their files.
type tableSums map[uint64][sha256.Size]byte

// vlogSizes maps value-log file IDs to the sizes of their files.
type vlogSizes map[uint64]int64

// tableRecord is the content of a table record file.
type tableRecord struct {
	db      string // the database's ID (databaseID); "" in a v1 record
	closed  bool   // written by a clean Close
	version uint64 // if closed, the newest version in the database
	sums    tableSums
	// vlogs are the value-log files at a clean Close (a v3 record); nil
	// in a record of an open database, and in an older one.
	vlogs vlogSizes
}

func (r *tableRecord) marshal() []byte {
	var b bytes.Buffer
	switch {
	case r.db == "":
		b.WriteString(tablesHeaderV1 + "\n")
	case r.closed && r.vlogs != nil:
		fmt.Fprintf(&b, "%s\ndb %s\n", tablesHeader, r.db)
	default:
		fmt.Fprintf(&b, "%s\ndb %s\n", tablesHeaderV2, r.db)
	}
	if r.closed {
		fmt.Fprintf(&b, "closed %d\n", r.version)
	} else {
		b.WriteString("open\n")
	}
	for _, id := range slices.Sorted(maps.Keys(r.sums)) {
		sum := r.sums[id]
		fmt.Fprintf(&b, "%d %x\n", id, sum)
	}
	if r.closed && r.db != "" {
		for _, id := range slices.Sorted(maps.Keys(r.vlogs)) {
			fmt.Fprintf(&b, "vlog %d %d\n", id, r.vlogs[id])
		}
	}
	return b.Bytes()
}

// parseTableRecord parses a table record strictly: the one encoding
// marshal writes.
func parseTableRecord(data []byte) (*tableRecord, error) {
	if len(data) > maxTablesFile {
		return nil, errors.New("too large")
	}
	text, ok := strings.CutSuffix(string(data), "\n")
	if !ok {
		return nil, errors.New("does not end in a newline")
	}
	lines := strings.Split(text, "\n")
	r := &tableRecord{sums: tableSums{}}
	head := 2 // lines before the tables
	v3 := false
	switch {
	case len(lines) >= 3 && (lines[0] == tablesHeader || lines[0] == tablesHeaderV2):
		db, ok := strings.CutPrefix(lines[1], "db ")
		if !ok || !isDatabaseID(db) {
			return nil, fmt.Errorf("line 2: want db and the database's ID")
		}
		r.db, head, v3 = db, 3, lines[0] == tablesHeader
	case len(lines) >= 2 && lines[0] == tablesHeaderV1:
	default:
		return nil, fmt.Errorf("does not begin with %q, the database's ID and a state", tablesHeader)
	}
	state := lines[head-1]
	if v, ok := strings.CutPrefix(state, "closed "); ok {
		var err error
		r.closed = true
		if r.version, err = parseDecimal(v); err != nil {
			return nil, fmt.Errorf("line %d: %v", head, err)
		}
	} else if state != "open" {
		return nil, fmt.Errorf("line %d: state %q, want closed and a version, or open", head, state)
	}
	// The vlog lines come last, in a v3 record, which is of a closed
	// database (marshal writes an open one as v2).
	tables := lines[head:]
	if v3 {
		if !r.closed {
			return nil, fmt.Errorf("line %d: a %s record of an open database", head, tablesHeader)
		}
		r.vlogs = vlogSizes{}
		if n := slices.IndexFunc(tables, func(l string) bool { return strings.HasPrefix(l, "vlog ") }); n >= 0 {
			if err := r.parseVlogs(tables[n:], head+n); err != nil {
				return nil, err
			}
			tables = tables[:n]
		}
	}
	var prev uint64
	for i, line := range tables {
		idText, hexSum, ok := strings.Cut(line, " ")
		id, err := parseDecimal(idText)
		if !ok || err != nil || len(hexSum) != 2*sha256.Size || strings.ToLower(hexSum) != hexSum {
			return nil, fmt.Errorf("line %d: want a table ID and a SHA-256 in hex", head+i+1)
		}
		if i > 0 && id <= prev {
			return nil, fmt.Errorf("line %d: table IDs out of order", head+i+1)
		}
		var sum [sha256.Size]byte
		if _, err := hex.Decode(sum[:], []byte(hexSum)); err != nil {
			return nil, fmt.Errorf("line %d: want a table ID and a SHA-256 in hex", head+i+1)
		}
		r.sums[id], prev = sum, id
	}
	return r, nil
}

// parseVlogs parses lines, the vlog lines of a record, the first of which
// is line n+1 of the file.
func (r *tableRecord) parseVlogs(lines []string, n int) error {
	var prev uint64
	for i, line := range lines {
		f := strings.Split(line, " ")
		if len(f) != 3 || f[0] != "vlog" {
			return fmt.Errorf("line %d: want vlog, a value-log file ID and its size", n+i+1)
		}
		id, err := parseDecimal(f[1])
		if err != nil || id > 1<<32-1 {
			return fmt.Errorf("line %d: want vlog, a value-log file ID and its size", n+i+1)
		}
		size, err := parseDecimal(f[2])
		if err != nil || size <= logHeaderSize || size > 1<<62 {
			return fmt.Errorf("line %d: want vlog, a value-log file ID and its size", n+i+1)
		}
		if i > 0 && id <= prev {
			return fmt.Errorf("line %d: value-log file IDs out of order", n+i+1)
		}
		r.vlogs[id], prev = int64(size), id
	}
	return nil
}

// parseDecimal parses a uint64 in its one decimal form.
func parseDecimal(s string) (uint64, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || strconv.FormatUint(n, 10) != s {
		return 0, fmt.Errorf("%q is not a decimal number", s)
	}
	return n, nil
}

// readTableRecord reads the record in file; nil, nil if there is none.
func readTableRecord(file string) (*tableRecord, error) {
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTablesFile+1))
	if err != nil {
		return nil, err
	}
	r, err := parseTableRecord(data)
	if err != nil {
		return nil, fmt.Errorf("the record of the database's tables %s is damaged: %w", file, err)
	}
	return r, nil
}

// writeTableRecord replaces the record in file.
func writeTableRecord(file string, r *tableRecord) error {
	if err := atomicfile.ReplaceFile(file, r.marshal()); err != nil {
		return fmt.Errorf("failed to keep the record of the database's tables: %w", err)
	}
	return nil
}

// checkTables checks the tables of database db, found whole with the
// sums now and the newest version version (in its tables and write-ahead
// logs), and its value-log files vlogs, against the record r (nil: none
// kept yet). It returns, as mismatch, a *FileError wrapping
// ErrTableReplaced naming the first table whose content differs from the
// record, or else one naming a table that a record written at a clean
// Close of the same database, with no commit since, disagrees with the
// database on (the database has it and the record not, or the other way),
// or else a *FileError naming a value-log file that such a record has and
// the database lacks or holds shorter. It returns, as unvouched, why the
// record does not vouch for the tables (see Table records), or nil if it
// does.
func (c *dirCheck) checkTables(r *tableRecord, db string, now tableSums, vlogs vlogSizes, version uint64) (mismatch, unvouched error) {
	if r == nil {
		if len(now) == 0 && version == 0 {
			return nil, nil // a new database: nothing to vouch for
		}
		return nil, errors.New("no record of its tables is kept in this state directory yet")
	}
	if r.db != "" && r.db != db {
		return nil, errors.New("it is another database than the one recorded (a backup restored in its place, say)")
	}
	for _, id := range slices.Sorted(maps.Keys(now)) {
		if want, ok := r.sums[id]; ok && want != now[id] {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: its content is not what the store recorded of it (an older or another table put in its place)", ErrTableReplaced)), nil
		}
	}
	switch {
	case !r.closed:
		why := "the store that wrote the record of its tables did not close it (a crash)"
		// Said, not refused: a compaction after the record was last
		// written removes tables too.
		var gone []string
		for _, id := range slices.Sorted(maps.Keys(r.sums)) {
			if _, ok := now[id]; !ok {
				gone = append(gone, table.IDToFilename(id))
			}
		}
		if len(gone) > 0 {
			why += fmt.Sprintf(", and tables it lists are gone: %s (compacted since, or removed)", strings.Join(gone, ", "))
		}
		return nil, errors.New(why)
	case version > r.version:
		return nil, errors.New("it holds commits made since the record of its tables was written (by a process that keeps its record elsewhere)")
	}
	for _, id := range slices.Sorted(maps.Keys(now)) {
		if _, ok := r.sums[id]; !ok {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: the store did not record it when it last closed the database (an older copy of the database, or of its files, put back)", ErrTableReplaced)), nil
		}
	}
	for _, id := range slices.Sorted(maps.Keys(r.sums)) {
		if _, ok := now[id]; !ok {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: it was in the database when the store last closed it, and MANIFEST no longer lists it (an older copy of the database, or of its files, put back)", ErrTableReplaced)), nil
		}
	}
	for _, id := range slices.Sorted(maps.Keys(r.vlogs)) {
		want := r.vlogs[id]
		size, ok := vlogs[id]
		switch {
		case !ok:
			return c.fail(vlogName(id), fmt.Errorf("missing: it held %d bytes of values when the store last closed the database (deleted, or an older copy of the database put back)", want)), nil
		case size < want:
			return c.fail(vlogName(id), fmt.Errorf("cut short: %d bytes, and it held %d when the store last closed the database (truncated, or an older copy of it put back)", size, want)), nil
		}
	}
	return nil, nil
}

// databaseID returns the ID of the database in dir: the IV at the head of
// its key registry, which Badger draws when it creates the registry and
// keeps for the database's life, in hex; "" if there is no registry yet.
func databaseID(dir string) (string, error) {
	f, err := os.Open(filepath.Join(dir, registryFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	iv := make([]byte, 16)
	if _, err := io.ReadFull(f, iv); err != nil {
		return "", &FileError{filepath.Join(dir, registryFile), fmt.Errorf("shorter than its header: %v", err)}
	}
	return hex.EncodeToString(iv), nil
}

func isDatabaseID(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 16 && hex.EncodeToString(b) == s
}

// sumFile returns the SHA-256 of the file at path.
func sumFile(path string) (sum [sha256.Size]byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}
