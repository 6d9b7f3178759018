package badgerstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tvault/tvault/internal/diskspace"
	"github.com/tvault/tvault/vault/store"
)

// Badger writes its logs (.mem, .vlog), tables (.sst) and DISCARD through
// memory maps of files it sizes up front as sparse files. A page written
// where the file system has no block left for it is not an error but a
// SIGBUS, which kills the process; and it can happen in Badger's own
// goroutines (a memtable's flush to a table, a compaction, Close) at any
// time after a write. Preallocating those files cannot be done from
// outside: Badger creates each one and writes to it in the same call, and
// sizes its logs at twice 256 MiB. So the store keeps the room Badger may
// still take (reserve) free, and refuses a transaction before Badger
// writes it when the file system has not that room left beyond what the
// transaction itself adds.
const (
	// fixedReserve covers what reserve does not count: DISCARD's 1 MiB,
	// the first pages of the logs that Open and rotations create, and
	// MANIFEST's appends.
	fixedReserve = 4 << 20
	// writeMargin is the room kept, beyond the reserve, for transactions
	// under store.UseReserve (the audit entries of reads): some thousands
	// of them after other writes are refused.
	writeMargin = 16 << 20
	// entryOverhead bounds what Badger adds to an entry's key and value in
	// its logs and tables (headers, checksums, value pointers, index).
	entryOverhead = 64
)

// reserve returns the room Badger may take in dir without a transaction of
// ours: for each table, a compaction may write its like before deleting it
// (Badger's compactions write their output before they drop their input),
// and for each memtable's log, its flush writes a table of about the log's
// size (an eighth more for the table's index and filters).
func reserve(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fixedReserve, nil
	}
	if err != nil {
		return 0, err
	}
	n := int64(fixedReserve)
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".sst" && ext != ".mem" {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted by a compaction or flush meanwhile
		}
		if err != nil {
			return 0, err
		}
		if ext == ".sst" {
			n += fi.Size()
		} else {
			a := allocated(fi)
			n += a + a/8
		}
	}
	return n, nil
}

// room returns an error wrapping store.ErrNoSpace unless the file system
// holding dir has n bytes free beyond the reserve and, without useMargin,
// beyond writeMargin too.
func room(dir string, n int64, useMargin bool) error {
	want, err := reserve(dir)
	if err != nil {
		return fmt.Errorf("failed to check free space: %w", err)
	}
	want += n
	if !useMargin {
		want += writeMargin
	}
	at := dir
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		at = filepath.Dir(dir) // Open creates dir
	}
	free, err := diskspace.Free(at)
	if err != nil {
		return fmt.Errorf("failed to check free space: %w", err)
	}
	if free < want {
		return fmt.Errorf("%w: %s free, %s needed", store.ErrNoSpace, mib(free), mib(want))
	}
	return nil
}

// Room returns an error wrapping store.ErrNoSpace unless n more bytes can
// be written to the store's file system, by the store or beside it (a
// vault's blobs), and leave the room that the store keeps for itself and
// for the audit entries of reads. An Update checks the same before it
// commits a transaction not under store.UseReserve.
func (s *Store) Room(n int64) error { return room(s.dir, n, false) }

// txRoom is the room a transaction of written bytes (keys, values and
// entryOverhead each) takes: Badger writes it to a log, then a flush
// copies it into a table.
func txRoom(written int64) int64 { return 2 * written }

func mib(n int64) string {
	if n < 10<<20 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
