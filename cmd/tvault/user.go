package main

import (
	"fmt"
	"os"
	"text/tabwriter"
	"time"
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

Examples:
    $ tvault user add kim.officer --role officer > kim.token
    $ tvault user add lee.research --role researcher --expires 720h
    $ tvault user revoke lee.research
    $ tvault token rotate kim.officer > kim.token
`

func init() {
	commands["user"] = command{usage: userUsage, run: runUser}
	commands["token"] = command{usage: userUsage, run: runToken}
}

func runToken(g *globals, args []string) error {
	if len(args) == 0 || args[0] != "rotate" {
		return &usageError{msg: "token needs the subcommand rotate", hint: `run "tvault help token"`}
	}
	return runUser(g, append([]string{"rotate"}, args[1:]...))
}

func runUser(g *globals, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "user needs a subcommand: add, list or revoke", hint: `run "tvault help user"`}
	}
	sub, args := args[0], args[1:]
	fs := g.flagSet("user "+sub, userUsage)
	role := fs.String("role", "", "role")
	expires := fs.Duration("expires", 0, "token lifetime")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := parse(fs, args); err != nil {
		return err
	}
	want := map[string]int{"add": 1, "list": 0, "revoke": 1, "rotate": 1}
	n, ok := want[sub]
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown user subcommand %q", sub), hint: `run "tvault help user"`}
	}
	if fs.NArg() != n {
		return &usageError{msg: fmt.Sprintf("user %s takes %d arguments", sub, n), hint: `run "tvault help user"`}
	}
	if sub == "add" && *role == "" {
		return &usageError{msg: "--role is required", hint: "officer, legal, researcher, auditor or admin"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ctx := localContext()
	switch sub {
	case "add", "rotate":
		var token string
		if sub == "add" {
			token, err = v.AddUser(ctx, fs.Arg(0), *role, *expires)
		} else {
			token, err = v.RotateToken(ctx, fs.Arg(0))
		}
		if err != nil {
			return err
		}
		fmt.Println(token)
		fmt.Fprintln(os.Stderr, "tvault: the token is shown only this once; keep it in a file readable by its user alone")
	case "revoke":
		if err := v.RevokeUser(ctx, fs.Arg(0)); err != nil {
			return err
		}
	case "list":
		users, err := v.Users(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := printJSONList(users); err != nil {
				return err
			}
			break
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tEXPIRES\tREVOKED")
		for _, u := range users {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format(time.RFC3339), timeOrDash(u.Expires), timeOrDash(u.Revoked))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return v.Close()
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}
