package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/crypto/keyring"
	corpus "github.com/tvault/tvault/internal/fixtures"
	"github.com/tvault/tvault/internal/syncbuf"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

const testPass = "correct horse battery staple"

var localCtx = service.WithActor(context.Background(), service.LocalOperator)

// daemonBin is tvaultd built once for the tests that run it as a process.
var daemonBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tvaultd-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	daemonBin = filepath.Join(dir, "tvaultd")
	// The tests' vaults, and the daemons they start, keep their
	// checkpoints here, never in the home directory.
	os.Setenv("TVAULT_STATE_DIR", filepath.Join(dir, "state"))
	if out, err := exec.Command("go", "build", "-o", daemonBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building tvaultd: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer collects a daemon's log.
type syncBuffer = syncbuf.Buffer

type daemon struct {
	cmd   *exec.Cmd
	addr  string         // as client.New takes it
	roots *x509.CertPool // for https
	done  chan error
}

// startDaemon runs tvaultd on a unix socket, logging to log, and waits
// until it answers.
func startDaemon(t *testing.T, vaultDir, sock string, log *syncBuffer, env ...string) *daemon {
	t.Helper()
	d := &daemon{addr: "unix:" + sock}
	return d.start(t, log, env, "--vault", vaultDir, "--listen", "unix:"+sock)
}

// start runs tvaultd with args and waits until it answers at d.addr.
func (d *daemon) start(t *testing.T, log *syncBuffer, env []string, args ...string) *daemon {
	t.Helper()
	cmd := exec.Command(daemonBin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d.cmd, d.done = cmd, make(chan error, 1)
	go func() { d.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-d.done
	})
	c := d.client(t, "")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := c.Health(context.Background()); err == nil {
			return d
		}
		select {
		case err := <-d.done:
			t.Fatalf("tvaultd exited: %v\n%s", err, log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("tvaultd did not answer at %s\n%s", d.addr, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (d *daemon) client(t testing.TB, token string) *client.Client {
	t.Helper()
	c, err := client.New(d.addr, token, d.roots)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// stop sends sig and waits for the daemon to exit.
func (d *daemon) stop(t *testing.T, sig os.Signal) error {
	t.Helper()
	if err := d.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-d.done:
		d.done <- err // for the cleanup
		return err
	case <-time.After(40 * time.Second):
		t.Fatal("tvaultd did not exit")
		return nil
	}
}

func fixtures(t testing.TB) []*testimony.Testimony { return corpus.Load(t) }

// identifiers are the strings no researcher view may show, as the CLI's
// views script lists them.
func identifiers(t *testing.T) []string {
	t.Helper()
	ar, err := txtar.ParseFile("../tvault/testdata/scripts/views.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "identifiers" {
			return strings.Split(strings.TrimSpace(string(f.Data)), "\n")
		}
	}
	t.Fatal("views.txtar has no identifiers file")
	return nil
}

// secrets are strings of the fixtures that no log line may hold: every
// name, alias, contact, place and phrase, and pieces of every narrative.
func secrets(docs []*testimony.Testimony) []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if len(x) >= 4 {
				out = append(out, x)
			}
		}
	}
	for _, d := range docs {
		add(d.Case, d.Title)
		if d.Interview != nil {
			add(d.Interview.Place, d.Interview.Interviewer)
		}
		for _, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
			add(p.Key, p.Name, p.Contact, p.Residence)
			add(p.Aliases...)
		}
		add(d.Redact...)
		words := strings.Fields(d.Narrative)
		for i := 0; i+4 <= len(words); i += 4 {
			add(strings.Join(words[i:i+4], " "))
		}
	}
	return out
}

type users struct {
	admin, officer, researcher, auditor, revoked, expiring string
}

