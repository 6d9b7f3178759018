package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// TestRecordOverBoundsServed checks that the bounds of a testimony's
// fields apply to new versions only: Put and Replace refuse a testimony
// over them, however it was made, and a record stored over them before
// they existed (put as tvault did then, checking names alone) still
// opens, lists, shows its views, exports, verifies, backs up and
// restores, and takes a new version within them.
func TestRecordOverBoundsServed(t *testing.T) {
	v, _ := newTestVault(t, Options{})
	over := *loadFixtures(t)[0]
	over.Title = strings.Repeat("a very long title ", 100)
	over.Tags = nil
	for i := range 100 {
		over.Tags = append(over.Tags, fmt.Sprintf("tag-%d", i))
	}
	overLimit := func(what string, err error, field string) {
		t.Helper()
		var pe *testimony.ParseError
		var le *testimony.LimitError
		if !errors.As(err, &pe) || pe.Field != field || !errors.As(err, &le) {
			t.Fatalf("%s over the bounds = %v, want a *LimitError of field %s", what, err, field)
		}
	}
	_, _, err := v.Put(ctx, []*testimony.Testimony{&over})
	overLimit("Put", err, "title")

	ids, _, err := v.put(ctx, []*testimony.Testimony{&over}, CheckNames)
	if err != nil {
		t.Fatal(err)
	}
	id := ids[0]
	rec, err := v.Get(ctx, id)
	if err != nil || !bytes.Equal(rec.Canonical, over.Canonical()) {
		t.Fatalf("Get = %v, %v", rec, err)
	}
	// As the daemon's client receives it.
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var got service.Record
	if err := json.Unmarshal(data, &got); err != nil || got.Testimony.Title != over.Title {
		t.Fatalf("a record over the bounds through JSON: %v", err)
	}
	if list, err := v.List(ctx, ""); err != nil || len(list) != 1 || list[0].ID != id {
		t.Fatalf("List = %v, %v", list, err)
	}
	if _, err := v.GetView(ctx, id, policy.ViewResearcher, ""); err != nil {
		t.Fatalf("GetView: %v", err)
	}
	if _, err := v.RedactCheck(ctx, id); err != nil {
		t.Fatalf("RedactCheck: %v", err)
	}
	n, err := v.Export(ctx, service.ExportOptions{View: policy.ViewResearcher, Purpose: "bounds test"}, func(*view.Record) error { return nil })
	if err != nil || n != 1 {
		t.Fatalf("Export = %d, %v", n, err)
	}
	if rep, err := v.Check(ctx, service.CheckOptions{ReadData: true}); err != nil || !rep.OK() {
		t.Fatalf("Check = %+v, %v", rep, err)
	}

	_, _, err = v.Replace(ctx, id, &over)
	overLimit("Replace", err, "title")
	fixed := over
	fixed.Title, fixed.Tags = "A shorter title", over.Tags[:64]
	if n, _, err := v.Replace(ctx, id, &fixed); err != nil || n != 2 {
		t.Fatalf("Replace within the bounds = %d, %v", n, err)
	}
	if old, err := v.GetVersion(ctx, id, 1); err != nil || old.Testimony.Title != over.Title {
		t.Fatalf("GetVersion 1 = %v, %v", old, err)
	}

	backup := filepath.Join(t.TempDir(), "vault.tvb")
	f, err := os.Create(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Backup(ctx, f); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	closeTest(t, v)
	ownState(t)
	r, _, err := RestoreOpen(ctx, f, filepath.Join(t.TempDir(), "restored"), testPass, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if old, err := r.GetVersion(ctx, id, 1); err != nil || old.Testimony.Title != over.Title {
		t.Fatalf("GetVersion 1 of the restored vault = %v, %v", old, err)
	}
}

// TestPersonListsBounded checks that what testimonies, edits and merges
// add to a registered person's lists is bounded: the write that would
// take one over its bound is refused with a *LimitError naming the list
// and stores nothing, and a person stored over a bound before it existed
// still takes testimonies that add nothing to that list.
func TestPersonListsBounded(t *testing.T) {
	t.Parallel()
	v, _ := newEngine(t, Options{})
	name := func(prefix string, i int) string {
		return fmt.Sprintf("%s %c%c", prefix, 'A'+i/26, 'a'+i%26)
	}
	names := func(prefix string, from, n int) []string {
		var out []string
		for i := range n {
			out = append(out, name(prefix, from+i))
		}
		return out
	}
	refused := func(what string, err error, file, field string, limit, size int) {
		t.Helper()
		var pe *testimony.ParseError
		var le *testimony.LimitError
		if !errors.As(err, &pe) || pe.File != file || pe.Field != field || !errors.As(err, &le) ||
			*le != (testimony.LimitError{Limit: limit, Size: size, Entries: true}) {
			t.Fatalf("%s = %v, want a *LimitError of %d entries over %d, file %q, field %s", what, err, size, limit, file, field)
		}
	}
	unchanged := func(key string, want *service.Person) {
		t.Helper()
		got, err := v.PersonByKey(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got.Records, want.Records = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("person %s changed by a refused write:\n got %+v\nwant %+v", key, got, want)
		}
	}
	records := func() int {
		t.Helper()
		list, err := v.List(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	// Aliases: the testimony's name and aliases that are new to the
	// person, up to 32.
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori", names("Han Sori", 0, 31)...))}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", name("Han Sori", 31)))}); err != nil {
		t.Fatalf("the 32nd alias: %v", err)
	}
	before, err := v.PersonByKey(ctx, "K-1")
	if err != nil || len(before.Aliases) != 32 {
		t.Fatalf("K-1 = %+v, %v; want 32 aliases", before, err)
	}
	n := records()
	_, _, err = v.Put(ctx, []*testimony.Testimony{doc(tperson("K-9", "Kim Eunju")), doc(tperson("K-1", "Han Sori", name("Han Sori", 32)))})
	refused("Put of a 33rd alias", err, "testimony 2", "witness.aliases", 32, 33)
	unchanged("K-1", before)
	if records() != n {
		t.Fatal("a put refused for a person's bound stored records")
	}
	if _, err := v.PersonByKey(ctx, "K-9"); !errors.Is(err, service.ErrNoPerson) {
		t.Fatalf("a put refused for a person's bound registered another: %v", err)
	}

	// Past contacts, through a person other than the witness: 65
	// contacts are one current and 64 past.
	var docs []*testimony.Testimony
	for i := range 65 {
		p := tperson("K-2", "Ri Myong")
		p.Contact = fmt.Sprintf("+82 10-0000-%04d", i)
		docs = append(docs, doc(tperson("K-1", "Han Sori"), p))
	}
	if _, _, err := v.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	before, err = v.PersonByKey(ctx, "K-2")
	if err != nil || len(before.PastContacts) != 64 {
		t.Fatalf("K-2 = %+v, %v; want 64 past contacts", before, err)
	}
	p := tperson("K-2", "Ri Myong")
	p.Contact = "+82 10-0000-9999"
	_, _, err = v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori"), p)})
	refused("Put of a 65th past contact", err, "testimony 1", "persons[0].contact", 64, 65)
	unchanged("K-2", before)
	p.Contact = before.Contact // known already: nothing to add
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori"), p)}); err != nil {
		t.Fatalf("a put adding nothing to a full list: %v", err)
	}

	// Past names through edits: each moves the name and aliases it
	// replaces to the past ones.
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-3", "Pak Chol"))}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		e := tperson("", name("Pak Chol", 100*i), names("Pak Chol", 100*i+1, 32)...)
		if _, err := v.EditPerson(ctx, "K-3", &e); err != nil {
			t.Fatalf("edit %d: %v", i+1, err)
		}
	}
	before, err = v.PersonByKey(ctx, "K-3")
	if err != nil || len(before.PastNames) != 34 {
		t.Fatalf("K-3 = %+v, %v; want 34 past names", before, err)
	}
	e := tperson("", name("Pak Chol", 200), names("Pak Chol", 201, 32)...)
	_, err = v.EditPerson(ctx, "K-3", &e)
	refused("EditPerson over the past names' bound", err, "person", "past_names", 64, 67)
	unchanged("K-3", before)

	// A merge: the names of the person merged become aliases.
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-4", "Choe Min", names("Choe Min", 0, 20)...)),
		doc(tperson("K-5", "Choe Minho", names("Choe Minho", 0, 20)...))}); err != nil {
		t.Fatal(err)
	}
	before, err = v.PersonByKey(ctx, "K-5")
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.MergePersons(ctx, "K-4", "K-5")
	refused("MergePersons over the aliases' bound", err, "person", "aliases", 32, 41)
	unchanged("K-5", before)
	if got, err := v.PersonByKey(ctx, "K-4"); err != nil || got.MergedInto != "" {
		t.Fatalf("K-4 after a refused merge = %+v, %v", got, err)
	}

	// Merged keys: every merge adds the merged person's key and its own
	// merged keys. M-0 with 129 merged keys, M-129 with 127 and its own
	// key make 257: that merge is refused.
	var same []*testimony.Testimony
	for i := range 258 {
		same = append(same, doc(tperson(fmt.Sprintf("M-%d", i), "Jo Hana")))
	}
	if _, _, err := v.Put(ctx, same); err != nil {
		t.Fatal(err)
	}
	for i := range 256 {
		keep := "M-0"
		if i >= 128 {
			keep = "M-129"
		}
		if i == 0 || i == 129 {
			continue
		}
		if _, err := v.MergePersons(ctx, fmt.Sprintf("M-%d", i), keep); err != nil {
			t.Fatalf("merge %d: %v", i, err)
		}
	}
	for _, k := range []string{"M-256", "M-257"} {
		if _, err := v.MergePersons(ctx, k, "M-0"); err != nil {
			t.Fatalf("merge of %s: %v", k, err)
		}
	}
	before, err = v.PersonByKey(ctx, "M-0")
	if err != nil || len(before.MergedKeys) != 129 {
		t.Fatalf("M-0 = %+v, %v; want 129 merged keys", before, err)
	}
	_, err = v.MergePersons(ctx, "M-129", "M-0")
	refused("MergePersons over the merged keys' bound", err, "person", "merged_keys", 256, 257)
	unchanged("M-0", before)

	// A person stored over the aliases' bound before it existed (put
	// with CheckNames alone, as tvault did then) is served, and refused
	// only a new alias.
	over := doc(tperson("K-6", "Yun Hee", names("Yun Hee", 0, 40)...))
	if _, _, err := v.put(ctx, []*testimony.Testimony{over}, CheckNames); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-6", name("Yun Hee", 39), name("Yun Hee", 3)))}); err != nil {
		t.Fatalf("a put adding nothing to a person over the bound: %v", err)
	}
	_, _, err = v.Put(ctx, []*testimony.Testimony{doc(tperson("K-6", "Yun Hee", name("Yun Hee", 40)))})
	refused("Put of a new alias to a person over the bound", err, "testimony 1", "witness.aliases", 32, 41)
}
