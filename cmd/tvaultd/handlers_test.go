package main

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
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
