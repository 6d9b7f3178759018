// Package storetest is the conformance suite for the store contract.
//
// Every backend's tests call Run with a function that opens a fresh, empty
// store, as x/mod's sumdb/storage/test.go does for sumdb storage.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/store"
)

// Run checks that the stores returned by open keep the store contract.
// open must return a new, empty store; Run closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"GetMissing", testGetMissing},
		{"SetGet", testSetGet},
		{"EmptyValue", testEmptyValue},
		{"ReturnedValuesAreCopies", testCopies},
		{"Delete", testDelete},
		{"ScanOrderAndPrefix", testScan},
		{"ReadYourWrites", testReadYourWrites},
		{"FailedUpdateWritesNothing", testAtomic},
		{"Limits", testLimits},
		{"ConcurrentIncrements", testConcurrent},
		{"CanceledContext", testCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

var ctx = context.Background()

func set(t *testing.T, s store.Store, kv ...string) {
	t.Helper()
	err := s.Update(ctx, func(tx store.Tx) error {
		for i := 0; i < len(kv); i += 2 {
			if err := tx.Set([]byte(kv[i]), []byte(kv[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func get(t *testing.T, s store.Store, key string) ([]byte, error) {
	t.Helper()
	var v []byte
	err := s.View(ctx, func(tx store.ReadTx) error {
		var err error
		v, err = tx.Get([]byte(key))
		return err
	})
	return v, err
}

func testGetMissing(t *testing.T, s store.Store) {
	if _, err := get(t, s, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get(missing) = %v, want ErrNotFound", err)
	}
}

func testSetGet(t *testing.T, s store.Store) {
	set(t, s, "a", "1", "b", "2")
	set(t, s, "a", "3")
	for key, want := range map[string]string{"a": "3", "b": "2"} {
		v, err := get(t, s, key)
		if err != nil || string(v) != want {
			t.Errorf("Get(%q) = %q, %v; want %q", key, v, err, want)
		}
	}
}

func testEmptyValue(t *testing.T, s store.Store) {
	set(t, s, "empty", "")
	v, err := get(t, s, "empty")
	if err != nil || len(v) != 0 {
		t.Fatalf("Get(empty) = %q, %v; want empty value, nil", v, err)
	}
}

func testCopies(t *testing.T, s store.Store) {
	set(t, s, "k", "value")
	v, err := get(t, s, "k")
	if err != nil {
		t.Fatal(err)
	}
	v[0] = 'X'
	err = s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("k"), func(key, value []byte) error {
			key[0], value[0] = 'Y', 'Y'
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := get(t, s, "k"); string(v) != "value" {
		t.Fatalf("stored value changed through a returned slice: %q", v)
	}
}

func testDelete(t *testing.T, s store.Store) {
	set(t, s, "a", "1")
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Delete([]byte("a")); err != nil {
			return err
		}
		return tx.Delete([]byte("never-existed"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(t, s, "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get after Delete = %v, want ErrNotFound", err)
	}
}

func scanAll(tx store.ReadTx, prefix string) ([]string, error) {
	var got []string
	err := tx.Scan([]byte(prefix), func(k, v []byte) error {
		got = append(got, string(k)+"="+string(v))
		return nil
	})
	return got, err
}

func testScan(t *testing.T, s store.Store) {
	set(t, s, "p/b", "2", "p/a", "1", "p/c\xff", "3", "q/a", "x", "p", "root", "o/z", "y")
	var got []string
	err := s.View(ctx, func(tx store.ReadTx) error {
		var err error
		got, err = scanAll(tx, "p/")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"p/a=1", "p/b=2", "p/c\xff=3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Scan(p/) = %q, want %q", got, want)
	}
	// No prefix, nil or empty, is every key.
	for _, prefix := range [][]byte{nil, {}} {
		n := 0
		err := s.View(ctx, func(tx store.ReadTx) error {
			return tx.Scan(prefix, func(k, v []byte) error { n++; return nil })
		})
		if err != nil || n != 6 {
			t.Fatalf("Scan(%q): %d keys, %v; want 6", prefix, n, err)
		}
	}
	stop := errors.New("stop")
	n := 0
	err = s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("p/"), func(k, v []byte) error { n++; return stop })
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("Scan with a failing callback: err %v after %d calls, want stop after 1", err, n)
	}
}

func testReadYourWrites(t *testing.T, s store.Store) {
	set(t, s, "r/1", "old", "r/2", "gone")
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Set([]byte("r/1"), []byte("new")); err != nil {
			return err
		}
		if err := tx.Set([]byte("r/3"), []byte("added")); err != nil {
			return err
		}
		if err := tx.Delete([]byte("r/2")); err != nil {
			return err
		}
		v, err := tx.Get([]byte("r/1"))
		if err != nil || string(v) != "new" {
			return fmt.Errorf("Get in tx = %q, %v; want new", v, err)
		}
		got, err := scanAll(tx, "r/")
		if err != nil {
			return err
		}
		if want := "[r/1=new r/3=added]"; fmt.Sprint(got) != want {
			return fmt.Errorf("Scan in tx = %v, want %v", got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testAtomic(t *testing.T, s store.Store) {
	set(t, s, "x", "before")
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		for i := range 100 {
			if err := tx.Set(fmt.Appendf(nil, "y/%03d", i), []byte("v")); err != nil {
				return err
			}
		}
		if err := tx.Set([]byte("x"), []byte("after")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want the callback's error", err)
	}
	if v, _ := get(t, s, "x"); string(v) != "before" {
		t.Fatalf("failed Update changed x to %q", v)
	}
	err = s.View(ctx, func(tx store.ReadTx) error {
		got, err := scanAll(tx, "y/")
		if err == nil && len(got) != 0 {
			err = fmt.Errorf("failed Update left %d keys", len(got))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testLimits(t *testing.T, s store.Store) {
	for _, tt := range []struct {
		name       string
		key, value []byte
	}{
		{"empty key", nil, []byte("v")},
		{"long key", bytes.Repeat([]byte("k"), store.MaxKeySize+1), []byte("v")},
		{"long value", []byte("k"), make([]byte, store.MaxValueSize+1)},
	} {
		err := s.Update(ctx, func(tx store.Tx) error { return tx.Set(tt.key, tt.value) })
		if err == nil {
			t.Errorf("%s: Update succeeded, want an error", tt.name)
		}
	}
	big := bytes.Repeat([]byte("v"), 1<<20)
	set(t, s, "big", string(big))
	if v, err := get(t, s, "big"); err != nil || !bytes.Equal(v, big) {
		t.Fatalf("1 MiB value did not round-trip: %d bytes, %v", len(v), err)
	}
}

// testConcurrent checks serialisability: read-modify-write transactions
// running at once must not lose an increment.
func testConcurrent(t *testing.T, s store.Store) { increments(t, s) }

// increments runs read-modify-write transactions at once, spread over
// stores that share their data, and checks that none lost an increment.
func increments(t *testing.T, stores ...store.Store) {
	const workers, each = 8, 25
	s := stores[0]
	set(t, s, "counter", "0")
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[w%len(stores)]
			for range each {
				for {
					err := s.Update(ctx, func(tx store.Tx) error {
						v, err := tx.Get([]byte("counter"))
						if err != nil {
							return err
						}
						var n int
						fmt.Sscan(string(v), &n)
						return tx.Set([]byte("counter"), fmt.Append(nil, n+1))
					})
					if errors.Is(err, store.ErrConflict) {
						continue
					}
					if err != nil {
						errs <- err
						return
					}
					break
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if v, _ := get(t, s, "counter"); string(v) != fmt.Sprint(workers*each) {
		t.Fatalf("counter = %s after %d increments", v, workers*each)
	}
}

// RunShared checks what a store.Shared backend promises beyond Run: open
// returns a new, empty store, and reopen another Store on the same data,
// as another process would open it, which waits while first holds it
// alone; reopen may run on a goroutine of its own, and reports a failure
// with t.Error and a nil Store. RunShared closes them.
func RunShared(t *testing.T, open func(t *testing.T) store.Shared, reopen func(t *testing.T, first store.Shared) store.Shared) {
	t.Run("AloneUntilShare", func(t *testing.T) {
		first := open(t)
		defer first.Close()
		if !first.Alone() {
			t.Fatal("first store of the data is not Alone")
		}
		opened := make(chan store.Shared, 1)
		go func() { opened <- reopen(t, first) }()
		select {
		case second := <-opened:
			if second != nil {
				second.Close()
			}
			t.Fatal("second store opened while the first was Alone")
		case <-time.After(200 * time.Millisecond):
		}
		if err := first.Share(ctx); err != nil {
			t.Fatalf("Share: %v", err)
		}
		second := <-opened
		if second == nil {
			t.FailNow()
		}
		defer second.Close()
		if first.Alone() || second.Alone() {
			t.Fatalf("after Share: Alone = %v, %v, want false, false", first.Alone(), second.Alone())
		}
		if err := first.Share(ctx); err != nil {
			t.Fatalf("second Share: %v", err)
		}
	})
	t.Run("WritesSeenByTheOther", func(t *testing.T) {
		first, second := openPair(t, open, reopen)
		set(t, first, "k", "1")
		if v, err := get(t, second, "k"); err != nil || string(v) != "1" {
			t.Fatalf("other store's Get = %q, %v, want 1", v, err)
		}
		if err := second.Update(ctx, func(tx store.Tx) error { return tx.Delete([]byte("k")) }); err != nil {
			t.Fatal(err)
		}
		if _, err := get(t, first, "k"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Get after the other store's Delete = %v, want ErrNotFound", err)
		}
	})
	t.Run("ConcurrentIncrements", func(t *testing.T) {
		first, second := openPair(t, open, reopen)
		increments(t, first, second)
	})
}

// openPair returns two shared stores on new data, closed when t ends.
func openPair(t *testing.T, open func(t *testing.T) store.Shared, reopen func(t *testing.T, first store.Shared) store.Shared) (first, second store.Shared) {
	first = open(t)
	t.Cleanup(func() { first.Close() })
	if err := first.Share(ctx); err != nil {
		t.Fatalf("Share: %v", err)
	}
	second = reopen(t, first)
	if second == nil {
		t.FailNow()
	}
	t.Cleanup(func() { second.Close() })
	return first, second
}

func testCanceled(t *testing.T, s store.Store) {
	c, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	err := s.Update(c, func(tx store.Tx) error { ran = true; return tx.Set([]byte("c"), nil) })
	if err == nil || ran {
		t.Fatalf("Update with a canceled context: err %v, ran %v", err, ran)
	}
}
