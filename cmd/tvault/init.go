package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/tvault/tvault/vault"
)

const initUsage = `Usage: tvault init [--escrow RECIPIENT]... [--witness DIR]... [--allow-weak-passphrase]
       tvault init --operator RECIPIENT... --threshold K [--escrow RECIPIENT]... [--witness DIR]...

Creates a new vault in the vault directory (TVAULT_DIR or --vault), which
must not exist or be empty, sealed with the passphrase (from
TVAULT_PASSPHRASE_FILE, --passphrase-file, or asked twice on the terminal).
Prints the vault's age recipient.

With --operator and --threshold instead, the keyring is sealed to the
operators' age recipients so that the identities of any K of them open
it and fewer cannot; no passphrase exists. Every later command then
takes K identity files (tvault --identity FILE --identity FILE ...), and
tvaultd unseals when K operators have each run "tvault operator unseal
--identity FILE". "tvault operator add" and "remove" change the set.

A passphrase that the zxcvbn strength estimator rates below 4 of 4 is
refused: whoever holds a copy of the vault can guess at it offline. Five
or more random words pass; a password manager can generate them.

With --store postgres://... (or TVAULT_STORE) instead, the vault lives in
that PostgreSQL database, which must hold no tvault data: the sealed
keyring, the records and the attachments go in its tables (docs/DEPLOY.md).
Every later command, and tvaultd, then takes the same --store.

Every process that opens the vault keeps the latest checkpoint of its
audit log outside it, in its state directory (TVAULT_STATE_DIR), and
refuses an older copy of the vault put back in place ("tvault help
restore"). Witnesses keep it in more places, checked the same way.

Options:
    --escrow RECIPIENT   also encrypt every record to this post-quantum age
                         recipient (age1pq1...), held offline by an escrow
                         holder; repeat for several
    --witness DIR        also keep the latest checkpoint in DIR, an existing
                         directory on another disk or a mounted share, which
                         a restored copy of this machine's state would not
                         roll back; recorded in the vault and used by every
                         later open, local or tvaultd; repeat for several.
                         Unreachable later, it is skipped with a warning
    --allow-weak-passphrase
                         accept a weak passphrase: for tests only, never
                         for a vault that holds testimonies
    --operator RECIPIENT seal the keyring to this operator's age recipient,
                         post-quantum (age1pq1..., from age-keygen -pq) or
                         a plugin's (age1NAME1..., a hardware token);
                         repeat for each, up to 32
    --threshold K        how many operators' identities open the keyring,
                         at least 2, at most the number of operators

Examples:
    $ age-keygen -pq -o escrow.key        # on the escrow holder's machine
    $ tvault --vault ~/vault init --escrow age1pq1...
    $ tvault --vault ~/vault init --witness /mnt/backup/tvault-witness
    $ tvault --store postgres://tvault@db.example.org/tvault init
    $ age-keygen -pq -o op1.key           # on each operator's machine
    $ tvault --vault ~/vault init --operator age1pq1... --operator age1pq1... --operator age1pq1... --threshold 2
    $ tvault --vault ~/vault --identity op1.key --identity op3.key list
`

// listFlag collects a repeated flag.
type listFlag []string

func (r *listFlag) String() string     { return strings.Join(*r, ",") }
func (r *listFlag) Set(s string) error { *r = append(*r, s); return nil }

func initCommand(g *globals) *command {
	var escrow, witnesses, operators listFlag
	var allowWeak bool
	var threshold int
	return &command{
		name:  "init",
		short: "create a new vault",
		usage: initUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.Var(&escrow, "escrow", "escrow recipient")
			fs.Var(&witnesses, "witness", "witness directory")
			fs.BoolVar(&allowWeak, "allow-weak-passphrase", false, "accept a weak passphrase (tests only)")
			fs.Var(&operators, "operator", "operator's age recipient")
			fs.IntVar(&threshold, "threshold", 0, "operators needed to open the keyring")
		},
		run: func(args []string) error {
			return runInit(g, args, vault.Options{Escrow: escrow, Witnesses: witnesses, Warn: warn, AllowWeakPassphrase: allowWeak,
				Operators: operators, Threshold: threshold})
		},
	}
}

func runInit(g *globals, args []string, opts vault.Options) error {
	if len(args) != 0 {
		return &usageError{msg: "init takes no arguments", hint: "give the directory with --vault DIR or TVAULT_DIR, or the database with --store"}
	}
	dir, err := g.dir()
	if err != nil {
		return err
	}
	var pass string
	switch {
	case len(opts.Operators) > 0 && opts.Threshold == 0:
		return &usageError{msg: "--operator given without --threshold", hint: "say how many operators' identities open the keyring with --threshold K"}
	case len(opts.Operators) == 0 && opts.Threshold != 0:
		return &usageError{msg: "--threshold given without --operator", hint: "name each operator's age recipient with --operator RECIPIENT"}
	case len(opts.Operators) > 0 && opts.AllowWeakPassphrase:
		return &usageError{msg: "--allow-weak-passphrase given with --operator", hint: "a vault sealed to operators has no passphrase"}
	case len(opts.Operators) == 0:
		if pass, err = g.passphrase(true); err != nil {
			return err
		}
	}
	v, err := vault.Init(localContext(), dir, pass, opts)
	if err != nil {
		return fmt.Errorf("failed to initialise vault: %w", err)
	}
	defer v.Close()
	fmt.Println(v.Recipient())
	return v.Close()
}
