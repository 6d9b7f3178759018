package vault

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// A rekey moves the vault to a new generation of keys (keyring.Generation):
// a new post-quantum identity, root secret and audit key. Its steps, each
// durable before the next begins:
//
//  1. The keyring is replaced by one that holds both generations, the
//     current and the next (keyring version 3). From then on the vault
//     opens what is stored with either identity and either values key,
//     and writes with the next: new ciphertext to the next identity, new
//     values sealed under the next values key, new blind indexes and
//     audit MACs under the next root.
//  2. The log hands over to the next audit key (audit.Batcher.Rotate): a
//     rekey.handover entry, naming the next verifier key, in a checkpoint
//     the current key signs; in the same write, the re-encryption marker
//     of escrow.go is set, from the first record.
//  3. Every record version and attachment is re-encrypted with fresh file
//     keys to the next identity and the escrow set (escrow.go's
//     machinery, rekey.reencrypt entries).
//  4. The blind index of witness keys is moved to the next root
//     (rekey.reindex entries).
//  5. Every value sealed under the current values key is sealed again
//     under the next one (sealedstore.Reseal; the plaintexts, and so the
//     log's manifests, are unchanged), recorded by a rekey.reseal entry.
//  6. The keyring is replaced by one with the next generation alone
//     (keyring.Promoted); the rekey entry records the end.
//
// A crash leaves a keyring with one generation (before step 1 or after
// step 6: one identity is live, the rekey has not begun or is over) or
// with two, which OpenWith finishes before anything else uses the vault
// (steps 2 to 6 are idempotent and skip what is done), so that an open
// vault has one live identity; only if finishing fails (a value damaged
// under the old key) does it open still reading with both, and warn.
//
// What a rekey keeps: the keys derived from the lineage secret
// (Keyring.LineageRoot): pseudonym keys, so that researchers' pseudonyms
// do not change; the token MAC key, so that issued tokens stay valid (a
// token is 256 random bits: its MAC key does not protect it); and Badger's
// storage key, which only hides what the sealed layer already protects.
// SECURITY.md says what that means for a leaked old keyring.

// Rekey moves the vault to a new generation of keys, or finishes a rekey
// that was cut off (see above). progress, if not nil, is called with the
// counts of the re-encryption after each of its batches. It holds
// escrowMu throughout: escrow changes and passphrase changes wait; reads
// and writes go on.
func (v *Vault) Rekey(ctx context.Context, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return do(ctx, v, "rekey", nil, func(o *op) (*service.EscrowReport, error) {
		v.escrowMu.Lock() // also keeps v.seal, which a passphrase change sets
		defer v.escrowMu.Unlock()
		if v.replaceKeyring == nil || v.seal == nil {
			return nil, errNoKeyring
		}
		rep, err := v.rekey(ctx, o.e, progress)
		if rep != nil {
			o.attr("versions", fmt.Sprint(rep.Versions))
			o.attr("attachments", fmt.Sprint(rep.Attachments))
		}
		return rep, err
	})
}

