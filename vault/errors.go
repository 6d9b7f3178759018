package vault

import (
	"errors"
	"fmt"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/store"
)

var (
	// ErrWrongPassphrase is returned by Open when the passphrase does not
	// unseal the keyring.
	ErrWrongPassphrase = keyring.ErrWrongPassphrase
	// ErrInUse is returned by Open when another process has the vault open.
	ErrInUse = store.ErrInUse
	// ErrNotFound is returned for a record ID the vault does not hold.
	ErrNotFound = errors.New("no such record")
	// ErrNotVault is returned by Open for a directory that holds no vault.
	ErrNotVault = errors.New("not a tvault vault")
	// ErrExists is returned by Init for a directory that is not empty.
	ErrExists = errors.New("directory exists and is not empty")
)

// IntegrityError reports a stored record that failed its integrity checks:
// it does not decrypt, or is not bound to the ID and version it is stored
// under, or does not match its hash. The vault returns no data for it.
type IntegrityError struct {
	ID  string
	Err error
}

func (e *IntegrityError) Error() string {
	return fmt.Sprintf("integrity error in record %s: %v", e.ID, e.Err)
}

func (e *IntegrityError) Unwrap() error { return e.Err }

// InvalidIDError reports a string that is not a record ID.
type InvalidIDError struct{ ID string }

func (e *InvalidIDError) Error() string {
	return fmt.Sprintf("invalid record ID %q: want %d lowercase letters and digits 2-7", e.ID, idLen)
}
