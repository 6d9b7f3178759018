package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is a node of the command tree (see tree.go): a group, which has
// subcommands, or a leaf, which runs. A group that runs too (backup,
// restore) is run as a leaf when its arguments name no subcommand.
type command struct {
	name  string
	short string // one line in the parent's list of commands
	// usage is the help page, with examples. A subcommand without one
	// shows its group's, which documents every subcommand of the group.
	usage string
	// flags defines a leaf's flags, and no others: a flag the leaf does
	// not take is a usage error. Nil for a leaf without flags. The root's
	// are the global flags, which go before the command name too.
	flags func(fs *flag.FlagSet)
	// run runs a leaf with its arguments, the flags removed; the root's
	// runs when no command is named (tvault --version).
	run  func(args []string) error
	subs []*command
}

// help returns the page that -h and "tvault help" show for c, under the
// groups parents.
func (c *command) help(parents []*command) string {
	for i := len(parents); c.usage == "" && i > 0; i-- {
		c = parents[i-1]
	}
	return c.usage
}

// find follows args down from root as far as they name subcommands: c is
// the command reached, parents the groups below root on the way, rest the
// arguments left.
func find(root *command, args []string) (parents []*command, c *command, rest []string) {
	c = root
	for c.subs != nil && len(args) > 0 {
		next := c.sub(args[0])
		if next == nil {
			break
		}
		if c != root {
			parents = append(parents, c)
		}
		c, args = next, args[1:]
	}
	return parents, c, args
}

func (c *command) sub(name string) *command {
	for _, s := range c.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// path is the command line that names c under root, as "audit key".
func path(parents []*command, c *command) string {
	var names []string
	for _, p := range parents {
		names = append(names, p.name)
	}
	return strings.Join(append(names, c.name), " ")
}

// unknown is the error for a name that is no subcommand of c.
func unknown(root *command, parents []*command, c *command, name string) error {
	if c == root {
		return &usageError{msg: fmt.Sprintf("unknown command %q", name), hint: `run "tvault help" for the list of commands`}
	}
	if c.subs == nil {
		return &usageError{msg: fmt.Sprintf("%s has no subcommands", path(parents, c)),
			hint: fmt.Sprintf(`run "tvault help %s"`, path(parents, c))}
	}
	return &usageError{msg: fmt.Sprintf("unknown %s subcommand %q", c.name, name),
		hint: fmt.Sprintf(`run "tvault help %s"`, path(parents, c))}
}

// isHelp reports whether arg asks for help, as the flag package
// understands it.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "--h"
}

// execute runs the command that args name under root: root's own flags
// (the global ones, before the command name), then the names of a group
// and its subcommands down to a leaf, then the leaf's flags and arguments
// in any order. -h at any level writes the help page to out.
func execute(root *command, args []string, out io.Writer) error {
	rootFlags := flag.NewFlagSet("tvault", flag.ContinueOnError)
	rootFlags.SetOutput(io.Discard)
	root.flags(rootFlags)
	if err := rootFlags.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(out, root.usage)
		return nil
	} else if err != nil {
		return &usageError{msg: err.Error(), hint: `run "tvault help" for usage`}
	}
	parents, c, args := find(root, rootFlags.Args())
	if c.subs != nil && (c == root || c.run == nil) {
		switch {
		case len(args) > 0 && isHelp(args[0]):
			fmt.Fprint(out, c.help(parents))
			return nil
		case len(args) > 0:
			return unknown(root, parents, c, args[0])
		case c == root:
			return root.run(nil)
		}
		return &usageError{msg: fmt.Sprintf("%s needs %s", path(parents, c), subcommandList(c)),
			hint: fmt.Sprintf(`run "tvault help %s"`, path(parents, c))}
	}
	name := path(parents, c)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(fs)
	}
	// The global flags given before the command name must be ones the
	// leaf takes.
	var misplaced error
	rootFlags.Visit(func(f *flag.Flag) {
		if misplaced == nil && fs.Lookup(f.Name) == nil {
			misplaced = &usageError{msg: fmt.Sprintf("%s does not take --%s", name, f.Name),
				hint: fmt.Sprintf(`run "tvault help %s" for usage`, name)}
		}
	})
	if misplaced != nil {
		return misplaced
	}
	if err := parse(fs, args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(out, c.help(parents))
		return nil
	} else if err != nil {
		return err
	}
	err := c.run(fs.Args())
	// A leaf's own usage errors point to its page too.
	var ue *usageError
	if errors.As(err, &ue) && ue.hint == "" {
		ue.hint = fmt.Sprintf(`run "tvault help %s" for usage`, name)
	}
	return err
}

// subcommandList says which subcommands group c has, for an error.
func subcommandList(c *command) string {
	if len(c.subs) == 1 {
		return "the subcommand " + c.subs[0].name
	}
	var names []string
	for _, s := range c.subs {
		names = append(names, s.name)
	}
	last := len(names) - 1
	return "a subcommand: " + strings.Join(names[:last], ", ") + " or " + names[last]
}

// parse parses a leaf's flags, which may come before, between or after its
// arguments ("get ID --view researcher"); everything after "--" is an
// argument. It returns flag.ErrHelp for -h, and a usage error for a flag
// the leaf does not take. fs.Args() then holds the arguments in order.
func parse(fs *flag.FlagSet, args []string) error {
	var positional, rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &usageError{msg: err.Error(), hint: fmt.Sprintf(`run "tvault help %s" for usage`, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional, args = append(positional, args[0]), args[1:]
	}
	// Parsing "--" and the arguments leaves exactly them in fs.Args().
	return fs.Parse(append([]string{"--"}, append(positional, rest...)...))
}

// commandList formats the subcommands of c as the "Commands:" section of
// a help page.
func commandList(c *command) string {
	var b strings.Builder
	for _, s := range c.subs {
		fmt.Fprintf(&b, "    %-13s%s\n", s.name, s.short)
	}
	return b.String()
}

// noArgs is the check of a leaf that takes no arguments.
func noArgs(name string, args []string) error {
	if len(args) != 0 {
		return &usageError{msg: name + " takes no arguments", hint: fmt.Sprintf(`run "tvault help %s" for usage`, name)}
	}
	return nil
}
