package names

import (
	"math/rand/v2"
	"testing"
)

// mapIndex is the index as a map of every form and proper prefix of one,
// as it was before formIndex: the reference lookup must agree with.
func mapIndex(x *formIndex) map[string]entry {
	index := map[string]entry{}
	for i := range x.ends {
		key := string(x.form(i))
		e := index[key]
		e.first, e.n = x.first[i], x.first[i+1]-x.first[i]
		index[key] = e
		for k := range key {
			if k > 0 {
				p := index[key[:k]]
				p.prefix = true
				index[key[:k]] = p
			}
		}
	}
	return index
}

// TestLookup checks lookup against a map of forms and prefixes on a few
// thousand persons of several scripts, for every key of the map, each
// form with a letter more or less, and the words and runs of words of a
// narrative, folded as Find folds them.
func TestLookup(t *testing.T) {
	t.Parallel()
	persons := append(append(vaultPersons(2000), benchPersons(2000)...), classPersons()...)
	m := newMatcher(t, persons)
	want := mapIndex(&m.index)
	if len(want) < 10_000 {
		t.Fatalf("only %d keys: the test would prove little", len(want))
	}
	check := func(key string) {
		t.Helper()
		e, ok := m.lookup([]byte(key))
		w, wok := want[key]
		if ok != wok || e != w {
			t.Fatalf("lookup(%q) = %+v, %v; want %+v, %v", key, e, ok, w, wok)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for key := range want {
		check(key)
		check(key + "a")
		check(key + "민")
		check(key[:len(key)-1]) // maybe not on a rune boundary
		if len(key) > 2 {
			check(key[1:])
			k := []byte(key)
			k[r.IntN(len(k))] ^= byte(1 + r.IntN(255))
			check(string(k))
		}
	}
	text := benchNarrative(benchPersons(2000), 64<<10)
	words, buf := tokenize(text, m.fold, nil, nil)
	for i := range words {
		for j := i; j < min(len(words), i+4); j++ {
			check(string(buf[words[i].fstart:words[j].fend]))
		}
	}
	check("")
}
