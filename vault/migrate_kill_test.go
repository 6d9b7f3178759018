package vault

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
)

// TestApplyMigrationKilled kills a process applying audit-hash-blocks
// (SIGKILL, from its progress callback) after its first transaction of
// blocks, then opens the vault: it checks clean, says the migration is
// unfinished, and applying it again finishes it.
func TestApplyMigrationKilled(t *testing.T) {
	if dir := os.Getenv("TVAULT_TEST_MIGRATE_DIR"); dir != "" {
		killedMigration(t, dir)
		return
	}
	v, dir := newOldTestVault(t)
	// Two blocks, two transactions of the conversion: 2 x 4,096 stored
	// hashes, about two an entry.
	growLog(t, v, 2*4096/2+100)
	closeTest(t, v)
	cmd := exec.Command(os.Args[0], "-test.run=^TestApplyMigrationKilled$")
	cmd.Env = append(os.Environ(), "TVAULT_TEST_MIGRATE_DIR="+dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the migration was not killed: %v\n%s", err, out)
	}

	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if st := hashBlocksState(t, v); st != service.MigrationUnfinished {
		t.Errorf("state after the kill = %q", st)
	}
	if r := check(t, v, false); !r.OK() {
		t.Errorf("a migration killed mid-way: %v", r.Problems)
	}
	rep, err := v.ApplyMigration(ctx, format.AuditHashBlocks, nil)
	if err != nil || rep.Done == 0 || rep.Done != rep.Total {
		t.Fatalf("ApplyMigration after the kill = %+v, %v", rep, err)
	}
	checkConverted(t, v)
	if st := hashBlocksState(t, v); st != service.MigrationDone {
		t.Errorf("state at the end = %q", st)
	}
}

// killedMigration is the child of TestApplyMigrationKilled: it applies
// audit-hash-blocks to the vault in dir and kills itself once the first
// transaction of blocks has committed.
func killedMigration(t *testing.T, dir string) {
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.ApplyMigration(ctx, format.AuditHashBlocks, func(service.MigrationReport) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	})
	t.Fatalf("ApplyMigration returned %v", err)
}
