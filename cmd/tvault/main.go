// Command tvault stores human-rights testimonies in an encrypted vault.
//
// Run "tvault help" for the commands, and "tvault help COMMAND" for one.
// The commands are declared in tree.go; the exit statuses, which tell
// classes of failure apart, in tui.go.
package main

import "os"

func main() {
	if err := run(os.Args[1:]); err != nil {
		printError(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}
