package main

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
)

// flushCounter is a ResponseWriter that counts its flushes.
type flushCounter struct {
	*httptest.ResponseRecorder
	flushes int
}

func (f *flushCounter) Flush() { f.flushes++ }

// TestLineStreamFlushes checks that a dense stream is not flushed line by
// line, that its first line and a line after a pause are flushed at once,
// and that every line is written, in order.
func TestLineStreamFlushes(t *testing.T) {
	w := &flushCounter{ResponseRecorder: httptest.NewRecorder()}
	ls := newLineStream(w)
	if err := ls.line(0); err != nil {
		t.Fatal(err)
	}
	if w.flushes != 1 {
		t.Fatalf("after the first line: %d flushes, want 1", w.flushes)
	}
	const dense = 10000
	for i := 1; i <= dense; i++ {
		if err := ls.line(i); err != nil {
			t.Fatal(err)
		}
	}
	// 10,000 lines take milliseconds: a flush each 50 ms is a handful.
	if w.flushes > 1+dense/100 {
		t.Errorf("%d dense lines: %d flushes, want few", dense, w.flushes)
	}
	before := w.flushes
	time.Sleep(flushEvery)
	if err := ls.line(dense + 1); err != nil {
		t.Fatal(err)
	}
	if w.flushes != before+1 {
		t.Errorf("a line after a pause: %d flushes, want %d", w.flushes, before+1)
	}
	lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
	if len(lines) != dense+2 || ls.n != dense+2 {
		t.Fatalf("%d lines written, %d counted, want %d", len(lines), ls.n, dense+2)
	}
	for i, l := range lines {
		if want := strconv.Itoa(i); l != want {
			t.Fatalf("line %d = %q, want %q", i, l, want)
		}
	}
}

// heldFile is a client's file whose write(2) its file system holds until
// release is closed; held is closed when the first write starts.
type heldFile struct{ held, release chan struct{} }

func (f heldFile) Write(p []byte) (int, error) {
	close(f.held)
	<-f.release
	return len(p), nil
}

// TestFileStreamLetsGo checks that a read into a client's file ends as
// soon as its request is cut off, even while a write into the file is
// held: neither the request nor a seal waiting for it waits for the
// file system.
func TestFileStreamLetsGo(t *testing.T) {
	file := heldFile{held: make(chan struct{}), release: make(chan struct{})}
	defer close(file.release)
	ctx, cancel := context.WithCancel(context.Background())
	bs := newFileStream(ctx, httptest.NewRecorder(), file)
	written := make(chan error, 1)
	go func() {
		_, err := bs.Write(make([]byte, 1<<20))
		written <- err
	}()
	<-file.held
	cancel()
	select {
	case err := <-written:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Write = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a held write into the file still holds the read after its request was cut off")
	}
}

// TestFileStreamHeader checks that the answer to a read into a client's
// file says so (api.HeaderOutput) once the read starts, with its first
// byte or at the end of an empty file, and not when it fails first (a
// denial), with nothing written.
func TestFileStreamHeader(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	for _, tc := range []struct {
		what  string
		write bool
		err   error
		want  string
	}{
		{"a denial", false, service.ErrDenied, ""},
		{"an empty file", false, nil, api.OutputDescriptor},
		{"bytes", true, nil, api.OutputDescriptor},
	} {
		w := httptest.NewRecorder()
		bs := newFileStream(context.Background(), w, io.Discard)
		if tc.write {
			if _, err := bs.Write([]byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		bs.finish(r, tc.err)
		if got := w.Header().Get(api.HeaderOutput); got != tc.want {
			t.Errorf("%s: %s %q, want %q", tc.what, api.HeaderOutput, got, tc.want)
		}
	}
}
