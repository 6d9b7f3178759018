package vault

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/store"
)

// AuditFilter selects entries of the audit log; zero fields match all.
type AuditFilter struct {
	Actor  string
	Target string
	Since  time.Time
}

func (f AuditFilter) match(e *audit.Entry) bool {
	return (f.Actor == "" || e.Actor == f.Actor) &&
		(f.Target == "" || slices.Contains(e.Targets, f.Target)) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since))
}

// AuditLog calls fn for every entry of the audit log that f selects, in
// order. Reading the log is itself audited, after the entries read.
func (v *Vault) AuditLog(ctx context.Context, f AuditFilter, fn func(*audit.Entry) error) error {
	e, err := v.begin(ctx, "audit.log")
	if err != nil {
		return err
	}
	var selected []*audit.Entry
	err = v.read(ctx, e, func(tx store.ReadTx) error {
		selected = selected[:0]
		n, err := audit.Size(tx)
		if err != nil {
			return err
		}
		return audit.ReadEntries(tx, 0, n, func(entry *audit.Entry, _ []byte) error {
			if f.match(entry) {
				selected = append(selected, entry)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, entry := range selected {
		if err := fn(entry); err != nil {
			return err
		}
	}
	return nil
}

// AuditCheckpoint signs and returns a checkpoint covering every entry so
// far. It refuses to sign a log that does not extend the previous
// checkpoint (a rolled-back or rewritten store).
func (v *Vault) AuditCheckpoint(ctx context.Context) ([]byte, error) {
	e, err := v.begin(ctx, "audit.checkpoint")
	if err != nil {
		return nil, err
	}
	var cp []byte
	err = v.write(ctx, e, func(tx store.Tx) (err error) {
		cp, err = audit.SignCheckpoint(tx, v.signer, v.auditOrigin())
		return err
	})
	return cp, err
}

// AuditExport writes every entry and a checkpoint newly signed over them
// to w, in the export format of package audit, for offline verification.
func (v *Vault) AuditExport(ctx context.Context, w io.Writer) error {
	if _, err := v.AuditCheckpoint(ctx); err != nil {
		return err
	}
	e, err := v.begin(ctx, "audit.export")
	if err != nil {
		return err
	}
	return v.read(ctx, e, func(tx store.ReadTx) error { return audit.Export(tx, w) })
}

// AuditVerify recomputes the vault's log from its entries and checks the
// stored checkpoint's signature; with old, a checkpoint an auditor kept,
// it also proves that the log extends it.
func (v *Vault) AuditVerify(ctx context.Context, old []byte) (*audit.Report, error) {
	e, err := v.begin(ctx, "audit.verify")
	if err != nil {
		return nil, err
	}
	key, err := v.AuditVerifierKey()
	if err != nil {
		return nil, err
	}
	verifier, err := note.NewVerifier(key)
	if err != nil {
		return nil, err
	}
	var r *audit.Report
	err = v.read(ctx, e, func(tx store.ReadTx) (err error) {
		if old == nil {
			r, err = audit.VerifyStored(tx, verifier)
		} else {
			r, err = audit.VerifyStoredAgainst(tx, verifier, old)
		}
		return err
	})
	return r, err
}

// AuditProve returns a self-contained inclusion proof of entry seq under a
// newly signed checkpoint.
func (v *Vault) AuditProve(ctx context.Context, seq int64) ([]byte, error) {
	if _, err := v.AuditCheckpoint(ctx); err != nil {
		return nil, err
	}
	e, err := v.begin(ctx, "audit.prove")
	if err != nil {
		return nil, err
	}
	e.SetAttr("seq", fmt.Sprint(seq))
	var proof []byte
	err = v.read(ctx, e, func(tx store.ReadTx) (err error) {
		proof, err = audit.Prove(tx, seq)
		return err
	})
	return proof, err
}

// AuditHash returns the keyed MAC under which value would appear in the
// audit log, so an investigator can search the log for a known name or
// term. The request is audited with the MAC, never the value.
func (v *Vault) AuditHash(ctx context.Context, value string) (string, error) {
	e, err := v.begin(ctx, "audit.hash")
	if err != nil {
		return "", err
	}
	mac := v.auditMAC(value)
	e.SetAttr("mac", mac)
	if err := v.record(ctx, e, nil); err != nil {
		return "", err
	}
	return mac, nil
}
