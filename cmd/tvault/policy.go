package main

import (
	"fmt"
	"os"

	"github.com/tvault/tvault/vault/policy"
)

const policyUsage = `Usage: tvault policy show
       tvault policy set FILE

Shows or replaces the access policy: which role may perform which
operation and use which view, and what each view shows. Anything the
policy does not grant is denied. The built-in policy is in force until an
organisation sets its own; every view and export records the hash of the
policy in force, and every change is audited with the old and new hashes.

    show       print the policy in force (JSON) and, on standard error,
               its hash
    set FILE   load FILE, a policy in the same JSON form, checked strictly;
               administrators only (in local mode, the operator)

Examples:
    $ tvault policy show > policy.json
    $ tvault policy set policy.json
`

func init() {
	commands["policy"] = command{usage: policyUsage, run: runPolicy}
}

func runPolicy(g *globals, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "policy needs a subcommand: show or set", hint: `run "tvault help policy"`}
	}
	sub, args := args[0], args[1:]
	fs := g.flagSet("policy", policyUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case sub == "show" && fs.NArg() == 0:
	case sub == "set" && fs.NArg() == 1:
	default:
		return &usageError{msg: fmt.Sprintf("unknown policy command %q with %d arguments", sub, fs.NArg()), hint: `run "tvault help policy"`}
	}
	var p *policy.Policy
	if sub == "set" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("failed to read policy: %w", err)
		}
		p, err = policy.Parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	if sub == "set" {
		if err := v.SetPolicy(localContext(), p); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "tvault: policy %s is in force\n", p.Hash())
		return v.Close()
	}
	if p, err = v.Policy(localContext()); err != nil {
		return err
	}
	os.Stdout.Write(p.Marshal())
	fmt.Fprintf(os.Stderr, "tvault: policy hash %s\n", p.Hash())
	return v.Close()
}
