package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
	"github.com/tvault/tvault/vault/view"
)

// faultStore is a store whose reads and writes of chosen keys fail, for
// the failure paths of operations.
type faultStore struct {
	store.Store
	failRead, failWrite func(key string) bool
}

var errInjected = errors.New("injected store failure")

type faultTx struct {
	store.Tx
	s *faultStore
}

type faultReadTx struct {
	store.ReadTx
	s *faultStore
}

func (s *faultStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.Update(ctx, func(tx store.Tx) error { return fn(faultTx{tx, s}) })
}

func (s *faultStore) View(ctx context.Context, fn func(store.ReadTx) error) error {
	return s.Store.View(ctx, func(tx store.ReadTx) error { return fn(faultReadTx{tx, s}) })
}

func (s *faultStore) reading(key []byte) error {
	if s.failRead != nil && s.failRead(string(key)) {
		return fmt.Errorf("reading %s: %w", key, errInjected)
	}
	return nil
}

func (t faultTx) Get(key []byte) ([]byte, error) {
	if err := t.s.reading(key); err != nil {
		return nil, err
	}
	return t.Tx.Get(key)
}

func (t faultTx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	if err := t.s.reading(prefix); err != nil {
		return err
	}
	return t.Tx.Scan(prefix, fn)
}

func (t faultTx) Set(key, value []byte) error {
	if t.s.failWrite != nil && t.s.failWrite(string(key)) {
		return fmt.Errorf("writing %s: %w", key, errInjected)
	}
	return t.Tx.Set(key, value)
}

func (t faultReadTx) Get(key []byte) ([]byte, error) {
	if err := t.s.reading(key); err != nil {
		return nil, err
	}
	return t.ReadTx.Get(key)
}

func (t faultReadTx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	if err := t.s.reading(prefix); err != nil {
		return err
	}
	return t.ReadTx.Scan(prefix, fn)
}

func notAudit(key string) bool { return !strings.HasPrefix(key, "audit/") }

// contractCall is one method of service.Service as the test calls it: as
// an actor of role, writing any stream to w, returning what the method
// returns besides its error.
type contractCall struct {
	action string // the audit action it records
	role   string // a role the built-in policy allows it to
	call   func(ctx context.Context, w io.Writer) (any, error)
	// failRead and failWrite make it fail inside the vault (default: every
	// key outside the audit log); cannotFail says why nothing can.
	failRead, failWrite func(key string) bool
	failCall            func(ctx context.Context, w io.Writer) (any, error)
	cannotFail          string
}

