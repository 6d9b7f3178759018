// Package keyring seals and opens a vault's keyring.
//
// # Format
//
// A sealed keyring is an age file encrypted to one age scrypt recipient,
// the operator's passphrase, so that the stock age CLI can open it
// (age -d keyring.age). Seal writes it ASCII-armored at work factor 18,
// age's default; Open reads it armored or binary, so a keyring re-encrypted
// with age -p, with or without -a, opens as well. Its plaintext is a
// strict, canonical text, versioned by its first line:
//
//	tvault-keyring/v2
//	vault <vault ID>
//	identity <AGE-SECRET-KEY-PQ-1...>
//	root <32-byte root secret, standard base64>
//	audit-key <signed-note Ed25519 private key>
//
// Every line ends in a newline and nothing else may follow. Parse rejects
// anything else, including reordered or repeated lines.
//
// Version 3, which Marshal writes for a vault that has been rekeyed or is
// being rekeyed, is version 2 with "tvault-keyring/v3" first and then
//
//	lineage <32-byte secret, standard base64>
//	next-identity <AGE-SECRET-KEY-PQ-1...>   only while a rekey is under way,
//	next-root <standard base64>              these three together
//	next-audit-key <signed-note Ed25519 private key>
//
// The lineage is the root secret of the vault's first generation: the keys
// that a rekey keeps are derived from it (Keyring.LineageRoot). The next
// generation is the one a rekey moves to; it is written before the rekey
// changes anything and dropped, promoted to the current one, at its end
// (package vault). A keyring that needs neither is written as version 2.
//
// Version 1, which Seal no longer writes and Parse still reads, is the same
// with "tvault-keyring/v1" first and then zero or more lines
//
//	escrow <age1pq1... recipient>
//
// the escrow recipients given at init. Since version 2 the vault keeps its
// escrow set in its sealed store, where an administrator can change it
// without the passphrase (package vault); a vault opened with a version 1
// keyring takes the set from it until the set is first changed.
//
// The version describes the plaintext; how it is sealed is told by the
// sealed form's start: an age file (one scrypt stanza: a passphrase,
// Seal and Open), or "tvault-keyring-operators/v1" (shares of K of N
// operators, SealOperators and ReadOperators in operators.go), both
// sealing the same plaintext.
//
// # Cost
//
// The scrypt is age's own (age.NewScryptRecipient, age.NewScryptIdentity).
// At work factor 18 it holds a table of 256 MiB (N = 2^18 blocks of 1 KiB)
// for about half a second, once per Seal or Open. That is a fixed cost of
// unsealing, paid before any data is read, and tvault's memory targets do
// not count it: they bound the memory that grows with the data (a file, a
// batch, an export), above the process's peak at open. Open accepts work
// factors up to 22, age's default limit (4 GiB, about 15 s), and refuses
// larger ones before computing anything.
//
// # Guarantees
//
// The secrets are sealed together under the passphrase. Escrow
// recipients (ParseEscrow) are post-quantum hybrid (age1pq1...): age
// refuses to mix them with classic X25519 recipients in one file, and a
// classic recipient would leave records open to a future quantum attacker.
//
// CheckStrength rates a new passphrase (strength.go); Seal does not call
// it, so that a keyring can always be sealed again under the passphrase
// it has.
package keyring

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/tvault/tvault/crypto/keys"
)

const (
	header   = "tvault-keyring/v2"
	headerV1 = "tvault-keyring/v1"
	headerV3 = "tvault-keyring/v3"
)

// maxSealedSize bounds what Open reads; a keyring is a few KiB.
const maxSealedSize = 64 << 10

// workFactor is the scrypt work factor (log2 of N) Seal uses, age's
// default; maxWorkFactor is the largest Open accepts, age's default limit.
const (
	workFactor    = 18
	maxWorkFactor = 22
)

// ErrWrongPassphrase is returned by Open when the passphrase does not open
// the keyring.
var ErrWrongPassphrase = errors.New("incorrect passphrase")

// ErrMalformed is wrapped by the errors of a keyring file that does not
// decrypt under the right passphrase or does not parse: a damaged file.
var ErrMalformed = errors.New("malformed keyring")

// Keyring holds a vault's secrets.
type Keyring struct {
	VaultID  string
	Identity *age.HybridIdentity
	Root     []byte
	AuditKey string
	// EscrowV1 holds the escrow recipients of a version 1 keyring; it is
	// empty for version 2, which Marshal writes and which has none.
	EscrowV1 []*age.HybridRecipient
	// Lineage is the root secret of the vault's first generation, which a
	// rekey keeps; nil for a vault never rekeyed, whose Root it is.
	Lineage []byte
	// Next is the generation a rekey under way moves to, nil if none is.
	Next *Generation
}

