package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/internal/diskspace"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// Rollback protection
//
// An older copy of a vault directory put back in place is a whole vault
// with a whole, signed log: nothing inside it can tell. What can is a
// checkpoint of its log kept outside it, as the go command keeps the
// latest tree of the checksum database it saw (golang.org/x/mod/sumdb).
// Every process that opens a vault keeps the latest checkpoint it saw of
// it in a file named by the vault ID, in its state directory (StateDir)
// and in each witness directory given at init. Open checks the vault's
// log against each kept checkpoint (audit.Extends: O(log n) stored
// hashes) and refuses it with a *RollbackError if the log is shorter or
// another history; AcceptRollback accepts it on purpose, audited.
//
// The audit log signs a checkpoint in every transaction, and the vault
// writes it to every place before the transaction's operations return
// (audit.NewBatcher's keep): an operation that returned is covered, and
// a copy made at any moment is refused once the vault has moved on by one
// transaction. A process killed between a commit and its write leaves the
// kept checkpoint one transaction behind, which a copy of that moment
// passes. The state file must be written: while it cannot be, the vault
// writes nothing more. A witness that cannot be reached (an unmounted
// share) is reported through the warning function and skipped, at open and
// at each write, so that a missing disk does not stop the vault; tvault
// never creates a witness directory, so that an unmounted share reads as
// unreachable instead of filling its mount point.

// maxKeptFile bounds what is read of a kept checkpoint; a checkpoint is
// far smaller.
const maxKeptFile = 64 << 10

// StateDir returns the directory in which this process keeps the latest
// checkpoint of each vault it opens: $TVAULT_STATE_DIR, else
// $XDG_STATE_HOME/tvault, else ~/.local/state/tvault. A relative
// XDG_STATE_HOME is ignored, as the XDG specification says.
func StateDir() (string, error) {
	if d := os.Getenv("TVAULT_STATE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "tvault"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no state directory to keep the vault's checkpoint in: %w; set TVAULT_STATE_DIR", err)
	}
	return filepath.Join(home, ".local", "state", "tvault"), nil
}

// A RollbackError reports a vault whose audit log does not extend a
// checkpoint of it kept outside the vault directory: an older copy of the
// vault was put back, another copy took its place, or the kept file was
// damaged. Open refuses the vault; AcceptRollback accepts it.
type RollbackError struct {
	// File is the file that kept the checkpoint; Witness is its witness
	// directory, or "" for this machine's state directory.
	File, Witness string
	// Seen is when the checkpoint was kept: the file's modification time.
	Seen time.Time
	// Kept is the kept checkpoint's tree; zero if it is not a valid
	// checkpoint of the vault (then Err says why).
	Kept tlog.Tree
	// Size is the number of entries in the vault's log.
	Size int64
	// Err is audit.ErrLogOlder, audit.ErrInconsistent, or why the kept
	// file is not a checkpoint of the vault (audit.ErrBadSignature,
	// audit.ErrOtherLog, or malformed).
	Err error
}

func (e *RollbackError) Error() string {
	who := "this machine"
	if e.Witness != "" {
		who = "the witness " + e.Witness
	}
	seen := e.Seen.UTC().Format("2006-01-02 15:04 UTC")
	const accept = `accept it with "tvault restore accept --reason TEXT" (as the user that opens the vault, with its TVAULT_STATE_DIR)`
	switch {
	case errors.Is(e.Err, audit.ErrLogOlder):
		return fmt.Sprintf("rollback detected: the vault's audit log has %d entries, fewer than the %d %s saw on %s (checkpoint kept in %s): an older copy of the vault was put back, which silently undoes everything done since; if you restored a backup on purpose, %s; otherwise keep this copy aside and find out who replaced the vault",
			e.Size, e.Kept.N, who, seen, e.File, accept)
	case errors.Is(e.Err, audit.ErrInconsistent):
		return fmt.Sprintf("rollback detected: the vault's audit log (%d entries) does not extend the log of %d entries %s saw on %s (checkpoint kept in %s): another copy of the vault was put in its place, or its log was rewritten; if you restored a backup on purpose, %s; otherwise keep this copy aside and find out who replaced the vault",
			e.Size, e.Kept.N, who, seen, e.File, accept)
	}
	return fmt.Sprintf("the vault cannot be checked against the checkpoint %s kept in %s on %s: %v; the file was damaged or replaced; if this copy of the vault is the right one, %s; otherwise find out who changed the file",
		who, e.File, seen, e.Err, accept)
}

func (e *RollbackError) Unwrap() error { return e.Err }

