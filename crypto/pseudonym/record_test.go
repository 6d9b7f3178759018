package pseudonym

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var recordShape = regexp.MustCompile(`^R-[0-9A-HJKMNP-TV-Z]{26}$`)

func TestRecordRoundTripAndSeparated(t *testing.T) {
	a, b := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	seen := map[string]bool{}
	for i := range 1000 {
		var id [RecordIDSize]byte
		copy(id[:], fmt.Sprintf("rec-%012d", i))
		p := Record(a, id)
		if !recordShape.MatchString(p) {
			t.Fatalf("record pseudonym %q has the wrong shape", p)
		}
		if Record(a, id) != p {
			t.Fatal("record pseudonym not stable")
		}
		if Record(b, id) == p {
			t.Fatalf("record %d has the same pseudonym in two domains", i)
		}
		for _, form := range []string{p, strings.ToLower(p), " " + p + "\n"} {
			if got, err := RecordID(a, form); err != nil || got != id {
				t.Fatalf("RecordID(%q) = %x, %v; want %x", form, got, err, id)
			}
			if c, err := ParseRecord(form); err != nil || c != p {
				t.Fatalf("ParseRecord(%q) = %q, %v; want %q", form, c, err, p)
			}
		}
		// Another domain's key deciphers it to another ID.
		if got, err := RecordID(b, p); err != nil || got == id {
			t.Fatalf("a pseudonym of domain a deciphers under b's key to %x, %v", got, err)
		}
		seen[p] = true
	}
	if len(seen) != 1000 {
		t.Fatalf("%d distinct pseudonyms for 1000 records", len(seen))
	}
	// Pinned (openssl enc -aes-256-ecb agrees): record pseudonyms in
	// exports must not change across versions.
	var zero [RecordIDSize]byte
	if got, want := Record(a, zero), "R-EACCN9B50CFAVHPE4F93X9K3F0"; got != want {
		t.Errorf("Record(a, zero) = %s, want %s", got, want)
	}
}

func TestRecordLookAlikes(t *testing.T) {
	key := bytes.Repeat([]byte{1}, 32)
	p := Record(key, [RecordIDSize]byte{}) // R-EACCN9B50CFAVHPE4F93X9K3F0
	if c, err := ParseRecord("r-eaccn9b5ocfavhpe4f93x9k3fo"); err != nil || c != p {
		t.Fatalf("ParseRecord with O for 0 = %q, %v; want %s", c, err, p)
	}
}

func TestRecordIDRejects(t *testing.T) {
	key := bytes.Repeat([]byte{1}, 32)
	good := Record(key, [RecordIDSize]byte{})
	for _, bad := range []string{
		"", "R-", good[2:], "P-" + good[2:], good + "0", good[:len(good)-1],
		good[:len(good)-1] + "1", // non-zero trailing bits
		good[:5] + "U" + good[6:], "R-" + strings.Repeat("=", 26),
	} {
		if _, err := RecordID(key, bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("RecordID(%q) = %v, want ErrMalformed", bad, err)
		}
		if _, err := ParseRecord(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("ParseRecord(%q) = %v, want ErrMalformed", bad, err)
		}
	}
}
