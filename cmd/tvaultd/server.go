package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

// config holds what a server is built with; tests lower the limits.
type config struct {
	dir       string
	transport string // "unix", "https" or "http" (loopback only)
	log       *slog.Logger
	// maxInFlight bounds the requests being served; more get 503.
	maxInFlight int
	// authFailures failed authentications per client, or per user, in
	// authWindow, put that client or user over its rate limit.
	authFailures int
	authWindow   time.Duration
}

// server serves the API over one vault, which it holds open (unsealed)
// or not (sealed).
type server struct {
	cfg     config
	mux     *http.ServeMux
	slots   chan struct{}
	limiter *limiter

	// mu guards v: every request that uses the vault holds it for
	// reading until it is done; unseal and seal hold it for writing, so
	// that sealing waits for in-flight requests and none sees a closed
	// vault.
	mu sync.RWMutex
	v  *vault.Vault

	// unsealMu lets one unseal attempt run at a time, so that guessing
	// the passphrase goes no faster than one scrypt at a time. It guards
	// the failure count below.
	unsealMu sync.Mutex
	// failedUnseals counts wrong passphrases since the vault was last
	// unsealed. They cannot be written to the log of a sealed vault, so
	// the next unseal records them (see docs/API.md).
	failedUnseals int
	firstFailure  time.Time
	lastFailure   time.Time
}

func newServer(cfg config) *server {
	s := &server{cfg: cfg, mux: http.NewServeMux(), slots: make(chan struct{}, cfg.maxInFlight),
		limiter: newLimiter(cfg.authFailures, cfg.authWindow)}
	s.routes()
	return s
}

// open installs an unsealed vault, recording the unseal by ctx's actor
// with the failed attempts before it. If the unseal cannot be recorded,
// the vault is closed again: a vault that cannot audit serves nothing.
func (s *server) open(ctx context.Context, v *vault.Vault) error {
	attrs := map[string]string{"failed-attempts": strconv.Itoa(s.failedUnseals)}
	if s.failedUnseals > 0 {
		attrs["first-failure"] = s.firstFailure.Format(time.RFC3339)
		attrs["last-failure"] = s.lastFailure.Format(time.RFC3339)
	}
	if err := v.RecordEvent(ctx, "operator.unseal", audit.OutcomeOK, attrs); err != nil {
		v.Close()
		return err
	}
	s.mu.Lock()
	s.v = v
	s.failedUnseals = 0
	s.mu.Unlock()
	// The unseal's scrypt table (32 MiB) is garbage now, but Badger's
	// memtable arena puts the next collection hundreds of MiB away: without
	// this, the daemon would keep it resident and serve beside it.
	debug.FreeOSMemory()
	return nil
}

// close seals the server: it waits for the requests using the vault, then
// closes it. It returns the vault's Close error.
func (s *server) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.v == nil {
		return nil
	}
	err := s.v.Close()
	s.v = nil
	return err
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

// ServeHTTP logs every request and applies the limits that come before
// routing: no browsers, and a cap on requests in flight.
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

	// A browser sends Origin (or Sec-Fetch-Site) with requests a page
	// makes; nothing a web page does may reach the vault.
	if r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "" {
		s.fail(w, r, api.ErrOrigin)
		return
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		s.fail(w, r, api.ErrBusy)
		return
	}
	s.mux.ServeHTTP(w, r) // sets r.Pattern for the log
}

// fail writes err as an error response.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = api.ErrTooLarge
	}
	status, body := api.FromError(err)
	info(r).code = body.Code
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

