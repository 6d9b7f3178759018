// Command registrymem shows what the registry-wide parts of a researcher
// view and of the audit screen hold: the live Go heap, after a
// collection, of the name matcher (names.NewMatcher), the screen
// (view.NewScreener: the registered values' phrases, numbers and
// residences) and the evidence of everyone its first screen builds (the
// skeletons of every person's full names), for a registry shaped
// as bench/fillvault's (a witness with a phone number and a person a
// testimony, internal/synthetic's names), with -residences a residence
// each besides, which the fixture's persons do not have.
//
//	registrymem [-n TESTIMONIES] [-residences] [-prof FILE]
//
// With -prof it writes a heap profile at the end (go tool pprof
// -sample_index=inuse_space).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/view"
)

func main() {
	n := flag.Int("n", 50000, "testimonies: two registered persons each")
	residences := flag.Bool("residences", false, "give every person a residence")
	prof := flag.String("prof", "", "write a heap profile to `file` at the end")
	flag.Parse()

	var list []names.Person
	for i := range *n {
		// As fillvault stores them: a contact and a residence each, empty
		// or not (vault's regPerson).
		w := names.Person{ID: fmt.Sprintf("w%06d", i), Name: fmt.Sprintf("Bench Witness%d", i), Values: []string{"+82 10-0000-0000", ""}}
		p := names.Person{ID: fmt.Sprintf("p%06d", i), Name: fmt.Sprintf("Bench Person%d", i), Values: []string{"", ""}}
		if *residences {
			// Streets shared by many (Harbour Road) and one a person.
			w.Values[1] = fmt.Sprintf("%d Harbour Road, flat %d, Leith EH6 %dLP", i%300+1, i%90+1, i%9+1)
			p.Values[1] = fmt.Sprintf("ул. Ленина%d, д. %d, кв. %d", i, i%200+1, i%80+1)
		}
		list = append(list, w, p)
	}
	base := live()
	t := time.Now()
	m, err := names.NewMatcher(list)
	if err != nil {
		log.Fatal(err)
	}
	tm, hm := time.Since(t), live()
	t = time.Now()
	sc := view.NewScreener(m, list)
	ts, hs := time.Since(t), live()
	// The first screen of a capitalised name builds the evidence of
	// everyone (the skeletons of every person's full names).
	t = time.Now()
	sc.Screen("Maria Santos follow-up")
	te, he := time.Since(t), live()
	fmt.Printf("%d persons: matcher %.1f MiB (%.1f s), screen %.1f MiB (%.1f s), everyone's evidence %.1f MiB (%.1f s)\n",
		len(list), mib(hm-base), tm.Seconds(), mib(hs-hm), ts.Seconds(), mib(he-hs), te.Seconds())
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
	runtime.KeepAlive(sc)
	runtime.KeepAlive(list)
}

// live returns the bytes of the heap's live objects.
func live() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
