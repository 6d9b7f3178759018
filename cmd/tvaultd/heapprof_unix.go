//go:build unix

package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
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

func writeHeapProfile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	// In use as of the last collection: make that now.
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
