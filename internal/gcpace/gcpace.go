// Package gcpace paces the garbage collector of a process that holds a
// vault open.
//
// The store's memtable is a 256 MiB arena that reads leave untouched, so
// not resident, but the collector counts it live all the same: at the
// default GOGC of 100 it lets garbage grow by more than the whole arena
// before it runs, and a researcher view of a 15 MiB narrative, whose
// rendering allocates about 70 times the text, peaked 160 MiB above the
// open (tvault) or grew the daemon by 420 MiB (docs/BENCHMARKS.md). At
// Percent the garbage stays within a quarter of the live heap, about
// 85 MiB; the arena holds no pointers, so the more frequent collections
// cost little.
package gcpace

import (
	"os"
	"runtime/debug"
)

// Percent is the GOGC of a process with a vault open.
const Percent = 25

// Open sets GOGC to Percent, as a process that has just opened a vault
// does, unless the environment sets GOGC.
func Open() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
}
