// Package client is a typed Go client of tvaultd's HTTP API (docs/API.md),
// over a unix socket or HTTPS.
//
// A Client implements service.Service, as *vault.Vault does, so that a
// program (the tvault CLI) can use either through that one interface. Errors come back as the vault's own values and types:
// errors.Is(err, service.ErrDenied), errors.As(err, &integrityErr) and the
// like give the same answers as in local mode, with the same text. The
// actor of every operation is the token's user, whatever the context says.
//
// A Client is safe for concurrent use.
package client

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// Errors of the daemon itself, beyond the vault's.
var (
	// ErrSealed is returned while the daemon's vault is sealed.
	ErrSealed = api.ErrSealed
	// ErrBusy is returned when the daemon has too many requests in flight.
	ErrBusy = api.ErrBusy
	// ErrRateLimited is returned after too many failed authentications
	// from this client's network or for this user.
	ErrRateLimited = api.ErrRateLimited
	// ErrTooLarge is returned for a request body over the daemon's limit.
	ErrTooLarge = api.ErrTooLarge
	// ErrBadRequest is returned for a request the daemon found malformed.
	ErrBadRequest = api.ErrBadRequest
	// ErrAlreadyUnsealed is returned by Unseal when the vault is open.
	ErrAlreadyUnsealed = api.ErrAlreadyUnsealed
	// ErrNoRoute is returned by a daemon that does not serve the route,
	// one older than the client.
	ErrNoRoute = api.ErrNoRoute
	// ErrDescriptor is the daemon's refusal of an output file's
	// descriptor (a *DescriptorError). AttachmentGet does not return it:
	// it streams the bytes instead.
	ErrDescriptor = api.ErrDescriptor
)

// DescriptorError is ErrDescriptor with the daemon's reason.
type DescriptorError = api.DescriptorError

// Client talks to one daemon as one user.
type Client struct {
	base  string // scheme and host of every request URL
	token string
	hc    *http.Client
	// streams carries attachment bodies, both ways, and the other byte
	// streams (backup, audit export): hc, or over HTTPS an HTTP/1.1
	// client (see streamTransport).
	streams *http.Client
	retry   retryPolicy
	// socket is the daemon's unix socket, "" over HTTPS.
	socket string
}

// A retryPolicy says how a request the daemon answered busy is sent
// again: at most tries more times, each after the Retry-After the daemon
// gave or a backoff doubling from base, whichever is longer, with jitter.
// A Retry-After beyond maxWait is not waited for: the error is returned.
type retryPolicy struct {
	tries   int
	base    time.Duration
	maxWait time.Duration
}

var defaultRetry = retryPolicy{tries: 5, base: 250 * time.Millisecond, maxWait: 10 * time.Second}

// maxTokenFile bounds what is read from a token file.
const maxTokenFile = 4 << 10

// FromEnv returns a client configured as the tvault CLI is, by getenv
// (os.Getenv, or a test's own):
//
//	TVAULT_ADDR        unix:PATH or https://HOST[:PORT]
//	TVAULT_TOKEN       the user's token (tvt_...), or
//	TVAULT_TOKEN_FILE  a file holding it
//	TVAULT_CA_FILE     PEM certificates to trust for https, instead of
//	                   the system's
func FromEnv(getenv func(string) string) (*Client, error) {
	addr := getenv("TVAULT_ADDR")
	if addr == "" {
		return nil, errors.New("TVAULT_ADDR is not set")
	}
	token := getenv("TVAULT_TOKEN")
	if file := getenv("TVAULT_TOKEN_FILE"); file != "" {
		if token != "" {
			return nil, errors.New("set TVAULT_TOKEN or TVAULT_TOKEN_FILE, not both")
		}
		var err error
		if token, err = readTokenFile(file); err != nil {
			return nil, err
		}
	}
	var roots *x509.CertPool
	if file := getenv("TVAULT_CA_FILE"); file != "" {
		pem, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("failed to read CA file: %w", err)
		}
		roots = x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no PEM certificate in %s", file)
		}
	}
	return New(addr, token, roots)
}

func readTokenFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("failed to read token file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("failed to read token file: %w", err)
	}
	if len(data) > maxTokenFile {
		return "", fmt.Errorf("token file %s is larger than %d bytes", name, maxTokenFile)
	}
	return strings.TrimSpace(string(data)), nil
}

// New returns a client of the daemon at addr (unix:PATH or
// https://HOST[:PORT]) that presents token, which may be empty for Health
// and Unseal only. roots are the certificates to trust for https; nil
// means the system's.
func New(addr, token string, roots *x509.CertPool) (*Client, error) {
	if token != "" && !strings.HasPrefix(token, service.TokenPrefix) {
		return nil, fmt.Errorf("malformed token: want %s...", service.TokenPrefix)
	}
	tr := &http.Transport{
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: 5 * time.Minute,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{token: token, hc: &http.Client{Transport: tr}, retry: defaultRetry}
	c.streams = c.hc
	if path, ok := strings.CutPrefix(addr, "unix:"); ok {
		if path == "" {
			return nil, errors.New("invalid TVAULT_ADDR: unix: needs a socket path")
		}
		tr.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			conn, err := c.dialUnix(ctx)
			if err != nil {
				return nil, err
			}
			return wrapUnixConn(conn), nil
		}
		c.socket = path
		c.base = "http://tvaultd"
		return c, nil
	}
	u, err := url.Parse(addr)
	if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("invalid TVAULT_ADDR %q: want unix:PATH or https://HOST[:PORT]", addr)
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS13}
	tr.HTTP2 = &http.HTTP2Config{MaxReadFrameSize: http2FrameSize}
	c.streams = &http.Client{Transport: streamTransport(tr)}
	c.base = "https://" + u.Host
	return c, nil
}

