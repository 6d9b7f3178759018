package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/search"
	"github.com/tvault/tvault/vault/service"
)

const auditUsage = `Usage: tvault audit log [--json] [--actor NAME] [--action ACTION] [--target ID]
                        [--since TIME] [--until TIME] [--from SEQ]
       tvault audit log --log FILE --key KEY [--checkpoint OLD] [--json] [filters as above]
       tvault audit checkpoint
       tvault audit key
       tvault audit export [--out FILE]
       tvault audit verify [--checkpoint OLD] [--json]
       tvault audit verify --log FILE --key KEY [--checkpoint OLD] [--json]
       tvault audit verify --proof FILE --key KEY [--json]
       tvault audit prove SEQ
       tvault audit hash [--term] VALUE

Every access to the vault, allowed or denied, is an entry of an append-only
log: a Merkle tree whose checkpoints the vault signs. Auditors keep the
checkpoints and the verifier key, and check exports and proofs offline,
without the vault or its passphrase.

    log          print entries, oldest first; with --log, those of an
                 export, offline, once all of it verified (as verify
                 --log checks it). Entries print as they are read:
                 the table shows an entry's first 3 targets and a count
                 of the others, its columns aligned 100 rows at a time;
                 --json prints JSON Lines, every target listed
    checkpoint   sign and print a checkpoint covering every entry so far;
                 keep it outside the vault to detect a later rollback
    key          print the verifier key of the vault's log
    export       write every entry and a newly signed checkpoint as one file;
                 --out FILE writes to FILE as export --out does
    verify       recompute the vault's log and check its checkpoint; with
                 --log, check an export offline; with --checkpoint, also
                 prove the log extends a checkpoint kept earlier; with
                 --proof, check an inclusion proof offline. --json prints
                 {"origin", "size", "root", "checkpoint_size", "old_size"},
                 or with --proof the entry proven, as audit log --json
    prove SEQ    print a self-contained proof that entry SEQ is in the log
    hash VALUE   print the keyed MAC under which VALUE (a name, a witness
                 key) would appear in entries, to search the log for it;
                 with --term, VALUE is a search's --tag, --case or --text
                 as typed: a search records it case-folded, its spacing
                 made single (and --text as its words, so punctuation
                 between them counts as one space)

Filters of audit log, which an entry must all pass:
    --actor NAME     entries by this actor (local:LOGIN in local mode)
    --action ACTION  entries of this action: get, export, attachment.get...
    --target ID      entries naming this record, attachment or user; an
                     export's entries name every record it included
    --since TIME     entries from TIME on
    --from SEQ       entries from position SEQ on (an entry's seq, as
                     --json and audit prove number them), reading none of
                     the log before it: what was added since the last
                     entry seen, however long the log
    --until TIME     entries before TIME; a date includes that day
TIME is RFC 3339 (2026-11-27T09:00:00Z) or YYYY-MM-DD (UTC).

Examples:
    $ tvault audit key > vault.vkey
    $ tvault audit checkpoint > checkpoint-2026-11-27
    $ tvault audit export --out audit.log
    $ tvault audit verify --log audit.log --key "$(cat vault.vkey)" --checkpoint checkpoint-2026-11-27
    $ tvault audit prove 42 > entry42.proof
    $ tvault audit verify --proof entry42.proof --key "$(cat vault.vkey)"
    $ tvault audit log --actor local:kim --since 2026-11-01 --json
    $ tvault audit log --from 499000 --json
    $ tvault audit log --log audit.log --key vault.vkey --target 5kq2m9xd7cz3vbn4rhtwp6ajye --action export
`

// maxAuditFile bounds the checkpoint and proof files the CLI reads.
const maxAuditFile = 1 << 20

