package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tvault/tvault/vault/service"

	"filippo.io/age"

	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
)

// Attachments: recordings, photographs and documents attached to a record.
//
// The original bytes of an attachment are one age file, encrypted to the
// vault's and the escrow recipients, in the blob store (<vault>/blobs/,
// under a random name). The plaintext is the original file and nothing
// else, so that an escrow holder's "age -d" gives it back byte for byte.
// Its metadata is an attachmentMeta under an att/ key (schema.go).
//
// age has no associated data, so the sealed metadata binds its blob: it
// holds the SHA-256 of the blob's age header and payload nonce, which fix
// the file key and so the key of every chunk. A blob swapped for another
// one is refused before anything is decrypted, in byte ranges too; the
// SHA-256 and size of the original (chain of custody) are checked at the
// end of every full read.
//
// Access follows the policy: the operations attach, attachment.list,
// attachment.get and attachment.raw (officers only, by default), and every
// read also needs the full view, so that no shared view includes an
// attachment. Every attempt is audited, naming the record and attachment
// IDs, never a file name.
//
// Nothing is ever held whole in memory: files stream through age in
// buffers of copyBufferSize.

const blobDir = "blobs"

// Limits of the metadata an attach accepts.
const (
	MaxNoteSize      = 4 << 10
	maxMediaTypeSize = 255
	// maxBlobHeader bounds the age header and nonce of a blob: a few
	// post-quantum stanzas of about 1.5 KiB each.
	maxBlobHeader = 64 << 10
)

// attachmentMeta is the sealed store value of an attachment.
type attachmentMeta struct {
	ID         string    `json:"id"`
	Record     string    `json:"record"`
	Kind       string    `json:"kind"`
	MediaType  string    `json:"media_type"`
	Size       int64     `json:"size"`
	SHA256     string    `json:"sha256"`
	Note       string    `json:"note,omitempty"`
	Created    time.Time `json:"created"`
	Blob       string    `json:"blob"`
	BlobSize   int64     `json:"blob_size"`
	HeaderSize int       `json:"header_size"`   // bytes of age header and nonce
	HeaderHash string    `json:"header_sha256"` // SHA-256 of those bytes, hex
	// BlobHash is the SHA-256 of the whole blob, hex, which check
	// verifies without decrypting. Attachments are no longer given one:
	// the blob is fixed by its header (HeaderHash) and the original
	// (SHA256), since age's payload is the original encrypted
	// deterministically under the key the header fixes, so check decrypts
	// the blob and checks the original's SHA-256 instead, and an attach
	// hashes its bytes once rather than twice.
	BlobHash string `json:"blob_sha256,omitempty"`
}

