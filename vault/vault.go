// Package vault is tvault's domain layer: an encrypted store of testimonies.
//
// # Guarantees
//
// No plaintext at rest: every testimony version is an age file encrypted to
// the vault's post-quantum recipient and the escrow recipients, with the
// record ID, version and SHA-256 of the canonical original bound inside the
// plaintext and checked on every read (see crypto/envelope). Every value in
// the store is sealed and bound to its key (below). The embedded store is
// encrypted again by Badger with another derived key.
//
// Writes are atomic: a put of many testimonies stores all or none. Stored
// versions are never changed; a replacement adds a version. Erase removes
// a record, a version or an attachment for good, from every file of the
// store it can purge (erase.go).
//
// The audit log authenticates the state: the entry of every write commits
// to a manifest of the keys it set, with their values' SHA-256, and
// deleted (audit/state.go), so that Check finds a key deleted, added or
// put back with an older value, which the sealed layer cannot see, and
// names it. Attachment metadata holds its blob's size and SHA-256, which
// Check verifies against the blob files.
//
// An older copy of the vault put back in place is refused at open
// (OpenWith, *RollbackError): every process that opens a vault keeps the
// latest checkpoint of its audit log outside the vault directory, after
// every write (see rollback.go).
//
// # Layout
//
// A vault directory (mode 0700) holds:
//
//	keyring.age   the sealed keyring (see crypto/keyring), mode 0600
//	db/           the Badger database
//	blobs/        attachment ciphertexts (age files) under random names
//
// An attach cut off by a crash leaves part of an age file in blobs/ under a
// temporary name; Open deletes it. (A crash in the moment between a blob's
// commit and its metadata's leaves a whole age file no attachment refers
// to: ciphertext, and never listed.)
//
// A vault can live in a PostgreSQL database instead, its keyring, store
// and blobs in the database's tables (home.go, package pgstore).
//
// Every value the vault and its audit log write goes through one sealed
// layer (vault/store/sealedstore) under a key derived with keys.Values:
// sealed with XChaCha20-Poly1305, bound to its storage key, so a value
// changed or moved in the database fails with an integrity error naming
// its key. Badger's own encryption (AES-CTR, no MAC) only hides it. The
// layer does not see a deleted value or an older one put back; Check
// does, from the audit log's manifests. The store
// keys, and what each holds inside that layer, are listed in schema.go.
//
// # Consent, researchers and domains
//
// Consent is enforced by the engine, not left to the policy: whatever the
// policy in force, a researcher uses only views that require research
// consent and only the operations of policy.ResearcherOperations, sees
// only testimonies with research consent, and is answered for one without
// it exactly as for a missing record; the audit log records the truth.
// Researchers work only in pseudonymisation domains granted to them
// (GrantDomain), where records are known by per-domain pseudonyms, with
// no case numbers and months for times, so that outputs of two domains
// share no reference to join on (domains.go).
//
// # Backups
//
// A backup (Backup) is one file:
//
//	tvault-backup/v1\n
//	record...
//
// A record is a kind byte, the length of its name (uint16, big-endian),
// the name, the length of its data (uint64, big-endian) and the data. The
// records come in this order, each kind once unless marked *:
//
//	K  name "keyring.age"  the sealed keyring file, as it is (at most 1 MiB)
//	C  name: verifier key  the signed checkpoint the backup ends at (64 KiB)
//	L  name ""             the audit log up to that checkpoint, an export
//	                       in the format of package audit (VerifyExport)
//	V* name: store key     the value, as the store holds it: still sealed
//	                       (sealedstore); keys strictly ascending
//	B* name: blob name     an attachment's blob (an age file); names
//	                       strictly ascending
//	E  name ""             SHA-256 of every byte of the file before this
//	                       record's data (32 bytes), then the file ends
//
// The keys and values are read in one snapshot of the store, the one the
// checkpoint and the log come from, and the blobs are those the
// attachments of that snapshot refer to. Nothing in a backup is
// plaintext: values and blobs are sealed or age files, the keyring is
// sealed under the passphrase, and audit entries hold no content.
//
// Without the passphrase, VerifyBackup checks the structure, the hash,
// the checkpoint's signature, the log against it and that the backup holds
// exactly the entries the checkpoint covers. What the values and blobs
// hold is authenticated by the seal and by the log's manifests, which
// only the passphrase opens: Check of the restored vault verifies them.
// The file's SHA-256 is not keyed: it finds damage, not forgery, which
// whoever can write the file can recompute; the signature, the seals and
// Check find that.
//
// # Key management
//
// Open needs the operator's passphrase to unseal the keyring; from the root
// secret in it, the storage and values keys and the MAC keys are derived
// (crypto/keys). ChangePassphrase seals the keyring again under another
// passphrase, replacing the file atomically (passphrase.go). The escrow
// set is a sealed value of the store, which an administrator changes
// without the passphrase; every change re-encrypts what is stored
// (escrow.go). Rekey moves the vault to a new generation of keys, and the
// log to a new signing key, resumably (rekey.go); the keys a rekey keeps
// (pseudonyms, tokens, Badger's) derive from the lineage secret
// (keyring.Keyring.LineageRoot).
package vault

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"golang.org/x/mod/sumdb/note"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

