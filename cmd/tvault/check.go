package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault/service"
)

const checkUsage = `Usage: tvault check [--read-data] [--json]

Checks that the vault is whole, as restic check does a repository: the
database files' checksums; the audit log against its latest signed
checkpoint; that the store holds exactly what the log's entries say every
write stored (no key missing, extra, changed or put back with an older
value); every attachment file's size and SHA-256 (for attachments made
since tvault stopped recording a file's own SHA-256: the file decrypted
and checked against its original's), and files no attachment refers to.
With --read-data it also decrypts every record version and every
attachment and checks each against the hash bound to it: slower, and it
reads everything.

It prints one line per problem, naming the record, person, user or key
it concerns (never content), then a summary, and exits 0 only when it
found nothing wrong. Progress goes to stderr every few seconds. The check
is recorded in the audit log. Through tvaultd it is open to auditors and
administrators.

Options:
    --read-data   also decrypt and verify every version and attachment
    --json        print the report as JSON

Examples:
    $ tvault check
    $ tvault check --read-data
    $ tvault check --json | jq '.problems[] | select(.kind == "missing")'
`

func checkCommand(g *globals) *command {
	var readData, asJSON bool
	return &command{
		name:  "check",
		short: "verify that the vault is whole",
		usage: checkUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&readData, "read-data", false, "also decrypt and verify every version and attachment")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("check", args); err != nil {
				return err
			}
			m := g.meter("checking")
			return withVault(g, func(v service.Service) error {
				r, err := v.Check(localContext(), checkOptions(readData, m))
				m.Done()
				if err != nil {
					return err
				}
				return printCheck(r, asJSON)
			})
		},
	}
}

// checkOptions are the options of a check that shows its progress on m.
func checkOptions(readData bool, m *progress.Meter) service.CheckOptions {
	return service.CheckOptions{ReadData: readData, Progress: func(c service.CheckCounts) {
		// Shorter than counts, to fit a terminal's line: what the check
		// is at, the store or the decryption that comes after it.
		if c.Versions+c.Attachments > 0 {
			m.Printf("decrypted %d versions, %d attachments", c.Versions, c.Attachments)
			return
		}
		m.Printf("%d entries, %d keys, %d blobs (%s)", c.Entries, c.Keys, c.Blobs, progress.Bytes(c.BlobBytes))
	}}
}

// printCheck prints the report of a check, and returns a *checkError if
// it found problems.
func printCheck(r *service.CheckReport, asJSON bool) error {
	if asJSON {
		if err := printJSON(r); err != nil {
			return err
		}
	} else {
		for _, p := range r.Problems {
			fmt.Println(p.String())
		}
		if r.Omitted > 0 {
			fmt.Printf("(%d more problems not listed)\n", r.Omitted)
		}
	}
	if err := checkFailure(r); err != nil {
		return err
	}
	if !asJSON {
		fmt.Printf("no problems found: %s\n", counts(r.Counts))
	}
	return nil
}

// checkFailure returns a *checkError if r found problems.
func checkFailure(r *service.CheckReport) error {
	if r.OK() {
		return nil
	}
	return &checkError{problems: r.NumProblems(), summary: counts(r.Counts)}
}

// counts says what a check has checked, in one line.
func counts(c service.CheckCounts) string {
	s := fmt.Sprintf("%d log entries, %d write manifests, %d keys, %d blobs (%d bytes)",
		c.Entries, c.Manifests, c.Keys, c.Blobs, c.BlobBytes)
	if c.Versions > 0 || c.Attachments > 0 {
		s += fmt.Sprintf(", %d versions and %d attachments decrypted", c.Versions, c.Attachments)
	}
	return s
}

// checkError is a check that found problems.
type checkError struct {
	problems int
	summary  string
}

func (e *checkError) Error() string {
	what := "problems"
	if e.problems == 1 {
		what = "problem"
	}
	return fmt.Sprintf("check found %d %s in %s", e.problems, what, e.summary)
}

// Unwrap returns service.ErrCorrupt: a check that found problems exits as
// an integrity failure (exitIntegrity), as damage found at open does.
func (e *checkError) Unwrap() error { return service.ErrCorrupt }

func isCheckError(err error) bool {
	var ce *checkError
	return errors.As(err, &ce)
}
