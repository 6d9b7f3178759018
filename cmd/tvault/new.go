package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/form"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

const newUsage = `Usage: tvault new
       tvault edit [--reason TEXT] ID

new opens your editor on a form for a new testimony; edit opens it on
the latest version of record ID, for a new version. The form has the
structured fields between two --- lines, one "field: value" a line, with
comments saying what each takes, and the narrative, in Markdown, below.
A list takes one line per item, the field's line repeated; persons other
than the witness are numbered: persons[0].key, persons[0].name.

When you save and quit, the form is checked as strictly as "tvault put"
checks a file, with the same bounds on each field ("tvault help put").
If it is wrong, the editor opens it again with the error
written at the top. Save an empty file to cancel; a form left unchanged
stores nothing either. new prints the new record's ID, edit the ID.

The form is kept in memory only: in a directory of its own, mode 0700,
under $XDG_RUNTIME_DIR or else /dev/shm, where they are memory-backed
(tmpfs). tvault refuses, and says why, where neither is. The editor
runs in that directory with TMPDIR set to it, so that its swap and
backup files stay in memory too; vi, vim and neovim, under any name that
resolves to them (Debian's editor and view, vim.basic), are told to keep
none and no viminfo or shada history. Configure any other editor not to
keep backups or history elsewhere. The directory is removed when the form is stored or
cancelled. If storing fails, or you quit a reopened form without
changing it, the form is kept there, and its path shown, for you to
copy what you need and remove it.

The editor is $VISUAL, else $EDITOR, else vi, run by /bin/sh. In local
mode the vault stays open, and so in use, while you edit. edit stores
nothing if the record got a new version while you edited it (the form is
kept); --reason is recorded with its read and its write, as get's.

Examples:
    $ tvault new
    $ EDITOR=nano tvault new
    $ tvault edit 5kq2m9xd7cz3vbn4rhtwp6ajye
    $ TVAULT_ADDR=unix:/run/tvault/tvaultd.sock tvault new
`

func newCommand(g *globals) *command {
	return &command{
		name:  "new",
		short: "write a new testimony in your editor",
		usage: newUsage,
		flags: g.vaultFlags,
		run: func(args []string) error {
			if err := noArgs("new", args); err != nil {
				return err
			}
			blank, err := form.Testimony(nil)
			if err != nil {
				return err
			}
			return withVault(g, func(v service.Service) error {
				return writeTestimony(blank, "the form was left blank",
					func(data []byte, _ *testimony.Testimony) bool { return bytes.Equal(data, blank) },
					func(doc *testimony.Testimony) (string, []service.AliasNote, error) {
						ids, notes, err := v.Put(localContext(), []*testimony.Testimony{doc})
						if err != nil {
							return "", nil, err
						}
						return ids[0], notes, nil
					})
			})
		},
	}
}

func editCommand(g *globals) *command {
	var reason string
	return &command{
		name:  "edit",
		short: "write a new version of a testimony in your editor",
		usage: newUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			reasonFlag(fs, &reason)
		},
		run: func(args []string) error {
			if len(args) != 1 {
				return &usageError{msg: "edit takes one record ID"}
			}
			id := args[0]
			return withVault(g, func(v service.Service) error {
				ctx := reasonContext(reason)
				rec, err := v.Get(ctx, id)
				if err != nil {
					return err
				}
				initial, err := form.Testimony(rec.Testimony)
				if err != nil {
					return fmt.Errorf("record %s: %w", id, err)
				}
				return writeTestimony(initial, "the testimony was not changed",
					func(_ []byte, doc *testimony.Testimony) bool {
						return doc != nil && bytes.Equal(doc.Canonical(), rec.Canonical)
					},
					func(doc *testimony.Testimony) (string, []service.AliasNote, error) {
						// Another officer's version stored meanwhile is not
						// overwritten unseen.
						cur, err := v.Get(ctx, id)
						if err != nil {
							return "", nil, err
						}
						if cur.Version != rec.Version {
							return "", nil, fmt.Errorf("record %s changed while you edited it: it is at version %d, your form was made from version %d; nothing stored: run tvault edit again and copy your changes from the form", id, cur.Version, rec.Version)
						}
						_, notes, err := v.Replace(ctx, id, doc)
						return id, notes, err
					})
			})
		},
	}
}

// writeTestimony has the officer write a testimony in the form initial
// (editForm) and stores it with store, which returns the record's ID,
// printed. A form that same says changes nothing (unchanged says how) is
// stored no more than an empty one; same is given the form, and the
// testimony read from it or nil.
func writeTestimony(initial []byte, unchanged string, same func(data []byte, doc *testimony.Testimony) bool,
	store func(*testimony.Testimony) (string, []service.AliasNote, error)) error {
	err := editForm("testimony.md", initial, func(data []byte) error {
		doc, err := form.Parse(data, func(d *testimony.Testimony) error { return vault.CheckNames("form", d) })
		if same(data, doc) {
			return &errCancelled{unchanged}
		}
		if err != nil {
			return err
		}
		id, notes, err := store(doc)
		if err != nil {
			return err
		}
		fmt.Println(id)
		printAliasNotes([]string{"the form"}, notes)
		return nil
	})
	return editCancelled(err)
}

// editCancelled tells the officer that an edit they cancelled stored
// nothing, which is no failure, and returns the other errors.
func editCancelled(err error) error {
	var c *errCancelled
	if errors.As(err, &c) {
		fmt.Fprintf(os.Stderr, "tvault: %v\n", c)
		return nil
	}
	return err
}
