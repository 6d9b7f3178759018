package pgtest

import "syscall"

// setDeathSignal has the server stopped at once (immediate shutdown) if
// the test binary dies without stopping it.
func setDeathSignal(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGQUIT }
