package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// The escrow set: the post-quantum age recipients that every record
// version and attachment is encrypted to besides the vault's own.
//
// It is a sealed value of the store (escrowKey), written with the audit
// entry of its change, so an administrator changes it without the
// passphrase, through tvaultd too; forging one takes the root secret. A
// vault whose keyring is of version 1 and which has no such value uses
// the keyring's recipients, until its first change.
//
// A change records the new set and a pendingReencryption in one write,
// under escrowMu and recipsMu (so that no write encrypted to the old set
// commits after it), and from then on everything new is encrypted to the
// new set. Then it re-encrypts what is stored, in record ID order: each
// version decrypted, checked (envelope.Open) and sealed again with a fresh
// file key under the same ID, version and hash; each attachment streamed
// into a new blob, its size and SHA-256 checked, its metadata switched to
// the new blob, and the old blob unlinked. Writes are batched (at most
// reencryptBatch bytes of record ciphertext, one record's attachments);
// each batch commits with an escrow.reencrypt entry naming its records and
// moves the marker on past the last record it finished, listing the old
// blobs it replaced, which the next step unlinks. A crash leaves every
// record and attachment readable, encrypted to the old set or the new;
// the marker says where to go on, and a second call of the same change
// does (EscrowAdd and EscrowRemove with a recipient already added or
// removed, while a re-encryption is pending).

// pendingReencryption is the value of escrowPendingKey.
type pendingReencryption struct {
	// After is the last record, in ID order, whose versions and
	// attachments are re-encrypted to the current set; "" for none yet.
	After string `json:"after"`
	// Unlink lists blobs that attachments no longer use, to be removed.
	Unlink []string `json:"unlink,omitempty"`
}

// reencryptBatch bounds the record ciphertext that one batch of a
// re-encryption holds in memory and writes in one transaction.
const reencryptBatch = 8 << 20

// parseEscrowSet parses escrow recipients, which must be post-quantum
// and distinct.
func parseEscrowSet(list []string) ([]*age.HybridRecipient, error) {
	var out []*age.HybridRecipient
	for i, s := range list {
		r, err := keyring.ParseEscrow(s)
		if err != nil {
			return nil, err
		}
		if slices.Contains(list[:i], s) {
			return nil, fmt.Errorf("escrow recipient %.24q... given twice", s)
		}
		out = append(out, r)
	}
	return out, nil
}

func escrowStrings(set []*age.HybridRecipient) []string {
	out := []string{}
	for _, r := range set {
		out = append(out, r.String())
	}
	return out
}

// loadEscrow reads the escrow set (escrowIn) and puts it in force.
func (v *Vault) loadEscrow(ctx context.Context) error {
	var set []*age.HybridRecipient
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		set, err = v.escrowIn(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to read the escrow set: %w", err)
	}
	v.setEscrow(set)
	return nil
}

// escrowIn returns the escrow set: the store's, or a version 1
// keyring's.
func (v *Vault) escrowIn(tx store.ReadTx) ([]*age.HybridRecipient, error) {
	stored, found, err := readEscrow(tx)
	if !found {
		return v.secrets().EscrowV1, err
	}
	return stored, err
}

// errEscrowChanged fails a write that encrypted to an escrow set which
// another process changed before the write could commit.
var errEscrowChanged = errors.New("the escrow set changed, through another process, while this write was under way; try again")

// readEscrow reads the stored escrow set, if there is one.
func readEscrow(tx store.ReadTx) (set []*age.HybridRecipient, found bool, err error) {
	var list []string
	err = getJSON(tx, escrowKey, &list)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if set, err = parseEscrowSet(list); err != nil {
		return nil, false, fmt.Errorf("%w: escrow set: %v", store.ErrCorrupt, err)
	}
	return set, true, nil
}

// setEscrow makes set the escrow set of every new ciphertext.
func (v *Vault) setEscrow(set []*age.HybridRecipient) {
	v.recipsMu.Lock()
	defer v.recipsMu.Unlock()
	v.putEscrow(set)
}

