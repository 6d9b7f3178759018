// Package heappeak measures the heap a function needs, for tests and
// benchmarks that bound memory.
package heappeak

import (
	"runtime"
	"sync/atomic"
	"time"
)

// During runs fn and returns the highest heap in use
// (runtime.MemStats.HeapInuse) seen while it ran, above what was in use
// before it, sampling every millisecond, and the bytes fn allocated in
// all. The peak includes the garbage the collector had not yet freed, as
// the process's memory does.
func During(fn func()) (peak, total uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var high atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > high.Load() {
				high.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	close(done)
	<-sampled
	p := max(high.Load(), after.HeapInuse, before.HeapInuse)
	return p - before.HeapInuse, after.TotalAlloc - before.TotalAlloc
}
