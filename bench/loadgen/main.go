// Command loadgen drives tvaultd with concurrent clients for a while and
// reports the rate of requests and their latency, for bench/pg.sh.
//
//	go run ./bench/loadgen -addr unix:/tmp/d.sock[,unix:/tmp/d2.sock] \
//	    -token-file officer.token -op get|put -clients 16 -duration 20s
//
// -op get makes audited reads: each client gets, in turn, the records that
// one list at the start returned. -op put makes durable writes: each
// request puts one new invented testimony (internal/synthetic, about
// 4 KiB; numbers from -first up, so that every run registers new
// persons), acknowledged only once committed. Clients are spread over the
// addresses in turn, each with a connection of its own. It prints one
// line,
//
//	op=get clients=16 daemons=1 seconds=20.0 requests=N errors=0 rate=N/s p50=1.2ms p99=5.3ms
//
// and exits 1 if any request failed, printing the first failure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/testimony"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: error: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	addrs := flag.String("addr", "", "daemon addresses, comma-separated (unix:PATH or https://HOST)")
	tokenFile := flag.String("token-file", "", "file holding an officer's token")
	op := flag.String("op", "get", "get (audited reads) or put (durable writes)")
	clients := flag.Int("clients", 16, "concurrent clients")
	dur := flag.Duration("duration", 20*time.Second, "how long to run")
	first := flag.Int("first", 1_000_000, "number of the first testimony put")
	flag.Parse()
	if *addrs == "" || *tokenFile == "" || *clients < 1 || (*op != "get" && *op != "put") {
		return errors.New("usage: loadgen -addr ADDR[,ADDR] -token-file FILE [-op get|put] [-clients N] [-duration D]")
	}
	tok, err := os.ReadFile(*tokenFile)
	if err != nil {
		return err
	}
	var cs []*client.Client
	for i := range *clients {
		addr := strings.Split(*addrs, ",")
		c, err := client.New(addr[i%len(addr)], strings.TrimSpace(string(tok)), nil)
		if err != nil {
			return err
		}
		defer c.Close()
		cs = append(cs, c)
	}
	ctx := context.Background()
	var ids []string
	if *op == "get" {
		list, err := cs[0].List(ctx, "")
		if err != nil {
			return err
		}
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		if len(ids) == 0 {
			return errors.New("the vault holds no record to get")
		}
	}

	var (
		next      atomic.Int64
		failures  atomic.Int64
		firstErr  error
		errOnce   sync.Once
		wg        sync.WaitGroup
		latencies = make([][]time.Duration, *clients)
	)
	start := time.Now()
	end := start.Add(*dur)
	for w, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				i := int(next.Add(1) - 1)
				t0 := time.Now()
				var err error
				if *op == "get" {
					_, err = c.Get(ctx, ids[i%len(ids)])
				} else {
					_, _, err = c.Put(ctx, []*testimony.Testimony{synthetic.Testimony(*first + i)})
				}
				if err != nil {
					failures.Add(1)
					errOnce.Do(func() { firstErr = err })
					continue
				}
				latencies[w] = append(latencies[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	all := slices.Concat(latencies...)
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	fmt.Printf("op=%s clients=%d daemons=%d seconds=%.1f requests=%d errors=%d rate=%.0f/s p50=%.1fms p99=%.1fms\n",
		*op, *clients, len(strings.Split(*addrs, ",")), secs, len(all), failures.Load(), float64(len(all))/secs,
		pct(0.50).Seconds()*1000, pct(0.99).Seconds()*1000)
	if firstErr != nil {
		return fmt.Errorf("%d requests failed, the first: %w", failures.Load(), firstErr)
	}
	return nil
}
