// Command tvault stores human-rights testimonies in an encrypted vault.
//
// Run "tvault help" for the commands, and "tvault help COMMAND" for one.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		printError(os.Stderr, err)
		os.Exit(1)
	}
}

const usage = `Usage: tvault [--vault DIR] [--passphrase-file FILE] COMMAND [ARGS]

Commands:
    init         create a new vault
    put          store testimonies
    get          print a testimony, or a view of it
    list         list the stored testimonies
    export       stream a redacted, pseudonymised view of every consented testimony
    redact       check what researchers would see of a testimony
    export-raw   write a record's age ciphertext, for escrow holders
    attach       attach a recording or document to a record (officers)
    attachment   list and read a record's attachments (officers)
    person       list, show and merge registered persons (officers)
    reidentify   show the person behind a pseudonym, with a stated reason
    audit        read, export, prove and verify the access log
    policy       show or set who may do what
    help         show help for a command

Configuration:
    --vault DIR, TVAULT_DIR                    the vault directory
    --passphrase-file FILE, TVAULT_PASSPHRASE_FILE
                                               a file holding the passphrase;
                                               else tvault asks on the terminal

Examples:
    $ export TVAULT_DIR=~/vault
    $ tvault init
    $ tvault put interview-031.json
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye
    $ tvault list --json

Run "tvault help COMMAND" for details of a command.
`

// command is one subcommand: its usage text (with examples) and its body.
type command struct {
	usage string
	run   func(g *globals, args []string) error
}

// commands is filled in by the init functions of the one-file-per-command
// sources, so adding a command touches only its own file.
var commands = map[string]command{}

func run(args []string) error {
	g := &globals{}
	fs := g.flagSet("tvault", usage)
	if err := fs.Parse(args); err != nil {
		return err
	}
	args = fs.Args()
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return &usageError{msg: "missing command"}
	}
	name, args := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" {
		return help(args)
	}
	cmd, ok := commands[name]
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown command %q", name), hint: `run "tvault help" for the list of commands`}
	}
	return cmd.run(g, args)
}

func help(args []string) error {
	if len(args) == 0 {
		fmt.Print(usage)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown command %q", args[0])}
	}
	fmt.Print(cmd.usage)
	return nil
}
