package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
