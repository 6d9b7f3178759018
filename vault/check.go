package vault

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// Check verifies that the vault is whole, as far as its own records tell:
//
//   - the database's files: every table block against its checksum, and
//     the value-log files (when the store can check them: Badger);
//   - the audit log: every entry against the latest signed checkpoint,
//     which must cover them all;
//   - the state: replaying the manifests that the log's entries commit to
//     (audit.ReadStates) gives, for each key, the hash of the value it
//     must hold; one scan of the store in key order then finds every key
//     missing, extra, changed or put back with an older value, and every
//     value that fails its seal;
//   - the attachments: every blob's size and SHA-256 (or, for blobs made
//     before the SHA-256 was kept, its age header), and blob files no
//     attachment refers to;
//   - with ReadData, every record version decrypted and checked against
//     the ID, version and hash bound inside it, and every attachment
//     decrypted, streaming, and checked against its size and SHA-256.
//
// What it finds goes into the report, one problem per key, blob or
// record, named by ID and key and never by content; an error means the
// check could not run. The check reads one snapshot of the store, so it
// runs while the vault serves; it holds in memory a 16-byte hash per key
// of the state (about 100 bytes a key with the map), never a whole value
// more than one record version at a time. It is audited as "check", with
// the number of problems.
func (v *Vault) Check(ctx context.Context, opts service.CheckOptions) (*service.CheckReport, error) {
	return do(ctx, v, "check", nil, func(o *op) (*service.CheckReport, error) {
		if opts.ReadData {
			o.attr("read_data", "true")
		}
		c := &checker{v: v, ctx: ctx, opts: opts, r: &service.CheckReport{ReadData: opts.ReadData, Problems: []service.CheckProblem{}}}
		if err := c.run(); err != nil {
			return nil, err
		}
		o.attr("problems", strconv.Itoa(c.r.NumProblems()))
		return c.r, nil
	})
}

// stateHash is a value's SHA-256 cut to 16 bytes: enough to tell a value
// from any other a writer could make, and half the memory per key.
type stateHash [16]byte

type checker struct {
	v    *Vault
	ctx  context.Context
	opts service.CheckOptions
	r    *service.CheckReport
	last time.Time // of the last progress report
	n    int       // items since the last yield or progress check
}

// tick is called for every item checked: it yields in the background and
// reports progress about once a second.
func (c *checker) tick() error {
	if c.opts.Background {
		runtime.Gosched()
	}
	c.n++
	if c.n%64 != 0 {
		return nil
	}
	if err := c.ctx.Err(); err != nil {
		return err
	}
	if c.opts.Progress != nil && time.Since(c.last) >= time.Second {
		c.last = time.Now()
		c.opts.Progress(c.r.Counts)
	}
	return nil
}

func (c *checker) add(kind, key, format string, args ...any) {
	p := service.CheckProblem{Kind: kind, Key: key, Message: fmt.Sprintf(format, args...)}
	nameKey(&p)
	c.r.Add(p)
}

// nameKey fills in what p's key belongs to (schema.go).
func nameKey(p *service.CheckProblem) {
	prefix, rest, _ := strings.Cut(p.Key, "/")
	switch prefix {
	case "rec", "rper", "srch":
		p.Record = rest
	case "ver":
		p.Record, _, _ = strings.Cut(rest, "/")
	case "att":
		p.Record, p.Attachment, _ = strings.Cut(rest, "/")
	case "per", "pcons":
		p.Person = rest
	case "user":
		p.User = rest
	case "grant":
		p.User, _, _ = strings.Cut(rest, "/")
	}
}

func (c *checker) run() error {
	if f, ok := c.v.raw.(interface{ Verify(context.Context) error }); ok {
		if err := f.Verify(c.ctx); err != nil {
			if c.ctx.Err() != nil {
				return c.ctx.Err()
			}
			c.add(service.ProblemFiles, "", "%v", err)
		}
	}
	var atts []attachmentMeta
	err := c.v.store.View(c.ctx, func(tx store.ReadTx) (err error) {
		atts, err = c.state(tx)
		return err
	})
	if err != nil {
		return err
	}
	referenced := make(map[string]bool, len(atts))
	for i := range atts {
		referenced[atts[i].Blob] = true
		if err := c.blob(&atts[i]); err != nil {
			return err
		}
		if err := c.tick(); err != nil {
			return err
		}
	}
	if err := c.orphans(referenced); err != nil {
		return err
	}
	if c.opts.Progress != nil {
		c.opts.Progress(c.r.Counts)
	}
	return nil
}

