// Package blobtest is the conformance suite for the blob contract.
//
// Every backend's tests call Run with a function that returns a fresh,
// empty store, as storetest does for record stores.
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/tvault/tvault/vault/blob"
)

// Run checks that the stores returned by open keep the blob contract.
// open must return a new, empty store.
func Run(t *testing.T, open func(t *testing.T) blob.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, blob.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Empty", testEmpty},
		{"LargeStreamed", testLarge},
		{"ReadAt", testReadAt},
		{"NamesAreRandom", testNames},
		{"AbortLeavesNothing", testAbort},
		{"SweepRemovesUnfinished", testSweep},
		{"FinishedWriterRefuses", testFinished},
		{"OpenMissing", testOpenMissing},
		{"InvalidNames", testInvalidNames},
		{"Remove", testRemove},
		{"List", testList},
		{"Concurrent", testConcurrent},
		{"CanceledContext", testCanceled},
		{"CopyUnderName", testCopy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

var ctx = context.Background()

// randomBytes returns n bytes that depend on seed only.
func randomBytes(seed uint64, n int) []byte {
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), byte(seed >> 16)})
	b := make([]byte, n)
	r.Read(b)
	return b
}

// put writes data in writes of varied sizes and commits it.
func put(t *testing.T, s blob.Store, data []byte) string {
	t.Helper()
	name, err := tryPut(s, data)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// tryPut is put for goroutines other than the test's.
func tryPut(s blob.Store, data []byte) (string, error) {
	w, err := s.Create(ctx)
	if err != nil {
		return "", fmt.Errorf("Create: %v", err)
	}
	defer w.Abort()
	for i, rest := 1, data; len(rest) > 0; i++ {
		n := min(len(rest), i*7919%(256<<10)+1)
		if m, err := w.Write(rest[:n]); err != nil || m != n {
			return "", fmt.Errorf("Write = %d, %v; want %d, nil", m, err, n)
		}
		rest = rest[n:]
	}
	name, err := w.Commit()
	if err != nil {
		return "", fmt.Errorf("Commit: %v", err)
	}
	if err := blob.CheckName(name); err != nil {
		return "", fmt.Errorf("Commit returned a name CheckName refuses: %v", err)
	}
	return name, nil
}

// check opens name and checks its size and its content read from the
// start in small reads.
func check(t *testing.T, s blob.Store, name string, want []byte) {
	t.Helper()
	r, err := s.Open(ctx, name)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer r.Close()
	if r.Size() != int64(len(want)) {
		t.Fatalf("Size = %d, want %d", r.Size(), len(want))
	}
	got, err := io.ReadAll(struct{ io.Reader }{r}) // no WriterTo shortcuts
	if err != nil {
		t.Fatalf("reading blob: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("blob content differs: got %d bytes, want %d", len(got), len(want))
	}
}

func testRoundTrip(t *testing.T, s blob.Store) {
	data := []byte("an age file, in practice")
	name := put(t, s, data)
	check(t, s, name, data)
	// Open gives independent handles, each reading from the start.
	check(t, s, name, data)
}

func testEmpty(t *testing.T, s blob.Store) {
	name := put(t, s, nil)
	check(t, s, name, []byte{})
}

func testLarge(t *testing.T, s blob.Store) {
	data := randomBytes(1, 9<<20+13)
	name := put(t, s, data)
	check(t, s, name, data)
}

func testReadAt(t *testing.T, s blob.Store) {
	data := randomBytes(2, 1<<20+5)
	name := put(t, s, data)
	r, err := s.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 0))
			for range 50 {
				off := rng.IntN(len(data))
				buf := make([]byte, rng.IntN(len(data)-off)+1)
				n, err := r.ReadAt(buf, int64(off))
				if n != len(buf) || (err != nil && !(errors.Is(err, io.EOF) && off+n == len(data))) {
					t.Errorf("ReadAt(%d bytes, %d) = %d, %v", len(buf), off, n, err)
					return
				}
				if !bytes.Equal(buf, data[off:off+n]) {
					t.Errorf("ReadAt(%d bytes, %d) returned other bytes", len(buf), off)
					return
				}
			}
		}()
	}
	wg.Wait()
	// Reading past the end returns what there is and io.EOF.
	buf := make([]byte, 10)
	n, err := r.ReadAt(buf, int64(len(data)-4))
	if n != 4 || !errors.Is(err, io.EOF) {
		t.Errorf("ReadAt across the end = %d, %v; want 4, io.EOF", n, err)
	}
}

func testNames(t *testing.T, s blob.Store) {
	secret := []byte("SENTINEL-blob-name-7d1c")
	seen := map[string]bool{}
	for range 20 {
		name := put(t, s, secret)
		if seen[name] {
			t.Fatalf("name %s returned twice", name)
		}
		seen[name] = true
		if bytes.Contains([]byte(name), []byte("SENTINEL")) {
			t.Fatalf("name %s reveals content", name)
		}
	}
}

func testAbort(t *testing.T, s blob.Store) {
	w, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("discarded")); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatalf("Abort: %v", err)
	}
	if err := w.Abort(); err != nil {
		t.Fatalf("second Abort: %v", err)
	}
	if _, err := w.Commit(); err == nil {
		t.Fatal("Commit after Abort succeeded")
	}
}

