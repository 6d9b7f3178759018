package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestDamage damages real database files that badgerstore wrote, one kind
// of damage at a time, and reads every key back with Get and with Scan.
// Every answer must be the value written last, ErrNotFound for a key that
// is not there, or an error wrapping store.ErrCorrupt; or Open must refuse
// the directory with such an error naming a file. Anything else (a key
// missing, an older or wrong value, a deleted key back, a panic) is a
// silent wrong answer: the test counts them per kind of damage and fails on
// one, except in the kinds marked as known gaps, whose counts it reports.
func TestDamage(t *testing.T) {
	t.Parallel()
	fixtures := buildFixtures(t)
	cases := damageCases(t, fixtures)

	var mu sync.Mutex
	tallies := map[string]*tally{}
	var kinds []string
	for _, c := range cases {
		if tallies[c.kind] == nil {
			tallies[c.kind] = &tally{gap: c.gap}
			kinds = append(kinds, c.kind)
		}
	}
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				o := runCase(t, c)
				mu.Lock()
				tallies[c.kind].add(o)
				mu.Unlock()
				if len(o.silent) > 0 && c.gap == "" {
					t.Errorf("%d silent wrong answers, e.g. %s", len(o.silent), o.silent[0])
				}
				if o.openErr != nil {
					t.Errorf("Open failed without naming a damaged file as corrupt: %v", o.openErr)
				}
				if o.otherErrs > 0 {
					t.Errorf("%d reads failed with an error that is not ErrCorrupt, e.g. %v", o.otherErrs, o.otherErr)
				}
				if c.kind == "none" && (o.refused || o.detected > 0) {
					t.Errorf("an undamaged database: refused %v, %d reads failed", o.refused, o.detected)
				}
				if o.changed != "" {
					t.Errorf("Open refused the directory and changed it: %s", o.changed)
				}
				if c.refuse && !o.refused {
					t.Errorf("Open accepted the directory; %d reads failed", o.detected)
				}
			})
		}
	})
	t.Logf("%-32s %5s %7s %8s %7s %7s %7s %7s", "damage", "cases", "refused", "detected", "correct", "silent", "answers", "other")
	for _, k := range kinds {
		n := tallies[k]
		t.Logf("%-32s %5d %7d %8d %7d %7d %7d %7d%s", k, n.cases, n.refused, n.detected, n.correct, n.silentCases, n.silentAnswers, n.other, n.gapNote())
	}
}

// A fixture is a database directory that badgerstore wrote, and what was
// written to it.
type fixture struct {
	dir string
	h   *history
	// snapshots are copies of dir taken after earlier sessions.
	snapshots []string
	files     map[string]dirimage.Image // dir's files, for the cases to copy
	// tables is the record of the tables kept outside dir
	// (Options.Tables) as it was when files were taken.
	tables []byte
}

// names returns the fixture's file names in order.
func (fx *fixture) names() []string { return slices.Sorted(maps.Keys(fx.files)) }

// history records every value written to each key.
type history struct {
	last  map[string][]byte   // live keys and their last values
	older map[string][][]byte // values a key had before, deleted keys' included
	keys  []string            // every key ever written and one never written
}

func (h *history) apply(sets map[string][]byte, dels []string) {
	for k, v := range sets {
		if old, ok := h.last[k]; ok {
			h.older[k] = append(h.older[k], old)
		}
		h.last[k] = v
		if !slices.Contains(h.keys, k) {
			h.keys = append(h.keys, k)
		}
	}
	for _, k := range dels {
		if old, ok := h.last[k]; ok {
			h.older[k] = append(h.older[k], old)
			delete(h.last, k)
		}
	}
	slices.Sort(h.keys)
}

// writes returns values for keys lo..hi-1 written in session n: every
// third key large enough for Badger's value log, the others small enough
// to live in a table, so that each session changes some keys between the
// two.
func writes(n, lo, hi int) map[string][]byte {
	m := map[string][]byte{}
	for i := lo; i < hi; i++ {
		k := fmt.Sprintf("k%03d", i)
		size := 200
		if (i+n)%3 == 0 {
			size = 6 << 10
		}
		m[k] = bytes.Repeat([]byte(fmt.Sprintf("%s@%d;", k, n)), size/7)
	}
	return m
}

