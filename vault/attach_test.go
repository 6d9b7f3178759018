package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
)

// randomFile returns n bytes that depend on seed only.
func randomFile(seed byte, n int) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{seed}).Read(b)
	return b
}

// attachVault returns a vault made by newVault (newEngine, or newTestVault
// for a test of the whole directory) with an escrow recipient and one
// record. Both keep blobs as files, in dir's blobs/.
func attachVault(t *testing.T, newVault func(testing.TB, Options) (*Vault, string)) (v *Vault, dir, id string, escrow *age.HybridIdentity) {
	t.Helper()
	escrow, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	v, dir = newVault(t, Options{Escrow: []string{escrow.Recipient().String()}})
	t.Cleanup(func() { v.Close() })
	ids, _, err := v.Put(ctx, loadFixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	return v, dir, ids[0], escrow
}

// blobFiles returns the files of the vault's blob directory.
func blobFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, blobDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, filepath.Join(dir, blobDir, e.Name()))
	}
	return names
}

func TestAttachRoundTrip(t *testing.T) {
	t.Parallel()
	v, dir, id, escrow := attachVault(t, newEngine)
	data := randomFile(1, 3<<20+12345) // not a whole number of age chunks
	att, err := v.Attach(ctx, id, bytes.NewReader(data), "", "interview, second part", "")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if att.Size != int64(len(data)) || att.SHA256 != hex.EncodeToString(sum[:]) ||
		att.Kind != service.KindDocument || att.MediaType != "application/octet-stream" || att.Record != id {
		t.Fatalf("Attach returned %+v", att)
	}
	if err := checkAttachmentID(att.ID); err != nil {
		t.Fatalf("attachment ID: %v", err)
	}

	var got bytes.Buffer
	if err := v.AttachmentGet(ctx, id, att.ID, &got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), data) {
		t.Fatalf("AttachmentGet returned %d bytes that differ from the %d attached", got.Len(), len(data))
	}

	list, err := v.Attachments(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0] != *att {
		t.Fatalf("Attachments = %+v, want [%+v]", list, *att)
	}

	// The blob is an age file the escrow identity opens, giving the
	// original byte for byte.
	var raw bytes.Buffer
	if err := v.AttachmentRaw(ctx, id, att.ID, &raw); err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(&raw, escrow)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(plain, data) {
		t.Fatalf("escrow decryption: %d bytes, %v; want the original", len(plain), err)
	}
	if files := blobFiles(t, dir); len(files) != 1 {
		t.Fatalf("blob directory holds %v, want one blob", files)
	}
}

func TestAttachMetadata(t *testing.T) {
	v, _, id, _ := attachVault(t, newEngine)
	for _, tc := range []struct {
		data            string
		kind, mediaType string
		wantKind        string
		wantType        string
	}{
		{"\xff\xd8\xff\xe0 a jpeg", "", "", service.KindImage, "image/jpeg"},
		{"ID3 an mp3", "", "", service.KindAudio, "audio/mpeg"},
		{"plain words", "", "", service.KindDocument, "text/plain; charset=utf-8"},
		{"", "", "", service.KindDocument, "text/plain; charset=utf-8"},
		{"x", "", "Video/MP4", service.KindVideo, "video/mp4"},
		{"x", service.KindDocument, "audio/ogg", service.KindDocument, "audio/ogg"},
	} {
		att, err := v.Attach(ctx, id, strings.NewReader(tc.data), tc.kind, "", tc.mediaType)
		if err != nil {
			t.Fatal(err)
		}
		if att.Kind != tc.wantKind || att.MediaType != tc.wantType {
			t.Errorf("Attach(%q, %q, %q) = kind %q, type %q; want %q, %q",
				tc.data, tc.kind, tc.mediaType, att.Kind, att.MediaType, tc.wantKind, tc.wantType)
		}
		var got bytes.Buffer
		if err := v.AttachmentGet(ctx, id, att.ID, &got); err != nil || got.String() != tc.data {
			t.Errorf("AttachmentGet = %q, %v; want %q", got.String(), err, tc.data)
		}
	}
	for _, bad := range []struct{ kind, note, mediaType string }{
		{"movie", "", ""},
		{"", strings.Repeat("n", MaxNoteSize+1), ""},
		{"", "\xff", ""},
		{"", "", "not a type"},
		{"", "", "video/"},
	} {
		if _, err := v.Attach(ctx, id, strings.NewReader("x"), bad.kind, bad.note, bad.mediaType); err == nil {
			t.Errorf("Attach(kind %q, note of %d bytes, type %q) succeeded", bad.kind, len(bad.note), bad.mediaType)
		}
	}
}

