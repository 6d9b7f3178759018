package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/form"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

const personUsage = `Usage: tvault person list [--json]
       tvault person show KEY [--json]
       tvault person edit KEY [--json]
       tvault person merge KEY KEEP_KEY [--json]

Shows and maintains the registry of persons named in testimonies. Officers
only: it holds names and contact details. Persons are registered by put,
under the witness key (the organisation's witness code) of the import
format; the same key in another testimony is the same person. A later
testimony that gives a known person another birth year, gender, contact
or residence changes the registry (a new version of a record, only where
it changes the record), and put says which fields it changed.

    list          every person: key, default-domain pseudonym, name
    show KEY      one person with aliases, every field known, and the IDs
                  of every testimony naming them
    edit KEY      change the person's name, aliases, birth year, gender,
                  contact and residence in your editor, as "tvault new"
                  edits a testimony (see "tvault help new": the form is
                  kept in memory only); the change is audited, naming the
                  fields changed, never their values
    merge KEY KEEP_KEY
                  KEY and KEEP_KEY are the same person (a typo at intake):
                  KEY's names become aliases of KEEP_KEY's person, KEY
                  resolves to it, and KEY's testimonies follow

Names, contacts and residences that an edit, an import or a merge replaces
are kept as past ones, which show lists: researcher views go on hiding
them wherever a testimony quotes them.

A person keeps at most 32 aliases, 64 each of past names, contacts and
residences, and 256 merged keys. A put, edit or merge that would add one more is refused
and stores nothing (the error names the list): nothing is dropped
silently. Leave the value out of the testimony's person and list it in
the testimony's redact field instead, so views still hide it.

Examples:
    $ tvault person list
    $ tvault person show W-0031
    $ tvault person edit W-0031
    $ tvault person merge W-0013 W-0031
`

func personListCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "list",
		short: "every person: key, default-domain pseudonym, name",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if err := noArgs("person list", args); err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				persons, err := v.Persons(localContext())
				if err != nil {
					return err
				}
				return printPersons(persons, true, asJSON)
			})
		},
	}
}

func personShowCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "show",
		short: "one person with aliases and every field known",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "person show takes a witness key", hint: `run "tvault help person"`}
			}
			return withVault(g, func(v service.Service) error {
				p, err := v.PersonByKey(localContext(), args[0])
				if err != nil {
					return err
				}
				return printPersons([]*service.Person{p}, false, asJSON)
			})
		},
	}
}

func personEditCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "edit",
		short: "change a person's names and contact details in your editor",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "person edit takes a witness key", hint: `run "tvault help person"`}
			}
			return withVault(g, func(v service.Service) error {
				ctx := localContext()
				p, err := v.PersonByKey(ctx, args[0])
				if err != nil {
					return err
				}
				was := formPerson(p)
				initial, err := form.Person(was)
				if err != nil {
					return fmt.Errorf("person %s: %w", p.Key, err)
				}
				return editCancelled(editForm("person.md", initial, func(data []byte) error {
					f, err := form.ParsePerson(data, p.Key, checkPersonNames)
					if err != nil {
						return err
					}
					if form.SamePerson(f, was) {
						return &errCancelled{"the person was not changed"}
					}
					// Another officer's change made meanwhile is not
					// overwritten unseen.
					cur, err := v.PersonByKey(ctx, p.Key)
					if err != nil {
						return err
					}
					if !form.SamePerson(formPerson(cur), was) {
						return fmt.Errorf("person %s changed while you edited it; nothing stored: run tvault person edit again and copy your changes from the form", p.Key)
					}
					edited, err := v.EditPerson(ctx, p.Key, f)
					if err != nil {
						return err
					}
					return printPersons([]*service.Person{edited}, false, asJSON)
				}))
			})
		},
	}
}

// checkPersonNames checks a person's names as put checks a witness's,
// naming the field as the person's form does.
func checkPersonNames(p *testimony.Person) error {
	err := vault.CheckNames("form", &testimony.Testimony{Witness: *p})
	var pe *testimony.ParseError
	if errors.As(err, &pe) {
		pe.Field = strings.TrimPrefix(pe.Field, "witness.")
	}
	return err
}

func personMergeCommand(g *globals) *command {
	var asJSON bool
	return &command{
		name:  "merge",
		short: "record that two witness keys are one person",
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if len(args) != 2 {
				return &usageError{msg: "person merge takes two witness keys", hint: `run "tvault help person"`}
			}
			return withVault(g, func(v service.Service) error {
				p, err := v.MergePersons(localContext(), args[0], args[1])
				if err != nil {
					return err
				}
				return printPersons([]*service.Person{p}, false, asJSON)
			})
		},
	}
}

func printPersons(views []*service.Person, table, asJSON bool) error {
	if asJSON {
		if table {
			return printJSONLines(views)
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
		{"past names", strings.Join(p.PastNames, "; ")}, {"past contacts", strings.Join(p.PastContacts, "; ")},
		{"past residences", strings.Join(p.PastResidences, "; ")},
	} {
		if row[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
		}
	}
	for i, id := range p.Records {
		fmt.Fprintf(tw, "%s\t%s\n", map[bool]string{true: "records:", false: ""}[i == 0], id)
	}
	return tw.Flush()
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}

// formPerson is what the person form shows of p.
func formPerson(p *service.Person) *testimony.Person {
	return &testimony.Person{Key: p.Key, Name: p.Name, Aliases: p.Aliases, BirthYear: p.BirthYear,
		Gender: p.Gender, Contact: p.Contact, Residence: p.Residence}
}
