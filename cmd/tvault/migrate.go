package main

import (
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

const migrateUsage = `Usage: tvault migrate [--json]
       tvault migrate NAME [--json]
       tvault migrate --to DEST [--json]

migrate without arguments lists the storage migrations this tvault knows,
each with a line saying what it does and its state in the vault:
"pending" (the vault is in the layout before it, which older versions of
tvault read), "unfinished" (begun and cut off) or "done". A vault made by
this version has every one done; a vault made by an older one keeps
working as it is, in its own layout, until you migrate it.

migrate NAME applies one, administrators only (by policy; locally,
whoever holds the passphrase), through tvaultd too: it records in the
vault that its data uses the new layout, then converts what is stored,
one step a transaction, with progress on standard error. It is one way:
a tvault that does not know the layout refuses the vault, naming it (the
versions before this one's storage features refuse it as damaged). Back
up the vault first (docs/DEPLOY.md, "Upgrading"). A migration cut off (a
kill, a crash, a lost connection) leaves the vault readable, and the
migration "unfinished": run it again to finish it. Run on a migration
that is done, it changes nothing.

    audit-hash-blocks   the audit log's hashes in blocks of 4,096, one
                        value each: "tvault audit verify" reads hundreds
                        of values instead of millions
    audit-entry-blocks  the audit log's entries in blocks of 256, one
                        value each: "tvault audit verify" reads thousands
                        of values instead of hundreds of thousands

migrate --to DEST copies the vault into DEST, a new home of the other kind: a vault
directory (--vault DIR, TVAULT_DIR) into a PostgreSQL database
(postgres://... or postgresql://...), and a vault in a database (--store,
TVAULT_STORE) into a new directory, or into another database. DEST must
hold no vault, as for init: a directory must not exist or be empty, a
database must hold no tvault data. To copy a directory into another
directory, use backup and restore.

Everything moves as it is: the keyring, still sealed under the same
passphrase (or to the same operators), every stored value, still sealed
(the seal binds a value to its key, not to where it is stored), every
attachment, streamed, and the audit log. The copy is one snapshot, made as
a backup is, without a file: see "tvault help backup". The vault you copy
from is changed by nothing but the migration's own entry in its audit
log ("migrate", with the kind of DEST, never its connection string),
which the copy holds too.

Then migrate opens the copy and checks it as "tvault check --read-data"
does, and exits 0 only if it passes. That check keeps its checkpoint
apart, so a failed copy leaves the vault you copied from as it was.

The copy is the same vault, with the same log, and one entry more: its
check's. Once the copy is opened, where the vault's checkpoint is kept
(the state directory, the witnesses), the vault you copied from is
refused there as an older copy. Keep it aside, as a backup, until you trust the new home; then
remove it. A failed migration removes a directory it made; a database
keeps what was written, without a keyring: drop its tvault tables (or the
database) before trying again.

Options:
    --to DEST   the new home: a postgres:// or postgresql:// connection
                string, or a directory
    --json      with --to, print one object: {"to" ("database", or the
                directory), "verifier_key", "entries", "keys", "blobs",
                "blob_bytes", "check" (the copy's check, as check --json
                prints it)}; without, the migrations as JSON Lines of
                {"name", "description", "state"}, or NAME's report,
                {"name", "done", "total"}

Examples:
    $ tvault migrate
    $ tvault migrate audit-hash-blocks
    $ TVAULT_ADDR=unix:/run/tvault/tvaultd.sock tvault migrate audit-hash-blocks
    $ tvault --vault /srv/vault migrate \
        --to 'postgres://tvault@db.example.org/tvault?sslmode=verify-full'
    $ tvault --store 'postgres:///tvault?host=/run/postgresql' migrate --to /srv/vault
`

func migrateCommand(g *globals) *command {
	var to string
	var asJSON bool
	return &command{
		name:  "migrate",
		short: "list or apply storage migrations (admins), or copy the vault between a directory and a database",
		usage: migrateUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&to, "to", "", "the new home")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runMigrate(g, args, to, asJSON) },
	}
}

// migrateJSON is the JSON form of a migration.
type migrateJSON struct {
	To          string               `json:"to"`
	VerifierKey string               `json:"verifier_key"`
	Entries     int64                `json:"entries"`
	Keys        int64                `json:"keys"`
	Blobs       int64                `json:"blobs"`
	BlobBytes   int64                `json:"blob_bytes"`
	Check       *service.CheckReport `json:"check"`
}

