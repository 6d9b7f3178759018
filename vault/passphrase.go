package vault

import (
	"context"
	"errors"
	"fmt"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/store"
)

// ErrWeakPassphrase is wrapped by the error of Init and ChangePassphrase
// for a passphrase that keyring.CheckStrength rates weak.
var ErrWeakPassphrase = keyring.ErrWeakPassphrase

// moveEscrow returns the write that stores the escrow set, if the store
// has none (a vault opened with a version 1 keyring), before a keyring of a
// later version, which holds none, replaces it; it records how many
// recipients it moved in e. The caller holds escrowMu.
func (v *Vault) moveEscrow(e *audit.Entry) func(tx store.Tx) error {
	v.recipsMu.RLock()
	escrow := v.escrow
	v.recipsMu.RUnlock()
	return func(tx store.Tx) error {
		if _, found, err := readEscrow(tx); err != nil || found {
			return err
		}
		e.SetAttr("escrow-moved", fmt.Sprint(len(escrow)))
		return putJSON(tx, escrowKey, escrow)
	}
}

// errNoKeyring refuses what replaces the keyring of a vault whose keyring
// is not a file of its own.
var errNoKeyring = errors.New("this vault keeps no keyring of its own (a vault in a database: not built yet)")

// ChangePassphrase seals the vault's keyring under passphrase, in place of
// the one the vault was opened with, and records it in the audit log
// (passphrase.change; never the passphrase). A passphrase that
// keyring.CheckStrength rates weak is refused unless allowWeak (tests).
//
// The entry is made durable first; then the keyring file is replaced
// atomically (atomicfile.ReplaceFile: a temporary file written, fsynced,
// renamed over keyring.age, the directory fsynced), so that a crash at
// any moment leaves the old keyring or the new one, whole, and the vault
// opens with exactly one of the two passphrases. A failure after the entry
// gets a second entry with the error. A vault opened with a version 1
// keyring moves its escrow set into the store in the entry's write, since
// the version 2 keyring written holds none.
//
// Another process cannot have the vault open meanwhile (Badger's lock);
// a copy of the old keyring.age kept elsewhere (a backup) still opens
// with the old passphrase.
func (v *Vault) ChangePassphrase(ctx context.Context, passphrase string, allowWeak bool) error {
	_, err := do(ctx, v, "passphrase.change", nil, func(o *op) (struct{}, error) {
		if v.replaceKeyring == nil {
			return struct{}{}, errNoKeyring
		}
		if v.keySealing.Load() != nil {
			// K operators together do not hand the vault to one holder.
			return struct{}{}, errors.New("the vault is sealed to operators and has no passphrase: change them with tvault operator add and remove")
		}
		if passphrase == "" {
			return struct{}{}, errors.New("passphrase must not be empty")
		}
		if !allowWeak {
			if err := keyring.CheckStrength(passphrase); err != nil {
				return struct{}{}, err
			}
		}
		// escrowMu also keeps a rekey from replacing the keys meanwhile.
		v.escrowMu.Lock()
		defer v.escrowMu.Unlock()
		k := *v.secrets()
		k.EscrowV1 = nil
		sealed, err := keyring.Seal(&k, passphrase)
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to seal keyring: %w", err)
		}
		if err := o.write(v.moveEscrow(o.e)); err != nil {
			return struct{}{}, err
		}
		if err := v.replaceKeyring(sealed); err != nil {
			return struct{}{}, fmt.Errorf("failed to replace the keyring: %w", err)
		}
		v.seal = v.keyringSealer(passphrase) // a rekey seals under it from now on
		return struct{}{}, nil
	})
	return err
}
