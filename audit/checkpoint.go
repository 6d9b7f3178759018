package audit

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
)

// maxCheckpointSize bounds a signed checkpoint: three short lines and a
// few signatures.
const maxCheckpointSize = 8 << 10

// emptyRoot is the root hash of the empty tree, the hash of the empty
// string (RFC 6962, section 2.1).
var emptyRoot tlog.Hash = sha256.Sum256(nil)

// A checkpoint is a parsed C2SP tlog-checkpoint.
type checkpoint struct {
	origin string
	tlog.Tree
	msg []byte // the signed note it came from
}

func formatCheckpoint(origin string, t tlog.Tree) string {
	return fmt.Sprintf("%s\n%d\n%s\n", origin, t.N, t.Hash)
}

// validOrigin accepts the origins that can also name a note key, since the
// log's key is named after the log.
func validOrigin(o string) bool {
	return o != "" && len(o) <= 256 && utf8.ValidString(o) &&
		strings.IndexFunc(o, unicode.IsSpace) < 0 && !strings.Contains(o, "+")
}

// parseCheckpointText parses a checkpoint body strictly. It rejects the
// optional extension lines of C2SP, which tvault never writes.
func parseCheckpointText(text string) (*checkpoint, error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) != 4 || lines[3] != "" {
		return nil, errors.New("malformed checkpoint: want three lines")
	}
	c := &checkpoint{origin: lines[0]}
	if !validOrigin(c.origin) {
		return nil, fmt.Errorf("malformed checkpoint: origin %q", c.origin)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != lines[1] {
		return nil, fmt.Errorf("malformed checkpoint: size %q", lines[1])
	}
	h, err := tlog.ParseHash(lines[2])
	if err != nil || h.String() != lines[2] {
		return nil, fmt.Errorf("malformed checkpoint: root hash %q", lines[2])
	}
	c.Tree = tlog.Tree{N: n, Hash: h}
	return c, nil
}

// openCheckpoint parses msg and checks that v signed it for v's log.
func openCheckpoint(msg []byte, v note.Verifier) (*checkpoint, error) {
	if len(msg) > maxCheckpointSize {
		return nil, errors.New("malformed checkpoint: too long")
	}
	n, err := note.Open(msg, note.VerifierList(v))
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	switch {
	case errors.As(err, &unverified):
		// Say which log it is from, if it is from another one: that
		// explains why v's key did not sign it.
		c, perr := parseCheckpointText(unverified.Note.Text)
		if perr != nil {
			return nil, perr
		}
		if c.origin != v.Name() {
			return nil, fmt.Errorf("%w: %s, not %s", ErrOtherLog, c.origin, v.Name())
		}
		return nil, fmt.Errorf("%w: no signature by key %s+%08x", ErrBadSignature, v.Name(), v.KeyHash())
	case errors.As(err, &invalid):
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	case err != nil:
		return nil, fmt.Errorf("malformed checkpoint: %v", err)
	}
	c, err := parseCheckpointText(n.Text)
	if err != nil {
		return nil, err
	}
	if c.origin != v.Name() {
		return nil, fmt.Errorf("%w: %s, not %s", ErrOtherLog, c.origin, v.Name())
	}
	c.msg = msg
	return c, nil
}

// readCheckpoint parses msg without checking its signature, for the
// vault's own use: it decides what to sign or prove, never what to trust.
func readCheckpoint(msg []byte) (*checkpoint, error) {
	if len(msg) > maxCheckpointSize {
		return nil, errors.New("malformed checkpoint: too long")
	}
	_, err := note.Open(msg, nil)
	var unverified *note.UnverifiedNoteError
	if !errors.As(err, &unverified) {
		return nil, fmt.Errorf("malformed checkpoint: %v", err)
	}
	c, err := parseCheckpointText(unverified.Note.Text)
	if err != nil {
		return nil, err
	}
	c.msg = msg
	return c, nil
}

// CheckpointSize returns the number of entries that checkpoint msg
// commits to. It checks that msg is a well-formed checkpoint signed note,
// not its signature: it is for checking input before it is verified.
func CheckpointSize(msg []byte) (int64, error) {
	c, err := readCheckpoint(msg)
	if err != nil {
		return 0, err
	}
	return c.N, nil
}

