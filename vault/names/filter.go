package names

import (
	"iter"
	"maps"
)

// A wordFilter is a Bloom filter of one hash over a set of words: for
// most words not in the set it says so in a few nanoseconds, where a
// lookup in the set's map costs several times that. A word it may
// hold is then looked up in the map, which alone decides: the filter
// saves lookups, it changes no answer (TestWordFilters).
type wordFilter struct {
	bits []uint64
	mask uint64
}

// newWordFilter returns the filter of the n words of words: some 16 bits
// a word, and 4,096 bits at least, so that about one word in sixteen
// not in the set passes.
func newWordFilter(words iter.Seq[string], n int) wordFilter {
	size := uint64(4096)
	for size < 16*uint64(n) {
		size *= 2
	}
	f := wordFilter{bits: make([]uint64, size/64), mask: size - 1}
	for w := range words {
		if w == "" {
			continue // held by every filter (mayHold)
		}
		h := filterHash([]byte(w)) & f.mask
		f.bits[h/64] |= 1 << (h % 64)
	}
	return f
}

// filterHash hashes w, not empty, by its length and its first, middle
// and last bytes: words that share them share a bit, which costs only a
// lookup, and so a word is hashed in a few instructions whatever its
// length.
func filterHash(w []byte) uint64 {
	n := len(w)
	h := uint64(n) | uint64(w[0])<<8 | uint64(w[n/2])<<16 | uint64(w[n-1])<<24
	return h * 0x9E3779B97F4A7C15 >> 32
}

// mayHold reports whether w may be in the set: false only if it is not.
// f is made by newWordFilter.
func (f wordFilter) mayHold(w []byte) bool {
	if len(w) == 0 {
		return true
	}
	h := filterHash(w) & f.mask
	return f.bits[h/64]&(1<<(h%64)) != 0
}

// Filters of the sets titled and surnameSpan look most words of a text up
// in.
var (
	titleFilter    = newWordFilter(maps.Keys(titleClasses), len(titleClasses))
	particleFilter = newWordFilter(maps.Keys(particles), len(particles))
)
