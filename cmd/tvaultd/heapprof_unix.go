//go:build unix

package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"

	"github.com/tvault/tvault/internal/atomicfile"
)

// heapProfiles writes a heap profile (runtime/pprof's "heap", after a
// collection) to path each time the process receives SIGUSR1, until ctx
// is done: a debugging aid for measuring what holds the daemon's memory
// (TVAULTD_HEAP_PROFILE, off unless set). A profile holds the places in
// the code that allocated, and how much: no data of the vault.
func heapProfiles(ctx context.Context, path string, log *slog.Logger) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		defer signal.Stop(sig)
		for {
			select {
			case <-ctx.Done():
				return
			case <-sig:
				if err := writeHeapProfile(path); err != nil {
					log.Warn("heap profile", "error", err.Error())
				} else {
					log.Info("heap profile written", "file", path)
				}
			}
		}
	}()
}

// writeHeapProfile replaces path with a profile of the heap in use, whole
// (atomicfile: a profile read while the next is written is the last one).
func writeHeapProfile(path string) error {
	// In use as of the last collection: make that now.
	runtime.GC()
	var b bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&b, 0); err != nil {
		return err
	}
	return atomicfile.ReplaceFile(path, b.Bytes())
}