// dialUnix connects to the daemon's unix socket.
func (c *Client) dialUnix(ctx context.Context) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "unix", c.socket)
}

// streamBufferSize is the size of the buffers of an HTTP/1.1 stream's
// connection: the default 4 KiB would send an upload in 4 KiB TLS
// records, since tls.Conn has no ReadFrom.
const streamBufferSize = 64 << 10

// streamTransport returns a copy of tr, an HTTPS transport, that speaks
// HTTP/1.1 only (ALPN http/1.1), with the same TLS configuration and
// certificate checks. Over HTTP/2 every byte of a stream also passes
// net/http's framer, its body pipe and its flow-control hand-offs on both
// sides; over HTTP/1.1 it goes from TLS to the reader. A 1 GiB attach
// through tvaultd took 0.4 to 0.9 s less CPU (CLI and daemon) and a get
// 0.2 to 0.5 s less; in wall time, on a machine shared at load 7 to 16,
// neither was faster than over HTTP/2 (docs/BENCHMARKS.md, session 13),
// and on an idle one, where two cores bound a transfer, its CPU is what
// counts. Requests other than streams keep HTTP/2's one multiplexed
// connection.
func streamTransport(tr *http.Transport) *http.Transport {
	st := tr.Clone()
	st.Protocols = new(http.Protocols)
	st.Protocols.SetHTTP1(true)
	// Clone has set tr up for HTTP/2: its ALPN offer and its upgrade.
	st.TLSClientConfig.NextProtos = []string{"http/1.1"}
	st.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	st.WriteBufferSize, st.ReadBufferSize = streamBufferSize, streamBufferSize
	return st
}

// Close releases the client's idle connections. It never fails; it has
// the signature of service.Service's Close.
func (c *Client) Close() error {
	c.hc.CloseIdleConnections()
	c.streams.CloseIdleConnections()
	return nil
}

// request sends a request with hc and returns the response if it
// succeeded; an error response becomes the error it carries.
func (c *Client) request(ctx context.Context, method, path string, q url.Values, body io.Reader, ctype string) (*http.Response, error) {
	return c.requestWith(ctx, c.hc, method, path, q, body, ctype)
}

// requestWith is request, sent with hc.
func (c *Client) requestWith(ctx context.Context, hc *http.Client, method, path string, q url.Values, body io.Reader, ctype string) (*http.Response, error) {
	u := c.base + api.Version + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return c.do(hc, req)
}

// do sends req with hc and the client's token and returns the response
// if it succeeded; an error response becomes the error it carries.
//
// A request the daemon answers busy (503, ErrBusy) is sent again, as
// c.retry says, if its body can be sent again (it has none, or GetBody):
// the daemon refuses a request as busy before it does anything with it,
// so that even a put, which must not be stored twice, provably did not
// start. No other failure is retried here (net/http itself resends an
// idempotent request whose connection broke before any answer).
func (c *Client) do(hc *http.Client, req *http.Request) (*http.Response, error) {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if reason := service.ReasonFrom(req.Context()); reason != "" {
		req.Header.Set(api.HeaderReason, url.PathEscape(reason))
	}
	for try := 0; ; try++ {
		resp, err := hc.Do(req)
		if err != nil {
			return nil, fmt.Errorf("failed to reach tvaultd: %w", err)
		}
		if resp.StatusCode < 300 {
			return resp, nil
		}
		err = responseError(resp)
		resp.Body.Close()
		wait, ok := c.retry.wait(try, resp, err)
		if !ok || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
			return nil, err
		}
		t := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
		if req, err = again(req); err != nil {
			return nil, err
		}
	}
}

// wait returns how long to wait before try+1 of a request answered with
// resp and its error err, and false if it is not to be sent again.
func (p retryPolicy) wait(try int, resp *http.Response, err error) (time.Duration, bool) {
	if !errors.Is(err, ErrBusy) || try >= p.tries {
		return 0, false
	}
	backoff := p.base << try
	// Full jitter over the upper half, so that the clients turned away
	// together do not all come back together.
	d := backoff/2 + rand.N(backoff/2+1)
	if after, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
		if after > p.maxWait {
			return 0, false
		}
		d = max(d, after)
	}
	return min(d, p.maxWait), true
}

// retryAfter parses a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(h, 10, 32); err == nil {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// again returns req to be sent once more, with a new copy of its body.
func again(req *http.Request) (*http.Request, error) {
	next := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		next.Body = body
	}
	return next, nil
}

func responseError(resp *http.Response) error {
	var e api.Error
	data, _ := io.ReadAll(io.LimitReader(resp.Body, api.MaxBody))
	if err := json.Unmarshal(data, &e); err != nil || e.Code == "" {
		return fmt.Errorf("tvaultd answered %s", resp.Status)
	}
	return e.Err()
}

