// Package search makes the terms of tvault's blind search index: the
// normalised words of a testimony, its tags, case number and persons, each
// kept only as a keyed MAC, so that the index holds no term in clear.
//
// # Normalisation
//
// Text is normalised to NFKC, case-folded (Unicode full case folding) and
// normalised to NFKC again, so that "Ｓｅｏｕｌ", "SEOUL" and "seoul" are one
// word, and decomposed Hangul jamo the precomposed syllables. Words are
// maximal runs of letters, digits and combining marks; any other rune
// separates them, and so does a change between Hangul and any other
// script ("TV를" is "tv" and "를").
//
// # Korean
//
// Korean attaches particles and endings to the word they follow
// ("평양에서", in Pyongyang). A Hangul word of at most MaxPrefixRunes
// syllables is indexed with every prefix of it, from one syllable to the
// whole word, so that a search for the stem "평양" finds "평양에서": a
// Hangul search word matches any indexed word it begins. The cost is
// precision: "김" also finds "김치". Words in other scripts match only
// whole.
//
// # Terms
//
// A term is the first TermSize bytes of HMAC-SHA-256, under the index key,
// of its kind (one byte), a zero byte and its normalised value (a
// truncated HMAC, as RFC 2104 section 5 allows). The kind
// keeps a tag, a case number, a person and a word with the same spelling
// apart. A Set holds a record's terms sorted, for binary search.
package search

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"iter"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// TermSize is the size of a term in bytes: 64 bits of the MAC. Two
// values share a term with probability 2^-64; a search term of one
// matches a record holding the other with probability at most the
// record's term count over 2^64 (below 2^-50 for a record of 10,000
// distinct words), and a shorter term tells less about a value to whoever
// holds the index without the key.
const TermSize = 8

// termIs8 fails to compile if TermSize is not 8, which Compact assumes.
const termIs8 = uint(TermSize-8) + uint(8-TermSize)

// MaxPrefixRunes bounds the Hangul words indexed with their prefixes:
// longer runs are rarely one word with a particle, and their prefixes
// would grow the index for nothing.
const MaxPrefixRunes = 12

// Kind separates the terms of values of different fields.
type Kind byte

// The kinds of term.
const (
	Word   Kind = 'w' // a word of the narrative or title
	Tag    Kind = 't' // a whole tag, normalised (Fold)
	Case   Kind = 'c' // a whole case number, normalised (Fold)
	Person Kind = 'p' // a person's ID in the registry
)

// Term is the blind form of one value.
type Term [TermSize]byte

// Index makes terms under one key. It remembers the terms it made, since
// a batch of testimonies repeats its words: use one Index per operation,
// from one goroutine.
type Index struct {
	mac  hash.Hash
	made map[Kind]map[string]Term
}

// NewIndex returns the index under key, a key derived for it alone.
func NewIndex(key []byte) *Index {
	return &Index{mac: hmac.New(sha256.New, key), made: map[Kind]map[string]Term{}}
}

// Term returns the term of value, of kind k. value must already be
// normalised (Words, Fold) where its kind says so.
func (ix *Index) Term(k Kind, value string) Term {
	made := ix.kind(k)
	if t, ok := made[value]; ok {
		return t
	}
	return ix.make(made, k, value)
}

// Text appends to terms the Word term of each form (IndexForms) of each
// word (Words) of text, in order, repeats included, and returns them.
func (ix *Index) Text(terms []Term, text string) []Term {
	made := ix.kind(Word)
	for w := range words(fold(text)) {
		for f := range indexForms(w) {
			t, ok := made[f]
			if !ok {
				t = ix.make(made, Word, f)
			}
			terms = append(terms, t)
		}
	}
	return terms
}

// kind returns the terms made of kind k.
func (ix *Index) kind(k Kind) map[string]Term {
	made := ix.made[k]
	if made == nil {
		made = map[string]Term{}
		ix.made[k] = made
	}
	return made
}

