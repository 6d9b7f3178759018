package redact

import (
	"slices"
	"strings"
	"sync"
)

// cues is a list of words wordStarts finds, made once with newCues. The
// lists made while the package initialises share one dictionary
// (cueWords), which a text is scanned for once, whatever list is asked
// for next: the recognisers ask for some fifty lists of each text, and
// looking each list's words up in the text again was a third of
// Recognise on the synthetic narratives (session 13). A list made later
// (a test's) has a dictionary of its own.
type cues struct {
	words []string
	short []string // the words under two bytes, found byte by byte
	dict  *cueDict // nil: not yet made
	id    int      // the list's index in dict
}

// cueDict is a dictionary of cue words: the distinct words of its lists,
// of two bytes or more, with their ASCII letters lower-cased, grouped by
// their first two bytes.
type cueDict struct {
	words []string
	// heads[k] is the first four bytes of word k (all of a shorter one,
	// the rest zero), little-endian, and masks[k] the bits heads[k]
	// holds of it: a word is matched at an offset of a text with one
	// comparison, most often its last.
	heads, masks []uint32
	uses         [][]cueUse // by word: the lists that hold it, and as which word
	// first[p] is the first of the words that start with the pair of
	// bytes p (a<<8 | b), and first[p+1] the end of them. pairs has the
	// bit of the pair of every word of two bytes, triples the bit of the
	// hash (triple) of the first three bytes of every longer one: a text
	// is looked at closer only where one is set, a few offsets in a
	// hundred of a narrative where a word's first pair is at a third.
	first          []uint32
	pairs, triples [1 << 10]uint64
	lists          []*cues
}

// cueUse is a word of a dictionary as word word of list list.
type cueUse struct{ list, word int32 }

var (
	// pendingCues are the lists made before init makes cueWords.
	pendingCues []*cues
	// cueWords is the dictionary of the package's lists, nil until
	// init makes it.
	cueWords *cueDict
)

func init() {
	cueWords = newCueDict(pendingCues)
	pendingCues = nil
}

// newCues returns the list of words, which must be made at package
// level so that it is in the package's dictionary (a list made later has
// a dictionary of its own: tests' lists).
func newCues(words ...string) *cues {
	cs := &cues{words: words}
	for _, w := range words {
		if len(w) < 2 {
			cs.short = append(cs.short, w)
		}
	}
	if cueWords == nil {
		pendingCues = append(pendingCues, cs)
	} else {
		newCueDict([]*cues{cs})
	}
	return cs
}

// newCueDict makes the dictionary of lists, and makes it theirs.
func newCueDict(lists []*cues) *cueDict {
	d := &cueDict{lists: lists, first: make([]uint32, 1<<16+1)}
	index := map[string]int{}
	for l, cs := range lists {
		cs.dict, cs.id = d, l
		for k, w := range cs.words {
			if len(w) < 2 {
				continue
			}
			w = asciiLower(w)
			i, ok := index[w]
			if !ok {
				i = len(d.words)
				index[w] = i
				d.words = append(d.words, w)
				d.uses = append(d.uses, nil)
			}
			d.uses[i] = append(d.uses[i], cueUse{list: int32(l), word: int32(k)})
		}
	}
	// Sorted, the words of a pair are together.
	order := make([]int, len(d.words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(d.words[a], d.words[b]) })
	words, uses := make([]string, len(order)), make([][]cueUse, len(order))
	d.heads, d.masks = make([]uint32, len(order)), make([]uint32, len(order))
	for k, i := range order {
		words[k], uses[k] = d.words[i], d.uses[i]
		for b := 0; b < min(len(words[k]), 4); b++ {
			d.heads[k] |= uint32(words[k][b]) << (8 * b)
			d.masks[k] |= 0xff << (8 * b)
		}
		p := pairOf(words[k])
		d.first[p+1]++
		if len(words[k]) == 2 {
			d.pairs[p>>6] |= 1 << (p & 63)
		} else {
			h := triple(d.heads[k])
			d.triples[h>>6] |= 1 << (h & 63)
		}
	}
	d.words, d.uses = words, uses
	for p := 1; p < len(d.first); p++ {
		d.first[p] += d.first[p-1]
	}
	return d
}

func pairOf(w string) int { return int(w[0])<<8 | int(w[1]) }

