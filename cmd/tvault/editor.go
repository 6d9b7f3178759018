package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/tvault/tvault/vault/form"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// errCancelled ends an edit that stores nothing, at the officer's wish:
// an empty file, or no change made. It is no failure.
type errCancelled struct{ why string }

func (e *errCancelled) Error() string { return "nothing stored: " + e.why }

// editForm has the officer edit a form in their editor and passes what
// they save to accept, until accept takes it. The form lives in a
// directory of its own on memory-backed storage (memoryDir), mode 0600,
// where the editor runs and keeps its swap and backup files, and which is
// removed afterwards: the plaintext never reaches a disk. A form that
// accept rejects as malformed (a *form.Error, a *testimony.ParseError or
// an invalid argument) is reopened with the error written at its top; an
// empty one cancels. On any other error of accept, or when the officer
// quits a reopened form without changing it, the form is kept where it
// is, and its path said, so that their work is not lost.
func editForm(name string, initial []byte, accept func(data []byte) error) (err error) {
	mem, err := memoryDir()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(mem, "tvault-edit-")
	if err != nil {
		return fmt.Errorf("failed to make a directory for the form: %w", err)
	}
	file := filepath.Join(dir, name)
	keep := false
	defer func() {
		if keep {
			fmt.Fprintf(os.Stderr, "tvault: note: the form is kept in %s, on memory-backed storage; remove it when done\n", file)
			return
		}
		if rerr := os.RemoveAll(dir); rerr != nil && err == nil {
			err = fmt.Errorf("failed to remove the form: %w", rerr)
		}
	}()
	data := initial
	for reopened := false; ; reopened = true {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			return fmt.Errorf("failed to write the form: %w", err)
		}
		if err := runEditor(dir, file); err != nil {
			return err
		}
		written := data
		if data, err = os.ReadFile(file); err != nil {
			return fmt.Errorf("failed to read the form back: %w", err)
		}
		if reopened && bytes.Equal(data, written) {
			// The officer quit without correcting it: no endless loop,
			// and their work is kept.
			keep = true
			return errors.New("the form was not corrected; nothing stored")
		}
		err := accept(data)
		var fe *form.Error
		var pe *testimony.ParseError
		switch {
		case err == nil:
			return nil
		case errors.Is(err, form.ErrEmpty):
			return &errCancelled{"the form was empty"}
		case errors.As(err, &fe), errors.As(err, &pe), errors.Is(err, service.ErrInvalidArgument):
			data = form.WithError(data, err)
		default:
			var c *errCancelled
			keep = !errors.As(err, &c)
			return err
		}
	}
}

// vimLike says whether the command name runs vi, vim or neovim: by its
// name, or by the file it resolves to (Debian's editor, view and vi are
// links to vim.basic or vim.tiny).
func vimLike(name string) bool {
	names := []string{filepath.Base(name)}
	if p, err := exec.LookPath(name); err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			names = append(names, filepath.Base(r))
		}
	}
	for _, n := range names {
		switch {
		case n == "vi", n == "ex", n == "view", n == "gvim", n == "evim", n == "rvim",
			strings.HasPrefix(n, "vim"), strings.HasPrefix(n, "nvim"), strings.HasPrefix(n, "vi."):
			return true
		}
	}
	return false
}

// editorCommand returns the officer's editor: $VISUAL, else $EDITOR, else
// vi.
func editorCommand() string {
	if e := strings.TrimSpace(os.Getenv("VISUAL")); e != "" {
		return e
	}
	if e := strings.TrimSpace(os.Getenv("EDITOR")); e != "" {
		return e
	}
	return "vi"
}

// runEditor runs the editor on file, in dir. The editor is a shell
// command, as git runs it, so that "code --wait" works. It runs in dir
// with TMPDIR set to it, so that the swap, backup and temporary files of
// editors that keep them beside the file or in TMPDIR stay in memory;
// vi, vim and nvim are told to keep no swap file and no viminfo or shada
// file (which holds what was typed) and to write no backup or undo file.
func runEditor(dir, file string) error {
	editor := editorCommand()
	args := `"$@"`
	if fields := strings.Fields(editor); len(fields) > 0 && vimLike(fields[0]) {
		args = `-n -i NONE -c 'set nobackup nowritebackup noundofile' "$@"`
	}
	cmd := exec.Command("/bin/sh", "-c", editor+" "+args, editor, file)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Standard output is for data: an editor writes its screen to the
	// terminal of standard error when standard output is redirected.
	if !term.IsTerminal(int(os.Stdout.Fd())) {
		cmd.Stdout = os.Stderr
	}
	// Ctrl-C is the editor's. A hangup or termination ends the edit, but
	// only once the editor has quit, so that the form is removed: tvault
	// would die at once, leaving it behind.
	sig := make(chan os.Signal, 3)
	signal.Notify(sig, os.Interrupt, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(sig)
	err := cmd.Run()
	for len(sig) > 0 {
		if s := <-sig; s != os.Interrupt {
			return fmt.Errorf("%v while the editor ran; nothing stored", s)
		}
	}
	if err != nil {
		return fmt.Errorf("editor %q failed: %w", editor, err)
	}
	return nil
}

// memoryDir returns the directory on memory-backed storage where forms
// are edited: $XDG_RUNTIME_DIR (the user's own, on tmpfs on systemd
// systems), else /dev/shm. Where neither is a directory in memory, it
// says why: tvault writes no plaintext to a disk.
func memoryDir() (string, error) {
	return firstMemoryDir([]candidateDir{
		{os.Getenv("XDG_RUNTIME_DIR"), "$XDG_RUNTIME_DIR"},
		{"/dev/shm", "/dev/shm"},
	})
}

// candidateDir is a directory memoryDir may use, and its name for errors.
type candidateDir struct{ dir, name string }

// firstMemoryDir returns the first of candidates that is a directory on
// memory-backed storage.
func firstMemoryDir(candidates []candidateDir) (string, error) {
	var why []string
	for _, c := range candidates {
		if c.dir == "" {
			why = append(why, c.name+" is not set")
			continue
		}
		if !filepath.IsAbs(c.dir) {
			why = append(why, fmt.Sprintf("%s (%s) is not an absolute path", c.name, c.dir))
			continue
		}
		fi, err := os.Stat(c.dir)
		if err == nil && !fi.IsDir() {
			err = errors.New("not a directory")
		}
		if err == nil {
			err = memoryBacked(c.dir)
		}
		if err == nil {
			return c.dir, nil
		}
		why = append(why, fmt.Sprintf("%s (%s): %v", c.name, c.dir, err))
	}
	return "", &noMemoryError{why}
}

// noMemoryError refuses an edit where there is no memory-backed storage
// for the form.
type noMemoryError struct{ why []string }

func (e *noMemoryError) Error() string {
	return "no memory-backed directory to edit the form in, and tvault writes no plaintext to a disk: " + strings.Join(e.why, "; ")
}