const (
	keyringFile = "keyring.age"
	dbDir       = "db"
	// restoredFile marks a directory that Restore made and that no
	// AcceptRollback has accepted yet (restoredCopy).
	restoredFile = "restored"
)

// Options configures Init.
type Options struct {
	// Escrow lists offline escrow recipients (age1pq1...). Every record is
	// also encrypted to them.
	Escrow []string
	// Witnesses lists directories, on another disk or a mounted share,
	// that keep the vault's latest checkpoint as the state directory does
	// (see rollback.go). Each must exist and take the first checkpoint.
	// The vault records them, and every later open uses them.
	Witnesses []string
	// Warn is OpenOptions.Warn, for the vault Init returns.
	Warn func(error)
	// AllowWeakPassphrase lets Init seal with a passphrase that
	// keyring.CheckStrength rates weak: for tests only.
	AllowWeakPassphrase bool
	// Operators, if set, are the age recipients (post-quantum or a
	// plugin's) the keyring is sealed to instead of a passphrase, so that
	// any Threshold of their identities open it and fewer do not
	// (keyring.SealOperators); Init's passphrase must then be empty.
	Operators []string
	Threshold int
}

// OpenOptions configures OpenWith.
type OpenOptions struct {
	// Warn receives the problems that do not stop the vault: a witness
	// that cannot be reached or written. If nil, they go to the standard
	// logger.
	Warn func(error)
	// Isolated, if set, is a directory that alone keeps and checks the
	// vault's checkpoint, instead of the state directory and the vault's
	// witnesses: for opening a copy (a restore drill) without moving the
	// checkpoint kept of the original, which the copy shares its identity
	// with, so that the original is not then refused as older.
	Isolated string
	// Identities open a keyring sealed to operators with the shares they
	// decrypt, and Shares with shares decrypted elsewhere (tvaultd's,
	// sent by each operator); the passphrase must then be empty.
	Identities []age.Identity
	Shares     [][]byte
	// Log receives the warnings and errors of the vault directory's
	// database (badgerstore.Options.Log; names of files, never content);
	// nil drops them: a command reports the errors it returns.
	Log *slog.Logger

	// unsealed is the keyring that RestoreOpen unsealed, used in place
	// of unsealing the same sealed bytes again.
	unsealed *unsealedKeyring
}

