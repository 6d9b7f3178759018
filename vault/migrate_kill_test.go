package vault

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
)

// TestApplyMigrationKilled kills a process applying each migration
// (SIGKILL, from its progress callback) after its first transaction of
// blocks, then opens the vault: it checks clean, says the migration is
// unfinished, and applying it again finishes it.
func TestApplyMigrationKilled(t *testing.T) {
	t.Parallel()
	if dir := os.Getenv("TVAULT_TEST_MIGRATE_DIR"); dir != "" {
		killedMigration(t, dir, os.Getenv("TVAULT_TEST_MIGRATION"))
		return
	}
	v, dir := newOldTestVault(t)
	// Two blocks of hashes, two transactions of their conversion: 2 x
	// 4,096 stored hashes, about two an entry; 16 blocks of entries.
	growLog(t, v, 2*4096/2+100)
	closeTest(t, v)
	for _, name := range []string{format.AuditHashBlocks, format.AuditEntryBlocks} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestApplyMigrationKilled$")
		cmd.Env = append(os.Environ(), "TVAULT_TEST_MIGRATE_DIR="+dir, "TVAULT_TEST_MIGRATION="+name)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("%s: the migration was not killed: %v\n%s", name, err, out)
		}

		v, err = Open(dir, testPass)
		if err != nil {
			t.Fatal(err)
		}
		if st := stateOf(t, v, name); st != service.MigrationUnfinished {
			t.Errorf("%s: state after the kill = %q", name, st)
		}
		if r := check(t, v, false); !r.OK() {
			t.Errorf("%s: a migration killed mid-way: %v", name, r.Problems)
		}
		rep, err := v.ApplyMigration(ctx, name, nil)
		if err != nil || rep.Done == 0 || rep.Done != rep.Total {
			t.Fatalf("%s: ApplyMigration after the kill = %+v, %v", name, rep, err)
		}
		checkConverted(t, v, name)
		closeTest(t, v)
	}
}

// killedMigration is the child of TestApplyMigrationKilled: it applies
// the migration name to the vault in dir and kills itself once the first
// transaction of blocks has committed.
func killedMigration(t *testing.T, dir, name string) {
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.ApplyMigration(ctx, name, func(service.MigrationReport) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	})
	t.Fatalf("ApplyMigration returned %v", err)
}
