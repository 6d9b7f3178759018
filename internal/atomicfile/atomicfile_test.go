package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// modes are the two ways write makes a file: unnamed (O_TMPFILE, where the
// system has it) and the named temporary file it falls back to.
var modes = []struct {
	name    string
	unnamed bool
}{
	{"unnamed", true},
	{"named", false},
}

// names lists dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestWrite(t *testing.T) {
	errFill := errors.New("fill failed")
	tests := []struct {
		name     string
		existing string // content of the target before write, if any
		fill     func(target string) func(io.Writer) error
		wantErr  error  // nil, fs.ErrExist or errFill
		want     string // the target's content afterwards
		absent   bool   // the target does not exist afterwards
	}{
		{
			name: "new file",
			fill: func(string) func(io.Writer) error { return writeString("testimony") },
			want: "testimony",
		},
		{
			name: "empty file",
			fill: func(string) func(io.Writer) error { return writeString("") },
			want: "",
		},
		{
			name:     "existing file is refused before fill",
			existing: "keyring",
			fill: func(string) func(io.Writer) error {
				return func(io.Writer) error { panic("fill called although the file exists") }
			},
			wantErr: fs.ErrExist,
			want:    "keyring",
		},
		{
			name: "file created while filling is kept",
			fill: func(target string) func(io.Writer) error {
				return func(w io.Writer) error {
					if err := os.WriteFile(target, []byte("theirs"), 0o600); err != nil {
						return err
					}
					_, err := io.WriteString(w, "ours")
					return err
				}
			},
			wantErr: fs.ErrExist,
			want:    "theirs",
		},
		{
			name: "failed fill leaves nothing",
			fill: func(string) func(io.Writer) error {
				return func(w io.Writer) error {
					io.WriteString(w, "partial plaintext")
					return errFill
				}
			},
			wantErr: errFill,
			absent:  true,
		},
	}
	for _, m := range modes {
		for _, tt := range tests {
			t.Run(m.name+"/"+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				target := filepath.Join(dir, "out")
				if tt.existing != "" {
					if err := os.WriteFile(target, []byte(tt.existing), 0o600); err != nil {
						t.Fatal(err)
					}
				}
				err := write(target, tt.fill(target), m.unnamed)
				if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
					t.Fatalf("write = %v, want %v", err, tt.wantErr)
				}
				wantNames := []string{"out"}
				if tt.absent {
					wantNames = nil
				}
				if got := names(t, dir); !slices.Equal(got, wantNames) {
					t.Fatalf("directory holds %q, want %q", got, wantNames)
				}
				if tt.absent {
					return
				}
				got, err := os.ReadFile(target)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tt.want {
					t.Fatalf("content %q, want %q", got, tt.want)
				}
			})
		}
	}
}

func TestWriteMode(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "secret")
			if err := write(target, writeString("s"), m.unnamed); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Lstat(target)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v, want a regular file with mode 0600", fi.Mode())
			}
		})
	}
}

// hasUnnamed reports whether dir can hold unnamed files.
func hasUnnamed(t *testing.T, dir string) bool {
	f, err := createUnnamed(dir)
	if errors.Is(err, errNoUnnamed) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	return true
}

// TestWriteUnnamed checks which of the two ways write takes: while fill
// runs, the directory holds nothing where the file has no name (so a
// crash leaves nothing), and one hidden temporary file in the fallback.
func TestWriteUnnamed(t *testing.T) {
	if runtime.GOOS == "linux" && !hasUnnamed(t, t.TempDir()) {
		t.Log("the file system of the test's temporary directory has no O_TMPFILE: only the fallback is tested")
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			var during []string
			err := write(filepath.Join(dir, "out"), func(w io.Writer) error {
				during = names(t, dir)
				return nil
			}, m.unnamed)
			if err != nil {
				t.Fatal(err)
			}
			if m.unnamed && hasUnnamed(t, dir) {
				if len(during) != 0 {
					t.Fatalf("while writing an unnamed file the directory holds %q", during)
				}
				return
			}
			if len(during) != 1 || during[0][0] != '.' {
				t.Fatalf("while writing a named temporary file the directory holds %q, want one hidden file", during)
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "keyring.age")
	if err := WriteFile(target, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second WriteFile = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "one" {
		t.Fatalf("content %q after a refused overwrite, want %q", got, "one")
	}
	if got := names(t, dir); !slices.Equal(got, []string{"keyring.age"}) {
		t.Fatalf("directory holds %q", got)
	}
}

func TestWriteRefusesSymlink(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "out")
			elsewhere := filepath.Join(dir, "elsewhere")
			if err := os.Symlink(elsewhere, target); err != nil {
				t.Skip(err)
			}
			if err := write(target, writeString("x"), m.unnamed); !errors.Is(err, fs.ErrExist) {
				t.Fatalf("write through a dangling symlink = %v, want fs.ErrExist", err)
			}
			if _, err := os.Lstat(elsewhere); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("the symlink was followed: %v", err)
			}
		})
	}
}

