package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"

	"github.com/tvault/tvault/vault/service"
)

const getUsage = `Usage: tvault get ID [--view VIEW] [--domain NAME] [--reason TEXT]
       tvault get ID --version N [--reason TEXT]
       tvault get PSEUDONYM --view VIEW --domain NAME [--reason TEXT]

Prints the latest version of a testimony as JSON, after checking that it
decrypts, belongs to ID and matches the hash stored with it.

Without --view it prints the testimony as stored (the full view, officers
only). With --view it prints the testimony as that view shows it, if your
role may use the view and the testimony carries the consent it requires:

    full          everything, as stored
    legal         narrative with pseudonyms and no contact data (legal consent)
    researcher    no direct identifier, generalised quasi-identifiers,
                  identifiers in the text redacted (research consent)
    publication   as researcher (publication consent)
    metadata      the record ID and when it was stored

In a domain other than the default, the view refers to the testimony only
by the domain's references: "id" is its record pseudonym (R-...), "case"
is absent and "created" is its month. There a testimony may be named by
that pseudonym instead of its ID. Researchers work only in domains
granted to them, by pseudonym (see "tvault help domain"); to them a
testimony without research consent is as missing as one never stored.

With --version it prints an earlier version as stored (officers only;
"tvault history ID" lists them), checked as the latest is.

Nothing is printed before the record has decrypted, matched its hash and
parsed: a damaged record prints nothing and fails (exit status 5). If
standard output cannot be written (a full disk), get fails (exit status
1), and a file it was redirected to may hold part of the testimony:
delete that file.

Options:
    --view VIEW     the view to print
    --domain NAME   pseudonymisation domain (default: the vault's own)
    --version N     the version to print, from 1 (default: the latest)
    --reason TEXT   why you read it, recorded in the audit log as the
                    entry's purpose; the policy may require one of your
                    role (require_reason). No names or identifiers: the
                    log keeps it in clear

Examples:
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye | jq .narrative
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye --view researcher
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye --version 1
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye --reason 'asylum hearing, case review'
    $ tvault get R-7WQ3M0H5ZJ8DKA2N6T4BXRCY1G --view researcher --domain study-2026-04
`

func getCommand(g *globals) *command {
	var viewName, domain, reason string
	var version int
	return &command{
		name:  "get",
		short: "print a testimony, or a view of it",
		usage: getUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&viewName, "view", "", "view")
			fs.StringVar(&domain, "domain", "", "pseudonymisation domain")
			fs.IntVar(&version, "version", 0, "version")
			reasonFlag(fs, &reason)
		},
		run: func(args []string) error { return runGet(g, args, viewName, domain, version, reason) },
	}
}

func runGet(g *globals, args []string, viewName, domain string, version int, reason string) error {
	if len(args) != 1 {
		return &usageError{msg: "get takes one record ID or record pseudonym"}
	}
	id := args[0]
	if domain != "" && viewName == "" {
		return &usageError{msg: "--domain goes with --view"}
	}
	if version != 0 && viewName != "" {
		return &usageError{msg: "--version goes without --view", hint: "an earlier version is printed as stored"}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ctx := reasonContext(reason)
	// Standard output is written as the JSON is produced, not built first:
	// a narrative may be 16 MiB.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	if viewName == "" {
		get := v.Get
		if version != 0 {
			get = func(ctx context.Context, id string) (*service.Record, error) { return v.GetVersion(ctx, id, version) }
		}
		rec, err := get(ctx, id)
		if err != nil {
			return err
		}
		var ind bytes.Buffer
		if err := json.Indent(&ind, rec.Canonical, "", "  "); err != nil {
			return err
		}
		ind.WriteByte('\n')
		if _, err := ind.WriteTo(out); err != nil {
			return err
		}
	} else {
		rec, err := v.GetView(ctx, id, viewName, domain)
		if err != nil {
			return err
		}
		if err := rec.WriteJSON(out, "", "  "); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return v.Close()
}