// Vault is an open, unsealed vault: the engine that implements the service
// contract over a store. Its methods are safe for concurrent use.
type Vault struct {
	// replaceKeyring replaces the sealed keyring where the vault keeps
	// it, atomically; nil for a vault made by New.
	replaceKeyring func(sealed []byte) error
	// keySealing is how the keyring is sealed: nil for a passphrase.
	keySealing atomic.Pointer[keySealing]
	// seal seals a keyring as the vault's is sealed, for a rekey to write
	// its generations (rekey.go); nil for a vault made by New. It holds
	// the passphrase, as the vault holds the secrets it unsealed.
	seal func(*keyring.Keyring) ([]byte, error)
	// home is the vault directory, whose keyring file Backup copies; ""
	// for a vault in a database or made by New.
	home  string
	blobs blob.Store
	// keys are the secrets; a rekey replaces them (secrets).
	keys atomic.Pointer[keyring.Keyring]
	// handed says that, during a rekey, the log has handed over to the
	// next generation's audit key (auditKey).
	handed atomic.Bool
	store  store.Store
	// raw is the store under the sealed layer, which Check asks to verify
	// its files if it can.
	raw store.Store
	// shared is raw if other processes may write it at once (a
	// database): the vault then reads the policy and the escrow set again
	// for every request (refresh), and checks in each write that encrypts
	// that the escrow set is still the one it encrypted to (sealing).
	shared store.Shared
	// sealMark is the store's seal mark when the vault was opened, for a
	// shared store (shared.go).
	sealMark []byte
	// refreshes numbers the refreshes begun, and refreshed is the number
	// of the last that installed what it read (refreshMu guards it).
	refreshes atomic.Int64
	refreshMu sync.Mutex
	refreshed int64
	// recips are the vault's recipient and the escrow set's, which every
	// new ciphertext is encrypted to; escrow is the set's strings. Writes
	// that encrypt hold recipsMu for reading from encryption to commit
	// (sealing), so that none commits to a set that a change replaced.
	recipsMu sync.RWMutex
	recips   []age.Recipient
	escrow   []string
	// escrowMu makes escrow changes and re-encryptions one at a time.
	escrowMu sync.Mutex
	audit    auditor
	pol      atomic.Pointer[inForce]
	// kept keeps the audit log's checkpoints outside the vault directory;
	// Open and Init set it before anyone else can use the vault, and nil
	// keeps nothing (New).
	kept *keeper
	// attaching counts the attaches under way, which have a blob that no
	// metadata refers to yet (Check).
	attaching atomic.Int64
	// reg is the registry as free text is searched for it (registry.go).
	reg registryCache
	// withdrawn keeps the persons' withdrawals of consent (consent.go).
	withdrawn withdrawnCache
	// committed holds the IDs of batch puts known to have committed
	// (batchCommitted).
	committed sync.Map
	// registryMu is held by a batch put from its first chunk to its
	// commit or sweep, and for reading by the other writes of records and
	// of the registry (writeRegistry).
	registryMu sync.RWMutex
	// derived holds the sub-keys derived so far (derive).
	derivedMu sync.Mutex
	derived   map[derivedLabel][]byte
	// creds is what the token check knows of every user, for a seal
	// when the store cannot be read (AuthenticateSeal).
	creds credentials

	closeOnce sync.Once
	closeErr  error
}

// Init creates a vault in dir, a directory that must not exist or be
// empty, or a database that holds no tvault data (home.go), sealed with
// passphrase or to opts.Operators, and returns it open. The audit log's first entry records
// the init by the context's actor. The first checkpoint is kept in the
// state directory and each witness directory, and Init fails if any of
// them cannot take it. The vault has every storage feature of this
// version (package format).
func Init(ctx context.Context, dir, passphrase string, opts Options) (*Vault, error) {
	return initFeatures(ctx, dir, passphrase, opts, format.Known)
}