func TestAttachRange(t *testing.T) {
	v, _, id, _ := attachVault(t, newEngine)
	const chunk = 64 << 10 // age's chunk size
	data := randomFile(2, 5*chunk+100)
	att, err := v.Attach(ctx, id, bytes.NewReader(data), service.KindVideo, "", "video/mp4")
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(data))
	for _, r := range [][2]int64{
		{0, 0}, {0, 1}, {0, n}, {n, n}, {n - 1, n}, {chunk - 1, chunk + 1}, {chunk, 2 * chunk},
		{3*chunk + 7, n}, {12345, 4*chunk + 5}, {100, -1},
	} {
		var got bytes.Buffer
		if err := v.AttachmentRange(ctx, id, att.ID, r[0], r[1], &got); err != nil {
			t.Errorf("range %d:%d: %v", r[0], r[1], err)
			continue
		}
		end := r[1]
		if end < 0 {
			end = n
		}
		if !bytes.Equal(got.Bytes(), data[r[0]:end]) {
			t.Errorf("range %d:%d returned %d bytes that differ from the original's", r[0], r[1], got.Len())
		}
	}
	for _, r := range [][2]int64{{-1, 5}, {5, 4}, {0, n + 1}, {n + 1, -1}} {
		var got bytes.Buffer
		err := v.AttachmentRange(ctx, id, att.ID, r[0], r[1], &got)
		if !errors.Is(err, service.ErrRange) || got.Len() != 0 {
			t.Errorf("range %d:%d = %v with %d bytes, want service.ErrRange and nothing", r[0], r[1], err, got.Len())
		}
	}
}

// flip XORs one byte of file at off (from the end if negative).
func flip(t *testing.T, file string, off int64) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += int64(len(data))
	}
	data[off] ^= 0x01
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestAttachCorruptBlob(t *testing.T) {
	data := randomFile(3, 1<<20+7)
	for _, tc := range []struct {
		name string
		off  int64
		// whether the damage is seen before any byte is written: in
		// the header or the final chunk (which age reads first for a
		// range), or in a chunk the range reads.
		early, rangeSees bool
	}{
		{"header", 30, true, true},
		{"first chunk", 10_000, false, false},
		{"middle", 700_000, false, true},
		{"last chunk", -5, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, dir, id, _ := attachVault(t, newEngine)
			att, err := v.Attach(ctx, id, bytes.NewReader(data), "", "", "")
			if err != nil {
				t.Fatal(err)
			}
			flip(t, blobFiles(t, dir)[0], tc.off)

			var got bytes.Buffer
			err = v.AttachmentGet(ctx, id, att.ID, &got)
			var ie *service.IntegrityError
			if !errors.As(err, &ie) || ie.ID != id {
				t.Fatalf("AttachmentGet of a damaged blob = %v, want an service.IntegrityError", err)
			}
			if tc.early && got.Len() != 0 {
				t.Errorf("%d bytes written before the damage was found", got.Len())
			}
			if got.Len() > 0 && !bytes.HasPrefix(data, got.Bytes()) {
				t.Errorf("bytes written before the failure differ from the original")
			}
			err = v.AttachmentRange(ctx, id, att.ID, 600_000, 800_000, io.Discard)
			if tc.rangeSees != errors.As(err, &ie) {
				t.Errorf("AttachmentRange over the damage = %v, want integrity error %v", err, tc.rangeSees)
			}
			err = v.AttachmentRaw(ctx, id, att.ID, io.Discard)
			if tc.early != (err != nil) {
				t.Errorf("AttachmentRaw = %v; want an error only for a damaged header", err)
			}
			// Every failure is in the audit log.
			var outcomes []string
			v.AuditLog(ctx, service.AuditFilter{Target: att.ID}, func(e *audit.Entry) error {
				if e.Action == "attachment.get" && e.Outcome == audit.OutcomeError {
					outcomes = append(outcomes, e.Attrs[slices.IndexFunc(e.Attrs, func(a audit.Attr) bool { return a.Key == "error" })].Value)
				}
				return nil
			})
			if len(outcomes) == 0 || outcomes[0] != "integrity" {
				t.Errorf("audit log records get failures %v, want integrity", outcomes)
			}
		})
	}
}

