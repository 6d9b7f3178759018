package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// source yields docs, indented over several lines as a file may be, with
// the bodies of those in bad replaced.
func source(t *testing.T, docs []*testimony.Testimony, bad map[int]string) service.BatchSource {
	i := 0
	return func() (string, []byte, error) {
		if i == len(docs) {
			return "", nil, io.EOF
		}
		data, err := json.MarshalIndent(docs[i], "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if b, ok := bad[i]; ok {
			data = []byte(b)
		}
		i++
		return fmt.Sprintf("file%d", i), data, nil
	}
}

// A batch put streams through tvaultd: more testimonies than a chunk, in
// order; a bad one or a line over the limit stores none; a researcher
// may not put.
func TestPutBatchThroughDaemon(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 8, 1<<20, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	officer := newClient(t, sock, u.officer)
	fx := fixtures(t)
	var docs []*testimony.Testimony
	for i := range 501 { // a chunk is 500 (package vault)
		docs = append(docs, fx[i%len(fx)])
	}
	ids, _, err := officer.PutBatch(ctx, source(t, docs, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(docs) {
		t.Fatalf("%d IDs for %d testimonies", len(ids), len(docs))
	}
	for _, i := range []int{0, 1, 499, 500} {
		rec, err := officer.Get(ctx, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Canonical, docs[i].Canonical()) {
			t.Errorf("record %d holds another testimony", i)
		}
	}

	// A testimony that does not parse: an error naming it, nothing stored.
	_, _, err = officer.PutBatch(ctx, source(t, fx, map[int]string{len(fx) - 1: `{"case": 7}`}))
	var pe *testimony.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), fmt.Sprintf("testimony %d", len(fx))) {
		t.Errorf("a bad testimony: %v, want a parse error naming it", err)
	}
	// A source that fails: its error.
	boom := errors.New("boom")
	_, _, err = officer.PutBatch(ctx, func() (string, []byte, error) { return "", nil, boom })
	if !errors.Is(err, boom) {
		t.Errorf("a failing source: %v, want its error", err)
	}
	// A line longer than a testimony may be.
	long := `{"narrative": "` + strings.Repeat("x", testimony.MaxSize) + `"}` + "\n"
	req, _ := http.NewRequest(http.MethodPost, "http://tvaultd"+api.Version+"/records/batch", strings.NewReader(long))
	req.Header.Set("Authorization", "Bearer "+u.officer)
	resp, err := rawClient(sock).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a line over the limit: %s, want 413", resp.Status)
	}
	list, err := officer.List(ctx, "")
	if err != nil || len(list) != len(docs) {
		t.Errorf("after the failed batches, List = %d records, %v; want %d", len(list), err, len(docs))
	}

	_, _, err = newClient(t, sock, u.researcher).PutBatch(ctx, source(t, fx, nil))
	if !errors.Is(err, service.ErrDenied) {
		t.Errorf("a researcher's batch put: %v, want denied", err)
	}
}

// The daemon serves a record's canonical bytes as stored: a testimony
// with "<", ">" and "&" (which encoding/json escapes by default) and
// U+2028 reaches the client byte for byte, at every version.
func TestGetServesCanonicalBytes(t *testing.T) {
	ctx := context.Background()
	_, sock, u, _ := testServer(t, 8, 1<<20, time.Second)
	if err := newClient(t, sock, "").Unseal(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	officer := newClient(t, sock, u.officer)
	doc := *fixtures(t)[0]
	doc.Narrative = "He wrote <b>\"ours & theirs\"</b> on the wall \u2028 and left."
	parsed, err := testimony.ParseBytes("html", doc.Canonical())
	if err != nil {
		t.Fatal(err)
	}
	ids, _, err := officer.Put(ctx, []*testimony.Testimony{parsed})
	if err != nil {
		t.Fatal(err)
	}
	for _, get := range []func() (*service.Record, error){
		func() (*service.Record, error) { return officer.Get(ctx, ids[0]) },
		func() (*service.Record, error) { return officer.GetVersion(ctx, ids[0], 1) },
	} {
		rec, err := get()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Canonical, parsed.Canonical()) {
			t.Errorf("canonical form changed on the way:\n got %s\nwant %s", rec.Canonical, parsed.Canonical())
		}
	}
}
