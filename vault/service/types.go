package service

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// Record is one version of a stored testimony, as read back and verified.
//
// Its JSON form is {"id", "version", "created", "testimony"}, the testimony
// being the canonical JSON that was stored and hashed, byte for byte.
type Record struct {
	ID        string
	Version   int       // from 1
	Created   time.Time // when the record's first version was stored
	Testimony *testimony.Testimony
	// Canonical is the canonical JSON that was stored and hashed.
	Canonical []byte
}

type recordJSON struct {
	ID        string          `json:"id"`
	Version   int             `json:"version"`
	Created   time.Time       `json:"created"`
	Testimony json.RawMessage `json:"testimony"`
}

// MarshalJSON encodes r with its canonical testimony as stored, not
// re-encoded: encoding/json would escape "<", ">" and "&" in it, and the
// bytes would no longer be those that were hashed. (json.Marshal of a
// Record still escapes them; the daemon writes these bytes itself.)
func (r *Record) MarshalJSON() ([]byte, error) {
	id, err := json.Marshal(r.ID)
	if err != nil {
		return nil, err
	}
	created, err := r.Created.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(r.Canonical)+len(id)+len(created)+64)
	b = append(append(b, `{"id":`...), id...)
	b = strconv.AppendInt(append(b, `,"version":`...), int64(r.Version), 10)
	b = append(append(b, `,"created":`...), created...)
	b = append(append(b, `,"testimony":`...), r.Canonical...)
	return append(b, '}'), nil
}

// UnmarshalJSON decodes a record and parses its testimony strictly, as
// stored (testimony.ParseStored); Canonical keeps the bytes received.
func (r *Record) UnmarshalJSON(data []byte) error {
	var w recordJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	doc, err := testimony.ParseStored("record "+w.ID, w.Testimony)
	if err != nil {
		return err
	}
	*r = Record{ID: w.ID, Version: w.Version, Created: w.Created, Testimony: doc, Canonical: w.Testimony}
	return nil
}

// Summary describes a record without decrypting it. In a domain other
// than the default, ID is the record's pseudonym, Created the first
// instant of its month (UTC), and Case and Versions are left out.
type Summary struct {
	ID          string    `json:"id"`
	Case        string    `json:"case,omitempty"`
	Created     time.Time `json:"created"`
	Sensitivity string    `json:"sensitivity,omitempty"`
	Versions    int       `json:"versions,omitempty"`
}

// RedactReport is what RedactCheck shows an officer: the record, its
// researcher view, the replacements made in the view's free text (each
// distinct one once, with its count, at most view.MaxListed; Unlisted
// counts those made beyond), the words left that may be names no one
// registered (view.PossibleNames), the phrases left that may locate
// someone by a landmark (view.PossibleLocations), and those that may name
// a role only one person holds (view.PossibleRoles).
type RedactReport struct {
	Record            *Record            `json:"record"`
	View              *view.Record       `json:"view"`
	Replacements      []view.Replacement `json:"replacements"`
	Unlisted          int                `json:"unlisted_replacements,omitempty"`
	PossibleNames     []string           `json:"possible_names"`
	PossibleLocations []string           `json:"possible_locations"`
	PossibleRoles     []string           `json:"possible_roles"`
}

// ListOptions selects what ListRecords describes: the records as Domain
// (the default if empty) refers to them, in List's order, beginning after
// the record After, and at most Limit of them (all if 0). After is the
// last record of an earlier page, as that page named it: its ID, or in a
// domain its pseudonym; a record that is not there to list (erased,
// never stored, or one the actor may not see) is an *InvalidArgumentError.
type ListOptions struct {
	Domain string
	After  string
	Limit  int
}

// ExportOptions selects what Export streams.
type ExportOptions struct {
	View    string
	Purpose string // required; recorded in the audit log
	Domain  string // pseudonymisation domain; the default if empty
}

// DomainGrant lets a researcher work in a pseudonymisation domain.
type DomainGrant struct {
	Domain  string    `json:"domain"`
	User    string    `json:"user"`
	Granted time.Time `json:"granted"`
	By      string    `json:"by"` // the officer or admin who granted it
}

// Person is a registered person, as officers see it.
type Person struct {
	ID         string    `json:"id"`
	Key        string    `json:"key"`
	Name       string    `json:"name"`
	Aliases    []string  `json:"aliases,omitempty"`
	BirthYear  int       `json:"birth_year,omitempty"`
	Gender     string    `json:"gender,omitempty"`
	Contact    string    `json:"contact,omitempty"`
	Residence  string    `json:"residence,omitempty"`
	MergedKeys []string  `json:"merged_keys,omitempty"`
	MergedInto string    `json:"merged_into,omitempty"`
	Created    time.Time `json:"created"`
	// PastNames, PastContacts and PastResidences are names, contacts and
	// residences the person had before an edit, an import or a merge
	// replaced them. Views go on hiding them in the testimonies.
	PastNames      []string `json:"past_names,omitempty"`
	PastContacts   []string `json:"past_contacts,omitempty"`
	PastResidences []string `json:"past_residences,omitempty"`
	// Records are the IDs of every testimony naming the person, as the
	// witness or otherwise, ordered by ID; filled in by PersonByKey only.
	Records []string `json:"records,omitempty"`
	// Pseudonym is the person's default-domain pseudonym. It is derived,
	// never stored: operations fill it in on the persons they return.
	Pseudonym string `json:"pseudonym,omitempty"`
}

