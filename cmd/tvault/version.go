package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/tvault/tvault/internal/buildinfo"
)

const versionUsage = `Usage: tvault version [--json]
       tvault --version

Prints the version of this build of tvault: the module version (a tag, a
pseudo-version naming the commit, or "(devel)" when the build recorded
none), the commit it was built from and whether the tree had uncommitted
changes, the Go toolchain and the platform. Opens no vault.

Options:
    --json   print {"version", "commit", "modified", "go", "platform"}

Examples:
    $ tvault version
    tvault v1.2.0 (commit e76e677c1234) go1.26.0 linux/amd64
    $ tvault version --json | jq -r .commit
`

func versionCommand(out io.Writer) *command {
	var asJSON bool
	return &command{
		name:  "version",
		short: "print the version of tvault",
		usage: versionUsage,
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") },
		run: func(args []string) error {
			if err := noArgs("version", args); err != nil {
				return err
			}
			return writeVersion(out, asJSON)
		},
	}
}

// writeVersion prints the build's version for "tvault version" and
// "tvault --version".
func writeVersion(out io.Writer, asJSON bool) error {
	info := buildinfo.Read()
	if asJSON {
		return printJSON(info)
	}
	_, err := fmt.Fprintf(out, "tvault %s\n", info)
	return err
}
