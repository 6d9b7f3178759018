package main

import (
	"context"
	"fmt"
	"os"

	"github.com/tvault/tvault/client"
)

const operatorUsage = `Usage: tvault operator unseal
       tvault operator seal
       tvault operator status

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

func init() {
	commands["operator"] = command{usage: operatorUsage, run: runOperator}
}

func runOperator(g *globals, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "operator needs a subcommand: unseal, seal or status", hint: `run "tvault help operator"`}
	}
	sub, args := args[0], args[1:]
	fs := g.flagSet("operator "+sub, operatorUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return &usageError{msg: fmt.Sprintf("operator %s takes no arguments", sub)}
	}
	if !remote() {
		return &usageError{msg: "operator commands talk to tvaultd", hint: "set TVAULT_ADDR=unix:PATH or https://HOST:PORT"}
	}
	// Unseal and status need no token: a sealed daemon has no users yet.
	getenv := os.Getenv
	if sub != "seal" {
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
	ctx := context.Background()
	switch sub {
	case "unseal":
		pass, err := g.passphrase(false)
		if err != nil {
			return err
		}
		if err := c.Unseal(ctx, pass); err != nil {
			return err
		}
		fmt.Println("unsealed")
	case "seal":
		if err := c.Seal(ctx); err != nil {
			return err
		}
		fmt.Println("sealed")
	case "status":
		sealed, err := c.Health(ctx)
		if err != nil {
			return err
		}
		fmt.Println(map[bool]string{true: "sealed", false: "unsealed"}[sealed])
	default:
		return &usageError{msg: fmt.Sprintf("unknown operator subcommand %q", sub), hint: `run "tvault help operator"`}
	}
	return nil
}
