// Package service is tvault's service contract: the operations a vault
// offers its users, the types they take and return, and the errors they
// fail with. It is the one interface that every transport shares: the
// engine (*vault.Vault) implements it over a store, package client
// implements it over tvaultd's HTTP API, and the CLI and the daemon's
// handlers are written against it, so every command behaves alike in
// local and remote mode.
//
// The package is a leaf: it does no I/O and depends on no storage engine,
// so a program that only talks to a daemon links no database.
//
// # Auditing
//
// Every operation of a Service is performed by the Actor in its context
// (WithActor; the client's actor is the token's user) and is recorded in
// the vault's audit log, allowed, denied or failed, before any data is
// returned. An operation whose entry cannot be written fails and returns
// no data.
//
// # Errors
//
// Callers branch with errors.Is on the sentinels below and errors.As on
// the typed errors; both hold across the wire (package internal/api maps
// each to one code and HTTP status, docs/API.md). Input that an operation
// cannot accept is an *InvalidArgumentError naming the argument, and
// matches ErrInvalidArgument.
//
// # Domains and researchers
//
// Views are rendered in a pseudonymisation domain. In the default domain
// (the empty name) a view refers to a record by its ID, case number and
// time, as officers know it. In any other domain it refers to it only by
// that domain's references: the record's pseudonym ("R-" and 26
// characters) for its ID, no case number, the month for its time, and its
// persons' pseudonyms of that domain, so that outputs of two domains
// share no reference to join on. GetView takes a record's ID or its
// pseudonym in the domain given.
//
// Researchers work only in domains granted to them (DomainGrants), never
// in the default one, and address records only by pseudonym. Whatever the
// policy says, a testimony without research consent (its own, and not
// withdrawn by its witness: Consents) reaches a researcher in no view, and
// asking for one gets the very answer of a missing record (ErrNotFound,
// same message), while the audit log records the truth.
package service