// call sends in (if not nil) as JSON and decodes the response into out
// (if not nil).
func (c *Client) call(ctx context.Context, method, path string, q url.Values, in, out any) error {
	body, ctype, err := jsonBody(in)
	if err != nil {
		return err
	}
	resp, err := c.request(ctx, method, path, q, body, ctype)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		return nil
	}
	// A response that gives its length (a record's view) is read into one
	// buffer of that size, where json.Decoder would grow its own by
	// doubling: a view may be 40 MiB.
	var data []byte
	if n := resp.ContentLength; n > 0 && n <= maxSized {
		data = make([]byte, n)
		_, err = io.ReadFull(resp.Body, data)
	} else {
		data, err = io.ReadAll(resp.Body)
	}
	if err != nil {
		return fmt.Errorf("failed to read the response from tvaultd: %w", err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("malformed response from tvaultd: %w", err)
	}
	return nil
}

// jsonBody returns the JSON body of in and its content type; none if in
// is nil.
func jsonBody(in any) (io.Reader, string, error) {
	if in == nil {
		return nil, "", nil
	}
	b, err := json.Marshal(in)
	if err != nil {
		return nil, "", err
	}
	return bytes.NewReader(b), "application/json", nil
}

// maxSized bounds the buffer call makes for a response of a given length
// before reading it; a longer one is read as it comes.
const maxSized = 256 << 20

// raw sends a request and returns the whole response body.
func (c *Client) raw(ctx context.Context, method, path string, in any) ([]byte, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	resp, err := c.request(ctx, method, path, nil, body, "application/json")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("failed to read response from tvaultd: %w", err)
	}
	return data, nil
}

// stream calls fn with each line of a JSON Lines response and checks the
// trailers: a stream is complete only if the daemon says how many lines it
// sent, and that many arrived.
func (c *Client) stream(ctx context.Context, path string, q url.Values, fn func(line []byte) error) (int, error) {
	return c.streamRequest(ctx, http.MethodGet, path, q, nil, fn)
}

// streamRequest is stream of a request with a method and a JSON body in
// (none if nil).
func (c *Client) streamRequest(ctx context.Context, method, path string, q url.Values, in any, fn func(line []byte) error) (int, error) {
	body, ctype, err := jsonBody(in)
	if err != nil {
		return 0, err
	}
	resp, err := c.request(ctx, method, path, q, body, ctype)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 64<<20)
	n := 0
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return n, err
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("stream from tvaultd broke off after %d lines: %w", n, err)
	}
	if code := resp.Trailer.Get(api.TrailerErrorCode); code != "" {
		e := api.Error{Code: code, Message: resp.Trailer.Get(api.TrailerError)}
		return n, e.Err()
	}
	if got := resp.Trailer.Get(api.TrailerCount); got != strconv.Itoa(n) {
		return n, fmt.Errorf("stream from tvaultd is incomplete: %d lines of %q", n, got)
	}
	return n, nil
}

// Health reports whether the daemon's vault is sealed. It needs no token.
func (c *Client) Health(ctx context.Context) (sealed bool, err error) {
	var h api.Health
	err = c.call(ctx, http.MethodGet, "/health", nil, nil, &h)
	return h.Sealed, err
}

// Unseal opens the daemon's vault with its passphrase. It needs no
// token. A wrong passphrase fails with service.ErrWrongPassphrase.
func (c *Client) Unseal(ctx context.Context, passphrase string) error {
	return c.call(ctx, http.MethodPost, "/operator/unseal", nil, api.Unseal{Passphrase: passphrase}, nil)
}

// Operators returns the operator set of a daemon's keyring sealed to
// operators, with each one's encrypted share; service.ErrNotSealedToOperators
// for one sealed with a passphrase. It needs no token.
func (c *Client) Operators(ctx context.Context) (*api.Operators, error) {
	var out api.Operators
	if err := c.call(ctx, http.MethodGet, "/operator/shares", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SubmitShare gives a sealed daemon one operator's share, decrypted by the
// operator, and returns its state: unsealed once the shares it holds
// reach the threshold. A share of no operator fails with
// service.ErrUnknownShare. It needs no token.
func (c *Client) SubmitShare(ctx context.Context, share []byte) (api.Health, error) {
	var out api.Health
	err := c.call(ctx, http.MethodPost, "/operator/unseal", nil, api.Unseal{Share: share}, &out)
	return out, err
}

// Seal closes the daemon's vault, dropping its keys from memory, and
// returns how many requests in flight it cut off at its deadline. It needs
// an administrator's token.
func (c *Client) Seal(ctx context.Context) (canceled int, err error) {
	var out api.Sealed
	if err := c.call(ctx, http.MethodPost, "/operator/seal", nil, nil, &out); err != nil {
		return 0, err
	}
	return out.Canceled, nil
}

// Put is service.Service.Put.
func (c *Client) Put(ctx context.Context, docs []*testimony.Testimony) ([]string, []service.AliasNote, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, d := range docs {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(d.Canonical())
	}
	buf.WriteByte(']')
	resp, err := c.request(ctx, http.MethodPost, "/records", nil, &buf, "application/json")
	if err != nil {
		return nil, nil, err
	}
	return putResponse(resp)
}

// putResponse decodes the response of a put, and closes it.
func putResponse(resp *http.Response) ([]string, []service.AliasNote, error) {
	defer resp.Body.Close()
	var out api.Put
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, nil, fmt.Errorf("malformed response from tvaultd: %w", err)
	}
	return out.IDs, out.Notes, nil
}

// PutBatch is service.Service.PutBatch. The testimonies go to tvaultd as
// next yields them, each compacted to one line of JSON Lines (POST
// /v1/records/batch), so that memory stays flat whatever their number;
// tvaultd stores them as they arrive and answers once all are committed.
// An error of next fails the request, and is the one returned.
func (c *Client) PutBatch(ctx context.Context, next service.BatchSource) ([]string, []service.AliasNote, error) {
	pr, pw := io.Pipe()
	var srcErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		srcErr = sendBatch(pw, next)
		pw.CloseWithError(srcErr)
	}()
	// NopCloser keeps the transport from closing pr while the writer
	// still writes: the writer is stopped below.
	resp, err := c.request(ctx, http.MethodPost, "/records/batch", nil, io.NopCloser(pr), "application/jsonl")
	ended := errors.New("request ended")
	pr.CloseWithError(ended)
	<-done
	if srcErr != nil && !errors.Is(srcErr, ended) {
		if err == nil {
			resp.Body.Close()
		}
		return nil, nil, srcErr
	}
	if err != nil {
		return nil, nil, err
	}
	return putResponse(resp)
}

