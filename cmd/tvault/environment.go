package main

import (
	"strings"

	"github.com/tvault/tvault/internal/envvars"
)

// environmentPage is what "tvault help environment" prints: every
// variable of package envvars, the list the manual pages show too.
func environmentPage() string {
	var b strings.Builder
	b.WriteString(`Environment variables

tvault and tvaultd read these variables; a flag given on the command line
takes precedence over the variable for the same setting.

`)
	for _, v := range envvars.All {
		b.WriteString(v.Name)
		if len(v.Programs) > 1 {
			b.WriteString("  (" + strings.Join(v.Programs, " and ") + ")")
		}
		b.WriteString("\n" + envvars.Wrap(v.Text, "    ", 76) + "\n")
	}
	b.WriteString(`Examples:
    $ export TVAULT_DIR=~/vault TVAULT_PASSPHRASE_COMMAND='pass show tvault/vault'
    $ export TVAULT_ADDR=https://vault.example.org:8443 TVAULT_CA_FILE=/etc/tvault/ca.pem
`)
	return b.String()
}
