package api

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDocumentedCodes checks the error table of docs/API.md against the
// daemon's: every code with its status, and nothing else.
func TestDocumentedCodes(t *testing.T) {
	data, err := os.ReadFile("../../docs/API.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| Status | Code | Go error (client) |\n|---|---|---|\n")
	if !ok {
		t.Fatal("docs/API.md has no error table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	code := regexp.MustCompile("`([a-z-]+)`")
	documented := map[string]int{}
	for _, row := range strings.Split(table, "\n") {
		cells := strings.Split(row, "|")
		if len(cells) != 5 {
			t.Fatalf("malformed row %q", row)
		}
		status, err := strconv.Atoi(strings.TrimSpace(cells[1]))
		if err != nil {
			t.Fatalf("row %q: status: %v", row, err)
		}
		for _, m := range code.FindAllStringSubmatch(cells[2], -1) {
			documented[m[1]] = status
		}
	}
	codes := Codes()
	for c, status := range codes {
		if got, ok := documented[c]; !ok || got != status {
			t.Errorf("code %s: the daemon answers %d, docs/API.md says %d", c, status, got)
		}
	}
	for c := range documented {
		if _, ok := codes[c]; !ok {
			t.Errorf("docs/API.md lists code %s, which the daemon never answers", c)
		}
	}
}