// diverged reports whether the kept checkpoint is one of the vault's,
// which its log does not extend, rather than a file that is not one.
func (e *RollbackError) diverged() bool {
	return errors.Is(e.Err, audit.ErrLogOlder) || errors.Is(e.Err, audit.ErrInconsistent)
}

// A keeper keeps a vault's latest checkpoint outside the vault directory:
// in the state directory, and in each witness directory. Its methods run
// in one goroutine at a time: Open's, then the audit log's.
type keeper struct {
	name      string // the files' name: the vault ID
	stateDir  string
	witnesses []string
	warn      func(error)
	// down holds the witnesses reported unreachable, so that each is
	// reported once until it works again.
	down map[string]bool
}

// newKeeper returns the keeper of vault id in dir (the state directory if
// "") and witnesses, creating dir.
func newKeeper(id, dir string, witnesses []string, warn func(error)) (*keeper, error) {
	dir, err := stateDirOf(id, dir)
	if err != nil {
		return nil, err
	}
	return &keeper{name: id, stateDir: dir, witnesses: witnesses, warn: warnFunc(warn), down: map[string]bool{}}, nil
}

// stateDirOf returns dir, or the state directory if dir is "", created,
// where what is kept of vault id goes.
func stateDirOf(id, dir string) (string, error) {
	// The ID names files in directories of other uses: one name, no path.
	if !fs.ValidPath(id) || strings.Contains(id, "/") || id == "." {
		return "", fmt.Errorf("malformed vault ID %q", id)
	}
	if dir == "" {
		var err error
		if dir, err = StateDir(); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("failed to create the state directory that keeps the vault's checkpoint: %w; set TVAULT_STATE_DIR to a writable directory", err)
	}
	return dir, nil
}

// inspectCopy checks a copy of the vault in dir before AcceptRollback
// vouches for it, with its database open read-only, so that a copy that
// fails changes nothing (a database opened for writing compacts its
// tables, and would no longer show a table put in place): its log must
// verify, and its store hold exactly the state the log commits to (the
// checks of Check, without reading the data).
func inspectCopy(ctx context.Context, dir, passphrase string, opts OpenOptions) error {
	v, err := unseal(dir, passphrase, opts, inspectTables)
	if err != nil {
		return err
	}
	defer v.Close()
	c := &checker{v: v, ctx: ctx, r: &service.CheckReport{Problems: []service.CheckProblem{}}}
	if err := c.run(); err != nil {
		return err
	}
	// Blob files without an attachment change no state: the next open
	// removes those a crash left.
	problems := slices.DeleteFunc(c.r.Problems, func(p service.CheckProblem) bool { return p.Kind == service.ProblemOrphan })
	if len(problems) > 0 {
		return fmt.Errorf("%w: this copy of the vault is not accepted: %s, the first: %s; tvault check lists them", store.ErrCorrupt, countProblems(len(problems)), problems[0].String())
	}
	return nil
}

// vouch verifies the state of a store whose record of its tables does
// not vouch for them (badgerstore.Store.Unvouched: the first open with
// this state directory, a crash, commits by a process that keeps its
// record elsewhere, another database), before the vault serves it, and
// only then lets the store record its tables: every audit entry is
// present and hashes into the latest signed checkpoint, which covers them
// all (Open has checked that it extends every kept one), and the store
// holds exactly the state the log's write manifests commit to, no key
// missing, extra, older or changed. It is the part of Check that decrypts
// nothing (one pass over the log and one over the store's keys and
// values, each value's seal opened); a vault whose log commits to no
// state yet (before its baseline) has its log checked only. A store that
// fails it is refused with an error wrapping store.ErrCorrupt that says
// what the first problem is, and its record stays as it was, so that
// every later open refuses it too.
func (v *Vault) vouch(ctx context.Context) error {
	b, ok := v.raw.(*badgerstore.Store)
	if !ok {
		return nil
	}
	why := b.Unvouched()
	if why == nil {
		return nil
	}
	c := &checker{v: v, ctx: ctx, r: &service.CheckReport{Problems: []service.CheckProblem{}}}
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		has, err := audit.HasStates(tx)
		if err != nil {
			return err
		}
		if !has {
			_, _, err = c.log(tx)
			return err
		}
		_, err = c.state(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to verify the vault's database against its audit log: %w", err)
	}
	if n := c.r.NumProblems(); n > 0 {
		return fmt.Errorf("%w: the vault's database is not what its audit log says: %s, the first: %s (the record of its tables could not vouch for them: %v); run \"tvault check\" to list them, and restore the vault from a backup", store.ErrCorrupt, countProblems(n), c.r.Problems[0].String(), why)
	}
	b.KeepTables()
	return nil
}

