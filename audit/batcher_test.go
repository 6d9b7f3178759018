package audit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// countingStore counts the transactions committed.
type countingStore struct {
	store.Store
	updates atomic.Int64
}

func (c *countingStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	c.updates.Add(1)
	return c.Store.Update(ctx, fn)
}

// failingStore cannot commit anything.
type failingStore struct{ store.Store }

var errDisk = errors.New("disk failure")

func (failingStore) Update(context.Context, func(store.Tx) error) error { return errDisk }

func recordKey(g, i int) []byte { return []byte(fmt.Sprintf("rec/%02d/%03d", g, i)) }

func TestBatcherConcurrent(t *testing.T) {
	s := &countingStore{Store: memstore.New()}
	b := NewBatcher(s)
	defer b.Close()
	const goroutines, each = 16, 40
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*each)
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				e := testEntry(g*each + i)
				var fn func(store.Tx) error
				if i%2 == 0 {
					fn = func(tx store.Tx) error { return tx.Set(recordKey(g, i), []byte("ciphertext")) }
				}
				if err := b.Submit(ctx, e, fn); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d submissions in %d transactions", goroutines*each, s.updates.Load())

	n, err := view(t, s, Size)
	if err != nil || n != goroutines*each {
		t.Fatalf("Size = %d, %v; want %d", n, err, goroutines*each)
	}
	seen := make(map[string]bool)
	var next uint64
	err = s.View(ctx, func(rtx store.ReadTx) error {
		return ReadEntries(rtx, 0, n, func(e *Entry, _ []byte) error {
			if e.Seq != next {
				return fmt.Errorf("entry %d has seq %d", next, e.Seq)
			}
			next++
			seen[e.Targets[0]] = true
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != goroutines*each {
		t.Errorf("%d distinct entries, want %d", len(seen), goroutines*each)
	}
	for g := range goroutines {
		for i := 0; i < each; i += 2 {
			get(t, s, recordKey(g, i))
		}
	}
	sign(t, s, testSKey)
	if _, err := view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) }); err != nil {
		t.Error(err)
	}
}

// TestBatcherBadJob runs one batch holding a job whose fn fails and one
// whose entry is invalid, and checks that only they fail.
func TestBatcherBadJob(t *testing.T) {
	s := memstore.New()
	b := &Batcher{s: s}
	errDenied := errors.New("record is sealed")
	var jobs []*job
	for i := range 6 {
		j := &job{ctx: ctx, e: testEntry(i), res: make(chan error, 1)}
		j.e.Outcome = OutcomeOK
		j.fn = func(tx store.Tx) error { return tx.Set(recordKey(0, i), []byte("x")) }
		jobs = append(jobs, j)
	}
	jobs[2].fn = func(tx store.Tx) error {
		tx.Set(recordKey(0, 2), []byte("partial"))
		return errDenied
	}
	jobs[4].e.Action = "Not A Token"
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	jobs[5].ctx = canceled

	b.run(jobs)

	for i, j := range jobs {
		err := <-j.res
		switch i {
		case 2:
			if !errors.Is(err, errDenied) {
				t.Errorf("job 2: %v, want its own error", err)
			}
		case 4:
			if err == nil {
				t.Error("job 4 with an invalid entry succeeded")
			}
		case 5:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("job 5: %v, want context.Canceled", err)
			}
		default:
			if err != nil {
				t.Errorf("job %d: %v", i, err)
			}
		}
	}
	// The good jobs and their writes are on record; job 2's failed
	// attempt, which its caller records, and job 4's writes are not.
	var outcomes []Outcome
	s.View(ctx, func(rtx store.ReadTx) error {
		n, _ := Size(rtx)
		return ReadEntries(rtx, 0, n, func(e *Entry, _ []byte) error {
			outcomes = append(outcomes, e.Outcome)
			return nil
		})
	})
	if fmt.Sprint(outcomes) != "[ok ok ok]" {
		t.Errorf("outcomes %v, want [ok ok ok]", outcomes)
	}
	for i := range 6 {
		_, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return rtx.Get(recordKey(0, i)) })
		if want := i != 2 && i != 4 && i != 5; (err == nil) != want {
			t.Errorf("job %d: write present: %v, want %v", i, err == nil, want)
		}
	}
}

func TestBatcherStoreFails(t *testing.T) {
	b := NewBatcher(failingStore{memstore.New()})
	defer b.Close()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			err := b.Submit(ctx, testEntry(i), nil)
			if !errors.Is(err, errDisk) {
				t.Errorf("Submit to a failing store = %v, want the store's error", err)
			}
		})
	}
	wg.Wait()
}

func TestBatcherCanceledAndClosed(t *testing.T) {
	s := memstore.New()
	b := NewBatcher(s)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := b.Submit(canceled, testEntry(0), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Submit with a canceled context = %v", err)
	}
	if err := b.Submit(ctx, testEntry(1), nil); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b.Close()
	if err := b.Submit(ctx, testEntry(2), nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Submit after Close = %v, want ErrClosed", err)
	}
	if n, _ := view(t, s, Size); n != 1 {
		t.Errorf("Size = %d, want 1", n)
	}
}
