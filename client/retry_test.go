package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
)

// TestRetryBusy: a request the daemon answers busy is sent again, whole,
// up to the policy's tries, waiting at least Retry-After; no other error
// is retried, nor a busy answer that asks for too long a wait, nor a
// request whose body cannot be sent twice.
func TestRetryBusy(t *testing.T) {
	for _, c := range []struct {
		name       string
		answers    []error // before 200; nil is 200
		retryAfter string
		body       func() io.Reader
		wantErr    error
		wantSent   int
	}{
		{name: "busy twice", answers: []error{api.ErrBusy, api.ErrBusy}, retryAfter: "0", wantSent: 3},
		{name: "busy always", answers: []error{api.ErrBusy, api.ErrBusy, api.ErrBusy, api.ErrBusy}, retryAfter: "0", wantErr: api.ErrBusy, wantSent: 4},
		{name: "busy, retry after too long", answers: []error{api.ErrBusy}, retryAfter: "3600", wantErr: api.ErrBusy, wantSent: 1},
		{name: "busy, retry after a date", answers: []error{api.ErrBusy}, retryAfter: time.Now().UTC().Format(http.TimeFormat), wantSent: 2},
		{name: "busy, no retry after", answers: []error{api.ErrBusy}, wantSent: 2},
		{name: "put busy", answers: []error{api.ErrBusy}, retryAfter: "0",
			body: func() io.Reader { return bytes.NewReader([]byte(`[{"case":"x"}]`)) }, wantSent: 2},
		{name: "body not sendable twice", answers: []error{api.ErrBusy}, retryAfter: "0",
			body: func() io.Reader { return io.NopCloser(bytes.NewReader([]byte("file"))) }, wantErr: api.ErrBusy, wantSent: 1},
		{name: "sealed", answers: []error{api.ErrSealed}, retryAfter: "0", wantErr: api.ErrSealed, wantSent: 1},
		{name: "rate limited", answers: []error{api.ErrRateLimited}, retryAfter: "0", wantErr: api.ErrRateLimited, wantSent: 1},
		{name: "wrong passphrase", answers: []error{service.ErrWrongPassphrase}, wantErr: service.ErrWrongPassphrase, wantSent: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var (
				mu     sync.Mutex
				bodies []string
			)
			ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				n := len(bodies)
				bodies = append(bodies, string(b))
				mu.Unlock()
				if n < len(c.answers) {
					status, body := api.FromError(c.answers[n])
					if c.retryAfter != "" {
						w.Header().Set("Retry-After", c.retryAfter)
					}
					w.WriteHeader(status)
					json.NewEncoder(w).Encode(body)
					return
				}
				w.Write([]byte("{}"))
			}))
			defer ts.Close()
			cl, err := New(ts.URL, service.TokenPrefix+"x", nil)
			if err != nil {
				t.Fatal(err)
			}
			cl.hc = ts.Client()
			cl.retry = retryPolicy{tries: 3, base: time.Millisecond, maxWait: time.Minute}
			var body io.Reader
			var want string
			if c.body != nil {
				body = c.body()
				data, _ := io.ReadAll(c.body())
				want = string(data)
			}
			req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, ts.URL+"/v1/records", body)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := cl.do(cl.hc, req)
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil) != (err == nil) {
				t.Errorf("error %v, want %v", err, c.wantErr)
			}
			if len(bodies) != c.wantSent {
				t.Errorf("sent %d times, want %d", len(bodies), c.wantSent)
			}
			for i, b := range bodies {
				if b != want {
					t.Errorf("body of try %d: %q, want %q", i+1, b, want)
				}
			}
		})
	}
}

// TestRetryWait: the waits double from the base, with jitter, are at
// least Retry-After, and stop at the policy's tries.
func TestRetryWait(t *testing.T) {
	p := retryPolicy{tries: 3, base: 100 * time.Millisecond, maxWait: 10 * time.Second}
	busy := func(after string) *http.Response {
		resp := &http.Response{Header: http.Header{}}
		if after != "" {
			resp.Header.Set("Retry-After", after)
		}
		return resp
	}
	for _, c := range []struct {
		try      int
		after    string
		min, max time.Duration
		ok       bool
	}{
		{0, "", 50 * time.Millisecond, 100 * time.Millisecond, true},
		{1, "", 100 * time.Millisecond, 200 * time.Millisecond, true},
		{2, "", 200 * time.Millisecond, 400 * time.Millisecond, true},
		{3, "", 0, 0, false},
		{0, "1", time.Second, time.Second, true},
		{0, "11", 0, 0, false},
		{0, "soon", 50 * time.Millisecond, 100 * time.Millisecond, true},
	} {
		for range 20 {
			d, ok := p.wait(c.try, busy(c.after), api.ErrBusy)
			if ok != c.ok || d < c.min || d > c.max {
				t.Fatalf("try %d, Retry-After %q: wait %v, %v; want %v to %v, %v", c.try, c.after, d, ok, c.min, c.max, c.ok)
			}
		}
	}
	if _, ok := p.wait(0, busy("0"), api.ErrSealed); ok {
		t.Error("a sealed daemon is retried")
	}
}