// initFeatures is Init of a vault with the storage features fs: the
// tests make with fewer the vault of a version before them.
func initFeatures(ctx context.Context, dir, passphrase string, opts Options, fs []string) (*Vault, error) {
	e, err := newEntry(ctx, "init")
	if err != nil {
		return nil, err
	}
	if err := checkInitSealing(passphrase, opts); err != nil {
		return nil, err
	}
	witnesses, err := witnessDirs(opts.Witnesses)
	if err != nil {
		return nil, err
	}
	escrow, err := parseEscrowSet(opts.Escrow)
	if err != nil {
		return nil, err
	}
	k, err := newKeyring()
	if err != nil {
		return nil, err
	}
	// A witness that cannot take the first checkpoint fails the init.
	var witnessErr error
	kp, err := newKeeper(k.VaultID, "", witnesses, func(err error) { witnessErr = errors.Join(witnessErr, err) })
	if err != nil {
		return nil, err
	}
	sealed, sealing, err := sealInit(k, passphrase, opts)
	if err != nil {
		return nil, fmt.Errorf("failed to seal keyring: %w", err)
	}
	if sealing != nil {
		e.SetAttr("operators", fmt.Sprint(len(sealing.ops.Operators)))
		e.SetAttr("threshold", fmt.Sprint(sealing.ops.Threshold))
	}
	// The stores come first and the keyring last: a home with a keyring
	// is a complete vault, so a failed init leaves none behind.
	s, blobs, writeKeyring, err := createHome(ctx, dir, k, kp.stateDir)
	if err != nil {
		return nil, err
	}
	v, err := create(ctx, e, k, s, blobs, witnesses, escrow, fs)
	if err != nil {
		return nil, err
	}
	v.keySealing.Store(sealing)
	v.replaceKeyring = keyringReplacer(dir)
	v.seal = v.keyringSealer(passphrase)
	if !IsDatabase(dir) {
		v.home = dir
	}
	var cp []byte
	err = v.store.View(ctx, func(tx store.ReadTx) (err error) {
		cp, err = audit.Latest(tx)
		return err
	})
	if err == nil {
		err = kp.keep(cp)
	}
	if err = errors.Join(err, witnessErr); err != nil {
		v.Close()
		return nil, err
	}
	kp.warn = warnFunc(opts.Warn)
	v.kept = kp
	if err := writeKeyring(sealed); err != nil {
		v.Close()
		return nil, fmt.Errorf("failed to write keyring: %w", err)
	}
	if v.shared != nil {
		// A new vault has nothing to clean up.
		if err := v.shared.Share(ctx); err != nil {
			v.Close()
			return nil, fmt.Errorf("failed to open vault database: %w", err)
		}
	}
	return v, nil
}

// create returns a new vault over the new secrets k, raw and blobs (see
// New), its audit log begun with e, the init entry, which records the
// witness directories, the escrow set and the storage features fs with
// it. Init calls it on a new vault directory, the engine's tests on
// in-memory stores.
func create(ctx context.Context, e *audit.Entry, k *keyring.Keyring, raw store.Store, blobs blob.Store, witnesses []string, escrow []*age.HybridRecipient, fs []string) (*Vault, error) {
	v, err := New(k, raw, blobs)
	if err != nil {
		return nil, err
	}
	e.SetAttr("escrow", fmt.Sprint(len(escrow)))
	e.SetAttr("witnesses", fmt.Sprint(len(witnesses)))
	err = v.audit.Submit(ctx, e, func(tx store.Tx) error {
		if err := putJSON(tx, escrowKey, escrowStrings(escrow)); err != nil {
			return err
		}
		// A new vault's index is complete: it has no record.
		if err := putJSON(tx, searchVersionKey, searchVersion); err != nil {
			return err
		}
		for _, f := range fs {
			if err := format.Add(tx, f); err != nil {
				return err
			}
		}
		if len(witnesses) == 0 {
			return nil
		}
		raw, err := json.Marshal(witnesses)
		if err != nil {
			return err
		}
		return tx.Set(witnessKey, raw)
	})
	if err != nil {
		v.Close()
		return nil, fmt.Errorf("failed to start the audit log: %w", err)
	}
	v.setEscrow(escrow)
	return v, nil
}

func newKeyring() (*keyring.Keyring, error) {
	vid := make([]byte, 16)
	rand.Read(vid)
	g, err := newGeneration(hex.EncodeToString(vid))
	if err != nil {
		return nil, err
	}
	return &keyring.Keyring{VaultID: hex.EncodeToString(vid), Identity: g.Identity, Root: g.Root, AuditKey: g.AuditKey}, nil
}

