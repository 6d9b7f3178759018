// Package secretbox seals small values under a derived symmetric key with
// XChaCha20-Poly1305, binding each to its storage key as associated data.
//
// # Guarantees
//
// Nonces are random (192 bits, so collisions are negligible without a
// counter). Binding the storage key means a sealed value copied to another
// key fails to open, which keeps an attacker with write access to the store
// from swapping index entries between records.
//
// # Format
//
// A sealed value is nonce (24 bytes) || ciphertext || tag (16 bytes).
package secretbox

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"

	"golang.org/x/crypto/chacha20poly1305"
)

// ErrOpen is returned for a value that was not sealed under this key and
// associated data, or was changed since.
var ErrOpen = errors.New("sealed value failed authentication")

// Box seals and opens values under one key.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext bound to ad.
func (b *Box) Seal(ad, plaintext []byte) []byte {
	out := make([]byte, chacha20poly1305.NonceSizeX, chacha20poly1305.NonceSizeX+len(plaintext)+b.aead.Overhead())
	rand.Read(out) // crypto/rand.Read never fails
	return b.aead.Seal(out, out, plaintext, ad)
}

// Open decrypts a value sealed with Seal and the same ad.
func (b *Box) Open(ad, sealed []byte) ([]byte, error) {
	return b.open(nil, ad, sealed)
}

// OpenInPlace is Open, except that it decrypts sealed over itself and
// returns the plaintext as a slice of it, instead of allocating: for a
// caller that opens many values it owns, once each. sealed is no longer a
// sealed value afterwards, whether or not it opened.
func (b *Box) OpenInPlace(ad, sealed []byte) ([]byte, error) {
	return b.open(sealed[min(len(sealed), chacha20poly1305.NonceSizeX):][:0], ad, sealed)
}

// open appends the plaintext of sealed to dst.
func (b *Box) open(dst, ad, sealed []byte) ([]byte, error) {
	if len(sealed) < chacha20poly1305.NonceSizeX+b.aead.Overhead() {
		return nil, ErrOpen
	}
	nonce, ct := sealed[:chacha20poly1305.NonceSizeX], sealed[chacha20poly1305.NonceSizeX:]
	pt, err := b.aead.Open(dst, nonce, ct, ad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}