// Attach stores the file read from r as an attachment of record recordID
// and returns its description. The file streams through age into the blob
// store while its SHA-256 and size are computed; then the sealed metadata
// and the audit entry are written in one transaction. If any step fails,
// the blob is removed and the record is unchanged.
//
// mediaType is a MIME type; if empty, it is detected from the first bytes
// of the file. kind is audio, video, image or document; if empty, it
// follows the media type. note is a free-text description (at most
// MaxNoteSize bytes), stored sealed. No file name is stored: it may name
// the witness.
func (v *Vault) Attach(ctx context.Context, recordID string, r io.Reader, kind, note, mediaType string) (*service.Attachment, error) {
	return do(ctx, v, "attach", []target{recordTarget(recordID)}, func(o *op) (*service.Attachment, error) {
		if len(note) > MaxNoteSize || !utf8.ValidString(note) {
			return nil, &service.InvalidArgumentError{Arg: "note", Len: len(note), Want: fmt.Sprintf("want valid UTF-8 of at most %d bytes", MaxNoteSize)}
		}
		if kind != "" {
			if err := checkKind(kind); err != nil {
				return nil, err
			}
		}
		var head []byte
		if mediaType == "" {
			// Sniff the first bytes, then hand them back in front of the rest.
			head = make([]byte, 512)
			n, err := io.ReadFull(r, head)
			if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
				return nil, fmt.Errorf("failed to read the file: %w", err)
			}
			head = head[:n]
			mediaType = http.DetectContentType(head)
			r = io.MultiReader(bytes.NewReader(head), r)
		}
		mediaType, err := normaliseMediaType(mediaType)
		if err != nil {
			return nil, err
		}
		if kind == "" {
			kind = kindOf(mediaType)
		}
		att := &service.Attachment{ID: newID(), Record: recordID, Kind: kind, MediaType: mediaType, Note: note}
		o.target(att.ID)
		o.attr("kind", kind)
		// Fail before streaming gigabytes for a record that is not there.
		err = o.view(func(tx store.ReadTx) error {
			_, err := v.readIndex(tx, recordID)
			return err
		})
		if err != nil {
			return nil, err
		}
		v.attaching.Add(1)
		defer v.attaching.Add(-1)
		recips, check, done := v.sealing()
		defer done()
		m, err := v.writeBlob(ctx, r, att, recips)
		if err != nil {
			return nil, err
		}
		key := attachmentKey(recordID, att.ID)
		// Once the blob is durable, the attach completes even if ctx is
		// canceled now, so that it is on record either way.
		o.ctx = context.WithoutCancel(ctx)
		err = o.write(func(tx store.Tx) error {
			if err := check(tx); err != nil {
				return err
			}
			if _, err := v.readIndex(tx, recordID); err != nil {
				return err
			}
			if _, err := tx.Get(key); !errors.Is(err, store.ErrNotFound) {
				// As for record IDs: a collision means a broken random source.
				return fmt.Errorf("attachment ID %s already in use", att.ID)
			}
			return putJSON(tx, key, m)
		})
		if err != nil {
			// Write returns only once the transaction is known not to have
			// committed, so no metadata points at the blob.
			if rerr := v.blobs.Remove(context.WithoutCancel(ctx), m.Blob); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return nil, fmt.Errorf("failed to store attachment: %w", err)
		}
		return att, nil
	})
}

// writeBlob encrypts r to recips (see sealing) into a new blob and returns
// the attachment's metadata, with att's size, hash and creation time
// filled in.
func (v *Vault) writeBlob(ctx context.Context, r io.Reader, att *service.Attachment, recips []age.Recipient) (*attachmentMeta, error) {
	w, err := v.blobs.Create(ctx)
	if err != nil {
		return nil, err
	}
	defer w.Abort()
	bw := newAsyncWriter(w)
	defer bw.Close()
	tap := &headerTap{w: bw}
	aw, err := age.Encrypt(tap, recips...)
	if err != nil {
		return nil, fmt.Errorf("failed to encrypt attachment: %w", err)
	}
	// age.Encrypt has written the header and the payload nonce.
	header := tap.stop()
	h := sha256.New()
	n, err := copyHashing(ctx, aw, r, h)
	var se *srcError
	if errors.As(err, &se) {
		return nil, fmt.Errorf("failed to read the file: %w", se.err)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to write attachment: %w", err)
	}
	if err := aw.Close(); err != nil {
		return nil, fmt.Errorf("failed to write attachment: %w", err)
	}
	if err := bw.Close(); err != nil {
		return nil, fmt.Errorf("failed to write attachment: %w", err)
	}
	name, err := w.Commit()
	if err != nil {
		return nil, err
	}
	att.Size, att.SHA256, att.Created = n, hex.EncodeToString(h.Sum(nil)), time.Now().UTC()
	hh := sha256.Sum256(header)
	return &attachmentMeta{ID: att.ID, Record: att.Record, Kind: att.Kind, MediaType: att.MediaType,
		Size: att.Size, SHA256: att.SHA256, Note: att.Note, Created: att.Created, Blob: name, BlobSize: tap.n,
		HeaderSize: len(header), HeaderHash: hex.EncodeToString(hh[:])}, nil
}

// headerTap passes writes through, counting them, and keeps a copy of
// those made until stop: the age header and nonce.
type headerTap struct {
	w       io.Writer
	n       int64
	head    []byte
	stopped bool
}

func (t *headerTap) Write(p []byte) (int, error) {
	if !t.stopped {
		t.head = append(t.head, p...)
	}
	n, err := t.w.Write(p)
	t.n += int64(n)
	return n, err
}

func (t *headerTap) stop() []byte {
	t.stopped = true
	return t.head
}