import (
	"context"
	"io"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// Service is everything a vault offers, whatever the transport.
type Service interface {
	Records
	People
	Attachments
	AuditLog
	Admin
	DomainGrants
	Escrow
	Consents
	Retention
	// Close releases the vault or the connection to it.
	Close() error
}

// Records stores and reads testimonies and their views.
type Records interface {
	// Put stores each testimony as a new record, all or none, and returns
	// the new record IDs in order, with a note for each known witness key
	// that came with a new name.
	Put(ctx context.Context, docs []*testimony.Testimony) ([]string, []AliasNote, error)
	// PutBatch stores every testimony that next yields as Put does, all
	// or none, whatever their number: it holds a few hundred at a time,
	// and stops at the first that cannot be stored, before committing
	// any. A note's Record is the testimony's index in the batch.
	PutBatch(ctx context.Context, next BatchSource) ([]string, []AliasNote, error)
	// Replace stores doc as a new version of record id and returns the
	// version's number (from 1). Earlier versions are kept.
	Replace(ctx context.Context, id string, doc *testimony.Testimony) (int, []AliasNote, error)
	// Get returns the latest version of record id, verified.
	Get(ctx context.Context, id string) (*Record, error)
	// GetVersion returns version n (from 1) of record id, verified; a
	// version the record does not have is an *InvalidArgumentError.
	GetVersion(ctx context.Context, id string, n int) (*Record, error)
	// History returns every version of record id, oldest first.
	History(ctx context.Context, id string) ([]Version, error)
	// GetView returns the named view of a record in domain (the default
	// domain if empty); ref is the record's ID, or its pseudonym in that
	// domain (a researcher's only way).
	GetView(ctx context.Context, ref, viewName, domain string) (*view.Record, error)
	// List describes every record the actor's role may see, oldest first,
	// with the references of domain (the default if empty).
	List(ctx context.Context, domain string) ([]Summary, error)
	// ListRecords calls fn with the summaries List would return, as o
	// selects them, one at a time, in memory that does not grow with the
	// vault.
	ListRecords(ctx context.Context, o ListOptions, fn func(Summary) error) error
	// Search describes the records that match every criterion of q,
	// oldest first, as List does in the default domain.
	Search(ctx context.Context, q SearchQuery) ([]Summary, error)
	// ExportRaw returns the age ciphertext of the latest version of
	// record id, for escrow holders.
	ExportRaw(ctx context.Context, id string) ([]byte, error)
	// Export calls fn with the view of every testimony that view's
	// consent allows, oldest first, and returns how many it passed.
	Export(ctx context.Context, o ExportOptions, fn func(*view.Record) error) (int, error)
	// RedactCheck shows what the researcher view makes of record id.
	RedactCheck(ctx context.Context, id string) (*RedactReport, error)
	// Erase removes record id for good, or with o.Version one version of
	// it, or with o.Attachment one attachment, for o.Reason, which the
	// audit log records (with who and when, never the content). Erasing a
	// record also erases the persons no other record names. When Erase
	// returns, nothing of what it removed is left in the vault's storage
	// (as far as the backend allows: see Erase in package vault).
	// Reading an erased record or version afterwards fails with an
	// *ErasedError for an actor who may erase, ErrNotFound for others.
	Erase(ctx context.Context, id string, o EraseOptions) (*Erasure, error)
}

// People reads and maintains the person registry.
type People interface {
	// Persons returns every registered person, ordered by key.
	Persons(ctx context.Context) ([]*Person, error)
	// PersonByKey returns the person registered under a witness key.
	PersonByKey(ctx context.Context, witnessKey string) (*Person, error)
	// MergePersons merges the person of key into the person of keepKey
	// and returns the person kept.
	MergePersons(ctx context.Context, key, keepKey string) (*Person, error)
	// EditPerson replaces the name, aliases, birth year, gender, contact
	// and residence of the person registered under witnessKey with f's,
	// checked as an import's person is, and returns the person. f.Key is
	// empty or witnessKey, f.Relation empty. What it removes of names,
	// contacts and residences is kept as past ones, which views go on
	// hiding.
	EditPerson(ctx context.Context, witnessKey string, f *testimony.Person) (*Person, error)
	// Reidentify returns the person behind pseudonym p of domain, for a
	// reason that the audit log records.
	Reidentify(ctx context.Context, p, domain, reason string) (*Person, error)
}

// Consents withdraws and grants again a witness's consent for all their
// testimonies, past and future, one scope (ConsentScopes) at a time. A
// testimony appears in a view only with the consent the view requires in
// the testimony itself and not withdrawn by its witness: a withdrawal
// wins, takes effect at once, and a grant restores only what the
// testimonies carry. The reason of a change is audited and kept with it.
type Consents interface {
	// WithdrawConsent withdraws scope for the witness registered under
	// witnessKey and returns their consent, with the earlier exports that
	// included their testimonies.
	WithdrawConsent(ctx context.Context, witnessKey, scope, reason string) (*PersonConsent, error)
	// GrantConsent ends a withdrawal of scope and returns the consent.
	GrantConsent(ctx context.Context, witnessKey, scope, reason string) (*PersonConsent, error)
	// PersonConsent returns the consent of the witness registered under
	// witnessKey: the scopes withdrawn and every change.
	PersonConsent(ctx context.Context, witnessKey string) (*PersonConsent, error)
}

// Retention erases what the retention rules of the policy in force say
// is due (policy.RetentionRule). Nothing is erased by a rule alone: only
// RetentionApply erases, each record in an erase of its own in the audit
// log, with its rule as the reason.
type Retention interface {
	// RetentionPlan lists every record a rule matches, with when it is
	// due, soonest first.
	RetentionPlan(ctx context.Context) ([]RetentionItem, error)
	// RetentionApply erases every record due now (Erase), and returns
	// them.
	RetentionApply(ctx context.Context) ([]RetentionItem, error)
}

// Attachments stores and reads files attached to records.
type Attachments interface {
	// Attach streams the file read from r into an attachment of record
	// recordID. kind and mediaType are detected when empty.
	Attach(ctx context.Context, recordID string, r io.Reader, kind, note, mediaType string) (*Attachment, error)
	// Attachments lists the attachments of record recordID, oldest first.
	Attachments(ctx context.Context, recordID string) ([]Attachment, error)
	// AttachmentGet writes the whole original file to w, checking its
	// size and SHA-256 at the end.
	AttachmentGet(ctx context.Context, recordID, attID string, w io.Writer) error
	// AttachmentRange writes bytes [start, end) of the original to w.
	AttachmentRange(ctx context.Context, recordID, attID string, start, end int64, w io.Writer) error
	// AttachmentRaw writes the attachment's age ciphertext to w.
	AttachmentRaw(ctx context.Context, recordID, attID string, w io.Writer) error
}

// AuditLog reads, proves and verifies the vault's access log.
type AuditLog interface {
	// AuditLog calls fn for every entry that f selects, in order.
	AuditLog(ctx context.Context, f AuditFilter, fn func(*audit.Entry) error) error
	// AuditCheckpoint signs and returns a checkpoint of the log (a C2SP
	// tlog-checkpoint signed note).
	AuditCheckpoint(ctx context.Context) ([]byte, error)
	// AuditVerifierKey returns the signed-note verifier key of the log.
	AuditVerifierKey(ctx context.Context) (string, error)
	// AuditExport writes the log in the export format (package audit).
	AuditExport(ctx context.Context, w io.Writer) error
	// AuditVerify verifies the stored log, and that it extends the
	// checkpoint old when old is not empty.
	AuditVerify(ctx context.Context, old []byte) (*audit.Report, error)
	// AuditProve returns an inclusion proof of entry seq.
	AuditProve(ctx context.Context, seq int64) ([]byte, error)
	// AuditHash returns the keyed MAC under which value would appear in
	// the log.
	AuditHash(ctx context.Context, value string) (string, error)
	// Check verifies that the vault is whole: the database's checksums,
	// the log against its latest signed checkpoint, that the store holds
	// exactly the state the log commits to, and every attachment file;
	// with ReadData, it also decrypts every record version and attachment
	// and checks their bound hashes. What it finds is in the report; an
	// error means the check could not run.
	Check(ctx context.Context, opts CheckOptions) (*CheckReport, error)
	// Backup writes a backup of the whole vault to w, in the format of
	// package vault (VerifyBackup and Restore read it): every stored value
	// still sealed, the blobs, the sealed keyring and the signed
	// checkpoint it ends at. It reads one snapshot, while the vault serves.
	Backup(ctx context.Context, w io.Writer) error
}

// DomainGrants says which researcher may work in which domain.
type DomainGrants interface {
	// GrantDomain lets researcher user read and export in domain.
	// Granting it again changes nothing.
	GrantDomain(ctx context.Context, domain, user string) error
	// RevokeDomain withdraws a grant, at once.
	RevokeDomain(ctx context.Context, domain, user string) error
	// Domains lists the grants of user, or all of them if user is empty,
	// ordered by user and domain. A researcher lists only their own.
	Domains(ctx context.Context, user string) ([]DomainGrant, error)
}

// Escrow changes who else than the vault can decrypt what it stores: the
// escrow recipients (post-quantum age recipients, age1pq1...), to which
// every record version and attachment is encrypted besides the vault's
// own recipient.
//
// EscrowAdd and EscrowRemove record the new set first, in one write with
// their entry, so that everything stored from then on is encrypted to it;
// then they re-encrypt every record version and attachment stored before,
// one at a time, with fresh age file keys (never the old ones re-wrapped:
// a removed recipient cannot decrypt what is stored afterwards). Each
// switch is atomic; progress, if not nil, is called after each step with
// the counts so far. An interrupted re-encryption (a crash, a canceled
// request) leaves every record readable and the set recorded; Escrow
// reports it Pending, and EscrowAdd or EscrowRemove called again with the
// same recipient finishes it.
type Escrow interface {
	// Escrow returns the escrow set and whether a re-encryption is
	// unfinished.
	Escrow(ctx context.Context) (*EscrowSet, error)
	// EscrowAdd adds recipient to the set, then re-encrypts.
	EscrowAdd(ctx context.Context, recipient string, progress func(EscrowReport)) (*EscrowReport, error)
	// EscrowRemove removes recipient from the set, then re-encrypts.
	EscrowRemove(ctx context.Context, recipient string, progress func(EscrowReport)) (*EscrowReport, error)
	// Rekey moves the vault to new keys: a new post-quantum identity, root
	// secret and audit key. Every record version and attachment is
	// re-encrypted with fresh file keys to the new identity and the escrow
	// set, as by EscrowAdd, every value of the store is sealed again and
	// the log hands over to the new audit key in an entry that the old key
	// signs. Pseudonyms do not change (vault/rekey.go). An interrupted
	// rekey is finished by Rekey called again, or at the vault's next open.
	Rekey(ctx context.Context, progress func(EscrowReport)) (*EscrowReport, error)
}

// Admin manages the policy and the daemon's users.
type Admin interface {
	// Policy returns the policy in force.
	Policy(ctx context.Context) (*policy.Policy, error)
	// SetPolicy replaces the policy in force.
	SetPolicy(ctx context.Context, p *policy.Policy) error
	// AddUser creates a user with a role and returns its token, which is
	// shown once. expires is the token's lifetime; zero for none.
	AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error)
	// Users lists the users, revoked ones included.
	Users(ctx context.Context) ([]User, error)
	// RevokeUser revokes a user's token for good.
	RevokeUser(ctx context.Context, name string) error
	// RotateToken issues a user a new token, revoking the old one.
	RotateToken(ctx context.Context, name string) (string, error)
	// Migrations lists the storage migrations this version knows, each
	// with its state in the vault.
	Migrations(ctx context.Context) ([]Migration, error)
	// ApplyMigration applies the storage migration name, or finishes it
	// if it was cut off: it records the migration's storage feature in
	// the vault, so that a tvault that does not know the feature refuses
	// the vault by name, then converts what is stored, in steps of one
	// transaction each; progress, if not nil, is called after each. It is
	// one way: no version before the feature's reads the vault after it.
	// An interrupted migration leaves the vault readable, and
	// ApplyMigration called again goes on where it stopped. Applying a
	// migration that is done changes nothing. A name this version does
	// not know is an *InvalidArgumentError.
	ApplyMigration(ctx context.Context, name string, progress func(MigrationReport)) (*MigrationReport, error)
}
