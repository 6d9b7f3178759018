package badgerstore

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

func TestTableRecordFormat(t *testing.T) {
	r := &tableRecord{closed: true, version: 41, sums: tableSums{3: sha256.Sum256([]byte("c")), 12: sha256.Sum256([]byte("l"))}}
	data := r.marshal()
	got, err := parseTableRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.marshal(), data) || !got.closed || got.version != 41 || len(got.sums) != 2 {
		t.Fatalf("round trip: %q", got.marshal())
	}
	r.db = "00112233445566778899aabbccddeeff"
	if got, err := parseTableRecord(r.marshal()); err != nil || got.db != r.db || !bytes.Equal(got.marshal(), r.marshal()) {
		t.Fatalf("round trip of a v2 record: %v", err)
	}
	sum := "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6"
	for _, bad := range []string{
		"",
		"tvault-tables/v1\n",
		"tvault-tables/v1\nclosed",
		"tvault-tables/v2\nclosed 1\n",
		"tvault-tables/v1\nclosed\n",
		"tvault-tables/v1\nclosed 01\n",
		"tvault-tables/v1\nclosed -1\n",
		"tvault-tables/v1\nclosed  1\n",
		"tvault-tables/v1\nshut\n",
		"tvault-tables/v1\nopen\n3 " + sum + "\n3 " + sum + "\n",
		"tvault-tables/v1\nopen\n4 " + sum + "\n3 " + sum + "\n",
		"tvault-tables/v1\nopen\n03 " + sum + "\n",
		"tvault-tables/v1\nopen\n+3 " + sum + "\n",
		"tvault-tables/v1\nopen\n3 " + sum[:62] + "\n",
		"tvault-tables/v1\nopen\n3 " + sum[:63] + "X\n",
		"tvault-tables/v1\nopen\n3  " + sum + "\n",
		"tvault-tables/v1\nopen\n3 " + string(bytes.ToUpper([]byte(sum))) + "\n",
		"tvault-tables/v1\nopen\n\n",
		"tvault-tables/v1\r\nopen\n",
		"tvault-tables/v2\nopen\n",
		"tvault-tables/v2\ndb 00112233445566778899aabbccddeeff\n",
		"tvault-tables/v2\ndb 00112233445566778899AABBCCDDEEFF\nopen\n",
		"tvault-tables/v2\ndb 00112233445566778899aabbccddee\nopen\n",
		"tvault-tables/v2\ndb  00112233445566778899aabbccddeeff\nopen\n",
	} {
		if _, err := parseTableRecord([]byte(bad)); err == nil {
			t.Errorf("parsed %q", bad)
		}
	}
	if _, err := parseTableRecord([]byte("tvault-tables/v1\nopen\n")); err != nil {
		t.Errorf("a record of no tables: %v", err)
	}
}

// FuzzTableRecord checks that the parser accepts only what marshal
// writes: one encoding per record.
func FuzzTableRecord(f *testing.F) {
	f.Add([]byte("tvault-tables/v1\nclosed 7\n1 2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6\n"))
	f.Add([]byte("tvault-tables/v1\nopen\n"))
	f.Add([]byte("tvault-tables/v2\ndb 00112233445566778899aabbccddeeff\nclosed 7\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := parseTableRecord(data)
		if err != nil {
			return
		}
		if out := r.marshal(); !bytes.Equal(out, data) {
			t.Fatalf("parsed %q, which marshals as %q", data, out)
		}
	})
}