func runMigrate(g *globals, args []string, to string, asJSON bool) error {
	if to == "" {
		return runFormatMigration(g, args, asJSON)
	}
	if err := noArgs("migrate --to", args); err != nil {
		return err
	}
	if remote() {
		return &usageError{msg: "migrate opens the vault itself, not through tvaultd", hint: "stop tvaultd, unset TVAULT_ADDR and give the vault with --vault or --store"}
	}
	// A connection string may hold a password: messages name the kind.
	dest := to
	if vault.IsDatabase(to) {
		dest = "the database"
	}
	dir, pass, opts, err := g.unlock()
	if err != nil {
		return err
	}
	v, err := g.openUnlocked(dir, pass, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "tvault: copying the vault into %s\n", dest)
	m := g.meter("copying")
	stop := m.Wait("the store, the attachments and the audit log")
	rep, err := v.Migrate(localContext(), to)
	stop()
	m.Done()
	if cerr := v.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("the copy was made, but closing the vault failed: %w", cerr)
	}
	if err != nil {
		return err
	}

	// The copy's checkpoint is kept apart until it is used, so that a
	// copy that fails leaves the original openable.
	isolated, err := os.MkdirTemp("", "tvault-migrate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(isolated)
	opts.Isolated = isolated
	c, err := vault.OpenWith(to, pass, opts)
	if err != nil {
		return fmt.Errorf("failed to open the copy in %s: %w", dest, err)
	}
	defer c.Close()
	fmt.Fprintf(os.Stderr, "tvault: checking the copy with --read-data\n")
	m = g.meter("checking")
	r, err := c.Check(localContext(), checkOptions(true, m))
	m.Done()
	if err == nil && asJSON {
		out := migrateJSON{To: "database", VerifierKey: rep.VerifierKey, Entries: rep.Entries,
			Keys: rep.Keys, Blobs: rep.Blobs, BlobBytes: rep.BlobBytes, Check: r}
		if !vault.IsDatabase(to) {
			out.To = to
		}
		if err = printJSON(out); err == nil {
			err = checkFailure(r)
		}
	} else if err == nil {
		if err = printCheck(r, false); err == nil {
			fmt.Printf("migrated the vault into %s: %s\n", dest, backupSummary(rep))
		}
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%w; the copy in %s is not to be used: the vault you copied from is as it was", err, dest)
	}
	// Checked, the copy is the vault: its checkpoint is kept here and at
	// the witnesses now, so that the vault copied from is refused from
	// now on. Were it opened first, its log would go on without the copy,
	// and the copy would be the one refused.
	opts.Isolated = ""
	c, err = vault.OpenWith(to, pass, opts)
	if err == nil {
		err = c.Close()
	}
	if err != nil {
		return fmt.Errorf("the copy in %s was checked, but keeping its checkpoint failed: %w", dest, err)
	}
	fmt.Fprintf(os.Stderr, "tvault: the copy in %s is the vault now: the vault you copied from is refused here as an older copy; keep that one aside as a backup, and remove it when you trust the new home\n", dest)
	return nil
}

// runFormatMigration lists the storage migrations (no args) or applies
// the one named.
func runFormatMigration(g *globals, args []string, asJSON bool) error {
	if len(args) > 1 {
		return &usageError{msg: "migrate takes at most one migration name", hint: `run "tvault migrate" to list them`}
	}
	return withVault(g, func(v service.Service) error {
		if len(args) == 0 {
			ms, err := v.Migrations(localContext())
			if err != nil {
				return err
			}
			if asJSON {
				return printJSONLines(ms)
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tSTATE\tDESCRIPTION")
			for _, m := range ms {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Name, m.State, m.Description)
			}
			return tw.Flush()
		}
		m := g.meter("migrating")
		rep, err := v.ApplyMigration(localContext(), args[0], func(p service.MigrationReport) {
			m.Printf("%s: %d of %d steps", p.Name, p.Done, p.Total)
		})
		m.Done()
		if err != nil {
			return fmt.Errorf("failed to migrate the vault: %w", err)
		}
		if asJSON {
			return printJSON(rep)
		}
		fmt.Printf("migrated %s: %d steps done\n", rep.Name, rep.Done)
		return nil
	})
}
