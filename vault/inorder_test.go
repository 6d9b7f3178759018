package vault

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestInOrder checks that inOrder emits every result in order whatever
// order the work ends in, passes each work's error with its index, stops
// at emit's error with no work left running, and bounds the results
// waiting to be emitted.
func TestInOrder(t *testing.T) {
	const n = 200
	var running, most atomic.Int64
	work := func(i int) (int, error) {
		r := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
		}
		time.Sleep(time.Duration((i*7919)%5) * 100 * time.Microsecond)
		if i == 150 {
			return 0, errors.New("record 150 is damaged")
		}
		return i * i, nil
	}
	next := 0
	err := inOrder(context.Background(), n, work, func(i, sq int, err error) error {
		if i != next {
			t.Fatalf("emitted %d, want %d", i, next)
		}
		next++
		if i == 150 {
			if err == nil {
				t.Error("the error of work 150 was not passed")
			}
			return nil
		}
		if err != nil || sq != i*i {
			t.Errorf("result %d = %d, %v", i, sq, err)
		}
		return nil
	})
	if err != nil || next != n {
		t.Fatalf("inOrder emitted %d of %d: %v", next, n, err)
	}
	if m := most.Load(); m < 2 {
		t.Logf("at most %d work at a time (one core?)", m)
	}

	stop := errors.New("reader went away")
	var done atomic.Int64
	err = inOrder(context.Background(), n, func(i int) (int, error) {
		done.Add(1)
		return i, nil
	}, func(i, _ int, _ error) error {
		if i == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("inOrder after emit's error = %v", err)
	}
	if running.Load() != 0 {
		t.Error("work still running after inOrder returned")
	}
	if d := done.Load(); d > 11+int64(2*8*4) {
		t.Errorf("%d works done for 11 emitted: results do not wait in bounded numbers", d)
	}

	ctx, cancel := context.WithCancel(context.Background())
	err = inOrder(ctx, n, func(i int) (int, error) { return i, nil }, func(i, _ int, _ error) error {
		if i == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("inOrder with its context canceled midway = %v", err)
	}
}
