package service

import (
	"fmt"
	"strings"
)

// CheckOptions configures a check (AuditLog.Check).
type CheckOptions struct {
	// ReadData also decrypts every record version and every attachment,
	// and checks each against the hash bound to it.
	ReadData bool
	// Background runs the check at low priority: it yields to other
	// goroutines between items. The daemon's scrub sets it.
	Background bool
	// Progress, if not nil, is called from time to time (about once a
	// second) with the counts so far. It is not sent over the wire.
	Progress func(CheckCounts)
}

// CheckCounts says how much a check has checked.
type CheckCounts struct {
	// Entries is the number of audit-log entries verified against the
	// latest signed checkpoint, and Manifests the number of write
	// manifests replayed from them.
	Entries   int64 `json:"entries"`
	Manifests int64 `json:"manifests"`
	// Keys is the number of store keys compared with the state the log
	// commits to.
	Keys int64 `json:"keys"`
	// Blobs and BlobBytes count the attachment files whose size and hash
	// (or, from their header and decrypted content, every byte) were
	// checked.
	Blobs     int64 `json:"blobs"`
	BlobBytes int64 `json:"blob_bytes"`
	// Versions and Attachments count what was decrypted and checked
	// against its bound hash (ReadData).
	Versions    int64 `json:"versions"`
	Attachments int64 `json:"attachments"`
}

// Kinds of check problems.
const (
	// ProblemFiles: a database file fails its checksums.
	ProblemFiles = "files"
	// ProblemLog: the audit log does not verify against its latest signed
	// checkpoint, or entries follow the checkpoint.
	ProblemLog = "log"
	// ProblemManifest: a write's manifest is missing, damaged or not the
	// one its entry commits to.
	ProblemManifest = "manifest"
	// ProblemMissing: a key the log says the store holds is gone.
	ProblemMissing = "missing"
	// ProblemExtra: the store holds a key the log never wrote, or
	// deleted.
	ProblemExtra = "extra"
	// ProblemChanged: a key holds a value other than the one the log
	// last wrote: changed, or an older one put back.
	ProblemChanged = "changed"
	// ProblemCorrupt: a stored value fails its seal.
	ProblemCorrupt = "corrupt"
	// ProblemBlob: an attachment's file is missing, or its size or hash
	// is not the one recorded.
	ProblemBlob = "blob"
	// ProblemOrphan: a file in the blob store that no attachment refers
	// to (an attach cut off by a crash, or an attachment's metadata
	// deleted).
	ProblemOrphan = "orphan"
	// ProblemData: a record version or attachment does not decrypt or
	// does not match its bound hash (ReadData).
	ProblemData = "data"
)

// A CheckProblem is one thing a check found wrong. It names what is
// affected by ID and store key, never by content or a person's name.
type CheckProblem struct {
	Kind string `json:"kind"`
	// Key is the store key, or the blob's name for ProblemOrphan.
	Key string `json:"key,omitempty"`
	// Record, Attachment, Person and User name what the key belongs to,
	// when it belongs to one.
	Record     string `json:"record,omitempty"`
	Attachment string `json:"attachment,omitempty"`
	Person     string `json:"person,omitempty"`
	User       string `json:"user,omitempty"`
	Message    string `json:"message"`
}

// String describes the problem on one line, naming what it concerns.
func (p CheckProblem) String() string {
	var b strings.Builder
	switch {
	case p.Record != "" && p.Attachment != "":
		fmt.Fprintf(&b, "record %s attachment %s: ", p.Record, p.Attachment)
	case p.Record != "":
		fmt.Fprintf(&b, "record %s: ", p.Record)
	case p.Person != "":
		fmt.Fprintf(&b, "person %s: ", p.Person)
	case p.User != "":
		fmt.Fprintf(&b, "user %s: ", p.User)
	}
	if p.Key != "" {
		fmt.Fprintf(&b, "%s: ", p.Key)
	}
	fmt.Fprintf(&b, "%s: %s", p.Kind, p.Message)
	return b.String()
}

// MaxCheckProblems bounds the problems a report lists; Omitted counts
// those left out.
const MaxCheckProblems = 1000

// A CheckReport is the result of a check: what it checked, and every
// problem it found (none when the vault is whole).
type CheckReport struct {
	ReadData bool           `json:"read_data"`
	Counts   CheckCounts    `json:"counts"`
	Problems []CheckProblem `json:"problems"`
	Omitted  int            `json:"omitted,omitempty"`
}

// OK reports whether the check found nothing wrong.
func (r *CheckReport) OK() bool { return len(r.Problems) == 0 && r.Omitted == 0 }

// NumProblems is the number of problems found, listed or not.
func (r *CheckReport) NumProblems() int { return len(r.Problems) + r.Omitted }

// Add records a problem, or counts it as omitted past MaxCheckProblems.
func (r *CheckReport) Add(p CheckProblem) {
	if len(r.Problems) >= MaxCheckProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, p)
}
