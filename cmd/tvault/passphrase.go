package main

import (
	"flag"
	"fmt"
)

const passphraseUsage = `Usage: tvault passphrase change [--new-passphrase-file FILE] [--allow-weak-passphrase]

Seals the vault's keyring under a new passphrase. The current passphrase
comes as for every command (TVAULT_PASSPHRASE_FILE, --passphrase-file, or
asked on the terminal); the new one from --new-passphrase-file, or asked
twice on the terminal. A new passphrase that the zxcvbn strength
estimator rates below 4 of 4 is refused.

The keyring file is replaced atomically: a crash at any moment leaves the
old keyring or the new one, so the vault opens with exactly one of the two
passphrases. The change is recorded in the audit log (never the
passphrase). It opens the vault directory: stop tvaultd first, and unseal
it with the new passphrase after. A copy of the old keyring.age (in a
backup) still opens with the old passphrase.

Options:
    --new-passphrase-file FILE
                         a file holding the new passphrase (one line)
    --allow-weak-passphrase
                         accept a weak new passphrase: for tests only,
                         never for a vault that holds testimonies

Examples:
    $ tvault passphrase change
    $ tvault passphrase change --passphrase-file old.txt --new-passphrase-file new.txt
`

func passphraseChangeCommand(g *globals) *command {
	var newFile string
	var allowWeak bool
	return &command{
		name:  "change",
		short: "seal the keyring under a new passphrase",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&newFile, "new-passphrase-file", "", "file holding the new passphrase")
			fs.BoolVar(&allowWeak, "allow-weak-passphrase", false, "accept a weak passphrase (tests only)")
		},
		run: func(args []string) error {
			if err := noArgs("passphrase change", args); err != nil {
				return err
			}
			if remote() {
				return &usageError{msg: "passphrase change opens the vault directory, not tvaultd", hint: "stop tvaultd, unset TVAULT_ADDR and give the vault with --vault DIR or TVAULT_DIR"}
			}
			return runPassphraseChange(g, newFile, allowWeak)
		},
	}
}

func runPassphraseChange(g *globals, newFile string, allowWeak bool) error {
	v, err := g.open()
	if err != nil {
		return err
	}
	defer v.Close()
	// Asked for after the current one, as a terminal user expects.
	next, err := newPassphrase(newFile)
	if err != nil {
		return err
	}
	if err := v.ChangePassphrase(localContext(), next, allowWeak); err != nil {
		return fmt.Errorf("failed to change the passphrase: %w", err)
	}
	if err := v.Close(); err != nil {
		return err
	}
	fmt.Println("passphrase changed")
	return nil
}