// suspect returns the error of a store opened read-only because its
// tables are not the set recorded when it was last closed
// (badgerstore.Options.AllowSuspect), or nil.
func suspect(s store.Store) error {
	if b, ok := s.(*badgerstore.Store); ok {
		return b.Suspect()
	}
	return nil
}

// unvouched returns why the record of the tables of s, a Badger store,
// does not vouch for them (badgerstore.Store.Unvouched), or nil.
func unvouched(s store.Store) error {
	if b, ok := s.(*badgerstore.Store); ok {
		return b.Unvouched()
	}
	return nil
}

// Damaged returns the error of damage found in the vault's files while it
// is open (a table of its database changed under it), which fails every
// read and write from then on; nil if there is none.
func (v *Vault) Damaged() error {
	if b, ok := v.raw.(*badgerstore.Store); ok {
		return b.Damaged()
	}
	return nil
}

// tablesFile returns the file, in stateDir, in which the database of
// vault id keeps the SHA-256 of each of its table files
// (badgerstore.Options.Tables): beside the kept checkpoint, and like it
// out of the reach of whoever can write the vault directory only, and
// named like it by the vault ID alone, however the directory is reached.
// Witness directories keep no such record. The record names the
// database: another copy of the vault (a restore) is another database,
// whose tables the record cannot vouch for, so Open verifies its state
// against its log (vouch) once the log has been checked against the
// kept checkpoints (a restore older than what was seen is a rollback,
// until restore accept).
func tablesFile(id, stateDir string) string { return filepath.Join(stateDir, id+".tables") }

// check checks the log in rtx against every checkpoint kept of it, and
// returns a *RollbackError for each that it does not extend, and the
// largest size of those it does. A place that keeps nothing yet is
// skipped: it gets the next checkpoint. A state file that cannot be read
// is an error; a witness that cannot be reached is reported and skipped.
//
// A checkpoint kept may be signed by a key the log has since handed over
// from (a rekey): verifiers are the log's keys (audit.Verifiers).
func (k *keeper) check(rtx store.ReadTx, verifiers []note.Verifier) (refused []*RollbackError, size int64, err error) {
	for _, w := range append([]string{""}, k.witnesses...) {
		file, msg, seen, err := k.read(w)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil && w != "":
			k.unreachable(w, err)
			continue
		case err != nil:
			return nil, 0, fmt.Errorf("failed to read the vault's kept checkpoint: %w", err)
		}
		re := &RollbackError{File: file, Witness: w, Seen: seen}
		if re.Kept, re.Err = audit.OpenCheckpointAny(msg, verifiers); re.Err == nil {
			re.Size, re.Err = audit.Extends(rtx, re.Kept)
			if re.Err == nil {
				size = max(size, re.Kept.N)
				continue
			}
			if !re.diverged() {
				return nil, 0, re.Err
			}
		} else if re.Size, err = audit.Size(rtx); err != nil {
			return nil, 0, err
		}
		refused = append(refused, re)
	}
	return refused, size, nil
}

// read reads the checkpoint kept in witness directory w, or in the state
// directory if w is "". It fails with fs.ErrNotExist if none is kept there
// yet, and with another error if w is not a directory it can read.
func (k *keeper) read(w string) (file string, msg []byte, seen time.Time, err error) {
	file = k.file(w)
	if w != "" {
		if err := isDir(w); err != nil {
			return file, nil, seen, err
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return file, nil, seen, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return file, nil, seen, err
	}
	msg, err = io.ReadAll(io.LimitReader(f, maxKeptFile))
	return file, msg, fi.ModTime(), err
}

// keep writes cp, a checkpoint of the vault's log that extends every one
// kept, to every place. It returns the state file's error; a witness's is
// reported.
func (k *keeper) keep(cp []byte) error {
	if err := atomicfile.ReplaceFile(k.file(""), cp); err != nil {
		fix := "make %s writable"
		if diskspace.Full(err) {
			fix = "free space on the disk holding %s"
		}
		return fmt.Errorf("failed to keep the vault's checkpoint outside the vault, which detects a rollback: %w; "+fix+", or set TVAULT_STATE_DIR", err, k.stateDir)
	}
	for _, w := range k.witnesses {
		err := isDir(w)
		if err == nil {
			err = atomicfile.ReplaceFile(k.file(w), cp)
		}
		if err != nil {
			k.unreachable(w, err)
			continue
		}
		delete(k.down, w)
	}
	return nil
}

// file is the file that keeps the checkpoint in witness directory w, or
// in the state directory if w is "".
func (k *keeper) file(w string) string {
	if w == "" {
		w = k.stateDir
	}
	return filepath.Join(w, k.name)
}

func (k *keeper) unreachable(w string, err error) {
	if !k.down[w] {
		k.down[w] = true
		k.warn(fmt.Errorf("witness %s is unreachable, so the vault is neither checked against it nor recorded there: %w", w, err))
	}
}

func isDir(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		err = fmt.Errorf("%s is not a directory", dir)
	}
	return err
}

