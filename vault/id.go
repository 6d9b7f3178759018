package vault

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// Record IDs are 128 random bits in lowercase base32 without padding: not
// time-ordered, not guessable, and safe in file names and URLs.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

const idBytes = 16

var idLen = idEncoding.EncodedLen(idBytes)

func newID() string {
	b := make([]byte, idBytes)
	rand.Read(b) // crypto/rand.Read never fails
	return idEncoding.EncodeToString(b)
}

// ParseID checks that s is a canonical record ID.
func ParseID(s string) (string, error) {
	if len(s) != idLen || strings.ToLower(s) != s {
		return "", &InvalidIDError{ID: s}
	}
	b, err := idEncoding.DecodeString(s)
	if err != nil || len(b) != idBytes || idEncoding.EncodeToString(b) != s {
		return "", &InvalidIDError{ID: s}
	}
	return s, nil
}
