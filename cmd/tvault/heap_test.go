package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/heappeak"
	"github.com/tvault/tvault/internal/processtest"
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

// TestViewHeap checks that what a researcher view of a record needs grows
// with its narrative by under viewBytesPerByte bytes of peak heap per byte
// of narrative: each command's peak heap above that of list (the open:
// the store's memtable, caches) is measured for two narratives of nothing
// but a registered given name, whose view is 2.3 times the text, and the
// difference is bounded. The view of a 15 MiB narrative peaks about
// 100 MiB above the open (issue 13 bounds it at 128 MiB, BenchmarkViewHeap
// and docs/BENCHMARKS.md give the figures), 5 to 7 bytes a byte; a
// rendering that held its garbage needed 65 (978 MiB). The peak counts
// garbage not yet collected: at the default GOGC (package gcpace) it grows
// by 26 to 33 MiB between these two narratives, failing the test. Two
// small narratives keep the test short under the race detector.
// TestCommandMemory checks the commands' RSS at the real work factor.
//
// At gcpace's GOGC the small render mostly stays under the collector's
// goal, a quarter above the heap it marked, which the memtable's 42 MB
// make about 13 MiB away, and the large one is stopped by it: the growth
// measured is mostly that slack, a constant, and varies with where a
// collection starts. So the narratives are 768 KiB apart (a 24 MiB bound,
// about twice the growth seen), and the test measures in a process of its
// own (processtest.Alone, beside the other tests) whose collections stop the
// world (GODEBUG gcstoptheworld=1): a
// concurrent mark lets the render allocate while it runs, longer on a
// loaded machine, and one 640 KiB peak reached 78 MiB where the others
// were 69 to 74. Between 128 and 640 KiB, command by command, the growth
// reached 16.3 MiB of a 16 MiB bound with concurrent collections and 14.3
// with collections that stop the world; at 896 KiB, 13.3 of 24.
func TestViewHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a researcher view of two narratives three times each")
	}
	if !processtest.Alone(t, "GODEBUG="+strings.TrimPrefix(os.Getenv("GODEBUG")+",gcstoptheworld=1", ",")) {
		return
	}
	sizes := [2]int{128 << 10, 896 << 10}
	var above [2][]int64 // per size, each command's peak above list's
	for i, size := range sizes {
		t.Run(fmt.Sprintf("%dKiB", size>>10), func(t *testing.T) {
			tvault := heapVault(t, "Eunju ", size)
			if i == 0 {
				// Untimed: the first view compiles the patterns package
				// redact compiles at first use, which the process then
				// keeps; measured, they would count in the small
				// narrative's peaks only.
				tvault(viewCommands[1]...)
			}
			open := tvault("list")
			t.Logf("list: peak heap %.1f MiB", float64(open)/(1<<20))
			for _, args := range viewCommands {
				peak := tvault(args...)
				t.Logf("%s: peak heap %.1f MiB", args[0], float64(peak)/(1<<20))
				above[i] = append(above[i], int64(peak)-int64(open))
			}
		})
	}
	if t.Failed() {
		return
	}
	limit := int64(viewBytesPerByte * (sizes[1] - sizes[0]))
	for c, args := range viewCommands {
		if growth := above[1][c] - above[0][c]; growth >= limit {
			t.Errorf("tvault %s: peak heap above list's grew by %.1f MiB from a %d KiB narrative to a %d KiB one, want under %d MiB (%d bytes a byte)",
				strings.Join(args, " "), float64(growth)/(1<<20), sizes[0]>>10, sizes[1]>>10, limit>>20, viewBytesPerByte)
		}
	}
}

// viewBytesPerByte bounds the peak heap a researcher view needs per byte
// of narrative (TestViewHeap).
const viewBytesPerByte = 32

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
