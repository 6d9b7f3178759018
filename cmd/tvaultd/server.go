package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/internal/gcpace"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

// config holds what a server is built with; tests lower the limits.
type config struct {
	dir       string
	transport string // "unix", "https" or "http" (loopback only)
	log       *slog.Logger
	// maxInFlight bounds the requests being served that use the vault;
	// more wait up to queueWait in a queue as long (pool), then get 503.
	maxInFlight int
	queueWait   time.Duration
	// scanPlaces bounds the requests that read the whole vault (scanned);
	// more wait up to scanWait, as many as maxInFlight, then get 503.
	scanPlaces int
	scanWait   time.Duration
	// anonReadTimeout bounds reading the body of a request that takes
	// no token (unseal), from when it has a place (anonRequests).
	anonReadTimeout time.Duration
	// authFailures failed authentications per client network, or per
	// user, in authWindow, put that network or user over its rate limit.
	authFailures int
	authWindow   time.Duration
	// sealTimeout is how long a seal, or a shutdown, lets the requests in
	// flight run before it cuts them off.
	sealTimeout time.Duration
	// closeTimeout is how long a seal, or a shutdown, then waits for the
	// vault to close (closeWithin); 0 is the daemon's closeTimeout.
	closeTimeout time.Duration
	// scrubInterval is how often the vault is checked in the background;
	// 0 never.
	scrubInterval time.Duration
	// shareTimeout is how long a sealed daemon holds operators' shares
	// while fewer than its keyring's threshold have arrived (shares.go).
	shareTimeout time.Duration
	// retentionInterval is how often what the retention rules say is due
	// is erased; 0 never (the default: nothing is erased by a rule alone).
	retentionInterval time.Duration
}

// server serves the API over one vault, which it holds open (unsealed)
// or not (sealed).
type server struct {
	cfg config
	mux *http.ServeMux
	// requests are the places of the routes that authenticate; anon,
	// a few, of those that cannot (unseal), whose bodies get
	// cfg.anonReadTimeout, so that anonymous clients, however slow or many,
	// cannot hold the places of authenticated users.
	requests, anon *pool
	// scans are the places of the routes that read the whole vault
	// (scanned), taken beside a request's place.
	scans   *pool
	limiter *limiter

	// cur is the open session, nil while sealed. Requests read it
	// without waiting, whatever a seal or unseal is doing: health never
	// waits, and a request during a seal is refused at once.
	cur atomic.Pointer[session]

	// sealMu lets one unseal, seal or close run at a time, so that
	// guessing the passphrase goes no faster than one scrypt at a time,
	// and the vault is opened again only once the last session has
	// closed it. It guards the fields below, and the changes of cur.
	sealMu sync.Mutex
	// closed is set by close: the daemon is stopping, and no unseal may
	// open the vault again.
	closed bool
	// failedUnseals counts wrong passphrases since the vault was last
	// unsealed. They cannot be written to the log of a sealed vault, so
	// the next unseal records them (see docs/API.md).
	failedUnseals int
	firstFailure  time.Time
	lastFailure   time.Time
	// shares are the operators' shares held, and the submissions the
	// next unseal records (shares.go); progress is what health says of
	// them, read without waiting, nil if none is held.
	shares   shares
	progress atomic.Pointer[api.Health]
}

func newServer(cfg config) *server {
	s := &server{cfg: cfg, mux: http.NewServeMux(),
		requests: newPool(cfg.maxInFlight, cfg.maxInFlight, cfg.queueWait), anon: newPool(anonRequests, anonRequests, cfg.queueWait),
		scans:   newPool(cfg.scanPlaces, cfg.maxInFlight, cfg.scanWait),
		limiter: newLimiter(cfg.authFailures, cfg.authWindow)}
	s.routes()
	return s
}

