//go:build !linux

package pgtest

import "syscall"

// setDeathSignal does nothing: only Linux signals a child when its parent
// dies.
func setDeathSignal(*syscall.SysProcAttr) {}
