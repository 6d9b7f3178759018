package pseudonym

import (
	"errors"
	"fmt"
	"regexp"
	"testing"
)

var shape = regexp.MustCompile(`^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

func TestComputeStableAndSeparated(t *testing.T) {
	a, b := []byte("domain-key-a-32-bytes-long......"), []byte("domain-key-b-32-bytes-long......")
	seen := map[string]bool{}
	for i := range 1000 {
		id := fmt.Appendf(nil, "person-%d", i)
		p := Compute(a, id)
		if !shape.MatchString(p) {
			t.Fatalf("pseudonym %q has the wrong shape", p)
		}
		if Compute(a, id) != p {
			t.Fatal("pseudonym not stable")
		}
		if Compute(b, id) == p {
			t.Fatalf("person %d has the same pseudonym in two domains", i)
		}
		if got, err := Parse(p); err != nil || got != p {
			t.Fatalf("Parse(%q) = %q, %v", p, got, err)
		}
		seen[p] = true
	}
	if len(seen) != 1000 {
		t.Fatalf("%d distinct pseudonyms for 1000 persons", len(seen))
	}
	// Pinned: pseudonyms in exports must not change across versions.
	if got := Compute(a, []byte("person-0")); got != "P-WF8E-6DG0" {
		t.Errorf("Compute(a, person-0) = %s, want P-WF8E-6DG0", got)
	}
}

func TestParseCatchesEverySingleTypo(t *testing.T) {
	for i := range 200 {
		p := Compute([]byte("k"), fmt.Appendf(nil, "%d", i))
		for pos := 2; pos < len(p); pos++ {
			if p[pos] == '-' {
				continue
			}
			for _, c := range alphabet {
				if byte(c) == p[pos] {
					continue
				}
				typo := p[:pos] + string(c) + p[pos+1:]
				if _, err := Parse(typo); !errors.Is(err, ErrCheck) {
					t.Fatalf("typo %q of %q: Parse = %v, want ErrCheck", typo, p, err)
				}
			}
		}
	}
}

func TestParseForms(t *testing.T) {
	p := Compute([]byte("k"), []byte("x"))
	lower := "p-" + p[2:]
	for in, want := range map[string]string{p: p, lower: p, " " + p + "\n": p} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "P-", "P-1234-567", "P-1234-56789", "Q-1234-5678", "P-1234_5678", "P-12U4-5678", "P-1234-5678-9"} {
		if _, err := Parse(bad); !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrCheck) {
			t.Errorf("Parse(%q) = %v, want an error", bad, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Compute([]byte("k"), []byte("x")))
	f.Add("p-0000-0000")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		if again, err := Parse(c); err != nil || again != c {
			t.Fatalf("canonical form %q of %q does not parse to itself: %q, %v", c, s, again, err)
		}
		if !shape.MatchString(c) {
			t.Fatalf("canonical form %q has the wrong shape", c)
		}
	})
}
