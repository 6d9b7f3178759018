package audit

import (
	"runtime"
	"sync"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// A parallel scan hands values to a worker in batches of at most
// scanBatch values, or as many as make scanBatchBytes: enough to make
// the hand-over's cost small against opening and parsing them, few
// enough that the window of batches under way stays small in memory
// (audit entries are a few hundred bytes, a block of them tens of KiB).
const (
	scanBatch      = 256
	scanBatchBytes = 64 << 10
)

// A source calls emit with each of the values it reads, in order, still
// sealed, and stops with emit's error.
type source func(emit func(key []byte, v sealedstore.Sealed) error) error

// prefixSource is the source of the values under prefix in rtx.
func prefixSource(rtx store.ReadTx, prefix []byte) source {
	return func(emit func(key []byte, v sealedstore.Sealed) error) error {
		return sealedstore.ScanSealed(rtx, prefix, emit)
	}
}

// scanParallel reads the values of src and calls fn with each key, in
// src's order, on the caller's goroutine, and with what work returned for
// it. With parallel, work runs on all cores while the scan goes on, on a
// window of a few batches of values ahead of fn: it opens each value and
// does whatever else needs no order (parsing, hashing). fn must not use
// the transaction src reads then, since the scan is still reading it on
// another goroutine. Without parallel, everything runs on the caller's
// goroutine, one value at a time.
//
// fn may return errStop to end the scan early; scanParallel then returns
// errStop too, and returns once the scan and the work under way stopped.
func scanParallel[R any](src source, parallel bool, work func(key []byte, v sealedstore.Sealed) R, fn func(key []byte, r R) error) error {
	if !parallel {
		return src(func(key []byte, v sealedstore.Sealed) error {
			return fn(key, work(key, v))
		})
	}
	type item struct {
		key    []byte
		sealed sealedstore.Sealed
		r      R
	}
	type batch struct {
		items []item
		size  int           // of the items' sealed values
		ready chan struct{} // closed once every item has its r
	}
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *batch, workers)
	// inOrder bounds the window: the scan waits once 2 batches a worker
	// are ahead of fn.
	inOrder := make(chan *batch, 2*workers)
	// Batches fn is done with are used again: a scan of a million values
	// would otherwise allocate their items' room again for each 256.
	free := make(chan *batch, 3*workers+1)
	newBatch := func() *batch {
		select {
		case b := <-free:
			b.size, b.ready = 0, make(chan struct{})
			return b
		default:
			return &batch{items: make([]item, 0, scanBatch), ready: make(chan struct{})}
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range todo {
				for i := range b.items {
					it := &b.items[i]
					it.r = work(it.key, it.sealed)
					it.sealed = sealedstore.Sealed{}
				}
				close(b.ready)
			}
		}()
	}
	var scanErr error // set before inOrder is closed
	go func() {
		defer close(inOrder)
		defer close(todo)
		b := newBatch()
		send := func() bool {
			select {
			case inOrder <- b:
			case <-stop:
				return false
			}
			todo <- b // never blocks for long: workers only wait for todo
			b = newBatch()
			return true
		}
		scanErr = src(func(key []byte, v sealedstore.Sealed) error {
			b.items = append(b.items, item{key: key, sealed: v})
			b.size += v.Len()
			if (len(b.items) == scanBatch || b.size >= scanBatchBytes) && !send() {
				return errStop
			}
			return nil
		})
		if scanErr == nil && len(b.items) > 0 {
			send()
		}
	}()
	var err error
	for b := range inOrder {
		<-b.ready
		for _, it := range b.items {
			if err = fn(it.key, it.r); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
		clear(b.items)
		b.items = b.items[:0]
		select {
		case free <- b:
		default:
		}
	}
	close(stop)
	for b := range inOrder {
		<-b.ready
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return scanErr
}
