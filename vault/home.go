package vault

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/blob/fsblob"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/pgstore"
)

// A vault's home is where it lives, named by the string Init and Open
// take: a directory (the embedded default: keyring.age, a Badger database
// and a blob directory, see the package doc), or a PostgreSQL database
// named by a postgres:// or postgresql:// connection string, whose
// tables hold the sealed keyring, the store and the blobs (package
// pgstore). The keyring is the same age file in both; the store's values
// are sealed by the same layer. Only Badger encrypts the store again, so
// in a database the store's keys (schema.go: random IDs, blind indexes,
// user names) are in clear; none holds what a testimony says.

// IsDatabase reports whether home names a PostgreSQL database rather than
// a directory.
func IsDatabase(home string) bool {
	return strings.HasPrefix(home, "postgres://") || strings.HasPrefix(home, "postgresql://")
}

// HomeFrom returns the home that tvault's and tvaultd's options name: the
// flag --store (a database) or --vault (a directory), else the
// environment's TVAULT_STORE or TVAULT_DIR, looked up with getenv; "" if
// none is set. It fails if both flags are given, or if a store is not a
// database's connection string.
func HomeFrom(vaultFlag, storeFlag string, getenv func(string) string) (string, error) {
	if vaultFlag != "" && storeFlag != "" {
		return "", errors.New("--vault and --store both given")
	}
	for _, o := range []struct {
		name, value string
		database    bool
	}{
		{"--store", storeFlag, true}, {"--vault", vaultFlag, false},
		{"TVAULT_STORE", getenv("TVAULT_STORE"), true}, {"TVAULT_DIR", getenv("TVAULT_DIR"), false},
	} {
		switch {
		case o.value == "":
			continue
		case o.database && !IsDatabase(o.value):
			return "", fmt.Errorf("%s is not a postgres:// or postgresql:// connection string", o.name)
		}
		return o.value, nil
	}
	return "", nil
}

// notEmptyError is ErrExists for a home other than a directory.
type notEmptyError struct{ what string }

func (e notEmptyError) Error() string        { return e.what + " already holds tvault data" }
func (e notEmptyError) Is(target error) bool { return target == ErrExists }

// createHome makes a new home for the vault of k and opens its stores.
// writeKeyring stores the sealed keyring: Init's last step, since a home
// with a keyring is a complete vault and a failed init must leave none.
func createHome(ctx context.Context, home string, k *keyring.Keyring, stateDir string) (raw store.Store, blobs blob.Store, writeKeyring func([]byte) error, err error) {
	if IsDatabase(home) {
		s, err := pgstore.Create(ctx, home)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("failed to create vault database: %w", err)
		}
		empty, err := s.Empty(ctx)
		if err == nil && !empty {
			err = notEmptyError{"the database"}
		}
		if err != nil {
			s.Close()
			return nil, nil, nil, fmt.Errorf("failed to create vault: %w", err)
		}
		writeKeyring = func(sealed []byte) error { return s.SetKeyring(ctx, sealed) }
		return s, s.Blobs(), writeKeyring, nil
	}
	if err := makeVaultDir(home); err != nil {
		return nil, nil, nil, err
	}
	dbPath := filepath.Join(home, dbDir)
	// A record of the tables of another copy of the vault (the directory
	// a migration moved it from) says nothing of this new database.
	s, err := badgerstore.OpenWith(dbPath, keys.Derive(k.LineageRoot(), keys.Storage), badgerstore.Options{Tables: tablesFile(k.VaultID, stateDir), ForgetTables: true})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("failed to create database: %w", err)
	}
	s.KeepTables()
	writeKeyring = func(sealed []byte) error { return atomicfile.WriteFile(filepath.Join(home, keyringFile), sealed) }
	return s, fsblob.NewGuarded(filepath.Join(home, blobDir), s.Room), writeKeyring, nil
}

// How unseal opens a vault directory's database: checked against the
// record of its tables (see tablesFile); without it, read-only, for a
// look before a copy is accepted; without it, to record its tables
// afresh once accepted.
type tablesMode int

