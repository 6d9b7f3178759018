// Package diskspace tells how much room a file system has left, and
// names the error of a write that found none.
package diskspace

import (
	"errors"
	"syscall"
)

// ErrNoSpace is matched by every error of a write refused, or failed, for
// want of space on the vault's file system. Nothing of such a write is
// kept.
var ErrNoSpace = errors.New("no space left on the vault's file system")

// Wrap returns err so that errors.Is(err, ErrNoSpace) holds when err is
// the failure of a write for want of space (ENOSPC, or EDQUOT: a quota is
// a full disk to its user); otherwise it returns err as it is. The text
// stays err's.
func Wrap(err error) error {
	if err == nil || errors.Is(err, ErrNoSpace) {
		return err
	}
	if Full(err) {
		return &noSpaceError{err}
	}
	return err
}

// Full reports whether err is the failure of a write for want of space on
// any file system (ENOSPC or EDQUOT), whether Wrap marked it or not.
func Full(err error) bool {
	return errors.Is(err, ErrNoSpace) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

type noSpaceError struct{ err error }

func (e *noSpaceError) Error() string        { return e.err.Error() }
func (e *noSpaceError) Unwrap() error        { return e.err }
func (e *noSpaceError) Is(target error) bool { return target == ErrNoSpace }
