package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

// testServer serves a new vault (sealed) in process over a unix socket,
// so that the race detector sees the daemon's code.
func testServer(t testing.TB, maxInFlight, authFailures int, sealTimeout time.Duration) (*server, string, users, *syncBuffer) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "s.sock")
	ln, err := listenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	s, u, log := serveOn(t, ln, "unix", maxInFlight, authFailures, sealTimeout)
	return s, sock, u, log
}

// serveOn serves a new vault (sealed) in process on ln.
func serveOn(t testing.TB, ln net.Listener, transport string, maxInFlight, authFailures int, sealTimeout time.Duration) (*server, users, *syncBuffer) {
	t.Helper()
	dir, u := newVault(t, time.Hour)
	s, log := serveConfig(t, ln, config{dir: dir, transport: transport, maxInFlight: maxInFlight,
		authFailures: authFailures, authWindow: time.Minute, sealTimeout: sealTimeout})
	return s, u, log
}

// serveConfig serves cfg's vault in process on ln, logging to the buffer
// it returns. An anonReadTimeout, scanPlaces or scanWait of 0 is the
// daemon's.
func serveConfig(t testing.TB, ln net.Listener, cfg config) (*server, *syncBuffer) {
	t.Helper()
	if cfg.anonReadTimeout == 0 {
		cfg.anonReadTimeout = anonReadTimeout
	}
	if cfg.scanPlaces == 0 {
		cfg.scanPlaces = scanPlaces()
	}
	if cfg.scanWait == 0 {
		cfg.scanWait = scanWait
	}
	var log syncBuffer
	cfg.log = slog.New(slog.NewJSONHandler(&log, nil))
	s := newServer(cfg)
	ts := httptest.NewUnstartedServer(s)
	ts.Listener = ln
	ts.Config.ConnContext = connContext
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		s.close()
	})
	return s, &log
}