func normaliseMediaType(s string) (string, error) {
	mt, params, err := mime.ParseMediaType(s)
	if err != nil || len(s) > maxMediaTypeSize || !strings.Contains(mt, "/") {
		return "", &service.InvalidArgumentError{Arg: "media type", Value: s, Len: len(s), Want: "want a MIME type such as video/mp4"}
	}
	return mime.FormatMediaType(mt, params), nil
}

func kindOf(mediaType string) string {
	switch top, _, _ := strings.Cut(mediaType, "/"); top {
	case service.KindAudio, service.KindVideo, service.KindImage:
		return top
	}
	return service.KindDocument
}

func checkKind(kind string) error {
	switch kind {
	case service.KindAudio, service.KindVideo, service.KindImage, service.KindDocument:
		return nil
	}
	return &service.InvalidArgumentError{Arg: "attachment kind", Value: kind, Len: len(kind), Want: "want audio, video, image or document"}
}

// Attachments returns the attachments of record recordID, oldest first.
func (v *Vault) Attachments(ctx context.Context, recordID string) ([]service.Attachment, error) {
	return do(ctx, v, "attachment.list", []target{recordTarget(recordID)}, func(o *op) ([]service.Attachment, error) {
		if _, err := o.viewFor(policy.ViewFull); err != nil {
			return nil, err
		}
		var out []service.Attachment
		err := o.view(func(tx store.ReadTx) error {
			out = out[:0]
			if _, err := v.readIndex(tx, recordID); err != nil {
				return err
			}
			return tx.Scan(attachmentPrefix(recordID), func(key, _ []byte) error {
				var m attachmentMeta
				if err := getJSON(tx, key, &m); err != nil {
					return err
				}
				out = append(out, m.attachment())
				return nil
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		err = integrity(recordID, err)
		if err != nil {
			return nil, fmt.Errorf("failed to list attachments: %w", err)
		}
		sort.Slice(out, func(i, j int) bool {
			if !out[i].Created.Equal(out[j].Created) {
				return out[i].Created.Before(out[j].Created)
			}
			return out[i].ID < out[j].ID
		})
		return out, nil
	})
}

func (m *attachmentMeta) attachment() service.Attachment {
	return service.Attachment{ID: m.ID, Record: m.Record, Kind: m.Kind, MediaType: m.MediaType,
		Size: m.Size, SHA256: m.SHA256, Note: m.Note, Created: m.Created}
}

// AttachmentGet writes the original bytes of attachment attID of record
// recordID to w, streaming, and then checks their size and SHA-256 against
// those recorded at attach. Any mismatch, and any chunk that fails age's
// authentication, is an *IntegrityError.
//
// The access is recorded before the first byte is written to w; a failure
// found while streaming gets a second entry with the same request ID.
// What was written before a failure is authenticated by age chunk by
// chunk, but the file is incomplete: a caller writing to a file removes
// it when AttachmentGet fails.
func (v *Vault) AttachmentGet(ctx context.Context, recordID, attID string, w io.Writer) error {
	return v.attachmentRead(ctx, "attachment.get", recordID, attID, func(o *op) error {
		m, src, err := v.openAttachment(ctx, recordID, attID)
		if err != nil {
			return err
		}
		defer src.Close()
		plain, err := v.section(recordID, attID, m, src, 0, m.Size)
		if err != nil {
			return err
		}
		if err := o.commit(); err != nil {
			return err
		}
		return v.copyChecked(ctx, w, m, plain)
	})
}

// copyChecked copies plain, the decrypted original of the attachment of
// m, to w, and checks its size and SHA-256 against m at the end.
func (v *Vault) copyChecked(ctx context.Context, w io.Writer, m *attachmentMeta, plain io.Reader) error {
	h := sha256.New()
	n, err := copyHashing(ctx, w, plain, h)
	var se *srcError
	switch {
	case errors.As(err, &se):
		return attIntegrity(m.Record, m.ID, se.err)
	case err != nil:
		return err
	case n != m.Size:
		return attIntegrity(m.Record, m.ID, fmt.Errorf("%d bytes, want %d", n, m.Size))
	case hex.EncodeToString(h.Sum(nil)) != m.SHA256:
		return attIntegrity(m.Record, m.ID, errors.New("SHA-256 does not match the one recorded at attach"))
	}
	return nil
}

// AttachmentRange writes bytes start up to (not including) end of the
// original of attachment attID of record recordID to w; end < 0 means the
// end of the file. Only the age chunks (64 KiB) holding the range are read
// and decrypted, so seeking in a long recording costs what the range costs.
//
// Every chunk read is authenticated by age, and the blob is checked to be
// the one stored for the attachment, but the SHA-256 of the whole file
// cannot be checked for a range: that takes AttachmentGet. A range outside
// the file fails with ErrRange. Auditing is as for AttachmentGet, with the
// range in the entry.
func (v *Vault) AttachmentRange(ctx context.Context, recordID, attID string, start, end int64, w io.Writer) error {
	return v.attachmentRead(ctx, "attachment.get", recordID, attID, func(o *op) error {
		if end >= 0 {
			o.attr("range", fmt.Sprintf("%d:%d", start, end))
		} else {
			o.attr("range", fmt.Sprintf("%d:", start))
		}
		m, src, err := v.openAttachment(ctx, recordID, attID)
		if err != nil {
			return err
		}
		defer src.Close()
		if end < 0 {
			end = m.Size
		}
		section, err := v.section(recordID, attID, m, src, start, end)
		if err != nil {
			return err
		}
		if err := o.commit(); err != nil {
			return err
		}
		_, err = copyHashing(ctx, w, section, nil)
		var se *srcError
		if errors.As(err, &se) {
			err = attIntegrity(recordID, attID, se.err)
		}
		return err
	})
}

// section returns a reader of plaintext bytes start to end of the blob in
// src, checking the range against the metadata and age's plaintext size.
//
// Whole files are read this way too, rather than with age.Decrypt, for
// memory: age.Decrypt allocates a 64 KiB buffer for every chunk, and
// DecryptReaderAt one for every read, which copyHashing makes
// copyBufferSize long.
func (v *Vault) section(recordID, attID string, m *attachmentMeta, src blob.Reader, start, end int64) (io.Reader, error) {
	if start < 0 || start > end || end > m.Size {
		return nil, fmt.Errorf("range %d:%d of a file of %d bytes: %w", start, end, m.Size, service.ErrRange)
	}
	ra, size, err := age.DecryptReaderAt(src, src.Size(), v.secrets().Identities()...)
	if err != nil {
		return nil, attIntegrity(recordID, attID, err)
	}
	if size != m.Size {
		return nil, attIntegrity(recordID, attID, fmt.Errorf("%d bytes, want %d", size, m.Size))
	}
	return &collectingReader{r: io.NewSectionReader(ra, start, end-start)}, nil
}

// gcInterval is how much plaintext a collectingReader reads between
// garbage collections.
const gcInterval = 128 << 20

// collectingReader runs a garbage collection after every gcInterval bytes
// read. The chunk buffers age allocates per read are garbage at once, but
// the collector lets garbage grow as large as the live heap before it runs,
// and the live heap of a vault is large (Badger's memtable arena, hundreds
// of MiB, mostly never touched): without this, reading a large attachment
// would grow the resident memory by that much. With it, the garbage stays
// under gcInterval/16 (8 MiB: a chunk per copyBufferSize read), whatever
// the file size, for a collection of about a millisecond per 128 MiB.
type collectingReader struct {
	r       io.Reader
	sinceGC int64
}

func (c *collectingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.sinceGC += int64(n); c.sinceGC >= gcInterval {
		runtime.GC()
		c.sinceGC = 0
	}
	return n, err
}

// AttachmentRaw writes the blob of attachment attID of record recordID to
// w unchanged: an age file of the original, which the vault's identity and
// every escrow identity decrypt with the stock age CLI. The blob is checked
// to be the one stored for the attachment first. Auditing is as for
// AttachmentGet.
func (v *Vault) AttachmentRaw(ctx context.Context, recordID, attID string, w io.Writer) error {
	return v.attachmentRead(ctx, "attachment.raw", recordID, attID, func(o *op) error {
		_, src, err := v.openAttachment(ctx, recordID, attID)
		if err != nil {
			return err
		}
		defer src.Close()
		if err := o.commit(); err != nil {
			return err
		}
		n, err := copyHashing(ctx, w, io.NewSectionReader(src, 0, src.Size()), nil)
		var se *srcError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("failed to read attachment blob: %w", se.err)
		case err == nil && n != src.Size():
			return attIntegrity(recordID, attID, errors.New("blob changed while it was read"))
		}
		return err
	})
}

// attachmentRead runs a read of one attachment: the IDs must be valid, and
// the policy must grant the operation and the full view, since a recording
// is the witness's voice or face and no shared view can include it. fn
// commits the access before the first byte goes to the caller; a failure
// found while streaming gets a second entry. What was written before a
// failure is authenticated by age chunk by chunk, but incomplete: a caller
// writing to a file removes it when the read fails.
func (v *Vault) attachmentRead(ctx context.Context, action, recordID, attID string, fn func(o *op) error) error {
	_, err := do(ctx, v, action, []target{recordTarget(recordID), attachmentTarget(attID)}, func(o *op) (struct{}, error) {
		if _, err := o.viewFor(policy.ViewFull); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, fn(o)
	})
	return err
}

func attIntegrity(recordID, attID string, err error) error {
	return &service.IntegrityError{ID: recordID, Err: fmt.Errorf("attachment %s: %w", attID, err)}
}

// openAttachment reads the metadata of an attachment and opens its blob,
// after checking that the blob has the size and the age header recorded
// for it.
func (v *Vault) openAttachment(ctx context.Context, recordID, attID string) (*attachmentMeta, blob.Reader, error) {
	var m attachmentMeta
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		if _, err := v.readIndex(tx, recordID); err != nil {
			return err
		}
		err := getJSON(tx, attachmentKey(recordID, attID), &m)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("attachment %s of record %s: %w", attID, recordID, service.ErrNoAttachment)
		}
		return err
	})
	var ie *service.IntegrityError
	if errors.Is(err, store.ErrCorrupt) && !errors.As(err, &ie) {
		return nil, nil, attIntegrity(recordID, attID, err)
	}
	if err != nil {
		return nil, nil, err
	}
	if m.ID != attID || m.Record != recordID || m.HeaderSize <= 0 || m.HeaderSize > maxBlobHeader {
		return nil, nil, attIntegrity(recordID, attID, errors.New("malformed metadata"))
	}
	src, err := v.blobs.Open(ctx, m.Blob)
	if errors.Is(err, blob.ErrNotFound) {
		return nil, nil, attIntegrity(recordID, attID, errors.New("its blob is missing"))
	}
	if err != nil {
		return nil, nil, err
	}
	if err := checkBlob(&m, src); err != nil {
		src.Close()
		return nil, nil, attIntegrity(recordID, attID, err)
	}
	return &m, src, nil
}

