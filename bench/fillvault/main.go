// Command fillvault creates a vault of N invented testimonies (about 4 KiB
// each, as gentestimonies writes them), each with an attachment of SIZE
// random bytes, in one process, for benchmarks of what a whole vault
// costs (bench/rekey.sh): filling one with N tvault commands would take
// longer than the benchmark.
//
//	go run ./bench/fillvault -n 10000 -size 65536 -escrow age1pq1... DIR PASSFILE
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "fillvault: error: %v\n", err)
		os.Exit(1)
	}
}

// putBatch is how many testimonies one put stores: one transaction.
const putBatch = 1000

func run() error {
	n := flag.Int("n", 10000, "number of testimonies")
	size := flag.Int("size", 64<<10, "bytes of each testimony's attachment")
	escrow := flag.String("escrow", "", "escrow recipient (age1pq1...)")
	flag.Parse()
	if flag.NArg() != 2 {
		return fmt.Errorf("usage: fillvault [flags] DIR PASSFILE")
	}
	pass, err := os.ReadFile(flag.Arg(1))
	if err != nil {
		return err
	}
	var opts vault.Options
	if *escrow != "" {
		opts.Escrow = []string{*escrow}
	}
	ctx := service.WithActor(context.Background(), service.LocalOperator)
	v, err := vault.Init(ctx, flag.Arg(0), strings.TrimRight(string(pass), "\n"), opts)
	if err != nil {
		return err
	}
	defer v.Close()
	data := make([]byte, *size)
	for start := 0; start < *n; start += putBatch {
		var docs []*testimony.Testimony
		for i := start; i < min(start+putBatch, *n); i++ {
			docs = append(docs, synthetic.Testimony(i))
		}
		ids, _, err := v.Put(ctx, docs)
		if err != nil {
			return err
		}
		for _, id := range ids {
			rand.Read(data)
			if _, err := v.Attach(ctx, id, bytes.NewReader(data), "", "", ""); err != nil {
				return err
			}
		}
	}
	return v.Close()
}
