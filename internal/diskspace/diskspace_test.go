package diskspace

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		err  error
		full bool
	}{
		{&fs.PathError{Op: "write", Path: "f", Err: syscall.ENOSPC}, true},
		{&fs.PathError{Op: "write", Path: "f", Err: syscall.EDQUOT}, true},
		{ErrNoSpace, true},
		{&fs.PathError{Op: "write", Path: "f", Err: syscall.EIO}, false},
		{errors.New("no space left on device"), false}, // text alone is not enough
	} {
		w := Wrap(tc.err)
		if errors.Is(w, ErrNoSpace) != tc.full || Full(tc.err) != tc.full {
			t.Errorf("Wrap(%v) is ErrNoSpace: %v, Full: %v; want %v", tc.err, errors.Is(w, ErrNoSpace), Full(tc.err), tc.full)
		}
		if w.Error() != tc.err.Error() || !errors.Is(w, tc.err) {
			t.Errorf("Wrap(%v) = %v, want the same text, wrapping it", tc.err, w)
		}
	}
	if Wrap(nil) != nil {
		t.Error("Wrap(nil) is not nil")
	}
}

func TestFree(t *testing.T) {
	if n, err := Free(t.TempDir()); err != nil || n <= 0 {
		t.Errorf("Free(TempDir) = %d, %v", n, err)
	}
	if _, err := Free(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Free of a missing directory succeeded")
	}
}
