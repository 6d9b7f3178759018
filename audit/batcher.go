package audit

import (
	"context"
	"errors"
	"sync"

	"github.com/tvault/tvault/vault/store"
)

// maxBatch bounds the jobs committed in one transaction, which bounds its
// size for backends that limit it.
const maxBatch = 128

// ErrClosed is returned by Submit after Close.
var ErrClosed = errors.New("audit batcher is closed")

// A Batcher appends entries, with the writes they audit, in shared
// transactions (group commit): concurrent submissions are committed
// together, so that a durable backend syncs once for all of them.
type Batcher struct {
	s    store.Store
	jobs chan *job
	quit chan struct{}
	done chan struct{}
	once sync.Once
}

type job struct {
	ctx context.Context
	e   *Entry
	fn  func(store.Tx) error
	res chan error
}

// fnError marks an error that a job's fn returned, as opposed to one from
// appending its entry or from the store.
type fnError struct{ err error }

func (e *fnError) Error() string { return e.err.Error() }

// NewBatcher returns a Batcher that commits to s. Close it to stop its
// goroutine; it does not close s.
func NewBatcher(s store.Store) *Batcher {
	b := &Batcher{s: s, jobs: make(chan *job), quit: make(chan struct{}), done: make(chan struct{})}
	go b.loop()
	return b
}

// Submit runs fn (if not nil) and then Append(tx, e) in one transaction,
// shared with other submissions, and returns once that transaction has
// committed durably or failed. It returns nil only if both fn's writes and
// e are committed; the caller returns no data otherwise (fail-closed).
//
// fn runs before e is appended, so it may fill in e (a count, say). It may
// run more than once and must have no effect outside tx. If fn fails, none
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
// submissions fail with ErrClosed.
func (b *Batcher) Close() error {
	b.once.Do(func() {
		close(b.quit)
		<-b.done
	})
	return nil
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
	if len(live) > 1 {
		if err := b.commit(live); err == nil {
			for _, j := range live {
				j.res <- nil
			}
			return
		}
	}
	// One job, or a batch that failed: retry each job alone, so that one
	// bad job does not fail the others.
	for _, j := range live {
		j.res <- b.runAlone(j)
	}
}

func (b *Batcher) commit(jobs []*job) error {
	return b.s.Update(context.Background(), func(tx store.Tx) error {
		for _, j := range jobs {
			if j.fn != nil {
				if err := j.fn(tx); err != nil {
					return &fnError{err}
				}
			}
			if err := Append(tx, j.e); err != nil {
				return err
			}
		}
		return nil
	})
}

func (b *Batcher) runAlone(j *job) error {
	err := b.commit([]*job{j})
	if fe, ok := err.(*fnError); ok {
		return fe.err
	}
	return err
}
