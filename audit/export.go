package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
)

// First lines of the files this package writes.
const (
	exportHeader      = "tvault-audit-export/v1"
	proofHeader       = "tvault-audit-proof/v1"
	consistencyHeader = "tvault-audit-consistency/v1"
)

// maxLineSize bounds the lines of export and proof files outside blocks;
// the longest is an entry header with a length and a hash.
const maxLineSize = 128

// Export writes an export of the log in rtx to w: the latest signed
// checkpoint and the entries it covers, in the format given in the package
// documentation. Entries appended after that checkpoint are left out, as no
// signature covers them yet; call SignCheckpoint first, in the same
// transaction, to include them. Export fails with ErrNoCheckpoint if the
// log has no checkpoint.
//
// Each entry goes with the leaf hash stored for it, so that VerifyExport
// can tell which entry differs from the committed tree.
func Export(rtx store.ReadTx, w io.Writer) error {
	cp, err := storedCheckpoint(rtx)
	if err != nil {
		return err
	}
	n, err := Size(rtx)
	if err != nil {
		return err
	}
	if cp.N > n {
		return fmt.Errorf("stored checkpoint: %w", olderError(n, cp.N))
	}
	hs, err := readHandovers(rtx)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(exportHeader + "\n")
	for _, h := range hs {
		if h.seq >= cp.N {
			break // not covered by the checkpoint exported
		}
		if err := writeBlock(bw, h.marshal(), "handover", strconv.FormatInt(h.seq, 10)); err != nil {
			return err
		}
	}
	if err := writeBlock(bw, cp.msg, "checkpoint"); err != nil {
		return err
	}
	if cp.N > 0 {
		hashes := newHashCursor(rtx)
		err = scanEntries(rtx, 0, n, func(i int64, b []byte) error {
			x := tlog.StoredHashIndex(0, i)
			v, err := hashes.at(x)
			if err != nil {
				return err
			}
			leaf, err := storedHash(x, v)
			if err != nil {
				return err
			}
			if err := writeBlock(bw, b, "entry", leaf.String()); err != nil {
				return err
			}
			if i == cp.N-1 {
				return errStop
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeBlock writes a block: a line of name, the length of data and any
// more fields, then data.
func writeBlock(w io.Writer, data []byte, name string, fields ...string) error {
	line := append([]byte(name+" "), strconv.Itoa(len(data))...)
	for _, f := range fields {
		line = append(line, ' ')
		line = append(line, f...)
	}
	line = append(line, '\n')
	if _, err := w.Write(line); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

// A fileReader reads the syntax shared by export and proof files: a header
// line, then lines of space-separated fields, some of which announce a
// block of data of the length they give.
type fileReader struct {
	r   *bufio.Reader
	buf []byte
}

func newFileReader(r io.Reader, header string) (*fileReader, error) {
	f := &fileReader{r: bufio.NewReaderSize(r, 64<<10)}
	l, err := f.line()
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	if string(l) != header {
		return nil, fmt.Errorf("not a %s file", header)
	}
	return f, nil
}

// line returns the next line without its newline, valid until the next
// read. It returns io.EOF at the end of the input and io.ErrUnexpectedEOF
// if the input ends inside the line.
func (f *fileReader) line() ([]byte, error) {
	l, err := f.r.ReadSlice('\n')
	switch {
	case err == io.EOF && len(l) == 0:
		return nil, io.EOF
	case err == io.EOF:
		return nil, io.ErrUnexpectedEOF
	case errors.Is(err, bufio.ErrBufferFull) || err == nil && len(l) > maxLineSize:
		return nil, errors.New("line too long")
	case err != nil:
		return nil, err
	}
	return l[:len(l)-1], nil
}

// fields reads a line of name and n more fields.
func (f *fileReader) fields(name string, n int) ([][]byte, error) {
	l, err := f.line()
	if err != nil {
		return nil, err
	}
	fs := bytes.Split(l, []byte(" "))
	if len(fs) != n+1 || string(fs[0]) != name {
		return nil, fmt.Errorf("want %s line, found %.20q", name, l)
	}
	return fs[1:], nil
}

// data reads the block of the length given by the field size, at most max
// bytes. The result is valid until the next read.
func (f *fileReader) data(size []byte, max int) ([]byte, error) {
	n, err := strconv.Atoi(string(size))
	if err != nil || n < 1 || n > max || strconv.Itoa(n) != string(size) {
		return nil, fmt.Errorf("invalid length %q", size)
	}
	if cap(f.buf) < n {
		f.buf = make([]byte, n)
	}
	b := f.buf[:n]
	if _, err := io.ReadFull(f.r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return b, nil
}

// block reads a block of at most max bytes, announced by a line of name
// and its length, and returns a copy of it.
func (f *fileReader) block(name string, max int) ([]byte, error) {
	fs, err := f.fields(name, 1)
	if err != nil {
		return nil, err
	}
	b, err := f.data(fs[0], max)
	return bytes.Clone(b), err
}

// hashes reads lines of "name <hash>" up to the end of the input, at most
// max of them.
func (f *fileReader) hashes(name string, max int) ([]tlog.Hash, error) {
	var hs []tlog.Hash
	for {
		fs, err := f.fields(name, 1)
		if err == io.EOF {
			return hs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(hs) == max {
			return nil, fmt.Errorf("more than %d hashes", max)
		}
		h, err := parseHash(fs[0])
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
}

func parseHash(b []byte) (tlog.Hash, error) {
	h, err := tlog.ParseHash(string(b))
	if err != nil || h.String() != string(b) {
		return tlog.Hash{}, fmt.Errorf("invalid hash %.50q", b)
	}
	return h, nil
}

// An exportReader reads an export.
type exportReader struct{ f *fileReader }

// newExportReader reads the start of an export and returns its handovers
// and its checkpoint.
func newExportReader(r io.Reader) (*exportReader, []*handover, []byte, error) {
	f, err := newFileReader(r, exportHeader)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("malformed export: %w", err)
	}
	var hs []*handover
	for {
		l, err := f.line()
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("malformed export: checkpoint: %w", err)
		}
		fs := bytes.Split(bytes.Clone(l), []byte(" "))
		switch {
		case len(fs) == 2 && string(fs[0]) == "checkpoint":
			msg, err := f.data(fs[1], maxCheckpointSize)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("malformed export: checkpoint: %w", err)
			}
			return &exportReader{f}, hs, bytes.Clone(msg), nil
		case len(fs) == 3 && string(fs[0]) == "handover":
			seq, err := strconv.ParseInt(string(fs[2]), 10, 64)
			if err != nil || seq < 0 || strconv.FormatInt(seq, 10) != string(fs[2]) ||
				len(hs) > 0 && hs[len(hs)-1].seq >= seq {
				return nil, nil, nil, fmt.Errorf("malformed export: handover at %.20q", fs[2])
			}
			b, err := f.data(fs[1], maxHandoverSize)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("malformed export: handover: %w", err)
			}
			h, err := parseHandover(seq, bytes.Clone(b))
			if err != nil {
				return nil, nil, nil, fmt.Errorf("malformed export: %w", err)
			}
			hs = append(hs, h)
		default:
			return nil, nil, nil, fmt.Errorf("malformed export: want checkpoint line, found %.20q", l)
		}
	}
}

// next returns the next entry, valid until the next call, and its leaf
// hash as the export gives it. It returns io.EOF at the end of the export
// and io.ErrUnexpectedEOF if the export ends inside an entry.
func (x *exportReader) next() ([]byte, tlog.Hash, error) {
	fs, err := x.f.fields("entry", 2)
	if err != nil {
		return nil, tlog.Hash{}, err
	}
	leaf, err := parseHash(fs[1])
	if err != nil {
		return nil, tlog.Hash{}, err
	}
	b, err := x.f.data(fs[0], MaxEntrySize)
	return b, leaf, err
}
