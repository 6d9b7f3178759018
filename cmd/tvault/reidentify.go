package main

import (
	"strings"

	"github.com/tvault/tvault/vault/service"
)

const reidentifyUsage = `Usage: tvault reidentify PSEUDONYM --reason TEXT [--domain NAME]

Shows the person behind a pseudonym from a researcher view or export.
Officers only. The reason is required and recorded in the audit log with
the pseudonym, so every re-identification can be accounted for.

Options:
    --reason TEXT   why the person must be re-identified (required)
    --domain NAME   the pseudonymisation domain the export was made in
                    (default: the vault's default domain)

Examples:
    $ tvault reidentify P-7KQ2-M9XD --reason "witness asked to withdraw consent"
    $ tvault reidentify P-A1B2-C3D4 --domain study-2026 --reason "duplicate check"
`

func init() {
	commands["reidentify"] = command{usage: reidentifyUsage, run: runReidentify}
}

func runReidentify(g *globals, args []string) error {
	fs := g.flagSet("reidentify", reidentifyUsage)
	reason := fs.String("reason", "", "why")
	domain := fs.String("domain", "", "pseudonymisation domain")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{msg: "reidentify takes one pseudonym", hint: `run "tvault help reidentify"`}
	}
	pseudonymArg := fs.Arg(0)
	if strings.TrimSpace(*reason) == "" {
		return &usageError{msg: "a reason is required", hint: `give it with --reason TEXT; it goes into the audit log`}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	p, err := v.Reidentify(localContext(), pseudonymArg, *domain, *reason)
	if err != nil {
		return err
	}
	if err := printPersons([]*service.Person{p}, false, *asJSON); err != nil {
		return err
	}
	return v.Close()
}
