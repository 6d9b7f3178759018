package vault

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"

	"github.com/tvault/tvault/vault/service"
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

// checkID checks that s is a canonical record ID.
func checkID(s string) error { return checkRandomID("record ID", s) }

// checkAttachmentID checks that s is a canonical attachment ID; attachment
// IDs are drawn like record IDs.
func checkAttachmentID(s string) error { return checkRandomID("attachment ID", s) }

func checkRandomID(arg, s string) error {
	if len(s) == idLen && strings.ToLower(s) == s {
		if b, err := idEncoding.DecodeString(s); err == nil && len(b) == idBytes && idEncoding.EncodeToString(b) == s {
			return nil
		}
	}
	n := len(s)
	if n > 2*idLen {
		s = s[:2*idLen] + "..."
	}
	return &service.InvalidArgumentError{Arg: arg, Value: s, Len: n, Want: fmt.Sprintf("want %d lowercase letters and digits 2-7", idLen)}
}