func checkBlob(m *attachmentMeta, src blob.Reader) error {
	if src.Size() != m.BlobSize {
		return fmt.Errorf("blob of %d bytes, want %d", src.Size(), m.BlobSize)
	}
	head := make([]byte, m.HeaderSize)
	if _, err := src.ReadAt(head, 0); err != nil && !(errors.Is(err, io.EOF) && int64(len(head)) == src.Size()) {
		return fmt.Errorf("failed to read blob header: %w", err)
	}
	if sum := sha256.Sum256(head); hex.EncodeToString(sum[:]) != m.HeaderHash {
		return errors.New("blob is not the one stored for this attachment")
	}
	return nil
}

// copyBufferSize is the unit of every attachment copy: large enough that
// age, SHA-256 and the system calls each work on long runs of bytes.
// copyBuffers is how many each pipeline (copyHashing, asyncWriter)
// keeps, so that a transfer holds 8 MiB (a get) or 16 MiB (an attach) of
// them: with four, the stages waited on each other more, and a 1 GiB
// attach through tvaultd ran at 0.85-0.93 of age's throughput by median
// against 0.96-0.97 with eight (eight of 512 KiB: 0.90-0.94;
// docs/BENCHMARKS.md, issue 16, session 16).
const (
	copyBufferSize = 1 << 20
	copyBuffers    = 8
)