func keyNames(lo, hi int) []string {
	var ks []string
	for i := lo; i < hi; i++ {
		ks = append(ks, fmt.Sprintf("k%03d", i))
	}
	return ks
}

// A step is one session of writes to a fixture: Open, one transaction of
// sets and deletes, Close.
type step struct {
	sets map[string][]byte
	dels []string
	// snapshot copies the directory after the session; flatten compacts
	// every table into one level before Close; crash copies the directory
	// while the store is still open, which is the fixture then.
	snapshot, flatten, crash bool
}

// layered writes three sessions; each close leaves one more level-0 table
// and value-log file, and later sessions overwrite and delete keys of
// earlier ones, so that older versions sit in older tables.
var layered = []step{
	{sets: writes(1, 0, 60), snapshot: true},
	{sets: merge(writes(2, 0, 20), writes(2, 60, 80)), dels: keyNames(40, 45)},
	{sets: merge(writes(3, 10, 30), writes(3, 80, 100), writes(3, 41, 42)), dels: keyNames(60, 63)},
}

// compacted is layered and three sessions more, then every table
// compacted into one level (Badger compacts level 0 from five tables on):
// the first tables are gone, and the snapshot keeps them.
var compacted = slices.Concat(layered,
	[]step{{sets: writes(4, 80, 85)}, {sets: writes(5, 100, 105)}, {sets: writes(6, 120, 125)},
		{sets: writes(7, 0, 3), flatten: true}})

// crashed is layered and one more session, copied while the store is open:
// what a crash (or cp -a of a running vault) leaves, with the write-ahead
// log (.mem) holding the last session and Badger's LOCK file left behind.
var crashed = append(slices.Clone(layered),
	step{sets: merge(writes(4, 30, 40), writes(4, 100, 110)), dels: keyNames(0, 2), crash: true})

