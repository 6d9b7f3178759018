package vault

import "errors"

var (
	// ErrNotVault is returned by Open for a directory that holds no vault.
	ErrNotVault = errors.New("not a tvault vault")
	// ErrExists is returned by Init for a directory that is not empty.
	ErrExists = errors.New("directory exists and is not empty")
)
