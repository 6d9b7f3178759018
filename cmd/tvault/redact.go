package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"
)

const redactUsage = `Usage: tvault redact check ID [--json]

Shows an officer what researchers would see of a testimony before anyone
exports it: the researcher view, every replacement made in its title and
narrative (what was found, as what, and what replaced it), and the
capitalised words left in it that may be names of persons nobody
registered. Register such a person in a testimony, or add the phrase to
the testimony's "redact" list, and put the corrected version with
put --replace. Officers only.

Example:
    $ tvault redact check 5kq2m9xd7cz3vbn4rhtwp6ajye
`

func redactCheckCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "check",
		short: "show what researchers would see of a testimony, and why",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error { return runRedactCheck(g, args, asJSON) },
	}
}

func runRedactCheck(g *globals, args []string, asJSON bool) error {
	if len(args) != 1 {
		return &usageError{msg: "redact check takes one record ID"}
	}
	id := args[0]
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	rep, err := v.RedactCheck(localContext(), id)
	if err != nil {
		return err
	}
	orig, shared, repl, possible := rep.Record, rep.View, rep.Replacements, rep.PossibleNames
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{"id": id, "original_narrative": orig.Testimony.Narrative,
			"view": shared, "replacements": repl, "possible_names": possible})
	} else {
		fmt.Printf("Original narrative:\n  %s\n\nResearcher view:\n  %s\n\nReplacements:\n", orig.Testimony.Narrative, shared.Narrative)
		tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  FIELD\tKIND\tORIGINAL\tREPLACEMENT")
		for _, r := range repl {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Field, r.Kind, strconv.Quote(r.Original), r.Replacement)
		}
		tw.Flush()
		fmt.Println("\nPossible unregistered names (check each):")
		for _, p := range possible {
			fmt.Printf("  %s\n", p)
		}
	}
	if err != nil {
		return err
	}
	return v.Close()
}
