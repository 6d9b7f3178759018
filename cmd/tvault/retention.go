package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const retentionUsage = `Usage: tvault retention plan [--json]
       tvault retention apply [--json]

The policy's "retention" rules say how long testimonies are kept, by
sensitivity or tag, from their interview date (or, without one, from when
they were stored); for example, erase low-sensitivity records 10 years
after the interview:

    "retention": [{"sensitivity": "low", "after": "10y"},
                  {"tag": "duplicate", "after": "30d"}]

in the policy file ("tvault help policy"; "after" takes y, m or d). When
several rules match a record, the earliest date wins.

plan lists every record a rule matches: its ID, case, sensitivity, the
date it is due and the rule, soonest first; "due" marks those due now.
It erases nothing.

apply erases every record that is due now, as "tvault erase" does, each
in an erase of its own in the audit log with the rule as its reason, and
lists them. Nothing is erased without this command, or tvaultd's own
schedule (--retention-interval, off by default). Officers only; both
read the testimonies (their dates and tags are sealed inside them), and
both are audited.

Examples:
    $ tvault retention plan
    $ tvault retention apply --json
`

func retentionCommand(g *globals, name, short string, fn func(service.Service, context.Context) ([]service.RetentionItem, error)) *command {
	var asJSON bool
	return &command{
		name:  name,
		short: short,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("retention "+name, args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				items, err := fn(v, localContext())
				if err != nil {
					return err
				}
				if asJSON {
					return printJSONLines(items)
				}
				return printRetention(items)
			})
		},
	}
}

func printRetention(items []service.RetentionItem) error {
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RECORD\tCASE\tSENSITIVITY\tDUE\t\tRULE")
	now := time.Now()
	for _, it := range items {
		due := ""
		if !it.Due.After(now) {
			due = "due"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", it.ID, it.Case, it.Sensitivity, it.Due.Format(time.DateOnly), due, it.Rule)
	}
	return tw.Flush()
}
