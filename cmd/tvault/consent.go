package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const consentUsage = `Usage: tvault consent withdraw --person KEY --scope SCOPE --reason TEXT [--json]
       tvault consent grant --person KEY --scope SCOPE --reason TEXT [--json]
       tvault consent show --person KEY [--json]

Records a witness's consent for all their testimonies, past and future.
Officers only. SCOPE is research, publication or legal. A withdrawal takes
effect at once: the witness's testimonies leave every view and export that
needs that consent (researchers are answered as for a missing record),
whatever each testimony's own consent says. A grant ends the withdrawal;
each testimony then shows again where its own consent allows. The reason
is required and recorded, with who and when, in the audit log and in the
witness's consent history.

    withdraw   withdraw SCOPE, and list the earlier exports that included
               the witness's testimonies, from the audit log, so that their
               recipients can be asked to recall them
    grant      end a withdrawal of SCOPE
    show       the scopes withdrawn now and every change

Exports are listed only from the time exports began to record the records
they include; older exports are counted, not listed.

Examples:
    $ tvault consent withdraw --person W-0031 --scope research --reason "asked by phone, call 2026-03-02"
    $ tvault consent show --person W-0031
`

func consentChangeCommand(g *globals, name, short string, change func(service.Service, context.Context, string, string, string) (*service.PersonConsent, error)) *command {
	var key, scope, reason string
	var asJSON bool
	return &command{
		name:  name,
		short: short,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&key, "person", "", "the witness key")
			fs.StringVar(&scope, "scope", "", "research, publication or legal")
			fs.StringVar(&reason, "reason", "", "why")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("consent "+name, args); err != nil {
				return err
			}
			switch {
			case key == "":
				return &usageError{msg: "a witness key is required", hint: "give it with --person KEY"}
			case !slices.Contains(service.ConsentScopes, scope):
				return &usageError{msg: "a scope is required", hint: "give it with --scope " + strings.Join(service.ConsentScopes, "|")}
			case strings.TrimSpace(reason) == "":
				return &usageError{msg: "a reason is required", hint: "give it with --reason TEXT; it goes into the audit log"}
			}
			return withVault(g, func(v service.Service) error {
				pc, err := change(v, localContext(), key, scope, reason)
				if err != nil {
					return err
				}
				return printConsent(pc, asJSON)
			})
		},
	}
}

func consentShowCommand(g *globals) *command {
	var key string
	var asJSON bool
	return &command{
		name:  "show",
		short: "the scopes a witness withdrew and every change",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&key, "person", "", "the witness key")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("consent show", args); err != nil {
				return err
			}
			if key == "" {
				return &usageError{msg: "a witness key is required", hint: "give it with --person KEY"}
			}
			return withVault(g, func(v service.Service) error {
				pc, err := v.PersonConsent(localContext(), key)
				if err != nil {
					return err
				}
				return printConsent(pc, asJSON)
			})
		},
	}
}

func printConsent(pc *service.PersonConsent, asJSON bool) error {
	if asJSON {
		return printJSON(pc)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	withdrawn := strings.Join(pc.Withdrawn, ", ")
	if withdrawn == "" {
		withdrawn = "none"
	}
	fmt.Fprintf(tw, "person:\t%s\n", pc.Person)
	fmt.Fprintf(tw, "testimonies:\t%d\n", len(pc.Records))
	fmt.Fprintf(tw, "withdrawn:\t%s\n", withdrawn)
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(pc.Changes) > 0 {
		fmt.Println("\nChanges:")
		fmt.Fprintln(tw, "TIME\tSCOPE\tCHANGE\tBY\tREASON")
		for _, c := range pc.Changes {
			change := "withdrawn"
			if c.Granted {
				change = "granted"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Time.Format(time.RFC3339), c.Scope, change, c.Actor, c.Reason)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(pc.Exports) > 0 {
		fmt.Println("\nEarlier exports that included the witness's testimonies (ask their recipients to recall them):")
		fmt.Fprintln(tw, "TIME\tUSER\tPURPOSE\tVIEW\tDOMAIN\tTESTIMONIES\tENTRY")
		for _, x := range pc.Exports {
			domain := x.Domain
			if domain == "" {
				domain = "(default)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", x.Time.Format(time.RFC3339), x.Actor, x.Purpose, x.View, domain, len(x.Records), x.Seq)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if pc.UnlistedExports > 0 {
		fmt.Printf("\n%d earlier exports were made before exports recorded their records: whether they included these testimonies cannot be told; see \"tvault audit log\".\n", pc.UnlistedExports)
	}
	return nil
}
