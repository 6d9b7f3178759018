package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"

	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

const exportUsage = `Usage: tvault export --view VIEW --purpose TEXT [--format jsonl|csv]
                     [--domain NAME] [--recipient AGE_RECIPIENT] [--out FILE]

Streams every testimony the view may show (a testimony without the consent
the view requires is left out entirely) in that view, oldest first. The
purpose is required and recorded in the audit log with the number of
records, the view, the domain and the policy's hash; a purpose or domain
that names a registered person, or holds a witness key or an identifier
such as a phone number, is refused.

Options:
    --view VIEW           researcher, publication, legal, full or metadata
    --purpose TEXT        why the export is made (required)
    --format FORMAT       jsonl (default): one JSON object per line, with at
                          least id, case, witness.pseudonym,
                          persons[].pseudonym, tags and narrative;
                          csv: the columns of docs/EXPORT.md, where a
                          cell a spreadsheet could run as a formula
                          begins with '
    --domain NAME         export in a domain of its own: records and persons
                          by that domain's pseudonyms, no case numbers,
                          months for times, nothing to join with another
                          domain's export (researchers: a domain granted to
                          them, see "tvault help domain")
    --recipient AGE_RECIPIENT
                          age-encrypt the output to this post-quantum
                          recipient (age1pq1..., from age-keygen -pq), so
                          the file is protected on the researcher's laptop
                          too; a classic recipient is refused
    --out FILE            write to FILE (created with mode 0600, never
                          overwritten; whole or absent, even after a crash)
                          instead of standard output, where the records
                          go as they are read: if a later one fails its
                          check, export fails, and those before it stay

Examples:
    $ tvault export --view researcher --purpose "study 2026-04" > study.jsonl
    $ tvault export --view researcher --purpose "study 2026-04" --format csv \
          --domain study-2026-04 --recipient age1pq1... --out study.csv.age
`

// exportOptions are the flags of export.
type exportOptions struct {
	view, purpose, format, domain, recipient, out string
}

func exportCommand(g *globals) *command {
	var o exportOptions
	return &command{
		name:  "export",
		short: "stream a redacted, pseudonymised view of every consented testimony",
		usage: exportUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&o.view, "view", "", "view")
			fs.StringVar(&o.purpose, "purpose", "", "purpose")
			fs.StringVar(&o.format, "format", "jsonl", "jsonl or csv")
			fs.StringVar(&o.domain, "domain", "", "pseudonymisation domain")
			fs.StringVar(&o.recipient, "recipient", "", "age recipient")
			fs.StringVar(&o.out, "out", "", "output file")
		},
		run: func(args []string) error { return runExport(g, args, o) },
	}
}

func runExport(g *globals, args []string, o exportOptions) error {
	switch {
	case len(args) != 0:
		return &usageError{msg: "export takes no arguments", hint: `run "tvault help export"`}
	case o.view == "":
		return &usageError{msg: "--view is required", hint: "e.g. --view researcher"}
	case o.purpose == "":
		return &usageError{msg: "--purpose is required", hint: "say why the export is made; it goes into the audit log"}
	case o.format != "jsonl" && o.format != "csv":
		return &usageError{msg: fmt.Sprintf("unknown format %q", o.format), hint: "use jsonl or csv"}
	}
	var rcpt age.Recipient
	if o.recipient != "" {
		r, err := exportRecipient(o.recipient)
		if err != nil {
			return err
		}
		rcpt = r
	}
	if err := checkOutput(o.out); err != nil {
		return err
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	m := g.meter("exporting")
	defer m.Done()
	err = writeOutput(o.out, func(w io.Writer) error {
		if rcpt != nil {
			aw, err := age.Encrypt(w, rcpt)
			if err != nil {
				return err
			}
			if err := exportTo(v, aw, m, o.view, o.purpose, o.domain, o.format); err != nil {
				return err
			}
			return aw.Close()
		}
		return exportTo(v, w, m, o.view, o.purpose, o.domain, o.format)
	})
	if err != nil {
		return err
	}
	return v.Close()
}

// exportRecipient parses --recipient, which must be post-quantum, as an
// escrow recipient must: an export recorded in transit or copied from a
// laptop today must not open to a quantum computer later.
func exportRecipient(s string) (*age.HybridRecipient, error) {
	s = strings.TrimSpace(s)
	r, err := age.ParseHybridRecipient(s)
	switch {
	case err == nil:
		return r, nil
	case !strings.HasPrefix(s, "age1pq1"):
		return nil, &usageError{msg: "--recipient is not a post-quantum age recipient (age1pq1...)",
			hint: "exports are encrypted to post-quantum recipients only; the researcher makes one with age-keygen -pq and gives its age1pq1... line"}
	}
	return nil, &usageError{msg: fmt.Sprintf("invalid --recipient: %v", err), hint: "give one post-quantum age recipient, as age-keygen -pq prints it"}
}

func exportTo(v service.Service, w io.Writer, m *progress.Meter, viewName, purpose, domain, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(bw)
		if err := cw.Write(view.CSVHeader); err != nil {
			return err
		}
	}
	done := 0
	n, err := v.Export(localContext(), service.ExportOptions{View: viewName, Purpose: purpose, Domain: domain}, func(r *view.Record) error {
		done++
		m.Printf("%d testimonies", done)
		if cw != nil {
			return cw.Write(r.CSVRow())
		}
		return r.WriteJSON(bw, "", "")
	})
	if err != nil {
		return err
	}
	if cw != nil {
		if cw.Flush(); cw.Error() != nil {
			return cw.Error()
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	m.Done()
	fmt.Fprintf(os.Stderr, "tvault: exported %d testimonies (%s view)\n", n, viewName)
	return nil
}