// open installs an unsealed vault, recording the unseal by ctx's actor
// with the failed attempts before it. If the unseal cannot be recorded,
// the vault is closed again: a vault that cannot audit serves nothing.
// s.sealMu is held.
func (s *server) open(ctx context.Context, v *vault.Vault) error {
	attrs := map[string]string{"failed-attempts": strconv.Itoa(s.failedUnseals)}
	if s.failedUnseals > 0 {
		attrs["first-failure"] = s.firstFailure.Format(time.RFC3339)
		attrs["last-failure"] = s.lastFailure.Format(time.RFC3339)
	}
	if by := v.UnsealedBy(); by != nil {
		attrs["shares"] = vault.OperatorNumbers(by)
	}
	if s.shares.dropped > 0 {
		attrs["submissions-dropped"] = strconv.Itoa(s.shares.dropped)
	}
	if err := s.recordSubmissions(ctx, v); err != nil {
		v.Close()
		return err
	}
	if err := v.RecordEvent(ctx, "operator.unseal", audit.OutcomeOK, attrs); err != nil {
		v.Close()
		return err
	}
	s.shares.dropped = 0
	se := newSession(v)
	se.scrub = s.startScrub(v, s.cfg.scrubInterval)
	se.retention = s.startRetention(v, s.cfg.retentionInterval)
	s.cur.Store(se)
	s.failedUnseals = 0
	// The unseal's scrypt table (256 MiB) is garbage now, but Badger's
	// memtable arena puts the next collection hundreds of MiB away: without
	// this, the daemon would keep it resident and serve beside it.
	debug.FreeOSMemory()
	gcpace.Open()
	return nil
}

// openVault unseals the vault with pass. It refuses an older copy of the
// vault (a *vault.RollbackError, which says what to do); a witness that
// cannot be reached is logged, and does not stop the vault.
func (s *server) openVault(pass string) (*vault.Vault, error) {
	return s.openVaultWith(pass, vault.OpenOptions{})
}

// openVaultWith is openVault with opts, whose Warn it sets.
func (s *server) openVaultWith(pass string, opts vault.OpenOptions) (*vault.Vault, error) {
	opts.Warn = func(err error) {
		s.cfg.log.Warn("witness", "error", err.Error())
	}
	opts.Log = s.cfg.log
	return vault.OpenWith(s.cfg.dir, pass, opts)
}

// close seals the server for good, as the daemon stops: unseal is
// refused from now on. It returns what endSession returns.
func (s *server) close() (cut int, err error) {
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	s.closed = true
	s.forgetShares()
	if se := s.cur.Load(); se != nil {
		return s.endSession(se)
	}
	return 0, nil
}

// endSession seals: from now on every request that would use the vault
// gets ErrSealed, and se ends (session.end) within the seal timeout and
// the close timeout. A vault that does not close in time is logged.
// s.sealMu is held.
func (s *server) endSession(se *session) (cut int, err error) {
	s.cur.Store(nil)
	cut, err = se.end(s.cfg.sealTimeout, s.closeTimeout())
	if errors.Is(err, errNotClosed) {
		s.cfg.log.Error("vault not closed", "error", err.Error())
	}
	return cut, err
}

// closeTimeout is how long the vault gets to close (config.closeTimeout).
func (s *server) closeTimeout() time.Duration {
	if s.cfg.closeTimeout > 0 {
		return s.cfg.closeTimeout
	}
	return closeTimeout
}

// reqInfo is what the request log line says, filled in as the request is
// served.
type reqInfo struct {
	id   string
	user string
	code string
}

type infoKey struct{}

func info(r *http.Request) *reqInfo { return r.Context().Value(infoKey{}).(*reqInfo) }

