package testimony_test

import (
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/testimony"
)

// BenchmarkParse parses a synthetic testimony of about 4 KiB, the size
// of a batch put's.
func BenchmarkParse(b *testing.B) {
	data := synthetic.Testimony(1).Canonical()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := testimony.ParseBytes("t.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
