package main

import (
	"flag"
	"fmt"
	"mime"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

const attachUsage = `Usage: tvault attach ID FILE [--kind audio|video|image|document] [--note TEXT] [--json]

Attaches FILE (an interview recording, a photograph, a scanned document)
to record ID and prints the attachment's ID. Officers only, by policy.

The file streams through age into the vault, encrypted to the vault and to
the escrow recipients; its size, media type and SHA-256 (for the chain of
custody) are kept in encrypted metadata. Memory use does not grow with the
file: a two-hour video attaches like a photograph. The file name is not
stored, as it may name the witness; the media type comes from its
extension, or else from its first bytes.

Options:
    --kind KIND   audio, video, image or document; by default, from the
                  media type
    --note TEXT   a description, stored encrypted (at most 4 KiB)
    --json        print the attachment as one object, as "tvault
                  attachment list --json" prints each

Examples:
    $ tvault attach 5kq2m9xd7cz3vbn4rhtwp6ajye interview-031.mp4 --note "second session"
    $ tvault attach 5kq2m9xd7cz3vbn4rhtwp6ajye consent.pdf --kind document
    $ tvault attachment list 5kq2m9xd7cz3vbn4rhtwp6ajye
`

func attachCommand(g *globals) *command {
	var kind, note string
	var asJSON bool
	return &command{
		name:  "attach",
		short: "attach a recording or document to a record (officers)",
		usage: attachUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&kind, "kind", "", "audio, video, image or document")
			fs.StringVar(&note, "note", "", "description")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runAttach(g, args, kind, note, asJSON) },
	}
}

func runAttach(g *globals, args []string, kind, note string, asJSON bool) error {
	if len(args) != 2 {
		return &usageError{msg: "attach takes a record ID and a file", hint: `run "tvault help attach" for usage`}
	}
	id := args[0]
	name := args[1]
	// Open the file before asking for the passphrase, so that a typo
	// fails at once.
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return &usageError{msg: fmt.Sprintf("%s is a directory", name), hint: "attach one file at a time"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	// On an interrupt the attach stops cleanly: the partial blob is
	// removed and the failure is audited.
	ctx, stop := signal.NotifyContext(localContext(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := g.meter("attaching")
	unfollow := m.Follow(f, fi.Size())
	att, err := v.Attach(ctx, id, f, kind, note, mime.TypeByExtension(filepath.Ext(name)))
	unfollow()
	m.Done()
	if err != nil {
		return err
	}
	if asJSON {
		err = printJSON(att)
	} else {
		_, err = fmt.Println(att.ID)
	}
	if err != nil {
		return err
	}
	return v.Close()
}
