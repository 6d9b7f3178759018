package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/unix"
)

// ttyExec FILE COMMAND [ARGS] runs COMMAND with its standard error on a
// pseudo-terminal, as a user at a terminal runs it, and writes what the
// terminal received to FILE; standard output goes to the script's stdout
// as exec's does. Carriage returns and escapes are kept, so that a script
// can tell a status line redrawn in place.
func ttyExec(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: ttyexec FILE COMMAND [ARGS]")
	}
	master, slave, err := openPTY()
	ts.Check(err)
	defer master.Close()
	path := lookPath(ts, args[1])
	cmd := exec.Command(path, args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	cmd.Env = scriptEnv(ts)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, slave
	ts.Check(cmd.Start())
	slave.Close()
	var screen bytes.Buffer
	copied := make(chan error, 1)
	go func() {
		_, err := io.Copy(&screen, master)
		// The master reads EIO once the last holder of the slave is gone.
		if errors.Is(err, syscall.EIO) {
			err = nil
		}
		copied <- err
	}()
	runErr := cmd.Wait()
	ts.Check(<-copied)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), screen.Bytes(), 0o644))
	fmt.Fprint(ts.Stdout(), stdout.String())
	if (runErr != nil) != neg {
		ts.Fatalf("ttyexec %s: %v\n%s", args[1], runErr, screen.String())
	}
}

// lookPath finds name in the script's PATH, where testscript puts tvault.
func lookPath(ts *testscript.TestScript, name string) string {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	ts.Fatalf("%s not found in the script's PATH", name)
	return ""
}

// scriptEnv returns the environment of the script's commands.
func scriptEnv(ts *testscript.TestScript) []string {
	var env []string
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "WORK", "TVAULT_DIR", "TVAULT_PASSPHRASE_FILE", "TVAULT_STATE_DIR", "GORACE", "CORPUS"} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// openPTY opens a new pseudo-terminal pair.
func openPTY() (master, slave *os.File, err error) {
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}
