// Command restoremem shows where the memory of a restore goes, phase by
// phase: for each, its time, the peak of the process's anonymous resident
// memory (RssAnon, sampled every 5 ms), and the peaks of the Go heap's
// objects and of all the memory the Go runtime holds; with -prof, a heap
// profile at the end of each phase (go tool pprof -sample_index=
// alloc_space, -diff_base the phase before, tells what each allocated).
//
//	restoremem [-prof PREFIX] FILE DIR   restore the backup FILE into the new DIR
//	                                     (vault.RestoreOpen), then check it
//	restoremem -open [-prof PREFIX] DIR  open the vault in DIR, then check it
//	restoremem -open -export N [-prof PREFIX] DIR
//	                                     open the vault in DIR, then export the
//	                                     researcher view of its first N records
//
// The check is Check with ReadData, as tvault restore and tvault check
// --read-data do. The passphrase is read from TVAULT_PASSPHRASE_FILE; the
// vault's checkpoint is kept in a temporary directory (as tvault restore
// does), not in the state directory. The collector is paced as tvault
// paces it (gcpace).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tvault/tvault/internal/gcpace"
	"github.com/tvault/tvault/internal/passphrase"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

func main() {
	prof := flag.String("prof", "", "write a heap profile of each phase to `PREFIX`.PHASE.pprof")
	open := flag.Bool("open", false, "open the vault in DIR instead of restoring FILE into DIR")
	export := flag.Int("export", 0, "with -open, export the researcher view of the first `N` records instead of the check")
	flag.Parse()
	if (*open && flag.NArg() != 1) || (!*open && flag.NArg() != 2) || (*export > 0 && !*open) {
		flag.Usage()
		os.Exit(2)
	}
	gcpace.Open()
	if err := run(*prof, *open, *export); err != nil {
		fmt.Fprintln(os.Stderr, "restoremem:", err)
		os.Exit(1)
	}
}

func run(prof string, open bool, export int) error {
	// Fine enough to see the arenas and buffers of Badger and age.
	runtime.MemProfileRate = 64 << 10
	pass, err := passphrase.File(os.Getenv("TVAULT_PASSPHRASE_FILE"))
	if err != nil {
		return err
	}
	isolated, err := os.MkdirTemp("", "restoremem-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(isolated)
	opts := vault.OpenOptions{Isolated: isolated, Warn: func(error) {}}
	ctx := service.WithActor(context.Background(), service.LocalOperator)
	s := newSampler(prof)
	var v *vault.Vault
	if open {
		s.begin("open")
		v, err = vault.OpenWith(flag.Arg(0), pass, opts)
	} else {
		var f *os.File
		if f, err = os.Open(flag.Arg(0)); err != nil {
			return err
		}
		defer f.Close()
		s.begin("restore+open")
		v, _, err = vault.RestoreOpen(ctx, f, flag.Arg(1), pass, opts)
	}
	if err != nil {
		return err
	}
	if err := s.end(); err != nil {
		return errors.Join(err, v.Close())
	}
	if export > 0 {
		s.begin("export")
		n := 0 // Export counts none when stopped
		_, err := v.Export(ctx, service.ExportOptions{View: "researcher", Purpose: "benchmark"}, func(*view.Record) error {
			if n++; n == export {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			err = s.end()
		}
		fmt.Printf("exported %d records\n", n)
		return errors.Join(err, v.Close())
	}
	s.begin("check")
	r, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err == nil {
		err = s.end()
	}
	if err == nil && !r.OK() {
		err = fmt.Errorf("the check found %d problems: %v", r.NumProblems(), r.Problems)
	}
	if err == nil {
		fmt.Printf("checked: %+v\n", r.Counts)
	}
	return errors.Join(err, v.Close())
}

// errEnough stops an export at its last record wanted.
var errEnough = errors.New("enough records exported")

// sampler keeps the peaks of the current phase.
type sampler struct {
	prof            string
	mu              sync.Mutex
	phase           string
	start           time.Time
	anon, heap, all uint64
}

func newSampler(prof string) *sampler {
	s := &sampler{prof: prof}
	go s.run()
	return s
}

func (s *sampler) run() {
	m := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	for {
		anon := rssAnon()
		metrics.Read(m)
		s.mu.Lock()
		s.anon = max(s.anon, anon)
		s.heap = max(s.heap, m[0].Value.Uint64())
		s.all = max(s.all, m[1].Value.Uint64())
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *sampler) begin(phase string) {
	s.mu.Lock()
	s.phase, s.start, s.anon, s.heap, s.all = phase, time.Now(), rssAnon(), 0, 0
	s.mu.Unlock()
}

// end prints the phase's peaks, and writes its profile.
func (s *sampler) end() error {
	time.Sleep(10 * time.Millisecond) // a last sample
	s.mu.Lock()
	fmt.Printf("%-12s %7.2fs  peak anonymous %4d MiB, Go heap objects %4d MiB, Go runtime total %4d MiB; at its end anonymous %4d MiB\n",
		s.phase, time.Since(s.start).Seconds(), s.anon>>20, s.heap>>20, s.all>>20, rssAnon()>>20)
	s.mu.Unlock()
	if s.prof == "" {
		return nil
	}
	// The profile is as of the last collection.
	runtime.GC()
	f, err := os.Create(s.prof + "." + s.phase + ".pprof")
	if err != nil {
		return err
	}
	return errors.Join(pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
}

// rssAnon returns the process's anonymous resident memory, 0 where
// /proc does not say.
func rssAnon() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssAnon:" {
			kib, _ := strconv.ParseUint(f[1], 10, 64)
			return kib << 10
		}
	}
	return 0
}
