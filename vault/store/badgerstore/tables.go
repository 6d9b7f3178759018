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
// The record says whether it was written at a clean Close, and then the
// newest version (Badger's commit timestamp) the database held. After a
// clean Close it lists exactly the tables of MANIFEST: Open refuses
// another set of tables unless the database holds newer versions (another
// process, keeping its record elsewhere, wrote to it since: Badger's
// versions only grow, and writing one takes the database's key). After a
// crash, tables made since the record was last written are new to it and
// accepted, and tables compacted away since are forgotten: a crash is
// told by the record (written open) and by newer versions in the
// database, never by Badger's LOCK file, which anyone can put there. A table's ID
// is never reused within a database, so a table whose content differs
// from its record is refused whatever the state.
//
// The file's format, "tvault-tables/v1":
//
//	tvault-tables/v1
//	closed <newest version, decimal> | open
//	<table ID, decimal> <SHA-256, 64 lowercase hex digits>
//	...
//
// one line each, each ending in a newline, IDs ascending without repeats.

// ErrTableReplaced is wrapped by the *FileError of a table whose content
// is not what the store's record of its tables says: a table file put in
// place of the one the store wrote.
var ErrTableReplaced = errors.New("not the table this store wrote")

const tablesHeader = "tvault-tables/v1"

// maxTablesFile bounds a table record: far more tables than a vault's
// Badger keeps (a line is at most 86 bytes).
const maxTablesFile = 8 << 20

// tableSums maps table IDs to the SHA-256 of their files.
type tableSums map[uint64][sha256.Size]byte

// tableRecord is the content of a table record file.
type tableRecord struct {
	closed  bool   // written by a clean Close
	version uint64 // if closed, the newest version in the database
	sums    tableSums
}

func (r *tableRecord) marshal() []byte {
	var b bytes.Buffer
	b.WriteString(tablesHeader + "\n")
	if r.closed {
		fmt.Fprintf(&b, "closed %d\n", r.version)
	} else {
		b.WriteString("open\n")
	}
	for _, id := range slices.Sorted(maps.Keys(r.sums)) {
		sum := r.sums[id]
		fmt.Fprintf(&b, "%d %x\n", id, sum)
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
	if len(lines) < 2 || lines[0] != tablesHeader {
		return nil, fmt.Errorf("does not begin with %q and a state", tablesHeader)
	}
	r := &tableRecord{sums: tableSums{}}
	if v, ok := strings.CutPrefix(lines[1], "closed "); ok {
		var err error
		r.closed = true
		if r.version, err = parseDecimal(v); err != nil {
			return nil, fmt.Errorf("line 2: %v", err)
		}
	} else if lines[1] != "open" {
		return nil, fmt.Errorf("line 2: state %q, want closed and a version, or open", lines[1])
	}
	var prev uint64
	for i, line := range lines[2:] {
		idText, hexSum, ok := strings.Cut(line, " ")
		id, err := parseDecimal(idText)
		if !ok || err != nil || len(hexSum) != 2*sha256.Size || strings.ToLower(hexSum) != hexSum {
			return nil, fmt.Errorf("line %d: want a table ID and a SHA-256 in hex", i+3)
		}
		if i > 0 && id <= prev {
			return nil, fmt.Errorf("line %d: table IDs out of order", i+3)
		}
		var sum [sha256.Size]byte
		if _, err := hex.Decode(sum[:], []byte(hexSum)); err != nil {
			return nil, fmt.Errorf("line %d: want a table ID and a SHA-256 in hex", i+3)
		}
		r.sums[id], prev = sum, id
	}
	return r, nil
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

// checkTables checks the tables of a database, found whole with the sums
// now and the newest version version (in its tables and write-ahead
// logs), against the record r (nil: none kept yet, all accepted). It returns a *FileError wrapping
// ErrTableReplaced naming the first table whose content differs from the
// record, or else one naming a table that a record written at a clean
// Close disagrees with the database on (the database has it and the
// record not, or the other way).
func (c *dirCheck) checkTables(r *tableRecord, now tableSums, version uint64) error {
	if r == nil {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(now)) {
		if want, ok := r.sums[id]; ok && want != now[id] {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: its content is not what the store recorded of it (an older or another table put in its place)", ErrTableReplaced))
		}
	}
	// Not Badger's LOCK file, which anyone who can write the directory
	// can put there: the versions say whether it was written since.
	if !r.closed || version > r.version {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(now)) {
		if _, ok := r.sums[id]; !ok {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: the store did not record it when it last closed the database (an older copy of the database, or of its files, put back)", ErrTableReplaced))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(r.sums)) {
		if _, ok := now[id]; !ok {
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: it was in the database when the store last closed it, and MANIFEST no longer lists it (an older copy of the database, or of its files, put back)", ErrTableReplaced))
		}
	}
	return nil
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