// statusWriter records the status of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and the deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ServeHTTP logs every request and refuses browsers.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	b := make([]byte, 8)
	rand.Read(b)
	ri := &reqInfo{id: hex.EncodeToString(b)}
	r = r.WithContext(context.WithValue(r.Context(), infoKey{}, ri))
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	w.Header().Set("Tvault-Request-Id", ri.id)
	defer func() {
		// Never the raw path, query, body or headers: they may hold
		// names, search terms or tokens. The pattern names the route.
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("route", r.Pattern),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)),
			slog.String("request_id", ri.id)}
		if ri.user != "" {
			attrs = append(attrs, slog.String("user", ri.user))
		}
		if ri.code != "" {
			attrs = append(attrs, slog.String("code", ri.code))
		}
		s.cfg.log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	}()
	// A descriptor that came with this request and that it did not take
	// is closed when it ends.
	defer dropDescriptor(r.Context())

	// A browser sends Origin (or Sec-Fetch-Site) with requests a page
	// makes; nothing a web page does may reach the vault.
	if r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "" {
		err := s.recordOrigin(w, r)
		if err == nil || errors.Is(err, api.ErrRateLimited) {
			err = api.ErrOrigin
		}
		s.fail(w, r, err)
		return
	}
	s.mux.ServeHTTP(w, r) // sets r.Pattern for the log
}

// recordOrigin records a request from a web page, which is refused
// whatever it holds, as a denied 'request' entry by an unknown actor with
// its client network: a page that reaches the daemon is an attack on the
// vault's host worth knowing of. Such requests count per network in a
// limit of their own ("origin"), not that of failed authentications,
// which a page could use to lock the host's own clients out; over it,
// only the first is recorded (ErrRateLimited). A sealed vault records
// nothing.
func (s *server) recordOrigin(w http.ResponseWriter, r *http.Request) error {
	c, r := newCall(w, r)
	defer c.cancel()
	se := s.cur.Load()
	if se == nil || !se.enter(c) {
		return nil
	}
	defer se.leave(c)
	conn := service.Actor{Name: service.UnknownActor, Transport: s.cfg.transport, RequestID: info(r).id}
	peer := peerOf(r.Context())
	if err := s.limited(r.Context(), se.v, conn, "origin", peer); err != nil {
		return err
	}
	s.limiter.fail("origin", peer)
	attrs := map[string]string{"error": "origin", "client": peer}
	return se.v.RecordEvent(service.WithActor(r.Context(), conn), "request", audit.OutcomeDenied, attrs)
}

// anonRequests are the places of the routes that take no token: unseal,
// which reads a body of at most 4 KiB, and must have it within
// config.anonReadTimeout. A client that sends it slower is cut off; one
// that sends many at once holds at most these places, for at most that
// long each.
const anonRequests = 4

// retryAfter is the Retry-After of a busy answer, in seconds: the client
// (package client) waits at least that long before it tries again.
const retryAfter = "1"

// fail writes err as an error response.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, body := api.FromError(err)
	info(r).code = body.Code
	if errors.Is(err, api.ErrBusy) {
		w.Header().Set("Retry-After", retryAfter)
	}
	if r.ProtoMajor == 1 && r.ContentLength != 0 {
		// The body may be unread. net/http would read what is left of it
		// before it sent the answer, as slowly as the client sends it,
		// or never for a client that stopped: answer, and close instead.
		// (HTTP/2 has streams, and would take this for a GOAWAY.)
		w.Header().Set("Connection", "close")
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	// Testimonies hold "<" and "&"; escaping them would change the
	// canonical bytes the client hashes.
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// startJSON writes the headers of a 200 answer of n bytes of JSON.
func startJSON(w http.ResponseWriter, n int64) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	w.WriteHeader(http.StatusOK)
}

// writeList writes list as a JSON array, "[]" when empty, never null.
func writeList[T any](w http.ResponseWriter, list []T) {
	if list == nil {
		list = []T{}
	}
	writeJSON(w, http.StatusOK, list)
}

