package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// TestRedactJSON checks that redact check --json, written in pieces, is
// the JSON object an Encoder writes of the same members.
func TestRedactJSON(t *testing.T) {
	narrative := strings.Repeat("Kim Eunju <met> \"Pak Sunok\" & 민서\n", 5000)
	for _, unlisted := range []int{0, 7} {
		rep := &service.RedactReport{
			Record: &service.Record{ID: "r1", Testimony: &testimony.Testimony{Narrative: narrative}},
			View: &view.Record{ID: "r1", View: "researcher", Created: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
				Tags: []string{"a&b"}, Narrative: strings.ReplaceAll(narrative, "Kim Eunju", "[P-1111-1111]")},
			Replacements:      []view.Replacement{{Field: "narrative", Kind: "person", Original: "Kim Eunju", Replacement: "[P-1111-1111]", Count: 5000}},
			Unlisted:          unlisted,
			PossibleNames:     []string{"Pak Sunok"},
			PossibleLocations: []string{"opposite the Leith Walk Tesco"},
			PossibleRoles:     []string{"河南派出所所长"},
		}
		m := map[string]any{"id": "r1", "original_narrative": narrative, "view": rep.View,
			"replacements": rep.Replacements, "possible_names": rep.PossibleNames, "possible_locations": rep.PossibleLocations,
			"possible_roles": rep.PossibleRoles}
		if unlisted > 0 {
			m["unlisted_replacements"] = unlisted
		}
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if err := writeRedactJSON(&got, "r1", rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("unlisted %d: got\n%.600s\nwant\n%.600s", unlisted, got.Bytes(), want.Bytes())
		}
	}
}