// storedCheckpoint returns the latest checkpoint that SignCheckpoint
// stored, unverified, or ErrNoCheckpoint.
func storedCheckpoint(rtx store.ReadTx) (*checkpoint, error) {
	msg, err := rtx.Get([]byte(checkpointKey))
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoCheckpoint
	}
	if err != nil {
		return nil, err
	}
	c, err := readCheckpoint(msg)
	if err != nil {
		return nil, corrupt("stored checkpoint: %v", err)
	}
	return c, nil
}

// Latest returns the latest signed checkpoint stored in rtx, unverified,
// or ErrNoCheckpoint.
func Latest(rtx store.ReadTx) ([]byte, error) {
	c, err := storedCheckpoint(rtx)
	if err != nil {
		return nil, err
	}
	return c.msg, nil
}

// OpenCheckpoint checks that msg is a checkpoint of verifier's log signed
// by verifier, and returns its tree. It fails with ErrOtherLog,
// ErrBadSignature or an error saying how msg is malformed.
func OpenCheckpoint(msg []byte, verifier note.Verifier) (tlog.Tree, error) {
	c, err := openCheckpoint(msg, verifier)
	if err != nil {
		return tlog.Tree{}, err
	}
	return c.Tree, nil
}

// Extends checks that the log in rtx extends kept, the tree of a
// checkpoint of the same log seen earlier (OpenCheckpoint): that the log
// has at least kept.N entries and that the first kept.N hash to kept's
// root. It returns the log's size. A shorter log fails with ErrLogOlder,
// one whose first entries hash to another root with ErrInconsistent.
//
// It reads O(log n) of the stored hashes and none of the entries, so that
// a vault can check it at every open, as the go command checks the
// checksum database against the latest tree it saw; VerifyStoredAgainst
// also checks the entries against those hashes.
func Extends(rtx store.ReadTx, kept tlog.Tree) (int64, error) {
	n, err := Size(rtx)
	if err != nil {
		return 0, err
	}
	if kept.N > n {
		return n, olderError(n, kept.N)
	}
	h, err := tlog.TreeHash(kept.N, hashReader{rtx, n})
	if err != nil {
		return n, err
	}
	if h != kept.Hash {
		return n, fmt.Errorf("%w of size %d: the first %d entries hash to another root", ErrInconsistent, kept.N, kept.N)
	}
	return n, nil
}

// GenerateKey returns a new signed-note Ed25519 key pair for the log named
// origin, such as "tvault/<vault ID>". The keys are named after the log.
func GenerateKey(origin string) (skey, vkey string, err error) {
	if !validOrigin(origin) {
		return "", "", fmt.Errorf("invalid log origin %q", origin)
	}
	return note.GenerateKey(rand.Reader, origin)
}

// SignCheckpoint signs a checkpoint of the log's current tree, stores it in
// tx as the latest one and returns it as a signed note. The signer must be
// named origin.
//
// It never signs two checkpoints that contradict each other: it first
// proves from the stored hashes that the current tree extends the latest
// stored checkpoint, and fails with ErrLogOlder, ErrInconsistent or
// ErrOtherLog if it does not (the store was rolled back or rewritten).
func SignCheckpoint(tx store.Tx, signer note.Signer, origin string) ([]byte, error) {
	if signer.Name() != origin {
		return nil, fmt.Errorf("key %s cannot sign for log %s", signer.Name(), origin)
	}
	n, err := Size(tx)
	if err != nil {
		return nil, err
	}
	root, err := tlog.TreeHash(n, hashReader{tx, n})
	if err != nil {
		return nil, err
	}
	old, err := storedCheckpoint(tx)
	switch {
	case errors.Is(err, ErrNoCheckpoint):
	case err != nil:
		return nil, err
	default:
		if _, err := proveExtends(tx, old, origin, n, root); err != nil {
			return nil, fmt.Errorf("refusing to sign checkpoint: %w", err)
		}
	}
	msg, err := note.Sign(&note.Note{Text: formatCheckpoint(origin, tlog.Tree{N: n, Hash: root})}, signer)
	if err != nil {
		return nil, err
	}
	if err := tx.Set([]byte(checkpointKey), msg); err != nil {
		return nil, err
	}
	return msg, nil
}
