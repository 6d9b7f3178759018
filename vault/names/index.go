package names

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// formIndex holds the compact forms of the variants and every proper
// prefix of one (at a rune boundary), so that Find can stop extending a
// candidate as soon as no variant can follow. Its memory is the bytes of
// the forms and a few words per form: a map with a string key per form
// and per prefix took 45 MB for 100,000 persons.
//
// The forms are kept sorted in one arena; a form's variants are
// variants[first[i]:first[i+1]]. A prefix needs no bytes of its own: it
// is the start of the first form (in sorted order) that begins with it.
// slots is an open-addressing table over forms and prefixes: each slot
// holds the index of that first form, the key's length and bits of its
// hash, so that a miss rarely reads the arena. pairs has a bit for the
// first two bytes of every form: most words of a text are no name, and
// most of those start with two bytes no name starts with, which the bit
// says without hashing the word or reading the table (megabytes, so a
// cache miss a word).
type formIndex struct {
	arena []byte
	ends  []uint32 // form i is arena[ends[i-1]:ends[i]], ends[-1] being 0
	first []int32  // len(ends)+1 entries
	slots []uint64 // 0 empty; else slotOf
	mask  uint64
	seed  maphash.Seed
	pairs [1 << 16 / 64]uint64
}

// The fields of a slot.
const (
	slotFormBits = 32 // form index + 1
	slotLenBits  = 16 // key length: a form is at most a few KiB (MaxNameLen bytes twice, folded)
	slotHashBits = 64 - slotFormBits - slotLenBits
)

func (x *formIndex) form(i int) []byte {
	lo := uint32(0)
	if i > 0 {
		lo = x.ends[i-1]
	}
	return x.arena[lo:x.ends[i]]
}

// slotOf returns the slot of a key of length n, hash h, whose first
// form is i.
func slotOf(i, n int, h uint64) uint64 {
	return uint64(i+1) | uint64(n)<<slotFormBits | h>>(64-slotHashBits)<<(slotFormBits+slotLenBits)
}

// grow makes room for forms forms of arena bytes in all.
func (x *formIndex) grow(forms, arena int) {
	x.arena, x.ends, x.first = make([]byte, 0, arena), make([]uint32, 0, forms), make([]int32, 0, forms+1)
}

// add appends a form (in ascending order, distinct) whose variants start
// at first.
func (x *formIndex) add(form string, first int32) {
	x.arena = append(x.arena, form...)
	x.ends = append(x.ends, uint32(len(x.arena)))
	x.first = append(x.first, first)
	if len(form) >= 2 {
		p := pairOf(form[0], form[1])
		x.pairs[p/64] |= 1 << (p % 64)
	}
}

func pairOf(a, b byte) uint { return uint(a)<<8 | uint(b) }

// seal ends the index with the end of the last form's variants and fills
// its table.
func (x *formIndex) seal(end int32) {
	x.first = append(x.first, end)
	x.seed = maphash.MakeSeed()
	// The keys form i adds are its prefixes longer than what it shares
	// with form i-1: the shorter ones start an earlier form already.
	keys := 0
	for i := range x.ends {
		x.newKeys(i, func(int) { keys++ })
	}
	// At most three quarters full: a miss, the common case (most words
	// are no name), ends within a few slots.
	size := 1 << bits.Len(uint(keys*4/3+1))
	x.slots, x.mask = make([]uint64, size), uint64(size-1)
	for i := range x.ends {
		f := x.form(i)
		x.newKeys(i, func(n int) {
			h := maphash.Bytes(x.seed, f[:n])
			k := h & x.mask
			for x.slots[k] != 0 {
				k = (k + 1) & x.mask
			}
			x.slots[k] = slotOf(i, n, h)
		})
	}
}

// newKeys calls f with the length of each key form i adds to the table:
// its prefixes at rune boundaries, itself included, that are longer than
// its common prefix with form i-1.
func (x *formIndex) newKeys(i int, f func(n int)) {
	form, common := x.form(i), 0
	if i > 0 {
		prev := x.form(i - 1)
		for common < len(prev) && common < len(form) && prev[common] == form[common] {
			common++
		}
	}
	for n := common + 1; n <= len(form); n++ {
		if n == len(form) || runeStart(form[n]) {
			f(n)
		}
	}
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

// find returns the first form that begins with key, of hash h.
func (x *formIndex) find(key []byte, h uint64) (int, bool) {
	if x.slots == nil || len(key) >= 1<<slotLenBits {
		return 0, false
	}
	want := uint64(len(key))<<slotFormBits | h>>(64-slotHashBits)<<(slotFormBits+slotLenBits)
	for k := h & x.mask; ; k = (k + 1) & x.mask {
		s := x.slots[k]
		if s == 0 {
			return 0, false
		}
		if s&^(1<<slotFormBits-1) == want {
			i := int(s&(1<<slotFormBits-1)) - 1
			if f := x.form(i); bytes.Equal(f[:len(key)], key) {
				return i, true
			}
		}
	}
}

// lookup returns the entry of the compact form key: its variants, if
// it is a form, and whether a longer form begins with it; ok is false
// if key is neither a form nor the start of one. It does not allocate.
func (m *Matcher) lookup(key []byte) (entry, bool) {
	x := &m.index
	if len(key) >= 2 {
		if p := pairOf(key[0], key[1]); x.pairs[p/64]&(1<<(p%64)) == 0 {
			return entry{}, false
		}
	}
	i, ok := x.find(key, maphash.Bytes(x.seed, key))
	if !ok {
		return entry{}, false
	}
	f := x.form(i)
	if len(f) > len(key) {
		return entry{prefix: true}, true
	}
	// The forms that begin with this one follow it in sorted order.
	e := entry{first: x.first[i], n: x.first[i+1] - x.first[i]}
	e.prefix = i+1 < len(x.ends) && bytes.HasPrefix(x.form(i+1), key)
	return e, true
}