func (v *Vault) rekey(ctx context.Context, parent *audit.Entry, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	k := v.secrets()
	if k.Next == nil {
		if len(k.EscrowV1) > 0 {
			e := childEntry(parent, "rekey.escrow")
			if err := v.audit.Submit(ctx, e, v.moveEscrow(e)); err != nil {
				return nil, err
			}
		}
		next, err := newGeneration(k.VaultID)
		if err != nil {
			return nil, err
		}
		nk := *k
		nk.EscrowV1, nk.Lineage, nk.Next = nil, k.LineageRoot(), next
		if err := v.writeKeyring(&nk); err != nil {
			return nil, err
		}
		if err := sealedstore.Rekey(v.store, keys.Derive(next.Root, keys.Values)); err != nil {
			return nil, err
		}
		v.recipsMu.Lock()
		v.keys.Store(&nk)
		set, err := parseEscrowSet(v.escrow)
		if err == nil {
			v.putEscrow(set) // to the next identity from now on
		}
		v.recipsMu.Unlock()
		if err != nil {
			return nil, err
		}
		k = &nk
	} else {
		parent.SetAttr("resumed", "true")
	}
	if !v.handed.Load() {
		if err := v.handOver(ctx, parent, k); err != nil {
			return nil, err
		}
	}
	rep, err := v.reencrypt(ctx, parent, "rekey.reencrypt", progress)
	if err != nil {
		return nil, err
	}
	if err := v.reindex(ctx, parent, k); err != nil {
		return nil, err
	}
	n, err := sealedstore.Reseal(ctx, v.store)
	if err == nil {
		e := childEntry(parent, "rekey.reseal")
		e.SetAttr("values", fmt.Sprint(n))
		err = v.audit.Submit(ctx, e, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to seal the store's values again: %w", err)
	}
	done := k.Promoted()
	if err := v.writeKeyring(done); err != nil {
		return nil, err
	}
	v.keys.Store(done)
	v.handed.Store(false)
	if err := sealedstore.Forget(v.store); err != nil {
		return nil, err
	}
	return rep, nil
}

// writeKeyring seals k and replaces the vault's keyring with it.
func (v *Vault) writeKeyring(k *keyring.Keyring) error {
	sealed, err := v.seal(k)
	if err != nil {
		return fmt.Errorf("failed to seal keyring: %w", err)
	}
	if err := v.replaceKeyring(sealed); err != nil {
		return fmt.Errorf("failed to replace the keyring: %w", err)
	}
	return nil
}

// handOver hands the log over to the audit key of k's next generation,
// and sets the re-encryption marker in the same write.
func (v *Vault) handOver(ctx context.Context, parent *audit.Entry, k *keyring.Keyring) error {
	prev, err := verifierKey(k.AuditKey)
	if err != nil {
		return err
	}
	next, err := verifierKey(k.Next.AuditKey)
	if err != nil {
		return err
	}
	signer, err := note.NewSigner(k.Next.AuditKey)
	if err != nil {
		return fmt.Errorf("malformed audit key: %w", err)
	}
	e := childEntry(parent, "rekey.handover")
	err = v.audit.Rotate(ctx, e, func(tx store.Tx) error {
		p, err := readPending(tx)
		if err != nil {
			return err
		}
		if p == nil {
			p = &pendingReencryption{}
		}
		p.After = "" // everything, to the next identity
		return putJSON(tx, escrowPendingKey, p)
	}, signer, prev, next)
	if err != nil {
		return fmt.Errorf("failed to hand the audit log over to the next key: %w", err)
	}
	v.handed.Store(true)
	return nil
}

// reindexBatch bounds the blind indexes one write of reindex moves.
const reindexBatch = 512

// reindex moves the blind index of every witness key from k's current
// root to its next one.
func (v *Vault) reindex(ctx context.Context, parent *audit.Entry, k *keyring.Keyring) error {
	var moves [][2][]byte
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
			var p person
			if err := getJSON(tx, key, &p); err != nil {
				return err
			}
			if p.Key == "" {
				return nil
			}
			old := v.blindIndexKey(k.Root, p.Key)
			if _, err := tx.Get(old); errors.Is(err, store.ErrNotFound) {
				return nil // moved already
			} else if err != nil {
				return err
			}
			moves = append(moves, [2][]byte{old, v.blindIndexKey(k.Next.Root, p.Key)})
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("failed to read the person registry: %w", err)
	}
	for len(moves) > 0 {
		batch := moves[:min(len(moves), reindexBatch)]
		moves = moves[len(batch):]
		e := childEntry(parent, "rekey.reindex")
		e.SetAttr("persons", fmt.Sprint(len(batch)))
		err := v.audit.Submit(ctx, e, func(tx store.Tx) error {
			for _, m := range batch {
				id, err := tx.Get(m[0])
				if errors.Is(err, store.ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				if err := tx.Set(m[1], id); err != nil {
					return err
				}
				if err := tx.Delete(m[0]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("failed to move the person index: %w", err)
		}
	}
	return nil
}

// finishRekey finishes a rekey that a crash cut off, which the keyring
// says (k.Next), as the local operator. If it cannot (a damaged value the
// reseal cannot open, say), it warns, and the vault opens still reading
// with both generations, so that check can find the damage; tvault rekey
// run again finishes it.
func (v *Vault) finishRekey(warn func(error)) {
	if v.secrets().Next == nil {
		return
	}
	warn(errors.New("finishing a rekey that was cut off"))
	_, err := v.Rekey(service.WithActor(context.Background(), service.LocalOperator), nil)
	if err != nil {
		warn(fmt.Errorf("failed to finish a rekey that was cut off, run tvault rekey again: %w", err))
	}
}
