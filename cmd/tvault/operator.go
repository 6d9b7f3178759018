package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

const operatorUsage = `Usage: tvault operator unseal [--identity FILE]...
       tvault operator seal
       tvault operator status [--json]
       tvault operator list
       tvault operator add RECIPIENT [--threshold K]
       tvault operator remove RECIPIENT|FINGERPRINT [--threshold K]

unseal, seal and status control a running tvaultd (TVAULT_ADDR). A
daemon started without a passphrase file is sealed: it holds no keys and
answers only status and unseal until an operator supplies the passphrase
(from TVAULT_PASSPHRASE_FILE, --passphrase-file, or the terminal). seal
drops the keys from the daemon's memory; it needs the admin role, and
works even when the daemon's storage fails (a vault directory deleted
under it): the seal is then not in the audit log, and tvaultd logs so.

A vault sealed to operators (tvault init --operator) has no passphrase:
each operator runs unseal with their own age identity file, on their own
machine; tvault fetches the shares, decrypts the operator's with the
identity there, and sends only that share. The daemon unseals when the
threshold's number of operators have sent theirs, and forgets shares
held longer than its --share-timeout. Each share sent is recorded in the
audit log at the unseal.

list prints the operators (number, fingerprint, recipient), of tvaultd
or of the vault directory. add and remove change them: they open the
vault directory (stop tvaultd first) with the identity files of as many
operators as the threshold (--identity FILE, each), and seal the keyring afresh to the new set,
so that shares of the old one open nothing. --threshold sets a new K.

Examples:
    $ export TVAULT_ADDR=unix:/run/tvault/tvaultd.sock
    $ tvault operator unseal
    $ tvault operator unseal --identity ~/op2.key
    $ TVAULT_TOKEN_FILE=admin.token tvault operator seal
    $ tvault --vault ~/vault --identity op1.key --identity op2.key operator add age1pq1...
    $ tvault --vault ~/vault --identity op1.key --identity op2.key operator remove 3f9c0a1b2d4e5f60
`

func operatorUnsealCommand(g *globals) *command {
	return &command{
		name:  "unseal",
		short: "give a sealed tvaultd the passphrase, or an operator's share",
		flags: func(fs *flag.FlagSet) {
			g.passphraseFlag(fs)
			g.identityFlag(fs)
		},
		run: func(args []string) error {
			return withDaemon("operator unseal", args, false, func(ctx context.Context, c *client.Client) error {
				if len(g.identities) > 0 {
					return submitShares(ctx, c, g.identities)
				}
				pass, err := g.passphrase(false)
				if err != nil {
					return err
				}
				if err := c.Unseal(ctx, pass); err != nil {
					return err
				}
				fmt.Println("unsealed")
				return nil
			})
		},
	}
}

// submitShares decrypts the shares that the identity files open, here,
// and sends each to the daemon.
func submitShares(ctx context.Context, c *client.Client, files []string) error {
	ids, err := readIdentities(files)
	if err != nil {
		return err
	}
	ops, err := c.Operators(ctx)
	if err != nil {
		return err
	}
	sent := 0
	for _, o := range ops.Operators {
		share, err := keyring.DecryptShare(o.Share, ids...)
		if err != nil {
			return fmt.Errorf("failed to decrypt operator %d's share: %w", o.Number, err)
		}
		if share == nil {
			continue
		}
		h, err := c.SubmitShare(ctx, share)
		clear(share)
		if err != nil {
			return fmt.Errorf("operator %d's share: %w", o.Number, err)
		}
		sent++
		if !h.Sealed {
			fmt.Printf("operator %d (%s): share sent\nunsealed\n", o.Number, o.Fingerprint)
			return nil
		}
		fmt.Printf("operator %d (%s): share sent, %d of %d held\n", o.Number, o.Fingerprint, h.Shares, h.Threshold)
	}
	if sent == 0 {
		return fmt.Errorf("%w: the identities open none of the %d operators' shares", service.ErrUnknownShare, len(ops.Operators))
	}
	fmt.Println("sealed: the other operators must each run \"tvault operator unseal --identity FILE\" before the daemon's share timeout")
	return nil
}

