package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault"
)

const auditUsage = `Usage: tvault audit log [--json] [--actor NAME] [--target ID] [--since TIME]
       tvault audit checkpoint
       tvault audit key
       tvault audit export [--out FILE]
       tvault audit verify [--checkpoint OLD]
       tvault audit verify --log FILE --key KEY [--checkpoint OLD]
       tvault audit verify --proof FILE --key KEY
       tvault audit prove SEQ
       tvault audit hash VALUE

Every access to the vault, allowed or denied, is an entry of an append-only
log: a Merkle tree whose checkpoints the vault signs. Auditors keep the
checkpoints and the verifier key, and check exports and proofs offline,
without the vault or its passphrase.

    log          print entries, oldest first; TIME is RFC 3339 or YYYY-MM-DD
    checkpoint   sign and print a checkpoint covering every entry so far;
                 keep it outside the vault to detect a later rollback
    key          print the verifier key of the vault's log
    export       write every entry and a newly signed checkpoint as one file;
                 --out FILE writes to FILE as export --out does
    verify       recompute the vault's log and check its checkpoint; with
                 --log, check an export offline; with --checkpoint, also
                 prove the log extends a checkpoint kept earlier; with
                 --proof, check an inclusion proof offline
    prove SEQ    print a self-contained proof that entry SEQ is in the log
    hash VALUE   print the keyed MAC under which VALUE (a name, a search
                 term) would appear in entries, to search the log for it

Examples:
    $ tvault audit key > vault.vkey
    $ tvault audit checkpoint > checkpoint-2026-11-27
    $ tvault audit export --out audit.log
    $ tvault audit verify --log audit.log --key "$(cat vault.vkey)" --checkpoint checkpoint-2026-11-27
    $ tvault audit prove 42 > entry42.proof
    $ tvault audit verify --proof entry42.proof --key "$(cat vault.vkey)"
    $ tvault audit log --actor local:kim --since 2026-11-01 --json
`

func init() {
	commands["audit"] = command{usage: auditUsage, run: runAudit}
}

// maxAuditFile bounds the checkpoint and proof files the CLI reads.
const maxAuditFile = 1 << 20

func runAudit(g *globals, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "audit needs a subcommand", hint: `run "tvault help audit"`}
	}
	sub, args := args[0], args[1:]
	fs := g.flagSet("audit "+sub, auditUsage)
	asJSON := fs.Bool("json", false, "JSON Lines output")
	actor := fs.String("actor", "", "only entries by this actor")
	target := fs.String("target", "", "only entries naming this target")
	since := fs.String("since", "", "only entries from this time")
	out := fs.String("out", "", "output file")
	logFile := fs.String("log", "", "audit export to verify offline")
	proofFile := fs.String("proof", "", "inclusion proof to verify offline")
	key := fs.String("key", "", "verifier key, or a file holding it")
	oldFile := fs.String("checkpoint", "", "checkpoint kept earlier")
	if err := parse(fs, args); err != nil {
		return err
	}
	nargs := map[string]int{"log": 0, "checkpoint": 0, "key": 0, "export": 0, "verify": 0, "prove": 1, "hash": 1}
	n, ok := nargs[sub]
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown audit subcommand %q", sub), hint: `run "tvault help audit"`}
	}
	if fs.NArg() != n {
		return &usageError{msg: fmt.Sprintf("audit %s takes %d arguments", sub, n), hint: `run "tvault help audit"`}
	}
	var old []byte
	if *oldFile != "" {
		var err error
		if old, err = readSmallFile(*oldFile, "checkpoint"); err != nil {
			return err
		}
	}
	if sub == "verify" && (*logFile != "" || *proofFile != "") {
		return verifyOffline(*logFile, *proofFile, *key, old)
	}
	if *logFile != "" || *proofFile != "" || *key != "" {
		return &usageError{msg: "--log, --proof and --key go with audit verify", hint: `run "tvault help audit"`}
	}

	var filter vault.AuditFilter
	if sub == "log" {
		filter = vault.AuditFilter{Actor: *actor, Target: *target}
		if *since != "" {
			t, err := parseSince(*since)
			if err != nil {
				return err
			}
			filter.Since = t
		}
	}
	var seq int64
	if sub == "prove" {
		var err error
		if seq, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil || seq < 0 {
			return &usageError{msg: fmt.Sprintf("invalid entry number %q", fs.Arg(0))}
		}
	}

	if sub == "export" {
		if err := checkOutput(*out); err != nil {
			return err
		}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ctx := localContext()
	switch sub {
	case "log":
		err = printAuditLog(v, filter, *asJSON)
	case "checkpoint":
		var cp []byte
		if cp, err = v.AuditCheckpoint(ctx); err == nil {
			_, err = os.Stdout.Write(cp)
		}
	case "key":
		var k string
		if k, err = v.AuditVerifierKey(); err == nil {
			fmt.Println(k)
		}
	case "export":
		err = writeOutput(*out, func(w io.Writer) error { return v.AuditExport(ctx, w) })
	case "verify":
		var r *audit.Report
		if r, err = v.AuditVerify(ctx, old); err == nil {
			printReport(r)
		}
	case "prove":
		var proof []byte
		if proof, err = v.AuditProve(ctx, seq); err == nil {
			_, err = os.Stdout.Write(proof)
		}
	case "hash":
		var mac string
		if mac, err = v.AuditHash(ctx, fs.Arg(0)); err == nil {
			fmt.Println(mac)
		}
	}
	if err != nil {
		return err
	}
	return v.Close()
}

