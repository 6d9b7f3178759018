package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

const putUsage = `Usage: tvault put FILE... [--json]
       tvault put --replace ID FILE [--json]

Stores each testimony file (JSON in the import format; - reads standard
input) and prints the new record IDs, one per line, in the order given.
Every file is checked before anything is stored: one bad file stores none.

Options:
    --replace ID   store FILE as a new version of record ID; earlier
                   versions are kept
    --json         print JSON Lines, one {"id", "file"} object a line; with
                   --replace, one {"id", "version"} object

Examples:
    $ tvault put interviews/*.json
    $ tvault put --replace 5kq2m9xd7cz3vbn4rhtwp6ajye corrected.json
`

func putCommand(g *globals) *command {
	var replace string
	var asJSON bool
	return &command{
		name:  "put",
		short: "store testimonies",
		usage: putUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&replace, "replace", "", "record ID to replace")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runPut(g, args, replace, asJSON) },
	}
}

// putLine is a line of put --json.
type putLine struct {
	ID      string `json:"id"`
	File    string `json:"file,omitempty"`
	Version int    `json:"version,omitempty"`
}

func runPut(g *globals, files []string, replace string, asJSON bool) error {
	switch {
	case len(files) == 0:
		return &usageError{msg: "no files to store", hint: `give testimony files, or - for standard input`}
	case replace != "" && len(files) != 1:
		return &usageError{msg: "--replace takes exactly one file"}
	}
	m := g.meter("reading")
	docs, err := readTestimonies(files, m)
	m.Done()
	if err != nil {
		return err
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ctx := localContext()
	if replace != "" {
		version, notes, err := v.Replace(ctx, replace, docs[0])
		if err != nil {
			return err
		}
		if asJSON {
			err = printJSON(putLine{ID: replace, Version: version})
		} else {
			_, err = fmt.Println(replace)
		}
		if err != nil {
			return err
		}
		printAliasNotes(files, notes)
		return v.Close()
	}
	// All or none, in one call that cannot tell how far it has gone.
	m = g.meter("storing")
	stop := m.Wait(fmt.Sprintf("%d testimonies", len(docs)))
	ids, notes, err := v.Put(ctx, docs)
	stop()
	m.Done()
	if err != nil {
		return err
	}
	lines := make([]putLine, len(ids))
	for i, id := range ids {
		lines[i] = putLine{ID: id, File: files[i]}
		if !asJSON {
			fmt.Println(id)
		}
	}
	if asJSON {
		if err := printJSONLines(lines); err != nil {
			return err
		}
	}
	printAliasNotes(files, notes)
	return v.Close()
}

// printAliasNotes tells the officer which known witness keys came with a
// new name, and which fields of the registry a testimony changed. It
// names the key, file and fields, never a value: terminals get recorded
// and shared.
func printAliasNotes(files []string, notes []service.AliasNote) {
	for _, n := range notes {
		if n.Alias {
			fmt.Fprintf(os.Stderr, "tvault: note: %s: witness key %s is registered under another name; the new name was added as an alias\n", displayName(files[n.Record]), n.Key)
		}
		if len(n.Changed) > 0 {
			fmt.Fprintf(os.Stderr, "tvault: note: %s: the registry's %s of witness key %s changed to this testimony's; views still hide a former contact or residence (tvault person show %s)\n",
				displayName(files[n.Record]), strings.Join(n.Changed, ", "), n.Key, n.Key)
		}
	}
}

func displayName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return file
}

// readTestimonies parses and checks every file before any is stored.
func readTestimonies(files []string, m *progress.Meter) ([]*testimony.Testimony, error) {
	stdinUses := 0
	for _, name := range files {
		if name == "-" {
			stdinUses++
		}
	}
	if stdinUses > 1 {
		return nil, &usageError{msg: "standard input (-) given more than once"}
	}
	docs := make([]*testimony.Testimony, 0, len(files))
	for _, name := range files {
		d, err := readTestimony(name)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
		m.Printf("%d of %d files", len(docs), len(files))
	}
	return docs, nil
}

func readTestimony(name string) (*testimony.Testimony, error) {
	r := os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("failed to read testimony: %w", err)
		}
		defer f.Close()
		r = f
	}
	d, err := testimony.Parse(displayName(name), r)
	if err != nil {
		return nil, err
	}
	return d, vault.CheckNames(displayName(name), d)
}
