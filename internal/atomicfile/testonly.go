package atomicfile

import (
	"sync/atomic"
	"testing"
)

// stepHook, if set, is called by ReplaceFile after each of its steps.
var stepHook atomic.Pointer[func(name, step string)]

// ReplaceFile's steps, in order, as TestOnlyStepHook names them: the
// temporary file created (empty), written, fsynced and closed, renamed
// over the target, and the directory fsynced.
const (
	StepCreate  = "create"
	StepWrite   = "write"
	StepSync    = "sync"
	StepRename  = "rename"
	StepSyncDir = "syncdir"
)

// TestOnlyStepHook makes ReplaceFile call f with the name of the file it
// replaces after each of its steps in this process, until the returned
// function removes it, so that a test can crash a process there (a
// SIGKILL from f) and check what a crash at that moment leaves. It panics
// outside a test binary.
func TestOnlyStepHook(f func(name, step string)) (restore func()) {
	if !testing.Testing() {
		panic("atomicfile: TestOnlyStepHook called outside a test binary")
	}
	prev := stepHook.Swap(&f)
	return func() { stepHook.Store(prev) }
}

func step(name, step string) {
	if f := stepHook.Load(); f != nil {
		(*f)(name, step)
	}
}
