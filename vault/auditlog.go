package vault

import (
	"context"
	"fmt"
	"io"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// AuditLog calls fn for every entry of the audit log that f selects, in
// order, reading the log from position f.From on. The read is recorded
// first, so the entries read include it.
func (v *Vault) AuditLog(ctx context.Context, f service.AuditFilter, fn func(*audit.Entry) error) error {
	_, err := do(ctx, v, "audit.log", nil, func(o *op) (struct{}, error) {
		if f.From < 0 {
			return struct{}{}, &service.InvalidArgumentError{Arg: "from", Value: fmt.Sprint(f.From), Want: "want a position in the log, from 0"}
		}
		if err := o.commit(); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, o.view(func(tx store.ReadTx) error {
			n, err := audit.Size(tx)
			if err != nil {
				return err
			}
			return audit.ReadEntries(tx, min(f.From, n), n, func(entry *audit.Entry, _ []byte) error {
				if !f.Match(entry) {
					return nil
				}
				return fn(entry)
			})
		})
	})
	return err
}

// AuditCheckpoint records the request and returns the checkpoint signed
// with it, which covers every entry so far, its own included: every
// transaction of the audit log signs one (audit.Batcher), and refuses to
// commit if the log does not extend the previous one (a rolled-back or
// rewritten store).
func (v *Vault) AuditCheckpoint(ctx context.Context) ([]byte, error) {
	return do(ctx, v, "audit.checkpoint", nil, func(o *op) (cp []byte, err error) {
		if err := o.commit(); err != nil {
			return nil, err
		}
		err = o.view(func(tx store.ReadTx) (err error) {
			cp, err = audit.Latest(tx)
			return err
		})
		return cp, err
	})
}

// AuditVerifierKey returns the signed-note verifier key of the vault's
// audit log, which auditors use to check checkpoints, exports and proofs
// offline.
func (v *Vault) AuditVerifierKey(ctx context.Context) (string, error) {
	return do(ctx, v, "audit.key", nil, func(o *op) (string, error) {
		return verifierKey(v.auditKey())
	})
}

// AuditExport writes every entry and the checkpoint signed over them to
// w, in the export format of package audit, for offline verification.
// The export is recorded first, and its own entry is in it.
func (v *Vault) AuditExport(ctx context.Context, w io.Writer) error {
	_, err := do(ctx, v, "audit.export", nil, func(o *op) (struct{}, error) {
		if err := o.commit(); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, o.view(func(tx store.ReadTx) error { return audit.Export(tx, w) })
	})
	return err
}

// AuditVerify recomputes the vault's log from its entries and checks the
// stored checkpoint's signature; with old, a checkpoint an auditor kept,
// it also proves that the log extends it.
func (v *Vault) AuditVerify(ctx context.Context, old []byte) (*audit.Report, error) {
	return do(ctx, v, "audit.verify", nil, func(o *op) (*audit.Report, error) {
		if old != nil {
			if _, err := audit.CheckpointSize(old); err != nil {
				return nil, &service.InvalidArgumentError{Arg: "checkpoint", Len: len(old), Want: "want a checkpoint of this vault's log, as tvault audit checkpoint prints it"}
			}
		}
		var r *audit.Report
		err := o.view(func(tx store.ReadTx) error {
			verifier, err := v.firstVerifier(tx)
			if err != nil {
				return err
			}
			if old == nil {
				r, err = audit.VerifyStored(tx, verifier)
			} else {
				r, err = audit.VerifyStoredAgainst(tx, verifier, old)
			}
			return err
		})
		return r, err
	})
}

// AuditProve returns a self-contained inclusion proof of entry seq under
// the latest checkpoint, which covers every entry recorded before the
// request.
func (v *Vault) AuditProve(ctx context.Context, seq int64) ([]byte, error) {
	return do(ctx, v, "audit.prove", nil, func(o *op) ([]byte, error) {
		if seq < 0 {
			return nil, &service.InvalidArgumentError{Arg: "entry number", Value: fmt.Sprint(seq), Want: "want 0 or more"}
		}
		o.attr("seq", fmt.Sprint(seq))
		var proof []byte
		err := o.view(func(tx store.ReadTx) (err error) {
			proof, err = audit.Prove(tx, seq)
			return err
		})
		return proof, err
	})
}

// AuditHash returns the keyed MAC under which value would appear in the
// audit log, so an investigator can search the log for a known name or
// term. The request is audited with the MAC, never the value.
func (v *Vault) AuditHash(ctx context.Context, value string) (string, error) {
	return do(ctx, v, "audit.hash", nil, func(o *op) (string, error) {
		mac := v.auditMAC(value)
		o.attr("mac", mac)
		return mac, nil
	})
}