// TestEveryOperationIsRecorded enumerates every method of the service
// contract and shows that each one, run by the engine, leaves an entry in
// the audit log when it is allowed, when the policy denies it and when it
// fails inside the vault; and that when the log cannot be written, each
// fails and returns no data (fail-closed).
func TestEveryOperationIsRecorded(t *testing.T) {
	t.Parallel()
	inner := memstore.New()
	fs := &faultStore{Store: inner}
	v, dir := newEngineOn(t, fs, Options{})
	// Backup copies the keyring file of a vault directory as it is.
	v.home = dir
	if err := os.WriteFile(filepath.Join(dir, keyringFile), []byte("a sealed keyring\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Rekey writes the keyring there too.
	v.replaceKeyring = keyringReplacer(dir)
	v.seal = v.keyringSealer(testPass)

	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	att, err := v.Attach(ctx, ids[0], strings.NewReader("a recording"), "", "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"kim", "lee", "contract-researcher"} {
		if _, err := v.AddUser(ctx, name, policy.Researcher, 0); err != nil {
			t.Fatal(err)
		}
	}
	// The researcher works in domain study, where record id is known by
	// its pseudonym; lee has a grant to revoke.
	for _, g := range [][2]string{{"study", "contract-researcher"}, {"gone", "lee"}} {
		if err := v.GrantDomain(ctx, g[0], g[1]); err != nil {
			t.Fatal(err)
		}
	}
	witness, err := v.PersonByKey(ctx, docs[0].Witness.Key)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := v.AuditCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	escrowAdded, escrowRemoved := escrowIdentity(t).Recipient().String(), escrowIdentity(t).Recipient().String()
	if _, err := v.EscrowAdd(ctx, escrowRemoved, nil); err != nil {
		t.Fatal(err)
	}
	id, doc := ids[0], docs[0]
	// The record Erase erases: of the same witness, so that no person
	// goes with it.
	spare, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	none := func(key string) bool { return false }
	entryKeys := func(key string) bool { return strings.HasPrefix(key, "audit/e/") }
	failingWriter := func(w io.Writer) io.Writer { return &brokenWriter{w} }
	calls := map[string]contractCall{
		"Put": {action: "put", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			ids, _, err := v.Put(c, docs[:1])
			return ids, err
		}},
		"PutBatch": {action: "put", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			ids, _, err := v.PutBatch(c, batchOf(docs[:1], nil, nil))
			return ids, err
		}},
		"Replace": {action: "put.replace", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			n, _, err := v.Replace(c, id, doc)
			return n, err
		}},
		"Get": {action: "get", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Get(c, id)
		}},
		"GetVersion": {action: "get", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.GetVersion(c, id, 1)
		}},
		"History": {action: "history", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.History(c, id)
		}},
		"Search": {action: "search", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Search(c, service.SearchQuery{Person: doc.Witness.Key})
		}},
		"Erase": {action: "erase", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Erase(c, spare[0], service.EraseOptions{Reason: "contract test"})
		}},
		"RetentionPlan": {action: "retention.plan", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.RetentionPlan(c)
		}},
		"RetentionApply": {action: "retention.apply", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.RetentionApply(c)
		}},
		"GetView": {action: "get", role: policy.Researcher, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.GetView(c, v.refs("study").of(id), policy.ViewResearcher, "study")
		}},
		"List": {action: "list", role: policy.Researcher, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.List(c, "study")
		}},
		"ListRecords": {action: "list", role: policy.Researcher, call: func(c context.Context, _ io.Writer) (any, error) {
			var n int
			err := v.ListRecords(c, service.ListOptions{Domain: "study", Limit: 1}, func(service.Summary) error {
				n++
				return nil
			})
			return n, err
		}},
		"ExportRaw": {action: "export-raw", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.ExportRaw(c, id)
		}},
		"Export": {action: "export", role: policy.Researcher, call: func(c context.Context, w io.Writer) (any, error) {
			return v.Export(c, service.ExportOptions{View: policy.ViewResearcher, Purpose: "contract test", Domain: "study"},
				func(r *view.Record) error { _, err := fmt.Fprintln(w, r.ID); return err })
		}},
		"RedactCheck": {action: "redact.check", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.RedactCheck(c, id)
		}},
		"Persons": {action: "person.list", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Persons(c)
		}},
		"PersonByKey": {action: "person.show", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.PersonByKey(c, doc.Witness.Key)
		}},
		"MergePersons": {action: "person.merge", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.MergePersons(c, docs[2].Witness.Key, doc.Witness.Key)
		}},
		"EditPerson": {action: "person.edit", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			f := doc.Witness
			f.Relation, f.Contact = "", "+82 10-0000-0000"
			return v.EditPerson(c, doc.Witness.Key, &f)
		}},
		"Reidentify": {action: "reidentify", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Reidentify(c, witness.Pseudonym, "", "contract test")
		}},
		"WithdrawConsent": {action: "consent.withdraw", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.WithdrawConsent(c, doc.Witness.Key, policy.ConsentResearch, "contract test")
		}},
		"GrantConsent": {action: "consent.grant", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.GrantConsent(c, doc.Witness.Key, policy.ConsentResearch, "contract test")
		}},
		"PersonConsent": {action: "consent.show", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.PersonConsent(c, doc.Witness.Key)
		}},
		"Attach": {action: "attach", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Attach(c, id, strings.NewReader("another"), "", "", "text/plain")
		}},
		"Attachments": {action: "attachment.list", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Attachments(c, id)
		}},
		"AttachmentGet": {action: "attachment.get", role: policy.Officer, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AttachmentGet(c, id, att.ID, w)
		}},
		"AttachmentRange": {action: "attachment.get", role: policy.Officer, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AttachmentRange(c, id, att.ID, 2, 5, w)
		}},
		"AttachmentRaw": {action: "attachment.raw", role: policy.Officer, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AttachmentRaw(c, id, att.ID, w)
		}},
		"AuditLog": {action: "audit.log", role: policy.Auditor, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AuditLog(c, service.AuditFilter{}, func(e *audit.Entry) error { _, err := fmt.Fprintln(w, e.Seq); return err })
		}, failRead: entryKeys, failWrite: none},
		"AuditCheckpoint": {action: "audit.checkpoint", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditCheckpoint(c)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			// Every write signs the checkpoint: failing to read it would
			// stop the log itself. A request canceled before it commits
			// fails inside the vault.
			c, cancel := context.WithCancel(c)
			cancel()
			return v.AuditCheckpoint(c)
		}},
		"AuditVerifierKey": {action: "audit.key", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditVerifierKey(c)
		}, cannotFail: "derived from the keyring in memory"},
		"AuditExport": {action: "audit.export", role: policy.Auditor, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AuditExport(c, w)
		}, failCall: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.AuditExport(c, failingWriter(w))
		}},
		"AuditVerify": {action: "audit.verify", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditVerify(c, cp)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditVerify(c, []byte("not a checkpoint\n"))
		}},
		"AuditProve": {action: "audit.prove", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditProve(c, 1)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditProve(c, 1<<40)
		}},
		"Backup": {action: "backup", role: policy.Admin, call: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.Backup(c, w)
		}, failCall: func(c context.Context, w io.Writer) (any, error) {
			return nil, v.Backup(c, failingWriter(w))
		}},
		"Check": {action: "check", role: policy.Auditor, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Check(c, service.CheckOptions{ReadData: true})
		}},
		"AuditHash": {action: "audit.hash", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AuditHash(c, "Park Minji")
		}, cannotFail: "a MAC computed in memory"},
		"Policy": {action: "policy.show", role: policy.Researcher, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Policy(c)
		}, cannotFail: "the policy in force is held in memory"},
		"SetPolicy": {action: "policy.set", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return nil, v.SetPolicy(c, policy.Default())
		}},
		"AddUser": {action: "user.add", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.AddUser(c, "park", policy.Auditor, 0)
		}},
		"Users": {action: "user.list", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Users(c)
		}},
		"RevokeUser": {action: "user.revoke", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return nil, v.RevokeUser(c, "kim")
		}},
		"RotateToken": {action: "token.rotate", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.RotateToken(c, "lee")
		}},
		"GrantDomain": {action: "domain.grant", role: policy.Officer, call: func(c context.Context, _ io.Writer) (any, error) {
			return nil, v.GrantDomain(c, "other", "lee")
		}},
		"RevokeDomain": {action: "domain.revoke", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return nil, v.RevokeDomain(c, "gone", "lee")
		}},
		"Domains": {action: "domain.list", role: policy.Researcher, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Domains(c, "")
		}},
		"Escrow": {action: "escrow.list", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Escrow(c)
		}},
		"EscrowAdd": {action: "escrow.add", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.EscrowAdd(c, escrowAdded, nil)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			return v.EscrowAdd(c, "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", nil)
		}},
		"EscrowRemove": {action: "escrow.remove", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.EscrowRemove(c, escrowRemoved, nil)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			return v.EscrowRemove(c, escrowRemoved, nil) // removed already
		}},
		"Rekey": {action: "rekey", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Rekey(c, nil)
		}},
		"Migrations": {action: "format.list", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.Migrations(c)
		}},
		"ApplyMigration": {action: "format.migrate", role: policy.Admin, call: func(c context.Context, _ io.Writer) (any, error) {
			return v.ApplyMigration(c, "audit-hash-blocks", nil)
		}, failCall: func(c context.Context, _ io.Writer) (any, error) {
			return v.ApplyMigration(c, "no-such-migration", nil)
		}},
	}

	contract := reflect.TypeFor[service.Service]()
	var methods []string
	for i := range contract.NumMethod() {
		if name := contract.Method(i).Name; name != "Close" {
			methods = append(methods, name)
		}
	}
	for name := range calls {
		if !slices.Contains(methods, name) {
			t.Errorf("%s is not a method of service.Service", name)
		}
	}
	// The log is read from the inner store, past the faults, through the
	// vault's own seal, under the keys in force (Rekey changes them).
	sealed := func() store.Store {
		key, older := valuesKeys(v.secrets())
		s, err := sealedstore.New(inner, key, older...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	size := func() int64 {
		var n int64
		if err := sealed().View(context.Background(), func(tx store.ReadTx) (err error) {
			n, err = audit.Size(tx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	entriesSince := func(from int64) []*audit.Entry {
		var out []*audit.Entry
		sealed().View(context.Background(), func(tx store.ReadTx) error {
			n, err := audit.Size(tx)
			if err != nil {
				return err
			}
			return audit.ReadEntries(tx, from, n, func(e *audit.Entry, _ []byte) error {
				out = append(out, e)
				return nil
			})
		})
		return out
	}
	actor := func(role string) context.Context {
		return service.WithActor(context.Background(), service.Actor{Name: "contract-" + role, Role: role, Transport: "unix"})
	}
	// expect runs one call and checks the entries it left: one for its
	// action with the outcome wanted.
	expect := func(name, phase string, c contractCall, role string, call func(context.Context, io.Writer) (any, error), want audit.Outcome) {
		t.Helper()
		before := size()
		var out bytes.Buffer
		_, err := call(actor(role), &out)
		if (want == audit.OutcomeOK) != (err == nil) {
			t.Errorf("%s %s: err = %v", name, phase, err)
		}
		// Exactly one: a stream that fails after its access was recorded
		// adds its failure as a second entry, with the other outcome.
		found := 0
		for _, e := range entriesSince(before) {
			if e.Action == c.action && e.Actor == "contract-"+role && e.Outcome == want {
				found++
			}
		}
		if found != 1 {
			t.Errorf("%s %s: %d %s entries for %s with outcome %s, want 1", name, phase, found, c.action, role, want)
		}
	}

	for _, name := range methods {
		c, ok := calls[name]
		if !ok {
			t.Errorf("service.Service.%s is not tested: add it to the table", name)
			continue
		}
		expect(name, "allowed", c, c.role, c.call, audit.OutcomeOK)
		// A role the policy does not know is denied everything.
		expect(name, "denied", c, "nobody", c.call, audit.OutcomeDenied)
		switch {
		case c.cannotFail != "":
			t.Logf("%s cannot fail inside the vault: %s", name, c.cannotFail)
		case c.failCall != nil:
			expect(name, "failing", c, c.role, c.failCall, audit.OutcomeError)
		default:
			fs.failRead, fs.failWrite = notAudit, notAudit
			if c.failRead != nil {
				fs.failRead, fs.failWrite = c.failRead, c.failWrite
			}
			expect(name, "failing", c, c.role, c.call, audit.OutcomeError)
			fs.failRead, fs.failWrite = nil, nil
		}

		// Fail-closed: when no entry can be written, the operation fails
		// and gives nothing: no result, not a byte on its stream.
		fs.failWrite = func(key string) bool { return strings.HasPrefix(key, "audit/") }
		var out bytes.Buffer
		got, err := c.call(actor(c.role), &out)
		fs.failWrite = nil
		if err == nil || out.Len() > 0 || (got != nil && !reflect.ValueOf(got).IsZero()) {
			t.Errorf("%s with the audit log failing: returned a %T, %d bytes, err %v; want only an error", name, got, out.Len(), err)
		}
	}
}

// brokenWriter fails every write: a caller who stops reading a stream.
type brokenWriter struct{ io.Writer }

func (*brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }
