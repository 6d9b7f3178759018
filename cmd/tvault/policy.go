package main

import (
	"fmt"
	"os"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
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

A role may also list, in "require_reason", the reads it may make only with
a stated reason (get --reason, attachment get --reason, export-raw
--reason), which the audit log records; without one they are denied:

    "officer": {"operations": [...], "views": [...],
                "require_reason": ["get", "attachment.get"]}

Examples:
    $ tvault policy show > policy.json
    $ tvault policy set policy.json
`

func policyShowCommand(g *globals) *command {
	return &command{
		name:  "show",
		short: "print the policy in force and its hash",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if err := noArgs("policy show", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				p, err := v.Policy(localContext())
				if err != nil {
					return err
				}
				if _, err := os.Stdout.Write(p.Marshal()); err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "tvault: policy hash %s\n", p.Hash())
				return nil
			})
		},
	}
}

func policySetCommand(g *globals) *command {
	return &command{
		name:  "set",
		short: "put a policy in force (admins)",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "policy set takes one file", hint: `run "tvault help policy"`}
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("failed to read policy: %w", err)
			}
			// Decoded here, checked by the vault, so that a policy it
			// refuses (policy.ErrResearcherGrant) is on record.
			p, err := policy.Decode(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			return withVault(g, func(v service.Service) error {
				if err := v.SetPolicy(localContext(), p); err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "tvault: policy %s is in force\n", p.Hash())
				return nil
			})
		},
	}
}
