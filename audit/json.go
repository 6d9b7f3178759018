package audit

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// entryJSON is the one JSON form of an entry, for tvaultd's API and for
// "tvault audit log --json": one object per entry, attributes as an
// object (their keys are unique), targets an array, never null.
type entryJSON struct {
	Seq       uint64            `json:"seq"`
	Time      time.Time         `json:"time"`
	Actor     string            `json:"actor"`
	Role      string            `json:"role"`
	Transport string            `json:"transport"`
	RequestID string            `json:"request_id"`
	Action    string            `json:"action"`
	Targets   []string          `json:"targets"`
	Purpose   string            `json:"purpose,omitempty"`
	Outcome   Outcome           `json:"outcome"`
	Attrs     map[string]string `json:"attrs,omitempty"`
}

// MarshalJSON encodes e in its JSON form.
func (e *Entry) MarshalJSON() ([]byte, error) {
	j := entryJSON{Seq: e.Seq, Time: e.Time, Actor: e.Actor, Role: e.Role, Transport: e.Transport,
		RequestID: e.RequestID, Action: e.Action, Targets: e.Targets, Purpose: e.Purpose, Outcome: e.Outcome}
	if j.Targets == nil {
		j.Targets = []string{}
	}
	if len(e.Attrs) > 0 {
		j.Attrs = make(map[string]string, len(e.Attrs))
		for _, a := range e.Attrs {
			j.Attrs[a.Key] = a.Value
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the JSON form of an entry. Attributes come back
// sorted by key, as in the log, and empty targets or attributes as nil.
func (e *Entry) UnmarshalJSON(data []byte) error {
	var j entryJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*e = Entry{Seq: j.Seq, Time: j.Time.UTC(), Actor: j.Actor, Role: j.Role, Transport: j.Transport,
		RequestID: j.RequestID, Action: j.Action, Purpose: j.Purpose, Outcome: j.Outcome}
	if len(j.Targets) > 0 {
		e.Targets = j.Targets
	}
	for _, k := range slices.Sorted(maps.Keys(j.Attrs)) {
		e.Attrs = append(e.Attrs, Attr{k, j.Attrs[k]})
	}
	return nil
}

// reportJSON is the one JSON form of a report: the root hash in base64,
// the checkpoint as its text.
type reportJSON struct {
	Origin         string `json:"origin"`
	Size           int64  `json:"size"`
	Root           []byte `json:"root"`
	Checkpoint     string `json:"checkpoint,omitempty"`
	CheckpointSize int64  `json:"checkpoint_size"`
	OldSize        int64  `json:"old_size,omitempty"`
}

// MarshalJSON encodes r in its JSON form.
func (r *Report) MarshalJSON() ([]byte, error) {
	return json.Marshal(reportJSON{Origin: r.Origin, Size: r.Size, Root: r.Root[:],
		Checkpoint: string(r.Checkpoint), CheckpointSize: r.CheckpointSize, OldSize: r.OldSize})
}

// UnmarshalJSON decodes the JSON form of a report.
func (r *Report) UnmarshalJSON(data []byte) error {
	var j reportJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*r = Report{Origin: j.Origin, Size: j.Size, CheckpointSize: j.CheckpointSize, OldSize: j.OldSize}
	if len(j.Root) != len(r.Root) {
		return fmt.Errorf("report: root hash of %d bytes, want %d", len(j.Root), len(r.Root))
	}
	copy(r.Root[:], j.Root)
	if j.Checkpoint != "" {
		r.Checkpoint = []byte(j.Checkpoint)
	}
	return nil
}
