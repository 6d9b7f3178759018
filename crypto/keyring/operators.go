package keyring

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"filippo.io/age"
	"filippo.io/age/plugin"
	"github.com/hashicorp/vault/shamir"
)

const (
	operatorsHeader = "tvault-keyring-operators/v1"
	// MaxOperators bounds N: the sealed form holds an age file per
	// operator, a few KiB each.
	MaxOperators = 32
	// maxOperatorsSize bounds the sealed form that ReadOperators reads.
	maxOperatorsSize = 512 << 10
)

var (
	// ErrSealedToOperators is returned by Open for a keyring sealed to
	// operators, which no passphrase opens.
	ErrSealedToOperators = errors.New("the keyring is sealed to operators, not to a passphrase: give the identities of enough of them")
	// ErrNotSealedToOperators is returned by ReadOperators and
	// OpenShares for a keyring sealed with a passphrase.
	ErrNotSealedToOperators = errors.New("the keyring is sealed with a passphrase, not to operators")
	// ErrUnknownShare is returned for a share that is none of the
	// keyring's operators'.
	ErrUnknownShare = errors.New("the share is not one of this vault's operators'")
)

// TooFewSharesError is returned when fewer shares than the threshold are
// given, or when identities open fewer.
type TooFewSharesError struct {
	Have, Need int
}

func (e *TooFewSharesError) Error() string {
	return fmt.Sprintf("%d of the %d operators' shares the keyring needs", e.Have, e.Need)
}

// Operators is the operator set of a keyring sealed to operators, as
// ReadOperators finds it.
type Operators struct {
	// Threshold is K, the number of shares that open the keyring.
	Threshold int
	// Operators are the N operators, numbered from 1 in this order.
	Operators []Operator
	keyring   []byte // the age file of the keyring's plaintext
}

// Operator is one operator of a keyring sealed to operators.
type Operator struct {
	// Recipient is the operator's age recipient.
	Recipient string
	// Share is the operator's share, encrypted to Recipient: an age file,
	// binary. Only the operator's identity opens it.
	Share []byte
	hash  [sha256.Size]byte
}

// Fingerprint names the operator briefly, for the audit log and
// messages: the first 16 hex digits of the SHA-256 of the recipient (a
// post-quantum recipient is some 2,000 characters long).
func (o *Operator) Fingerprint() string {
	return Fingerprint(o.Recipient)
}

// Fingerprint returns the fingerprint of recipient (Operator.Fingerprint).
func Fingerprint(recipient string) string {
	h := sha256.Sum256([]byte(recipient))
	return hex.EncodeToString(h[:8])
}

// IsSealedToOperators reports whether sealed is a keyring sealed to
// operators (by its first line); it does not check the rest.
func IsSealedToOperators(sealed []byte) bool {
	return bytes.HasPrefix(sealed, []byte(operatorsHeader+"\n"))
}

// ParseOperator parses an operator's recipient: post-quantum (age1pq1...)
// or a plugin's (age1NAME1...). A plugin's recipient is checked for form
// only; its program runs when a share is encrypted to it.
func ParseOperator(s string) (age.Recipient, error) {
	switch {
	case strings.HasPrefix(s, "age1pq1"):
		r, err := age.ParseHybridRecipient(s)
		if err != nil {
			return nil, fmt.Errorf("invalid operator recipient %q: %w", truncate(s), err)
		}
		return r, nil
	case strings.HasPrefix(s, "age1") && strings.Count(s, "1") > 1 && !strings.HasPrefix(s, "age1tag"):
		r, err := plugin.NewRecipient(s, pluginUI)
		if err != nil {
			return nil, fmt.Errorf("invalid operator recipient %q: %w", truncate(s), err)
		}
		return r, nil
	}
	return nil, fmt.Errorf("operator recipient %q is neither post-quantum (age1pq1...) nor a plugin's (age1NAME1...)", truncate(s))
}

// pluginUI is how a plugin talks to the operator: on the terminal, as
// age's CLI does.
var pluginUI = plugin.NewTerminalUI(
	func(format string, v ...any) { fmt.Fprintf(os.Stderr, "age-plugin: "+format+"\n", v...) },
	func(format string, v ...any) { fmt.Fprintf(os.Stderr, "age-plugin: warning: "+format+"\n", v...) })