// state checks the log and the state it commits to in the snapshot tx,
// and returns the metadata of every attachment it holds.
func (c *checker) state(tx store.ReadTx) ([]attachmentMeta, error) {
	n, ok, err := c.log(tx)
	if err != nil || !ok {
		return nil, err
	}

	want := make(map[string]stateHash)
	var withState []int64 // ascending
	err = audit.ReadStates(tx, n, func(seq int64, m audit.Manifest, err error) error {
		withState = append(withState, seq)
		if err != nil {
			c.add(service.ProblemManifest, "", "%v", err)
			return nil
		}
		c.r.Counts.Manifests++
		for _, ch := range m {
			if ch.Deleted {
				delete(want, ch.Key)
			} else {
				want[ch.Key] = stateHash(ch.Hash[:16])
			}
		}
		return c.tick()
	})
	if err != nil {
		if !errors.Is(err, store.ErrCorrupt) && !isEntryError(err) {
			return nil, err
		}
		// The log cannot be replayed: comparing the store with a part of
		// it would report every later write as extra.
		c.add(service.ProblemLog, "", "the log's manifests cannot be replayed, so the state is not compared: %v", err)
		return nil, nil
	}
	hasState := func(seq int64) bool {
		_, ok := slices.BinarySearch(withState, seq)
		return ok
	}
	blocks, err := audit.StoredBlocks(tx)
	if err != nil {
		if !errors.Is(err, store.ErrCorrupt) {
			return nil, err
		}
		c.add(service.ProblemFiles, "", "the scan of the log's blocks stopped: %v", err)
		return nil, nil
	}

	var atts []attachmentMeta
	err = sealedstore.ScanChecked(tx, nil, func(key, value []byte, err error) error {
		k := string(key)
		c.r.Counts.Keys++
		if err != nil {
			delete(want, k)
			if errors.As(err, new(*sealedstore.CorruptError)) {
				c.add(service.ProblemCorrupt, k, "the value fails its seal: changed, or copied from another key")
			} else {
				// The store cannot read it (a value-log file missing or
				// damaged): said, and the scan goes on.
				c.add(service.ProblemCorrupt, k, "the value cannot be read: %v", err)
			}
			return c.tick()
		}
		if strings.HasPrefix(k, audit.KeyPrefix) {
			if !audit.LogKey(key, n, hasState, blocks) {
				c.add(service.ProblemExtra, k, "the audit log holds no such key")
			}
			return c.tick()
		}
		h, ok := want[k]
		delete(want, k)
		sum := sha256.Sum256(value)
		switch {
		case !ok:
			c.add(service.ProblemExtra, k, "the log never wrote this key, or deleted it")
		case stateHash(sum[:16]) != h:
			c.add(service.ProblemChanged, k, "holds a value other than the one the log last wrote (changed, or an older one put back)")
		}
		switch {
		case strings.HasPrefix(k, "att/"):
			var m attachmentMeta
			if err := json.Unmarshal(value, &m); err != nil {
				c.add(service.ProblemBlob, k, "malformed metadata")
			} else {
				atts = append(atts, m)
			}
		case c.opts.ReadData && strings.HasPrefix(k, "ver/"):
			c.version(k, value)
		}
		return c.tick()
	})
	if err != nil {
		if !errors.Is(err, store.ErrCorrupt) {
			return nil, err
		}
		c.add(service.ProblemFiles, "", "the scan of the store stopped: %v", err)
		return atts, nil
	}
	missing := make([]string, 0, len(want))
	for k := range want {
		missing = append(missing, k)
	}
	slices.Sort(missing)
	for _, k := range missing {
		c.add(service.ProblemMissing, k, "the log wrote this key last, and it is gone")
	}
	return atts, nil
}