// authed wraps h: the vault must be unsealed, the client under its rate
// limit, and the bearer token valid. h runs with the vault held open.
func (s *server) authed(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		ctx, err := s.authenticate(r)
		if err == nil {
			err = h(ctx, w, r, s.v)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

// authenticate checks the request's token; s.mu is held for reading.
func (s *server) authenticate(r *http.Request) (context.Context, error) {
	if s.v == nil {
		return nil, api.ErrSealed
	}
	ri := info(r)
	conn := service.Actor{Name: service.UnknownActor, Transport: s.cfg.transport, RequestID: ri.id}
	peer := peerOf(r.Context())
	if err := s.limited(r.Context(), conn, "client", peer); err != nil {
		return nil, err
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	a, err := s.v.Authenticate(service.WithActor(r.Context(), conn), token)
	var ae *vault.AuthError
	if errors.As(err, &ae) {
		s.limiter.fail("client", peer)
		if ae.User != "" {
			ri.user = ae.User
			s.limiter.fail("user", ae.User)
			if lerr := s.limited(r.Context(), conn, "user", ae.User); lerr != nil {
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
func (s *server) limited(ctx context.Context, conn service.Actor, kind, key string) error {
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
		if err := s.v.RecordEvent(service.WithActor(ctx, conn), "auth", audit.OutcomeDenied, attrs); err != nil {
			return err
		}
	}
	return api.ErrRateLimited
}

// decode reads a JSON request body of at most limit bytes into v,
// strictly: one object, no unknown members, nothing after it.
func decode(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return api.ErrTooLarge
		}
		return api.BadRequest(fmt.Errorf("invalid request body: %v", err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return api.BadRequest(errors.New("invalid request body: data after the JSON value"))
	}
	return nil
}

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	sealed := s.v == nil
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, api.Health{Sealed: sealed})
}

func (s *server) unseal(w http.ResponseWriter, r *http.Request) {
	var req api.Unseal
	if err := decode(w, r, 4<<10, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	ri := info(r)
	ri.user = service.OperatorActor
	peer := peerOf(r.Context())
	s.unsealMu.Lock()
	defer s.unsealMu.Unlock()
	s.mu.RLock()
	open := s.v != nil
	s.mu.RUnlock()
	if open {
		s.fail(w, r, api.ErrAlreadyUnsealed)
		return
	}
	if over, _ := s.limiter.over("client", peer); over {
		s.fail(w, r, api.ErrRateLimited)
		return
	}
	v, err := vault.Open(s.cfg.dir, req.Passphrase)
	if errors.Is(err, service.ErrWrongPassphrase) {
		now := time.Now().UTC()
		if s.failedUnseals == 0 {
			s.firstFailure = now
		}
		s.failedUnseals++
		s.lastFailure = now
		s.limiter.fail("client", peer)
	}
	if err == nil {
		ctx := service.WithActor(r.Context(), service.Actor{Name: service.OperatorActor, Transport: s.cfg.transport, RequestID: ri.id})
		err = s.open(ctx, v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.log.Info("unsealed", "request_id", ri.id)
	writeJSON(w, http.StatusOK, api.Health{Sealed: false})
}

// seal closes the vault for an administrator: the keys leave memory, and
// the daemon answers only health and unseal until it is unsealed again.
func (s *server) seal(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		s.mu.RLock()
		ctx, err := s.authenticate(r)
		if err == nil {
			a := actorOf(ctx)
			if a.Role != policy.Admin {
				err = &service.DeniedError{Role: a.Role, Action: "operator.seal"}
				if rerr := s.v.RecordEvent(ctx, "operator.seal", audit.OutcomeDenied, nil); rerr != nil {
					err = rerr
				}
			}
		}
		s.mu.RUnlock()
		if err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.v == nil {
			return nil // sealed by another request meanwhile
		}
		if err := s.v.RecordEvent(ctx, "operator.seal", audit.OutcomeOK, nil); err != nil {
			return err
		}
		err = s.v.Close()
		s.v = nil
		return err
	}()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.log.Info("sealed", "request_id", info(r).id)
	writeJSON(w, http.StatusOK, api.Health{Sealed: true})
}

type actorCtxKey struct{}

// actorOf returns the authenticated actor of ctx, which authenticate
// stored with service.WithActor and, for the daemon's own checks, here.
func actorOf(ctx context.Context) service.Actor {
	a, _ := ctx.Value(actorCtxKey{}).(service.Actor)
	return a
}
