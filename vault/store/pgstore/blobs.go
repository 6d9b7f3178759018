package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/store"
)

// chunkSize is the content of one chunk row: the unit a Writer sends and
// a Reader fetches, so that each holds at most one chunk in memory.
const chunkSize = 1 << 20

// Blobs is a blob.Store in the database of a Store.
//
// Create inserts a row for the blob with no name; each 1 MiB written is
// committed as a chunk row of it; Commit then gives the row its random
// name and its size in one statement, so that a blob is visible only whole
// and durable. A row with no name is an unfinished blob, which Abort and
// Sweep delete with its chunks. A Writer and a Reader run their statements
// in the context given to Create and Open.
type Blobs struct {
	pool *pgxpool.Pool
}

var _ blob.Store = (*Blobs)(nil)

// Blobs returns the blob store in s's database. It is usable until s is
// closed.
func (s *Store) Blobs() *Blobs { return &Blobs{pool: s.pool} }

// errSwept is the error of a Writer whose content is gone.
var errSwept = errors.New("blob writer's content was removed by Sweep")

// Create implements blob.Store.
func (b *Blobs) Create(ctx context.Context) (blob.Writer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := &writer{pool: b.pool, ctx: ctx, buf: make([]byte, 0, chunkSize)}
	err := b.pool.QueryRow(ctx, "INSERT INTO tvault_blob DEFAULT VALUES RETURNING id").Scan(&w.id)
	if err != nil {
		return nil, fmt.Errorf("failed to create blob: %w", classify(err))
	}
	return w, nil
}

// Open implements blob.Store. It checks that the blob's chunks add up to
// its size.
func (b *Blobs) Open(ctx context.Context, name string) (blob.Reader, error) {
	if err := blob.CheckName(name); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &reader{pool: b.pool, ctx: ctx, name: name}
	var chunks, stored int64
	err := b.pool.QueryRow(ctx, `SELECT b.id, b.size, count(c.seq), coalesce(sum(octet_length(c.data)), 0)
FROM tvault_blob b LEFT JOIN tvault_blob_chunk c ON c.blob = b.id
WHERE b.name = $1 GROUP BY b.id`, name).Scan(&r.id, &r.size, &chunks, &stored)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", blob.ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", name, classify(err))
	}
	if want := (r.size + chunkSize - 1) / chunkSize; chunks != want || stored != r.size {
		return nil, fmt.Errorf("%w: blob %s of %d bytes has %d chunks of %d bytes, want %d chunks",
			store.ErrCorrupt, name, r.size, chunks, stored, want)
	}
	return r, nil
}

// Remove implements blob.Store.
func (b *Blobs) Remove(ctx context.Context, name string) error {
	if err := blob.CheckName(name); err != nil {
		return err
	}
	if _, err := b.pool.Exec(ctx, "DELETE FROM tvault_blob WHERE name = $1", name); err != nil {
		return fmt.Errorf("failed to remove blob %s: %w", name, classify(err))
	}
	return nil
}

// Sweep implements blob.Store.
// List names every committed blob, a page of listPage names at a time,
// so that fn may use the store meanwhile.
func (b *Blobs) List(ctx context.Context, fn func(name string) error) error {
	after := ""
	for {
		rows, err := b.pool.Query(ctx, "SELECT name FROM tvault_blob WHERE name > $1 ORDER BY name LIMIT $2", after, listPage)
		if err != nil {
			return fmt.Errorf("failed to list blobs: %w", classify(err))
		}
		names, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("failed to list blobs: %w", classify(err))
		}
		for _, name := range names {
			if err := fn(name); err != nil {
				return err
			}
		}
		if len(names) < listPage {
			return nil
		}
		after = names[len(names)-1]
	}
}

// listPage is how many names List reads at once.
const listPage = 1000

func (b *Blobs) Sweep(ctx context.Context) (int, error) {
	tag, err := b.pool.Exec(ctx, "DELETE FROM tvault_blob WHERE name IS NULL")
	if err != nil {
		return 0, fmt.Errorf("failed to sweep blobs: %w", classify(err))
	}
	return int(tag.RowsAffected()), nil
}

// writer streams a blob in chunks; err is the first failure, after which
// it only cleans up.
type writer struct {
	pool *pgxpool.Pool
	ctx  context.Context
	id   int64
	buf  []byte
	seq  int32
	size int64
	done bool
	err  error
}