// putEscrow is setEscrow for a caller that holds recipsMu.
func (v *Vault) putEscrow(set []*age.HybridRecipient) {
	recips := []age.Recipient{v.secrets().Live().Identity.Recipient()}
	for _, r := range set {
		recips = append(recips, r)
	}
	v.recips, v.escrow = recips, escrowStrings(set)
}

// sealing returns the recipients to encrypt new ciphertext to, and holds
// them until done is called, after the write that stores it: an escrow
// change waits for it. The write's transaction calls check, which fails
// with errEscrowChanged if another process has changed the escrow set
// since (a shared store), whose re-encryption may have passed already:
// the transactions of every process are serialised, so that a change
// commits either before the check, which sees it, or after the write,
// and then re-encrypts what it wrote.
func (v *Vault) sealing() (recips []age.Recipient, check func(store.ReadTx) error, done func()) {
	v.recipsMu.RLock()
	escrow := v.escrow
	check = func(tx store.ReadTx) error { return v.escrowStill(tx, escrow) }
	return v.recips, check, v.recipsMu.RUnlock
}

// escrowStill fails with errEscrowChanged if the escrow set in tx is not
// escrow, which this process read before: another process changed it (a
// shared store; in one process, recipsMu keeps it).
func (v *Vault) escrowStill(tx store.ReadTx, escrow []string) error {
	if v.shared == nil {
		return nil
	}
	set, err := v.escrowIn(tx)
	if err != nil {
		return err
	}
	if !slices.Equal(escrowStrings(set), escrow) {
		return errEscrowChanged
	}
	return nil
}

