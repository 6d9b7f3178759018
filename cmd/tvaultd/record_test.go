package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
)

// attempt is one request an attacker sends with a bad value in one place.
type attempt struct {
	label, method, path, body string
	header                    map[string]string
	token                     string
	n                         int // the length of the bad value
}

// badField builds the requests that put bad in each field of each route
// (path values, query parameters, JSON members, headers), with token.
// id is a stored record, doc a stored testimony's JSON.
func badField(id string, doc map[string]any, token, bad string) []attempt {
	p := url.PathEscape(bad)
	q := url.QueryEscape(bad)
	// js puts bad into a JSON document raw, so that invalid UTF-8 reaches
	// the daemon as it is (json.Marshal would replace it).
	js := func(format string) string { return strings.ReplaceAll(format, "BAD", bad) }
	docWith := func(array bool) string {
		d := map[string]any{}
		for k, v := range doc {
			d[k] = v
		}
		d["case"] = "BAD"
		b, _ := json.Marshal(d)
		if array {
			b = append(append([]byte("["), b...), ']')
		}
		return js(string(b))
	}
	const att = "aaaaaaaaaaaaaaaaaaaaaaaaaa"
	ps := []attempt{
		{label: "put case", method: "POST", path: "/v1/records", body: docWith(true)},
		{label: "list domain", method: "GET", path: "/v1/records?domain=" + q},
		{label: "replace id", method: "PUT", path: "/v1/records/" + p, body: docWith(false)},
		{label: "replace case", method: "PUT", path: "/v1/records/" + id, body: docWith(false)},
		{label: "get id", method: "GET", path: "/v1/records/" + p},
		{label: "get version", method: "GET", path: "/v1/records/" + id + "?version=" + q},
		{label: "history id", method: "GET", path: "/v1/records/" + p + "/history"},
		{label: "get view", method: "GET", path: "/v1/records/" + id + "?view=" + q},
		{label: "get domain", method: "GET", path: "/v1/records/" + id + "?view=researcher&domain=" + q},
		{label: "raw id", method: "GET", path: "/v1/records/" + p + "/raw"},
		{label: "redact-check id", method: "GET", path: "/v1/records/" + p + "/redact-check"},
		{label: "export view", method: "GET", path: "/v1/export?purpose=study&view=" + q},
		{label: "export purpose", method: "GET", path: "/v1/export?view=researcher&purpose=" + q},
		{label: "export domain", method: "GET", path: "/v1/export?view=researcher&purpose=study&domain=" + q},
		{label: "attach id", method: "POST", path: "/v1/records/" + p + "/attachments?kind=audio&type=audio/ogg", body: "x"},
		{label: "attach kind", method: "POST", path: "/v1/records/" + id + "/attachments?type=audio/ogg&kind=" + q, body: "x"},
		{label: "attach type", method: "POST", path: "/v1/records/" + id + "/attachments?kind=audio&type=" + q, body: "x"},
		{label: "attach note", method: "POST", path: "/v1/records/" + id + "/attachments?kind=audio&type=audio/ogg", body: "x",
			header: map[string]string{"Tvault-Note": p}},
		{label: "attach raw note", method: "POST", path: "/v1/records/" + id + "/attachments?kind=audio&type=audio/ogg", body: "x",
			header: map[string]string{"Tvault-Note": bad}},
		{label: "attachments id", method: "GET", path: "/v1/records/" + p + "/attachments"},
		{label: "attachment id", method: "GET", path: "/v1/records/" + p + "/attachments/" + att},
		{label: "attachment att", method: "GET", path: "/v1/records/" + id + "/attachments/" + p},
		{label: "attachment range", method: "GET", path: "/v1/records/" + id + "/attachments/" + att + "?range=" + q},
		{label: "attachment raw att", method: "GET", path: "/v1/records/" + id + "/attachments/" + p + "/raw"},
		{label: "person key", method: "GET", path: "/v1/persons/" + p},
		{label: "merge key", method: "POST", path: "/v1/persons/merge", body: js(`{"key":"BAD","keep_key":"W-1"}`)},
		{label: "merge keep_key", method: "POST", path: "/v1/persons/merge", body: js(`{"key":"W-1","keep_key":"BAD"}`)},
		{label: "edit person key", method: "PUT", path: "/v1/persons/" + p, body: js(`{"key":"BAD","name":"Han Sori"}`)},
		{label: "edit person name", method: "PUT", path: "/v1/persons/W-1", body: js(`{"key":"W-1","name":"BAD"}`)},
		{label: "edit person contact", method: "PUT", path: "/v1/persons/W-1", body: js(`{"key":"W-1","name":"Han Sori","contact":"BAD"}`)},
		{label: "reidentify pseudonym", method: "POST", path: "/v1/reidentify", body: js(`{"pseudonym":"BAD","reason":"case review"}`)},
		{label: "reidentify domain", method: "POST", path: "/v1/reidentify", body: js(`{"pseudonym":"P-0000-0000","domain":"BAD","reason":"case review"}`)},
		{label: "reidentify reason", method: "POST", path: "/v1/reidentify", body: js(`{"pseudonym":"P-0000-0000","reason":"BAD"}`)},
		{label: "consent key", method: "GET", path: "/v1/persons/" + p + "/consent"},
		{label: "withdraw key", method: "POST", path: "/v1/persons/" + p + "/consent/withdraw", body: `{"scope":"research","reason":"asked"}`},
		{label: "withdraw scope", method: "POST", path: "/v1/persons/W-1/consent/withdraw", body: js(`{"scope":"BAD","reason":"asked"}`)},
		{label: "withdraw reason", method: "POST", path: "/v1/persons/W-1/consent/withdraw", body: js(`{"scope":"research","reason":"BAD"}`)},
		{label: "grant reason", method: "POST", path: "/v1/persons/W-1/consent/grant", body: js(`{"scope":"research","reason":"BAD"}`)},
		{label: "search person", method: "POST", path: "/v1/search", body: js(`{"person":"BAD"}`)},
		{label: "search tag", method: "POST", path: "/v1/search", body: js(`{"tag":"BAD"}`)},
		{label: "search text", method: "POST", path: "/v1/search", body: js(`{"text":"BAD"}`)},
		{label: "search case", method: "POST", path: "/v1/search", body: js(`{"case":"BAD"}`)},
		{label: "search sensitivity", method: "POST", path: "/v1/search", body: js(`{"sensitivity":"BAD"}`)},
		{label: "search from", method: "POST", path: "/v1/search", body: js(`{"from":"BAD"}`)},
		{label: "search to", method: "POST", path: "/v1/search", body: js(`{"tag":"x","to":"BAD"}`)},
		{label: "audit log actor", method: "GET", path: "/v1/audit/log?actor=" + q},
		{label: "audit log target", method: "GET", path: "/v1/audit/log?target=" + q},
		{label: "audit log since", method: "GET", path: "/v1/audit/log?since=" + q},
		{label: "audit log from", method: "GET", path: "/v1/audit/log?from=" + q},
		{label: "audit verify checkpoint", method: "POST", path: "/v1/audit/verify", body: js(`{"checkpoint":"BAD"}`)},
		{label: "audit prove seq", method: "POST", path: "/v1/audit/prove", body: js(`{"seq":"BAD"}`)},
		{label: "audit hash value", method: "POST", path: "/v1/audit/hash", body: js(`{"value":"BAD"}`)},
		{label: "policy body", method: "PUT", path: "/v1/policy", body: js(`{"version":1,"BAD":[]}`)},
		{label: "add user name", method: "POST", path: "/v1/users", body: js(`{"name":"BAD","role":"officer"}`)},
		{label: "add user role", method: "POST", path: "/v1/users", body: js(`{"name":"new.user","role":"BAD"}`)},
		{label: "add user expires", method: "POST", path: "/v1/users", body: js(`{"name":"new.user","role":"officer","expires":"BAD"}`)},
		{label: "revoke name", method: "POST", path: "/v1/users/" + p + "/revoke"},
		{label: "token name", method: "POST", path: "/v1/users/" + p + "/token"},
		{label: "domains user", method: "GET", path: "/v1/domains?user=" + q},
		{label: "grant domain", method: "POST", path: "/v1/domains/" + p + "/grant", body: `{"user":"lee.researcher"}`},
		{label: "grant user", method: "POST", path: "/v1/domains/study/grant", body: js(`{"user":"BAD"}`)},
		{label: "revoke domain", method: "POST", path: "/v1/domains/" + p + "/revoke", body: `{"user":"lee.researcher"}`},
		{label: "revoke user", method: "POST", path: "/v1/domains/study/revoke", body: js(`{"user":"BAD"}`)},
	}
	for i := range ps {
		ps[i].token, ps[i].n = token, len(bad)
	}
	return ps
}

