package service

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/store"
)

var (
	// ErrNoActor is returned by operations whose context names no actor.
	ErrNoActor = errors.New("operation has no actor to audit")
	// ErrNotFound is returned for a record ID the vault does not hold.
	ErrNotFound = errors.New("no such record")
	// ErrNoPerson is returned for a witness key or pseudonym that names
	// no registered person.
	ErrNoPerson = errors.New("no such person")
	// ErrErased matches every *ErasedError.
	ErrErased = errors.New("erased")
	// ErrNoAttachment is returned for an attachment ID the record does
	// not hold.
	ErrNoAttachment = errors.New("no such attachment")
	// ErrNoUser is returned for a user name the vault does not know.
	ErrNoUser = errors.New("no such user")
	// ErrNoGrant is returned by RevokeDomain for a grant that does not
	// exist.
	ErrNoGrant = errors.New("no such domain grant")
	// ErrRange is returned for a byte range outside an attachment.
	ErrRange = errors.New("byte range outside the attachment")
	// ErrUserExists is returned by AddUser for a name already taken,
	// including by a revoked user: names in the audit log stay unambiguous.
	ErrUserExists = errors.New("user already exists")
	// ErrUserRevoked is returned by RotateToken for a revoked user: a
	// revoked name stays revoked; add a new user instead.
	ErrUserRevoked = errors.New("user is revoked; add a new user instead")
	// ErrUnauthenticated is returned for a token that is invalid, revoked
	// or expired; the answer is the same whatever the reason.
	ErrUnauthenticated = errors.New("invalid, revoked or expired token")
	// ErrReasonRequired is returned by Reidentify without a reason.
	ErrReasonRequired = errors.New("a reason is required to re-identify a person")
	// ErrPurposeRequired is returned by Export without a purpose.
	ErrPurposeRequired = errors.New("a purpose is required to export")
	// ErrNoConsent is returned for a view of a testimony that lacks the
	// consent the view requires; never to a researcher, who gets
	// ErrNotFound for it.
	ErrNoConsent = errors.New("the testimony does not carry the consent this view requires")
	// ErrDenied matches every *DeniedError.
	ErrDenied = errors.New("permission denied")
	// ErrInvalidArgument matches every *InvalidArgumentError.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrWrongPassphrase is returned when a passphrase does not unseal
	// the keyring.
	ErrWrongPassphrase = keyring.ErrWrongPassphrase
	// ErrSealedToOperators is returned when a passphrase is given for a
	// keyring sealed to operators, which only their shares open.
	ErrSealedToOperators = keyring.ErrSealedToOperators
	// ErrNotSealedToOperators is returned when operators' shares or
	// identities are given for a keyring sealed with a passphrase.
	ErrNotSealedToOperators = keyring.ErrNotSealedToOperators
	// ErrUnknownShare is returned for a share that is none of the
	// vault's operators'.
	ErrUnknownShare = keyring.ErrUnknownShare
	// ErrInUse is returned when another process has the vault open.
	ErrInUse = store.ErrInUse
	// ErrCorrupt is wrapped by errors about stored data that fails the
	// storage engine's own checks.
	ErrCorrupt = store.ErrCorrupt
	// ErrNoSpace is wrapped by errors of writes refused, or failed, for
	// want of space on the vault's file system. Nothing of the write is
	// kept, reads go on, and the same write succeeds once space is freed.
	ErrNoSpace = store.ErrNoSpace
)

// DeniedError reports an operation, view or domain the actor may not use.
// The denial is in the audit log.
type DeniedError struct {
	Role, Action, View string
	// Domain is a domain not granted to the actor.
	Domain string
	// NeedsReason is set when the policy lets the role perform Action
	// only with a reason (WithReason), and none was given.
	NeedsReason bool
}

func (e *DeniedError) Error() string {
	if e.NeedsReason {
		return fmt.Sprintf("permission denied: the policy requires role %q to give a reason to %s", e.Role, e.Action)
	}
	if e.Domain != "" {
		return fmt.Sprintf("permission denied: domain %q is not granted to you", e.Domain)
	}
	if e.View != "" {
		return fmt.Sprintf("permission denied: role %q may not use the %s view", e.Role, e.View)
	}
	return fmt.Sprintf("permission denied: role %q may not %s", e.Role, e.Action)
}

// Is makes errors.Is(err, ErrDenied) true for every denial.
func (e *DeniedError) Is(target error) bool { return target == ErrDenied }

// IntegrityError reports stored data that failed its integrity checks: it
// does not decrypt, or is not bound to where it is stored, or does not
// match its hash. The vault returns no data for it.
type IntegrityError struct {
	ID  string // the record (or other stored item) that failed
	Err error
}

func (e *IntegrityError) Error() string {
	return fmt.Sprintf("integrity error in record %s: %v", e.ID, e.Err)
}

func (e *IntegrityError) Unwrap() error { return e.Err }

// ErasedError reports a record, or one version of it, that Erase removed.
// Only an actor who may erase is told; anyone else gets ErrNotFound, as
// for a record the vault never held.
type ErasedError struct {
	ID      string
	Version int // 0 for the whole record
}

func (e *ErasedError) Error() string {
	if e.Version > 0 {
		return fmt.Sprintf("record %s: version %d was erased", e.ID, e.Version)
	}
	return fmt.Sprintf("record %s was erased", e.ID)
}

func (e *ErasedError) Is(target error) bool { return target == ErrErased }

// InvalidArgumentError reports an argument that an operation cannot take.
// Nothing was read or changed.
type InvalidArgumentError struct {
	// Arg names the argument or field, as a user would: "record ID",
	// "attachment ID", "range", "user name", "role", "expires", "note".
	Arg string
	// Value is the value given, quoted in the message; empty when it is
	// left out (it may be long, or name a person).
	Value string
	// Want says what is expected instead.
	Want string
	// Len is the length in bytes of the value given, when a check of its
	// size, encoding or syntax refused it; 0 otherwise. The audit log
	// records it (Attrs) where Value would be unsafe to keep.
	Len int
}

func (e *InvalidArgumentError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("invalid %s: %s", e.Arg, e.Want)
	}
	return fmt.Sprintf("invalid %s %q: %s", e.Arg, e.Value, e.Want)
}

// Attrs returns what an audit entry records of the refusal: the
// argument's name ("argument") and, when known, the value's length
// ("length"). Never the value, which may be anything a user typed.
func (e *InvalidArgumentError) Attrs() map[string]string {
	m := map[string]string{"argument": e.Arg}
	if e.Len > 0 {
		m["length"] = strconv.Itoa(e.Len)
	}
	return m
}

// Is makes errors.Is(err, ErrInvalidArgument) true for every
// *InvalidArgumentError.
func (e *InvalidArgumentError) Is(target error) bool { return target == ErrInvalidArgument }
