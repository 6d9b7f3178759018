package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tvault/tvault/internal/gcpace"
	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

const backupUsage = `Usage: tvault backup --out FILE [--json]
       tvault backup verify [--key KEY] [--checkpoint OLD] [--json] [--quiet] FILE

backup writes the whole vault to FILE, a new file written whole or not at
all: every stored value still sealed, every attachment's blob, the
keyring as it is (sealed under the passphrase, never unsealed), and the
audit log up to the signed checkpoint the copy ends at, with a SHA-256 of
the whole file. It reads one snapshot, so the copy is consistent, and
never contains plaintext. The format is documented in vault/backup.go.
Through tvaultd (TVAULT_ADDR) it is open to administrators and streams
while the daemon serves; locally it opens the vault directory. It is
recorded in the audit log, and the file written is read back and verified
before the command succeeds. Progress goes to stderr.

verify checks a backup without the passphrase and without restoring it:
its structure and SHA-256, the checkpoint's signature, the audit log
against it and that the copy holds exactly the entries it covers. Give
the verifier key kept from "tvault audit key" with --key: without it the
key in the file is used, which shows only that the file is consistent.
With --checkpoint, it also proves that the log extends a checkpoint kept
earlier. To restore a backup, see "tvault help restore".

Options:
    --out FILE         the backup file to create (it must not exist)
    --key KEY          the vault's verifier key, or a file holding it
    --checkpoint OLD   a checkpoint kept earlier, which the log must extend
    --json             print what was written or verified as one object:
                       {"file", "verifier_key", "entries", "keys", "blobs",
                       "blob_bytes"}

Examples:
    $ tvault backup --out /media/usb/vault-2026-11-29.tvb
    $ tvault backup verify --key vault.vkey /media/usb/vault-2026-11-29.tvb
`

func backupCommand(g *globals) *command {
	var out string
	var asJSON bool
	return &command{
		name:  "backup",
		short: "write the vault to one verifiable file, or verify one",
		usage: backupUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&out, "out", "", "backup file to create")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run:  func(args []string) error { return runBackup(g, args, out, asJSON) },
		subs: []*command{backupVerifyCommand()},
	}
}

func runBackup(g *globals, args []string, out string, asJSON bool) error {
	if err := noArgs("backup", args); err != nil {
		return err
	}
	if out == "" {
		return &usageError{msg: "--out FILE is required"}
	}
	m := g.meter("backing up")
	err := withVault(g, func(v service.Service) error {
		return writeOutput(out, func(w io.Writer) error { return v.Backup(localContext(), m.Writer(w, 0)) })
	})
	m.Done()
	if err != nil {
		return err
	}
	// What was written is read back, as restore would read it.
	rep, err := verifyBackupFile(out, "", nil, g.meter("verifying"))
	if err != nil {
		return fmt.Errorf("the backup written does not verify: %w", err)
	}
	if asJSON {
		return printJSON(newBackupJSON(out, rep))
	}
	fmt.Printf("wrote %s: %s\n", out, backupSummary(rep))
	return nil
}

// backupJSON is the JSON form of a backup's report.
type backupJSON struct {
	File        string `json:"file"`
	VerifierKey string `json:"verifier_key"`
	Entries     int64  `json:"entries"`
	Keys        int64  `json:"keys"`
	Blobs       int64  `json:"blobs"`
	BlobBytes   int64  `json:"blob_bytes"`
}

func newBackupJSON(file string, r *vault.BackupReport) backupJSON {
	return backupJSON{File: file, VerifierKey: r.VerifierKey, Entries: r.Entries, Keys: r.Keys, Blobs: r.Blobs, BlobBytes: r.BlobBytes}
}

// verifyBackupFile verifies the backup file name, showing on m how far
// it has read.
func verifyBackupFile(name, key string, old []byte, m *progress.Meter) (*vault.BackupReport, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	defer m.Done()
	defer m.Follow(f, fi.Size())()
	return vault.VerifyBackup(f, key, old)
}

func backupSummary(r *vault.BackupReport) string {
	return fmt.Sprintf("%d keys, %d blobs (%d bytes), the audit log's checkpoint of %d entries", r.Keys, r.Blobs, r.BlobBytes, r.Entries)
}

