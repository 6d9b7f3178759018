// Package heappeak measures the heap a function needs, for tests and
// benchmarks that bound memory.
package heappeak

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// During runs fn and returns the highest heap in use
// (runtime.MemStats.HeapInuse) seen while it ran, above what was in use
// before it, sampling every millisecond, and the bytes fn allocated in
// all. The peak includes the garbage the collector had not yet freed, as
// the process's memory does.
//
// The samples are read from runtime/metrics, which, unlike
// runtime.ReadMemStats, does not stop the world: a thousand stops a
// second slowed fn and the collector's concurrent mark it measures.
func During(fn func()) (peak, total uint64) {
	runtime.GC()
	before := read()
	var high atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if h := read().inUse; h > high.Load() {
				high.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	after := read()
	close(done)
	<-sampled
	p := max(high.Load(), after.inUse, before.inUse)
	return p - before.inUse, after.allocated - before.allocated
}

// heap is one reading of the heap's size.
type heap struct {
	inUse     uint64 // bytes in spans in use: MemStats.HeapInuse
	allocated uint64 // bytes allocated since the start: MemStats.TotalAlloc
}

// read reads the heap's size. HeapInuse is the heap's objects, live or
// not yet swept, plus the unused space in their spans
// (runtime/metrics's documentation of the classes).
func read() heap {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/gc/heap/allocs:bytes"},
	}
	metrics.Read(s)
	return heap{inUse: s[0].Value.Uint64() + s[1].Value.Uint64(), allocated: s[2].Value.Uint64()}
}
