// Package envvars lists every environment variable that tvault and tvaultd
// read, with what each does. "tvault help environment" and the manual
// pages print this list, and its test fails when the source reads a
// variable the list does not name, so the documentation cannot fall
// behind the code.
package envvars

import "strings"

// A Var is an environment variable and what it does.
type Var struct {
	Name string
	// Programs names the binaries that read it: "tvault", "tvaultd" or
	// both.
	Programs []string
	// Text says what it does: prose, one paragraph, wrapped by whoever
	// prints it.
	Text string
}

// All is every variable, in the order the documentation lists them.
var All = []Var{
	{"TVAULT_DIR", both,
		"The vault directory, when --vault is not given."},
	{"TVAULT_STORE", both,
		"The vault's PostgreSQL database (postgres://...), when --store is not given; " +
			"instead of a vault directory (docs/DEPLOY.md)."},
	{"TVAULT_PASSPHRASE_FILE", both,
		"A file holding the vault's passphrase; one trailing line ending is removed. " +
			"--passphrase-file takes precedence. tvaultd with it set unseals at start."},
	{"TVAULT_PASSPHRASE_COMMAND", cli,
		"A command that prints the vault's passphrase, as restic's RESTIC_PASSWORD_COMMAND: " +
			"tvault runs it with /bin/sh -c, its standard input and error those of tvault, and takes " +
			"the first line of its standard output. A command that fails or prints nothing is an error, " +
			"and its output is never shown. Setting it and TVAULT_PASSPHRASE_FILE both is an error; " +
			"--passphrase-file takes precedence over both. Without any of them tvault asks on the terminal."},
	{"TVAULT_ADDR", cli,
		"Talk to tvaultd at unix:PATH or https://HOST[:PORT] instead of opening a vault directory."},
	{"TVAULT_TOKEN", cli,
		"The user's token for tvaultd (tvt_...). Prefer TVAULT_TOKEN_FILE: the environment of a " +
			"process is visible to its children and, on some systems, to other users."},
	{"TVAULT_TOKEN_FILE", cli,
		"A file holding the user's token for tvaultd. Setting it and TVAULT_TOKEN both is an error."},
	{"TVAULT_CA_FILE", cli,
		"PEM certificates to trust for tvaultd's https address instead of the system's: the " +
			"certificate of the organisation's own authority, or tvaultd's own self-signed one."},
	{"TVAULT_STATE_DIR", both,
		"Where the latest checkpoint of each vault opened is kept, to refuse an older copy of it. " +
			"Default: $XDG_STATE_HOME/tvault, else ~/.local/state/tvault."},
	{"VISUAL", cli,
		"The editor of tvault new, edit and person edit, a command run by /bin/sh with the form's path; " +
			"EDITOR when it is not set, vi when neither is."},
	{"EDITOR", cli, "The editor, when VISUAL is not set."},
	{"XDG_RUNTIME_DIR", cli,
		"Where tvault new, edit and person edit keep the form being edited, if it is on memory-backed " +
			"storage (tmpfs); else /dev/shm. Where neither is, they refuse: no plaintext is written to a disk."},
	{"GOGC", both,
		"The Go collector's pace. Unset, tvault and tvaultd use 25 once a vault is open instead of Go's 100, " +
			"so that garbage cannot grow to the size of the store's preallocated buffers; set it to override."},
	{"XDG_STATE_HOME", both,
		"The base of the default state directory, when TVAULT_STATE_DIR is not set; ignored unless absolute."},
	{"TVAULTD_HEAP_PROFILE", daemon,
		"For debugging only: a file to which tvaultd writes a heap profile (go tool pprof FILE) each time it " +
			"receives SIGUSR1: where its memory was allocated, and how much; no data of the vault. " +
			"Unset, SIGUSR1 is ignored."},
}

var (
	cli    = []string{"tvault"}
	daemon = []string{"tvaultd"}
	both   = []string{"tvault", "tvaultd"}
)

// For returns the variables that program reads, in the order of All.
func For(program string) []Var {
	var vars []Var
	for _, v := range All {
		for _, p := range v.Programs {
			if p == program {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// Wrap breaks text into lines of at most width columns (a longer word
// stays whole on its own line), each after indent.
func Wrap(text, indent string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		switch {
		case n == 0:
			b.WriteString(indent)
			n = len(indent)
		case n+1+len(w) > width:
			b.WriteString("\n" + indent)
			n = len(indent)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	if n > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}