const (
	checkTables tablesMode = iota
	inspectTables
	forgetTables
)

// unseal opens the keyring, with passphrase or what opts give (see
// openKeyring), and the stores of the vault in home. The database's
// tables are checked against the record kept in opts.Isolated (the state
// directory if ""), as mode says.
func unseal(home, passphrase string, opts OpenOptions, mode tablesMode) (*Vault, error) {
	if IsDatabase(home) {
		return unsealDatabase(home, passphrase, opts)
	}
	sealed, err := os.ReadFile(filepath.Join(home, keyringFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("failed to open vault %s: %w", home, ErrNotVault)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to open vault: %w", err)
	}
	k, sealing, err := openKeyring(sealed, passphrase, opts)
	if err != nil {
		return nil, fmt.Errorf("failed to unseal vault: %w", err)
	}
	dbPath := filepath.Join(home, dbDir)
	if _, err := os.Stat(dbPath); err != nil {
		// Badger would create an empty database here; a vault whose
		// database is gone must not silently become an empty one.
		return nil, fmt.Errorf("failed to open vault database: %w", err)
	}
	stateDir, err := stateDirOf(k.VaultID, opts.Isolated)
	if err != nil {
		return nil, err
	}
	s, err := badgerstore.OpenWith(dbPath, keys.Derive(k.LineageRoot(), keys.Storage),
		badgerstore.Options{Tables: tablesFile(k.VaultID, stateDir), ForgetTables: mode != checkTables, ReadOnly: mode == inspectTables, AllowSuspect: true, Log: opts.Log})
	if err != nil {
		return nil, fmt.Errorf("failed to open vault database: %w", err)
	}
	v, err := New(k, s, fsblob.NewGuarded(filepath.Join(home, blobDir), s.Room))
	if err != nil {
		return nil, err
	}
	v.keySealing.Store(sealing)
	v.replaceKeyring = keyringReplacer(home)
	v.seal = v.keyringSealer(passphrase)
	v.home = home
	return v, nil
}

// sealedKeyring returns the vault's sealed keyring as its home keeps it:
// the file of a vault directory, the row of a database.
func (v *Vault) sealedKeyring(ctx context.Context) ([]byte, error) {
	if db, ok := v.raw.(*pgstore.Store); ok {
		return db.Keyring(ctx)
	}
	if v.home == "" {
		return nil, errors.New("the vault has no keyring: it was made by New")
	}
	return readSealed(v.home)
}

// keyringReplacer returns how a passphrase change replaces the keyring of
// the vault in home: atomically, in its directory; nil for a database
// (not built yet).
func keyringReplacer(home string) func(sealed []byte) error {
	if IsDatabase(home) {
		return nil
	}
	return func(sealed []byte) error { return atomicfile.ReplaceFile(filepath.Join(home, keyringFile), sealed) }
}

// unsealDatabase is unseal for a database. It names the database in no
// message: the connection string may hold a password.
func unsealDatabase(conn, passphrase string, opts OpenOptions) (*Vault, error) {
	s, sealed, err := openDatabase(context.Background(), conn)
	if err != nil {
		return nil, err
	}
	k, sealing, err := openKeyring(sealed, passphrase, opts)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("failed to unseal vault: %w", err)
	}
	v, err := New(k, s, s.Blobs())
	if err != nil {
		return nil, err
	}
	v.keySealing.Store(sealing)
	return v, nil
}

// openDatabase opens the store of the vault in the database conn, and
// reads its sealed keyring.
func openDatabase(ctx context.Context, conn string) (*pgstore.Store, []byte, error) {
	s, err := pgstore.Open(ctx, conn)
	if errors.Is(err, pgstore.ErrNoTables) {
		return nil, nil, fmt.Errorf("failed to open vault: the database holds no vault: %w", ErrNotVault)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("failed to open vault database: %w", err)
	}
	sealed, err := s.Keyring(ctx)
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("the database holds no keyring: %w", ErrNotVault)
	}
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("failed to open vault: %w", err)
	}
	return s, sealed, nil
}