// newGeneration returns new keys for the vault vaultID: a post-quantum
// identity, a root secret and an audit key named after the vault's log.
func newGeneration(vaultID string) (*keyring.Generation, error) {
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, err
	}
	g := &keyring.Generation{Identity: id, Root: make([]byte, keys.RootSize)}
	rand.Read(g.Root)
	if g.AuditKey, _, err = audit.GenerateKey("tvault/" + vaultID); err != nil {
		return nil, err
	}
	return g, nil
}

func makeVaultDir(dir string) error {
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		entries, rerr := os.ReadDir(dir)
		if rerr != nil {
			return fmt.Errorf("failed to create vault directory: %w", rerr)
		}
		if len(entries) > 0 {
			return fmt.Errorf("failed to create vault in %s: %w", dir, ErrExists)
		}
		err = os.Chmod(dir, 0o700)
	}
	if err != nil {
		return fmt.Errorf("failed to create vault directory: %w", err)
	}
	return nil
}

// Open is OpenWith without options.
func Open(dir, passphrase string) (*Vault, error) {
	return OpenWith(dir, passphrase, OpenOptions{})
}

// OpenWith unseals the vault in dir (a directory or a database, see
// home.go) with passphrase, and refuses it with a
// *RollbackError if its audit log does not extend a checkpoint of it kept
// in the state directory (StateDir) or a witness directory: an older copy
// of the vault put back (see rollback.go). Where the record of the
// database's tables kept in the state directory cannot vouch for them (the
// first open there, a crash, commits made by a process with another state
// directory, a restored database), it verifies the state against the
// audit log before anything is served, and refuses a vault whose state is
// not what its log says with an error wrapping store.ErrCorrupt (vouch);
// Badger has the database open for writing by then, and may have flushed
// what a crash left in its write-ahead log or compacted tables, which
// changes its files but not what they hold. It fails with
// ErrWrongPassphrase, ErrInUse or ErrNotVault where those apply, and
// otherwise changes nothing in the vault directory when it fails. A vault written
// before the audit log committed to what writes store gets one baseline
// entry that does (baseline.go); a failure to write it is a warning. A
// vault made before the search index, or with an older version of it, is
// indexed in one audited write (search.go); a failure to is a warning, and
// Search refuses until an open succeeds. A vault whose storage features
// (package format) include one this version does not know is refused
// with a *format.UnknownError before anything else reads it; one without
// a feature this version knows is read and written in the layout before
// it, until ApplyMigration adds it (features.go). An unfinished escrow
// re-encryption is reported to opts.Warn; a rekey cut off by a crash is
// finished (rekey.go), and said to opts.Warn, as is a failure to finish
// it.
func OpenWith(dir, passphrase string, opts OpenOptions) (*Vault, error) {
	v, err := unseal(dir, passphrase, opts, checkTables)
	if err != nil {
		return nil, err
	}
	// A newer tvault's layout, which this version would misread: named,
	// before the log's check would call it damage.
	if err := v.store.View(context.Background(), func(rtx store.ReadTx) error {
		_, err := format.Read(rtx)
		return err
	}); err != nil {
		v.Close()
		return nil, fmt.Errorf("failed to open vault: %w", err)
	}
	kp, refused, err := v.checkKept(opts, restoredCopy(dir, opts.Warn))
	if err == nil && len(refused) > 0 {
		err = refused[0]
	}
	// Tables other than those recorded at the last close: refused, as a
	// rollback where the log says it is one; otherwise the table comes
	// first, as what is damaged, and the log's check it fails after it.
	if serr := suspect(v.raw); serr != nil {
		switch {
		case err == nil:
			err = serr
		case errors.Is(err, store.ErrCorrupt) && !errors.As(err, new(*RollbackError)):
			err = fmt.Errorf("%w (and so the audit log fails its check: %v)", serr, err)
		}
	} else if why := unvouched(v.raw); err != nil && why != nil && errors.Is(err, store.ErrCorrupt) && !errors.As(err, new(*RollbackError)) {
		// The log fails its check on tables that no record vouches for:
		// what the record says of them names what may be damaged.
		err = fmt.Errorf("%w (the record of the database's tables could not vouch for them: %v)", err, why)
	}
	if err == nil {
		// Tables the record cannot vouch for: verified against the log
		// before anything is served or written.
		err = v.vouch(context.Background())
	}
	if err != nil {
		v.Close()
		return nil, err
	}
	v.kept = kp
	if err := v.cleanUp(warnFunc(opts.Warn)); err != nil {
		v.Close()
		return nil, fmt.Errorf("failed to open vault: %w", err)
	}
	// An erasure that a crash or a failure left unpurged: a failure
	// again is a warning, and the next open or erase tries again.
	if err := v.finishPendingErasures(context.Background()); err != nil {
		warnFunc(opts.Warn)(err)
	}
	// A vault written before the log committed to its writes: one
	// baseline entry, then every write is covered.
	if err := v.baseline(context.Background()); err != nil {
		warnFunc(opts.Warn)(err)
	}
	v.finishRekey(warnFunc(opts.Warn))
	// A rekey that could not finish has its own warning, and its own
	// re-encryption pending.
	if v.secrets().Next != nil {
		return v, nil
	}
	// A vault made before the search index, once (search.go).
	if err := v.buildSearch(context.Background()); err != nil {
		warnFunc(opts.Warn)(err)
	}
	if err := v.warnPending(warnFunc(opts.Warn)); err != nil {
		v.Close()
		return nil, fmt.Errorf("failed to open vault: %w", err)
	}
	return v, nil
}

