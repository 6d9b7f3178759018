package audit

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestJSONRoundTrip checks that the one JSON form of entries and reports
// gives back what was encoded, and that an entry's shape is the one
// documented (docs/API.md, tvault audit log --json).
func TestJSONRoundTrip(t *testing.T) {
	when := time.Date(2026, 11, 29, 13, 0, 0, 123000, time.UTC)
	for _, e := range []*Entry{
		{Seq: 7, Time: when, Actor: "kim", Role: "officer", Transport: "unix", RequestID: "r1", Action: "get",
			Targets: []string{"a", "b"}, Purpose: "why", Outcome: OutcomeOK, Attrs: []Attr{{"count", "2"}, {"view", "full"}}},
		{Seq: 0, Time: when, Actor: "unknown", Action: "auth", Outcome: OutcomeDenied},
	} {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back Entry
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(&back, e) {
			t.Errorf("%s gives back %+v, want %+v", data, back, *e)
		}
	}
	data, _ := json.Marshal(&Entry{Seq: 1, Time: when, Actor: "a", Action: "list", Outcome: OutcomeOK, Attrs: []Attr{{"count", "0"}}})
	const want = `{"seq":1,"time":"2026-11-29T13:00:00.000123Z","actor":"a","role":"","transport":"","request_id":"","action":"list","targets":[],"outcome":"ok","attrs":{"count":"0"}}`
	if string(data) != want {
		t.Errorf("entry JSON\n got %s\nwant %s", data, want)
	}

	r := &Report{Origin: "tvault/x", Size: 9, Checkpoint: []byte("tvault/x\n9\nroot\n\n— sig\n"), CheckpointSize: 9, OldSize: 3}
	r.Root[0], r.Root[31] = 1, 2
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil || !reflect.DeepEqual(&back, r) {
		t.Errorf("%s gives back %+v, %v", data, back, err)
	}
	if err := json.Unmarshal([]byte(`{"root":"AAEC"}`), &back); err == nil {
		t.Error("a short root hash was accepted")
	}
}
