package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
)

// fakeDaemon serves h on a unix socket and returns a client of it.
func fakeDaemon(t *testing.T, h http.HandlerFunc) *client.Client {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "d.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	c, err := client.New("unix:"+sock, "tvt_"+strings.Repeat("A", 43), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

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
			_, body := api.FromError(&service.IntegrityError{ID: id, Err: errors.New("attachment " + att + ": SHA-256 mismatch")})
			w.Header().Set(api.TrailerError, body.Message)
			w.Header().Set(api.TrailerErrorCode, body.Code)
		case "short":
			w.Header().Set(api.TrailerCount, "20")
		}
	}
	c := fakeDaemon(t, h)

	for _, tc := range []struct {
		mode  string
		check func(error) bool
	}{
		{"ok", func(err error) bool { return err == nil }},
		{"integrity", func(err error) bool {
			var ie *service.IntegrityError
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

// TestAttachSendsLength checks what an upload's request carries: the
// remaining length of a regular file, so that no chunked encoding is
// needed, and chunks for anything else, with the same bytes either way.
func TestAttachSendsLength(t *testing.T) {
	const id = "aaaaaaaaaaaaaaaaaaaaaaaaaa"
	content := bytes.Repeat([]byte("recording "), 100_000)
	type upload struct {
		length  int64
		chunked bool
		body    []byte
	}
	got := make(chan upload, 1)
	h := func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- upload{r.ContentLength, slices.Contains(r.TransferEncoding, "chunked"), body}
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":"bbbbbbbbbbbbbbbbbbbbbbbbbb"}`))
	}
	c := fakeDaemon(t, h)

	name := filepath.Join(t.TempDir(), "interview.bin")
	if err := os.WriteFile(name, content, 0o600); err != nil {
		t.Fatal(err)
	}
	openAt := func(off int64) io.Reader {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		return f
	}
	pipe := func() io.Reader {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pr.Close() })
		go func() {
			pw.Write(content)
			pw.Close()
		}()
		return pr
	}
	for _, tc := range []struct {
		name    string
		r       io.Reader
		want    []byte
		chunked bool
	}{
		{"file", openAt(0), content, false},
		{"file read in part", openAt(12345), content[12345:], false},
		{"file at its end", openAt(int64(len(content))), nil, false},
		{"pipe", pipe(), content, true},
		{"buffer", bytes.NewReader(content), content, true},
	} {
		if _, err := c.Attach(context.Background(), id, tc.r, "", "", "application/octet-stream"); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		u := <-got
		if !bytes.Equal(u.body, tc.want) || u.chunked != tc.chunked {
			t.Errorf("%s: sent %d bytes (want %d), chunked %v (want %v)", tc.name, len(u.body), len(tc.want), u.chunked, tc.chunked)
		}
		if !tc.chunked && u.length != int64(len(tc.want)) {
			t.Errorf("%s: Content-Length %d, want %d", tc.name, u.length, len(tc.want))
		}
	}
}

// TestGetIntoFile checks a whole read into a regular file over the unix
// socket against daemons that answer the descriptor every way they can:
// one that wrote the file (the client checks that the file grew by the
// count it was told), one that refused it (the client streams), one too
// old to know the header (it streams, and the client copies), and answers
// that must not pass for a delivered file.
func TestGetIntoFile(t *testing.T) {
	const id, att = "aaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbb"
	content := bytes.Repeat([]byte("recording "), 10_000)
	// The test sets mode before each read and reads asked after it;
	// the handler's goroutine does the opposite.
	var mu sync.Mutex
	var mode string
	var asked []string
	h := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.Header.Get(api.HeaderOutput))
		mode := mode
		mu.Unlock()
		refuse := mode == "refused" && r.Header.Get(api.HeaderOutput) != ""
		if refuse {
			status, body := api.FromError(&api.DescriptorError{Reason: "not on a local disk file system"})
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(body)
			return
		}
		w.Header().Set("Trailer", api.TrailerCount+", "+api.TrailerError+", "+api.TrailerErrorCode)
		switch mode {
		case "empty":
			w.WriteHeader(http.StatusOK) // no bytes, no trailers
		case "claimed":
			// Says it wrote the file, which this fake cannot.
			w.Header().Set(api.HeaderOutput, api.OutputDescriptor)
			w.WriteHeader(http.StatusOK)
			w.Header().Set(api.TrailerCount, strconv.Itoa(len(content)))
		default: // an older daemon, or the stream after a refusal
			w.WriteHeader(http.StatusOK)
			w.Write(content)
			w.Header().Set(api.TrailerCount, strconv.Itoa(len(content)))
		}
	}
	c := fakeDaemon(t, h)
	for _, tc := range []struct {
		mode  string
		asked []string
		ok    bool
	}{
		{"older", []string{api.OutputDescriptor}, true},
		{"refused", []string{api.OutputDescriptor, ""}, true},
		{"empty", []string{api.OutputDescriptor}, false},
		{"claimed", []string{api.OutputDescriptor}, false},
	} {
		mu.Lock()
		mode, asked = tc.mode, nil
		mu.Unlock()
		name := filepath.Join(t.TempDir(), "out")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		err = c.AttachmentGet(context.Background(), id, att, f)
		f.Close()
		got, _ := os.ReadFile(name)
		if tc.ok && (err != nil || !bytes.Equal(got, content)) {
			t.Errorf("%s: AttachmentGet = %v, %d bytes in the file", tc.mode, err, len(got))
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "incomplete")) {
			t.Errorf("%s: AttachmentGet = %v, want the stream incomplete", tc.mode, err)
		}
		mu.Lock()
		if !slices.Equal(asked, tc.asked) {
			t.Errorf("%s: requests asked for %q, want %q", tc.mode, asked, tc.asked)
		}
		mu.Unlock()
	}
}
