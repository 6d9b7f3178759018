package badgerstore

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/tvault/tvault/vault/store"
)

// loadBuffer is how many bytes of pairs a Loader hands to Badger at a
// time.
const loadBuffer = 4 << 20

// Badger's sizes for a load (Options.Load): the stream writer builds
// each table whole in memory, in an arena of twice the table's size
// allocated at once, and sizes the tables it writes at the last level
// (where it writes) at the base size times the multiplier to the power of
// the levels above (64 MiB); up to 16 are built or written at a time. A
// load's tables are the base size, so that its memory is bounded however
// much it writes. The memtable holds nothing during a load: a small one,
// with Badger's bound on a transaction (15% of it), which its arena makes
// room for (Badger's Close removes the write-ahead log of an empty one,
// and the next open makes one of the usual size).
const (
	loadTableSize    = 2 << 20
	loadMemTableSize = 4 << 20
)

func loadOptions(o badger.Options) badger.Options {
	o.TableSizeMultiplier = 1 // no With method
	return o.WithBaseTableSize(loadTableSize).WithMemTableSize(loadMemTableSize).WithMaxTxnSize(0)
}

// A Loader fills a new, empty store with pairs given in strictly
// ascending key order, through Badger's stream writer: it builds the
// tables and the value log directly, not through the memtable, so that
// its memory does not grow with what it writes (a restore of a large
// vault through transactions fills the memtable, up to its size). Nothing
// else may use the store until Close returns; what was loaded is durable
// only then. A failed load leaves the store unusable: the caller removes
// it.
type Loader struct {
	s    *Store
	sw   *badger.StreamWriter
	buf  *z.Buffer
	last []byte
	err  error
}

// Load starts a load of s, which must be new and empty, and should be
// opened with Options.Load: a store opened without loads in memory that
// grows with the pairs up to 16 tables of 64 MiB.
func (s *Store) Load() (*Loader, error) {
	if s.suspect != nil {
		return nil, s.suspect
	}
	s.gate.RLock()
	defer s.gate.RUnlock()
	if err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		if it.Rewind(); it.Valid() {
			return errors.New("load into a store that is not empty")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	// Not Prepare: it drops the (empty) database and so allocates a new
	// memtable, whose arena the collector's reused memory makes resident.
	sw := s.db.NewStreamWriter()
	if err := sw.PrepareIncremental(); err != nil {
		sw.Cancel()
		return nil, err
	}
	return &Loader{s: s, sw: sw, buf: z.NewBuffer(loadBuffer, "badgerstore.Load")}, nil
}

// Set adds the pair key, value, whose key must sort after the last one's.
func (l *Loader) Set(key, value []byte) error {
	if l.err != nil {
		return l.err
	}
	if err := store.CheckSizes(key, value); err != nil {
		return l.fail(err)
	}
	if l.last != nil && string(key) <= string(l.last) {
		return l.fail(fmt.Errorf("load: key %q does not sort after %q", key, l.last))
	}
	l.last = append(l.last[:0], key...)
	badger.KVToBuffer(&pb.KV{Key: key, Value: value, Version: 1}, l.buf)
	if l.buf.LenNoPadding() >= loadBuffer {
		return l.write()
	}
	return nil
}

func (l *Loader) write() error {
	l.s.gate.RLock()
	err := l.sw.Write(l.buf)
	l.s.gate.RUnlock()
	l.buf.Reset()
	if err != nil {
		return l.fail(err)
	}
	return nil
}

func (l *Loader) fail(err error) error {
	if l.err == nil {
		l.err = err
		l.sw.Cancel()
		l.buf.Release()
	}
	return err
}

// Cancel ends a load that will not be finished.
func (l *Loader) Cancel() { l.fail(errors.New("load canceled")) }

// Close writes what is left and makes the load durable.
func (l *Loader) Close() error {
	if l.err != nil {
		return l.err
	}
	if l.buf.LenNoPadding() > 0 {
		if err := l.write(); err != nil {
			return err
		}
	}
	l.s.gate.RLock()
	defer l.s.gate.RUnlock()
	err := l.sw.Flush()
	l.buf.Release()
	l.err = errors.New("load closed")
	return err
}
