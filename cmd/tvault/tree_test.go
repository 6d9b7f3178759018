package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// execHelp runs tvault with args on a fresh tree and returns what it
// printed.
func execHelp(args ...string) (string, error) {
	var out bytes.Buffer
	err := execute(newTree(&globals{}, &out), args, &out)
	return out.String(), err
}

func wantUsageError(t *testing.T, err error, msg, hint string) {
	t.Helper()
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v, want a usage error", err)
	}
	if !strings.Contains(ue.msg, msg) || !strings.Contains(ue.hint, hint) {
		t.Fatalf("usage error %q, hint %q; want %q and a hint with %q", ue.msg, ue.hint, msg, hint)
	}
}

// example is an example command line on a help page.
var example = regexp.MustCompile(`(?m)^ +\$ tvault `)

// TestCommandTree checks every command of the tree: -h and "tvault help"
// show its page, with examples, and exit 0; its group's page (or, at the
// top, "tvault help") names it; a leaf refuses a flag it does not take and
// documents every flag it does; a group refuses a missing or unknown
// subcommand.
func TestCommandTree(t *testing.T) {
	rootHelp, err := execHelp("help")
	if err != nil {
		t.Fatal(err)
	}
	if h, err := execHelp("-h"); err != nil || h != rootHelp {
		t.Fatalf("tvault -h = %v and another page than tvault help", err)
	}
	leaves := 0
	walk(newTree(&globals{}, io.Discard), nil, func(parents []*command, c *command) {
		name := path(parents, c)
		args := strings.Fields(name)
		t.Run(name, func(t *testing.T) {
			page, err := execHelp(append(args, "-h")...)
			if err != nil {
				t.Fatalf("-h: %v", err)
			}
			if !strings.HasPrefix(page, "Usage: tvault ") || !example.MatchString(page) {
				t.Fatalf("-h printed no usage with examples:\n%s", page)
			}
			if h, err := execHelp(append([]string{"help"}, args...)...); err != nil || h != page {
				t.Fatalf("tvault help %s = %v, and another page than -h", name, err)
			}

			// Reachable from "tvault help".
			if len(parents) == 0 {
				if !regexp.MustCompile(`(?m)^    ` + regexp.QuoteMeta(c.name) + ` +\S`).MatchString(rootHelp) {
					t.Fatalf("tvault help does not list %s", name)
				}
			} else {
				group := path(parents[:len(parents)-1], parents[len(parents)-1])
				groupPage, err := execHelp("help", group)
				if err != nil {
					t.Fatal(err)
				}
				if !regexp.MustCompile(`tvault ` + regexp.QuoteMeta(name) + `\b`).MatchString(groupPage) {
					t.Fatalf("tvault help %s does not show tvault %s", group, name)
				}
			}

			// A group that runs (backup, restore) is also a leaf.
			if c.subs != nil && c.run == nil {
				_, err := execHelp(args...)
				wantUsageError(t, err, "needs", "tvault help "+name)
				_, err = execHelp(append(args, "frob")...)
				wantUsageError(t, err, `subcommand "frob"`, "tvault help "+name)
				return
			}
			leaves++
			if c.run == nil {
				t.Fatal("a leaf without run")
			}
			_, err = execHelp(append(args, "--bogus")...)
			wantUsageError(t, err, "flag provided but not defined: -bogus", `"tvault help `+name+`"`)
			_, err = execHelp(append(args, "arg", "--bogus", "arg")...)
			wantUsageError(t, err, "flag provided but not defined: -bogus", `"tvault help `+name+`"`)

			// The synopsis shows exactly the flags the leaf takes.
			fs := flag.NewFlagSet(name, flag.ContinueOnError)
			if c.flags != nil {
				c.flags(fs)
			}
			// The global options may be shown or not.
			global := func(f string) bool {
				return f == "vault" || f == "store" || f == "passphrase-file" || f == "identity" || f == "quiet"
			}
			var takes []string
			fs.VisitAll(func(f *flag.Flag) {
				if !global(f.Name) {
					takes = append(takes, f.Name)
				}
			})
			shown := slices.DeleteFunc(synopsisFlags(page, name, c.subs), global)
			if !slices.Equal(takes, shown) {
				t.Fatalf("takes the flags %q, and its synopsis shows %q", takes, shown)
			}
		})
	})
	if leaves < 30 {
		t.Fatalf("walked %d leaves; the tree has more", leaves)
	}
}

// synopsisFlags returns the flags, sorted, that the "Usage:" lines of page
// show for the command line "tvault name", not for its subcommands subs.
func synopsisFlags(page, name string, subs []*command) []string {
	synopsis, _, _ := strings.Cut(page, "\n\n")
	var flags []string
	mine := false
	for _, line := range strings.Split(synopsis, "\n") {
		if strings.Contains(line, "tvault ") {
			mine = strings.Contains(line+" ", "tvault "+name+" ")
			for _, sub := range subs {
				mine = mine && !strings.Contains(line+" ", "tvault "+name+" "+sub.name+" ")
			}
		}
		if !mine {
			continue
		}
		for _, m := range regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(line, -1) {
			flags = append(flags, m[1])
		}
	}
	slices.Sort(flags)
	return slices.Compact(flags)
}

// TestMisplacedGlobalFlag checks that a global flag before the name of a
// command that does not take it is refused, not ignored.
func TestMisplacedGlobalFlag(t *testing.T) {
	for _, args := range [][]string{
		{"--vault", "v", "operator", "status"},
		{"--passphrase-file", "p", "operator", "seal"},
		{"--vault", "v", "help"},
	} {
		_, err := execHelp(args...)
		wantUsageError(t, err, "does not take --"+strings.TrimPrefix(args[0], "--"), "tvault help")
	}
}

// TestUnknownCommand checks the errors for names that are no command.
func TestUnknownCommand(t *testing.T) {
	_, err := execHelp("frobnicate")
	wantUsageError(t, err, `unknown command "frobnicate"`, "tvault help")
	_, err = execHelp("help", "frobnicate")
	wantUsageError(t, err, `unknown command "frobnicate"`, "tvault help")
	_, err = execHelp("help", "audit", "frob")
	wantUsageError(t, err, `unknown audit subcommand "frob"`, "tvault help audit")
	_, err = execHelp("help", "list", "frob")
	wantUsageError(t, err, "list has no subcommands", "tvault help list")
	_, err = execHelp("--bogus", "list")
	wantUsageError(t, err, "flag provided but not defined: -bogus", "tvault help")
}
