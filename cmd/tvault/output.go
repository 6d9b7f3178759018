package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/internal/pagewrite"
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

// A jsonLines prints a stream of items as JSON Lines, one at a time, for
// streams too long to hold (printJSONLines holds the whole list).
type jsonLines struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONLines(w io.Writer) *jsonLines {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonLines{bw, enc}
}

func (l *jsonLines) print(v any) error { return l.enc.Encode(v) }

func (l *jsonLines) flush() error { return l.w.Flush() }

// tableBlock is how many rows of a streamed table are aligned together:
// the columns fit the widest cell of a block, not of the whole stream, so
// that printing holds one block in memory and one long cell pads no more
// than its block.
const tableBlock = 100

// A blockTable prints a table of rows as they come, its columns aligned
// tableBlock rows at a time.
type blockTable struct {
	w    *bufio.Writer
	tw   *tabwriter.Writer
	rows int
}

// newBlockTable starts a table with its header line, columns separated
// by tabs.
func newBlockTable(w io.Writer, header string) *blockTable {
	bw := bufio.NewWriterSize(w, 64<<10)
	t := &blockTable{w: bw, tw: tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)}
	fmt.Fprintln(t.tw, header)
	return t
}

// row prints a row, formatted as fmt.Fprintf does: cells separated by
// tabs, ending in a newline.
func (t *blockTable) row(format string, args ...any) error {
	fmt.Fprintf(t.tw, format, args...)
	if t.rows++; t.rows == tableBlock {
		t.rows = 0
		return t.tw.Flush()
	}
	return nil
}

func (t *blockTable) flush() error {
	if err := t.tw.Flush(); err != nil {
		return err
	}
	return t.w.Flush()
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
//
// Either way the bytes go out in small writes (package pagewrite): an
// attachment's gigabyte costs less to the page cache so.
func writeOutput(name string, fill func(io.Writer) error) error {
	return writeOutputFile(name, func(f *os.File) error { return fill(pagewrite.Writer(f)) })
}

// writeOutputFile is writeOutput, with fill given the file itself:
// standard output, or --out's temporary file.
func writeOutputFile(name string, fill func(*os.File) error) error {
	if name == "" {
		return fill(os.Stdout)
	}
	return atomicfile.Write(name, func(w io.Writer) error { return fill(w.(*os.File)) })
}
