package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/user"

	"golang.org/x/term"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/gcpace"
	"github.com/tvault/tvault/internal/passphrase"
	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// globals holds the options of the commands that open a vault, which may
// come before or after the command's name.
type globals struct {
	vaultDir       string
	store          string
	passphraseFile string
	// identities are the age identity files of operators, for a vault
	// sealed to operators instead of a passphrase.
	identities listFlag
	quiet      bool
}

// vaultFlags defines the global flags of a command that opens a vault.
func (g *globals) vaultFlags(fs *flag.FlagSet) {
	fs.StringVar(&g.vaultDir, "vault", g.vaultDir, "vault directory")
	fs.StringVar(&g.store, "store", g.store, "PostgreSQL database of the vault")
	fs.BoolVar(&g.quiet, "quiet", g.quiet, "show no progress on standard error")
	g.passphraseFlag(fs)
	g.identityFlag(fs)
}

// identityFlag defines the global flag --identity, repeatable: an
// operator's age identity file.
func (g *globals) identityFlag(fs *flag.FlagSet) {
	fs.Var(&g.identities, "identity", "an operator's age identity file")
}

// meter returns the progress line of work described by label: drawn on
// standard error when it is a terminal, unless --quiet.
func (g *globals) meter(label string) *progress.Meter {
	return progress.New(os.Stderr, g.quiet, label)
}

// passphraseFlag defines the global flag of a command that asks for the
// passphrase but opens no vault directory.
func (g *globals) passphraseFlag(fs *flag.FlagSet) {
	fs.StringVar(&g.passphraseFile, "passphrase-file", g.passphraseFile, "file holding the passphrase")
}

// dir returns where the vault lives: a directory (--vault, TVAULT_DIR) or
// a PostgreSQL database (--store, TVAULT_STORE); see vault.HomeFrom.
func (g *globals) dir() (string, error) {
	home, err := vault.HomeFrom(g.vaultDir, g.store, os.Getenv)
	if err != nil {
		return "", &usageError{msg: err.Error(), hint: "a vault lives in a directory (--vault DIR, TVAULT_DIR) or a database (--store postgres://..., TVAULT_STORE): give one"}
	}
	if home == "" {
		return "", &usageError{msg: "no vault given", hint: "set TVAULT_DIR or pass --vault DIR"}
	}
	return home, nil
}

// passphrase returns the operator's passphrase from --passphrase-file,
// else TVAULT_PASSPHRASE_FILE or TVAULT_PASSPHRASE_COMMAND (not both),
// else, when stdin is a terminal, a prompt; confirm asks twice (for init).
func (g *globals) passphrase(confirm bool) (string, error) {
	if g.passphraseFile != "" {
		return passphrase.File(g.passphraseFile)
	}
	file, command := os.Getenv("TVAULT_PASSPHRASE_FILE"), os.Getenv("TVAULT_PASSPHRASE_COMMAND")
	switch {
	case file != "" && command != "":
		return "", &usageError{msg: "TVAULT_PASSPHRASE_FILE and TVAULT_PASSPHRASE_COMMAND both set",
			hint: "unset one of them, or pass --passphrase-file FILE, which takes precedence"}
	case file != "":
		return passphrase.File(file)
	case command != "":
		return passphrase.Command(command)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return "", &usageError{msg: "no passphrase given and standard input is not a terminal",
			hint: "set TVAULT_PASSPHRASE_FILE or TVAULT_PASSPHRASE_COMMAND, or pass --passphrase-file FILE"}
	}
	if !confirm {
		return prompt("Vault passphrase: ")
	}
	return promptTwice("Vault passphrase: ", "Confirm passphrase: ")
}

// newPassphrase returns the new passphrase of a change: from file, or
// asked twice on the terminal.
func newPassphrase(file string) (string, error) {
	if file != "" {
		return passphrase.File(file)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return "", &usageError{msg: "no new passphrase given and standard input is not a terminal",
			hint: "pass --new-passphrase-file FILE"}
	}
	return promptTwice("New vault passphrase: ", "Confirm new passphrase: ")
}