// A Generation is a set of the keys that a rekey replaces.
type Generation struct {
	Identity *age.HybridIdentity
	Root     []byte
	AuditKey string
}

// Current returns the keyring's current generation.
func (k *Keyring) Current() Generation {
	return Generation{Identity: k.Identity, Root: k.Root, AuditKey: k.AuditKey}
}

// Live returns the generation that new writes use: the next one while a
// rekey is under way, else the current one.
func (k *Keyring) Live() Generation {
	if k.Next != nil {
		return *k.Next
	}
	return k.Current()
}

// LineageRoot returns the secret that the keys a rekey keeps are derived
// from: Lineage, or Root for a vault never rekeyed.
func (k *Keyring) LineageRoot() []byte {
	if k.Lineage != nil {
		return k.Lineage
	}
	return k.Root
}

// Identities returns the identities that open what the vault stores: the
// live one first, then, while a rekey is under way, the current one.
func (k *Keyring) Identities() []age.Identity {
	if k.Next != nil {
		return []age.Identity{k.Next.Identity, k.Identity}
	}
	return []age.Identity{k.Identity}
}

// Promoted returns the keyring that a finished rekey leaves: the next
// generation current, the lineage kept, no next generation. It panics if
// k has no next generation.
func (k *Keyring) Promoted() *Keyring {
	return &Keyring{VaultID: k.VaultID, Identity: k.Next.Identity, Root: k.Next.Root,
		AuditKey: k.Next.AuditKey, Lineage: k.LineageRoot()}
}

// ErrEscrowInKeyring is returned by Marshal and Seal for a keyring with
// EscrowV1 recipients, which version 2 cannot hold: writing it would drop
// them silently.
var ErrEscrowInKeyring = errors.New("a version 2 keyring holds no escrow recipients")

// Marshal returns the keyring's canonical plaintext: version 3 if it has
// a lineage or a next generation, else version 2.
func (k *Keyring) Marshal() ([]byte, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if len(k.EscrowV1) > 0 {
		return nil, ErrEscrowInKeyring
	}
	h := header
	if k.Lineage != nil || k.Next != nil {
		h = headerV3
	}
	b64 := base64.StdEncoding.EncodeToString
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nvault %s\nidentity %s\nroot %s\naudit-key %s\n",
		h, k.VaultID, k.Identity, b64(k.Root), k.AuditKey)
	if h == headerV3 {
		fmt.Fprintf(&b, "lineage %s\n", b64(k.LineageRoot()))
	}
	if n := k.Next; n != nil {
		fmt.Fprintf(&b, "next-identity %s\nnext-root %s\nnext-audit-key %s\n", n.Identity, b64(n.Root), n.AuditKey)
	}
	return b.Bytes(), nil
}

func (k *Keyring) check() error {
	switch {
	case !isToken(k.VaultID):
		return errors.New("invalid vault ID")
	case k.Identity == nil:
		return errors.New("missing identity")
	case len(k.Root) != keys.RootSize:
		return fmt.Errorf("root secret is %d bytes, want %d", len(k.Root), keys.RootSize)
	case !isToken(k.AuditKey):
		return errors.New("invalid audit key")
	case k.Lineage != nil && len(k.Lineage) != keys.RootSize:
		return fmt.Errorf("lineage secret is %d bytes, want %d", len(k.Lineage), keys.RootSize)
	case k.Next != nil && (k.Next.Identity == nil || len(k.Next.Root) != keys.RootSize || !isToken(k.Next.AuditKey)):
		return errors.New("invalid next generation")
	}
	return nil
}

func isToken(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\r\n")
}