// testSweep stands for a crash with two Writers unfinished: Sweep removes
// both, keeps the committed blob, and neither Writer can commit after it.
func testSweep(t *testing.T, s blob.Store) {
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("Sweep of an empty store = %d, %v; want 0, nil", n, err)
	}
	data := randomBytes(7, 100_000)
	name := put(t, s, data)
	var cut []blob.Writer
	for i := range 2 {
		w, err := s.Create(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		if _, err := w.Write(randomBytes(uint64(8+i), 50_000)); err != nil {
			t.Fatal(err)
		}
		cut = append(cut, w)
	}
	if n, err := s.Sweep(ctx); err != nil || n != 2 {
		t.Fatalf("Sweep = %d, %v; want 2, nil", n, err)
	}
	for _, w := range cut {
		if got, err := w.Commit(); err == nil {
			t.Errorf("Commit after Sweep succeeded: %s", got)
		}
	}
	check(t, s, name, data)
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Errorf("second Sweep = %d, %v; want 0, nil", n, err)
	}
}

func testFinished(t *testing.T, s blob.Store) {
	w, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("kept")); err != nil {
		t.Fatal(err)
	}
	name, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("more")); err == nil {
		t.Error("Write after Commit succeeded")
	}
	if _, err := w.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	if err := w.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	check(t, s, name, []byte("kept"))
}

func testOpenMissing(t *testing.T, s blob.Store) {
	if _, err := s.Open(ctx, blob.NewName()); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("Open(missing) = %v, want ErrNotFound", err)
	}
}

// testCopy: blob.Copy stores a blob under the name given, and refuses a
// name taken or invalid, leaving the blob there as it was and nothing
// else.
func testCopy(t *testing.T, s blob.Store) {
	name := blob.NewName()
	data := randomBytes(7, 3<<20+5)
	if err := blob.Copy(ctx, s, name, bytes.NewReader(data)); err != nil {
		t.Fatalf("Copy: %v", err)
	}
	check(t, s, name, data)
	for _, bad := range []string{name, "../" + name, ""} {
		if err := blob.Copy(ctx, s, bad, bytes.NewReader([]byte("other"))); err == nil {
			t.Errorf("Copy(%q) succeeded", bad)
		}
	}
	check(t, s, name, data)
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Errorf("Sweep after refused copies = %d, %v; want 0, nil", n, err)
	}
	var names []string
	if err := s.List(ctx, func(n string) error { names = append(names, n); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, []string{name}) {
		t.Errorf("List = %q, want only %q", names, name)
	}
}

func testInvalidNames(t *testing.T, s blob.Store) {
	name := put(t, s, []byte("x"))
	for _, bad := range []string{"", ".", "..", "../" + name, name + "/", "/" + name,
		name[:31], name + "0", "ABCDEF" + name[6:], ".tmp-0123456789abcdef"} {
		if _, err := s.Open(ctx, bad); err == nil || errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Open(%q) = %v, want an invalid name error", bad, err)
		}
		if err := s.Remove(ctx, bad); err == nil {
			t.Errorf("Remove(%q) succeeded", bad)
		}
	}
	check(t, s, name, []byte("x"))
}

func testRemove(t *testing.T, s blob.Store) {
	a, b := put(t, s, []byte("a")), put(t, s, []byte("b"))
	if err := s.Remove(ctx, a); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if _, err := s.Open(ctx, a); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("Open after Remove = %v, want ErrNotFound", err)
	}
	if err := s.Remove(ctx, a); err != nil {
		t.Fatalf("Remove of a removed blob: %v", err)
	}
	check(t, s, b, []byte("b"))
}

func testConcurrent(t *testing.T, s blob.Store) {
	const n = 8
	names := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if names[i], err = tryPut(s, randomBytes(uint64(100+i), 300<<10)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i, name := range names {
		check(t, s, name, randomBytes(uint64(100+i), 300<<10))
	}
}

func testCanceled(t *testing.T, s blob.Store) {
	c, cancel := context.WithCancel(ctx)
	cancel()
	if w, err := s.Create(c); err == nil {
		w.Abort()
		t.Error("Create with a canceled context succeeded")
	}
	name := put(t, s, []byte("x"))
	if r, err := s.Open(c, name); err == nil {
		r.Close()
		t.Error("Open with a canceled context succeeded")
	}
	if err := s.Remove(c, name); err == nil {
		t.Error("Remove with a canceled context succeeded")
	}
	check(t, s, name, []byte("x"))
}

func testList(t *testing.T, s blob.Store) {
	list := func() []string {
		t.Helper()
		var names []string
		if err := s.List(ctx, func(name string) error { names = append(names, name); return nil }); err != nil {
			t.Fatalf("List: %v", err)
		}
		slices.Sort(names)
		return names
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("List of an empty store = %v", got)
	}
	a, b := put(t, s, []byte("a")), put(t, s, []byte("b"))
	// An unfinished Writer is not a blob.
	w, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if _, err := w.Write([]byte("unfinished")); err != nil {
		t.Fatal(err)
	}
	want := []string{a, b}
	slices.Sort(want)
	if got := list(); !slices.Equal(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	if err := s.Remove(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := list(); !slices.Equal(got, []string{b}) {
		t.Fatalf("List after Remove = %v, want [%s]", got, b)
	}
	stop := errors.New("stop")
	if err := s.List(ctx, func(string) error { return stop }); err != stop {
		t.Fatalf("List returned %v, want fn's error", err)
	}
}
