package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

var recordPseudonym = regexp.MustCompile(`^R-[0-9A-Z]{26}$`)

// TestResearcherThroughDaemon takes the researcher's path through tvaultd:
// domains granted by an officer, records known only by their pseudonyms
// there, a withheld testimony answered byte for byte as a missing one,
// the truth in the audit log, and a revocation that takes effect at once.
func TestResearcherThroughDaemon(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer, researcher := d.client(t, u.officer), d.client(t, u.researcher)
	docs := fixtures(t) // the third has no research consent
	// The first is long enough that its view, larger than smallView, is
	// counted and then sent in chunks; the others' are sent from a buffer.
	docs[0].Narrative += strings.Repeat(" The river was cold.", smallView/16)
	ids, _, err := officer.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}

	// No domain, no work: the default domain is not a researcher's, and an
	// ungranted one is denied.
	if _, err := researcher.List(ctx, ""); !errors.Is(err, service.ErrInvalidArgument) {
		t.Errorf("researcher list in the default domain: %v", err)
	}
	var denied *service.DeniedError
	if _, err := researcher.List(ctx, "study"); !errors.As(err, &denied) || denied.Domain != "study" {
		t.Errorf("researcher list in an ungranted domain: %v", err)
	}
	if err := researcher.GrantDomain(ctx, "study", "lee.researcher"); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher grants themself a domain: %v", err)
	}
	for _, dom := range []string{"study", "other"} {
		if err := officer.GrantDomain(ctx, dom, "lee.researcher"); err != nil {
			t.Fatal(err)
		}
	}
	if err := officer.GrantDomain(ctx, "study", "park.auditor"); !errors.Is(err, service.ErrInvalidArgument) {
		t.Errorf("grant to an auditor: %v", err)
	}
	grants, err := researcher.Domains(ctx, "")
	if err != nil || len(grants) != 2 || grants[0].Domain != "other" || grants[0].By != "kim.officer" {
		t.Fatalf("researcher's grants: %+v, %v", grants, err)
	}

	// The list names records by pseudonym, without case numbers, by month.
	list, err := researcher.List(ctx, "study")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("researcher lists %d records, want the 2 with research consent", len(list))
	}
	for _, s := range list {
		if !recordPseudonym.MatchString(s.ID) || s.Case != "" || s.Versions != 0 || s.Created.Day() != 1 || s.Created.Hour() != 0 {
			t.Errorf("researcher's summary %+v", s)
		}
		rec, err := researcher.GetView(ctx, s.ID, policy.ViewResearcher, "study")
		if err != nil || rec.ID != s.ID || rec.Case != "" {
			t.Errorf("researcher get of %s: %+v, %v", s.ID, rec, err)
		}
		if _, err := researcher.GetView(ctx, s.ID, policy.ViewResearcher, "other"); !errors.Is(err, service.ErrNotFound) {
			t.Errorf("a study pseudonym in domain other: %v, want not found", err)
		}
	}
	if _, err := researcher.GetView(ctx, ids[0], policy.ViewResearcher, "study"); !errors.Is(err, service.ErrInvalidArgument) {
		t.Errorf("researcher get by record ID: %v, want an invalid argument", err)
	}
	var export bytes.Buffer
	if _, err := researcher.Export(ctx, service.ExportOptions{View: policy.ViewResearcher, Purpose: "domain study", Domain: "study"},
		func(r *view.Record) error { return json.NewEncoder(&export).Encode(r) }); err != nil {
		t.Fatal(err)
	}
	for _, s := range append(slices.Clone(ids), "TV-2019-101", "HERON-BIRCH-42") {
		if strings.Contains(export.String(), s) {
			t.Errorf("researcher export contains %q", s)
		}
	}

	// Withheld and missing: the same status and body, but for the
	// pseudonym asked about. The officer learns the withheld testimony's
	// pseudonym; the missing one deciphers to no record.
	meta, err := officer.GetView(ctx, ids[2], policy.ViewMetadata, "study")
	if err != nil {
		t.Fatal(err)
	}
	withheld, missing := meta.ID, "R-"+strings.Repeat("0", 26)
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	ask := func(ref string) (int, string) {
		req, _ := http.NewRequest("GET", "http://tvaultd/v1/records/"+url.PathEscape(ref)+"?view=researcher&domain=study", nil)
		req.Header.Set("Authorization", "Bearer "+u.researcher)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.ReplaceAll(string(body), ref, "REF")
	}
	// A view comes with its length, so that the client reads it into one
	// buffer of that size, the long one too.
	long := false
	for _, sum := range list {
		req, _ := http.NewRequest("GET", "http://tvaultd/v1/records/"+url.PathEscape(sum.ID)+"?view=researcher&domain=study", nil)
		req.Header.Set("Authorization", "Bearer "+u.researcher)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(body)) || !bytes.HasSuffix(body, []byte("}\n")) {
			t.Errorf("view: %d, Content-Length %d, %d bytes, %v", resp.StatusCode, resp.ContentLength, len(body), err)
		}
		long = long || len(body) > 64<<10
	}
	if !long {
		t.Error("no view longer than 64 KiB")
	}
	ws, wb := ask(withheld)
	ms, mb := ask(missing)
	t.Logf("withheld: %d %s", ws, wb)
	t.Logf("missing:  %d %s", ms, mb)
	if ws != http.StatusNotFound || ws != ms || wb != mb || !strings.Contains(wb, `"code":"not-found"`) {
		t.Errorf("withheld answered %d %s; missing %d %s", ws, wb, ms, mb)
	}

	// The log records the truth: a denial of the withheld record, by ID.
	var got []string
	err = d.client(t, u.auditor).AuditLog(ctx, service.AuditFilter{Actor: "lee.researcher"}, func(e *audit.Entry) error {
		if e.Action == "get" && e.Outcome != audit.OutcomeOK {
			got = append(got, string(e.Outcome)+" "+strings.Join(e.Targets, ",")+" answered="+attr(e, "answered")+" domain="+attr(e, "domain"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "denied " + ids[2] + " answered=not-found domain=study"
	if !slices.Contains(got, want) {
		t.Errorf("the audit log lacks %q:\n%s", want, strings.Join(got, "\n"))
	}

	// Revoked: at once.
	if err := d.client(t, u.admin).RevokeDomain(ctx, "study", "lee.researcher"); err != nil {
		t.Fatal(err)
	}
	if _, err := researcher.Export(ctx, service.ExportOptions{View: policy.ViewResearcher, Purpose: "again", Domain: "study"},
		func(*view.Record) error { return nil }); !errors.As(err, &denied) || denied.Domain != "study" {
		t.Errorf("export after the revocation: %v", err)
	}
	if err := officer.RevokeDomain(ctx, "study", "lee.researcher"); !errors.Is(err, service.ErrNoGrant) {
		t.Errorf("second revocation: %v", err)
	}
}

func attr(e *audit.Entry, key string) string {
	for _, a := range e.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}
