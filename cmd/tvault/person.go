package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/tvault/tvault/vault/service"
)

const personUsage = `Usage: tvault person list [--json]
       tvault person show KEY [--json]
       tvault person merge KEY KEEP_KEY

Shows and maintains the registry of persons named in testimonies. Officers
only: it holds names and contact details. Persons are registered by put,
under the witness key (the organisation's witness code) of the import
format; the same key in another testimony is the same person.

    list          every person: key, default-domain pseudonym, name
    show KEY      one person with aliases and every field known
    merge KEY KEEP_KEY
                  KEY and KEEP_KEY are the same person (a typo at intake):
                  KEY's names become aliases of KEEP_KEY's person, KEY
                  resolves to it, and KEY's testimonies follow

Examples:
    $ tvault person list
    $ tvault person show W-0031
    $ tvault person merge W-0013 W-0031
`

func init() {
	commands["person"] = command{usage: personUsage, run: runPerson}
}

func runPerson(g *globals, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "person needs a subcommand: list, show or merge", hint: `run "tvault help person"`}
	}
	sub, args := args[0], args[1:]
	fs := g.flagSet("person", personUsage)
	asJSON := fs.Bool("json", false, "JSON output")
	if err := parse(fs, args); err != nil {
		return err
	}
	want := map[string]int{"list": 0, "show": 1, "merge": 2}
	n, ok := want[sub]
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown person subcommand %q", sub), hint: `run "tvault help person"`}
	}
	if fs.NArg() != n {
		return &usageError{msg: fmt.Sprintf("person %s takes %d arguments", sub, n), hint: `run "tvault help person"`}
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	ctx := localContext()
	var persons []*service.Person
	switch sub {
	case "list":
		persons, err = v.Persons(ctx)
	case "show":
		var p *service.Person
		p, err = v.PersonByKey(ctx, fs.Arg(0))
		persons = []*service.Person{p}
	case "merge":
		var p *service.Person
		p, err = v.MergePersons(ctx, fs.Arg(0), fs.Arg(1))
		persons = []*service.Person{p}
	}
	if err != nil {
		return err
	}
	if err := printPersons(persons, sub == "list", *asJSON); err != nil {
		return err
	}
	return v.Close()
}

func printPersons(views []*service.Person, table, asJSON bool) error {
	if asJSON {
		if table {
			return printJSONList(views)
		}
		return printJSON(views[0])
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	if table {
		fmt.Fprintln(tw, "KEY\tPSEUDONYM\tNAME")
		for _, p := range views {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Key, p.Pseudonym, p.Name)
		}
		return tw.Flush()
	}
	p := views[0]
	for _, row := range [][2]string{
		{"key", p.Key}, {"pseudonym", p.Pseudonym}, {"name", p.Name},
		{"aliases", strings.Join(p.Aliases, "; ")}, {"birth year", yearString(p.BirthYear)},
		{"gender", p.Gender}, {"contact", p.Contact}, {"residence", p.Residence},
		{"merged keys", strings.Join(p.MergedKeys, ", ")},
	} {
		if row[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
		}
	}
	return tw.Flush()
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}