// A BatchSource yields the testimonies of a batch put (PutBatch) in
// order: a name for messages (a file name) and the testimony in the
// import format; it returns io.EOF after the last.
type BatchSource func() (name string, data []byte, err error)

// AliasNote reports a person already registered whom a stored testimony
// gave a new name (added as an alias) or changed.
type AliasNote struct {
	Record int    `json:"record"` // index of the testimony in the put
	Key    string `json:"key"`    // the witness key
	// Alias says that the testimony's name for the person was not
	// registered: it was added as an alias.
	Alias bool `json:"alias,omitempty"`
	// Changed names the fields, of birth_year, gender, contact and
	// residence, whose registered value the testimony's replaced; a
	// contact or residence replaced is kept as a past one.
	Changed []string `json:"changed,omitempty"`
}

// Attachment describes an attached file.
type Attachment struct {
	ID        string    `json:"id"`
	Record    string    `json:"record"`
	Kind      string    `json:"kind"`       // audio, video, image or document
	MediaType string    `json:"media_type"` // e.g. video/mp4
	Size      int64     `json:"size"`       // bytes of the original
	SHA256    string    `json:"sha256"`     // of the original, lowercase hex
	Note      string    `json:"note,omitempty"`
	Created   time.Time `json:"created"`
}

// The kinds of attachment.
const (
	KindAudio    = "audio"
	KindVideo    = "video"
	KindImage    = "image"
	KindDocument = "document"
)

// User is a user of a vault served by the daemon.
type User struct {
	Name    string    `json:"name"`
	Role    string    `json:"role"`
	Created time.Time `json:"created"`
	// Issued is when the current token was issued (at creation or by the
	// last rotation).
	Issued time.Time `json:"issued"`
	// Expires is when the token stops working; zero for never.
	Expires time.Time `json:"expires,omitzero"`
	// Revoked is when the user was revoked; zero while active.
	Revoked time.Time `json:"revoked,omitzero"`
}

// AuditFilter selects entries of the audit log; zero fields match all.
// The vault's log and an offline export (tvault audit log --log) are
// filtered alike, by Match.
type AuditFilter struct {
	Actor  string // the entry's actor, exactly
	Action string // the entry's action, exactly ("get", "export")
	Target string // one of the entry's targets, exactly
	// Since and Until bound the entry's time: Since included, Until
	// excluded.
	Since, Until time.Time
	// From is the position (audit.Entry.Seq) of the first entry
	// selected; a log's entries before it are not read at all, so that
	// an auditor reads what was added since they last read, however long
	// the log. Negative is invalid.
	From int64
}

// Match reports whether f selects e.
func (f AuditFilter) Match(e *audit.Entry) bool {
	return (f.Actor == "" || e.Actor == f.Actor) &&
		(f.Action == "" || e.Action == f.Action) &&
		(f.Target == "" || slices.Contains(e.Targets, f.Target)) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since)) &&
		(f.Until.IsZero() || e.Time.Before(f.Until)) &&
		e.Seq >= uint64(max(f.From, 0))
}

// TokenPrefix begins every token a vault issues, so that a leaked one is
// easy to spot in code and logs, and a wrong string is rejected before
// any lookup.
const TokenPrefix = "tvt_"

// Reserved actor names, which no user may take.
const (
	// UnknownActor names the actor of a failed authentication whose token
	// belongs to no user.
	UnknownActor = "unknown"
	// OperatorActor names whoever unseals or seals a daemon's vault with
	// its passphrase.
	OperatorActor = "operator"
)

// EscrowSet is a vault's escrow set.
type EscrowSet struct {
	// Recipients are the escrow recipients (age1pq1...), in the order
	// they were added.
	Recipients []string `json:"recipients"`
	// Pending says that a re-encryption to this set was interrupted: what
	// was stored before it may still be encrypted to the previous set.
	Pending bool `json:"pending"`
}

// EscrowReport counts the work of a re-encryption: to a new escrow set, or
// to a new identity (Rekey).
type EscrowReport struct {
	Recipients []string `json:"recipients"`
	// Records is how many records are done, of RecordsTotal.
	Records      int `json:"records"`
	RecordsTotal int `json:"records_total"`
	// Versions and Attachments are how many were re-encrypted, and Bytes
	// the attachments' plaintext bytes.
	Versions    int   `json:"versions"`
	Attachments int   `json:"attachments"`
	Bytes       int64 `json:"bytes"`
}

// Migration is a change of the vault's storage format (ApplyMigration),
// and where the vault is with it.
type Migration struct {
	Name        string `json:"name"`
	Description string `json:"description"` // one line
	// State is MigrationPending, MigrationUnfinished or MigrationDone.
	State string `json:"state"`
}

