// Package progress shows how far long work has gone on a terminal: one
// status line on standard error, redrawn in place at most every Interval
// and erased when the work ends, so that it never mixes with what the
// command prints on standard output. Where standard error is not a
// terminal (a pipe, a file, a test script), or the user asked for quiet,
// a Meter draws nothing at all.
//
// A Meter shows only what its caller formats: counts and sizes, never a
// name or a file's content, as terminals get recorded and shared.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// Interval is the least time between two redraws: often enough to look
// alive, rarely enough to cost nothing next to the work.
const Interval = 250 * time.Millisecond

// defaultWidth is the width of a terminal that does not tell its own.
const defaultWidth = 80

// A Meter draws one status line. Its methods may be called from several
// goroutines; a nil *Meter draws nothing.
type Meter struct {
	mu     sync.Mutex
	w      io.Writer // nil: draw nothing
	width  int       // columns of the terminal
	label  string
	now    func() time.Time
	start  time.Time
	last   time.Time
	drawn  bool
	closed bool
}

// New returns a Meter for work described by label ("exporting") that
// draws on f if f is a terminal and quiet is false, and otherwise draws
// nothing.
func New(f *os.File, quiet bool, label string) *Meter {
	if quiet || !term.IsTerminal(int(f.Fd())) {
		return newMeter(nil, 0, label, time.Now)
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = defaultWidth
	}
	return newMeter(f, width, label, time.Now)
}

// newMeter returns a Meter drawing on w, a terminal of width columns, or
// nothing if w is nil; tests give a buffer and a clock of their own.
func newMeter(w io.Writer, width int, label string, now func() time.Time) *Meter {
	return &Meter{w: w, width: width, label: label, now: now, start: now()}
}

// Printf shows the status given by format and args after the label and
// the time elapsed, unless the line was drawn less than Interval ago. The
// status is formatted only when drawn.
func (m *Meter) Printf(format string, args ...any) {
	if m == nil || m.w == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.now()
	if m.closed || m.drawn && t.Sub(m.last) < Interval {
		return
	}
	m.last, m.drawn = t, true
	line := fmt.Sprintf("tvault: %s (%s): %s", m.label, t.Sub(m.start).Truncate(time.Second), fmt.Sprintf(format, args...))
	// A line longer than the terminal would wrap, and the next redraw
	// would leave its first part behind.
	line = truncate(line, m.width-1)
	// Carriage return, the line, then erase what a longer line left.
	io.WriteString(m.w, "\r"+line+"\x1b[K")
}

// Done erases the line, if one was drawn; the Meter draws no more.
func (m *Meter) Done() {
	if m == nil || m.w == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.drawn && !m.closed {
		io.WriteString(m.w, "\r\x1b[K")
	}
	m.closed = true
}

// truncate cuts s to at most n runes, control characters replaced, so
// that a status never moves the cursor.
func truncate(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if n < 1 || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Bytes formats a count of bytes for a status: "512 B", "3.2 MB", with
// decimal units as file managers show sizes.
func Bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

// Active reports whether m draws: whether wrapping work to show its
// progress is worth anything.
func (m *Meter) Active() bool { return m != nil && m.w != nil }

// Writer returns a writer that passes writes on to w and shows the bytes
// written so far, of total if it is not 0; w itself if m does not draw,
// so that nothing changes where nothing is shown.
func (m *Meter) Writer(w io.Writer, total int64) io.Writer {
	if !m.Active() {
		return w
	}
	return &writer{w: w, m: m, total: total}
}

type writer struct {
	w        io.Writer
	m        *Meter
	n, total int64
}

func (w *writer) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	w.m.Printf("%s", of(w.n, w.total))
	return n, err
}

// Follow shows, until stop is called, how far the reads of f have gone:
// its offset, of total if it is not 0. It watches rather than wraps f, so
// that whoever reads f still sees a file (and, say, sends its length).
func (m *Meter) Follow(f *os.File, total int64) (stop func()) {
	return m.every(func() (string, bool) {
		off, err := f.Seek(0, io.SeekCurrent)
		return of(off, total), err == nil
	})
}

// FollowSize shows, until stop is called, how much f has grown since the
// call, of total if it is not 0: the bytes written to an output file,
// whoever writes them (tvaultd writes a read's bytes into the CLI's file
// itself).
func (m *Meter) FollowSize(f *os.File, total int64) (stop func()) {
	if !m.Active() {
		return func() {}
	}
	fi, err := f.Stat()
	if err != nil {
		return func() {}
	}
	base := fi.Size()
	return m.every(func() (string, bool) {
		fi, err := f.Stat()
		if err != nil {
			return "", false
		}
		return of(fi.Size()-base, total), true
	})
}

// Wait shows status, with the time elapsed, until stop is called: for
// work that cannot tell how far it has gone, so that it is not silent.
func (m *Meter) Wait(status string) (stop func()) {
	m.Printf("%s", status)
	return m.every(func() (string, bool) { return status, true })
}

// every redraws the status that status returns, if it says to, every
// Interval until stop is called.
func (m *Meter) every(status func() (string, bool)) (stop func()) {
	if !m.Active() {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(Interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if s, ok := status(); ok {
					m.Printf("%s", s)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

func of(n, total int64) string {
	if total <= 0 {
		return Bytes(n)
	}
	return fmt.Sprintf("%s of %s (%d%%)", Bytes(n), Bytes(total), n*100/total)
}
