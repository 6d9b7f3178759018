package names

import (
	"reflect"
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
func (m *Matcher) evidenceOf(evident map[string]bool) *evidence {
	if evident == nil || len(evident) != len(m.ids) || m.everyone == nil ||
		reflect.ValueOf(evident).UnsafePointer() != reflect.ValueOf(m.everyone).UnsafePointer() {
		return &evidence{ids: evident}
	}
	m.everyoneEv.once.Do(func() {
		ev := &evidence{ids: evident}
		m.build1(ev)
		m.everyoneEv.ev = ev
	})
	return m.everyoneEv.ev
}
