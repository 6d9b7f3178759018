//go:build !linux

package main

import "github.com/rogpeppe/go-internal/testscript"

// ttyExec needs Linux's pseudo-terminals; elsewhere the script is skipped.
func ttyExec(ts *testscript.TestScript, neg bool, args []string) {
	ts.Skip("ttyexec runs on Linux only")
}
