package main

import (
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

func init() {
	commands["list"] = command{usage: listUsage, run: runList}
}

func runList(g *globals, args []string) error {
	fs := g.flagSet("list", listUsage)
	asJSON := fs.Bool("json", false, "JSON output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
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
	if *asJSON {
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
