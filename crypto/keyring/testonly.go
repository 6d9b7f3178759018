package keyring

import (
	"sync/atomic"
	"testing"
)

// testWorkFactor is the work factor TestOnlyLowWorkFactor sets: 2^4, a
// 16,384th of the real cost. Under the race detector 2^10 took 20 ms an
// unseal, and every tvault command of the CLI scripts unseals once; no
// test needs the cost, only TestCommandMemory the real factor's table.
const testWorkFactor = 4

var lowWorkFactor atomic.Bool

func sealWorkFactor() int {
	if lowWorkFactor.Load() {
		return testWorkFactor
	}
	return workFactor
}

// TestOnlyLowWorkFactor makes Seal use work factor 4 in this process, so
// that tests which create vaults run in milliseconds rather than seconds,
// until the returned function restores the previous setting. Open needs
// no such switch: a keyring's work factor is written in it.
//
// It is for tests only: a keyring sealed under it costs a 16,384th of a real
// one to guess. It panics outside a test binary (testing.Testing), so no
// tvault or tvaultd can call it.
//
// In-process tests call t.Cleanup(keyring.TestOnlyLowWorkFactor()); the
// CLI scripts, where tvault runs as the re-executed test binary and no
// testing.T exists, call it before main, as age's own CLI tests lower
// their scrypt through testOnlyConfigureScryptIdentity.
func TestOnlyLowWorkFactor() (restore func()) {
	if !testing.Testing() {
		panic("keyring: TestOnlyLowWorkFactor called outside a test binary")
	}
	prev := lowWorkFactor.Swap(true)
	return func() { lowWorkFactor.Store(prev) }
}
