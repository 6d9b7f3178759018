package main

import (
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const historyUsage = `Usage: tvault history ID [--json]

Lists every version of a record, oldest first: its number, when and by whom
it was stored (from the audit log) and the size of its age file in bytes.
"tvault get ID --version N" prints one. Officers and auditors; the read is
audited.

Examples:
    $ tvault history 5kq2m9xd7cz3vbn4rhtwp6ajye
`

func historyCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "history",
		short: "list the versions of a record: when, by whom, size",
		usage: historyUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "history takes one record ID"}
			}
			return withVault(g, func(v service.Service) error {
				h, err := v.History(localContext(), args[0])
				if err != nil {
					return err
				}
				if asJSON {
					return printJSONLines(h)
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "VERSION\tTIME\tBY\tSIZE")
				for _, ver := range h {
					when, by := ver.Time.Format(time.RFC3339), ver.Actor
					if ver.Time.IsZero() {
						when, by = "-", "-" // no entry names it: "tvault check" says why
					}
					size := fmt.Sprint(ver.Size)
					if ver.Erased {
						size = "erased"
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", ver.Version, when, by, size)
				}
				return tw.Flush()
			})
		},
	}
}
