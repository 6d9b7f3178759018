package vault

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/dirimage"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// TestVaultDamage damages a real vault directory (its Badger files, blob
// files and keyring), one kind of damage at a time, before it is opened
// or while it is open, and runs every read: list, get of every record,
// the attachments of every record and each one's content, audit verify,
// and Check with ReadData. Each case must be refused at open, with an
// integrity, rollback or keyring error; or every read must give exactly
// what was written or refuse with an integrity error, and Check must
// report a problem if any read refused. Anything else (a read that gives
// another answer, or fails as if the data were not there; reads that
// refuse while Check passes) is a silent loss: the test counts them and
// fails on one. The store's known gap (badgerstore's TestDamage: a
// damaged last entry of the write-ahead log after a crash) has a case:
// here the kept checkpoint closes it. The cases run one at a time, each
// with TVAULT_STATE_DIR set to its own copy of the state kept outside the
// vault (its checkpoint, and the record of its tables), since copies of
// one vault that move on apart would be rollbacks of each other, and a
// parallel test cannot set it.
func TestVaultDamage(t *testing.T) {
	closed, crashed := buildVaultFixtures(t)
	cases := vaultDamageCases(closed, crashed)

	var n vaultTally
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := runVaultCase(t, c)
			n.add(o)
			t.Log(o)
			switch {
			case o.silent != "":
				t.Errorf("silent loss: %s", o.silent)
			case c.control && (o.openErr != nil || o.problems > 0):
				t.Errorf("an undamaged vault: Open %v, %d problems", o.openErr, o.problems)
			case o.openErr != nil && !o.named:
				t.Errorf("refused at open with an error that names no damage: %v", o.openErr)
			case c.refuse && o.openErr == nil:
				t.Errorf("not refused at open: %s", o)
			}
		})
	}
	t.Logf("cases %d, refused at open %d, detected by check %d, correct %d, silent %d",
		n.cases, n.refused, n.detected, n.correct, n.silent)
}

// A vaultFixture is a vault directory's files, the checkpoint kept of it
// outside the directory, and what was written to it.
type vaultFixture struct {
	// dir is where the vault was written: each case puts its copy there.
	dir   string
	files map[string]dirimage.Image // by path relative to the vault directory
	state map[string]dirimage.Image // the state directory (TVAULT_STATE_DIR)
	// older is the database of an earlier session, for its tables.
	older   map[string]dirimage.Image
	records map[string][]byte   // record ID: canonical JSON of its last version
	atts    map[string][]byte   // record ID/attachment ID: content
	ofRec   map[string][]string // record ID: its attachment IDs
}

