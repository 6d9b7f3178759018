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
// The record says whether it was written at a clean Close. After a clean
// Close it lists exactly the tables of MANIFEST; after a crash, tables
// made since the record was last written are new to it and accepted, and
// tables compacted away since are forgotten.
//
// The file's format, "tvault-tables/v1":
//
//	tvault-tables/v1
//	closed|open
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
	closed bool // written by a clean Close
	sums   tableSums
}

func (r *tableRecord) marshal() []byte {
	var b bytes.Buffer
	b.WriteString(tablesHeader + "\n")
	if r.closed {
		b.WriteString("closed\n")
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
	switch lines[1] {
	case "closed":
		r.closed = true
	case "open":
	default:
		return nil, fmt.Errorf("line 2: state %q, want closed or open", lines[1])
	}
	var prev uint64
	for i, line := range lines[2:] {
		idText, hexSum, ok := strings.Cut(line, " ")
		id, err := strconv.ParseUint(idText, 10, 64)
		if !ok || err != nil || strconv.FormatUint(id, 10) != idText || len(hexSum) != 2*sha256.Size || strings.ToLower(hexSum) != hexSum {
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
// now, against the record r (nil: none kept yet, all accepted). clean
// says Badger closed the database. It fails with a *FileError wrapping
// ErrTableReplaced naming the first table that differs.
func (c *dirCheck) checkTables(r *tableRecord, now tableSums) error {
	if r == nil {
		return nil
	}
	strict := c.clean && r.closed
	for _, id := range slices.Sorted(maps.Keys(now)) {
		want, ok := r.sums[id]
		switch {
		case ok && want != now[id]:
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: its content is not what the store recorded of it (an older or another table put in its place)", ErrTableReplaced))
		case !ok && strict:
			return c.fail(table.IDToFilename(id), fmt.Errorf("%w: the store did not record it when it closed the database", ErrTableReplaced))
		}
	}
	if strict {
		for _, id := range slices.Sorted(maps.Keys(r.sums)) {
			if _, ok := now[id]; !ok {
				return c.fail(table.IDToFilename(id), fmt.Errorf("%w: it was in the database when the store closed it, and MANIFEST no longer lists it", ErrTableReplaced))
			}
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