func auditLogCommand(g *globals) *command {
	var asJSON bool
	var actor, action, target, since, until, logFile, key, oldFile string
	var from int64
	return &command{
		name:  "log",
		short: "print entries, oldest first",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON Lines output")
			fs.StringVar(&actor, "actor", "", "only entries by this actor")
			fs.StringVar(&action, "action", "", "only entries of this action")
			fs.StringVar(&target, "target", "", "only entries naming this target")
			fs.StringVar(&since, "since", "", "only entries from this time")
			fs.Int64Var(&from, "from", 0, "only entries from this position (seq) on")
			fs.StringVar(&until, "until", "", "only entries before this time")
			fs.StringVar(&logFile, "log", "", "audit export to read offline")
			fs.StringVar(&key, "key", "", "verifier key, or a file holding it")
			fs.StringVar(&oldFile, "checkpoint", "", "checkpoint kept earlier")
		},
		run: func(args []string) error {
			if err := noArgs("audit log", args); err != nil {
				return err
			}
			if from < 0 {
				return &usageError{msg: fmt.Sprintf("--from %d: a position is 0 or more", from), hint: `give --from as an entry's seq, as "tvault audit log --json" prints it`}
			}
			filter := service.AuditFilter{Actor: actor, Action: action, Target: target, From: from}
			var err error
			if filter.Since, err = parseTime("--since", since, false); err != nil {
				return err
			}
			if filter.Until, err = parseTime("--until", until, true); err != nil {
				return err
			}
			if logFile == "" {
				if key != "" || oldFile != "" {
					return &usageError{msg: "--key and --checkpoint go with --log", hint: `run "tvault help audit"`}
				}
				return withVault(g, func(v service.Service) error { return printAuditLog(v, filter, asJSON) })
			}
			old, err := readOldCheckpoint(oldFile)
			if err != nil {
				return err
			}
			// An export's entries are printed only once all of it verified.
			var entries []*audit.Entry
			_, err = readExport(logFile, key, old, func(e *audit.Entry) error {
				if filter.Match(e) {
					entries = append(entries, e)
				}
				return nil
			})
			if err != nil {
				return err
			}
			return printEntries(entries, asJSON)
		},
	}
}

func auditCheckpointCommand(g *globals) *command {
	return &command{
		name:  "checkpoint",
		short: "sign and print a checkpoint covering every entry so far",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if err := noArgs("audit checkpoint", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				cp, err := v.AuditCheckpoint(localContext())
				if err != nil {
					return err
				}
				_, err = os.Stdout.Write(cp)
				return err
			})
		},
	}
}

func auditKeyCommand(g *globals) *command {
	return &command{
		name:  "key",
		short: "print the verifier key of the vault's log",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if err := noArgs("audit key", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				k, err := v.AuditVerifierKey(localContext())
				if err != nil {
					return err
				}
				_, err = fmt.Println(k)
				return err
			})
		},
	}
}

func auditExportCommand(g *globals) *command {
	var out string
	return &command{
		name:  "export",
		short: "write every entry and a newly signed checkpoint as one file",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&out, "out", "", "output file")
		},
		run: func(args []string) error {
			if err := noArgs("audit export", args); err != nil {
				return err
			}
			if err := checkOutput(out); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				return writeOutput(out, func(w io.Writer) error { return v.AuditExport(localContext(), w) })
			})
		},
	}
}

func auditVerifyCommand(g *globals) *command {
	var logFile, proofFile, key, oldFile string
	var asJSON bool
	return &command{
		name:  "verify",
		short: "check the vault's log, an export or a proof",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&logFile, "log", "", "audit export to verify offline")
			fs.StringVar(&proofFile, "proof", "", "inclusion proof to verify offline")
			fs.StringVar(&key, "key", "", "verifier key, or a file holding it")
			fs.StringVar(&oldFile, "checkpoint", "", "checkpoint kept earlier")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("audit verify", args); err != nil {
				return err
			}
			old, err := readOldCheckpoint(oldFile)
			if err != nil {
				return err
			}
			if logFile != "" || proofFile != "" {
				return verifyOffline(logFile, proofFile, key, old, asJSON)
			}
			if key != "" {
				return &usageError{msg: "--key goes with --log or --proof", hint: `run "tvault help audit"`}
			}
			return withVault(g, func(v service.Service) error {
				r, err := v.AuditVerify(localContext(), old)
				if err != nil {
					return err
				}
				return printReport(r, asJSON)
			})
		},
	}
}