// handler is a route that uses the vault as the authenticated actor in
// ctx.
type handler func(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error

// authed wraps h: there must be a place for the request (s.requests:
// health and seal take none, so that a daemon busy with slow transfers
// still answers them), the vault must be unsealed, the client under its
// rate limit, and the bearer token valid. h runs as a call of the
// session, which holds the vault open until h returns, and may cut h off
// (session.end).
func (s *server) authed(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		release, err := s.requests.take(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		defer release()
		c, r := newCall(w, r)
		defer c.cancel()
		se := s.cur.Load()
		if se == nil || !se.enter(c) {
			s.fail(w, r, api.ErrSealed)
			return
		}
		defer se.leave(c)
		ctx, err := s.authenticate(r, se.v)
		if err == nil {
			ctx, err = withReason(ctx, r)
		}
		if err == nil {
			err = h(ctx, c, r, se.v)
		}
		var re *refusal
		if errors.As(err, &re) {
			err = s.recordRefusal(ctx, se.v, r, err)
		}
		if errors.Is(err, vault.ErrSealedElsewhere) {
			s.sealedElsewhere(se)
			err = api.ErrSealed
		}
		if err != nil {
			s.fail(c, r, err)
		}
	}
}

// scanned is authed for a route that reads the whole vault: once the
// token is checked, h takes a place of s.scans too, so that such
// requests, however many clients send them, hold at most cfg.scanPlaces
// scans' memory and cores at once and leave the rest to the point reads;
// the others wait their turn (pool). Requests that fail to authenticate
// take none.
func (s *server) scanned(h handler) http.HandlerFunc {
	return s.authed(func(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
		release, err := s.scans.take(ctx)
		if err != nil {
			return err
		}
		defer release()
		return h(ctx, w, r, v)
	})
}

// withReason adds to ctx the reason the request states in its
// api.HeaderReason, if any. A header that does not decode is refused, and
// ctx returned as it was.
func withReason(ctx context.Context, r *http.Request) (context.Context, error) {
	h := r.Header.Get(api.HeaderReason)
	if h == "" {
		return ctx, nil
	}
	reason, err := url.PathUnescape(h)
	if err != nil {
		return ctx, refuse(api.BadRequest(fmt.Errorf("invalid %s header: %v", api.HeaderReason, err)))
	}
	return service.WithReason(ctx, reason), nil
}

// refusal marks an error found in a request by the daemon itself, before
// any operation of the vault ran: a malformed body, header or query. The
// vault audits what reaches it; refusals are recorded by authed, so that
// every request of an authenticated user is on record.
type refusal struct{ err error }

func (e *refusal) Error() string { return e.err.Error() }
func (e *refusal) Unwrap() error { return e.err }

// refuse marks err, found in the request before the vault saw it, as a
// refusal.
func refuse(err error) error {
	if err == nil {
		return nil
	}
	return &refusal{err}
}

// recordRefusal records a refused request, by its route and error code,
// and for an invalid argument its name and length (never the input, which
// may be anything a user typed), and returns err, or the failure to
// record it.
func (s *server) recordRefusal(ctx context.Context, v *vault.Vault, r *http.Request, err error) error {
	_, body := api.FromError(err)
	attrs := map[string]string{}
	var ia *service.InvalidArgumentError
	if errors.As(err, &ia) {
		attrs = ia.Attrs()
	}
	attrs["route"], attrs["error"] = r.Pattern, body.Code
	if rerr := v.RecordEvent(ctx, "request", audit.OutcomeError, attrs); rerr != nil {
		return rerr
	}
	return err
}

// authenticate checks the request's token against v.
func (s *server) authenticate(r *http.Request, v *vault.Vault) (context.Context, error) {
	return s.authenticateBy(r, v, v.Authenticate)
}

// authenticateBy is authenticate with check, v's Authenticate or
// AuthenticateSeal.
func (s *server) authenticateBy(r *http.Request, v *vault.Vault, check func(context.Context, string) (service.Actor, error)) (context.Context, error) {
	ri := info(r)
	conn := service.Actor{Name: service.UnknownActor, Transport: s.cfg.transport, RequestID: ri.id}
	peer := peerOf(r.Context())
	if err := s.limited(r.Context(), v, conn, "client", peer); err != nil {
		return nil, err
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	a, err := check(service.WithActor(r.Context(), conn), token)
	var ae *vault.AuthError
	if errors.As(err, &ae) {
		s.limiter.fail("client", peer)
		if ae.User != "" {
			ri.user = ae.User
			s.limiter.fail("user", ae.User)
			if lerr := s.limited(r.Context(), v, conn, "user", ae.User); lerr != nil {
				return nil, lerr
			}
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	ri.user = a.Name
	return context.WithValue(service.WithActor(r.Context(), a), actorCtxKey{}, a), nil
}

// limited returns ErrRateLimited if key of kind is over its limit, and
// records the first refusal of each window in the audit log: every
// failure that led to it is there already, and recording each refusal
// would let a client fill the log.
func (s *server) limited(ctx context.Context, v *vault.Vault, conn service.Actor, kind, key string) error {
	over, first := s.limiter.over(kind, key)
	if !over {
		return nil
	}
	if first {
		attrs := map[string]string{"reason": "rate-limited", "limit": kind}
		if kind == "user" {
			conn.Name = key
		} else {
			attrs["client"] = key
		}
		if err := v.RecordEvent(service.WithActor(ctx, conn), "auth", audit.OutcomeDenied, attrs); err != nil {
			return err
		}
	}
	return api.ErrRateLimited
}

// readBody reads a JSON request body of at most limit bytes. It must say
// it is JSON (Content-Type application/json, which no web form can send)
// and be valid UTF-8: encoding/json would take invalid bytes as U+FFFD,
// and so store or hash another value than the one sent.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, refuse(api.BadRequest(errors.New("invalid request body: want Content-Type application/json")))
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, refuse(api.ErrTooLarge)
	case isTimeout(err):
		return nil, refuse(api.BadRequest(fmt.Errorf("request body not received in time: %v", err)))
	case err != nil:
		return nil, refuse(err)
	case !utf8.Valid(data):
		return nil, refuse(api.BadRequest(errors.New("invalid request body: not valid UTF-8")))
	}
	return data, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// decode reads a JSON request body of at most limit bytes (readBody) into
// v, strictly: one object, no unknown members, nothing after it.
func decode(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	data, err := readBody(w, r, limit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return refuse(api.BadRequest(fmt.Errorf("invalid request body: %v", err)))
	}
	if _, err := dec.Token(); err != io.EOF {
		return refuse(api.BadRequest(errors.New("invalid request body: data after the JSON value")))
	}
	return nil
}

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	h := api.Health{Sealed: true, Status: api.StatusSealed}
	if p := s.progress.Load(); p != nil {
		h = *p
	}
	if se := s.cur.Load(); se != nil {
		h = api.Health{Status: api.StatusOK}
		if n := se.scrub.degraded(); n > 0 {
			h.Status, h.Problems = api.StatusDegraded, n
		}
		if se.v.Damaged() != nil {
			// Found by a request, before any scrub: every read and
			// write fails until the vault is restored.
			h.Status, h.Problems = api.StatusDegraded, max(h.Problems, 1)
		}
	}
	writeJSON(w, http.StatusOK, h)
}

func (s *server) sealed() bool { return s.cur.Load() == nil }

func (s *server) unseal(w http.ResponseWriter, r *http.Request) {
	release, err := s.anon.take(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer release()
	// The header came within readHeaderTimeout; the body, 4 KiB at most,
	// gets this long from now, not the server's ReadTimeout of an import.
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.anonReadTimeout))
	var req api.Unseal
	if err := decode(w, r, 4<<10, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	ri := info(r)
	ri.user = service.OperatorActor
	peer := peerOf(r.Context())
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	switch {
	case s.closed:
		s.fail(w, r, api.ErrSealed) // the daemon is stopping
		return
	case !s.sealed():
		s.fail(w, r, api.ErrAlreadyUnsealed)
		return
	}
	if over, _ := s.limiter.over("client", peer); over {
		s.fail(w, r, api.ErrRateLimited)
		return
	}
	if len(req.Share) > 0 {
		if req.Passphrase != "" {
			s.fail(w, r, api.BadRequest(errShareAndPassphrase))
			return
		}
		s.submitShare(w, r, req.Share)
		return
	}
	v, err := s.openVault(req.Passphrase)
	if errors.Is(err, service.ErrWrongPassphrase) {
		now := time.Now().UTC()
		if s.failedUnseals == 0 {
			s.firstFailure = now
		}
		s.failedUnseals++
		s.lastFailure = now
		s.limiter.fail("client", peer)
	}
	s.installUnsealed(w, r, v, err)
}

// installUnsealed installs v, which the unseal request r opened, as the
// operator, and answers r; or answers err, the failure to open it.
// s.sealMu is held.
func (s *server) installUnsealed(w http.ResponseWriter, r *http.Request, v *vault.Vault, err error) {
	ri := info(r)
	if err == nil {
		ctx := service.WithActor(r.Context(), service.Actor{Name: service.OperatorActor, Transport: s.cfg.transport, RequestID: ri.id})
		err = s.open(ctx, v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.log.Info("unsealed", "request_id", ri.id)
	writeJSON(w, http.StatusOK, api.Health{Sealed: false, Status: api.StatusOK})
}

// seal closes the vault for an administrator: the keys leave memory, and
// the daemon answers only health and unseal until it is unsealed again.
// Requests that would use the vault are refused from the moment the seal
// is recorded; those in flight get the seal timeout, then are cut off.
func (s *server) seal(w http.ResponseWriter, r *http.Request) {
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	// No call of the session can close its vault: sealMu is held.
	se := s.cur.Load()
	if se == nil {
		s.fail(w, r, api.ErrSealed)
		return
	}
	// A seal is always possible for an admin: the token is checked
	// against the users the vault keeps in memory if the store cannot be
	// read (AuthenticateSeal), and an admin's seal that the audit log
	// cannot record, within the close timeout, seals all the same and is
	// logged: sealing only ever takes the keys away.
	ctx, err := s.authenticateBy(r, se.v, se.v.AuthenticateSeal)
	if err == nil {
		outcome := audit.OutcomeOK
		if a := actorOf(ctx); a.Role != policy.Admin {
			outcome, err = audit.OutcomeDenied, &service.DeniedError{Role: a.Role, Action: "operator.seal"}
		}
		rerr, ok := within(s.closeTimeout(), func() error { return se.v.RecordEvent(ctx, "operator.seal", outcome, nil) })
		if !ok {
			rerr = fmt.Errorf("the audit log did not record the seal within %v", s.closeTimeout())
		}
		switch {
		case rerr == nil:
		case err == nil:
			s.cfg.log.Error("seal not audited", "request_id", info(r).id, "error", rerr.Error())
		default:
			err = rerr
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	start := time.Now()
	cut, err := s.endSession(se)
	s.cfg.log.Info("sealed", "request_id", info(r).id, "canceled", cut, "wait", time.Since(start))
	// WriteTimeout ran from the start of the request, which a long
	// --seal-timeout may have used up: the answer gets it from now.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
	if err != nil {
		// The daemon is sealed all the same: no request reaches the vault.
		s.fail(w, r, fmt.Errorf("sealed, but %w", err))
		return
	}
	writeJSON(w, http.StatusOK, api.Sealed{Sealed: true, Canceled: cut})
}

type actorCtxKey struct{}

// actorOf returns the authenticated actor of ctx, which authenticate
// stored with service.WithActor and, for the daemon's own checks, here.
func actorOf(ctx context.Context) service.Actor {
	a, _ := ctx.Value(actorCtxKey{}).(service.Actor)
	return a
}
