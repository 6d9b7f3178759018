// Package envelope defines how one version of a record is stored: a small
// plaintext header that binds the record's identity and the hash of its
// body, encrypted with age to the vault's and the escrow holders' recipients.
//
// # Format
//
// The plaintext of a stored version is
//
//	tvault-record/v1
//	id <record ID>
//	version <decimal, no leading zeros, from 1>
//	sha256 <64 lowercase hex digits: SHA-256 of the body>
//	<empty line>
//	<body: the canonical JSON of the testimony>
//
// age has no associated data, so the header is what ties a ciphertext to the
// place it is stored: Open checks the ID and version it expects and the
// body's hash, which catches a ciphertext moved or copied under another
// record as well as any change age's own authentication would not see (it
// sees every change to the ciphertext itself).
//
// # Compatibility
//
// An escrow holder can read any version with the stock age CLI and strip the
// header with sed '1,/^$/d'; the body hashes to the sha256 line.
package envelope

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"filippo.io/age"
)

const magic = "tvault-record/v1"

// MaxBodySize bounds a record body; imports are at most 16 MiB and their
// canonical form is never larger than the input.
const MaxBodySize = 16 << 20

// maxHeaderSize bounds the header: magic, an ID, a version and a hash.
const maxHeaderSize = 512

// ErrIntegrity is wrapped by every error Open returns for a ciphertext that
// does not decrypt, does not parse, or does not match what was expected.
var ErrIntegrity = errors.New("integrity check failed")

// Version identifies one stored version of one record.
type Version struct {
	ID      string
	Version int
}

// Seal returns the age ciphertext of body bound to v, encrypted to every
// recipient.
func Seal(v Version, body []byte, recipients ...age.Recipient) ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	if len(body) > MaxBodySize {
		return nil, fmt.Errorf("record body of %d bytes exceeds %d", len(body), MaxBodySize)
	}
	sum := sha256.Sum256(body)
	// Room for the whole ciphertext, written without growing: age's
	// header (a stanza of under 2 KiB a recipient, ML-KEM's the largest),
	// the payload's nonce, and a 16-byte tag per 64 KiB chunk.
	var buf bytes.Buffer
	buf.Grow(2048*(len(recipients)+1) + maxHeaderSize + len(body) + 16*(len(body)>>16+2))
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(header(v, sum)); err != nil {
		return nil, err
	}
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func header(v Version, sum [32]byte) []byte {
	return fmt.Appendf(nil, "%s\nid %s\nversion %d\nsha256 %x\n\n", magic, v.ID, v.Version, sum)
}

func (v Version) check() error {
	if v.ID == "" || strings.ContainsAny(v.ID, " \n") || v.Version < 1 {
		return fmt.Errorf("invalid record version %q/%d", v.ID, v.Version)
	}
	return nil
}

// Open decrypts ciphertext with one of identities (a vault's two during a
// rekey), checks that it is version want and that its body matches the
// bound hash, and returns the body. Every failure wraps ErrIntegrity.
func Open(ciphertext []byte, want Version, identities ...age.Identity) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(ciphertext), identities...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIntegrity, err)
	}
	plaintext, err := io.ReadAll(io.LimitReader(r, maxHeaderSize+MaxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIntegrity, err)
	}
	got, sum, body, err := parse(plaintext)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIntegrity, err)
	}
	if got != want {
		return nil, fmt.Errorf("%w: ciphertext is bound to %s version %d", ErrIntegrity, got.ID, got.Version)
	}
	if sha256.Sum256(body) != sum {
		return nil, fmt.Errorf("%w: body does not match its hash", ErrIntegrity)
	}
	return body, nil
}

func parse(plaintext []byte) (v Version, sum [32]byte, body []byte, err error) {
	head, body, ok := bytes.Cut(plaintext, []byte("\n\n"))
	if !ok || len(head) > maxHeaderSize {
		return v, sum, nil, errors.New("malformed header")
	}
	if len(body) > MaxBodySize {
		return v, sum, nil, errors.New("body too large")
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) != 4 || lines[0] != magic {
		return v, sum, nil, errors.New("malformed header")
	}
	id, ok1 := strings.CutPrefix(lines[1], "id ")
	ver, ok2 := strings.CutPrefix(lines[2], "version ")
	hexsum, ok3 := strings.CutPrefix(lines[3], "sha256 ")
	if !ok1 || !ok2 || !ok3 {
		return v, sum, nil, errors.New("malformed header")
	}
	n, err := strconv.Atoi(ver)
	if err != nil || strconv.Itoa(n) != ver {
		return v, sum, nil, errors.New("malformed version")
	}
	if len(hexsum) != 64 || strings.ToLower(hexsum) != hexsum {
		return v, sum, nil, errors.New("malformed hash")
	}
	if _, err := hex.Decode(sum[:], []byte(hexsum)); err != nil {
		return v, sum, nil, errors.New("malformed hash")
	}
	v = Version{ID: id, Version: n}
	if err := v.check(); err != nil {
		return v, sum, nil, err
	}
	return v, sum, body, nil
}
