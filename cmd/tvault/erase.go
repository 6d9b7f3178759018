package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/tvault/tvault/vault/service"
)

const eraseUsage = `Usage: tvault erase ID [--version N | --attachment ATT] --reason TEXT [--json]

erase removes a record for good: every version, every attachment, its
index entry and person links, and the persons that no other record
names. With --version, it removes one version (not the record's only
one left); with --attachment, one attachment. Officers only; the reason
is required.

When the command returns, the vault directory holds nothing of what was
erased: the attachments' files are deleted, and the database drops the
keys from every table, value log and write-ahead log, then checks that
none is left (this rewrites much of the database: erasure is slow on a
large vault, and waits for the operations under way). The audit log
keeps that the record existed, who erased it, when and why, never its
content; it still verifies, and "tvault check" replays it to the erased
state. Afterwards, reading the record says it was erased to those who
may erase, and "no such record" to everyone else.

Backups taken before still hold what was erased: see "tvault help
backup" and SECURITY.md. A vault in PostgreSQL deletes the rows, which
PostgreSQL keeps in its files until VACUUM reuses the space (SECURITY.md).

Options:
    --version N        erase only version N
    --attachment ATT   erase only attachment ATT
    --reason TEXT      why (required; it goes into the audit log)
    --json             JSON output

Examples:
    $ tvault erase 5kq2m9xd7cz3vbn4rhtwp6ajye --reason "duplicate import of TV-2019-101"
    $ tvault erase 5kq2m9xd7cz3vbn4rhtwp6ajye --attachment 2d7x4q0cz9mbn3vk8rhtwp6aje --reason "wrong file attached"
`

func eraseCommand(g *globals) *command {
	var eo service.EraseOptions
	var asJSON bool
	return &command{
		name:  "erase",
		short: "remove a record, a version or an attachment for good (officers)",
		usage: eraseUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.IntVar(&eo.Version, "version", 0, "erase only this version")
			fs.StringVar(&eo.Attachment, "attachment", "", "erase only this attachment")
			fs.StringVar(&eo.Reason, "reason", "", "why")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			switch {
			case len(args) != 1:
				return &usageError{msg: "erase takes one record ID"}
			case eo.Version != 0 && eo.Attachment != "":
				return &usageError{msg: "--version and --attachment go one at a time"}
			case strings.TrimSpace(eo.Reason) == "":
				return &usageError{msg: "a reason is required", hint: "give it with --reason TEXT; it goes into the audit log"}
			}
			return withVault(g, func(v service.Service) error {
				er, err := v.Erase(localContext(), args[0], eo)
				if err != nil {
					return err
				}
				if asJSON {
					return printJSON(er)
				}
				switch {
				case er.Attachment != "":
					fmt.Printf("erased attachment %s of record %s\n", er.Attachment, er.ID)
				case er.Version > 0:
					fmt.Printf("erased version %d of record %s\n", er.Version, er.ID)
				default:
					fmt.Printf("erased record %s: %d versions, %d attachments, %d persons no other record names\n",
						er.ID, er.Versions, er.Attachments, er.Persons)
				}
				return nil
			})
		},
	}
}