// buildVaultFixtures writes a small vault in three sessions: the closed
// fixture is the vault after two, the crashed one a copy of the vault
// taken while the third session runs, after its write returned: what a
// crash leaves, its last transaction in Badger's write-ahead log (.mem).
func buildVaultFixtures(t *testing.T) (closed, crashed *vaultFixture) {
	state := t.TempDir()
	t.Setenv("TVAULT_STATE_DIR", state)
	v, dir := newTestVault(t, Options{})
	fx := &vaultFixture{dir: dir, records: map[string][]byte{}, atts: map[string][]byte{}, ofRec: map[string][]string{}}
	put := func(docs ...*testimony.Testimony) []string {
		t.Helper()
		ids, _, err := v.Put(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			fx.records[id] = docs[i].Canonical()
		}
		return ids
	}
	closeVault := func() {
		t.Helper()
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
	}
	reopen := func() {
		t.Helper()
		var err error
		if v, err = Open(dir, testPass); err != nil {
			t.Fatal(err)
		}
	}

	ids := put(doc(tperson("K-1", "Han Sori")), doc(tperson("K-2", "Jo Minsu")), doc(tperson("K-3", "Pak Yuna")))
	content := []byte("a short recording, encrypted as a blob")
	att, err := v.Attach(ctx, ids[1], bytes.NewReader(content), "audio", "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}
	fx.atts[ids[1]+"/"+att.ID] = content
	fx.ofRec[ids[1]] = []string{att.ID}
	// A log with a block of hashes (audit/hb/) and blocks of entries
	// (audit/eb/), and the individual hashes and entries after them, in
	// the files every case damages.
	growLog(t, v, 2100)
	if !rawHas(t, v.raw, hashBlock0) || !rawHas(t, v.raw, entryBlock0) {
		t.Fatal("no block of hashes or of entries in the fixture")
	}
	closeVault()
	fx.older = dirimage.Load(t, filepath.Join(dir, dbDir))
	reopen()

	replaced := doc(tperson("K-1", "Han Sori"), tperson("K-4", "Ri Chol"))
	if _, _, err := v.Replace(ctx, ids[0], replaced); err != nil {
		t.Fatal(err)
	}
	fx.records[ids[0]] = replaced.Canonical()
	put(long(doc(tperson("K-5", "Kim Eunju"))))
	closeVault()
	closed = fx.snapshot(t, dir, state)

	reopen()
	put(long(doc(tperson("K-6", "Choe Hana"))))
	crashed = fx.snapshot(t, dir, state)
	closeVault()
	if !slices.ContainsFunc(slices.Collect(maps.Keys(crashed.files)), func(n string) bool { return strings.HasSuffix(n, ".mem") }) {
		t.Fatal("crashed fixture: no write-ahead log")
	}
	return closed, crashed
}

// long gives d a narrative longer than what Badger keeps in its tables,
// so that its version is written to the value log.
func long(d *testimony.Testimony) *testimony.Testimony {
	d.Narrative = strings.Repeat("The interview went on. ", 300)
	return d
}

// snapshot returns fx with the files of the vault in dir and of the state
// directory as they are now.
func (fx *vaultFixture) snapshot(t *testing.T, dir, state string) *vaultFixture {
	c := *fx
	c.files, c.state = dirimage.Load(t, dir), dirimage.Load(t, state)
	c.records = maps.Clone(fx.records)
	return &c
}

// A vaultCase damages a copy of a fixture.
type vaultCase struct {
	name    string
	fx      *vaultFixture
	control bool // the fixture as it is, which must read back whole
	damage  func(t *testing.T, dir string)
	// whileOpen, if set, damages the vault once it is open.
	whileOpen func(t *testing.T, dir string)
	// state, if set, changes the state directory's copy before the open.
	state func(t *testing.T, state string)
	// refuse says that the open must refuse the vault, naming the damage.
	refuse bool
}

// offsetsPerFile is how many bytes each file gets flipped at: its first
// and last, and one at random in each half of what it holds.
const offsetsPerFile = 4

func vaultDamageCases(closed, crashed *vaultFixture) []vaultCase {
	var cases []vaultCase
	add := func(fx *vaultFixture, name string, damage func(t *testing.T, dir string)) {
		cases = append(cases, vaultCase{name: name, fx: fx, damage: damage})
	}
	cases = append(cases,
		vaultCase{name: "none/closed", fx: closed, control: true, damage: func(*testing.T, string) {}},
		vaultCase{name: "none/crashed", fx: crashed, control: true, damage: func(*testing.T, string) {}})
	rng := rand.New(rand.NewPCG(12, 0))

	names := slices.Sorted(maps.Keys(closed.files))
	for _, name := range names {
		im := closed.files[name]
		for _, off := range flipOffsets(rng, im) {
			add(closed, fmt.Sprintf("flip %s/%s@%d", fileKindOf(name), name, off), func(t *testing.T, dir string) {
				dirimage.Flip(t, filepath.Join(dir, name), off, 0x20)
			})
		}
	}
	var tables []string
	for _, name := range names {
		if fileKindOf(name) != "sst" {
			continue
		}
		tables = append(tables, name)
		for _, n := range []int64{0, closed.files[name].Size / 2} {
			add(closed, fmt.Sprintf("truncate sst/%s@%d", name, n), func(t *testing.T, dir string) {
				if err := os.Truncate(filepath.Join(dir, name), n); err != nil {
					t.Fatal(err)
				}
			})
		}
		add(closed, "delete sst/"+name, func(t *testing.T, dir string) { removeFile(t, filepath.Join(dir, name)) })
	}
	// A valid older table in place of each current one: refused by the
	// record of the tables kept in the state directory. And the same, and
	// a flipped byte, while the vault is open.
	for _, name := range tables {
		older := func(t *testing.T, dir string) {
			dirimage.Write(t, filepath.Join(dir, name), map[string]dirimage.Image{"": closed.older["000001.sst"]})
		}
		add(closed, "older table/"+name, older)
		for _, other := range tables {
			if other != name {
				add(closed, "table "+other+" as "+name, func(t *testing.T, dir string) {
					dirimage.Write(t, filepath.Join(dir, name), map[string]dirimage.Image{"": closed.files[other]})
				})
			}
		}
		cases = append(cases,
			vaultCase{name: "while open: older table/" + name, fx: closed, damage: func(*testing.T, string) {}, whileOpen: func(t *testing.T, dir string) {
				copyInPlace(t, closed.older["000001.sst"], filepath.Join(dir, name))
			}},
			vaultCase{name: "while open: flip sst/" + name, fx: closed, damage: func(*testing.T, string) {}, whileOpen: func(t *testing.T, dir string) {
				dirimage.Flip(t, filepath.Join(dir, name), closed.files[name].Size/2, 0x20)
			}})
		if flipMapped == nil {
			continue
		}
		for _, at := range []int64{10, 45, 75} {
			off := closed.files[name].Size * at / 100
			cases = append(cases, vaultCase{name: fmt.Sprintf("while open: flip through a memory map sst/%s@%d", name, off), fx: closed, damage: func(*testing.T, string) {}, whileOpen: func(t *testing.T, dir string) {
				flipMapped(t, filepath.Join(dir, name), off)
			}})
		}
	}
	// A table dropped from MANIFEST, its file removed: Badger opens what
	// is left. The record of the tables kept here refuses it; where that
	// record cannot vouch for the tables (the first open with a new state
	// directory, a crash, commits made elsewhere), the open verifies the
	// state against the log (review 12d, N1 and N2).
	unvouched := []struct {
		name  string
		state func(t *testing.T, state string)
	}{
		{"", nil},
		{", a new state directory", emptyDir},
		{", after a crash", recordOpen},
		{", commits made elsewhere", nil},
	}
	for _, u := range unvouched {
		cases = append(cases,
			vaultCase{name: "none/closed" + u.name, fx: closed, control: true, damage: func(*testing.T, string) {}, state: u.state},
			vaultCase{name: "none/crashed" + u.name, fx: crashed, control: true, damage: func(*testing.T, string) {}, state: u.state})
		for i, name := range tables {
			if u.name == ", a new state directory" && i == len(tables)-1 {
				// Without the newest table the vault is whole, as it was
				// before its last session: an older copy, which only a
				// checkpoint kept of the newer one tells (a witness).
				continue
			}
			id, _ := strconv.ParseUint(strings.TrimSuffix(filepath.Base(name), ".sst"), 10, 64)
			cases = append(cases, vaultCase{name: "dropped from MANIFEST/" + name + u.name, fx: closed, state: u.state, damage: func(t *testing.T, dir string) {
				if u.name == ", commits made elsewhere" {
					writeElsewhere(t, dir)
				}
				dropTable(t, filepath.Join(dir, filepath.Dir(name)), id)
			}})
		}
	}
	for _, name := range names {
		if fileKindOf(name) == "blob" {
			add(closed, "delete blob/"+name, func(t *testing.T, dir string) { removeFile(t, filepath.Join(dir, name)) })
		}
	}
	// A value-log file deleted, emptied or cut to its header: refused at
	// open naming the file where the record of the tables vouches for
	// them (it records the value log at a clean close), and by the
	// verification against the log where it does not (review12e V1).
	for _, name := range names {
		if fileKindOf(name) != "vlog" || closed.files[name].Size <= 20 {
			continue
		}
		for _, u := range unvouched[:3] {
			cases = append(cases, vaultCase{name: "delete vlog/" + name + u.name, fx: closed, state: u.state, refuse: true, damage: func(t *testing.T, dir string) {
				removeFile(t, filepath.Join(dir, name))
			}})
			for _, n := range []int64{0, 20} {
				cases = append(cases, vaultCase{name: fmt.Sprintf("truncate vlog/%s@%d%s", name, n, u.name), fx: closed, state: u.state, refuse: true, damage: func(t *testing.T, dir string) {
					if err := os.Truncate(filepath.Join(dir, name), n); err != nil {
						t.Fatal(err)
					}
				}})
			}
		}
	}

	// After a crash: the write-ahead log, and the store's second gap, its
	// last entry damaged, which Badger drops as a torn write.
	for _, name := range slices.Sorted(maps.Keys(crashed.files)) {
		if fileKindOf(name) != "mem" {
			continue
		}
		im := crashed.files[name]
		for _, off := range flipOffsets(rng, im) {
			add(crashed, fmt.Sprintf("crashed: flip mem/%s@%d", name, off), func(t *testing.T, dir string) {
				dirimage.Flip(t, filepath.Join(dir, name), off, 0x20)
			})
		}
		// Its data ends with the last entry's checksum.
		end := int64(len(im.Data))
		add(crashed, "crashed: flip last entry of mem/"+name, func(t *testing.T, dir string) {
			dirimage.Flip(t, filepath.Join(dir, name), end-2, 0x20)
		})
	}
	return cases
}

// fileKindOf names the kind of a vault file: its extension, the name of a
// Badger file without one, or "blob".
func fileKindOf(name string) string {
	if strings.HasPrefix(name, blobDir+"/") {
		return "blob"
	}
	if ext := filepath.Ext(name); ext != "" {
		return ext[1:]
	}
	return filepath.Base(name)
}

// flipOffsets returns the first and last offset of a file, and one at
// random in each half of its data (a preallocated log is mostly a hole).
func flipOffsets(rng *rand.Rand, im dirimage.Image) []int64 {
	data := max(int64(len(im.Data)), 2)
	offs := []int64{0, rng.Int64N(data / 2), data/2 + rng.Int64N(data-data/2), im.Size - 1}
	offs = slices.DeleteFunc(offs, func(o int64) bool { return o >= im.Size })
	slices.Sort(offs)
	return slices.Compact(offs)
}

// flipMapped, where memory maps are, damages a file through one, holding
// it open (damage_mmap_test.go).
var flipMapped func(t testing.TB, path string, off int64)

// copyInPlace writes im over the file at path in place, as cp does: the
// same file, so that a process that maps it sees the new content.
func copyInPlace(t *testing.T, im dirimage.Image, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err == nil {
		_, err = f.Write(im.Data)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
}

// dropTable appends to the MANIFEST of the database in db the deletion of
// table id, and removes its file, as an attacker without the key can
// (Badger's manifest.go: a change set framed by its length and CRC-32C,
// a protocol buffer of one change: ID, and operation DELETE).
func dropTable(t *testing.T, db string, id uint64) {
	t.Helper()
	change := append(binary.AppendUvarint([]byte{0x08}, id), 0x10, 0x01)
	set := append([]byte{0x0a, byte(len(change))}, change...)
	frame := binary.BigEndian.AppendUint32(nil, uint32(len(set)))
	frame = binary.BigEndian.AppendUint32(frame, crc32.Checksum(set, crc32.MakeTable(crc32.Castagnoli)))
	f, err := os.OpenFile(filepath.Join(db, "MANIFEST"), os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		_, err = f.Write(append(frame, set...))
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
	removeFile(t, filepath.Join(db, fmt.Sprintf("%06d.sst", id)))
}

// writeElsewhere opens the vault in dir with a state directory of its
// own and writes to it (an officer on another machine, say), so that its
// database holds commits that the record of its tables did not see.
func writeElsewhere(t *testing.T, dir string) {
	t.Helper()
	v, err := OpenWith(dir, testPass, OpenOptions{Isolated: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-9", "Yun Sol"))}); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
}

// emptyDir removes what the state directory holds: a new one.
func emptyDir(t *testing.T, state string) {
	t.Helper()
	if err := os.RemoveAll(state); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(state, 0o700); err != nil {
		t.Fatal(err)
	}
}

// recordOpen makes the record of the tables say open, as a crash leaves
// it (the store writes it so at open, in format v2, without the value
// log's files).
func recordOpen(t *testing.T, state string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(state, "*.tables"))
	if len(files) != 1 {
		t.Fatalf("record of the tables: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 4)
	if lines[2] != "open" && !strings.HasPrefix(lines[2], "closed ") {
		t.Fatalf("record of the tables: %q", data)
	}
	lines[0], lines[2] = "tvault-tables/v2", "open"
	text, _, _ := strings.Cut(strings.Join(lines, "\n"), "vlog ")
	if err := os.WriteFile(files[0], []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// A vaultOutcome is what opening and reading a damaged copy gave.
type vaultOutcome struct {
	openErr  error
	named    bool   // openErr says what is damaged (namesDamage)
	problems int    // what Check reported
	first    string // the first of them
	silent   string
}

func runVaultCase(t *testing.T, c vaultCase) (o vaultOutcome) {
	dir, state := c.fx.dir, t.TempDir()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	dirimage.Write(t, dir, c.fx.files)
	dirimage.Write(t, state, c.fx.state)
	t.Setenv("TVAULT_STATE_DIR", state)
	if c.state != nil {
		c.state(t, state)
	}
	c.damage(t, dir)
	defer func() {
		if r := recover(); r != nil {
			o.silent = fmt.Sprintf("a panic: %v", r)
		}
	}()
	v, err := Open(dir, testPass)
	if err != nil {
		o.openErr, o.named = err, namesDamage(err, dir)
		return o
	}
	defer v.Close()
	if c.whileOpen != nil {
		c.whileOpen(t, dir)
	}
	wrong, refused := readAll(v, c.fx)
	r, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	switch {
	case err != nil:
		// Check could not run: as good as a problem, and said.
		o.problems, o.first = 1, fmt.Sprintf("Check failed: %v", err)
	default:
		o.problems = r.NumProblems()
		if len(r.Problems) > 0 {
			o.first = r.Problems[0].String()
		}
	}
	switch {
	case wrong != "":
		o.silent = wrong
	case refused > 0 && o.problems == 0:
		o.silent = fmt.Sprintf("%d reads refused with an integrity error, and Check found nothing", refused)
	}
	return o
}

// namesDamage says whether err, from opening the vault in dir, is a
// rollback, an integrity error naming a database file, or a keyring that
// does not open (a damaged scrypt stanza reads as a wrong passphrase).
func namesDamage(err error, dir string) bool {
	var re *RollbackError
	switch {
	case errors.As(err, &re):
		return true
	case errors.Is(err, store.ErrCorrupt):
		return strings.Contains(err.Error(), filepath.Join(dir, dbDir)+string(filepath.Separator)) ||
			strings.Contains(err.Error(), "is not what its audit log says") ||
			strings.HasPrefix(err.Error(), "audit log: ") ||
			// The log's damage as the reason its stored checkpoint fails.
			strings.HasPrefix(err.Error(), "the vault's stored checkpoint: audit log: ") ||
			errors.Is(err, keyring.ErrMalformed)
	}
	return errors.Is(err, keyring.ErrWrongPassphrase)
}

// readAll runs every read of the vault and returns the first that did not
// give exactly what fx wrote without saying so, or ""; and how many reads
// refused with an integrity error.
func readAll(v *Vault, fx *vaultFixture) (wrong string, refused int) {
	// failed says whether a read's error is one: an integrity error is a
	// refusal, any other a wrong answer (damage read as absence).
	failed := func(what string, err error) bool {
		if err == nil {
			return false
		}
		if errors.Is(err, store.ErrCorrupt) || errors.As(err, new(*service.IntegrityError)) {
			refused++
		} else if wrong == "" {
			wrong = fmt.Sprintf("%s failed without an integrity error: %v", what, err)
		}
		return true
	}
	list, err := v.List(ctx, "")
	listed := map[string]bool{}
	if !failed("list", err) {
		for _, s := range list {
			listed[s.ID] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(fx.records)) {
		if err == nil && !listed[id] && wrong == "" {
			wrong = "record " + id + " is missing from list"
		}
		rec, err := v.Get(ctx, id)
		if !failed("get "+id, err) && !bytes.Equal(rec.Canonical, fx.records[id]) && wrong == "" {
			wrong = "get " + id + " gave another testimony"
		}
		atts, err := v.Attachments(ctx, id)
		if failed("attachments of "+id, err) {
			continue
		}
		var got []string
		for _, a := range atts {
			got = append(got, a.ID)
		}
		if !slices.Equal(got, fx.ofRec[id]) && wrong == "" {
			wrong = fmt.Sprintf("record %s lists attachments %v, want %v", id, got, fx.ofRec[id])
		}
		for _, a := range got {
			var b bytes.Buffer
			err := v.AttachmentGet(ctx, id, a, &b)
			if !failed("attachment "+id+"/"+a, err) && !bytes.Equal(b.Bytes(), fx.atts[id+"/"+a]) && wrong == "" {
				wrong = "attachment " + id + "/" + a + " gave other content"
			}
		}
	}
	if _, err := v.AuditVerify(ctx, nil); err != nil {
		// A log that does not verify says so: a refusal, whatever the
		// error's kind.
		refused++
	}
	return wrong, refused
}

func (o vaultOutcome) String() string {
	switch {
	case o.openErr != nil:
		return fmt.Sprintf("refused at open: %v", o.openErr)
	case o.silent != "":
		return "silent: " + o.silent
	case o.problems > 0:
		return fmt.Sprintf("check: %d problems, the first: %s", o.problems, o.first)
	}
	return "correct"
}

type vaultTally struct{ cases, refused, detected, correct, silent int }

func (n *vaultTally) add(o vaultOutcome) {
	n.cases++
	switch {
	case o.openErr != nil:
		n.refused++
	case o.silent != "":
		n.silent++
	case o.problems > 0:
		n.detected++
	default:
		n.correct++
	}
}
