package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"

	"golang.org/x/term"

	"github.com/tvault/tvault/internal/gcpace"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// globals holds the options of the commands that open a vault, which may
// come before or after the command's name.
type globals struct {
	vaultDir       string
	passphraseFile string
}

// vaultFlags defines the global flags of a command that opens a vault.
func (g *globals) vaultFlags(fs *flag.FlagSet) {
	fs.StringVar(&g.vaultDir, "vault", g.vaultDir, "vault directory")
	g.passphraseFlag(fs)
}

// passphraseFlag defines the global flag of a command that asks for the
// passphrase but opens no vault directory.
func (g *globals) passphraseFlag(fs *flag.FlagSet) {
	fs.StringVar(&g.passphraseFile, "passphrase-file", g.passphraseFile, "file holding the passphrase")
}

func (g *globals) dir() (string, error) {
	if g.vaultDir != "" {
		return g.vaultDir, nil
	}
	if d := os.Getenv("TVAULT_DIR"); d != "" {
		return d, nil
	}
	return "", &usageError{msg: "no vault given", hint: "set TVAULT_DIR or pass --vault DIR"}
}

// maxPassphraseFile bounds what is read from a passphrase file.
const maxPassphraseFile = 4 << 10

// passphrase returns the operator's passphrase from --passphrase-file,
// TVAULT_PASSPHRASE_FILE or, when stdin is a terminal, a prompt; confirm
// asks twice (for init).
func (g *globals) passphrase(confirm bool) (string, error) {
	file := g.passphraseFile
	if file == "" {
		file = os.Getenv("TVAULT_PASSPHRASE_FILE")
	}
	if file != "" {
		return readPassphraseFile(file)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return "", &usageError{msg: "no passphrase given and standard input is not a terminal",
			hint: "set TVAULT_PASSPHRASE_FILE or pass --passphrase-file FILE"}
	}
	p, err := prompt("Vault passphrase: ")
	if err != nil || !confirm {
		return p, err
	}
	again, err := prompt("Confirm passphrase: ")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", errors.New("passphrases do not match")
	}
	return p, nil
}

func readPassphraseFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("failed to read passphrase file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPassphraseFile+1))
	if err != nil {
		return "", fmt.Errorf("failed to read passphrase file: %w", err)
	}
	if len(data) > maxPassphraseFile {
		return "", fmt.Errorf("passphrase file %s is larger than %d bytes", name, maxPassphraseFile)
	}
	// Editors and echo add one line ending; the passphrase is the rest.
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	if len(data) == 0 {
		return "", fmt.Errorf("passphrase file %s is empty", name)
	}
	return string(data), nil
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

// open unseals the configured vault.
func (g *globals) open() (*vault.Vault, error) {
	dir, err := g.dir()
	if err != nil {
		return nil, err
	}
	pass, err := g.passphrase(false)
	if err != nil {
		return nil, err
	}
	v, err := vault.OpenWith(dir, pass, vault.OpenOptions{Warn: warn})
	if err == nil {
		gcpace.Open()
	}
	return v, err
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
