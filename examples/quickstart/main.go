// Command quickstart runs tvault's main job on an embedded vault: it
// creates a vault in a temporary directory, stores the sample testimony,
// reads it back (decrypting and checking it), lists the vault, and shows
// that the testimony's identifying strings are nowhere on disk.
//
//	go run ./examples/quickstart
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

const sample = "testdata/corpus/t01-park-minji.json"

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "quickstart: error: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	tmp, err := os.MkdirTemp("", "tvault-quickstart-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "vault")
	// Every operation is audited under an actor: here, the local operator.
	ctx := service.WithActor(context.Background(), service.LocalOperator)

	f, err := os.Open(sample)
	if err != nil {
		return fmt.Errorf("run this from the repository root: %w", err)
	}
	doc, err := testimony.Parse(sample, f)
	f.Close()
	if err != nil {
		return err
	}

	passphrase := rand.Text()
	v, err := vault.Init(ctx, dir, passphrase, vault.Options{})
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Printf("1. created vault %s\n   recipient %.40s...\n", dir, v.Recipient())

	ids, _, err := v.Put(ctx, []*testimony.Testimony{doc})
	if err != nil {
		return err
	}
	fmt.Printf("2. stored %s as record %s\n", sample, ids[0])

	rec, err := v.Get(ctx, ids[0])
	if err != nil {
		return err
	}
	var pretty bytes.Buffer
	json.Indent(&pretty, rec.Canonical, "   ", "  ")
	fmt.Printf("3. read it back (decrypted, ID and hash checked):\n   %s\n", pretty.Bytes())

	list, err := v.List(ctx, "")
	if err != nil {
		return err
	}
	for _, s := range list {
		fmt.Printf("4. list: %s  case %s  created %s  sensitivity %s\n", s.ID, s.Case, s.Created.Format("2006-01-02T15:04:05Z"), s.Sensitivity)
	}
	if err := v.Close(); err != nil {
		return err
	}

	needles := []string{doc.Witness.Name, doc.Witness.Contact, doc.Case}
	found := 0
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				fmt.Printf("   PLAINTEXT %q FOUND in %s\n", n, path)
				found++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found > 0 {
		return fmt.Errorf("%d identifying strings found on disk", found)
	}
	fmt.Printf("5. searched every file under the vault for %q, %q and %q: none found\n", needles[0], needles[1], needles[2])
	return nil
}
