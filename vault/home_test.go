package vault

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/pgstore"
	"github.com/tvault/tvault/vault/testimony"
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
// is refused, and a wrong passphrase unseals nothing.
func TestDatabaseHome(t *testing.T) {
	conn := pgtest.Conn(t)
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
	// Another process may open it meanwhile (TestDatabaseShared).
	other, err := Open(conn, testPass)
	if err != nil {
		t.Fatalf("Open while open: %v", err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
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

// twoEngines returns a new vault in a database of its own and two
// engines open on it, as two daemons would have, closed at the end of
// the test.
func twoEngines(t *testing.T) (conn string, a, b *Vault) {
	t.Helper()
	conn = pgtest.Conn(t)
	a, err := Init(ctx, conn, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err = Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return conn, a, b
}

// TestDatabaseShared opens one vault in a database as two engines, as two
// daemons would: writes through both at once make one gapless log that
// verifies, and what one changes (users, the policy, the escrow set)
// applies on the other from its next request.
func TestDatabaseShared(t *testing.T) {
	t.Parallel()
	conn, a, b := twoEngines(t)
	if a.shared.Alone() || b.shared.Alone() {
		t.Fatal("an open engine holds the database alone")
	}

	fx := loadFixtures(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := []*Vault{a, b}[i%2]
			ids, _, err := v.Put(ctx, fx[i%len(fx):i%len(fx)+1])
			if err == nil {
				_, err = []*Vault{b, a}[i%2].Get(ctx, ids[0])
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := b.AuditVerify(ctx, nil)
	if err != nil {
		t.Fatalf("AuditVerify: %v", err)
	}
	// init, 8 puts, 8 gets; the verification records itself after.
	if r.Size != 17 {
		t.Errorf("log of %d entries, want 17", r.Size)
	}

	token, err := a.AddUser(ctx, "kim", "officer", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Authenticate(connCtx, token); err != nil {
		t.Fatalf("Authenticate through the other engine: %v", err)
	}
	if err := a.RevokeUser(ctx, "kim"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Authenticate(connCtx, token); !errors.Is(err, service.ErrUnauthenticated) {
		t.Fatalf("Authenticate of a user revoked through the other engine = %v", err)
	}

	p := policy.Default()
	g := p.Roles[policy.Officer]
	g.Operations = slices.DeleteFunc(slices.Clone(g.Operations), func(op string) bool { return op == "list" })
	p.Roles[policy.Officer] = g
	if err := a.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	officer := service.WithActor(context.Background(), service.Actor{Name: "lee", Role: policy.Officer, Transport: "unix", RequestID: "req-2"})
	if _, err := b.List(officer, ""); !errors.Is(err, service.ErrDenied) {
		t.Fatalf("List under a policy set through the other engine = %v, want ErrDenied", err)
	}

	// b encrypts to the escrow set it holds; a changes it before b's
	// write commits: b's write is refused, not left out of the
	// re-encryption.
	_, check, done := b.sealing()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.EscrowAdd(ctx, id.Recipient().String(), nil); err != nil {
		t.Fatal(err)
	}
	err = b.store.View(ctx, func(tx store.ReadTx) error { return check(tx) })
	done()
	if !errors.Is(err, errEscrowChanged) {
		t.Fatalf("check after another engine's escrow change = %v, want errEscrowChanged", err)
	}
	set, err := b.Escrow(ctx)
	if err != nil || len(set.Recipients) != 1 || set.Recipients[0] != id.Recipient().String() {
		t.Fatalf("Escrow through the other engine = %+v, %v", set, err)
	}

	// An operator's seal through a: b refuses its next operation, and an
	// engine opened afterwards does not.
	if err := a.RecordEvent(ctx, "operator.seal", audit.OutcomeOK, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Users(ctx); !errors.Is(err, ErrSealedElsewhere) {
		t.Fatalf("Users after a seal through the other engine = %v, want ErrSealedElsewhere", err)
	}
	c, err := Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Users(ctx); err != nil {
		t.Fatalf("Users of an engine opened after the seal: %v", err)
	}
}

// TestDatabaseBackup backs up a vault in a database, attachment included,
// while another engine has it open, and restores it as a directory on a
// new machine (a state directory of its own).
func TestDatabaseBackup(t *testing.T) {
	conn := pgtest.Conn(t)
	v, err := Init(ctx, conn, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ids, _, err := v.Put(ctx, loadFixtures(t)[:2])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Attach(ctx, ids[0], strings.NewReader("a recording"), service.KindDocument, "", "text/plain"); err != nil {
		t.Fatal(err)
	}
	other, err := Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	out := filepath.Join(t.TempDir(), "vault.tvb")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Backup(ctx, f); err != nil {
		t.Fatalf("Backup of a vault in a database: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	vkey, err := v.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := VerifyBackup(bytes.NewReader(data), vkey, nil); err != nil || rep.Blobs != 1 {
		t.Fatalf("VerifyBackup = %+v, %v", rep, err)
	}
	ownState(t)
	dir := filepath.Join(t.TempDir(), "restored")
	if _, err := Restore(ctx, out, dir, testPass); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, id := range ids {
		if _, err := r.Get(ctx, id); err != nil {
			t.Errorf("Get of the restored copy: %v", err)
		}
	}
}

// TestDatabaseOpenSweeps checks that an open cleans up the blob store only
// while no other process has the database open: an upload under way in
// another process is left alone, and one a crash cut off is removed by
// the next open alone.
func TestDatabaseOpenSweeps(t *testing.T) {
	conn := pgtest.Conn(t)
	a, err := Init(ctx, conn, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := a.blobs.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("under way")); err != nil {
		t.Fatal(err)
	}
	b, err := Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(); err != nil {
		t.Fatalf("Commit of an upload under way while another process opened the vault: %v", err)
	}
	cut, err := b.blobs.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cut.Write([]byte("cut off")); err != nil {
		t.Fatal(err)
	}
	// Neither commits nor aborts: a crash.
	if err := errors.Join(a.Close(), b.Close()); err != nil {
		t.Fatal(err)
	}
	c, err := Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, err := c.blobs.Sweep(ctx); err != nil || n != 0 {
		t.Errorf("Sweep after an open alone = %d, %v; want 0: the open swept already", n, err)
	}
}

// TestDatabaseSharedRegistry checks that an engine's registry cache
// follows the persons another engine on the same database writes: a
// researcher view through b hides a name registered through a, also
// when b's own write of persons commits after a's and before b read the
// registry mark again.
func TestDatabaseSharedRegistry(t *testing.T) {
	_, a, b := twoEngines(t)
	witness := doc(tperson("W-1", "Kim Eunju"))
	witness.Narrative = registryNarrative
	ids, _, err := a.Put(ctx, []*testimony.Testimony{witness})
	if err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, b, "study")
	if got := researcherView(t, b, researcher, ids[0]); !strings.Contains(got, "Choi Suvin") {
		t.Fatalf("view before Choi Suvin is registered hides the name: %s", got)
	}
	if _, _, err := a.Put(ctx, []*testimony.Testimony{doc(tperson("W-2", "Choi Suvin"))}); err != nil {
		t.Fatal(err)
	}
	if got := researcherView(t, b, researcher, ids[0]); strings.Contains(got, "Choi Suvin") {
		t.Fatalf("view through b shows a name registered through a: %s", got)
	}

	// b writes a person (W-1, unchanged) and a registry mark, as auditor
	// does, without the refresh an operation begins with, after a
	// registered Lee Hana.
	w1, err := b.PersonByKey(ctx, "W-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Put(ctx, []*testimony.Testimony{doc(tperson("W-3", "Lee Hana"))}); err != nil {
		t.Fatal(err)
	}
	err = watchedStore{b.store, b}.Update(ctx, func(tx store.Tx) error {
		raw, err := tx.Get(personKey(w1.ID))
		if err != nil {
			return err
		}
		if err := tx.Set(personKey(w1.ID), raw); err != nil {
			return err
		}
		return tx.Set(registryMarkKey, []byte("a mark of b's own"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := researcherView(t, b, researcher, ids[0]); strings.Contains(got, "Lee Hana") {
		t.Fatalf("view through b shows a name registered through a before b's own write of persons: %s", got)
	}
}

// TestDatabaseRolledBackWhileOpen puts an older copy of the database in
// place under two open engines (as a restored dump or a failover to a
// standby that lacked the latest commits would): neither may append to
// it, and the checkpoint kept stays the newer one, so that an open
// afterwards is refused too.
func TestDatabaseRolledBackWhileOpen(t *testing.T) {
	conn, a, b := twoEngines(t)
	fx := loadFixtures(t)
	if _, _, err := a.Put(ctx, fx[:1]); err != nil {
		t.Fatal(err)
	}
	type kv struct{ k, v []byte }
	var snap []kv
	err := a.raw.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func(k, v []byte) error {
			snap = append(snap, kv{bytes.Clone(k), bytes.Clone(v)})
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Put(ctx, fx[1:2]); err != nil {
		t.Fatal(err)
	}
	err = a.raw.Update(ctx, func(tx store.Tx) error {
		var keys [][]byte
		if err := tx.Scan(nil, func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil }); err != nil {
			return err
		}
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		for _, p := range snap {
			if err := tx.Set(p.k, p.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]*Vault{"a": a, "b": b} {
		var re *RollbackError
		if _, _, err := v.Put(ctx, fx[2:3]); !errors.As(err, &re) {
			t.Errorf("Put through %s on the older database = %v, want a *RollbackError", name, err)
		}
	}
	var re *RollbackError
	if c, err := Open(conn, testPass); !errors.As(err, &re) {
		if err == nil {
			c.Close()
		}
		t.Errorf("Open of the older database after the refused writes = %v, want a *RollbackError", err)
	}
}
