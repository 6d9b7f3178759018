package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/tvault/tvault/vault"
)

// A session is one unsealing of the vault: the open vault and the calls
// (requests) using it. Seal and shutdown end it: no new call enters, the
// calls in flight get a deadline, those still running then are cut off,
// and the vault closes once the last one has returned. Nothing here
// holds a lock while it waits for a call, so that a seal in progress
// delays no request (but another seal or an unseal, which server.sealMu
// runs one at a time).
type session struct {
	v *vault.Vault
	// scrub checks v in the background; nil if it does not.
	scrub *scrubber
	// retention erases what is due in the background; nil if it does not.
	retention *job

	mu     sync.Mutex
	calls  map[*call]struct{}
	ending bool
	idle   chan struct{} // closed once ending and no call is left
}

func newSession(v *vault.Vault) *session {
	return &session{v: v, calls: map[*call]struct{}{}, idle: make(chan struct{})}
}

// enter adds c to the session; it reports false once the session is
// ending, and c must then not use the vault.
func (se *session) enter(c *call) bool {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.ending {
		return false
	}
	se.calls[c] = struct{}{}
	return true
}

// leave removes c, whose handler has returned.
func (se *session) leave(c *call) {
	se.mu.Lock()
	defer se.mu.Unlock()
	delete(se.calls, c)
	if se.ending && len(se.calls) == 0 {
		close(se.idle)
	}
}

// end lets no new call in, waits up to timeout for the calls in flight,
// cuts off those still running then and waits for them to return, and
// closes the vault, waiting up to closeTimeout for it (closeWithin). It
// returns how many calls it cut off, and the vault's Close error or
// errNotClosed.
//
// A cut-off call returns promptly: its context is canceled, which the
// vault's operations and copy loops check, and its connection's read and
// write deadlines are in the past, which ends any transfer to or from a
// client, stalled or not.
func (se *session) end(timeout, closeTimeout time.Duration) (int, error) {
	se.scrub.stop()
	se.retention.stop()
	se.mu.Lock()
	se.ending = true
	if len(se.calls) == 0 {
		close(se.idle)
	}
	se.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	cut := 0
	select {
	case <-se.idle:
	case <-t.C:
		se.mu.Lock()
		for c := range se.calls {
			c.cutOff()
		}
		cut = len(se.calls)
		se.mu.Unlock()
		<-se.idle
	}
	return cut, closeWithin(se.v, closeTimeout)
}

// errNotClosed is the error of a vault that did not finish closing in
// time.
var errNotClosed = errors.New("the vault's storage did not finish closing")

// closeWithin closes v, waiting up to timeout for it. A storage that
// cannot finish closing (Badger retries for ever to flush its memtable
// into a directory deleted under it; a disk gone) must not hold a seal
// or a shutdown for ever: past timeout, the close goes on in the
// background and closeWithin returns errNotClosed. Nothing committed is
// lost if the process then exits: Badger syncs every write to its log
// (vault/store/badgerstore), and opens as after a crash.
func closeWithin(v *vault.Vault, timeout time.Duration) error {
	err, ok := within(timeout, v.Close)
	if !ok {
		return fmt.Errorf("%w within %v", errNotClosed, timeout)
	}
	return err
}

// within calls fn and waits up to timeout for its result; ok is false if
// fn has not returned by then, and it goes on in the background.
func within[T any](timeout time.Duration, fn func() T) (v T, ok bool) {
	done := make(chan T, 1)
	go func() { done <- fn() }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case v = <-done:
		return v, true
	case <-t.C:
		return v, false
	}
}

// errCutOff is what a cut-off call's reads and writes fail with. It is a
// context.Canceled, so that the vault records the operation's outcome as
// canceled rather than as a failure of the connection.
var errCutOff = fmt.Errorf("the vault was sealed while the request ran: %w", context.Canceled)

// A call is a request that uses the vault. It is the handler's
// ResponseWriter and the source of its request's context and body, so
// that its session can cut it off (cutOff). Handlers flush, and move the
// connection's deadlines on as a transfer progresses, through
// http.ResponseController, which finds the methods below; once the call
// is cut off they move them no more.
type call struct {
	http.ResponseWriter
	cancel context.CancelFunc

	mu  sync.Mutex
	cut bool
}

// newCall wraps w and r for a handler that uses the vault. Once the
// handler has returned, c.cancel releases the context.
func newCall(w http.ResponseWriter, r *http.Request) (*call, *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	c := &call{ResponseWriter: w, cancel: cancel}
	r = r.WithContext(ctx)
	r.Body = &callBody{ReadCloser: r.Body, c: c}
	return c, r
}

// cutOff cancels the call's context and sets both deadlines of its
// connection in the past, for good. Its session calls it, holding the
// session's lock, only while the call's handler runs.
func (c *call) cutOff() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cut = true
	c.cancel()
	rc := http.NewResponseController(c.ResponseWriter)
	past := time.Unix(1, 0)
	rc.SetReadDeadline(past)
	rc.SetWriteDeadline(past)
}

func (c *call) isCut() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cut
}

// failure returns err, or errCutOff if err came of the call being cut
// off.
func (c *call) failure(err error) error {
	if err != nil && c.isCut() {
		return errCutOff
	}
	return err
}

func (c *call) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	return n, c.failure(err)
}

// SetReadDeadline is for http.ResponseController.
func (c *call) SetReadDeadline(t time.Time) error {
	return c.move((*http.ResponseController).SetReadDeadline, t)
}

// SetWriteDeadline is for http.ResponseController.
func (c *call) SetWriteDeadline(t time.Time) error {
	return c.move((*http.ResponseController).SetWriteDeadline, t)
}

// move sets a deadline to t with set, unless the call is cut off.
func (c *call) move(set func(*http.ResponseController, time.Time) error, t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cut {
		return errCutOff
	}
	return set(http.NewResponseController(c.ResponseWriter), t)
}

// FlushError is for http.ResponseController.
func (c *call) FlushError() error {
	return c.failure(http.NewResponseController(c.ResponseWriter).Flush())
}

// callBody is a call's request body.
type callBody struct {
	io.ReadCloser
	c *call
}

func (b *callBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	return n, b.c.failure(err)
}
