package vault

import (
	"errors"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store/pgstore"
)

func TestHomeFrom(t *testing.T) {
	const db = "postgres://tvault@db/tvault"
	for _, tt := range []struct {
		name, vault, store string
		env                map[string]string
		want, err          string
	}{
		{name: "none"},
		{name: "vault flag", vault: "/v", env: map[string]string{"TVAULT_STORE": db}, want: "/v"},
		{name: "store flag", store: db, env: map[string]string{"TVAULT_DIR": "/v"}, want: db},
		{name: "store env first", env: map[string]string{"TVAULT_DIR": "/v", "TVAULT_STORE": db}, want: db},
		{name: "dir env", env: map[string]string{"TVAULT_DIR": "/v"}, want: "/v"},
		{name: "postgresql scheme", store: "postgresql://h/d", want: "postgresql://h/d"},
		{name: "both flags", vault: "/v", store: db, err: "--vault and --store both given"},
		{name: "store flag not a database", store: "/v", err: "--store is not a postgres:// or postgresql:// connection string"},
		{name: "store env not a database", env: map[string]string{"TVAULT_STORE": "host=/tmp"}, err: "TVAULT_STORE is not a postgres:// or postgresql:// connection string"},
	} {
		got, err := HomeFrom(tt.vault, tt.store, func(k string) string { return tt.env[k] })
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) {
			t.Errorf("%s: HomeFrom = %q, %v; want %q, %q", tt.name, got, err, tt.want, tt.err)
		}
	}
}

// TestDatabaseHome checks Init and Open of a vault in a database: a
// database without a vault is refused and left as it was, a second Init
// and a second Open are refused, and a wrong passphrase unseals nothing.
func TestDatabaseHome(t *testing.T) {
	conn := pgtest.Conn(t)
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	if _, err := Open(conn, testPass); !errors.Is(err, ErrNotVault) {
		t.Fatalf("Open of an empty database = %v, want ErrNotVault", err)
	}
	if _, err := pgstore.Open(ctx, conn); !errors.Is(err, pgstore.ErrNoTables) {
		t.Fatalf("after a failed Open, the database holds tables: %v", err)
	}

	v, err := Init(ctx, conn, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fx := loadFixtures(t)
	ids, _, err := v.Put(ctx, fx[:1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(conn, testPass); !errors.Is(err, service.ErrInUse) {
		t.Fatalf("Open while open = %v, want ErrInUse", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(ctx, conn, testPass, Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("second Init = %v, want ErrExists", err)
	}
	if _, err := Open(conn, "wrong"); !errors.Is(err, keyring.ErrWrongPassphrase) {
		t.Fatalf("Open with a wrong passphrase = %v", err)
	}
	v, err = Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.Get(ctx, ids[0]); err != nil {
		t.Fatalf("Get after reopening: %v", err)
	}
}
