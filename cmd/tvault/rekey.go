package main

import (
	"fmt"

	"github.com/tvault/tvault/vault/service"
)

const rekeyUsage = `Usage: tvault rekey

Moves the vault to new keys: a new post-quantum identity, a new root
secret and every key derived from it, and a new audit signing key.
Administrators only, by policy; locally, whoever holds the passphrase. The
keyring stays sealed under the same passphrase.

Every record version and attachment is decrypted and encrypted again, one
at a time, with fresh age file keys, to the new identity and the escrow
recipients; every value of the store is sealed again under the new key,
and the index of witness keys is rebuilt. Researchers' pseudonyms do not
change (SECURITY.md says why, and what a leaked old keyring still
reveals). Progress goes to standard error.

The audit log hands over to the new signing key in an entry signed by the
old one, which names the new verifier key: "tvault audit verify --log
FILE --key KEY" passes with the verifier key of before the rekey, and
"tvault audit key" prints the new one.

A rekey cut off (a crash, a kill, a lost connection) leaves every record
readable and the keyring holding both keys; the next open of the vault, or
tvault rekey run again, finishes it. Through tvaultd the vault goes on
serving meanwhile; escrow and passphrase changes wait for the end.

Examples:
    $ tvault rekey
    $ TVAULT_ADDR=unix:/run/tvault/tvaultd.sock tvault rekey
`

func rekeyCommand(g *globals) *command {
	return &command{
		name:  "rekey",
		short: "move the vault to new keys and re-encrypt everything (admins)",
		usage: rekeyUsage,
		flags: g.vaultFlags,
		run: func(args []string) error {
			if err := noArgs("rekey", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				progress, done := reencryptProgress(g)
				rep, err := v.Rekey(localContext(), progress)
				done()
				if err != nil {
					return fmt.Errorf("failed to rekey the vault: %w", err)
				}
				fmt.Printf("rekeyed; re-encrypted %d records (%d versions) and %d attachments (%d bytes)\n",
					rep.Records, rep.Versions, rep.Attachments, rep.Bytes)
				return nil
			})
		},
	}
}
