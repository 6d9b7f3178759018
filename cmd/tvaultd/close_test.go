package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/vault"
)

// serveDeleted serves a vault, unsealed, then deletes its directory: the
// vault is open with its log's last entry (the unseal's) in Badger's
// memtable, for its close to flush. The test's end gives Badger its
// directory back, for the vault's close to finish.
func serveDeleted(t *testing.T, closeTimeout time.Duration) (s *server, log *syncBuffer, sock string, u users, v *vault.Vault, dir string) {
	t.Helper()
	sock = filepath.Join(t.TempDir(), "s.sock")
	ln, err := listenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	dir, u = newVault(t, time.Hour)
	s, log = serveConfig(t, ln, config{dir: dir, transport: "unix", maxInFlight: 8,
		authFailures: 10, authWindow: time.Minute, sealTimeout: time.Second, closeTimeout: closeTimeout})
	if err := newClient(t, sock, "").Unseal(context.Background(), testPass); err != nil {
		t.Fatal(err)
	}
	v = s.cur.Load().v
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.MkdirAll(filepath.Join(dir, "db"), 0o700)
		v.Close()
	})
	return s, log, sock, u, v, dir
}

// TestShutdownVaultDeleted checks that a shutdown keeps its deadline
// when the vault's directory was deleted under the daemon, which
// Badger's close then retries for ever to flush its memtable into: the
// shutdown's seal (server.close, as run calls it) returns after the close
// timeout with errNotClosed, and the log says the vault was not closed.
// Before the close had a deadline, tvaultd hung on SIGTERM.
func TestShutdownVaultDeleted(t *testing.T) {
	t.Parallel()
	const closeTimeout = 300 * time.Millisecond
	s, log, _, _, v, dir := serveDeleted(t, closeTimeout)

	closed := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := s.close()
		closed <- err
	}()
	var took time.Duration
	var err error
	select {
	case err = <-closed:
		took = time.Since(start)
	case <-time.After(closeTimeout + 10*time.Second):
		took = time.Since(start)
		err = errors.New("still closing")
	}
	// Let the close in the background finish, as it can once Badger has
	// a directory to flush into again, and wait for it.
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o700); err != nil {
		t.Fatal(err)
	}
	v.Close()

	if !errors.Is(err, errNotClosed) {
		t.Fatalf("shutdown of a daemon whose vault was deleted: %v after %v, want errNotClosed after %v", err, took, closeTimeout)
	}
	if !strings.Contains(log.String(), `"msg":"vault not closed"`) {
		t.Errorf("the log does not say the vault was not closed:\n%s", log)
	}
}

// TestShutdownSealDeadline checks that a shutdown's seal keeps its
// deadline even when the storage holds the seal itself up, as it holds
// an unseal opening it (server.sealMu): sealWithin gives up, and logs.
func TestShutdownSealDeadline(t *testing.T) {
	var log syncBuffer
	s := newServer(config{log: slog.New(slog.NewJSONHandler(&log, nil)), maxInFlight: 1})
	s.sealMu.Lock() // an unseal that the storage holds
	defer s.sealMu.Unlock()
	start := time.Now()
	_, err := sealWithin(s, 100*time.Millisecond, s.cfg.log)
	if took := time.Since(start); !errors.Is(err, errNotClosed) || took > 5*time.Second {
		t.Fatalf("sealWithin = %v after %v, want errNotClosed after 100ms", err, took)
	}
	if !strings.Contains(log.String(), `"msg":"vault not sealed"`) {
		t.Errorf("the log does not say the vault was not sealed:\n%s", log.String())
	}
}

// TestSealVaultDeleted checks that an admin can seal a daemon whose
// vault's directory was deleted under it, when the token check can no
// longer read the users from the store: the seal wipes the keys, and
// other users' tokens and bad ones are still refused.
func TestSealVaultDeleted(t *testing.T) {
	t.Parallel()
	s, log, sock, u, _, _ := serveDeleted(t, 300*time.Millisecond)
	ctx := context.Background()
	for _, tok := range []string{u.officer, "tvt_" + strings.Repeat("A", 43), ""} {
		if _, err := newClient(t, sock, tok).Seal(ctx); err == nil || s.sealed() {
			t.Fatalf("seal with a token not an admin's: %v, sealed %v", err, s.sealed())
		}
	}
	// The seal answers that the storage did not finish closing, as a
	// shutdown logs it (TestShutdownVaultDeleted).
	if _, err := newClient(t, sock, u.admin).Seal(ctx); err != nil && !strings.HasPrefix(err.Error(), "sealed, but "+errNotClosed.Error()) {
		t.Fatalf("an admin's seal of a daemon whose vault was deleted: %v", err)
	}
	if !s.sealed() {
		t.Fatal("the daemon is not sealed")
	}
	if !strings.Contains(log.String(), `"msg":"sealed"`) {
		t.Errorf("the log does not say the daemon sealed:\n%s", log)
	}
	if !strings.Contains(log.String(), `"msg":"seal not audited"`) {
		t.Errorf("the log does not say the seal was not audited:\n%s", log)
	}
}
