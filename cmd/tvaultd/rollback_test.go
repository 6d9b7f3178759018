package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// TestAuditorVerifiesFreshVault checks that an auditor's verify through
// the daemon passes on a new vault after some requests, with no
// checkpoint signed by hand: the checkpoint covers every entry.
func TestAuditorVerifiesFreshVault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	var log syncBuffer
	d := startDaemon(t, vaultDir, filepath.Join(t.TempDir(), "d.sock"), &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer := d.client(t, u.officer)
	ids, _, err := officer.Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, err := officer.Get(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.client(t, u.researcher).Get(ctx, ids[0]); !errors.Is(err, service.ErrDenied) {
		t.Fatalf("researcher's full view = %v, want a denial", err)
	}
	auditor := d.client(t, u.auditor)
	rep, err := auditor.AuditVerify(ctx, nil)
	if err != nil {
		t.Fatalf("auditor's verify on a fresh vault: %v", err)
	}
	if rep.CheckpointSize != rep.Size || rep.Size < int64(2+len(ids)) {
		t.Fatalf("the checkpoint covers %d of %d entries", rep.CheckpointSize, rep.Size)
	}
	// The checkpoint in the report is the vault's, signed with its key.
	key, err := auditor.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := note.NewVerifier(key)
	if err != nil {
		t.Fatal(err)
	}
	if tree, err := audit.OpenCheckpoint(rep.Checkpoint, verifier); err != nil || tree.N != rep.Size {
		t.Fatalf("the report's checkpoint: %v, %v entries; want %d", err, tree.N, rep.Size)
	}
	t.Logf("verified %d entries, all covered by the checkpoint", rep.Size)
}

// TestDaemonRefusesOlderCopy stops a daemon after some requests, puts an
// older copy of the vault in place, and starts it again: the unseal, by
// an operator or from the passphrase file at start, is refused with the
// error that says what to do, with no checkpoint kept by hand. The
// daemon kept the checkpoint of its last request, in its state directory
// and in the witness recorded at init.
func TestDaemonRefusesOlderCopy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	witness := t.TempDir()
	vaultDir := filepath.Join(t.TempDir(), "vault")
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	v, err := vault.Init(localCtx, vaultDir, testPass, vault.Options{Witnesses: []string{witness}})
	if err != nil {
		t.Fatal(err)
	}
	officer, err := v.AddUser(localCtx, "kim.officer", "officer", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup")
	if err := os.CopyFS(backup, os.DirFS(vaultDir)); err != nil {
		t.Fatal(err)
	}

	sock := filepath.Join(t.TempDir(), "d.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log)
	if err := d.client(t, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	c := d.client(t, officer)
	ids, _, err := c.Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	// Killed, not stopped: the checkpoint of every request that was
	// answered is kept already.
	d.cmd.Process.Kill()
	<-d.done
	d.done <- nil

	if err := os.RemoveAll(vaultDir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(vaultDir, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	d = startDaemon(t, vaultDir, sock, &log)
	err = d.client(t, "").Unseal(ctx, testPass)
	if !errors.Is(err, audit.ErrLogOlder) || !strings.Contains(err.Error(), "rollback detected") ||
		!strings.Contains(err.Error(), `"tvault restore accept --reason TEXT"`) {
		t.Fatalf("unseal of an older copy = %v, want the rollback error", err)
	}
	t.Logf("unseal: %v", err)
	if sealed, err := d.client(t, "").Health(ctx); err != nil || !sealed {
		t.Fatalf("after the refused unseal: sealed %v, %v", sealed, err)
	}
	if err := d.stop(t, syscall.SIGTERM); err != nil {
		t.Fatalf("tvaultd exit: %v\n%s", err, log.String())
	}

	// Started with the passphrase file, it refuses to start at all.
	cmd := exec.Command(daemonBin, "--vault", vaultDir, "--listen", "unix:"+sock)
	cmd.Env = append(os.Environ(), "TVAULT_PASSPHRASE_FILE="+passFile(t))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "tvaultd: error: rollback detected") {
		t.Fatalf("tvaultd on an older copy: %v\n%s", err, out)
	}

	// The witness alone refuses it too, where this machine's state is
	// gone (restored with the vault, say).
	state := t.TempDir()
	cmd = exec.Command(daemonBin, "--vault", vaultDir, "--listen", "unix:"+sock)
	cmd.Env = append(os.Environ(), "TVAULT_PASSPHRASE_FILE="+passFile(t), "TVAULT_STATE_DIR="+state)
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "the witness "+witness+" saw") {
		t.Fatalf("tvaultd on an older copy, with only the witness: %v\n%s", err, out)
	}

	// Accepted on purpose, it serves again.
	if _, _, err := vault.AcceptRollback(localCtx, vaultDir, testPass, "restored the backup", vault.OpenOptions{}); err != nil {
		t.Fatal(err)
	}
	d = startDaemon(t, vaultDir, sock, &log)
	if err := d.client(t, "").Unseal(ctx, testPass); err != nil {
		t.Fatalf("unseal after accepting: %v", err)
	}
}