func (w *writer) Write(p []byte) (int, error) {
	if w.done {
		return 0, errors.New("write to a finished blob writer")
	}
	if w.err != nil {
		return 0, w.err
	}
	n := 0
	for len(p) > 0 {
		m := copy(w.buf[len(w.buf):cap(w.buf)], p)
		w.buf = w.buf[:len(w.buf)+m]
		n, p = n+m, p[m:]
		if len(w.buf) == chunkSize {
			if err := w.flush(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// flush commits the buffered content as the next chunk.
func (w *writer) flush() error {
	_, err := w.pool.Exec(w.ctx, "INSERT INTO tvault_blob_chunk (blob, seq, data) VALUES ($1, $2, $3)",
		w.id, w.seq, w.buf)
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && pe.Code == "23503": // foreign_key_violation
		w.err = errSwept
	case err != nil:
		w.err = fmt.Errorf("failed to write blob: %w", classify(err))
	default:
		w.size += int64(len(w.buf))
		w.seq++
		w.buf = w.buf[:0]
	}
	return w.err
}

func (w *writer) Commit() (string, error) {
	name := blob.NewName()
	return name, w.CommitAs(name)
}

// CommitAs implements blob.NamedWriter: the name's UNIQUE constraint
// fails it if the name is taken.
func (w *writer) CommitAs(name string) error {
	if w.done {
		return errors.New("commit of a finished blob writer")
	}
	if err := blob.CheckName(name); err != nil {
		w.Abort()
		return err
	}
	if err := w.commit(name); err != nil {
		w.Abort()
		return err
	}
	w.done, w.buf = true, nil
	return nil
}

func (w *writer) commit(name string) error {
	if w.err == nil && len(w.buf) > 0 {
		w.flush()
	}
	if w.err != nil {
		return w.err
	}
	tag, err := w.pool.Exec(w.ctx, "UPDATE tvault_blob SET name = $2, size = $3 WHERE id = $1 AND name IS NULL",
		w.id, name, w.size)
	if err != nil {
		return fmt.Errorf("failed to commit blob: %w", classify(err))
	}
	if tag.RowsAffected() != 1 {
		return errSwept
	}
	return nil
}

func (w *writer) Abort() error {
	if w.done {
		return nil
	}
	w.done, w.buf = true, nil
	// The content goes even when the caller's context has ended.
	_, err := w.pool.Exec(context.WithoutCancel(w.ctx), "DELETE FROM tvault_blob WHERE id = $1 AND name IS NULL", w.id)
	if err != nil {
		return fmt.Errorf("failed to abort blob: %w", classify(err))
	}
	return nil
}

// reader reads a blob; chunk is the chunk numbered seq, which holds off,
// the position of Read.
type reader struct {
	pool     *pgxpool.Pool
	ctx      context.Context
	name     string
	id, size int64
	off      int64
	chunk    []byte
	seq      int64
}

func (r *reader) Size() int64 { return r.size }

func (r *reader) Close() error {
	r.chunk = nil
	return nil
}

func (r *reader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	seq := r.off / chunkSize
	if r.chunk == nil || r.seq != seq {
		c, err := r.fetch(seq, 0, r.chunkLen(seq))
		if err != nil {
			return 0, err
		}
		r.chunk, r.seq = c, seq
	}
	n := copy(p, r.chunk[r.off-seq*chunkSize:])
	r.off += int64(n)
	return n, nil
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("blob %s: negative offset %d", r.name, off)
	}
	n := 0
	for n < len(p) && off+int64(n) < r.size {
		pos := off + int64(n)
		seq := pos / chunkSize
		start := pos - seq*chunkSize
		c, err := r.fetch(seq, start, min(int64(len(p)-n), r.chunkLen(seq)-start))
		if err != nil {
			return n, err
		}
		n += copy(p[n:], c)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// chunkLen returns the length that chunk seq must have.
func (r *reader) chunkLen(seq int64) int64 {
	return min(chunkSize, r.size-seq*chunkSize)
}

// fetch reads length bytes from start in chunk seq, and checks the
// chunk's length.
func (r *reader) fetch(seq, start, length int64) ([]byte, error) {
	var data []byte
	var stored int64
	err := r.pool.QueryRow(r.ctx, `SELECT substring(data FROM $3 FOR $4), octet_length(data)
FROM tvault_blob_chunk WHERE blob = $1 AND seq = $2`, r.id, seq, start+1, length).Scan(&data, &stored)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, r.missing(seq)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", r.name, classify(err))
	}
	if want := r.chunkLen(seq); stored != want || int64(len(data)) != length {
		return nil, fmt.Errorf("%w: blob %s: chunk %d holds %d bytes, want %d", store.ErrCorrupt, r.name, seq, stored, want)
	}
	return data, nil
}

// missing returns the error for chunk seq not found: the blob was removed
// since Open, or its chunk is lost.
func (r *reader) missing(seq int64) error {
	var exists bool
	err := r.pool.QueryRow(r.ctx, "SELECT EXISTS (SELECT 1 FROM tvault_blob WHERE id = $1)", r.id).Scan(&exists)
	switch {
	case err != nil:
		return fmt.Errorf("blob %s: %w", r.name, classify(err))
	case !exists:
		return fmt.Errorf("%w: %s was removed while open", blob.ErrNotFound, r.name)
	}
	return fmt.Errorf("%w: blob %s: chunk %d is missing", store.ErrCorrupt, r.name, seq)
}