// Escrow returns the escrow set and whether a re-encryption to it is
// unfinished.
func (v *Vault) Escrow(ctx context.Context) (*service.EscrowSet, error) {
	return do(ctx, v, "escrow.list", nil, func(o *op) (*service.EscrowSet, error) {
		v.recipsMu.RLock()
		set := &service.EscrowSet{Recipients: slices.Clone(v.escrow)}
		v.recipsMu.RUnlock()
		err := o.view(func(tx store.ReadTx) error {
			_, err := tx.Get(escrowPendingKey)
			set.Pending = err == nil
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return set, nil
	})
}

// EscrowAdd adds recipient to the escrow set and re-encrypts everything
// stored to the new set (see the service contract).
func (v *Vault) EscrowAdd(ctx context.Context, recipient string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return v.changeEscrow(ctx, "escrow.add", recipient, progress, func(set []string, r string) ([]string, bool) {
		if slices.Contains(set, r) {
			return set, false
		}
		return append(set, r), true
	})
}

// EscrowRemove removes recipient from the escrow set and re-encrypts
// everything stored to the new set (see the service contract).
func (v *Vault) EscrowRemove(ctx context.Context, recipient string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return v.changeEscrow(ctx, "escrow.remove", recipient, progress, func(set []string, r string) ([]string, bool) {
		i := slices.Index(set, r)
		if i < 0 {
			return set, false
		}
		return slices.Delete(set, i, i+1), true
	})
}

// changeEscrow applies change to the escrow set with recipient, records
// the new set and the start of its re-encryption, and re-encrypts. change
// returns false if the set has recipient already as it would leave it:
// that finishes a pending re-encryption, or else is an invalid argument.
func (v *Vault) changeEscrow(ctx context.Context, action, recipient string, progress func(service.EscrowReport),
	change func(set []string, r string) ([]string, bool)) (*service.EscrowReport, error) {
	return do(ctx, v, action, nil, func(o *op) (*service.EscrowReport, error) {
		r, err := keyring.ParseEscrow(recipient)
		if err != nil {
			return nil, &service.InvalidArgumentError{Arg: "escrow recipient", Want: err.Error()}
		}
		// The recipient is a public key; its hash keeps the entry short.
		sum := sha256.Sum256([]byte(r.String()))
		o.attr("recipient-sha256", hex.EncodeToString(sum[:]))
		v.escrowMu.Lock()
		defer v.escrowMu.Unlock()
		// Writes that encrypt wait from here until the new set is in
		// force, so that none encrypted to the old set commits after it.
		v.recipsMu.Lock()
		base := v.escrow
		next, changed := change(slices.Clone(base), r.String())
		set, err := parseEscrowSet(next)
		if err == nil {
			err = o.write(func(tx store.Tx) error {
				if err := v.escrowStill(tx, base); err != nil {
					return err
				}
				p, err := readPending(tx)
				switch {
				case err != nil:
					return err
				case !changed && p == nil:
					what := "it is already an escrow recipient"
					if action == "escrow.remove" {
						what = "it is not an escrow recipient"
					}
					return &service.InvalidArgumentError{Arg: "escrow recipient", Value: r.String()[:24] + "...", Want: what}
				case !changed:
					o.attr("resumed", "true")
					return nil
				case p == nil:
					p = &pendingReencryption{}
				}
				// A new set starts the re-encryption over; the blobs a
				// previous one replaced are still to be removed.
				p.After = ""
				o.attr("escrow", fmt.Sprint(len(next)))
				if err := putJSON(tx, escrowKey, next); err != nil {
					return err
				}
				return putJSON(tx, escrowPendingKey, p)
			})
		}
		if err == nil && changed {
			v.putEscrow(set)
		}
		v.recipsMu.Unlock()
		if err != nil {
			return nil, err
		}
		return v.reencrypt(ctx, o.e, "escrow.reencrypt", progress)
	})
}

// ErrReencryptionPending is what warnPending reports.
var ErrReencryptionPending = errors.New("a re-encryption to a new escrow set is unfinished: run the last escrow add or remove again")

// warnPending gives warn ErrReencryptionPending if a re-encryption is
// unfinished.
func (v *Vault) warnPending(warn func(error)) error {
	return v.store.View(context.Background(), func(tx store.ReadTx) error {
		p, err := readPending(tx)
		if p != nil {
			warn(ErrReencryptionPending)
		}
		return err
	})
}

func readPending(tx store.ReadTx) (*pendingReencryption, error) {
	var p pendingReencryption
	err := getJSON(tx, escrowPendingKey, &p)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// reencryption is a batch of a re-encryption: what it will write, and the
// blobs it made and replaced.
type reencryption struct {
	ids      []string // records touched, for the entry
	versions []reversion
	atts     []reattachment
	size     int
	// after is the last record finished in the batch, done how many
	// records are finished then.
	after string
	done  int
}

type reversion struct {
	key     []byte
	oldHash [32]byte
	ct      []byte
}

type reattachment struct {
	key     []byte
	oldBlob string
	meta    *attachmentMeta
}

// reencrypt re-encrypts every record version and attachment stored, from
// where the pending marker says, to the vault's recipient and the current
// escrow set. parent is the entry of the change (an escrow change, a
// rekey), whose actor and request ID each batch's entry, of action,
// shares.
func (v *Vault) reencrypt(ctx context.Context, parent *audit.Entry, action string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	recips, check, done := v.sealing()
	escrow := slices.Clone(v.escrow)
	// escrowMu keeps them in this process, where only escrow changes and
	// rekeys set them; check finds a change through another.
	done()
	var p *pendingReencryption
	var ids []string
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		if p, err = readPending(tx); err != nil || p == nil {
			return err
		}
		return tx.Scan([]byte(recordPrefix), func(key, _ []byte) error {
			ids = append(ids, string(key[len(recordPrefix):]))
			return nil
		})
	})
	rep := &service.EscrowReport{Recipients: escrow, RecordsTotal: len(ids)}
	if err != nil || p == nil {
		return rep, err
	}
	if err := v.unlink(ctx, p.Unlink); err != nil {
		return nil, err
	}
	b := &reencryption{}
	flush := func() error {
		unlink, err := v.commitReencryption(ctx, childEntry(parent, action), b, check)
		if err != nil {
			return err
		}
		if b.after != "" {
			rep.Records = b.done
		}
		*b = reencryption{}
		if err := v.unlink(ctx, unlink); err != nil {
			return err
		}
		if progress != nil {
			progress(*rep)
		}
		return nil
	}
	for i, id := range ids {
		if id <= p.After {
			rep.Records = i + 1
			continue
		}
		atts, err := v.reencryptRecord(ctx, id, recips, b, rep, flush)
		if err != nil {
			return nil, err
		}
		b.after, b.done = id, i+1
		// New blobs are written already: switch to them at once, so that
		// a failure leaves few behind.
		if atts {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if len(b.ids) > 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	e := childEntry(parent, action)
	e.SetAttr("phase", "done")
	err = v.audit.Submit(context.WithoutCancel(ctx), e, func(tx store.Tx) error {
		return tx.Delete(escrowPendingKey)
	})
	if err != nil {
		return nil, fmt.Errorf("failed to finish the re-encryption: %w", err)
	}
	return rep, nil
}

// reencryptRecord adds the versions and attachments of record id,
// re-encrypted to recips, to batch b, flushing it when it grows past
// reencryptBatch. It reports whether the record has attachments.
func (v *Vault) reencryptRecord(ctx context.Context, id string, recips []age.Recipient, b *reencryption,
	rep *service.EscrowReport, flush func() error) (bool, error) {
	var ie indexEntry
	var metas []attachmentMeta
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		if ie, err = v.readIndex(tx, id); err != nil {
			return err
		}
		return tx.Scan(attachmentPrefix(id), func(key, _ []byte) error {
			var m attachmentMeta
			if err := getJSON(tx, key, &m); err != nil {
				return err
			}
			metas = append(metas, m)
			return nil
		})
	})
	if errors.Is(err, service.ErrErased) {
		return false, nil // erased since the scan: nothing to re-encrypt
	}
	if errors.Is(err, errStaged) {
		// A batch put that a failed sweep left: its versions are swept at
		// the next open, never shown.
		return false, nil
	}
	if err = integrity(id, err); err != nil {
		return false, err
	}
	b.ids = append(b.ids, id)
	for n := 1; n <= ie.Versions; n++ {
		if ie.erased(n) {
			continue
		}
		var ct []byte
		err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
			ct, err = tx.Get(versionKey(id, n))
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			return false, &service.IntegrityError{ID: id, Err: fmt.Errorf("version %d is missing", n)}
		}
		if err = integrity(id, err); err != nil {
			return false, err
		}
		ver := envelope.Version{ID: id, Version: n}
		body, err := envelope.Open(ct, ver, v.secrets().Identities()...)
		if err != nil {
			return false, &service.IntegrityError{ID: id, Err: err}
		}
		fresh, err := envelope.Seal(ver, body, recips...)
		if err != nil {
			return false, err
		}
		b.versions = append(b.versions, reversion{versionKey(id, n), sha256.Sum256(ct), fresh})
		b.size += len(fresh)
		rep.Versions++
		if b.size >= reencryptBatch {
			if err := flush(); err != nil {
				return false, err
			}
			b.ids = append(b.ids, id)
		}
	}
	for i := range metas {
		m, err := v.reencryptAttachment(ctx, &metas[i], recips)
		if err != nil {
			return false, err
		}
		b.atts = append(b.atts, reattachment{attachmentKey(id, m.ID), metas[i].Blob, m})
		rep.Attachments++
		rep.Bytes += m.Size
	}
	return len(metas) > 0, nil
}

