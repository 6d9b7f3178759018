// Package gcpace paces the garbage collector of a process that holds a
// vault open.
//
// The store's memtable is an arena (about 42 MB for a 32 MiB memtable) that
// reads leave untouched, so not resident, but the collector counts it live
// all the same: at the default GOGC of 100 it lets garbage grow by the
// whole live heap before it runs, and a researcher view of a 15 MiB
// narrative, whose rendering allocates about 70 times the text, peaked
// 160 MiB above the open (tvault) or grew the daemon by 420 MiB
// (docs/BENCHMARKS.md). At Percent the garbage stays within a quarter of
// the live heap; the arena holds no pointers, so the more frequent
// collections cost little.
package gcpace

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
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

// Budget is the memory, in bytes, that a command which reads the whole
// vault may hold above what its open holds (Limit).
const Budget = 96 << 20

// Limit sets a soft memory limit (debug.SetMemoryLimit) of the Go memory
// the process holds now plus Budget, unless the environment sets
// GOMEMLIMIT, and returns the limit in bytes (0 when it sets none). Called
// right after the open, it caps the collector's room, which Percent sets
// relative to a live heap that grows with the registry (the name matcher),
// so that garbage fills what the command's live data leaves of Budget and
// no more. The limit is soft: a command whose live data needs more than
// Budget still runs, the collector then taking up to half the CPU.
func Limit() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := held() + Budget
	debug.SetMemoryLimit(limit)
	return limit
}

// held is the memory the Go runtime holds from the system, the measure
// the memory limit applies to: all it mapped less what it returned.
func held() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
