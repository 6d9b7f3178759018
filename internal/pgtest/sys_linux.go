package pgtest

import "syscall"

// setDeathSignal has the server stopped at once (immediate shutdown) if
// the test binary dies without stopping it. Linux sends the signal when
// the thread that started the server ends; Go ends a thread only when a
// goroutine locked to it exits, which the tests' goroutines do not.
func setDeathSignal(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGQUIT }
