// Package pgstore implements the store contract (package store) and the
// blob contract (package blob) on a PostgreSQL database, the backend that
// lets a vault outlive one machine.
//
// # Schema
//
// Create makes, if they do not exist, four tables in the first schema of
// the session's search_path (public by default), and Open requires them:
// tvault_kv (key bytea primary key, value bytea) holds the store;
// tvault_blob (one row per blob: a numeric id, its name once committed,
// its size) and tvault_blob_chunk (blob id, sequence number, up to 1 MiB
// of content) hold the blobs; tvault_keyring holds at most one value, the
// vault's sealed keyring (an age file). Values and chunks are stored
// uncompressed (STORAGE EXTERNAL): they are ciphertext, which does not
// compress, and a part of a chunk can then be read without the rest.
//
// Several Stores, in several processes, may have the same tables open at
// once (store.Shared): their transactions are serialised by PostgreSQL.
// Each Store holds a session-level advisory lock on its tables, on a
// connection of its own, for as long as it is open: exclusive if it was
// the first to open them (Alone), until Share makes it shared; shared
// otherwise, which Open waits for while another Store holds it alone.
// If that connection breaks (a restart of the server, a connection ended
// by an administrator, a network failure), the lock is gone: the Store
// checks the connection every lockCheck and then connects again and takes
// the lock shared again, so that a process opening the tables afterwards
// does not take them for its own alone.
//
// # Transactions
//
// Update runs in a SERIALIZABLE transaction, on a connection that holds,
// from before the transaction begins until it has ended, an advisory
// lock that every Update on the same tables takes (the write lock, named
// by the OID of tvault_keyring): the Updates of several Stores, in
// several processes, run one at a time, and do not fail each other's
// serialization as every pair would otherwise, since every write of a
// vault appends to its audit log. (A lock taken inside the transaction
// would come after its snapshot.) Views take no lock. A transaction that
// fails with a serialization failure or a deadlock (SQLSTATE 40001,
// 40P01), in any statement or at commit, is rolled back and run again, up
// to 16 times, after which Update returns store.ErrConflict. A statement
// that fails aborts the transaction in PostgreSQL, so Update rolls back
// whenever one failed, even if fn ignored the error. View runs in a
// REPEATABLE READ READ ONLY transaction: a snapshot, as Badger's View is,
// that never fails to serialise.
//
// Update returns nil only once PostgreSQL has committed; Open refuses a
// session where synchronous_commit is off, and so does every connection
// made later, since a commit would then
// return before it is durable. The server's fsync must be on too, which a
// client cannot check. If the connection is lost during the commit,
// Update returns an error and the outcome is unknown: PostgreSQL may have
// committed.
//
// Scan reads its range in pages, ordered by key, of at most 256 rows and
// about 4 MiB (a page always holds at least one row), each read whole
// before fn is called, so that fn may use the transaction; memory is
// bounded by a page, not by the range.
//
// # Integrity
//
// PostgreSQL checks its pages when data checksums are on (initdb
// --data-checksums, see docs/DEPLOY.md); a read that meets a damaged page
// or index (SQLSTATE XX001, XX002) fails with an error wrapping
// store.ErrCorrupt. Blobs are checked against their recorded size and
// chunk count when opened, and each chunk read against its expected
// length.
package pgstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tvault/tvault/vault/store"
)

// conflictRetries bounds how often Update re-runs a transaction that lost
// a race, as the Badger backend does.
const conflictRetries = 16

// Scan's page bounds.
const (
	pageRows  = 256
	pageBytes = 4 << 20
)

// schema creates the tables; see the package doc. schemaLock is the
// advisory lock that keeps two processes opening a new database at once
// from racing to create them.
const (
	schemaLock = 0x7476_6175_6c74 // "tvault"
	schema     = `
CREATE TABLE IF NOT EXISTS tvault_keyring (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	sealed bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS tvault_kv (
	key bytea PRIMARY KEY,
	value bytea NOT NULL
);
ALTER TABLE tvault_kv ALTER COLUMN value SET STORAGE EXTERNAL;
CREATE TABLE IF NOT EXISTS tvault_blob (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name text UNIQUE,
	size bigint
);
CREATE TABLE IF NOT EXISTS tvault_blob_chunk (
	blob bigint REFERENCES tvault_blob ON DELETE CASCADE,
	seq integer,
	data bytea NOT NULL,
	PRIMARY KEY (blob, seq)
);
ALTER TABLE tvault_blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
`
)

