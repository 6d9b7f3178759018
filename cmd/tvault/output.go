package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tvault/tvault/internal/atomicfile"
)

// --json follows one convention, documented in the README ("Output for
// scripts"): a command that prints a sequence of items (lists, logs,
// exports) prints JSON Lines, one object a line and nothing when there
// are none (printJSONLines); any other prints one object (printJSON).

// printJSON writes v as one line of JSON on standard output. Narratives
// and notes quote "<" and "&"; they are printed as they are.
func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printJSONLines writes each item of list as a line of JSON on standard
// output, in one write, so that a failure midway prints nothing.
func printJSONLines[T any](list []T) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, item := range list {
		if err := enc.Encode(item); err != nil {
			return err
		}
	}
	_, err := buf.WriteTo(os.Stdout)
	return err
}

// checkOutput refuses an --out file that exists, before the vault is
// opened and anything read. writeOutput refuses it again, atomically.
func checkOutput(name string) error {
	if name == "" {
		return nil
	}
	if _, err := os.Lstat(name); err == nil {
		return &usageError{msg: fmt.Sprintf("%s exists; refusing to overwrite it", name),
			hint: "the --out file exists already; choose another name or remove it"}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// writeOutput has fill write to standard output, or else to the new file
// name (--out) through package atomicfile: mode 0600, whole or absent,
// even after a crash.
func writeOutput(name string, fill func(io.Writer) error) error {
	if name == "" {
		return fill(os.Stdout)
	}
	return atomicfile.Write(name, fill)
}
