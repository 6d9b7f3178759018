package client_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// vaultAPI is what the CLI needs of a vault, local or remote: a *Client
// must keep the names and signatures of *vault.Vault's methods.
type vaultAPI interface {
	Put(context.Context, []*testimony.Testimony) ([]string, []vault.AliasNote, error)
	Replace(context.Context, string, *testimony.Testimony) (int, []vault.AliasNote, error)
	Get(context.Context, string) (*vault.Record, error)
	GetView(ctx context.Context, id, viewName, domain string) (*view.Record, error)
	List(context.Context) ([]vault.Summary, error)
	ExportRaw(context.Context, string) ([]byte, error)
	Export(context.Context, vault.ExportOptions, func(*view.Record) error) (int, error)
	Persons(context.Context) ([]*vault.Person, error)
	PersonByKey(context.Context, string) (*vault.Person, error)
	MergePersons(ctx context.Context, key, keepKey string) (*vault.Person, error)
	Reidentify(ctx context.Context, p, domain, reason string) (*vault.Person, error)
	RedactCheck(context.Context, string) (*vault.Record, *view.Record, []view.Replacement, []string, error)
	AuditLog(context.Context, vault.AuditFilter, func(*audit.Entry) error) error
	AuditCheckpoint(context.Context) ([]byte, error)
	AuditVerifierKey() (string, error)
	AuditExport(context.Context, io.Writer) error
	AuditVerify(context.Context, []byte) (*audit.Report, error)
	AuditProve(context.Context, int64) ([]byte, error)
	AuditHash(context.Context, string) (string, error)
	Policy(context.Context) (*policy.Policy, error)
	SetPolicy(context.Context, *policy.Policy) error
	AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error)
	Users(context.Context) ([]vault.User, error)
	RevokeUser(context.Context, string) error
	RotateToken(context.Context, string) (string, error)
	Attach(ctx context.Context, recordID string, r io.Reader, kind, note, mediaType string) (*vault.Attachment, error)
	Attachments(ctx context.Context, recordID string) ([]vault.Attachment, error)
	AttachmentGet(ctx context.Context, recordID, attID string, w io.Writer) error
	AttachmentRange(ctx context.Context, recordID, attID string, start, end int64, w io.Writer) error
	AttachmentRaw(ctx context.Context, recordID, attID string, w io.Writer) error
	Close() error
}

var (
	_ vaultAPI = (*vault.Vault)(nil)
	_ vaultAPI = (*client.Client)(nil)
)

func TestFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	good := "tvt_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	for _, c := range []struct {
		vars map[string]string
		ok   bool
	}{
		{map[string]string{"TVAULT_ADDR": "unix:/run/tvaultd.sock", "TVAULT_TOKEN": good}, true},
		{map[string]string{"TVAULT_ADDR": "https://vault.example:8443", "TVAULT_TOKEN": good}, true},
		{map[string]string{"TVAULT_ADDR": "http://vault.example:8443", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "https://vault.example/x", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "unix:", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN": "secret"}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN": good, "TVAULT_TOKEN_FILE": "/x"}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN_FILE": "/nonexistent/token"}, false},
	} {
		c2, err := client.FromEnv(env(c.vars))
		if (err == nil) != c.ok {
			t.Errorf("FromEnv(%v): %v", c.vars, err)
		}
		if c2 != nil {
			c2.Close()
		}
	}
}