// newVault creates a vault with a user of each kind, in local mode, as an
// organisation sets one up before it starts the daemon.
func newVault(t testing.TB, expiry time.Duration) (string, users) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	v, err := vault.Init(localCtx, dir, testPass, vault.Options{})
	if err != nil {
		t.Fatal(err)
	}
	add := func(name, role string, exp time.Duration) string {
		tok, err := v.AddUser(localCtx, name, role, exp)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	u := users{
		admin:      add("ada.admin", "admin", 0),
		officer:    add("kim.officer", "officer", 0),
		researcher: add("lee.researcher", "researcher", 0),
		auditor:    add("park.auditor", "auditor", 0),
		revoked:    add("choi.leaver", "officer", 0),
		expiring:   add("jung.temp", "researcher", expiry),
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, u
}

// reopen opens the vault in dir, which a daemon has closed, and checks
// that its audit log verifies.
func reopen(t *testing.T, dir string) *vault.Vault {
	t.Helper()
	v, err := vault.Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	if _, err := v.AuditVerify(localCtx, nil); err != nil {
		t.Errorf("audit verify: %v", err)
	}
	return v
}

func passFile(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(f, []byte(testPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	vaultDir, u := newVault(t, 3*time.Second)
	expiresAt := time.Now().Add(3 * time.Second)
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log)

	fi, err := os.Stat(sock)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %v, want 0600", fi.Mode().Perm())
	}

	// Sealed: only health and unseal.
	anon := d.client(t, "")
	officer := d.client(t, u.officer)
	if sealed, err := anon.Health(ctx); err != nil || !sealed {
		t.Fatalf("Health = %v, %v; want sealed", sealed, err)
	}
	if _, err := officer.List(ctx, ""); !errors.Is(err, client.ErrSealed) {
		t.Fatalf("List while sealed: %v", err)
	}
	if err := anon.Unseal(ctx, "wrong passphrase"); !errors.Is(err, service.ErrWrongPassphrase) {
		t.Fatalf("Unseal with a wrong passphrase: %v", err)
	}
	if err := anon.Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	if sealed, err := anon.Health(ctx); err != nil || sealed {
		t.Fatalf("Health after unseal = %v, %v", sealed, err)
	}
	if err := anon.Unseal(ctx, testPass); !errors.Is(err, client.ErrAlreadyUnsealed) {
		t.Errorf("second Unseal: %v", err)
	}

	// A second daemon on the same socket refuses to start.
	out, err := exec.Command(daemonBin, "--vault", vaultDir, "--listen", "unix:"+sock).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "another daemon is listening") {
		t.Errorf("second daemon: %v: %s", err, out)
	}

	// The officer stores the fixtures and reads them back as stored.
	docs := fixtures(t)
	ids, _, err := officer.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		rec, err := officer.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Canonical, docs[i].Canonical()) {
			t.Errorf("record %d: canonical form changed on the way", i)
		}
	}
	// The list streams, a page at a time through the query parameters.
	all, err := officer.List(ctx, "")
	if err != nil || len(all) != len(ids) {
		t.Fatalf("list = %d records, %v", len(all), err)
	}
	var paged []service.Summary
	for after := ""; ; {
		var page []service.Summary
		err := officer.ListRecords(ctx, service.ListOptions{Limit: 2, After: after}, func(s service.Summary) error {
			page = append(page, s)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].ID
	}
	if !slices.Equal(paged, all) {
		t.Errorf("pages of 2 = %+v, want the list %+v", paged, all)
	}
	if err := officer.ListRecords(ctx, service.ListOptions{After: "nope"}, func(service.Summary) error { return nil }); !errors.Is(err, service.ErrInvalidArgument) {
		t.Errorf("list after a record that is not one = %v", err)
	}
	if _, _, err := officer.Put(ctx, []*testimony.Testimony{{Case: "x"}}); err == nil {
		t.Error("put of an invalid testimony succeeded")
	} else if pe := new(testimony.ParseError); !errors.As(err, &pe) {
		t.Errorf("invalid put: %v, want a *testimony.ParseError", err)
	}

	// The researcher exports the researcher view, in a domain the officer
	// granted: no identifier.
	if err := officer.GrantDomain(ctx, "study", "lee.researcher"); err != nil {
		t.Fatal(err)
	}
	researcher := d.client(t, u.researcher)
	var export bytes.Buffer
	n, err := researcher.Export(ctx, service.ExportOptions{View: policy.ViewResearcher, Purpose: "border crossing study", Domain: "study"},
		func(r *view.Record) error {
			enc := json.NewEncoder(&export)
			enc.SetEscapeHTML(false)
			return enc.Encode(r)
		})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("exported %d testimonies, want the 2 with research consent", n)
	}
	for _, id := range identifiers(t) {
		if strings.Contains(strings.ToLower(export.String()), strings.ToLower(id)) {
			t.Errorf("researcher export shows %q", id)
		}
	}
	var denied *service.DeniedError
	if _, err := researcher.GetView(ctx, ids[0], policy.ViewFull, ""); !errors.As(err, &denied) || denied.View != policy.ViewFull {
		t.Errorf("researcher full view: %v, want a *service.DeniedError for the full view", err)
	}
	if _, err := researcher.Get(ctx, ids[0]); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher get: %v, want ErrDenied", err)
	}
	if _, err := researcher.Export(ctx, service.ExportOptions{View: policy.ViewResearcher, Domain: "study"}, nil); !errors.Is(err, service.ErrPurposeRequired) {
		t.Errorf("export without purpose: %v", err)
	}

	// The auditor reads and verifies the log, and may not read testimonies.
	auditor := d.client(t, u.auditor)
	if _, err := auditor.Get(ctx, ids[0]); !errors.Is(err, service.ErrDenied) {
		t.Errorf("auditor get: %v, want ErrDenied", err)
	}
	if _, err := auditor.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := auditor.AuditVerify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, err := auditor.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer
	if err := auditor.AuditExport(ctx, &exp); err != nil {
		t.Fatal(err)
	}
	if off, err := audit.VerifyExport(&exp, key, rep.Checkpoint); err != nil || off.Size < rep.Size {
		t.Errorf("offline verification of the export: %+v, %v", off, err)
	}

	// Users: the admin revokes one; wrong, revoked and expired tokens fail.
	admin := d.client(t, u.admin)
	if err := admin.RevokeUser(ctx, "choi.leaver"); err != nil {
		t.Fatal(err)
	}
	if _, err := officer.AddUser(ctx, "mallory", "admin", 0); !errors.Is(err, service.ErrDenied) {
		t.Errorf("officer adds a user: %v", err)
	}
	time.Sleep(time.Until(expiresAt))
	wrong := "tvt_" + strings.Repeat("A", 43)
	for name, tok := range map[string]string{"revoked": u.revoked, "expired": u.expiring, "wrong": wrong} {
		if _, err := d.client(t, tok).List(ctx, ""); !errors.Is(err, service.ErrUnauthenticated) {
			t.Errorf("%s token: %v, want ErrUnauthenticated", name, err)
		}
	}
	rotated, err := admin.RotateToken(ctx, "kim.officer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := officer.List(ctx, ""); !errors.Is(err, service.ErrUnauthenticated) {
		t.Errorf("old token after rotation: %v", err)
	}
	officer = d.client(t, rotated)
	if _, err := officer.List(ctx, ""); err != nil {
		t.Errorf("new token after rotation: %v", err)
	}

	// No browser may talk to the daemon.
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	req, _ := http.NewRequest("GET", "http://tvaultd/v1/records", nil)
	req.Header.Set("Authorization", "Bearer "+rotated)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("request with Origin: %s, want 403", resp.Status)
	}

	// Every denial is in the log with its user.
	var entries []string
	err = auditor.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Outcome == audit.OutcomeDenied || strings.HasPrefix(e.Action, "operator.") {
			attrs := ""
			for _, a := range e.Attrs {
				if a.Key == "reason" || a.Key == "failed-attempts" {
					attrs += " " + a.Key + "=" + a.Value
				}
			}
			entries = append(entries, fmt.Sprintf("%s %s %s %s%s", e.Actor, e.Role, e.Action, e.Outcome, attrs))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// From a position on, as the client asks and the daemon reads it.
	var seqs []uint64
	err = auditor.AuditLog(ctx, service.AuditFilter{From: 5}, func(e *audit.Entry) error {
		seqs = append(seqs, e.Seq)
		return nil
	})
	if err != nil || len(seqs) < 2 || seqs[0] != 5 || seqs[1] != 6 {
		t.Errorf("AuditLog from 5 read %v, %v", seqs, err)
	}
	log2 := strings.Join(entries, "\n")
	for _, want := range []string{
		"operator  operator.unseal ok failed-attempts=1",
		"lee.researcher researcher get denied",
		"park.auditor auditor get denied",
		"kim.officer officer user.add denied",
		"choi.leaver officer auth denied reason=revoked",
		"jung.temp researcher auth denied reason=expired",
		"unknown  auth denied reason=unknown",
	} {
		if !strings.Contains(log2, want) {
			t.Errorf("audit log lacks %q:\n%s", want, log2)
		}
	}

	// SIGTERM: the daemon stops cleanly and the vault opens again.
	if err := d.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("tvaultd exit after SIGTERM: %v\n%s", err, log.String())
	}
	if _, err := os.Stat(sock); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("socket left behind: %v", err)
	}
	v, err := vault.Open(vaultDir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AuditVerify(localCtx, nil); err != nil {
		t.Errorf("audit verify after shutdown: %v", err)
	}
	v.Close()

	logText := log.String()
	if !strings.Contains(logText, `"msg":"stopped"`) || !strings.Contains(logText, `"route":"GET /v1/records/{id}"`) {
		t.Errorf("log lacks the expected lines:\n%s", logText)
	}
	for _, s := range append(secrets(docs), testPass, u.officer, rotated, u.researcher, "evil.example", "border crossing study") {
		if strings.Contains(logText, s) {
			t.Errorf("daemon log contains %q", s)
		}
	}
}

