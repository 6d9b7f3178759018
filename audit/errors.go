package audit

import (
	"errors"
	"fmt"
)

// Errors that verification returns, wrapped with what was found. A
// verification that fails for any other reason (a malformed file, a
// storage error) returns some other error.
var (
	// ErrBadSignature means that a checkpoint is not validly signed by the
	// log's key.
	ErrBadSignature = errors.New("checkpoint signature is invalid")
	// ErrOtherLog means that a checkpoint names another log.
	ErrOtherLog = errors.New("checkpoint is from another log")
	// ErrLogOlder means that the log has fewer entries than a checkpoint
	// says it had: it was cut short or rolled back to an older copy.
	ErrLogOlder = errors.New("log is older than the checkpoint")
	// ErrInconsistent means that the entries do not hash to a checkpoint's
	// root: the log, or its history before the checkpoint, was rewritten.
	ErrInconsistent = errors.New("log is inconsistent with the checkpoint")
	// ErrNoCheckpoint means that the log has entries but no signed
	// checkpoint, or none that covers the entry asked for.
	ErrNoCheckpoint = errors.New("log has no signed checkpoint")
)

// olderError reports a log of n entries checked against a checkpoint of m.
func olderError(n, m int64) error {
	return fmt.Errorf("%w: size %d < %d", ErrLogOlder, n, m)
}

// An EntryError reports an entry that was changed, dropped, repeated,
// reordered or added: it does not parse canonically, is not at its own
// position, or its hash does not match the tree.
type EntryError struct {
	Seq int64 // position of the entry in the log
	Err error
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("audit entry %d: %v", e.Seq, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

var (
	errMissing      = errors.New("entry is missing")
	errHashMismatch = errors.New("hash does not match the committed tree")
)
