package main

import (
	"context"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/client"
)

// TestLoadBusy is the load generator of issue 16's busy figures: more
// clients than the daemon has request slots (TVAULT_BUSY_CLIENTS, default
// 64, against --max-requests 64), half of them officers reading records
// and half researchers reading their views, for
// TVAULT_BUSY_SECONDS seconds (at most 60) over TVAULT_BUSY_TRANSPORT,
// "https" (the default, a self-signed certificate on a loopback port) or
// "unix". Each client has a connection of its own, as separate programs
// do. It reports how many requests the daemon answered 503 (from its
// log) and how many failed at the client; skipped unless
// TVAULT_BUSY_SECONDS is set. docs/BENCHMARKS.md records its results.
func TestLoadBusy(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("TVAULT_BUSY_SECONDS"))
	if secs <= 0 {
		t.Skip("set TVAULT_BUSY_SECONDS to run the busy load test")
	}
	clients := 64
	if n, err := strconv.Atoi(os.Getenv("TVAULT_BUSY_CLIENTS")); err == nil && n > 0 {
		clients = n
	}
	transport := os.Getenv("TVAULT_BUSY_TRANSPORT")
	if transport == "" {
		transport = "https"
	}
	dur := time.Duration(min(secs, 60)) * time.Second
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	var log syncBuffer
	var d *daemon
	env := []string{"TVAULT_PASSPHRASE_FILE=" + passFile(t)}
	switch transport {
	case "https":
		certFile, keyFile, cert := selfSigned(t)
		roots := x509.NewCertPool()
		roots.AddCert(cert)
		addr := fmt.Sprintf("127.0.0.1:%d", freeLoopbackPort(t))
		d = startTLSDaemon(t, vaultDir, addr, certFile, keyFile, roots, &log, env...)
	case "unix":
		d = startDaemon(t, vaultDir, filepath.Join(t.TempDir(), "tvaultd.sock"), &log, env...)
	default:
		t.Fatalf("TVAULT_BUSY_TRANSPORT=%s: want https or unix", transport)
	}
	officerClient := d.client(t, u.officer)
	ids, _, err := officerClient.Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := officerClient.GrantDomain(ctx, "study", "lee.researcher"); err != nil {
		t.Fatal(err)
	}
	list, err := d.client(t, u.researcher).List(ctx, "study")
	if err != nil || len(list) == 0 {
		t.Fatalf("researcher's list: %v, %v", list, err)
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  = map[string]int{}
		wg        sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(dur)
	shared := os.Getenv("TVAULT_BUSY_SHARED") != ""
	sharedClients := [2]*client.Client{d.client(t, u.officer), d.client(t, u.researcher)}
	for w := range clients {
		officer := w%2 == 0
		c := sharedClients[w%2]
		if !shared {
			c = d.client(t, []string{u.officer, u.researcher}[w%2])
		}
		wg.Go(func() {
			var mine []time.Duration
			bad := map[string]int{}
			for i := 0; time.Now().Before(end); i++ {
				t0 := time.Now()
				var err error
				if officer {
					_, err = c.Get(ctx, ids[(w+i)%len(ids)])
				} else {
					_, err = c.GetView(ctx, list[(w+i)%len(list)].ID, "researcher", "study")
				}
				if err != nil {
					bad[err.Error()]++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			for k, n := range bad {
				failures[k] += n
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	busy := strings.Count(log.String(), `"status":503`)
	slices.Sort(latencies)
	if len(latencies) == 0 {
		t.Fatalf("no read succeeded: %v", failures)
	}
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	failed := 0
	for _, n := range failures {
		failed += n
	}
	t.Logf("%s, %d clients (officers and researchers), %v: %d reads, %.0f reads/s, p50 %v, p99 %v, max %v; daemon answered 503 to %d requests (%.2f%%), %d reads failed at the client %v",
		transport, clients, elapsed.Round(time.Millisecond), len(latencies), float64(len(latencies))/elapsed.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), latencies[len(latencies)-1].Round(time.Millisecond),
		busy, 100*float64(busy)/float64(len(latencies)+failed), failed, failures)
	if failed > 0 {
		t.Errorf("%d reads failed", failed)
	}
}