// sendBatch writes the testimonies of next to w, one compacted a line.
func sendBatch(w io.Writer, next service.BatchSource) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var line bytes.Buffer
	for {
		name, data, err := next()
		if errors.Is(err, io.EOF) {
			return bw.Flush()
		}
		if err != nil {
			return err
		}
		line.Reset()
		if err := json.Compact(&line, data); err != nil {
			return &testimony.ParseError{File: name, Err: err}
		}
		line.WriteByte('\n')
		if _, err := bw.Write(line.Bytes()); err != nil {
			return err
		}
	}
}

// Replace is service.Service.Replace.
func (c *Client) Replace(ctx context.Context, id string, doc *testimony.Testimony) (int, []service.AliasNote, error) {
	resp, err := c.request(ctx, http.MethodPut, recordPath(id), nil, bytes.NewReader(doc.Canonical()), "application/json")
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out api.Replace
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, nil, fmt.Errorf("malformed response from tvaultd: %w", err)
	}
	return out.Version, out.Notes, nil
}

// Get is service.Service.Get.
func (c *Client) Get(ctx context.Context, id string) (*service.Record, error) {
	var rec service.Record
	if err := c.call(ctx, http.MethodGet, recordPath(id), nil, nil, &rec); err != nil {
		return nil, err
	}
	if rec.ID != id {
		return nil, &service.IntegrityError{ID: id, Err: fmt.Errorf("tvaultd sent record %s", rec.ID)}
	}
	return &rec, nil
}

// GetVersion is service.Service.GetVersion.
func (c *Client) GetVersion(ctx context.Context, id string, n int) (*service.Record, error) {
	var rec service.Record
	if err := c.call(ctx, http.MethodGet, recordPath(id), url.Values{"version": {strconv.Itoa(n)}}, nil, &rec); err != nil {
		return nil, err
	}
	if rec.ID != id || rec.Version != n {
		return nil, &service.IntegrityError{ID: id, Err: fmt.Errorf("tvaultd sent record %s version %d", rec.ID, rec.Version)}
	}
	return &rec, nil
}

