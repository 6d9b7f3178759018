package vault

// Backup, VerifyBackup and Restore: the format is in the package doc
// (vault.go, "Backups").

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/blob/fsblob"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

const backupHeader = "tvault-backup/v1\n"

// Record kinds of a backup, in the order they come.
const (
	recKeyring    = 'K'
	recCheckpoint = 'C'
	recLog        = 'L'
	recValue      = 'V'
	recBlob       = 'B'
	recEnd        = 'E'
)

// Limits of a backup's records beyond the store's.
const (
	maxKeyringSize    = 1 << 20
	maxCheckpointSize = 64 << 10
	// restoreBatch is how many bytes of values a copy into a store
	// without a bulk loader commits in one transaction.
	restoreBatch = 4 << 20
)

// ErrBadBackup is wrapped by the errors of VerifyBackup and Restore for
// a file that is not a whole, unchanged backup.
var ErrBadBackup = errors.New("not a whole tvault backup")

// BackupReport is what VerifyBackup established.
type BackupReport struct {
	// VerifierKey is the key of the log's checkpoints; Checkpoint the one
	// the backup ends at, which covers Entries entries.
	VerifierKey string
	Checkpoint  []byte
	Entries     int64
	// Keys is the number of store values, Blobs and BlobBytes those of
	// the blobs.
	Keys, Blobs, BlobBytes int64
}

// Backup writes a backup of the vault to w, in the format of the package
// doc. It reads one snapshot, so it runs while the vault serves; it holds
// a blob's name per attachment in memory, never a whole value or blob. It
// is audited as "backup" before anything is written, and the backup
// holds its own entry. A vault in a database is backed up as a directory
// is, its keyring read from the database; it is restored as a directory
// (Restore).
func (v *Vault) Backup(ctx context.Context, w io.Writer) error {
	_, err := v.backup(ctx, w, "backup", nil)
	return err
}