// TestAttachSwappedBlob swaps the blob files of two attachments, as
// someone with the disk could: age would decrypt either, but neither is
// returned under the other's ID, not even as a range.
func TestAttachSwappedBlob(t *testing.T) {
	v, dir, id, _ := attachVault(t, newEngine)
	a, err := v.Attach(ctx, id, bytes.NewReader(randomFile(4, 100_000)), "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Attach(ctx, id, bytes.NewReader(randomFile(5, 100_000)), "", "", ""); err != nil {
		t.Fatal(err)
	}
	files := blobFiles(t, dir)
	tmp := files[0] + ".swap"
	for _, mv := range [][2]string{{files[0], tmp}, {files[1], files[0]}, {tmp, files[1]}} {
		if err := os.Rename(mv[0], mv[1]); err != nil {
			t.Fatal(err)
		}
	}
	var ie *service.IntegrityError
	if err := v.AttachmentGet(ctx, id, a.ID, io.Discard); !errors.As(err, &ie) {
		t.Errorf("AttachmentGet of a swapped blob = %v, want an service.IntegrityError", err)
	}
	if err := v.AttachmentRange(ctx, id, a.ID, 0, 10, io.Discard); !errors.As(err, &ie) {
		t.Errorf("AttachmentRange of a swapped blob = %v, want an service.IntegrityError", err)
	}
	if err := v.AttachmentRaw(ctx, id, a.ID, io.Discard); !errors.As(err, &ie) {
		t.Errorf("AttachmentRaw of a swapped blob = %v, want an service.IntegrityError", err)
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	if err := v.AttachmentGet(ctx, id, a.ID, io.Discard); !errors.As(err, &ie) {
		t.Errorf("AttachmentGet of a missing blob = %v, want an service.IntegrityError", err)
	}
}

func TestAttachNoPlaintextAtRest(t *testing.T) {
	t.Parallel()
	v, dir, id, _ := attachVault(t, newTestVault)
	const sentinel = "SENTINEL-attachment-c41f9e"
	const noteSentinel = "SENTINEL-note-5b2d07"
	// The sentinel at both ends and across an age chunk boundary.
	var doc bytes.Buffer
	doc.WriteString(sentinel + "\n")
	doc.Write(bytes.Repeat([]byte("x"), 64<<10-len(sentinel)))
	for range 1000 {
		doc.WriteString(sentinel + " says the witness\n")
	}
	if _, err := v.Attach(ctx, id, &doc, service.KindDocument, noteSentinel, "text/plain"); err != nil {
		t.Fatal(err)
	}
	grepTree(t, dir, []string{sentinel, noteSentinel})
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	grepTree(t, dir, []string{sentinel, noteSentinel})
}

// failingReader fails after n bytes, as a file on a failing disk would.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errors.New("input/output error")
	}
	m := min(len(p), r.n)
	r.n -= m
	return m, nil
}

