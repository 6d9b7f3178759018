// Command fillvault creates a vault of N invented testimonies (about 4 KiB
// each, as gentestimonies writes them, each registering two persons),
// each with an attachment of SIZE random bytes (none when SIZE is 0), in
// one process, for benchmarks of what a whole vault costs (bench/rekey.sh):
// filling one with N tvault commands would take longer than the
// benchmark. With -reads R it then reads R records, in turn, from
// -workers goroutines, so that the audit log grows by about R entries
// (group commit shares a commit among the concurrent reads).
//
//	go run ./bench/fillvault -n 10000 -size 65536 -escrow age1pq1... DIR PASSFILE
//	go run ./bench/fillvault -n 50000 -size 0 -reads 450000 DIR PASSFILE
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

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
	reads := flag.Int("reads", 0, "audited reads to make after the puts")
	workers := flag.Int("workers", 32, "goroutines making the reads")
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
	var all []string
	for start := 0; start < *n; start += putBatch {
		var docs []*testimony.Testimony
		for i := start; i < min(start+putBatch, *n); i++ {
			docs = append(docs, synthetic.Testimony(i))
		}
		ids, _, err := v.Put(ctx, docs)
		if err != nil {
			return err
		}
		all = append(all, ids...)
		for _, id := range ids {
			if *size == 0 {
				break
			}
			rand.Read(data)
			if _, err := v.Attach(ctx, id, bytes.NewReader(data), "", "", ""); err != nil {
				return err
			}
		}
	}
	if err := readAll(ctx, v, all, *reads, *workers); err != nil {
		return err
	}
	return v.Close()
}

// readAll makes n audited reads of ids, in turn, from workers goroutines.
func readAll(ctx context.Context, v *vault.Vault, ids []string, n, workers int) error {
	if n == 0 || len(ids) == 0 {
		return nil
	}
	var next atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return nil
				}
				if _, err := v.Get(ctx, ids[i%int64(len(ids))]); err != nil {
					return err
				}
			}
		})
	}
	return g.Wait()
}
