package main

import (
	"bytes"
	"encoding/json"
	"os"

	"github.com/tvault/tvault/vault"
)

const getUsage = `Usage: tvault get ID

Prints the latest version of a testimony as JSON, after checking that it
decrypts, belongs to ID and matches the hash stored with it.

Example:
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye | jq .narrative
`

func init() {
	commands["get"] = command{usage: getUsage, run: runGet}
}

func runGet(g *globals, args []string) error {
	fs := g.flagSet("get", getUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{msg: "get takes one record ID"}
	}
	id, err := vault.ParseID(fs.Arg(0))
	if err != nil {
		return err
	}
	v, err := g.open()
	if err != nil {
		return err
	}
	defer v.Close()
	rec, err := v.Get(localContext(), id)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, rec.Canonical, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	if _, err := out.WriteTo(os.Stdout); err != nil {
		return err
	}
	return v.Close()
}
