package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const listUsage = `Usage: tvault list [--domain NAME] [--limit N] [--after ID] [--json]

Lists the stored testimonies your role may see, oldest first: record ID,
case number, when it was first stored (UTC) and its sensitivity. The list
streams: it prints each page of records as it finds them, in memory that
does not grow with the vault.

In a domain, each testimony is listed as the domain refers to it: its
record pseudonym (R-...) for its ID, no case number, and the month it was
stored, by month and then pseudonym. Researchers list only in a domain
granted to them, and only testimonies with research consent (see "tvault
help domain").

Options:
    --domain NAME   list as domain NAME refers to records
    --limit N       list at most N records (0, the default: all); when N
                    were listed, standard error says how to list the next
    --after ID      list the records after record ID: the last one of an
                    earlier page, as it was listed (in a domain, its
                    pseudonym). A record erased since, or that your role
                    may not see, is refused
    --json          print JSON Lines: one {"id", "case", "created",
                    "sensitivity", "versions"} object a line (in a domain,
                    "case" and "versions" are absent)

Examples:
    $ tvault list
    $ tvault list --json | jq -r 'select(.sensitivity == "high") | .id'
    $ tvault list --domain study-2026-04
    $ tvault list --limit 100
    $ tvault list --limit 100 --after 5kq2m9xd7cz3vbn4rhtwp6ajye
`

func listCommand(g *globals) *command {
	var asJSON bool
	var o service.ListOptions
	return &command{
		name:  "list",
		short: "list the stored testimonies",
		usage: listUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
			fs.StringVar(&o.Domain, "domain", "", "pseudonymisation domain")
			fs.IntVar(&o.Limit, "limit", 0, "list at most this many records")
			fs.StringVar(&o.After, "after", "", "list the records after this one")
		},
		run: func(args []string) error { return runList(g, args, o, asJSON) },
	}
}

func runList(g *globals, args []string, o service.ListOptions, asJSON bool) error {
	if len(args) != 0 {
		return &usageError{msg: "list takes no arguments"}
	}
	if o.Limit < 0 {
		return &usageError{msg: fmt.Sprintf("invalid --limit %d", o.Limit), hint: "give a count of records, or 0 for all"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	p := newSummaryPrinter(os.Stdout, asJSON, o.Domain != "")
	n, last := 0, ""
	err = v.ListRecords(localContext(), o, func(s service.Summary) error {
		n, last = n+1, s.ID
		return p.print(s)
	})
	// A list that failed prints what it had flushed already, not its
	// header alone: a script would take that for an empty vault.
	if err != nil {
		return err
	}
	if err := p.flush(); err != nil {
		return err
	}
	if o.Limit > 0 && n == o.Limit {
		next := fmt.Sprintf("tvault list --limit %d --after %s", o.Limit, last)
		if o.Domain != "" {
			next += " --domain " + o.Domain
		}
		fmt.Fprintf(os.Stderr, "tvault: listed %d records; for the next ones: %s\n", n, next)
	}
	return v.Close()
}

// A summaryPrinter prints record summaries as they come, as JSON Lines or
// as a table; months prints times as the month, as a domain refers to
// them.
type summaryPrinter struct {
	lines  *jsonLines
	table  *blockTable
	months bool
}

func newSummaryPrinter(w io.Writer, asJSON, months bool) *summaryPrinter {
	if asJSON {
		return &summaryPrinter{lines: newJSONLines(w)}
	}
	return &summaryPrinter{table: newBlockTable(w, "ID\tCASE\tCREATED\tSENSITIVITY"), months: months}
}

func (p *summaryPrinter) print(s service.Summary) error {
	if p.lines != nil {
		return p.lines.print(s)
	}
	created := s.Created.Format(time.RFC3339)
	if p.months {
		created = s.Created.Format("2006-01")
	}
	return p.table.row("%s\t%s\t%s\t%s\n", s.ID, orDash(s.Case), created, orDash(s.Sensitivity))
}

func (p *summaryPrinter) flush() error {
	if p.lines != nil {
		return p.lines.flush()
	}
	return p.table.flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
