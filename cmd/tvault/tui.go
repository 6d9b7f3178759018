package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/tvault/tvault/audit"
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
	var de *service.DeniedError
	switch {
	case errors.As(err, &ue):
		return ue.hint
	case errors.Is(err, vault.ErrWeakPassphrase):
		return "use 5 or more random words; a password manager can generate them"
	case errors.Is(err, service.ErrWrongPassphrase):
		return "check the passphrase file given by --passphrase-file or TVAULT_PASSPHRASE_FILE"
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
	case errors.Is(err, service.ErrCorrupt):
		return "the vault's files were altered or damaged, and nothing was changed or returned; restore the vault directory from a backup"
	case errors.As(err, &pe):
		return "nothing was stored; fix the file and run the command again"
	case errors.As(err, &de) && de.Domain != "":
		return `"tvault domain list" shows the domains granted to you; an officer or admin grants one with "tvault domain grant"`
	}
	return ""
}