// TestCrash kills the daemon while writers keep putting: after a restart,
// every put it acknowledged is readable and the audit log verifies,
// against a checkpoint kept from before the crash too.
func TestCrash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	pass := "TVAULT_PASSPHRASE_FILE=" + passFile(t)
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, pass)
	kept, err := d.client(t, u.auditor).AuditCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}

	docs := fixtures(t)
	officer := d.client(t, u.officer)
	var (
		mu    sync.Mutex
		acked []string
		wg    sync.WaitGroup
	)
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ids, _, err := officer.Put(ctx, []*testimony.Testimony{docs[(w+i)%len(docs)]})
				if err != nil {
					continue // refused or cut off by the kill: not acknowledged
				}
				mu.Lock()
				acked = append(acked, ids...)
				mu.Unlock()
			}
		}()
	}
	// Kill once the writers are well under way, bounded in time.
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	d.stop(t, syscall.SIGKILL)
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no put was acknowledged before the kill")
	}

	// The killed daemon left its socket: the new one replaces it.
	d = startDaemon(t, vaultDir, sock, &log, pass)
	officer = d.client(t, u.officer)
	for _, id := range acked {
		if _, err := officer.Get(ctx, id); err != nil {
			t.Errorf("acknowledged record %s: %v", id, err)
		}
	}
	auditor := d.client(t, u.auditor)
	if _, err := auditor.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := auditor.AuditVerify(ctx, kept)
	if err != nil {
		t.Fatalf("audit verify after the crash: %v", err)
	}
	t.Logf("%d puts acknowledged before SIGKILL; log of %d entries verifies and extends the kept checkpoint of %d", len(acked), rep.Size, rep.OldSize)
	if err := d.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	for _, s := range append(secrets(docs), testPass, u.officer) {
		if strings.Contains(log.String(), s) {
			t.Errorf("daemon log contains %q", s)
		}
	}
}
