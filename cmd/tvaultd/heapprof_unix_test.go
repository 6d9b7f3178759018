//go:build unix

package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHeapProfile: with heapProfiles listening, SIGUSR1 writes a heap
// profile (gzipped, as pprof writes them) to the file, mode 0600.
func TestHeapProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "heap.pprof")
	var log syncBuffer
	heapProfiles(t.Context(), path, slog.New(slog.NewJSONHandler(&log, nil)))
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(log.String(), "heap profile"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no heap profile 10 s after SIGUSR1")
		}
	}
	if !strings.Contains(log.String(), "heap profile written") {
		t.Fatalf("log: %s", log.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the profile is not gzipped: %v", err)
	}
	if n, err := io.Copy(io.Discard, zr); err != nil || n == 0 {
		t.Errorf("the profile: %d bytes, %v", n, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the profile's mode: %v, %v; want 0600", fi.Mode(), err)
	}
}