// make makes the term of value, of kind k, and keeps it in made.
func (ix *Index) make(made map[string]Term, k Kind, value string) Term {
	ix.mac.Reset()
	ix.mac.Write([]byte{byte(k), 0})
	ix.mac.Write([]byte(value))
	t := Term(ix.mac.Sum(nil))
	made[value] = t
	return t
}

var folder = cases.Fold()

// Fold returns s normalised as a whole value: NFKC, case-folded, with
// leading and trailing white space removed and inner runs of it made one
// space. Tags and case numbers are compared in this form.
func Fold(s string) string {
	return strings.Join(strings.Fields(fold(s)), " ")
}

// fold is Fold without its handling of white space, which Words does
// not need: white space separates words either way.
//
// Text is mostly ASCII, which NFKC leaves as it is and case folding only
// lowers, without the cost of the transformers. Folding is per rune, and
// an ASCII character neither composes with the character before it nor
// is reordered with it, so text folds run by run, split before ASCII
// characters: each run of other characters with the ASCII character
// before it (an "e" that a combining accent follows) by foldAll, the rest
// of the ASCII by lowering. A run of precomposed Hangul syllables alone,
// most of a Korean text, is left as it is: NFKC and case folding leave
// those as they are, and what could compose with the last (a trailing
// jamo) is not ASCII, so not after the run.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		n := 0 // the ASCII run that s starts with
		for n < len(s) && s[n] < utf8.RuneSelf {
			n++
		}
		m := n // and the run of other characters after it
		for m < len(s) && s[m] >= utf8.RuneSelf {
			m++
		}
		hangul := hangulSyllables(s[n:m]) // and so is an empty run
		k := n
		if m > n && n > 0 && !hangul {
			k--
		}
		for i := range k {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		if hangul {
			b.WriteString(s[n:m])
		} else {
			b.WriteString(foldAll(s[k:m]))
		}
		s = s[m:]
	}
	return b.String()
}

// hangulSyllables reports whether s holds only precomposed Hangul
// syllables (U+AC00 to U+D7A3).
func hangulSyllables(s string) bool {
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
	}
	return true
}

// foldAll is fold for any text.
func foldAll(s string) string {
	return norm.NFKC.String(folder.String(norm.NFKC.String(s)))
}

// Words returns the normalised words of text, in order, repeats included.
func Words(text string) []string {
	return slices.Collect(words(fold(text)))
}

// words yields the words of text, already folded.
func words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start, hangul := -1, false
		for i, r := range text {
			var word, h, mark bool
			if r < utf8.RuneSelf { // folded: no capitals
				word = 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
			} else {
				mark = unicode.IsMark(r)
				word = mark || unicode.IsLetter(r) || unicode.IsDigit(r)
				h = unicode.Is(unicode.Hangul, r)
			}
			if start >= 0 && (!word || (h != hangul && !mark)) {
				if !yield(text[start:i]) {
					return
				}
				start = -1
			}
			if word && start < 0 {
				start, hangul = i, h
			}
		}
		if start >= 0 {
			yield(text[start:])
		}
	}
}

// IndexForms returns the forms under which word, a normalised word, is
// indexed: the word, and every proper prefix of a Hangul word of at most
// MaxPrefixRunes runes.
func IndexForms(word string) []string {
	return slices.Collect(indexForms(word))
}

// indexForms yields the forms of IndexForms, each a part of word.
func indexForms(word string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if !yield(word) {
			return
		}
		if first, _ := utf8.DecodeRuneInString(word); !unicode.Is(unicode.Hangul, first) {
			return // the common case
		}
		if n := utf8.RuneCountInString(word); n < 2 || n > MaxPrefixRunes {
			return
		}
		for i := range word {
			if i > 0 && !yield(word[:i]) {
				return
			}
		}
	}
}

// Set is a record's terms, sorted and without repeats, concatenated: the
// form in which the index stores them.
type Set []byte