func operatorListCommand(g *globals) *command {
	return &command{
		name:  "list",
		short: "list the operators a keyring is sealed to",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&g.vaultDir, "vault", g.vaultDir, "vault directory")
			fs.StringVar(&g.store, "store", g.store, "PostgreSQL database of the vault")
		},
		run: func(args []string) error {
			if err := noArgs("operator list", args); err != nil {
				return err
			}
			var out *api.Operators
			if remote() {
				err := withDaemon("operator list", args, false, func(ctx context.Context, c *client.Client) (err error) {
					out, err = c.Operators(ctx)
					return err
				})
				if err != nil {
					return err
				}
			} else {
				dir, err := g.dir()
				if err != nil {
					return err
				}
				ops, err := vault.ReadOperators(dir)
				if err != nil {
					return err
				}
				out = &api.Operators{Threshold: ops.Threshold}
				for i, o := range ops.Operators {
					out.Operators = append(out.Operators, api.Operator{Number: i + 1, Fingerprint: o.Fingerprint(), Recipient: o.Recipient})
				}
			}
			fmt.Printf("threshold %d of %d\n", out.Threshold, len(out.Operators))
			for _, o := range out.Operators {
				fmt.Printf("%d %s %s\n", o.Number, o.Fingerprint, o.Recipient)
			}
			return nil
		},
	}
}

// operatorChangeCommand is operator add or remove.
func operatorChangeCommand(g *globals, name, short string, change func(v *vault.Vault, recipient string, threshold int) error) *command {
	var threshold int
	return &command{
		name:  name,
		short: short,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.IntVar(&threshold, "threshold", 0, "a new threshold K")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "operator " + name + " takes one recipient", hint: "tvault --identity FILE... operator " + name + " RECIPIENT"}
			}
			if remote() {
				return &usageError{msg: "operator " + name + " opens the vault directory, not tvaultd", hint: "stop tvaultd, unset TVAULT_ADDR and give the vault with --vault DIR or TVAULT_DIR"}
			}
			if threshold < 0 {
				return &usageError{msg: "--threshold must be positive"}
			}
			v, err := g.open()
			if err != nil {
				return err
			}
			defer v.Close()
			if err := change(v, args[0], threshold); err != nil {
				return err
			}
			ops := v.Operators()
			fmt.Printf("sealed to %d operators, threshold %d\n", len(ops.Operators), ops.Threshold)
			return v.Close()
		},
	}
}

func operatorSealCommand() *command {
	return &command{
		name:  "seal",
		short: "drop the keys from tvaultd's memory (admins)",
		run: func(args []string) error {
			return withDaemon("operator seal", args, true, func(ctx context.Context, c *client.Client) error {
				canceled, err := c.Seal(ctx)
				if err != nil {
					return err
				}
				fmt.Println("sealed")
				if canceled > 0 {
					fmt.Fprintf(os.Stderr, "tvault: %d requests still running at the seal's deadline were cut off\n", canceled)
				}
				return nil
			})
		},
	}
}

func operatorStatusCommand() *command {
	var asJSON bool
	return &command{
		name:  "status",
		short: "print whether tvaultd is sealed",
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") },
		run: func(args []string) error {
			return withDaemon("operator status", args, false, func(ctx context.Context, c *client.Client) error {
				sealed, err := c.Health(ctx)
				if err != nil {
					return err
				}
				if asJSON {
					return printJSON(struct {
						Sealed bool `json:"sealed"`
					}{sealed})
				}
				fmt.Println(map[bool]string{true: "sealed", false: "unsealed"}[sealed])
				return nil
			})
		},
	}
}

// withDaemon runs fn with a client of the daemon at TVAULT_ADDR, which
// presents the user's token only if withToken: unseal and status need
// none, as a sealed daemon has no users yet.
func withDaemon(name string, args []string, withToken bool, fn func(context.Context, *client.Client) error) error {
	if err := noArgs(name, args); err != nil {
		return err
	}
	if !remote() {
		return &usageError{msg: "operator commands talk to tvaultd", hint: "set TVAULT_ADDR=unix:PATH or https://HOST:PORT"}
	}
	getenv := os.Getenv
	if !withToken {
		getenv = func(k string) string {
			if k == "TVAULT_TOKEN" || k == "TVAULT_TOKEN_FILE" {
				return ""
			}
			return os.Getenv(k)
		}
	}
	c, err := client.FromEnv(getenv)
	if err != nil {
		return fmt.Errorf("failed to connect to tvaultd: %w", err)
	}
	defer c.Close()
	return fn(context.Background(), c)
}
