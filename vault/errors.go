package vault

import (
	"errors"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

var (
	// ErrNotVault is returned by Open for a directory that holds no vault.
	ErrNotVault = errors.New("not a tvault vault")
	// ErrExists is returned by Init for a directory that is not empty.
	ErrExists = errors.New("directory exists and is not empty")
	// ErrTableReplaced is wrapped by the error of Open for a vault whose
	// database holds a table file other than the one this machine
	// recorded: an older or another copy's table put in its place.
	ErrTableReplaced = badgerstore.ErrTableReplaced
)

// integrity returns err as an integrity error of record id when it is
// damage the store found, and err unchanged otherwise (an integrity error
// already is one).
func integrity(id string, err error) error {
	var ie *service.IntegrityError
	if errors.Is(err, store.ErrCorrupt) && !errors.As(err, &ie) {
		return &service.IntegrityError{ID: id, Err: err}
	}
	return err
}