// promptTwice asks for a passphrase, then again, and fails if the two
// differ.
func promptTwice(label, again string) (string, error) {
	p, err := prompt(label)
	if err != nil {
		return "", err
	}
	q, err := prompt(again)
	if err != nil {
		return "", err
	}
	if q != p {
		return "", errors.New("passphrases do not match")
	}
	return p, nil
}

func prompt(label string) (string, error) {
	fmt.Fprint(os.Stderr, label)
	p, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("failed to read passphrase: %w", err)
	}
	if len(p) == 0 {
		return "", errors.New("empty passphrase")
	}
	return string(p), nil
}

// localContext is the context of a local-mode operation: the operator who
// unsealed the vault acts as an officer, named in the audit log by their
// login name.
func localContext() context.Context {
	a := service.LocalOperator
	if u, err := user.Current(); err == nil && u.Username != "" {
		a.Name = "local:" + u.Username
	}
	return service.WithActor(context.Background(), a)
}

// reasonFlag defines --reason on a command that reads a testimony or an
// attachment as stored: the policy may require one (require_reason).
func reasonFlag(fs *flag.FlagSet, reason *string) {
	fs.StringVar(reason, "reason", "", "why you read it, recorded in the audit log")
}

// reasonContext is localContext stating reason (service.WithReason).
func reasonContext(reason string) context.Context {
	return service.WithReason(localContext(), reason)
}

// open unseals the configured vault. One opened by operators' identities
// records so in its log (operator.unseal, with the operators' numbers),
// or is not opened.
func (g *globals) open() (*vault.Vault, error) {
	dir, pass, opts, err := g.unlock()
	if err != nil {
		return nil, err
	}
	return g.openUnlocked(dir, pass, opts)
}

// openUnlocked is open with what unlock returned.
func (g *globals) openUnlocked(dir, pass string, opts vault.OpenOptions) (*vault.Vault, error) {
	v, err := vault.OpenWith(dir, pass, opts)
	if err != nil {
		return nil, err
	}
	if by := v.UnsealedBy(); by != nil {
		attrs := map[string]string{"shares": vault.OperatorNumbers(by)}
		if err := v.RecordEvent(localContext(), "operator.unseal", audit.OutcomeOK, attrs); err != nil {
			v.Close()
			return nil, err
		}
	}
	gcpace.Open()
	return v, nil
}

// unlock returns the configured vault directory and what opens it: the
// passphrase, or the operators' identities (--identity), in opts. A
// directory that holds no vault, or one in use, is refused before the
// passphrase is asked for and the keyring unsealed, which takes a second;
// so is a vault sealed to operators without identities.
func (g *globals) unlock() (dir, pass string, opts vault.OpenOptions, err error) {
	opts.Warn = warn
	if dir, err = g.dir(); err != nil {
		return "", "", opts, err
	}
	if err := vault.Probe(dir); err != nil {
		return "", "", opts, err
	}
	if len(g.identities) > 0 {
		opts.Identities, err = readIdentities(g.identities)
		return dir, "", opts, err
	}
	if !vault.IsDatabase(dir) {
		if ops, err := vault.ReadOperators(dir); err == nil {
			return "", "", opts, &usageError{msg: fmt.Sprintf("the vault is sealed to %d operators and has no passphrase", len(ops.Operators)),
				hint: fmt.Sprintf("give the age identity files of %d of them, each with --identity FILE", ops.Threshold)}
		}
	}
	pass, err = g.passphrase(false)
	return dir, pass, opts, err
}

// withVault runs fn on the configured vault (see connect), which it closes
// after; a failure to close it (to flush the audit log) is an error too.
func withVault(g *globals, fn func(v service.Service) error) error {
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	if err := fn(v); err != nil {
		return err
	}
	return v.Close()
}
