package client_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault"
)

// TestAttachmentStreamOutcome checks that a byte stream counts as read
// only when its trailers say so: a failure the daemon found after the
// first byte (a hash mismatch at the end of a full read) and a stream cut
// short are errors, though the bytes before them were written.
func TestAttachmentStreamOutcome(t *testing.T) {
	const id, att = "aaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbb"
	var mode string
	h := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", api.TrailerCount+", "+api.TrailerError+", "+api.TrailerErrorCode)
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("partial bytes"))
		w.(http.Flusher).Flush()
		switch mode {
		case "ok":
			w.Header().Set(api.TrailerCount, "13")
		case "integrity":
			_, body := api.FromError(&vault.IntegrityError{ID: id, Err: errors.New("attachment " + att + ": SHA-256 mismatch")})
			w.Header().Set(api.TrailerError, body.Message)
			w.Header().Set(api.TrailerErrorCode, body.Code)
		case "short":
			w.Header().Set(api.TrailerCount, "20")
		}
	}
	sock := filepath.Join(t.TempDir(), "d.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(h)}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	c, err := client.New("unix:"+sock, "tvt_"+strings.Repeat("A", 43), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	for _, tc := range []struct {
		mode  string
		check func(error) bool
	}{
		{"ok", func(err error) bool { return err == nil }},
		{"integrity", func(err error) bool {
			var ie *vault.IntegrityError
			return errors.As(err, &ie) && strings.Contains(err.Error(), "SHA-256 mismatch")
		}},
		{"short", func(err error) bool { return err != nil && strings.Contains(err.Error(), "incomplete") }},
		{"none", func(err error) bool { return err != nil && strings.Contains(err.Error(), "incomplete") }},
	} {
		mode = tc.mode
		var buf bytes.Buffer
		err := c.AttachmentGet(context.Background(), id, att, &buf)
		if !tc.check(err) || buf.String() != "partial bytes" {
			t.Errorf("%s: AttachmentGet = %q, %v", tc.mode, buf.String(), err)
		}
	}
}