func TestAttachFailureLeavesNothing(t *testing.T) {
	v, dir, id, _ := attachVault(t, newEngine)
	if _, err := v.Attach(ctx, "aaaaaaaaaaaaaaaaaaaaaaaaaa", strings.NewReader("x"), "", "", ""); !errors.Is(err, service.ErrNotFound) {
		t.Errorf("Attach to a missing record = %v, want service.ErrNotFound", err)
	}
	if _, err := v.Attach(ctx, id, &failingReader{n: 3 << 20}, "", "", "application/pdf"); err == nil {
		t.Error("Attach of a failing reader succeeded")
	}
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := v.Attach(c, id, strings.NewReader("x"), "", "", "text/plain"); err == nil {
		t.Error("Attach with a canceled context succeeded")
	}
	if files := blobFiles(t, dir); len(files) != 0 {
		t.Errorf("failed attaches left %v", files)
	}
	if list, err := v.Attachments(ctx, id); err != nil || len(list) != 0 {
		t.Errorf("Attachments = %v, %v; want none", list, err)
	}
	var outcomes []string
	v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "attach" {
			outcomes = append(outcomes, string(e.Outcome))
		}
		return nil
	})
	if !slices.Equal(outcomes, []string{"error", "error", "error"}) {
		t.Errorf("attach entries %v, want three errors (a canceled attempt is recorded too)", outcomes)
	}
	if err := v.AttachmentGet(ctx, id, "aaaaaaaaaaaaaaaaaaaaaaaaaa", io.Discard); !errors.Is(err, service.ErrNoAttachment) {
		t.Errorf("AttachmentGet of a missing attachment = %v, want service.ErrNoAttachment", err)
	}
	if err := v.AttachmentGet(ctx, id, "../../keyring.age", io.Discard); err == nil {
		t.Error("AttachmentGet of a malformed ID succeeded")
	}
}