// cleanUp removes what a crash left unfinished in the blob store, the
// blobs no attachment refers to, and the stage of a batch put a crash cut
// off, if no other process has the store open: Badger's lock on its
// directory says so, and a shared store held alone (store.Shared), which
// cleanUp then shares. With other processes, they may be attaches or
// batch puts under way, and are left for the next open alone. A batch's
// stage shows nothing, so a failure to sweep it is only warned of: the
// next open tries again.
func (v *Vault) cleanUp(warn func(error)) error {
	if v.shared != nil && !v.shared.Alone() {
		return nil
	}
	if _, err := v.blobs.Sweep(context.Background()); err != nil {
		return err
	}
	if _, err := v.removeOrphans(context.Background()); err != nil {
		return err
	}
	if err := v.sweepStaged(context.Background()); err != nil {
		warn(err)
	}
	if v.shared != nil {
		return v.shared.Share(context.Background())
	}
	return nil
}

// Probe reports what would make OpenWith fail whatever the passphrase,
// so that the CLI can say so before it asks for one: ErrNotVault for a
// directory that holds no vault, ErrInUse for a vault another process has
// open. It only looks: OpenWith may still find the vault in use. A vault
// in a database is never in use: several processes may open it.
func Probe(dir string) error {
	if IsDatabase(dir) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, keyringFile)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("failed to open vault %s: %w", dir, ErrNotVault)
	} else if err != nil {
		return fmt.Errorf("failed to open vault: %w", err)
	}
	if err := badgerstore.Probe(filepath.Join(dir, dbDir)); err != nil {
		return fmt.Errorf("failed to open vault database: %w", err)
	}
	return nil
}

