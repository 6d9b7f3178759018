package main

import (
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"
)

const listUsage = `Usage: tvault list [--json]

Lists the stored testimonies, oldest first: record ID, case number, when
it was first stored (UTC) and its sensitivity.

Options:
    --json   print a JSON array of {"id", "case", "created", "sensitivity",
             "versions"} objects

Examples:
    $ tvault list
    $ tvault list --json | jq -r '.[] | select(.sensitivity == "high") | .id'
`

func listCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "list",
		short: "list the stored testimonies",
		usage: listUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runList(g, args, asJSON) },
	}
}

func runList(g *globals, args []string, asJSON bool) error {
	if len(args) != 0 {
		return &usageError{msg: "list takes no arguments"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := v.List(localContext())
	if err != nil {
		return err
	}
	if asJSON {
		if err := printJSONList(list); err != nil {
			return err
		}
		return v.Close()
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCASE\tCREATED\tSENSITIVITY")
	for _, s := range list {
		sens := s.Sensitivity
		if sens == "" {
			sens = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Case, s.Created.Format(time.RFC3339), sens)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return v.Close()
}
