package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// run runs the command line args (without the program name).
func run(args []string) error {
	return execute(newTree(&globals{}, os.Stdout), args, os.Stdout)
}

// newTree returns every command of tvault, in the order "tvault help"
// lists them. The leaves' flags are parsed into g; help is written to out.
func newTree(g *globals, out io.Writer) *command {
	var showVersion bool
	root := &command{
		name: "tvault",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&showVersion, "version", false, "print the version of tvault")
		},
		subs: []*command{
			initCommand(g),
			putCommand(g),
			newCommand(g),
			editCommand(g),
			getCommand(g),
			historyCommand(g),
			eraseCommand(g),
			{name: "retention", short: "list and erase the records the retention rules say are due (officers)", usage: retentionUsage, subs: []*command{
				retentionCommand(g, "plan", "list what the retention rules would erase, and when", service.Service.RetentionPlan),
				retentionCommand(g, "apply", "erase what is due now", service.Service.RetentionApply),
			}},
			listCommand(g),
			searchCommand(g),
			exportCommand(g),
			{name: "redact", short: "check what researchers would see of a testimony", usage: redactUsage, subs: []*command{
				redactCheckCommand(g),
			}},
			exportRawCommand(g),
			attachCommand(g),
			{name: "attachment", short: "list and read a record's attachments (officers)", usage: attachmentUsage, subs: []*command{
				attachmentListCommand(g),
				attachmentGetCommand(g),
			}},
			{name: "person", short: "list, show, edit and merge registered persons (officers)", usage: personUsage, subs: []*command{
				personListCommand(g),
				personShowCommand(g),
				personEditCommand(g),
				personMergeCommand(g),
			}},
			reidentifyCommand(g),
			{name: "consent", short: "withdraw, grant and show a witness's consent (officers)", usage: consentUsage, subs: []*command{
				consentChangeCommand(g, "withdraw", "withdraw a scope for all of a witness's testimonies", service.Service.WithdrawConsent),
				consentChangeCommand(g, "grant", "end a withdrawal of a scope", service.Service.GrantConsent),
				consentShowCommand(g),
			}},
			{name: "audit", short: "read, export, prove and verify the access log", usage: auditUsage, subs: []*command{
				auditLogCommand(g),
				auditCheckpointCommand(g),
				auditKeyCommand(g),
				auditExportCommand(g),
				auditVerifyCommand(g),
				auditProveCommand(g),
				auditHashCommand(g),
			}},
			checkCommand(g),
			backupCommand(g),
			restoreCommand(g),
			migrateCommand(g),
			{name: "policy", short: "show or set who may do what", usage: policyUsage, subs: []*command{
				policyShowCommand(g),
				policySetCommand(g),
			}},
			{name: "user", short: "add, list and revoke the users of tvaultd", usage: userUsage, subs: []*command{
				userAddCommand(g),
				userListCommand(g),
				userRevokeCommand(g),
			}},
			{name: "token", short: "give a user a new token", usage: userUsage, subs: []*command{
				tokenRotateCommand(g),
			}},
			{name: "domain", short: "grant researchers pseudonymisation domains", usage: domainUsage, subs: []*command{
				domainGrantCommand(g),
				domainRevokeCommand(g),
				domainListCommand(g),
			}},
			{name: "passphrase", short: "seal the keyring under a new passphrase", usage: passphraseUsage, subs: []*command{
				passphraseChangeCommand(g),
			}},
			rekeyCommand(g),
			{name: "escrow", short: "list, add and remove escrow recipients (admins)", usage: escrowUsage, subs: []*command{
				escrowListCommand(g),
				escrowChangeCommand(g, "add", "add an escrow recipient and re-encrypt", service.Service.EscrowAdd),
				escrowChangeCommand(g, "remove", "remove an escrow recipient and re-encrypt", service.Service.EscrowRemove),
			}},
			{name: "operator", short: "unseal, seal and check tvaultd; change a vault's operators", usage: operatorUsage, subs: []*command{
				operatorUnsealCommand(g),
				operatorSealCommand(),
				operatorStatusCommand(),
				operatorListCommand(g),
				operatorChangeCommand(g, "add", "seal the keyring to one more operator", func(v *vault.Vault, r string, k int) error {
					return v.AddOperator(localContext(), r, k)
				}),
				operatorChangeCommand(g, "remove", "seal the keyring to one operator fewer", func(v *vault.Vault, r string, k int) error {
					return v.RemoveOperator(localContext(), r, k)
				}),
			}},
		},
	}
	root.subs = append(root.subs, versionCommand(out), completionCommand(root, out), manCommand(root, out), helpCommand(root, out))
	root.usage = usageHead + commandList(root) + usageTail
	root.run = func([]string) error {
		if showVersion {
			return writeVersion(out, false)
		}
		fmt.Fprint(os.Stderr, root.usage)
		return &usageError{msg: "missing command"}
	}
	return root
}

const usageHead = `Usage: tvault [--vault DIR] [--passphrase-file FILE | --identity FILE...] [--quiet] COMMAND [ARGS]
       tvault --version

Commands:
`

const usageTail = `
Progress:
    Long work (put of many files, export, attach, attachment get, check,
    backup, backup verify, restore, escrow add and remove, rekey) shows its progress on one line of standard error,
    redrawn in place, when standard error is a terminal; --quiet hides it.
    Standard output is the same either way.

Configuration:
    --vault DIR, TVAULT_DIR                    the vault directory
    --store URL, TVAULT_STORE                  or the vault's PostgreSQL
                                               database, postgres://...
    --passphrase-file FILE, TVAULT_PASSPHRASE_FILE
                                               a file holding the passphrase
    TVAULT_PASSPHRASE_COMMAND                  a command printing it; without
                                               either, tvault asks on the
                                               terminal
    --identity FILE                            for a vault sealed to
                                               operators instead: an
                                               operator's age identity file;
                                               repeat, as many as its
                                               threshold
    TVAULT_ADDR                                talk to tvaultd at unix:PATH or
                                               https://HOST[:PORT] instead
    TVAULT_TOKEN_FILE, TVAULT_TOKEN            the user's token for tvaultd
    TVAULT_CA_FILE                             certificates to trust for its
                                               https address
    TVAULT_STATE_DIR                           where the latest checkpoint of
                                               each vault opened is kept, to
                                               refuse an older copy (default
                                               ~/.local/state/tvault)

Examples:
    $ export TVAULT_DIR=~/vault
    $ tvault init
    $ tvault put interview-031.json
    $ tvault get 5kq2m9xd7cz3vbn4rhtwp6ajye
    $ tvault list --json

Run "tvault help COMMAND" for details of a command, "tvault help
environment" for every environment variable, "tvault version" for the
version.
`

const helpUsage = `Usage: tvault help [COMMAND [SUBCOMMAND]]
       tvault help environment

Shows the usage of a command, with examples; without a command, lists
them all. "tvault COMMAND -h" shows the same. "tvault help environment"
lists every environment variable tvault and tvaultd read.

Examples:
    $ tvault help
    $ tvault help audit
    $ tvault help audit verify
    $ tvault help environment
`

func helpCommand(root *command, out io.Writer) *command {
	return &command{
		name:  "help",
		short: "show help for a command",
		usage: helpUsage,
		run: func(args []string) error {
			if len(args) == 1 && args[0] == "environment" {
				_, err := fmt.Fprint(out, environmentPage())
				return err
			}
			parents, c, rest := find(root, args)
			if len(rest) > 0 {
				return unknown(root, parents, c, rest[0])
			}
			_, err := fmt.Fprint(out, c.help(parents))
			return err
		},
	}
}