// ErrNoTables is returned by Open for a database (or search_path) without
// the tables Create makes.
var ErrNoTables = errors.New("database holds no tvault tables")

// Store is a store.Store on a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	cfg  *pgx.ConnConfig // of lock, to connect again
	// lockMu guards lock, which holdLock replaces once it is lost.
	lockMu sync.Mutex
	lock   *pgx.Conn // holds the advisory lock
	alone  atomic.Bool
	stop   chan struct{} // closed by Close, to end holdLock
	held   chan struct{} // closed when holdLock has ended
}

// lockCheck is how often a Store checks the connection that holds its
// lock on the tables.
const lockCheck = time.Second

var _ store.Shared = (*Store)(nil)

// Create creates the tables if they do not exist and opens the store (see
// Open).
func Create(ctx context.Context, conn string) (*Store, error) {
	return open(ctx, conn, true)
}

// Open connects to the database named by conn (a libpq connection string,
// postgres://... or key=value form), checks that commits are durable and
// takes the lock, alone if no other Store has the tables open, else
// shared, waiting (until ctx is done) while another holds them alone. It
// fails with ErrNoTables if the tables do not exist.
func Open(ctx context.Context, conn string) (*Store, error) {
	return open(ctx, conn, false)
}

func open(ctx context.Context, conn string, create bool) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	lock, err := pgx.ConnectConfig(ctx, cfg.ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	alone, err := prepare(ctx, lock, create)
	if err != nil {
		lock.Close(ctx)
		return nil, err
	}
	// Every connection of the pool, made later, is checked too: the
	// database's or role's default may have changed since (ALTER
	// DATABASE ... SET synchronous_commit).
	cfg.AfterConnect = durableSession
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		lock.Close(ctx)
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &Store{pool: pool, cfg: cfg.ConnConfig, lock: lock, stop: make(chan struct{}), held: make(chan struct{})}
	s.alone.Store(alone)
	go s.holdLock()
	return s, nil
}

// holdLock checks the lock's connection every lockCheck, until Close, and
// takes the lock again once it is lost.
func (s *Store) holdLock() {
	defer close(s.held)
	t := time.NewTicker(lockCheck)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		s.lockMu.Lock()
		ctx, cancel := context.WithTimeout(context.Background(), lockCheck)
		if s.lock.Ping(ctx) != nil {
			s.relock(ctx)
		}
		cancel()
		s.lockMu.Unlock()
	}
}

// relock connects again and takes the lock shared: a Store that lost its
// lock may no longer be alone. A failure is tried again at the next
// check. s.lockMu is held.
func (s *Store) relock(ctx context.Context) {
	c, err := pgx.ConnectConfig(ctx, s.cfg.Copy())
	if err != nil {
		return
	}
	if _, err := c.Exec(ctx, "SELECT pg_advisory_lock_shared("+tablesLock+")"); err != nil {
		c.Close(ctx)
		return
	}
	s.lock.Close(ctx)
	s.lock = c
	s.alone.Store(false)
}

// durableSession fails if a commit in c's session would return before
// it is durable: synchronous_commit is off.
func durableSession(ctx context.Context, c *pgx.Conn) error {
	var sync string
	if err := c.QueryRow(ctx, "SELECT current_setting('synchronous_commit')").Scan(&sync); err != nil {
		return classify(err)
	}
	if sync == "off" {
		return errors.New("postgres: synchronous_commit is off: a commit would return before it is durable")
	}
	return nil
}

// tablesLock is the advisory lock on the tables: the table's OID names
// it, which tells apart the tables of different schemas and is below
// schemaLock.
const tablesLock = "to_regclass('tvault_kv')::oid::bigint"

// prepare checks that commits are durable, creates the tables if create
// is set, and takes the lock on them; alone says whether it took it
// exclusive.
func prepare(ctx context.Context, c *pgx.Conn, create bool) (alone bool, err error) {
	if err := durableSession(ctx, c); err != nil {
		return false, err
	}
	if create {
		err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", schemaLock); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, schema)
			return err
		})
		if err != nil {
			return false, classify(err)
		}
	}
	var exists bool
	err = c.QueryRow(ctx, "SELECT to_regclass('tvault_kv') IS NOT NULL, coalesce(pg_try_advisory_lock("+tablesLock+"), false)").Scan(&exists, &alone)
	switch {
	case err != nil:
		return false, classify(err)
	case !exists:
		return false, ErrNoTables
	case !alone:
		// Waits while a Store holds the tables alone.
		if _, err := c.Exec(ctx, "SELECT pg_advisory_lock_shared("+tablesLock+")"); err != nil {
			return false, classify(err)
		}
	}
	return alone, nil
}