// New returns a vault over the secrets of k, the store raw and the blob
// store blobs, which it owns from then on: Close closes raw, and so does a
// failing New. Every value the vault writes to raw, the audit log's
// included, goes through one sealed layer (package sealedstore) under a
// key derived from the root secret. Open and Init call New with the
// Badger store and the blob directory of a vault directory; the engine's
// tests call it with in-memory stores (memstore).
//
// During a rekey (k.Next set), the sealed layer opens values under either
// generation's key and seals under the next one's, and the log is signed
// by the next audit key once it has handed over to it (rekey.go).
func New(k *keyring.Keyring, raw store.Store, blobs blob.Store) (*Vault, error) {
	key, older := valuesKeys(k)
	s, err := sealedstore.New(raw, key, older...)
	if err != nil {
		raw.Close()
		return nil, err
	}
	v := &Vault{blobs: blobs, store: s, raw: raw}
	v.shared, _ = raw.(store.Shared)
	v.keys.Store(k)
	if k.Next != nil {
		err = s.View(context.Background(), func(tx store.ReadTx) error {
			vkey, err := verifierKey(k.Next.AuditKey)
			if err != nil {
				return err
			}
			handed, err := audit.Handed(tx, vkey)
			v.handed.Store(handed)
			return err
		})
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("failed to read the log's handovers: %w", err)
		}
	}
	signer, err := note.NewSigner(v.auditKey())
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("malformed audit key: %w", err)
	}
	v.audit = auditor{audit.NewBatcher(watchedStore{s, v}, signer, v.keep), v}
	if err := v.loadPolicy(context.Background()); err != nil {
		v.Close()
		return nil, err
	}
	if err := v.loadEscrow(context.Background()); err != nil {
		v.Close()
		return nil, err
	}
	if err := v.loadCredentials(context.Background()); err != nil {
		v.Close()
		return nil, err
	}
	if v.shared != nil {
		if err := v.loadSeal(context.Background()); err != nil {
			v.Close()
			return nil, fmt.Errorf("failed to read the seal mark: %w", err)
		}
	}
	return v, nil
}

// valuesKeys returns the key that the sealed layer seals under for k, and
// the one it also opens with during a rekey.
func valuesKeys(k *keyring.Keyring) (key []byte, older [][]byte) {
	if k.Next != nil {
		older = append(older, keys.Derive(k.Root, keys.Values))
	}
	return keys.Derive(k.Live().Root, keys.Values), older
}

// secrets returns the vault's keyring as it is in force.
func (v *Vault) secrets() *keyring.Keyring { return v.keys.Load() }

// derivedLabel is a root secret and the label of a key derived from it.
type derivedLabel struct {
	root  [keys.RootSize]byte
	label string
}

// maxDerived bounds the keys that derive keeps: labels include domain
// names that requests give (Reidentify), and a daemon runs for long.
const maxDerived = 64

// derive is keys.Derive(root, label), derived once per root and label
// while the vault is open (up to maxDerived of them): a batch put derived
// the blind index's and the pseudonyms' keys for every person (HKDF,
// about 2% of its CPU). The roots stay in memory as long anyway.
func (v *Vault) derive(root []byte, label string) []byte {
	dl := derivedLabel{[keys.RootSize]byte(root), label}
	v.derivedMu.Lock()
	defer v.derivedMu.Unlock()
	k, ok := v.derived[dl]
	if !ok {
		if v.derived == nil || len(v.derived) >= maxDerived {
			v.derived = make(map[derivedLabel][]byte)
		}
		k = keys.Derive(root, label)
		v.derived[dl] = k
	}
	return k
}

// auditKey returns the key that signs the log's checkpoints: during a
// rekey, the next generation's once the log has handed over to it.
func (v *Vault) auditKey() string {
	k := v.secrets()
	if k.Next != nil && v.handed.Load() {
		return k.Next.AuditKey
	}
	return k.AuditKey
}

// Recipient returns the vault's own age recipient (age1pq1...).
func (v *Vault) Recipient() string { return v.secrets().Live().Identity.Recipient().String() }

// Close flushes and closes the vault's store. Later calls return the
// first call's result, so callers can defer Close and still check it. It
// fails if the latest checkpoint could not be kept outside the vault.
func (v *Vault) Close() error {
	v.closeOnce.Do(func() {
		v.closeErr = errors.Join(v.audit.Close(), v.store.Close())
		v.PersonsChanged()
		v.creds.set(nil)
		// A sealed daemon keeps no key derived from the root secrets.
		v.derivedMu.Lock()
		v.derived = nil
		v.derivedMu.Unlock()
	})
	return v.closeErr
}

// warnFunc returns warn, or if it is nil a function that logs warnings
// with the standard logger.
func warnFunc(warn func(error)) func(error) {
	if warn != nil {
		return warn
	}
	return func(err error) { log.Printf("tvault: warning: %v", err) }
}

var _ service.Service = (*Vault)(nil)