// triple hashes the first three bytes of head (a cueDict head) to 16
// bits.
func triple(head uint32) uint32 { return (head & 0xffffff) * 0x9e3779b1 >> 16 }

// cueScan is where the words of a dictionary may occur in a text: each
// offset where the text has a word's first four bytes (in either case),
// filed under every list that holds the word, in the order of the text.
// cueStarts checks the rest of the word, in the case it is asked for.
type cueScan struct {
	text  string
	dict  *cueDict
	lists [][]cueHit
}

// cueHit is an occurrence at offset at of word word of a list.
type cueHit struct{ at, word int32 }

// cueScans holds the scans of the last two texts wordStarts read: the
// recognisers read a text and its lower case, turn about. A pair is used
// by one call at a time, and one made for another text is made again.
var cueScans = sync.Pool{New: func() any { return new([2]cueScan) }}

// scan makes x the scan of text for d, reusing its memory.
func (x *cueScan) scan(text string, d *cueDict) {
	x.text, x.dict = text, d
	if cap(x.lists) < len(d.lists) {
		x.lists = make([][]cueHit, len(d.lists))
	}
	x.lists = x.lists[:len(d.lists)]
	for l := range x.lists {
		x.lists[l] = x.lists[l][:0]
	}
	t := asciiLower(text) // text itself, as callers give, when lower case
	// head holds t's four bytes from i, little-endian, zero past the end.
	var head uint32
	for b := 0; b < min(3, len(t)); b++ {
		head |= uint32(t[b]) << (8 * (b + 1))
	}
	for i := 0; i+1 < len(t); i++ {
		head >>= 8
		if i+3 < len(t) {
			head |= uint32(t[i+3]) << 24
		}
		h := uint16(triple(head))
		p := uint16(head)<<8 | uint16(head>>8)&0xff // the pair, first byte high
		if d.triples[h>>6]&(1<<(h&63)) == 0 && d.pairs[p>>6]&(1<<(p&63)) == 0 {
			continue
		}
		for k := d.first[p]; k < d.first[p+1]; k++ {
			if head&d.masks[k] != d.heads[k] {
				continue
			}
			for _, u := range d.uses[k] {
				x.lists[u.list] = append(x.lists[u.list], cueHit{at: int32(i), word: u.word})
			}
		}
	}
}

// wordStarts returns the offsets of every occurrence of each of the
// words of cs in s, ascending and without repeats; an occurrence of a
// word that overlaps the one before it of the same word is not one.
func wordStarts(s string, cs *cues) []int {
	return cueStarts(s, s, cs)
}

// cueStarts is wordStarts(s, cs) for a text read also in another case:
// lower is s with its ASCII letters in any case (asciiLower(s)), and is
// scanned and kept in place of s, so that the scan of a text serves the
// lists looked for in it and in its lower case.
func cueStarts(s, lower string, cs *cues) []int {
	if s == "" {
		return nil
	}
	if len(s) > maxScanned || len(lower) != len(s) || cs.dict == nil {
		return scanWordStarts(s, cs.words)
	}
	xs := cueScans.Get().(*[2]cueScan)
	defer cueScans.Put(xs)
	if xs[0].text != lower || xs[0].dict != cs.dict {
		xs[0], xs[1] = xs[1], xs[0]
		if xs[0].text != lower || xs[0].dict != cs.dict {
			xs[0].scan(lower, cs.dict)
		}
	}
	hits := xs[0].lists[cs.id]
	var out []int
	if len(hits) > 0 {
		out = make([]int, 0, len(hits))
		// next[k]: where the next occurrence of word k may start.
		var buf [256]int32
		next := buf[:min(len(cs.words), len(buf))]
		if len(cs.words) > len(buf) {
			next = make([]int32, len(cs.words))
		}
		for _, h := range hits {
			w := cs.words[h.word]
			if h.at < next[h.word] || !strings.HasPrefix(s[h.at:], w) {
				continue
			}
			next[h.word] = h.at + int32(len(w))
			if n := len(out); n == 0 || out[n-1] != int(h.at) {
				out = append(out, int(h.at))
			}
		}
	}
	if len(cs.short) > 0 {
		for _, w := range cs.short {
			out = appendByteStarts(out, s, w)
		}
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}
