package badgerstore

import "testing"

// Flatten compacts every table of s into one level, as a long-running
// store's compactions eventually do, so that tests can make tables and
// value-log entries obsolete.
func Flatten(s *Store) error { return s.db.Flatten(1) }

// LogEntries returns the offsets of the entries in the contents of a
// value-log or write-ahead-log file, and the offset after the last.
func LogEntries(data []byte) (offsets []int, end int) {
	end = logHeaderSize
	for {
		e, ok := parseEntry(data[end:], len(data))
		if !ok {
			return offsets, end
		}
		offsets = append(offsets, end)
		end += e.len
	}
}

// Collect runs the collection a store left open runs every hour.
func Collect(s *Store) { s.collect(true) }

// DropPrefix deletes every key that starts with prefix at once, counting
// the values it drops as obsolete in the value log.
func DropPrefix(s *Store, prefix string) error { return s.db.DropPrefix([]byte(prefix)) }

// SetBlockCache sets the size of the block cache of the stores opened
// from now on (1: no block fits, every read goes to the table file), and
// returns a function that restores it.
func SetBlockCache(size int64) (restore func()) {
	old := blockCacheSize
	blockCacheSize = size
	return func() { blockCacheSize = old }
}

// SetIndexCache sets the size of the index cache of the stores opened
// from now on (1: no index fits, every use of a table's index reads it
// from the table file again), until the test ends.
func SetIndexCache(tb testing.TB, size int64) {
	old := indexCacheSize
	indexCacheSize = size
	tb.Cleanup(func() { indexCacheSize = old })
}

// SetPread sets whether the stores opened next read with pread (true, the
// default) or through memory maps, until the test ends.
func SetPread(tb testing.TB, on bool) {
	old := pread
	pread = on
	tb.Cleanup(func() { pread = old })
}

// LoadTableSize is the size of the tables of a load.
const LoadTableSize = loadTableSize

// SetMemTableSize sets the memtable size and the bound on a transaction
// of the stores opened from now on, until the test ends: a test writes
// with a larger memtable the write-ahead logs an earlier build leaves.
func SetMemTableSize(tb testing.TB, size, txn int64) {
	oldSize, oldTxn := memTableSize, maxTxnSize
	memTableSize, maxTxnSize = size, txn
	tb.Cleanup(func() { memTableSize, maxTxnSize = oldSize, oldTxn })
}
