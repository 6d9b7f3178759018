package vault

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// TestAuditForeignScripts: a purpose or reason that names a registered
// person in another script than the one she was registered in (review
// 13i I2: a Vietnamese or Spanish name in Hangul, a Russian name in Han
// characters, a Korean given name in katakana) is refused as naming a
// registered person, and no trace of it is in the log.
func TestAuditForeignScripts(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	rec := *docs[0]
	rec.Case, rec.Witness = "TV-2026-1701", testimony.Person{Key: "TW-1701", Name: "Trịnh Thị Lan", Aliases: []string{"Lan"}, BirthYear: 1999}
	rec.Persons = []testimony.Person{
		{Key: "TP-1702", Name: "Rigoberto Salinas", Relation: "trafficker"},
		{Key: "TP-1703", Name: "Вадим Олегович Гусев", Relation: "trafficker"},
		{Key: "TP-1704", Name: "박지연", Relation: "friend"},
	}
	if _, _, err := v.Put(ctx, append(docs, &rec)); err != nil {
		t.Fatal(err)
	}
	export := func(purpose string) error {
		_, err := v.Export(ctx, service.ExportOptions{View: "researcher", Purpose: purpose}, func(*view.Record) error { return nil })
		return err
	}
	reason := func(r string) error {
		_, err := v.Reidentify(ctx, "P-XXXX-XXXX", "", r)
		return err
	}
	for _, c := range []struct {
		text string
		call func(string) error
	}{
		{"찐티란 case", export},
		{"ジヨン NGO contact", export},
		{"리고베르토 threat", reason},
		{"瓦季姆·古谢夫 (nf)", reason},
	} {
		err := c.call(c.text)
		if !errors.Is(err, service.ErrInvalidArgument) || !strings.Contains(err.Error(), "names a registered person") {
			t.Errorf("%q: %v, want it refused as naming a registered person", c.text, err)
		}
	}
	var log bytes.Buffer
	if err := v.AuditExport(ctx, &log); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"찐티란", "ジヨン", "리고베르토", "瓦季姆", "古谢夫"} {
		if bytes.Contains(log.Bytes(), []byte(s)) {
			t.Errorf("the audit log holds %q", s)
		}
	}
}
