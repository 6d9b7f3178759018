package badgerstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2/z"
)

// purgeWait bounds how long Purge waits for the transactions under way to
// end; a store that never pauses for that long is reported busy.
const purgeWait = time.Minute

// purgeRatio makes Badger's value-log collection rewrite any file with a
// single obsolete byte (it takes a ratio of the file's size, above 0).
const purgeRatio = 1e-12

// ErrBusy is returned by Purge when transactions kept the store busy for
// longer than it waits.
var ErrBusy = errors.New("store busy: transactions did not pause for the purge")

// Purge removes every key that starts with one of prefixes, and every
// trace of those keys and their values from the database's files: when
// it returns nil, no table, value log or write-ahead log in the
// directory holds an entry with such a key, in any version. Callers
// delete the keys first, in a transaction the audit log records (the
// vault's erase); Purge then removes what Badger keeps of them:
//
//   - it waits until no transaction is under way and holds new ones off;
//   - it checks the value logs, whose rewrite would stop at damage;
//   - it sets each prefix as a key (Badger's DropPrefix skips a prefix
//     with no live key, and deleted keys are not live);
//   - it closes and opens the database again: closing flushes the
//     memtables to tables and deletes their write-ahead logs, and opening
//     starts a new value log, so that every value of the keys is in a
//     value log that Badger may rewrite;
//   - DropPrefix drops every version of the keys from the tables
//     (compacting the tables that hold them into new ones and deleting
//     the old files) and counts their values in the value logs obsolete;
//   - the value-log collection then rewrites every value log holding an
//     obsolete value, keeping the live ones, and deletes it;
//   - last, it reads every version of the keys in the tables and the key
//     of every entry of every log file (decrypted), and fails if any is
//     one of them.
//
// It reads and rewrites much of the database: for erasure, not a hot
// path. A crash during it leaves the keys deleted (or, between the
// placeholders and the drop, set to empty values, which the sealed layer
// above reports as damage) and their old data in the files until Purge
// runs again; the vault records pending purges and runs them at open.
// Deleted files may survive as free blocks of the file system: see
// SECURITY.md.
func (s *Store) Purge(ctx context.Context, prefixes [][]byte) error {
	if len(prefixes) == 0 {
		return nil
	}
	for _, p := range prefixes {
		if len(p) == 0 {
			return errors.New("purge of an empty prefix")
		}
	}
	if err := s.pause(ctx); err != nil {
		return err
	}
	defer s.gate.Unlock()
	s.files.Lock()
	defer s.files.Unlock()
	if err := checkValueLogs(s.dir, s.key); err != nil {
		return fmt.Errorf("failed to purge: %w", err)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, p := range prefixes {
			if err := txn.Set(bytes.Clone(p), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to purge: %w", err)
	}
	if err := s.reopen(s.db.Opts()); err != nil {
		return fmt.Errorf("failed to purge: %w", err)
	}
	if err := guard(func() error { return s.db.DropPrefix(prefixes...) }); err != nil {
		return fmt.Errorf("failed to purge: %w", err)
	}
	for {
		err := s.db.RunValueLogGC(purgeRatio)
		if errors.Is(err, badger.ErrNoRewrite) {
			break
		}
		if err != nil {
			return fmt.Errorf("failed to purge the value log: %w", err)
		}
	}
	return s.purged(prefixes)
}

// pause waits until no transaction of the store is under way and takes
// the gate that holds new ones off. It polls: a transaction may run
// another inside its own (a View in an Update), which a waiting writer
// of the gate would block forever.
func (s *Store) pause(ctx context.Context) error {
	deadline := time.Now().Add(purgeWait)
	for !s.gate.TryLock() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if time.Now().After(deadline) {
			return ErrBusy
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

// reopen closes the database and opens it again with opts. The caller
// holds the gate, or has the store to itself.
func (s *Store) reopen(opts badger.Options) error {
	if err := s.tables.check(); err != nil {
		return err
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	db, err := openDB(opts)
	if err != nil {
		return err
	}
	s.db = db
	return s.tables.reopened(db)
}

// purged checks that no version of a key with one of prefixes is left
// in the tables, and no entry with such a key in any log file.
func (s *Store) purged(prefixes [][]byte) error {
	err := s.db.View(func(txn *badger.Txn) error {
		for _, p := range prefixes {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: p, AllVersions: true})
			it.Seek(p)
			left := it.ValidForPrefix(p)
			it.Close()
			if left {
				return fmt.Errorf("a version of a key under %q is left in the tables", p)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("purge incomplete: %w", err)
	}
	return LogKeys(s.dir, s.key, func(file string, key []byte) error {
		for _, p := range prefixes {
			if bytes.HasPrefix(key, p) {
				return fmt.Errorf("purge incomplete: %s holds an entry of a key under %q", file, p)
			}
		}
		return nil
	})
}

// LogKeys calls fn with the name of each value-log and write-ahead-log
// file in dir, a database encrypted with key (open or not), and the key,
// without its version, of each entry in it, until fn returns an error.
// Purge uses it to prove that no log holds what it purged; a test of
// erasure can use it to look where a grep of the files cannot, under
// Badger's encryption.
func LogKeys(dir string, key []byte, fn func(file string, key []byte) error) error {
	f, err := listDir(dir)
	if err != nil {
		return err
	}
	c := &dirCheck{dir: dir, clean: true}
	if err := c.registry(key); err != nil {
		return err
	}
	var names []string
	for _, id := range f.vlogs {
		names = append(names, vlogName(id))
	}
	for _, id := range f.mems {
		names = append(names, fmt.Sprintf("%05d.mem", id))
	}
	for _, name := range names {
		if err := c.logKeys(name, fn); err != nil {
			return err
		}
	}
	return nil
}

func (c *dirCheck) logKeys(name string, fn func(file string, key []byte) error) error {
	mf, err := z.OpenMmapFile(filepath.Join(c.dir, name), os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer mf.Close(-1)
	data := mf.Data
	if len(data) < logHeaderSize {
		return nil
	}
	dk, err := c.kr.DataKey(binary.BigEndian.Uint64(data))
	if err != nil || dk == nil {
		return c.fail(name, errors.New("encrypted under a data key the key registry lacks"))
	}
	for off := logHeaderSize; ; {
		e, ok := parseEntry(data[off:], len(data))
		if !ok {
			return nil
		}
		k, err := e.key(data, off, dk)
		if err != nil {
			return c.fail(name, err)
		}
		if err := fn(name, y.ParseKey(k)); err != nil {
			return err
		}
		off += e.len
	}
}

// key decrypts the key of e, at off in the log data, with its version.
func (e entry) key(data []byte, off int, dk *pb.DataKey) ([]byte, error) {
	// Badger's IV for an entry: the file's base IV and the entry's offset
	// (memtable.go, logFile.generateIV).
	iv := make([]byte, 16)
	copy(iv, data[8:logHeaderSize])
	binary.BigEndian.PutUint32(iv[12:], uint32(off))
	return y.XORBlockAllocate(data[off+e.hlen:off+e.hlen+e.klen], dk.Data, iv)
}