// witnessDirs returns dirs as absolute paths without repeats, each an
// existing directory: Init records them, and every later open, from any
// working directory, uses them.
func witnessDirs(dirs []string) ([]string, error) {
	var out []string
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err == nil {
			err = isDir(abs)
		}
		if err != nil {
			return nil, fmt.Errorf("invalid witness %q: %w; give a directory that exists, on another disk or a mounted share", d, err)
		}
		if !slices.Contains(out, abs) {
			out = append(out, abs)
		}
	}
	return out, nil
}

// storedWitnesses returns the witness directories recorded at init.
func storedWitnesses(rtx store.ReadTx) ([]string, error) {
	raw, err := rtx.Get(witnessKey)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var dirs []string
	if err := json.Unmarshal(raw, &dirs); err != nil {
		return nil, fmt.Errorf("%w: witness directories: %v", store.ErrCorrupt, err)
	}
	return dirs, nil
}

// checkKept checks v against the checkpoints kept of it, and returns its
// keeper and the checkpoints it does not extend. If it extends them all,
// its latest checkpoint is kept at once where it is newer than what is
// kept (the first open on a machine), so that a state directory that
// cannot be written fails the open.
// opts.Isolated replaces the state directory and the witnesses; a
// restored copy not yet accepted neither checks nor keeps the witnesses
// (restoredCopy).
func (v *Vault) checkKept(opts OpenOptions, restored bool) (*keeper, []*RollbackError, error) {
	verifier, err := v.verifier()
	if err != nil {
		return nil, nil, err
	}
	var k *keeper
	var refused []*RollbackError
	var latest []byte
	err = v.store.View(context.Background(), func(tx store.ReadTx) error {
		// Init writes the log's first entries before the keyring, so an
		// empty log beside a keyring is a database lost or replaced (Badger
		// makes an empty one in an emptied directory), even where no
		// checkpoint was kept yet.
		if n, err := audit.Size(tx); err != nil || n == 0 {
			if err == nil {
				err = fmt.Errorf("%w: the audit log is empty, and every vault's log begins at its init: the database was lost or replaced", store.ErrCorrupt)
			}
			return err
		}
		witnesses, err := storedWitnesses(tx)
		if err != nil {
			return err
		}
		if opts.Isolated != "" || restored {
			witnesses = nil
		}
		if k, err = newKeeper(v.secrets().VaultID, opts.Isolated, witnesses, opts.Warn); err != nil {
			return err
		}
		var size int64
		verifiers, err := audit.Verifiers(tx, verifier)
		if err != nil {
			return err
		}
		refused, size, err = k.check(tx, verifiers)
		if err != nil || len(refused) > 0 {
			return err
		}
		latest, err = audit.Latest(tx)
		if errors.Is(err, audit.ErrNoCheckpoint) {
			return nil
		}
		if err != nil {
			return err
		}
		// The vault's own checkpoint must not contradict its log either;
		// the next write would refuse to sign if it did.
		tree, err := audit.OpenCheckpointAny(latest, verifiers)
		if err == nil {
			_, err = audit.Extends(tx, tree)
		}
		if err != nil {
			return fmt.Errorf("the vault's stored checkpoint: %w", err)
		}
		if tree.N <= size {
			latest = nil
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if latest != nil {
		if err := k.keep(latest); err != nil {
			return nil, nil, err
		}
	}
	return k, refused, nil
}

// stillExtends fails with a *RollbackError, in tx, the transaction that
// appends to the log, if the log in a shared store no longer extends a
// checkpoint kept of it. Open checks once; but while this process runs,
// anyone who can write the database could put an older copy of it in
// place (a restored dump, a failover to a standby that lacked the latest
// commits), and writing on top of it would reuse sequence numbers and,
// through keep, replace the kept checkpoints with the fork's. A directory
// is held by one process, whose table guard sees its files change.
func (v *Vault) stillExtends(tx store.ReadTx) error {
	if v.shared == nil || v.kept == nil {
		return nil
	}
	verifier, err := v.verifier()
	if err != nil {
		return err
	}
	verifiers, err := audit.Verifiers(tx, verifier)
	if err != nil {
		return err
	}
	refused, _, err := v.kept.check(tx, verifiers)
	if err != nil {
		return err
	}
	if len(refused) > 0 {
		return refused[0]
	}
	return nil
}

// keep is the audit log's keep function (audit.NewBatcher): once Open or
// Init has checked the vault against what was kept of it, it keeps each
// new checkpoint outside the vault directory.
func (v *Vault) keep(cp []byte) error {
	if v.kept == nil {
		return nil
	}
	return v.kept.keep(cp)
}

// AcceptRollback opens the vault in dir as OpenWith does, and accepts it
// as it is where its log does not extend a checkpoint kept of it: after a
// backup was restored on purpose, say. It records the acceptance in the
// vault's audit log (action "restore.accept" by the context's actor, with
// reason as its purpose and the size and root of the largest checkpoint it
// replaces), verifies the whole log (audit.VerifyStored), and only then
// writes the vault's latest checkpoint in place of every kept one, so that
// the next Open succeeds. A failure leaves the kept checkpoints as they
// were.
//
// It returns the kept checkpoints it replaced (none if the vault extended
// them all) and the report of the verification. reason is required.
func AcceptRollback(ctx context.Context, dir, passphrase, reason string, opts OpenOptions) ([]*RollbackError, *audit.Report, error) {
	if err := inspectCopy(ctx, dir, passphrase, opts); err != nil {
		return nil, nil, err
	}
	// The tables of the copy accepted are recorded afresh.
	v, err := unseal(dir, passphrase, opts, forgetTables)
	if err != nil {
		return nil, nil, err
	}
	defer v.Close()
	k, refused, err := v.checkKept(opts, false)
	if err != nil {
		return nil, nil, err
	}
	rep, err := do(ctx, v, "restore.accept", nil, func(o *op) (*audit.Report, error) {
		if strings.TrimSpace(reason) == "" {
			return nil, &service.InvalidArgumentError{Arg: "reason", Want: "say why this copy of the vault is accepted"}
		}
		o.e.Purpose = reason
		o.attr("replaced", fmt.Sprint(len(refused)))
		var largest *RollbackError
		for _, r := range refused {
			if r.diverged() && (largest == nil || r.Kept.N > largest.Kept.N) {
				largest = r
			}
		}
		if largest != nil {
			o.attr("kept-size", fmt.Sprint(largest.Kept.N))
			o.attr("kept-root", largest.Kept.Hash.String())
		}
		// The entry and the checkpoint over it commit first, so that a
		// log never checkpointed verifies too; the keeper is not v's yet,
		// so nothing is kept before the log verifies.
		if err := o.commit(); err != nil {
			return nil, err
		}
		verifier, err := v.verifier()
		if err != nil {
			return nil, err
		}
		var rep *audit.Report
		err = o.view(func(tx store.ReadTx) (err error) {
			rep, err = audit.VerifyStored(tx, verifier)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("the vault's audit log does not verify, so this copy is not accepted: %w", err)
		}
		if b, ok := v.raw.(*badgerstore.Store); ok {
			b.KeepTables()
		}
		if err := k.keep(rep.Checkpoint); err != nil {
			return nil, err
		}
		// Accepted: from now on its opens check and keep the witnesses.
		if err := os.Remove(filepath.Join(dir, restoredFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return rep, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return refused, rep, v.Close()
}

// restoredCopy reports whether the vault directory dir is a copy that
// Restore made and that no one has accepted (AcceptRollback), and warns
// so. A backup holds the vault's witnesses, so a copy opened for a drill
// beside the original would check them (and be refused once the original
// has written since the backup) and keep its own log's checkpoints there,
// a fork the original is then refused for. Until it is accepted, such a
// copy is checked against, and keeps, its state directory only: a drill
// copy opened with a TVAULT_STATE_DIR of its own leaves the original's
// checkpoints alone.
func restoredCopy(dir string, warn func(error)) bool {
	if IsDatabase(dir) {
		return false
	}
	if _, err := os.Stat(filepath.Join(dir, restoredFile)); err != nil {
		return false
	}
	warnFunc(warn)(errors.New("this vault was restored from a backup and not accepted: its witnesses are neither checked nor written until it is; to use it in the original's place, run \"tvault restore accept --reason TEXT\""))
	return true
}

// countProblems says "1 problem" or "n problems".
func countProblems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}
