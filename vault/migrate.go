package vault

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tvault/tvault/vault/store/pgstore"
)

// Migrate copies the vault into dest, a new home (home.go): a PostgreSQL
// database for a vault directory, and a directory, or another database,
// for a vault in a database. dest must hold no vault, as for Init: a
// directory must not exist or be empty, a database must hold no tvault
// data (ErrExists otherwise).
//
// The copy is a backup (backup.go) streamed from this vault into dest's
// stores without a file between them, so it is everything a backup is:
// one snapshot of every store value, still sealed (the sealed layer binds
// a value to its key, not to the backend), every attachment's blob under
// its name, in bounded memory, the audit log up to the checkpoint the
// copy ends at, and the sealed keyring as it is, written last so that a
// copy cut off is not a vault. It is audited as "migrate", with
// the kind of dest ("database" or "directory") as the entry's "to",
// never its name (a connection string may hold a password); the copy
// holds that entry, and this vault is changed by nothing else.
//
// The copy is the same vault, with the same log: the checkpoint kept of
// the vault (rollback.go) covers it, and once the copy is written to (a
// check of it is), the vault it was copied from is refused as an older
// copy wherever the copy's newer checkpoint is kept. A vault directory
// made by Migrate records its Badger tables in the state directory, as
// Init does. Migrate does not open the copy: the caller checks it
// (OpenWith, then Check). If Migrate fails, a directory it made is
// removed; a database keeps what was written, without a keyring, to be
// dropped before trying again.
func (v *Vault) Migrate(ctx context.Context, dest string) (*BackupReport, error) {
	to := "directory"
	if IsDatabase(dest) {
		to = "database"
	}
	_, fromDatabase := v.raw.(*pgstore.Store)
	switch {
	case v.home == "" && !fromDatabase:
		return nil, errors.New("migrate copies a vault in a directory or a database")
	case v.home != "" && to == "directory":
		return nil, errors.New("migrate copies a vault directory into a database: copy a directory with backup and restore")
	}
	if db, ok := v.raw.(*pgstore.Store); ok {
		// What others write during the copy would be in the database and
		// not in the copy: the copy would be a rollback of it.
		n, err := db.Others(ctx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, fmt.Errorf("%d other processes have the vault's database open: stop every tvaultd serving it, and wait for local commands to end, before migrating it", n)
		}
	}
	k := v.secrets()
	stateDir := ""
	if v.kept != nil {
		stateDir = v.kept.stateDir
	}
	raw, blobs, writeKeyring, err := createHome(ctx, dest, k, stateDir)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	sent := make(chan error, 1)
	go func() {
		_, err := v.backup(ctx, pw, "migrate", map[string]string{"to": to})
		pw.CloseWithError(err)
		sent <- err
	}()
	rep, sealed, err := copyBackup(ctx, pr, raw, blobs)
	// A failed copy stops the backup's writes; a failed backup is the
	// cause of the copy's failure.
	pr.CloseWithError(errCopyStopped)
	if serr := <-sent; serr != nil && !errors.Is(serr, errCopyStopped) {
		err = fmt.Errorf("failed to read the vault: %w", serr)
	}
	if err == nil {
		err = writeKeyring(sealed)
	}
	err = errors.Join(err, raw.Close())
	if err != nil {
		if to == "directory" {
			err = errors.Join(err, os.RemoveAll(dest))
		}
		return nil, fmt.Errorf("failed to migrate the vault: %w", err)
	}
	return rep, nil
}

// errCopyStopped ends the backup of a migration whose copy failed.
var errCopyStopped = errors.New("the copy stopped")