// The states of a migration in a vault: not begun (the vault is in the
// format before it, which older versions read), begun and cut off (apply
// it again to finish it), done.
const (
	MigrationPending    = "pending"
	MigrationUnfinished = "unfinished"
	MigrationDone       = "done"
)

// MigrationReport counts a migration's steps: Done of Total (for
// audit-hash-blocks, blocks of 4,096 of the log's hashes; for
// audit-entry-blocks, blocks of 256 of its entries).
type MigrationReport struct {
	Name  string `json:"name"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ConsentScopes are the scopes of consent a witness can withdraw.
var ConsentScopes = []string{policy.ConsentResearch, policy.ConsentPublication, policy.ConsentLegal}

// PersonConsent is a witness's consent across their testimonies.
type PersonConsent struct {
	Person string `json:"person"` // person ID
	// Withdrawn are the scopes withdrawn now, in ConsentScopes order.
	Withdrawn []string `json:"withdrawn"`
	// Changes are every withdrawal and grant, oldest first.
	Changes []ConsentChange `json:"changes"`
	// Records are the testimonies the person is the witness of, by ID.
	Records []string `json:"records"`
	// Exports (WithdrawConsent only) are the earlier exports that
	// included any of Records, oldest first, so that officers can ask
	// their recipients to recall them.
	Exports []PriorExport `json:"exports,omitempty"`
	// UnlistedExports counts the earlier exports whose audit entries
	// name no records (made before exports recorded them): whether they
	// included the person's testimonies cannot be told.
	UnlistedExports int `json:"unlisted_exports,omitempty"`
}

// ConsentChange is one withdrawal or grant of a scope.
type ConsentChange struct {
	Scope   string    `json:"scope"`
	Granted bool      `json:"granted"` // false: withdrawn
	Actor   string    `json:"actor"`
	Role    string    `json:"role"`
	Time    time.Time `json:"time"`
	Reason  string    `json:"reason"` // as the audit log records it
}

// PriorExport is an export, from the audit log, that included some of a
// person's testimonies.
type PriorExport struct {
	Seq     uint64    `json:"seq"` // its entry (the last, for an export recorded in parts)
	Time    time.Time `json:"time"`
	Actor   string    `json:"actor"`
	Role    string    `json:"role"`
	Purpose string    `json:"purpose"`
	View    string    `json:"view"`
	Domain  string    `json:"domain"`
	Records []string  `json:"records"` // the person's testimonies it included
}

// Version is one version of a record, as History lists it: who stored it
// and when, from the audit log, and the size in bytes of its age file.
type Version struct {
	Version int       `json:"version"`
	Time    time.Time `json:"time"`
	Actor   string    `json:"actor"`
	Size    int       `json:"size"`             // 0 for an erased version
	Erased  bool      `json:"erased,omitempty"` // by Erase with a version
}

// EraseOptions says what Erase removes: the whole record, or one of its
// versions (Version, from 1), or one of its attachments (Attachment, its
// ID), never both. Reason is required.
type EraseOptions struct {
	Version    int    `json:"version,omitempty"`
	Attachment string `json:"attachment,omitempty"`
	Reason     string `json:"reason"`
}

// Erasure is what an Erase removed.
type Erasure struct {
	ID         string `json:"id"`
	Version    int    `json:"version,omitempty"`
	Attachment string `json:"attachment,omitempty"`
	// Versions and Attachments count the record versions and attachments
	// removed; Persons the persons no other record named, removed with
	// the record.
	Versions    int `json:"versions"`
	Attachments int `json:"attachments"`
	Persons     int `json:"persons"`
}

// RetentionItem is a record that a retention rule matches: when it is
// due for erasure, and under which rule (its text is the erasure's
// reason in the audit log).
type RetentionItem struct {
	ID          string    `json:"id"`
	Case        string    `json:"case"`
	Sensitivity string    `json:"sensitivity,omitempty"`
	Rule        string    `json:"rule"`
	Due         time.Time `json:"due"`
}

// SearchQuery selects the records Search returns: those that match every
// criterion given; at least one must be. Text values are compared
// normalised (package vault/search: NFKC, case-folded), never in clear on
// disk or in the audit log.
type SearchQuery struct {
	// Case is a case number, matched whole.
	Case string `json:"case,omitempty"`
	// Tag is one tag of the testimony, matched whole.
	Tag string `json:"tag,omitempty"`
	// Person is the witness key of a person the testimony names, as
	// witness or other person, following merges.
	Person string `json:"person,omitempty"`
	// Sensitivity is "low", "medium" or "high".
	Sensitivity string `json:"sensitivity,omitempty"`
	// From and To bound the interview date, YYYY-MM-DD, both inclusive;
	// a testimony without an interview date matches neither.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Text holds words that must all occur in the narrative or title; a
	// Hangul word also matches the words it begins ("평양" finds
	// "평양에서").
	Text string `json:"text,omitempty"`
}
