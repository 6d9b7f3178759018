package vault

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/store"
)

// Actor is who performs an operation. Every operation of a Vault needs
// one in its context (WithActor): without it the operation cannot be
// audited and fails.
type Actor struct {
	Name      string // user name; "local" for the operator of a local vault
	Role      string // officer, legal, researcher, auditor or admin
	Transport string // "local", "unix" or "https"
	RequestID string // correlates the audit entry with a daemon request; random if empty
}

// LocalOperator is the actor of the CLI's local mode: whoever unsealed the
// vault with its passphrase acts as an officer.
var LocalOperator = Actor{Name: "local", Role: "officer", Transport: "local"}

type actorKey struct{}

// WithActor returns a context carrying a for the Vault's operations.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ErrNoActor is returned by operations whose context names no actor.
var ErrNoActor = errors.New("operation has no actor to audit")

// newEntry starts the audit entry of an operation by the context's actor.
func newEntry(ctx context.Context, action string, targets ...string) (*audit.Entry, error) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	if !ok || a.Name == "" {
		return nil, ErrNoActor
	}
	req := a.RequestID
	if req == "" {
		b := make([]byte, 8)
		rand.Read(b)
		req = hex.EncodeToString(b)
	}
	return &audit.Entry{Actor: a.Name, Role: a.Role, Transport: a.Transport, RequestID: req,
		Action: action, Targets: targets, Outcome: audit.OutcomeOK}, nil
}

// DeniedError reports an operation or view the actor's role may not use.
// The denial is in the audit log.
type DeniedError struct {
	Role, Action, View string
}

func (e *DeniedError) Error() string {
	if e.View != "" {
		return fmt.Sprintf("permission denied: role %q may not use the %s view", e.Role, e.View)
	}
	return fmt.Sprintf("permission denied: role %q may not %s", e.Role, e.Action)
}

// Is makes errors.Is(err, ErrDenied) true for every denial.
func (e *DeniedError) Is(target error) bool { return target == ErrDenied }

// ErrDenied matches every *DeniedError.
var ErrDenied = errors.New("permission denied")

// localActions are the administrative and audit operations that whoever
// holds the passphrase of a local vault may always perform, whatever their
// role: they can read the keyring, so the policy cannot bind them there.
var localActions = map[string]bool{
	"policy.set": true, "user.add": true, "user.list": true, "user.revoke": true, "token.rotate": true,
	"audit.log": true, "audit.checkpoint": true, "audit.key": true, "audit.export": true,
	"audit.verify": true, "audit.prove": true,
}

// begin starts an operation: it builds the audit entry for the context's
// actor and checks the policy. A denial is recorded before it is returned.
func (v *Vault) begin(ctx context.Context, action string, targets ...string) (*audit.Entry, error) {
	e, err := newEntry(ctx, action, targets...)
	if err != nil {
		return nil, err
	}
	if e.Transport == LocalOperator.Transport && localActions[action] {
		return e, nil
	}
	if !v.policy().Allows(e.Role, action) {
		return nil, v.deny(ctx, e, &DeniedError{Role: e.Role, Action: action})
	}
	return e, nil
}

// deny records e as denied and returns err, or the failure to record it.
func (v *Vault) deny(ctx context.Context, e *audit.Entry, err error) error {
	e.Outcome = audit.OutcomeDenied
	e.SetAttr("policy", v.policy().Hash())
	if aerr := v.audit.Submit(ctx, e, nil); aerr != nil {
		return fmt.Errorf("failed to record the denial in the audit log: %w", aerr)
	}
	return err
}

// write runs fn and appends e in one durable transaction: the write and its
// audit entry commit together or not at all.
func (v *Vault) write(ctx context.Context, e *audit.Entry, fn func(tx store.Tx) error) error {
	return v.audit.Submit(ctx, e, fn)
}

// read runs fn on a snapshot, then records e (with fn's outcome) durably.
// Only when the entry is committed may the caller return what fn read:
// if it cannot be recorded, read fails (fail-closed).
func (v *Vault) read(ctx context.Context, e *audit.Entry, fn func(tx store.ReadTx) error) error {
	err := v.store.View(ctx, fn)
	return v.record(ctx, e, err)
}

// record appends e with the outcome of err and returns err, or the
// failure to record it.
func (v *Vault) record(ctx context.Context, e *audit.Entry, err error) error {
	if err != nil {
		e.Outcome = audit.OutcomeError
		e.SetAttr("error", errorClass(err))
	}
	if aerr := v.audit.Submit(ctx, e, nil); aerr != nil {
		return fmt.Errorf("failed to record the access in the audit log, so nothing is returned: %w", aerr)
	}
	return err
}

// errorClass names the kind of a failure for the audit log without
// copying its message, which may quote input.
func errorClass(err error) string {
	var ie *IntegrityError
	var bad *InvalidIDError
	switch {
	case errors.As(err, &ie), errors.Is(err, store.ErrCorrupt):
		return "integrity"
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrNoPerson), errors.Is(err, ErrNoAttachment):
		return "not-found"
	case errors.Is(err, ErrNoUser):
		return "not-found"
	case errors.Is(err, ErrUserRevoked):
		return "revoked"
	case errors.As(err, &bad), errors.Is(err, ErrReasonRequired), errors.Is(err, ErrPurposeRequired), errors.Is(err, ErrRange):
		return "invalid-argument"
	case errors.Is(err, ErrNoConsent):
		return "no-consent"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	}
	return "failed"
}

// auditOrigin names the vault's log in checkpoints.
func (v *Vault) auditOrigin() string { return "tvault/" + v.keys.VaultID }

// AuditVerifierKey returns the signed-note verifier key of the vault's audit
// log, which auditors use to check checkpoints, exports and proofs offline.
func (v *Vault) AuditVerifierKey() (string, error) {
	return verifierKey(v.keys.AuditKey)
}

// verifierKey derives the public verifier key from a signed-note Ed25519
// private key ("PRIVATE+KEY+name+hash+base64(1 || seed)"), which is all the
// keyring keeps.
func verifierKey(skey string) (string, error) {
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" {
		return "", errors.New("malformed audit key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return "", errors.New("malformed audit key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	return note.NewEd25519VerifierKey(parts[2], pub)
}

// auditMAC returns the keyed MAC under which a value that identifies a
// person may appear in the audit log.
func (v *Vault) auditMAC(value string) string {
	return audit.MACValue(keys.Derive(v.keys.Root, keys.AuditMAC), value)
}
