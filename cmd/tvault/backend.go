package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// backend is what the commands need of a vault. A local *vault.Vault
// implements it, and so does the daemon's client, which is how every
// command gives the same output in local and remote mode.
type backend interface {
	Put(ctx context.Context, docs []*testimony.Testimony) ([]string, []vault.AliasNote, error)
	Replace(ctx context.Context, id string, doc *testimony.Testimony) (int, []vault.AliasNote, error)
	Get(ctx context.Context, id string) (*vault.Record, error)
	GetView(ctx context.Context, id, viewName, domain string) (*view.Record, error)
	List(ctx context.Context) ([]vault.Summary, error)
	ExportRaw(ctx context.Context, id string) ([]byte, error)
	Export(ctx context.Context, o vault.ExportOptions, fn func(*view.Record) error) (int, error)
	Persons(ctx context.Context) ([]*vault.Person, error)
	PersonByKey(ctx context.Context, witnessKey string) (*vault.Person, error)
	MergePersons(ctx context.Context, key, keepKey string) (*vault.Person, error)
	Reidentify(ctx context.Context, p, domain, reason string) (*vault.Person, error)
	RedactCheck(ctx context.Context, id string) (*vault.Record, *view.Record, []view.Replacement, []string, error)
	AuditLog(ctx context.Context, f vault.AuditFilter, fn func(*audit.Entry) error) error
	AuditCheckpoint(ctx context.Context) ([]byte, error)
	AuditVerifierKey() (string, error)
	AuditExport(ctx context.Context, w io.Writer) error
	AuditVerify(ctx context.Context, old []byte) (*audit.Report, error)
	AuditProve(ctx context.Context, seq int64) ([]byte, error)
	AuditHash(ctx context.Context, value string) (string, error)
	Policy(ctx context.Context) (*policy.Policy, error)
	SetPolicy(ctx context.Context, p *policy.Policy) error
	AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error)
	Users(ctx context.Context) ([]vault.User, error)
	RevokeUser(ctx context.Context, name string) error
	RotateToken(ctx context.Context, name string) (string, error)
	Attach(ctx context.Context, recordID string, r io.Reader, kind, note, mediaType string) (*vault.Attachment, error)
	Attachments(ctx context.Context, recordID string) ([]vault.Attachment, error)
	AttachmentGet(ctx context.Context, recordID, attID string, w io.Writer) error
	AttachmentRange(ctx context.Context, recordID, attID string, start, end int64, w io.Writer) error
	AttachmentRaw(ctx context.Context, recordID, attID string, w io.Writer) error
	Close() error
}

var (
	_ backend = (*vault.Vault)(nil)
	_ backend = (*client.Client)(nil)
)

// remote reports whether the CLI talks to a daemon (TVAULT_ADDR is set).
func remote() bool { return os.Getenv("TVAULT_ADDR") != "" }

// connect opens the configured vault for a command: the daemon at
// TVAULT_ADDR with the token of TVAULT_TOKEN or TVAULT_TOKEN_FILE, or else
// the local vault directory, unsealed with the passphrase.
func (g *globals) connect() (backend, error) {
	if remote() {
		if g.vaultDir != "" {
			return nil, &usageError{msg: "--vault and TVAULT_ADDR both given", hint: "unset TVAULT_ADDR to open a vault directory, or drop --vault to use the daemon"}
		}
		c, err := client.FromEnv(os.Getenv)
		if err != nil {
			return nil, fmt.Errorf("failed to connect to tvaultd: %w", err)
		}
		return c, nil
	}
	return g.open()
}
