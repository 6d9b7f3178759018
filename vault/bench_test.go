package vault

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// BenchmarkPutGet10k stores 10,000 testimonies of about 4 KiB in one put
// (durably: SyncWrites, one transaction), then reads and verifies each.
// It reports both rates and the process's peak RSS.
func BenchmarkPutGet10k(b *testing.B) {
	const n = 10000
	docs := make([]*testimony.Testimony, n)
	for i := range docs {
		docs[i] = synthetic.Testimony(i)
	}
	for b.Loop() {
		v, _ := newTestVault(b, Options{})
		start := time.Now()
		ids, _, err := v.Put(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		put := time.Since(start)
		start = time.Now()
		for _, id := range ids {
			if _, err := v.Get(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
		get := time.Since(start)
		if err := v.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(n/put.Seconds(), "puts/s")
		b.ReportMetric(n/get.Seconds(), "gets/s")
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	b.Logf("GOMAXPROCS=%d %s", runtime.GOMAXPROCS(0), fmt.Sprint(runtime.Version()))
}

// BenchmarkResearcherExport exports the researcher view of n testimonies
// and reports the time per testimony and the largest live Go heap seen
// while streaming (after a collection, every 500 records), which must not
// grow with n.
func BenchmarkResearcherExport(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := make([]*testimony.Testimony, n)
			for i := range docs {
				docs[i] = synthetic.Testimony(i)
			}
			v, _ := newTestVault(b, Options{})
			defer v.Close()
			if _, _, err := v.Put(ctx, docs); err != nil {
				b.Fatal(err)
			}
			docs = nil
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			for b.Loop() {
				var peak uint64
				seen := 0
				count, err := v.Export(ctx, service.ExportOptions{View: "researcher", Purpose: "benchmark"}, func(r *view.Record) error {
					if seen++; seen%500 == 0 {
						runtime.GC()
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapAlloc)
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(count), "records")
				b.ReportMetric(float64(peak)/(1<<20), "peak-live-heap-MiB")
				b.ReportMetric(float64(base.HeapAlloc)/(1<<20), "live-heap-before-MiB")
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/record")
		})
	}
}