func auditProveCommand(g *globals) *command {
	return &command{
		name:  "prove",
		short: "print a self-contained proof that an entry is in the log",
		flags: g.vaultFlags,
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "audit prove takes an entry number", hint: `run "tvault help audit"`}
			}
			seq, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || seq < 0 {
				return &usageError{msg: fmt.Sprintf("invalid entry number %q", args[0])}
			}
			return withVault(g, func(v service.Service) error {
				proof, err := v.AuditProve(localContext(), seq)
				if err != nil {
					return err
				}
				_, err = os.Stdout.Write(proof)
				return err
			})
		},
	}
}

func auditHashCommand(g *globals) *command {
	var term bool
	return &command{
		name:  "hash",
		short: "print the keyed MAC under which a value appears in entries",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&term, "term", false, "VALUE is a search term: normalise it as tvault search records it")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "audit hash takes one value", hint: `run "tvault help audit"`}
			}
			value := args[0]
			if term {
				value = search.Fold(value)
			}
			return withVault(g, func(v service.Service) error {
				mac, err := v.AuditHash(localContext(), value)
				if err != nil {
					return err
				}
				_, err = fmt.Println(mac)
				return err
			})
		},
	}
}

// parseTime parses the value of a time flag, RFC 3339 or a date; a date
// stands for its first instant, or with end for the first instant of the
// next day, so that --until 2026-11-30 includes that day. Empty is zero.
func parseTime(flagName, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, &usageError{msg: fmt.Sprintf("invalid time %q", s),
			hint: fmt.Sprintf("give %s as RFC 3339 (2026-11-27T09:00:00Z) or YYYY-MM-DD", flagName)}
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// readOldCheckpoint reads the --checkpoint file, if one is named.
func readOldCheckpoint(name string) ([]byte, error) {
	if name == "" {
		return nil, nil
	}
	return readSmallFile(name, "checkpoint")
}

func readSmallFile(name, what string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", what, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAuditFile+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", what, err)
	}
	if len(data) > maxAuditFile {
		return nil, fmt.Errorf("%s file %s is larger than %d bytes", what, name, maxAuditFile)
	}
	return data, nil
}

// verifierKeyArg takes --key as a verifier key or the name of a file
// holding one, so that both "$(cat vault.vkey)" and vault.vkey work.
func verifierKeyArg(arg string) (string, error) {
	if arg == "" {
		return "", &usageError{msg: "offline verification needs --key", hint: `get it with "tvault audit key" from the vault, and keep it`}
	}
	if _, err := note.NewVerifier(arg); err == nil {
		return arg, nil
	}
	data, err := readSmallFile(arg, "verifier key")
	if err != nil {
		return "", fmt.Errorf("--key is neither a verifier key nor a readable file: %w", err)
	}
	k := strings.TrimSpace(string(data))
	if _, err := note.NewVerifier(k); err != nil {
		return "", fmt.Errorf("invalid verifier key in %s: %w", arg, err)
	}
	return k, nil
}

func verifyOffline(logFile, proofFile, keyArg string, old []byte, asJSON bool) error {
	if logFile != "" && proofFile != "" {
		return &usageError{msg: "give either --log or --proof, not both"}
	}
	if logFile != "" {
		r, err := readExport(logFile, keyArg, old, nil)
		if err != nil {
			return err
		}
		return printReport(r, asJSON)
	}
	if old != nil {
		return &usageError{msg: "--checkpoint goes with --log or the vault's own log, not --proof"}
	}
	key, err := verifierKeyArg(keyArg)
	if err != nil {
		return err
	}
	proof, err := readSmallFile(proofFile, "proof")
	if err != nil {
		return err
	}
	e, err := audit.VerifyProof(proof, key)
	if err != nil {
		return fmt.Errorf("proof does not verify: %w", err)
	}
	if asJSON {
		return printJSON(e)
	}
	fmt.Printf("proof verified: entry %d is in the log\n", e.Seq)
	return printEntries([]*audit.Entry{e}, false)
}

