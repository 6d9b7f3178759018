package main

import (
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/tvault/tvault/vault/service"
)

const userUsage = `Usage: tvault user add NAME --role ROLE [--expires DURATION]
       tvault user list [--json]
       tvault user revoke NAME
       tvault token rotate NAME

Manages the users of a vault served by tvaultd. A new user, or a rotated
token, gets a token printed once on standard output: 256 random bits with
the prefix tvt_. The vault keeps only a keyed MAC of it, so a lost token
cannot be shown again; rotate it. In local mode these commands write the
vault directly; through the daemon they need the admin role.

    add NAME --role ROLE     ROLE is officer, legal, researcher, auditor or
                             admin; --expires 720h makes the token expire
    list                     name, role, created, expires, revoked
    revoke NAME              the user's token stops working at once
    token rotate NAME        a new token; the old one stops working

A user name is written in the audit log in clear, so it must not name a
registered person: a name, an alias, or a family name alone (kim, lee)
that the vault's person registry holds is refused; use a role or a
number (officer.one, researcher.2).

Examples:
    $ tvault user add officer.one --role officer > officer.token
    $ tvault user add researcher.one --role researcher --expires 720h
    $ tvault user revoke researcher.one
    $ tvault token rotate officer.one > officer.token
`

func userAddCommand(g *globals) *command {
	var role string
	var expires time.Duration
	return &command{
		name:  "add",
		short: "add a user and print their token",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&role, "role", "", "role")
			fs.DurationVar(&expires, "expires", 0, "token lifetime")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "user add takes a user name", hint: `run "tvault help user"`}
			}
			if role == "" {
				return &usageError{msg: "--role is required", hint: "officer, legal, researcher, auditor or admin"}
			}
			return withVault(g, func(v service.Service) error {
				return printToken(v.AddUser(localContext(), args[0], role, expires))
			})
		},
	}
}

func userRevokeCommand(g *globals) *command {
	return &command{
		name:  "revoke",
		short: "stop a user's token at once",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "user revoke takes a user name", hint: `run "tvault help user"`}
			}
			return withVault(g, func(v service.Service) error { return v.RevokeUser(localContext(), args[0]) })
		},
	}
}

func userListCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "list",
		short: "name, role, created, expires, revoked",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("user list", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				users, err := v.Users(localContext())
				if err != nil {
					return err
				}
				if asJSON {
					return printJSONLines(users)
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tEXPIRES\tREVOKED")
				for _, u := range users {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format(time.RFC3339), timeOrDash(u.Expires), timeOrDash(u.Revoked))
				}
				return tw.Flush()
			})
		},
	}
}

func tokenRotateCommand(g *globals) *command {
	return &command{
		name:  "rotate",
		short: "give a user a new token; the old one stops working",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "token rotate takes a user name", hint: `run "tvault help token"`}
			}
			return withVault(g, func(v service.Service) error {
				return printToken(v.RotateToken(localContext(), args[0]))
			})
		},
	}
}

// printToken prints a new token, shown this once.
func printToken(token string, err error) error {
	if err != nil {
		return err
	}
	fmt.Println(token)
	fmt.Fprintln(os.Stderr, "tvault: the token is shown only this once; keep it in a file readable by its user alone")
	return nil
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}