func newClient(t testing.TB, sock, token string) *client.Client {
	t.Helper()
	c, err := client.New("unix:"+sock, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// rawClient sends requests the typed client would not.
func rawClient(sock string) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
}

func auditLines(t *testing.T, sock, token string) string {
	t.Helper()
	var b strings.Builder
	err := newClient(t, sock, token).AuditLog(context.Background(), service.AuditFilter{}, func(e *audit.Entry) error {
		text, err := e.MarshalText()
		b.Write(text)
		b.WriteString("--\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSealUnseal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 8, 10, time.Second)
	anon := newClient(t, sock, "")
	for range 2 {
		if err := anon.Unseal(ctx, "guess"); !errors.Is(err, service.ErrWrongPassphrase) {
			t.Fatalf("wrong passphrase: %v", err)
		}
	}
	if err := anon.Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	officer, admin := newClient(t, sock, u.officer), newClient(t, sock, u.admin)
	if _, err := officer.Seal(ctx); !errors.Is(err, service.ErrDenied) {
		t.Errorf("officer seals: %v, want ErrDenied", err)
	}
	log := auditLines(t, sock, u.auditor)
	for _, want := range []string{"actor operator\n", "attr failed-attempts 2\n", "action operator.seal\npurpose \noutcome denied\n"} {
		if !strings.Contains(log, want) {
			t.Errorf("audit log lacks %q", want)
		}
	}
	if _, err := admin.Seal(ctx); err != nil {
		t.Fatal(err)
	}
	if sealed, err := anon.Health(ctx); err != nil || !sealed {
		t.Errorf("after seal: %v, %v", sealed, err)
	}
	if _, err := officer.List(ctx, ""); !errors.Is(err, client.ErrSealed) {
		t.Errorf("list while sealed: %v", err)
	}
	if err := anon.Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	log = auditLines(t, sock, u.auditor)
	if !strings.Contains(log, "actor ada.admin\nrole admin\ntransport unix\n") || !strings.Contains(log, "action operator.seal\npurpose \noutcome ok\n") {
		t.Errorf("the seal is not in the log:\n%s", log)
	}
}

func TestAuthRateLimit(t *testing.T) {
	ctx := context.Background()
	srv, sock, u, _ := testServer(t, 8, 3, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	wrong := newClient(t, sock, "tvt_"+strings.Repeat("B", 43))
	for range 3 {
		if _, err := wrong.List(ctx, ""); !errors.Is(err, service.ErrUnauthenticated) {
			t.Fatalf("wrong token: %v", err)
		}
	}
	for range 3 {
		if _, err := wrong.List(ctx, ""); !errors.Is(err, client.ErrRateLimited) {
			t.Fatalf("over the limit: %v", err)
		}
	}
	// The limit is per client network (here, the unix socket), whatever
	// the token.
	if _, err := newClient(t, sock, u.officer).List(ctx, ""); !errors.Is(err, client.ErrRateLimited) {
		t.Errorf("good token from a limited client: %v", err)
	}
	// It is in the log once, after the failures that led to it; the
	// limited client cannot read the log, so read it in process.
	var reasons []string
	err := srv.cur.Load().v.AuditLog(localCtx, service.AuditFilter{}, func(e *audit.Entry) error {
		for _, a := range e.Attrs {
			if e.Action == "auth" && a.Key == "reason" {
				reasons = append(reasons, a.Value)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(reasons, " "); got != "unknown unknown unknown rate-limited" {
		t.Errorf("auth entries: %s", got)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 2, 10, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	officer := newClient(t, sock, u.officer)
	if _, _, err := officer.Put(ctx, fixtures(t)); err != nil {
		t.Fatal(err)
	}
	n, err := officer.Export(ctx, service.ExportOptions{View: "researcher", Purpose: "limits test"}, func(*view.Record) error { return nil })
	if err != nil || n != 2 {
		t.Fatalf("export: %d, %v", n, err)
	}

	hc := rawClient(sock)
	send := func(method, path, body string, header ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, "http://tvaultd"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+u.officer)
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	big := "[" + strings.Repeat(" ", api.MaxImport) + "]"
	for _, c := range []struct {
		method, path, body string
		header             []string
		status             int
	}{
		{"POST", "/v1/records", big, nil, http.StatusRequestEntityTooLarge},
		{"POST", "/v1/records", "[]", nil, http.StatusBadRequest},
		{"POST", "/v1/records", "{}", nil, http.StatusBadRequest},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"x","extra":1}`, nil, http.StatusBadRequest},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"x"}`, []string{"Content-Type", "text/plain"}, http.StatusBadRequest},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"x"}`, []string{"Content-Type", ""}, http.StatusBadRequest},
		{"POST", "/v1/reidentify", "{\"pseudonym\":\"P-0000-0000\",\"reason\":\"\xff\"}", nil, http.StatusBadRequest},
		{"GET", "/v1/records/not-an-id", "", nil, http.StatusBadRequest},
		{"GET", "/v1/records/aaaaaaaaaaaaaaaaaaaaaaaaaa", "", nil, http.StatusNotFound},
		{"GET", "/v1/records", "", []string{"Origin", "null"}, http.StatusForbidden},
		{"GET", "/v1/records", "", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"GET", "/v1/records", "", []string{"Authorization", "Basic a2ltOnB3"}, http.StatusUnauthorized},
		{"GET", "/v1/nothing", "", nil, http.StatusNotFound},
		{"DELETE", "/v1/records", "", nil, http.StatusNotFound},
	} {
		if resp := send(c.method, c.path, c.body, c.header...); resp.StatusCode != c.status {
			t.Errorf("%s %s: %s, want %d", c.method, c.path, resp.Status, c.status)
		}
	}
}

func TestListenOn(t *testing.T) {
	for _, c := range []struct {
		addr, cert, key string
		ok              bool
	}{
		{"127.0.0.1:0", "", "", true},
		{"[::1]:0", "", "", true},
		{"localhost:0", "", "", true},
		{"0.0.0.0:0", "", "", false},
		{"192.0.2.1:8443", "", "", false},
		{"127.0.0.1:0", "cert.pem", "", false},
		{"unix:" + filepath.Join(t.TempDir(), "s"), "cert.pem", "key.pem", false},
		{"nonsense", "", "", false},
	} {
		ln, transport, err := listenOn(c.addr, c.cert, c.key)
		if (err == nil) != c.ok {
			t.Errorf("listenOn(%q, %q, %q): %v", c.addr, c.cert, c.key, err)
		}
		if err == nil {
			if transport != "http" {
				t.Errorf("%s: transport %q", c.addr, transport)
			}
			ln.Close()
		}
	}
}

// TestRefusalsAreRecorded: a request of an authenticated user that the
// daemon refuses before any operation runs (malformed body, header or
// query) is on record, by route and error code, never its input.
func TestRefusalsAreRecorded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 8, 10, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	ids, _, err := newClient(t, sock, u.officer).Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	const secret, js = "Kim-Secret-Input-77", "application/json"
	hc := rawClient(sock)
	for _, c := range []struct {
		method, path, body, header, route, code string
		ctype, reason                           string
	}{
		{"POST", "/v1/records", "{\"" + secret + "\": 1}", "", "POST /v1/records", "bad-request", js, ""},
		{"POST", "/v1/records", "[" + strings.Repeat(" ", api.MaxImport) + "]", "", "POST /v1/records", "too-large", js, ""},
		{"PUT", "/v1/records/" + ids[0], `{"case": "` + secret + `"}`, "", "PUT /v1/records/{id}", "parse", js, ""},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"` + secret + `","extra":1}`, "", "POST /v1/reidentify", "bad-request", js, ""},
		{"GET", "/v1/records/" + ids[0] + "?domain=" + secret, "", "", "GET /v1/records/{id}", "invalid-argument", js, ""},
		{"GET", "/v1/records/" + ids[0] + "/attachments/aaaaaaaaaaaaaaaaaaaaaaaaaa?range=" + secret, "", "", "GET /v1/records/{id}/attachments/{att}", "invalid-argument", js, ""},
		{"POST", "/v1/records/" + ids[0] + "/attachments", "x", "%zz" + secret, "POST /v1/records/{id}/attachments", "bad-request", js, ""},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"x"}`, "", "POST /v1/reidentify", "bad-request", "text/plain", ""},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"x"}`, "", "POST /v1/reidentify", "bad-request", "", ""},
		{"POST", "/v1/reidentify", `{"pseudonym":"P-0000-0000","reason":"` + secret + "\xff\"}", "", "POST /v1/reidentify", "bad-request", js, ""},
		{"POST", "/v1/audit/prove", `{"seq":"` + secret + `"}`, "", "POST /v1/audit/prove", "bad-request", js, ""},
		{"PUT", "/v1/policy", `{"` + secret + `":1}`, "", "PUT /v1/policy", "bad-request", js, ""},
		{"POST", "/v1/users", `{"name":"` + secret + `","role":"officer","expires":"` + secret + `"}`, "", "POST /v1/users", "invalid-argument", js, ""},
		{"GET", "/v1/records/" + ids[0], "", "", "GET /v1/records/{id}", "bad-request", js, "%zz" + secret},
	} {
		req, _ := http.NewRequest(c.method, "http://tvaultd"+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", "Bearer "+u.officer)
		req.Header.Set("Content-Type", c.ctype)
		if c.header != "" {
			req.Header.Set(api.HeaderNote, c.header)
		}
		if c.reason != "" {
			req.Header.Set(api.HeaderReason, c.reason)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s %s: %s, want a 4xx", c.method, c.route, resp.Status)
		}
		lines := auditLines(t, sock, u.auditor)
		entries := strings.Split(lines, "--\n")
		last := entries[len(entries)-3] // before the two audit.log reads' own entries
		if !strings.Contains(last, "action request\n") || !strings.Contains(last, "attr error "+c.code+"\n") ||
			!strings.Contains(last, "attr route "+c.route+"\n") || !strings.Contains(last, "actor kim.officer\n") {
			t.Errorf("%s %s: last entry before the log read:\n%s", c.method, c.route, last)
		}
	}
	if lines := auditLines(t, sock, u.auditor); strings.Contains(lines, secret) {
		t.Error("a refused request's input is in the audit log")
	}
}