// routesOnly lists one harmless request per authenticated route, for
// attempts with a bad token.
var routesOnly = []struct{ method, path string }{
	{"POST", "/v1/records"}, {"GET", "/v1/records"}, {"PUT", "/v1/records/x"}, {"GET", "/v1/records/x"},
	{"GET", "/v1/records/x/history"}, {"POST", "/v1/search"},
	{"GET", "/v1/records/x/raw"}, {"GET", "/v1/records/x/redact-check"}, {"GET", "/v1/export"},
	{"POST", "/v1/records/x/attachments"}, {"GET", "/v1/records/x/attachments"},
	{"GET", "/v1/records/x/attachments/y"}, {"GET", "/v1/records/x/attachments/y/raw"},
	{"GET", "/v1/persons"}, {"GET", "/v1/persons/x"}, {"PUT", "/v1/persons/x"}, {"POST", "/v1/persons/merge"}, {"POST", "/v1/reidentify"},
	{"GET", "/v1/persons/x/consent"}, {"POST", "/v1/persons/x/consent/withdraw"}, {"POST", "/v1/persons/x/consent/grant"},
	{"GET", "/v1/audit/log"}, {"POST", "/v1/audit/checkpoint"}, {"GET", "/v1/audit/key"}, {"GET", "/v1/audit/export"},
	{"POST", "/v1/audit/verify"}, {"POST", "/v1/audit/prove"}, {"POST", "/v1/audit/hash"},
	{"GET", "/v1/policy"}, {"PUT", "/v1/policy"}, {"POST", "/v1/users"}, {"GET", "/v1/users"},
	{"POST", "/v1/users/x/revoke"}, {"POST", "/v1/users/x/token"}, {"GET", "/v1/domains"},
	{"POST", "/v1/domains/x/grant"}, {"POST", "/v1/domains/x/revoke"}, {"POST", "/v1/operator/seal"},
}