// Parse parses a keyring's plaintext, version 1, 2 or 3, strictly.
func Parse(plaintext []byte) (*Keyring, error) {
	if len(plaintext) == 0 || plaintext[len(plaintext)-1] != '\n' {
		return nil, fmt.Errorf("%w: missing final newline", ErrMalformed)
	}
	lines := strings.Split(string(plaintext[:len(plaintext)-1]), "\n")
	if lines[0] != header && lines[0] != headerV1 && lines[0] != headerV3 {
		return nil, fmt.Errorf("%w: not a tvault keyring of a known version", ErrMalformed)
	}
	field := func(i int, name string) (string, error) {
		if i >= len(lines) {
			return "", fmt.Errorf("%w: missing %s", ErrMalformed, name)
		}
		v, ok := strings.CutPrefix(lines[i], name+" ")
		if !ok || !isToken(v) {
			return "", fmt.Errorf("%w: line %d: want %s", ErrMalformed, i+1, name)
		}
		return v, nil
	}
	identity := func(i int, name string) (*age.HybridIdentity, error) {
		v, err := field(i, name)
		if err != nil {
			return nil, err
		}
		id, err := age.ParseHybridIdentity(v)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrMalformed, name, err)
		}
		return id, nil
	}
	secret := func(i int, name string) ([]byte, error) {
		v, err := field(i, name)
		if err != nil {
			return nil, err
		}
		b, err := base64.StdEncoding.Strict().DecodeString(v)
		if err != nil || len(b) != keys.RootSize || base64.StdEncoding.EncodeToString(b) != v {
			return nil, fmt.Errorf("%w: %s secret", ErrMalformed, name)
		}
		return b, nil
	}
	k := &Keyring{}
	var err error
	if k.VaultID, err = field(1, "vault"); err != nil {
		return nil, err
	}
	if k.Identity, err = identity(2, "identity"); err != nil {
		return nil, err
	}
	if k.Root, err = secret(3, "root"); err != nil {
		return nil, err
	}
	if k.AuditKey, err = field(4, "audit-key"); err != nil {
		return nil, err
	}
	end := 5
	if lines[0] == headerV3 {
		if k.Lineage, err = secret(5, "lineage"); err != nil {
			return nil, err
		}
		end = 6
		if len(lines) > 6 {
			n := &Generation{}
			if n.Identity, err = identity(6, "next-identity"); err != nil {
				return nil, err
			}
			if n.Root, err = secret(7, "next-root"); err != nil {
				return nil, err
			}
			if n.AuditKey, err = field(8, "next-audit-key"); err != nil {
				return nil, err
			}
			k.Next, end = n, 9
		}
	}
	if lines[0] != headerV1 && len(lines) > end {
		return nil, fmt.Errorf("%w: line %d: unexpected %.20q", ErrMalformed, end+1, lines[end])
	}
	for i := end; i < len(lines); i++ {
		v, err := field(i, "escrow")
		if err != nil {
			return nil, err
		}
		r, err := ParseEscrow(v)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrMalformed, i+1, err)
		}
		k.EscrowV1 = append(k.EscrowV1, r)
	}
	return k, nil
}

// ParseEscrow parses an escrow recipient, which must be post-quantum.
func ParseEscrow(s string) (*age.HybridRecipient, error) {
	if !strings.HasPrefix(s, "age1pq1") {
		return nil, fmt.Errorf("escrow recipient %q is not a post-quantum age recipient (age1pq1...)", truncate(s))
	}
	r, err := age.ParseHybridRecipient(s)
	if err != nil {
		return nil, fmt.Errorf("invalid escrow recipient %q: %w", truncate(s), err)
	}
	return r, nil
}

func truncate(s string) string {
	if len(s) > 24 {
		return s[:24] + "..."
	}
	return s
}

// Seal encrypts the keyring to passphrase with age's scrypt at work factor
// 18 and returns the armored age file.
func Seal(k *Keyring, passphrase string) ([]byte, error) {
	plaintext, err := k.Marshal()
	if err != nil {
		return nil, err
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(sealWorkFactor())
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	if err := encryptTo(aw, plaintext, r); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Open decrypts and parses a sealed keyring, armored or binary. A wrong
// passphrase returns ErrWrongPassphrase, a keyring sealed to operators
// ErrSealedToOperators; every other failure is a malformed keyring.
func Open(sealed []byte, passphrase string) (*Keyring, error) {
	if IsSealedToOperators(sealed) {
		return nil, ErrSealedToOperators
	}
	if len(sealed) > maxSealedSize {
		return nil, fmt.Errorf("%w: file too large", ErrMalformed)
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	// The form is told by the first line, as age -d tells it, so that a
	// wrong passphrase is never retried as another form and misreported.
	var src io.Reader = bytes.NewReader(sealed)
	if bytes.HasPrefix(bytes.TrimSpace(sealed), []byte(armor.Header)) {
		src = armor.NewReader(src)
	}
	r, err := age.Decrypt(src, id)
	if err != nil {
		// age reports a wrong passphrase and a file with no scrypt stanza
		// alike, as no identity matching; only the first is the operator's.
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) && slices.Equal(noMatch.StanzaTypes, []string{"scrypt"}) {
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	plaintext, err := io.ReadAll(io.LimitReader(r, maxSealedSize))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return Parse(plaintext)
}
