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

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// globals holds the options every command accepts, before or after its name.
type globals struct {
	vaultDir       string
	passphraseFile string
}

// flagSet returns a flag set for a command that also accepts the global
// options, printing usageText on -h.
func (g *globals) flagSet(name, usageText string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { fmt.Fprint(os.Stderr, usageText) }
	fs.StringVar(&g.vaultDir, "vault", g.vaultDir, "vault directory")
	fs.StringVar(&g.passphraseFile, "passphrase-file", g.passphraseFile, "file holding the passphrase")
	return fs
}

// parse parses a command's flags, which may come before, between or after
// its arguments ("get ID --view researcher"); everything after "--" is an
// argument. Flag errors become usage errors. fs.Args() then holds the
// arguments in order.
func parse(fs *flag.FlagSet, args []string) error {
	var positional, rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return errHelpShown
			}
			return &usageError{msg: err.Error(), hint: fmt.Sprintf(`run "tvault help %s" for usage`, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional, args = append(positional, args[0]), args[1:]
	}
	// Parsing "--" and the arguments leaves exactly them in fs.Args().
	return fs.Parse(append([]string{"--"}, append(positional, rest...)...))
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
	return vault.Open(dir, pass)
}
