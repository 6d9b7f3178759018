package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tvault/tvault/internal/atomicfile"
)

// printJSON writes v as one line of JSON on standard output. Narratives
// and notes quote "<" and "&"; they are printed as they are.
func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printJSONList writes list as a JSON array, "[]" when empty, never null,
// so that scripts can always iterate over it.
func printJSONList[T any](list []T) error {
	if list == nil {
		list = []T{}
	}
	return printJSON(list)
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
