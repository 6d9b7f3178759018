package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

const redactUsage = `Usage: tvault redact check ID [--reason TEXT] [--json]

Shows an officer what researchers would see of a testimony before anyone
exports it: the original narrative; the researcher view, every field of
it as researchers get it; the replacements made in its free text (what
was found, as what, what replaced it, and how often), each distinct one
once and the first 10,000 of them; the words left in any of its fields
that may be names of persons nobody registered, capitalised or in
capitals ("Pak Sunok", "PARK MINSEO"); the phrases left that place
someone relative to a landmark ("opposite the Leith Walk Tesco",
"延吉火车站对面"); and those that may name a role only one person holds
("the only nail technician at Rosa's Nails", "河南派出所所长"), which no
recogniser hides. Register such a person in a
testimony, or add the phrase to the testimony's "redact" list, and put
the corrected version with put --replace. The candidates are shown to
you only, never written to the audit log. Officers only.

Example:
    $ tvault redact check 5kq2m9xd7cz3vbn4rhtwp6ajye
`

func redactCheckCommand(g *globals) *command {
	var asJSON bool
	var reason string
	return &command{
		name:  "check",
		short: "show what researchers would see of a testimony, and why",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
			reasonFlag(fs, &reason)
		},
		run: func(args []string) error { return runRedactCheck(g, args, reason, asJSON) },
	}
}

func runRedactCheck(g *globals, args []string, reason string, asJSON bool) error {
	if len(args) != 1 {
		return &usageError{msg: "redact check takes one record ID"}
	}
	id := args[0]
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	rep, err := v.RedactCheck(reasonContext(reason), id)
	if err != nil {
		return err
	}
	// Written as it is produced: the narrative and its view may be 16 MiB
	// each.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	if asJSON {
		err = writeRedactJSON(out, id, rep)
	} else {
		err = writeRedactText(out, rep)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return err
	}
	return v.Close()
}

// writeRedactText writes the report for a reader.
func writeRedactText(w *bufio.Writer, rep *service.RedactReport) error {
	w.WriteString("Original narrative:\n  ")
	w.WriteString(rep.Record.Testimony.Narrative)
	w.WriteString("\n\nResearcher view:\n  ")
	if err := rep.View.WriteJSON(w, "  ", "  "); err != nil {
		return err
	}
	w.WriteString("\nReplacements:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  FIELD\tKIND\tORIGINAL\tREPLACEMENT\tCOUNT")
	for _, r := range rep.Replacements {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\n", r.Field, r.Kind, strconv.Quote(r.Original), r.Replacement, r.Count)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if rep.Unlisted > 0 {
		fmt.Fprintf(w, "  and %d more, not listed\n", rep.Unlisted)
	}
	w.WriteString("\nPossible unregistered names (check each):\n")
	for _, p := range rep.PossibleNames {
		fmt.Fprintf(w, "  %s\n", p)
	}
	w.WriteString("\nPossible locations by a landmark (check each; list those that locate someone as redact phrases):\n")
	for _, p := range rep.PossibleLocations {
		fmt.Fprintf(w, "  %s\n", p)
	}
	w.WriteString("\nPossible identifying roles (check each; list those that only one person holds as redact phrases):\n")
	for _, p := range rep.PossibleRoles {
		fmt.Fprintf(w, "  %s\n", p)
	}
	return nil
}

// writeRedactJSON writes the report as an indented JSON object, its
// members in this order: id, original_narrative, possible_locations,
// possible_names, possible_roles, replacements, unlisted_replacements (if any), view. The narrative and
// the view go out in pieces (view.WriteJSONString, view.Record.WriteJSON).
func writeRedactJSON(w io.Writer, id string, rep *service.RedactReport) error {
	possible, locations, roles, repl := rep.PossibleNames, rep.PossibleLocations, rep.PossibleRoles, rep.Replacements
	if possible == nil {
		possible = []string{}
	}
	if locations == nil {
		locations = []string{}
	}
	if roles == nil {
		roles = []string{}
	}
	if repl == nil {
		repl = []view.Replacement{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	// member writes one member, after sep, whose value is small enough to
	// encode whole; the Encoder ends it with a newline.
	member := func(sep, name string, v any) error {
		b.Reset()
		fmt.Fprintf(&b, "%s\n  %q: ", sep, name)
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		return err
	}
	if err := member("{", "id", id); err != nil {
		return err
	}
	if _, err := io.WriteString(w, ",\n  \"original_narrative\": "); err != nil {
		return err
	}
	if err := view.WriteJSONString(w, rep.Record.Testimony.Narrative); err != nil {
		return err
	}
	if err := member(",", "possible_locations", locations); err != nil {
		return err
	}
	if err := member(",", "possible_names", possible); err != nil {
		return err
	}
	if err := member(",", "possible_roles", roles); err != nil {
		return err
	}
	if err := member(",", "replacements", repl); err != nil {
		return err
	}
	if rep.Unlisted > 0 {
		if err := member(",", "unlisted_replacements", rep.Unlisted); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, ",\n  \"view\": "); err != nil {
		return err
	}
	if err := rep.View.WriteJSON(w, "  ", "  "); err != nil {
		return err
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
