package fsblob

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/tvault/tvault/internal/tmpfstest"
)

func TestDirectPiece(t *testing.T) {
	buf := make([]byte, 2*directMin+directAlign) // a large object: page-aligned
	if !directPiece(buf[:directMin], 0) {
		t.Fatal("directPiece refuses an aligned 1 MiB buffer; the tests below would prove nothing")
	}
	for _, tc := range []struct {
		name string
		p    []byte
		off  int64
		want bool
	}{
		{"1 MiB at 0", buf[:directMin], 0, true},
		{"2 MiB at 1 MiB", buf[:2*directMin], directMin, true},
		{"1 MiB + 1 block", buf[:directMin+directAlign], 3 * directAlign, true},
		{"short", buf[:directMin-directAlign], 0, false},
		{"not whole blocks", buf[:directMin+1], 0, false},
		{"offset not aligned", buf[:directMin], 512, false},
		{"memory not aligned", buf[512 : 512+directMin], 0, false},
	} {
		if got := directPiece(tc.p, tc.off); got != tc.want {
			t.Errorf("%s: directPiece = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// direct reports whether f has O_DIRECT.
func direct(t *testing.T, f *os.File) bool {
	t.Helper()
	flags, err := unix.FcntlInt(f.Fd(), unix.F_GETFL, 0)
	if err != nil {
		t.Fatal(err)
	}
	return flags&unix.O_DIRECT != 0
}

// TestDirectWrites writes 1 MiB pieces and a tail, as the vault's attach
// does, on a file system that takes direct I/O: the pieces go with
// O_DIRECT and leave nothing to writeback, the tail through the page
// cache, and the blob reads back whole.
func TestDirectWrites(t *testing.T) {
	s := New(filepath.Join(t.TempDir(), "blobs"))
	bw, err := s.Create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer bw.Abort()
	w := bw.(*writer)
	if !w.direct {
		t.Skip("the file system of the temporary directory states no direct I/O")
	}
	if !direct(t, w.f) {
		t.Fatal("writer is direct, its file has no O_DIRECT")
	}
	var want bytes.Buffer
	piece := make([]byte, directMin)
	for i := range 3 {
		for j := range piece {
			piece[j] = byte(i*7 + j)
		}
		want.Write(piece)
		if _, err := w.Write(piece); err != nil {
			t.Fatal(err)
		}
	}
	if !w.direct || !direct(t, w.f) || w.flushed != w.written {
		t.Fatalf("after 3 pieces: direct %v, O_DIRECT %v, %d of %d bytes left to writeback; want direct writes only", w.direct, direct(t, w.f), w.written-w.flushed, w.written)
	}
	tail := []byte("the tail")
	want.Write(tail)
	if _, err := w.Write(tail); err != nil {
		t.Fatal(err)
	}
	if w.direct || direct(t, w.f) {
		t.Fatal("the tail left the file direct")
	}
	name, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Open(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("blob of %d bytes differs from the %d written", len(got), want.Len())
	}
}

// TestNoDirectOnTmpfs: tmpfs states no direct I/O (though Linux 6.6 and
// later accept O_DIRECT on it), so its blobs go through the page cache,
// and 1 MiB pieces round-trip.
func TestNoDirectOnTmpfs(t *testing.T) {
	s := New(filepath.Join(tmpfstest.Mount(t, 8<<20), "blobs"))
	bw, err := s.Create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer bw.Abort()
	w := bw.(*writer)
	if w.direct || direct(t, w.f) {
		t.Fatal("a blob on tmpfs is written directly")
	}
	piece := bytes.Repeat([]byte("p"), directMin)
	for range 2 {
		if _, err := w.Write(piece); err != nil {
			t.Fatal(err)
		}
	}
	name, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Open(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Size() != 2*directMin {
		t.Fatalf("blob of %d bytes, want %d", r.Size(), 2*directMin)
	}
}
