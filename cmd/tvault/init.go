package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/tvault/tvault/vault"
)

const initUsage = `Usage: tvault init [--escrow RECIPIENT]...

Creates a new vault in the vault directory (TVAULT_DIR or --vault), which
must not exist or be empty, sealed with the passphrase (from
TVAULT_PASSPHRASE_FILE, --passphrase-file, or asked twice on the terminal).
Prints the vault's age recipient.

Options:
    --escrow RECIPIENT   also encrypt every record to this post-quantum age
                         recipient (age1pq1...), held offline by an escrow
                         holder; repeat for several

Examples:
    $ age-keygen -pq -o escrow.key        # on the escrow holder's machine
    $ tvault --vault ~/vault init --escrow age1pq1...
`

// recipientList collects repeated --escrow flags.
type recipientList []string

func (r *recipientList) String() string     { return strings.Join(*r, ",") }
func (r *recipientList) Set(s string) error { *r = append(*r, s); return nil }

func initCommand(g *globals) *command {
	var escrow recipientList
	return &command{
		name:  "init",
		short: "create a new vault",
		usage: initUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.Var(&escrow, "escrow", "escrow recipient")
		},
		run: func(args []string) error { return runInit(g, args, escrow) },
	}
}

func runInit(g *globals, args []string, escrow recipientList) error {
	if len(args) != 0 {
		return &usageError{msg: "init takes no arguments", hint: "give the directory with --vault DIR or TVAULT_DIR"}
	}
	dir, err := g.dir()
	if err != nil {
		return err
	}
	pass, err := g.passphrase(true)
	if err != nil {
		return err
	}
	v, err := vault.Init(localContext(), dir, pass, vault.Options{Escrow: escrow})
	if err != nil {
		return fmt.Errorf("failed to initialise vault: %w", err)
	}
	defer v.Close()
	fmt.Println(v.Recipient())
	return v.Close()
}
