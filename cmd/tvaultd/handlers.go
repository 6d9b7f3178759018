package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// routes registers every route of docs/API.md.
func (s *server) routes() {
	m, a, sc := s.mux, s.authed, s.scanned
	m.HandleFunc("GET /v1/health", s.health)
	m.HandleFunc("POST /v1/operator/unseal", s.unseal)
	m.HandleFunc("GET /v1/operator/shares", s.operators)
	m.HandleFunc("POST /v1/operator/seal", s.seal)

	m.HandleFunc("POST /v1/records", a(putRecords))
	m.HandleFunc("POST /v1/records/batch", a(putBatch))
	m.HandleFunc("GET /v1/records", sc(listRecords))
	m.HandleFunc("PUT /v1/records/{id}", a(replaceRecord))
	m.HandleFunc("GET /v1/records/{id}", a(getRecord))
	m.HandleFunc("GET /v1/records/{id}/history", a(recordHistory))
	m.HandleFunc("POST /v1/search", a(searchRecords))
	m.HandleFunc("POST /v1/records/{id}/erase", a(eraseRecord))
	m.HandleFunc("GET /v1/retention/plan", a(retention(service.Service.RetentionPlan)))
	m.HandleFunc("POST /v1/retention/apply", a(retention(service.Service.RetentionApply)))
	m.HandleFunc("GET /v1/records/{id}/raw", a(exportRaw))
	m.HandleFunc("GET /v1/records/{id}/redact-check", a(redactCheck))
	m.HandleFunc("GET /v1/export", sc(export))

	m.HandleFunc("POST /v1/records/{id}/attachments", a(attach))
	m.HandleFunc("GET /v1/records/{id}/attachments", a(listAttachments))
	m.HandleFunc("GET /v1/records/{id}/attachments/{att}", a(getAttachment))
	m.HandleFunc("GET /v1/records/{id}/attachments/{att}/raw", a(rawAttachment))

	m.HandleFunc("GET /v1/persons", sc(listPersons))
	m.HandleFunc("GET /v1/persons/{key}", a(showPerson))
	m.HandleFunc("POST /v1/persons/merge", a(mergePersons))
	m.HandleFunc("PUT /v1/persons/{key}", a(editPerson))
	m.HandleFunc("POST /v1/reidentify", a(reidentify))
	m.HandleFunc("GET /v1/persons/{key}/consent", a(showConsent))
	m.HandleFunc("POST /v1/persons/{key}/consent/withdraw", a(changeConsent(service.Service.WithdrawConsent)))
	m.HandleFunc("POST /v1/persons/{key}/consent/grant", a(changeConsent(service.Service.GrantConsent)))

	m.HandleFunc("GET /v1/audit/log", sc(auditLog))
	m.HandleFunc("POST /v1/audit/checkpoint", a(auditCheckpoint))
	m.HandleFunc("GET /v1/audit/key", a(auditKey))
	m.HandleFunc("GET /v1/audit/export", sc(auditExport))
	m.HandleFunc("POST /v1/audit/verify", a(auditVerify))
	m.HandleFunc("POST /v1/audit/prove", a(auditProve))
	m.HandleFunc("POST /v1/audit/hash", a(auditHash))
	m.HandleFunc("POST /v1/check", a(check))
	m.HandleFunc("GET /v1/backup", a(backup))

	m.HandleFunc("GET /v1/policy", a(showPolicy))
	m.HandleFunc("PUT /v1/policy", a(setPolicy))

	m.HandleFunc("POST /v1/users", a(addUser))
	m.HandleFunc("GET /v1/users", a(listUsers))
	m.HandleFunc("POST /v1/users/{name}/revoke", a(revokeUser))
	m.HandleFunc("POST /v1/users/{name}/token", a(rotateToken))

	m.HandleFunc("GET /v1/domains", a(listDomains))
	m.HandleFunc("POST /v1/domains/{domain}/grant", a(grantDomain))
	m.HandleFunc("POST /v1/domains/{domain}/revoke", a(revokeDomain))

	m.HandleFunc("GET /v1/escrow", a(listEscrow))
	m.HandleFunc("POST /v1/escrow/add", a(escrowChange(service.Service.EscrowAdd)))
	m.HandleFunc("POST /v1/rekey", a(escrowChange(func(v service.Service, ctx context.Context, _ string, p func(service.EscrowReport)) (*service.EscrowReport, error) {
		return v.Rekey(ctx, p)
	})))
	m.HandleFunc("POST /v1/escrow/remove", a(escrowChange(service.Service.EscrowRemove)))

	m.HandleFunc("GET /v1/migrations", a(listMigrations))
	m.HandleFunc("POST /v1/migrations/{name}", a(applyMigration))

	// Any other path or method: a JSON 404 rather than ServeMux's text,
	// once the token is checked, so that it is on record like any other
	// request.
	m.HandleFunc("/", a(noRoute))
}