// srcError marks a failure to read the source of copyHashing, as opposed
// to writing its destination.
type srcError struct{ err error }

func (e *srcError) Error() string { return e.err.Error() }

// copyHashing copies src to dst in copyBufferSize reads and, if h is not
// nil, hashes what passes. Reading (with age's encryption or decryption),
// writing and hashing run as a pipeline on three goroutines, each buffer
// passing through them in turn: SHA-256 and the system calls run beside
// age instead of after it, so that on two cores attaching and reading back
// cost about what age alone costs. Memory stays at copyBuffers buffers. It stops
// when ctx is done, src fails or dst fails, and returns the bytes read;
// the buffer of a failed Write is never reused, for dst may still read it.
func copyHashing(ctx context.Context, dst io.Writer, src io.Reader, h hash.Hash) (int64, error) {
	free := make(chan []byte, copyBuffers)
	for range copyBuffers {
		free <- make([]byte, copyBufferSize)
	}
	toWrite, toHash := make(chan []byte, copyBuffers), make(chan []byte, copyBuffers)
	var werr error // set by the writer; read after done is closed
	var failed atomic.Bool
	done := make(chan struct{})
	go func() {
		for b := range toWrite {
			if werr == nil {
				if _, werr = dst.Write(b); werr != nil {
					// A failed Write may have left b to a write(2) still
					// under way (tvaultd gives up waiting on a client's
					// file that its file system holds), which would read
					// whatever b held next: b is not used again.
					failed.Store(true)
					continue
				}
			}
			toHash <- b
		}
		close(toHash)
	}()
	go func() {
		defer close(done)
		for b := range toHash {
			if h != nil {
				h.Write(b)
			}
			free <- b[:cap(b)]
		}
	}()
	var n int64
	var err error
	for err == nil && !failed.Load() {
		if err = ctx.Err(); err != nil {
			break
		}
		buf := <-free
		m, rerr := fill(src, buf)
		n += int64(m)
		toWrite <- buf[:m]
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = &srcError{rerr}
		}
	}
	close(toWrite)
	<-done
	if werr != nil {
		return n, werr
	}
	return n, err
}

