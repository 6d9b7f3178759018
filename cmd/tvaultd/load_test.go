package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestLoad measures audited reads over the unix socket: 16 clients doing
// officer gets of the fixtures for TVAULT_LOAD_SECONDS seconds (at most
// 20), or at most 200,000 reads. It is skipped unless that variable is
// set; docs/BENCHMARKS.md records its results.
func TestLoad(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("TVAULT_LOAD_SECONDS"))
	if secs <= 0 {
		t.Skip("set TVAULT_LOAD_SECONDS to run the load test")
	}
	const (
		clients  = 16
		maxReads = 200_000
	)
	dur := time.Duration(min(secs, 20)) * time.Second
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer := d.client(t, u.officer)
	ids, _, err := officer.Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  int
		wg        sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(dur)
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := d.client(t, u.officer)
			var mine []time.Duration
			bad := 0
			for i := 0; time.Now().Before(end) && i < maxReads/clients; i++ {
				t0 := time.Now()
				if _, err := c.Get(ctx, ids[(w+i)%len(ids)]); err != nil {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			failures += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if failures > 0 {
		t.Errorf("%d reads failed", failures)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	t.Logf("%d clients, %v: %d audited reads, %.0f reads/s, p50 %v, p99 %v, max %v",
		clients, elapsed.Round(time.Millisecond), len(latencies), float64(len(latencies))/elapsed.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), latencies[len(latencies)-1].Round(time.Millisecond))

	// Every read is in the log.
	auditor := d.client(t, u.auditor)
	if _, err := auditor.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := auditor.AuditVerify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Size < int64(len(latencies)) {
		t.Errorf("audit log has %d entries for %d reads", rep.Size, len(latencies))
	}
}
