// Command maxrss runs a command and prints the peak resident set size of
// the command alone, in KiB, to standard error as "maxrss KiB".
//
// Linux charges a child started with vfork (as os/exec starts it) with the
// peak RSS of its parent, so a large test process cannot measure its
// children directly; this small one, started fresh, can.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState != nil {
		fmt.Fprintf(os.Stderr, "maxrss %d\n", cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
