//go:build !unix

package main

import (
	"context"
	"log/slog"
)

// heapProfiles is a no-op without SIGUSR1: TVAULTD_HEAP_PROFILE is logged
// as ignored.
func heapProfiles(_ context.Context, path string, log *slog.Logger) {
	log.Warn("TVAULTD_HEAP_PROFILE is ignored: heap profiles are written on SIGUSR1, which this system lacks", "file", path)
}
