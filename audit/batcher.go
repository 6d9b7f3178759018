package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/vault/store"
)

// maxBatch bounds the jobs committed in one transaction, which bounds its
// size for backends that limit it.
const maxBatch = 128

// ErrClosed is returned by Submit after Close.
var ErrClosed = errors.New("audit batcher is closed")

// A Batcher appends entries, with the writes they audit, in shared
// transactions (group commit): concurrent submissions are committed
// together, so that a durable backend syncs once for all of them. Each
// transaction also signs a checkpoint of the log as it then is
// (SignCheckpoint), so that the stored checkpoint always covers every
// entry: one signature a batch, not one an entry.
type Batcher struct {
	s      store.Store
	signer note.Signer
	keep   func(checkpoint []byte) error
	jobs   chan *job
	quit   chan struct{}
	done   chan struct{}
	once   sync.Once

	// latest is the checkpoint of the last transaction committed, and
	// unkept says that keep has not yet taken it. They belong to the
	// loop, and to Close once the loop has stopped.
	latest []byte
	unkept bool

	blocks blockCache // of the log's stored hashes (blocks.go)
}

type job struct {
	ctx context.Context
	e   *Entry
	fn  func(store.Tx) error
	res chan error
	// handover and nextSigner are set for a job of Rotate.
	handover   *handover
	nextSigner note.Signer
}

// fnError marks an error that a job's fn returned, as opposed to one from
// appending its entry or from the store.
type fnError struct{ err error }

func (e *fnError) Error() string { return e.err.Error() }

// NewBatcher returns a Batcher that commits to s and signs each
// transaction's checkpoint with signer, whose name is the log's origin.
// Close it to stop its goroutine; it does not close s.
//
// If keep is not nil, the Batcher calls it with each new checkpoint once
// its transaction has committed, before the transaction's submissions
// return, so that a caller can copy it out of the store (the vault keeps
// it outside the vault directory, to detect a rollback). If keep fails,
// the submissions of that transaction still succeed, as they are
// committed; but nothing else commits until keep has taken the latest
// checkpoint: later submissions fail with keep's error, writing nothing,
// and Close returns it. Submissions never run ahead of what keep holds by
// more than one transaction.
func NewBatcher(s store.Store, signer note.Signer, keep func(checkpoint []byte) error) *Batcher {
	b := &Batcher{s: s, signer: signer, keep: keep,
		jobs: make(chan *job), quit: make(chan struct{}), done: make(chan struct{})}
	go b.loop()
	return b
}

// Submit runs fn (if not nil) and then Append(tx, e) in one transaction,
// shared with other submissions, and returns once that transaction has
// committed durably, and keep has been given its checkpoint, or failed. It returns nil only if both fn's writes and
// e are committed; the caller returns no data otherwise (fail-closed).
//
// fn runs before e is appended, so it may fill in e (a count, say). It may
// run more than once and must have no effect outside tx. What fn sets and
// deletes is recorded in a manifest that e commits to (StateAttr, see
// state.go); fn may not write keys under KeyPrefix (ErrReservedKey). If fn fails, none
// of its writes are kept, e is not appended, and Submit returns fn's
// error: the caller records the failed attempt, with what it knows of the
// failure. Other submissions are not affected.
//
// e belongs to the Batcher until Submit returns. If ctx is done before the
// job's transaction starts, Submit returns ctx's error and nothing is
// written; once it has started, Submit waits for its outcome, so that a
// write is never committed behind the back of a caller told it failed.
func (b *Batcher) Submit(ctx context.Context, e *Entry, fn func(tx store.Tx) error) error {
	j := &job{ctx: ctx, e: e, fn: fn, res: make(chan error, 1)}
	select {
	case b.jobs <- j:
	case <-b.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-j.res
}

// Close stops the Batcher after the submissions it has taken up. Later
// submissions fail with ErrClosed. It returns keep's error if keep has
// not taken the latest checkpoint, and tried again, failed again.
func (b *Batcher) Close() error {
	var err error
	b.once.Do(func() {
		close(b.quit)
		<-b.done
		err = b.keepLatest()
	})
	return err
}

func (b *Batcher) loop() {
	defer close(b.done)
	for {
		select {
		case j := <-b.jobs:
			batch := []*job{j}
			// Take everyone already waiting: they arrived while the
			// previous batch committed.
		more:
			for len(batch) < maxBatch {
				select {
				case j := <-b.jobs:
					batch = append(batch, j)
				default:
					break more
				}
			}
			b.run(batch)
		case <-b.quit:
			return
		}
	}
}

func (b *Batcher) run(batch []*job) {
	live := batch[:0]
	for _, j := range batch {
		if err := j.ctx.Err(); err != nil {
			j.res <- err
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return
	}
	errs := make([]error, len(live))
	if err := b.keepLatest(); err != nil {
		// keep failed after the last transaction, and again just now.
		err = fmt.Errorf("%w; nothing is written until it can be", err)
		for i := range errs {
			errs[i] = err
		}
	} else if len(live) == 1 || rotates(live) || b.commit(live) != nil {
		// One job, or a batch that failed: retry each job alone, so that
		// one bad job does not fail the others.
		for i, j := range live {
			errs[i] = b.runAlone(j)
		}
	}
	// What committed stays committed, whatever keep says: its failure
	// stops the next batch instead.
	b.keepLatest()
	for i, j := range live {
		j.res <- errs[i]
	}
}

// keepLatest gives keep the latest checkpoint, unless it has it already,
// and returns keep's error.
func (b *Batcher) keepLatest() error {
	if b.keep == nil || !b.unkept {
		return nil
	}
	if err := b.keep(b.latest); err != nil {
		return err
	}
	b.unkept = false
	return nil
}

func (b *Batcher) commit(jobs []*job) error {
	// A transaction of entries alone (the record of a read, or of a
	// refused write) may use the room the store keeps for them when its
	// disk is nearly full: reads go on after writes are refused.
	ctx := store.UseReserve(context.Background())
	for _, j := range jobs {
		if j.fn != nil {
			ctx = context.Background()
		}
	}
	var cp []byte
	err := b.s.Update(ctx, func(tx store.Tx) error {
		// The log's own reads go through the cache of blocks; the jobs'
		// fns get the store's transaction itself.
		ltx, err := newCachedTx(tx, &b.blocks)
		if err != nil {
			return err
		}
		for _, j := range jobs {
			rec := &recordingTx{Tx: tx}
			if j.fn != nil {
				if err := j.fn(rec); err != nil {
					return &fnError{err}
				}
			}
			if err := putState(tx, j.e, rec); err != nil {
				return err
			}
			if err := Append(ltx, j.e); err != nil {
				return err
			}
		}
		if cp, err = SignCheckpoint(ltx, b.signer, b.signer.Name()); err != nil {
			return err
		}
		if j := jobs[0]; j.handover != nil {
			return b.handOver(tx, j, cp)
		}
		return nil
	})
	if err == nil {
		b.latest, b.unkept = cp, true
		if j := jobs[0]; j.handover != nil {
			b.signer = j.nextSigner
		}
	}
	return err
}

// rotates reports whether a job of jobs is a handover, which commits
// alone: its checkpoint must be the last the current key signs.
func rotates(jobs []*job) bool {
	return slices.ContainsFunc(jobs, func(j *job) bool { return j.handover != nil })
}

func (b *Batcher) runAlone(j *job) error {
	err := b.commit([]*job{j})
	if fe, ok := err.(*fnError); ok {
		return fe.err
	}
	return err
}