// Alone implements store.Shared.
func (s *Store) Alone() bool { return s.alone.Load() }

// Share implements store.Shared: it takes the lock shared before it lets
// go of the exclusive one, so that the tables are never without it.
func (s *Store) Share(ctx context.Context) error {
	s.lockMu.Lock()
	defer s.lockMu.Unlock()
	if !s.alone.Load() {
		return nil
	}
	if _, err := s.lock.Exec(ctx, "SELECT pg_advisory_lock_shared("+tablesLock+")"); err != nil {
		return classify(err)
	}
	if _, err := s.lock.Exec(ctx, "SELECT pg_advisory_unlock("+tablesLock+")"); err != nil {
		return classify(err)
	}
	s.alone.Store(false)
	return nil
}

// Others returns how many other Stores, in this process or others, hold
// the lock on the tables: have them open.
func (s *Store) Others(ctx context.Context) (int, error) {
	s.lockMu.Lock()
	defer s.lockMu.Unlock()
	var n int
	err := s.lock.QueryRow(ctx, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = "+tablesLock+" AND granted AND pid <> pg_backend_pid()").Scan(&n)
	return n, classify(err)
}

// writeLock is the advisory lock of Update; see the package doc.
const writeLock = "to_regclass('tvault_keyring')::oid::bigint"

// Update implements store.Store.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	for range conflictRetries {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.locked(ctx, func(c *pgxpool.Conn) error {
			return run(ctx, c, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(t *tx) error { return fn(t) })
		})
		if !retryable(err) {
			return err
		}
	}
	return store.ErrConflict
}

// locked runs fn on a connection that holds the write lock. A connection
// whose unlock fails is closed, which releases the lock, rather than
// going back to the pool with it.
func (s *Store) locked(ctx context.Context, fn func(*pgxpool.Conn) error) error {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return classify(err)
	}
	defer c.Release()
	if _, err := c.Exec(ctx, "SELECT pg_advisory_lock("+writeLock+")"); err != nil {
		// Canceled, it may have taken the lock all the same.
		c.Conn().Close(context.WithoutCancel(ctx))
		return classify(err)
	}
	err = fn(c)
	if _, uerr := c.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+writeLock+")"); uerr != nil {
		c.Conn().Close(context.WithoutCancel(ctx))
	}
	return err
}

// View implements store.Store.
func (s *Store) View(ctx context.Context, fn func(store.ReadTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	return run(ctx, s.pool, opts, func(t *tx) error { return fn(t) })
}

// run runs fn in a transaction of db and commits it if neither fn nor any
// of its statements failed. A failed statement's error takes precedence
// over fn's when it calls for a retry, since fn may have wrapped or
// replaced it.
func run(ctx context.Context, db interface {
	BeginTx(context.Context, pgx.TxOptions) (pgx.Tx, error)
}, opts pgx.TxOptions, fn func(*tx) error) error {
	ptx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return classify(err)
	}
	// After Commit, Rollback does nothing; before it, it ends the
	// transaction whatever fn did, a panic included.
	defer ptx.Rollback(ctx)
	t := &tx{ctx: ctx, tx: ptx}
	err = fn(t)
	if err == nil || retryable(t.err) {
		err = t.err
	}
	if err != nil {
		return err
	}
	return classify(ptx.Commit(ctx))
}

// Close implements store.Store. It closes every connection, which
// releases the lock.
func (s *Store) Close() error {
	s.pool.Close()
	close(s.stop)
	<-s.held
	// Unlock before closing: the server ends a closed session, and frees
	// its locks, only after Close returns, so that the next process to
	// open the store could find it still in use and not take it alone.
	ctx := context.Background()
	_, unlockErr := s.lock.Exec(ctx, "SELECT pg_advisory_unlock_all()")
	return classify(errors.Join(unlockErr, s.lock.Close(ctx)))
}

// Keyring returns the sealed keyring, or store.ErrNotFound.
func (s *Store) Keyring(ctx context.Context) ([]byte, error) {
	var sealed []byte
	err := s.pool.QueryRow(ctx, "SELECT sealed FROM tvault_keyring").Scan(&sealed)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, classify(err)
	}
	return sealed, nil
}

