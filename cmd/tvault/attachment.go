package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/tvault/tvault/internal/pagewrite"
	"github.com/tvault/tvault/vault/service"
	"golang.org/x/term"
)

const attachmentUsage = `Usage: tvault attachment list ID [--json]
       tvault attachment get ID ATTACHMENT [--out FILE] [--range START:END] [--reason TEXT]

Lists and reads the files attached to a record with "tvault attach".
Officers only, by policy.

    list   every attachment of record ID, oldest first: attachment ID,
           kind, media type, size in bytes, when attached (UTC) and note
    get    write the original bytes of ATTACHMENT to standard output (not
           a terminal), then check their size and SHA-256 against those
           recorded at attach; on a mismatch or a damaged blob it fails
           (exit status 5), and what standard output received by then
           stays where it went: delete a file it was redirected to, or
           use --out, which leaves none

Options:
    --json              list: print JSON Lines, one {"id", "record", "kind",
                        "media_type", "size", "sha256", "note", "created"}
                        object a line
    --out FILE          get: write to FILE (mode 0600), which must not
                        exist. The bytes go to a file without a name in
                        FILE's directory (on Linux; elsewhere a hidden
                        temporary file), named FILE only once every check
                        passed: FILE is whole or absent, even after a crash
    --range START:END   get: only bytes START up to (not including) END;
                        "START:" reads to the end. Only the chunks holding
                        the range are decrypted, each one authenticated, but
                        the SHA-256 of the whole file cannot be checked
    --reason TEXT       get: why you read it, recorded in the audit log;
                        the policy may require one (require_reason)

Examples:
    $ tvault attachment list 5kq2m9xd7cz3vbn4rhtwp6ajye
    $ tvault attachment get 5kq2m9xd7cz3vbn4rhtwp6ajye h3c7uj2wmkq5xzr4dnb6ptfvya --out interview.mp4
    $ tvault attachment get 5kq2m9xd7cz3vbn4rhtwp6ajye h3c7uj2wmkq5xzr4dnb6ptfvya --range 0:1048576 | ffprobe -
    $ tvault export-raw 5kq2m9xd7cz3vbn4rhtwp6ajye --attachment h3c7uj2wmkq5xzr4dnb6ptfvya > interview.mp4.age
`

func attachmentListCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "list",
		short: "list the attachments of a record",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "attachment list takes a record ID", hint: `run "tvault help attachment"`}
			}
			return attachmentList(g, args[0], asJSON)
		},
	}
}

func attachmentGetCommand(g *globals) *command {
	var out, rangeFlag, reason string
	return &command{
		name:  "get",
		short: "write an attachment's original bytes",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&out, "out", "", "output file")
			fs.StringVar(&rangeFlag, "range", "", "byte range START:END")
			reasonFlag(fs, &reason)
		},
		run: func(args []string) error {
			if len(args) != 2 {
				return &usageError{msg: "attachment get takes a record ID and an attachment ID", hint: `run "tvault help attachment"`}
			}
			return attachmentGet(g, args[0], args[1], out, rangeFlag, reason)
		},
	}
}

func attachmentList(g *globals, id string, asJSON bool) error {
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := v.Attachments(localContext(), id)
	if err != nil {
		return err
	}
	if asJSON {
		if err := printJSONLines(list); err != nil {
			return err
		}
		return v.Close()
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ATTACHMENT\tKIND\tTYPE\tSIZE\tCREATED\tNOTE")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", a.ID, a.Kind, a.MediaType, a.Size,
			a.Created.Format(time.RFC3339), oneLine(a.Note))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return v.Close()
}

// oneLine keeps a note on its table row and its control characters (a
// terminal escape, say) off the terminal.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func attachmentGet(g *globals, id, att, out, rangeFlag, reason string) error {
	var start, end int64
	if rangeFlag != "" {
		var err error
		start, end, err = service.ParseRange(rangeFlag)
		if err != nil {
			return err
		}
	}
	if out == "" && term.IsTerminal(int(os.Stdout.Fd())) {
		return &usageError{msg: "refusing to write binary data to a terminal", hint: "redirect the output to a file or a pipe, or pass --out FILE"}
	}
	if err := checkOutput(out); err != nil {
		return err
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	// On an interrupt the copy stops, the partial output file is removed
	// and the failure is audited.
	ctx, stop := signal.NotifyContext(reasonContext(reason), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var total int64
	if rangeFlag != "" && end >= 0 {
		total = end - start
	}
	m := g.meter("reading attachment")
	defer m.Done()
	write := func(f *os.File) error {
		w := pagewrite.Writer(f)
		if rangeFlag != "" {
			return v.AttachmentRange(ctx, id, att, start, end, m.Writer(w, total))
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			// Given the file itself, tvaultd writes into it (see
			// client.AttachmentGet): the meter follows its size.
			defer m.FollowSize(f, 0)()
			return v.AttachmentGet(ctx, id, att, w)
		}
		return v.AttachmentGet(ctx, id, att, m.Writer(w, 0))
	}
	if err := writeOutputFile(out, write); err != nil {
		return err
	}
	return v.Close()
}
