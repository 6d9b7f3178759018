package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completionScript returns tvault's completion script for shell, written
// to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	var out bytes.Buffer
	if err := execute(newTree(&globals{}, &out), []string{"completion", shell}, &out); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "tvault."+shell)
	if err := os.WriteFile(name, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func needShell(t *testing.T, shell string) string {
	t.Helper()
	p, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("%s is not installed", shell)
	}
	return p
}

// TestCompletionSyntax checks that each shell parses its script.
func TestCompletionSyntax(t *testing.T) {
	for _, tc := range []struct{ shell, flag string }{{"bash", "-n"}, {"zsh", "-n"}, {"fish", "--no-execute"}} {
		t.Run(tc.shell, func(t *testing.T) {
			sh := needShell(t, tc.shell)
			if out, err := exec.Command(sh, tc.flag, completionScript(t, tc.shell)).CombinedOutput(); err != nil {
				t.Fatalf("%s %s: %v\n%s", tc.shell, tc.flag, err, out)
			}
		})
	}
	if _, err := execHelp("completion", "tcsh"); err == nil {
		t.Fatal("completion tcsh: no error")
	}
}

// completionCase is a command line to complete (the cursor at its end)
// and what the completion must be: exactly want, or at least contain.
type completionCase struct {
	line          string
	want, contain []string
}

// treeCompletionCases has a case for every command of the tree: a group
// completes to exactly its subcommands, a leaf's "--" to exactly its
// flags; then cases of flags and their values.
func treeCompletionCases() []completionCase {
	root := newTree(&globals{}, io.Discard)
	var cases []completionCase
	names := func(cs []*command) []string {
		var n []string
		for _, c := range cs {
			n = append(n, c.name)
		}
		return n
	}
	cases = append(cases, completionCase{line: "tvault ", want: names(root.subs)})
	walk(root, nil, func(parents []*command, c *command) {
		line := "tvault " + path(parents, c) + " "
		if c.subs != nil {
			cases = append(cases, completionCase{line: line, want: names(c.subs)})
			return
		}
		want := []string{"--help"}
		for _, f := range flagsOf(c) {
			want = append(want, "--"+f.Name)
		}
		cases = append(cases, completionCase{line: line + "--", want: want})
	})
	return append(cases,
		// The value of --vault is not taken for a command name.
		completionCase{line: "tvault --vault audit ", want: names(root.subs)},
		completionCase{line: "tvault --vault v audit ", want: names(root.sub("audit").subs)},
		completionCase{line: "tvault audit log --actor log --js", want: []string{"--json"}},
		completionCase{line: "tvault li", want: []string{"list"}},
		completionCase{line: "tvault --v", want: []string{"--version", "--vault"}},
		// Flag values and a leaf's arguments are file names.
		completionCase{line: "tvault put --replace ID testdata/scr", contain: []string{"testdata/scripts"}},
		completionCase{line: "tvault --passphrase-file testdata/scr", contain: []string{"testdata/scripts"}},
	)
}

func checkCompletion(t *testing.T, tc completionCase, got []string) {
	t.Helper()
	slices.Sort(got)
	got = slices.Compact(got)
	if tc.want != nil {
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q completes to %q, want %q", tc.line, got, want)
		}
	}
	for _, w := range tc.contain {
		if !slices.Contains(got, w) {
			t.Errorf("%q completes to %q, want %q among them", tc.line, got, w)
		}
	}
}

// TestBashCompletion runs the bash script's function as bash's completion
// would, for every command of the tree.
func TestBashCompletion(t *testing.T) {
	bash := needShell(t, "bash")
	script := completionScript(t, "bash")
	for _, tc := range treeCompletionCases() {
		words := strings.Split(tc.line, " ")
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, shQuote(w))
		}
		// -h and --help are offered everywhere; the cases want --help.
		prog := `source "$1"; COMP_WORDS=(` + strings.Join(quoted, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_tvault; for w in "${COMPREPLY[@]}"; do [[ $w == -h ]] || printf '%s\n' "$w"; done`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", script)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		checkCompletion(t, tc, strings.Fields(string(out)))
	}
}

// TestFishCompletion asks fish for the completions of each command line,
// all of them in one fish (a fish for each line took 25 s at load 30), each
// line's completions ended by a record separator.
func TestFishCompletion(t *testing.T) {
	// Its work is in a child process of its own.
	t.Parallel()
	fish := needShell(t, "fish")
	script := completionScript(t, "fish")
	cases := treeCompletionCases()
	args := []string{"--no-config", "-c", `source $argv[1]; for line in $argv[2..-1]; complete -C $line; echo \x1e; end`, script}
	for _, tc := range cases {
		args = append(args, tc.line)
	}
	out, err := exec.Command(fish, args...).Output()
	if err != nil {
		t.Fatalf("fish: %v", err)
	}
	outs := strings.Split(strings.TrimSuffix(string(out), "\x1e\n"), "\x1e\n")
	if len(outs) != len(cases) {
		t.Fatalf("fish completed %d lines, want %d:\n%s", len(outs), len(cases), out)
	}
	for i, tc := range cases {
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(outs[i]), "\n") {
			// fish prints each completion, a tab and its description, and
			// a directory with a slash.
			w, _, _ := strings.Cut(l, "\t")
			w = strings.TrimSuffix(w, "/")
			if w != "" && w != "-h" {
				got = append(got, w)
			}
		}
		checkCompletion(t, tc, got)
	}
}
