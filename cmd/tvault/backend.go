package main

import (
	"fmt"
	"os"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/vault/service"
)

// remote reports whether the CLI talks to a daemon (TVAULT_ADDR is set).
func remote() bool { return os.Getenv("TVAULT_ADDR") != "" }

// connect opens the configured vault for a command: the daemon at
// TVAULT_ADDR with the token of TVAULT_TOKEN or TVAULT_TOKEN_FILE, or else
// the local vault directory, unsealed with the passphrase. Either way the
// commands use it through the service contract, which is how every command
// gives the same output in local and remote mode.
func (g *globals) connect() (service.Service, error) {
	if remote() {
		if g.vaultDir != "" || g.store != "" {
			return nil, &usageError{msg: "--vault or --store given with TVAULT_ADDR", hint: "unset TVAULT_ADDR to open a vault yourself, or drop --vault and --store to use the daemon"}
		}
		if len(g.identities) > 0 {
			return nil, &usageError{msg: "--identity given with TVAULT_ADDR", hint: `tvaultd holds the keys: each operator gives it their share with "tvault operator unseal --identity FILE"`}
		}
		c, err := client.FromEnv(os.Getenv)
		if err != nil {
			return nil, fmt.Errorf("failed to connect to tvaultd: %w", err)
		}
		return c, nil
	}
	return g.open()
}
