package main

import (
	"bytes"
	"encoding/json"
	"os"
)

const getUsage = `Usage: tvault get ID [--view VIEW] [--domain NAME]

Prints the latest version of a testimony as JSON, after checking that it
decrypts, belongs to ID and matches the hash stored with it.

Without --view it prints the testimony as stored (the full view, officers
only). With --view it prints the testimony as that view shows it, if your
role may use the view and the testimony carries the consent it requires:

    full          everything, as stored
    legal         narrative with pseudonyms and no contact data (legal consent)
    researcher    no direct identifier, generalised quasi-identifiers,
                  identifiers in the text redacted (research consent)
    publication   as researcher (publication consent)
    metadata      the record ID and when it was stored

Options:
    --view VIEW     the view to print
    --domain NAME   pseudonymisation domain (default: the vault's own)

Examples:
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye | jq .narrative
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye --view researcher
`

func init() {
	commands["get"] = command{usage: getUsage, run: runGet}
}

func runGet(g *globals, args []string) error {
	fs := g.flagSet("get", getUsage)
	viewName := fs.String("view", "", "view")
	domain := fs.String("domain", "", "pseudonymisation domain")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{msg: "get takes one record ID"}
	}
	id := fs.Arg(0)
	if *domain != "" && *viewName == "" {
		return &usageError{msg: "--domain goes with --view"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	var out bytes.Buffer
	if *viewName == "" {
		rec, err := v.Get(localContext(), id)
		if err != nil {
			return err
		}
		if err := json.Indent(&out, rec.Canonical, "", "  "); err != nil {
			return err
		}
		out.WriteByte('\n')
	} else {
		rec, err := v.GetView(localContext(), id, *viewName, *domain)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	if _, err := out.WriteTo(os.Stdout); err != nil {
		return err
	}
	return v.Close()
}
