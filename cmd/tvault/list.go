package main

import (
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const listUsage = `Usage: tvault list [--domain NAME] [--json]

Lists the stored testimonies your role may see, oldest first: record ID,
case number, when it was first stored (UTC) and its sensitivity.

In a domain, each testimony is listed as the domain refers to it: its
record pseudonym (R-...) for its ID, no case number, and the month it was
stored, by month and then pseudonym. Researchers list only in a domain
granted to them, and only testimonies with research consent (see "tvault
help domain").

Options:
    --domain NAME   list as domain NAME refers to records
    --json          print JSON Lines: one {"id", "case", "created",
                    "sensitivity", "versions"} object a line (in a domain,
                    "case" and "versions" are absent)

Examples:
    $ tvault list
    $ tvault list --json | jq -r 'select(.sensitivity == "high") | .id'
    $ tvault list --domain study-2026-04
`

func listCommand(g *globals) *command {
	var asJSON bool
	var domain string
	return &command{
		name:  "list",
		short: "list the stored testimonies",
		usage: listUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
			fs.StringVar(&domain, "domain", "", "pseudonymisation domain")
		},
		run: func(args []string) error { return runList(g, args, domain, asJSON) },
	}
}

func runList(g *globals, args []string, domain string, asJSON bool) error {
	if len(args) != 0 {
		return &usageError{msg: "list takes no arguments"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := v.List(localContext(), domain)
	if err != nil {
		return err
	}
	if asJSON {
		if err := printJSONLines(list); err != nil {
			return err
		}
		return v.Close()
	}
	if err := printSummaries(list, domain != ""); err != nil {
		return err
	}
	return v.Close()
}

// printSummaries prints list as a table, one record a line; months
// prints times as the month, as a domain refers to them.
func printSummaries(list []service.Summary, months bool) error {
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCASE\tCREATED\tSENSITIVITY")
	for _, s := range list {
		created := s.Created.Format(time.RFC3339)
		if months {
			created = s.Created.Format("2006-01")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, orDash(s.Case), created, orDash(s.Sensitivity))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
