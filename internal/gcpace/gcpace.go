// Package gcpace paces the garbage collector of a process that holds a
// vault open.
//
// The store's memtable is an arena (about 42 MB for its 32 MiB memtable)
// that reads leave untouched, so not resident, but the collector counts
// it live all the same: at the default GOGC of 100 it lets garbage grow
// by the whole live heap before it runs, and a researcher view of a
// 15 MiB narrative, whose rendering allocates about 70 times the text,
// peaked 160 MiB above the open (tvault) or grew the daemon by 420 MiB
// (docs/BENCHMARKS.md, with the 256 MiB memtable of then). At Percent the
// garbage stays within a quarter of the live heap; the arena holds no
// pointers, so the more frequent collections cost little.
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
