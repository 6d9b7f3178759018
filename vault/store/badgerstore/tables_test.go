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
	for _, vlogs := range []vlogSizes{{}, {1: 21, 7: 268435456}} {
		r.vlogs = vlogs
		got, err := parseTableRecord(r.marshal())
		if err != nil || !bytes.HasPrefix(r.marshal(), []byte("tvault-tables/v3\n")) || !bytes.Equal(got.marshal(), r.marshal()) || len(got.vlogs) != len(vlogs) || got.vlogs == nil {
			t.Fatalf("round trip of a v3 record: %q: %v", r.marshal(), err)
		}
	}
	r.closed = false
	if got, err := parseTableRecord(r.marshal()); err != nil || got.vlogs != nil || !bytes.HasPrefix(r.marshal(), []byte("tvault-tables/v2\n")) {
		t.Fatalf("a record of an open database: %q: %v", r.marshal(), err)
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
		"tvault-tables/v2\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1 100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nopen\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1 100\n3 " + sum + "\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 2 100\nvlog 1 100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1 100\nvlog 1 100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1 20\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1 0100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 4294967296 100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1  100\n",
		"tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 1\nvlog 1\n",
		"tvault-tables/v3\nclosed 1\n",
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
	f.Add([]byte("tvault-tables/v3\ndb 00112233445566778899aabbccddeeff\nclosed 7\nvlog 1 4096\n"))
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