func TestAttachAudited(t *testing.T) {
	v, _, id, _ := attachVault(t, newEngine)
	att, err := v.Attach(ctx, id, strings.NewReader("recording"), service.KindAudio, "", "audio/wav")
	if err != nil {
		t.Fatal(err)
	}
	v.Attachments(ctx, id)
	v.AttachmentGet(ctx, id, att.ID, io.Discard)
	v.AttachmentRange(ctx, id, att.ID, 2, 5, io.Discard)
	v.AttachmentRaw(ctx, id, att.ID, io.Discard)
	var got []string
	err = v.AuditLog(ctx, service.AuditFilter{Target: id}, func(e *audit.Entry) error {
		if strings.HasPrefix(e.Action, "attach") {
			// The state attribute commits to the write (audit.StateAttr).
			attrs := slices.DeleteFunc(e.Attrs, func(a audit.Attr) bool { return a.Key == audit.StateAttr })
			got = append(got, fmt.Sprintf("%s %s %v %v", e.Action, e.Outcome, e.Targets, attrs))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	full := fmt.Sprintf("{policy %s} {view full}", policy.Default().Hash())
	want := []string{
		fmt.Sprintf("attach ok [%s %s] [{kind audio}]", id, att.ID),
		fmt.Sprintf("attachment.list ok [%s] [{count 1} %s]", id, full),
		fmt.Sprintf("attachment.get ok [%s %s] [%s]", id, att.ID, full),
		fmt.Sprintf("attachment.get ok [%s %s] [%s {range 2:5} {view full}]", id, att.ID, full[:len(full)-len(" {view full}")]),
		fmt.Sprintf("attachment.raw ok [%s %s] [%s]", id, att.ID, full),
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAttachPolicy checks every role against every attachment operation:
// allowed as the policy says (reads also need the full view), and every
// denial on record.
func TestAttachPolicy(t *testing.T) {
	v, _, id, _ := attachVault(t, newEngine)
	att, err := v.Attach(ctx, id, strings.NewReader("recording"), "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]func(context.Context) error{
		"attach": func(c context.Context) error {
			_, err := v.Attach(c, id, strings.NewReader("x"), "", "", "")
			return err
		},
		"attachment.list": func(c context.Context) error { _, err := v.Attachments(c, id); return err },
		"attachment.get":  func(c context.Context) error { return v.AttachmentGet(c, id, att.ID, io.Discard) },
		"attachment.get range": func(c context.Context) error {
			return v.AttachmentRange(c, id, att.ID, 0, 1, io.Discard)
		},
		"attachment.raw": func(c context.Context) error { return v.AttachmentRaw(c, id, att.ID, io.Discard) },
	}
	pol := policy.Default()
	denials := 0
	for _, role := range policy.Roles {
		for name, fn := range ops {
			op, _, _ := strings.Cut(name, " ")
			want := pol.Allows(role, op)
			if op != "attach" {
				_, full := pol.View(role, policy.ViewFull)
				want = want && full
			}
			err := fn(as(role))
			if want != (err == nil) || (!want && !errors.Is(err, service.ErrDenied)) {
				t.Errorf("%s %s: %v, want allowed=%v", role, name, err, want)
			}
			if !want {
				denials++
			}
		}
	}
	if denials == 0 {
		t.Fatal("no role is denied attachments")
	}
	var logged int
	v.AuditLog(ctx, service.AuditFilter{Target: id}, func(e *audit.Entry) error {
		if e.Outcome == audit.OutcomeDenied {
			logged++
		}
		return nil
	})
	if logged != denials {
		t.Errorf("%d denials in the audit log, want %d", logged, denials)
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct {
	n   int
	got bytes.Buffer
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.got.Len()+len(p) > w.n {
		return 0, errors.New("no space left on device")
	}
	return w.got.Write(p)
}

// signalingReader reads r and closes read once n bytes have been read.
type signalingReader struct {
	r    io.Reader
	n    int
	read chan struct{}
}

func (s *signalingReader) Read(p []byte) (int, error) {
	m, err := s.r.Read(p)
	if s.n > 0 {
		if s.n -= m; s.n <= 0 {
			close(s.read)
		}
	}
	return m, err
}

// TestCopyKeepsFailedBuffer checks that copyHashing does not refill the
// buffer of a failed Write, which a writer that gave up on a write(2)
// still under way (tvaultd's fileWriter) leaves to it: the write fails
// once the other buffers are filled and the copy waits for one.
func TestCopyKeepsFailedBuffer(t *testing.T) {
	data := randomFile(9, (copyBuffers+2)*copyBufferSize)
	src := &signalingReader{r: bytes.NewReader(data), n: copyBuffers * copyBufferSize, read: make(chan struct{})}
	var kept []byte
	dst := writerFunc(func(p []byte) (int, error) {
		if kept == nil {
			<-src.read
			time.Sleep(50 * time.Millisecond) // the copy waits for a buffer
			kept = p
		}
		return 0, errors.New("gave up")
	})
	if _, err := copyHashing(ctx, dst, src, sha256.New()); err == nil {
		t.Fatal("copyHashing to a failing writer succeeded")
	}
	if !bytes.Equal(kept, data[:copyBufferSize]) {
		t.Error("the buffer of the failed write was refilled")
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestPipelines checks the copy and write pipelines of attachments: the
// bytes arrive whole and in order, and a failure anywhere ends them
// without a deadlock.
func TestPipelines(t *testing.T) {
	data := randomFile(8, 10<<20+3)
	sum := sha256.Sum256(data)
	var out bytes.Buffer
	h := sha256.New()
	n, err := copyHashing(ctx, &out, bytes.NewReader(data), h)
	if err != nil || n != int64(len(data)) || !bytes.Equal(out.Bytes(), data) || !bytes.Equal(h.Sum(nil), sum[:]) {
		t.Fatalf("copyHashing = %d, %v; copy or hash differs", n, err)
	}
	fw := &failingWriter{n: 3 << 20}
	if _, err := copyHashing(ctx, fw, bytes.NewReader(data), nil); err == nil || !bytes.HasPrefix(data, fw.got.Bytes()) {
		t.Fatalf("copyHashing to a failing writer = %v", err)
	}
	var se *srcError
	if _, err := copyHashing(ctx, io.Discard, &failingReader{n: 5 << 20}, h); !errors.As(err, &se) {
		t.Fatalf("copyHashing from a failing reader = %v, want a srcError", err)
	}
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := copyHashing(c, io.Discard, bytes.NewReader(data), h); !errors.Is(err, context.Canceled) {
		t.Fatalf("copyHashing with a canceled context = %v", err)
	}

	out.Reset()
	a := newAsyncWriter(&out)
	for rest := data; len(rest) > 0; {
		k := min(len(rest), 65552)
		if _, err := a.Write(rest[:k]); err != nil {
			t.Fatal(err)
		}
		rest = rest[k:]
	}
	if err := a.Close(); err != nil || !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("asyncWriter: Close = %v; content differs: %v", err, !bytes.Equal(out.Bytes(), data))
	}
	if err := a.Close(); err != nil {
		t.Fatalf("second Close = %v", err)
	}
	fw = &failingWriter{n: 3 << 20}
	a = newAsyncWriter(fw)
	var werr error
	for i := 0; i < 64 && werr == nil; i++ {
		_, werr = a.Write(data[:1<<20])
	}
	if err := a.Close(); err == nil || werr == nil || werr.Error() != "no space left on device" {
		t.Fatalf("asyncWriter to a failing writer: Write = %v, Close = %v; want the writer's error", werr, err)
	}
}

// TestAttachLarge attaches and reads back TVAULT_ATTACH_MIB MiB of random
// data (1024 for the figure) and checks that the peak RSS of the
// process during each step stays under 64 MiB: VmHWM of /proc/self/status,
// reset before each step, of a vault directory as tvault opens it (the
// database's memory counts). Skipped unless the variable is set;
// bench/attach.sh runs it.
func TestAttachLarge(t *testing.T) {
	mib, _ := strconv.Atoi(os.Getenv("TVAULT_ATTACH_MIB"))
	if mib <= 0 {
		t.Skip("set TVAULT_ATTACH_MIB to attach that many MiB")
	}
	v, _, id, _ := attachVault(t, newTestVault)
	size := int64(mib) << 20
	steps := []struct {
		name string
		fn   func() (sum []byte, err error)
	}{{"attach", nil}, {"get", nil}}
	var att *service.Attachment
	steps[0].fn = func() ([]byte, error) {
		h := sha256.New()
		src := io.TeeReader(io.LimitReader(rand.NewChaCha8([32]byte{7}), size), h)
		var err error
		att, err = v.Attach(ctx, id, src, service.KindVideo, "", "video/mp4")
		return h.Sum(nil), err
	}
	steps[1].fn = func() ([]byte, error) {
		h := sha256.New()
		err := v.AttachmentGet(ctx, id, att.ID, h)
		return h.Sum(nil), err
	}
	var sums [][]byte
	for _, s := range steps {
		runtime.GC()
		debug.FreeOSMemory()
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			t.Skipf("cannot reset the peak RSS: %v", err)
		}
		start := time.Now()
		sum, err := s.fn()
		if err != nil {
			t.Fatal(err)
		}
		secs := time.Since(start).Seconds()
		peak := peakRSS(t)
		t.Logf("%s of %d MiB: %.2f s (%.0f MiB/s), peak RSS of the process %d MiB", s.name, mib, secs, float64(mib)/secs, peak>>20)
		if peak > 64<<20 {
			t.Errorf("%s: peak RSS %d MiB, want under 64 MiB", s.name, peak>>20)
		}
		sums = append(sums, sum)
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Fatal("the file read back differs from the one attached")
	}
}

// peakRSS returns VmHWM of /proc/self/status in bytes.
func peakRSS(t *testing.T) int64 {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("malformed VmHWM line %q", line)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// BenchmarkAttach measures attaching and reading back 64 MiB in process,
// for profiling; bench/attach.sh compares the CLI with age.
func BenchmarkAttach(b *testing.B) {
	v, _ := newTestVault(b, Options{})
	defer v.Close()
	ids, _, err := v.Put(ctx, loadFixtures(b)[:1])
	if err != nil {
		b.Fatal(err)
	}
	data := randomFile(6, 64<<20)
	att, err := v.Attach(ctx, ids[0], bytes.NewReader(data), "", "", "")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("attach", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := v.Attach(ctx, ids[0], bytes.NewReader(data), "", "", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := v.AttachmentGet(ctx, ids[0], att.ID, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
