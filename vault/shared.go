package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"

	"filippo.io/age"

	"github.com/tvault/tvault/vault/store"
)

// Several processes may open a vault whose store is shared (a database,
// store.Shared): several daemons. The store serialises their
// transactions, the audit log's appends included; what an engine keeps
// in memory of the store, another could change behind it:
//
//   - users and tokens are read for every request already;
//   - the policy and the escrow set are read again at the start of every
//     operation (refresh), and a write that encrypts checks in its own
//     transaction that the escrow set is still the one it encrypted to
//     (sealing);
//   - an operator's seal through one daemon (RecordEvent "operator.seal")
//     stores a new seal mark, and every other engine fails its next
//     operation with ErrSealedElsewhere, upon which its daemon seals;
//   - the registry the name matcher is built from is dropped when its
//     mark, which every write of persons replaces, changed (registry.go);
//   - the keyring cannot change in a database (no passphrase change,
//     operators' resealing or rekey there yet).

// sealKey holds the seal mark: 16 random bytes that each operator seal of
// a shared vault replaces.
var sealKey = []byte("seal/mark")

// ErrSealedElsewhere is returned by the operations of a vault in a shared
// store once an operator has sealed it through another process: the
// daemon that holds it must seal too.
var ErrSealedElsewhere = errors.New("the vault was sealed through another daemon")

// readSeal returns the seal mark, nil if the vault was never sealed by an
// operator.
func readSeal(tx store.ReadTx) ([]byte, error) {
	mark, err := tx.Get(sealKey)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return mark, err
}

// loadSeal reads the seal mark in force when the vault was opened.
func (v *Vault) loadSeal(ctx context.Context) error {
	return v.store.View(ctx, func(tx store.ReadTx) (err error) {
		v.sealMark, err = readSeal(tx)
		return err
	})
}

// markSeal writes a new seal mark in tx, for an operator's seal of a
// shared vault.
func markSeal(tx store.Tx) error {
	mark := make([]byte, 16)
	rand.Read(mark)
	return tx.Set(sealKey, mark)
}

// refresh puts in force the policy and the escrow set that the store
// holds, if another process may have changed them (v.shared), so that a
// change through any process applies from the next request on; it fails
// with ErrSealedElsewhere once the vault was sealed through another. A
// refresh installs what it read only if no refresh that began after it
// has installed already: a request that begins after a change committed
// reads it, and so does every refresh that began after that request's.
func (v *Vault) refresh(ctx context.Context) error {
	if v.shared == nil {
		return nil
	}
	ticket := v.refreshes.Add(1)
	var pol, seal, reg []byte
	var set []*age.HybridRecipient
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		if seal, err = readSeal(tx); err != nil {
			return err
		}
		if reg, err = readRegistryMark(tx); err != nil {
			return err
		}
		if pol, err = readPolicy(tx); err != nil {
			return err
		}
		set, err = v.escrowIn(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to read the policy and the escrow set: %w", err)
	}
	if !bytes.Equal(seal, v.sealMark) {
		return ErrSealedElsewhere
	}
	v.reg.sawMark(reg)
	v.refreshMu.Lock()
	defer v.refreshMu.Unlock()
	if ticket < v.refreshed {
		return nil
	}
	v.refreshed = ticket
	if !bytes.Equal(pol, v.policy().raw) {
		if err := v.installPolicy(pol); err != nil {
			return err
		}
	}
	v.recipsMu.RLock()
	same := slices.Equal(escrowStrings(set), v.escrow)
	v.recipsMu.RUnlock()
	if !same {
		v.setEscrow(set)
	}
	return nil
}
