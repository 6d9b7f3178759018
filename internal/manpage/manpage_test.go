package manpage

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/envvars"
	"github.com/tvault/tvault/internal/manpage/manpagetest"
)

const usage = `Usage: prog [--flag X] ARG
       prog --version

A paragraph that starts a line with
.TH and
'quote, a backslash \n and a hyphen-ated --flag.

Options:
    --flag X   what X does

    --other    after a blank line
Examples:
    $ prog --flag "a b" arg
`

func TestWrite(t *testing.T) {
	p := &Page{Name: "prog", Section: 1, Version: "v1.0.0", Summary: "do a thing", Usage: usage,
		Commands: []Command{{Name: "prog sub", Summary: "a subcommand", Usage: "Usage: prog sub\n\nDoes it.\n"}},
		Extra:    []Section{{Title: "Exit status", Body: "    0   success\n"}},
		Env:      []envvars.Var{{Name: "PROG_DIR", Text: "The directory."}},
		SeeAlso:  []string{"tvault(1)", "age(1)"}}
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	roff := b.String()
	for _, want := range []string{
		".TH PROG 1 \"\" \"prog v1.0.0\"", `\&.TH and`, `\&'quote`, `\en`, `\-\-flag`,
		".SH COMMANDS\n.SS \"prog sub\"", ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".BR age (1)",
	} {
		if !strings.Contains(roff, want) {
			t.Errorf("page lacks %q:\n%s", want, roff)
		}
	}
	text := manpagetest.Render(t, b.Bytes())
	for _, want := range []string{
		"prog [--flag X] ARG\n", "       prog --version\n",
		"           --flag X   what X does\n\n           --other    after a blank line\n",
		`$ prog --flag "a b" arg`, "prog sub", "EXIT STATUS", "PROG_DIR", "tvault(1), age(1)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered page lacks %q:\n%s", want, text)
		}
	}
	// Filled, the paragraph's words are as written.
	const para = `with .TH and 'quote, a backslash \n and a hyphen-ated --flag.`
	if !strings.Contains(strings.Join(strings.Fields(text), " "), para) {
		t.Errorf("rendered page lacks %q:\n%s", para, text)
	}
}