// backup is Backup audited as action, with attrs in its entry.
func (v *Vault) backup(ctx context.Context, w io.Writer, action string, attrs map[string]string) (*BackupReport, error) {
	return do(ctx, v, action, nil, func(o *op) (*BackupReport, error) {
		sealed, err := v.sealedKeyring(ctx)
		if err != nil {
			return nil, fmt.Errorf("failed to read keyring: %w", err)
		}
		vkey, err := verifierKey(v.auditKey())
		if err != nil {
			return nil, err
		}
		for k, a := range attrs {
			o.attr(k, a)
		}
		if err := o.commit(); err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		h := sha256.New()
		bk := &backupWriter{w: io.MultiWriter(bw, h)}
		rep := &BackupReport{VerifierKey: vkey}
		err = v.store.View(ctx, func(tx store.ReadTx) error {
			raw, ok := sealedstore.Inner(tx)
			if !ok {
				return errors.New("backup needs the vault's sealed store")
			}
			if rep.Checkpoint, err = audit.Latest(tx); err != nil {
				return err
			}
			if rep.Entries, err = audit.CheckpointSize(rep.Checkpoint); err != nil {
				return err
			}
			var blobs []string
			err := tx.Scan([]byte("att/"), func(_, value []byte) error {
				var m attachmentMeta
				if err := json.Unmarshal(value, &m); err != nil {
					return fmt.Errorf("malformed attachment metadata: %w", err)
				}
				blobs = append(blobs, m.Blob)
				return nil
			})
			if err != nil {
				return err
			}
			slices.Sort(blobs)
			blobs = slices.Compact(blobs)

			io.WriteString(bk.w, backupHeader)
			bk.record(recKeyring, keyringFile, sealed)
			bk.record(recCheckpoint, vkey, rep.Checkpoint)
			// The log's export is written twice, the first time only to
			// learn its length, so that it is never whole in memory.
			var n countWriter
			if err := audit.Export(tx, &n); err != nil {
				return err
			}
			bk.head(recLog, "", n.n)
			if err := audit.Export(tx, bk.w); err != nil {
				return err
			}
			err = raw.Scan(nil, func(key, value []byte) error {
				bk.record(recValue, string(key), value)
				rep.Keys++
				return bk.err
			})
			if err != nil {
				return err
			}
			for _, name := range blobs {
				if err := bk.blob(ctx, v.blobs, name); err != nil {
					return err
				}
				rep.Blobs++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		bk.head(recEnd, "", sha256.Size)
		bk.write(h.Sum(nil))
		if bk.err != nil {
			return nil, bk.err
		}
		if err := bw.Flush(); err != nil {
			return nil, err
		}
		return rep, nil
	})
}

// backupWriter writes records, keeping the first error.
type backupWriter struct {
	w   io.Writer
	err error
}

func (b *backupWriter) write(p []byte) {
	if b.err == nil {
		_, b.err = b.w.Write(p)
	}
}

func (b *backupWriter) head(kind byte, name string, size int64) {
	p := append([]byte{kind}, binary.BigEndian.AppendUint16(nil, uint16(len(name)))...)
	p = append(p, name...)
	b.write(binary.BigEndian.AppendUint64(p, uint64(size)))
}

func (b *backupWriter) record(kind byte, name string, data []byte) {
	b.head(kind, name, int64(len(data)))
	b.write(data)
}

// blob streams the blob name from s.
func (b *backupWriter) blob(ctx context.Context, s blob.Store, name string) error {
	r, err := s.Open(ctx, name)
	if err != nil {
		return fmt.Errorf("blob %s: %w", name, err)
	}
	defer r.Close()
	b.head(recBlob, name, r.Size())
	if b.err != nil {
		return b.err
	}
	n, err := io.Copy(b.w, io.LimitReader(r, r.Size()))
	if err == nil && n != r.Size() {
		err = fmt.Errorf("blob %s: %d bytes, not the %d it had at open", name, n, r.Size())
	}
	return err
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// VerifyBackup checks the backup read from r without restoring it: its
// structure and hash, the checkpoint's signature under verifierKey, the
// log in it against that checkpoint and, if old is not nil, that it
// extends old, a checkpoint kept earlier (audit.VerifyExport), and that
// it holds exactly the entries the checkpoint covers. An empty
// verifierKey takes the one in the file, which proves only that the file
// is consistent: an auditor gives the key kept from the vault. A damaged
// or cut file fails with an error wrapping ErrBadBackup, or the audit
// package's errors for the log.
func VerifyBackup(r io.Reader, verifierKey string, old []byte) (*BackupReport, error) {
	rep, _, err := readBackup(r, verifierKey, old, backupSink{})
	return rep, err
}

// backupSink receives what a reading of a backup finds; nil functions
// discard it.
type backupSink struct {
	value func(key, value []byte) error
	blob  func(name string, r io.Reader) error
}

// readBackup reads a backup, passing values and blobs to sink, and
// returns the report and the sealed keyring. Values and blobs reach sink
// before the file's hash is checked: Restore verifies a file first.
func readBackup(r io.Reader, verifierKey string, old []byte, sink backupSink) (*BackupReport, []byte, error) {
	h := sha256.New()
	br := &backupReader{r: bufio.NewReaderSize(r, 64<<10), h: h}
	head := make([]byte, len(backupHeader))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != backupHeader {
		return nil, nil, fmt.Errorf("%w: no %q header", ErrBadBackup, strings.TrimSpace(backupHeader))
	}
	var sealed []byte
	rep := &BackupReport{}
	var lastKey, lastBlob string
	entries := int64(0)
	seen := byte(0)
	for {
		kind, name, size, err := br.head()
		if err != nil {
			return nil, nil, err
		}
		if !backupOrder(seen, kind) {
			return nil, nil, br.bad("record %q after %q", kind, seen)
		}
		seen = kind
		switch kind {
		case recKeyring:
			if name != keyringFile {
				return nil, nil, br.bad("keyring named %q", name)
			}
			if sealed, err = br.data(size, maxKeyringSize); err != nil {
				return nil, nil, err
			}
		case recCheckpoint:
			if rep.Checkpoint, err = br.data(size, maxCheckpointSize); err != nil {
				return nil, nil, err
			}
			rep.VerifierKey = name
			if verifierKey == "" {
				verifierKey = name
			}
		case recLog:
			lr := &io.LimitedReader{R: br, N: size}
			ar, err := audit.VerifyExport(lr, verifierKey, old)
			if err != nil {
				if lr.N > 0 || errors.Is(err, io.ErrUnexpectedEOF) {
					return nil, nil, br.bad("the audit log: %v", err)
				}
				return nil, nil, fmt.Errorf("the backup's audit log: %w", err)
			}
			if _, err := io.Copy(io.Discard, lr); err != nil || lr.N > 0 {
				return nil, nil, br.bad("the audit log is cut")
			}
			if !bytes.Equal(ar.Checkpoint, rep.Checkpoint) {
				return nil, nil, br.bad("the checkpoint is not the audit log's")
			}
			rep.Entries = ar.CheckpointSize
		case recValue:
			if lastKey != "" && name <= lastKey || name == "" {
				return nil, nil, br.bad("key %q out of order", name)
			}
			lastKey = name
			value, err := br.data(size, store.MaxValueSize)
			if err != nil {
				return nil, nil, err
			}
			entries += audit.EntriesUnder([]byte(name))
			rep.Keys++
			if sink.value != nil {
				if err := sink.value([]byte(name), value); err != nil {
					return nil, nil, err
				}
			}
		case recBlob:
			if err := blob.CheckName(name); err != nil || name <= lastBlob {
				return nil, nil, br.bad("blob %q out of order or misnamed", name)
			}
			lastBlob = name
			lr := &io.LimitedReader{R: br, N: size}
			if sink.blob != nil {
				if err := sink.blob(name, lr); err != nil {
					return nil, nil, err
				}
			}
			if _, err := io.Copy(io.Discard, lr); err != nil || lr.N > 0 {
				return nil, nil, br.bad("blob %s is cut", name)
			}
			rep.Blobs++
			rep.BlobBytes += size
		case recEnd:
			sum := h.Sum(nil)
			got, err := br.data(size, sha256.Size)
			if err != nil {
				return nil, nil, err
			}
			if !bytes.Equal(got, sum) {
				return nil, nil, br.bad("the file's SHA-256 does not match: it was changed")
			}
			if _, err := br.r.ReadByte(); err != io.EOF {
				return nil, nil, br.bad("data after the end")
			}
			if entries != rep.Entries {
				return nil, nil, br.bad("%d audit entries stored, the checkpoint covers %d", entries, rep.Entries)
			}
			return rep, sealed, nil
		}
	}
}

// backupOrder reports whether a record of kind may follow one of prev
// (0 at the start).
func backupOrder(prev, kind byte) bool {
	switch kind {
	case recKeyring:
		return prev == 0
	case recCheckpoint:
		return prev == recKeyring
	case recLog:
		return prev == recCheckpoint
	case recValue:
		return prev == recLog || prev == recValue
	case recBlob:
		return prev == recValue || prev == recBlob
	case recEnd:
		return prev == recValue || prev == recBlob
	}
	return false
}

// backupReader reads a backup, hashing what it reads and counting bytes
// for errors.
type backupReader struct {
	r   *bufio.Reader
	h   hash.Hash
	off int64
}

func (b *backupReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.h.Write(p[:n])
	b.off += int64(n)
	return n, err
}

func (b *backupReader) bad(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrBadBackup, b.off, fmt.Sprintf(format, args...))
}

func (b *backupReader) head() (kind byte, name string, size int64, err error) {
	var fixed [3]byte
	if _, err := io.ReadFull(b, fixed[:]); err != nil {
		return 0, "", 0, b.bad("the file is cut")
	}
	nb := make([]byte, binary.BigEndian.Uint16(fixed[1:]))
	if len(nb) > store.MaxKeySize {
		return 0, "", 0, b.bad("a name of %d bytes", len(nb))
	}
	var sz [8]byte
	if _, err := io.ReadFull(b, nb); err != nil {
		return 0, "", 0, b.bad("the file is cut")
	}
	if _, err := io.ReadFull(b, sz[:]); err != nil {
		return 0, "", 0, b.bad("the file is cut")
	}
	size = int64(binary.BigEndian.Uint64(sz[:]))
	if size < 0 {
		return 0, "", 0, b.bad("a record of %d bytes", uint64(size))
	}
	return fixed[0], string(nb), size, nil
}

func (b *backupReader) data(size int64, max int) ([]byte, error) {
	if size > int64(max) {
		return nil, b.bad("a record of %d bytes, more than %d", size, max)
	}
	p := make([]byte, size)
	if _, err := io.ReadFull(b, p); err != nil {
		return nil, b.bad("the file is cut")
	}
	return p, nil
}

// Restore writes the vault of the backup in file into dir, which must not
// exist, and returns the backup's report. It verifies the whole file
// first (VerifyBackup, with the key in the file) and opens its keyring
// with passphrase, and creates nothing if either fails; a failure while
// it writes (the file changed since, a full disk) removes dir. The
// restored vault is then opened as any other (OpenWith), which refuses
// it if it is older than a checkpoint of the vault kept in the state
// directory (AcceptRollback), and checked (Check, with ReadData).
func Restore(ctx context.Context, file, dir, passphrase string) (*BackupReport, error) {
	return RestoreWith(ctx, file, dir, passphrase, OpenOptions{})
}

// RestoreWith is Restore for a backup whose keyring may be sealed to
// operators: it opens the keyring with passphrase, or with
// opts.Identities or opts.Shares (OpenWith); the other options are not
// used.
func RestoreWith(ctx context.Context, file, dir, passphrase string, opts OpenOptions) (*BackupReport, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return RestoreFile(ctx, f, dir, passphrase, opts)
}

// RestoreFile is RestoreWith from f, open at its start, which it reads
// twice (to verify, then to write), seeking back in between: a caller may
// watch f's offset to show progress.
func RestoreFile(ctx context.Context, f *os.File, dir, passphrase string, opts OpenOptions) (*BackupReport, error) {
	rep, _, err := restoreFile(ctx, f, dir, passphrase, opts)
	return rep, err
}

// RestoreOpen is RestoreFile, then OpenWith(dir, passphrase, opts) of
// the restored vault, which it opens with the keyring it unsealed to
// restore if the keyring file written is still those bytes: one unseal
// of the keyring, whose scrypt takes 256 MiB, not two. If the open fails,
// dir is left as written.
func RestoreOpen(ctx context.Context, f *os.File, dir, passphrase string, opts OpenOptions) (*Vault, *BackupReport, error) {
	rep, u, err := restoreFile(ctx, f, dir, passphrase, opts)
	if err != nil {
		return nil, nil, err
	}
	opts.unsealed = u
	v, err := OpenWith(dir, passphrase, opts)
	if err != nil {
		return nil, nil, err
	}
	return v, rep, nil
}

// restoreFile is RestoreFile, which also returns the keyring it unsealed.
func restoreFile(ctx context.Context, f *os.File, dir, passphrase string, opts OpenOptions) (*BackupReport, *unsealedKeyring, error) {
	rep, sealed, err := readBackup(f, "", nil, backupSink{})
	if err != nil {
		return nil, nil, err
	}
	k, sealing, err := openKeyring(sealed, passphrase, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("failed to unseal the backup's keyring: %w", err)
	}
	if rep.VerifierKey != "" && !strings.HasPrefix(rep.VerifierKey, "tvault/"+k.VaultID+"+") {
		return nil, nil, fmt.Errorf("%w: the checkpoint's key %q is not the keyring's vault's", ErrBadBackup, rep.VerifierKey)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("failed to create vault directory: %w", err)
	}
	if err := restoreInto(ctx, f, dir, k, sealed); err != nil {
		return nil, nil, errors.Join(err, os.RemoveAll(dir))
	}
	return rep, &unsealedKeyring{sealed: sealed, k: k, sealing: sealing}, nil
}

// restoreInto writes the backup read from r into the new directory dir.
func restoreInto(ctx context.Context, r io.Reader, dir string, k *keyring.Keyring, sealed []byte) error {
	s, err := badgerstore.OpenWith(filepath.Join(dir, dbDir), keys.Derive(k.LineageRoot(), keys.Storage), badgerstore.Options{Load: true})
	if err != nil {
		return fmt.Errorf("failed to create database: %w", err)
	}
	if err := os.Mkdir(filepath.Join(dir, blobDir), 0o700); err != nil {
		return errors.Join(err, s.Close())
	}
	_, _, err = copyBackup(ctx, r, s, fsblob.New(filepath.Join(dir, blobDir)))
	if err = errors.Join(err, s.Close()); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, restoredFile), []byte("restored from a backup, not accepted: tvault help restore\n")); err != nil {
		return err
	}
	// The keyring last: a directory with a keyring is a whole vault.
	return atomicfile.WriteFile(filepath.Join(dir, keyringFile), sealed)
}

// copyBackup writes the values and blobs of the backup read from r into
// the empty stores raw and blobs, through newLoader, streaming each blob
// under its name, and returns what readBackup does.
func copyBackup(ctx context.Context, r io.Reader, raw store.Store, blobs blob.Store) (*BackupReport, []byte, error) {
	l, err := newLoader(ctx, raw)
	if err != nil {
		return nil, nil, err
	}
	rep, sealed, err := readBackup(r, "", nil, backupSink{
		value: l.Set,
		blob: func(name string, r io.Reader) error {
			return blob.Copy(ctx, blobs, name, r)
		},
	})
	if err == nil {
		err = l.Close()
	} else {
		l.Cancel()
	}
	if err != nil {
		return nil, nil, err
	}
	return rep, sealed, nil
}

// A loader fills a new, empty store with values given in ascending key
// order (readBackup checks the order); Close makes them durable.
type loader interface {
	Set(key, value []byte) error
	Close() error
	Cancel()
}

// newLoader returns the loader for raw: Badger's, which builds the tables
// directly in memory that does not grow with the vault (transactions
// would fill its memtable), or else one that commits restoreBatch bytes
// of values per transaction.
func newLoader(ctx context.Context, raw store.Store) (loader, error) {
	if s, ok := raw.(*badgerstore.Store); ok {
		return s.Load()
	}
	return &txLoader{ctx: ctx, raw: raw}, nil
}

// txLoader is a loader through the store contract's transactions.
type txLoader struct {
	ctx   context.Context
	raw   store.Store
	batch [][2][]byte
	size  int
}

func (l *txLoader) Set(key, value []byte) error {
	l.batch = append(l.batch, [2][]byte{key, value})
	if l.size += len(key) + len(value); l.size >= restoreBatch {
		return l.flush()
	}
	return nil
}

func (l *txLoader) flush() error {
	err := l.raw.Update(l.ctx, func(tx store.Tx) error {
		for _, e := range l.batch {
			if err := tx.Set(e[0], e[1]); err != nil {
				return err
			}
		}
		return nil
	})
	l.batch, l.size = l.batch[:0], 0
	return err
}

func (l *txLoader) Close() error {
	if len(l.batch) == 0 {
		return nil
	}
	return l.flush()
}

// Cancel drops what is not committed: the caller removes the store.
func (l *txLoader) Cancel() { l.batch = nil }
