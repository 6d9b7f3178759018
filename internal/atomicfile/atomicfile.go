// Package atomicfile creates files that appear whole or not at all: the
// vault's keyring, and the files the CLI writes with --out; and replaces
// small files of state that change, such as the checkpoint of a vault kept
// outside it, so that a reader sees the old content or the new, whole.
//
// The content goes first to a file in the target's directory that has no
// name (O_TMPFILE, on Linux where the file system offers it), or else to a
// hidden temporary file created with O_EXCL and mode 0600. Once the content
// is written and fsynced, the file is given its name, which fails if the
// name exists, and the directory is fsynced so that the name is durable.
// A failure removes what was written. A crash (power loss, SIGKILL) leaves
// the name absent, never partial; where the file had no name, it leaves
// nothing at all, while the fallback can leave a hidden ".tmp-*" file
// beside the target (as any crash-safe writer without O_TMPFILE must).
//
// ReplaceFile writes a hidden temporary file in the same way (named, as a
// file without a name cannot be linked over another) and renames it over
// the target, then fsyncs the directory.
//
// Files are created with mode 0600 (less the umask): what tvault writes
// is either a secret or a testimony's plaintext.
package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write creates the file name with the content fill writes to w, the
// temporary file (an *os.File, which fill may hand on).
//
// name must not exist: if it does when Write starts, Write returns an
// error matching fs.ErrExist without calling fill; if it is created while
// fill runs, the content is discarded and the error matches fs.ErrExist
// too. An existing file is never overwritten, nor a symbolic link
// followed. The error of fill is returned as it is, and errors of Write's
// own are *fs.PathError; after any error name does not exist (unless
// someone else created it).
func Write(name string, fill func(w io.Writer) error) error {
	return write(name, fill, true)
}

// WriteFile is Write of data.
func WriteFile(name string, data []byte) error {
	return Write(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ReplaceFile writes data to the file name in place of whatever file or
// symbolic link has that name, or creates it: rename(2) swaps the name
// from the old file to the new, so that at every moment, crash or not,
// name is the old file or the new one, whole. A symbolic link is
// replaced, never followed, and the new file has mode 0600 whatever the
// old one had.
//
// Errors are *fs.PathError or *os.LinkError. After an error name is as it
// was, except after a failed fsync of the directory: the new file is then
// in place but may not survive a crash. A crash can leave a hidden
// ".tmp-*" file beside name, as Write's fallback can.
func ReplaceFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	t, err := createTemp(dir, false)
	if err != nil {
		return err
	}
	defer t.discard()
	// The file's methods return *fs.PathError naming t.tmp already.
	step(name, StepCreate)
	if _, err := t.f.Write(data); err != nil {
		return err
	}
	step(name, StepWrite)
	if err := t.f.Sync(); err != nil {
		return err
	}
	if err := t.close(); err != nil {
		return err
	}
	step(name, StepSync)
	if err := os.Rename(t.tmp, name); err != nil {
		return err
	}
	t.tmp = ""
	step(name, StepRename)
	if err := SyncDir(dir); err != nil {
		return err
	}
	step(name, StepSyncDir)
	return nil
}

// write is Write; unnamed false forces the named temporary file that Write
// falls back to, so tests can cover both.
func write(name string, fill func(io.Writer) error, unnamed bool) error {
	if _, err := os.Lstat(name); err == nil {
		return &fs.PathError{Op: "create", Path: name, Err: fs.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(name)
	t, err := createTemp(dir, unnamed)
	if err != nil {
		return err
	}
	defer t.discard()
	if err := fill(t.f); err != nil {
		return err
	}
	if err := t.f.Sync(); err != nil {
		return &fs.PathError{Op: "sync", Path: name, Err: err}
	}
	if err := t.publish(name); err != nil {
		return err
	}
	// The name is now the file's: a failure from here on removes it, so
	// that an error always means no file.
	if err := t.close(); err != nil {
		os.Remove(name)
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	if err := SyncDir(dir); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

// SyncDir fsyncs the directory dir, so that the names created or removed
// in it survive a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return &fs.PathError{Op: "sync", Path: dir, Err: err}
	}
	return nil
}

// temp is a file being written: unnamed, or the named temporary file tmp.
type temp struct {
	f      *os.File
	tmp    string // "" while the file has no name of its own
	closed bool
}

// errNoUnnamed says that the system or the file system offers no unnamed
// files; Write then uses a named temporary file.
var errNoUnnamed = errors.New("no unnamed temporary files here")

func createTemp(dir string, unnamed bool) (*temp, error) {
	if unnamed {
		f, err := createUnnamed(dir)
		if err == nil {
			return &temp{f: f}, nil
		}
		if !errors.Is(err, errNoUnnamed) {
			return nil, err
		}
	}
	// O_EXCL and mode 0600, in dir so that it can be renamed into place.
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil, err
	}
	return &temp{f: f, tmp: f.Name()}, nil
}

// publish gives the written file the name name, failing if it exists.
func (t *temp) publish(name string) error {
	if t.tmp == "" {
		return linkUnnamed(t.f, name)
	}
	if err := renameNoReplace(t.tmp, name); err != nil {
		return err
	}
	t.tmp = ""
	return nil
}

func (t *temp) close() error {
	t.closed = true
	return t.f.Close()
}

// discard closes the file if it is open and removes the temporary name if
// it still has one.
func (t *temp) discard() {
	if !t.closed {
		t.f.Close()
	}
	if t.tmp != "" {
		os.Remove(t.tmp)
	}
}

// linkThenRemove renames oldpath to newpath, failing if newpath exists,
// where the system has no such rename: a hard link fails if its name
// exists.
func linkThenRemove(oldpath, newpath string) error {
	if err := os.Link(oldpath, newpath); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err
		}
		return &fs.PathError{Op: "link", Path: newpath, Err: err}
	}
	if err := os.Remove(oldpath); err != nil {
		os.Remove(newpath)
		return err
	}
	return nil
}
