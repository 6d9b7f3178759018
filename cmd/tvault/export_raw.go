package main

import (
	"os"

	"golang.org/x/term"

	"github.com/tvault/tvault/vault"
)

const exportRawUsage = `Usage: tvault export-raw ID > FILE

Writes the age ciphertext of a record's latest version to standard output,
unchanged. It is encrypted to the vault and to the escrow recipients named
at init, so an escrow holder can read it without tvault:

    $ tvault export-raw 5kq2m9xd7cz3vbn4rhtwp6ajye > record.age
    $ age -d -i escrow.key record.age | sed '1,/^$/d'

The plaintext starts with a header binding the record ID, the version and
the SHA-256 of the testimony that follows the blank line.
`

func init() {
	commands["export-raw"] = command{usage: exportRawUsage, run: runExportRaw}
}

func runExportRaw(g *globals, args []string) error {
	fs := g.flagSet("export-raw", exportRawUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{msg: "export-raw takes one record ID"}
	}
	id, err := vault.ParseID(fs.Arg(0))
	if err != nil {
		return err
	}
	if term.IsTerminal(int(os.Stdout.Fd())) {
		return &usageError{msg: "refusing to write binary ciphertext to a terminal", hint: "redirect the output to a file or a pipe"}
	}
	v, err := g.open()
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