// SetKeyring stores the sealed keyring. It fails if one is stored.
func (s *Store) SetKeyring(ctx context.Context, sealed []byte) error {
	_, err := s.pool.Exec(ctx, "INSERT INTO tvault_keyring (sealed) VALUES ($1)", sealed)
	return classify(err)
}

// Empty reports whether the store holds no keyring, no key and no blob,
// finished or not.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var used bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tvault_keyring)
	OR EXISTS (SELECT 1 FROM tvault_kv) OR EXISTS (SELECT 1 FROM tvault_blob)`).Scan(&used)
	return !used, classify(err)
}

// retryable reports whether err is a serialization failure or a deadlock,
// after which the transaction can run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// classify wraps PostgreSQL's errors for damaged data and for values
// beyond its limits in the store's sentinels.
func classify(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "XX001", "XX002": // data_corrupted, index_corrupted
		return fmt.Errorf("%w: postgres: %w", store.ErrCorrupt, err)
	case "54000": // program_limit_exceeded
		return fmt.Errorf("%w: postgres: %w", store.ErrTooLarge, err)
	}
	return fmt.Errorf("postgres: %w", err)
}

// tx is a transaction; err is the first error of one of its statements,
// after which PostgreSQL refuses the others.
type tx struct {
	ctx context.Context
	tx  pgx.Tx
	err error
}

// fail records and returns the error of a statement.
func (t *tx) fail(err error) error {
	err = classify(err)
	if t.err == nil {
		t.err = err
	}
	return err
}

func (t *tx) Get(key []byte) ([]byte, error) {
	var v []byte
	err := t.tx.QueryRow(t.ctx, "SELECT value FROM tvault_kv WHERE key = $1", key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, t.fail(err)
	}
	return v, nil
}

// Scan's queries: a page of the range [from, end), or [from, ∞) when the
// prefix has no end. A row is in the page while the rows before it hold
// less than $3 bytes.
const (
	pageSQL = `SELECT key, value FROM (
	SELECT key, value, sum(octet_length(value)) OVER (ORDER BY key ROWS UNBOUNDED PRECEDING) - octet_length(value) AS before
	FROM tvault_kv WHERE key >= $1 %s ORDER BY key LIMIT $2
) page WHERE before < $3 ORDER BY key`
)

var (
	pageRangeSQL = fmt.Sprintf(pageSQL, "AND key < $4")
	pageToEndSQL = fmt.Sprintf(pageSQL, "")
)

func (t *tx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	end := prefixEnd(prefix)
	// Not nil: pgx sends a nil slice as NULL, which no key is >= to.
	from := append([]byte{}, prefix...)
	for {
		var rows pgx.Rows
		var err error
		if end != nil {
			rows, err = t.tx.Query(t.ctx, pageRangeSQL, from, pageRows, pageBytes, end)
		} else {
			rows, err = t.tx.Query(t.ctx, pageToEndSQL, from, pageRows, pageBytes)
		}
		if err != nil {
			return t.fail(err)
		}
		var keys, values [][]byte
		size := 0
		for rows.Next() {
			var k, v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return t.fail(err)
			}
			keys, values = append(keys, k), append(values, v)
			size += len(v)
		}
		if err := rows.Err(); err != nil {
			return t.fail(err)
		}
		for i := range keys {
			if err := fn(keys[i], values[i]); err != nil {
				return err
			}
		}
		// A page cut short by its size holds at least pageBytes; one with
		// fewer rows and bytes was the end of the range.
		if len(keys) < pageRows && size < pageBytes {
			return nil
		}
		// The smallest key after the last one (a new array: fn owns the
		// last key's).
		last := keys[len(keys)-1]
		from = append(last[:len(last):len(last)], 0)
	}
}

// prefixEnd returns the smallest key greater than every key that starts
// with prefix, or nil if there is none (prefix is empty or all 0xff).
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

func (t *tx) Set(key, value []byte) error {
	if err := store.CheckSizes(key, value); err != nil {
		return err
	}
	if value == nil {
		value = []byte{} // an empty value, not SQL NULL
	}
	_, err := t.tx.Exec(t.ctx, `INSERT INTO tvault_kv (key, value) VALUES ($1, $2)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, key, value)
	if err != nil {
		return t.fail(err)
	}
	return nil
}

func (t *tx) Delete(key []byte) error {
	if _, err := t.tx.Exec(t.ctx, "DELETE FROM tvault_kv WHERE key = $1", key); err != nil {
		return t.fail(err)
	}
	return nil
}
