package main

import (
	"flag"
	"strings"

	"github.com/tvault/tvault/vault/service"
)

const reidentifyUsage = `Usage: tvault reidentify PSEUDONYM --reason TEXT [--domain NAME] [--json]

Shows the person behind a pseudonym from a researcher view or export.
Officers only. The reason is required and recorded in the audit log with
the pseudonym, so every re-identification can be accounted for.

Options:
    --reason TEXT   why the person must be re-identified (required)
    --domain NAME   the pseudonymisation domain the export was made in
                    (default: the vault's default domain)
    --json          print the person as a JSON object

Examples:
    $ tvault reidentify P-7KQ2-M9XD --reason "witness asked to withdraw consent"
    $ tvault reidentify P-A1B2-C3D4 --domain study-2026 --reason "duplicate check"
`

func reidentifyCommand(g *globals) *command {
	var reason, domain string
	var asJSON bool
	return &command{
		name:  "reidentify",
		short: "show the person behind a pseudonym, with a stated reason",
		usage: reidentifyUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&reason, "reason", "", "why")
			fs.StringVar(&domain, "domain", "", "pseudonymisation domain")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runReidentify(g, args, reason, domain, asJSON) },
	}
}

func runReidentify(g *globals, args []string, reason, domain string, asJSON bool) error {
	if len(args) != 1 {
		return &usageError{msg: "reidentify takes one pseudonym", hint: `run "tvault help reidentify"`}
	}
	pseudonymArg := args[0]
	if strings.TrimSpace(reason) == "" {
		return &usageError{msg: "a reason is required", hint: `give it with --reason TEXT; it goes into the audit log`}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	p, err := v.Reidentify(localContext(), pseudonymArg, domain, reason)
	if err != nil {
		return err
	}
	if err := printPersons([]*service.Person{p}, false, asJSON); err != nil {
		return err
	}
	return v.Close()
}
