package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault"
)

const restoreUsage = `Usage: tvault restore --vault DIR FILE [--json]
       tvault restore accept --reason TEXT

restore FILE verifies the whole backup FILE (see "tvault help backup")
and refuses a damaged or cut one before it writes anything; then it
writes the vault into DIR, which must not exist, opens it with the
passphrase of the backup's keyring (or, for a keyring sealed to
operators, the identity files given with --identity, as many as its
threshold) and checks it as "tvault check --read-data" does. A vault restored where a later checkpoint of it is
kept (below) is refused at that open until accepted.

Every tvault and tvaultd keeps the latest checkpoint of each vault it
opens outside the vault directory: in its state directory (TVAULT_STATE_DIR,
else $XDG_STATE_HOME/tvault, else ~/.local/state/tvault) and in the witness
directories given at init. A vault whose audit log is older than such a
checkpoint, or another history, is an older copy put back in place: it is
refused at open, since it silently undoes everything done since.

After restoring a backup on purpose, accept it explicitly: accept opens the
vault directory (stop tvaultd first, and run it as the user that runs it,
with its TVAULT_STATE_DIR), records the acceptance and the reason in the
audit log with the size and root of the checkpoint it replaces, verifies
the whole log, and only then keeps the vault's checkpoint in place of every
kept one. Nothing is accepted without a reason or if the log does not
verify.

Options:
    --vault DIR     the new vault directory (restore FILE)
    --json          restore FILE: print one object, as backup --json
                    prints its own, with "vault" (DIR) and "check" (the
                    report, as check --json prints it)
    --reason TEXT   why this copy of the vault is accepted (required; it
                    goes into the audit log)

Examples:
    $ tvault --vault ~/vault-restored restore /media/usb/vault-2026-11-29.tvb
    $ tvault restore accept --reason "disk failed; restored the backup of 2026-11-20"
    $ sudo -u tvault TVAULT_STATE_DIR=/var/lib/tvault/state \
        tvault --vault /srv/vault restore accept --reason "restored after ransomware"
`

func restoreAcceptCommand(g *globals) *command {
	var reason string
	return &command{
		name:  "accept",
		short: "accept a vault restored from a backup on purpose",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&reason, "reason", "", "why")
		},
		run: func(args []string) error { return runRestoreAccept(g, args, reason) },
	}
}

func runRestoreAccept(g *globals, args []string, reason string) error {
	if err := noArgs("restore accept", args); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return &usageError{msg: "a reason is required", hint: `give it with --reason TEXT; it goes into the audit log`}
	}
	if remote() {
		return &usageError{msg: "restore accept opens the vault directory, not tvaultd", hint: "stop tvaultd, unset TVAULT_ADDR and give the vault with --vault DIR or TVAULT_DIR"}
	}
	dir, pass, opts, err := g.unlock()
	if err != nil {
		return err
	}
	replaced, rep, err := vault.AcceptRollback(localContext(), dir, pass, reason, opts)
	if err != nil {
		return fmt.Errorf("failed to accept the vault: %w", err)
	}
	if len(replaced) == 0 {
		fmt.Printf("nothing to accept: the vault's log extends every checkpoint kept of it\n")
	}
	for _, r := range replaced {
		kept := fmt.Sprintf("a checkpoint of %d entries", r.Kept.N)
		if !errors.Is(r.Err, audit.ErrLogOlder) && !errors.Is(r.Err, audit.ErrInconsistent) {
			kept = "a file that is no checkpoint of this vault"
		}
		fmt.Printf("replaced %s kept in %s on %s\n", kept, r.File, r.Seen.UTC().Format(time.DateTime))
	}
	fmt.Printf("accepted: the vault's checkpoint of %d entries is kept from now on\n", rep.CheckpointSize)
	return nil
}

// warn prints a problem that does not stop the command.
func warn(err error) { fmt.Fprintf(os.Stderr, "tvault: warning: %v\n", err) }
