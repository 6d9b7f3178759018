package heappeak

import (
	"runtime"
	"testing"
)

// TestDuring holds 8 MiB while it runs: the peak is at least that above
// the start and at most a little more, and so is the total allocated.
func TestDuring(t *testing.T) {
	const size = 8 << 20
	var held []byte
	peak, total := During(func() { held = make([]byte, size) })
	runtime.KeepAlive(held)
	if peak < size || peak > size+size/4 {
		t.Errorf("peak %d bytes, want %d to %d", peak, size, size+size/4)
	}
	if total < size || total > size+size/4 {
		t.Errorf("total %d bytes, want %d to %d", total, size, size+size/4)
	}
}

// TestReadIsMemStats checks read against runtime.ReadMemStats, with the
// world stopped by neither: both counts move only with allocations, and
// the test allocates nothing between the two readings but the MemStats.
func TestReadIsMemStats(t *testing.T) {
	var m runtime.MemStats
	for range 3 {
		runtime.GC()
		h := read()
		runtime.ReadMemStats(&m)
		if diff := int64(m.HeapInuse) - int64(h.inUse); diff < -(64<<10) || diff > 64<<10 {
			t.Errorf("HeapInuse %d, read %d", m.HeapInuse, h.inUse)
		}
		if diff := int64(m.TotalAlloc) - int64(h.allocated); diff < 0 || diff > 64<<10 {
			t.Errorf("TotalAlloc %d, read %d", m.TotalAlloc, h.allocated)
		}
	}
}
