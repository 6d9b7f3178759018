package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// usageError is a mistake in how tvault was called.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }

// Exit statuses, one per class of failure that a script may handle
// differently; exitStatusText documents them.
const (
	exitFailure   = 1 // any failure of no class below
	exitUsage     = 2 // the command line, or an argument, is wrong
	exitDenied    = 3 // the policy, the passphrase or the token refused it
	exitNotFound  = 4 // no such record, person, attachment, user, grant or vault
	exitIntegrity = 5 // stored data, a log or a proof failed its check
	exitInUse     = 6 // another process has the vault open
)

// exitStatusText is the EXIT STATUS section of tvault(1), and the table in
// the README.
const exitStatusText = `    0   success
    1   a failure of no class below: a file that cannot be read or
        parsed, a daemon that cannot be reached, a disk full
    2   usage: an unknown command or flag, a missing or malformed argument
    3   denied: by the policy or consent, a wrong passphrase, too few
        operators' identities or a share of none, an invalid, revoked or
        expired token
    4   not found: no such record, person, attachment, user, domain grant
        or vault
    5   integrity: a record or vault file altered or damaged, a vault older
        than a checkpoint kept of it, an audit log, export or proof that
        does not verify
    6   in use: another tvault command or tvaultd has the vault open
`

// exitCode returns the exit status for err, by the first class it is of,
// in the order integrity, in use, denied, not found, usage.
func exitCode(err error) int {
	var ue *usageError
	var ie *service.IntegrityError
	var re *vault.RollbackError
	var ee *audit.EntryError
	var few *keyring.TooFewSharesError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ie), errors.Is(err, service.ErrCorrupt), errors.As(err, &re), errors.As(err, &ee),
		errors.Is(err, audit.ErrBadSignature), errors.Is(err, audit.ErrOtherLog),
		errors.Is(err, audit.ErrLogOlder), errors.Is(err, audit.ErrInconsistent), errors.Is(err, vault.ErrBadBackup):
		return exitIntegrity
	case errors.Is(err, service.ErrInUse):
		return exitInUse
	case errors.Is(err, service.ErrDenied), errors.Is(err, service.ErrNoConsent),
		errors.Is(err, service.ErrWrongPassphrase), errors.Is(err, service.ErrUnauthenticated),
		errors.Is(err, service.ErrSealedToOperators), errors.Is(err, service.ErrNotSealedToOperators),
		errors.Is(err, service.ErrUnknownShare), errors.As(err, &few):
		return exitDenied
	case errors.Is(err, service.ErrNotFound), errors.Is(err, service.ErrNoPerson), errors.Is(err, service.ErrNoAttachment),
		errors.Is(err, service.ErrNoUser), errors.Is(err, service.ErrNoGrant), errors.Is(err, vault.ErrNotVault):
		return exitNotFound
	case errors.As(err, &ue), errors.Is(err, service.ErrInvalidArgument), errors.Is(err, service.ErrReasonRequired),
		errors.Is(err, service.ErrPurposeRequired), errors.Is(err, service.ErrRange):
		return exitUsage
	}
	return exitFailure
}

// printError writes err as one line on w, and a hint where one helps.
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "tvault: error: %v\n", err)
	if h := hint(err); h != "" {
		fmt.Fprintf(w, "tvault: hint: %s\n", h)
	}
}

func hint(err error) string {
	var ue *usageError
	var ie *service.IntegrityError
	var pe *testimony.ParseError
	var le *testimony.LimitError
	var de *service.DeniedError
	var ce *tls.CertificateVerificationError
	var few *keyring.TooFewSharesError
	var nm *noMemoryError
	switch {
	case errors.As(err, &nm):
		return "set XDG_RUNTIME_DIR to a directory of your own on a tmpfs; or pipe the testimony as JSON into \"tvault put -\""
	case errors.As(err, &ue):
		return ue.hint
	case isCheckError(err):
		return "the vault is not what its audit log says it holds; keep this copy aside, find out what changed it, and restore the vault from a backup that passes tvault check (tvault restore)"
	case errors.Is(err, vault.ErrWeakPassphrase):
		return "use 5 or more random words; a password manager can generate them"
	case errors.Is(err, service.ErrWrongPassphrase):
		if os.Getenv("TVAULT_PASSPHRASE_COMMAND") != "" {
			return "check what TVAULT_PASSPHRASE_COMMAND prints: its first line is the passphrase"
		}
		return "check the passphrase file given by --passphrase-file or TVAULT_PASSPHRASE_FILE"
	case errors.As(err, &few):
		return "give the age identity file of one more operator with --identity FILE, until there are as many as the threshold (tvault operator list)"
	case errors.Is(err, service.ErrSealedToOperators):
		return "give operators' age identity files with --identity FILE, as many as the threshold (tvault operator list)"
	case errors.Is(err, service.ErrUnknownShare):
		return "the identity is not one of this vault's operators (tvault operator list); check the identity file"
	case errors.Is(err, audit.ErrNoCheckpoint):
		return `sign one with "tvault audit checkpoint", keep a copy outside the vault, then verify`
	case errors.Is(err, service.ErrUnauthenticated):
		return "check TVAULT_TOKEN or TVAULT_TOKEN_FILE; an administrator can rotate a lost or expired token"
	case errors.Is(err, service.ErrInUse):
		return "another tvault command or tvaultd has this vault open; wait for it or stop it"
	case errors.Is(err, vault.ErrNotVault):
		return `run "tvault init" to create a vault, or point TVAULT_DIR or --vault at an existing one`
	case errors.As(err, &ie):
		return "the stored record was altered or damaged; no data was returned. Restore the vault from a backup, or have an escrow holder decrypt an intact copy"
	case errors.Is(err, service.ErrNoSpace):
		return "nothing was stored; free space on the disk holding the vault, then retry"
	case errors.Is(err, vault.ErrTableReplaced):
		return `a file of the vault's database is not the one this machine recorded; keep this copy aside, find out who replaced the file, and restore the vault from a backup; if you put this copy in place on purpose, run "tvault restore accept --reason TEXT"`
	case errors.Is(err, service.ErrCorrupt):
		return "the vault's files were altered or damaged, and nothing was changed or returned; restore the vault from a backup (tvault restore)"
	case errors.As(err, &le):
		return `nothing was stored; shorten the field, or, for a registered person's list, leave the value out and list it in redact ("tvault help put" and "tvault help person" give the bounds)`
	case errors.As(err, &pe):
		return "nothing was stored; fix the file and run the command again"
	case errors.As(err, &ce):
		return "tvaultd's certificate is not one this system trusts, or does not name the host of TVAULT_ADDR; " +
			"if your organisation runs its own certificate authority, or tvaultd a self-signed certificate, set TVAULT_CA_FILE to that certificate (PEM)"
	case errors.As(err, &de) && de.NeedsReason:
		return "say why with --reason TEXT; the audit log records it, so give no names or identifiers"
	case errors.As(err, &de) && de.Domain != "":
		return `"tvault domain list" shows the domains granted to you; an officer or admin grants one with "tvault domain grant"`
	}
	return ""
}
