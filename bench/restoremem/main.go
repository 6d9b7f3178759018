// Command restoremem measures where a restore's memory goes, phase by
// phase: the peak anonymous RSS and Go heap of each, and a heap profile
// at its end (allocations since the start are in alloc_space).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

type sampler struct {
	mu              sync.Mutex
	phase           string
	anon, heap, tot uint64
	start           time.Time
}

func rssAnon() uint64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "RssAnon:") {
			n, _ := strconv.ParseUint(strings.Fields(l)[1], 10, 64)
			return n << 10
		}
	}
	return 0
}

func (s *sampler) run() {
	ms := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	for {
		a := rssAnon()
		metrics.Read(ms)
		s.mu.Lock()
		s.anon = max(s.anon, a)
		s.heap = max(s.heap, ms[0].Value.Uint64())
		s.tot = max(s.tot, ms[1].Value.Uint64())
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *sampler) begin(p string) {
	s.mu.Lock()
	s.phase, s.anon, s.heap, s.tot, s.start = p, rssAnon(), 0, 0, time.Now()
	s.mu.Unlock()
}

func (s *sampler) end(prof string) {
	time.Sleep(10 * time.Millisecond)
	s.mu.Lock()
	fmt.Printf("%-8s %6.2fs peak anon %4d MiB, heap objects %4d MiB, runtime total %4d MiB; now anon %d MiB\n",
		s.phase, time.Since(s.start).Seconds(), s.anon>>20, s.heap>>20, s.tot>>20, rssAnon()>>20)
	s.mu.Unlock()
	if prof != "" {
		// The profile is as of the last collection.
		runtime.GC()
		f, err := os.Create(prof + "." + s.phase + ".pprof")
		if err != nil {
			log.Fatal(err)
		}
		pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
}

func main() {
	prof := flag.String("prof", "", "write heap profiles PREFIX.PHASE.pprof")
	mode := flag.String("mode", "restore", "restore FILE DIR | open DIR")
	flag.Parse()
	runtime.MemProfileRate = 64 << 10
	pass, err := os.ReadFile(os.Getenv("TVAULT_PASSPHRASE_FILE"))
	if err != nil {
		log.Fatal(err)
	}
	p := strings.TrimRight(string(pass), "\n")
	s := &sampler{}
	go s.run()
	ctx := service.WithActor(context.Background(), service.LocalOperator)
	iso, _ := os.MkdirTemp("", "restoremem")
	defer os.RemoveAll(iso)
	opts := vault.OpenOptions{Isolated: iso}
	var v *vault.Vault
	if *mode == "restore" {
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			log.Fatal(err)
		}
		s.begin("restore+open")
		if v, _, err = vault.RestoreOpen(ctx, f, flag.Arg(1), p, opts); err != nil {
			log.Fatal(err)
		}
		s.end(*prof)
	} else {
		s.begin("open")
		if v, err = vault.OpenWith(flag.Arg(0), p, opts); err != nil {
			log.Fatal(err)
		}
		s.end(*prof)
	}
	s.begin("check")
	r, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		log.Fatal(err)
	}
	s.end(*prof)
	fmt.Printf("check: %+v\n", r.Counts)
	v.Close()
}