func merge(ms ...map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

func historyOf(steps []step) *history {
	h := &history{last: map[string][]byte{}, older: map[string][][]byte{}, keys: []string{"never-written"}}
	for _, s := range steps {
		h.apply(s.sets, s.dels)
	}
	return h
}

// build writes steps with badgerstore into a new directory.
func build(t *testing.T, steps []step) *fixture {
	fx := &fixture{dir: t.TempDir(), h: historyOf(steps)}
	dir := fx.dir
	record := filepath.Join(t.TempDir(), "tables")
	for _, st := range steps {
		if st.crash {
			dir = t.TempDir()
			dirimage.Copy(t, fx.dir, dir)
		}
		s, err := badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Tables: record})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Update(context.Background(), func(tx store.Tx) error {
			for _, k := range slices.Sorted(maps.Keys(st.sets)) {
				if err := tx.Set([]byte(k), st.sets[k]); err != nil {
					return err
				}
			}
			for _, k := range st.dels {
				if err := tx.Delete([]byte(k)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if st.flatten {
			if err := badgerstore.Flatten(s); err != nil {
				t.Fatal(err)
			}
		}
		if st.crash {
			fx.files = dirimage.Load(t, dir)
			fx.tables = readFile(t, record)
			fx.dir = t.TempDir()
			dirimage.Write(t, fx.dir, fx.files)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if st.snapshot {
			snap := t.TempDir()
			dirimage.Copy(t, dir, snap)
			fx.snapshots = append(fx.snapshots, snap)
		}
	}
	if fx.files == nil {
		fx.files = dirimage.Load(t, fx.dir)
		fx.tables = readFile(t, record)
	}
	return fx
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type fixtures struct {
	layered, compacted, crashed *fixture
}

func buildFixtures(t *testing.T) fixtures {
	fx := fixtures{layered: build(t, layered), compacted: build(t, compacted), crashed: build(t, crashed)}
	if _, err := os.Stat(filepath.Join(fx.compacted.dir, "000001.sst")); err == nil {
		t.Fatal("compacted fixture: 000001.sst still there after Flatten")
	}
	if !hasFile(t, fx.crashed.dir, ".mem") || !hasFile(t, fx.crashed.dir, "LOCK") {
		t.Fatal("crashed fixture: no write-ahead log or LOCK file")
	}
	return fx
}

func hasFile(t *testing.T, dir, suffix string) bool {
	for _, n := range fileNames(t, dir) {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names
}

// A damageCase damages a copy of a fixture.
type damageCase struct {
	kind, name string
	fx         *fixture
	// gap, if set, says why this kind of damage cannot be told from a
	// legitimate state at the store layer: its silent answers are counted
	// and reported, not failed.
	gap string
	// refuse says that Open must refuse the damaged copy, naming a file:
	// damage that reads would otherwise meet one record at a time.
	refuse bool
	damage func(t *testing.T, dir string)
}

const offsetsPerFile = 25

func damageCases(t *testing.T, fx fixtures) []damageCase {
	var cases []damageCase
	add := func(kind, name string, f *fixture, gap string, damage func(t *testing.T, dir string)) {
		cases = append(cases, damageCase{kind: kind, name: kind + "/" + name, fx: f, gap: gap, damage: damage})
	}
	rng := rand.New(rand.NewPCG(12, 0))

	// The controls: each fixture as it is, which Open must accept whole.
	for i, f := range []*fixture{fx.layered, fx.compacted, fx.crashed} {
		add("none", []string{"layered", "compacted", "crashed"}[i], f, "", func(*testing.T, string) {})
	}

	// A flipped bit in every file of a closed database, at offsets spread
	// over the file (always its first and last byte).
	for _, name := range fx.layered.names() {
		n := offsetsPerFile
		if name == "DISCARD" {
			// Statistics for choosing what to garbage-collect, read by
			// Badger as they are: a few offsets show it.
			n = 5
		}
		for _, off := range sampleOffsets(rng, fx.layered.files[name].Size, n) {
			bit := byte(1) << (off % 8)
			add("flip "+fileKind(name), fmt.Sprintf("%s@%d", name, off), fx.layered, "", func(t *testing.T, dir string) {
				dirimage.Flip(t, filepath.Join(dir, name), off, bit)
			})
		}
	}
	truncate := func(name string, n int64) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := os.Truncate(filepath.Join(dir, name), n); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range fx.layered.names() {
		size := fx.layered.files[name].Size
		kind := fileKind(name)
		switch kind {
		case "sst", "vlog":
			for _, n := range []int64{0, 20, size / 2, size - 1} {
				add("truncate "+kind, fmt.Sprintf("%s@%d", name, n), fx.layered, "", truncate(name, n))
			}
		}
		add("delete "+kind, name, fx.layered, "", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		})
		if kind == "vlog" {
			// Cut after a whole entry: every entry left passes its
			// checksum, as in an older copy of the file. Only the record
			// of the value log tells.
			offsets, _ := badgerstore.LogEntries(fx.layered.files[name].Data)
			for _, n := range []int64{int64(offsets[len(offsets)/2]), int64(offsets[len(offsets)-1])} {
				add("truncate vlog at an entry", fmt.Sprintf("%s@%d", name, n), fx.layered, "", truncate(name, n))
			}
		}
	}
	// A value log lost or cut is refused at Open in a cleanly closed
	// database (V1), not found one read at a time.
	for i := range cases {
		switch cases[i].kind {
		case "delete vlog", "truncate vlog", "truncate vlog at an entry":
			cases[i].refuse = true
		}
	}

	// Older files put back. A table compacted away and restored under its
	// own name; the MANIFEST of then.
	old := fx.compacted.snapshots[0]
	for _, name := range []string{"000001.sst", "MANIFEST"} {
		add("restore older "+fileKind(name), name, fx.compacted, "", func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(old, name), filepath.Join(dir, name))
		})
		// Badger's LOCK file put there, as a crash leaves it: the record
		// of the tables, not the file, tells a crash.
		add("restore older "+fileKind(name)+" beside a LOCK file", name, fx.compacted, "", func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(old, name), filepath.Join(dir, name))
			if err := os.WriteFile(filepath.Join(dir, "LOCK"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		})
	}
	// An older table under the name of a current one: a valid table in
	// place of another, which the record of the tables kept outside the
	// directory tells.
	for _, f := range []*fixture{fx.layered, fx.compacted, fx.crashed} {
		tables := slices.DeleteFunc(f.names(), func(n string) bool { return fileKind(n) != "sst" })
		for _, name := range tables {
			add("older table as current", fmt.Sprintf("%d tables/%s", len(tables), name), f, "", func(t *testing.T, dir string) {
				copyFile(t, filepath.Join(fx.layered.snapshots[0], "000001.sst"), filepath.Join(dir, name))
			})
		}
	}

	// After a crash: the write-ahead log and the value log being written
	// (the value logs before it are as in a closed database).
	var logs []string
	for _, name := range fx.crashed.names() {
		switch fileKind(name) {
		case "mem":
			logs = append(logs, name)
		case "vlog":
			logs = append(slices.DeleteFunc(logs, func(n string) bool { return fileKind(n) == "vlog" }), name)
		}
	}
	for _, name := range logs {
		kind := fileKind(name)
		// The entries but the last, and the zeros just after them; a
		// damaged last entry is a case of its own, below.
		offsets, e := badgerstore.LogEntries(fx.crashed.files[name].Data)
		end, last := int64(e), int64(offsets[len(offsets)-1])
		for _, off := range append(sampleOffsets(rng, last, offsetsPerFile), end+10, end+63) {
			bit := byte(1) << (off % 8)
			add("crashed: flip "+kind, fmt.Sprintf("%s@%d", name, off), fx.crashed, "", func(t *testing.T, dir string) {
				dirimage.Flip(t, filepath.Join(dir, name), off, bit)
			})
		}
		for _, n := range []int64{end / 2, end - 2} {
			add("crashed: truncate "+kind, fmt.Sprintf("%s@%d", name, n), fx.crashed, "", func(t *testing.T, dir string) {
				if err := os.Truncate(filepath.Join(dir, name), n); err != nil {
					t.Fatal(err)
				}
			})
		}
		// The last entry damaged: what a crash during the last commit
		// leaves, which Badger drops. In the value log, the reads of the
		// values it held report it; in the write-ahead log, the commit is
		// gone.
		gap := ""
		if kind == "mem" {
			gap = "after a crash, a damaged last entry of the write-ahead log is a torn write"
		}
		add("crashed: flip last entry of "+kind, name, fx.crashed, gap, func(t *testing.T, dir string) {
			dirimage.Flip(t, filepath.Join(dir, name), end-2, 1)
		})
	}
	return cases
}

func fileKind(name string) string {
	if ext := filepath.Ext(name); ext != "" {
		return ext[1:]
	}
	return name
}

// sampleOffsets returns the first and last offset of a file of size bytes,
// one in the IV at the head of a log, and one random offset in each of n-2
// equal parts between.
func sampleOffsets(rng *rand.Rand, size int64, n int) []int64 {
	offs := []int64{0, min(10, size-1), size - 1}
	step := size / int64(n-2)
	for i := int64(0); i < int64(n-2) && step > 0; i++ {
		offs = append(offs, i*step+rng.Int64N(step))
	}
	slices.Sort(offs)
	return slices.Compact(offs)
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// An outcome is what reading a damaged copy gave.
type outcome struct {
	refused   bool   // Open failed with ErrCorrupt naming a file
	changed   string // what a refusing Open changed in the directory
	openErr   error  // Open failed otherwise
	detected  int    // reads that failed with ErrCorrupt
	silent    []string
	otherErrs int
	otherErr  error
}

func runCase(t *testing.T, c damageCase) (o outcome) {
	dir := t.TempDir()
	dirimage.Write(t, dir, c.fx.files)
	record := filepath.Join(t.TempDir(), "tables")
	if err := os.WriteFile(record, c.fx.tables, 0o600); err != nil {
		t.Fatal(err)
	}
	c.damage(t, dir)
	defer func() {
		if r := recover(); r != nil {
			o.silent = append(o.silent, fmt.Sprintf("panic: %v", r))
		}
	}()
	before := listing(t, dir)
	s, err := badgerstore.OpenWith(dir, testKey(1), badgerstore.Options{Tables: record})
	if err != nil {
		if errors.Is(err, store.ErrCorrupt) && namesAFile(err, dir, c.fx.dir) {
			o.refused = true
		} else {
			o.openErr = err
		}
		if after := listing(t, dir); after != before {
			o.changed = fmt.Sprintf("%s became %s", before, after)
		}
		return o
	}
	defer s.Close()
	h := c.fx.h
	answer := func(key string, v []byte, err error) {
		switch {
		case errors.Is(err, store.ErrCorrupt):
			o.detected++
		case err != nil && !errors.Is(err, store.ErrNotFound):
			o.otherErrs++
			o.otherErr = err
		default:
			if what := h.judge(key, v, err == nil); what != "" {
				o.silent = append(o.silent, fmt.Sprintf("%s: %s", key, what))
			}
		}
	}
	for _, k := range h.keys {
		var v []byte
		err := s.View(context.Background(), func(tx store.ReadTx) error {
			var err error
			v, err = tx.Get([]byte(k))
			return err
		})
		answer(k, v, err)
	}
	got := map[string][]byte{}
	err = s.View(context.Background(), func(tx store.ReadTx) error {
		return tx.Scan(nil, func(k, v []byte) error {
			got[string(k)] = v
			return nil
		})
	})
	if err != nil {
		answer("(scan)", nil, err)
		return o
	}
	for _, k := range h.keys {
		v, ok := got[k]
		if what := h.judge(k, v, ok); what != "" {
			o.silent = append(o.silent, fmt.Sprintf("scan: %s: %s", k, what))
		}
	}
	for k := range got {
		if !slices.Contains(h.keys, k) {
			o.silent = append(o.silent, fmt.Sprintf("scan: %q: a key never written", k))
		}
	}
	return o
}

// listing describes the files of dir: names, sizes and times.
func listing(t *testing.T, dir string) string {
	var b strings.Builder
	for _, name := range fileNames(t, dir) {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s:%d:%d ", name, fi.Size(), fi.ModTime().UnixNano())
	}
	return b.String()
}

// judge says what is wrong with an answer for key: found says whether a
// value v was returned. It returns "" for the right answer.
func (h *history) judge(key string, v []byte, found bool) string {
	want, live := h.last[key]
	switch {
	case !found && !live, found && live && bytes.Equal(v, want):
		return ""
	case !found:
		return "missing"
	case slices.ContainsFunc(h.older[key], func(o []byte) bool { return bytes.Equal(o, v) }):
		if !live {
			return "deleted, yet an older value"
		}
		return "an older value"
	}
	return fmt.Sprintf("a wrong value (%d bytes)", len(v))
}

// namesAFile says whether err names a file of the damaged copy dir (or of
// the fixture it was copied from).
func namesAFile(err error, dirs ...string) bool {
	for _, dir := range dirs {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(err.Error(), e.Name()) {
				return true
			}
		}
	}
	return false
}

type tally struct {
	gap                                                           string
	cases, refused, detected, correct, silentCases, silentAnswers int
	other                                                         int
}

func (n *tally) add(o outcome) {
	n.cases++
	switch {
	case o.refused:
		n.refused++
	case len(o.silent) > 0:
		n.silentCases++
		n.silentAnswers += len(o.silent)
	case o.openErr != nil || o.otherErrs > 0:
		n.other++
	case o.detected > 0:
		n.detected++
	default:
		n.correct++
	}
}

func (n *tally) gapNote() string {
	if n.gap == "" {
		return ""
	}
	return "  (known gap: " + n.gap + ")"
}

// TestDamageTableBeforeLog damages a table and a value log at once: Open
// reads them on two cores, and names the table, as it did reading them one
// after the other.
func TestDamageTableBeforeLog(t *testing.T) {
	t.Parallel()
	fx := build(t, layered)
	dir := t.TempDir()
	dirimage.Write(t, dir, fx.files)
	var table, vlog string
	for _, name := range fx.names() {
		switch fileKind(name) {
		case "sst":
			table = name
		case "vlog":
			vlog = name
		}
	}
	if table == "" || vlog == "" {
		t.Fatalf("fixture without a table or a value log: %v", fx.names())
	}
	for _, name := range []string{table, vlog} {
		if err := os.Truncate(filepath.Join(dir, name), fx.files[name].Size/2); err != nil {
			t.Fatal(err)
		}
	}
	s, err := badgerstore.Open(dir, testKey(1))
	if err == nil {
		s.Close()
		t.Fatal("opened a database with a table and a value log cut short")
	}
	var fe *badgerstore.FileError
	if !errors.As(err, &fe) || filepath.Base(fe.Path) != table {
		t.Fatalf("Open: %v, want a *FileError naming %s", err, table)
	}
}
