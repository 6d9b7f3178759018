package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/heappeak"
)

// viewCommands are the commands that render a researcher view of one
// record, ID standing for it.
var viewCommands = [][]string{
	{"get", "ID", "--view", "researcher"},
	{"redact", "check", "ID"},
	{"export", "--view", "researcher", "--purpose", "heap"},
}

// heapVault makes a vault at the keyring's low work factor holding one
// testimony whose narrative is piece repeated to size bytes, and returns
// a function that runs tvault in this process, its output discarded, and
// returns the peak heap the command needed (heappeak.During).
func heapVault(tb testing.TB, piece string, size int) func(args ...string) uint64 {
	tb.Cleanup(keyring.TestOnlyLowWorkFactor())
	gc := debug.SetGCPercent(100) // open sets it; put it back after
	tb.Cleanup(func() { debug.SetGCPercent(gc) })
	dir := tb.TempDir()
	tb.Setenv("TVAULT_DIR", filepath.Join(dir, "vault"))
	tb.Setenv("TVAULT_STATE_DIR", filepath.Join(dir, "state"))
	tb.Setenv("TVAULT_PASSPHRASE_FILE", filepath.Join(dir, "pass"))
	tb.Setenv("GOGC", "")
	doc := map[string]any{
		"case":      "H-1",
		"title":     "Kim Eunju remembers",
		"witness":   map[string]any{"key": "W-1", "name": "Kim Eunju", "birth_year": 1980, "contact": "+82 10-4821-7730"},
		"persons":   []any{map[string]any{"key": "W-2", "name": "박민서", "relation": "sister of PARK MINSEO"}},
		"consent":   map[string]any{"research": true},
		"tags":      []string{"border"},
		"narrative": strings.Repeat(piece, size/len(piece)),
	}
	data, err := json.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	for name, data := range map[string][]byte{"pass": []byte("heap test passphrase\n"), "doc.json": data} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	// tvault runs a command with standard output into dir/out.
	tvault := func(args ...string) string {
		tb.Helper()
		out, err := os.Create(filepath.Join(dir, "out"))
		if err != nil {
			tb.Fatal(err)
		}
		defer out.Close()
		stdout := os.Stdout
		os.Stdout = out
		defer func() { os.Stdout = stdout }()
		if err := run(args); err != nil {
			tb.Fatalf("tvault %s: %v", strings.Join(args, " "), err)
		}
		got, err := os.ReadFile(out.Name())
		if err != nil {
			tb.Fatal(err)
		}
		return string(got)
	}
	tvault("init")
	id := strings.TrimSpace(tvault("put", filepath.Join(dir, "doc.json")))
	return func(args ...string) uint64 {
		tb.Helper()
		args = append([]string(nil), args...)
		for i, a := range args {
			if a == "ID" {
				args[i] = id
			}
		}
		peak, _ := heappeak.During(func() { tvault(args...) })
		return peak
	}
}

// TestViewHeap checks what a researcher view of a record needs: its peak
// heap may exceed that of list (the open: the store's memtable, caches)
// by under 128 MiB, the bound of issue 13 for a 15 MiB narrative, here
// for 2 MiB of nothing but a registered given name, whose view is 2.3
// times the text and whose rendering allocates 100 times it, so that the
// race detector keeps the test short. The peak counts garbage not yet
// collected: at the default GOGC the collector let it grow past the bound
// (package gcpace). BenchmarkViewHeap gives the figures at 15 MiB;
// TestCommandMemory checks the commands' RSS at the real work factor.
func TestViewHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 2 MiB narrative three times")
	}
	tvault := heapVault(t, "Eunju ", 2<<20)
	open := tvault("list")
	t.Logf("list: peak heap %.1f MiB", float64(open)/(1<<20))
	for _, args := range viewCommands {
		peak := tvault(args...)
		t.Logf("%s: peak heap %.1f MiB", args[0], float64(peak)/(1<<20))
		if peak > open && peak-open >= 128<<20 {
			t.Errorf("tvault %s: peak heap %d MiB above list's %d MiB, want under 128 MiB", strings.Join(args, " "), (peak-open)>>20, open>>20)
		}
	}
}

// BenchmarkViewHeap reports the peak heap of each researcher view
// command above that of list (peak-MiB), for a 15 MiB narrative of each
// kind: docs/BENCHMARKS.md.
func BenchmarkViewHeap(b *testing.B) {
	for _, text := range []struct{ name, piece string }{
		{"english", "When we were 16, 17, Kim Eunju and Auntie Park met at Onsong Girls' Middle School; call +82 10-4821-7730 or eunju.kim80@example.org. The Kim dynasty survives. "},
		{"names", "Eunju "},
		{"hangul", "민서 "},
	} {
		tvault := heapVault(b, text.piece, 15<<20)
		open := tvault("list")
		for _, args := range viewCommands {
			b.Run(text.name+"/"+args[0], func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					peak = max(peak, tvault(args...))
				}
				b.ReportMetric((float64(peak)-float64(open))/(1<<20), "peak-MiB")
			})
		}
	}
}