func backupVerifyCommand() *command {
	var key, old string
	var asJSON, quiet bool
	return &command{
		name:  "verify",
		short: "check a backup file without restoring it",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&key, "key", "", "verifier key")
			fs.StringVar(&old, "checkpoint", "", "checkpoint kept earlier")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
			fs.BoolVar(&quiet, "quiet", false, "show no progress on standard error")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "backup verify takes one FILE"}
			}
			var oldCP []byte
			if old != "" {
				var err error
				if oldCP, err = readSmallFile(old, "checkpoint"); err != nil {
					return err
				}
			}
			vkey := key
			if key != "" {
				var err error
				if vkey, err = verifierKeyArg(key); err != nil {
					return err
				}
			}
			rep, err := verifyBackupFile(args[0], vkey, oldCP, progress.New(os.Stderr, quiet, "verifying"))
			if err != nil {
				return fmt.Errorf("backup %s does not verify: %w", args[0], err)
			}
			if key == "" {
				fmt.Fprintf(os.Stderr, "tvault: warning: no --key: checked against the key in the file (%s), which shows only that the file is consistent\n", rep.VerifierKey)
			}
			if asJSON {
				return printJSON(newBackupJSON(args[0], rep))
			}
			fmt.Printf("backup %s verifies: %s\n", args[0], backupSummary(rep))
			return nil
		},
	}
}

func restoreCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "restore",
		short: "restore a backup into a new directory, or accept a restored vault",
		usage: restoreUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run:  func(args []string) error { return runRestore(g, args, asJSON) },
		subs: []*command{restoreAcceptCommand(g)},
	}
}

// restoreJSON is the JSON form of a restore: the backup restored, the
// vault directory written and the check of it.
type restoreJSON struct {
	backupJSON
	Vault string               `json:"vault"`
	Check *service.CheckReport `json:"check"`
}

func runRestore(g *globals, args []string, asJSON bool) error {
	if len(args) != 1 {
		return &usageError{msg: "restore takes one FILE, or the subcommand accept"}
	}
	if remote() {
		return &usageError{msg: "restore writes a vault directory, not through tvaultd", hint: "unset TVAULT_ADDR and give the new directory with --vault DIR"}
	}
	dir, err := g.dir()
	if err != nil {
		return err
	}
	if vault.IsDatabase(dir) {
		return &usageError{msg: "restore writes a vault directory, not a database", hint: "give a new directory with --vault DIR"}
	}
	var pass string
	opts := vault.OpenOptions{Warn: warn}
	if len(g.identities) > 0 {
		opts.Identities, err = readIdentities(g.identities)
	} else {
		pass, err = g.passphrase(false)
	}
	if err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("failed to restore %s: %w", args[0], err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	// The copy is the same vault as its original. Its check keeps its
	// checkpoint apart, so that a drill beside the original does not make
	// the original look older here; accepting the copy in the original's
	// place is another, deliberate act.
	isolated, err := os.MkdirTemp("", "tvault-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(isolated)
	opts.Isolated = isolated
	fmt.Fprintf(os.Stderr, "tvault: verifying %s, then restoring it into %s\n", args[0], dir)
	// The file is read twice: the line counts up to its size twice.
	m := g.meter("verifying, then restoring")
	unfollow := m.Follow(f, fi.Size())
	_, statErr := os.Lstat(dir)
	made := errors.Is(statErr, fs.ErrNotExist) // by this restore, if it exists later
	v, rep, err := vault.RestoreOpen(localContext(), f, dir, pass, opts)
	unfollow()
	m.Done()
	if err != nil {
		err = fmt.Errorf("failed to restore %s: %w", args[0], err)
		// A copy written and then refused by its open (a backup whose
		// values fail their seals) is not left behind either.
		if _, serr := os.Lstat(dir); made && serr == nil {
			return removeCopy(err, dir)
		}
		return err
	}
	// Its check runs as tvault check does, in a process with a vault open.
	gcpace.Open()
	fmt.Fprintf(os.Stderr, "tvault: checking the restored vault with --read-data\n")
	m = g.meter("checking")
	r, err := v.Check(localContext(), checkOptions(true, m))
	m.Done()
	if err == nil && asJSON {
		if err = printJSON(restoreJSON{newBackupJSON(args[0], rep), dir, r}); err == nil {
			err = checkFailure(r)
		}
	} else if err == nil {
		if err = printCheck(r, false); err == nil {
			fmt.Printf("restored %s into %s: %s\n", args[0], dir, backupSummary(rep))
		}
	}
	if err != nil {
		// A copy that fails its check is not left behind to be opened
		// as a vault: the backup file is still there to look into.
		v.Close()
		return removeCopy(err, dir)
	}
	fmt.Fprintf(os.Stderr, "tvault: the copy shares the original's identity: to use it here in the original's place, run \"tvault --vault %s restore accept --reason TEXT\"; open a drill copy only with a TVAULT_STATE_DIR of its own\n", dir)
	return v.Close()
}

// removeCopy removes dir, a restored copy refused for err, and says so.
func removeCopy(err error, dir string) error {
	if rerr := os.RemoveAll(dir); rerr != nil {
		return errors.Join(err, rerr)
	}
	return fmt.Errorf("%w; the restored copy %s was removed", err, dir)
}
