package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/internal/pagewrite"
	"github.com/tvault/tvault/vault/service"
)

// Attachments stream both ways: an upload's body goes straight into
// vault.Attach, and a read's bytes go straight from the vault to the
// connection, so that the daemon's memory does not grow with the file.
// Neither fits the server's whole-request read timeout or whole-response
// write timeout, so both move their deadline on as bytes flow instead:
// a transfer is bounded per stretch of progress, not in total.

// progressTimeout bounds a stretch without progress in an attachment
// transfer; deadlineEvery is how often the deadline is moved on, rather
// than on every read or write.
const (
	progressTimeout = time.Minute
	deadlineEvery   = time.Second
)

// deadlineReader reads an upload's body, moving the connection's read
// deadline on while bytes arrive.
type deadlineReader struct {
	r    io.Reader
	rc   *http.ResponseController
	last time.Time
}

func (d *deadlineReader) Read(p []byte) (int, error) {
	if now := time.Now(); now.Sub(d.last) >= deadlineEvery {
		d.rc.SetReadDeadline(now.Add(progressTimeout))
		d.last = now
	}
	return d.r.Read(p)
}

func attach(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	q := r.URL.Query()
	note, err := url.PathUnescape(r.Header.Get(api.HeaderNote))
	if err != nil {
		return refuse(api.BadRequest(fmt.Errorf("invalid %s header: %v", api.HeaderNote, err)))
	}
	rc := http.NewResponseController(w)
	// The body is the file, of any size: no MaxBytesReader here, and the
	// read deadline follows progress instead of ReadTimeout.
	body := &deadlineReader{r: r.Body, rc: rc}
	att, err := v.Attach(ctx, r.PathValue("id"), body, q.Get("kind"), note, q.Get("type"))
	if err != nil {
		return err
	}
	// WriteTimeout ran from the start of the request, which a large
	// upload may have used up.
	rc.SetWriteDeadline(time.Now().Add(progressTimeout))
	writeJSON(w, http.StatusCreated, att)
	return nil
}

func listAttachments(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	list, err := v.Attachments(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeList(w, list)
	return nil
}

// byteStream writes an attachment read as it is produced: the header goes
// with the first bytes, and the write deadline moves on while bytes flow.
// The outcome goes in trailers, as for lineStream: Tvault-Count is the
// number of bytes sent, or Tvault-Error and Tvault-Error-Code report a
// failure found after the first byte (a hash mismatch at the end of a
// full read), which the client then reports instead of success.
//
// A byteStream into a client's file (newFileStream) writes the bytes
// there instead; the response is the same, with HeaderOutput and an
// empty body.
type byteStream struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	out     io.Writer // where the bytes go: w, or the client's file
	toFile  bool      // out is the client's file
	started bool
	last    time.Time
	n       int64
}

func newByteStream(w http.ResponseWriter) *byteStream {
	return &byteStream{w: w, rc: http.NewResponseController(w), out: w}
}

// newFileStream returns a byteStream that writes into f, a client's
// output file (takeOutput), while ctx lasts: a file's writes, unlike the
// socket's, do not fail when the client goes away or a seal cuts the
// request off, so each piece asks ctx first, and a write that the file
// system holds is left behind when ctx ends (fileWriter). The writes go
// in pagewrite's small pieces, as the blob's do: in the vault's 1 MiB
// ones a 1 GiB read cost 2.9-4.3 s of CPU instead of 2.0-2.5 s
// (docs/BENCHMARKS.md, session 16).
func newFileStream(ctx context.Context, w http.ResponseWriter, f io.Writer) *byteStream {
	bs := newByteStream(w)
	bs.out, bs.toFile = fileWriter{ctx, pagewrite.Writer(ctxWriter{ctx, f})}, true
	return bs
}

func (bs *byteStream) Write(p []byte) (int, error) {
	if !bs.started {
		bs.start()
	}
	if now := time.Now(); now.Sub(bs.last) >= deadlineEvery {
		bs.rc.SetWriteDeadline(now.Add(progressTimeout))
		bs.last = now
	}
	n, err := bs.out.Write(p)
	bs.n += int64(n)
	return n, err
}

// start sends the stream's header; into a file, it says so
// (api.HeaderOutput), which an error answered before the first byte,
// with nothing written, does not.
func (bs *byteStream) start() {
	if bs.toFile {
		bs.w.Header().Set(api.HeaderOutput, api.OutputDescriptor)
	}
	startStream(bs.w, bytesType)
	if bs.toFile {
		// The client learns at once that the bytes go to its file.
		bs.rc.Flush()
	}
	bs.started = true
}

// finish ends the stream with err's outcome (see finishStream).
func (bs *byteStream) finish(r *http.Request, err error) error {
	// The writes into a file leave the deadline where the last second
	// put it, at least; the trailers need it ahead.
	bs.rc.SetWriteDeadline(time.Now().Add(progressTimeout))
	if err == nil && !bs.started {
		bs.start() // an empty file
	}
	return finishStream(bs.w, r, bs.started, bytesType, strconv.FormatInt(bs.n, 10), err)
}

// ctxWriter writes to w until ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// fileWriter writes to w, a client's file, on a goroutine of its own,
// and returns ctx's error as soon as ctx is done: a write(2) into a file
// has no deadline, and one that its file system holds (frozen, or on a
// disk that stopped answering) would otherwise hold the request, and the
// seal and shutdown that wait for it, for as long. The goroutine is left
// the file and p until its write ends (copyHashing does not reuse p
// then); os.File's Close does not wait for it.
type fileWriter struct {
	ctx context.Context
	w   io.Writer
}

func (fw fileWriter) Write(p []byte) (int, error) {
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := fw.w.Write(p)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-fw.ctx.Done():
		return 0, fw.ctx.Err()
	}
}

// getAttachment writes an attachment, or a range of it, to the client:
// over the connection, or, for a whole read that asks for it
// (api.HeaderOutput), into the file whose descriptor came with the
// request (takeOutput), which only a request that passed authentication
// reaches, and only the vault's own check of the user's role lets it
// write to. Range reads, raw reads and backups always stream.
func getAttachment(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	id, att := r.PathValue("id"), r.PathValue("att")
	rng, ranged := r.URL.Query()["range"]
	if out := r.Header.Get(api.HeaderOutput); out != "" {
		if out != api.OutputDescriptor || ranged {
			return refuse(api.BadRequest(fmt.Errorf("invalid %s header: want %q, on a whole read", api.HeaderOutput, api.OutputDescriptor)))
		}
		f, err := takeOutput(r.Context())
		if err != nil {
			return refuse(err)
		}
		defer f.Close()
		bs := newFileStream(ctx, w, f)
		return bs.finish(r, v.AttachmentGet(ctx, id, att, bs))
	}
	bs := newByteStream(w)
	if ranged {
		if len(rng) != 1 {
			return refuse(&service.InvalidArgumentError{Arg: "range", Want: "give it once"})
		}
		start, end, err := service.ParseRange(rng[0])
		if err != nil {
			return refuse(err)
		}
		return bs.finish(r, v.AttachmentRange(ctx, id, att, start, end, bs))
	}
	return bs.finish(r, v.AttachmentGet(ctx, id, att, bs))
}

func backup(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	bs := newByteStream(w)
	return bs.finish(r, v.Backup(ctx, bs))
}

func rawAttachment(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	bs := newByteStream(w)
	return bs.finish(r, v.AttachmentRaw(ctx, r.PathValue("id"), r.PathValue("att"), bs))
}
