package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// putBatch stores the testimonies of a batch put, its body: JSON Lines,
// one testimony in the import format a line, each line at most
// testimony.MaxSize bytes. The body may be of any length: it is read as
// the vault stores it, a testimony at a time, and the read deadline
// follows progress instead of ReadTimeout (as for an attach).
func putBatch(ctx context.Context, w http.ResponseWriter, r *http.Request, v service.Service) error {
	rc := http.NewResponseController(w)
	br := bufio.NewReaderSize(&deadlineReader{r: r.Body, rc: rc}, 64<<10)
	n := 0
	ids, ns, err := v.PutBatch(ctx, func() (string, []byte, error) {
		n++
		name := fmt.Sprintf("testimony %d", n)
		line, err := readLine(br, testimony.MaxSize)
		if err != nil && !errors.Is(err, io.EOF) {
			err = fmt.Errorf("%s: %w", name, err)
		}
		return name, line, err
	})
	if err != nil {
		return err
	}
	// WriteTimeout ran from the start of the request, which a large
	// batch may have used up.
	rc.SetWriteDeadline(time.Now().Add(progressTimeout))
	writeJSON(w, http.StatusCreated, api.Put{IDs: ids, Notes: ns})
	return nil
}

// readLine returns the next line of br without its newline, or io.EOF at
// the end. A line longer than max bytes is api.ErrTooLarge: the vault
// has audited the put it fails, so it is no refusal.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(line)+len(frag) > max+1 {
			return nil, api.ErrTooLarge
		}
		line = append(line, frag...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return line, nil
		case err != nil:
			return nil, err
		}
		return bytes.TrimSuffix(line, []byte("\n")), nil
	}
}
