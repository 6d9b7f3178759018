package main

import (
	"os"

	"golang.org/x/term"
)

const exportRawUsage = `Usage: tvault export-raw ID > FILE
       tvault export-raw ID --attachment ATTACHMENT > FILE

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
`

func init() {
	commands["export-raw"] = command{usage: exportRawUsage, run: runExportRaw}
}

func runExportRaw(g *globals, args []string) error {
	fs := g.flagSet("export-raw", exportRawUsage)
	att := fs.String("attachment", "", "attachment ID")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{msg: "export-raw takes one record ID"}
	}
	id := fs.Arg(0)
	if term.IsTerminal(int(os.Stdout.Fd())) {
		return &usageError{msg: "refusing to write binary ciphertext to a terminal", hint: "redirect the output to a file or a pipe"}
	}
	if *att != "" {
		v, err := g.connect()
		if err != nil {
			return err
		}
		defer v.Close()
		if err := v.AttachmentRaw(localContext(), id, *att, os.Stdout); err != nil {
			return err
		}
		return v.Close()
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ct, err := v.ExportRaw(localContext(), id)
	if err != nil {
		return err
	}
	if _, err := os.Stdout.Write(ct); err != nil {
		return err
	}
	return v.Close()
}