// History is service.Service.History.
func (c *Client) History(ctx context.Context, id string) ([]service.Version, error) {
	var out []service.Version
	if err := c.call(ctx, http.MethodGet, recordPath(id)+"/history", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Search is service.Service.Search. The query goes in the body of a
// POST, never in the URL, which proxies and logs keep.
func (c *Client) Search(ctx context.Context, q service.SearchQuery) ([]service.Summary, error) {
	var out []service.Summary
	if err := c.call(ctx, http.MethodPost, "/search", nil, q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Erase is service.Service.Erase.
func (c *Client) Erase(ctx context.Context, id string, o service.EraseOptions) (*service.Erasure, error) {
	var out service.Erasure
	if err := c.call(ctx, http.MethodPost, recordPath(id)+"/erase", nil, o, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RetentionPlan is service.Service.RetentionPlan.
func (c *Client) RetentionPlan(ctx context.Context) ([]service.RetentionItem, error) {
	var out []service.RetentionItem
	if err := c.call(ctx, http.MethodGet, "/retention/plan", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// RetentionApply is service.Service.RetentionApply.
func (c *Client) RetentionApply(ctx context.Context) ([]service.RetentionItem, error) {
	var out []service.RetentionItem
	if err := c.call(ctx, http.MethodPost, "/retention/apply", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetView is service.Service.GetView.
func (c *Client) GetView(ctx context.Context, id, viewName, domain string) (*view.Record, error) {
	q := url.Values{"view": {viewName}}
	if domain != "" {
		q.Set("domain", domain)
	}
	var out view.Record
	if err := c.call(ctx, http.MethodGet, recordPath(id), q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// List is service.Service.List.
func (c *Client) List(ctx context.Context, domain string) ([]service.Summary, error) {
	var out []service.Summary
	err := c.ListRecords(ctx, service.ListOptions{Domain: domain}, func(s service.Summary) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListRecords is service.Service.ListRecords. Summaries arrive one at a
// time as the daemon selects them; fn's error stops the stream.
func (c *Client) ListRecords(ctx context.Context, o service.ListOptions, fn func(service.Summary) error) error {
	q := url.Values{}
	if o.Domain != "" {
		q.Set("domain", o.Domain)
	}
	if o.After != "" {
		q.Set("after", o.After)
	}
	if o.Limit != 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := c.stream(ctx, "/records", q, func(line []byte) error {
		var s service.Summary
		if err := json.Unmarshal(line, &s); err != nil {
			return fmt.Errorf("malformed record summary from tvaultd: %w", err)
		}
		return fn(s)
	})
	return err
}

// ExportRaw is service.Service.ExportRaw.
func (c *Client) ExportRaw(ctx context.Context, id string) ([]byte, error) {
	return c.raw(ctx, http.MethodGet, recordPath(id)+"/raw", nil)
}

// Export is service.Service.Export. Records arrive one at a time as the daemon
// renders them; fn's error stops the stream.
func (c *Client) Export(ctx context.Context, o service.ExportOptions, fn func(*view.Record) error) (int, error) {
	q := url.Values{"view": {o.View}, "purpose": {o.Purpose}}
	if o.Domain != "" {
		q.Set("domain", o.Domain)
	}
	// Cancelling stops the daemon's work when fn gives up early.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return c.stream(ctx, "/export", q, func(line []byte) error {
		var rec view.Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("malformed record from tvaultd: %w", err)
		}
		return fn(&rec)
	})
}

// Persons is service.Service.Persons.
func (c *Client) Persons(ctx context.Context) ([]*service.Person, error) {
	var out []*service.Person
	if err := c.call(ctx, http.MethodGet, "/persons", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// PersonByKey is service.Service.PersonByKey.
func (c *Client) PersonByKey(ctx context.Context, witnessKey string) (*service.Person, error) {
	var out service.Person
	if err := c.call(ctx, http.MethodGet, "/persons/"+url.PathEscape(witnessKey), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// MergePersons is service.Service.MergePersons.
func (c *Client) MergePersons(ctx context.Context, key, keepKey string) (*service.Person, error) {
	var out service.Person
	if err := c.call(ctx, http.MethodPost, "/persons/merge", nil, api.Merge{Key: key, KeepKey: keepKey}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// EditPerson is service.Service.EditPerson.
func (c *Client) EditPerson(ctx context.Context, witnessKey string, f *testimony.Person) (*service.Person, error) {
	// The body is a person of the import format, which has a key.
	body := *f
	body.Key = cmp.Or(body.Key, witnessKey)
	var out service.Person
	if err := c.call(ctx, http.MethodPut, "/persons/"+url.PathEscape(witnessKey), nil, &body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Reidentify is service.Service.Reidentify.
func (c *Client) Reidentify(ctx context.Context, p, domain, reason string) (*service.Person, error) {
	var out service.Person
	if err := c.call(ctx, http.MethodPost, "/reidentify", nil, api.Reidentify{Pseudonym: p, Domain: domain, Reason: reason}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// WithdrawConsent is service.Service.WithdrawConsent.
func (c *Client) WithdrawConsent(ctx context.Context, witnessKey, scope, reason string) (*service.PersonConsent, error) {
	return c.changeConsent(ctx, "withdraw", witnessKey, scope, reason)
}

// GrantConsent is service.Service.GrantConsent.
func (c *Client) GrantConsent(ctx context.Context, witnessKey, scope, reason string) (*service.PersonConsent, error) {
	return c.changeConsent(ctx, "grant", witnessKey, scope, reason)
}

func (c *Client) changeConsent(ctx context.Context, change, witnessKey, scope, reason string) (*service.PersonConsent, error) {
	var out service.PersonConsent
	path := "/persons/" + url.PathEscape(witnessKey) + "/consent/" + change
	if err := c.call(ctx, http.MethodPost, path, nil, api.Consent{Scope: scope, Reason: reason}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PersonConsent is service.Service.PersonConsent.
func (c *Client) PersonConsent(ctx context.Context, witnessKey string) (*service.PersonConsent, error) {
	var out service.PersonConsent
	if err := c.call(ctx, http.MethodGet, "/persons/"+url.PathEscape(witnessKey)+"/consent", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RedactCheck is service.Service.RedactCheck.
func (c *Client) RedactCheck(ctx context.Context, id string) (*service.RedactReport, error) {
	var out service.RedactReport
	if err := c.call(ctx, http.MethodGet, recordPath(id)+"/redact-check", nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Record == nil || out.Record.ID != id || out.View == nil {
		return nil, &service.IntegrityError{ID: id, Err: errors.New("tvaultd sent another record or none")}
	}
	return &out, nil
}

// AuditLog is service.Service.AuditLog.
func (c *Client) AuditLog(ctx context.Context, f service.AuditFilter, fn func(*audit.Entry) error) error {
	q := url.Values{}
	for name, v := range map[string]string{"actor": f.Actor, "action": f.Action, "target": f.Target} {
		if v != "" {
			q.Set(name, v)
		}
	}
	for name, t := range map[string]time.Time{"since": f.Since, "until": f.Until} {
		if !t.IsZero() {
			q.Set(name, t.Format(time.RFC3339Nano))
		}
	}
	if f.From != 0 {
		q.Set("from", strconv.FormatInt(f.From, 10))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := c.stream(ctx, "/audit/log", q, func(line []byte) error {
		var e audit.Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return fmt.Errorf("malformed audit entry from tvaultd: %w", err)
		}
		return fn(&e)
	})
	return err
}

// AuditCheckpoint is service.Service.AuditCheckpoint.
func (c *Client) AuditCheckpoint(ctx context.Context) ([]byte, error) {
	return c.raw(ctx, http.MethodPost, "/audit/checkpoint", nil)
}

// AuditVerifierKey is service.Service.AuditVerifierKey. It asks the daemon, so
// it can fail like any request; an auditor keeps the key it returns.
func (c *Client) AuditVerifierKey(ctx context.Context) (string, error) {
	var k api.Key
	if err := c.call(ctx, http.MethodGet, "/audit/key", nil, nil, &k); err != nil {
		return "", err
	}
	return k.Key, nil
}

// AuditExport is service.Service.AuditExport.
func (c *Client) AuditExport(ctx context.Context, w io.Writer) error {
	return c.download(ctx, "/audit/export", nil, w)
}

// AuditVerify is service.Service.AuditVerify. The daemon verifies its own
// store; an auditor who does not trust it verifies an export offline.
func (c *Client) AuditVerify(ctx context.Context, old []byte) (*audit.Report, error) {
	var rep audit.Report
	if err := c.call(ctx, http.MethodPost, "/audit/verify", nil, api.Verify{Checkpoint: string(old)}, &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}

// Check is service.Service.Check. The daemon checks its own vault; opts'
// Progress and Background are not sent.
func (c *Client) Check(ctx context.Context, opts service.CheckOptions) (*service.CheckReport, error) {
	var rep service.CheckReport
	if err := c.call(ctx, http.MethodPost, "/check", nil, api.Check{ReadData: opts.ReadData}, &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}

// AuditProve is service.Service.AuditProve.
func (c *Client) AuditProve(ctx context.Context, seq int64) ([]byte, error) {
	return c.raw(ctx, http.MethodPost, "/audit/prove", api.Prove{Seq: seq})
}

// AuditHash is service.Service.AuditHash. The value travels in the request
// body, never in the URL.
func (c *Client) AuditHash(ctx context.Context, value string) (string, error) {
	var h api.Hash
	if err := c.call(ctx, http.MethodPost, "/audit/hash", nil, api.Hash{Value: value}, &h); err != nil {
		return "", err
	}
	return h.MAC, nil
}

// Policy is service.Service.Policy.
func (c *Client) Policy(ctx context.Context) (*policy.Policy, error) {
	data, err := c.raw(ctx, http.MethodGet, "/policy", nil)
	if err != nil {
		return nil, err
	}
	// The policy in force, as the vault holds it: one stored before
	// policy.ErrResearcherGrant is read too (the vault enforces the rule).
	return policy.Decode(bytes.NewReader(data))
}

// SetPolicy is service.Service.SetPolicy.
func (c *Client) SetPolicy(ctx context.Context, p *policy.Policy) error {
	resp, err := c.request(ctx, http.MethodPut, "/policy", nil, bytes.NewReader(p.Marshal()), "application/json")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// AddUser is service.Service.AddUser.
func (c *Client) AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error) {
	req := api.AddUser{Name: name, Role: role}
	if expires != 0 {
		req.Expires = expires.String()
	}
	var t api.Token
	if err := c.call(ctx, http.MethodPost, "/users", nil, req, &t); err != nil {
		return "", err
	}
	return t.Token, nil
}

// Users is service.Service.Users.
func (c *Client) Users(ctx context.Context) ([]service.User, error) {
	var out []service.User
	if err := c.call(ctx, http.MethodGet, "/users", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeUser is service.Service.RevokeUser.
func (c *Client) RevokeUser(ctx context.Context, name string) error {
	return c.call(ctx, http.MethodPost, "/users/"+url.PathEscape(name)+"/revoke", nil, nil, nil)
}

// RotateToken is service.Service.RotateToken.
func (c *Client) RotateToken(ctx context.Context, name string) (string, error) {
	var t api.Token
	if err := c.call(ctx, http.MethodPost, "/users/"+url.PathEscape(name)+"/token", nil, nil, &t); err != nil {
		return "", err
	}
	return t.Token, nil
}

// Escrow is service.Service.Escrow.
func (c *Client) Escrow(ctx context.Context) (*service.EscrowSet, error) {
	var out service.EscrowSet
	if err := c.call(ctx, http.MethodGet, "/escrow", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// EscrowAdd is service.Service.EscrowAdd.
func (c *Client) EscrowAdd(ctx context.Context, recipient string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return c.escrowChange(ctx, "/escrow/add", recipient, progress)
}

// EscrowRemove is service.Service.EscrowRemove.
func (c *Client) EscrowRemove(ctx context.Context, recipient string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return c.escrowChange(ctx, "/escrow/remove", recipient, progress)
}

// Rekey is service.Service.Rekey.
func (c *Client) Rekey(ctx context.Context, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return c.escrowChange(ctx, "/rekey", "", progress)
}

// escrowChange reads the daemon's progress reports of an escrow change
// (streamReports).
func (c *Client) escrowChange(ctx context.Context, path, recipient string, progress func(service.EscrowReport)) (*service.EscrowReport, error) {
	return streamReports(ctx, c, path, api.Escrow{Recipient: recipient}, progress)
}

// streamReports posts in to path and reads the daemon's progress reports,
// one a line, the last of them the final one.
func streamReports[T any](ctx context.Context, c *Client, path string, in any, progress func(T)) (*T, error) {
	var last *T
	_, err := c.streamRequest(ctx, http.MethodPost, path, nil, in, func(line []byte) error {
		var rep T
		if err := json.Unmarshal(line, &rep); err != nil {
			return fmt.Errorf("malformed progress from tvaultd: %w", err)
		}
		if last != nil && progress != nil {
			progress(*last)
		}
		last = &rep
		return nil
	})
	if err == nil && last == nil {
		err = errors.New("tvaultd sent no report")
	}
	if err != nil {
		return nil, err
	}
	return last, nil
}

// Migrations is service.Service.Migrations.
func (c *Client) Migrations(ctx context.Context) ([]service.Migration, error) {
	var out []service.Migration
	if err := c.call(ctx, http.MethodGet, "/migrations", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ApplyMigration is service.Service.ApplyMigration.
func (c *Client) ApplyMigration(ctx context.Context, name string, progress func(service.MigrationReport)) (*service.MigrationReport, error) {
	return streamReports(ctx, c, "/migrations/"+url.PathEscape(name), nil, progress)
}

// GrantDomain is service.Service.GrantDomain.
func (c *Client) GrantDomain(ctx context.Context, domain, user string) error {
	return c.call(ctx, http.MethodPost, domainPath(domain)+"/grant", nil, api.Grant{User: user}, nil)
}

// RevokeDomain is service.Service.RevokeDomain.
func (c *Client) RevokeDomain(ctx context.Context, domain, user string) error {
	return c.call(ctx, http.MethodPost, domainPath(domain)+"/revoke", nil, api.Grant{User: user}, nil)
}

// Domains is service.Service.Domains.
func (c *Client) Domains(ctx context.Context, user string) ([]service.DomainGrant, error) {
	var q url.Values
	if user != "" {
		q = url.Values{"user": {user}}
	}
	var out []service.DomainGrant
	if err := c.call(ctx, http.MethodGet, "/domains", q, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// domainPath is the path of a domain, escaped as recordPath escapes IDs.
func domainPath(domain string) string { return "/domains/" + url.PathEscape(domain) }

// attachmentPath is the path of attachment attID of record recordID. The
// attachment ID is escaped: the vault checks it, and nothing in it may
// change which route the request takes.
func attachmentPath(recordID, attID string) string {
	return recordPath(recordID) + "/attachments/" + url.PathEscape(attID)
}

// recordPath is the path of record id. The ID is escaped: the vault checks
// it, and nothing in it may change which route the request takes.
func recordPath(id string) string { return "/records/" + url.PathEscape(id) }

// Attach is service.Service.Attach. r is the request body as it is, streamed:
// memory does not grow with the file. r is not closed.
func (c *Client) Attach(ctx context.Context, recordID string, r io.Reader, kind, note, mediaType string) (*service.Attachment, error) {
	q := url.Values{}
	if kind != "" {
		q.Set("kind", kind)
	}
	if mediaType != "" {
		q.Set("type", mediaType)
	}
	u := c.base + api.Version + recordPath(recordID) + "/attachments"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	// NopCloser keeps the transport from closing a file the caller owns.
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, io.NopCloser(r))
	if err != nil {
		return nil, err
	}
	// The length of a regular file is known: sent with it, the body goes
	// without chunked encoding, and the daemon reads it in large pieces
	// (a 1 GiB attach took 1.2 s chunked, 0.9 to 1.0 s so). A file that
	// shrinks meanwhile fails the request instead of storing less.
	if f, n, ok := regularFile(r); ok {
		req.ContentLength = n
		req.Body = fileBody{f}
		if n == 0 {
			req.Body = http.NoBody // else the transport takes 0 as unknown
		}
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	if note != "" {
		req.Header.Set(api.HeaderNote, url.PathEscape(note))
	}
	resp, err := c.do(c.streams, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var att service.Attachment
	if err := json.NewDecoder(resp.Body).Decode(&att); err != nil {
		return nil, fmt.Errorf("malformed response from tvaultd: %w", err)
	}
	return &att, nil
}

// regularFile returns r as a regular file and how many bytes are left to
// read from it, if it is one.
func regularFile(r io.Reader) (*os.File, int64, bool) {
	f, ok := r.(*os.File)
	if !ok {
		return nil, 0, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, 0, false
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil || off > fi.Size() {
		return nil, 0, false
	}
	return f, fi.Size() - off, true
}

// fileBody is an upload's body that is a regular file: the transport
// does not close it (the caller owns it), and a unix socket connection
// sends it with sendfile (sendfile_linux.go).
type fileBody struct{ f *os.File }

func (b fileBody) Read(p []byte) (int, error) { return b.f.Read(p) }
func (fileBody) Close() error                 { return nil }

// Attachments is service.Service.Attachments.
func (c *Client) Attachments(ctx context.Context, recordID string) ([]service.Attachment, error) {
	var out []service.Attachment
	if err := c.call(ctx, http.MethodGet, recordPath(recordID)+"/attachments", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// AttachmentGet is service.Service.AttachmentGet. The bytes are copied to w as
// they arrive; the daemon checks the size and SHA-256 at the end, and a
// failure then (or a stream cut short) is returned after w was written
// to, as in local mode: a caller writing to a file removes it.
//
// Over the unix socket, if w is a regular file (an *os.File, or a writer
// whose Unwrap chain ends at one, such as package pagewrite's), the
// daemon is asked to write the bytes into it itself: the file's
// descriptor goes with the request (SCM_RIGHTS, getInto), and the bytes
// skip the socket. The file's offset moves on as if w had been written
// to. If the daemon refuses the descriptor, or is older and streams,
// the bytes come over the socket into w.
func (c *Client) AttachmentGet(ctx context.Context, recordID, attID string, w io.Writer) error {
	path := attachmentPath(recordID, attID)
	if f, ok := regularOutput(w); ok && c.socket != "" {
		if err := c.getInto(ctx, path, f, w); !errors.Is(err, api.ErrDescriptor) {
			return err
		}
	}
	return c.download(ctx, path, nil, w)
}

// regularOutput returns the regular file that w writes to, if it is one:
// w itself, or what its Unwrap chain ends at.
func regularOutput(w io.Writer) (*os.File, bool) {
	for {
		switch t := w.(type) {
		case *os.File:
			fi, err := t.Stat()
			return t, err == nil && fi.Mode().IsRegular()
		case interface{ Unwrap() io.Writer }:
			w = t.Unwrap()
		default:
			return nil, false
		}
	}
}

// AttachmentRange is service.Service.AttachmentRange; end < 0 means the end of
// the file.
func (c *Client) AttachmentRange(ctx context.Context, recordID, attID string, start, end int64, w io.Writer) error {
	rng := url.Values{"range": {service.FormatRange(start, end)}}
	return c.download(ctx, attachmentPath(recordID, attID), rng, w)
}

// AttachmentRaw is service.Service.AttachmentRaw.
func (c *Client) AttachmentRaw(ctx context.Context, recordID, attID string, w io.Writer) error {
	return c.download(ctx, attachmentPath(recordID, attID)+"/raw", nil, w)
}

// http2FrameSize is the largest HTTP/2 frame the client accepts. The
// transport's default is the protocol's minimum, 16 KiB, and tvaultd
// sends a response one frame at a time, each written by a goroutine of
// its own and each waited for before the next. In frames of 1 MiB a 1 GiB
// get through tvaultd over HTTP/2 took 0.5 s (14 %) less CPU, both sides
// together (docs/BENCHMARKS.md, session 9); byte streams now go over
// HTTP/1.1 (streamTransport), and long listings and logs still come in
// fewer frames. The cost is a read buffer of up to 1 MiB per connection.
const http2FrameSize = 1 << 20

// downloadBufferSize is the unit of an attachment download's copy.
const downloadBufferSize = 1 << 20

// download copies a byte stream to w and checks its trailers: it is complete
// only if the daemon says how many bytes it sent, and that many arrived.
func (c *Client) download(ctx context.Context, path string, q url.Values, w io.Writer) error {
	// Cancelling stops the daemon's work when w fails.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	resp, err := c.requestWith(ctx, c.streams, http.MethodGet, path, q, nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return copyStream(resp, w)
}

// copyStream copies the byte stream of resp to w and checks its trailers
// (download).
func copyStream(resp *http.Response, w io.Writer) error {
	// Large reads and writes: the default 32 KiB copy costs the CLI twice
	// the system calls of the daemon's 1 MiB writes. Hiding w's ReadFrom
	// keeps an *os.File from falling back to its own 32 KiB copy.
	n, err := io.CopyBuffer(struct{ io.Writer }{w}, &bodyReader{resp.Body}, make([]byte, downloadBufferSize))
	if err != nil {
		var re *readError
		if errors.As(err, &re) {
			return fmt.Errorf("stream from tvaultd broke off after %d bytes: %w", n, re.err)
		}
		return err
	}
	return streamOutcome(resp, n)
}

// streamOutcome returns the outcome in the trailers of a byte stream of
// which n bytes arrived: the error they carry, or one if they do not say
// that n bytes were sent.
func streamOutcome(resp *http.Response, n int64) error {
	if code := resp.Trailer.Get(api.TrailerErrorCode); code != "" {
		e := api.Error{Code: code, Message: resp.Trailer.Get(api.TrailerError)}
		return e.Err()
	}
	if got := resp.Trailer.Get(api.TrailerCount); got != strconv.FormatInt(n, 10) {
		return fmt.Errorf("stream from tvaultd is incomplete: %d bytes of %q", n, got)
	}
	return nil
}

// bodyReader tells a failure to read a response body from a failure of
// the writer it is copied to.
type bodyReader struct{ r io.Reader }

type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// Backup is service.Service.Backup, streamed as AttachmentGet is.
func (c *Client) Backup(ctx context.Context, w io.Writer) error {
	return c.download(ctx, "/backup", nil, w)
}

var _ service.Service = (*Client)(nil)