func parseSince(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &usageError{msg: fmt.Sprintf("invalid time %q", s), hint: "give --since as RFC 3339 (2026-11-27T09:00:00Z) or YYYY-MM-DD"}
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

func verifyOffline(logFile, proofFile, keyArg string, old []byte) error {
	if logFile != "" && proofFile != "" {
		return &usageError{msg: "give either --log or --proof, not both"}
	}
	key, err := verifierKeyArg(keyArg)
	if err != nil {
		return err
	}
	if proofFile != "" {
		if old != nil {
			return &usageError{msg: "--checkpoint goes with --log or the vault's own log, not --proof"}
		}
		proof, err := readSmallFile(proofFile, "proof")
		if err != nil {
			return err
		}
		e, err := audit.VerifyProof(proof, key)
		if err != nil {
			return fmt.Errorf("proof does not verify: %w", err)
		}
		fmt.Printf("proof verified: entry %d is in the log\n", e.Seq)
		return printEntries([]*audit.Entry{e}, false)
	}
	f, err := os.Open(logFile)
	if err != nil {
		return fmt.Errorf("failed to read audit export: %w", err)
	}
	defer f.Close()
	r, err := audit.VerifyExport(f, key, old)
	if err != nil {
		return fmt.Errorf("audit export does not verify: %w", err)
	}
	printReport(r)
	return nil
}

func printReport(r *audit.Report) {
	fmt.Printf("audit log verified: %s, %d entries, root %s\n", r.Origin, r.Size, base64.StdEncoding.EncodeToString(r.Root[:]))
	fmt.Printf("signed checkpoint covers %d entries\n", r.CheckpointSize)
	if r.OldSize > 0 {
		fmt.Printf("the log extends the kept checkpoint of %d entries\n", r.OldSize)
	}
}

func printAuditLog(v backend, f vault.AuditFilter, asJSON bool) error {
	var entries []*audit.Entry
	err := v.AuditLog(localContext(), f, func(e *audit.Entry) error {
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return err
	}
	return printEntries(entries, asJSON)
}

// entryJSON is an audit entry in --json output, one object a line.
type entryJSON struct {
	Seq       uint64            `json:"seq"`
	Time      time.Time         `json:"time"`
	Actor     string            `json:"actor"`
	Role      string            `json:"role"`
	Transport string            `json:"transport"`
	RequestID string            `json:"request_id"`
	Action    string            `json:"action"`
	Targets   []string          `json:"targets"`
	Purpose   string            `json:"purpose,omitempty"`
	Outcome   string            `json:"outcome"`
	Attrs     map[string]string `json:"attrs,omitempty"`
}

func printEntries(entries []*audit.Entry, asJSON bool) error {
	if asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for _, e := range entries {
			j := entryJSON{Seq: e.Seq, Time: e.Time, Actor: e.Actor, Role: e.Role, Transport: e.Transport,
				RequestID: e.RequestID, Action: e.Action, Targets: e.Targets, Purpose: e.Purpose, Outcome: string(e.Outcome)}
			if j.Targets == nil {
				j.Targets = []string{}
			}
			for _, a := range e.Attrs {
				if j.Attrs == nil {
					j.Attrs = map[string]string{}
				}
				j.Attrs[a.Key] = a.Value
			}
			if err := enc.Encode(j); err != nil {
				return err
			}
		}
		_, err := buf.WriteTo(os.Stdout)
		return err
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tACTOR\tROLE\tACTION\tOUTCOME\tTARGETS\tPURPOSE")
	for _, e := range entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format(time.RFC3339), e.Actor,
			cmpDash(e.Role), e.Action, e.Outcome, cmpDash(strings.Join(e.Targets, ",")), strconv.Quote(e.Purpose))
	}
	return tw.Flush()
}

func cmpDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
