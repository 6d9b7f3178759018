// Package manpage renders the manual pages of tvault and tvaultd as roff
// (the man(7) macros) from the texts their -h already shows, so that a
// page cannot say other than the help: a help page ("Usage: ..." lines,
// paragraphs, indented blocks such as Options and Examples) becomes a
// synopsis, filled paragraphs and literal blocks.
package manpage

import (
	"fmt"
	"io"
	"strings"

	"github.com/tvault/tvault/internal/envvars"
)

// A Page is one manual page.
type Page struct {
	Name    string // the program, as "tvault"
	Section int    // 1 for commands, 8 for daemons
	Version string // shown in the page's footer
	Summary string // the NAME line's description
	// Usage is the program's help page: its "Usage:" block is the
	// SYNOPSIS, the rest the DESCRIPTION.
	Usage string
	// Commands, if any, are a COMMANDS section: one subsection each.
	Commands []Command
	// Extra sections come after COMMANDS, before ENVIRONMENT.
	Extra []Section
	Env   []envvars.Var
	// SeeAlso names other pages, as "tvaultd(8)".
	SeeAlso []string
}

// A Command is a subsection of COMMANDS: a command line ("tvault audit
// log"), a line about it, and its help page.
type Command struct {
	Name, Summary, Usage string
}

// A Section is a section with a help-page body (rendered as Usage is).
type Section struct {
	Title, Body string
}

// Write writes p as roff to w.
func (p *Page) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %s %d \"\" %s %s\n", strings.ToUpper(p.Name), p.Section,
		quote(p.Name+" "+p.Version), quote(p.Name+" manual"))
	// No hyphenation, no justification: a command line split or stretched
	// across lines cannot be copied.
	b.WriteString(".nh\n.ad l\n")
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", escape(p.Name), escape(p.Summary))
	synopsis, rest := splitUsage(p.Usage)
	b.WriteString(".SH SYNOPSIS\n")
	b.WriteString(literal(synopsis))
	b.WriteString(".SH DESCRIPTION\n")
	b.WriteString(body(rest))
	if len(p.Commands) > 0 {
		b.WriteString(".SH COMMANDS\n")
		for _, c := range p.Commands {
			fmt.Fprintf(&b, ".SS %s\n%s\n", quote(c.Name), escape(c.Summary))
			syn, rest := splitUsage(c.Usage)
			b.WriteString(literal(syn))
			b.WriteString(body(rest))
		}
	}
	for _, s := range p.Extra {
		fmt.Fprintf(&b, ".SH %s\n", quote(strings.ToUpper(s.Title)))
		b.WriteString(body(s.Body))
	}
	if len(p.Env) > 0 {
		b.WriteString(".SH ENVIRONMENT\n")
		for _, v := range p.Env {
			fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", escape(v.Name), escape(v.Text))
		}
	}
	if len(p.SeeAlso) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		var refs []string
		for _, r := range p.SeeAlso {
			name, sec, _ := strings.Cut(r, "(")
			refs = append(refs, fmt.Sprintf(".BR %s (%s", escape(name), sec))
		}
		b.WriteString(strings.Join(refs, " ,\n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// splitUsage cuts a help page into its synopsis (the "Usage:" lines,
// without that word, unindented) and the rest.
func splitUsage(usage string) (synopsis []string, rest string) {
	head, rest, _ := strings.Cut(usage, "\n\n")
	if !strings.HasPrefix(head, "Usage: ") {
		return nil, usage
	}
	for _, l := range strings.Split(strings.TrimPrefix(head, "Usage: "), "\n") {
		synopsis = append(synopsis, strings.TrimSpace(l))
	}
	return synopsis, rest
}

// body renders help text: runs of unindented lines are paragraphs, filled;
// runs of indented lines (options, examples, lists) are literal blocks,
// kept as they are but for their common indentation; a line ending in ":"
// alone is a heading.
func body(text string) string {
	var b strings.Builder
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i := 0; i < len(lines); {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			i++
		case l[0] == ' ':
			j := i
			for j < len(lines) && (strings.HasPrefix(lines[j], " ") || strings.TrimSpace(lines[j]) == "" && j+1 < len(lines) && strings.HasPrefix(lines[j+1], " ")) {
				j++
			}
			b.WriteString(".RS 4\n")
			b.WriteString(literal(dedent(lines[i:j])))
			b.WriteString(".RE\n")
			i = j
		case strings.HasSuffix(l, ":") && !strings.Contains(l, " "):
			fmt.Fprintf(&b, ".PP\n.B %s\n", escape(l))
			i++
		default:
			b.WriteString(".PP\n")
			for ; i < len(lines) && lines[i] != "" && lines[i][0] != ' '; i++ {
				b.WriteString(escape(lines[i]) + "\n")
			}
		}
	}
	return b.String()
}

// literal renders lines as a literal block: no filling, no adjusting.
func literal(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(".PP\n.nf\n")
	for _, l := range lines {
		b.WriteString(escape(l) + "\n")
	}
	b.WriteString(".fi\n")
	return b.String()
}

func dedent(lines []string) []string {
	indent := -1
	for _, l := range lines {
		if n := len(l) - len(strings.TrimLeft(l, " ")); strings.TrimSpace(l) != "" && (indent < 0 || n < indent) {
			indent = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= indent {
			out[i] = l[indent:]
		}
	}
	return out
}

// escape makes s literal text of a roff line: backslashes and hyphens
// (which man would print as typographic ones, breaking copied commands)
// escaped, and a control character (. or ') at the start neutralised.
func escape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// quote makes s one argument of a macro.
func quote(s string) string {
	return `"` + strings.ReplaceAll(escape(s), `"`, `\(dq`) + `"`
}
