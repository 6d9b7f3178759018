package progress

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time           { return c.t }
func (c *fakeClock) add(d time.Duration)      { c.t = c.t.Add(d) }
func newFake() (*fakeClock, func() time.Time) { c := &fakeClock{t: time.Unix(1e9, 0)}; return c, c.now }

// TestMeterRedraws checks a Meter on a fake terminal: the first status is
// drawn at once, later ones no more often than Interval, each in place of
// the last, and Done erases the line and ends the drawing.
func TestMeterRedraws(t *testing.T) {
	var buf bytes.Buffer
	clock, now := newFake()
	m := newMeter(&buf, 80, "exporting", now)

	m.Printf("%d records", 1)
	if got, want := buf.String(), "\rtvault: exporting (0s): 1 records\x1b[K"; got != want {
		t.Fatalf("first draw %q, want %q", got, want)
	}
	buf.Reset()
	for i := 2; i < 100; i++ {
		clock.add(Interval / 10)
		m.Printf("%d records", i)
	}
	// 98 updates over 9.8 intervals: a redraw at each interval.
	if n := strings.Count(buf.String(), "\r"); n != 9 {
		t.Fatalf("%d redraws in 9.8 intervals, want 9: %q", n, buf.String())
	}
	if !strings.HasSuffix(buf.String(), "\rtvault: exporting (2s): 91 records\x1b[K") {
		t.Fatalf("last redraw %q", buf.String()[strings.LastIndex(buf.String(), "\r"):])
	}
	buf.Reset()
	m.Done()
	if buf.String() != "\r\x1b[K" {
		t.Fatalf("Done wrote %q, want the line erased", buf.String())
	}
	buf.Reset()
	clock.add(time.Hour)
	m.Printf("late")
	m.Done()
	if buf.Len() != 0 {
		t.Fatalf("a Meter done drew %q", buf.String())
	}
}

// TestMeterLine checks what a status line may hold: no more than the
// terminal's width, no control character.
func TestMeterLine(t *testing.T) {
	tests := []struct {
		name   string
		width  int
		status string
		want   string
	}{
		{"fits", 80, "3 files", "tvault: w (0s): 3 files"},
		{"cut to the width", 20, "3 files of many many more", "tvault: w (0s): 3 f"},
		{"cut by runes", 20, "3 파일 of many many more", "tvault: w (0s): 3 파"},
		{"control characters", 80, "a\nb\x1b[2Jc\rd", "tvault: w (0s): a b [2Jc d"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		_, now := newFake()
		newMeter(&buf, tt.width, "w", now).Printf("%s", tt.status)
		if got := buf.String(); got != "\r"+tt.want+"\x1b[K" {
			t.Errorf("%s: drew %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestNotATerminal checks that a Meter on a file that is not a terminal,
// or a quiet one, draws nothing, and that a nil Meter may be used.
func TestNotATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, m := range []*Meter{New(f, false, "checking"), New(f, true, "checking"), nil} {
		m.Printf("%d", 1)
		m.Writer(io.Discard, 0).Write([]byte("data"))
		m.Follow(f, 0)()
		m.Done()
	}
	if fi, err := f.Stat(); err != nil || fi.Size() != 0 {
		t.Fatalf("wrote %d bytes to a file that is not a terminal (%v)", fi.Size(), err)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 999: "999 B", 1000: "1.0 kB", 3_200_000: "3.2 MB", 1 << 30: "1.1 GB", 5_000_000_000_000: "5.0 TB",
	} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWriterFollow checks that Writer passes the data on unchanged and
// shows the bytes so far, that Follow shows how far a file was read, of
// its size, that FollowSize shows how much a file grew, that Wait keeps a status drawn, and that none changes
// anything when the Meter does not draw.
func TestWriterFollow(t *testing.T) {
	var screen, out bytes.Buffer
	clock, now := newFake()
	m := newMeter(&screen, 80, "writing", now)
	data := bytes.Repeat([]byte("x"), 2500)
	w := m.Writer(&out, 0)
	for i := 0; i < 5; i++ {
		clock.add(Interval)
		if _, err := w.Write(data[i*500 : (i+1)*500]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("Writer passed on %d bytes", out.Len())
	}
	if !strings.HasSuffix(screen.String(), "\rtvault: writing (1s): 2.5 kB\x1b[K") {
		t.Fatalf("Writer drew %q", screen.String())
	}

	name := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Read(make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	screen.Reset()
	m = newMeter(&screen, 80, "attaching", time.Now)
	stop := m.Follow(f, 2500)
	time.Sleep(3 * Interval)
	stop()
	if !strings.Contains(screen.String(), "\rtvault: attaching (0s): 1.0 kB of 2.5 kB (40%)\x1b[K") {
		t.Fatalf("Follow drew %q", screen.String())
	}

	// FollowSize counts what a file grew by, not what it held.
	out2, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer out2.Close()
	screen.Reset()
	m = newMeter(&screen, 80, "reading", time.Now)
	stop = m.FollowSize(out2, 0)
	if _, err := out2.Write(data[:700]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * Interval)
	stop()
	if !strings.HasSuffix(screen.String(), "\rtvault: reading (0s): 700 B\x1b[K") {
		t.Fatalf("FollowSize drew %q", screen.String())
	}

	screen.Reset()
	m = newMeter(&screen, 80, "storing", time.Now)
	stop = m.Wait("3 testimonies")
	time.Sleep(3 * Interval)
	stop()
	if n := len(regexp.MustCompile(`\rtvault: storing \(\d+s\): 3 testimonies\x1b\[K`).FindAllString(screen.String(), -1)); n < 2 {
		t.Fatalf("Wait drew %q, want the status at once and again after each interval", screen.String())
	}

	var quiet *Meter
	if quiet.Writer(&out, 0) != io.Writer(&out) {
		t.Fatal("a Meter that does not draw wrapped the writer")
	}
	quiet.Follow(f, 0)()
	quiet.FollowSize(f, 0)()
	quiet.Wait("x")()
}