// reencryptAttachment streams the attachment of m into a new blob
// encrypted to recips and returns the metadata that points at it.
func (v *Vault) reencryptAttachment(ctx context.Context, m *attachmentMeta, recips []age.Recipient) (*attachmentMeta, error) {
	_, src, err := v.openAttachment(ctx, m.Record, m.ID)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	plain, err := v.section(m.Record, m.ID, m, src, 0, m.Size)
	if err != nil {
		return nil, err
	}
	att := m.attachment()
	next, err := v.writeBlob(ctx, plain, &att, recips)
	if err != nil {
		return nil, attIntegrity(m.Record, m.ID, err)
	}
	if next.Size != m.Size || next.SHA256 != m.SHA256 {
		err := attIntegrity(m.Record, m.ID, errors.New("the plaintext does not match the size and SHA-256 recorded at attach"))
		return nil, errors.Join(err, v.blobs.Remove(context.WithoutCancel(ctx), next.Blob))
	}
	next.Created = m.Created
	return next, nil
}

// commitReencryption writes batch b, if what it replaces is still stored,
// and moves the pending marker on, in one transaction with its entry e. It
// returns the blobs replaced, to unlink; if it fails, it removes the new
// blobs. check is sealing's, of the recipients b is encrypted to.
func (v *Vault) commitReencryption(ctx context.Context, e *audit.Entry, b *reencryption, check func(store.ReadTx) error) ([]string, error) {
	e.Targets = slices.Compact(b.ids)
	e.SetAttr("versions", fmt.Sprint(len(b.versions)))
	e.SetAttr("attachments", fmt.Sprint(len(b.atts)))
	var unlink []string
	err := v.audit.Submit(ctx, e, func(tx store.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		p, err := readPending(tx)
		if err != nil {
			return err
		}
		if p == nil {
			return errors.New("the re-encryption is no longer pending")
		}
		for _, rv := range b.versions {
			cur, err := tx.Get(rv.key)
			if err != nil {
				return err
			}
			if sha256.Sum256(cur) != rv.oldHash {
				return fmt.Errorf("%s changed during the re-encryption", bytes.TrimPrefix(rv.key, []byte("ver/")))
			}
			if err := tx.Set(rv.key, rv.ct); err != nil {
				return err
			}
		}
		unlink = unlink[:0] // a retried transaction starts over
		for _, ra := range b.atts {
			var cur attachmentMeta
			if err := getJSON(tx, ra.key, &cur); err != nil {
				return err
			}
			if cur.Blob != ra.oldBlob {
				return fmt.Errorf("attachment %s changed during the re-encryption", ra.meta.ID)
			}
			if err := putJSON(tx, ra.key, ra.meta); err != nil {
				return err
			}
			unlink = append(unlink, ra.oldBlob)
		}
		if b.after != "" {
			p.After = b.after
		}
		// The blobs listed before were removed before this batch began.
		p.Unlink = unlink
		return putJSON(tx, escrowPendingKey, p)
	})
	if err != nil {
		var rerr error
		for _, ra := range b.atts {
			rerr = errors.Join(rerr, v.blobs.Remove(context.WithoutCancel(ctx), ra.meta.Blob))
		}
		return nil, errors.Join(fmt.Errorf("failed to store re-encrypted records: %w", err), rerr)
	}
	return unlink, nil
}

// childEntry returns an entry of action by parent's actor, under its
// request ID: a step of a long operation.
func childEntry(parent *audit.Entry, action string) *audit.Entry {
	return &audit.Entry{Actor: parent.Actor, Role: parent.Role, Transport: parent.Transport, RequestID: parent.RequestID,
		Action: action, Outcome: audit.OutcomeOK}
}

// unlink removes blobs that no attachment uses any more. The pending
// marker keeps listing them until the next batch or the end, so that a
// crash before they are gone leaves them to the next run.
func (v *Vault) unlink(ctx context.Context, names []string) error {
	for _, name := range names {
		if err := v.blobs.Remove(ctx, name); err != nil {
			return fmt.Errorf("failed to remove a replaced blob: %w", err)
		}
	}
	return nil
}
