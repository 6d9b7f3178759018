package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
)

// TestEntryPrinter checks that the audit log table pads a column only to
// its widest cell within a block of rows, so that one long cell does not
// widen every line of the log, and that --json prints every entry whole,
// one a line.
func TestEntryPrinter(t *testing.T) {
	const n, long = 2*tableBlock + 50, tableBlock + 20
	entries := make([]*audit.Entry, n)
	for i := range entries {
		e := &audit.Entry{Seq: uint64(i), Time: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), Actor: "local:kim",
			Action: "get", Outcome: audit.OutcomeOK, Targets: []string{"5kq2m9xd7cz3vbn4rhtwp6ajye"}}
		if i == long {
			e.Actor = strings.Repeat("a", 500)
			for range 1000 {
				e.Targets = append(e.Targets, "5kq2m9xd7cz3vbn4rhtwp6ajye")
			}
		}
		entries[i] = e
	}
	for _, asJSON := range []bool{false, true} {
		var buf bytes.Buffer
		p := newEntryPrinter(&buf, asJSON)
		for _, e := range entries {
			if err := p.print(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.flush(); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if asJSON {
			if len(lines) != n {
				t.Fatalf("--json printed %d lines for %d entries", len(lines), n)
			}
			var e audit.Entry
			if err := json.Unmarshal([]byte(lines[long]), &e); err != nil || len(e.Targets) != 1001 {
				t.Errorf("--json line %d: %d targets, %v", long, len(e.Targets), err)
			}
			continue
		}
		if len(lines) != n+1 {
			t.Fatalf("table of %d lines for %d entries", len(lines), n)
		}
		for i, l := range lines {
			inBlock := i-1 >= tableBlock && i-1 < 2*tableBlock
			if wide := len(l) > 500; wide != inBlock {
				t.Errorf("line %d is %d bytes: a long cell pads the rows of its block of %d only", i, len(l), tableBlock)
				break
			}
		}
		if !strings.Contains(lines[long+1], "(+998 more)") {
			t.Errorf("row of 1001 targets: %s", lines[long+1][:200])
		}
	}
}
