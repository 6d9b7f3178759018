package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tvault/tvault/client"
)

const operatorUsage = `Usage: tvault operator unseal
       tvault operator seal
       tvault operator status [--json]

Controls a running tvaultd (TVAULT_ADDR). A daemon started without a
passphrase file is sealed: it holds no keys and answers only status and
unseal until an operator supplies the passphrase (from
TVAULT_PASSPHRASE_FILE, --passphrase-file, or the terminal). seal drops
the keys from the daemon's memory; it needs the admin role.

Examples:
    $ export TVAULT_ADDR=unix:/run/tvault/tvaultd.sock
    $ tvault operator unseal
    $ TVAULT_TOKEN_FILE=admin.token tvault operator seal
`

func operatorUnsealCommand(g *globals) *command {
	return &command{
		name:  "unseal",
		short: "give a sealed tvaultd the passphrase",
		flags: g.passphraseFlag,
		run: func(args []string) error {
			return withDaemon("operator unseal", args, false, func(ctx context.Context, c *client.Client) error {
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
