// Command daemonload drives tvaultd with N clients of mixed reads for a
// duration, and prints, per interval and for the whole run, the count,
// p50 and p99 latency of each kind of read, and the daemon's resident
// memory read from /proc (bench/daemon-load.sh runs it).
//
//	go run ./bench/daemonload -addr unix:/tmp/d.sock -officer FILE -researcher FILE \
//		-domain study -pid PID -clients 16 -duration 10m -interval 1m
//
// The reads, chosen at random with the weights of -mix: get (an officer's
// read of a record), view (a researcher's view of a record with research
// consent, by its pseudonym in -domain), person (person show of a
// record's witness), search (by witness key) and list (of every record).
// Before the run it lists the records as the officer and as the
// researcher, to pick from; the witness keys come from the officer's
// reads of a few hundred records, and it makes one researcher view (the
// first after the unseal builds the name matcher of the registry). With
// -only view,get it measures each kind alone, one after the other, for
// -duration each, -rounds times. With -pid, each run's whole-run line
// gives the daemon's CPU time (user + system, from /proc) per read.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "daemonload: error: %v\n", err)
		os.Exit(1)
	}
}

// kinds are the reads, in the order they are reported.
var kinds = []string{"get", "view", "person", "search", "list"}

type config struct {
	officer, researcher *client.Client
	domain              string
	ids, refs, keys     []string
}

func run() error {
	addr := flag.String("addr", "", "tvaultd address (unix:PATH or https://...)")
	officerFile := flag.String("officer", "", "file holding an officer's token")
	researcherFile := flag.String("researcher", "", "file holding a researcher's token, granted -domain")
	domain := flag.String("domain", "study", "the researcher's pseudonymisation domain")
	pid := flag.Int("pid", 0, "the daemon's process ID, for its resident memory")
	clients := flag.Int("clients", 16, "concurrent clients")
	duration := flag.Duration("duration", time.Minute, "how long to run (each kind, with -only)")
	interval := flag.Duration("interval", 10*time.Second, "how often to report")
	mix := flag.String("mix", "get=4,view=4,list=0.02", "weights of the reads")
	only := flag.String("only", "", "kinds to run alone, one after the other (get,view)")
	rounds := flag.Int("rounds", 1, "with -only, how many times to run the kinds in turn")
	flag.Parse()
	var cfg config
	var err error
	if cfg.officer, err = dial(*addr, *officerFile); err != nil {
		return err
	}
	if cfg.researcher, err = dial(*addr, *researcherFile); err != nil {
		return err
	}
	cfg.domain = *domain
	ctx := context.Background()
	t0 := time.Now()
	all, err := cfg.officer.List(ctx, "")
	if err != nil {
		return fmt.Errorf("officer list: %w", err)
	}
	for _, s := range all {
		cfg.ids = append(cfg.ids, s.ID)
	}
	mine, err := cfg.researcher.List(ctx, *domain)
	if err != nil {
		return fmt.Errorf("researcher list: %w", err)
	}
	for _, s := range mine {
		cfg.refs = append(cfg.refs, s.ID)
	}
	if len(cfg.ids) == 0 || len(cfg.refs) == 0 {
		return fmt.Errorf("the vault has %d records, %d with research consent: want some of each", len(cfg.ids), len(cfg.refs))
	}
	for i := range min(256, len(cfg.ids)) {
		rec, err := cfg.officer.Get(ctx, cfg.ids[i*len(cfg.ids)/min(256, len(cfg.ids))])
		if err != nil {
			return fmt.Errorf("officer get: %w", err)
		}
		cfg.keys = append(cfg.keys, rec.Testimony.Witness.Key)
	}
	if _, err := cfg.researcher.GetView(ctx, cfg.refs[0], policy.ViewResearcher, cfg.domain); err != nil {
		return fmt.Errorf("researcher view: %w", err)
	}
	fmt.Printf("setup: %d records, %d with research consent, %d witness keys, in %.1fs; daemon %s\n",
		len(cfg.ids), len(cfg.refs), len(cfg.keys), time.Since(t0).Seconds(), memory(*pid))
	if *only != "" {
		for r := range *rounds {
			for _, k := range strings.Split(*only, ",") {
				if !slices.Contains(kinds, k) {
					return fmt.Errorf("-only: unknown read %q", k)
				}
				fmt.Printf("round %d: %s alone, %d clients, %s:\n", r+1, k, *clients, *duration)
				if err := drive(ctx, &cfg, map[string]float64{k: 1}, *clients, *duration, *interval, *pid); err != nil {
					return err
				}
			}
		}
		return nil
	}
	weights, err := parseMix(*mix)
	if err != nil {
		return err
	}
	fmt.Printf("mix %s, %d clients, %s:\n", *mix, *clients, *duration)
	return drive(ctx, &cfg, weights, *clients, *duration, *interval, *pid)
}

func dial(addr, tokenFile string) (*client.Client, error) {
	tok, err := os.ReadFile(tokenFile)
	if err != nil {
		return nil, err
	}
	return client.New(addr, strings.TrimSpace(string(tok)), nil)
}

func parseMix(s string) (map[string]float64, error) {
	w := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		f, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || f < 0 || !slices.Contains(kinds, k) {
			return nil, fmt.Errorf("-mix: want KIND=WEIGHT,... with kinds %s, got %q", strings.Join(kinds, ", "), part)
		}
		w[k] = f
	}
	return w, nil
}

// stats are the latencies of one interval, by kind.
type stats struct {
	mu     sync.Mutex
	lat    map[string][]time.Duration
	errors map[string]int
	first  map[string]error
}

