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
	b := NewBatcher(s, signer(t, testSKey), nil)
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
	// Every batch signed its checkpoint: the latest covers every entry.
	rep, err := view(t, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, verifier(t)) })
	if err != nil {
		t.Fatal(err)
	}
	if rep.CheckpointSize != n {
		t.Errorf("the stored checkpoint covers %d of %d entries", rep.CheckpointSize, n)
	}
}

// TestBatcherBadJob runs one batch holding a job whose fn fails and one
// whose entry is invalid, and checks that only they fail.
func TestBatcherBadJob(t *testing.T) {
	s := memstore.New()
	b := &Batcher{s: s, signer: signer(t, testSKey)}
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
	b := NewBatcher(failingStore{memstore.New()}, signer(t, testSKey), nil)
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
	b := NewBatcher(s, signer(t, testSKey), nil)
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

// keeper is a keep function that records what it is given and fails
// while failing is set.
type keeper struct {
	mu      sync.Mutex
	trees   []int64 // the size of each checkpoint taken
	failing bool
}

var errKeep = errors.New("state directory is read-only")

func (k *keeper) keep(t *testing.T) func([]byte) error {
	return func(cp []byte) error {
		k.mu.Lock()
		defer k.mu.Unlock()
		if k.failing {
			return errKeep
		}
		tree, err := OpenCheckpoint(cp, verifier(t))
		if err != nil {
			t.Errorf("keep was given %q: %v", cp, err)
		}
		k.trees = append(k.trees, tree.N)
		return nil
	}
}

func (k *keeper) set(failing bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failing = failing
}

func (k *keeper) last() int64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.trees) == 0 {
		return -1
	}
	return k.trees[len(k.trees)-1]
}

// TestBatcherKeep checks that keep is given every batch's checkpoint
// before the batch's submissions return, in order.
func TestBatcherKeep(t *testing.T) {
	s := memstore.New()
	var k keeper
	b := NewBatcher(s, signer(t, testSKey), k.keep(t))
	defer b.Close()
	for i := range 5 {
		if err := b.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatal(err)
		}
		if got := k.last(); got != int64(i+1) {
			t.Fatalf("after submission %d keep holds a checkpoint of %d entries, want %d", i, got, i+1)
		}
	}
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			if err := b.Submit(ctx, testEntry(5+i), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := k.last(); got != 37 {
		t.Errorf("keep holds a checkpoint of %d entries, want 37", got)
	}
	for i := 1; i < len(k.trees); i++ {
		if k.trees[i] <= k.trees[i-1] {
			t.Fatalf("keep was given checkpoints of sizes %v: not increasing", k.trees)
		}
	}
}

// TestBatcherKeepFails checks that a failing keep lets the batch it
// follows succeed, as it is committed, but stops every later one, which
// writes nothing, until keep takes the latest checkpoint again.
func TestBatcherKeepFails(t *testing.T) {
	s := memstore.New()
	var k keeper
	b := NewBatcher(s, signer(t, testSKey), k.keep(t))
	size := func() int64 {
		n, err := view(t, s, Size)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	steps := []struct {
		failing  bool
		wantErr  bool
		wantSize int64 // entries in the log afterwards
		wantKept int64 // entries covered by what keep holds afterwards
	}{
		{failing: false, wantSize: 1, wantKept: 1},
		{failing: true, wantSize: 2, wantKept: 1},                // committed; keep fails
		{failing: true, wantErr: true, wantSize: 2, wantKept: 1}, // refused
		{failing: false, wantSize: 3, wantKept: 3},               // keep catches up first
		{failing: true, wantSize: 4, wantKept: 3},
	}
	for i, st := range steps {
		k.set(st.failing)
		err := b.Submit(ctx, testEntry(i), nil)
		if (err != nil) != st.wantErr || (err != nil && !errors.Is(err, errKeep)) {
			t.Fatalf("step %d: Submit = %v, want error %v", i, err, st.wantErr)
		}
		if n := size(); n != st.wantSize {
			t.Fatalf("step %d: log of %d entries, want %d", i, n, st.wantSize)
		}
		if got := k.last(); got != st.wantKept {
			t.Fatalf("step %d: keep holds %d entries, want %d", i, got, st.wantKept)
		}
	}
	if err := b.Close(); !errors.Is(err, errKeep) {
		t.Errorf("Close with the latest checkpoint not kept = %v, want keep's error", err)
	}
}

// TestBatcherRefusesToContradict checks that a batch whose log does not
// extend the stored checkpoint (an older checkpoint's place taken by a
// newer one from a copy, say) fails whole: no entry, no write.
func TestBatcherRefusesToContradict(t *testing.T) {
	newer := sign(t, newLog(t, 10), testSKey)
	s := newLog(t, 5)
	set(t, s, checkpointKey, string(newer))
	b := NewBatcher(s, signer(t, testSKey), nil)
	defer b.Close()
	err := b.Submit(ctx, testEntry(5), func(tx store.Tx) error { return tx.Set(recordKey(0, 0), []byte("x")) })
	if !errors.Is(err, ErrLogOlder) {
		t.Fatalf("Submit = %v, want ErrLogOlder", err)
	}
	if n, _ := view(t, s, Size); n != 5 {
		t.Errorf("log of %d entries, want 5", n)
	}
	if _, err := view(t, s, func(rtx store.ReadTx) ([]byte, error) { return rtx.Get(recordKey(0, 0)) }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the write was kept: %v", err)
	}
}