// SealOperators seals k to the operators' recipients, with threshold K:
// the sealed keyring opens with the identities
// of any K of its N operators and not with fewer; no passphrase exists.
// It is composed of age and HashiCorp Vault's shamir package, and nothing
// else: a fresh post-quantum age identity, the unseal identity, is made
// for each sealing; the keyring's plaintext (the same as a passphrase
// keyring's) is age-encrypted to its recipient; the identity's string is
// split by shamir.Split into N shares, any K of which give it back
// (shamir.Combine); and each share is age-encrypted to one operator's
// recipient. The sealed form is a strict text, versioned by its first
// line:
//
//	tvault-keyring-operators/v1
//	threshold <K>
//	operator <recipient> <SHA-256 of the share, hex> <age file of the share, standard base64>
//	... (N operator lines, 2 <= K <= N <= 32)
//	keyring <age file of the keyring's plaintext, standard base64>
//
// A share is shamir's output, the secret's length plus one byte. The
// hash of each share lets whoever holds the sealed form (tvaultd, asked
// for shares one operator at a time) tell a share of this keyring from a
// wrong or forged one before K have arrived; a share is uniformly random,
// so its hash tells nothing of the secret. K and the operator lines are
// not encrypted, and need not be: changing them opens nothing, since a
// share still needs its operator's identity and K true shares are still
// needed to rebuild the unseal identity.
//
// Recipients are post-quantum hybrid (age1pq1...), as the vault's own, or
// a plugin's (age1NAME1..., such as a hardware token's), which the
// plugin's program (age-plugin-NAME) must be installed to encrypt to and
// decrypt with. Classic X25519 recipients are refused: a share sealed to
// one would be open to a future quantum attacker.
//
// It needs 2 <= threshold <= len(recipients) <= MaxOperators, and distinct
// recipients (ParseOperator).
func SealOperators(k *Keyring, recipients []string, threshold int) ([]byte, error) {
	plaintext, err := k.Marshal()
	if err != nil {
		return nil, err
	}
	switch n := len(recipients); {
	case n > MaxOperators:
		return nil, fmt.Errorf("%d operators: at most %d", n, MaxOperators)
	case threshold < 2:
		return nil, fmt.Errorf("threshold %d: at least 2 (one operator alone is a passphrase's holder)", threshold)
	case threshold > n:
		return nil, fmt.Errorf("threshold %d is more than the %d operators", threshold, n)
	}
	rs := make([]age.Recipient, len(recipients))
	for i, s := range recipients {
		if slices.Contains(recipients[:i], s) {
			return nil, fmt.Errorf("operator recipient %q given twice", truncate(s))
		}
		if rs[i], err = ParseOperator(s); err != nil {
			return nil, err
		}
	}
	unseal, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, err
	}
	sealedKeyring, err := encrypt(plaintext, unseal.Recipient())
	if err != nil {
		return nil, err
	}
	shares, err := shamir.Split([]byte(unseal.String()), len(recipients), threshold)
	if err != nil {
		return nil, fmt.Errorf("failed to split the unseal identity: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nthreshold %d\n", operatorsHeader, threshold)
	for i, share := range shares {
		enc, err := encrypt(share, rs[i])
		if err != nil {
			return nil, fmt.Errorf("failed to encrypt a share to operator %d: %w", i+1, err)
		}
		h := sha256.Sum256(share)
		fmt.Fprintf(&b, "operator %s %s %s\n", recipients[i], hex.EncodeToString(h[:]), base64.StdEncoding.EncodeToString(enc))
	}
	fmt.Fprintf(&b, "keyring %s\n", base64.StdEncoding.EncodeToString(sealedKeyring))
	return b.Bytes(), nil
}