// NewSet returns the set of terms. Terms already in its order and
// without repeats (Compact, Add) cost one pass, not a sort.
func NewSet(terms []Term) Set {
	s := terms
	for i := 1; i < len(s); i++ {
		if compareTerms(s[i-1], s[i]) >= 0 {
			s = Compact(slices.Clone(terms))
			break
		}
	}
	b := make(Set, 0, len(s)*TermSize)
	for _, t := range s {
		b = append(b, t[:]...)
	}
	return b
}

// Add returns terms, compacted (Compact), with t in its place unless it
// is there already.
func Add(terms []Term, t Term) []Term {
	i, found := slices.BinarySearchFunc(terms, t, compareTerms)
	if found {
		return terms
	}
	return slices.Insert(terms, i, t)
}

func compareTerms(a, b Term) int { return bytes.Compare(a[:], b[:]) }

// Compact sorts terms in the order of a Set and removes repeats, in
// place, and returns what is left: a record's words repeat, so holding
// its terms compacted costs less.
func Compact(terms []Term) []Term {
	// As big-endian integers, terms (of 8 bytes: termIs8) sort as their
	// bytes do. Terms are MACs, spread evenly: distributed by their top
	// bits into about as many buckets as there are terms, they are then
	// almost sorted, each bucket holding about one distinct term (a
	// third of the time of slices.Sort of them all, the sort being a
	// quarter of a testimony's terms). Each bucket is sorted whole, so
	// that terms that share one, however many, cost n log n at most.
	keys := make([]uint64, len(terms))
	if len(terms) < minBuckets {
		for i, t := range terms {
			keys[i] = binary.BigEndian.Uint64(t[:])
		}
		slices.Sort(keys)
	} else {
		shift := 64 - min(bits.Len(uint(len(terms)-1)), maxBucketBits)
		ends := make([]int32, 1<<(64-shift)+1) // bucket b is keys[ends[b]:ends[b+1]]
		for _, t := range terms {
			ends[binary.BigEndian.Uint64(t[:])>>shift+1]++
		}
		for b := 1; b < len(ends); b++ {
			ends[b] += ends[b-1]
		}
		next := ends[:len(ends)-1] // where the next key of bucket b goes
		for _, t := range terms {
			k := binary.BigEndian.Uint64(t[:])
			keys[next[k>>shift]] = k
			next[k>>shift]++
		}
		// next[b] is now where bucket b ends, and bucket b+1 begins.
		start := int32(0)
		for _, end := range next {
			if end-start > 1 {
				slices.Sort(keys[start:end])
			}
			start = end
		}
	}
	keys = slices.Compact(keys)
	terms = terms[:len(keys)]
	for i, k := range keys {
		binary.BigEndian.PutUint64(terms[i][:], k)
	}
	return terms
}

// Compact distributes at least minBuckets terms into buckets by their
// top bits, at most maxBucketBits of them (a table of 256 KiB).
const (
	minBuckets    = 64
	maxBucketBits = 16
)

// Len returns the number of terms in s.
func (s Set) Len() int { return len(s) / TermSize }

// Contains reports whether t is in s, by binary search.
func (s Set) Contains(t Term) bool {
	i, j := 0, s.Len()
	for i < j {
		h := int(uint(i+j) >> 1)
		switch c := bytes.Compare(s[h*TermSize:(h+1)*TermSize], t[:]); {
		case c == 0:
			return true
		case c < 0:
			i = h + 1
		default:
			j = h
		}
	}
	return false
}

// ParseSet returns b as a Set if it holds whole terms in strictly
// ascending order.
func ParseSet(b []byte) (Set, error) {
	if len(b)%TermSize != 0 {
		return nil, fmt.Errorf("search terms: %d bytes is not a whole number of terms", len(b))
	}
	for i := TermSize; i < len(b); i += TermSize {
		if bytes.Compare(b[i-TermSize:i], b[i:i+TermSize]) >= 0 {
			return nil, fmt.Errorf("search terms: not in ascending order")
		}
	}
	return Set(b), nil
}
