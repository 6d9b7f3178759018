// Package scrypt computes the scrypt key derivation function of RFC 7914 in
// bounded memory.
//
// # What it computes
//
// Key(password, salt, logN, r, p, keyLen, maxMemory) returns exactly what
// golang.org/x/crypto/scrypt.Key(password, salt, 1<<logN, r, p, keyLen)
// returns, whatever maxMemory is: the budget changes how the function is
// computed, never its result. The tests check Key against RFC 7914's test
// vectors and against x/crypto.
//
// # Memory and time
//
// scrypt's ROMix fills a table V of N = 2^logN blocks of 128*r bytes, then
// reads it back N times at indices that depend on the data, so computing it
// directly takes 128*r*N bytes: 256 MiB for age's work factor 18. Key stores
// only every k-th block of V, with k the smallest integer for which the
// stored blocks fit in maxMemory, and recomputes any other block V[j] from
// the stored V[j - j mod k] with j mod k BlockMix steps. That is the classic
// time–memory trade-off: the second loop does (k-1)/2 extra BlockMix steps
// per iteration on average, so ROMix does about (k+3)/4 times the work it
// does with the whole table (1.25 times for k = 2, 2.75 times for k = 8,
// which is work factor 18 in 32 MiB). It takes less than that in time, as a
// smaller table misses the CPU caches less: work factor 18 takes 2.3 times as
// long in 32 MiB as in 256 MiB (BenchmarkKey).
//
// The stored blocks are the only allocation that grows with N, and
// maxMemory bounds them. Key also allocates 128*r*(p+3) bytes of working
// memory outside the budget, 4 KiB for r = 8, p = 1.
//
// The trade-off needs no secret and has always been open to an attacker, so
// using it here does not change what guessing a password costs them. It
// only costs the legitimate user time.
//
// # Why
//
// A tvault keyring is an age file sealed to a passphrase with age's scrypt
// at work factor 18, which golang.org/x/crypto/scrypt computes in 256 MiB,
// and every tvault command must stay under 64 MiB. Lowering the work factor
// would weaken the keyring; computing the same function in less memory
// keeps its strength and its format, so the stock age CLI still opens it.
package scrypt

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// MaxLogN is the largest logN Key accepts, age's default maximum work
// factor: a 4 GiB table, already slow with the whole table in memory.
const MaxLogN = 22

const maxInt = int(^uint(0) >> 1)

// Key derives a key of keyLen bytes from password and salt with scrypt,
// N = 2^logN and the parameters r and p, keeping at most maxMemory bytes of
// ROMix's table V.
//
// It returns an error if logN is not between 1 and MaxLogN, if r and p are
// out of the limits of golang.org/x/crypto/scrypt (r, p > 0, r*p < 2^30), if
// keyLen is not positive, or if maxMemory does not hold one block of 128*r
// bytes.
func Key(password, salt []byte, logN, r, p, keyLen int, maxMemory int) ([]byte, error) {
	if logN < 1 || logN > MaxLogN {
		return nil, fmt.Errorf("scrypt: logN must be between 1 and %d", MaxLogN)
	}
	if r <= 0 || p <= 0 {
		return nil, errors.New("scrypt: parameters must be > 0")
	}
	n := 1 << logN
	// x/crypto's limits, with room for three blocks of scratch where it
	// has two.
	if uint64(r)*uint64(p) >= 1<<30 || r > maxInt/128/p || r > maxInt/(3*128) || n > maxInt/128/r {
		return nil, errors.New("scrypt: parameters are too large")
	}
	if keyLen <= 0 {
		return nil, errors.New("scrypt: key length must be > 0")
	}
	blockSize := 128 * r
	k := stride(n, blockSize, maxMemory)
	if k == 0 {
		return nil, fmt.Errorf("scrypt: memory budget of %d bytes is smaller than one block of %d bytes",
			maxMemory, blockSize)
	}

	b, err := pbkdf2.Key(sha256.New, string(password), salt, 1, p*blockSize)
	if err != nil {
		return nil, fmt.Errorf("scrypt: %w", err)
	}
	xy := make([]uint32, 3*32*r)
	v := make([]uint32, (n+k-1)/k*32*r)
	for i := range p {
		romix(b[i*blockSize:(i+1)*blockSize], r, n, k, v, xy)
	}
	dk, err := pbkdf2.Key(sha256.New, string(password), b, 1, keyLen)
	if err != nil {
		return nil, fmt.Errorf("scrypt: %w", err)
	}
	return dk, nil
}

// stride returns k, the smallest integer such that ceil(n/k) blocks of
// blockSize bytes fit in maxMemory, or 0 if not even one block fits.
func stride(n, blockSize, maxMemory int) int {
	m := maxMemory / blockSize // the most blocks that fit
	switch {
	case m < 1:
		return 0
	case m >= n:
		return 1
	}
	// k >= n/m, so ceil(n/k) <= m; and k-1 < n/m, so k is the smallest.
	return (n + m - 1) / m
}

// romix is scryptROMix (RFC 7914, section 5) of the block b, in place, for
// N = n, keeping in v only the blocks V[i] with i a multiple of k. xy is
// scratch for three blocks. It follows smix in golang.org/x/crypto/scrypt.
//
// It is exempt from the race detector for the reason given in blockmix.go.
//
//go:norace
func romix(b []byte, r, n, k int, v, xy []uint32) {
	var tmp [16]uint32
	R := 32 * r
	x, y, t := xy[:R], xy[R:2*R], xy[2*R:3*R]
	for i := range x {
		x[i] = binary.LittleEndian.Uint32(b[4*i:])
	}

	for i := range n {
		if i%k == 0 {
			copy(v[i/k*R:], x)
		}
		blockMix(&tmp, x, y, r)
		x, y = y, x
	}

	for range n {
		j := int(integer(x, r) & uint64(n-1))
		vj := v[j/k*R : (j/k+1)*R]
		if d := j % k; d > 0 {
			// V[j] is d BlockMix steps after the stored V[j-d]. Recompute
			// it in y and t: y is free until the BlockMix below.
			w, z := y, t
			blockMix(&tmp, vj, w, r)
			for ; d > 1; d-- {
				blockMix(&tmp, w, z, r)
				w, z = z, w
			}
			vj = w
		}
		blockXOR(x, vj, R)
		blockMix(&tmp, x, y, r)
		x, y = y, x
	}

	for i, w := range x {
		binary.LittleEndian.PutUint32(b[4*i:], w)
	}
}