// fill reads into buf until it is full or src fails; unlike io.ReadFull it
// reports io.ErrUnexpectedEOF from src as an error (age's for a truncated
// file) and only io.EOF as the end.
func fill(src io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := src.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// asyncWriter gathers writes into copyBufferSize buffers and writes them
// to w on another goroutine, so that the blob's system calls run beside
// age's encryption rather than after it. A failure of w is reported by a
// later Write or by Close, which waits for every write. Close may be
// called more than once.
type asyncWriter struct {
	buf    []byte
	free   chan []byte
	full   chan []byte
	done   chan struct{}
	err    error // set once by the writing goroutine; read after failed or done
	failed atomic.Bool
	closed bool
}

func newAsyncWriter(w io.Writer) *asyncWriter {
	// Each channel can hold every buffer, so that no side ever blocks on
	// a send.
	a := &asyncWriter{free: make(chan []byte, copyBuffers), full: make(chan []byte, copyBuffers), done: make(chan struct{})}
	for range copyBuffers {
		a.free <- make([]byte, 0, copyBufferSize)
	}
	a.buf = <-a.free
	go func() {
		defer close(a.done)
		for b := range a.full {
			if a.err == nil {
				if _, a.err = w.Write(b); a.err != nil {
					a.failed.Store(true)
				}
			}
			a.free <- b[:0]
		}
	}()
	return a
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	if a.failed.Load() {
		// The goroutine set err before failed, and never sets it again.
		return 0, a.err
	}
	n := len(p)
	for len(p) > 0 {
		m := copy(a.buf[len(a.buf):cap(a.buf)], p)
		a.buf, p = a.buf[:len(a.buf)+m], p[m:]
		if len(a.buf) == cap(a.buf) {
			a.full <- a.buf
			a.buf = <-a.free
		}
	}
	return n, nil
}

func (a *asyncWriter) Close() error {
	if !a.closed {
		a.closed = true
		if len(a.buf) > 0 {
			a.full <- a.buf
		}
		close(a.full)
		<-a.done
	}
	return a.err
}