// encrypt returns plaintext age-encrypted to r, binary.
func encrypt(plaintext []byte, r age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	if err := encryptTo(&buf, plaintext, r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encryptTo writes plaintext age-encrypted to r on dst.
func encryptTo(dst io.Writer, plaintext []byte, r age.Recipient) error {
	w, err := age.Encrypt(dst, r)
	if err != nil {
		return err
	}
	if _, err := w.Write(plaintext); err != nil {
		return err
	}
	return w.Close()
}

// ReadOperators parses a keyring sealed to operators, strictly. It fails
// with ErrNotSealedToOperators for a passphrase's keyring.
func ReadOperators(sealed []byte) (*Operators, error) {
	if !IsSealedToOperators(sealed) {
		if len(sealed) > 0 {
			return nil, ErrNotSealedToOperators
		}
		return nil, fmt.Errorf("%w: empty", ErrMalformed)
	}
	if len(sealed) > maxOperatorsSize {
		return nil, fmt.Errorf("%w: file too large", ErrMalformed)
	}
	if sealed[len(sealed)-1] != '\n' {
		return nil, fmt.Errorf("%w: missing final newline", ErrMalformed)
	}
	lines := strings.Split(string(sealed[:len(sealed)-1]), "\n")
	bad := func(i int, what string) error {
		return fmt.Errorf("%w: line %d: %s", ErrMalformed, i+1, what)
	}
	if len(lines) < 5 {
		return nil, fmt.Errorf("%w: too few lines", ErrMalformed)
	}
	ks, ok := strings.CutPrefix(lines[1], "threshold ")
	k, err := strconv.Atoi(ks)
	if !ok || err != nil || strconv.Itoa(k) != ks {
		return nil, bad(1, "want threshold")
	}
	o := &Operators{Threshold: k}
	last := len(lines) - 1
	for i := 2; i < last; i++ {
		f := strings.Split(lines[i], " ")
		if len(f) != 4 || f[0] != "operator" || !isToken(f[1]) {
			return nil, bad(i, "want operator")
		}
		op := Operator{Recipient: f[1]}
		if h, err := hex.DecodeString(f[2]); err != nil || len(h) != sha256.Size || hex.EncodeToString(h) != f[2] {
			return nil, bad(i, "share hash")
		} else {
			copy(op.hash[:], h)
		}
		if op.Share, err = decodeBase64(f[3]); err != nil {
			return nil, bad(i, "share")
		}
		for _, prev := range o.Operators {
			if prev.Recipient == op.Recipient {
				return nil, bad(i, "operator given twice")
			}
		}
		o.Operators = append(o.Operators, op)
	}
	if n := len(o.Operators); k < 2 || k > n || n > MaxOperators {
		return nil, fmt.Errorf("%w: threshold %d of %d operators", ErrMalformed, k, n)
	}
	v, ok := strings.CutPrefix(lines[last], "keyring ")
	if !ok {
		return nil, bad(last, "want keyring")
	}
	if o.keyring, err = decodeBase64(v); err != nil {
		return nil, bad(last, "keyring")
	}
	return o, nil
}

func decodeBase64(s string) ([]byte, error) {
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(b) == 0 || base64.StdEncoding.EncodeToString(b) != s {
		return nil, errors.New("invalid base64")
	}
	return b, nil
}

// Match returns the number (from 1) of the operator whose share share
// is, or ErrUnknownShare.
func (o *Operators) Match(share []byte) (int, error) {
	h := sha256.Sum256(share)
	for i := range o.Operators {
		if subtle.ConstantTimeCompare(h[:], o.Operators[i].hash[:]) == 1 {
			return i + 1, nil
		}
	}
	return 0, ErrUnknownShare
}

// Decrypt decrypts the shares that identities open, and returns them by
// operator number (from 1). A share that no identity opens is skipped;
// one that an identity opens but which is damaged, or is not the share
// its hash names, is an error.
func (o *Operators) Decrypt(identities ...age.Identity) (map[int][]byte, error) {
	shares := map[int][]byte{}
	for i := range o.Operators {
		share, err := DecryptShare(o.Operators[i].Share, identities...)
		if err == nil && share != nil {
			if n, merr := o.Match(share); merr != nil || n != i+1 {
				err = errors.New("it is not the share its hash names")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%w: operator %d's share: %w", ErrMalformed, i+1, err)
		}
		if share != nil {
			shares[i+1] = share
		}
	}
	return shares, nil
}

// DecryptShare decrypts one operator's encrypted share (Operator.Share)
// with identities: nil and no error if none of them is the operator's.
// It is how an operator's tvault, which has no keyring, decrypts the
// share a daemon sends it.
func DecryptShare(encrypted []byte, identities ...age.Identity) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(encrypted), identities...)
	var noMatch *age.NoIdentityMatchError
	if errors.As(err, &noMatch) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// A share is the unseal identity's string and a byte, under 1 KiB.
	share, err := io.ReadAll(io.LimitReader(r, 1<<10))
	if err != nil {
		return nil, err
	}
	if len(share) == 0 {
		return nil, errors.New("empty share")
	}
	return share, nil
}

// Open opens the keyring with shares, each one of its operators' (Match),
// at least Threshold of them; ErrUnknownShare or a *TooFewSharesError
// otherwise.
func (o *Operators) Open(shares [][]byte) (*Keyring, error) {
	seen := map[int]bool{}
	var parts [][]byte
	for _, s := range shares {
		n, err := o.Match(s)
		if err != nil {
			return nil, err
		}
		if !seen[n] {
			seen[n] = true
			parts = append(parts, s)
		}
	}
	if len(parts) < o.Threshold {
		return nil, &TooFewSharesError{Have: len(parts), Need: o.Threshold}
	}
	secret, err := shamir.Combine(parts)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	id, err := age.ParseHybridIdentity(string(secret))
	if err != nil {
		// Every share matched its hash: the operator lines were changed.
		return nil, fmt.Errorf("%w: the operators' shares do not give its unseal identity", ErrMalformed)
	}
	r, err := age.Decrypt(bytes.NewReader(o.keyring), id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	plaintext, err := io.ReadAll(io.LimitReader(r, maxSealedSize))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return Parse(plaintext)
}

// OpenIdentities opens a keyring sealed to operators with the shares
// that identities decrypt (Decrypt); a *TooFewSharesError if they open
// fewer than Threshold. It returns the numbers of the operators whose
// shares opened it.
func (o *Operators) OpenIdentities(identities ...age.Identity) (*Keyring, []int, error) {
	byNumber, err := o.Decrypt(identities...)
	if err != nil {
		return nil, nil, err
	}
	var numbers []int
	var shares [][]byte
	for i := range o.Operators {
		if s, ok := byNumber[i+1]; ok {
			numbers = append(numbers, i+1)
			shares = append(shares, s)
		}
	}
	k, err := o.Open(shares)
	if err != nil {
		return nil, nil, err
	}
	return k, numbers, nil
}
