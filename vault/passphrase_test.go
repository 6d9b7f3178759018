package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

const newPass = "orbit crane velvet mosaic thunder"

// TestPassphraseChangeCrash kills a process changing the passphrase
// (SIGKILL, from atomicfile's step hook) after each step of the keyring's
// replacement, then opens the vault: it opens with exactly one of the two
// passphrases, the old one until the rename, the new one from then on.
// SIGKILL loses no page cache, so this checks the order of the steps, not
// what a power loss does to a file system (that is fsync's part).
func TestPassphraseChangeCrash(t *testing.T) {
	t.Parallel()
	if dir := os.Getenv("TVAULT_TEST_CRASH_DIR"); dir != "" {
		crashingChange(t, dir, os.Getenv("TVAULT_TEST_CRASH_AT"))
		return
	}
	for _, tc := range []struct {
		step   string // "" for none: the change completes
		newOne bool
	}{
		{atomicfile.StepCreate, false},
		{atomicfile.StepWrite, false},
		{atomicfile.StepSync, false},
		{atomicfile.StepRename, true},
		{atomicfile.StepSyncDir, true},
		{"", true},
	} {
		v, dir := newTestVault(t, Options{})
		if _, _, err := v.Put(ctx, loadFixtures(t)[:1]); err != nil {
			t.Fatal(err)
		}
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestPassphraseChangeCrash$")
		cmd.Env = append(os.Environ(), "TVAULT_TEST_CRASH_DIR="+dir, "TVAULT_TEST_CRASH_AT="+tc.step)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		killed := errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
		if (tc.step != "") != killed {
			t.Fatalf("crash at %q: child ended with %v\n%s", tc.step, err, out)
		}
		opens := func(pass string) bool {
			v, err := Open(dir, pass)
			if errors.Is(err, service.ErrWrongPassphrase) {
				return false
			}
			if err != nil {
				t.Fatalf("crash at %q: Open = %v", tc.step, err)
			}
			if _, err := v.Get(ctx, firstRecord(t, v)); err != nil {
				t.Errorf("crash at %q: Get = %v", tc.step, err)
			}
			if err := v.Close(); err != nil {
				t.Fatal(err)
			}
			return true
		}
		old, next := opens(testPass), opens(newPass)
		if old == next || next != tc.newOne {
			t.Errorf("crash at %q: opens with the old passphrase %v, the new one %v; want only the %s",
				tc.step, old, next, map[bool]string{false: "old", true: "new"}[tc.newOne])
		}
	}
}

// crashingChange is the child of TestPassphraseChangeCrash: it changes the
// passphrase of the vault in dir and kills itself after step at.
func crashingChange(t *testing.T, dir, at string) {
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	// The hook sees every file replaced, the kept checkpoints too.
	t.Cleanup(atomicfile.TestOnlyStepHook(func(name, step string) {
		if name == filepath.Join(dir, keyringFile) && step == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}))
	if err := v.ChangePassphrase(ctx, newPass, false); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
}

func firstRecord(t *testing.T, v *Vault) string {
	t.Helper()
	list, err := v.List(ctx, "")
	if err != nil || len(list) == 0 {
		t.Fatalf("List = %v, %v", list, err)
	}
	return list[0].ID
}

func TestChangePassphrase(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	keyringPath := filepath.Join(dir, keyringFile)
	before, err := os.ReadFile(keyringPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, weak := range []string{"hunter2", "wrong horse", "password1234"} {
		if err := v.ChangePassphrase(ctx, weak, false); !errors.Is(err, ErrWeakPassphrase) {
			t.Errorf("ChangePassphrase(%q) = %v, want ErrWeakPassphrase", weak, err)
		}
	}
	if after, _ := os.ReadFile(keyringPath); string(after) != string(before) {
		t.Fatal("a refused change replaced the keyring")
	}
	if err := v.ChangePassphrase(ctx, "pass", true); err != nil {
		t.Fatalf("ChangePassphrase of a weak passphrase allowed: %v", err)
	}
	if err := v.ChangePassphrase(ctx, newPass, false); err != nil {
		t.Fatal(err)
	}
	// Recorded: the refusals and the changes, never a passphrase.
	var outcomes []audit.Outcome
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		n, err := audit.Size(tx)
		if err != nil {
			return err
		}
		return audit.ReadEntries(tx, 0, n, func(e *audit.Entry, raw []byte) error {
			for _, p := range []string{"hunter2", "wrong horse", newPass} {
				if containsWord(string(raw), p) {
					t.Errorf("entry %d holds a passphrase", e.Seq)
				}
			}
			if e.Action == "passphrase.change" {
				outcomes = append(outcomes, e.Outcome)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []audit.Outcome{audit.OutcomeError, audit.OutcomeError, audit.OutcomeError, audit.OutcomeOK, audit.OutcomeOK}
	if len(outcomes) != len(want) {
		t.Errorf("passphrase.change entries %v, want %v", outcomes, want)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, "pass"); !errors.Is(err, service.ErrWrongPassphrase) {
		t.Errorf("Open with the previous passphrase = %v", err)
	}
	v, err = Open(dir, newPass)
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
}

func TestInitRefusesWeakPassphrase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	if _, err := Init(ctx, dir, "tvault", Options{}); !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("Init with a weak passphrase = %v, want ErrWeakPassphrase", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused init left %s: %v", dir, err)
	}
}

// TestVersion1Keyring opens a vault as tvault made them before keyring
// version 2: the escrow set in the keyring, none in the store. The set is
// the keyring's; a passphrase change writes version 2 and moves the set
// into the store, where it stays.
func TestVersion1Keyring(t *testing.T) {
	t.Parallel()
	r1 := escrowIdentity(t)
	v, dir := newTestVault(t, Options{})
	err := v.store.Update(ctx, func(tx store.Tx) error { return tx.Delete(escrowKey) })
	if err != nil {
		t.Fatal(err)
	}
	plain, err := v.secrets().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	plain = bytes.Replace(plain, []byte("tvault-keyring/v2\n"), []byte("tvault-keyring/v1\n"), 1)
	plain = fmt.Appendf(plain, "escrow %s\n", r1.Recipient())
	r, err := age.NewScryptRecipient(testPass)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	var sealed bytes.Buffer
	w, err := age.Encrypt(&sealed, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, keyringFile), sealed.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	escrowOf := func(v *Vault) []string {
		t.Helper()
		set, err := v.Escrow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return set.Recipients
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if got := escrowOf(v); len(got) != 1 || got[0] != r1.Recipient().String() {
		t.Fatalf("escrow of a version 1 keyring = %v", got)
	}
	ids, _, err := v.Put(ctx, loadFixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	if ct, err := v.ExportRaw(ctx, ids[0]); err != nil || !decrypts(ct, r1) {
		t.Fatalf("a record put under a version 1 keyring is not encrypted to its escrow: %v", err)
	}
	if err := v.ChangePassphrase(ctx, newPass, false); err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, err = Open(dir, newPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if len(v.secrets().EscrowV1) != 0 {
		t.Error("the keyring written is not version 2")
	}
	if got := escrowOf(v); len(got) != 1 || got[0] != r1.Recipient().String() {
		t.Fatalf("escrow after the passphrase change = %v", got)
	}
}