func noRoute(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	return refuse(api.ErrNoRoute)
}

// readTestimonies parses a put's body, a JSON array of testimonies in the
// import format, each strictly (package testimony). Put then checks their
// names (vault.CheckNames) before it stores anything. Its errors are
// refusals.
func readTestimonies(w http.ResponseWriter, r *http.Request) ([]*testimony.Testimony, error) {
	data, err := readBody(w, r, api.MaxImport)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raws); err != nil {
		return nil, refuse(api.BadRequest(fmt.Errorf("invalid request body: want a JSON array of testimonies: %v", err)))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, refuse(api.BadRequest(errors.New("invalid request body: data after the array")))
	}
	docs := make([]*testimony.Testimony, len(raws))
	for i, raw := range raws {
		if docs[i], err = testimony.ParseBytes(fmt.Sprintf("testimony %d", i+1), raw); err != nil {
			return nil, refuse(err)
		}
	}
	return docs, nil
}

func putRecords(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	docs, err := readTestimonies(w, r)
	if err != nil {
		return err
	}
	ids, ns, err := v.Put(ctx, docs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.Put{IDs: ids, Notes: ns})
	return nil
}

func replaceRecord(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	data, err := readBody(w, r, api.MaxImport)
	if err != nil {
		return err
	}
	doc, err := testimony.ParseBytes("testimony", data)
	if err != nil {
		return refuse(err)
	}
	version, ns, err := v.Replace(ctx, r.PathValue("id"), doc)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Replace{Version: version, Notes: ns})
	return nil
}

func getRecord(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	q := r.URL.Query()
	viewName, domain := q.Get("view"), q.Get("domain")
	if viewName != "" && q.Get("version") != "" {
		return refuse(&service.InvalidArgumentError{Arg: "version", Want: "give it without a view: an old version is read as stored"})
	}
	if viewName == "" {
		if domain != "" {
			return refuse(&service.InvalidArgumentError{Arg: "domain", Want: "give it with a view"})
		}
		get := v.Get
		if version := q.Get("version"); version != "" {
			n, err := strconv.Atoi(version)
			if err != nil {
				return refuse(&service.InvalidArgumentError{Arg: "version", Len: len(version), Want: "want a number from 1"})
			}
			get = func(ctx context.Context, id string) (*service.Record, error) { return v.GetVersion(ctx, id, n) }
		}
		rec, err := get(ctx, r.PathValue("id"))
		if err != nil {
			return err
		}
		// The verified canonical bytes go out as they are, neither
		// decoded nor re-encoded (writeJSON would scan them again).
		b, err := rec.MarshalJSON()
		if err != nil {
			return err
		}
		startJSON(w, int64(len(b)))
		w.Write(b)
		return nil
	}
	rec, err := v.GetView(ctx, r.PathValue("id"), viewName, domain)
	if err != nil {
		return err
	}
	// A view of up to smallView bytes, as nearly every one is, is encoded
	// once and sent in one write. A larger one is not held whole: its
	// length, counted by encoding it once more, lets the client read it
	// into one buffer of that size.
	buf := viewBuffers.Get().(*bytes.Buffer)
	defer viewBuffers.Put(buf)
	buf.Reset()
	if rec.WriteJSON(boundedBuffer{buf}, "", "") == nil {
		startJSON(w, int64(buf.Len()))
		w.Write(buf.Bytes())
		return nil
	}
	var n byteCount
	rec.WriteJSON(&n, "", "")
	startJSON(w, int64(n))
	rec.WriteJSON(w, "", "")
	return nil
}

// smallView is the largest view encoded into a buffer before it is sent.
const smallView = 256 << 10

// viewBuffers holds buffers of at most smallView bytes for views.
var viewBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// errViewTooLarge stops a view's encoding into a boundedBuffer.
var errViewTooLarge = errors.New("view larger than a buffer")

