package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

const escrowUsage = `Usage: tvault escrow list [--json]
       tvault escrow add RECIPIENT [--json]
       tvault escrow remove RECIPIENT [--json]

Changes the escrow set: the post-quantum age recipients (age1pq1...) that
every record version and attachment is encrypted to besides the vault's
own, so that an escrow holder can recover them with the stock age CLI.
Administrators only, by policy; locally, whoever holds the passphrase.

    list               the escrow recipients, one a line, and a warning if
                       a re-encryption is unfinished
    add RECIPIENT      add RECIPIENT, then re-encrypt everything stored
    remove RECIPIENT   remove RECIPIENT, then re-encrypt everything stored

add and remove record the new set first: everything stored from then on
is encrypted to it. Then every record version and attachment is decrypted
and encrypted again, one at a time, with fresh age file keys, so that a
removed recipient can decrypt nothing the vault stores afterwards (copies
exported or backed up before are another matter). Progress goes to
standard error. An interrupted re-encryption leaves every record
readable: run the same command again to finish it. A vault's database
keeps the replaced ciphertexts in its files until compaction removes them
(see SECURITY.md).

Options:
    --json   list: print {"recipients": [...], "pending": BOOL}; add and
             remove: {"recipients", "records", "records_total",
             "versions", "attachments", "bytes"}

Examples:
    $ age-keygen -pq -o escrow2.key        # on the new escrow holder's machine
    $ tvault escrow add age1pq1...
    $ tvault escrow remove age1pq1...
    $ tvault escrow list
`

func escrowListCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "list",
		short: "list the escrow recipients",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("escrow list", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				set, err := v.Escrow(localContext())
				if err != nil {
					return err
				}
				if set.Recipients == nil {
					set.Recipients = []string{}
				}
				if asJSON {
					return printJSON(set)
				}
				for _, r := range set.Recipients {
					fmt.Println(r)
				}
				if set.Pending && remote() {
					warn(vault.ErrReencryptionPending) // a local open warned already
				}
				return nil
			})
		},
	}
}

// reencryptProgress returns the progress of a re-encryption (escrow add
// or remove, rekey) on standard error's status line (g.meter), and the
// function that erases it.
func reencryptProgress(g *globals) (progress func(service.EscrowReport), done func()) {
	m := g.meter("re-encrypting")
	return func(p service.EscrowReport) {
		m.Printf("%d of %d records (%d versions, %d attachments, %d bytes)", p.Records, p.RecordsTotal, p.Versions, p.Attachments, p.Bytes)
	}, m.Done
}

// escrowChangeCommand is escrow add or escrow remove, change the method.
func escrowChangeCommand(g *globals, name, short string,
	change func(service.Service, context.Context, string, func(service.EscrowReport)) (*service.EscrowReport, error)) *command {
	var asJSON bool
	return &command{
		name:  name,
		short: short,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "escrow " + name + " takes one recipient", hint: `run "tvault help escrow"`}
			}
			return withVault(g, func(v service.Service) error {
				progress, done := reencryptProgress(g)
				rep, err := change(v, localContext(), args[0], progress)
				done()
				if err != nil {
					return fmt.Errorf("failed to change the escrow set: %w", err)
				}
				if asJSON {
					return printJSON(rep)
				}
				fmt.Printf("escrow set of %d recipients; re-encrypted %d records (%d versions) and %d attachments (%d bytes)\n",
					len(rep.Recipients), rep.Records, rep.Versions, rep.Attachments, rep.Bytes)
				return nil
			})
		},
	}
}
