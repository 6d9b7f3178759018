package main

import (
	"flag"
	"os"

	"github.com/tvault/tvault/internal/pagewrite"
	"golang.org/x/term"
)

const exportRawUsage = `Usage: tvault export-raw ID [--reason TEXT] > FILE
       tvault export-raw ID --attachment ATTACHMENT [--reason TEXT] > FILE

Writes the age ciphertext of a record's latest version to standard output,
unchanged. It is encrypted to the vault and to the escrow recipients named
at init, so an escrow holder can read it without tvault:

    $ tvault export-raw 5kq2m9xd7cz3vbn4rhtwp6ajye > record.age
    $ age -d -i escrow.key record.age | sed '1,/^$/d'

The plaintext starts with a header binding the record ID, the version and
the SHA-256 of the testimony that follows the blank line.

With --attachment, writes the age file of one of the record's attachments
instead (see "tvault attachment list"); its plaintext is the attached file,
byte for byte, whose SHA-256 "tvault attachment list --json" shows:

    $ tvault export-raw 5kq2m9xd7cz3vbn4rhtwp6ajye --attachment h3c7uj2wmkq5xzr4dnb6ptfvya > interview.mp4.age
    $ age -d -i escrow.key -o interview.mp4 interview.mp4.age

--reason TEXT says why, for the audit log; the policy may require one
(require_reason).
`

func exportRawCommand(g *globals) *command {
	var att, reason string
	return &command{
		name:  "export-raw",
		short: "write a record's age ciphertext, for escrow holders",
		usage: exportRawUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&att, "attachment", "", "attachment ID")
			reasonFlag(fs, &reason)
		},
		run: func(args []string) error { return runExportRaw(g, args, att, reason) },
	}
}

func runExportRaw(g *globals, args []string, att, reason string) error {
	if len(args) != 1 {
		return &usageError{msg: "export-raw takes one record ID"}
	}
	id := args[0]
	if term.IsTerminal(int(os.Stdout.Fd())) {
		return &usageError{msg: "refusing to write binary ciphertext to a terminal", hint: "redirect the output to a file or a pipe"}
	}
	if att != "" {
		v, err := g.connect()
		if err != nil {
			return err
		}
		defer v.Close()
		if err := v.AttachmentRaw(reasonContext(reason), id, att, pagewrite.Writer(os.Stdout)); err != nil {
			return err
		}
		return v.Close()
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ct, err := v.ExportRaw(reasonContext(reason), id)
	if err != nil {
		return err
	}
	if _, err := os.Stdout.Write(ct); err != nil {
		return err
	}
	return v.Close()
}