// TestBadFieldsAreRecorded sends, as each kind of user, a request with a
// field over the audit log's value limit or of invalid UTF-8 in each
// field of each route, and a bad token to each route, and counts the
// requests that leave no entry in the log: there must be none, and no
// entry may hold the bad value.
func TestBadFieldsAreRecorded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, sock, u, _ := testServer(t, 8, 1<<20, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	docs := fixtures(t)
	ids, _, err := newClient(t, sock, u.officer).Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(docs[0])
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}

	const marker = "Zq7Marker"
	kinds := []struct{ name, value string }{
		{"long", marker + strings.Repeat("x", audit.MaxValueSize)},
		{"utf8", marker + "\xff\xfe"},
		{"long-utf8", marker + strings.Repeat("\xc3", audit.MaxValueSize)},
	}
	var attempts []attempt
	for _, k := range kinds {
		for _, tok := range []string{u.officer, u.admin, u.auditor, u.researcher} {
			for _, p := range badField(ids[0], doc, tok, k.value) {
				p.label = k.name + " " + p.label
				attempts = append(attempts, p)
			}
		}
		for _, r := range routesOnly {
			attempts = append(attempts, attempt{label: k.name + " token " + r.method + " " + r.path, method: r.method, path: r.path, token: k.value})
		}
	}

	hc := rawClient(sock)
	type sent struct {
		label string
		code  string // the error code answered
		n     int    // the bad value's length
	}
	byID := map[string]sent{}
	for _, p := range attempts {
		req, err := http.NewRequest(p.method, "http://tvaultd"+p.path, strings.NewReader(p.body))
		if err != nil {
			t.Fatalf("%s: %v", p.label, err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+p.token)
		for k, v := range p.header {
			req.Header[k] = []string{v}
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", p.label, err)
		}
		var body api.Error
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		byID[resp.Header.Get("Tvault-Request-Id")] = sent{p.label + " (" + resp.Status + ")", body.Code, p.n}
	}

	// A field that never enters an entry may be taken (an audit.hash
	// value, a filter of the log, a testimony's case); what the log
	// records is checked below.
	var missing, unsized int
	err = srv.cur.Load().v.AuditLog(localCtx, service.AuditFilter{}, func(e *audit.Entry) error {
		text, err := e.MarshalText()
		s, ok := byID[e.RequestID]
		if strings.Contains(string(text), marker) {
			t.Errorf("entry %d of %s holds the bad value", e.Seq, s.label)
		}
		if ok && s.code == "invalid-argument" && e.Attr("length") != strconv.Itoa(s.n) {
			t.Errorf("%s: entry %d does not record the length %d:\n%s", s.label, e.Seq, s.n, text)
			unsized++
		}
		delete(byID, e.RequestID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range byID {
		t.Errorf("no entry: %s", s.label)
		missing++
	}
	t.Logf("%d requests, %d without an entry, %d invalid arguments without their length", len(attempts), missing, unsized)
}

// FuzzRequest sends an officer's request to a route with a path value,
// query, body, content type and note header from the fuzzer. Whatever
// they hold, the daemon answers with an error of the table (never a 5xx)
// or a success, and the request leaves an entry in the audit log.
func FuzzRequest(f *testing.F) {
	srv, sock, u, _ := testServer(f, 8, 1<<30, time.Second)
	if err := newClient(f, sock, "").Unseal(context.Background(), testPass); err != nil {
		f.Fatal(err)
	}
	docs := fixtures(f)
	ids, _, err := newClient(f, sock, u.officer).Put(context.Background(), docs[:1])
	if err != nil {
		f.Fatal(err)
	}
	doc, _ := json.Marshal(docs[0])
	const js = "application/json"
	f.Add(uint8(0), "", "", "["+string(doc)+"]", js, "")
	f.Add(uint8(2), ids[0], "", string(doc), js, "")
	f.Add(uint8(3), ids[0], "view=researcher&domain=\xff", "", "", "")
	f.Add(uint8(7), ids[0], "kind=audio&type=audio/ogg", "bytes", "", "%zz")
	f.Add(uint8(9), ids[0], "range=1:0", "", "", "")
	f.Add(uint8(14), "", "", `{"pseudonym":"P-0000-0000","reason":"x","extra":1}`, js, "")
	f.Add(uint8(14), "", "", "{\"pseudonym\":\"P-0000-0000\",\"reason\":\"\xff\"}", js, "")
	f.Add(uint8(14), "", "", `{"pseudonym":"P-0000-0000","reason":"x"}`, "text/plain", "")
	f.Add(uint8(15), "", "since=yesterday&actor=x", "", "", "")
	f.Add(uint8(20), "", "", `{"seq":"1"}`, js, "")
	f.Add(uint8(23), "", "", `{"version":1}`, js+"; charset=utf-8", "")
	f.Add(uint8(24), "", "", `{"name":"a","role":"officer","expires":"-1h"}`, js, "")
	hc := rawClient(sock)
	hc.Timeout = 10 * time.Second
	// header keeps what a client may send in a header (no control
	// characters), so that a request the client refuses is not taken for
	// a daemon that hung up.
	header := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < ' ' && r != '\t' || r == 0x7f {
				return -1
			}
			return r
		}, s)
	}
	f.Fuzz(func(t *testing.T, route uint8, seg, query, body, ctype, note string) {
		r := routesOnly[int(route)%len(routesOnly)]
		if strings.HasSuffix(r.path, "/seal") {
			return
		}
		path := strings.NewReplacer("/x", "/"+url.PathEscape(seg), "/y", "/"+url.PathEscape(seg)).Replace(r.path)
		req, err := http.NewRequest(r.method, "http://tvaultd"+path+"?"+query, strings.NewReader(body))
		if err != nil {
			return // not a URL a client can send
		}
		req.Header.Set("Authorization", "Bearer "+u.officer)
		req.Header.Set("Content-Type", header(ctype))
		req.Header.Set(api.HeaderNote, header(note))
		since := time.Now().Add(-time.Second)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", r.method, path, err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s: %s %s", r.method, path, resp.Status, data)
		}
		if resp.StatusCode >= 400 {
			var e api.Error
			if err := json.Unmarshal(data, &e); err != nil || api.Codes()[e.Code] != resp.StatusCode {
				t.Fatalf("%s %s: %s %s: not an error of the table", r.method, path, resp.Status, data)
			}
		}
		id, found := resp.Header.Get("Tvault-Request-Id"), false
		err = srv.cur.Load().v.AuditLog(localCtx, service.AuditFilter{Since: since}, func(e *audit.Entry) error {
			found = found || e.RequestID == id
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Fatalf("%s %s (%s): no entry", r.method, path, resp.Status)
		}
	})
}

// TestAuditLogFromCanonical checks that GET /v1/audit/log takes from only
// as the client writes it: a position in decimal, without sign or
// leading zeros.
func TestAuditLogFromCanonical(t *testing.T) {
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 8, 1<<20, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	hc := rawClient(sock)
	for _, c := range []struct {
		from string
		want int
	}{
		{"0", http.StatusOK}, {"5", http.StatusOK}, {"1000000", http.StatusOK},
		{"%2B5", http.StatusBadRequest}, {"05", http.StatusBadRequest}, {"-1", http.StatusBadRequest},
		{"-0", http.StatusBadRequest}, {"5%20", http.StatusBadRequest}, {"x", http.StatusBadRequest},
		{"99999999999999999999", http.StatusBadRequest},
	} {
		req, err := http.NewRequest("GET", "http://tvaultd/v1/audit/log?from="+c.from, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+u.auditor)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("from=%s: status %d, want %d", c.from, resp.StatusCode, c.want)
		}
	}
}
