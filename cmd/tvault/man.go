package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/internal/buildinfo"
	"github.com/tvault/tvault/internal/envvars"
	"github.com/tvault/tvault/internal/manpage"
)

const manUsage = `Usage: tvault man [--dir DIR]

Writes tvault's manual page, tvault(1), generated from the command tree
that "tvault help" shows: every command with its flags and examples, the
exit statuses and the environment variables. Without --dir it prints the
page; with --dir it installs it as DIR/man1/tvault.1 (mode 0644),
replacing an older one. "tvaultd --man" prints tvaultd(8).

Options:
    --dir DIR   install the page under the manual directory DIR

Examples:
    $ tvault man | man -l -
    $ sudo tvault man --dir /usr/local/share/man
    $ tvaultd --man | sudo tee /usr/local/share/man/man8/tvaultd.8 > /dev/null
`

func manCommand(root *command, out io.Writer) *command {
	var dir string
	return &command{
		name:  "man",
		short: "print or install the manual page",
		usage: manUsage,
		flags: func(fs *flag.FlagSet) { fs.StringVar(&dir, "dir", "", "manual directory") },
		run: func(args []string) error {
			if err := noArgs("man", args); err != nil {
				return err
			}
			var page bytes.Buffer
			if err := manPage(root).Write(&page); err != nil {
				return err
			}
			if dir == "" {
				_, err := out.Write(page.Bytes())
				return err
			}
			return installPage(filepath.Join(dir, "man1", "tvault.1"), page.Bytes())
		},
	}
}

// manPage returns tvault(1): the root's help page, then every command
// that has a help page of its own (a subcommand without one is on its
// group's).
func manPage(root *command) *manpage.Page {
	p := &manpage.Page{
		Name:    "tvault",
		Section: 1,
		Version: buildinfo.Read().Version,
		Summary: "store human-rights testimonies in an encrypted vault",
		Usage:   root.usage,
		Env:     envvars.For("tvault"),
		SeeAlso: []string{"tvaultd(8)", "age(1)"},
		Extra:   []manpage.Section{{Title: "Exit status", Body: exitStatusText}},
	}
	walk(root, nil, func(parents []*command, c *command) {
		if c.usage != "" {
			p.Commands = append(p.Commands, manpage.Command{Name: "tvault " + path(parents, c), Summary: c.short, Usage: c.usage})
		}
	})
	return p
}

// installPage writes a manual page whole, readable by every user as
// manual pages are.
func installPage(name string, page []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("failed to install the manual page: %w", err)
	}
	if err := atomicfile.ReplaceFile(name, page); err != nil {
		return fmt.Errorf("failed to install the manual page: %w", err)
	}
	return os.Chmod(name, 0o644)
}