func TestWriteMissingDirectory(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "no", "out")
			err := write(target, writeString("x"), m.unnamed)
			if !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("write in a missing directory = %v, want fs.ErrNotExist", err)
			}
		})
	}
}

func TestSyncDir(t *testing.T) {
	dir := t.TempDir()
	if err := SyncDir(dir); err != nil {
		t.Fatalf("SyncDir of a directory: %v", err)
	}
	if err := SyncDir(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("SyncDir of a missing directory = %v, want fs.ErrNotExist", err)
	}
}

func TestRenameNoReplace(t *testing.T) {
	for _, tt := range []struct {
		name   string
		rename func(oldpath, newpath string) error
	}{
		{"renameNoReplace", renameNoReplace},
		{"linkThenRemove", linkThenRemove},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			os.WriteFile(a, []byte("a"), 0o600)
			os.WriteFile(b, []byte("b"), 0o600)
			if err := tt.rename(a, b); !errors.Is(err, fs.ErrExist) {
				t.Fatalf("rename onto an existing file = %v, want fs.ErrExist", err)
			}
			if got, _ := os.ReadFile(b); string(got) != "b" {
				t.Fatalf("the existing file was replaced: %q", got)
			}
			if err := os.Remove(b); err != nil {
				t.Fatal(err)
			}
			if err := tt.rename(a, b); err != nil {
				t.Fatal(err)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"b"}) {
				t.Fatalf("directory holds %q, want [b]", got)
			}
		})
	}
}

func TestReplaceFile(t *testing.T) {
	tests := []struct {
		name    string
		before  func(t *testing.T, target string) // what is at target first
		wantErr bool
		want    string // the target's content afterwards, if no error
	}{
		{
			name:   "new file",
			before: func(*testing.T, string) {},
			want:   "checkpoint 2",
		},
		{
			name: "existing file, readable by others",
			before: func(t *testing.T, target string) {
				if err := os.WriteFile(target, []byte("checkpoint 1, longer than the next"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: "checkpoint 2",
		},
		{
			name: "symbolic link is replaced, not followed",
			before: func(t *testing.T, target string) {
				elsewhere := filepath.Join(filepath.Dir(target), "elsewhere")
				if err := os.WriteFile(elsewhere, []byte("untouched"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(elsewhere, target); err != nil {
					t.Skip(err)
				}
			},
			want: "checkpoint 2",
		},
		{
			name: "directory is not replaced",
			before: func(t *testing.T, target string) {
				if err := os.Mkdir(target, 0o700); err != nil {
					t.Fatal(err)
				}
			},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "out")
			tt.before(t, target)
			was := names(t, dir)
			err := ReplaceFile(target, []byte("checkpoint 2"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("ReplaceFile = %v, want error %v", err, tt.wantErr)
			}
			// Nothing is left beside the target: no temporary file.
			if got := names(t, dir); !slices.Equal(got, was) && !(len(was) == 0 && slices.Equal(got, []string{"out"})) {
				t.Fatalf("directory holds %q, held %q", got, was)
			}
			if tt.wantErr {
				if fi, err := os.Lstat(target); err != nil || !fi.IsDir() {
					t.Fatalf("the directory at the target was changed: %v", err)
				}
				return
			}
			fi, err := os.Lstat(target)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v, want a regular file with mode 0600", fi.Mode())
			}
			if got, _ := os.ReadFile(target); string(got) != tt.want {
				t.Fatalf("content %q, want %q", got, tt.want)
			}
			if got, err := os.ReadFile(filepath.Join(dir, "elsewhere")); err == nil && string(got) != "untouched" {
				t.Fatalf("the symbolic link was followed: its target holds %q", got)
			}
		})
	}
}

func TestReplaceFileMissingDirectory(t *testing.T) {
	target := filepath.Join(t.TempDir(), "no", "out")
	if err := ReplaceFile(target, []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ReplaceFile in a missing directory = %v, want fs.ErrNotExist", err)
	}
}

// TestReplaceFileReaders replaces a file while readers read it: each
// sees one whole version, never a mix, a prefix or no file.
func TestReplaceFileReaders(t *testing.T) {
	target := filepath.Join(t.TempDir(), "latest")
	version := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 4096+i) }
	if err := ReplaceFile(target, version(0)); err != nil {
		t.Fatal(err)
	}
	const writes = 200
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for {
			select {
			case <-done:
				return
			default:
			}
			got, err := os.ReadFile(target)
			if err != nil {
				errs <- err
				return
			}
			if i := len(got) - 4096; i < 0 || !bytes.Equal(got, version(i)) {
				errs <- fmt.Errorf("read %d bytes that are no whole version", len(got))
				return
			}
		}
	}()
	for i := 1; i <= writes; i++ {
		if err := ReplaceFile(target, version(i)); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}
