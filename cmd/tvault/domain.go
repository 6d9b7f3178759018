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

const domainUsage = `Usage: tvault domain grant NAME --user USER
       tvault domain revoke NAME --user USER
       tvault domain list [--user USER] [--json]

Pseudonymisation domains keep outputs apart. In a domain, a view, a list
or an export refers to a record only by that domain's references: its
record pseudonym (R- and 26 characters) for its ID, no case number, its
month for its time, and its persons' pseudonyms of the domain. Two domains
share none of them, so their outputs cannot be joined on them.

Researchers work only in the domains granted to them, never in the
default one, and name records by their pseudonyms there. Officers and
admins grant and revoke (in local mode, the operator); every grant,
revocation and use of a domain is audited.

    grant NAME --user USER    let researcher USER read and export in NAME
    revoke NAME --user USER   withdraw the grant, at once
    list [--user USER]        domain, user, when granted and by whom; a
                              researcher lists their own grants

Domain names are 1 to 64 letters, digits, '.', '_' or '-', starting with a
letter or digit; they are case-sensitive.

Examples:
    $ tvault domain grant study-2026-04 --user lee.research
    $ tvault domain list --user lee.research
    $ tvault domain revoke study-2026-04 --user lee.research

  and then, as the researcher (through tvaultd):
    $ tvault list --domain study-2026-04
    $ tvault get R-7WQ3M0H5ZJ8DKA2N6T4BXRCY1G --view researcher --domain study-2026-04
    $ tvault export --view researcher --domain study-2026-04 --purpose "study 2026-04"
`

func domainGrantCommand(g *globals) *command {
	return domainChangeCommand(g, "grant", "let a researcher work in a domain", service.Service.GrantDomain)
}

func domainRevokeCommand(g *globals) *command {
	return domainChangeCommand(g, "revoke", "withdraw a researcher's domain", service.Service.RevokeDomain)
}

// domainChangeCommand is grant or revoke: one domain, one --user.
func domainChangeCommand(g *globals, name, short string, change func(service.Service, context.Context, string, string) error) *command {
	var user string
	return &command{
		name:  name,
		short: short,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&user, "user", "", "the researcher")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "domain " + name + " takes a domain name", hint: `run "tvault help domain"`}
			}
			if user == "" {
				return &usageError{msg: "--user is required", hint: "name the researcher, as tvault user list shows them"}
			}
			return withVault(g, func(v service.Service) error { return change(v, localContext(), args[0], user) })
		},
	}
}

func domainListCommand(g *globals) *command {
	var user string
	var asJSON bool
	return &command{
		name:  "list",
		short: "domain grants: domain, user, granted, by",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&user, "user", "", "only this user's grants")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("domain list", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				grants, err := v.Domains(localContext(), user)
				if err != nil {
					return err
				}
				if asJSON {
					return printJSONLines(grants)
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "DOMAIN\tUSER\tGRANTED\tBY")
				for _, gr := range grants {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", gr.Domain, gr.User, gr.Granted.Format(time.RFC3339), gr.By)
				}
				return tw.Flush()
			})
		},
	}
}
