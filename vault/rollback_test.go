package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// TestMain keeps the checkpoints of the tests' vaults in a directory of
// their own, never in the home directory of whoever runs the tests, seals
// every keyring of the package's tests at the keyring's test work factor
// (set once here, not per test, so that parallel tests do not restore it
// under each other), and stops the PostgreSQL cluster of the tests that
// started one (pgtest).
//
// The slower tests run in parallel (t.Parallel), after the sequential
// ones; those that set the environment (their own state directory),
// change a package variable or measure the process's memory stay
// sequential.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tvault-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TVAULT_STATE_DIR", dir)
	keyring.TestOnlyLowWorkFactor()
	code := pgtest.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// ownState gives the test a state directory of its own, and returns it.
func ownState(t *testing.T) string {
	t.Helper()
	state := t.TempDir()
	t.Setenv("TVAULT_STATE_DIR", state)
	return state
}

// copyVault copies the closed vault in dir, as a backup would.
func copyVault(t *testing.T, dir string) string {
	t.Helper()
	backup := filepath.Join(t.TempDir(), "backup")
	if err := os.CopyFS(backup, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return backup
}

// putBack puts the copy backup in the place of the vault in dir.
func putBack(t *testing.T, backup, dir string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
}

func openTest(t *testing.T, dir string) *Vault {
	t.Helper()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func closeTest(t *testing.T, v *Vault) {
	t.Helper()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
}

func logSize(t *testing.T, v *Vault) int64 {
	t.Helper()
	var n int64
	err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
		n, err = audit.Size(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// keptSize returns the size of the checkpoint of v kept in file.
func keptSize(t *testing.T, v *Vault, file string) int64 {
	t.Helper()
	msg, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := v.verifier()
	if err != nil {
		t.Fatal(err)
	}
	tree, err := audit.OpenCheckpoint(msg, verifier)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return tree.N
}

// wantRollback checks that err is a RollbackError for kept's file, of
// the kind want (a sentinel of package audit).
func wantRollback(t *testing.T, err error, file string, want error) *RollbackError {
	t.Helper()
	var re *RollbackError
	if !errors.As(err, &re) || !errors.Is(err, want) {
		t.Fatalf("err = %v, want a RollbackError matching %v", err, want)
	}
	if re.File != file || re.Seen.IsZero() {
		t.Errorf("RollbackError names %s, seen %v; want %s", re.File, re.Seen, file)
	}
	if !strings.Contains(err.Error(), `"tvault restore accept --reason TEXT"`) {
		t.Errorf("the error does not say what to do: %v", err)
	}
	return re
}

func actions(t *testing.T, v *Vault) []*audit.Entry {
	t.Helper()
	var out []*audit.Entry
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		n, err := audit.Size(tx)
		if err != nil {
			return err
		}
		return audit.ReadEntries(tx, 0, n, func(e *audit.Entry, _ []byte) error {
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOlderCopyIsRefused puts an older copy of a vault directory back in
// place: the next open refuses it, with no checkpoint kept by hand, until
// the restore is accepted on purpose, which the log records.
func TestOlderCopyIsRefused(t *testing.T) {
	state := ownState(t)
	v, dir := newTestVault(t, Options{})
	file := filepath.Join(state, v.secrets().VaultID)
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	backup := copyVault(t, dir)

	// What the backup would undo: a user added and revoked.
	v = openTest(t, dir)
	if _, err := v.AddUser(ctx, "choi.leaver", policy.Officer, 0); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeUser(ctx, "choi.leaver"); err != nil {
		t.Fatal(err)
	}
	// Every entry is covered by the checkpoint kept outside the vault.
	size := logSize(t, v)
	if got := keptSize(t, v, file); got != size {
		t.Fatalf("the kept checkpoint covers %d of %d entries", got, size)
	}
	closeTest(t, v)

	putBack(t, backup, dir)
	_, err := Open(dir, testPass)
	re := wantRollback(t, err, file, audit.ErrLogOlder)
	if re.Kept.N != size || re.Size >= size || re.Witness != "" {
		t.Errorf("RollbackError: kept %d, vault %d, witness %q; want kept %d, a smaller vault, no witness", re.Kept.N, re.Size, re.Witness, size)
	}
	t.Logf("Open: %v", err)
	// The refusal closed the database: refused again, not "in use".
	_, err = Open(dir, testPass)
	wantRollback(t, err, file, audit.ErrLogOlder)

	// No acceptance without a reason; the attempt keeps nothing.
	if _, _, err := AcceptRollback(ctx, dir, testPass, " ", OpenOptions{}); !errors.Is(err, service.ErrInvalidArgument) {
		t.Fatalf("AcceptRollback without a reason = %v", err)
	}
	_, err = Open(dir, testPass)
	wantRollback(t, err, file, audit.ErrLogOlder)

	const reason = "disk failed; restored Monday's backup"
	replaced, rep, err := AcceptRollback(ctx, dir, testPass, reason, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(replaced) != 1 || replaced[0].Kept.N != size || rep.CheckpointSize != rep.Size {
		t.Fatalf("AcceptRollback replaced %v, report %+v", replaced, rep)
	}
	v = openTest(t, dir)
	defer v.Close()
	if got := keptSize(t, v, file); got != rep.Size {
		t.Errorf("after accepting, the kept checkpoint covers %d entries, want %d", got, rep.Size)
	}
	var accepted, attempted bool
	for _, e := range actions(t, v) {
		if e.Action != "restore.accept" {
			continue
		}
		if e.Outcome == audit.OutcomeError && e.Attr("error") == "invalid-argument" {
			attempted = true
		}
		if e.Outcome == audit.OutcomeOK && e.Purpose == reason && e.Attr("kept-size") == fmt.Sprint(size) &&
			e.Attr("kept-root") == replaced[0].Kept.Hash.String() && e.Attr("replaced") == "1" {
			accepted = true
		}
	}
	if !accepted || !attempted {
		t.Errorf("the log lacks the acceptance (%v) or the attempt without a reason (%v)", accepted, attempted)
	}
	// The user revoked after the backup is back: the acceptance was
	// explicit, and the log says what it undid.
	if _, err := v.Users(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestFirstOpenRecords opens a vault on a machine that kept nothing of
// it: it opens, and its checkpoint is kept at once.
func TestFirstOpenRecords(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	closeTest(t, v)
	state := t.TempDir()
	t.Setenv("TVAULT_STATE_DIR", filepath.Join(state, "new")) // created as needed
	v = openTest(t, dir)
	defer v.Close()
	if got, want := keptSize(t, v, filepath.Join(state, "new", v.secrets().VaultID)), logSize(t, v); got != want {
		t.Errorf("the first open kept a checkpoint of %d entries, want %d", got, want)
	}
}

// TestEmptiedDatabaseIsRefused: a vault whose database directory was
// emptied is refused even by a first open, with no checkpoint kept
// anywhere, and Badger's new empty database is not taken for it.
func TestEmptiedDatabaseIsRefused(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	closeTest(t, v)
	db := filepath.Join(dir, dbDir)
	if err := os.RemoveAll(db); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(db, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	v, err := Open(dir, testPass)
	if err == nil {
		v.Close()
		t.Fatal("a vault with an emptied database opened")
	}
	if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), "audit log is empty") {
		t.Fatalf("Open = %v, want an integrity error saying the log is empty", err)
	}
}

// TestOtherHistoryIsRefused puts in place a copy that went on along
// another history, longer than the vault's: it does not extend what was
// kept.
func TestOtherHistoryIsRefused(t *testing.T) {
	state := ownState(t)
	v, dir := newTestVault(t, Options{})
	closeTest(t, v)
	fork := copyVault(t, dir)
	v = openTest(t, dir)
	v.List(ctx, "")
	id := v.secrets().VaultID
	closeTest(t, v)

	// Elsewhere, the copy is used more than the vault was.
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	v = openTest(t, fork)
	for range 5 {
		v.Persons(ctx)
	}
	closeTest(t, v)

	t.Setenv("TVAULT_STATE_DIR", state)
	putBack(t, fork, dir)
	_, err := Open(dir, testPass)
	re := wantRollback(t, err, filepath.Join(state, id), audit.ErrInconsistent)
	if re.Size <= re.Kept.N {
		t.Errorf("the fork has %d entries, the kept checkpoint %d: not the case under test", re.Size, re.Kept.N)
	}
}

// TestKeptFileDamaged checks that a kept file that is no checkpoint of
// the vault refuses the open, saying so, until accept replaces it.
func TestKeptFileDamaged(t *testing.T) {
	other, _ := newTestVault(t, Options{})
	closeTest(t, other)
	otherCP, err := os.ReadFile(filepath.Join(os.Getenv("TVAULT_STATE_DIR"), other.secrets().VaultID))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kept func(own []byte) []byte
		want error // nil for a malformed file
	}{
		{"garbage", func([]byte) []byte { return []byte("not a checkpoint\n") }, nil},
		{"another vault's checkpoint", func([]byte) []byte { return otherCP }, audit.ErrOtherLog},
		{"changed size", func(own []byte) []byte {
			lines := strings.SplitN(string(own), "\n", 3)
			return []byte(lines[0] + "\n1" + lines[1] + "\n" + lines[2])
		}, audit.ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := ownState(t)
			v, dir := newTestVault(t, Options{})
			closeTest(t, v)
			file := filepath.Join(state, v.secrets().VaultID)
			own, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tt.kept(own), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = Open(dir, testPass)
			var re *RollbackError
			if !errors.As(err, &re) || errors.Is(err, audit.ErrLogOlder) || errors.Is(err, audit.ErrInconsistent) ||
				(tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), "damaged or replaced") {
				t.Fatalf("Open = %v, want a RollbackError matching %v", err, tt.want)
			}
			t.Logf("Open: %v", err)
			if _, _, err := AcceptRollback(ctx, dir, testPass, "the state file was damaged", OpenOptions{}); err != nil {
				t.Fatal(err)
			}
			closeTest(t, openTest(t, dir))
		})
	}
}

// warnings collects what a vault warns about.
type warnings struct {
	mu   sync.Mutex
	errs []error
}

func (w *warnings) warn(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.errs = append(w.errs, err)
}

func (w *warnings) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.errs)
}

// TestWitness restores a copy of the vault together with this machine's
// state: the witness, on another disk, still refuses it. Unreachable (an
// unmounted share), it is skipped with one warning; back, it refuses the
// copy again.
func TestWitness(t *testing.T) {
	w := t.TempDir()
	v, dir := newTestVault(t, Options{Witnesses: []string{w}})
	id := v.secrets().VaultID
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	backup := copyVault(t, dir)
	v = openTest(t, dir)
	v.List(ctx, "")
	if got, want := keptSize(t, v, filepath.Join(w, id)), logSize(t, v); got != want {
		t.Errorf("the witness keeps a checkpoint of %d entries, want %d", got, want)
	}
	closeTest(t, v)

	// The whole machine goes back to the backup's day: vault and state.
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	putBack(t, backup, dir)
	_, err := Open(dir, testPass)
	if re := wantRollback(t, err, filepath.Join(w, id), audit.ErrLogOlder); re.Witness != w {
		t.Errorf("RollbackError names witness %q, want %q", re.Witness, w)
	}

	away := w + ".unmounted"
	if err := os.Rename(w, away); err != nil {
		t.Fatal(err)
	}
	var ws warnings
	v, err = OpenWith(dir, testPass, OpenOptions{Warn: ws.warn})
	if err != nil {
		t.Fatalf("Open with the witness unreachable: %v", err)
	}
	for range 3 {
		v.List(ctx, "")
	}
	closeTest(t, v)
	if ws.count() != 1 || !strings.Contains(ws.errs[0].Error(), "witness "+w+" is unreachable") {
		t.Errorf("warnings %v, want one that names the witness", ws.errs)
	}

	if err := os.Rename(away, w); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, testPass)
	var re *RollbackError
	if !errors.As(err, &re) || re.Witness != w {
		t.Fatalf("Open with the witness back = %v, want a RollbackError from it", err)
	}
}

func TestInitWitnessMustExist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	missing := filepath.Join(t.TempDir(), "not-mounted")
	_, err := Init(ctx, dir, testPass, Options{Witnesses: []string{missing}})
	if err == nil || !strings.Contains(err.Error(), "invalid witness") {
		t.Fatalf("Init with a missing witness = %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Init with a missing witness left %s: %v", dir, err)
	}
}

// TestStateNotWritable checks that a vault never runs ahead of the
// checkpoint kept outside it by more than one transaction: when the state
// directory cannot be written, the write that committed succeeds, and the
// next fails and writes nothing, until it can be written again; Close
// reports it.
func TestStateNotWritable(t *testing.T) {
	state := ownState(t)
	v, dir := newTestVault(t, Options{})
	closeTest(t, v)
	v = openTest(t, dir)
	defer v.Close()
	// A file where the state directory was: nothing can be created in it.
	moved := state + ".moved"
	breakState := func() {
		if err := os.Rename(state, moved); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(state, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	mendState := func() {
		if err := os.Remove(state); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(moved, state); err != nil {
			t.Fatal(err)
		}
	}
	list := func() error { _, err := v.List(ctx, ""); return err }

	breakState()
	if err := list(); err != nil {
		t.Fatalf("the write before the failure to keep its checkpoint: %v", err)
	}
	n := logSize(t, v)
	if err := list(); err == nil || !strings.Contains(err.Error(), "failed to keep the vault's checkpoint") {
		t.Fatalf("the write after the failure = %v, want the keeper's error", err)
	}
	if got := logSize(t, v); got != n {
		t.Fatalf("the refused write appended %d entries", got-n)
	}
	mendState()
	if err := list(); err != nil {
		t.Fatal(err)
	}
	if got, want := keptSize(t, v, filepath.Join(state, v.secrets().VaultID)), logSize(t, v); got != want {
		t.Errorf("kept %d of %d entries after mending", got, want)
	}
	breakState()
	defer mendState()
	list()
	if err := v.Close(); err == nil {
		t.Error("Close with the latest checkpoint not kept succeeded")
	}
	// Nor does a vault open where its state cannot be kept.
	if _, err := Open(dir, testPass); err == nil || !strings.Contains(err.Error(), "TVAULT_STATE_DIR") {
		t.Errorf("Open with no state directory = %v", err)
	}
}

func TestStateDir(t *testing.T) {
	home := t.TempDir()
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		state, xdg, want string
	}{
		{"/srv/tvault/state", "/xdg", "/srv/tvault/state"},
		{"state", "", filepath.Join(cwd, "state")},
		{"", "/xdg", "/xdg/tvault"},
		{"", "relative/xdg", filepath.Join(home, ".local/state/tvault")},
		{"", "", filepath.Join(home, ".local/state/tvault")},
	}
	for _, tt := range tests {
		t.Setenv("HOME", home)
		t.Setenv("TVAULT_STATE_DIR", tt.state)
		t.Setenv("XDG_STATE_HOME", tt.xdg)
		if got, err := StateDir(); err != nil || got != tt.want {
			t.Errorf("StateDir with TVAULT_STATE_DIR=%q XDG_STATE_HOME=%q = %q, %v; want %q", tt.state, tt.xdg, got, err, tt.want)
		}
	}
}

// TestKeeperName checks that a vault ID names one file in the state
// directory, never a path out of it.
func TestKeeperName(t *testing.T) {
	for id, ok := range map[string]bool{
		"3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7": true, "vault-1": true,
		"": false, ".": false, "..": false, "../escaped": false, "a/b": false, "/etc": false,
	} {
		if _, err := newKeeper(id, "", nil, nil); (err == nil) != ok {
			t.Errorf("newKeeper(%q) = %v, want ok %v", id, err, ok)
		}
	}
}

// TestTablesMovedOnElsewhere opens a vault as another user would, with a
// state directory of its own, writes and closes it: the record of the
// tables kept in the first state directory is then stale, and the vault
// must still open there (its database holds newer versions, which only a
// process with its key writes). A table put back from before is still
// refused, and restore accept does not take it either.
func TestTablesMovedOnElsewhere(t *testing.T) {
	state := ownState(t)
	v, dir := newTestVault(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)[:2]); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	before := copyVault(t, dir)

	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	for range 3 {
		v = openTest(t, dir)
		if _, _, err := v.Put(ctx, loadFixtures(t)[2:3]); err != nil {
			t.Fatal(err)
		}
		closeTest(t, v)
	}

	t.Setenv("TVAULT_STATE_DIR", state)
	closeTest(t, openTest(t, dir))

	// An older table in place of the current one of the same name.
	old := filepath.Join(before, dbDir, "000001.sst")
	cur := filepath.Join(dir, dbDir, "000002.sst")
	data, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cur, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, testPass); !errors.Is(err, ErrTableReplaced) || !strings.Contains(err.Error(), cur) {
		t.Fatalf("Open with an older table in place = %v, want ErrTableReplaced naming %s", err, cur)
	}
	// Accepting it as a copy put in place on purpose verifies the log,
	// which the older table broke.
	// Each refusal changes nothing: not the record of the tables, nor the
	// database (compacted, it would no longer show the table).
	for range 2 {
		if _, _, err := AcceptRollback(ctx, dir, testPass, "restore drill", OpenOptions{}); err == nil {
			t.Fatal("restore accept took a database with an older table in place")
		}
		if _, err := Open(dir, testPass); !errors.Is(err, ErrTableReplaced) {
			t.Fatalf("Open after a refused restore accept = %v, want ErrTableReplaced", err)
		}
	}
}

// TestRestoredElsewhere restores a backup and accepts it in one state
// directory: another state directory that opened the vault before the
// backup was made must open the restored vault (its log extends what
// that directory kept), not refuse it as tables put back (review 12d N3).
// The restored database is another Badger database: the record of the
// tables names the database, and the open verifies the state of one it
// did not record against the log before recording it.
func TestRestoredElsewhere(t *testing.T) {
	st1 := ownState(t)
	v, dir := newTestVault(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)[:2]); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	st2 := ownState(t)
	closeTest(t, openTest(t, dir))

	t.Setenv("TVAULT_STATE_DIR", st1)
	v = openTest(t, dir)
	backup := filepath.Join(t.TempDir(), "vault.tvb")
	f, err := os.Create(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(v.Backup(ctx, f), f.Close()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Put(ctx, loadFixtures(t)[2:3]); err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)

	restored := filepath.Join(t.TempDir(), "restored")
	if _, err := Restore(ctx, backup, restored, testPass); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(restored, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, testPass); !errors.As(err, new(*RollbackError)) {
		t.Fatalf("Open of the restored vault where a later state was seen = %v, want a *RollbackError", err)
	}
	if _, _, err := AcceptRollback(ctx, dir, testPass, "restored from the backup", OpenOptions{}); err != nil {
		t.Fatal(err)
	}
	closeTest(t, openTest(t, dir))

	t.Setenv("TVAULT_STATE_DIR", st2)
	for range 2 {
		closeTest(t, openTest(t, dir))
	}
}

// TestRestoredDrillLeavesWitness opens a copy restored from a backup, for
// a drill, with a state directory of its own, before the original writes
// again: the copy neither checks nor writes the witness it carries, so
// the original opens afterwards; once accepted, the copy does both.
func TestRestoredDrillLeavesWitness(t *testing.T) {
	w := t.TempDir()
	v, dir := newTestVault(t, Options{Witnesses: []string{w}})
	id := v.secrets().VaultID
	if _, _, err := v.Put(ctx, loadFixtures(t)[:2]); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "vault.tvb")
	f, err := os.Create(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(v.Backup(ctx, f), f.Close()); err != nil {
		t.Fatal(err)
	}
	kept := keptSize(t, v, filepath.Join(w, id))
	closeTest(t, v)

	drill := filepath.Join(t.TempDir(), "drill")
	if _, err := Restore(ctx, backup, drill, testPass); err != nil {
		t.Fatal(err)
	}
	production := os.Getenv("TVAULT_STATE_DIR")
	ownState(t)
	var ws warnings
	d, err := OpenWith(drill, testPass, OpenOptions{Warn: ws.warn})
	if err != nil {
		t.Fatalf("Open of the drill copy: %v", err)
	}
	for range 3 {
		d.List(ctx, "")
	}
	if got := keptSize(t, d, filepath.Join(w, id)); got != kept {
		t.Errorf("the witness keeps %d entries after the drill, want the original's %d", got, kept)
	}
	closeTest(t, d)
	if ws.count() != 1 || !strings.Contains(ws.errs[0].Error(), "restored from a backup and not accepted") {
		t.Errorf("warnings %v, want one that says the copy is not accepted", ws.errs)
	}

	t.Setenv("TVAULT_STATE_DIR", production)
	closeTest(t, openTest(t, dir))

	// The copy accepted (here, where it was opened): it keeps the
	// witness again, and the original is then refused by it.
	ownState(t)
	if _, _, err := AcceptRollback(ctx, drill, testPass, "drill copy taken over", OpenOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(drill, restoredFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the accepted copy still carries %s: %v", restoredFile, err)
	}
	d = openTest(t, drill)
	d.List(ctx, "")
	if got, want := keptSize(t, d, filepath.Join(w, id)), logSize(t, d); got != want {
		t.Errorf("the witness keeps %d entries after the accepted copy's open, want its %d", got, want)
	}
	closeTest(t, d)
}