// boundedBuffer is a buffer that refuses to grow beyond smallView bytes.
type boundedBuffer struct{ *bytes.Buffer }

func (b boundedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > smallView {
		return 0, errViewTooLarge
	}
	return b.Buffer.Write(p)
}

// byteCount counts the bytes written to it.
type byteCount int64

func (c *byteCount) Write(p []byte) (int, error) {
	*c += byteCount(len(p))
	return len(p), nil
}

func listRecords(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	q := r.URL.Query()
	o := service.ListOptions{Domain: q.Get("domain"), After: q.Get("after")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return refuse(&service.InvalidArgumentError{Arg: "limit", Value: s, Len: len(s), Want: "want a count, 0 for all"})
		}
		o.Limit = n
	}
	ls := newLineStream(w)
	err := v.ListRecords(ctx, o, func(s service.Summary) error { return ls.line(s) })
	return ls.finish(r, err)
}

func exportRaw(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	ct, err := v.ExportRaw(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", bytesType)
	w.Header().Set("Content-Length", strconv.Itoa(len(ct)))
	w.Write(ct)
	return nil
}

func redactCheck(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	rep, err := v.RedactCheck(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	if rep.Replacements == nil {
		rep.Replacements = []view.Replacement{}
	}
	if rep.PossibleNames == nil {
		rep.PossibleNames = []string{}
	}
	if rep.PossibleLocations == nil {
		rep.PossibleLocations = []string{}
	}
	if rep.PossibleRoles == nil {
		rep.PossibleRoles = []string{}
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// lineStream writes a JSON Lines response as it is produced: the header
// goes with the first line, a line is flushed unless one was flushed less
// than flushEvery before (then it goes when the buffer fills, with a later
// line's flush or at the end), and the write deadline moves on with every
// line, so that a long stream is bounded per line rather than in total.
// The outcome goes in trailers (api.Trailer*).
type lineStream struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	enc     *json.Encoder
	started bool
	n       int
	flushed time.Time
}

// lineTimeout bounds writing one line of a stream to the client.
const lineTimeout = time.Minute

// flushEvery spaces the flushes of a dense stream: a flush is a write to
// the socket, and flushing each of a list's 50,000 lines took a fifth of
// its CPU in tvaultd. A line that comes flushEvery or more after the
// last flush (a progress report, the first line) is flushed at once.
const flushEvery = 50 * time.Millisecond

func newLineStream(w http.ResponseWriter) *lineStream {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &lineStream{w: w, rc: http.NewResponseController(w), enc: enc}
}

func (ls *lineStream) line(v any) error {
	return ls.write(func() error { return ls.enc.Encode(v) })
}

// record is line for a record, whose narrative is not encoded whole
// first (view.Record.WriteJSON).
func (ls *lineStream) record(rec *view.Record) error {
	return ls.write(func() error { return rec.WriteJSON(ls.w, "", "") })
}

// write has encode write one line, and flushes it.
func (ls *lineStream) write(encode func() error) error {
	if !ls.started {
		ls.start()
	}
	ls.rc.SetWriteDeadline(time.Now().Add(lineTimeout))
	if err := encode(); err != nil {
		return err
	}
	ls.n++
	if now := time.Now(); now.Sub(ls.flushed) >= flushEvery {
		ls.flushed = now
		return ls.rc.Flush()
	}
	return nil
}

func (ls *lineStream) start() {
	startStream(ls.w, linesType)
	ls.started = true
}

// finish ends the stream with err's outcome (see finishStream).
func (ls *lineStream) finish(r *http.Request, err error) error {
	return finishStream(ls.w, r, ls.started, linesType, strconv.Itoa(ls.n), err)
}

// The media types of the two kinds of stream.
const (
	linesType = "application/x-ndjson"
	bytesType = "application/octet-stream"
)

// startStream sends the status and headers of a streamed response whose
// outcome comes in trailers (api.Trailer*).
func startStream(w http.ResponseWriter, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-store")
	h.Set("Trailer", api.TrailerCount+", "+api.TrailerError+", "+api.TrailerErrorCode)
	w.WriteHeader(http.StatusOK)
}

// finishStream ends a streamed response with err's outcome. Before
// anything was sent (started false), an error is an ordinary error
// response, returned; after, it goes in the trailers, which otherwise
// carry count, how much was sent.
func finishStream(w http.ResponseWriter, r *http.Request, started bool, contentType, count string, err error) error {
	if err != nil && !started {
		return err
	}
	if !started {
		startStream(w, contentType) // an empty stream: headers only
	}
	h := w.Header()
	if err != nil {
		_, body := api.FromError(err)
		info(r).code = body.Code
		h.Set(api.TrailerError, body.Message)
		h.Set(api.TrailerErrorCode, body.Code)
		return nil
	}
	h.Set(api.TrailerCount, count)
	return nil
}

func export(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	q := r.URL.Query()
	o := service.ExportOptions{View: q.Get("view"), Purpose: q.Get("purpose"), Domain: q.Get("domain")}
	ls := newLineStream(w)
	_, err := v.Export(ctx, o, func(rec *view.Record) error { return ls.record(rec) })
	return ls.finish(r, err)
}

func listEscrow(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	set, err := v.Escrow(ctx)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, set)
	return nil
}

// escrowChange returns the handler of an escrow change: a JSON Lines
// stream of progress reports, the last one the final report. The change
// runs until it ends or the client goes; a rerun finishes what it left.
func escrowChange(change func(service.Service, context.Context, string, func(service.EscrowReport)) (*service.EscrowReport, error)) handler {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
		var req api.Escrow
		if err := decode(w, r, api.MaxBody, &req); err != nil {
			return err
		}
		return streamProgress(w, r, func(progress func(service.EscrowReport)) (*service.EscrowReport, error) {
			return change(v, ctx, req.Recipient, progress)
		})
	}
}

// streamProgress answers with a JSON Lines stream of the progress reports
// that run makes, the last one its final report. A client that stops
// reading cancels the request, which stops run between its steps.
func streamProgress[T any](w http.ResponseWriter, r *http.Request, run func(progress func(T)) (*T, error)) error {
	ls := newLineStream(w)
	rep, err := run(func(p T) { ls.line(p) })
	if err == nil {
		err = ls.line(rep)
	}
	return ls.finish(r, err)
}

func listMigrations(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	ms, err := v.Migrations(ctx)
	if err != nil {
		return err
	}
	writeList(w, ms)
	return nil
}

// applyMigration streams the migration's progress, as escrowChange does;
// a rerun finishes what it left.
func applyMigration(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	return streamProgress(w, r, func(progress func(service.MigrationReport)) (*service.MigrationReport, error) {
		return v.ApplyMigration(ctx, r.PathValue("name"), progress)
	})
}

func listPersons(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	ps, err := v.Persons(ctx)
	if err != nil {
		return err
	}
	writeList(w, ps)
	return nil
}

func showPerson(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	p, err := v.PersonByKey(ctx, r.PathValue("key"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func mergePersons(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Merge
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	p, err := v.MergePersons(ctx, req.Key, req.KeepKey)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func editPerson(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	data, err := readBody(w, r, api.MaxBody)
	if err != nil {
		return err
	}
	f, err := testimony.ParsePerson("person", data)
	if err != nil {
		return refuse(err)
	}
	p, err := v.EditPerson(ctx, r.PathValue("key"), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func reidentify(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Reidentify
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	p, err := v.Reidentify(ctx, req.Pseudonym, req.Domain, req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func recordHistory(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	h, err := v.History(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, h)
	return nil
}

func searchRecords(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var q service.SearchQuery
	if err := decode(w, r, api.MaxBody, &q); err != nil {
		return err
	}
	list, err := v.Search(ctx, q)
	if err != nil {
		return err
	}
	writeList(w, list)
	return nil
}

func eraseRecord(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req service.EraseOptions
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	er, err := v.Erase(ctx, r.PathValue("id"), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, er)
	return nil
}

func retention(fn func(service.Service, context.Context) ([]service.RetentionItem, error)) handler {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
		items, err := fn(v, ctx)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, items)
		return nil
	}
}

func showConsent(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	pc, err := v.PersonConsent(ctx, r.PathValue("key"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pc)
	return nil
}

// changeConsent serves a withdrawal or a grant, as change makes it.
func changeConsent(change func(service.Service, context.Context, string, string, string) (*service.PersonConsent, error)) handler {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
		var req api.Consent
		if err := decode(w, r, api.MaxBody, &req); err != nil {
			return err
		}
		pc, err := change(v, ctx, r.PathValue("key"), req.Scope, req.Reason)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, pc)
		return nil
	}
}

func auditLog(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	q := r.URL.Query()
	f := service.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), Target: q.Get("target")}
	if s := q.Get("from"); s != "" {
		var err error
		// Canonical, as the client writes it: no sign, no leading zeros.
		if f.From, err = strconv.ParseInt(s, 10, 64); err != nil || f.From < 0 || strconv.FormatInt(f.From, 10) != s {
			return refuse(&service.InvalidArgumentError{Arg: "from", Value: s, Len: len(s), Want: "want a position in the log, from 0"})
		}
	}
	for name, t := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if s := q.Get(name); s != "" {
			var err error
			if *t, err = time.Parse(time.RFC3339Nano, s); err != nil {
				return refuse(&service.InvalidArgumentError{Arg: name, Value: s, Len: len(s), Want: "want an RFC 3339 time"})
			}
		}
	}
	ls := newLineStream(w)
	err := v.AuditLog(ctx, f, func(e *audit.Entry) error { return ls.line(e) })
	return ls.finish(r, err)
}

func writeText(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

func auditCheckpoint(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	cp, err := v.AuditCheckpoint(ctx)
	if err != nil {
		return err
	}
	writeText(w, cp)
	return nil
}

func auditKey(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	k, err := v.AuditVerifierKey(ctx)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Key{Key: k})
	return nil
}

// auditExport streams the export as a byte stream, in memory that does
// not grow with the log: a failure midway is in the trailers, and the
// export's own format tells a cut file too.
func auditExport(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	bs := newByteStream(w)
	return bs.finish(r, v.AuditExport(ctx, bs))
}

func auditVerify(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Verify
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	var old []byte
	if req.Checkpoint != "" {
		old = []byte(req.Checkpoint)
	}
	rep, err := v.AuditVerify(ctx, old)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func check(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Check
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	rep, err := v.Check(ctx, service.CheckOptions{ReadData: req.ReadData})
	if err != nil {
		return err
	}
	// The check may have used up the write timeout, which ran from the
	// start of the request: the answer gets it from now.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func auditProve(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Prove
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	proof, err := v.AuditProve(ctx, req.Seq)
	if err != nil {
		return err
	}
	writeText(w, proof)
	return nil
}

func auditHash(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.Hash
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	mac, err := v.AuditHash(ctx, req.Value)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Hash{MAC: mac})
	return nil
}

func showPolicy(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	p, err := v.Policy(ctx)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(p.Marshal())
	return nil
}

// setPolicy decodes the policy and leaves the vault to check its grants
// (policy.Check), so that a refused policy is on record.
func setPolicy(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	data, err := readBody(w, r, policy.MaxSize)
	if err != nil {
		return err
	}
	p, err := policy.Decode(bytes.NewReader(data))
	if err != nil {
		return refuse(api.BadRequest(err))
	}
	if err := v.SetPolicy(ctx, p); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func addUser(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	var req api.AddUser
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	var expires time.Duration
	if req.Expires != "" {
		var err error
		if expires, err = time.ParseDuration(req.Expires); err != nil {
			return refuse(&service.InvalidArgumentError{Arg: "expires", Value: req.Expires, Len: len(req.Expires), Want: "want a duration such as 720h"})
		}
	}
	token, err := v.AddUser(ctx, req.Name, req.Role, expires)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.Token{Token: token})
	return nil
}

func listUsers(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	users, err := v.Users(ctx)
	if err != nil {
		return err
	}
	writeList(w, users)
	return nil
}

func revokeUser(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	if err := v.RevokeUser(ctx, r.PathValue("name")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func rotateToken(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	token, err := v.RotateToken(ctx, r.PathValue("name"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Token{Token: token})
	return nil
}

func listDomains(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	grants, err := v.Domains(ctx, r.URL.Query().Get("user"))
	if err != nil {
		return err
	}
	writeList(w, grants)
	return nil
}

func grantDomain(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	return changeGrant(w, r, func(user string) error { return v.GrantDomain(ctx, r.PathValue("domain"), user) })
}

func revokeDomain(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	return changeGrant(w, r, func(user string) error { return v.RevokeDomain(ctx, r.PathValue("domain"), user) })
}

// changeGrant decodes the body of a grant or revoke and runs fn with its
// user.
func changeGrant(w http.ResponseWriter, r *http.Request, fn func(user string) error) error {
	var req api.Grant
	if err := decode(w, r, api.MaxBody, &req); err != nil {
		return err
	}
	if err := fn(req.User); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
