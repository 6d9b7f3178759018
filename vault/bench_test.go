package vault

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/testimony"
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