func newStats() *stats {
	return &stats{lat: map[string][]time.Duration{}, errors: map[string]int{}, first: map[string]error{}}
}

func (s *stats) add(kind string, d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.errors[kind]++
		if s.first[kind] == nil {
			s.first[kind] = err
		}
		return
	}
	s.lat[kind] = append(s.lat[kind], d)
}

// drive runs clients until the duration ends, reporting every interval
// and at the end for the whole run.
func drive(ctx context.Context, cfg *config, weights map[string]float64, clients int, duration, interval time.Duration, pid int) error {
	var total float64
	for _, w := range weights {
		total += w
	}
	pick := func(r *rand.Rand) string {
		x := r.Float64() * total
		for _, k := range kinds {
			if x -= weights[k]; x < 0 {
				return k
			}
		}
		return kinds[0]
	}
	var (
		mu        sync.Mutex
		cur       = newStats()
		whole     = newStats()
		wg        sync.WaitGroup
		start     = time.Now()
		end       = start.Add(duration)
		peakRSS   int
		stop      = make(chan struct{})
		intervals int
		cpu0      = cpuTime(pid)
	)
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
			for time.Now().Before(end) {
				k := pick(r)
				t0 := time.Now()
				err := cfg.read(ctx, k, r)
				d := time.Since(t0)
				mu.Lock()
				cur.add(k, d, err)
				whole.add(k, d, err)
				mu.Unlock()
			}
		}()
	}
	report := func(label string, s *stats, secs float64) {
		var parts []string
		for _, k := range kinds {
			l := s.lat[k]
			if len(l) == 0 && s.errors[k] == 0 {
				continue
			}
			slices.Sort(l)
			parts = append(parts, fmt.Sprintf("%s n=%d p50=%s p99=%s", k, len(l), ms(pct(l, 50)), ms(pct(l, 99))))
			if s.errors[k] > 0 {
				parts = append(parts, fmt.Sprintf("%s errors=%d (%v)", k, s.errors[k], s.first[k]))
			}
		}
		var alls []time.Duration
		for _, l := range s.lat {
			alls = append(alls, l...)
		}
		slices.Sort(alls)
		fmt.Printf("%s %6.1f reads/s all p50=%s p99=%s | %s | daemon %s\n", label, float64(len(alls))/secs,
			ms(pct(alls, 50)), ms(pct(alls, 99)), strings.Join(parts, "; "), memory(pid))
	}
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		last := start
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				mu.Lock()
				s := cur
				cur = newStats()
				mu.Unlock()
				intervals++
				if rss := rssMiB(pid); rss > peakRSS {
					peakRSS = rss
				}
				report(fmt.Sprintf("[%3d %7.0fs]", intervals, now.Sub(start).Seconds()), s, now.Sub(last).Seconds())
				last = now
			}
		}
	}()
	wg.Wait()
	close(stop)
	if rss := rssMiB(pid); rss > peakRSS {
		peakRSS = rss
	}
	report("[whole run ]", whole, time.Since(start).Seconds())
	if pid != 0 {
		n := 0
		for _, l := range whole.lat {
			n += len(l)
		}
		cpu := cpuTime(pid) - cpu0
		fmt.Printf("peak RSS of the daemon at the reports: %d MiB; daemon CPU %.1fs (user+system), %.2f ms a read\n",
			peakRSS, cpu.Seconds(), float64(cpu.Microseconds())/1000/float64(max(n, 1)))
	}
	return nil
}

// read makes one read of kind k.
func (cfg *config) read(ctx context.Context, k string, r *rand.Rand) error {
	var err error
	switch k {
	case "get":
		_, err = cfg.officer.Get(ctx, cfg.ids[r.IntN(len(cfg.ids))])
	case "view":
		_, err = cfg.researcher.GetView(ctx, cfg.refs[r.IntN(len(cfg.refs))], policy.ViewResearcher, cfg.domain)
	case "person":
		_, err = cfg.officer.PersonByKey(ctx, cfg.keys[r.IntN(len(cfg.keys))])
	case "search":
		_, err = cfg.officer.Search(ctx, service.SearchQuery{Person: cfg.keys[r.IntN(len(cfg.keys))]})
	case "list":
		_, err = cfg.officer.List(ctx, "")
	}
	return err
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[(len(sorted)-1)*p/100]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// memory returns the daemon's resident memory, anonymous and mapped
// files, from /proc.
func memory(pid int) string {
	if pid == 0 {
		return "(no -pid)"
	}
	f := status(pid)
	return fmt.Sprintf("RSS %d MiB (anonymous %d, files %d)", f["VmRSS"]>>10, f["RssAnon"]>>10, f["RssFile"]>>10)
}

// cpuTime returns the CPU time (user + system) the process has used, from
// /proc/PID/stat, in the kernel's clock ticks of 1/100 s (USER_HZ); 0
// without a pid.
func cpuTime(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: the fields
	// counted are those after it (utime and stime are the 14th and 15th).
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.Atoi(f[11])
	sys, _ := strconv.Atoi(f[12])
	return time.Duration(user+sys) * 10 * time.Millisecond
}

func rssMiB(pid int) int {
	if pid == 0 {
		return 0
	}
	return status(pid)["VmRSS"] >> 10
}

// status returns the KiB figures of /proc/PID/status.
func status(pid int) map[string]int {
	out := map[string]int{}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if f := strings.Fields(v); ok && len(f) == 2 && f[1] == "kB" {
			out[k], _ = strconv.Atoi(f[0])
		}
	}
	return out
}
