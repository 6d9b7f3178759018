package pseudonym

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base32"
	"fmt"
	"strings"
)

// RecordIDSize is the size of the record IDs that record pseudonyms
// encipher.
const RecordIDSize = 16

const recordPrefix = "R-"

var recordEncoding = base32.NewEncoding(alphabet).WithPadding(base32.NoPadding)

// Record returns the pseudonym of the record whose ID is id under
// domainKey, a 32-byte key. It panics if the key is not 32 bytes, which is
// a programming error: keys come from keys.Derive.
func Record(domainKey []byte, id [RecordIDSize]byte) string {
	var out [RecordIDSize]byte
	recordCipher(domainKey).Encrypt(out[:], id[:])
	return recordPrefix + recordEncoding.EncodeToString(out[:])
}

// ParseRecord checks that s is a record pseudonym and returns its
// canonical form. It accepts lowercase and the look-alikes O, I and L, as
// Parse does; anything else is an error wrapping ErrMalformed.
func ParseRecord(s string) (string, error) {
	_, canon, err := parseRecord(s)
	return canon, err
}

// RecordID returns the record ID behind record pseudonym s (any form
// ParseRecord accepts) under domainKey. Every well-formed pseudonym
// deciphers to some ID: only the vault knows whether a record has it.
func RecordID(domainKey []byte, s string) ([RecordIDSize]byte, error) {
	var id [RecordIDSize]byte
	b, _, err := parseRecord(s)
	if err != nil {
		return id, err
	}
	recordCipher(domainKey).Decrypt(id[:], b)
	return id, nil
}

func parseRecord(s string) ([]byte, string, error) {
	raw, ok := strings.CutPrefix(strings.ToUpper(strings.TrimSpace(s)), recordPrefix)
	raw = strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(raw)
	b, err := recordEncoding.DecodeString(raw)
	// The last character carries two bits that must be zero: one
	// pseudonym, one spelling.
	if !ok || err != nil || len(b) != RecordIDSize || recordEncoding.EncodeToString(b) != raw {
		return nil, "", fmt.Errorf("%w: %q: want a record pseudonym, R- and %d letters and digits", ErrMalformed, s, recordEncoding.EncodedLen(RecordIDSize))
	}
	return b, recordPrefix + raw, nil
}

func recordCipher(key []byte) cipher.Block {
	if len(key) != 32 {
		panic(fmt.Sprintf("pseudonym: record key is %d bytes, want 32", len(key)))
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // only for key sizes checked above
	}
	return b
}