// readExport verifies the audit export in logFile offline, with the
// verifier key of keyArg (--key), as audit.ReadExport does.
func readExport(logFile, keyArg string, old []byte, fn func(*audit.Entry) error) (*audit.Report, error) {
	key, err := verifierKeyArg(keyArg)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(logFile)
	if err != nil {
		return nil, fmt.Errorf("failed to read audit export: %w", err)
	}
	defer f.Close()
	r, err := audit.ReadExport(f, key, old, fn)
	if err != nil {
		return nil, fmt.Errorf("audit export does not verify: %w", err)
	}
	return r, nil
}

// reportJSON is the JSON form of a verification's report.
type reportJSON struct {
	Origin         string `json:"origin"`
	Size           int64  `json:"size"`
	Root           string `json:"root"` // base64, as in checkpoints
	CheckpointSize int64  `json:"checkpoint_size"`
	OldSize        int64  `json:"old_size,omitempty"`
}

func printReport(r *audit.Report, asJSON bool) error {
	root := base64.StdEncoding.EncodeToString(r.Root[:])
	if asJSON {
		return printJSON(reportJSON{r.Origin, r.Size, root, r.CheckpointSize, r.OldSize})
	}
	fmt.Printf("audit log verified: %s, %d entries, root %s\n", r.Origin, r.Size, root)
	fmt.Printf("signed checkpoint covers %d entries\n", r.CheckpointSize)
	if r.OldSize > 0 {
		fmt.Printf("the log extends the kept checkpoint of %d entries\n", r.OldSize)
	}
	return nil
}

func printAuditLog(v service.Service, f service.AuditFilter, asJSON bool) error {
	p := newEntryPrinter(os.Stdout, asJSON)
	if err := v.AuditLog(localContext(), f, p.print); err != nil {
		return err
	}
	return p.flush()
}

func printEntries(entries []*audit.Entry, asJSON bool) error {
	p := newEntryPrinter(os.Stdout, asJSON)
	for _, e := range entries {
		if err := p.print(e); err != nil {
			return err
		}
	}
	return p.flush()
}

// An entryPrinter prints audit entries as they come, as JSON Lines or as
// a table, in memory that does not grow with the log.
type entryPrinter struct {
	lines *jsonLines  // nil for the table
	table *blockTable // nil for JSON Lines
}

func newEntryPrinter(w io.Writer, asJSON bool) *entryPrinter {
	if asJSON {
		return &entryPrinter{lines: newJSONLines(w)}
	}
	return &entryPrinter{table: newBlockTable(w, "SEQ\tTIME\tACTOR\tROLE\tACTION\tOUTCOME\tTARGETS\tPURPOSE")}
}

func (p *entryPrinter) print(e *audit.Entry) error {
	if p.lines != nil {
		return p.lines.print(e)
	}
	return p.table.row("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format(time.RFC3339), e.Actor,
		cmpDash(e.Role), e.Action, e.Outcome, cmpDash(targetsCell(e.Targets)), strconv.Quote(e.Purpose))
}

func (p *entryPrinter) flush() error {
	if p.lines != nil {
		return p.lines.flush()
	}
	return p.table.flush()
}

// shownTargets is how many targets of an entry the table shows: an
// export names up to 1,000 records, which --json lists whole.
const shownTargets = 3

// targetsCell is the TARGETS cell of an entry: its targets, the first few
// and a count of the others if there are many.
func targetsCell(targets []string) string {
	if len(targets) <= shownTargets {
		return strings.Join(targets, ",")
	}
	return fmt.Sprintf("%s,... (+%d more)", strings.Join(targets[:shownTargets], ","), len(targets)-shownTargets)
}

func cmpDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
