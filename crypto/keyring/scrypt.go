package keyring

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tvault/tvault/crypto/internal/scrypt"
)

// This file is age's scrypt recipient and identity (filippo.io/age,
// scrypt.go), stanza for stanza and check for check, with one difference:
// the KDF runs in unsealMemory. The stanza is
//
//	-> scrypt <16-byte salt, unpadded base64> <log2 N, decimal>
//	<ChaCha20-Poly1305 of the file key, zero nonce, under
//	 scrypt(passphrase, "age-encryption.org/v1/scrypt" || salt, N, 8, 1, 32)>

// unsealMemory bounds the memory of the keyring's scrypt, in Seal and Open
// alike. Every tvault command must peak under 64 MiB, and age's scrypt at
// DefaultWorkFactor takes 256 MiB. The bound costs time, not strength: the
// output is the same scrypt, so a guess costs an attacker what it did.
const unsealMemory = 32 << 20

// maxWorkFactor is the largest work factor Open accepts and Seal uses: age's
// default for ScryptIdentity, so Open refuses what age -d would.
const maxWorkFactor = 22

const (
	scryptLabel    = "age-encryption.org/v1/scrypt"
	scryptSaltSize = 16
	fileKeySize    = 16
)

// b64 is age's encoding of stanza arguments.
var b64 = base64.RawStdEncoding.Strict()

// workFactorRe is age's: a canonical decimal, so that one stanza has one
// encoding.
var workFactorRe = regexp.MustCompile(`^[1-9][0-9]*$`)

func scryptKey(passphrase, salt []byte, logN int) ([]byte, error) {
	s := append([]byte(scryptLabel), salt...)
	return scrypt.Key(passphrase, s, logN, 8, 1, chacha20poly1305.KeySize, unsealMemory)
}

// scryptRecipient is age.ScryptRecipient with bounded memory.
type scryptRecipient struct {
	passphrase []byte
	workFactor int
}

var _ age.RecipientWithLabels = &scryptRecipient{}

func newScryptRecipient(passphrase string, workFactor int) (*scryptRecipient, error) {
	if passphrase == "" {
		return nil, errors.New("passphrase can't be empty")
	}
	if workFactor < 1 || workFactor > maxWorkFactor {
		return nil, fmt.Errorf("scrypt work factor %d out of range [1, %d]", workFactor, maxWorkFactor)
	}
	return &scryptRecipient{passphrase: []byte(passphrase), workFactor: workFactor}, nil
}

func (r *scryptRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	salt := make([]byte, scryptSaltSize)
	rand.Read(salt) // never fails since Go 1.24
	k, err := scryptKey(r.passphrase, salt, r.workFactor)
	if err != nil {
		return nil, fmt.Errorf("failed to generate scrypt hash: %w", err)
	}
	aead, err := chacha20poly1305.New(k)
	if err != nil {
		return nil, err
	}
	// The zero nonce is safe: the key is fresh for each file, from the salt.
	body := aead.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
	return []*age.Stanza{{
		Type: "scrypt",
		Args: []string{b64.EncodeToString(salt), strconv.Itoa(r.workFactor)},
		Body: body,
	}}, nil
}

// WrapWithLabels returns a random label, as age's ScryptRecipient does, so
// that age.Encrypt refuses to mix the passphrase with any other recipient:
// each of those could make files that the passphrase opens, and whoever
// opens a keyring with the passphrase must be sure it was sealed with it.
func (r *scryptRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := r.Wrap(fileKey)
	if err != nil {
		return nil, nil, err
	}
	label := make([]byte, 16)
	rand.Read(label)
	return s, []string{hex.EncodeToString(label)}, nil
}

// scryptIdentity is age.ScryptIdentity with bounded memory and age's
// default maximum work factor.
type scryptIdentity struct {
	passphrase []byte
}

var _ age.Identity = &scryptIdentity{}

func newScryptIdentity(passphrase string) (*scryptIdentity, error) {
	if passphrase == "" {
		return nil, errors.New("passphrase can't be empty")
	}
	return &scryptIdentity{passphrase: []byte(passphrase)}, nil
}

func (i *scryptIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	// The other side of WrapWithLabels: a file with another stanza next to
	// the scrypt one was not necessarily made by someone with the passphrase.
	for _, s := range stanzas {
		if s.Type == "scrypt" && len(stanzas) != 1 {
			return nil, errors.New("an scrypt recipient must be the only one")
		}
	}
	for _, s := range stanzas {
		if s.Type == "scrypt" {
			return i.unwrap(s)
		}
	}
	return nil, fmt.Errorf("%w: file is not passphrase-encrypted", age.ErrIncorrectIdentity)
}

func (i *scryptIdentity) unwrap(s *age.Stanza) ([]byte, error) {
	if len(s.Args) != 2 {
		return nil, errors.New("invalid scrypt recipient block")
	}
	// DecodeString skips CR and LF, which would make the salt malleable.
	if strings.ContainsAny(s.Args[0], "\r\n") {
		return nil, errors.New("failed to parse scrypt salt: unexpected newline character")
	}
	salt, err := b64.DecodeString(s.Args[0])
	if err != nil {
		return nil, fmt.Errorf("failed to parse scrypt salt: %w", err)
	}
	if len(salt) != scryptSaltSize {
		return nil, errors.New("invalid scrypt recipient block")
	}
	w := s.Args[1]
	if !workFactorRe.MatchString(w) {
		return nil, fmt.Errorf("scrypt work factor encoding invalid: %q", w)
	}
	logN, err := strconv.Atoi(w)
	if err != nil {
		return nil, fmt.Errorf("failed to parse scrypt work factor: %w", err)
	}
	if logN > maxWorkFactor {
		return nil, fmt.Errorf("scrypt work factor too large: %d", logN)
	}
	// age checks the length after the KDF; checking it first spares a
	// malformed file seconds of scrypt, and rejects the same files.
	if len(s.Body) != fileKeySize+chacha20poly1305.Overhead {
		return nil, errors.New("invalid scrypt recipient block: incorrect file key size")
	}

	k, err := scryptKey(i.passphrase, salt, logN)
	if err != nil {
		return nil, fmt.Errorf("failed to generate scrypt hash: %w", err)
	}
	aead, err := chacha20poly1305.New(k)
	if err != nil {
		return nil, err
	}
	// ChaCha20-Poly1305 does not commit to its key, so a crafted body could
	// open under two passphrases (not more, at this fixed length). age
	// accepts that as well; it skips no scrypt work.
	fileKey, err := aead.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: incorrect passphrase", age.ErrIncorrectIdentity)
	}
	return fileKey, nil
}
