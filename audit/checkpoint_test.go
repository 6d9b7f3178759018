package audit

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
)

func TestParseCheckpointText(t *testing.T) {
	const root = "zNVtJb9yVpfKNPvCN5/8O2YmpSqgcb0kV1PBoyIt1dQ="
	good := "tvault/test\n3\n" + root + "\n"
	c, err := parseCheckpointText(good)
	if err != nil || c.origin != testOrigin || c.N != 3 || c.Hash.String() != root {
		t.Fatalf("parseCheckpointText = %+v, %v", c, err)
	}
	bad := map[string]string{
		"extension line":      good + "extension\n",
		"missing newline":     strings.TrimSuffix(good, "\n"),
		"missing hash":        "tvault/test\n3\n",
		"empty origin":        "\n3\n" + root + "\n",
		"origin with space":   "tvault test\n3\n" + root + "\n",
		"origin with plus":    "tvault+test\n3\n" + root + "\n",
		"size leading zero":   "tvault/test\n03\n" + root + "\n",
		"size negative":       "tvault/test\n-3\n" + root + "\n",
		"size not a number":   "tvault/test\nthree\n" + root + "\n",
		"hash short":          "tvault/test\n3\nzNVt\n",
		"hash not canonical":  "tvault/test\n3\n" + root[:42] + "R=\n",
		"hash unpadded":       "tvault/test\n3\n" + root[:43] + "\n",
		"hash in hex":         "tvault/test\n3\n" + strings.Repeat("ab", 32) + "\n",
		"CRLF":                strings.ReplaceAll(good, "\n", "\r\n"),
		"go.sum tree":         "go.sum database tree\n3\n" + root + "\n",
		"origin over 256":     strings.Repeat("o", 257) + "\n3\n" + root + "\n",
		"blank line":          "\n" + good,
		"size beyond int64":   "tvault/test\n9223372036854775808\n" + root + "\n",
		"two lines then hash": "tvault/test\n3\n\n" + root + "\n",
	}
	for name, in := range bad {
		if c, err := parseCheckpointText(in); err == nil {
			t.Errorf("%s: parseCheckpointText accepted it: %+v", name, c)
		}
	}
}

// TestStoredCheckpointCorrupt checks that a stored checkpoint that is not
// one stops every operation that relies on it, with store.ErrCorrupt.
func TestStoredCheckpointCorrupt(t *testing.T) {
	s := newLog(t, 3)
	old := get(t, s, []byte(checkpointKey))
	set(t, s, checkpointKey, "not a note\n")
	tests := map[string]func(tx store.Tx) error{
		"Export": func(tx store.Tx) error { return Export(tx, io.Discard) },
		"Prove": func(tx store.Tx) error {
			_, err := Prove(tx, 0)
			return err
		},
		"ProveConsistency": func(tx store.Tx) error {
			_, err := ProveConsistency(tx, old)
			return err
		},
		"SignCheckpoint": func(tx store.Tx) error {
			_, err := SignCheckpoint(tx, signer(t, testSKey), testOrigin)
			return err
		},
	}
	for name, fn := range tests {
		if err := s.Update(ctx, fn); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("%s = %v, want store.ErrCorrupt", name, err)
		}
	}
}

func FuzzParseCheckpointText(f *testing.F) {
	f.Add("tvault/test\n3\nzNVtJb9yVpfKNPvCN5/8O2YmpSqgcb0kV1PBoyIt1dQ=\n")
	f.Add("tvault/test\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parseCheckpointText(text)
		if err != nil {
			return
		}
		if again := formatCheckpoint(c.origin, c.Tree); again != text {
			t.Fatalf("accepted a non-canonical checkpoint %q; canonical %q", text, again)
		}
	})
}
