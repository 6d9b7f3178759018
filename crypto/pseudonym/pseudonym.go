// Package pseudonym computes keyed, domain-separated pseudonyms of persons
// and of records.
//
// # Construction
//
// A person's pseudonym in a domain is HMAC-SHA-256 of the person's internal
// random ID under the domain's key, which is derived from the vault's root
// secret (keys.Pseudonym). The first 35 bits of the MAC are written as
// seven Crockford base32 characters, followed by one Luhn mod 32 check
// character, as "P-XXXX-XXXX".
//
// # Guarantees
//
// Without the root secret, a pseudonym reveals nothing about the person
// and cannot be recomputed from a name: it is a MAC of a random ID, never a
// hash of anything a person is known by. The same person has the same
// pseudonym in a domain, and unrelated pseudonyms in different domains, so
// exports made in separate domains cannot be joined on pseudonyms.
//
// The check character catches every single mistyped character and most
// swaps of two neighbouring characters. Parse accepts lowercase and the
// look-alikes O (for 0) and I and L (for 1), as Crockford's alphabet does,
// and returns the canonical form.
//
// Thirty-five bits keep pseudonyms short enough to read aloud; within one
// domain two persons collide with probability about n²/2^36, so callers
// that need uniqueness (the person registry does, for the default domain)
// check for collisions.
//
// # Record pseudonyms
//
// A record's pseudonym in a domain is its 128-bit ID enciphered with
// AES-256 under the domain's record key (keys.RecordPseudonym): one block,
// AES used as the keyed pseudorandom permutation it is. Hence the same
// record has the same pseudonym in a domain and distinct records distinct
// ones (nothing to check for collisions); whoever holds the key (the vault)
// deciphers a pseudonym back to the record ID without an index to keep;
// and without the key a pseudonym reveals nothing about the record ID,
// while a record's pseudonyms in two domains, under independent keys, are
// unrelated: exports in separate domains share no record reference to
// join on. A record pseudonym is written "R-" and 26 Crockford base32
// characters (the 128 bits and two zero bits), with no check character: a
// mistyped one deciphers to an ID that names no record.
package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
)

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const dataChars = 7

// Compute returns the pseudonym of personID under domainKey.
func Compute(domainKey, personID []byte) string {
	m := hmac.New(sha256.New, domainKey)
	m.Write(personID)
	sum := m.Sum(nil)
	// The first 35 bits, five at a time.
	v := uint64(sum[0])<<32 | uint64(sum[1])<<24 | uint64(sum[2])<<16 | uint64(sum[3])<<8 | uint64(sum[4])
	v >>= 40 - 5*dataChars
	digits := make([]int, dataChars)
	for i := dataChars - 1; i >= 0; i-- {
		digits[i] = int(v & 31)
		v >>= 5
	}
	return format(append(digits, checkDigit(digits)))
}

func format(digits []int) string {
	var b strings.Builder
	b.WriteString("P-")
	for i, d := range digits {
		if i == 4 {
			b.WriteByte('-')
		}
		b.WriteByte(alphabet[d])
	}
	return b.String()
}

// checkDigit is the Luhn mod 32 check digit of digits.
func checkDigit(digits []int) int {
	factor, sum := 2, 0
	for i := len(digits) - 1; i >= 0; i-- {
		addend := factor * digits[i]
		factor = 3 - factor
		sum += addend/32 + addend%32
	}
	return (32 - sum%32) % 32
}

// ErrMalformed is wrapped by Parse errors for strings that are not
// pseudonyms; ErrCheck for ones whose check character does not match
// (usually a typo).
var (
	ErrMalformed = errors.New("not a pseudonym")
	ErrCheck     = errors.New("pseudonym check character does not match: is there a typo?")
)

// Parse checks s and returns its canonical form.
func Parse(s string) (string, error) {
	raw := strings.ToUpper(strings.TrimSpace(s))
	rest, ok := strings.CutPrefix(raw, "P-")
	if !ok || len(rest) != 9 || rest[4] != '-' {
		return "", fmt.Errorf("%w: %q: want the form P-XXXX-XXXX", ErrMalformed, s)
	}
	digits := make([]int, 0, dataChars+1)
	for _, c := range rest[:4] + rest[5:] {
		switch c {
		case 'O':
			c = '0'
		case 'I', 'L':
			c = '1'
		}
		d := strings.IndexRune(alphabet, c)
		if d < 0 {
			return "", fmt.Errorf("%w: %q: %q is not a pseudonym character", ErrMalformed, s, c)
		}
		digits = append(digits, d)
	}
	if checkDigit(digits[:dataChars]) != digits[dataChars] {
		return "", fmt.Errorf("%w: %q", ErrCheck, s)
	}
	return format(digits), nil
}
