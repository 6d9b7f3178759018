package names

import (
	"encoding/binary"
	"reflect"
	"slices"
	"sync"
)

// onceEvidence is evidence built once.
type onceEvidence struct {
	once sync.Once
	ev   *evidence
}

// evidenceOf returns the evidence of the evident set of one find. That of
// Everyone is built once per matcher and shared, read only: building it
// walks every person, which at 100,000 persons cost tens of
// milliseconds at each find with a capitalised word (an audit check runs
// one per operation).
//
// That of a small set (a record's persons) is built once for the finds
// that give the same set, as long as it is among the last few
// (evidenceCache).
func (m *Matcher) evidenceOf(evident map[string]bool) *evidence {
	if evident == nil || len(evident) != len(m.ids) || m.everyone == nil ||
		reflect.ValueOf(evident).UnsafePointer() != reflect.ValueOf(m.everyone).UnsafePointer() {
		if len(evident) == 0 || len(evident) > maxCachedEvident {
			return &evidence{ids: evident}
		}
		return m.recent.of(m, evident)
	}
	m.everyoneEv.once.Do(func() {
		ev := &evidence{ids: evident}
		m.build1(ev)
		m.everyoneEv.ev = ev
	})
	return m.everyoneEv.ev
}

// maxCachedEvident is the most IDs an evident set may have for its
// evidence to be kept (evidenceCache): a record's own persons.
const maxCachedEvident = 8

// cachedEvidences is how many sets' evidence a Matcher keeps: more than
// the records a daemon's clients read at once.
const cachedEvidences = 64

// evidenceCache keeps the built evidence of the last cachedEvidences
// small evident sets, by their content: a researcher view gives the
// same set for each field of a record, and find runs two or three times
// a field (FindEvident, spacedOut), each of which built the evidence
// anew, where it depends only on the set. An evidence kept is built
// before it is kept and never changed after (its address keys are made
// once, safe for goroutines), and each find is given a copy holding its
// own evident map.
type evidenceCache struct {
	mu    sync.Mutex
	built map[string]*evidence // by evidenceKey
	order [cachedEvidences]string
	next  int // the slot of order the next set kept replaces
}

// of returns the evidence of evident, which has 1 to maxCachedEvident IDs.
func (c *evidenceCache) of(m *Matcher, evident map[string]bool) *evidence {
	var scratch [512]byte
	key := evidenceKey(scratch[:0], evident)
	c.mu.Lock()
	kept, ok := c.built[string(key)]
	c.mu.Unlock()
	if !ok {
		kept = &evidence{ids: evident}
		m.build1(kept)
		kept.ids = nil // each find's copy holds its own
		c.mu.Lock()
		if _, ok := c.built[string(key)]; !ok {
			if c.built == nil {
				c.built = make(map[string]*evidence, cachedEvidences)
			}
			s := string(key)
			delete(c.built, c.order[c.next]) // none while the slots fill
			c.built[s], c.order[c.next] = kept, s
			c.next = (c.next + 1) % cachedEvidences
		}
		c.mu.Unlock()
	}
	ev := *kept
	ev.ids = evident
	return &ev
}

// evidenceKey appends to dst the IDs of evident in order, each with its
// value and its length before it, so that two sets have the same key
// only if they are the same.
func evidenceKey(dst []byte, evident map[string]bool) []byte {
	var ids [maxCachedEvident]string
	n := 0
	for id := range evident {
		ids[n] = id
		n++
	}
	slices.Sort(ids[:n])
	for _, id := range ids[:n] {
		v := byte(0)
		if evident[id] {
			v = 1
		}
		dst = binary.AppendUvarint(append(dst, v), uint64(len(id)))
		dst = append(dst, id...)
	}
	return dst
}