// log checks the log in the snapshot tx: every entry present and hashed
// into the latest signed checkpoint, which must cover them all. It
// returns the log's size, and false if the size cannot be read (a
// problem then reported).
func (c *checker) log(tx store.ReadTx) (n int64, ok bool, err error) {
	n, err = audit.Size(tx)
	if errors.Is(err, store.ErrCorrupt) {
		c.add(service.ProblemLog, "", "%v", err)
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	c.r.Counts.Entries = n
	verifier, err := c.v.firstVerifier(tx)
	if err != nil {
		return 0, false, err
	}
	rep, err := audit.VerifyStored(tx, verifier)
	switch {
	case err != nil:
		c.add(service.ProblemLog, "", "%v", err)
	case rep.CheckpointSize != n:
		c.add(service.ProblemLog, "", "%d entries after the latest signed checkpoint, which covers %d: it was replaced with an older one", n-rep.CheckpointSize, rep.CheckpointSize)
	}
	return n, true, nil
}

func isEntryError(err error) bool {
	var ee *audit.EntryError
	return errors.As(err, &ee)
}

// version decrypts the record version stored under key, ver/<id>/<n>, and
// checks that it is bound to that ID and version and matches its hash.
func (c *checker) version(key string, ct []byte) {
	id, num, _ := strings.Cut(strings.TrimPrefix(key, "ver/"), "/")
	n, err := strconv.Atoi(num)
	if err != nil || string(versionKey(id, n)) != key {
		c.add(service.ProblemData, key, "malformed version key")
		return
	}
	c.r.Counts.Versions++
	if _, err := envelope.Open(ct, envelope.Version{ID: id, Version: n}, c.v.secrets().Identities()...); err != nil {
		c.add(service.ProblemData, key, "%v", err)
	}
}

// blob checks the file of an attachment: its size and age header, then
// its SHA-256 if one was recorded, and by decrypting it (always for an
// attachment without one, otherwise with ReadData) the original's size and
// SHA-256. Given the header, those fix every byte of the blob: age
// encrypts the original deterministically under the key the header fixes.
func (c *checker) blob(m *attachmentMeta) error {
	key := string(attachmentKey(m.Record, m.ID))
	src, err := c.v.blobs.Open(c.ctx, m.Blob)
	if errors.Is(err, blob.ErrNotFound) {
		c.add(service.ProblemBlob, key, "its file is missing")
		return nil
	}
	if err != nil {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		c.add(service.ProblemBlob, key, "its file cannot be opened: %v", err)
		return nil
	}
	defer src.Close()
	c.r.Counts.Blobs++
	if err := checkBlob(m, src); err != nil {
		c.add(service.ProblemBlob, key, "%v", err)
		return nil
	}
	if m.BlobHash != "" {
		h := sha256.New()
		n, err := io.Copy(h, io.NewSectionReader(src, 0, m.BlobSize))
		c.r.Counts.BlobBytes += n
		switch {
		case c.ctx.Err() != nil:
			return c.ctx.Err()
		case err != nil:
			c.add(service.ProblemBlob, key, "failed to read its file: %v", err)
			return nil
		case hex.EncodeToString(h.Sum(nil)) != m.BlobHash:
			c.add(service.ProblemBlob, key, "its file's SHA-256 is not the one recorded at attach")
			return nil
		}
		if !c.opts.ReadData {
			return nil
		}
	} else {
		c.r.Counts.BlobBytes += m.BlobSize
	}
	if c.opts.ReadData {
		c.r.Counts.Attachments++
	}
	plain, err := c.v.section(m.Record, m.ID, m, src, 0, m.Size)
	if err == nil {
		err = c.v.copyChecked(c.ctx, io.Discard, m, plain)
	}
	if err != nil {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		kind := service.ProblemData
		if m.BlobHash == "" {
			// Decrypting was the only check of its file.
			kind = service.ProblemBlob
		}
		c.add(kind, key, "%v", err)
	}
	return nil
}

// orphans reports the blob files that no attachment refers to. An attach
// under way has written its blob before its metadata, so the blobs not
// referenced in the snapshot are looked up again once no attach is under
// way, in a newer snapshot.
func (c *checker) orphans(referenced map[string]bool) error {
	var candidates []string
	err := c.v.blobs.List(c.ctx, func(name string) error {
		if !referenced[name] {
			candidates = append(candidates, name)
		}
		return nil
	})
	if err != nil {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		c.add(service.ProblemBlob, "", "the blob files cannot be listed: %v", err)
		return nil
	}
	if len(candidates) == 0 {
		return nil
	}
	for c.v.attaching.Load() > 0 {
		select {
		case <-c.ctx.Done():
			return c.ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	err = c.v.store.View(c.ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("att/"), func(_, value []byte) error {
			var m attachmentMeta
			if json.Unmarshal(value, &m) == nil {
				referenced[m.Blob] = true
			}
			return nil
		})
	})
	if err != nil {
		// The state check has reported what makes the scan fail.
		return c.ctx.Err()
	}
	slices.Sort(candidates)
	for _, name := range candidates {
		if referenced[name] {
			continue
		}
		r, err := c.v.blobs.Open(c.ctx, name)
		if errors.Is(err, blob.ErrNotFound) {
			continue // a failed attach removed it
		}
		if err == nil {
			r.Close()
		}
		c.add(service.ProblemOrphan, name, "no attachment refers to this blob file")
	}
	return nil
}
